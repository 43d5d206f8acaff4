/* bb-district-page.c: a district's page: its officer, advisory group, partners, problems, incidents and meetings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-district-page"

#include "config.h"

#include <glib/gi18n.h>

#include "bb-district-page.h"
#include "bb-sara.h"
#include "bb-station-summary.h"
#include "bb-store-calendar.h"
#include "bb-store-directory.h"
#include "bb-store-surveys.h"

struct _BbDistrictPage
{
  AdwBin        parent_instance;

  BbStore      *store;
  char         *district_id;
  GCancellable *cancellable;
  guint         loading;
  GPtrArray    *groups;       /* AdwPreferencesGroup shown */

  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkBox       *content;
};

G_DEFINE_FINAL_TYPE (BbDistrictPage, bb_district_page, ADW_TYPE_BIN)

typedef struct {
  BbDistrictProfile *profile;
  GHashTable        *categories;   /* id → name */
  BbSurveyResults   *survey;       /* the latest survey in this district, or NULL */
  guint              min_respondents;
  GTimeZone         *tz;
} Loaded;

static void
loaded_free (Loaded *l)
{
  g_clear_pointer (&l->profile, bb_district_profile_free);
  g_clear_pointer (&l->categories, g_hash_table_unref);
  g_clear_pointer (&l->survey, bb_survey_results_free);
  g_clear_pointer (&l->tz, g_time_zone_unref);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static gpointer
load_in_store (BbStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const char *district_id = data;
  g_autoptr(Loaded) l = g_new0 (Loaded, 1);
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) surveys = NULL;
  g_autoptr(BbStation) station = NULL;

  l->profile = bb_store_district_profile (store, district_id, g_get_real_time () / G_USEC_PER_SEC, error);
  if (l->profile == NULL)
    return NULL;
  categories = bb_store_category_list (store, error);
  surveys = categories != NULL ? bb_store_survey_list (store, error) : NULL;
  station = surveys != NULL ? bb_store_station_get (store, error) : NULL;
  if (station == NULL)
    return NULL;
  l->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < categories->len; i++)
    {
      BbCategory *c = g_ptr_array_index (categories, i);

      g_hash_table_insert (l->categories, g_strdup (c->id), g_strdup (c->name));
    }
  /* the newest round that asked in this district or everywhere */
  for (guint i = 0; i < surveys->len && l->survey == NULL; i++)
    {
      BbSurvey *s = g_ptr_array_index (surveys, i);

      if (s->district_id == NULL || g_str_equal (s->district_id, district_id))
        l->survey = bb_store_survey_results (store, s->id, district_id, NULL);
    }
  l->min_respondents = bb_store_get_survey_min_respondents (store);
  l->tz = g_time_zone_new_identifier (station->timezone);
  if (l->tz == NULL)
    l->tz = g_time_zone_new_utc ();
  return g_steal_pointer (&l);
}

/* Building the page ---------------------------------------------------------------- */

static AdwPreferencesGroup *
add_group (BbDistrictPage *self,
           const char     *title,
           const char     *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->content, group);
  g_ptr_array_add (self->groups, group);
  return ADW_PREFERENCES_GROUP (group);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  return row;
}

static void
add_empty (AdwPreferencesGroup *group,
           const char          *text)
{
  GtkWidget *row = add_row (group, text, NULL);

  gtk_widget_add_css_class (row, "dim-label");
}

