/* bb-bundle-dialog.c: importing bundles: what each holds and would change, the import, what it did */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-bundle-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "bb-bundle-dialog.h"
#include "bb-passphrase-prompt.h"
#include "bb-bundle.h"
#include "bb-conflicts-window.h"
#include "bb-sync.h"

/* Bundles up to this size are applied once and taken back to show what
 * they would change; larger ones show what they hold. */
#define DRY_RUN_LIMIT 100000

typedef struct {
  char           *path;
  char           *plain_path;  /* an encrypted bundle decrypted, in a private folder */
  BbBundleHeader *header;     /* NULL when the bundle was refused */
  BbBundleResult *preview;    /* the dry run, or NULL */
  GError         *error;      /* why it cannot be imported */
  BbBundleResult *result;     /* after the import */
  GError         *apply_error;
} Entry;

struct _BbBundleDialog
{
  AdwWindow            parent_instance;

  BbStore             *store;
  GPtrArray           *entries;
  char                *passphrase;     /* of encrypted bundles, as the user gave it */
  GCancellable        *cancellable;
  guint                applying;       /* index of the entry being applied */
  GPtrArray           *rows;           /* rows added to the groups */

  AdwWindowTitle      *window_title;
  GtkWidget           *cancel_button;
  GtkWidget           *import_button;
  GtkWidget           *close_button;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *bundles_group;
  AdwStatusPage       *busy_page;
  GtkProgressBar      *progress_bar;
  GtkImage            *result_icon;
  GtkLabel            *result_title;
  GtkLabel            *result_label;
  GtkWidget           *conflicts_button;
  AdwPreferencesGroup *results_group;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (BbBundleDialog, bb_bundle_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_free (Entry *e)
{
  g_free (e->path);
  if (e->plain_path != NULL)
    bb_bundle_unsealed_remove (e->plain_path);
  g_free (e->plain_path);
  g_clear_pointer (&e->header, bb_bundle_header_free);
  g_clear_pointer (&e->preview, bb_bundle_result_free);
  g_clear_error (&e->error);
  g_clear_pointer (&e->result, bb_bundle_result_free);
  g_clear_error (&e->apply_error);
  g_free (e);
}

static gboolean
entry_can_apply (const Entry *e)
{
  return e->error == NULL && (e->preview == NULL || !e->preview->already_applied);
}

/* Plural names of what bundles carry, for people. */
static const char *
table_title (const char *table)
{
  static const struct { const char *table; const char *title; } titles[] = {
    { "station", N_("Stations") },
    { "category", N_("Categories") },
    { "district", N_("Districts") },
    { "officer", N_("Officers") },
    { "partner", N_("Partners") },
    { "advisory_member", N_("Advisory group members") },
    { "incident", N_("Incidents and concerns") },
    { "problem", N_("Problems") },
    { "response", N_("Responses") },
    { "task", N_("Tasks") },
    { "plan", N_("Safety plans") },
    { "event", N_("Meetings and events") },
    { "concern", N_("Concerns raised at meetings") },
    { "survey", N_("Surveys") },
    { "survey_response", N_("Survey responses") },
    { "document", N_("Saved documents") },
    { "geo_layer", N_("Map layers") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_str_equal (titles[i].table, table))
      return _(titles[i].title);
  return NULL;
}

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) t = us > 0 ? g_date_time_new_from_unix_local (us / G_USEC_PER_SEC) : NULL;

  /* Translators: a day and a time, e.g. "3 May 2024, 14:05" */
  return t != NULL ? g_date_time_format (t, _("%-d %B %Y, %H:%M")) : g_strdup (_("unknown"));
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}

static void
clear_rows (BbBundleDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP));

      if (group != NULL)
        adw_preferences_group_remove (group, row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
info_row (const char *title,
          const char *value,
          const char *icon)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (icon != NULL)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icon);

      if (g_str_has_prefix (icon, "dialog-warning"))
        gtk_widget_add_css_class (image, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), image);
    }
  return row;
}

