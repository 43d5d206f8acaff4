/* bb-incident-layer.c: every filtered incident drawn into one image per frame, aggregated when dense */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incident-layer"

#include "config.h"

#include "bb-overlay-cache.h"
#include <math.h>

#include "bb-incident-layer.h"
#include "bb-map-filter.h"
#include "bb-overlay-cache.h"
#include "bb-tile-math.h"

/* Points are bucketed into square cells of this many pixels at the current
 * zoom; a cell with few incidents shows them one by one, a dense one a
 * circle with the count. */
#define CELL_PX        56.0
#define MAX_SINGLES    4
#define POINT_RADIUS   4.0

typedef struct {
  double x, y;       /* Web Mercator world coordinates, 0..1 */
} WorldPoint;

struct _BbIncidentLayer
{
  ShumateLayer  parent_instance;

  GArray       *points;      /* BbMapPoint */
  WorldPoint   *world;       /* one per point */
  GArray       *selected;    /* indices (guint) of the points drawn, or NULL for all */
  guint16      *top;         /* per category, its top-level category */
  guint32      *colours;     /* per category, its top-level category's 0xRRGGBB */
  guint         n_categories;
  double        min_x, min_y, max_x, max_y;
  gboolean      has_area;
  BbBBox        area;        /* the area being selected, in lon/lat */
  GArray       *outline;     /* BbLonLat: a polygon drawn or selected, or NULL */
  gboolean      outline_closed;
  int           outline_chosen; /* the corner chosen (drawn larger and filled), or −1 */
  GPtrArray    *outline_others; /* GArray of BbLonLat: other parts of a boundary being edited, or NULL */

  /* The grid for one zoom level: cell_start[c]..cell_start[c+1] index into
   * order[], which lists the points of each cell. */
  double        grid_zoom;
  int           grid_w, grid_h;
  guint        *cell_start;
  guint        *order;
  guint16      *cell_colour; /* dominant category per cell */

  /* Every point sorted by cell at all_zoom, with each one's top-level
   * category alongside: a filter changed at the same zoom picks its
   * points out of this in one pass in memory order, with no sort. */
  double        all_zoom;
  guint        *all_start;
  guint        *all_order;
  guint16      *all_top;

  /* The drawn incidents, in tiles: a pan draws only the tiles it brings
   * into sight, so a frame costs a few blits whatever the number of
   * points. */
  BbOverlayCache cache;
  /* Each circle drawn once as an image and then copied: a cell costs a
   * blit rather than an arc filled and stroked (key: stamp_key()). */
  GHashTable   *stamps;
  int           stamps_scale;
};

G_DEFINE_FINAL_TYPE (BbIncidentLayer, bb_incident_layer, SHUMATE_TYPE_LAYER)

static void
clear_grid (BbIncidentLayer *self)
{
  bb_overlay_cache_clear (&self->cache);
  g_clear_pointer (&self->cell_start, g_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->cell_colour, g_free);
  self->grid_zoom = -1;
  self->grid_w = self->grid_h = 0;
}

static void
clear_all_grid (BbIncidentLayer *self)
{
  clear_grid (self);
  g_clear_pointer (&self->all_start, g_free);
  g_clear_pointer (&self->all_order, g_free);
  g_clear_pointer (&self->all_top, g_free);
  self->all_zoom = -1;
}

static double
world_scale (double zoom)
{
  return 256.0 * exp2 (zoom);
}

static guint
cell_of (BbIncidentLayer *self,
         guint            i,
         double           fx,
         double           fy)
{
  int cx = (int) ((self->world[i].x - self->min_x) * fx + 0.5);
  int cy = (int) ((self->world[i].y - self->min_y) * fy + 0.5);

  return (guint) (CLAMP (cy, 0, self->grid_h - 1) * self->grid_w + CLAMP (cx, 0, self->grid_w - 1));
}

/* Buckets @n points (@indices, or all for NULL) into the grid's cells:
 * two counting passes, O(n); within a cell the points keep their order. */
