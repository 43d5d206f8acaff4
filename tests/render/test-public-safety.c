/* test-public-safety.c: a restricted incident and a small count never reach a public PDF */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "bb-demo-station.h"
#include "bb-templates.h"
#include "render-test-util.h"

#define AUGUST_15_2026 G_GINT64_CONSTANT (1786795200)   /* 2026-08-15 12:00 UTC, in Q3 */

static char *
add_category (BbStore    *store,
              const char *code,
              const char *name)
{
  g_autoptr(BbCategory) category = bb_category_new ();
  g_autoptr(GError) error = NULL;

  /* A new record holds its defaults: replaced, they are freed. */
  g_free (category->code);
  category->code = g_strdup (code);
  g_free (category->name);
  category->name = g_strdup (name);
  g_free (category->kind);
  category->kind = g_strdup ("disorder");
  g_free (category->colour);
  category->colour = g_strdup ("#556677");
  g_assert_true (bb_store_category_insert (store, category, &error));
  g_assert_no_error (error);
  return g_strdup (category->id);
}

static void
add_incidents (BbStore    *store,
               const char *category_id,
               guint       n,
               gboolean    restricted)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();
      g_autoptr(GError) error = NULL;

      incident->category_id = g_strdup (category_id);
      incident->occurred_start = AUGUST_15_2026 + i * 3600;
      incident->lat = 41.3275;
      incident->lon = 19.8187;
      incident->restricted = restricted;
      g_free (incident->address);
      incident->address = g_strdup ("12 Hiddenlane Street");
      g_free (incident->description);
      incident->description = g_strdup ("Secretwitness Jane Roe saw everything");
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
}

/* The line of `pdftotext -layout` that holds @needle. */
static char *
layout_line (const char *path,
             const char *needle)
{
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

static void
test_briefing_withholds (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("beatbook-public-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "station.beatbook", NULL);
  g_autofree char *pdf = output_path (dir, "public-briefing.pdf");
  g_autofree char *pdf_all = g_build_filename (dir, "public-briefing-min1.pdf", NULL);
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbStation) station = NULL;
  g_autoptr(BbBranding) branding = NULL;
  g_autoptr(BbPrintDocument) doc = NULL;
  g_autoptr(BbWithheld) withheld = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *small = NULL;
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) words = NULL;
  BbDemoOptions demo;
  BbBriefingOptions options;

  bb_demo_options_init_default (&demo);
  demo.n_incidents = 2000;
  store = bb_demo_station_create (db, &demo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  station = bb_store_station_get (store, &error);
  g_assert_no_error (error);
  branding = bb_branding_new_from_station (station);

  /* Only restricted incidents in one category; two public ones in another. */
  secret = add_category (store, "test.quokka", "Quokkaconcern");
  add_incidents (store, secret, 6, TRUE);
  small = add_category (store, "test.zebra", "Zebracrossing misuse");
  add_incidents (store, small, 2, FALSE);

  bb_briefing_options_init (&options, 2026, 3);
  doc = bb_briefing_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, pdf, NULL, &error));
  g_assert_no_error (error);
  text = pdf_text (pdf);

  /* Nothing of the restricted incidents: not their category, not their
   * words, not the address (which no public document prints anyway). */
  g_assert_null (strstr (text, "Quokkaconcern"));
  g_assert_null (strstr (text, "Secretwitness"));
  g_assert_null (strstr (text, "Jane Roe"));
  g_assert_null (strstr (text, "Hiddenlane"));

  /* The small count is there as a range, never as "2". */
  line = layout_line (pdf, "Zebracrossing");
  g_assert_nonnull (line);
  g_assert_true (strstr (line, "< 3") != NULL || strstr (line, "<3") != NULL);
  words = g_strsplit_set (line, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    g_assert_cmpstr (words[i], !=, "2");

  /* The chief sees what was withheld. */
  g_assert_cmpint (withheld->restricted_incidents, >=, 6);
  g_assert_cmpuint (withheld->suppressed_counts, >=, 1);
  summary = bb_withheld_describe (withheld);
  g_assert_nonnull (strstr (summary, "restricted incidents were not counted"));

  /* The total printed counts public incidents only. */
  {
    g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
    g_autoptr(GTimeZone) tz = station->timezone != NULL ? g_time_zone_new_identifier (station->timezone) : NULL;
    g_autoptr(GDateTime) local_start = NULL;
    g_autoptr(GDateTime) local_end = NULL;
    g_autofree char *expected = NULL;
    g_autofree char *total_line = NULL;
    gint64 count;

    if (tz == NULL)
      tz = g_time_zone_new_utc ();
    local_start = g_date_time_new (tz, 2026, 7, 1, 0, 0, 0);
    local_end = g_date_time_add_months (local_start, 3);
    bb_incident_filter_set_time_range (filter, g_date_time_to_unix (local_start), g_date_time_to_unix (local_end));
    filter->restricted = BB_RESTRICTED_EXCLUDE;
    count = bb_store_incident_count (store, filter, &error);
    g_assert_no_error (error);
    expected = g_strdup_printf (" %" G_GINT64_FORMAT " ", count);
    total_line = layout_line (pdf, "All incidents");
    g_assert_nonnull (total_line);
    g_assert_nonnull (strstr (total_line, expected));
  }

  /* The threshold is the station's choice: at 1, the count is printed. */
  g_clear_pointer (&doc, bb_print_document_free);
  g_clear_pointer (&withheld, bb_withheld_free);
  g_clear_pointer (&line, g_free);
  options.policy.min_count = 1;
  doc = bb_briefing_build (store, branding, &options, &withheld, &error);
  g_assert_no_error (error);
  g_assert_true (bb_print_document_write_pdf (doc, pdf_all, NULL, &error));
  g_assert_no_error (error);
  line = layout_line (pdf_all, "Zebracrossing");
  g_assert_nonnull (line);
  g_assert_null (strstr (line, "<"));
  g_assert_nonnull (strstr (line, " 2 "));
  g_assert_cmpuint (withheld->suppressed_counts, ==, 0);
  bb_briefing_options_clear (&options);

  g_clear_object (&store);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

static void
test_policy (void)
{
  BbPublishPolicy policy;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  bb_publish_policy_init_default (&policy);
  g_assert_cmpuint (policy.min_count, ==, 3);
  g_assert_false (bb_publish_is_suppressed (&policy, 0));   /* none is not a person */
  g_assert_true (bb_publish_is_suppressed (&policy, 1));
  g_assert_true (bb_publish_is_suppressed (&policy, 2));
  g_assert_false (bb_publish_is_suppressed (&policy, 3));
  a = bb_publish_format_count (&policy, "en", 2, FALSE);
  b = bb_publish_format_count (&policy, "en", 1234, FALSE);
  c = bb_publish_format_count (&policy, "en", 0, FALSE);
  d = bb_publish_format_count (&policy, "en", 1, TRUE);
  g_assert_cmpstr (d, ==, "< 3");
  g_assert_cmpstr (a, ==, "fewer than 3");
  g_assert_cmpstr (b, ==, "1,234");   /* grouped as the document's language writes it */
  g_assert_cmpstr (c, ==, "0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/public-safety/policy", test_policy);
  g_test_add_func ("/render/public-safety/briefing-withholds", test_briefing_withholds);
  return g_test_run ();
}
