/* bb-print-document.c: the document model: pages, frames of text, tables, images, QR codes, charts, maps */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-print-document"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "bb-chart.h"
#include "bb-print-document-private.h"

G_DEFINE_QUARK (bb-render-error-quark, bb_render_error)

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
  g_clear_pointer (&e->map, bb_static_map_free);
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

  g_atomic_ref_count_init (&self->ref_count);
  self->paper = paper;
  self->landscape = landscape;
  bb_paper_get_size (paper, landscape, &self->trim_width, &self->trim_height);
  for (guint i = 0; i < 4; i++)
    self->margin[i] = 15 * BB_POINTS_PER_MM;
  self->pages = g_ptr_array_new_with_free_func (page_free);
  self->language = g_strdup ("en");
  g_mutex_init (&self->text_lock);
  return self;
}

BbPrintDocument *
bb_print_document_ref (BbPrintDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
bb_print_document_free (BbPrintDocument *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_ptr_array_unref (self->pages);
  g_clear_pointer (&self->text, bb_text_cache_free);
  g_mutex_clear (&self->text_lock);
  g_free (self->language);
  g_free (self->title);
  g_free (self);
}

void
bb_print_document_get_paper (BbPrintDocument *self,
                             BbPaper         *paper,
                             gboolean        *landscape)
{
  *paper = self->paper;
  *landscape = self->landscape;
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
  bb_print_document_text_clear (self);
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
  bb_text_style_attrs (style, p->attrs);
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
  paragraph->has_runs = TRUE;

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

double
bb_paragraph_bullet_indent (BbParagraph *p)
{
  return p->bullet != NULL ? p->style.size * 1.3 : 0;
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

void
bb_page_add_map (BbPage      *page,
                 const char  *name,
                 double       x,
                 double       y,
                 double       width,
                 double       height,
                 BbStaticMap *map)
{
  Element *e = page_add (page, ELEMENT_MAP, x, y, width, height);

  e->name = g_strdup (name);
  e->map = map;
}