static void
bucket (BbIncidentLayer *self,
        const guint     *indices,
        guint            n,
        guint          **start_out,
        guint          **order_out,
        guint16        **top_out)
{
  gsize n_cells = (gsize) self->grid_w * self->grid_h;
  double fx = (self->grid_w - 1) / (self->max_x - self->min_x + 1e-12);
  double fy = (self->grid_h - 1) / (self->max_y - self->min_y + 1e-12);
  guint *start = g_new0 (guint, n_cells + 1);
  guint *order = g_new (guint, MAX (n, 1));
  g_autofree guint *fill = g_new (guint, MAX (n, 1));
  g_autofree guint *cursor = NULL;

  for (guint k = 0; k < n; k++)
    {
      fill[k] = cell_of (self, indices != NULL ? indices[k] : k, fx, fy);
      start[fill[k] + 1]++;
    }
  for (gsize c = 0; c < n_cells; c++)
    start[c + 1] += start[c];
  cursor = g_memdup2 (start, n_cells * sizeof (guint));
  if (top_out != NULL)
    {
      /* Each point's top-level category beside it, read in memory order. */
      const BbMapPoint *points = (const BbMapPoint *) self->points->data;

      *top_out = g_new (guint16, MAX (n, 1));
      for (guint k = 0; k < n; k++)
        {
          guint i = indices != NULL ? indices[k] : k;

          (*top_out)[cursor[fill[k]]] = self->top[points[i].category];
          order[cursor[fill[k]]++] = i;
        }
    }
  else
    for (guint k = 0; k < n; k++)
      order[cursor[fill[k]]++] = indices != NULL ? indices[k] : k;
  *start_out = start;
  *order_out = order;
}

/* Counts one more point of top-level category @cat in a cell: the cell's
 * colour is the first category to reach the highest count. */
static inline void
count_category (guint   *cat_counts,
                guint16  cat,
                guint   *best,
                guint   *best_count)
{
  if (++cat_counts[cat] > *best_count)
    *best_count = cat_counts[cat], *best = cat;
}

static void
ensure_all_grid (BbIncidentLayer *self,
                 double           zoom)
{
  guint n = self->points->len;

  if (self->all_zoom == zoom && self->all_start != NULL)
    return;
  g_clear_pointer (&self->all_start, g_free);
  g_clear_pointer (&self->all_order, g_free);
  g_clear_pointer (&self->all_top, g_free);
  bucket (self, NULL, n, &self->all_start, &self->all_order, &self->all_top);
  self->all_zoom = zoom;
}

/* The grid of the points drawn at @zoom, with each busy cell's colour. */
static void
ensure_grid (BbIncidentLayer *self,
             double           zoom)
{
  double scale = world_scale (zoom);
  guint n = self->points == NULL ? 0 : self->selected != NULL ? self->selected->len : self->points->len;
  const guint *selected = self->selected != NULL ? (const guint *) self->selected->data : NULL;
  g_autofree guint *cat_counts = NULL;
  gsize n_cells;

  if (self->grid_zoom == zoom && self->cell_start != NULL)
    return;
  clear_grid (self);
  if (n == 0)
    return;

  self->grid_zoom = zoom;
  self->grid_w = MAX (1, (int) ceil ((self->max_x - self->min_x) * scale / CELL_PX) + 1);
  self->grid_h = MAX (1, (int) ceil ((self->max_y - self->min_y) * scale / CELL_PX) + 1);
  /* At street level the town spans many cells; beyond this the cells are
   * so sparse that coarser ones draw the same picture. */
  while ((gsize) self->grid_w * self->grid_h > 4 * 1024 * 1024)
    {
      self->grid_w = (self->grid_w + 1) / 2;
      self->grid_h = (self->grid_h + 1) / 2;
    }
  n_cells = (gsize) self->grid_w * self->grid_h;
  self->cell_colour = g_new0 (guint16, n_cells);
  cat_counts = g_new0 (guint, MAX (self->n_categories, 1));

  if (selected != NULL && n < self->points->len / 8)
    {
      /* A few points (a week of the time slider): sorted on their own. */
      bucket (self, selected, n, &self->cell_start, &self->order, NULL);
      for (gsize c = 0; c < n_cells; c++)
        {
          guint start = self->cell_start[c], end = self->cell_start[c + 1];
          guint best = 0, best_count = 0;

          if (end - start <= MAX_SINGLES)
            continue;
          for (guint k = start; k < end; k++)
            count_category (cat_counts, self->top[g_array_index (self->points, BbMapPoint, self->order[k]).category],
                            &best, &best_count);
          for (guint k = start; k < end; k++)
            cat_counts[self->top[g_array_index (self->points, BbMapPoint, self->order[k]).category]] = 0;
          self->cell_colour[c] = best;
        }
      return;
    }

  /* Many points: those drawn are marked in a bitset (small enough to stay
   * in the processor's cache), then picked out of the sort of every point
   * in one pass; cells keep the order of the points within them. */
  ensure_all_grid (self, zoom);
  {
    g_autofree guint64 *chosen = NULL;
    guint m = 0;

    if (selected != NULL)
      {
        chosen = g_new0 (guint64, self->points->len / 64 + 1);
        for (guint k = 0; k < n; k++)
          chosen[selected[k] / 64] |= G_GUINT64_CONSTANT (1) << (selected[k] % 64);
      }
    self->cell_start = g_new (guint, n_cells + 1);
    self->order = g_new (guint, n);
    self->cell_start[0] = 0;
    for (gsize c = 0; c < n_cells; c++)
      {
        guint from = self->all_start[c], to = self->all_start[c + 1];
        guint first = m, best = 0, best_count = 0;
        /* A cell of so few points draws them one by one, uncoloured. */
        gboolean busy = to - from > MAX_SINGLES;

        for (guint k = from; k < to; k++)
          {
            guint i = self->all_order[k];

            if (chosen != NULL && !(chosen[i / 64] & (G_GUINT64_CONSTANT (1) << (i % 64))))
              continue;
            self->order[m++] = i;
            if (busy)
              count_category (cat_counts, self->all_top[k], &best, &best_count);
          }
        self->cell_start[c + 1] = m;
        if (!busy)
          continue;
        if (m - first > MAX_SINGLES)
          self->cell_colour[c] = best;
        for (guint k = from; k < to; k++)
          cat_counts[self->all_top[k]] = 0;
      }
  }
}

