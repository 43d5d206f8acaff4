/* bb-print-document.c: the document model: pages, frames of text, tables, images, QR codes, charts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-print-document"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "bb-chart.h"
#include "bb-print-document-private.h"

G_DEFINE_QUARK (bb-render-error-quark, bb_render_error)

typedef enum {
  ELEMENT_RECT,
  ELEMENT_LINE,
  ELEMENT_FRAME,
  ELEMENT_TABLE,
  ELEMENT_IMAGE,
  ELEMENT_PHOTO,
  ELEMENT_QR,
  ELEMENT_CHART,
} ElementKind;

struct _BbParagraph {
  GString       *text;
  PangoAttrList *attrs;
  BbTextStyle    style;
  char          *bullet;
  BbColor        bullet_color;
};

struct _BbFrame {
  BbPrintDocument *document;
  char       *name;
  double      x, y, width, height;
  BbVAlign    valign;
  GPtrArray  *paragraphs;
};

typedef struct {
  gboolean header;
  GStrv    cells;
} TableRow;

struct _BbTable {
  BbPrintDocument  *document;
  char        *name;
  double       x, y, width, max_height;
  guint        n_columns;
  double      *fractions;
  BbAlign     *aligns;
  BbTextStyle  header_style, body_style;
  BbColor      header_fill, stripe_fill, rule;
  GArray      *rows;
};

typedef struct {
  ElementKind      kind;
  double           x, y, width, height;
  BbColor          fill, stroke;
  gboolean         has_fill, has_stroke, dashed;
  double           line_width, radius;
  char            *name;
  BbFrame         *frame;
  BbTable         *table;
  BbChart         *chart;
  cairo_surface_t *image;
  char            *error;      /* why the element cannot be drawn */
  guint8          *qr;         /* modules, 1 = dark */
  int              qr_width;
} Element;

struct _BbPage {
  BbPrintDocument *document;
  guint       index;
  GPtrArray  *elements;
  GArray     *folds;
};

struct _BbPrintDocument {
  BbPaper    paper;
  gboolean   landscape;
  double     trim_width, trim_height;
  double     margin[4];   /* top, right, bottom, left, points */
  gboolean   bleed;
  char      *language;
  char      *title;
  GPtrArray *pages;
  PangoContext *measure_context;
};

/* Colours and styles ------------------------------------------------- */

gboolean
bb_color_parse (const char *text,
                BbColor    *color)
{
  guint v = 0;
  gsize len;

  if (text == NULL || text[0] != '#')
    return FALSE;
  len = strlen (text + 1);
  for (gsize i = 1; i <= len; i++)
    if (!g_ascii_isxdigit (text[i]))
      return FALSE;
  if (len == 6)
    v = (guint) g_ascii_strtoull (text + 1, NULL, 16);
  else if (len == 3)
    {
      guint s = (guint) g_ascii_strtoull (text + 1, NULL, 16);
      v = ((s >> 8) & 0xf) * 0x110000 + ((s >> 4) & 0xf) * 0x1100 + (s & 0xf) * 0x11;
    }
  else
    return FALSE;
  *color = bb_color_rgb (v);
  return TRUE;
}

BbColor
bb_color_rgb (guint32 rgb)
{
  return (BbColor) { ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                     (rgb & 0xff) / 255.0, 1.0 };
}

BbColor
bb_color_tint (const BbColor *color,
               double         amount)
{
  return (BbColor) { color->r + (1 - color->r) * amount,
                     color->g + (1 - color->g) * amount,
                     color->b + (1 - color->b) * amount, color->a };
}

BbColor
bb_color_text_on (const BbColor *background)
{
  double l = 0.2126 * background->r + 0.7152 * background->g + 0.0722 * background->b;

  return l > 0.55 ? bb_color_rgb (0x1c1c1c) : bb_color_rgb (0xffffff);
}

BbTextStyle
bb_text_style (double         size,
               int            weight,
               const BbColor *color)
{
  return (BbTextStyle) {
    .size = size,
    .weight = weight,
    .color = color != NULL ? *color : bb_color_rgb (0x1c1c1c),
    .align = BB_ALIGN_START,
    .line_spacing = 0,
    .space_after = 0,
  };
}

