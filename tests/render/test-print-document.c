/* test-print-document.c: the document model drawn to PDF, PNG and SVG: paper, text, fonts, bleed, overflow */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <locale.h>
#include <math.h>

#include "bb-chart.h"
#include "bb-print-document-private.h"
#include "bb-render-i18n.h"
#include "render-test-util.h"

static char *test_dir;

/* A line in each language Beatbook is written for, with the letters
 * that fonts most often miss. */
static const struct { const char *language; const char *text; } samples[] = {
  { "en", "Meet your neighbourhood officer" },
  { "az", "Məhəllə polis əməkdaşı ilə tanış olun: Şəkər, çörək, ğ, ı, ö, ü, Ə" },
  { "ru", "Познакомьтесь с участковым уполномоченным: ёлка, Щ, Ъ, Ы, Э" },
  { "ro", "Faceți cunoștință cu polițistul de proximitate: ă, â, î, ș, ț, Ș, Ț" },
  { "uk", "Познайомтеся з дільничним офіцером: Ґ, ґ, Є, є, І, і, Ї, ї" },
  { "sq", "Njihuni me oficerin e lagjes: Ç, ç, Ë, ë" },
  { "et", "Tutvuge oma piirkonnapolitseinikuga: õ, ä, ö, ü, š, ž, Õ" },
  { "lv", "Iepazīstieties ar iecirkņa inspektoru: ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž" },
  { "tg", "Бо нозири минтақавӣ шинос шавед: Ғ, ғ, Ӣ, ӣ, Қ, қ, Ӯ, ӯ, Ҳ, ҳ, Ҷ, ҷ" },
};

static void
check_paper (BbPaper paper,
             gboolean landscape,
             double expected_w,
             double expected_h)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (paper, landscape);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test_dir, "paper.pdf", NULL);
  BbTextStyle style = bb_text_style (12, 400, NULL);
  guint n;
  double w, h;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Page %u", i + 1);

      bb_page_add_text (bb_print_document_add_page (doc), "text", 40, 40, 200, 40, &style, text);
    }
  g_assert_true (bb_print_document_write_pdf (doc, path, NULL, &error));
  g_assert_no_error (error);
  pdf_info (path, &n, &w, &h);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (w, expected_w, 0.5);
  g_assert_cmpfloat_with_epsilon (h, expected_h, 0.5);
}

static void
test_paper_sizes (void)
{
  check_paper (BB_PAPER_A4, FALSE, 595.28, 841.89);
  check_paper (BB_PAPER_A4, TRUE, 841.89, 595.28);
  check_paper (BB_PAPER_A3, FALSE, 841.89, 1190.55);
  check_paper (BB_PAPER_A5, FALSE, 419.53, 595.28);
  check_paper (BB_PAPER_LETTER, FALSE, 612, 792);
}

static void
test_text_and_fonts (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = output_path (test_dir, "languages.pdf");
  g_autofree char *fonts = NULL;
  BbTextStyle style = bb_text_style (11, 400, NULL);
  BbTextStyle bold = bb_text_style (11, 700, NULL);
  BbPage *page = bb_print_document_add_page (doc);
  const char *argv[] = { "pdffonts", path, NULL };
  g_auto(GStrv) lines = NULL;
  guint n_fonts = 0;

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      BbFrame *frame = bb_page_add_frame (page, samples[i].language, 40, 40 + i * 50, 500, 45);
      BbParagraph *p = bb_frame_add_paragraph (frame, &style, samples[i].text);

      bb_paragraph_append (p, &bold, " — ");
      bb_paragraph_append (p, &bold, samples[i].language);
    }
  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result->warnings->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    assert_pdf_has_text (path, samples[i].text);

  /* Every font is embedded (pdffonts' "emb" column), and it is ours. */
  fonts = run_tool (argv);
  lines = g_strsplit (fonts, "\n", -1);
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      const char *cols[32];
      guint n = 0;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit_set (lines[i], " ", -1);
      /* name type… emb sub uni object ID: emb is the fifth field from the end. */
      for (guint j = 0; fields[j] != NULL && n < G_N_ELEMENTS (cols); j++)
        if (*fields[j] != '\0')
          cols[n++] = fields[j];
      g_assert_cmpuint (n, >=, 6);
      g_assert_cmpstr (cols[n - 5], ==, "yes");
      g_assert_nonnull (strstr (lines[i], "NotoSans"));
      n_fonts++;
    }
  g_assert_cmpuint (n_fonts, >=, 2);   /* regular and bold */
}

