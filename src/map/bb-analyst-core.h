/* bb-analyst-core.h: what the map's analysts share: the incidents analysed, settling, cancelling, the busy state and the cache of results */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gio/gio.h>

#include "bb-geo.h"
#include "bb-result-cache.h"

G_BEGIN_DECLS

typedef struct {
  /* The result of the owner's *_compute_async(), or NULL and @error. */
  gpointer       (*finish) (GAsyncResult  *result,
                            GError       **error);
  /* Puts @result (NULL: none) on the owner's layers and tells its
   * listeners; the core keeps the result shown. */
  void           (*shown)  (GObject       *owner,
                            gpointer       result);
  GBoxedCopyFunc   ref;
  GDestroyNotify   unref;
  /* The owner's "busy" property, notified when the busy state changes. */
  GParamSpec      *busy_pspec;
  /* What failed, for the warning: "The map analysis". */
  const char      *what;
} BbAnalystCoreFuncs;

/* Embedded in an analyst; the fields are the owner's to read. */
typedef struct {
  GObject                  *owner;   /* not referenced */
  const BbAnalystCoreFuncs *funcs;
  /* Called when the settings or the incidents have been still for a
   * moment: the owner looks its result up or starts computing it. */
  void                    (*compute) (GObject *owner);

  /* input */
  GArray        *points;
  GArray        *indices;        /* the filter's, or NULL for all */
  guint32        indices_hash;
  guint          points_serial;  /* a new serial for each new points array */
  BbBBox         study_area;

  /* output */
  gpointer       shown;
  gboolean       busy;           /* settling or computing */
  GCancellable  *cancellable;
  guint          settle_id;
  BbResultCache  cache;
  guint          n_computed;
  guint          n_cached;
} BbAnalystCore;

void      bb_analyst_core_init        (BbAnalystCore            *core,
                                       GObject                  *owner,
                                       const BbAnalystCoreFuncs *funcs,
                                       void                    (*compute) (GObject *owner));
void      bb_analyst_core_dispose     (BbAnalystCore            *core);
void      bb_analyst_core_finalize    (BbAnalystCore            *core);
/* New incidents (@points, BbMapPoint) at @indices (NULL for all), both
 * kept and never changed; other points forget every result cached.
 * Computes again once they settle. */
void      bb_analyst_core_set_points  (BbAnalystCore            *core,
                                       GArray                   *points,
                                       GArray                   *indices,
                                       const BbBBox             *study_area);
void      bb_analyst_core_clear       (BbAnalystCore            *core);
/* Computes again once the settings have been still for a moment. */
void      bb_analyst_core_schedule    (BbAnalystCore            *core);
void      bb_analyst_core_show        (BbAnalystCore            *core,
                                       gpointer                  result);
/* Stops the work under way, if any: nothing is computing. */
void      bb_analyst_core_idle        (BbAnalystCore            *core);
/* Shows the result cached under @key and returns TRUE, or FALSE. */
gboolean  bb_analyst_core_show_cached (BbAnalystCore            *core,
                                       const char               *key);
/* Cancels the work under way and starts a new one, whose result is cached
 * under @key (taken) and shown: pass the returned cancellable (owned by
 * the core), bb_analyst_core_computed_cb and *@data to the owner's
 * *_compute_async(). */
GCancellable *bb_analyst_core_start   (BbAnalystCore            *core,
                                       char                     *key,
                                       gpointer                 *data);
void      bb_analyst_core_computed_cb (GObject                  *source,
                                       GAsyncResult             *result,
                                       gpointer                  data);
/* The study area, or NULL when there is none. */
const BbBBox *bb_analyst_core_get_study_area (BbAnalystCore     *core);

G_END_DECLS
