/* test-passphrase.c: the station's passphrase, and the bundles encrypted with it */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bb-bundle.h"
#include "bb-bundle-cli.h"
#include "bb-store-private.h"
#include "store-test-util.h"

#define RIGHT "lilac harbour seven gulls"
#define OTHER "a different passphrase"

typedef struct {
  char    *dir;
  char    *source_path;
  char    *target_path;
  char    *bundle_path;
} Fixture;

static void
add_incidents (BbStore *store,
               guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_store_category_get_by_code (store, "theft.bicycle", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1714550400 + i * 600;
      incident->description = g_strdup_printf ("Bicycle taken from the yard of Kalnu iela %u", i);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = make_test_dir ();
  f->source_path = g_build_filename (f->dir, "north.beatbook", NULL);
  f->target_path = g_build_filename (f->dir, "hq.beatbook", NULL);
  f->bundle_path = g_build_filename (f->dir, "north" BB_BUNDLE_SUFFIX, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->source_path);
  g_free (f->target_path);
  g_free (f->bundle_path);
}

static char *
meta_value (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT value FROM meta WHERE key = 'passphrase'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_set_change_remove (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;

  {
    g_autoptr(BbStore) store = bb_store_create (f->source_path, "North", &error);

    g_assert_no_error (error);
    g_assert_false (bb_store_has_passphrase (store));
    /* Without one, any passphrase (or none) opens the station. */
    g_assert_true (bb_store_check_passphrase (store, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (bb_store_set_passphrase (store, NULL, "short", &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (bb_store_has_passphrase (store));
    g_assert_true (bb_store_set_passphrase (store, NULL, RIGHT, &error));
    g_assert_no_error (error);
  }

  /* A verifier is stored, never the passphrase. */
  stored = meta_value (f->source_path);
  g_assert_nonnull (stored);
  g_assert_true (g_str_has_prefix (stored, "argon2id:"));
  g_assert_null (strstr (stored, RIGHT));

  {
    g_autoptr(BbStore) store = bb_store_open (f->source_path, &error);
    g_autoptr(GPtrArray) audit = NULL;

    g_assert_no_error (error);
    g_assert_true (bb_store_has_passphrase (store));
    g_assert_false (bb_store_check_passphrase (store, OTHER, &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
    g_assert_false (bb_store_check_passphrase (store, NULL, &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
    g_assert_true (bb_store_check_passphrase (store, RIGHT, &error));
    g_assert_no_error (error);

    /* Changing it needs the current one. */
    g_assert_false (bb_store_set_passphrase (store, OTHER, "never this one", &error));
    g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_WRONG_PASSPHRASE);
    g_clear_error (&error);
    g_assert_true (bb_store_check_passphrase (store, RIGHT, &error));
    g_assert_true (bb_store_set_passphrase (store, RIGHT, OTHER, &error));
    g_assert_no_error (error);
    g_assert_false (bb_store_check_passphrase (store, RIGHT, &error));
    g_clear_error (&error);
    g_assert_true (bb_store_check_passphrase (store, OTHER, &error));

    /* And removing it too. */
    g_assert_false (bb_store_set_passphrase (store, RIGHT, NULL, &error));
    g_clear_error (&error);
    g_assert_true (bb_store_has_passphrase (store));
    g_assert_true (bb_store_set_passphrase (store, OTHER, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (bb_store_has_passphrase (store));

    audit = bb_store_audit_list (store, 0, "meta", "passphrase", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (audit->len, ==, 3);
    g_assert_cmpstr (((BbAuditEntry *) g_ptr_array_index (audit, 0))->detail, ==, "removed");
    g_assert_cmpstr (((BbAuditEntry *) g_ptr_array_index (audit, 1))->detail, ==, "changed");
    g_assert_cmpstr (((BbAuditEntry *) g_ptr_array_index (audit, 2))->detail, ==, "set");
    g_assert_true (bb_store_audit_check (store, NULL, &error));
  }
  g_clear_pointer (&stored, g_free);
  stored = meta_value (f->source_path);
  g_assert_null (stored);
}

/* The source station, with a passphrase and @n incidents, writes a
 * bundle of everything. */
static void
write_sealed_bundle (Fixture *f,
                     guint    n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBundleHeader) header = NULL;

  {
    g_autoptr(BbStore) store = bb_store_create (f->source_path, "North", &error);

    g_assert_no_error (error);
    add_incidents (store, n);
    g_assert_true (bb_store_set_passphrase (store, NULL, RIGHT, &error));
  }
  {
    g_autoptr(BbStore) store = bb_store_open (f->source_path, &error);

    /* Not written before the passphrase is given. */
    header = bb_bundle_export (store, f->bundle_path, NULL, NULL, NULL, NULL, &error);
    g_assert_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID);
    g_assert_null (header);
    g_assert_false (g_file_test (f->bundle_path, G_FILE_TEST_EXISTS));
    g_clear_error (&error);
    g_assert_true (bb_store_check_passphrase (store, RIGHT, &error));
    header = bb_bundle_export (store, f->bundle_path, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (header);
  }
  g_assert_true (bb_bundle_is_sealed (f->bundle_path));
  {
    g_autoptr(BbStore) target = bb_store_create (f->target_path, "Headquarters", &error);

    g_assert_no_error (error);
  }
}

static gint64
target_incidents (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_open (f->target_path, &error);

  g_assert_no_error (error);
  return bb_store_count (store, "incident", NULL);
}

/* Tries to apply the bundle with @passphrase; expects @code, and the
 * target station the same file as before. */
static void
assert_refused (Fixture    *f,
                const char *passphrase,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = file_checksum (f->target_path);
  g_autofree char *after = NULL;
  g_autofree char *display = g_path_get_basename (f->bundle_path);

  {
    g_autoptr(BbStore) store = bb_store_open (f->target_path, &error);
    g_autoptr(BbBundleResult) result = NULL;

    g_assert_no_error (error);
    result = bb_bundle_apply_sealed (store, f->bundle_path, passphrase, FALSE, NULL, NULL, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, BB_BUNDLE_ERROR, code);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, display));
    g_assert_nonnull (strstr (error->message, "othing was changed"));
  }
  after = file_checksum (f->target_path);
  g_assert_cmpstr (before, ==, after);
}

/* Folders of decrypted bundles in the temporary folder. */
static guint
count_decrypted (void)
{
  /* This process's: other Beatbooks may be decrypting meanwhile. */
  g_autofree char *prefix = g_strdup_printf ("beatbook-bundle-%d-", (int) getpid ());
  g_autoptr(GDir) tmp = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (tmp)) != NULL)
    if (g_str_has_prefix (name, prefix))
      n++;
  return n;
}

/* The folder a Beatbook of process @pid would have decrypted a bundle
 * into, with a file in it. */
static char *
fake_decrypted (int pid)
{
  g_autofree char *name = g_strdup_printf ("beatbook-bundle-%d-test%u", pid, g_random_int ());
  char *folder = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autofree char *file = g_build_filename (folder, "left.beatbook-bundle", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (file, "decrypted", -1, NULL));
  return folder;
}

/* A copy left by a Beatbook killed while it applied an encrypted bundle
 * is removed the next time one is decrypted; a live one's stays. */
static void
test_orphaned_copies (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *orphan = NULL;
  g_autofree char *live = NULL;
  const char *argv[] = { "/bin/true", NULL };
  GPid pid;
  int status;

  write_sealed_bundle (f, 5);
  /* A process that has ended: its id is free. */
  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error));
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  orphan = fake_decrypted (pid);
  live = fake_decrypted (getpid ());
  {
    g_autoptr(BbStore) store = bb_store_open (f->target_path, &error);
    g_autoptr(BbBundleResult) result = NULL;

    g_assert_no_error (error);
    result = bb_bundle_apply_sealed (store, f->bundle_path, RIGHT, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_false (g_file_test (orphan, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_IS_DIR));
  rm_dir (live);
}

static void
test_bundle_round_trip (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint decrypted_before = count_decrypted ();
  g_autofree char *contents = NULL;
  gsize length;

  /* Enough incidents for several chunks of the stream. */
  write_sealed_bundle (f, 1500);
  g_assert_true (g_file_get_contents (f->bundle_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 108 + 65536 + 17);
  g_assert_null (g_strstr_len (contents, (gssize) length, "org.beatbook.Beatbook"));
  g_assert_null (g_strstr_len (contents, (gssize) length, "North"));

  assert_refused (f, NULL, BB_BUNDLE_ERROR_SEALED);
  assert_refused (f, OTHER, BB_BUNDLE_ERROR_WRONG_PASSPHRASE);
  assert_refused (f, "", BB_BUNDLE_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpint (target_incidents (f), ==, 0);

  {
    g_autoptr(BbStore) store = bb_store_open (f->target_path, &error);
    g_autoptr(BbBundleResult) result = NULL;
    g_autoptr(BbBundleResult) again = NULL;

    g_assert_no_error (error);
    result = bb_bundle_apply_sealed (store, f->bundle_path, RIGHT, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (result);
    g_assert_cmpstr (result->header->station_name, ==, "North");
    g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 1500);
    /* Applied once only, encrypted or not. */
    again = bb_bundle_apply_sealed (store, f->bundle_path, RIGHT, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (again->already_applied);
  }
  /* Nothing decrypted is left behind. */
  g_assert_cmpuint (count_decrypted (), ==, decrypted_before);
}

static void
test_bundle_tampered (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *original = NULL;
  gsize length;

  write_sealed_bundle (f, 1500);
  g_assert_true (g_file_get_contents (f->bundle_path, &original, &length, NULL));

  /* A byte changed in the middle, in the stream's header, in the salt. */
  for (gsize at = 0; at < 3; at++)
    {
      gsize offsets[] = { length / 2, 16 + 4 + 16 + 16 + 32 + 3, 16 + 4 + 2 };

      contents = g_memdup2 (original, length);
      contents[offsets[at]] ^= 0x01;
      g_assert_true (g_file_set_contents (f->bundle_path, contents, (gssize) length, NULL));
      g_clear_pointer (&contents, g_free);
      /* A changed salt derives another key: it reads as a wrong passphrase. */
      assert_refused (f, RIGHT, at == 2 ? BB_BUNDLE_ERROR_WRONG_PASSPHRASE : BB_BUNDLE_ERROR_DAMAGED);
    }
  /* Cut at a chunk's end, cut anywhere, a byte added at the end. */
  g_assert_cmpuint (length, >, 108 + 65536 + 17);
  g_assert_true (g_file_set_contents (f->bundle_path, original, 108 + 65536 + 17, NULL));
  assert_refused (f, RIGHT, BB_BUNDLE_ERROR_DAMAGED);
  g_assert_true (g_file_set_contents (f->bundle_path, original, (gssize) length - 5, NULL));
  assert_refused (f, RIGHT, BB_BUNDLE_ERROR_DAMAGED);
  g_assert_true (g_file_set_contents (f->bundle_path, original, 60, NULL));
  assert_refused (f, RIGHT, BB_BUNDLE_ERROR_TRUNCATED);
  contents = g_malloc (length + 1);
  memcpy (contents, original, length);
  contents[length] = 'x';
  g_assert_true (g_file_set_contents (f->bundle_path, contents, (gssize) length + 1, NULL));
  assert_refused (f, RIGHT, BB_BUNDLE_ERROR_DAMAGED);
  g_assert_cmpint (target_incidents (f), ==, 0);
}

static int
run_cli (int (*cli) (int, char **),
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "beatbook");
  va_start (ap, cli);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return cli ((int) args->len - 1, (char **) args->pdata);
}

/* The command line takes the passphrases from a file. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *right = g_build_filename (f->dir, "right.txt", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (right, RIGHT "\n", -1, NULL));
  g_assert_true (g_file_set_contents (wrong, OTHER "\n", -1, NULL));
  {
    g_autoptr(BbStore) store = bb_store_create (f->source_path, "North", &error);

    g_assert_no_error (error);
    add_incidents (store, 20);
    g_assert_true (bb_store_set_passphrase (store, NULL, RIGHT, &error));
  }
  {
    g_autoptr(BbStore) target = bb_store_create (f->target_path, "Headquarters", &error);

    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (bb_bundle_export_cli_run, "--export-bundle", f->bundle_path, "--quiet",
                            f->source_path, NULL), ==, 1);
  g_assert_false (g_file_test (f->bundle_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (bb_bundle_export_cli_run, "--export-bundle", f->bundle_path, "--quiet",
                            "--passphrase-file", wrong, f->source_path, NULL), ==, 1);
  g_assert_false (g_file_test (f->bundle_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (run_cli (bb_bundle_export_cli_run, "--export-bundle", f->bundle_path, "--quiet",
                            "--passphrase-file", right, f->source_path, NULL), ==, 0);
  g_assert_true (bb_bundle_is_sealed (f->bundle_path));

  before = file_checksum (f->target_path);
  g_assert_cmpint (run_cli (bb_bundle_import_cli_run, "--import-bundle", f->bundle_path, "--quiet",
                            f->target_path, NULL), ==, 1);
  g_assert_cmpint (run_cli (bb_bundle_import_cli_run, "--import-bundle", f->bundle_path, "--quiet",
                            "--passphrase-file", wrong, f->target_path, NULL), ==, 1);
  after = file_checksum (f->target_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (run_cli (bb_bundle_import_cli_run, "--import-bundle", f->bundle_path, "--quiet",
                            "--passphrase-file", right, f->target_path, NULL), ==, 0);
  g_assert_cmpint (target_incidents (f), ==, 20);
}

int
main (int   argc,
      char *argv[])
{
  /* A temporary directory of its own, set before GLib reads TMPDIR: tests
   * running beside this one leave bundles' scratch files in /tmp too, and
   * this one counts them. */
  char tmp[] = "/tmp/beatbook-passphrase-XXXXXX";
  int result;

  g_assert_nonnull (g_mkdtemp (tmp));
  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/passphrase/set-change-remove", Fixture, NULL, fixture_set_up, test_set_change_remove,
              fixture_tear_down);
  g_test_add ("/store/passphrase/bundle-round-trip", Fixture, NULL, fixture_set_up, test_bundle_round_trip,
              fixture_tear_down);
  g_test_add ("/store/passphrase/bundle-tampered", Fixture, NULL, fixture_set_up, test_bundle_tampered,
              fixture_tear_down);
  g_test_add ("/store/passphrase/orphaned-copies", Fixture, NULL, fixture_set_up, test_orphaned_copies,
              fixture_tear_down);
  g_test_add ("/store/passphrase/command-line", Fixture, NULL, fixture_set_up, test_command_line, fixture_tear_down);
  result = g_test_run ();
  g_rmdir (tmp);
  return result;
}
