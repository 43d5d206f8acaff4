/* bb-map-key.c: the keys (legends) of the map's analysis layers, one description for the window and for paper */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-map-key"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "bb-map-key.h"
#include "bb-print-document-private.h"
#include "bb-safe-file.h"
#include "bb-static-map.h"

guint32
bb_map_key_change_rgb (BbChangeLevel level)
{
  switch (level)
    {
    case BB_CHANGE_SIGNIFICANT_FALL: return 0x2c7bb6;
    case BB_CHANGE_WATCH_FALL: return 0xabd9e9;
    case BB_CHANGE_WATCH_RISE: return 0xfdae61;
    case BB_CHANGE_SIGNIFICANT_RISE: return 0xd7191c;
    case BB_CHANGE_NOISE:
    default: return 0xe0e0e0;
    }
}

guint32
bb_map_key_emerging_rgb (BbEmergingPattern pattern)
{
  /* Strong for what grows, pale for what fades; new spots the darkest,
   * so that they are the first a reader sees. */
  switch (pattern)
    {
    case BB_EMERGING_NEW: return 0x7f0000;
    case BB_EMERGING_INTENSIFYING: return 0xd7301f;
    case BB_EMERGING_PERSISTENT: return 0xfc8d59;
    case BB_EMERGING_DIMINISHING: return 0xfdd49e;
    case BB_EMERGING_SPORADIC: return 0xc994c7;
    case BB_EMERGING_NEW_COLD: return 0x08306b;
    case BB_EMERGING_INTENSIFYING_COLD: return 0x2171b5;
    case BB_EMERGING_PERSISTENT_COLD: return 0x6baed6;
    case BB_EMERGING_DIMINISHING_COLD: return 0xc6dbef;
    case BB_EMERGING_SPORADIC_COLD: return 0x9ebcda;
    case BB_EMERGING_NONE:
    case BB_EMERGING_N_PATTERNS:
    default: return 0xe0e0e0;
    }
}

void
bb_map_key_heat_colour (double  t,
                        double *r,
                        double *g,
                        double *b,
                        double *a)
{
  static const guint32 ylorrd[] = { 0xffffb2, 0xfed976, 0xfeb24c, 0xfd8d3c, 0xf03b20, 0xbd0026 };
  const guint last = G_N_ELEMENTS (ylorrd) - 1;
  double at, u;
  guint i;
  BbColor lo, hi;

  t = isnan (t) ? 0 : CLAMP (t, 0.0, 1.0);
  at = t * last;
  i = MIN ((guint) at, last - 1);
  u = at - i;
  lo = bb_color_rgb (ylorrd[i]);
  hi = bb_color_rgb (ylorrd[i + 1]);
  *r = lo.r + u * (hi.r - lo.r);
  *g = lo.g + u * (hi.g - lo.g);
  *b = lo.b + u * (hi.b - lo.b);
  /* Nothing is paper; the lowest densities fade in, so that the surface
   * has an edge rather than a yellow wash over the town. */
  *a = t < 0.02 ? 0 : MIN (1.0, (t - 0.02) / 0.1) * (0.5 + 0.4 * t);
}

cairo_surface_t *
bb_map_key_heat_image (const BbGrid *grid,
                       double        top)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, grid->n_cols, grid->n_rows);
  int stride = cairo_image_surface_get_stride (image) / 4;
  guint32 *pixels = (guint32 *) cairo_image_surface_get_data (image);

  for (guint row = 0; row < grid->n_rows; row++)
    for (guint col = 0; col < grid->n_cols; col++)
      {
        double r, g, b, a;

        bb_map_key_heat_colour (top > 0 ? sqrt (MAX (bb_grid_get (grid, col, row), 0) / top) : 0, &r, &g, &b, &a);
        pixels[(grid->n_rows - 1 - row) * stride + col] = ((guint32) lround (a * 255) << 24)
                                                          | ((guint32) lround (r * a * 255) << 16)
                                                          | ((guint32) lround (g * a * 255) << 8)
                                                          | (guint32) lround (b * a * 255);
      }
  cairo_surface_mark_dirty (image);
  return image;
}

BbMapKey *
bb_map_key_new (const char *title,
                gboolean    ramp)
{
  BbMapKey *key = g_new0 (BbMapKey, 1);

  key->title = g_strdup (title);
  key->ramp = ramp;
  key->items = g_array_new (FALSE, TRUE, sizeof (BbMapKeyItem));
  return key;
}