/* No language of the field falls back to boxes: every glyph is found. */
static void
test_glyph_coverage (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (int weight = 400; weight <= 700; weight += 300)
      {
        g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
        PangoContext *context;
        BbTextStyle style = bb_text_style (11, weight, NULL);
        g_autoptr(PangoLayout) layout = NULL;
        g_autofree char *upper = g_utf8_strup (samples[i].text, -1);
        g_autofree char *both = g_strconcat (samples[i].text, " ", upper, NULL);

        bb_print_document_set_language (doc, samples[i].language);
        context = bb_print_document_create_context (doc, NULL);
        layout = bb_text_layout (context, &style, both, 400);
        if (pango_layout_get_unknown_glyphs_count (layout) != 0)
          g_error ("%s (%d): %d unknown glyphs", samples[i].language, weight,
                   pango_layout_get_unknown_glyphs_count (layout));
        g_object_unref (context);
      }
}

static guint32
pixel (cairo_surface_t *surface,
       double           x_pt,
       double           y_pt,
       double           scale)
{
  int x = (int) floor (x_pt * scale), y = (int) floor (y_pt * scale);
  guint32 *row = (guint32 *) (cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface));

  return row[x] & 0xffffff;
}

static cairo_surface_t *
draw_to_image (BbPrintDocument *doc,
               guint            index,
               double           scale)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  bb_print_document_get_media_size (doc, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale), (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  bb_print_document_draw_page (doc, index, cr, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
test_bleed_and_crop_marks (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A5, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test_dir, "bleed.pdf", NULL);
  BbColor red = bb_color_rgb (0xff0000);
  BbPage *page = bb_print_document_add_page (doc);
  cairo_surface_t *image;
  double tw, th, mw, mh, off, scale = 4, mm = BB_POINTS_PER_MM;
  guint n;
  double w, h;

  bb_print_document_set_bleed (doc, TRUE);
  bb_print_document_get_trim_size (doc, &tw, &th);
  bb_print_document_get_media_size (doc, &mw, &mh);
  off = bb_print_document_get_trim_offset (doc);
  g_assert_cmpfloat_with_epsilon (off, 10 * mm, 0.01);
  g_assert_cmpfloat_with_epsilon (mw, tw + 20 * mm, 0.01);
  g_assert_cmpfloat_with_epsilon (mh, th + 20 * mm, 0.01);

  /* A band across the top edge grows into the bleed; a box inside does not. */
  bb_page_add_rect (page, 0, 0, tw, 30 * mm, &red, NULL, 0, 0);
  bb_page_add_rect (page, 20 * mm, 50 * mm, 20 * mm, 20 * mm, &red, NULL, 0, 0);
  image = draw_to_image (doc, 0, scale);
  g_assert_cmphex (pixel (image, off + 50 * mm, off - 2.5 * mm, scale), ==, 0xff0000);   /* in the bleed */
  g_assert_cmphex (pixel (image, off - 2.5 * mm, off + 10 * mm, scale), ==, 0xff0000);   /* left bleed */
  g_assert_cmphex (pixel (image, off + 50 * mm, off - 3.5 * mm, scale), ==, 0xffffff);   /* past it */
  g_assert_cmphex (pixel (image, off + 19.5 * mm, off + 60 * mm, scale), ==, 0xffffff);  /* inner box */
  g_assert_cmphex (pixel (image, off + 20.5 * mm, off + 60 * mm, scale), ==, 0xff0000);
  /* Crop marks continue the trim lines into the slug, clear of the bleed. */
  g_assert_cmphex (pixel (image, off - 8 * mm, off, scale) & 0xff, <, 0x80);
  g_assert_cmphex (pixel (image, off, off - 8 * mm, scale) & 0xff, <, 0x80);
  g_assert_cmphex (pixel (image, off + tw, off + th + 8 * mm, scale) & 0xff, <, 0x80);
  g_assert_cmphex (pixel (image, off - 8 * mm, off + 1 * mm, scale), ==, 0xffffff);
  cairo_surface_destroy (image);

  g_assert_true (bb_print_document_write_pdf (doc, path, NULL, &error));
  g_assert_no_error (error);
  pdf_info (path, &n, &w, &h);
  g_assert_cmpfloat_with_epsilon (w, 419.53 + 20 * mm, 0.5);
  g_assert_cmpfloat_with_epsilon (h, 595.28 + 20 * mm, 0.5);
}

static void
test_overflow_reported (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A4, FALSE);
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (test_dir, "overflow.pdf", NULL);
  BbTextStyle style = bb_text_style (12, 400, NULL);
  BbPage *page = bb_print_document_add_page (doc);
  BbTable *table;
  BbRenderWarning *w;
  g_autoptr(GString) long_text = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append (long_text, "Residents asked for better street lighting near the school. ");
  bb_page_add_text (page, "Fits", 40, 40, 400, 40, &style, "Short and sweet.");
  bb_page_add_text (page, "Too long", 40, 100, 200, 60, &style, long_text->str);
  table = bb_page_add_table (page, "Officers", 40, 200, 300, 50, 2, NULL);
  for (guint i = 0; i < 10; i++)
    {
      const char *row[] = { "District", "Officer", NULL };

      bb_table_add_row (table, i == 0, row);
    }
  g_assert_cmpfloat (bb_table_measure (table), >, 50);

  g_assert_true (bb_print_document_write_pdf (doc, path, &result, &error));
  g_assert_no_error (error);
  g_assert_true (bb_render_result_has_overflow (result));
  g_assert_cmpuint (result->warnings->len, ==, 2);
  w = g_ptr_array_index (result->warnings, 0);
  g_assert_cmpstr (w->element, ==, "Too long");
  g_assert_cmpuint (w->page, ==, 0);
  g_assert_nonnull (strstr (w->message, "Too long"));
  w = g_ptr_array_index (result->warnings, 1);
  g_assert_cmpstr (w->element, ==, "Officers");
  /* What fits is drawn: the start of the long text is there, not its end. */
  assert_pdf_has_text (path, "Residents asked for better");
  assert_pdf_has_text (path, "Short and sweet.");
}