void
bb_cairo_set_color (cairo_t       *cr,
                    const BbColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

PangoFontDescription *
bb_text_style_font (const BbTextStyle *style)
{
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family_static (font, BB_FONT_FAMILY);
  pango_font_description_set_size (font, (int) (style->size * PANGO_SCALE));
  pango_font_description_set_weight (font, style->weight > 0 ? style->weight : PANGO_WEIGHT_NORMAL);
  if (style->italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  return font;
}

static void
layout_apply_style (PangoLayout       *layout,
                    const BbTextStyle *style,
                    double             width)
{
  g_autoptr(PangoFontDescription) font = bb_text_style_font (style);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  switch (style->align)
    {
    case BB_ALIGN_CENTER:
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      break;
    case BB_ALIGN_END:
      pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
      break;
    case BB_ALIGN_JUSTIFY:
      pango_layout_set_justify (layout, TRUE);
      break;
    case BB_ALIGN_START:
    default:
      break;
    }
}

/* Noto Sans's own line height is almost twice its size (room for stacked
 * accents); documents set their leading themselves, as a multiple of the
 * size. */
static void
style_attrs (const BbTextStyle *style,
             PangoAttrList     *attrs)
{
  double leading = style->line_spacing > 0 ? style->line_spacing : 1.4;

  pango_attr_list_insert (attrs, pango_attr_line_height_new_absolute ((int) (style->size * leading * PANGO_SCALE)));
  if (style->uppercase)
    pango_attr_list_insert (attrs, pango_attr_letter_spacing_new ((int) (style->size * 0.08 * PANGO_SCALE)));
}

PangoLayout *
bb_text_layout (PangoContext      *context,
                const BbTextStyle *style,
                const char        *text,
                double             width)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoAttrList *attrs = pango_attr_list_new ();
  g_autofree char *upper = NULL;

  layout_apply_style (layout, style, width);
  style_attrs (style, attrs);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  if (style->uppercase)
    text = upper = g_utf8_strup (text, -1);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

PangoContext *
bb_print_document_create_context (BbPrintDocument *self,
                                  cairo_t    *cr)
{
  PangoContext *context;
  cairo_font_options_t *options = cairo_font_options_create ();

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  /* Sizes are in points and user space is in points: 72 units an inch
   * (PangoCairo's default of 96 would print everything a third larger). */
  pango_cairo_context_set_resolution (context, 72);
  pango_context_set_round_glyph_positions (context, FALSE);
  pango_context_set_language (context, pango_language_from_string (self->language));
  return context;
}

static PangoContext *
measure_context (BbPrintDocument *self)
{
  if (self->measure_context == NULL)
    self->measure_context = bb_print_document_create_context (self, NULL);
  return self->measure_context;
}

/* The document ------------------------------------------------------- */

static void
element_free (gpointer data)
{
  Element *e = data;

  g_free (e->name);
  g_free (e->error);
  g_free (e->qr);
  g_clear_pointer (&e->image, cairo_surface_destroy);
  g_clear_pointer (&e->chart, bb_chart_free);
  if (e->frame != NULL)
    {
      g_ptr_array_unref (e->frame->paragraphs);
      g_free (e->frame->name);
      g_free (e->frame);
    }
  if (e->table != NULL)
    {
      for (guint i = 0; i < e->table->rows->len; i++)
        g_strfreev (g_array_index (e->table->rows, TableRow, i).cells);
      g_array_unref (e->table->rows);
      g_free (e->table->fractions);
      g_free (e->table->aligns);
      g_free (e->table->name);
      g_free (e->table);
    }
  g_free (e);
}

static void
paragraph_free (gpointer data)
{
  BbParagraph *p = data;

  g_string_free (p->text, TRUE);
  pango_attr_list_unref (p->attrs);
  g_free (p->bullet);
  g_free (p);
}

static void
page_free (gpointer data)
{
  BbPage *page = data;

  g_ptr_array_unref (page->elements);
  g_array_unref (page->folds);
  g_free (page);
}

BbPrintDocument *
bb_print_document_new (BbPaper  paper,
                       gboolean landscape)
{
  BbPrintDocument *self = g_new0 (BbPrintDocument, 1);

  self->paper = paper;
  self->landscape = landscape;
  bb_paper_get_size (paper, landscape, &self->trim_width, &self->trim_height);
  for (guint i = 0; i < 4; i++)
    self->margin[i] = 15 * BB_POINTS_PER_MM;
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->language = g_strdup ("en");
  return self;
}

void
bb_print_document_free (BbPrintDocument *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->pages);
  g_clear_object (&self->measure_context);
  g_free (self->language);
  g_free (self->title);
  g_free (self);
}

void
bb_print_document_get_trim_size (BbPrintDocument *self,
                                 double     *width_pt,
                                 double     *height_pt)
{
  *width_pt = self->trim_width;
  *height_pt = self->trim_height;
}

double
bb_print_document_get_trim_offset (BbPrintDocument *self)
{
  return self->bleed ? (BB_BLEED_MM + BB_SLUG_MM) * BB_POINTS_PER_MM : 0;
}

void
bb_print_document_get_media_size (BbPrintDocument *self,
                                  double     *width_pt,
                                  double     *height_pt)
{
  double offset = bb_print_document_get_trim_offset (self);

  *width_pt = self->trim_width + 2 * offset;
  *height_pt = self->trim_height + 2 * offset;
}

void
bb_print_document_set_margins (BbPrintDocument *self,
                               double      top_mm,
                               double      right_mm,
                               double      bottom_mm,
                               double      left_mm)
{
  self->margin[0] = top_mm * BB_POINTS_PER_MM;
  self->margin[1] = right_mm * BB_POINTS_PER_MM;
  self->margin[2] = bottom_mm * BB_POINTS_PER_MM;
  self->margin[3] = left_mm * BB_POINTS_PER_MM;
}

void
bb_print_document_get_content_box (BbPrintDocument *self,
                                   double     *x,
                                   double     *y,
                                   double     *width,
                                   double     *height)
{
  *x = self->margin[3];
  *y = self->margin[0];
  *width = self->trim_width - self->margin[1] - self->margin[3];
  *height = self->trim_height - self->margin[0] - self->margin[2];
}

void
bb_print_document_set_bleed (BbPrintDocument *self,
                             gboolean    bleed)
{
  self->bleed = !!bleed;
}

gboolean
bb_print_document_get_bleed (BbPrintDocument *self)
{
  return self->bleed;
}

void
bb_page_add_fold (BbPage *page,
                  double  x_pt)
{
  g_array_append_val (page->folds, x_pt);
}

guint
bb_page_get_n_folds (BbPage *page)
{
  return page->folds->len;
}

double
bb_page_get_fold (BbPage *page,
                  guint   index)
{
  g_return_val_if_fail (index < page->folds->len, 0);
  return g_array_index (page->folds, double, index);
}

void
bb_print_document_set_language (BbPrintDocument *self,
                                const char *language)
{
  g_free (self->language);
  self->language = g_strdup (language != NULL && *language ? language : "en");
  g_clear_object (&self->measure_context);
}

const char *
bb_print_document_get_language (BbPrintDocument *self)
{
  return self->language;
}

void
bb_print_document_set_title (BbPrintDocument *self,
                             const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
bb_print_document_get_title (BbPrintDocument *self)
{
  return self->title;
}

BbPage *
bb_print_document_add_page (BbPrintDocument *self)
{
  BbPage *page = g_new0 (BbPage, 1);

  page->document = self;
  page->index = self->pages->len;
  page->elements = g_ptr_array_new_with_free_func (element_free);
  page->folds = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (self->pages, page);
  return page;
}

guint
bb_print_document_get_n_pages (BbPrintDocument *self)
{
  return self->pages->len;
}

BbPage *
bb_print_document_get_page (BbPrintDocument *self,
                            guint       index)
{
  g_return_val_if_fail (index < self->pages->len, NULL);
  return g_ptr_array_index (self->pages, index);
}

/* Elements ----------------------------------------------------------- */

static Element *
page_add (BbPage      *page,
          ElementKind  kind,
          double       x,
          double       y,
          double       width,
          double       height)
{
  Element *e = g_new0 (Element, 1);

  e->kind = kind;
  e->x = x;
  e->y = y;
  e->width = width;
  e->height = height;
  g_ptr_array_add (page->elements, e);
  return e;
}

void
bb_page_add_rect (BbPage        *page,
                  double         x,
                  double         y,
                  double         width,
                  double         height,
                  const BbColor *fill,
                  const BbColor *stroke,
                  double         line_width,
                  double         corner_radius)
{
  Element *e = page_add (page, ELEMENT_RECT, x, y, width, height);

  if (fill != NULL)
    {
      e->fill = *fill;
      e->has_fill = TRUE;
    }
  if (stroke != NULL)
    {
      e->stroke = *stroke;
      e->has_stroke = TRUE;
    }
  e->line_width = line_width;
  e->radius = corner_radius;
}

void
bb_page_add_line (BbPage        *page,
                  double         x0,
                  double         y0,
                  double         x1,
                  double         y1,
                  const BbColor *color,
                  double         line_width,
                  gboolean       dashed)
{
  Element *e = page_add (page, ELEMENT_LINE, x0, y0, x1 - x0, y1 - y0);

  e->stroke = *color;
  e->has_stroke = TRUE;
  e->line_width = line_width;
  e->dashed = dashed;
}

BbFrame *
bb_page_add_frame (BbPage     *page,
                   const char *name,
                   double      x,
                   double      y,
                   double      width,
                   double      height)
{
  Element *e = page_add (page, ELEMENT_FRAME, x, y, width, height);

  e->frame = g_new0 (BbFrame, 1);
  e->frame->document = page->document;
  e->frame->name = g_strdup (name);
  e->frame->x = x;
  e->frame->y = y;
  e->frame->width = width;
  e->frame->height = height;
  e->frame->paragraphs = g_ptr_array_new_with_free_func (paragraph_free);
  return e->frame;
}

void
bb_frame_set_valign (BbFrame  *frame,
                     BbVAlign  valign)
{
  frame->valign = valign;
}

BbFrame *
bb_page_add_text (BbPage            *page,
                  const char        *name,
                  double             x,
                  double             y,
                  double             width,
                  double             height,
                  const BbTextStyle *style,
                  const char        *text)
{
  BbFrame *frame = bb_page_add_frame (page, name, x, y, width, height);

  bb_frame_add_paragraph (frame, style, text);
  return frame;
}

BbParagraph *
bb_frame_add_paragraph (BbFrame           *frame,
                        const BbTextStyle *style,
                        const char        *text)
{
  BbParagraph *p = g_new0 (BbParagraph, 1);

  p->text = g_string_new (NULL);
  p->attrs = pango_attr_list_new ();
  p->style = *style;
  g_ptr_array_add (frame->paragraphs, p);
  style_attrs (style, p->attrs);
  if (text != NULL)
    {
      g_autofree char *upper = style->uppercase ? g_utf8_strup (text, -1) : NULL;

      g_string_append (p->text, upper != NULL ? upper : text);
    }
  return p;
}

void
bb_paragraph_append (BbParagraph       *paragraph,
                     const BbTextStyle *style,
                     const char        *text)
{
  guint start = paragraph->text->len;
  PangoAttribute *attr;
  g_autofree char *upper = style->uppercase ? g_utf8_strup (text, -1) : NULL;

  g_string_append (paragraph->text, upper != NULL ? upper : text);

#define ADD(a) G_STMT_START { attr = (a); attr->start_index = start; \
  attr->end_index = paragraph->text->len; pango_attr_list_insert (paragraph->attrs, attr); } G_STMT_END
  ADD (pango_attr_weight_new (style->weight > 0 ? style->weight : PANGO_WEIGHT_NORMAL));
  ADD (pango_attr_style_new (style->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL));
  ADD (pango_attr_size_new ((int) (style->size * PANGO_SCALE)));
  ADD (pango_attr_foreground_new ((guint16) (style->color.r * 65535), (guint16) (style->color.g * 65535),
                                  (guint16) (style->color.b * 65535)));
#undef ADD
}

void
bb_paragraph_set_bullet (BbParagraph   *paragraph,
                         const char    *bullet,
                         const BbColor *color)
{
  g_free (paragraph->bullet);
  paragraph->bullet = g_strdup (bullet);
  paragraph->bullet_color = color != NULL ? *color : paragraph->style.color;
}

static double
bullet_indent (BbParagraph *p)
{
  return p->bullet != NULL ? p->style.size * 1.3 : 0;
}

static PangoLayout *
paragraph_layout (PangoContext *context,
                  BbParagraph  *p,
                  double        width)
{
  PangoLayout *layout = pango_layout_new (context);

  layout_apply_style (layout, &p->style, width - bullet_indent (p));
  pango_layout_set_text (layout, p->text->str, (int) p->text->len);
  pango_layout_set_attributes (layout, p->attrs);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

double
bb_print_document_measure_text (BbPrintDocument        *self,
                                const BbTextStyle *style,
                                const char        *text,
                                double             width)
{
  g_autoptr(PangoLayout) layout = bb_text_layout (measure_context (self), style, text, width);

  return layout_height (layout);
}

double
bb_print_document_fit_words (BbPrintDocument   *self,
                             const BbTextStyle *style,
                             const char        *text,
                             double             width)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n", -1);
  double size = style->size;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      if (*words[i] == '\0')
        continue;
      layout = bb_text_layout (measure_context (self), style, words[i], -1);
      pango_layout_get_size (layout, &w, NULL);
      if ((double) w / PANGO_SCALE > width)
        size = MIN (size, floor (style->size * width / ((double) w / PANGO_SCALE) * 2) / 2);
    }
  return size;
}

