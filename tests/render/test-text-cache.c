/* test-text-cache.c: the document's laid-out text: kept by everything that decides a layout, measured as drawn, drawn alike from several threads */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-chart.h"
#include "bb-print-document-private.h"

static const char *text =
  "The neighbourhood officer met residents of the northern estate three times this quarter; "
  "street lighting on the river path was their first concern.";

/* The height of @text laid out afresh, without any cache. */
static double
fresh_height (BbPrintDocument   *doc,
              const BbTextStyle *style,
              const char        *words,
              double             width)
{
  PangoContext *context = bb_print_document_create_context (doc, NULL);
  g_autoptr(PangoLayout) layout = bb_text_layout (context, style, words, width);
  double h = bb_layout_height (layout);

  g_object_unref (context);
  return h;
}

/* The same words in another size, weight, width, leading, case or
 * alignment are another layout: each measures as laid out afresh. */
static void
test_kept_by_style_and_width (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  BbTextStyle styles[6];
  const double widths[] = { 120, 240, -1 };
  double seen[G_N_ELEMENTS (styles)][G_N_ELEMENTS (widths)];

  styles[0] = bb_text_style (10, 400, NULL);
  styles[1] = bb_text_style (14, 400, NULL);
  styles[2] = bb_text_style (10, 700, NULL);
  styles[3] = styles[0];
  styles[3].line_spacing = 2.0;
  styles[4] = styles[0];
  styles[4].uppercase = TRUE;
  styles[5] = styles[0];
  styles[5].align = BB_ALIGN_JUSTIFY;

  /* Twice over: the second round comes from the cache. */
  for (guint round = 0; round < 2; round++)
    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          double h = bb_print_document_measure_text (doc, &styles[s], text, widths[w]);

          g_assert_cmpfloat_with_epsilon (h, fresh_height (doc, &styles[s], text, widths[w]), 1e-9);
          if (round == 1)
            g_assert_cmpfloat (h, ==, seen[s][w]);
          seen[s][w] = h;
        }
  /* On one line, the widths tell bold, size, case and spacing apart. */
  for (guint round = 0; round < 2; round++)
    for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
      {
        BbTextCache *cache = bb_print_document_text_begin (doc);
        g_autoptr(PangoLayout) kept = bb_text_cache_layout (cache, &styles[s], text, -1);
        PangoContext *context = bb_print_document_create_context (doc, NULL);
        g_autoptr(PangoLayout) fresh = bb_text_layout (context, &styles[s], text, -1);
        int kept_w, fresh_w;

        pango_layout_get_size (kept, &kept_w, NULL);
        pango_layout_get_size (fresh, &fresh_w, NULL);
        g_assert_cmpint (kept_w, ==, fresh_w);
        g_assert_cmpstr (pango_layout_get_text (kept), ==, pango_layout_get_text (fresh));
        g_object_unref (context);
        bb_print_document_text_end (doc, cache);
      }
  /* They do differ: a cache that mixed them up would be caught. */
  g_assert_cmpfloat (seen[1][0], >, seen[0][0]);
  g_assert_cmpfloat (seen[3][0], >, seen[0][0]);
  g_assert_cmpfloat (seen[0][0], >, seen[0][1]);
  g_assert_cmpfloat (seen[0][1], >, seen[0][2]);
}

/* A paragraph's runs are part of its layout: the same words with a run
 * in a larger size, or a frame shrunk to fit, measure anew. */
static void
test_paragraph_runs_and_shrinking (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  BbPage *page = bb_print_document_add_page (doc);
  BbTextStyle body = bb_text_style (10, 400, NULL);
  BbTextStyle big = bb_text_style (24, 700, NULL);
  BbFrame *plain = bb_page_add_frame (page, "plain", 40, 40, 200, 400);
  BbFrame *runs = bb_page_add_frame (page, "runs", 40, 40, 200, 400);
  BbFrame *tight = bb_page_add_frame (page, "tight", 40, 40, 200, 60);
  BbParagraph *p;
  double h_plain, h_runs, before;

  bb_frame_add_paragraph (plain, &body, "Open evening at the youth centre on Friday");
  p = bb_frame_add_paragraph (runs, &body, "Open evening at the youth centre");
  bb_paragraph_append (p, &body, " on Friday");
  h_plain = bb_frame_measure (plain);
  h_runs = bb_frame_measure (runs);
  /* The same words and the same look: the same height. */
  g_assert_cmpfloat_with_epsilon (h_plain, h_runs, 1e-9);

  /* The run grows: the paragraph (words unchanged) is laid out anew. */
  p = bb_frame_add_paragraph (runs, &body, "Open evening at the youth centre");
  bb_paragraph_append (p, &big, " on Friday");
  g_assert_cmpfloat (bb_frame_measure (runs), >, 2 * h_runs + 1);

  p = bb_frame_add_paragraph (tight, &big, text);
  before = bb_frame_measure (tight);
  g_assert_cmpfloat (before, >, 60);
  bb_frame_shrink_to_fit (tight, p, 6);
  g_assert_cmpfloat (bb_frame_measure (tight), <=, 60);
  g_assert_cmpfloat (bb_frame_measure (tight), <, before);
}