static void
add_row (BbBundleDialog      *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static char *
entry_title (const Entry *e)
{
  g_autofree char *base = g_path_get_basename (e->path);

  if (e->header == NULL)
    return g_strdup (base);
  /* Translators: where a bundle comes from: a station's name */
  return g_strdup_printf (_("From %s"), e->header->station_name);
}

static char *
entry_subtitle (const Entry *e)
{
  g_autofree char *records = NULL;
  g_autofree char *deleted = NULL;
  const BbBundleHeader *h = e->header;

  if (h == NULL)
    return g_path_get_basename (e->path);
  records = format_count (bb_bundle_header_count_records (h));
  deleted = format_count (bb_bundle_header_count_deleted (h));
  if (h->to_id == NULL)
    /* Translators: a bundle with everything its station holds: how many records and deletions */
    return g_strdup_printf (_("Everything, for any station · %s records, %s deletions"), records, deleted);
  /* Translators: the bundle's number, how many records and deletions it carries */
  return g_strdup_printf (_("Bundle %u for this station · %s records, %s deletions"), h->sequence, records, deleted);
}

/* The rows that tell what one bundle holds and would do. */
static void
add_entry_details (BbBundleDialog *self,
                   GtkWidget      *expander,
                   const Entry    *e)
{
  const BbBundleHeader *h = e->header;
  GtkWidget *row;

  if (e->error != NULL)
    {
      row = info_row (e->error->message, NULL, "dialog-warning-symbolic");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      return;
    }
  if (e->preview != NULL && e->preview->already_applied)
    {
      g_autofree char *when = format_time (e->preview->applied_at);
      g_autofree char *text = g_strdup_printf (_("Already imported on %s: nothing will change"), when);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), info_row (text, NULL, "emblem-ok-symbolic"));
    }
  else if (e->preview != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Adds %'llu, changes %'llu, deletes %'llu records here"),
                                               (unsigned long long) e->preview->added,
                                               (unsigned long long) e->preview->changed,
                                               (unsigned long long) e->preview->deleted);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), info_row (text, NULL, "document-edit-symbolic"));
      if (e->preview->conflicts > 0)
        {
          g_autofree char *conflicts = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "%llu record was changed here too: see the conflicts after the import",
                         "%llu records were changed here too: see the conflicts after the import",
                         e->preview->conflicts), (unsigned long long) e->preview->conflicts);

          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), info_row (conflicts, NULL, "dialog-warning-symbolic"));
        }
      for (guint i = 0; i < e->preview->notes->len; i++)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  info_row (g_ptr_array_index (e->preview->notes, i), NULL, "dialog-information-symbolic"));
    }
  if (h->restricted_included)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                              info_row (_("Holds restricted incidents, sent to headquarters on purpose"), NULL,
                                        "dialog-warning-symbolic"));
  {
    g_autofree char *first = format_time (h->first_change);
    g_autofree char *last = format_time (h->last_change);
    g_autofree char *range = g_strdup_printf (_("%s to %s"), first, last);

    if (h->first_change > 0)
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), info_row (_("Changes made"), range, NULL));
  }
  for (guint i = 0; i < h->counts->len; i++)
    {
      const BbBundleCount *c = g_ptr_array_index (h->counts, i);
      const char *title = table_title (c->table);
      g_autofree char *value = NULL;

      if (title == NULL || (c->records == 0 && c->deleted == 0))
        continue;
      if (c->deleted > 0)
        /* Translators: records of one kind in a bundle, and how many of them were deleted */
        value = g_strdup_printf (_("%'llu, %'llu deleted"), (unsigned long long) c->records,
                                 (unsigned long long) c->deleted);
      else
        value = format_count (c->records);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), info_row (title, value, NULL));
    }
}

