/* bb-map-trend.h: change between periods and emerging hot spots of the incidents the map shows, per cell and per district */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-map-analysis.h"
#include "bb-trend.h"

G_BEGIN_DECLS

typedef enum {
  BB_MAP_TREND_VERSUS_PREVIOUS,   /* the period just before, as long */
  BB_MAP_TREND_VERSUS_YEAR,       /* the same dates a year before */
} BbMapTrendVersus;

/* Emerging hot spots look at this many slices of four weeks, ending where
 * the period ends (fewer when the incidents start later). */
#define BB_MAP_TREND_SLICES      12
#define BB_MAP_TREND_SLICE_DAYS  28
/* With fewer slices the Mann–Kendall test cannot reach 95 %. */
#define BB_MAP_TREND_MIN_SLICES  5

typedef struct {
  BbMapTrendVersus    versus;
  gint64              start, end;      /* the period, [start, end); BB_UNSET_TIME: the four weeks up to the latest incident */
  double              cell_size;       /* metres; 0: the hot-spot rule */
  double              distance;        /* Gi* band, metres; 0: the hot-spot rule */
  BbGistarCorrection  correction;
} BbMapTrendOptions;

void     bb_map_trend_options_init (BbMapTrendOptions *options);

typedef struct {
  BbMapTrendOptions  options;
  BbLocalProjection  projection;
  gint64             start, end;            /* the period as used */
  gint64             base_start, base_end;  /* what it is compared with */
  guint              n_current, n_base;     /* incidents in each */
  double             cell_size, distance;

  /* Per cell: counts and the Poisson Z = 2(√current − √base). */
  BbGrid            *current;
  BbGrid            *base;
  BbGrid            *change_z;
  guint              n_by_level[5];         /* by BbChangeLevel + 2 */
  char              *change_note;

  /* Emerging hot spots over slices of BB_MAP_TREND_SLICE_DAYS ending at
   * end; NULL with emerging_note saying why. */
  BbEmerging        *emerging;
  gint64             slices_start;
  char              *emerging_note;

  /* Per district (the points' district index): the two periods' counts. */
  guint              n_districts;
  double            *district_current;
  double            *district_base;
} BbMapTrend;

BbMapTrend *bb_map_trend_ref     (BbMapTrend *trend);
void        bb_map_trend_unref   (BbMapTrend *trend);

/* From @points (BbMapPoint) at the indices in @history (NULL: all): the
 * incidents the filter shows at any time, the periods and slices being
 * cut from them.  Grids cover @study_area as the hot spots' do. */
BbMapTrend *bb_map_trend_compute        (GArray                   *points,
                                         GArray                   *history,
                                         const BbBBox             *study_area,
                                         guint                     n_districts,
                                         const BbMapTrendOptions  *options,
                                         GCancellable             *cancellable,
                                         GError                  **error);
/* The same on a worker thread; the arrays are kept and must not change. */
void        bb_map_trend_compute_async  (GArray                   *points,
                                         GArray                   *history,
                                         const BbBBox             *study_area,
                                         guint                     n_districts,
                                         const BbMapTrendOptions  *options,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data);
BbMapTrend *bb_map_trend_compute_finish (GAsyncResult             *result,
                                         GError                  **error);

/* What one cell shows. */
typedef struct {
  guint              col, row;
  BbBBox             bbox;
  guint              current, base;
  double             z;
  BbChangeLevel      level;
  gboolean           has_emerging;
  BbEmergingPattern  pattern;
  guint              n_slices, n_hot, n_cold;
  double             trend_z, trend_p, last_z;
} BbMapTrendCell;

gboolean    bb_map_trend_get_cell       (BbMapTrend               *trend,
                                         guint                     col,
                                         guint                     row,
                                         BbMapTrendCell           *cell);
gboolean    bb_map_trend_cell_at        (BbMapTrend               *trend,
                                         double                    lon,
                                         double                    lat,
                                         BbMapTrendCell           *cell);

/* "+200 %", "−35 %", "new" (from nothing) or "0 %": the change a reader
 * expects, to be shown beside the test that says whether it means
 * anything. */
char       *bb_map_trend_format_change  (double                    current,
                                         double                    base);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbMapTrend, bb_map_trend_unref)

G_END_DECLS
