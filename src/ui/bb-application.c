/* bb-application.c: the Beatbook application: actions, command line, windows */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-application"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-application.h"

struct _BbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (BbApplication, bb_application, ADW_TYPE_APPLICATION)

static void
bb_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));
      gtk_window_set_title (window, _("Beatbook"));
    }
  gtk_window_present (window);
}

static void
bb_application_class_init (BbApplicationClass *klass)
{
  G_APPLICATION_CLASS (klass)->activate = bb_application_activate;
}

static void
bb_application_init (BbApplication *self)
{
}

BbApplication *
bb_application_new (void)
{
  return g_object_new (BB_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "resource-base-path", "/org/beatbook/Beatbook",
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}
