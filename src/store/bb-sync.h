/* bb-sync.h: what a station knows of its exchanges: peers, conflicts to review, inbox and outbox */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* A station this one exchanged bundles with. */
typedef struct {
  char     *station_id;
  char     *name;
  gboolean  headquarters;
  guint     sent_seq;          /* bundles written for it */
  gint64    last_sent_at;      /* 0: never */
  gint64    last_received_at;  /* 0: never */
  guint     received;          /* bundles applied from it */
  gint64    pending;           /* changes here since the last bundle for it */
} BbSyncPeer;

void        bb_sync_peer_free           (BbSyncPeer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSyncPeer, bb_sync_peer_free)

/* The peers, by name; a GPtrArray of BbSyncPeer. */
GPtrArray  *bb_sync_list_peers          (BbStore     *store,
                                         GError     **error);
/* Remembers a station as a peer (from its bundle, or named by the user). */
gboolean    bb_sync_set_peer            (BbStore     *store,
                                         const char  *station_id,
                                         const char  *name,
                                         gboolean     headquarters,
                                         GError     **error);
/* Changes here not yet sent to @peer_id (everything when NULL or never
 * sent to). */
gint64      bb_sync_count_pending       (BbStore     *store,
                                         const char  *peer_id,
                                         GError     **error);

typedef enum {
  BB_SYNC_CONFLICT_FIELD,                 /* one field changed on both sides */
  BB_SYNC_CONFLICT_DELETED_THERE,         /* deleted there, changed here: deleted */
  BB_SYNC_CONFLICT_DELETED_HERE,          /* deleted here, changed there before: stays deleted */
  BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE,  /* deleted on one side, changed later on the other: kept */
  BB_SYNC_CONFLICT_IN_USE,                /* deleted there, still used here: kept */
} BbSyncConflictKind;

typedef enum {
  BB_SYNC_CONFLICT_OPEN,
  BB_SYNC_CONFLICT_ACCEPTED,   /* the user agreed with the outcome */
  BB_SYNC_CONFLICT_REVERSED,   /* the user chose the other side */
} BbSyncConflictState;

/* A change that lost to another, as the user reviews it. */
typedef struct {
  char               *id;
  BbSyncConflictKind  kind;
  BbSyncConflictState state;
  char               *table;
  char               *row_id;
  char               *column;          /* NULL: the whole record */
  char               *record_label;    /* "Incident: Burglary, 3 May 2024, Lake Street 4" */
  char               *field_label;     /* "Description"; NULL for a whole record */
  char               *kept_value;      /* the values as the user reads them */
  char               *lost_value;
  char               *here_name;       /* this station's name */
  char               *there_name;      /* the other station's */
  gboolean            remote_won;      /* the other station's change was kept */
  gint64              here_at;         /* when each side changed it (0: not known) */
  gint64              there_at;
  gint64              detected_at;
  gboolean            reversible;      /* the record is still there to change back */
} BbSyncConflict;

void        bb_sync_conflict_free       (BbSyncConflict *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbSyncConflict, bb_sync_conflict_free)

/* Conflicts, newest first; only the open ones unless @all. */
GPtrArray  *bb_sync_list_conflicts      (BbStore     *store,
                                         gboolean     all,
                                         GError     **error);
gint64      bb_sync_count_open_conflicts (BbStore    *store,
                                         GError     **error);
/* The user agrees with what was kept. */
gboolean    bb_sync_accept_conflict     (BbStore     *store,
                                         const char  *conflict_id,
                                         GError     **error);
/* The user wants the side that lost: it becomes a change made here now,
 * which wins at every station it reaches. */
gboolean    bb_sync_reverse_conflict    (BbStore     *store,
                                         const char  *conflict_id,
                                         GError     **error);

/* The folders a synchronising tool carries bundles through: Beatbook
 * writes bundles to the outbox and picks up new ones from the inbox.
 * NULL or "" when not set. */
char       *bb_sync_dup_outbox          (BbStore     *store);
char       *bb_sync_dup_inbox           (BbStore     *store);
gboolean    bb_sync_set_folders         (BbStore     *store,
                                         const char  *outbox,
                                         const char  *inbox,
                                         GError     **error);
/* Bundles in the inbox this station has not applied yet, for it or for
 * any station, in the order they should be applied; paths. */
GStrv       bb_sync_scan_inbox          (BbStore       *store,
                                         GCancellable  *cancellable,
                                         GError       **error);
/* The same for any folder. */
GStrv       bb_sync_scan_folder         (BbStore       *store,
                                         const char    *folder,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* The stations whose records this station holds (itself first), for the
 * views' station filter: a GPtrArray of BbStation. */
GPtrArray  *bb_sync_list_stations       (BbStore     *store,
                                         GError     **error);

G_END_DECLS
