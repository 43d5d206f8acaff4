/* test-bundle-refused.c: bundles that are damaged, cut short, of another program, too new or misaddressed change nothing */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-bundle-private.h"
#include "bundle-test-util.h"

typedef struct {
  char        *dir;
  TestStation *north;
  TestStation *hq;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = make_test_dir ();
  f->north = test_station_new (f->dir, "North");
  f->hq = test_station_new (f->dir, "Headquarters");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_station_free (f->north);
  test_station_free (f->hq);
  rm_dir (f->dir);
  g_free (f->dir);
}

/* A copy of the bundle at @path with its header changed by @edit and
 * checksums that match, as another program (or a newer Beatbook) would
 * write it. */
static char *
rewrite_bundle (const char *path,
                const char *name,
                const char *find,
                const char *replace)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *payload = g_build_filename (dir, "payload.bin", NULL);
  g_autoptr(GString) json = NULL;
  char *out = g_build_filename (dir, name, NULL);
  gsize length;
  guint32 header_length;
  const guchar *p;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  p = (const guchar *) contents;
  header_length = ((guint32) p[20] << 24) | ((guint32) p[21] << 16) | ((guint32) p[22] << 8) | p[23];
  json = g_string_new_len (contents + 24, header_length);
  g_assert_cmpuint (g_string_replace (json, find, replace, 1), ==, 1);
  g_assert_true (g_file_set_contents (payload, contents + 24 + header_length, length - 24 - header_length - 32, &error));
  g_assert_true (bb_bundle_file_write (out, json->str, payload, NULL, &error));
  g_assert_no_error (error);
  g_unlink (payload);
  return out;
}

static void
write_changed (const char *from,
               const char *to,
               gsize       keep,
               gssize      flip)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  if (flip >= 0)
    contents[flip] ^= 0x20;
  g_assert_true (g_file_set_contents (to, contents, MIN (keep, length), NULL));
}

