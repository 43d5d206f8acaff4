/* bb-incident-labels.c: the words shown for an incident's codes, and the categories in their two levels */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-incident-labels"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-incident-labels.h"

const char * const bb_incident_statuses[] = { "open", "cleared", "referred", NULL };
const char * const bb_incident_sources[] = {
  "patrol", "resident", "complaint_box", "hotline", "survey", "school", "partner", "meeting", "import", NULL
};

const char *
bb_incident_status_label (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return C_("incident status", "Open");
  if (g_strcmp0 (status, "cleared") == 0)
    return C_("incident status", "Cleared");
  if (g_strcmp0 (status, "referred") == 0)
    return C_("incident status", "Referred");
  return status != NULL ? status : "";
}

const char *
bb_incident_source_label (const char *source)
{
  static const struct {
    const char *code;
    const char *label;
  } labels[] = {
    { "patrol", NC_("incident source", "Patrol") },
    { "resident", NC_("incident source", "Resident") },
    { "complaint_box", NC_("incident source", "Complaint box") },
    { "hotline", NC_("incident source", "Hotline") },
    { "survey", NC_("incident source", "Survey") },
    { "school", NC_("incident source", "School") },
    { "partner", NC_("incident source", "Partner") },
    { "meeting", NC_("incident source", "Meeting") },
    { "import", NC_("incident source", "Import") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (source, labels[i].code) == 0)
      return g_dpgettext2 (NULL, "incident source", labels[i].label);
  return source != NULL ? source : "";
}

GPtrArray *
bb_categories_two_level (GPtrArray *categories)
{
  GPtrArray *ordered = g_ptr_array_new ();
  g_autoptr(GHashTable) placed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *parent = g_ptr_array_index (categories, i);

      if (parent->parent_id != NULL && *parent->parent_id != '\0')
        continue;
      g_ptr_array_add (ordered, parent);
      g_hash_table_add (placed, parent->id);
      for (guint j = 0; j < categories->len; j++)
        {
          BbCategory *child = g_ptr_array_index (categories, j);

          if (g_strcmp0 (child->parent_id, parent->id) == 0)
            {
              g_ptr_array_add (ordered, child);
              g_hash_table_add (placed, child->id);
            }
        }
    }
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *category = g_ptr_array_index (categories, i);

      if (!g_hash_table_contains (placed, category->id))
        g_ptr_array_add (ordered, category);
    }
  return ordered;
}

char *
bb_category_display_name (BbCategory *category,
                          GHashTable *by_id)
{
  BbCategory *parent = NULL;

  if (category->parent_id != NULL && by_id != NULL)
    parent = g_hash_table_lookup (by_id, category->parent_id);
  if (parent == NULL)
    return g_strdup (category->name);
  /* Translators: a subcategory and, in brackets, the category it belongs to */
  return g_strdup_printf (_("%s (%s)"), category->name, parent->name);
}

char *
bb_format_incident_time (gint64   time,
                         gboolean time_unknown)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == BB_UNSET_TIME)
    return g_strdup ("");
  utc = g_date_time_new_from_unix_utc (time);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  /* Translators: the date and time of an incident in the table, strftime()
   * style; the ISO order reads the same in every language of the region */
  return g_date_time_format (local, time_unknown ? _("%Y-%m-%d") : _("%Y-%m-%d %H:%M"));
}
