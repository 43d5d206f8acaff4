/* bb-print-document-draw.c: draws the document model onto cairo: PDF, PNG, SVG, a print context */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-print-document"

#include "config.h"

#include <errno.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-chart.h"
#include "bb-print-document-private.h"
#include "bb-safe-file.h"

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

void
bb_render_result_mark (BbRenderResult  *self,
                       BbPrintDocument *document,
                       guint            page,
                       cairo_t         *cr)
{
  static const double dash[] = { 4, 2 };
  double off = bb_print_document_get_trim_offset (document);

  cairo_save (cr);
  cairo_translate (cr, off, off);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 1.5);
  for (guint i = 0; i < self->warnings->len; i++)
    {
      BbRenderWarning *w = g_ptr_array_index (self->warnings, i);

      if (w->page != page || w->width <= 0 || w->height <= 0)
        continue;
      cairo_rectangle (cr, w->x - 2, w->y - 2, w->width + 4, w->height + 4);
      cairo_set_source_rgba (cr, 0.9, 0.1, 0.1, 0.08);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.85, 0.1, 0.1);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
warn (BbRenderResult *result,
      guint           page,
      const char     *element,
      double          x,
      double          y,
      double          width,
      double          height,
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
  w->x = x;
  w->y = y;
  w->width = width;
  w->height = height;
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
            BbTextCache    *cache,
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
      PangoLayout *layout = bb_text_cache_paragraph (cache, p, frame->width);

      g_ptr_array_add (layouts, layout);
      total += bb_layout_height (layout);
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
      double x = frame->x + bb_paragraph_bullet_indent (p);
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
              g_autoptr(PangoLayout) bullet = bb_text_cache_layout (cache, &p->style, p->bullet, -1);

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
      y += bb_layout_height (layout) + p->style.space_after;
    }

  if (cut || total > frame->height + 0.5)
    warn (result, page, frame->name, frame->x, frame->y, frame->width, frame->height,
          g_strdup_printf (_("The text of “%s” on page %u does not fit: it needs %.0f mm more room, or shorter text"),
                           frame->name != NULL ? frame->name : "", page + 1,
                           ceil ((total - frame->height) / BB_POINTS_PER_MM)));
}