/* A bundle that is damaged, cut short, of another program, of a newer
 * Beatbook or for another station is refused with a message that says
 * which, and the station is left exactly as it was. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *id = add_incident (f->north->store, "burglary.residential", "Back door forced", FALSE);
  g_autofree char *good = export_bundle (f->north, NULL, "good", FALSE);
  g_autofree char *bad = g_build_filename (f->dir, "bad" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *before = station_digest (f->hq->store);
  gsize length;
  g_autofree char *contents = NULL;
  g_autofree char *foreign = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *newer_format = NULL;
  g_autofree char *elsewhere = NULL;
  struct {
    const char *what;
    gsize       keep;
    gssize      flip;
    int         code;
    const char *says;
  } cases[8];
  guint n = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  cases[n++] = (typeof (cases[0])) { "a byte of the changes", length, (gssize) length - 100, BB_BUNDLE_ERROR_DAMAGED, "checksum" };
  cases[n++] = (typeof (cases[0])) { "a byte of the header", length, 60, BB_BUNDLE_ERROR_DAMAGED, "damaged" };
  cases[n++] = (typeof (cases[0])) { "a byte of the checksum", length, (gssize) length - 5, BB_BUNDLE_ERROR_DAMAGED, "checksum" };
  cases[n++] = (typeof (cases[0])) { "cut in the changes", length / 2, -1, BB_BUNDLE_ERROR_TRUNCATED, "incomplete" };
  cases[n++] = (typeof (cases[0])) { "cut in the header", 100, -1, BB_BUNDLE_ERROR_TRUNCATED, "incomplete" };
  cases[n++] = (typeof (cases[0])) { "cut before the checksum", length - 10, -1, BB_BUNDLE_ERROR_TRUNCATED, "incomplete" };
  cases[n++] = (typeof (cases[0])) { "the magic", length, 3, BB_BUNDLE_ERROR_NOT_A_BUNDLE, "not a Beatbook bundle" };
  cases[n++] = (typeof (cases[0])) { "empty", 0, -1, BB_BUNDLE_ERROR_NOT_A_BUNDLE, "not a Beatbook bundle" };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("%s", cases[i].what);
      write_changed (good, bad, cases[i].keep, cases[i].flip);
      g_assert_null (bb_bundle_apply (f->hq->store, bad, FALSE, NULL, NULL, NULL, &error));
      g_assert_error (error, BB_BUNDLE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_nonnull (strstr (error->message, "Nothing was changed"));
      after = station_digest (f->hq->store);
      g_assert_cmpstr (before, ==, after);
    }

  /* Checksums that match, but a header that does not belong here. */
  foreign = rewrite_bundle (good, "foreign" BB_BUNDLE_SUFFIX, "\"org.beatbook.Beatbook\"", "\"org.example.Roster\"");
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_read_header (good, NULL, NULL);
    g_autofree char *schema = g_strdup_printf ("\"schema\" : %d", header->schema);

    newer = rewrite_bundle (good, "newer" BB_BUNDLE_SUFFIX, schema, "\"schema\" : 99");
  }
  newer_format = rewrite_bundle (good, "newer-format" BB_BUNDLE_SUFFIX, "\"format\" : 1", "\"format\" : 7");
  {
    g_autofree char *other = g_strdup_printf ("\"to\" : {\"station_id\" : \"%s\", \"name\" : \"South\"}",
                                              "0b7ef2b6-5a55-4ee0-9c1c-4d5b8f0f3e61");
    elsewhere = rewrite_bundle (good, "elsewhere" BB_BUNDLE_SUFFIX, "\"to\" : null", other);
  }
  {
    const struct { const char *path; int code; const char *says; } headers[] = {
      { foreign, BB_BUNDLE_ERROR_NOT_A_BUNDLE, "org.example.Roster" },
      { newer, BB_BUNDLE_ERROR_TOO_NEW, "newer version" },
      { newer_format, BB_BUNDLE_ERROR_TOO_NEW, "bundle format 7" },
      { elsewhere, BB_BUNDLE_ERROR_WRONG_STATION, "South" },
      { good, BB_BUNDLE_ERROR_WRONG_STATION, "written by this station" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *after = NULL;
        BbStore *at = headers[i].path == good ? f->north->store : f->hq->store;
        g_autofree char *digest = station_digest (at);

        g_assert_null (bb_bundle_apply (at, headers[i].path, FALSE, NULL, NULL, NULL, &error));
        g_assert_error (error, BB_BUNDLE_ERROR, headers[i].code);
        g_assert_nonnull (strstr (error->message, headers[i].says));
        after = station_digest (at);
        g_assert_cmpstr (digest, ==, after);
      }
  }

  /* The good one still applies. */
  {
    g_autoptr(BbBundleResult) r = apply_bundle (f->hq, good);
    g_autoptr(BbIncident) seen = get_incident (f->hq->store, id);

    g_assert_nonnull (seen);
  }
}

