/* bb-tile-server-dialog.c: setting up the online tile server a station may use */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-tile-server-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-tile-server-dialog.h"

struct _BbTileServerDialog
{
  AdwWindow       parent_instance;

  BbMapView      *view;              /* weak */

  /* template children */
  AdwEntryRow    *url_row;
  AdwEntryRow    *subdomains_row;
  AdwEntryRow    *attribution_row;
  GtkSpinButton  *max_zoom_spin;
  GtkCheckButton *may_cache_check;
  GtkLabel       *problem_label;
};

G_DEFINE_FINAL_TYPE (BbTileServerDialog, bb_tile_server_dialog, ADW_TYPE_WINDOW)

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static BbTileServer *
server_from_fields (BbTileServerDialog *self)
{
  g_autofree char *url = stripped_text (self->url_row);
  g_autofree char *subdomains = stripped_text (self->subdomains_row);
  BbTileServer *server = bb_tile_server_new (url);

  if (strstr (url, "{s}") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (subdomains, ",; \t", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);
      server->subdomains = g_strv_builder_end (builder);
    }
  server->attribution = stripped_text (self->attribution_row);
  server->max_zoom = (guint) gtk_spin_button_get_value_as_int (self->max_zoom_spin);
  server->may_cache = gtk_check_button_get_active (self->may_cache_check);
  return server;
}

/* Whether the address itself is at fault, whatever the other fields say. */
static gboolean
address_is_wrong (const BbTileServer *server)
{
  g_autoptr(BbTileServer) probe = bb_tile_server_copy (server);

  if (probe->url_template == NULL || *probe->url_template == '\0')
    return FALSE;
  if (probe->subdomains == NULL || probe->subdomains[0] == NULL)
    {
      g_strfreev (probe->subdomains);
      probe->subdomains = g_strsplit ("a", ",", -1);
    }
  g_free (probe->attribution);
  probe->attribution = g_strdup ("-");
  probe->may_cache = TRUE;
  probe->max_zoom = 0;
  return !bb_tile_server_validate (probe, NULL);
}

static void
show_problem (BbTileServerDialog *self,
              const char         *text,
              gboolean            is_error)
{
  gtk_label_set_label (self->problem_label, text);
  if (is_error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "dim-label");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->problem_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->problem_label), "error");
    }
}

static void
field_changed_cb (BbTileServerDialog *self)
{
  g_autoptr(BbTileServer) server = server_from_fields (self);
  g_autoptr(GError) error = NULL;
  gboolean valid = bb_tile_server_validate (server, &error);

  gtk_widget_set_visible (GTK_WIDGET (self->subdomains_row), strstr (server->url_template, "{s}") != NULL);
  if (address_is_wrong (server))
    gtk_widget_add_css_class (GTK_WIDGET (self->url_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->url_row), "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.save", valid);

  if (valid)
    {
      g_autofree char *cache = bb_tile_server_dup_cache_dir (server, NULL);
      g_autofree char *text = g_strdup_printf (_("Tiles will be kept in %s"), cache);

      show_problem (self, text, FALSE);
    }
  else
    show_problem (self, error->message, FALSE);
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  BbTileServerDialog *self = BB_TILE_SERVER_DIALOG (widget);
  g_autoptr(BbTileServer) server = server_from_fields (self);
  g_autoptr(GError) error = NULL;
  BbStore *store = self->view != NULL ? bb_map_view_get_store (self->view) : NULL;

  if (store == NULL)
    {
      show_problem (self, _("Open a station first: the server is set up for each station"), TRUE);
      return;
    }
  if (!bb_tile_server_save (store, server, &error))
    {
      show_problem (self, error->message, TRUE);
      return;
    }
  bb_map_view_show_basemap (self->view, "online");
  gtk_window_close (GTK_WINDOW (self));
}

static void
bb_tile_server_dialog_dispose (GObject *object)
{
  BbTileServerDialog *self = BB_TILE_SERVER_DIALOG (object);

  g_clear_weak_pointer (&self->view);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_TILE_SERVER_DIALOG);

  G_OBJECT_CLASS (bb_tile_server_dialog_parent_class)->dispose (object);
}

static void
bb_tile_server_dialog_class_init (BbTileServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_tile_server_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-tile-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BbTileServerDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, BbTileServerDialog, subdomains_row);
  gtk_widget_class_bind_template_child (widget_class, BbTileServerDialog, attribution_row);
  gtk_widget_class_bind_template_child (widget_class, BbTileServerDialog, max_zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, BbTileServerDialog, may_cache_check);
  gtk_widget_class_bind_template_child (widget_class, BbTileServerDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "server.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
bb_tile_server_dialog_init (BbTileServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  field_changed_cb (self);
}

void
bb_tile_server_dialog_set_server (BbTileServerDialog *self,
                                  const BbTileServer *server)
{
  g_autofree char *subdomains = NULL;

  g_return_if_fail (BB_IS_TILE_SERVER_DIALOG (self));
  g_return_if_fail (server != NULL);

  subdomains = server->subdomains != NULL ? g_strjoinv (", ", server->subdomains) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), server->url_template ? server->url_template : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subdomains_row), subdomains);
  gtk_editable_set_text (GTK_EDITABLE (self->attribution_row), server->attribution ? server->attribution : "");
  gtk_spin_button_set_value (self->max_zoom_spin, MIN (server->max_zoom, BB_TILE_SERVER_MAX_ZOOM));
  gtk_check_button_set_active (self->may_cache_check, server->may_cache);
  field_changed_cb (self);
}

BbTileServerDialog *
bb_tile_server_dialog_present (BbMapView *view)
{
  GtkRoot *root;
  BbTileServerDialog *self;
  BbStore *store;

  g_return_val_if_fail (BB_IS_MAP_VIEW (view), NULL);

  root = gtk_widget_get_root (GTK_WIDGET (view));
  self = g_object_new (BB_TYPE_TILE_SERVER_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  g_set_weak_pointer (&self->view, view);

  store = bb_map_view_get_store (view);
  if (store != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(BbTileServer) server = bb_tile_server_load (store, &error);

      if (server != NULL)
        bb_tile_server_dialog_set_server (self, server);
      else if (error != NULL)
        show_problem (self, error->message, TRUE);
    }
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
