/* bb-bundle.h: bundles, the files that carry a station's changes to another station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "bb-store.h"

G_BEGIN_DECLS

/* The bundle format this Beatbook writes, and the file name ending. */
#define BB_BUNDLE_FORMAT  1
/* The station format of the first Beatbook that exchanged bundles. */
#define BB_BUNDLE_MIN_SCHEMA 4
#define BB_BUNDLE_SUFFIX  ".beatbook-bundle"
#define BB_BUNDLE_PROJECT "org.beatbook.Beatbook"

#define BB_BUNDLE_ERROR (bb_bundle_error_quark ())

typedef enum {
  BB_BUNDLE_ERROR_FAILED,
  BB_BUNDLE_ERROR_NOT_A_BUNDLE,   /* not a bundle at all, or one of another program */
  BB_BUNDLE_ERROR_TRUNCATED,      /* the file ends early */
  BB_BUNDLE_ERROR_DAMAGED,        /* changed after it was written, or unreadable */
  BB_BUNDLE_ERROR_TOO_NEW,        /* written by a newer Beatbook */
  BB_BUNDLE_ERROR_WRONG_STATION,  /* for another station, or written by this one */
  BB_BUNDLE_ERROR_NEEDS_EARLIER,  /* an earlier bundle of the same station must come first */
  BB_BUNDLE_ERROR_REFUSED,        /* holds a record this station refuses */
  BB_BUNDLE_ERROR_INVALID,        /* the export was asked for something not allowed */
  BB_BUNDLE_ERROR_SEALED,         /* encrypted: its station's passphrase is needed */
  BB_BUNDLE_ERROR_WRONG_PASSPHRASE, /* encrypted, and the passphrase given does not open it */
} BbBundleError;

GQuark bb_bundle_error_quark (void);

/* Records and deletions of one table in a bundle. */
typedef struct {
  char    *table;
  guint64  records;
  guint64  deleted;
} BbBundleCount;

/* What a bundle says about itself, before anything is applied.  Times
 * are microseconds since the epoch, UTC; marks are positions in the
 * sending station's log of changes. */
typedef struct {
  char       *bundle_id;
  int         format;
  int         schema;                /* the lowest station format that can apply it */
  char       *station_id;            /* who wrote it */
  char       *station_name;
  char       *to_id;                 /* for whom; NULL: any station */
  char       *to_name;
  gboolean    to_headquarters;
  guint       sequence;              /* the sender's n-th bundle for to_id (0: for any station) */
  gint64      since_mark;            /* changes after this mark… */
  gint64      until_mark;            /* …up to this one */
  gboolean    everything;            /* every record, not only changes */
  gboolean    restricted_included;
  gint64      created_at;
  gint64      first_change;          /* the oldest and newest change it carries (0: none) */
  gint64      last_change;
  GPtrArray  *counts;                /* BbBundleCount, in the order applied */
  GHashTable *received;              /* station id → gint64 *: the marks the sender has applied of others */
  guint64     payload_length;        /* bytes on disk */
  guint64     content_length;        /* bytes of changes, uncompressed */
  char       *payload_sha256;
} BbBundleHeader;

BbBundleHeader *bb_bundle_header_copy   (const BbBundleHeader *self);
void            bb_bundle_header_free   (BbBundleHeader       *self);
/* Records and deletions over all tables. */
guint64         bb_bundle_header_count_records (const BbBundleHeader *self);
guint64         bb_bundle_header_count_deleted (const BbBundleHeader *self);
/* How many records of @table, 0 when none. */
guint64         bb_bundle_header_get_records   (const BbBundleHeader *self,
                                                const char           *table);
GType           bb_bundle_header_get_type (void) G_GNUC_CONST;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBundleHeader, bb_bundle_header_free)

/* Reads a bundle's header and checks the whole file against its
 * checksums: a file that is not a bundle, is truncated, was changed,
 * belongs to another program or comes from a newer Beatbook is refused
 * with an error that says which.  Reads the file through once. */
BbBundleHeader *bb_bundle_read_header   (const char    *path,
                                         GCancellable  *cancellable,
                                         GError       **error);

typedef void (*BbBundleProgressFunc) (double   fraction,
                                      gpointer user_data);

/* What to export. */
typedef struct {
  char     *peer_id;             /* the station it is for; NULL: any station (everything) */
  gboolean  everything;          /* every record, even when the peer has had earlier bundles */
  gboolean  include_restricted;  /* restricted incidents too: only for headquarters */
} BbBundleExportOptions;

/* Writes a bundle to @path (through a temporary file, so that a failed or
 * cancelled export leaves nothing half written) with every change since
 * the last bundle for the peer, or everything, and remembers that it was
 * sent.  Restricted incidents stay out unless @options allow them for a
 * peer marked as headquarters.  Returns the bundle's header. */
