/* bb-map-view-private.h: what the Map view's files share: its instance and their helpers */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-analysis-legend.h"
#include "bb-analysis-panel.h"
#include "bb-district-layer.h"
#include "bb-heat-layer.h"
#include "bb-hotspot-layer.h"
#include "bb-incident-layer.h"
#include "bb-map-analyst.h"
#include "bb-trend-analyst.h"
#include "bb-map-data.h"
#include "bb-map-selection.h"
#include "bb-map-timeline.h"
#include "bb-map-view.h"

G_BEGIN_DECLS

struct _BbMapView
{
  AdwBin            parent_instance;

  BbStore          *store;
  BbMapData        *data;
  GCancellable     *cancellable;
  gboolean          refreshing;        /* loading again after a change: keep the view */
  guint             refresh_id;        /* the wait before loading again */
  guint             later_id;          /* a load put off while another view is shown */
  gboolean          load_soon;         /* …until the next turn of the loop: the map was drawn */
  char             *basemap;           /* station, mbtiles, plain */

  BbFilterState    *filter;
  guint16          *top;               /* per category, its top-level category */
  GArray           *selected;          /* indices of the points the filter selects */
  char             *text;              /* the words (and stations) text_rowids were found for */
  GArray           *text_rowids;       /* sorted rowids matching the words alone */
  GCancellable     *text_cancellable;

  gboolean          selecting;         /* a drag draws an area instead of panning */
  BbMapSelection   *selection;         /* the area selected, or NULL */
  double            drag_x, drag_y;
  gboolean          drawing;           /* clicks add corners to a polygon */
  GArray           *corners;           /* BbLonLat: the polygon's corners so far */
  gboolean          has_pointer;
  BbLonLat          pointer;           /* where the next corner would go */
  GCancellable     *area_cancellable;  /* a problem being made from the area */
  char             *boundary_id;       /* the district whose boundary the polygon tools edit, or NULL */
  int               boundary_vertex;   /* the corner chosen (Delete removes it), or −1 */
  int               boundary_grab;     /* the corner being dragged, or −1 */
  GPtrArray        *boundary_parts;    /* GArray of BbLonLat: each part of the boundary (corners holds the one edited) */
  guint             boundary_part;     /* the part being edited */

  guint             hover_id;          /* the wait before a hover shows its incidents */
  double            hover_x, hover_y;
  gboolean          popover_hovered;   /* the popover shown is a hover's */
  GCancellable     *popover_cancellable;
  gboolean          query_hovered;     /* what is being read is for a hover, not a click */

  BbMapTimeline    *timeline;          /* the filtered incidents week by week, while the slider is open */
  GArray           *week_shown;        /* the indices of the week drawn, while the slider is open */
  guint             week;
  guint             play_id;

  BbDistrictLayer  *district_layer;
  BbDistrictLayer  *names_layer;
  BbIncidentLayer  *incident_layer;
  BbHeatLayer      *heat_layer;
  BbHotspotLayer   *hotspot_layer;
  BbMapAnalyst     *analyst;
  BbTrendLayer     *trend_layer;
  BbTrendAnalyst   *trend_analyst;
  gboolean          trend_popover_connected;
  GtkPopover       *popover;
  GtkWidget        *hotspot_popover;
  GCancellable     *problem_cancellable;
  gboolean          analysis_shown;    /* a heat map or hot spots are on */
  gboolean          incidents_were_shown;

  /* template children */
  GtkOverlay       *overlay;
  ShumateSimpleMap *map;
  GtkMenuButton    *districts_button;
  GtkWidget        *loading_box;
  GtkWidget        *drawing_hint;
  GtkWidget        *legend;
  GtkBox           *legend_box;
  GtkWidget        *area_panel;
  GtkLabel         *area_title;
  GtkBox           *area_box;
  BbAnalysisPanel  *analysis_panel;
  BbAnalysisLegend *analysis_legend;
  GtkRevealer      *timeline_revealer;
  GtkScale         *week_scale;
  GtkAdjustment    *week_adjustment;
  GtkLabel         *week_label;
  GtkButton        *play_button;
};

/* bb-map-view.c */
void     bb_map_view_show_error          (BbMapView      *self,
                                          const char     *heading,
                                          GError         *error);
void     bb_map_view_zoom_to_box         (BbMapView      *self,
                                          const BbBBox   *box);
/* Counts the incidents the filter selects by top-level category, only
 * those inside @selection when given; returns the total. */
guint    bb_map_view_count_by_top_level  (BbMapView            *self,
                                          const BbMapSelection *selection,
                                          guint                *counts);
/* One row per top-level category with incidents, in the station's order. */
void     bb_map_view_append_category_rows (BbMapView     *self,
                                           GtkBox        *box,
                                           const guint   *counts);
void     bb_map_view_clear_box           (GtkBox         *box);
/* The legend of what is drawn: the filter's incidents, or the slider's week. */
void     bb_map_view_rebuild_legend      (BbMapView      *self);

/* bb-map-view-basemap.c: the base map chosen, tile files, the online
 * server and saving its tiles for offline use */