static void
show_step (BbBundleDialog *self,
           const char     *step)
{
  gboolean preview = g_str_equal (step, "preview");
  gboolean busy = g_str_equal (step, "busy") || g_str_equal (step, "reading");
  gboolean done = g_str_equal (step, "result") || g_str_equal (step, "error");
  gboolean any = FALSE;

  for (guint i = 0; i < self->entries->len; i++)
    any |= entry_can_apply (g_ptr_array_index (self->entries, i));
  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (step, "reading"));
  gtk_widget_set_visible (self->import_button, preview);
  gtk_widget_set_visible (self->cancel_button, preview || busy);
  gtk_widget_set_visible (self->close_button, done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.import", preview && any);
  if (preview)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->import_button);
  else if (done)
    gtk_window_set_default_widget (GTK_WINDOW (self), self->close_button);
}

static void
show_preview (BbBundleDialog *self)
{
  guint refused = 0;

  clear_rows (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = g_ptr_array_index (self->entries, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *title = entry_title (e);
      g_autofree char *subtitle = entry_subtitle (e);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      if (e->error != NULL)
        {
          adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          refused++;
        }
      add_entry_details (self, expander, e);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), self->entries->len == 1 || e->error != NULL);
      add_row (self, self->bundles_group, expander);
    }
  adw_preferences_group_set_title (self->bundles_group,
                                   self->entries->len == 1 ? _("The Bundle") : _("The Bundles, in the Order They Are Imported"));

  if (refused == self->entries->len && self->entries->len == 1)
    {
      const Entry *e = g_ptr_array_index (self->entries, 0);

      adw_status_page_set_description (self->error_page, e->error->message);
      show_step (self, "error");
      return;
    }
  show_step (self, "preview");
}

/* Reading the bundles on a thread ------------------------------------------- */

/* Removes the decrypted copies of encrypted bundles; an import under way
 * keeps its file open, so it reads on to the end. */
static void
remove_decrypted (BbBundleDialog *self)
{
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (self->entries, i);

      if (e->plain_path != NULL)
        bb_bundle_unsealed_remove (e->plain_path);
      g_clear_pointer (&e->plain_path, g_free);
    }
}

static const char *
entry_path (const Entry *e)
{
  return e->plain_path != NULL ? e->plain_path : e->path;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  BbBundleDialog *self = source_object;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = g_ptr_array_index (self->entries, i);

      /* Encrypted bundles are read and applied from a decrypted copy;
       * without the passphrase they are refused, saying why. */
      if (self->passphrase != NULL && bb_bundle_is_sealed (e->path))
        {
          e->plain_path = bb_bundle_unseal (e->path, self->passphrase, &e->error);
          if (e->plain_path == NULL)
            continue;
        }
      e->header = bb_bundle_read_header (entry_path (e), cancellable, &e->error);
      if (e->header == NULL)
        continue;
      if (bb_bundle_header_count_records (e->header) <= DRY_RUN_LIMIT)
        {
          e->preview = bb_bundle_apply (self->store, entry_path (e), TRUE, cancellable, NULL, NULL, &e->error);
          /* A bundle that waits for an earlier one may still come in after
           * it, in the same import. */
          if (g_error_matches (e->error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER) && self->entries->len > 1)
            g_clear_error (&e->error);
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  BbBundleDialog *self = BB_BUNDLE_DIALOG (object);

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->stack == NULL)
    return;
  show_preview (self);
}

/* Importing, one bundle after the other ------------------------------------------- */

static void apply_next (BbBundleDialog *self);

static void
progress_cb (double   fraction,
             gpointer data)
{
  BbBundleDialog *self = data;
  double total = (self->applying + fraction) / MAX (1, self->entries->len);
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (total * 100.0 + 0.5));

  if (self->progress_bar == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, total);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