BbBundleHeader *bb_bundle_export        (BbStore                     *store,
                                         const char                  *path,
                                         const BbBundleExportOptions *options,
                                         GCancellable                *cancellable,
                                         BbBundleProgressFunc         progress,
                                         gpointer                     progress_data,
                                         GError                     **error);
/* The same on a thread; @progress is called in the caller's thread-default
 * main context. */
void            bb_bundle_export_async  (BbStore                     *store,
                                         const char                  *path,
                                         const BbBundleExportOptions *options,
                                         GCancellable                *cancellable,
                                         BbBundleProgressFunc         progress,
                                         gpointer                     progress_data,
                                         GDestroyNotify               progress_data_destroy,
                                         GAsyncReadyCallback          callback,
                                         gpointer                     user_data);
BbBundleHeader *bb_bundle_export_finish (BbStore                     *store,
                                         GAsyncResult                *result,
                                         GError                     **error);

/* What applying a bundle did (or, for a dry run, would do). */
typedef struct {
  BbBundleHeader *header;
  gboolean        already_applied;   /* imported before: nothing changed now */
  gint64          applied_at;        /* when it was applied (now, or before) */
  gboolean        dry_run;
  guint64         added;             /* records new here */
  guint64         changed;           /* records with at least one field taken from the bundle */
  guint64         unchanged;         /* records already as the bundle has them, or newer here */
  guint64         deleted;           /* records deleted here */
  guint64         conflicts;         /* changes made on both sides; listed for review */
  GPtrArray      *notes;             /* strings: what the user should know (a missing earlier bundle, …) */
} BbBundleResult;

void            bb_bundle_result_free   (BbBundleResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBundleResult, bb_bundle_result_free)

/* Checks and applies the bundle at @path in one transaction: all of it or,
 * on any error, nothing.  Applying a bundle twice changes nothing the
 * second time; bundles of one station may come in any order (one that
 * needs an earlier one still missing is refused, naming it).  Where a
 * record was changed here and there, the latest change of each field wins
 * and the other is kept in the list of conflicts.  A dry run reports what
 * would happen and changes nothing. */
BbBundleResult *bb_bundle_apply         (BbStore               *store,
                                         const char            *path,
                                         gboolean               dry_run,
                                         GCancellable          *cancellable,
                                         BbBundleProgressFunc   progress,
                                         gpointer               progress_data,
                                         GError               **error);
void            bb_bundle_apply_async   (BbStore               *store,
                                         const char            *path,
                                         gboolean               dry_run,
                                         GCancellable          *cancellable,
                                         BbBundleProgressFunc   progress,
                                         gpointer               progress_data,
                                         GDestroyNotify         progress_data_destroy,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
BbBundleResult *bb_bundle_apply_finish  (BbStore               *store,
                                         GAsyncResult          *result,
                                         GError               **error);

/* Whether the file at @path is a bundle encrypted with its station's
 * passphrase (bb-bundle-seal.c). */
gboolean        bb_bundle_is_sealed     (const char            *path);
/* Decrypts an encrypted bundle with @passphrase into a new private folder
 * and returns the path of the bundle there (the same file name), which
 * bb_bundle_unsealed_remove() removes with its folder.  A wrong
 * passphrase gives BB_BUNDLE_ERROR_WRONG_PASSPHRASE, a file changed after
 * it was encrypted DAMAGED or TRUNCATED. */
char           *bb_bundle_unseal        (const char            *sealed_path,
                                         const char            *passphrase,
                                         GError               **error);
void            bb_bundle_unsealed_remove (const char          *plain_path);
/* bb_bundle_apply for a bundle that may be encrypted: @passphrase (that
 * of the station that wrote it) opens it first; a wrong one, or a file
 * changed after it was encrypted, is refused and nothing is changed.
 * Without @passphrase an encrypted bundle is refused with
 * BB_BUNDLE_ERROR_SEALED. */
BbBundleResult *bb_bundle_apply_sealed  (BbStore               *store,
                                         const char            *path,
                                         const char            *passphrase,
                                         gboolean               dry_run,
                                         GCancellable          *cancellable,
                                         BbBundleProgressFunc   progress,
                                         gpointer               progress_data,
                                         GError               **error);

/* A file name for a bundle from @store for @peer_name (NULL: any station),
 * e.g. "North Station to Headquarters 3.beatbook-bundle". */
char           *bb_bundle_suggest_name  (BbStore               *store,
                                         const char            *peer_name,
                                         guint                  sequence);

G_END_DECLS