double
bb_frame_measure (BbFrame *frame)
{
  PangoContext *context = measure_context (frame->document);
  double total = 0;

  for (guint i = 0; i < frame->paragraphs->len; i++)
    {
      BbParagraph *p = g_ptr_array_index (frame->paragraphs, i);
      g_autoptr(PangoLayout) layout = paragraph_layout (context, p, frame->width);

      total += layout_height (layout);
      if (i + 1 < frame->paragraphs->len)
        total += p->style.space_after;
    }
  return total;
}

void
bb_frame_shrink_to_fit (BbFrame     *frame,
                        BbParagraph *paragraph,
                        double       min_size)
{
  while (bb_frame_measure (frame) > frame->height && paragraph->style.size - 0.5 >= min_size)
    {
      double leading = paragraph->style.line_spacing > 0 ? paragraph->style.line_spacing : 1.4;

      paragraph->style.size -= 0.5;
      pango_attr_list_change (paragraph->attrs,
                              pango_attr_line_height_new_absolute ((int) (paragraph->style.size * leading * PANGO_SCALE)));
    }
}

BbTable *
bb_page_add_table (BbPage       *page,
                   const char   *name,
                   double        x,
                   double        y,
                   double        width,
                   double        max_height,
                   guint         n_columns,
                   const double *fractions)
{
  Element *e = page_add (page, ELEMENT_TABLE, x, y, width, max_height);
  BbTable *t = g_new0 (BbTable, 1);
  double sum = 0;

  g_return_val_if_fail (n_columns > 0, NULL);

  e->table = t;
  t->document = page->document;
  t->name = g_strdup (name);
  t->x = x;
  t->y = y;
  t->width = width;
  t->max_height = max_height;
  t->n_columns = n_columns;
  t->fractions = g_new (double, n_columns);
  t->aligns = g_new0 (BbAlign, n_columns);
  for (guint i = 0; i < n_columns; i++)
    sum += fractions != NULL ? fractions[i] : 1;
  for (guint i = 0; i < n_columns; i++)
    t->fractions[i] = (fractions != NULL ? fractions[i] : 1) / sum;
  t->header_style = bb_text_style (9, PANGO_WEIGHT_BOLD, NULL);
  t->body_style = bb_text_style (9, PANGO_WEIGHT_NORMAL, NULL);
  t->header_fill = bb_color_rgb (0xe8e8e8);
  t->stripe_fill = bb_color_rgb (0xf5f5f5);
  t->rule = bb_color_rgb (0xcccccc);
  t->rows = g_array_new (FALSE, FALSE, sizeof (TableRow));
  return t;
}