typedef BbOverlayFrame Frame;

static void
frame_init (BbIncidentLayer *self,
            Frame           *frame)
{
  bb_overlay_frame_init (frame, shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                         gtk_widget_get_width (GTK_WIDGET (self)), gtk_widget_get_height (GTK_WIDGET (self)));
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static void
draw_area (GtkSnapshot           *snapshot,
           const graphene_rect_t *area)
{
  static const GdkRGBA fill = { 0.21, 0.52, 0.89, 0.18 };
  GdkRGBA border[4];
  float widths[4] = { 2, 2, 2, 2 };
  GskRoundedRect outline;

  if (area->size.width <= 0 || area->size.height <= 0)
    return;
  for (guint i = 0; i < 4; i++)
    border[i] = (GdkRGBA) { 0.21, 0.52, 0.89, 0.9 };
  gtk_snapshot_append_color (snapshot, &fill, area);
  gsk_rounded_rect_init_from_rect (&outline, area, 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, border);
}

/* The polygon being drawn (its corners and the edges so far) or the one
 * selected (filled like the rectangle). */
static void
draw_outline (BbIncidentLayer *self,
              GtkSnapshot     *snapshot,
              const Frame     *f,
              int              width,
              int              height,
              gboolean         fill)
{
  cairo_t *cr;

  if (self->outline == NULL || self->outline->len == 0 || (fill && !self->outline_closed))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* The other parts of a boundary: thin grey, to be clicked and edited. */
  for (guint r = 0; !fill && self->outline_others != NULL && r < self->outline_others->len; r++)
    {
      GArray *ring = g_ptr_array_index (self->outline_others, r);

      for (guint k = 0; k < ring->len; k++)
        {
          const BbLonLat *p = &g_array_index (ring, BbLonLat, k);
          double wx, wy;

          bb_tile_from_lonlat (p->lon, p->lat, 0, &wx, &wy);
          cairo_line_to (cr, (wx - f->cx) * f->scale + f->half_w, (wy - f->cy) * f->scale + f->half_h);
        }
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.08);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.4, 0.8);
      cairo_stroke (cr);
    }
  for (guint k = 0; k < self->outline->len; k++)
    {
      const BbLonLat *p = &g_array_index (self->outline, BbLonLat, k);
      double wx, wy;

      bb_tile_from_lonlat (p->lon, p->lat, 0, &wx, &wy);
      cairo_line_to (cr, (wx - f->cx) * f->scale + f->half_w, (wy - f->cy) * f->scale + f->half_h);
    }
  if (fill)
    {
      /* Under the points, so their colours stay true. */
      cairo_close_path (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.18);
      cairo_fill (cr);
    }
  else if (self->outline_closed)
    {
      cairo_close_path (cr);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_stroke (cr);
    }
  else
    {
      static const double dashes[] = { 6, 4 };

      /* White under blue, so the edges show on any base map. */
      cairo_set_line_width (cr, 4);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.8);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_set_line_width (cr, 2);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.95);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (guint k = 0; k < self->outline->len; k++)
        {
          const BbLonLat *p = &g_array_index (self->outline, BbLonLat, k);
          double wx, wy;

          bb_tile_from_lonlat (p->lon, p->lat, 0, &wx, &wy);
          cairo_new_sub_path (cr);
          cairo_arc (cr, (wx - f->cx) * f->scale + f->half_w, (wy - f->cy) * f->scale + f->half_h,
                     k == 0 ? 6 : 4, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 2);
          cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 1);
          cairo_stroke (cr);
        }
      /* The corner chosen (Delete removes it): larger, filled, in a
       * white ring, so that it shows which one the keys act on. */
      if (self->outline_chosen >= 0 && (guint) self->outline_chosen < self->outline->len)
        {
          const BbLonLat *p = &g_array_index (self->outline, BbLonLat, self->outline_chosen);
          double wx, wy, x, y;

          bb_tile_from_lonlat (p->lon, p->lat, 0, &wx, &wy);
          x = (wx - f->cx) * f->scale + f->half_w;
          y = (wy - f->cy) * f->scale + f->half_h;
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
          cairo_set_source_rgba (cr, 0.95, 0.45, 0.05, 1);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 3);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_stroke (cr);
        }
    }
  cairo_destroy (cr);
}