static void
draw_table (cairo_t        *cr,
            BbTextCache    *cache,
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
      double h = bb_table_row_layouts (t, cache, row, layouts);
      double x = t->x;

      if (t->max_height > 0 && y + h > t->y + t->max_height + 0.5)
        {
          warn (result, page, t->name, t->x, t->y, t->width, t->max_height,
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
      warn (result, page, e->name, e->x, e->y, e->width, e->height, g_strdup (e->error));
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
      warn (result, page, e->name, e->x, e->y, e->width, e->height, g_strdup (e->error));
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
  BbTextCache *cache;
  PangoContext *context;
  double off;

  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->pages->len);

  page = g_ptr_array_index (self->pages, index);
  /* The text is laid out as it was measured, with the document's fonts
   * (no hinting: the same lines on any surface) rather than for @cr. */
  cache = bb_print_document_text_begin (self);
  context = bb_text_cache_get_context (cache);
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
          draw_frame (self, cr, cache, e->frame, index, result);
          break;
        case ELEMENT_TABLE:
          draw_table (cr, cache, e->table, index, result);
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
        case ELEMENT_MAP:
          bb_static_map_draw (e->map, cr, context, e->x, e->y, e->width, e->height);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  draw_marks (self, page, cr);
  cairo_restore (cr);
  bb_print_document_text_end (self, cache);
}

/* Documents are written beside their name and renamed into place when
 * whole (bb-safe-file.h): a full disk or a crash never leaves half a
 * poster under the real name. */
typedef struct {
  FILE *file;
  int   saved_errno;
} SafeStream;

static cairo_status_t
safe_stream_write_cb (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  SafeStream *stream = closure;

  if (fwrite (data, 1, length, stream->file) != length)
    {
      stream->saved_errno = errno;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
safe_stream_open (SafeStream  *stream,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *partial = bb_safe_file_partial_path (path);

  stream->saved_errno = 0;
  stream->file = bb_safe_file_create (partial, error);
  return stream->file != NULL;
}

static gboolean
safe_stream_close (SafeStream      *stream,
                   const char      *path,
                   cairo_status_t   status,
                   GError         **error)
{
  if (status != CAIRO_STATUS_SUCCESS && stream->saved_errno == 0)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
    }
  return bb_safe_file_finish (stream->file, path, status == CAIRO_STATUS_SUCCESS, stream->saved_errno, error);
}

static gboolean
finish_surface (cairo_surface_t *surface,
                SafeStream      *stream,
                const char      *path,
                GError         **error)
{
  cairo_surface_finish (surface);
  return safe_stream_close (stream, path, cairo_surface_status (surface), error);
}

gboolean
bb_print_document_write_pdf (BbPrintDocument      *self,
                             const char      *path,
                             BbRenderResult **result,
                             GError         **error)
{
  g_autoptr(BbRenderResult) res = bb_render_result_new ();
  SafeStream stream;
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bb_print_document_get_media_size (self, &w, &h);
  if (!safe_stream_open (&stream, path, error))
    return FALSE;
  surface = cairo_pdf_surface_create_for_stream (safe_stream_write_cb, &stream, w, h);
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
  ok = finish_surface (surface, &stream, path, error);
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
  SafeStream stream;
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
  if (!safe_stream_open (&stream, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  status = cairo_surface_write_to_png_stream (surface, safe_stream_write_cb, &stream);
  cairo_surface_destroy (surface);
  if (!safe_stream_close (&stream, path, status, error))
    return FALSE;
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
  SafeStream stream;
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
  if (!safe_stream_open (&stream, path, error))
    return FALSE;
  surface = cairo_svg_surface_create_for_stream (safe_stream_write_cb, &stream, w, h);
  cr = cairo_create (surface);
  bb_print_document_draw_page (self, index, cr, res);
  cairo_destroy (cr);
  ok = finish_surface (surface, &stream, path, error);
  cairo_surface_destroy (surface);
  if (ok && result != NULL)
    *result = g_steal_pointer (&res);
  return ok;
}


typedef enum {
  FORMAT_NONE,
  FORMAT_PDF,
  FORMAT_PNG,
  FORMAT_SVG,
} Format;

static Format
format_of (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".pdf"))
    return FORMAT_PDF;
  if (g_str_has_suffix (lower, ".png"))
    return FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return FORMAT_SVG;
  return FORMAT_NONE;
}

gboolean
bb_print_document_format_known (const char *path)
{
  return path != NULL && format_of (path) != FORMAT_NONE;
}

/* name.png → name-3.png */
static char *
page_path (const char *path,
           guint       page)
{
  const char *dot = strrchr (path, '.');

  return g_strdup_printf ("%.*s-%u%s", (int) (dot - path), path, page + 1, dot);
}

gboolean
bb_print_document_write_file (BbPrintDocument  *self,
                              const char       *path,
                              int               page,
                              double            dpi,
                              GPtrArray       **written,
                              BbRenderResult  **result,
                              GError          **error)
{
  g_autoptr(BbRenderResult) all = bb_render_result_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  Format format;
  guint first, last;

  g_return_val_if_fail (self != NULL && path != NULL, FALSE);

  format = format_of (path);
  if (format == FORMAT_NONE)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_FORMAT,
                   _("Name the file .pdf, .png or .svg so that Beatbook knows what to write"));
      return FALSE;
    }
  if (format == FORMAT_PDF)
    {
      if (!bb_print_document_write_pdf (self, path, result, error))
        return FALSE;
      g_ptr_array_add (paths, g_strdup (path));
      if (written != NULL)
        *written = g_steal_pointer (&paths);
      return TRUE;
    }
  if (page >= (int) self->pages->len)
    {
      g_set_error (error, BB_RENDER_ERROR, BB_RENDER_ERROR_NO_PAGE,
                   _("The document has no page %d"), page + 1);
      return FALSE;
    }
  first = page >= 0 ? (guint) page : 0;
  last = page >= 0 ? (guint) page : self->pages->len - 1;
  for (guint i = first; i <= last; i++)
    {
      g_autoptr(BbRenderResult) one = NULL;
      g_autofree char *file = self->pages->len > 1 && page < 0 ? page_path (path, i) : g_strdup (path);
      gboolean ok = format == FORMAT_PNG ? bb_print_document_write_png (self, i, dpi, file, &one, error)
                                         : bb_print_document_write_svg (self, i, file, &one, error);

      if (!ok)
        return FALSE;
      for (guint w = 0; w < one->warnings->len; w++)
        g_ptr_array_add (all->warnings, g_ptr_array_index (one->warnings, w));
      g_ptr_array_set_size (one->warnings, 0);
      g_ptr_array_add (paths, g_steal_pointer (&file));
    }
  if (result != NULL)
    *result = g_steal_pointer (&all);
  if (written != NULL)
    *written = g_steal_pointer (&paths);
  return TRUE;
}
