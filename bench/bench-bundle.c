/* bench-bundle.c: exporting every record of a large station to a bundle, applying it to an empty one, and a bundle of changes */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <sys/resource.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "bb-bundle.h"
#include "bb-store-private.h"
#include "bb-sync.h"

/* Prints, one per line, "name seconds" for:
 *   export     every record of SOURCE to a bundle for any station
 *   apply      that bundle to a new, empty station
 *   answer     the new station's first bundle for SOURCE's: none of the
 *              records it got from there
 *   changes    after 1,000 incidents changed at the new station, the
 *              bundle of those changes back for SOURCE's station
 *   bundle     the bundle's size in bytes, and records the number of records
 * The stations are opened (and their pages checked) before the clock starts. */

/* Processor seconds used so far, user and system, by every thread. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static BbStore *
open_checked (const char *path)
{
  g_autoptr(GError) error = NULL;
  BbStore *store = bb_store_open (path, &error);

  if (store == NULL)
    g_error ("%s", error->message);
  bb_store_wait_for_check (store);
  return store;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) source = NULL;
  g_autoptr(BbStore) target = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  g_autoptr(BbBundleResult) result = NULL;
  g_autoptr(BbBundleHeader) back = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *target_path = NULL;
  g_autofree char *back_path = NULL;
  GStatBuf st = { 0 };
  BbBundleExportOptions options = { 0 };
  gint64 start;
  double cpu;

  setlocale (LC_ALL, "");
  if (argc != 3)
    {
      g_printerr ("usage: %s SOURCE.beatbook WORK-FOLDER\n", argv[0]);
      return 2;
    }
  bundle = g_build_filename (argv[2], "everything" BB_BUNDLE_SUFFIX, NULL);
  target_path = g_build_filename (argv[2], "target.beatbook", NULL);
  back_path = g_build_filename (argv[2], "changes" BB_BUNDLE_SUFFIX, NULL);

  /* BENCH_BUNDLE_APPLY=FILE applies a bundle written before (to profile
   * the apply alone; argv[1] is then not read). */
  if (g_getenv ("BENCH_BUNDLE_APPLY") != NULL)
    {
      g_free (bundle);
      bundle = g_strdup (g_getenv ("BENCH_BUNDLE_APPLY"));
      goto apply;
    }
  source = open_checked (argv[1]);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  header = bb_bundle_export (source, bundle, NULL, NULL, NULL, NULL, &error);
  if (header == NULL)
    g_error ("%s", error->message);
  printf ("export %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("export-cpu %.3f\n", cpu_seconds () - cpu);
  g_stat (bundle, &st);
  printf ("bundle %" G_GINT64_FORMAT "\n", (gint64) st.st_size);
  printf ("records %" G_GUINT64_FORMAT "\n", bb_bundle_header_count_records (header));
  printf ("incidents %" G_GUINT64_FORMAT "\n", bb_bundle_header_get_records (header, "incident"));
  fflush (stdout);
  /* The source is not changed by the rest. */
  g_clear_object (&source);
  if (g_strcmp0 (g_getenv ("BENCH_BUNDLE_ONLY"), "export") == 0)
    return 0;

apply:
  target = bb_store_create (target_path, "Headquarters", &error);
  if (target == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  result = bb_bundle_apply (target, bundle, FALSE, NULL, NULL, NULL, &error);
  if (result == NULL)
    g_error ("%s", error->message);
  printf ("apply %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("apply-cpu %.3f\n", cpu_seconds () - cpu);
  printf ("added %" G_GUINT64_FORMAT "\n", result->added);
  fflush (stdout);
  if (header == NULL)
    return 0;

  /* Headquarters' first answer: its own records, not the ones it got. */
  options.peer_id = (char *) header->station_id;
  start = g_get_monotonic_time ();
  back = bb_bundle_export (target, back_path, &options, NULL, NULL, NULL, &error);
  if (back == NULL)
    g_error ("%s", error->message);
  printf ("answer %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("answered %" G_GUINT64_FORMAT "\n", bb_bundle_header_count_records (back));
  g_clear_pointer (&back, bb_bundle_header_free);

  /* 1,000 incidents change at headquarters; their bundle goes back. */
  {
    BB_STORE_LOCK_SCOPE (target);
    g_assert_true (bb_store_begin (target, &error));
    g_assert_cmpint (sqlite3_exec (bb_store_get_db (target),
                                   "UPDATE incident SET status = 'referred', updated_at = bb_now_us ()"
                                   " WHERE rowid IN (SELECT rowid FROM incident ORDER BY random () LIMIT 1000)",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (bb_store_commit (target, &error));
  }
  start = g_get_monotonic_time ();
  back = bb_bundle_export (target, back_path, &options, NULL, NULL, NULL, &error);
  if (back == NULL)
    g_error ("%s", error->message);
  printf ("changes %.3f\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("changed %" G_GUINT64_FORMAT "\n", bb_bundle_header_get_records (back, "incident"));
  return 0;
}