void
bb_map_key_free (BbMapKey *key)
{
  if (key == NULL)
    return;
  for (guint i = 0; i < key->items->len; i++)
    g_free (g_array_index (key->items, BbMapKeyItem, i).label);
  g_array_unref (key->items);
  g_free (key->title);
  g_free (key->note);
  g_free (key);
}

void
bb_map_key_add (BbMapKey   *key,
                guint32     rgb,
                double      alpha,
                const char *label)
{
  BbMapKeyItem item = { rgb, alpha, g_strdup (label) };

  g_return_if_fail (key != NULL);
  g_array_append_val (key->items, item);
}

void
bb_map_key_set_note (BbMapKey   *key,
                     const char *note)
{
  g_return_if_fail (key != NULL);
  g_free (key->note);
  key->note = g_strdup (note);
}

static double
show_text (cairo_t           *cr,
           PangoContext      *context,
           const BbTextStyle *style,
           const char        *text,
           double             x,
           double             y,
           double             width)
{
  g_autoptr(PangoLayout) layout = bb_text_layout (context, style, text, width);
  BbColor ink = bb_color_rgb (0x1f2328);

  cairo_move_to (cr, x, y);
  bb_cairo_set_color (cr, &ink);
  pango_cairo_show_layout (cr, layout);
  return bb_layout_height (layout);
}

/* A ramp's bar @width points wide at (@x, @y), each stop's label under
 * it (the first flush left, the last flush right); with @cr NULL it only
 * measures.  Returns the height. */
static double
draw_ramp (const BbMapKey    *key,
           cairo_t           *cr,
           PangoContext      *context,
           const BbTextStyle *item_style,
           double             x,
           double             y,
           double             width,
           double             bar_h)
{
  guint n = key->items->len;
  BbColor ink = bb_color_rgb (0x1f2328);
  double label_h = 0;

  if (cr != NULL)
    {
      cairo_pattern_t *gradient = cairo_pattern_create_linear (x, 0, x + width, 0);

      for (guint i = 0; i < n; i++)
        {
          const BbMapKeyItem *item = &g_array_index (key->items, BbMapKeyItem, i);
          BbColor c = bb_color_rgb (item->rgb);

          cairo_pattern_add_color_stop_rgba (gradient, (double) i / (n - 1), c.r, c.g, c.b, item->alpha);
        }
      cairo_rectangle (cr, x, y, width, bar_h);
      cairo_set_source (cr, gradient);
      cairo_fill_preserve (cr);
      cairo_pattern_destroy (gradient);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.4);
      cairo_set_line_width (cr, 0.5);
      cairo_stroke (cr);
    }
  for (guint i = 0; i < n; i++)
    {
      const BbMapKeyItem *item = &g_array_index (key->items, BbMapKeyItem, i);
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      if (item->label == NULL || *item->label == '\0')
        continue;
      layout = bb_text_layout (context, item_style, item->label, -1);
      pango_layout_get_size (layout, &w, &h);
      if (cr != NULL)
        {
          cairo_move_to (cr, x + width * i / (n - 1) - (double) w / PANGO_SCALE * i / (n - 1), y + bar_h + 2);
          bb_cairo_set_color (cr, &ink);
          pango_cairo_show_layout (cr, layout);
        }
      label_h = MAX (label_h, (double) h / PANGO_SCALE);
    }
  return bar_h + 2 + label_h;
}

double
bb_map_key_draw (const BbMapKey *key,
                 cairo_t        *cr,
                 PangoContext   *context,
                 double          x,
                 double          y,
                 double          width)
{
  BbTextStyle title_style = bb_text_style (9, PANGO_WEIGHT_BOLD, NULL);
  BbTextStyle item_style = bb_text_style (8, PANGO_WEIGHT_NORMAL, NULL);
  BbTextStyle note_style = bb_text_style (6.5, PANGO_WEIGHT_NORMAL, NULL);
  double top = y, swatch = 10;

  g_return_val_if_fail (key != NULL && cr != NULL && context != NULL, 0);

  y += show_text (cr, context, &title_style, key->title, x, y, width) + 4;
  if (key->ramp && key->items->len >= 2)
    y += draw_ramp (key, cr, context, &item_style, x, y, width, swatch) + 4;
  else
    for (guint i = 0; i < key->items->len; i++)
      {
        const BbMapKeyItem *item = &g_array_index (key->items, BbMapKeyItem, i);
        BbColor c = bb_color_rgb (item->rgb);
        double h;

        c.a = item->alpha;
        h = show_text (cr, context, &item_style, item->label, x + swatch + 5, y, width - swatch - 5);
        bb_cairo_set_color (cr, &c);
        cairo_rectangle (cr, x, y + MAX (0, (MIN (h, 12) - swatch) / 2), swatch, swatch);
        cairo_fill_preserve (cr);
        cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
        cairo_set_line_width (cr, 0.5);
        cairo_stroke (cr);
        y += MAX (h, swatch) + 2;
      }
  if (key->note != NULL)
    y += show_text (cr, context, &note_style, key->note, x, y + 2, width) + 2;
  return y - top;
}

