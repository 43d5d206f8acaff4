/* test-store-plans.c: community safety plans: saving them whole, objectives with indicators, computed indicators, progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-store-plans.h"

#include "problem-fixture.h"

static BbIndicator *
indicator_new (const char *name,
               double      baseline,
               double      target,
               double      current)
{
  BbIndicator *indicator = bb_indicator_new ();

  indicator->name = g_strdup (name);
  indicator->baseline = baseline;
  indicator->target = target;
  indicator->current = current;
  return indicator;
}

static char *
add_plan (Fixture    *f,
          const char *district_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPlan) plan = bb_plan_new ();
  const char *problems[] = { f->problem, NULL };

  plan->title = g_strdup ("Old Town community safety plan");
  plan->district_id = g_strdup (district_id);
  plan->period_start = g_strdup ("2024-05-01");
  plan->period_end = g_strdup ("2025-04-30");
  g_assert_true (bb_store_plan_save (f->store, plan, problems, &error));
  g_assert_no_error (error);
  return g_strdup (plan->id);
}

static void
test_plan_save (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = add_plan (f, f->district);
  g_autoptr(BbPlan) plan = bb_store_plan_get (f->store, plan_id, &error);
  g_auto(GStrv) linked = bb_store_plan_dup_problems (f->store, plan_id, &error);
  const char *bad[] = { f->problem, "no-such-problem", NULL };
  const char *none[] = { NULL };

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (linked), ==, 1);
  g_assert_cmpstr (linked[0], ==, f->problem);

  /* A problem that is not there: the title does not change either. */
  g_free (plan->title);
  plan->title = g_strdup ("Renamed");
  g_assert_false (bb_store_plan_save (f->store, plan, bad, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(BbPlan) stored = bb_store_plan_get (f->store, plan_id, &error);

    g_assert_cmpstr (stored->title, ==, "Old Town community safety plan");
  }

  /* A period that ends before it starts is refused. */
  g_free (plan->period_end);
  plan->period_end = g_strdup ("2024-01-01");
  g_assert_false (bb_store_plan_save (f->store, plan, NULL, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* No problems at all is a plan too. */
  g_free (plan->period_end);
  plan->period_end = g_strdup ("2025-04-30");
  g_assert_true (bb_store_plan_save (f->store, plan, none, &error));
  g_assert_no_error (error);
  g_strfreev (linked);
  linked = bb_store_plan_dup_problems (f->store, plan_id, &error);
  g_assert_cmpuint (g_strv_length (linked), ==, 0);
}

static void
test_objective_save (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = add_plan (f, f->district);
  g_autoptr(BbObjective) objective = bb_objective_new ();
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_indicator_free);
  g_autoptr(BbPlanDetail) detail = NULL;
  g_autofree char *kept_id = NULL;
  g_autofree char *dropped_id = NULL;
  BbIndicator *kept, *added;

  objective->plan_id = g_strdup (plan_id);
  objective->title = g_strdup ("Fewer bicycle thefts at the station");
  g_ptr_array_add (indicators, indicator_new ("Bicycle thefts per quarter", 12, 6, 9));
  g_ptr_array_add (indicators, indicator_new ("Racks with locks", 0, 40, 10));
  g_assert_true (bb_store_objective_save (f->store, objective, indicators, &error));
  g_assert_no_error (error);
  g_assert_nonnull (objective->id);
  kept_id = g_strdup (((BbIndicator *) g_ptr_array_index (indicators, 0))->id);
  dropped_id = g_strdup (((BbIndicator *) g_ptr_array_index (indicators, 1))->id);
  g_assert_nonnull (kept_id);
  g_assert_cmpstr (((BbIndicator *) g_ptr_array_index (indicators, 0))->objective_id, ==, objective->id);

  /* Keep one (changed), drop one, add one: in one go. */
  kept = g_ptr_array_index (indicators, 0);
  kept->current = 7;
  g_ptr_array_remove_index (indicators, 1);
  added = indicator_new ("Residents who lock their bicycle", 40, 80, 55);
  g_ptr_array_add (indicators, added);
  g_assert_true (bb_store_objective_save (f->store, objective, indicators, &error));
  g_assert_no_error (error);
  g_assert_nonnull (added->id);

  detail = bb_store_plan_detail_load (f->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (detail->objectives->len, ==, 1);
  {
    BbPlanObjective *o = g_ptr_array_index (detail->objectives, 0);

    g_assert_cmpstr (o->objective->title, ==, "Fewer bicycle thefts at the station");
    g_assert_cmpuint (o->indicators->len, ==, 2);
    for (guint i = 0; i < o->indicators->len; i++)
      {
        BbIndicator *indicator = g_ptr_array_index (o->indicators, i);

        g_assert_cmpstr (indicator->id, !=, dropped_id);
        if (g_str_equal (indicator->id, kept_id))
          g_assert_cmpfloat (indicator->current, ==, 7);
      }
  }
  g_assert_cmpuint (detail->problems->len, ==, 1);

  /* An indicator without a name spoils the whole change. */
  g_free (objective->title);
  objective->title = g_strdup ("Changed title");
  g_ptr_array_add (indicators, indicator_new ("", 1, 2, 3));
  g_assert_false (bb_store_objective_save (f->store, objective, indicators, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  {
    g_autoptr(BbObjective) stored = bb_store_objective_get (f->store, objective->id, NULL);

    g_assert_cmpstr (stored->title, ==, "Fewer bicycle thefts at the station");
  }
}

static void
test_computation_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIndicatorComputation) c = NULL;
  g_autoptr(BbIndicatorComputation) back = NULL;
  g_autofree char *json = NULL;
  static const char * const bad[] = {
    "", "[]", "{\"categories\":\"theft\"}", "{\"categories\":[1]}", "{\"period_days\":0}",
    "{\"period_days\":\"91\"}", "{\"problem\":7}",
  };

  /* The demo station's form. */
  c = bb_indicator_computation_parse ("{\"categories\":[\"assault\",\"public_disorder.fight\"],"
                                      "\"problem\":\"abc\",\"period_days\":91}", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (c->category_codes), ==, 2);
  g_assert_cmpstr (c->category_codes[1], ==, "public_disorder.fight");
  g_assert_cmpstr (c->problem_id, ==, "abc");
  g_assert_cmpuint (c->period_days, ==, 91);
  json = bb_indicator_computation_to_json (c);
  back = bb_indicator_computation_parse (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (back->category_codes, c->category_codes);
  g_assert_cmpstr (back->problem_id, ==, "abc");
  g_assert_cmpuint (back->period_days, ==, 91);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(BbIndicatorComputation) none = bb_indicator_computation_parse (bad[i], &error);

      g_assert_null (none);
      g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_compute (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIndicatorComputation) c = bb_indicator_computation_new ();
  g_autofree char *plan_id = add_plan (f, f->district);
  g_autofree char *station_plan = NULL;
  double value = -1;

  /* A restricted theft in the area during the window: never counted. */
  {
    g_autofree char *id = add_incident (f->store, "theft.bicycle", T1 + 12 * DAY, IN_LON, IN_LAT);
    g_autoptr(BbIncident) incident = bb_store_incident_get (f->store, id, &error);

    incident->restricted = TRUE;
    g_assert_true (bb_store_incident_update (f->store, incident, &error));
    g_assert_no_error (error);
  }

  /* Thefts in the problem's area in the 30 days before T1 + 31 d: the
   * bicycles of T1 + 10 d and T1 + 11 d (excluded from the problem by hand,
   * but an indicator counts the area) = 2. */
  g_strfreev (c->category_codes);
  c->category_codes = g_strsplit ("theft", ",", -1);
  c->problem_id = g_strdup (f->problem);
  c->period_days = 30;
  g_assert_true (bb_store_indicator_compute (f->store, c, plan_id, T1 + 31 * DAY, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value, ==, 2);
  /* The window ends at @now: at T1 + 11 d only the first. */
  g_assert_true (bb_store_indicator_compute (f->store, c, plan_id, T1 + 11 * DAY, &value, &error));
  g_assert_cmpfloat (value, ==, 1);

  /* Vehicle thefts in the plan's district: the 8 of T1 + 13 d. */
  g_clear_pointer (&c->problem_id, g_free);
  g_strfreev (c->category_codes);
  c->category_codes = g_strsplit ("theft.vehicle", ",", -1);
  g_assert_true (bb_store_indicator_compute (f->store, c, plan_id, T1 + 31 * DAY, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value, ==, 8);

  /* Every public incident of a plan without a district (the station):
   * 3 bicycles, 8 vehicles and the assault far away = 12. */
  g_strfreev (c->category_codes);
  c->category_codes = g_new0 (char *, 1);
  {
    g_autoptr(BbPlan) plan = bb_plan_new ();

    plan->title = g_strdup ("Whole station");
    g_assert_true (bb_store_plan_save (f->store, plan, NULL, &error));
    station_plan = g_strdup (plan->id);
  }
  g_assert_true (bb_store_indicator_compute (f->store, c, station_plan, T1 + 31 * DAY, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (value, ==, 12);

  /* A category the station does not have. */
  g_strfreev (c->category_codes);
  c->category_codes = g_strsplit ("no.such.category", ",", -1);
  g_assert_false (bb_store_indicator_compute (f->store, c, plan_id, T1 + 31 * DAY, &value, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_NOT_FOUND);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = add_plan (f, f->district);
  g_autoptr(BbObjective) objective = bb_objective_new ();
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_indicator_free);
  g_autoptr(BbPlanDetail) detail = NULL;
  BbIndicator *computed, *typed;
  guint changed = 99;

  objective->plan_id = g_strdup (plan_id);
  objective->title = g_strdup ("Fewer thefts");
  computed = indicator_new ("Thefts at the station per month", 4, 1, NAN);
  computed->computed = g_strdup_printf ("{\"categories\":[\"theft\"],\"problem\":\"%s\",\"period_days\":30}",
                                        f->problem);
  typed = indicator_new ("Racks with locks", 0, 40, 10);
  g_ptr_array_add (indicators, computed);
  g_ptr_array_add (indicators, typed);
  g_assert_true (bb_store_objective_save (f->store, objective, indicators, &error));
  g_assert_no_error (error);

  g_assert_true (bb_store_plan_refresh_indicators (f->store, plan_id, T1 + 31 * DAY, &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (bb_store_plan_refresh_indicators (f->store, plan_id, T1 + 31 * DAY, &changed, &error));
  g_assert_cmpuint (changed, ==, 0);

  detail = bb_store_plan_detail_load (f->store, plan_id, &error);
  {
    BbPlanObjective *o = g_ptr_array_index (detail->objectives, 0);

    for (guint i = 0; i < o->indicators->len; i++)
      {
        BbIndicator *indicator = g_ptr_array_index (o->indicators, i);

        if (indicator->computed != NULL)
          g_assert_cmpfloat (indicator->current, ==, 2);
        else
          g_assert_cmpfloat (indicator->current, ==, 10);
      }
  }

  /* A computation that cannot be read names the indicator and changes nothing. */
  g_free (computed->computed);
  computed->computed = g_strdup ("{broken");
  g_assert_true (bb_store_objective_save (f->store, objective, indicators, &error));
  g_assert_false (bb_store_plan_refresh_indicators (f->store, plan_id, T1 + 31 * DAY, &changed, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Thefts at the station per month"));
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plan_id = add_plan (f, f->district);
  g_autoptr(BbObjective) objective = bb_objective_new ();
  g_autoptr(GPtrArray) indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_indicator_free);
  g_autoptr(BbPlanDetail) detail = NULL;
  BbPlanProgress progress;
  static const struct { const char *title, *due; gboolean done; } tasks[] = {
    { "Publish the plan", "2024-05-20", TRUE },
    { "Order the racks", "2024-06-01", FALSE },        /* overdue on 2024-07-01 */
    { "Survey the residents", "2024-09-01", FALSE },
    { "Thank the volunteers", NULL, FALSE },
  };
  static const struct { const char *date; gboolean done; } reviews[] = {
    { "2024-06-15", FALSE }, { "2024-05-15", TRUE }, { "2024-09-15", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tasks); i++)
    {
      g_autoptr(BbTask) task = bb_task_new ();

      task->plan_id = g_strdup (plan_id);
      task->title = g_strdup (tasks[i].title);
      task->due_date = g_strdup (tasks[i].due);
      task->done = tasks[i].done;
      g_assert_true (bb_store_task_insert (f->store, task, &error));
    }
  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      g_autoptr(BbPlanReview) review = bb_plan_review_new ();

      review->plan_id = g_strdup (plan_id);
      review->review_date = g_strdup (reviews[i].date);
      review->done = reviews[i].done;
      g_assert_true (bb_store_plan_review_insert (f->store, review, &error));
    }
  objective->plan_id = g_strdup (plan_id);
  objective->title = g_strdup ("Fewer thefts");
  g_ptr_array_add (indicators, indicator_new ("Thefts", 12, 6, 5));       /* met */
  g_ptr_array_add (indicators, indicator_new ("Locked racks", 0, 40, 10)); /* improving */
  g_ptr_array_add (indicators, indicator_new ("Feel safe", 50, 70, NAN));  /* not measured */
  g_assert_true (bb_store_objective_save (f->store, objective, indicators, &error));
  g_assert_no_error (error);

  detail = bb_store_plan_detail_load (f->store, plan_id, &error);
  g_assert_no_error (error);
  /* Open tasks first, by due date, undated last. */
  g_assert_cmpstr (((BbTask *) g_ptr_array_index (detail->tasks, 0))->title, ==, "Order the racks");
  g_assert_cmpstr (((BbTask *) g_ptr_array_index (detail->tasks, 2))->title, ==, "Thank the volunteers");
  g_assert_cmpstr (((BbPlanReview *) g_ptr_array_index (detail->reviews, 0))->review_date, ==, "2024-05-15");

  bb_plan_detail_progress (detail, "2024-07-01", &progress);
  g_assert_cmpuint (progress.n_tasks, ==, 4);
  g_assert_cmpuint (progress.n_done, ==, 1);
  g_assert_cmpuint (progress.n_overdue, ==, 1);
  g_assert_cmpuint (progress.n_indicators, ==, 3);
  g_assert_cmpuint (progress.n_met, ==, 1);
  g_assert_cmpuint (progress.n_improving, ==, 1);
  g_assert_cmpstr (progress.next_review, ==, "2024-06-15");
  g_assert_true (progress.review_passed);
  bb_plan_progress_clear (&progress);

  bb_plan_detail_progress (detail, "2024-05-25", &progress);
  g_assert_cmpuint (progress.n_overdue, ==, 0);
  g_assert_false (progress.review_passed);
  bb_plan_progress_clear (&progress);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/plans/save", test_plan_save);
  ADD ("/store/plans/objective-save", test_objective_save);
  ADD ("/store/plans/compute", test_compute);
  ADD ("/store/plans/refresh", test_refresh);
  ADD ("/store/plans/progress", test_progress);
#undef ADD
  g_test_add_func ("/store/plans/computation-json", test_computation_json);

  return g_test_run ();
}