void
bb_table_set_style (BbTable           *table,
                    const BbTextStyle *header,
                    const BbTextStyle *body,
                    const BbColor     *header_fill,
                    const BbColor     *stripe_fill,
                    const BbColor     *rule)
{
  if (header != NULL)
    table->header_style = *header;
  if (body != NULL)
    table->body_style = *body;
  if (header_fill != NULL)
    table->header_fill = *header_fill;
  if (stripe_fill != NULL)
    table->stripe_fill = *stripe_fill;
  if (rule != NULL)
    table->rule = *rule;
}

void
bb_table_set_column_align (BbTable *table,
                           guint    column,
                           BbAlign  align)
{
  g_return_if_fail (column < table->n_columns);
  table->aligns[column] = align;
}

void
bb_table_add_row (BbTable            *table,
                  gboolean            header,
                  const char * const *cells)
{
  TableRow row = { header, g_new0 (char *, table->n_columns + 1) };

  for (guint i = 0; i < table->n_columns && cells[i] != NULL; i++)
    row.cells[i] = g_strdup (cells[i]);
  for (guint i = 0; i < table->n_columns; i++)
    if (row.cells[i] == NULL)
      row.cells[i] = g_strdup ("");
  g_array_append_val (table->rows, row);
}

void
bb_table_pop_row (BbTable *table)
{
  g_return_if_fail (table->rows->len > 0);
  g_strfreev (g_array_index (table->rows, TableRow, table->rows->len - 1).cells);
  g_array_set_size (table->rows, table->rows->len - 1);
}

