/* test-store-problem-detail.c: what the problem page reads of a problem, and saving its details in one transaction */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bb-store-plans.h"
#include "bb-store-problem-detail.h"
#include "bb-store-private.h"

#include "problem-fixture.h"

static char *
add_partner (BbStore    *store,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPartner) partner = bb_partner_new ();

  partner->name = g_strdup (name);
  g_assert_true (bb_store_partner_insert (store, partner, &error));
  g_assert_no_error (error);
  return g_strdup (partner->id);
}

static void
test_incidents (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) two = NULL;
  gint64 total = -1;

  /* The six that belong (see test-store-problems.c), newest first: the
   * assault added by hand (T1 + 14 d), the bicycle after (T1 + 10 d), the
   * shop theft (T0 + 11 d), the three bicycles (T0 + 10 d, hourly). */
  all = bb_store_problem_list_incidents (f->store, f->problem, 0, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 6);
  g_assert_cmpuint (all->len, ==, 6);
  g_assert_cmpstr (((BbIncident *) g_ptr_array_index (all, 0))->id, ==, f->included);
  g_assert_cmpint (((BbIncident *) g_ptr_array_index (all, 1))->occurred_start, ==, T1 + 10 * DAY);
  g_assert_cmpint (((BbIncident *) g_ptr_array_index (all, 2))->occurred_start, ==, T0 + 11 * DAY);
  g_assert_cmpint (((BbIncident *) g_ptr_array_index (all, 3))->occurred_start, ==, T0 + 10 * DAY + 2 * 3600);
  g_assert_cmpint (((BbIncident *) g_ptr_array_index (all, 5))->occurred_start, ==, T0 + 10 * DAY);
  for (guint i = 0; i < all->len; i++)
    g_assert_cmpstr (((BbIncident *) g_ptr_array_index (all, i))->id, !=, f->excluded);

  /* A limit keeps the newest; the total still counts all. */
  two = bb_store_problem_list_incidents (f->store, f->problem, 2, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpint (total, ==, bb_store_problem_count_incidents (f->store, f->problem, NULL));
}

static void
test_months (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = bb_store_problem_count_by_month (f->store, f->problem, &error);
  guint sum = 0;

  /* T0 = 2023-11-14 22:13 UTC, T2 = T0 + 360 d = 2024-11-08: thirteen
   * months of the station's zone (UTC), November to November. */
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 13);
  g_assert_cmpint (g_array_index (months, BbMonthCount, 0).year, ==, 2023);
  g_assert_cmpint (g_array_index (months, BbMonthCount, 0).month, ==, 11);
  g_assert_cmpint (g_array_index (months, BbMonthCount, 12).year, ==, 2024);
  g_assert_cmpint (g_array_index (months, BbMonthCount, 12).month, ==, 11);
  /* 2023-11-24/25: three bicycles and the shop theft; T1 = 2024-05-12:
   * the bicycle on the 22nd and the assault added by hand on the 26th. */
  g_assert_cmpuint (g_array_index (months, BbMonthCount, 0).count, ==, 4);
  g_assert_cmpint (g_array_index (months, BbMonthCount, 6).month, ==, 5);
  g_assert_cmpuint (g_array_index (months, BbMonthCount, 6).count, ==, 2);
  for (guint i = 0; i < months->len; i++)
    sum += g_array_index (months, BbMonthCount, i).count;
  g_assert_cmpuint (sum, ==, 6);
}