static gint64
stamp_key (guint32 rgb,
           gboolean cluster,
           double   radius)
{
  return (gint64) rgb | (gint64) cluster << 24 | (gint64) lround (radius * 4) << 25;
}

/* A circle of @radius filled with @rgb (translucent for a cluster) in a
 * white ring, centred on a whole pixel of an image 2 × half wide. */
static cairo_surface_t *
stamp (BbIncidentLayer *self,
       guint32          rgb,
       gboolean         cluster,
       double           radius,
       int              scale,
       int             *half)
{
  gint64 key = stamp_key (rgb, cluster, radius);
  cairo_surface_t *surface;
  cairo_t *cr;

  *half = (int) ceil (radius + 1.6);
  if (self->stamps == NULL || self->stamps_scale != scale)
    {
      g_clear_pointer (&self->stamps, g_hash_table_unref);
      self->stamps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) cairo_surface_destroy);
      self->stamps_scale = scale;
    }
  surface = g_hash_table_lookup (self->stamps, &key);
  if (surface != NULL)
    return surface;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * *half * scale, 2 * *half * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  cairo_arc (cr, *half, *half, radius, 0, 2 * G_PI);
  set_rgb (cr, rgb, cluster ? 0.78 : 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.2);
  cairo_set_source_rgba (cr, 1, 1, 1, cluster ? 0.95 : 1.0);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_hash_table_insert (self->stamps, g_memdup2 (&key, sizeof key), surface);
  return surface;
}

/* Copies a circle centred on (@x, @y), taken to the nearest device pixel. */
static void
paint_stamp (cairo_t         *cr,
             cairo_surface_t *surface,
             int              half,
             int              scale,
             double           x,
             double           y)
{
  x = round (x * scale) / scale - half;
  y = round (y * scale) / scale - half;
  cairo_set_source_surface (cr, surface, x, y);
  cairo_rectangle (cr, x, y, 2 * half, 2 * half);
  cairo_fill (cr);
}