guint
bb_table_get_n_rows (BbTable *table)
{
  return table->rows->len;
}

#define CELL_PAD_X 3.5
#define CELL_PAD_Y 2.6

/* The layouts of one row and its height. */
static double
table_row_layouts (BbTable       *t,
                   PangoContext  *context,
                   TableRow      *row,
                   PangoLayout  **layouts)
{
  double height = 0;

  for (guint c = 0; c < t->n_columns; c++)
    {
      BbTextStyle style = row->header ? t->header_style : t->body_style;

      style.align = t->aligns[c];
      layouts[c] = bb_text_layout (context, &style, row->cells[c],
                                   t->width * t->fractions[c] - 2 * CELL_PAD_X);
      height = MAX (height, layout_height (layouts[c]));
    }
  return height + 2 * CELL_PAD_Y;
}

static guint
unknown_glyphs_of (PangoLayout *layout,
                   GString     *missing)
{
  int n = pango_layout_get_unknown_glyphs_count (layout);

  if (n > 0 && missing != NULL)
    {
      if (missing->len > 0)
        g_string_append (missing, "; ");
      g_string_append (missing, pango_layout_get_text (layout));
    }
  return (guint) MAX (n, 0);
}

guint
bb_print_document_count_unknown_glyphs (BbPrintDocument *self,
                                        char           **texts)
{
  PangoContext *context;
  GString *missing;
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  context = measure_context (self);
  missing = texts != NULL ? g_string_new (NULL) : NULL;
  for (guint i = 0; i < self->pages->len; i++)
    {
      BbPage *page = g_ptr_array_index (self->pages, i);

      for (guint j = 0; j < page->elements->len; j++)
        {
          Element *e = g_ptr_array_index (page->elements, j);

          if (e->frame != NULL)
            for (guint k = 0; k < e->frame->paragraphs->len; k++)
              {
                g_autoptr(PangoLayout) layout =
                  paragraph_layout (context, g_ptr_array_index (e->frame->paragraphs, k), e->frame->width);

                n += unknown_glyphs_of (layout, missing);
              }
          if (e->table != NULL)
            for (guint r = 0; r < e->table->rows->len; r++)
              {
                TableRow *row = &g_array_index (e->table->rows, TableRow, r);
                g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, e->table->n_columns);

                table_row_layouts (e->table, context, row, layouts);
                for (guint c = 0; c < e->table->n_columns; c++)
                  {
                    n += unknown_glyphs_of (layouts[c], missing);
                    g_object_unref (layouts[c]);
                  }
              }
        }
    }
  if (texts != NULL)
    *texts = g_string_free (missing, missing->len == 0);
  return n;
}

double
bb_table_measure (BbTable *table)
{
  PangoContext *context = measure_context (table->document);
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, table->n_columns);
  double total = 0;

  for (guint r = 0; r < table->rows->len; r++)
    {
      total += table_row_layouts (table, context, &g_array_index (table->rows, TableRow, r), layouts);
      for (guint c = 0; c < table->n_columns; c++)
        g_clear_object (&layouts[c]);
    }
  return total;
}

static cairo_status_t
read_bytes_cb (void          *closure,
               unsigned char *data,
               unsigned int   length)
{
  GInputStream *stream = closure;
  gsize n = 0;

  if (!g_input_stream_read_all (stream, data, length, &n, NULL, NULL) || n != length)
    return CAIRO_STATUS_READ_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

void
bb_page_add_image (BbPage     *page,
                   const char *name,
                   double      x,
                   double      y,
                   double      width,
                   double      height,
                   GBytes     *png)
{
  Element *e = page_add (page, ELEMENT_IMAGE, x, y, width, height);
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size = 0;
  const guint8 *data = png != NULL ? g_bytes_get_data (png, &size) : NULL;

  e->name = g_strdup (name);
  if (data == NULL || size < 8 || memcmp (data, signature, 8) != 0)
    {
      e->error = g_strdup (_("The picture is not a PNG image and was left out"));
      return;
    }
  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (png);

    e->image = cairo_image_surface_create_from_png_stream (read_bytes_cb, stream);
  }
  if (cairo_surface_status (e->image) != CAIRO_STATUS_SUCCESS)
    {
      g_clear_pointer (&e->image, cairo_surface_destroy);
      e->error = g_strdup (_("The picture is damaged and was left out"));
    }
}

void
bb_page_add_photo_placeholder (BbPage        *page,
                               double         x,
                               double         y,
                               double         width,
                               double         height,
                               const BbColor *tint)
{
  Element *e = page_add (page, ELEMENT_PHOTO, x, y, width, height);

  e->fill = tint != NULL ? *tint : bb_color_rgb (0x9a9a9a);
}

