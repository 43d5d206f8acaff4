/* test-station-filter.c: at headquarters, one file holds several stations' records; each query can keep one station's */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-store-calendar.h"
#include "bb-store-problems.h"
#include "bundle-test-util.h"

/* 2026-05-12 10:00 UTC. */
#define MEETING_AT 1778580000

typedef struct {
  char *problem;
  char *plan;
  char *event;
  char *officer;
  char *partner;
  char *district;
} Records;

static void
records_clear (Records *r)
{
  g_free (r->problem);
  g_free (r->plan);
  g_free (r->event);
  g_free (r->officer);
  g_free (r->partner);
  g_free (r->district);
}

/* A problem, a plan, a meeting, an officer, a partner and a district,
 * all named after @station. */
static void
add_records (BbStore    *store,
             const char *station,
             Records    *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbOfficer) officer = bb_officer_new ();
  g_autoptr(BbPartner) partner = bb_partner_new ();
  g_autoptr(BbDistrict) district = bb_district_new ();

  problem->title = g_strdup_printf ("%s: bicycle thefts at the station square", station);
  g_assert_true (bb_store_problem_insert (store, problem, &error));
  g_assert_no_error (error);
  plan->title = g_strdup_printf ("%s safety plan", station);
  g_assert_true (bb_store_plan_insert (store, plan, &error));
  g_assert_no_error (error);
  event->title = g_strdup_printf ("%s advisory group", station);
  event->start_at = MEETING_AT;
  event->end_at = MEETING_AT + 5400;
  g_assert_true (bb_store_event_insert (store, event, &error));
  g_assert_no_error (error);
  officer->name = g_strdup_printf ("Officer of %s", station);
  g_assert_true (bb_store_officer_insert (store, officer, &error));
  g_assert_no_error (error);
  partner->name = g_strdup_printf ("School of %s", station);
  g_assert_true (bb_store_partner_insert (store, partner, &error));
  g_assert_no_error (error);
  district->name = g_strdup_printf ("%s district", station);
  district->code = g_strdup (station);
  g_assert_true (bb_store_district_insert (store, district, &error));
  g_assert_no_error (error);

  r->problem = g_strdup (problem->id);
  r->plan = g_strdup (plan->id);
  r->event = g_strdup (event->id);
  r->officer = g_strdup (officer->id);
  r->partner = g_strdup (partner->id);
  r->district = g_strdup (district->id);
}

/* The ids of @type's records written by @stations (NULL: all). */
static GPtrArray *
ids_of (BbStore            *store,
        const BbRecordType *type,
        const char * const *stations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = bb_store_list_by_stations (store, type, stations, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      const BbRecord *r = g_ptr_array_index (records, i);

      g_assert_true (stations == NULL || g_strv_contains (stations, r->station_id));
      g_ptr_array_add (ids, g_strdup (r->id));
    }
  return ids;
}

