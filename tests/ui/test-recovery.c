/* test-recovery.c: the window backs stations up on its schedule and offers the newest backup of a damaged one */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recovery"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <adwaita.h>

#include "bb-application.h"
#include "bb-bundle.h"
#include "bb-bundle-dialog.h"
#include "bb-preferences-window.h"
#include "bb-store-backup.h"
#include "bb-store-private.h"
#include "bb-window.h"
#include "ui-test-util.h"

static BbApplication *app;
static char *tmp_dir;

/* A screenshot of a widget that may go away meanwhile (held by the
 * caller): FALSE when it went before it was drawn. */
static gboolean
try_screenshot (GtkWidget  *widget,
                const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strdup_printf ("screenshot-%s.png", name);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ui", file, NULL);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkNative *native = gtk_widget_get_native (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || native == NULL || width == 0)
    return FALSE;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return TRUE;
}

static AdwMessageDialog *
find_dialog (BbWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel)
          && gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window)
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return find_dialog (data) != NULL;
}

static gboolean
has_store (gpointer data)
{
  return bb_window_get_store (data) != NULL;
}

static gboolean
has_wrong_passphrase_dialog (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog (data);

  return dialog != NULL && strstr (adw_message_dialog_get_body (dialog), "not the station’s passphrase") != NULL;
}

static BbWindow *
new_window (void)
{
  BbWindow *window = bb_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1024, 600);
  gtk_window_present (GTK_WINDOW (window));
  run_for (200);
  return window;
}

static char *
make_station (const char *name,
              guint       n_incidents)
{
  char *path = g_build_filename (tmp_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_create (path, "Lakeside", &error);
  g_autoptr(BbCategory) category = NULL;

  g_assert_no_error (error);
  category = bb_store_category_get_by_code (store, "theft.bicycle", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_incidents; i++)
    {
      g_autoptr(BbIncident) incident = bb_incident_new ();

      incident->category_id = g_strdup (category->id);
      incident->occurred_start = 1700000000 + i * 3600;
      incident->description = g_strdup_printf ("Bicycle taken from outside the clinic, case %u", i);
      g_assert_true (bb_store_incident_insert (store, incident, &error));
    }
  return path;
}

/* Garbles every third page but the first (the header), or with
 * @incidents_only only the leaves of the incident table, so that the
 * station's structure stays sound and only the check of every page
 * finds the damage. */
static void
garble_pages (const char *path,
              gboolean    incidents_only)
{
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) pages = g_hash_table_new (NULL, NULL);
  gsize length;

  if (incidents_only)
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pageno FROM dbstat WHERE name = 'incident'"
                                               " AND pagetype = 'leaf'", -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_hash_table_add (pages, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0) - 1));
      sqlite3_finalize (stmt);
      sqlite3_close (db);
      g_assert_cmpuint (g_hash_table_size (pages), >, 3);
    }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 4096; i < length - 4096; i++)
    if (incidents_only ? g_hash_table_contains (pages, GSIZE_TO_POINTER (i / 4096)) : (i / 4096) % 3 == 1)
      contents[i] = (char) (0xA5 ^ (i * 31));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

typedef struct {
  const char *path;
  guint       n;
} BackupCount;

static gboolean
has_backups (gpointer data)
{
  BackupCount *count = data;
  g_autoptr(GPtrArray) list = bb_store_backup_list (count->path);

  return list->len >= count->n;
}

/* A station is backed up when it opens (it has no backup yet), and again
 * when asked in Preferences. */