void
bb_page_add_qr (BbPage        *page,
                const char    *name,
                double         x,
                double         y,
                double         size,
                const char    *text,
                const BbColor *color)
{
  Element *e = page_add (page, ELEMENT_QR, x, y, size, size);
  QRcode *code;

  e->name = g_strdup (name);
  e->fill = color != NULL ? *color : bb_color_rgb (0x000000);
  code = text != NULL && *text ? QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
  if (code == NULL)
    {
      e->error = g_strdup (_("The QR code could not be made from this text"));
      return;
    }
  e->qr_width = code->width;
  e->qr = g_new (guint8, code->width * code->width);
  for (int i = 0; i < code->width * code->width; i++)
    e->qr[i] = code->data[i] & 1;
  QRcode_free (code);
}

void
bb_page_add_chart (BbPage  *page,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   BbChart *chart)
{
  Element *e = page_add (page, ELEMENT_CHART, x, y, width, height);

  e->chart = chart;
}

/* Drawing ------------------------------------------------------------ */

BbRenderResult *
bb_render_result_new (void)
{
  BbRenderResult *self = g_new0 (BbRenderResult, 1);

  self->warnings = g_ptr_array_new ();
  return self;
}

void
bb_render_result_free (BbRenderResult *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->warnings->len; i++)
    {
      BbRenderWarning *w = g_ptr_array_index (self->warnings, i);

      g_free (w->element);
      g_free (w->message);
      g_free (w);
    }
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

gboolean
bb_render_result_has_overflow (BbRenderResult *self)
{
  return self != NULL && self->warnings->len > 0;
}

static void
warn (BbRenderResult *result,
      guint           page,
      const char     *element,
      char           *message)
{
  BbRenderWarning *w;

  if (result == NULL)
    {
      g_free (message);
      return;
    }
  w = g_new0 (BbRenderWarning, 1);
  w->page = page;
  w->element = g_strdup (element != NULL ? element : "");
  w->message = message;
  g_ptr_array_add (result->warnings, w);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_rect (BbPrintDocument *self,
           cairo_t    *cr,
           Element    *e)
{
  double x0 = e->x, y0 = e->y, x1 = e->x + e->width, y1 = e->y + e->height;

  if (self->bleed && e->has_fill && !e->has_stroke && e->radius <= 0)
    {
      double b = BB_BLEED_MM * BB_POINTS_PER_MM;

      if (x0 <= 0.5)
        x0 -= b;
      if (y0 <= 0.5)
        y0 -= b;
      if (x1 >= self->trim_width - 0.5)
        x1 += b;
      if (y1 >= self->trim_height - 0.5)
        y1 += b;
    }
  rounded_rect (cr, x0, y0, x1 - x0, y1 - y0, e->radius);
  if (e->has_fill)
    {
      bb_cairo_set_color (cr, &e->fill);
      if (e->has_stroke)
        cairo_fill_preserve (cr);
      else
        cairo_fill (cr);
    }
  if (e->has_stroke)
    {
      bb_cairo_set_color (cr, &e->stroke);
      cairo_set_line_width (cr, e->line_width);
      cairo_stroke (cr);
    }
}

static void
draw_line (cairo_t *cr,
           Element *e)
{
  static const double dash[] = { 3, 2 };

  cairo_save (cr);
  bb_cairo_set_color (cr, &e->stroke);
  cairo_set_line_width (cr, e->line_width);
  if (e->dashed)
    cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, e->x, e->y);
  cairo_line_to (cr, e->x + e->width, e->y + e->height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_frame (BbPrintDocument     *self,
            cairo_t        *cr,
            PangoContext   *context,
            BbFrame        *frame,
            guint           page,
            BbRenderResult *result)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double total = 0, y, bottom = frame->y + frame->height + 0.5;
  gboolean cut = FALSE;

  for (guint i = 0; i < frame->paragraphs->len; i++)
    {
      BbParagraph *p = g_ptr_array_index (frame->paragraphs, i);
      PangoLayout *layout = paragraph_layout (context, p, frame->width);

      g_ptr_array_add (layouts, layout);
      total += layout_height (layout);
      if (i + 1 < frame->paragraphs->len)
        total += p->style.space_after;
    }

  y = frame->y;
  if (total < frame->height && frame->valign == BB_VALIGN_MIDDLE)
    y += (frame->height - total) / 2;
  else if (total < frame->height && frame->valign == BB_VALIGN_BOTTOM)
    y += frame->height - total;

  for (guint i = 0; i < layouts->len && !cut; i++)
    {
      BbParagraph *p = g_ptr_array_index (frame->paragraphs, i);
      PangoLayout *layout = g_ptr_array_index (layouts, i);
      double x = frame->x + bullet_indent (p);
      PangoLayoutIter *iter = pango_layout_get_iter (layout);
      gboolean first = TRUE;

      bb_cairo_set_color (cr, &p->style.color);
      do
        {
          PangoRectangle logical;
          double baseline;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          if (y + (double) (logical.y + logical.height) / PANGO_SCALE > bottom)
            {
              cut = TRUE;
              break;
            }
          baseline = y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          if (first && p->bullet != NULL)
            {
              g_autoptr(PangoLayout) bullet = bb_text_layout (context, &p->style, p->bullet, -1);

              bb_cairo_set_color (cr, &p->bullet_color);
              cairo_move_to (cr, frame->x, baseline);
              pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (bullet, 0));
              bb_cairo_set_color (cr, &p->style.color);
            }
          first = FALSE;
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE, baseline);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      y += layout_height (layout) + p->style.space_after;
    }

  if (cut || total > frame->height + 0.5)
    warn (result, page, frame->name,
          g_strdup_printf (_("The text of “%s” on page %u does not fit: it needs %.0f mm more room, or shorter text"),
                           frame->name != NULL ? frame->name : "", page + 1,
                           ceil ((total - frame->height) / BB_POINTS_PER_MM)));
}