static char *
local_date (GTimeZone *tz,
            gint64     seconds,
            gboolean   with_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (seconds);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;

  return local != NULL ? g_date_time_format (local, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d") : g_strdup ("");
}

static void
fill (BbDistrictPage *self,
      Loaded         *l)
{
  BbDistrictProfile *p = l->profile;
  g_autofree char *subtitle = NULL;
  g_autofree char *count = NULL;
  g_autofree char *summary = NULL;
  AdwPreferencesGroup *group;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
  g_ptr_array_set_size (self->groups, 0);

  gtk_label_set_label (self->title_label, p->district->name);
  if (p->district->population != BB_UNSET_INT)
    {
      g_autofree char *people = bb_format_count (p->district->population);

      /* Translators: under a district's name: its code and its population */
      subtitle = g_strdup_printf (_("Code %s · %s residents"), *p->district->code ? p->district->code : "–", people);
    }
  else
    subtitle = g_strdup_printf (_("Code %s"), *p->district->code ? p->district->code : "–");
  gtk_label_set_label (self->subtitle_label, subtitle);

  group = add_group (self, _("Neighbourhood Officer"), NULL);
  if (p->officer != NULL)
    {
      g_autofree char *line = g_strjoin (" · ", p->officer->rank, p->officer->phone, p->officer->email, NULL);

      add_row (group, p->officer->name, line);
    }
  else
    add_empty (group, _("No officer is assigned to the district yet"));
  for (guint i = 0; i < p->co_owners->len; i++)
    {
      const BbOfficer *o = g_ptr_array_index (p->co_owners, i);

      add_row (group, o->name, _("Also looks after the district (joint ownership)"));
    }

  group = add_group (self, _("Advisory Group"), NULL);
  for (guint i = 0; i < p->members->len; i++)
    {
      const BbAdvisoryMember *m = g_ptr_array_index (p->members, i);
      g_autofree char *line = m->since != NULL
        ? g_strdup_printf (_("%s since %s"), bb_member_role_label (m->role), m->since)
        : g_strdup (bb_member_role_label (m->role));

      add_row (group, g_ptr_array_index (p->member_names, i), line);
    }
  if (p->members->len == 0)
    add_empty (group, _("The district has no advisory group yet"));

  group = add_group (self, _("Partners"), NULL);
  for (guint i = 0; i < p->partners->len; i++)
    {
      const BbPartner *partner = g_ptr_array_index (p->partners, i);
      g_autofree char *line = partner->is_person
        ? g_strdup_printf (_("%s · personal data"), bb_partner_kind_label (partner->kind))
        : g_strdup (bb_partner_kind_label (partner->kind));

      add_row (group, partner->name, line);
    }
  if (p->partners->len == 0)
    add_empty (group, _("No partner of the district is recorded yet"));

  group = add_group (self, _("Open Problems"), NULL);
  for (guint i = 0; i < p->open_problems->len; i++)
    {
      const BbProblem *problem = g_ptr_array_index (p->open_problems, i);
      BbSaraStage stage;

      add_row (group, problem->title,
               bb_sara_stage_from_string (problem->stage, &stage) ? bb_sara_stage_describe (stage) : problem->stage);
    }
  if (p->open_problems->len == 0)
    add_empty (group, _("No open problem in the district"));

  count = bb_format_count (p->incidents_28_days);
  summary = g_strdup_printf (ngettext ("%s incident in the last 28 days; the latest:", "%s incidents in the last 28 days; the latest:",
                                       p->incidents_28_days), count);
  group = add_group (self, _("Incidents"), summary);
  for (guint i = 0; i < p->recent_incidents->len; i++)
    {
      const BbIncident *incident = g_ptr_array_index (p->recent_incidents, i);
      const char *category = g_hash_table_lookup (l->categories, incident->category_id);
      g_autofree char *when = local_date (l->tz, incident->occurred_start, !incident->time_unknown);
      g_autofree char *line = *incident->address != '\0' ? g_strdup_printf ("%s · %s", when, incident->address)
                                                         : g_steal_pointer (&when);

      add_row (group, category != NULL ? category : _("Incident"), line);
    }
  if (p->recent_incidents->len == 0)
    add_empty (group, _("No incident recorded in the district"));

  group = add_group (self, _("Next Meetings"), NULL);
  for (guint i = 0; i < p->next_meetings->len; i++)
    {
      const BbCalendarItem *item = g_ptr_array_index (p->next_meetings, i);
      g_autofree char *when = local_date (l->tz, item->start, !item->all_day);
      g_autofree char *line = item->place != NULL && *item->place ? g_strdup_printf ("%s · %s", when, item->place)
                                                                  : g_steal_pointer (&when);

      add_row (group, item->title, line);
    }
  if (p->next_meetings->len == 0)
    add_empty (group, _("No meeting planned in the district"));

  if (l->survey != NULL)
    {
      g_autofree char *description = g_strdup_printf (ngettext ("%s: %llu respondent of the district",
                                                                "%s: %llu respondents of the district",
                                                                l->survey->n_respondents),
                                                      l->survey->survey->title, (unsigned long long) l->survey->n_respondents);
      guint shown = 0;

      group = add_group (self, _("What Residents Say"), description);
      for (guint i = l->survey->questions->len; i > 0 && shown < 3; i--)
        {
          const BbQuestionResult *r = g_ptr_array_index (l->survey->questions, i - 1);
          g_autofree char *share = NULL;

          if (!r->has_headline || r->question->polarity <= 0)
            continue;
          share = bb_share_is_reportable (&r->headline, l->min_respondents)
            ? g_strdup_printf (_("%s: %.0f %% (%.0f–%.0f %%)"), r->headline_label, r->headline.share * 100,
                               r->headline.low * 100, r->headline.high * 100)
            : g_strdup_printf (_("%s: too few responses"), r->headline_label);
          add_row (group, r->question->text, share);
          shown++;
        }
    }
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  BbDistrictPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) l = bb_store_run_finish (BB_STORE (object), result, &error);

  self->loading--;
  if (self->content != NULL)
    {
      if (l != NULL && g_strcmp0 (l->profile->district->id, self->district_id) == 0)
        fill (self, l);
      else if (l == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_label (self->subtitle_label, error->message);
    }
  g_object_unref (self);
}

void
bb_district_page_show (BbDistrictPage *self,
                       BbStore        *store,
                       const char     *district_id)
{
  g_return_if_fail (BB_IS_DISTRICT_PAGE (self));
  g_return_if_fail (BB_IS_STORE (store));
  g_return_if_fail (district_id != NULL);

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->cancellable, g_cancellable_new ());
  g_object_unref (self->cancellable);
  g_set_object (&self->store, store);
  g_free (self->district_id);
  self->district_id = g_strdup (district_id);
  self->loading++;
  bb_store_run_async_full (store, load_in_store, (GDestroyNotify) loaded_free, g_strdup (district_id), g_free,
                           self->cancellable, loaded_cb, g_object_ref (self));
}

