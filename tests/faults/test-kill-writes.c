/* test-kill-writes.c: kills Beatbook (kill -9) at random moments while it writes, then checks the station */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <sqlite3.h>

#include "bb-bundle.h"
#include "bb-demo-station.h"
#include "bb-store.h"
#include "../store/store-test-util.h"

extern char **environ;

/* How a run is judged: after every kill the station passes
 * PRAGMA integrity_check, opens in Beatbook, and holds its data entirely
 * as before the operation or entirely as after it.  A scenario names how
 * to make the station it starts from, the command that writes, and one
 * query whose text sums up everything the operation touches. */
typedef struct _Harness Harness;

typedef struct {
  const char *name;
  /* Writes the station the runs start from, and the operation's inputs,
   * into h->dir; @station is where the station goes. */
  void      (*prepare)   (Harness    *h,
                          const char *station);
  /* The command that writes, run on a copy of that station. */
  GStrv     (*command)   (Harness    *h,
                          const char *station);
  const char *state_sql;
  /* The station's passphrase, when it has one: Beatbook opens it with it. */
  const char *passphrase;
} KillScenario;

struct _Harness
{
  char    *dir;
  guint    rows;     /* rows imported, incidents edited */
  guint    runs;
  GRand   *rand;
  /* The tally of the scenario running */
  guint    killed, finished, before, after, bad_check, mixed, not_opened, bad_chain;
};

static const char *
env_or (const char *name,
        const char *fallback)
{
  const char *value = g_getenv (name);

  return value != NULL && *value != '\0' ? value : fallback;
}

/* Scenarios ------------------------------------------------------------ */

