/* bb-problems-view-plans.c: the Problems view's list of community safety plans, with their progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-problems-view"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-problems-view-private.h"

static void
plan_row_info_free (BbPlanRowInfo *info)
{
  g_clear_pointer (&info->plan, bb_plan_free);
  g_free (info->district_name);
  bb_plan_progress_clear (&info->progress);
  g_free (info);
}

gboolean
bb_problems_view_load_plans (BbStore            *store,
                             BbBoardData        *data,
                             const char * const *station_ids,
                             GError            **error)
{
  g_autoptr(GPtrArray) plans = bb_store_list_by_stations (store, &bb_plan_record, station_ids, error);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  if (plans == NULL)
    return FALSE;
  data->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_row_info_free);
  for (guint i = 0; i < plans->len; i++)
    {
      BbPlan *plan = g_ptr_array_index (plans, i);
      g_autoptr(BbPlanDetail) detail = bb_store_plan_detail_load (store, plan->id, error);
      BbPlanRowInfo *info;

      if (detail == NULL)
        return FALSE;
      info = g_new0 (BbPlanRowInfo, 1);
      info->plan = bb_plan_copy (plan);
      for (guint k = 0; k < data->districts->len; k++)
        {
          BbDistrict *d = g_ptr_array_index (data->districts, k);

          if (g_strcmp0 (d->id, plan->district_id) == 0)
            info->district_name = g_strdup (d->name);
        }
      bb_plan_detail_progress (detail, today, &info->progress);
      g_ptr_array_add (data->plans, info);
    }
  return TRUE;
}

static char *
plan_subtitle (const BbPlanRowInfo *info)
{
  g_autoptr(GString) text = g_string_new (info->district_name != NULL ? info->district_name : _("Whole station"));
  const BbPlanProgress *p = &info->progress;

  if (info->plan->period_start != NULL || info->plan->period_end != NULL)
    g_string_append_printf (text, " · %s – %s", info->plan->period_start != NULL ? info->plan->period_start : "…",
                            info->plan->period_end != NULL ? info->plan->period_end : "…");
  g_string_append (text, "\n");
  g_string_append_printf (text, ngettext ("%u of %u task done", "%u of %u tasks done", p->n_tasks), p->n_done,
                          p->n_tasks);
  if (p->n_overdue > 0)
    g_string_append_printf (text, ngettext (", %u overdue", ", %u overdue", p->n_overdue), p->n_overdue);
  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u of %u target met", "%u of %u targets met", p->n_indicators), p->n_met,
                          p->n_indicators);
  if (p->next_review != NULL)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, p->review_passed ? _("review of %s not held yet") : _("next review %s"),
                              p->next_review);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
bb_problems_view_fill_plans (BbProblemsView *self)
{
  GtkWidget *child;

  /* Every row but the placeholder. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->plans_list)); child != NULL;)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (ADW_IS_ACTION_ROW (child))
        gtk_list_box_remove (self->plans_list, child);
      child = next;
    }

  for (guint i = 0; self->data != NULL && i < self->data->plans->len; i++)
    {
      const BbPlanRowInfo *info = g_ptr_array_index (self->data->plans, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      g_autofree char *subtitle = plan_subtitle (info);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->plan->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      if (info->progress.review_passed || info->progress.n_overdue > 0)
        {
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, info->progress.review_passed ? _("A review date has passed")
                                                                          : _("Tasks are overdue"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          gtk_widget_get_tooltip_text (icon), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (arrow), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
      g_object_set_data_full (G_OBJECT (row), "bb-plan", g_strdup (info->plan->id), g_free);
      gtk_list_box_append (self->plans_list, row);
    }
}