static GBytes *
make_png (int width,
          int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *path = g_build_filename (test_dir, "logo.png", NULL);
  char *data;
  gsize len;

  cairo_set_source_rgb (cr, 0, 0.5, 0);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static void
test_png_svg_images_qr (void)
{
  g_autoptr(BbPrintDocument) doc = bb_print_document_new (BB_PAPER_A5, TRUE);
  g_autoptr(BbRenderResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = make_png (40, 20);
  g_autoptr(GBytes) not_png = g_bytes_new_static ("<svg/>", 6);
  g_autofree char *png_path = g_build_filename (test_dir, "page.png", NULL);
  g_autofree char *svg_path = g_build_filename (test_dir, "page.svg", NULL);
  g_autofree char *svg = NULL;
  g_autofree char *huge = g_strnfill (8000, 'x');
  BbTextStyle style = bb_text_style (12, 400, NULL);
  BbColor blue = bb_color_rgb (0x2040a0);
  BbPage *page = bb_print_document_add_page (doc);
  const double values[] = { 3, 8, 5 };
  const char *labels[] = { "Burglary", "Theft", "Traffic", NULL };
  BbChart *chart = bb_chart_new (BB_CHART_BARS, "By category");
  cairo_surface_t *image;

  bb_chart_set_labels (chart, labels);
  bb_chart_add_series (chart, "Q3", &blue, values, 3);
  bb_page_add_text (page, "text", 20, 20, 300, 30, &style, "Community safety");
  bb_page_add_image (page, "logo", 20, 60, 80, 80, png);
  bb_page_add_image (page, "bad logo", 120, 60, 80, 80, not_png);
  bb_page_add_qr (page, "qr", 220, 60, 80, "https://police.example/district/7", NULL);
  bb_page_add_qr (page, "huge qr", 320, 60, 80, huge, NULL);
  bb_page_add_chart (page, 20, 160, 380, 200, chart);

  g_assert_true (bb_print_document_write_png (doc, 0, 72, png_path, &result, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 596);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 420);
  cairo_surface_destroy (image);
  /* The bad picture and the QR code too long to encode are reported. */
  g_assert_cmpuint (result->warnings->len, ==, 2);
  g_clear_pointer (&result, bb_render_result_free);

  image = draw_to_image (doc, 0, 1);
  g_assert_cmphex (pixel (image, 60, 100, 1), ==, 0x008000);   /* the logo, centred */
  g_assert_cmphex (pixel (image, 60, 65, 1), ==, 0xffffff);    /* above it: kept in proportion */
  /* QR: white quiet zone, dark finder pattern in the corner. */
  g_assert_cmphex (pixel (image, 221, 61, 1), ==, 0xffffff);
  g_assert_cmphex (pixel (image, 220 + 80.0 / 33 * 4.5, 60 + 80.0 / 33 * 4.5, 1), ==, 0x000000);
  cairo_surface_destroy (image);

  g_assert_true (bb_print_document_write_svg (doc, 0, svg_path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  g_assert_nonnull (strstr (svg, "width=\"595"));

  g_assert_false (bb_print_document_write_png (doc, 3, 72, png_path, NULL, &error));
  g_assert_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_NO_PAGE);
}

static void
test_colours (void)
{
  BbColor c = { 0 };

  g_assert_true (bb_color_parse ("#1b3a5c", &c));
  g_assert_cmpfloat_with_epsilon (c.r, 0x1b / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (c.b, 0x5c / 255.0, 1e-9);
  g_assert_true (bb_color_parse ("#fff", &c));
  g_assert_cmpfloat (c.g, ==, 1.0);
  g_assert_false (bb_color_parse ("1b3a5c", &c));
  g_assert_false (bb_color_parse ("#12345g", &c));
  g_assert_false (bb_color_parse (NULL, &c));
  c = bb_color_rgb (0x1b3a5c);
  g_assert_cmpfloat (bb_color_text_on (&c).r, ==, 1.0);
  c = bb_color_rgb (0xf0e0a0);
  g_assert_cmpfloat (bb_color_text_on (&c).r, <, 0.2);
}

/* A document in Russian from a desk in any language: the catalogue is
 * read directly, the process's locale is left alone. */
static void
test_document_language (void)
{
  g_autofree char *locale_dir = g_build_filename (test_dir, "locale", NULL);
  g_autofree char *mo_dir = g_build_filename (locale_dir, "ru", "LC_MESSAGES", NULL);
  g_autofree char *po = g_build_filename (test_dir, "ru.po", NULL);
  g_autofree char *mo = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
  const char *argv[] = { "msgfmt", "-o", mo, po, NULL };
  const char *text =
    "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    "msgid \"Meet your neighbourhood officer\"\nmsgstr \"Познакомьтесь с вашим участковым\"\n";
  g_autofree char *out = NULL;
  const char *before = setlocale (LC_MESSAGES, NULL);
  g_autofree char *saved = g_strdup (before);

  g_mkdir_with_parents (mo_dir, 0755);
  g_assert_true (g_file_set_contents (po, text, -1, NULL));
  out = run_tool (argv);
  bb_render_set_locale_dir (locale_dir);

  g_assert_cmpstr (bb_render_gettext ("ru", "Meet your neighbourhood officer"), ==,
                   "Познакомьтесь с вашим участковым");
  g_assert_cmpstr (bb_render_gettext ("ru_RU.UTF-8", "Meet your neighbourhood officer"), ==,
                   "Познакомьтесь с вашим участковым");
  g_assert_cmpstr (bb_render_gettext ("ru", "Not in the catalogue"), ==, "Not in the catalogue");
  g_assert_cmpstr (bb_render_gettext ("lv", "Meet your neighbourhood officer"), ==,
                   "Meet your neighbourhood officer");
  g_assert_cmpstr (bb_render_gettext ("en", "Meet your neighbourhood officer"), ==,
                   "Meet your neighbourhood officer");
  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, saved);
  bb_render_set_locale_dir (NULL);
  g_unlink (mo);
  g_unlink (po);
  g_rmdir (mo_dir);
  {
    g_autofree char *ru = g_path_get_dirname (mo_dir);

    g_rmdir (ru);
  }
  g_rmdir (locale_dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  test_dir = g_dir_make_tmp ("beatbook-render-XXXXXX", NULL);

  g_test_add_func ("/render/document/paper-sizes", test_paper_sizes);
  g_test_add_func ("/render/document/text-and-fonts", test_text_and_fonts);
  g_test_add_func ("/render/document/glyph-coverage", test_glyph_coverage);
  g_test_add_func ("/render/document/bleed-and-crop-marks", test_bleed_and_crop_marks);
  g_test_add_func ("/render/document/overflow-reported", test_overflow_reported);
  g_test_add_func ("/render/document/png-svg-images-qr", test_png_svg_images_qr);
  g_test_add_func ("/render/document/colours", test_colours);
  g_test_add_func ("/render/document/language", test_document_language);
  ret = g_test_run ();

  {
    g_autoptr(GDir) d = g_dir_open (test_dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (test_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (test_dir);
  }
  g_free (test_dir);
  return ret;
}
