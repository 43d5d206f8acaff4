/* test-l10n.c: printed documents in every language Beatbook ships: glyphs, plurals, separators, the document's own language */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "bb-demo-station.h"
#include "bb-render-i18n.h"
#include "bb-templates.h"
#include "render-test-util.h"

static char *test_dir;
static GStrv languages;   /* po/LINGUAS */
static BbStore *store;    /* a small demo station, written in the desk's language */

/* The catalogues compiled in the build tree and the languages listed. */
static void
load_languages (void)
{
  const char *linguas = g_getenv ("BB_TEST_LINGUAS");
  g_autofree char *text = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (linguas);
  g_file_get_contents (linguas, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line != '\0' && *line != '#')
        g_strv_builder_add (builder, line);
    }
  languages = g_strv_builder_end (builder);
  g_assert_cmpuint (g_strv_length (languages), >=, 8);
  bb_render_set_locale_dir (g_getenv ("BB_TEST_LOCALEDIR"));
}

static BbBranding *
test_branding (void)
{
  BbStation station = {
    .name = (char *) "Qəsəbə — Ковш — Țară",
    .address = (char *) "Rruga e Kafeneve 12",
    .phone = (char *) "+994 12 555 01 02",
    .email = (char *) "station@example.org",
    .website = (char *) "https://example.org/station",
    .colour_primary = (char *) "#1c3f94",
    .colour_accent = (char *) "#f5c211",
    .timezone = (char *) "UTC",
  };

  return bb_branding_new_from_station (&station);
}

/* Every leaflet, in English and in every language of po/LINGUAS: the text
 * is the catalogue's, every character has a glyph in the document font, and
 * the PDF is written. */
static void
test_leaflets_every_language (void)
{
  g_autoptr(BbBranding) branding = test_branding ();
  BbStation station = { .phone = (char *) "+994 12 555 01 02", .website = (char *) "https://example.org" };
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  g_ptr_array_add (all, (gpointer) "en");
  for (guint i = 0; languages[i] != NULL; i++)
    g_ptr_array_add (all, languages[i]);

  for (guint l = 0; l < all->len; l++)
    {
      const char *language = g_ptr_array_index (all, l);

      for (BbLeafletTopic topic = 0; topic < BB_N_LEAFLET_TOPICS; topic++)
        {
          g_autoptr(BbLeaflet) english = bb_leaflet_new (topic, &station, "en");
          g_autoptr(BbLeaflet) leaflet = bb_leaflet_new (topic, &station, language);
          g_autoptr(BbPrintDocument) doc = bb_leaflet_build (leaflet, branding);
          g_autofree char *missing = NULL;
          guint unknown = bb_print_document_count_unknown_glyphs (doc, &missing);

          if (unknown > 0)
            g_test_message ("%s, %s: no glyph in “%s”", language, bb_leaflet_topic_to_string (topic), missing);
          g_assert_cmpuint (unknown, ==, 0);
          g_assert_cmpstr (bb_print_document_get_language (doc), ==, language);
          if (!g_str_equal (language, "en"))
            {
              /* The catalogue was found and used: the title is not English. */
              g_assert_cmpstr (leaflet->title, !=, english->title);
              g_assert_cmpstr (leaflet->closing, !=, english->closing);
            }
          if (topic == BB_LEAFLET_BURGLARY)
            {
              g_autofree char *name = g_strdup_printf ("leaflet-burglary-%s.pdf", language);
              g_autofree char *path = g_build_filename (test_dir, name, NULL);
              g_autoptr(BbRenderResult) result = NULL;
              g_autoptr(GError) error = NULL;

              g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
              g_assert_no_error (error);
              for (guint w = 0; w < result->warnings->len; w++)
                g_test_message ("%s: %s", name, ((BbRenderWarning *) g_ptr_array_index (result->warnings, w))->message);
              g_assert_cmpuint (result->warnings->len, ==, 0);
            }
        }
    }
}

/* Writes @doc, asserting that every character has a glyph and that no text
 * overflowed its box (a translation longer than the layout allows). */
