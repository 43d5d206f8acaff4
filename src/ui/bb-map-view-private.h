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
#include "bb-map-data.h"
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
  char             *basemap;           /* station, mbtiles, plain */

  BbFilterState    *filter;
  guint16          *top;               /* per category, its top-level category */
  GArray           *selected;          /* indices of the points the filter selects */
  char             *text;              /* the words (and stations) text_rowids were found for */
  GArray           *text_rowids;       /* sorted rowids matching the words alone */
  GCancellable     *text_cancellable;

  gboolean          selecting;         /* a drag draws an area instead of panning */
  gboolean          has_area;
  BbBBox            area;
  double            drag_x, drag_y;

  BbDistrictLayer  *district_layer;
  BbDistrictLayer  *names_layer;
  BbIncidentLayer  *incident_layer;
  BbHeatLayer      *heat_layer;
  BbHotspotLayer   *hotspot_layer;
  BbMapAnalyst     *analyst;
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
  GtkWidget        *legend;
  GtkBox           *legend_box;
  GtkWidget        *area_panel;
  GtkLabel         *area_title;
  GtkBox           *area_box;
  BbAnalysisPanel  *analysis_panel;
  BbAnalysisLegend *analysis_legend;
};

/* bb-map-view.c */
void     bb_map_view_show_error          (BbMapView      *self,
                                          const char     *heading,
                                          GError         *error);
void     bb_map_view_zoom_to_box         (BbMapView      *self,
                                          const BbBBox   *box);

/* bb-map-view-analysis.c: the heat map and hot spots: their statistics on
 * a click and "Open as Problem" */
void     bb_map_view_analysis_class_init (GtkWidgetClass *widget_class);
void     bb_map_view_analysis_init       (BbMapView      *self);
void     bb_map_view_analysis_dispose    (BbMapView      *self);
/* Shows the statistics of the hot spot under (@x, @y), if any. */
gboolean bb_map_view_analysis_click      (BbMapView      *self,
                                          double          x,
                                          double          y);

G_END_DECLS
