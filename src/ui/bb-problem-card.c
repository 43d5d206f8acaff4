/* bb-problem-card.c: one problem on the SARA board: what it is, where, who owns it and what is due */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problem-card"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "bb-problem-card.h"

struct _BbProblemCard
{
  GtkListBoxRow  parent_instance;

  BbProblem     *problem;
  BbSaraStage    stage;
  char          *warning_text;
  gint64         incident_count;

  GtkLabel      *title_label;
  GtkLabel      *district_label;
  GtkLabel      *priority_label;
  GtkLabel      *count_label;
  GtkLabel      *owner_label;
  GtkLabel      *due_label;
  GtkWidget     *warning_box;
  GtkLabel      *warning_label;
  GtkWidget     *menu_button;
};

G_DEFINE_FINAL_TYPE (BbProblemCard, bb_problem_card, GTK_TYPE_LIST_BOX_ROW)

enum {
  MOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
bb_problem_card_info_free (BbProblemCardInfo *info)
{
  if (info == NULL)
    return;
  g_clear_pointer (&info->problem, bb_problem_free);
  g_free (info->district_name);
  g_free (info->owner_name);
  g_free (info->next_due);
  g_free (info->warning);
  g_strfreev (info->partner_ids);
  g_free (info);
}

static const char *
priority_describe (int priority)
{
  switch (priority)
    {
    case 1: return C_("problem priority", "High");
    case 2: return C_("problem priority", "Medium");
    default: return C_("problem priority", "Low");
    }
}

static void
move_next_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, 1);
}

static void
open_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  /* The list box tells the board, as for a double click or Enter. */
  gtk_widget_activate (widget);
}

static void
move_previous_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[MOVE], 0, -1);
}

static void
bb_problem_card_finalize (GObject *object)
{
  BbProblemCard *self = BB_PROBLEM_CARD (object);

  g_clear_pointer (&self->problem, bb_problem_free);
  g_free (self->warning_text);

  G_OBJECT_CLASS (bb_problem_card_parent_class)->finalize (object);
}

static void
bb_problem_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_PROBLEM_CARD);

  G_OBJECT_CLASS (bb_problem_card_parent_class)->dispose (object);
}

static void
bb_problem_card_class_init (BbProblemCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_problem_card_dispose;
  object_class->finalize = bb_problem_card_finalize;

  /**
   * BbProblemCard::move:
   * @direction: 1 for the next stage, -1 for the previous one
   *
   * The user asked to move the problem; the board checks and writes it.
   */
  signals[MOVE] = g_signal_new ("move", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-problem-card.ui");
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, district_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, priority_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, count_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, owner_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, due_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, warning_box);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, warning_label);
  gtk_widget_class_bind_template_child (widget_class, BbProblemCard, menu_button);

  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_cb);
  gtk_widget_class_install_action (widget_class, "card.move-next", NULL, move_next_cb);
  gtk_widget_class_install_action (widget_class, "card.move-previous", NULL, move_previous_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "card.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "card.move-previous", NULL);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
}

static void
bb_problem_card_init (BbProblemCard *self)
{
  self->incident_count = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bb_problem_card_new (const BbProblemCardInfo *info)
{
  BbProblemCard *self;
  const BbProblem *p;
  g_autofree char *owner = NULL;
  g_autofree char *priority = NULL;

  g_return_val_if_fail (info != NULL && info->problem != NULL, NULL);

  self = g_object_new (BB_TYPE_PROBLEM_CARD, NULL);
  p = info->problem;
  self->problem = bb_problem_copy (p);
  if (!bb_sara_stage_from_string (p->stage, &self->stage))
    self->stage = BB_SARA_SCANNING;

  gtk_label_set_label (self->title_label, p->title);
  /* Long titles are cut after three lines. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), p->title);
  gtk_label_set_label (self->district_label,
                       info->district_name != NULL ? info->district_name : _("Whole station"));
  /* Translators: a problem's priority on its card, e.g. "High priority" */
  priority = g_strdup_printf (_("%s priority"), priority_describe (p->priority));
  gtk_label_set_label (self->priority_label, priority);
  if (p->priority == 1)
    gtk_widget_add_css_class (GTK_WIDGET (self->priority_label), "warning");

  owner = info->owner_name != NULL ? g_strdup (info->owner_name) : g_strdup (_("No owner"));
  gtk_label_set_label (self->owner_label, owner);

  if (info->next_due != NULL)
    {
      /* Translators: %s is a date as the incidents table writes it */
      g_autofree char *due = g_strdup_printf (info->next_due_passed ? _("Task overdue since %s") : _("Next task due %s"),
                                              info->next_due);
      gtk_label_set_label (self->due_label, due);
      if (info->next_due_passed)
        gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
    }
  else
    gtk_label_set_label (self->due_label, _("No open tasks"));

  self->warning_text = g_strdup (info->warning);
  gtk_widget_set_visible (self->warning_box, info->warning != NULL);
  if (info->warning != NULL)
    gtk_label_set_label (self->warning_label, info->warning);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.move-previous", self->stage > BB_SARA_SCANNING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "card.move-next", self->stage < BB_SARA_CLOSED);

  /* Screen readers hear the card as one sentence. */
  {
    /* Translators: the spoken name of a card: title, stage, district */
    g_autofree char *name = g_strdup_printf (_("%s, %s, %s"), p->title, bb_sara_stage_describe (self->stage),
                                             gtk_label_get_label (self->district_label));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }

  bb_problem_card_set_incident_count (self, -1);
  return GTK_WIDGET (self);
}

const char *
bb_problem_card_get_problem_id (BbProblemCard *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_CARD (self), NULL);
  return self->problem->id;
}

const char *
bb_problem_card_get_title (BbProblemCard *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_CARD (self), NULL);
  return self->problem->title;
}

BbSaraStage
bb_problem_card_get_stage (BbProblemCard *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_CARD (self), BB_SARA_SCANNING);
  return self->stage;
}

const char *
bb_problem_card_get_warning (BbProblemCard *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_CARD (self), NULL);
  return self->warning_text;
}

gint64
bb_problem_card_get_incident_count (BbProblemCard *self)
{
  g_return_val_if_fail (BB_IS_PROBLEM_CARD (self), -1);
  return self->incident_count;
}

void
bb_problem_card_set_incident_count (BbProblemCard *self,
                                    gint64         count)
{
  g_autofree char *text = NULL;

  g_return_if_fail (BB_IS_PROBLEM_CARD (self));

  self->incident_count = count;
  if (count < 0)
    text = g_strdup (_("Counting incidents…"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" PRId64 " incident",
                                         "%'" PRId64 " incidents", (gulong) count), count);
  gtk_label_set_label (self->count_label, text);
}