static void
draw_table (cairo_t        *cr,
            PangoContext   *context,
            BbTable        *t,
            guint           page,
            BbRenderResult *result)
{
  g_autofree PangoLayout **layouts = g_new0 (PangoLayout *, t->n_columns);
  double y = t->y;
  guint stripe = 0;

  for (guint r = 0; r < t->rows->len; r++)
    {
      TableRow *row = &g_array_index (t->rows, TableRow, r);
      double h = table_row_layouts (t, context, row, layouts);
      double x = t->x;

      if (t->max_height > 0 && y + h > t->y + t->max_height + 0.5)
        {
          warn (result, page, t->name,
                g_strdup_printf (_("The table “%s” on page %u does not fit: %u of its %u rows were left out"),
                                 t->name != NULL ? t->name : "", page + 1,
                                 t->rows->len - r, t->rows->len));
          for (guint c = 0; c < t->n_columns; c++)
            g_clear_object (&layouts[c]);
          break;
        }

      if (row->header || (stripe++ % 2) == 1)
        {
          bb_cairo_set_color (cr, row->header ? &t->header_fill : &t->stripe_fill);
          cairo_rectangle (cr, t->x, y, t->width, h);
          cairo_fill (cr);
        }
      if (row->header)
        stripe = 0;

      for (guint c = 0; c < t->n_columns; c++)
        {
          const BbTextStyle *style = row->header ? &t->header_style : &t->body_style;

          bb_cairo_set_color (cr, &style->color);
          cairo_move_to (cr, x + CELL_PAD_X, y + CELL_PAD_Y);
          pango_cairo_show_layout (cr, layouts[c]);
          x += t->width * t->fractions[c];
          g_clear_object (&layouts[c]);
        }
      y += h;
      bb_cairo_set_color (cr, &t->rule);
      cairo_set_line_width (cr, row->header ? 0.8 : 0.4);
      cairo_move_to (cr, t->x, y);
      cairo_line_to (cr, t->x + t->width, y);
      cairo_stroke (cr);
    }
}