/* The tables a bundle's header names the columns of. */
static GStrv
header_tables (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  g_autofree char *json = NULL;
  g_autoptr(BbBundleSource) source = bb_bundle_source_open (path, NULL, &header, &json, &error);
  g_autoptr(GHashTable) columns = NULL;
  g_autofree const char **names = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_assert_no_error (error);
  columns = bb_bundle_header_dup_columns (json, strlen (json));
  names = (const char **) g_hash_table_get_keys_as_array (columns, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    g_strv_builder_add (builder, names[i]);
  return g_strv_builder_end (builder);
}

/* A bundle declares the lowest station format that can apply it, from
 * the tables it holds: incidents alone go to a Beatbook of any format
 * since bundles began; published survey figures need the format that
 * gave them versions; one that needs a newer format than the station's
 * is refused, saying so, and changes nothing. */
static void
test_schema_minimum (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *first = export_bundle (f->north, NULL, "first", FALSE);
  g_autoptr(BbBundleResult) r1 = apply_bundle (f->hq, first);
  g_autofree char *back = export_bundle (f->hq, f->north, "back", FALSE);
  g_autoptr(BbBundleResult) r2 = apply_bundle (f->north, back);
  g_autofree char *incidents_only = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *too_new = NULL;
  g_autoptr(BbSurveyAggregate) figure = bb_survey_aggregate_new ();
  g_autoptr(GError) error = NULL;

  /* A new station's everything: itself, its categories and kinds of
   * events, all known since bundles began. */
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_read_header (first, NULL, NULL);

    g_assert_cmpuint (bb_bundle_header_get_records (header, "category"), >, 0);
    g_assert_cmpint (header->schema, ==, BB_BUNDLE_MIN_SCHEMA);
  }

  g_free (add_incident (f->north->store, "burglary.residential", "Back door forced", FALSE));
  incidents_only = export_bundle (f->north, f->hq, "incidents-only", FALSE);
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_read_header (incidents_only, NULL, NULL);
    g_auto(GStrv) tables = header_tables (incidents_only);

    g_assert_cmpuint (bb_bundle_header_get_records (header, "incident"), ==, 1);
    g_assert_cmpint (header->schema, ==, BB_BUNDLE_MIN_SCHEMA);
    g_assert_cmpint (header->schema, <, BB_STORE_SCHEMA_VERSION);
    /* Only the incidents' columns are named: the tables a station of an
     * older format has otherwise do not stop it. */
    g_assert_cmpuint (g_strv_length (tables), ==, 1);
    g_assert_cmpstr (tables[0], ==, "incident");
  }
  g_clear_pointer (&r1, bb_bundle_result_free);
  r1 = apply_bundle (f->hq, incidents_only);
  g_assert_cmpint (bb_store_count (f->hq->store, "incident", NULL), ==, 1);

  figure->source = g_strdup ("City survey");
  figure->period = g_strdup ("2026-03-01");
  figure->area = g_strdup ("Old Town");
  figure->measure = g_strdup ("Feels safe after dark");
  figure->proportion = 0.61;
  figure->respondents = 412;
  g_assert_true (bb_store_survey_aggregate_insert (f->north->store, figure, &error));
  g_assert_no_error (error);
  figures = export_bundle (f->north, f->hq, "figures", FALSE);
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_read_header (figures, NULL, NULL);
    g_autofree char *schema = g_strdup_printf ("\"schema\" : %d", header->schema);
    g_autofree char *newer = g_strdup_printf ("\"schema\" : %d", BB_STORE_SCHEMA_VERSION + 1);
    g_autofree char *before = station_digest (f->hq->store);
    g_autofree char *after = NULL;

    g_assert_cmpuint (bb_bundle_header_get_records (header, "survey_aggregate"), ==, 1);
    g_assert_cmpint (header->schema, ==, 7);

    /* The same figures as a Beatbook one format newer would need them. */
    too_new = rewrite_bundle (figures, "too-new" BB_BUNDLE_SUFFIX, schema, newer);
    g_assert_null (bb_bundle_apply (f->hq->store, too_new, FALSE, NULL, NULL, NULL, &error));
    g_assert_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_TOO_NEW);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "newer version of Beatbook"));
    g_assert_nonnull (strstr (error->message, "nothing was changed"));
    g_clear_error (&error);
    after = station_digest (f->hq->store);
    g_assert_cmpstr (before, ==, after);
  }
  g_clear_pointer (&r1, bb_bundle_result_free);
  r1 = apply_bundle (f->hq, figures);
  g_assert_cmpint (bb_store_count (f->hq->store, "survey_aggregate", NULL), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bundle/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/bundle/schema-minimum", Fixture, NULL, fixture_set_up, test_schema_minimum, fixture_tear_down);
  return g_test_run ();
}
