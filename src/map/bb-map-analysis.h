/* bb-map-analysis.h: the heat map and Gi* hot spots of the incidents the map shows, computed off the main thread */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-geo.h"
#include "bb-gistar.h"
#include "bb-grid.h"
#include "bb-kde.h"
#include "bb-map-districts.h"

G_BEGIN_DECLS

/* Below these counts the map says the result means little (heat map) or
 * does not compute it (hot spots): with fewer incidents, a Gi* "hot spot"
 * is one or two incidents that happen to sit together, and the heat map is
 * a picture of single incidents rather than of a pattern. */
#define BB_MAP_ANALYSIS_MIN_HEAT      30
#define BB_MAP_ANALYSIS_MIN_HOTSPOTS  60

typedef struct {
  gboolean            heat;           /* compute the heat map */
  gboolean            hotspots;       /* compute Gi* hot spots */
  BbKdeKernel         kernel;
  double              bandwidth;      /* metres; 0: bb_kde_default_bandwidth() */
  double              cell_size;      /* heat map cells, metres; 0: bb_kde_default_cell_size() */
  double              hot_cell_size;  /* Gi* cells, metres; 0: bb_map_analysis_default_hot_cells() */
  double              distance;       /* Gi* distance band, metres; 0: as above */
  BbGistarCorrection  correction;
} BbMapAnalysisOptions;

void     bb_map_analysis_options_init (BbMapAnalysisOptions       *options);
gboolean bb_map_analysis_options_equal (const BbMapAnalysisOptions *a,
                                        const BbMapAnalysisOptions *b);

/* Rounds a length to 1, 1.5, 2, 2.5, 3, 4, 5 or 7.5 times a power of ten,
 * the nearest in ratio: a map reader takes in "150 m" at a glance, not
 * "147.3 m". */
double   bb_map_analysis_round_length (double metres);

/* The rule for the hot-spot grid when the user sets neither: the distance
 * band is the heat map's default bandwidth (the scale at which the
 * incidents cluster), rounded; cells are half of it, rounded, so that each
 * cell's neighbourhood holds about a dozen cells.  Cells are at least 10 m. */
void     bb_map_analysis_default_hot_cells (double  bandwidth,
                                            double *cell_size,
                                            double *distance);

/* One hot or cold spot: the cells significant with the same sign that
 * touch (sides or corners), as an analyst would outline it by eye. */
typedef struct {
  guint   id;               /* 1…, in the order of hotspots[] */
  int     sign;             /* +1 hot, −1 cold */
  guint   n_cells;
  guint   count;            /* incidents in its cells */
  guint   peak_col, peak_row;   /* the cell with the strongest z */
  double  peak_z;
  int     peak_bin;         /* −3 … 3 */
  /* The cell with the most incidents (the strongest z of those): where a
   * reader looks for the spot.  The strongest z is often beside it, at
   * the edge of the grid or between two busy cells. */
  guint   focus_col, focus_row;
  BbBBox  bbox;             /* of its cells, in lon/lat */
} BbMapHotspot;

/* What one cell of the hot-spot grid shows. */
typedef struct {
  guint   col, row;
  guint   count;
  double  z;
  double  p;
  int     bin;              /* −3 … 3 */
  BbBBox  bbox;             /* the cell, in lon/lat */
  const BbMapHotspot *spot; /* the spot it belongs to, or NULL */
} BbMapHotspotCell;

typedef struct {
  BbMapAnalysisOptions options;   /* as asked */
  BbLocalProjection    projection;
  gsize                n_points;  /* positions analysed */
  guint                n_outside; /* left out: far outside the study area */

  /* The heat map, in incidents per km² at the cell centres; NULL when it
   * was not asked for or cannot be made (heat_note says why). */
  BbGrid  *heat;
  double   bandwidth;       /* as used */
  double   cell_size;
  double   heat_max;
  char    *heat_note;       /* a caveat to show beside the legend, or NULL */

  /* Hot spots; NULL when not asked for or not possible (hot_note). */
  BbGrid  *counts;          /* incidents per cell */
  BbGrid  *z;               /* Gi* z-score per cell */
  gint8   *bins;            /* per cell, −3 … 3 */
  guint   *spot_of;         /* per cell, the spot id (0: none) */
  GArray  *spots;           /* BbMapHotspot: hot spots by falling peak z, then cold ones by rising */
  double   hot_cell_size;
  double   distance;
  guint    n_hot_cells[4];  /* by level 1…3 (index 0 unused) */
  guint    n_cold_cells[4];
  char    *hot_note;

  /* Hot spots by district: Gi* of the incidents in each district over the
   * districts that share a border with it (the district itself included);
   * NULL without hot spots or without at least three districts. */
  BbMapDistricts *districts;
  double         *district_counts;   /* per district; incidents with no district are left out */
  BbGistarResult *district_gi;
  char           *district_note;
} BbMapAnalysis;