/* Draws the cells and points around @f's centre into @cr, @width × @height. */
static void
draw_incidents (BbIncidentLayer *self,
                cairo_t         *cr,
                const Frame     *frame,
                int              width,
                int              height)
{
  Frame f = *frame;
  double gx0, gy0, cell_w, cell_h;
  int c0, c1, r0, r1;
  char label[16];
  double max_radius;
  int scale;

  /* Cells in widget pixels. */
  cell_w = (self->max_x - self->min_x) / MAX (self->grid_w - 1, 1) * f.scale;
  cell_h = (self->max_y - self->min_y) / MAX (self->grid_h - 1, 1) * f.scale;
  gx0 = (self->min_x - f.cx) * f.scale + f.half_w;
  gy0 = (self->min_y - f.cy) * f.scale + f.half_h;
  c0 = MAX (0, (int) floor ((-CELL_PX - gx0) / MAX (cell_w, 1e-9)));
  c1 = MIN (self->grid_w - 1, (int) ceil ((width + CELL_PX - gx0) / MAX (cell_w, 1e-9)));
  r0 = MAX (0, (int) floor ((-CELL_PX - gy0) / MAX (cell_h, 1e-9)));
  r1 = MIN (self->grid_h - 1, (int) ceil ((height + CELL_PX - gy0) / MAX (cell_h, 1e-9)));
  if (c0 > c1 || r0 > r1)
    return;
  /* A cluster stays inside its cell, so neighbouring clusters never overlap
   * however dense the spot. */
  max_radius = MAX (4.0, MIN (cell_w, cell_h) / 2.0 - 3.0);

  scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 11);
  cairo_set_line_width (cr, 1.2);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        gsize cell = (gsize) r * self->grid_w + c;
        guint start = self->cell_start[cell], end = self->cell_start[cell + 1];
        guint count = end - start;

        if (count == 0)
          continue;
        if (count <= MAX_SINGLES)
          {
            for (guint k = start; k < end; k++)
              {
                guint i = self->order[k];
                const BbMapPoint *p = &g_array_index (self->points, BbMapPoint, i);
                double px = (self->world[i].x - f.cx) * f.scale + f.half_w;
                double py = (self->world[i].y - f.cy) * f.scale + f.half_h;

                guint32 rgb = p->category < self->n_categories ? self->colours[p->category] : 0x777777;
                int half;
                cairo_surface_t *dot = stamp (self, rgb, FALSE, POINT_RADIUS, scale, &half);

                paint_stamp (cr, dot, half, scale, px, py);
              }
          }
        else
          {
            double sx = 0, sy = 0, px, py, radius;
            cairo_text_extents_t ext;
            guint step = MAX (1, count / 64);
            guint n_sampled = 0;

            /* The circle sits at the cell's centre of mass (sampled). */
            for (guint k = start; k < end; k += step, n_sampled++)
              {
                sx += self->world[self->order[k]].x;
                sy += self->world[self->order[k]].y;
              }
            radius = MIN (7.0 + 4.5 * log10 (count), max_radius);
            px = (sx / n_sampled - f.cx) * f.scale + f.half_w;
            py = (sy / n_sampled - f.cy) * f.scale + f.half_h;
            px = CLAMP (px, gx0 + (c - 0.5) * cell_w + radius + 1, gx0 + (c + 0.5) * cell_w - radius - 1);
            py = CLAMP (py, gy0 + (r - 0.5) * cell_h + radius + 1, gy0 + (r + 0.5) * cell_h - radius - 1);

            /* Radii to a quarter pixel, so that few images serve. */
            radius = round (radius * 4) / 4;
            {
              int half;
              cairo_surface_t *circle = stamp (self, self->colours[self->cell_colour[cell]], TRUE, radius, scale, &half);

              paint_stamp (cr, circle, half, scale, px, py);
              px = round (px * scale) / scale;
              py = round (py * scale) / scale;
            }

            if (count < 1000)
              g_snprintf (label, sizeof label, "%u", count);
            else if (count < 100000)
              g_snprintf (label, sizeof label, "%.*fk", count < 10000 ? 1 : 0, count / 1000.0);
            else
              g_snprintf (label, sizeof label, "%uk", count / 1000);
            cairo_text_extents (cr, label, &ext);
            cairo_move_to (cr, px - ext.width / 2 - ext.x_bearing, py - ext.height / 2 - ext.y_bearing);
            cairo_set_source_rgb (cr, 1, 1, 1);
            cairo_show_text (cr, label);
            cairo_new_path (cr);
          }
      }
}

static void
paint_cb (gpointer              user_data,
          cairo_t              *cr,
          const BbOverlayFrame *frame,
          int                   width,
          int                   height)
{
  draw_incidents (user_data, cr, frame, width, height);
}

