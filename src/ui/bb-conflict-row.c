/* bb-conflict-row.c: one conflict in the list: the record, what was kept, what was lost, and the choice */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-conflict-row"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-conflict-row.h"

struct _BbConflictRow
{
  GtkWidget  parent_instance;

  GtkWidget *box;
  GtkLabel  *title_label;
  GtkLabel  *subtitle_label;
  GtkLabel  *kept_label;
  GtkLabel  *lost_label;
  GtkLabel  *state_label;
  GtkButton *reverse_button;
  GtkButton *accept_button;
};

G_DEFINE_FINAL_TYPE (BbConflictRow, bb_conflict_row, GTK_TYPE_WIDGET)

static char *
format_time (gint64 us)
{
  g_autoptr(GDateTime) t = us > 0 ? g_date_time_new_from_unix_local (us / G_USEC_PER_SEC) : NULL;

  /* Translators: when a change was made, e.g. "3 May 2024, 14:05" */
  return t != NULL ? g_date_time_format (t, _("%-d %B %Y, %H:%M")) : NULL;
}

/* "Kept: what, changed at Station, on 3 May 2024, 14:05". */
static char *
side (const char *value,
      const char *station,
      gint64      at)
{
  g_autofree char *when = format_time (at);

  if (station == NULL || when == NULL)
    return g_strdup (value);
  /* Translators: a value, the station where it was set, and when */
  return g_strdup_printf (_("%s — at %s, %s"), value, station, when);
}

static const char *
reverse_label (const BbSyncConflict *c)
{
  switch (c->kind)
    {
    case BB_SYNC_CONFLICT_FIELD:
      return _("_Use the Lost Value");
    case BB_SYNC_CONFLICT_DELETED_THERE:
    case BB_SYNC_CONFLICT_DELETED_HERE:
      return _("_Restore the Record");
    case BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE:
      return _("_Delete the Record");
    case BB_SYNC_CONFLICT_IN_USE:
    default:
      return NULL;
    }
}

void
bb_conflict_row_set_item (BbConflictRow  *self,
                          BbConflictItem *item)
{
  const BbSyncConflict *c;
  g_autofree char *subtitle = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *found = NULL;
  const char *reverse;
  GVariant *target;

  g_return_if_fail (BB_IS_CONFLICT_ROW (self));

  if (item == NULL)
    return;
  c = bb_conflict_item_get_conflict (item);
  found = format_time (c->detected_at);
  if (c->field_label != NULL)
    /* Translators: the field that was changed at both stations, the other station, when the conflict was found */
    subtitle = g_strdup_printf (_("%s, changed here and at %s · found %s"), c->field_label, c->there_name, found);
  else
    /* Translators: the other station, when the conflict was found */
    subtitle = g_strdup_printf (_("Deleted on one side, changed on the other (%s) · found %s"), c->there_name, found);
  kept = side (c->kept_value, c->column != NULL ? (c->remote_won ? c->there_name : c->here_name) : NULL,
               c->remote_won ? c->there_at : c->here_at);
  lost = side (c->lost_value, c->column != NULL ? (c->remote_won ? c->here_name : c->there_name) : NULL,
               c->remote_won ? c->here_at : c->there_at);

  gtk_label_set_label (self->title_label, c->record_label);
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_label_set_label (self->kept_label, kept);
  gtk_label_set_label (self->lost_label, lost);

  target = g_variant_ref_sink (g_variant_new_string (c->id));
  /* The action only with its target: an action of a string without one
   * cannot be activated. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->accept_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->reverse_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->accept_button), "conflicts.accept");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reverse_button), "conflicts.reverse");
  g_variant_unref (target);

  reverse = reverse_label (c);
  gtk_widget_set_visible (GTK_WIDGET (self->reverse_button), c->reversible && reverse != NULL);
  if (reverse != NULL)
    gtk_button_set_label (self->reverse_button, reverse);
  gtk_widget_set_visible (GTK_WIDGET (self->accept_button), c->state == BB_SYNC_CONFLICT_OPEN);
  gtk_widget_set_visible (GTK_WIDGET (self->state_label), c->state != BB_SYNC_CONFLICT_OPEN);
  gtk_label_set_label (self->state_label, c->state == BB_SYNC_CONFLICT_REVERSED ? _("The lost side was taken back")
                                                                                : _("Agreed"));
  /* Buttons that say the same in every row say which record they act on. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  c->record_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reverse_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  c->record_label, -1);
}

static void
bb_conflict_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_CONFLICT_ROW);

  G_OBJECT_CLASS (bb_conflict_row_parent_class)->dispose (object);
}

static void
bb_conflict_row_class_init (BbConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_conflict_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, box);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, kept_label);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, lost_label);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, reverse_button);
  gtk_widget_class_bind_template_child (widget_class, BbConflictRow, accept_button);
}

static void
bb_conflict_row_init (BbConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bb_conflict_row_new (void)
{
  return g_object_new (BB_TYPE_CONFLICT_ROW, NULL);
}