static void
draw_image (cairo_t        *cr,
            Element        *e,
            guint           page,
            BbRenderResult *result)
{
  double iw, ih, scale;

  if (e->image == NULL)
    {
      warn (result, page, e->name, g_strdup (e->error));
      return;
    }
  iw = cairo_image_surface_get_width (e->image);
  ih = cairo_image_surface_get_height (e->image);
  if (iw <= 0 || ih <= 0)
    return;
  scale = MIN (e->width / iw, e->height / ih);
  cairo_save (cr);
  cairo_translate (cr, e->x + (e->width - iw * scale) / 2, e->y + (e->height - ih * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, e->image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

static void
draw_photo_placeholder (cairo_t *cr,
                        Element *e)
{
  BbColor back = bb_color_tint (&e->fill, 0.85);
  BbColor figure = bb_color_tint (&e->fill, 0.45);
  double cx = e->x + e->width / 2, s = MIN (e->width, e->height);

  cairo_save (cr);
  cairo_rectangle (cr, e->x, e->y, e->width, e->height);
  bb_cairo_set_color (cr, &back);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  bb_cairo_set_color (cr, &figure);
  cairo_arc (cr, cx, e->y + e->height * 0.40, s * 0.19, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_save (cr);
  cairo_translate (cr, cx, e->y + e->height * 0.98);
  cairo_scale (cr, s * 0.36, s * 0.30);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_restore (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_qr (cairo_t        *cr,
         Element        *e,
         guint           page,
         BbRenderResult *result)
{
  double module;

  if (e->qr == NULL)
    {
      warn (result, page, e->name, g_strdup (e->error));
      return;
    }
  module = e->width / (e->qr_width + 8);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, e->x, e->y, e->width, e->width);
  cairo_fill (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (int row = 0; row < e->qr_width; row++)
    for (int col = 0; col < e->qr_width; col++)
      if (e->qr[row * e->qr_width + col])
        {
          /* Runs of dark modules as one rectangle: smaller files, no seams. */
          int end = col;

          while (end + 1 < e->qr_width && e->qr[row * e->qr_width + end + 1])
            end++;
          cairo_rectangle (cr, e->x + (col + 4) * module, e->y + (row + 4) * module,
                           (end - col + 1) * module, module);
          col = end;
        }
  bb_cairo_set_color (cr, &e->fill);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
draw_marks (BbPrintDocument *self,
            BbPage          *page,
            cairo_t         *cr)
{
  double off = bb_print_document_get_trim_offset (self);
  double gap = (BB_BLEED_MM + 1) * BB_POINTS_PER_MM;
  double w = self->trim_width, h = self->trim_height;

  cairo_save (cr);
  cairo_set_line_width (cr, 0.3);
  if (self->bleed)
    {
      /* Crop marks in registration black, outside the bleed. */
      cairo_set_source_rgb (cr, 0, 0, 0);
      for (int cx = 0; cx < 2; cx++)
        for (int cy = 0; cy < 2; cy++)
          {
            double x = cx ? w : 0, y = cy ? h : 0;
            double sx = cx ? 1 : -1, sy = cy ? 1 : -1;

            cairo_move_to (cr, x + sx * gap, y);
            cairo_line_to (cr, x + sx * off, y);
            cairo_move_to (cr, x, y + sy * gap);
            cairo_line_to (cr, x, y + sy * off);
          }
      cairo_stroke (cr);
    }
  for (guint i = 0; i < page->folds->len; i++)
    {
      static const double dash[] = { 2, 1.5 };
      double x = g_array_index (page->folds, double, i);

      cairo_set_dash (cr, dash, 2, 0);
      if (self->bleed)
        {
          cairo_set_source_rgb (cr, 0, 0, 0);
          cairo_move_to (cr, x, -gap);
          cairo_line_to (cr, x, -off);
          cairo_move_to (cr, x, h + gap);
          cairo_line_to (cr, x, h + off);
        }
      else
        {
          cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
          cairo_move_to (cr, x, 0);
          cairo_line_to (cr, x, 4 * BB_POINTS_PER_MM);
          cairo_move_to (cr, x, h);
          cairo_line_to (cr, x, h - 4 * BB_POINTS_PER_MM);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

void
bb_print_document_draw_page (BbPrintDocument     *self,
                             guint           index,
                             cairo_t        *cr,
                             BbRenderResult *result)
{
  BbPage *page;
  PangoContext *context;
  double off;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->pages->len);

  page = g_ptr_array_index (self->pages, index);
  context = bb_print_document_create_context (self, cr);
  off = bb_print_document_get_trim_offset (self);

  cairo_save (cr);
  cairo_translate (cr, off, off);
  for (guint i = 0; i < page->elements->len; i++)
    {
      Element *e = g_ptr_array_index (page->elements, i);

      switch (e->kind)
        {
        case ELEMENT_RECT:
          draw_rect (self, cr, e);
          break;
        case ELEMENT_LINE:
          draw_line (cr, e);
          break;
        case ELEMENT_FRAME:
          draw_frame (self, cr, context, e->frame, index, result);
          break;
        case ELEMENT_TABLE:
          draw_table (cr, context, e->table, index, result);
          break;
        case ELEMENT_IMAGE:
          draw_image (cr, e, index, result);
          break;
        case ELEMENT_PHOTO:
          draw_photo_placeholder (cr, e);
          break;
        case ELEMENT_QR:
          draw_qr (cr, e, index, result);
          break;
        case ELEMENT_CHART:
          bb_chart_draw (e->chart, cr, context, e->x, e->y, e->width, e->height);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  draw_marks (self, page, cr);
  cairo_restore (cr);
  g_object_unref (context);
}

static gboolean
finish_surface (cairo_surface_t *surface,
                const char      *path,
                GError         **error)
{
  cairo_status_t status;

  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

gboolean
bb_print_document_write_pdf (BbPrintDocument      *self,
                             const char      *path,
                             BbRenderResult **result,
                             GError         **error)
{
  g_autoptr(BbRenderResult) res = bb_render_result_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bb_print_document_get_media_size (self, &w, &h);
  surface = cairo_pdf_surface_create (path, w, h);
  if (self->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Beatbook " PACKAGE_VERSION);
  cr = cairo_create (surface);
  for (guint i = 0; i < self->pages->len; i++)
    {
      bb_print_document_draw_page (self, i, cr, res);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  ok = finish_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && result != NULL)
    *result = g_steal_pointer (&res);
  return ok;
}

gboolean
bb_print_document_write_png (BbPrintDocument      *self,
                             guint            index,
                             double           dpi,
                             const char      *path,
                             BbRenderResult **result,
                             GError         **error)
{
  g_autoptr(BbRenderResult) res = bb_render_result_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double w, h, scale = dpi / 72.0;

  g_return_val_if_fail (self != NULL, FALSE);
  if (index >= self->pages->len)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_NO_PAGE,
                   _("The document has no page %u"), index + 1);
      return FALSE;
    }
  bb_print_document_get_media_size (self, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale), (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  bb_print_document_draw_page (self, index, cr, res);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png (surface, path);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (result != NULL)
    *result = g_steal_pointer (&res);
  return TRUE;
}

gboolean
bb_print_document_write_svg (BbPrintDocument      *self,
                             guint            index,
                             const char      *path,
                             BbRenderResult **result,
                             GError         **error)
{
  g_autoptr(BbRenderResult) res = bb_render_result_new ();
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  if (index >= self->pages->len)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_NO_PAGE,
                   _("The document has no page %u"), index + 1);
      return FALSE;
    }
  bb_print_document_get_media_size (self, &w, &h);
  surface = cairo_svg_surface_create (path, w, h);
  cr = cairo_create (surface);
  bb_print_document_draw_page (self, index, cr, res);
  cairo_destroy (cr);
  ok = finish_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && result != NULL)
    *result = g_steal_pointer (&res);
  return ok;
}