double
bb_map_key_draw_row (const BbMapKey *key,
                     cairo_t        *cr,
                     PangoContext   *context,
                     double          x,
                     double          y,
                     double          width)
{
  BbTextStyle title_style = bb_text_style (7.5, PANGO_WEIGHT_BOLD, NULL);
  BbTextStyle item_style = bb_text_style (7.5, PANGO_WEIGHT_NORMAL, NULL);
  BbTextStyle note_style = bb_text_style (6.5, PANGO_WEIGHT_NORMAL, NULL);
  g_autoptr(PangoLayout) title = NULL;
  BbColor ink = bb_color_rgb (0x1f2328);
  BbColor soft = bb_color_rgb (0x4d5560);
  double swatch = 9, gap = 12, line_h, cx, cy = y;
  int w, h;

  g_return_val_if_fail (key != NULL && context != NULL, 0);

  title = bb_text_layout (context, &title_style, key->title, -1);
  pango_layout_get_size (title, &w, &h);
  if ((double) w / PANGO_SCALE > width)
    {
      g_clear_object (&title);
      title = bb_text_layout (context, &title_style, key->title, width);
      pango_layout_get_size (title, &w, &h);
    }
  if (cr != NULL)
    {
      cairo_move_to (cr, x, cy);
      bb_cairo_set_color (cr, &ink);
      pango_cairo_show_layout (cr, title);
    }
  /* The swatches follow a one-line title on its line, a longer one under it. */
  if (pango_layout_get_line_count (title) > 1)
    {
      cy += bb_layout_height (title) + 2;
      cx = x;
      line_h = 0;
    }
  else
    {
      cx = x + (double) w / PANGO_SCALE + gap;
      line_h = (double) h / PANGO_SCALE;
    }
  if (key->ramp && key->items->len >= 2)
    {
      /* The bar on the title's line (or under a long title), as wide as
       * the strip allows up to 220 points, its labels under it. */
      double bar_w = MIN (220, x + width - cx);

      if (bar_w < 120)
        {
          cy += line_h + 2;
          cx = x;
          bar_w = MIN (220, width);
        }
      line_h = MAX (line_h, draw_ramp (key, cr, context, &item_style, cx, cy + 1, bar_w, 8) + 1);
    }
  else
  for (guint i = 0; i < key->items->len; i++)
    {
      const BbMapKeyItem *item = &g_array_index (key->items, BbMapKeyItem, i);
      g_autoptr(PangoLayout) label = bb_text_layout (context, &item_style, item->label, -1);
      double iw, ih;

      pango_layout_get_size (label, &w, &h);
      iw = swatch + 4 + (double) w / PANGO_SCALE;
      ih = (double) h / PANGO_SCALE;
      if (cx + iw > x + width && cx > x)
        {
          /* Whole items wrap, never a label away from its swatch. */
          cy += line_h + 2;
          cx = x;
          line_h = 0;
        }
      if (cr != NULL)
        {
          BbColor c = bb_color_rgb (item->rgb);

          c.a = item->alpha;
          bb_cairo_set_color (cr, &c);
          cairo_rectangle (cr, cx, cy + (ih - swatch) / 2, swatch, swatch);
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, 0, 0, 0, 0.3);
          cairo_set_line_width (cr, 0.4);
          cairo_stroke (cr);
          cairo_move_to (cr, cx + swatch + 4, cy);
          bb_cairo_set_color (cr, &ink);
          pango_cairo_show_layout (cr, label);
        }
      cx += iw + gap;
      line_h = MAX (line_h, ih);
    }
  cy += line_h;
  if (key->note != NULL && *key->note)
    {
      g_autoptr(PangoLayout) note = bb_text_layout (context, &note_style, key->note, width);

      cy += 2;
      if (cr != NULL)
        {
          cairo_move_to (cr, x, cy);
          bb_cairo_set_color (cr, &soft);
          pango_cairo_show_layout (cr, note);
        }
      cy += bb_layout_height (note);
    }
  return cy - y;
}

