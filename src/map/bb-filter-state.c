/* bb-filter-state.c: the one incident filter the incidents page and the map share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-filter-state"

#include "config.h"

#include "bb-filter-state.h"
#include "bb-records.h"

struct _BbFilterState
{
  GObject           parent_instance;

  BbIncidentFilter *filter;
  BbTimePreset      preset;
  GStrv             station_choice_ids;    /* the stations whose incidents the station holds */
  GStrv             station_choice_names;
};

G_DEFINE_FINAL_TYPE (BbFilterState, bb_filter_state, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRESET,
  PROP_STATION_CHOICES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
bb_filter_state_finalize (GObject *object)
{
  BbFilterState *self = BB_FILTER_STATE (object);

  g_clear_pointer (&self->filter, bb_incident_filter_free);
  g_clear_pointer (&self->station_choice_ids, g_strfreev);
  g_clear_pointer (&self->station_choice_names, g_strfreev);

  G_OBJECT_CLASS (bb_filter_state_parent_class)->finalize (object);
}

static void
bb_filter_state_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbFilterState *self = BB_FILTER_STATE (object);

  switch (prop_id)
    {
    case PROP_PRESET:
      g_value_set_int (value, self->preset);
      break;
    case PROP_STATION_CHOICES:
      g_value_set_boxed (value, self->station_choice_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bb_filter_state_class_init (BbFilterStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bb_filter_state_finalize;
  object_class->get_property = bb_filter_state_get_property;

  /* A BbTimePreset. */
  properties[PROP_PRESET] =
    g_param_spec_int ("preset", NULL, NULL,
                      BB_TIME_PRESET_ALL, BB_TIME_PRESET_CUSTOM, BB_TIME_PRESET_ALL,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The ids of the stations the filter can choose between (see
   * bb_filter_state_set_station_choices). */
  properties[PROP_STATION_CHOICES] =
    g_param_spec_boxed ("station-choices", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * BbFilterState::changed:
   *
   * The filter selects other incidents now.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
bb_filter_state_init (BbFilterState *self)
{
  self->filter = bb_incident_filter_new ();
  self->preset = BB_TIME_PRESET_ALL;
}

BbFilterState *
bb_filter_state_new (void)
{
  return g_object_new (BB_TYPE_FILTER_STATE, NULL);
}

const BbIncidentFilter *
bb_filter_state_get_filter (BbFilterState *self)
{
  g_return_val_if_fail (BB_IS_FILTER_STATE (self), NULL);
  return self->filter;
}

BbIncidentFilter *
bb_filter_state_dup_filter (BbFilterState *self)
{
  g_return_val_if_fail (BB_IS_FILTER_STATE (self), NULL);
  return bb_incident_filter_copy (self->filter);
}

static void
set_preset (BbFilterState *self,
            BbTimePreset   preset)
{
  if (self->preset == preset)
    return;
  self->preset = preset;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRESET]);
}

/* Takes @filter; emits ::changed when it selects something else. */
static void
replace (BbFilterState    *self,
         BbIncidentFilter *filter)
{
  if (bb_incident_filter_equal (self->filter, filter))
    {
      bb_incident_filter_free (filter);
      return;
    }
  bb_incident_filter_free (self->filter);
  self->filter = filter;
  g_signal_emit (self, signals[CHANGED], 0);
}

void
bb_filter_state_set_filter (BbFilterState          *self,
                            const BbIncidentFilter *filter)
{
  g_return_if_fail (BB_IS_FILTER_STATE (self));
  g_return_if_fail (filter != NULL);

  if (filter->start == BB_UNSET_TIME && filter->end == BB_UNSET_TIME)
    set_preset (self, BB_TIME_PRESET_ALL);
  else if (filter->start != self->filter->start || filter->end != self->filter->end)
    set_preset (self, BB_TIME_PRESET_CUSTOM);
  replace (self, bb_incident_filter_copy (filter));
}

BbTimePreset
bb_filter_state_get_preset (BbFilterState *self)
{
  g_return_val_if_fail (BB_IS_FILTER_STATE (self), BB_TIME_PRESET_ALL);
  return self->preset;
}

static gint64
local_midnight (int year,
                int month,
                int day)
{
  g_autoptr(GDateTime) dt = NULL;

  /* Months past December roll over into the next year. */
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  while (month < 1)
    {
      month += 12;
      year--;
    }
  dt = g_date_time_new_local (year, month, day, 0, 0, 0);
  return g_date_time_to_unix (dt);
}

gboolean
bb_time_preset_get_range (BbTimePreset  preset,
                          GDateTime    *now,
                          gint64       *start,
                          gint64       *end)
{
  int year, month, day, quarter_month;

  g_return_val_if_fail (now != NULL, FALSE);

  g_date_time_get_ymd (now, &year, &month, &day);
  quarter_month = ((month - 1) / 3) * 3 + 1;
  switch (preset)
    {
    case BB_TIME_PRESET_LAST_28_DAYS:
      /* Today and the 27 days before it. */
      {
        g_autoptr(GDateTime) today = g_date_time_new_local (year, month, day, 0, 0, 0);
        g_autoptr(GDateTime) first = g_date_time_add_days (today, -27);
        g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);

        *start = g_date_time_to_unix (first);
        *end = g_date_time_to_unix (tomorrow);
      }
      return TRUE;
    case BB_TIME_PRESET_THIS_QUARTER:
      *start = local_midnight (year, quarter_month, 1);
      *end = local_midnight (year, quarter_month + 3, 1);
      return TRUE;
    case BB_TIME_PRESET_LAST_QUARTER:
      *start = local_midnight (year, quarter_month - 3, 1);
      *end = local_midnight (year, quarter_month, 1);
      return TRUE;
    case BB_TIME_PRESET_THIS_YEAR:
      *start = local_midnight (year, 1, 1);
      *end = local_midnight (year + 1, 1, 1);
      return TRUE;
    case BB_TIME_PRESET_ALL:
    case BB_TIME_PRESET_CUSTOM:
    default:
      return FALSE;
    }
}

void
bb_filter_state_set_preset (BbFilterState *self,
                            BbTimePreset   preset)
{
  g_autoptr(GDateTime) now = NULL;
  BbIncidentFilter *filter;
  gint64 start = BB_UNSET_TIME, end = BB_UNSET_TIME;

  g_return_if_fail (BB_IS_FILTER_STATE (self));

  /* Custom keeps the range there is until one is chosen. */
  if (preset == BB_TIME_PRESET_CUSTOM)
    {
      set_preset (self, preset);
      return;
    }
  now = g_date_time_new_now_local ();
  bb_time_preset_get_range (preset, now, &start, &end);
  filter = bb_incident_filter_copy (self->filter);
  bb_incident_filter_set_time_range (filter, start, end);
  set_preset (self, preset);
  replace (self, filter);
}

void
bb_filter_state_set_custom_range (BbFilterState *self,
                                  gint64         start,
                                  gint64         end)
{
  BbIncidentFilter *filter;

  g_return_if_fail (BB_IS_FILTER_STATE (self));

  filter = bb_incident_filter_copy (self->filter);
  bb_incident_filter_set_time_range (filter, start, end);
  set_preset (self, BB_TIME_PRESET_CUSTOM);
  replace (self, filter);
}

#define DEFINE_STRV_SETTER(name)                                              \
  void                                                                        \
  bb_filter_state_set_##name (BbFilterState      *self,                       \
                              const char * const *values)                     \
  {                                                                           \
    BbIncidentFilter *filter;                                                 \
                                                                              \
    g_return_if_fail (BB_IS_FILTER_STATE (self));                             \
                                                                              \
    filter = bb_incident_filter_copy (self->filter);                          \
    bb_incident_filter_set_##name (filter, values);                           \
    replace (self, filter);                                                   \
  }

DEFINE_STRV_SETTER (category_ids)
DEFINE_STRV_SETTER (district_ids)
DEFINE_STRV_SETTER (statuses)
DEFINE_STRV_SETTER (sources)
DEFINE_STRV_SETTER (station_ids)

void
bb_filter_state_set_restricted (BbFilterState      *self,
                                BbRestrictedFilter  restricted)
{
  BbIncidentFilter *filter;

  g_return_if_fail (BB_IS_FILTER_STATE (self));

  filter = bb_incident_filter_copy (self->filter);
  filter->restricted = restricted;
  replace (self, filter);
}

void
bb_filter_state_set_text (BbFilterState *self,
                          const char    *text)
{
  BbIncidentFilter *filter;

  g_return_if_fail (BB_IS_FILTER_STATE (self));

  filter = bb_incident_filter_copy (self->filter);
  bb_incident_filter_set_text (filter, text);
  replace (self, filter);
}

void
bb_filter_state_set_station_choices (BbFilterState      *self,
                                     const char * const *ids,
                                     const char * const *names)
{
  g_return_if_fail (BB_IS_FILTER_STATE (self));
  g_return_if_fail ((ids == NULL) == (names == NULL));

  if (ids != NULL && self->station_choice_ids != NULL
      && g_strv_equal (ids, (const char * const *) self->station_choice_ids)
      && g_strv_equal (names, (const char * const *) self->station_choice_names))
    return;
  g_strfreev (self->station_choice_ids);
  g_strfreev (self->station_choice_names);
  self->station_choice_ids = g_strdupv ((char **) ids);
  self->station_choice_names = g_strdupv ((char **) names);
  /* A station chosen before may not be among them any more. */
  if (self->filter->station_ids != NULL)
    bb_filter_state_set_station_ids (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATION_CHOICES]);
}

const char * const *
bb_filter_state_get_station_choices (BbFilterState       *self,
                                     const char * const **names)
{
  g_return_val_if_fail (BB_IS_FILTER_STATE (self), NULL);

  if (names != NULL)
    *names = (const char * const *) self->station_choice_names;
  return (const char * const *) self->station_choice_ids;
}

void
bb_filter_state_reset (BbFilterState *self)
{
  g_return_if_fail (BB_IS_FILTER_STATE (self));

  set_preset (self, BB_TIME_PRESET_ALL);
  replace (self, bb_incident_filter_new ());
}