show_result (BbBundleDialog *self)
{
  guint64 added = 0, changed = 0, deleted = 0;
  guint applied = 0, failed = 0;
  gint64 open;
  g_autofree char *summary = NULL;
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);

  clear_rows (self);
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *e = g_ptr_array_index (self->entries, i);
      g_autofree char *title = entry_title (e);
      GtkWidget *row;

      if (e->result != NULL && !e->result->already_applied)
        {
          g_autofree char *text = g_strdup_printf (_("%'llu added, %'llu changed, %'llu deleted, %'llu conflicts"),
                                                   (unsigned long long) e->result->added, (unsigned long long) e->result->changed,
                                                   (unsigned long long) e->result->deleted, (unsigned long long) e->result->conflicts);

          added += e->result->added;
          changed += e->result->changed;
          deleted += e->result->deleted;
          applied++;
          row = info_row (title, text, "emblem-ok-symbolic");
          add_row (self, self->results_group, row);
          for (guint n = 0; n < e->result->notes->len; n++)
            add_row (self, self->results_group,
                     info_row (g_ptr_array_index (e->result->notes, n), NULL, "dialog-information-symbolic"));
        }
      else if (e->result != NULL)
        add_row (self, self->results_group, info_row (title, _("Already imported"), "emblem-ok-symbolic"));
      else if (e->apply_error != NULL || e->error != NULL)
        {
          const GError *why = e->apply_error != NULL ? e->apply_error : e->error;

          failed++;
          row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), why->message);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
          add_row (self, self->results_group, row);
        }
    }

  open = bb_sync_count_open_conflicts (self->store, NULL);
  if (applied == 0 && (failed > 0 || cancelled))
    {
      gtk_image_set_from_icon_name (self->result_icon, "dialog-warning-symbolic");
      gtk_label_set_label (self->result_title, cancelled ? _("Import Cancelled") : _("Nothing Was Imported"));
      summary = g_strdup (_("The station was not changed."));
    }
  else
    {
      g_autofree char *counts = g_strdup_printf (_("%'llu records added, %'llu changed and %'llu deleted."),
                                                 (unsigned long long) added, (unsigned long long) changed, (unsigned long long) deleted);

      if (open > 0)
        {
          /* Translators: after the counts of an import: how many conflicts wait for the user */
          g_autofree char *review = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%lld conflict waits for review: the same record was changed here and there.",
                                                                  "%lld conflicts wait for review: the same records were changed here and there.",
                                                                  open), (long long) open);

          summary = g_strconcat (counts, " ", review, NULL);
        }
      else
        summary = g_steal_pointer (&counts);
      gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
      gtk_label_set_label (self->result_title, applied == 1 ? _("Bundle Imported")
                                                            : applied == 0 ? _("Nothing New") : _("Bundles Imported"));
    }
  gtk_label_set_label (self->result_label, summary);
  gtk_widget_set_visible (self->conflicts_button, open > 0);
  show_step (self, "result");
  if (applied > 0)
    g_signal_emit (self, signals[IMPORTED], 0, added + changed + deleted);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(BbBundleDialog) self = user_data;
  Entry *e;

  if (self->stack == NULL)
    return;
  e = g_ptr_array_index (self->entries, self->applying);
  e->result = bb_bundle_apply_finish (BB_STORE (object), result, &e->apply_error);
  if (e->plain_path != NULL)
    bb_bundle_unsealed_remove (e->plain_path);
  g_clear_pointer (&e->plain_path, g_free);
  self->applying++;
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      show_result (self);
      return;
    }
  apply_next (self);
}