const char *
bb_district_page_get_district_id (BbDistrictPage *self)
{
  g_return_val_if_fail (BB_IS_DISTRICT_PAGE (self), NULL);
  return self->district_id;
}

gboolean
bb_district_page_is_loading (BbDistrictPage *self)
{
  g_return_val_if_fail (BB_IS_DISTRICT_PAGE (self), FALSE);
  return self->loading > 0;
}

GStrv
bb_district_page_dup_group_titles (BbDistrictPage *self)
{
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();

  g_return_val_if_fail (BB_IS_DISTRICT_PAGE (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    g_strv_builder_add (titles, adw_preferences_group_get_title (g_ptr_array_index (self->groups, i)));
  return g_strv_builder_end (titles);
}

static void
bb_district_page_dispose (GObject *object)
{
  BbDistrictPage *self = BB_DISTRICT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);
  if (self->groups != NULL)
    g_ptr_array_set_size (self->groups, 0);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), BB_TYPE_DISTRICT_PAGE);

  G_OBJECT_CLASS (bb_district_page_parent_class)->dispose (object);
}

static void
bb_district_page_finalize (GObject *object)
{
  BbDistrictPage *self = BB_DISTRICT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->district_id);
  g_clear_pointer (&self->groups, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_district_page_parent_class)->finalize (object);
}

static void
bb_district_page_class_init (BbDistrictPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_district_page_dispose;
  object_class->finalize = bb_district_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-district-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BbDistrictPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, BbDistrictPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, BbDistrictPage, content);
}

static void
bb_district_page_init (BbDistrictPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->groups = g_ptr_array_new ();
}