static void
test_scheduled_backup (void)
{
  g_autofree char *path = make_station ("Lakeside.beatbook", 30);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = bb_store_open (path, &error);
  g_autoptr(GSettings) settings = g_settings_new ("org.beatbook.Beatbook");
  g_autoptr(GPtrArray) list = NULL;
  BackupCount count = { path, 1 };
  BbWindow *window;
  GtkWindow *preferences;

  g_assert_no_error (error);
  g_settings_set_uint (settings, "backup-keep", 5);
  g_settings_set_uint (settings, "backup-interval-hours", 24);
  window = new_window ();
  g_assert_cmpuint (bb_backup_schedule_get_interval (bb_window_get_backup_schedule (window)), ==, 24 * 3600);
  g_assert_cmpuint (bb_backup_schedule_get_keep (bb_window_get_backup_schedule (window)), ==, 5);
  bb_window_set_store (window, store);
  g_assert_true (run_until (has_backups, &count, 20));

  /* Preferences show the folder and back up on demand. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  run_for (300);
  preferences = NULL;
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (BB_IS_PREFERENCES_WINDOW (toplevel))
          preferences = toplevel;
      }
  }
  g_assert_nonnull (preferences);
  count.n = 2;
  gtk_window_set_default_size (preferences, 600, 1000);
  save_screenshot (GTK_WIDGET (preferences), "preferences-backups");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.back-up-now", NULL));
  g_assert_true (run_until (has_backups, &count, 20));
  gtk_window_destroy (preferences);

  /* Keeping fewer removes the oldest at once. */
  g_settings_set_uint (settings, "backup-keep", 1);
  run_for (100);
  list = bb_store_backup_list (path);
  g_assert_cmpuint (list->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "backup-keep");
}

/* A station found damaged as it opens: the window offers its newest
 * backup, and opens it in its place. */