static void
write_demo_station (const char *path,
                    guint       n_incidents,
                    guint64     seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  BbDemoOptions options;

  bb_demo_options_init_default (&options);
  options.n_incidents = n_incidents;
  options.seed = seed;
  store = bb_demo_station_create (path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
import_prepare (Harness    *h,
                const char *station)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (h->dir, "incidents.csv", NULL);
  BbDemoOptions options;

  write_demo_station (station, 2000, 7);
  bb_demo_options_init_default (&options);
  options.n_incidents = h->rows;
  options.seed = 11;
  bb_demo_incidents_write_csv (csv, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static GStrv
import_command (Harness    *h,
                const char *station)
{
  g_autofree char *csv = g_build_filename (h->dir, "incidents.csv", NULL);
  const char *argv[] = { g_getenv ("BB_BEATBOOK"), "--import", csv, "--quiet", station, NULL };

  return g_strdupv ((char **) argv);
}

static void
bulk_edit_prepare (Harness    *h,
                   const char *station)
{
  write_demo_station (station, h->rows, 5);
}

static GStrv
bulk_edit_command (Harness    *h,
                   const char *station)
{
  const char *argv[] = { g_getenv ("BB_FAULT_DRIVER"), "bulk-status", station, "referred", NULL };

  return g_strdupv ((char **) argv);
}

static void
bundle_import_prepare (Harness    *h,
                       const char *station)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_build_filename (h->dir, "bundle-source.beatbook", NULL);
  g_autofree char *bundle = g_build_filename (h->dir, "everything" BB_BUNDLE_SUFFIX, NULL);
  g_autoptr(BbBundleHeader) header = NULL;

  /* Another station's every record, applied to a station of its own. */
  write_demo_station (source, h->rows, 5);
  {
    g_autoptr(BbStore) store = bb_store_open (source, &error);

    g_assert_no_error (error);
    header = bb_bundle_export (store, bundle, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  write_demo_station (station, 2000, 7);
}

static GStrv
bundle_import_command (Harness    *h,
                       const char *station)
{
  g_autofree char *bundle = g_build_filename (h->dir, "everything" BB_BUNDLE_SUFFIX, NULL);
  const char *argv[] = { g_getenv ("BB_BEATBOOK"), "--import-bundle", bundle, "--quiet", station, NULL };

  return g_strdupv ((char **) argv);
}

/* Both stations have the same passphrase; the bundle is encrypted with
 * it, and the keyed audit chain is sealed as the import commits. */
#define SEALED_PASSPHRASE "kill the lights at nine"

static void
sealed_bundle_import_prepare (Harness    *h,
                              const char *station)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = g_build_filename (h->dir, "sealed-source.beatbook", NULL);
  g_autofree char *bundle = g_build_filename (h->dir, "sealed" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *file = g_build_filename (h->dir, "passphrase.txt", NULL);

  g_assert_true (g_file_set_contents (file, SEALED_PASSPHRASE "\n", -1, NULL));
  write_demo_station (source, h->rows, 5);
  {
    g_autoptr(BbStore) store = bb_store_open (source, &error);
    g_autoptr(BbBundleHeader) header = NULL;

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, NULL, SEALED_PASSPHRASE, &error));
    header = bb_bundle_export (store, bundle, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (bb_bundle_is_sealed (bundle));
  write_demo_station (station, 2000, 7);
  {
    g_autoptr(BbStore) store = bb_store_open (station, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, NULL, SEALED_PASSPHRASE, &error));
  }
}

static GStrv
sealed_bundle_import_command (Harness    *h,
                              const char *station)
{
  g_autofree char *bundle = g_build_filename (h->dir, "sealed" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *file = g_build_filename (h->dir, "passphrase.txt", NULL);
  const char *argv[] = { g_getenv ("BB_BEATBOOK"), "--import-bundle", bundle, "--quiet", "--passphrase-file", file,
                         station, NULL };

  return g_strdupv ((char **) argv);
}

/* Times and random ids differ between runs; counts, positions, texts and
 * the lengths of the audit log and the search index do not. */
#define INCIDENT_STATE                                                                    \
  "SELECT (SELECT count(*) || ' incidents, positions ' || total (round (lon * 1e6))"      \
  "          || ' ' || total (round (lat * 1e6)) || ', text ' || total (length (description))" \
  "        FROM incident)"                                                                \
  " || '; status ' || (SELECT group_concat (status || '=' || n, ' ')"                     \
  "                    FROM (SELECT status, count(*) AS n FROM incident GROUP BY status ORDER BY status))" \
  " || '; audit ' || (SELECT count(*) FROM audit_log)"                                    \
  " || '; search ' || (SELECT count(*) FROM incident_fts)"                                \
  " || '; memory ' || (SELECT count(*) FROM import_mapping) || '/' || (SELECT count(*) FROM import_category_map)"

/* A bundle also leaves what the station knows of its sender. */
#define BUNDLE_STATE                                                                      \
  INCIDENT_STATE                                                                          \
  " || '; peers ' || (SELECT count(*) || ' received ' || total (received_mark) FROM sync_peer)" \
  " || '; versions ' || (SELECT count(*) FROM sync_clock) || '/' || (SELECT count(*) FROM sync_row)"

static const KillScenario scenarios[] = {
  { "import", import_prepare, import_command, INCIDENT_STATE, NULL },
  { "bulk-edit", bulk_edit_prepare, bulk_edit_command, INCIDENT_STATE, NULL },
  { "bundle-import", bundle_import_prepare, bundle_import_command, BUNDLE_STATE, NULL },
  { "sealed-bundle-import", sealed_bundle_import_prepare, sealed_bundle_import_command, BUNDLE_STATE,
    SEALED_PASSPHRASE },
};

/* Running and judging ---------------------------------------------------- */

static void
copy_station (const char *from,
              const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  /* The pristine station is closed: copying its file is copying it. */
  g_file_copy (src, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* The station's summary, or NULL with *@check_ok FALSE when
 * integrity_check found anything. */
static char *
read_state (const char *station,
            const char *state_sql,
            gboolean   *check_ok)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *state = NULL;
  int rc, rows = 0;

  *check_ok = FALSE;
  /* Read-write, as Beatbook opens it: the WAL is recovered first. */
  g_assert_cmpint (sqlite3_open_v2 (station, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK)
    {
      *check_ok = TRUE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *line = (const char *) sqlite3_column_text (stmt, 0);

          if (rows++ > 0 || g_strcmp0 (line, "ok") != 0)
            {
              g_printerr ("integrity_check: %s\n", line);
              *check_ok = FALSE;
            }
        }
      if (rc != SQLITE_DONE)
        *check_ok = FALSE;
    }
  sqlite3_finalize (stmt);
  if (*check_ok && sqlite3_prepare_v2 (db, state_sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    state = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return state;
}

/* Runs @argv; kills it after @delay_us unless it ended first.  Returns
 * TRUE when it was killed, and its run time in *@elapsed_us. */
static gboolean
run_and_kill (GStrv   argv,
              gint64  delay_us,
              gint64 *elapsed_us)
{
  posix_spawn_file_actions_t actions;
  gint64 start = g_get_monotonic_time ();
  gboolean killed = FALSE;
  pid_t pid;
  int status = 0;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  g_assert_cmpint (posix_spawn (&pid, argv[0], &actions, NULL, argv, environ), ==, 0);
  posix_spawn_file_actions_destroy (&actions);

  for (;;)
    {
      pid_t done = waitpid (pid, &status, WNOHANG);

      g_assert_cmpint (done, >=, 0);
      if (done == pid)
        break;
      if (delay_us >= 0 && g_get_monotonic_time () - start >= delay_us)
        {
          kill (pid, SIGKILL);
          g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
          killed = WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL;
          break;
        }
      g_usleep (500);
    }
  if (!killed)
    {
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
    }
  *elapsed_us = g_get_monotonic_time () - start;
  return killed;
}

static void
run_scenario (Harness            *h,
              const KillScenario *scenario)
{
  g_autofree char *pristine = g_strdup_printf ("%s/%s-pristine.beatbook", h->dir, scenario->name);
  g_autofree char *work = g_strdup_printf ("%s/%s.beatbook", h->dir, scenario->name);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) argv = NULL;
  gboolean check_ok;
  gint64 reference_us;

  h->killed = h->finished = h->before = h->after = h->bad_check = h->mixed = h->not_opened = h->bad_chain = 0;
  scenario->prepare (h, pristine);
  before = read_state (pristine, scenario->state_sql, &check_ok);
  g_assert_true (check_ok);

  /* Runs to the end: the state after, and how long the operation takes
   * (the shortest of three, on a machine that does other work too). */
  argv = scenario->command (h, work);
  reference_us = G_MAXINT64;
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *state = NULL;
      gint64 elapsed;

      copy_station (pristine, work);
      g_assert_false (run_and_kill (argv, -1, &elapsed));
      reference_us = MIN (reference_us, elapsed);
      state = read_state (work, scenario->state_sql, &check_ok);
      g_assert_true (check_ok);
      if (after == NULL)
        after = g_steal_pointer (&state);
      else
        g_assert_cmpstr (state, ==, after);
    }
  g_assert_cmpstr (before, !=, after);
  g_test_message ("%s: before: %s", scenario->name, before);
  g_test_message ("%s: after:  %s", scenario->name, after);

  for (guint run = 0; run < h->runs; run++)
    {
      g_autofree char *state = NULL;
      g_autoptr(BbStore) store = NULL;
      g_autoptr(GError) error = NULL;
      /* Half the kills anywhere from the start of the process to a
       * little past its usual end; half in its last fifth, where it
       * commits, checkpoints and closes. */
      gint64 delay = run % 2 == 0 ? (gint64) g_rand_double_range (h->rand, 0.0, reference_us * 1.1)
                                  : (gint64) g_rand_double_range (h->rand, reference_us * 0.8, reference_us * 1.05);
      gint64 elapsed;

      copy_station (pristine, work);
      if (run_and_kill (argv, delay, &elapsed))
        h->killed++;
      else
        h->finished++;

      state = read_state (work, scenario->state_sql, &check_ok);
      if (!check_ok)
        h->bad_check++;
      else if (g_strcmp0 (state, before) == 0)
        h->before++;
      else if (g_strcmp0 (state, after) == 0)
        h->after++;
      else
        {
          g_printerr ("%s, run %u (killed after %.3f s): neither before nor after: %s\n",
                      scenario->name, run, elapsed / 1e6, state);
          h->mixed++;
        }

      /* And Beatbook opens it and can change it. */
      store = bb_store_open (work, &error);
      if (store == NULL)
        {
          g_printerr ("%s, run %u: Beatbook did not open the station: %s\n", scenario->name, run, error->message);
          h->not_opened++;
        }
      else if (scenario->passphrase != NULL && !bb_store_check_passphrase (store, scenario->passphrase, &error))
        {
          g_printerr ("%s, run %u: the passphrase did not open the station: %s\n", scenario->name, run,
                      error->message);
          h->not_opened++;
        }
      /* Its audit log's chain is whole (keyed lines too, once unlocked):
       * sealing is part of the commit. */
      else if (!bb_store_audit_check (store, NULL, &error))
        {
          g_printerr ("%s, run %u: audit chain: %s\n", scenario->name, run, error->message);
          h->bad_chain++;
        }
      if ((run + 1) % 10 == 0)
        g_printerr ("%s: %u of %u runs: %u killed, %u failed integrity_check, %u mixed, %u would not open, "
                    "%u broken chains\n", scenario->name, run + 1, h->runs, h->killed, h->bad_check, h->mixed,
                    h->not_opened, h->bad_chain);
    }

  g_print ("kill -9 %s of %u rows: %u runs, %u killed while running, %u ended first; "
           "%u failed integrity_check, %u neither before nor after, %u would not open, "
           "%u with a broken audit chain; data as before %u, as after %u (the whole operation took %.2f s)\n",
           scenario->name, h->rows, h->runs, h->killed, h->finished,
           h->bad_check, h->mixed, h->not_opened, h->bad_chain, h->before, h->after, reference_us / 1e6);
  g_assert_cmpuint (h->bad_check, ==, 0);
  g_assert_cmpuint (h->mixed, ==, 0);
  g_assert_cmpuint (h->not_opened, ==, 0);
  g_assert_cmpuint (h->bad_chain, ==, 0);
  g_assert_cmpuint (h->before + h->after, ==, h->runs);
}

static void
test_kill (gconstpointer data)
{
  const KillScenario *scenario = data;
  Harness h = { 0 };
  guint32 seed = (guint32) g_ascii_strtoull (env_or ("BB_KILL_SEED", "0"), NULL, 10);

  if (g_getenv ("BB_BEATBOOK") == NULL || g_getenv ("BB_FAULT_DRIVER") == NULL)
    {
      g_test_skip ("BB_BEATBOOK and BB_FAULT_DRIVER name the programs to kill; meson test sets them");
      return;
    }
  if (seed == 0)
    seed = g_random_int ();
  h.dir = make_test_dir ();
  h.runs = (guint) g_ascii_strtoull (env_or ("BB_KILL_RUNS", "6"), NULL, 10);
  h.rows = (guint) g_ascii_strtoull (env_or ("BB_KILL_ROWS", "10000"), NULL, 10);
  h.rand = g_rand_new_with_seed (seed);
  g_test_message ("seed %u (BB_KILL_SEED=%u repeats these runs)", seed, seed);

  run_scenario (&h, scenario);

  g_rand_free (h.rand);
  rm_dir (h.dir);
  g_free (h.dir);
}

int
main (int   argc,
      char *argv[])
{
  const char *only = g_getenv ("BB_KILL_SCENARIO");

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (scenarios); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/kill/%s", scenarios[i].name);

      if (only == NULL || g_str_equal (only, scenarios[i].name))
        g_test_add_data_func (path, &scenarios[i], test_kill);
    }
  return g_test_run ();
}