static gboolean
holds (GPtrArray  *ids,
       const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

static gint64
incidents_in_quarter (BbStore            *store,
                      const char * const *stations)
{
  /* 2024-Q2 (add_incident writes May 2024) and the quarter before. */
  const gint64 bounds[] = { 1711929600, 1719792000, 1704067200, 1711929600 };
  gint64 counts[2] = { 0 }, cleared[2], restricted[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) burglary = bb_store_category_get_by_code (store, "burglary", &error);
  const char *categories[] = { burglary->id, NULL };

  g_assert_true (bb_store_incident_count_periods (store, stations, categories, 1, bounds, 2, counts, cleared,
                                                  restricted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[1], ==, 0);
  return counts[0];
}

static void
test_two_stations (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autoptr(TestStation) north = test_station_new (dir, "North");
  g_autoptr(TestStation) hq = test_station_new (dir, "Headquarters");
  const char *only_north[] = { bb_store_get_station_id (north->store), NULL };
  const char *only_hq[] = { bb_store_get_station_id (hq->store), NULL };
  const char *both[] = { only_north[0], only_hq[0], NULL };
  Records n = { 0 }, h = { 0 };
  g_autofree char *bundle = NULL;
  g_autoptr(BbBundleResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const BbRecordType *types[] = {
    &bb_problem_record, &bb_plan_record, &bb_event_record, &bb_officer_record, &bb_partner_record,
    &bb_district_record,
  };

  add_records (north->store, "North", &n);
  add_records (hq->store, "Headquarters", &h);
  for (guint i = 0; i < 3; i++)
    g_free (add_incident (north->store, "burglary.residential", "Back door forced", FALSE));
  g_free (add_incident (hq->store, "burglary.residential", "Shed broken into", FALSE));

  /* Headquarters takes in everything North holds: one file, two stations. */
  bundle = export_bundle (north, NULL, "north", FALSE);
  result = apply_bundle (hq, bundle);
  g_assert_cmpint (bb_store_count (hq->store, "problem", NULL), ==, 2);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) all = ids_of (hq->store, types[t], NULL);
      g_autoptr(GPtrArray) none_chosen = NULL;
      g_autoptr(GPtrArray) norths = ids_of (hq->store, types[t], only_north);
      g_autoptr(GPtrArray) hqs = ids_of (hq->store, types[t], only_hq);
      g_autoptr(GPtrArray) two = ids_of (hq->store, types[t], both);
      const char *empty[] = { NULL };

      g_test_message ("%s", types[t]->table);
      none_chosen = bb_store_list_by_stations (hq->store, types[t], empty, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (none_chosen->len, ==, all->len);
      g_assert_cmpuint (norths->len + hqs->len, ==, all->len);
      g_assert_cmpuint (two->len, ==, all->len);
      g_assert_cmpuint (norths->len, >=, 1);
      g_assert_cmpuint (hqs->len, >=, 1);
    }
  {
    g_autoptr(GPtrArray) problems = ids_of (hq->store, &bb_problem_record, only_north);
    g_autoptr(GPtrArray) partners = ids_of (hq->store, &bb_partner_record, only_hq);

    g_assert_true (holds (problems, n.problem));
    g_assert_false (holds (problems, h.problem));
    g_assert_true (holds (partners, h.partner));
    g_assert_false (holds (partners, n.partner));
  }

  /* The calendar: each station's meeting on the same day. */
  {
    g_autoptr(GPtrArray) all = bb_store_calendar_items_for_stations (hq->store, MEETING_AT - 86400,
                                                                     MEETING_AT + 86400, NULL, NULL, NULL, &error);
    g_autoptr(GPtrArray) norths = bb_store_calendar_items_for_stations (hq->store, MEETING_AT - 86400,
                                                                        MEETING_AT + 86400, NULL, NULL,
                                                                        only_north, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 2);
    g_assert_cmpuint (norths->len, ==, 1);
    g_assert_cmpstr (((BbCalendarItem *) norths->pdata[0])->id, ==, n.event);
    g_assert_cmpstr (((BbCalendarItem *) norths->pdata[0])->station_id, ==, only_north[0]);
  }

  /* The briefing's figures: the incidents of the chosen stations. */
  g_assert_cmpint (incidents_in_quarter (hq->store, NULL), ==, 4);
  g_assert_cmpint (incidents_in_quarter (hq->store, only_north), ==, 3);
  g_assert_cmpint (incidents_in_quarter (hq->store, only_hq), ==, 1);
  g_assert_cmpint (incidents_in_quarter (hq->store, both), ==, 4);

  /* The Problems board's counts: North's problem takes every burglary of
   * the whole station; headquarters' own incident counts only when
   * headquarters is chosen, and one added by hand likewise. */
  {
    g_autoptr(BbCategory) burglary = bb_store_category_get_by_code (hq->store, "burglary", &error);
    const char *categories[] = { burglary->id, NULL };
    const char *none[] = { NULL };
    g_autofree char *shed = add_incident (hq->store, "theft.bicycle", "Bicycle taken from the shed", FALSE);

    g_assert_true (bb_store_problem_set_categories (hq->store, n.problem, categories, &error));
    g_assert_no_error (error);
    g_assert_cmpint (bb_store_problem_count_incidents (hq->store, n.problem, &error), ==, 4);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, NULL, &error), ==, 4);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, none, &error), ==, 4);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, only_north, &error), ==, 3);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, only_hq, &error), ==, 1);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, both, &error), ==, 4);
    g_assert_true (bb_store_problem_set_incident (hq->store, n.problem, shed, TRUE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, only_north, &error), ==, 3);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, only_hq, &error), ==, 2);
    g_assert_cmpint (bb_store_problem_count_station_incidents (hq->store, n.problem, both, &error), ==, 5);
    g_assert_no_error (error);
  }

  records_clear (&n);
  records_clear (&h);
  rm_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/station-filter/two-stations", test_two_stations);
  return g_test_run ();
}