BbMapAnalysis *bb_map_analysis_ref     (BbMapAnalysis *analysis);
void           bb_map_analysis_unref   (BbMapAnalysis *analysis);

/* Analyses the positions of @points (BbMapPoint) at the indices in
 * @selected (guint; NULL for all).  Grids cover @study_area (the station's
 * districts; may be empty) and every point, so that results of different
 * filters share one geometry when their options do.  With @districts (the
 * ones the points' district indices name) hot spots are also found by
 * district.  Fails only on a cancelled or impossible request; a result too
 * thin to mean much comes with a note instead. */
BbMapAnalysis *bb_map_analysis_compute (GArray                      *points,
                                        GArray                      *selected,
                                        const BbBBox                *study_area,
                                        BbMapDistricts              *districts,
                                        const BbMapAnalysisOptions  *options,
                                        GCancellable                *cancellable,
                                        GError                     **error);
/* The same on a worker thread; @points and @selected are kept, not
 * copied, and must not change meanwhile. */
void           bb_map_analysis_compute_async  (GArray                      *points,
                                               GArray                      *selected,
                                               const BbBBox                *study_area,
                                               BbMapDistricts              *districts,
                                               const BbMapAnalysisOptions  *options,
                                               GCancellable                *cancellable,
                                               GAsyncReadyCallback          callback,
                                               gpointer                     user_data);
BbMapAnalysis *bb_map_analysis_compute_finish (GAsyncResult                *result,
                                               GError                     **error);

/* The positions of @points at the indices in @selected (NULL: all) in
 * metres of a projection centred on @study_area (or on the points when
 * it is NULL or empty), leaving out those far outside the study area
 * (counted in @n_outside).  @extent receives the box of the study area
 * and the points kept, as min x, min y, max x, max y; @kept (optional)
 * the index into @points of each position.  Returns how many were kept;
 * the caller frees the arrays. */
gsize          bb_map_analysis_project        (GArray                      *points,
                                               GArray                      *selected,
                                               const BbBBox                *study_area,
                                               BbLocalProjection           *projection,
                                               double                     **xs,
                                               double                     **ys,
                                               guint                      **kept,
                                               guint                       *n_outside,
                                               double                       extent[4]);

/* A hash of the indices (guint), a word at a time (a million of them in
 * about a millisecond): two filters selecting the same incidents share
 * their results.  0 for NULL. */
guint32        bb_map_analysis_hash_indices   (GArray                      *selected);

/* The hot-spot cell holding a position; FALSE off the grid or without
 * hot spots. */
gboolean       bb_map_analysis_cell_at        (BbMapAnalysis               *analysis,
                                               double                       lon,
                                               double                       lat,
                                               BbMapHotspotCell            *cell);
gboolean       bb_map_analysis_get_cell       (BbMapAnalysis               *analysis,
                                               guint                        col,
                                               guint                        row,
                                               BbMapHotspotCell            *cell);
/* A cell's corners in lon/lat (either grid: heat or hot spots). */
void           bb_map_analysis_cell_bbox      (const BbGrid                *grid,
                                               guint                        col,
                                               guint                        row,
                                               BbBBox                      *bbox);
/* The number of hot spots (the first entries of spots). */
guint          bb_map_analysis_n_hot_spots    (BbMapAnalysis               *analysis);
/* The districts by their Gi* z, hot ones from the strongest, as indices
 * (guint) of those significant with sign @sign (+1 hot, −1 cold). */
GArray        *bb_map_analysis_rank_districts (BbMapAnalysis               *analysis,
                                               int                          sign);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapAnalysis, bb_map_analysis_unref)

G_END_DECLS
