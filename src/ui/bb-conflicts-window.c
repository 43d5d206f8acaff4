/* bb-conflicts-window.c: the changes that lost to another station's, to review and take back */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-conflicts-window"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-conflict-item.h"
#include "bb-conflict-row.h"
#include "bb-conflicts-window.h"
#include "bb-sync.h"

struct _BbConflictsWindow
{
  AdwWindow        parent_instance;

  BbStore         *store;
  GListStore      *conflicts;

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkToggleButton *settled_button;
  GtkStack        *stack;
  GtkListView     *list_view;
};

G_DEFINE_FINAL_TYPE (BbConflictsWindow, bb_conflicts_window, ADW_TYPE_WINDOW)

static void
toast (BbConflictsWindow *self,
       const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

void
bb_conflicts_window_reload (BbConflictsWindow *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  guint n_open = 0;

  g_return_if_fail (BB_IS_CONFLICTS_WINDOW (self));

  list = bb_sync_list_conflicts (self->store, gtk_toggle_button_get_active (self->settled_button), &error);
  g_list_store_remove_all (self->conflicts);
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  {
    gsize n = 0;
    g_autofree gpointer *taken = g_ptr_array_steal (list, &n);

    for (gsize i = 0; i < n; i++)
      {
        BbSyncConflict *c = taken[i];
        g_autoptr(BbConflictItem) item = NULL;

        if (c->state == BB_SYNC_CONFLICT_OPEN)
          n_open++;
        item = bb_conflict_item_new (c);
        g_list_store_append (self->conflicts, item);
      }
  }
  subtitle = n_open == 0 ? g_strdup (_("None to review"))
                         /* Translators: how many conflicts are still to be reviewed */
                         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to review", "%u to review", n_open), n_open);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->conflicts)) > 0 ? "list" : "empty");
}

guint
bb_conflicts_window_get_count (BbConflictsWindow *self)
{
  g_return_val_if_fail (BB_IS_CONFLICTS_WINDOW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->conflicts));
}

static void
settle (BbConflictsWindow *self,
        const char        *id,
        gboolean           reverse)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = reverse ? bb_sync_reverse_conflict (self->store, id, &error)
                        : bb_sync_accept_conflict (self->store, id, &error);

  if (!ok)
    {
      toast (self, error->message);
      return;
    }
  toast (self, reverse ? _("The lost side was taken back; it goes to the other stations with the next bundle")
                       : _("Agreed with what was kept"));
  bb_conflicts_window_reload (self);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  settle (BB_CONFLICTS_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
reverse_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  settle (BB_CONFLICTS_WINDOW (widget), g_variant_get_string (parameter, NULL), TRUE);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  data)
{
  gtk_list_item_set_activatable (item, FALSE);
  gtk_list_item_set_child (item, bb_conflict_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  data)
{
  bb_conflict_row_set_item (BB_CONFLICT_ROW (gtk_list_item_get_child (item)),
                            BB_CONFLICT_ITEM (gtk_list_item_get_item (item)));
}

static void
settled_toggled_cb (BbConflictsWindow *self)
{
  bb_conflicts_window_reload (self);
}

static void
bb_conflicts_window_dispose (GObject *object)
{
  BbConflictsWindow *self = BB_CONFLICTS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_CONFLICTS_WINDOW);
  g_clear_object (&self->conflicts);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (bb_conflicts_window_parent_class)->dispose (object);
}

static void
bb_conflicts_window_class_init (BbConflictsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_conflicts_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-conflicts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BbConflictsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, BbConflictsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, BbConflictsWindow, settled_button);
  gtk_widget_class_bind_template_child (widget_class, BbConflictsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, BbConflictsWindow, list_view);

  gtk_widget_class_install_action (widget_class, "conflicts.accept", "s", accept_action);
  gtk_widget_class_install_action (widget_class, "conflicts.reverse", "s", reverse_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_conflicts_window_init (BbConflictsWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->conflicts = g_list_store_new (BB_TYPE_CONFLICT_ITEM);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->conflicts)))));
  g_signal_connect_swapped (self->settled_button, "toggled", G_CALLBACK (settled_toggled_cb), self);
}

BbConflictsWindow *
bb_conflicts_window_new (GtkWindow *parent,
                         BbStore   *store)
{
  BbConflictsWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  self = g_object_new (BB_TYPE_CONFLICTS_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  bb_conflicts_window_reload (self);
  return self;
}