#define SHEET_WIDTH  842.0   /* A4 landscape, points */
#define SHEET_HEIGHT 595.0
#define SHEET_MARGIN 28.0
#define KEY_WIDTH    190.0

static void
draw_sheet (cairo_t         *cr,
            cairo_surface_t *map,
            double           metres_per_pixel,
            const char      *attribution,
            GPtrArray       *keys,
            const char      *title,
            const char      *subtitle)
{
  PangoContext *context = pango_cairo_create_context (cr);
  BbTextStyle title_style = bb_text_style (16, PANGO_WEIGHT_BOLD, NULL);
  BbTextStyle subtitle_style = bb_text_style (9, PANGO_WEIGHT_NORMAL, NULL);
  double top = SHEET_MARGIN, map_w, map_h, box_w, box_h, scale, key_x, key_y;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (title != NULL)
    top += show_text (cr, context, &title_style, title, SHEET_MARGIN, top, SHEET_WIDTH - 2 * SHEET_MARGIN) + 2;
  if (subtitle != NULL)
    top += show_text (cr, context, &subtitle_style, subtitle, SHEET_MARGIN, top, SHEET_WIDTH - 2 * SHEET_MARGIN);
  top += 10;

  box_w = SHEET_WIDTH - 3 * SHEET_MARGIN - KEY_WIDTH;
  box_h = SHEET_HEIGHT - top - SHEET_MARGIN;
  map_w = map != NULL ? cairo_image_surface_get_width (map) : 0;
  map_h = map != NULL ? cairo_image_surface_get_height (map) : 0;
  if (map_w > 0 && map_h > 0)
    {
      scale = MIN (box_w / map_w, box_h / map_h);
      cairo_save (cr);
      cairo_translate (cr, SHEET_MARGIN, top);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, map, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
      /* The window's scale and licence are widgets, left out of the
       * picture: paper gets its own. */
      cairo_save (cr);
      cairo_translate (cr, SHEET_MARGIN, top);
      if (metres_per_pixel > 0)
        bb_static_map_draw_scale_bar (cr, context, metres_per_pixel / scale, map_w * scale, map_h * scale);
      bb_static_map_draw_attribution (cr, context, attribution, map_w * scale, map_h * scale);
      cairo_restore (cr);
      cairo_rectangle (cr, SHEET_MARGIN, top, map_w * scale, map_h * scale);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.5);
      cairo_set_line_width (cr, 0.75);
      cairo_stroke (cr);
      box_w = map_w * scale;
    }

  key_x = SHEET_MARGIN + box_w + SHEET_MARGIN;
  key_y = top;
  for (guint i = 0; keys != NULL && i < keys->len; i++)
    key_y += bb_map_key_draw (g_ptr_array_index (keys, i), cr, context, key_x, key_y,
                              SHEET_WIDTH - SHEET_MARGIN - key_x) + 12;
  g_object_unref (context);
}

gboolean
bb_map_key_write_sheet (const char      *path,
                        cairo_surface_t *map,
                        double           metres_per_pixel,
                        const char      *attribution,
                        GPtrArray       *keys,
                        const char      *title,
                        const char      *subtitle,
                        GError         **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *lower = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean png;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  partial = bb_safe_file_partial_path (path);
  lower = g_ascii_strdown (path, -1);
  png = g_str_has_suffix (lower, ".png");
  if (png)
    surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) SHEET_WIDTH * 2, (int) SHEET_HEIGHT * 2);
  else if (g_str_has_suffix (lower, ".svg"))
    surface = cairo_svg_surface_create (partial, SHEET_WIDTH, SHEET_HEIGHT);
  else
    surface = cairo_pdf_surface_create (partial, SHEET_WIDTH, SHEET_HEIGHT);
  cr = cairo_create (surface);
  if (png)
    cairo_scale (cr, 2, 2);
  draw_sheet (cr, map, metres_per_pixel, attribution, keys, title, subtitle);
  cairo_show_page (cr);
  cairo_destroy (cr);
  if (png && cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS)
    cairo_surface_write_to_png (surface, partial);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    (void) g_chmod (partial, 0600);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the map to %s: %s"), path,
                   cairo_status_to_string (status));
      (void) g_remove (partial);
      return FALSE;
    }
  return bb_safe_file_finish (NULL, path, TRUE, 0, error);
}