void     bb_map_view_basemap_class_init  (GtkWidgetClass *widget_class);
void     bb_map_view_basemap_init        (BbMapView      *self);
/* Shows the base map @kind, falling back to the station's own. */
void     bb_map_view_apply_basemap       (BbMapView      *self,
                                          const char     *kind);
/* The user chose @kind: shown and remembered (the online map asks for
 * its server first). */
void     bb_map_view_set_basemap         (BbMapView      *self,
                                          const char     *kind);

/* bb-map-view-select.c: an area selected by a rectangle or a polygon,
 * its panel, "Show in Table", "Open as Problem", "Zoom to Selection" */
void     bb_map_view_select_class_init   (GtkWidgetClass *widget_class);
void     bb_map_view_select_init         (BbMapView      *self);
void     bb_map_view_select_dispose      (BbMapView      *self);
void     bb_map_view_set_selecting       (BbMapView      *self,
                                          gboolean        selecting);
void     bb_map_view_set_drawing         (BbMapView      *self,
                                          gboolean        drawing);
/* Forgets the area (and a polygon being drawn). */
void     bb_map_view_clear_selection     (BbMapView      *self);
void     bb_map_view_update_area_panel   (BbMapView      *self);

/* Shared by the selection's polygon and a boundary being edited. */
void     bb_map_view_show_corners        (BbMapView      *self);
/* The chosen corner and the boundary's other parts, on the outline. */
void     bb_map_view_boundary_show_marks (BbMapView      *self);
void     bb_map_view_to_lonlat           (BbMapView      *self,
                                          double          x,
                                          double          y,
                                          BbLonLat       *p);

/* bb-map-view-boundary.c: a district's boundary edited with the polygon
 * tools: its corners moved, added and removed, or drawn anew */
void     bb_map_view_boundary_class_init (GtkWidgetClass *widget_class);
void     bb_map_view_boundary_init       (BbMapView      *self);
void     bb_map_view_boundary_reset      (BbMapView      *self);
/* The corner within reach of (@x, @y), or −1. */
int      bb_map_view_boundary_corner_at  (BbMapView      *self,
                                          double          x,
                                          double          y);
/* A click while editing: chooses a corner or adds one on the nearest
 * edge; FALSE when clicks add corners as in drawing. */
gboolean bb_map_view_boundary_click      (BbMapView      *self,
                                          double          x,
                                          double          y);
gboolean bb_map_view_boundary_drag_begin (BbMapView      *self,
                                          double          x,
                                          double          y);
void     bb_map_view_boundary_drag_to    (BbMapView      *self,
                                          double          x,
                                          double          y);
void     bb_map_view_boundary_drag_end   (BbMapView      *self);
/* Saves @polygon (taken) as the district's boundary and stops editing. */
void     bb_map_view_boundary_save       (BbMapView      *self,
                                          BbMapSelection *polygon);

/* bb-map-view-popover.c: an incident's or a district's details on a
 * click, and the incidents under the pointer after a short hover */
void     bb_map_view_popover_class_init  (GtkWidgetClass *widget_class);
void     bb_map_view_popover_init        (BbMapView      *self);
void     bb_map_view_popover_dispose     (BbMapView      *self);
void     bb_map_view_popdown             (BbMapView      *self);
void     bb_map_view_popdown_hover       (BbMapView      *self);

/* bb-map-view-timeline.c: the time slider that plays the incidents week
 * by week */
void     bb_map_view_timeline_class_init (GtkWidgetClass *widget_class);
void     bb_map_view_timeline_init       (BbMapView      *self);
void     bb_map_view_timeline_dispose    (BbMapView      *self);
/* The filter selected other incidents: the slider follows them. */
void     bb_map_view_timeline_refilter   (BbMapView      *self);

/* bb-map-view-analysis.c: the heat map and hot spots: their statistics on
 * a click and "Open as Problem" */
/* bb-map-view-print.c */
void     bb_map_view_print_class_init    (GtkWidgetClass *widget_class);

/* bb-map-view-trends.c */
void     bb_map_view_trends_class_init   (GtkWidgetClass *widget_class);
void     bb_map_view_trends_init         (BbMapView      *self);
void     bb_map_view_trends_dispose      (BbMapView      *self);
/* The trend layer's input from the filter, while the layer is on. */
void     bb_map_view_trends_refilter     (BbMapView      *self);
gboolean bb_map_view_trends_click        (BbMapView      *self,
                                          double          x,
                                          double          y);
/* A district's change between the trend layer's periods, in words; NULL
 * while the layer is off. */
char    *bb_map_view_trends_describe_district (BbMapView *self,
                                               guint      index);

void     bb_map_view_analysis_class_init (GtkWidgetClass *widget_class);
/* Opens the problem made from the analysis (a hot spot, a district, a
 * trend cell) on its page, or says why it was not made; @user_data is a
 * reference to the view. */
void     bb_map_view_problem_created_cb  (GObject        *source,
                                          GAsyncResult   *result,
                                          gpointer        user_data);
void     bb_map_view_analysis_init       (BbMapView      *self);
void     bb_map_view_analysis_dispose    (BbMapView      *self);
/* Shows the statistics of the hot spot under (@x, @y), if any. */
gboolean bb_map_view_analysis_click      (BbMapView      *self,
                                          double          x,
                                          double          y);

G_END_DECLS