static void
bb_incident_layer_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  BbIncidentLayer *self = BB_INCIDENT_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  Frame f;

  if (width <= 0 || height <= 0)
    return;
  frame_init (self, &f);
  draw_outline (self, snapshot, &f, width, height, TRUE);
  if (self->points == NULL || self->points->len == 0)
    {
      draw_outline (self, snapshot, &f, width, height, FALSE);
      return;
    }

  if (self->has_area)
    {
      double ax0, ay0, ax1, ay1;

      bb_tile_from_lonlat (self->area.min_lon, self->area.max_lat, 0, &ax0, &ay0);
      bb_tile_from_lonlat (self->area.max_lon, self->area.min_lat, 0, &ax1, &ay1);
      area = GRAPHENE_RECT_INIT ((ax0 - f.cx) * f.scale + f.half_w, (ay0 - f.cy) * f.scale + f.half_h,
                                 (ax1 - ax0) * f.scale, (ay1 - ay0) * f.scale);
    }
  ensure_grid (self, shumate_viewport_get_zoom_level (viewport));
  if (self->cell_start != NULL)
    bb_overlay_cache_snapshot (&self->cache, widget, viewport, snapshot, paint_cb, self);
  draw_area (snapshot, &area);
  draw_outline (self, snapshot, &f, width, height, FALSE);
}

GArray *
bb_incident_layer_pick (BbIncidentLayer *self,
                        double           x,
                        double           y,
                        guint            max)
{
  GArray *rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Frame f;
  double wx, wy, best = INFINITY;
  int cx, cy;

  g_return_val_if_fail (BB_IS_INCIDENT_LAYER (self), rowids);

  if (self->cell_start == NULL)
    return rowids;
  frame_init (self, &f);
  wx = (x - f.half_w) / f.scale + f.cx;
  wy = (y - f.half_h) / f.scale + f.cy;
  cx = (int) ((wx - self->min_x) / (self->max_x - self->min_x + 1e-12) * (self->grid_w - 1) + 0.5);
  cy = (int) ((wy - self->min_y) / (self->max_y - self->min_y + 1e-12) * (self->grid_h - 1) + 0.5);
  if (cx < 0 || cy < 0 || cx >= self->grid_w || cy >= self->grid_h)
    return rowids;

  {
    gsize cell = (gsize) cy * self->grid_w + cx;
    guint start = self->cell_start[cell], end = self->cell_start[cell + 1];

    for (guint k = start; k < end && rowids->len < max; k++)
      {
        guint i = self->order[k];
        double d = hypot ((self->world[i].x - wx) * f.scale, (self->world[i].y - wy) * f.scale);

        /* Single points must be hit; a cluster answers anywhere in its cell. */
        if (end - start <= MAX_SINGLES && d > POINT_RADIUS + 3)
          continue;
        best = MIN (best, d);
        g_array_append_val (rowids, g_array_index (self->points, BbMapPoint, i).rowid);
      }
  }
  return rowids;
}

static void
bb_incident_layer_constructed (GObject *object)
{
  BbIncidentLayer *self = BB_INCIDENT_LAYER (object);

  G_OBJECT_CLASS (bb_incident_layer_parent_class)->constructed (object);

  bb_overlay_redraw_on_viewport (SHUMATE_LAYER (self));
}

static void
bb_incident_layer_finalize (GObject *object)
{
  BbIncidentLayer *self = BB_INCIDENT_LAYER (object);

  clear_all_grid (self);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->world, g_free);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->top, g_free);
  g_clear_pointer (&self->colours, g_free);
  g_clear_pointer (&self->outline, g_array_unref);
  g_clear_pointer (&self->outline_others, g_ptr_array_unref);
  g_clear_pointer (&self->stamps, g_hash_table_unref);

  G_OBJECT_CLASS (bb_incident_layer_parent_class)->finalize (object);
}

static void
bb_incident_layer_class_init (BbIncidentLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = bb_incident_layer_constructed;
  object_class->finalize = bb_incident_layer_finalize;
  widget_class->snapshot = bb_incident_layer_snapshot;
}