static void
check_document (BbPrintDocument *doc,
                const char      *name,
                const char      *language)
{
  g_autofree char *file = g_strdup_printf ("%s-%s.pdf", name, language);
  g_autofree char *path = g_build_filename (test_dir, file, NULL);
  g_autofree char *missing = NULL;
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint unknown = bb_print_document_count_unknown_glyphs (doc, &missing);

  if (unknown > 0)
    g_test_message ("%s: no glyph in “%s”", file, missing);
  g_assert_cmpuint (unknown, ==, 0);
  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  for (guint w = 0; w < result->warnings->len; w++)
    g_test_message ("%s: %s", file, ((BbRenderWarning *) g_ptr_array_index (result->warnings, w))->message);
  g_assert_cmpuint (result->warnings->len, ==, 0);
}

/* Every printable from the demo station, in every language: the layouts
 * take the longer words of Russian or Romanian without overflowing. */
static void
test_documents_every_language (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStation) station = bb_store_station_get (store, &error);
  g_autoptr(GPtrArray) officers = bb_store_officer_list (store, &error);
  g_autoptr(GPtrArray) events = bb_store_event_list (store, G_MININT64 + 1, G_MAXINT64, &error);
  g_autoptr(BbBranding) branding = NULL;
  BbEvent *event = NULL;

  g_assert_no_error (error);
  branding = bb_branding_new_from_station (station);
  for (guint i = 0; i < events->len && event == NULL; i++)
    if (g_strcmp0 (((BbEvent *) g_ptr_array_index (events, i))->kind, "community_meeting") == 0)
      event = g_ptr_array_index (events, i);
  g_assert_nonnull (event);

  for (int l = -1; languages[l + 1] != NULL || l == -1; l++)
    {
      const char *language = l < 0 ? "en" : languages[l];
      g_autoptr(BbOfficerPoster) officer = NULL;
      g_autoptr(BbEventPoster) poster = NULL;
      g_autoptr(BbBrochure) brochure = NULL;
      g_autoptr(BbPrintDocument) doc = NULL;
      BbBriefingOptions options;

      officer = bb_officer_poster_new_from_store (store, ((BbOfficer *) g_ptr_array_index (officers, 0))->id,
                                                  language, &error);
      g_assert_no_error (error);
      doc = bb_officer_poster_build (officer, branding);
      check_document (doc, "officer-poster", language);
      g_clear_pointer (&doc, bb_print_document_free);

      poster = bb_event_poster_new_from_event (event, station, language);
      doc = bb_event_poster_build (poster, branding);
      check_document (doc, "event-poster", language);
      g_clear_pointer (&doc, bb_print_document_free);

      brochure = bb_brochure_new_from_store (store, language, &error);
      g_assert_no_error (error);
      doc = bb_brochure_build (brochure, branding);
      check_document (doc, "brochure", language);
      g_clear_pointer (&doc, bb_print_document_free);

      bb_briefing_options_init (&options, 2026, 3);
      g_free (options.language);
      options.language = g_strdup (language);
      doc = bb_briefing_build (store, branding, &options, NULL, &error);
      g_assert_no_error (error);
      check_document (doc, "briefing", language);
      bb_briefing_options_clear (&options);
    }
}

/* A Russian-speaking desk prints an Azerbaijani leaflet: the process's
 * language does not leak into the document. */
static void
test_document_language_differs (void)
{
  g_autoptr(BbLeaflet) az = NULL;
  g_autoptr(BbLeaflet) ru = NULL;

  /* The test runs with LANGUAGE=ru (see meson.build). */
  /* The desk is in Russian … */
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Keep burglars out of your home"), ==,
                   "Не пустите вора в свой дом");
  /* … and the leaflet in Azerbaijani. */
  az = bb_leaflet_new (BB_LEAFLET_BURGLARY, NULL, "az");
  ru = bb_leaflet_new (BB_LEAFLET_BURGLARY, NULL, "ru");
  g_assert_cmpstr (az->title, ==, "Oğruları evinizdən uzaq tutun");
  g_assert_cmpstr (ru->title, ==, "Не пустите вора в свой дом");
  /* A region's variant finds the language's catalogue. */
  g_assert_cmpstr (bb_render_gettext ("ru_RU.UTF-8", "Who to call"), ==, "Куда звонить");
}

