/* test-cli-passphrase.c: every headless command that opens a station with a passphrase needs it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _XOPEN_SOURCE 600
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>

#include "bb-bundle.h"
#include "bb-store.h"
#include "../store/store-test-util.h"

#define RIGHT "nine lamps along the quay"
#define WRONG "eight lamps along the quay"

typedef struct {
  char *dir;
  char *station;
  char *right;    /* files holding a passphrase */
  char *wrong;
  char *csv;
  char *bundle;   /* encrypted, from another station with the same passphrase */
} Fixture;

static void
add_incidents (BbStore *store,
               guint    n)
{
  add_test_incidents (store, "theft.bicycle", n, "Bicycle taken at the quay");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;

  f->dir = make_test_dir ();
  f->station = g_build_filename (f->dir, "quay.beatbook", NULL);
  f->right = g_build_filename (f->dir, "right.txt", NULL);
  f->wrong = g_build_filename (f->dir, "wrong.txt", NULL);
  f->csv = g_build_filename (f->dir, "intake.csv", NULL);
  f->bundle = g_build_filename (f->dir, "harbour" BB_BUNDLE_SUFFIX, NULL);
  source = g_build_filename (f->dir, "harbour.beatbook", NULL);
  g_assert_true (g_file_set_contents (f->right, RIGHT "\n", -1, NULL));
  g_assert_true (g_file_set_contents (f->wrong, WRONG "\n", -1, NULL));
  g_assert_true (g_file_set_contents (f->csv,
                                      "date,category,latitude,longitude,description\n"
                                      "2025-07-01 10:00,theft.bicycle,56.951,24.101,Taken from the rack\n"
                                      "2025-07-02 11:00,theft.bicycle,56.952,24.102,Taken from the yard\n",
                                      -1, NULL));
  {
    g_autoptr(BbStore) store = bb_store_create (f->station, "Quay", &error);

    g_assert_no_error (error);
    add_incidents (store, 5);
    g_assert_true (bb_store_set_passphrase (store, NULL, RIGHT, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(BbStore) store = bb_store_create (source, "Harbour", &error);
    g_autoptr(BbBundleHeader) header = NULL;

    g_assert_no_error (error);
    add_incidents (store, 3);
    g_assert_true (bb_store_set_passphrase (store, NULL, RIGHT, &error));
    header = bb_bundle_export (store, f->bundle, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->station);
  g_free (f->right);
  g_free (f->wrong);
  g_free (f->csv);
  g_free (f->bundle);
}

/* Runs beatbook with @args (STATION and OUT stand for the station and the
 * file written), standard input from /dev/null; returns its exit status
 * and what it wrote to standard error. */
static int
run (Fixture            *f,
     const char * const *args,
     const char         *out,
     const char         *passphrase_file,
     char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) g_getenv ("BB_BEATBOOK"));
  if (passphrase_file != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--passphrase-file");
      g_ptr_array_add (argv, (gpointer) passphrase_file);
    }
  for (guint i = 0; args[i] != NULL; i++)
    {
      if (g_str_equal (args[i], "STATION"))
        g_ptr_array_add (argv, f->station);
      else
        g_ptr_array_add (argv, (gpointer) (g_str_equal (args[i], "OUT") ? out : args[i]));
    }
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, err,
                               &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static const char * const commands[][12] = {
  { "--import", "CSV", "--quiet", "STATION", NULL },
  { "--export-incidents", "OUT", "STATION", NULL },
  { "--export-incidents", "OUT", "--public", "STATION", NULL },
  { "--export-bundle", "OUT", "--quiet", "STATION", NULL },
  { "--import-bundle", "BUNDLE", "--quiet", "STATION", NULL },
  { "--check-audit", "STATION", NULL },
  { "--export", "events", "--period", "2025-07", "--output", "OUT", "STATION", NULL },
};

static const char *
out_name (guint i)
{
  return (const char *[]) { NULL, "out.csv", "public.geojson", "out" BB_BUNDLE_SUFFIX, NULL, NULL, "out.pdf" }[i];
}

/* Without the passphrase and with a wrong one each command fails, says
 * why, writes no file and leaves the station byte for byte as it was;
 * with the right one it works. */
static void
test_every_command (Fixture       *f,
                    gconstpointer  data)
{
  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      g_autofree char *out = out_name (c) != NULL ? g_build_filename (f->dir, out_name (c), NULL) : NULL;
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *before = file_checksum (f->station);

      for (guint i = 0; commands[c][i] != NULL; i++)
        g_ptr_array_add (args, (gpointer) (g_str_equal (commands[c][i], "CSV") ? f->csv
                                           : g_str_equal (commands[c][i], "BUNDLE") ? f->bundle
                                           : commands[c][i]));
      g_ptr_array_add (args, NULL);
      g_test_message ("beatbook %s", commands[c][0]);

      for (guint attempt = 0; attempt < 2; attempt++)
        {
          g_autofree char *err = NULL;
          g_autofree char *after = NULL;
          int status = run (f, (const char * const *) args->pdata, out, attempt == 0 ? NULL : f->wrong, &err);

          g_test_message ("  %s: exit %d: %s", attempt == 0 ? "no passphrase" : "wrong passphrase", status, err);
          g_assert_cmpint (status, !=, 0);
          if (attempt == 0)
            g_assert_nonnull (strstr (err, "--passphrase-file"));
          else
            g_assert_nonnull (strstr (err, "not the station’s passphrase"));
          if (out != NULL)
            g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          after = file_checksum (f->station);
          g_assert_cmpstr (before, ==, after);
        }
      {
        g_autofree char *err = NULL;
        int status = run (f, (const char * const *) args->pdata, out, f->right, &err);

        g_test_message ("  right passphrase: exit %d: %s", status, err);
        g_assert_cmpint (status, ==, 0);
        if (out != NULL)
          {
            GStatBuf st;

            /* Readable by its user only, whatever the umask (0 here). */
            g_assert_cmpint (g_stat (out, &st), ==, 0);
            g_assert_true (S_ISREG (st.st_mode));
            g_assert_cmphex (st.st_mode & 0777, ==, 0600);
          }
      }
    }
  /* What the right passphrase let in is there. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(BbStore) store = bb_store_open (f->station, &error);

    g_assert_no_error (error);
    g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 5 + 2 + 3);
  }
}

/* Typed at a terminal: asked for, not echoed, and it opens the station. */
static void
test_terminal (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "typed.csv", NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  pid_t pid;
  int status;
  char buffer[256];

  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int slave;

      setsid ();
      slave = open (ptsname (master), O_RDWR);
      dup2 (slave, STDIN_FILENO);
      dup2 (slave, STDERR_FILENO);
      execl (g_getenv ("BB_BEATBOOK"), "beatbook", "--export-incidents", out, f->station, NULL);
      _exit (127);
    }
  /* The prompt, then the passphrase typed. */
  while (strstr (seen->str, "Passphrase") == NULL || strstr (seen->str, ": ") == NULL)
    {
      ssize_t n = read (master, buffer, sizeof buffer);

      g_assert_cmpint (n, >, 0);
      g_string_append_len (seen, buffer, n);
    }
  g_assert_cmpint (write (master, RIGHT "\n", strlen (RIGHT) + 1), ==, (ssize_t) strlen (RIGHT) + 1);
  for (;;)
    {
      ssize_t n = read (master, buffer, sizeof buffer);

      if (n <= 0)
        break;
      g_string_append_len (seen, buffer, n);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  close (master);
  g_test_message ("%s", seen->str);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_null (strstr (seen->str, RIGHT));
  g_assert_true (g_file_test (out, G_FILE_TEST_IS_REGULAR));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Files the commands write get their mode from Beatbook, not from a
   * umask that happens to be strict. */
  umask (0);
  if (g_getenv ("BB_BEATBOOK") == NULL)
    {
      g_test_skip ("BB_BEATBOOK names the program; meson test sets it");
      return g_test_run ();
    }
  g_test_add ("/faults/cli-passphrase/every-command", Fixture, NULL, fixture_set_up, test_every_command,
              fixture_tear_down);
  g_test_add ("/faults/cli-passphrase/terminal", Fixture, NULL, fixture_set_up, test_terminal, fixture_tear_down);
  return g_test_run ();
}