static void
bb_incident_layer_init (BbIncidentLayer *self)
{
  self->grid_zoom = -1;
  self->outline_chosen = -1;
  self->all_zoom = -1;
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

BbIncidentLayer *
bb_incident_layer_new (ShumateViewport *viewport)
{
  return g_object_new (BB_TYPE_INCIDENT_LAYER, "viewport", viewport, NULL);
}

void
bb_incident_layer_set_points (BbIncidentLayer *self,
                              GArray          *points,
                              const double    *world,
                              GPtrArray       *categories)
{
  g_return_if_fail (BB_IS_INCIDENT_LAYER (self));
  g_return_if_fail (points == NULL || categories != NULL);

  clear_all_grid (self);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->world, g_free);
  g_clear_pointer (&self->selected, g_array_unref);
  g_clear_pointer (&self->top, g_free);
  g_clear_pointer (&self->colours, g_free);
  self->n_categories = 0;

  if (points != NULL)
    {
      self->points = g_array_ref (points);
      self->world = g_new (WorldPoint, MAX (points->len, 1));
      self->min_x = self->min_y = INFINITY;
      self->max_x = self->max_y = -INFINITY;
      for (guint i = 0; i < points->len; i++)
        {
          if (world != NULL)
            {
              self->world[i].x = world[2 * i];
              self->world[i].y = world[2 * i + 1];
            }
          else
            {
              const BbMapPoint *p = &g_array_index (points, BbMapPoint, i);
              bb_tile_from_lonlat (p->lon, p->lat, 0, &self->world[i].x, &self->world[i].y);
            }
          self->min_x = MIN (self->min_x, self->world[i].x);
          self->max_x = MAX (self->max_x, self->world[i].x);
          self->min_y = MIN (self->min_y, self->world[i].y);
          self->max_y = MAX (self->max_y, self->world[i].y);
        }
    }
  if (categories != NULL)
    {
      self->n_categories = categories->len;
      self->top = bb_map_categories_top_level (categories);
      self->colours = g_new (guint32, MAX (categories->len, 1));
      for (guint i = 0; i < categories->len; i++)
        self->colours[i] = ((BbMapCategory *) g_ptr_array_index (categories, self->top[i]))->colour;
    }
  else
    {
      self->top = g_new0 (guint16, 1);
      self->colours = g_new0 (guint32, 1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bb_incident_layer_set_selected (BbIncidentLayer *self,
                                GArray          *selected)
{
  g_return_if_fail (BB_IS_INCIDENT_LAYER (self));

  clear_grid (self);
  g_clear_pointer (&self->selected, g_array_unref);
  if (selected != NULL)
    self->selected = g_array_ref (selected);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
bb_incident_layer_get_n_points (BbIncidentLayer *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_LAYER (self), 0);
  return self->points ? self->points->len : 0;
}

guint
bb_incident_layer_get_n_drawn (BbIncidentLayer *self)
{
  g_return_val_if_fail (BB_IS_INCIDENT_LAYER (self), 0);
  if (self->points == NULL)
    return 0;
  return self->selected != NULL ? self->selected->len : self->points->len;
}

void
bb_incident_layer_set_area (BbIncidentLayer *self,
                            const BbBBox    *area)
{
  g_return_if_fail (BB_IS_INCIDENT_LAYER (self));

  self->has_area = area != NULL;
  if (area != NULL)
    self->area = *area;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bb_incident_layer_set_outline (BbIncidentLayer *self,
                               const BbLonLat  *corners,
                               guint            n_corners,
                               gboolean         closed)
{
  g_return_if_fail (BB_IS_INCIDENT_LAYER (self));
  g_return_if_fail (corners != NULL || n_corners == 0);

  g_clear_pointer (&self->outline, g_array_unref);
  if (n_corners > 0)
    {
      self->outline = g_array_sized_new (FALSE, FALSE, sizeof (BbLonLat), n_corners);
      g_array_append_vals (self->outline, corners, n_corners);
    }
  self->outline_closed = closed;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
bb_incident_layer_set_outline_marks (BbIncidentLayer *self,
                                     int              chosen,
                                     GPtrArray       *others)
{
  g_return_if_fail (BB_IS_INCIDENT_LAYER (self));

  self->outline_chosen = chosen;
  g_clear_pointer (&self->outline_others, g_ptr_array_unref);
  if (others != NULL && others->len > 0)
    self->outline_others = g_ptr_array_ref (others);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