/* Separators follow the document's language, whatever the locale. */
static void
test_numbers (void)
{
  struct { const char *language; double value; guint decimals; const char *text; } cases[] = {
    { "en", 1234.5, 1, "1,234.5" },
    { "en", 24031, 0, "24,031" },
    { "en", 999, 0, "999" },
    { "en", -1234567.25, 2, "−1,234,567.25" },
    { "ru", 1234.5, 1, "1\u00a0234,5" },
    { "ru", 24031, 0, "24\u00a0031" },
    { "uk", 0.5, 2, "0,50" },
    { "az", 1234.5, 1, "1.234,5" },
    { "ro", 1234.5, 1, "1.234,5" },
    { "sq", 1234.5, 1, "1\u00a0234,5" },
    { NULL, 1234.5, 1, "1,234.5" },
    { "xx", 1234.5, 1, "1,234.5" },   /* no catalogue: English */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = bb_render_format_number (cases[i].language, cases[i].value, cases[i].decimals);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Plural-Forms expressions as gettext's manual gives them, and the forms
 * a document picks in Russian, which has three. */
static void
test_plurals (void)
{
  const char *ru = "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)";
  const char *ro = "(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)";
  const char *lv = "(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2)";
  struct { const char *rule; gulong n; guint form; } cases[] = {
    { ru, 1, 0 }, { ru, 2, 1 }, { ru, 4, 1 }, { ru, 5, 2 }, { ru, 11, 2 }, { ru, 12, 2 },
    { ru, 21, 0 }, { ru, 22, 1 }, { ru, 25, 2 }, { ru, 111, 2 }, { ru, 0, 2 },
    { ro, 1, 0 }, { ro, 0, 1 }, { ro, 2, 1 }, { ro, 19, 1 }, { ro, 20, 2 }, { ro, 101, 1 }, { ro, 120, 2 },
    { lv, 0, 2 }, { lv, 1, 0 }, { lv, 11, 1 }, { lv, 21, 0 }, { lv, 5, 1 },
    { "(n != 1)", 1, 0 }, { "(n != 1)", 0, 1 }, { "n != 1", 7, 1 },
    { "0", 5, 0 },
    { NULL, 1, 0 }, { NULL, 3, 1 },
    { "n % 0", 3, 1 },          /* cannot be evaluated: n != 1 */
    { "(n == 1", 1, 0 },        /* unbalanced: n != 1 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpuint (bb_render_plural_form (cases[i].rule, cases[i].n), ==, cases[i].form);

#define ONE "%u restricted incident was not counted: restricted incidents never appear in public documents."
#define MANY "%u restricted incidents were not counted: restricted incidents never appear in public documents."
  /* Russian has three forms: 1, 3 and 5 each take their own. */
  g_assert_true (g_str_has_prefix (bb_render_ngettext ("ru", ONE, MANY, 1), "%u происшествие "));
  g_assert_true (g_str_has_prefix (bb_render_ngettext ("ru", ONE, MANY, 3), "%u происшествия "));
  g_assert_true (g_str_has_prefix (bb_render_ngettext ("ru", ONE, MANY, 5), "%u происшествий "));
  g_assert_true (g_str_has_prefix (bb_render_ngettext ("ru", ONE, MANY, 21), "%u происшествие "));
#undef ONE
#undef MANY
  g_assert_cmpstr (bb_render_ngettext ("en", "%u person attended.", "%u people attended.", 1), ==,
                   "%u person attended.");
  g_assert_cmpstr (bb_render_ngettext ("xx", "%u person attended.", "%u people attended.", 2), ==,
                   "%u people attended.");
  /* A message context: the month under a day's number. */
  g_assert_cmpstr (bb_render_pgettext ("ru", "month after a day number", "March"), ==, "марта");
  g_assert_cmpstr (bb_render_pgettext ("en", "month after a day number", "March"), ==, "March");
}

int
main (int   argc,
      char *argv[])
{
  int result;

  /* The desk's language, from the environment (LANGUAGE=ru): documents
   * must not follow it. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("BB_TEST_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR") : ".",
                               "render", "l10n", NULL);
  g_mkdir_with_parents (test_dir, 0755);
  load_languages ();
  {
    g_autofree char *db = g_build_filename (test_dir, "demo.beatbook", NULL);
    g_autoptr(GError) error = NULL;
    BbDemoOptions options;

    g_unlink (db);
    bb_demo_options_init_default (&options);
    options.n_incidents = 4000;
    store = bb_demo_station_create (db, &options, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }

  g_test_add_func ("/render/l10n/leaflets", test_leaflets_every_language);
  g_test_add_func ("/render/l10n/documents", test_documents_every_language);
  g_test_add_func ("/render/l10n/document-language", test_document_language_differs);
  g_test_add_func ("/render/l10n/numbers", test_numbers);
  g_test_add_func ("/render/l10n/plurals", test_plurals);
  result = g_test_run ();
  g_clear_object (&store);
  return result;
}