static void
test_damaged_at_open (void)
{
  g_autofree char *path = make_station ("Quarry.beatbook", 300);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  AdwMessageDialog *dialog;
  BbWindow *window;

  {
    g_autoptr(BbStore) store = bb_store_open (path, &error);

    g_assert_no_error (error);
    backup = bb_store_backup_now (store, 7, &error);
    g_assert_no_error (error);
  }
  garble_pages (path, FALSE);

  window = new_window ();
  bb_window_open_file (window, file);
  g_assert_true (run_until (has_dialog, window, 20));
  dialog = find_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Quarry.beatbook"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "damaged"));
  g_assert_true (adw_message_dialog_has_response (dialog, "open-backup"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "open-backup");
  g_assert_null (bb_window_get_store (window));
  save_screenshot (GTK_WIDGET (dialog), "damaged-station");

  adw_message_dialog_response (dialog, "open-backup");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (run_until (has_store, window, 20));
  g_assert_cmpint (bb_store_count (bb_window_get_store (window), "incident", NULL), ==, 300);
  g_assert_cmpstr (bb_store_get_path (bb_window_get_store (window)), ==, path);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A large station whose damage the check after opening finds. */
static void
test_damaged_after_open (void)
{
  g_autofree char *path = make_station ("Harbour.beatbook", 2000);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  gint64 limit = bb_store_full_check_limit;
  AdwMessageDialog *dialog;
  BbWindow *window;

  garble_pages (path, TRUE);
  bb_store_full_check_limit = 0;
  store = bb_store_open (path, &error);
  bb_store_full_check_limit = limit;
  g_assert_no_error (error);
  window = new_window ();
  bb_window_set_store (window, store);
  g_assert_true (run_until (has_dialog, window, 20));
  dialog = find_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Harbour.beatbook"));
  /* No backup to offer: the dialog says so and only closes. */
  g_assert_false (adw_message_dialog_has_response (dialog, "open-backup"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "no automatic backup"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
tampering_told (gpointer data)
{
  BbStore *store = bb_window_get_store (data);

  return store != NULL && g_object_get_data (G_OBJECT (store), "bb-tampering-told") != NULL;
}

/* A button on screen labelled @label. */
static gboolean
button_is (GtkWidget     *widget,
           gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0
         && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  return find_widget_where (widget, button_is, label);
}

/* A station whose audit log was edited with another program: the window
 * says so in a toast that stays, whose Details name the line. */
static void
test_tampered_audit_log (void)
{
  g_autofree char *path = make_station ("Mill.beatbook", 40);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  GtkWidget *details;
  BbWindow *window;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_log_no_update;"
                                     "UPDATE audit_log SET user_name = 'Nobody' WHERE seq = 12", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  window = new_window ();
  bb_window_open_file (window, file);
  g_assert_true (run_until (tampering_told, window, 20));
  details = find_button (GTK_WIDGET (window), "_Details");
  g_assert_nonnull (details);
  run_for (500);
  save_screenshot (GTK_WIDGET (window), "audit-log-tampered");
  gtk_widget_activate (details);
  g_assert_true (run_until (has_dialog, window, 5));
  dialog = find_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Mill.beatbook"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "line 12 was edited"));
  save_screenshot (GTK_WIDGET (dialog), "audit-log-tampered-details");
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_password_entry (GtkWidget *widget,
                     guint      nth)
{
  guint seen = 0;
  GtkWidget *stack[64];
  guint n = 0;

  stack[n++] = widget;
  /* Depth first, in order: the nth entry as the user sees them. */
  while (n > 0)
    {
      GtkWidget *w = stack[--n];
      GtkWidget *children[64];
      guint k = 0;

      if (GTK_IS_ENTRY (w) && seen++ == nth)
        return w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL && k < 64; c = gtk_widget_get_next_sibling (c))
        children[k++] = c;
      while (k > 0 && n < 64)
        stack[n++] = children[--k];
    }
  return NULL;
}

static void
answer (AdwMessageDialog   *dialog,
        const char * const *texts,
        const char         *response)
{
  for (guint i = 0; texts[i] != NULL; i++)
    {
      GtkWidget *entry = find_password_entry (GTK_WIDGET (dialog), i);

      g_assert_nonnull (entry);
      gtk_editable_set_text (GTK_EDITABLE (entry), texts[i]);
    }
  adw_message_dialog_response (dialog, response);
  /* As its buttons do: closed, and gone once the main loop runs. */
  gtk_window_close (GTK_WINDOW (dialog));
  run_for (100);
}

/* A station with a passphrase opens only with it; Preferences remove it. */
static void
test_passphrase (void)
{
  g_autofree char *path = make_station ("Ferry.beatbook", 20);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWindow *preferences = NULL;
  BbWindow *window;
  gboolean shot = FALSE;

  {
    g_autoptr(BbStore) store = bb_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (store, NULL, "ferry to the old mill", &error));
  }
  window = new_window ();
  bb_window_open_file (window, file);
  g_assert_true (run_until (has_dialog, window, 20));
  dialog = find_dialog (window);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Ferry.beatbook"));
  g_assert_null (bb_window_get_store (window));
  /* The passphrase is checked on a thread: as the answer is given, the
   * window shows the check under way and nothing is decided yet; the
   * main loop goes on until the check ends.  (Wrong answers again until
   * the check is still running when its dialog is drawn.) */
  for (guint attempt = 0; attempt < 8 && !shot; attempt++)
    {
      AdwMessageDialog *checking;

      gtk_editable_set_text (GTK_EDITABLE (find_password_entry (GTK_WIDGET (dialog), 0)), "not the one");
      adw_message_dialog_response (dialog, "accept");
      gtk_window_close (GTK_WINDOW (dialog));
      checking = find_dialog (window);
      g_assert_nonnull (checking);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (checking), "Checking the passphrase"));
      g_assert_true (GTK_IS_SPINNER (adw_message_dialog_get_extra_child (checking)));
      g_assert_null (bb_window_get_store (window));
      /* Held: the check may end, and close it, while it is drawn. */
      g_object_ref (checking);
      for (guint i = 0; i < 20 && gtk_widget_get_visible (GTK_WIDGET (checking))
                        && gtk_widget_get_width (GTK_WIDGET (checking)) == 0; i++)
        run_for (10);
      if (gtk_widget_get_visible (GTK_WIDGET (checking)))
        shot = try_screenshot (GTK_WIDGET (checking), "passphrase-checking");
      g_object_unref (checking);
      g_assert_true (run_until (has_wrong_passphrase_dialog, window, 20));
      dialog = find_dialog (window);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not the station’s passphrase"));
    }
  g_assert_null (bb_window_get_store (window));
  gtk_editable_set_text (GTK_EDITABLE (find_password_entry (GTK_WIDGET (dialog), 0)), "secret");
  save_screenshot (GTK_WIDGET (dialog), "passphrase-wrong");
  answer (dialog, (const char *[]) { "ferry to the old mill", NULL }, "accept");
  g_assert_true (run_until (has_store, window, 20));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  run_for (300);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (BB_IS_PREFERENCES_WINDOW (toplevel))
          preferences = toplevel;
      }
  }
  g_assert_nonnull (preferences);
  gtk_window_set_default_size (preferences, 600, 900);
  save_screenshot (GTK_WIDGET (preferences), "preferences-passphrase");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.remove-passphrase", NULL));
  run_for (300);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    dialog = NULL;
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == preferences)
          dialog = ADW_MESSAGE_DIALOG (toplevel);
      }
  }
  g_assert_nonnull (dialog);
  save_screenshot (GTK_WIDGET (dialog), "passphrase-remove");
  answer (dialog, (const char *[]) { "ferry to the old mill", NULL }, "accept");
  g_assert_false (bb_store_has_passphrase (bb_window_get_store (window)));
  gtk_window_destroy (preferences);
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwMessageDialog *
find_dialog_over (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_window_get_transient_for (toplevel) == parent
          && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
has_dialog_over (gpointer data)
{
  return find_dialog_over (data) != NULL;
}

static gboolean
bundle_read (gpointer data)
{
  return g_strcmp0 (bb_bundle_dialog_get_step (data), "reading") != 0;
}

static gboolean
bundle_done (gpointer data)
{
  return g_strcmp0 (bb_bundle_dialog_get_step (data), "result") == 0;
}

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

/* An encrypted bundle: the import asks for its passphrase, refuses a
 * wrong one saying so, and imports with the right one, leaving no
 * decrypted copy behind. */
static void
test_encrypted_bundle (void)
{
  g_autofree char *source = make_station ("Pier.beatbook", 25);
  g_autofree char *target = g_build_filename (tmp_dir, "Headquarters.beatbook", NULL);
  g_autofree char *bundle = g_build_filename (tmp_dir, "Pier" BB_BUNDLE_SUFFIX, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) store = NULL;
  const char *paths[] = { bundle, NULL };
  AdwMessageDialog *prompt;
  BbBundleDialog *dialog;
  BbWindow *window;
  guint decrypted_before = count_decrypted ();

  {
    g_autoptr(BbStore) pier = bb_store_open (source, &error);
    g_autoptr(BbBundleHeader) header = NULL;

    g_assert_no_error (error);
    g_assert_true (bb_store_set_passphrase (pier, NULL, "pier and lantern", &error));
    header = bb_bundle_export (pier, bundle, NULL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (bb_bundle_is_sealed (bundle));
  store = bb_store_create (target, "Headquarters", &error);
  g_assert_no_error (error);
  window = new_window ();
  bb_window_set_store (window, store);

  dialog = bb_bundle_dialog_new (GTK_WINDOW (window), store, paths);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (run_until (has_dialog_over, dialog, 10));
  prompt = find_dialog_over (GTK_WINDOW (dialog));
  save_screenshot (GTK_WIDGET (prompt), "bundle-passphrase");
  answer (prompt, (const char *[]) { "not this one", NULL }, "accept");
  g_assert_true (run_until (bundle_read, dialog, 20));
  g_assert_cmpstr (bb_bundle_dialog_get_step (dialog), ==, "error");
  save_screenshot (GTK_WIDGET (dialog), "bundle-passphrase-wrong");
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = bb_bundle_dialog_new (GTK_WINDOW (window), store, paths);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (run_until (has_dialog_over, dialog, 10));
  answer (find_dialog_over (GTK_WINDOW (dialog)), (const char *[]) { "pier and lantern", NULL }, "accept");
  g_assert_true (run_until (bundle_read, dialog, 20));
  g_assert_cmpstr (bb_bundle_dialog_get_step (dialog), ==, "preview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.import", NULL));
  g_assert_true (run_until (bundle_done, dialog, 20));
  g_assert_cmpint (bb_store_count (store, "incident", NULL), ==, 25);
  g_assert_cmpuint (count_decrypted (), ==, decrypted_before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  tmp_dir = ui_test_setup_environment ("beatbook-recovery-XXXXXX");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = ui_test_application_new ();

  g_test_add_func ("/ui/recovery/scheduled-backup", test_scheduled_backup);
  g_test_add_func ("/ui/recovery/damaged-at-open", test_damaged_at_open);
  g_test_add_func ("/ui/recovery/damaged-after-open", test_damaged_after_open);
  g_test_add_func ("/ui/recovery/tampered-audit-log", test_tampered_audit_log);
  g_test_add_func ("/ui/recovery/passphrase", test_passphrase);
  g_test_add_func ("/ui/recovery/encrypted-bundle", test_encrypted_bundle);

  result = g_test_run ();

  g_clear_object (&app);
  return result;
}