static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblemDetail) detail = NULL;
  g_autoptr(BbResponse) response = bb_response_new ();
  g_autoptr(BbTask) done = bb_task_new ();
  g_autoptr(BbTask) open = bb_task_new ();
  g_autoptr(BbPlan) plan = bb_plan_new ();
  g_autoptr(BbPlanReview) late = bb_plan_review_new ();
  g_autoptr(BbPlanReview) early = bb_plan_review_new ();
  g_autofree char *partner = add_partner (f->store, "Station Square Cycle Shop");
  const char *partners[] = { partner, NULL };
  const char *problems[] = { f->problem, NULL };

  response->problem_id = g_strdup (f->problem);
  response->title = g_strdup ("Lockable racks");
  response->agreed = TRUE;
  response->owner_partner_id = g_strdup (partner);
  response->start_date = g_strdup ("2024-05-12");
  response->end_date = g_strdup ("2024-11-08");
  g_assert_true (bb_store_response_insert (f->store, response, &error));
  g_assert_no_error (error);
  done->response_id = g_strdup (response->id);
  done->title = g_strdup ("Order the racks");
  done->due_date = g_strdup ("2024-04-01");
  done->done = TRUE;
  open->response_id = g_strdup (response->id);
  open->title = g_strdup ("Put up the camera");
  open->due_date = g_strdup ("2024-06-01");
  g_assert_true (bb_store_task_insert (f->store, done, &error));
  g_assert_true (bb_store_task_insert (f->store, open, &error));
  g_assert_true (bb_store_problem_set_partners (f->store, f->problem, partners, &error));
  plan->title = g_strdup ("Old Town safety plan");
  g_assert_true (bb_store_plan_save (f->store, plan, problems, &error));
  g_assert_no_error (error);
  late->plan_id = g_strdup (plan->id);
  late->review_date = g_strdup ("2024-12-01");
  early->plan_id = g_strdup (plan->id);
  early->review_date = g_strdup ("2024-06-01");
  g_assert_true (bb_store_plan_review_insert (f->store, late, &error));
  g_assert_true (bb_store_plan_review_insert (f->store, early, &error));
  g_assert_no_error (error);

  detail = bb_store_problem_detail_load (f->store, f->problem, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (detail->problem->title, ==, "Bicycle thefts at the station");
  g_assert_cmpuint (g_strv_length (detail->category_ids), ==, 1);
  g_assert_cmpstrv (detail->partner_ids, partners);
  g_assert_cmpuint (detail->responses->len, ==, 1);
  g_assert_cmpstr (((BbResponse *) g_ptr_array_index (detail->responses, 0))->owner_partner_id, ==, partner);
  g_assert_cmpstr (((BbResponse *) g_ptr_array_index (detail->responses, 0))->end_date, ==, "2024-11-08");
  /* Open tasks first. */
  g_assert_cmpuint (detail->tasks->len, ==, 2);
  g_assert_cmpstr (((BbTask *) g_ptr_array_index (detail->tasks, 0))->title, ==, "Put up the camera");
  g_assert_cmpint (detail->n_incidents, ==, 6);
  g_assert_cmpuint (detail->incidents->len, ==, 6);
  g_assert_cmpuint (detail->excluded->len, ==, 1);
  g_assert_cmpstr (((BbIncident *) g_ptr_array_index (detail->excluded, 0))->id, ==, f->excluded);
  g_assert_cmpuint (detail->months->len, ==, 13);
  /* By hour of the week (UTC, Monday 00:00 = 0), worked out by hand from
   * T0 = Tuesday 2023-11-14 22:13: the three bicycles on Friday the 24th
   * at 22, 23 and Saturday 00 h, the shop theft on Saturday at 22 h, the
   * bicycle on Wednesday 2024-05-22 at 22 h, the assault added by hand on
   * Sunday the 26th at 22 h; the one left out by hand is not counted. */
  {
    guint expected[BB_HOURS_PER_WEEK] = { 0 };

    expected[4 * 24 + 22] = 1;
    expected[4 * 24 + 23] = 1;
    expected[5 * 24 + 0] = 1;
    expected[5 * 24 + 22] = 1;
    expected[2 * 24 + 22] = 1;
    expected[6 * 24 + 22] = 1;
    for (guint h = 0; h < BB_HOURS_PER_WEEK; h++)
      if (detail->hours[h] != expected[h])
        g_error ("hour %u of the week: %u incidents, expected %u", h, detail->hours[h], expected[h]);
  }
  /* The counts of test-store-problems.c's before/after. */
  g_assert_true (detail->assessed);
  g_assert_null (detail->not_assessed);
  g_assert_cmpfloat (detail->counts.area_before, ==, 4);
  g_assert_cmpfloat (detail->counts.area_after, ==, 2);
  g_assert_cmpfloat (detail->counts.control_after, ==, 8);
  /* The plan that takes it on, and its reviews by date. */
  g_assert_cmpuint (detail->plans->len, ==, 1);
  g_assert_cmpstr (((BbPlan *) g_ptr_array_index (detail->plans, 0))->id, ==, plan->id);
  g_assert_cmpuint (detail->reviews->len, ==, 2);
  g_assert_cmpstr (((BbPlanReview *) g_ptr_array_index (detail->reviews, 0))->review_date, ==, "2024-06-01");

  /* Without a response period the page says why there is no assessment. */
  g_clear_pointer (&detail, bb_problem_detail_free);
  {
    g_autoptr(BbProblem) p = bb_store_problem_get (f->store, f->problem, &error);

    p->response_end = BB_UNSET_TIME;
    g_assert_true (bb_store_problem_update (f->store, p, &error));
    g_assert_no_error (error);
  }
  detail = bb_store_problem_detail_load (f->store, f->problem, &error);
  g_assert_no_error (error);
  g_assert_false (detail->assessed);
  g_assert_nonnull (strstr (detail->not_assessed, "response period"));
}