/* A few pages with text, a table and a chart. */
static BbPrintDocument *
sample_document (void)
{
  BbPrintDocument *doc = bb_print_document_new (BB_PAPER_A5, FALSE);
  BbColor amber = bb_color_rgb (0xd98c1f);
  BbTextStyle body = bb_text_style (9, 400, NULL);

  for (guint i = 0; i < 4; i++)
    {
      BbPage *page = bb_print_document_add_page (doc);
      g_autofree char *heading = g_strdup_printf ("District report %u", i + 1);
      BbTextStyle title = bb_text_style (16, 700, NULL);
      BbTable *table = bb_page_add_table (page, "table", 30, 160, 360, 200, 3, NULL);
      const char *head[] = { "District", "This quarter", "Change", NULL };
      const char *labels[] = { "Theft", "Burglary", "Assault", "Vandalism in the old town", NULL };
      double values[] = { 12 + i, 30, 7, 18 };
      BbChart *chart = bb_chart_new (BB_CHART_BARS, "Incidents by category");

      bb_page_add_text (page, "title", 30, 20, 360, 30, &title, heading);
      bb_page_add_text (page, "body", 30, 60, 360, 90, &body, text);
      bb_table_add_row (table, TRUE, head);
      for (guint r = 0; r < 6; r++)
        {
          g_autofree char *name = g_strdup_printf ("District %u", r + 1);
          g_autofree char *n = g_strdup_printf ("%u", (i * 7 + r * 13) % 90);
          const char *cells[] = { name, n, "within normal variation", NULL };

          bb_table_add_row (table, FALSE, cells);
        }
      bb_chart_set_labels (chart, labels);
      bb_chart_add_series (chart, "This quarter", &amber, values, 4);
      bb_page_add_chart (page, 30, 380, 360, 160, chart);
    }
  return doc;
}

static GBytes *
draw_page_pixels (BbPrintDocument *doc,
                  guint            index)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  GBytes *pixels;

  bb_print_document_get_media_size (doc, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w), (int) ceil (h));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  bb_print_document_draw_page (doc, index, cr, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = g_bytes_new (cairo_image_surface_get_data (surface),
                        (gsize) cairo_image_surface_get_stride (surface) * cairo_image_surface_get_height (surface));
  cairo_surface_destroy (surface);
  return pixels;
}

typedef struct {
  BbPrintDocument *doc;
  GBytes         **expected;
  guint            rounds;
  gint             mismatches;
} DrawJob;

static gpointer
draw_thread (gpointer data)
{
  DrawJob *job = data;

  for (guint r = 0; r < job->rounds; r++)
    for (guint i = 0; i < bb_print_document_get_n_pages (job->doc); i++)
      {
        g_autoptr(GBytes) pixels = draw_page_pixels (job->doc, i);

        if (!g_bytes_equal (pixels, job->expected[i]))
          g_atomic_int_inc (&job->mismatches);
      }
  return NULL;
}

/* A preview, an export and a print job may draw one document at once:
 * every thread draws every page as one thread alone does, whether it
 * holds the document's text or lays its own out. */
static void
test_drawn_alike_from_threads (void)
{
  g_autoptr(BbPrintDocument) alone = sample_document ();
  g_autoptr(BbPrintDocument) shared = sample_document ();
  GBytes *expected[4];
  GThread *threads[3];
  DrawJob job = { shared, expected, 6, 0 };

  g_assert_cmpuint (bb_print_document_get_n_pages (alone), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    expected[i] = draw_page_pixels (alone, i);
  /* The pages differ from each other: a page drawn from another page's
   * text would be caught. */
  g_assert_false (g_bytes_equal (expected[0], expected[1]));

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("draw", draw_thread, &job);
  draw_thread (&job);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  g_assert_cmpint (job.mismatches, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_bytes_unref (expected[i]);
}

/* Measured while the document is built, drawn later: the frame that was
 * measured to fit is drawn whole, with no overflow reported. */
static void
test_measured_as_drawn (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  g_autoptr(BbRenderResult) result = bb_render_result_new ();
  BbTextStyle body = bb_text_style (11, 400, NULL);
  BbPage *page = bb_print_document_add_page (doc);
  double h = bb_print_document_measure_text (doc, &body, text, 180);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);

  bb_page_add_text (page, "exact", 40, 40, 180, h, &body, text);
  bb_page_add_text (page, "short", 40, 300, 180, h - 5, &body, text);
  bb_print_document_draw_page (doc, 0, cr, result);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpstr (((BbRenderWarning *) g_ptr_array_index (result->warnings, 0))->element, ==, "short");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/text-cache/kept-by-style-and-width", test_kept_by_style_and_width);
  g_test_add_func ("/render/text-cache/paragraph-runs-and-shrinking", test_paragraph_runs_and_shrinking);
  g_test_add_func ("/render/text-cache/measured-as-drawn", test_measured_as_drawn);
  g_test_add_func ("/render/text-cache/drawn-alike-from-threads", test_drawn_alike_from_threads);

  return g_test_run ();
}