static void
apply_next (BbBundleDialog *self)
{
  while (self->applying < self->entries->len
         && !entry_can_apply (g_ptr_array_index (self->entries, self->applying)))
    self->applying++;
  if (self->applying >= self->entries->len)
    {
      show_result (self);
      return;
    }
  bb_bundle_apply_async (self->store, entry_path (g_ptr_array_index (self->entries, self->applying)), FALSE,
                         self->cancellable, progress_cb, g_object_ref (self), g_object_unref,
                         applied_cb, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbBundleDialog *self = BB_BUNDLE_DIALOG (widget);

  self->applying = 0;
  progress_cb (0.0, self);
  show_step (self, "busy");
  apply_next (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbBundleDialog *self = BB_BUNDLE_DIALOG (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "busy"))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  BbBundleDialog *self = BB_BUNDLE_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_window_present (GTK_WINDOW (bb_conflicts_window_new (parent, self->store)));
  gtk_window_close (GTK_WINDOW (self));
}

/* GObject -------------------------------------------------------------------- */

static gboolean
bb_bundle_dialog_close_request (GtkWindow *window)
{
  /* Decrypted copies go as the window closes, not whenever it is
   * finalized (perhaps never, if Beatbook quits first). */
  remove_decrypted (BB_BUNDLE_DIALOG (window));
  return GTK_WINDOW_CLASS (bb_bundle_dialog_parent_class)->close_request (window);
}

static void
bb_bundle_dialog_dispose (GObject *object)
{
  BbBundleDialog *self = BB_BUNDLE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  remove_decrypted (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_BUNDLE_DIALOG);

  G_OBJECT_CLASS (bb_bundle_dialog_parent_class)->dispose (object);
}

static void
bb_bundle_dialog_finalize (GObject *object)
{
  BbBundleDialog *self = BB_BUNDLE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  if (self->passphrase != NULL)
    memset (self->passphrase, 0, strlen (self->passphrase));
  g_clear_pointer (&self->passphrase, g_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_bundle_dialog_parent_class)->finalize (object);
}

static void
bb_bundle_dialog_class_init (BbBundleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_bundle_dialog_dispose;
  object_class->finalize = bb_bundle_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = bb_bundle_dialog_close_request;

  /**
   * BbBundleDialog::imported:
   * @count: the records added, changed and deleted
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-bundle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, bundles_group);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, results_group);
  gtk_widget_class_bind_template_child (widget_class, BbBundleDialog, error_page);

  gtk_widget_class_install_action (widget_class, "bundle.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "bundle.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "bundle.conflicts", NULL, conflicts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "bundle.cancel", NULL);
}

static void
bb_bundle_dialog_init (BbBundleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->rows = g_ptr_array_new ();
}

static void
start_reading (BbBundleDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, read_done_cb, NULL);

  g_task_set_source_tag (task, bb_bundle_dialog_new);
  g_task_run_in_thread (task, read_thread);
}

static void
passphrase_given_cb (const char *passphrase,
                     gpointer    user_data)
{
  g_autoptr(BbBundleDialog) self = user_data;

  if (self->stack == NULL)
    return;
  self->passphrase = g_strdup (passphrase);
  start_reading (self);
}

static gboolean
ask_passphrase_cb (gpointer data)
{
  BbBundleDialog *self = data;

  if (self->stack != NULL)
    bb_passphrase_prompt_ask (GTK_WINDOW (self), _("Encrypted Bundle"),
                              _("The bundle is encrypted with the passphrase of the station that wrote it. Give "
                                "that passphrase to import it."),
                              passphrase_given_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

BbBundleDialog *
bb_bundle_dialog_new (GtkWindow          *parent,
                      BbStore            *store,
                      const char * const *paths)
{
  BbBundleDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  self = g_object_new (BB_TYPE_BUNDLE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      Entry *e = g_new0 (Entry, 1);

      e->path = g_strdup (paths[i]);
      g_ptr_array_add (self->entries, e);
    }
  if (self->entries->len > 1)
    {
      /* Translators: how many bundles an import takes, from the inbox */
      g_autofree char *subtitle = g_strdup_printf (_("%u bundles from the inbox"), self->entries->len);

      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    {
      g_autofree char *base = g_path_get_basename (paths[0]);

      adw_window_title_set_subtitle (self->window_title, base);
    }
  show_step (self, "reading");

  /* Encrypted bundles: their station's passphrase first. */
  for (guint i = 0; i < self->entries->len; i++)
    if (bb_bundle_is_sealed (((Entry *) g_ptr_array_index (self->entries, i))->path))
      {
        /* Over this dialog, once it is shown. */
        g_idle_add_full (G_PRIORITY_DEFAULT, ask_passphrase_cb, g_object_ref (self), g_object_unref);
        return self;
      }
  start_reading (self);
  return self;
}

const char *
bb_bundle_dialog_get_step (BbBundleDialog *self)
{
  g_return_val_if_fail (BB_IS_BUNDLE_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