static gint64
audit_lines (BbStore *store)
{
  g_autoptr(GPtrArray) lines = bb_store_audit_list (store, 0, NULL, NULL, NULL);

  return lines->len;
}

static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbProblem) p = bb_problem_new ();
  g_autoptr(BbProblem) stored = NULL;
  g_autoptr(BbCategory) burglary = bb_store_category_get_by_code (f->store, "burglary", NULL);
  g_autofree char *school = add_partner (f->store, "Northside School");
  g_autofree char *housing = add_partner (f->store, "Northside Housing");
  const char *categories[] = { burglary->id, NULL };
  const char *partners[] = { school, housing, NULL };
  const char *one_partner[] = { housing, NULL };
  const char *no_such_partner[] = { housing, "no-such-partner", NULL };
  g_auto(GStrv) links = NULL;
  gint64 lines;

  /* A new problem with its links: the problem, a category and two partners. */
  p->title = g_strdup ("Burglaries in the north");
  p->statement = g_strdup ("Flats are broken into on weekday mornings.");
  p->district_id = g_strdup (f->district);
  g_assert_true (bb_store_problem_save (f->store, p, categories, partners, &error));
  g_assert_no_error (error);
  g_assert_nonnull (p->id);
  links = bb_store_problem_dup_partners (f->store, p->id, &error);
  g_assert_cmpuint (g_strv_length (links), ==, 2);
  g_strfreev (links);
  links = bb_store_problem_dup_categories (f->store, p->id, &error);
  g_assert_cmpstr (links[0], ==, burglary->id);

  /* A change that the database refuses half-way (a partner that is not
   * in the directory) writes nothing: not the title, not the other link. */
  lines = audit_lines (f->store);
  g_free (p->title);
  p->title = g_strdup ("Burglaries in the north, changed");
  g_assert_false (bb_store_problem_save (f->store, p, NULL, no_such_partner, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  stored = bb_store_problem_get (f->store, p->id, &error);
  g_assert_cmpstr (stored->title, ==, "Burglaries in the north");
  g_strfreev (links);
  links = bb_store_problem_dup_partners (f->store, p->id, &error);
  g_assert_cmpuint (g_strv_length (links), ==, 2);
  g_assert_cmpint (audit_lines (f->store), ==, lines);

  /* An invalid record is refused before anything is written. */
  g_free (p->title);
  p->title = g_strdup ("  ");
  g_assert_false (bb_store_problem_save (f->store, p, NULL, one_partner, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (audit_lines (f->store), ==, lines);

  /* A good change: the title and one partner less, together.  NULL
   * categories leave them as they were. */
  g_free (p->title);
  p->title = g_strdup ("Burglaries in the north, changed");
  g_assert_true (bb_store_problem_save (f->store, p, NULL, one_partner, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, bb_problem_free);
  stored = bb_store_problem_get (f->store, p->id, &error);
  g_assert_cmpstr (stored->title, ==, "Burglaries in the north, changed");
  g_strfreev (links);
  links = bb_store_problem_dup_partners (f->store, p->id, &error);
  g_assert_cmpstrv (links, one_partner);
  g_strfreev (links);
  links = bb_store_problem_dup_categories (f->store, p->id, &error);
  g_assert_cmpuint (g_strv_length (links), ==, 1);
}

static void
test_response_owner (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbResponse) r = bb_response_new ();
  g_autoptr(BbOfficer) officer = bb_officer_new ();
  g_autofree char *partner = add_partner (f->store, "Cycle club");

  officer->name = g_strdup ("Inspector Ana Lis");
  g_assert_true (bb_store_officer_insert (f->store, officer, &error));
  r->problem_id = g_strdup (f->problem);
  r->title = g_strdup ("Marking bicycles");
  r->owner_officer_id = g_strdup (officer->id);
  r->owner_partner_id = g_strdup (partner);
  /* One owner, not two. */
  g_assert_false (bb_store_response_insert (f->store, r, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&r->owner_partner_id, g_free);
  /* A period that ends before it starts. */
  r->start_date = g_strdup ("2024-06-01");
  r->end_date = g_strdup ("2024-05-01");
  g_assert_false (bb_store_response_insert (f->store, r, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (r->end_date);
  r->end_date = g_strdup ("2024-09-30");
  g_assert_true (bb_store_response_insert (f->store, r, &error));
  g_assert_no_error (error);
  {
    g_autoptr(BbResponse) back = bb_store_response_get (f->store, r->id, &error);

    g_assert_cmpstr (back->owner_officer_id, ==, officer->id);
    g_assert_null (back->owner_partner_id);
    g_assert_cmpstr (back->start_date, ==, "2024-06-01");
    g_assert_cmpstr (back->end_date, ==, "2024-09-30");
  }
}

/* A station written before responses had owners gains the columns. */
static void
test_migration (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "old.beatbook", NULL);
  g_autoptr(BbStore) old = bb_store_create_at_version (path, "Old Station", 5, &error);
  g_autoptr(BbStore) store = NULL;
  g_autoptr(BbProblem) p = bb_problem_new ();
  g_autoptr(BbResponse) r = bb_response_new ();

  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (old), ==, 5);
  g_clear_object (&old);
  store = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (store), ==, BB_STORE_SCHEMA_VERSION);
  p->title = g_strdup ("Noise");
  g_assert_true (bb_store_problem_insert (store, p, &error));
  r->problem_id = g_strdup (p->id);
  r->title = g_strdup ("Talk to the bar owners");
  r->start_date = g_strdup ("2026-01-01");
  g_assert_true (bb_store_response_insert (store, r, &error));
  g_assert_no_error (error);
  /* The audit log names the new column when it changes. */
  g_free (r->start_date);
  r->start_date = g_strdup ("2026-02-01");
  g_assert_true (bb_store_response_update (store, r, &error));
  {
    g_autoptr(GPtrArray) lines = bb_store_audit_list (store, 1, "response", r->id, &error);
    BbAuditEntry *last = g_ptr_array_index (lines, 0);

    g_assert_cmpstr (last->action, ==, "update");
    g_assert_cmpstr (last->detail, ==, "start_date");
  }
  g_clear_object (&store);
  rm_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/store/problem-detail/incidents", test_incidents);
  ADD ("/store/problem-detail/months", test_months);
  ADD ("/store/problem-detail/detail", test_detail);
  ADD ("/store/problem-detail/save", test_save);
  ADD ("/store/problem-detail/response-owner", test_response_owner);
#undef ADD
  g_test_add_func ("/store/problem-detail/migration", test_migration);

  return g_test_run ();
}
