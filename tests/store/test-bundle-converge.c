/* test-bundle-converge.c: three stations make random changes and exchange bundles in every order until they agree */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bundle-test-util.h"

/* The property: whatever the stations do (create, change and delete
 * incidents and problems, link them, rename categories, change the same
 * field at once) and in whatever order their bundles arrive (late, twice,
 * before the ones they need), once every station has had every other's
 * changes, all three hold the same records; no record created and never
 * deleted is missing; concurrent changes are in the conflict lists. */

#define N_STATIONS 3

static const char * const categories[] = {
  "burglary.residential", "vandalism.graffiti", "theft.bicycle", "assault", "public_disorder.noise",
};
static const char * const statuses[] = { "open", "cleared", "referred" };

typedef struct {
  char        *dir;
  GRand       *rand;
  TestStation *stations[N_STATIONS];
  GHashTable  *created;     /* incident ids ever created */
  GHashTable  *deleted;     /* incident ids ever deleted */
  GPtrArray   *mailbag;     /* bundles written, not yet applied: "to\x1fpath" */
  guint        n_bundles;
  guint        n_concurrent;
  guint        n_waits;
  guint        n_reversed;
} World;

static GPtrArray *
list_ids (BbStore    *store,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  BB_STORE_LOCK_SCOPE (store);

  stmt = bb_store_prepare (store, sql, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return ids;
}

static const char *
pick (World     *w,
      GPtrArray *ids)
{
  return ids->len > 0 ? g_ptr_array_index (ids, g_rand_int_range (w->rand, 0, (gint32) ids->len)) : NULL;
}

static void
random_change (World       *w,
               TestStation *s)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) incidents = list_ids (s->store, "SELECT id FROM incident ORDER BY id");
  g_autoptr(GPtrArray) problems = list_ids (s->store, "SELECT id FROM problem ORDER BY id");
  const char *incident = pick (w, incidents);
  const char *problem = pick (w, problems);
  int what = g_rand_int_range (w->rand, 0, 100);

  if (what < 25 || incident == NULL)
    {
      g_autofree char *text = g_strdup_printf ("Reported %u", g_rand_int (w->rand));
      char *id = add_incident (s->store, categories[g_rand_int_range (w->rand, 0, G_N_ELEMENTS (categories))],
                               text, FALSE);
      g_hash_table_add (w->created, id);
    }
  else if (what < 60)
    {
      static const char * const fields[] = { "description", "address", "status" };
      const char *field = fields[g_rand_int_range (w->rand, 0, 3)];
      g_autofree char *value = g_str_equal (field, "status")
        ? g_strdup (statuses[g_rand_int_range (w->rand, 0, 3)])
        : g_strdup_printf ("%s %u", field, g_rand_int (w->rand));

      set_description (s->store, incident, field, value);
    }
  else if (what < 68)
    {
      g_assert_true (bb_store_incident_delete (s->store, incident, &error));
      g_assert_no_error (error);
      g_hash_table_add (w->deleted, g_strdup (incident));
    }
  else if (what < 78 || problem == NULL)
    {
      g_autoptr(BbProblem) p = bb_problem_new ();

      p->title = g_strdup_printf ("Problem %u", g_rand_int (w->rand));
      g_assert_true (bb_store_problem_insert (s->store, p, &error));
      g_assert_no_error (error);
    }
  else if (what < 88)
    {
      g_assert_true (bb_store_problem_set_incident (s->store, problem, incident, g_rand_boolean (w->rand), &error));
      g_assert_no_error (error);
    }
  else if (what < 95)
    {
      g_autoptr(BbProblem) p = bb_store_problem_get (s->store, problem, &error);

      g_assert_no_error (error);
      g_free (p->statement);
      p->statement = g_strdup_printf ("Statement %u", g_rand_int (w->rand));
      g_assert_true (bb_store_problem_update (s->store, p, &error));
      g_assert_no_error (error);
    }
  else if (what < 97)
    {
      /* The same new category made at two stations: one category. */
      g_autoptr(BbCategory) c = bb_store_category_get_by_code (s->store, "noise.fireworks", NULL);

      if (c == NULL)
        {
          c = bb_category_new ();
          c->code = g_strdup ("noise.fireworks");
          c->name = g_strdup ("Fireworks");
          g_free (c->kind);
          c->kind = g_strdup ("disorder");
          g_assert_true (bb_store_category_insert (s->store, c, &error));
          g_assert_no_error (error);
        }
      g_hash_table_add (w->created, add_incident (s->store, "noise.fireworks", "Fireworks at night", FALSE));
    }
  else if (what < 98)
    {
      /* The user takes a lost change back. */
      g_autoptr(GPtrArray) open = bb_sync_list_conflicts (s->store, FALSE, NULL);

      for (guint i = 0; i < open->len; i++)
        {
          BbSyncConflict *c = open->pdata[i];

          if (c->reversible && c->kind == BB_SYNC_CONFLICT_FIELD)
            {
              g_assert_true (bb_sync_reverse_conflict (s->store, c->id, &error));
              g_assert_no_error (error);
              w->n_reversed++;
              break;
            }
        }
    }
  else
    {
      const char *code = categories[g_rand_int_range (w->rand, 0, G_N_ELEMENTS (categories))];
      g_autoptr(BbCategory) c = bb_store_category_get_by_code (s->store, code, &error);

      g_assert_no_error (error);
      g_free (c->name);
      c->name = g_strdup_printf ("Category %u", g_rand_int (w->rand));
      g_assert_true (bb_store_category_update (s->store, c, &error));
      g_assert_no_error (error);
    }
}

/* The same field of one incident changed at two stations before either
 * hears of the other's change. */
static void
concurrent_change (World *w)
{
  TestStation *a = w->stations[g_rand_int_range (w->rand, 0, N_STATIONS)];
  TestStation *b = w->stations[g_rand_int_range (w->rand, 0, N_STATIONS)];
  g_autoptr(GPtrArray) shared = NULL;
  const char *incident;
  g_autofree char *sql = NULL;

  if (a == b)
    return;
  shared = list_ids (a->store, "SELECT id FROM incident ORDER BY id");
  incident = pick (w, shared);
  if (incident == NULL)
    return;
  {
    g_autoptr(BbIncident) there = get_incident (b->store, incident);

    if (there == NULL)
      return;
  }
  set_description (a->store, incident, "description", "first version");
  set_description (b->store, incident, "description", "second version");
  w->n_concurrent++;
}

static void
post (World       *w,
      TestStation *from,
      TestStation *to)
{
  g_autofree char *name = g_strdup_printf ("b%04u", w->n_bundles++);
  g_autofree char *path = export_bundle (from, to, name, FALSE);
  guint index = 0;

  for (guint i = 0; i < N_STATIONS; i++)
    if (w->stations[i] == to)
      index = i;
  g_ptr_array_add (w->mailbag, g_strdup_printf ("%u\x1f%s", index, path));
}

/* Delivers what is in the mailbag in a random order; a bundle that needs
 * one still to come waits for it. */
static void
deliver (World   *w,
         gboolean shuffle)
{
  gboolean progress = TRUE;

  while (w->mailbag->len > 0 && progress)
    {
      progress = FALSE;
      for (guint n = w->mailbag->len; n > 0; n--)
        {
          guint i = shuffle ? (guint) g_rand_int_range (w->rand, 0, (gint32) w->mailbag->len) : 0;
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (w->mailbag, i), "\x1f", 2);
          TestStation *to = w->stations[atoi (parts[0])];
          g_autoptr(GError) error = NULL;
          g_autoptr(BbBundleResult) result = NULL;

          result = bb_bundle_apply (to->store, parts[1], FALSE, NULL, NULL, NULL, &error);
          if (g_error_matches (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER))
            {
              w->n_waits++;
              continue;
            }
          g_assert_no_error (error);
          g_assert_false (result->already_applied);
          /* Now and then a bundle arrives twice: nothing happens. */
          if (g_rand_int_range (w->rand, 0, 5) == 0)
            {
              g_autoptr(BbBundleResult) again = apply_bundle (to, parts[1]);

              g_assert_true (again->already_applied);
            }
          g_ptr_array_remove_index (w->mailbag, i);
          progress = TRUE;
        }
    }
}

static char *
problems_digest (BbStore *store)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  BB_STORE_LOCK_SCOPE (store);

  stmt = bb_store_prepare (store,
                           "SELECT 'p', id, title, statement, NULL FROM problem"
                           " UNION ALL SELECT 'l', problem_id, incident_id, included, NULL FROM problem_incident"
                           " UNION ALL SELECT 'c', code, name, kind, colour FROM category WHERE code IN"
                           " ('burglary.residential', 'vandalism.graffiti', 'theft.bicycle', 'assault', 'public_disorder.noise',"
                           "  'noise.fireworks')"
                           " ORDER BY 1, 2, 3", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 5; c++)
        g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
run_world (guint32 seed,
           guint   rounds)
{
  World w = { 0 };
  gint64 conflicts = 0;
  g_autofree char *first_incidents = NULL;
  g_autofree char *first_problems = NULL;

  g_test_message ("seed %u", seed);
  /* Incidents' times come from the global generator: the same run again. */
  g_random_set_seed (seed);
  w.dir = make_test_dir ();
  w.rand = g_rand_new_with_seed (seed);
  w.created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.deleted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  w.mailbag = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < N_STATIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Station %c", 'A' + i);

      w.stations[i] = test_station_new (w.dir, name);
    }

  /* Each station sends everything to the others once. */
  for (guint i = 0; i < N_STATIONS; i++)
    {
      g_autofree char *name = g_strdup_printf ("everything-%u", i);
      g_autofree char *path = NULL;

      random_change (&w, w.stations[i]);
      path = export_bundle (w.stations[i], NULL, name, FALSE);
      for (guint j = 0; j < N_STATIONS; j++)
        if (j != i)
          {
            g_autoptr(BbBundleResult) r = apply_bundle (w.stations[j], path);
          }
    }

  for (guint round = 0; round < rounds; round++)
    {
      for (guint i = 0; i < N_STATIONS; i++)
        for (int k = g_rand_int_range (w.rand, 1, 6); k > 0; k--)
          random_change (&w, w.stations[i]);
      if (g_rand_boolean (w.rand))
        concurrent_change (&w);
      /* Some stations write bundles for some others. */
      for (guint i = 0; i < N_STATIONS; i++)
        for (guint j = 0; j < N_STATIONS; j++)
          if (i != j && g_rand_int_range (w.rand, 0, 3) > 0)
            post (&w, w.stations[i], w.stations[j]);
      /* The post is slow: part of it arrives this round, in any order. */
      if (g_rand_boolean (w.rand))
        deliver (&w, TRUE);
    }

  /* Everything arrives, then every station writes to every other until
   * nothing is left to say. */
  deliver (&w, TRUE);
  g_assert_cmpuint (w.mailbag->len, ==, 0);
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < N_STATIONS; i++)
        for (guint j = 0; j < N_STATIONS; j++)
          if (i != j)
            post (&w, w.stations[i], w.stations[j]);
      deliver (&w, FALSE);
      g_assert_cmpuint (w.mailbag->len, ==, 0);
    }

  first_incidents = incidents_digest (w.stations[0]->store);
  first_problems = problems_digest (w.stations[0]->store);
  for (guint i = 0; i < N_STATIONS; i++)
    {
      g_autofree char *incidents = incidents_digest (w.stations[i]->store);
      g_autofree char *problems = problems_digest (w.stations[i]->store);
      GHashTableIter iter;
      gpointer id;

      g_assert_cmpstr (incidents, ==, first_incidents);
      g_assert_cmpstr (problems, ==, first_problems);
      /* Nothing created and never deleted is missing. */
      g_hash_table_iter_init (&iter, w.created);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (w.deleted, id))
          {
            g_autoptr(BbIncident) kept = get_incident (w.stations[i]->store, id);

            g_assert_nonnull (kept);
          }
      conflicts += bb_sync_count_open_conflicts (w.stations[i]->store, NULL);
      if (g_getenv ("BEATBOOK_CONVERGE_VERBOSE") != NULL)
        {
          g_autoptr(GPtrArray) list = bb_sync_list_conflicts (w.stations[i]->store, FALSE, NULL);

          for (guint k = 0; k < list->len; k++)
            {
              BbSyncConflict *c = list->pdata[k];

              g_test_message ("station %u: %s %s %s kind %d kept “%s” lost “%s” %s", i, c->table, c->row_id,
                              c->column, c->kind, c->kept_value, c->lost_value, c->remote_won ? "there won" : "here won");
            }
        }
    }
  if (w.n_concurrent > 0)
    g_assert_cmpint (conflicts, >, 0);
  g_test_message ("%u bundles, %u waited for an earlier one, %u concurrent changes, %" G_GINT64_FORMAT " conflicts listed, "
                  "%u reversed", w.n_bundles, w.n_waits, w.n_concurrent, conflicts, w.n_reversed);

  for (guint i = 0; i < N_STATIONS; i++)
    test_station_free (w.stations[i]);
  g_ptr_array_unref (w.mailbag);
  g_hash_table_unref (w.created);
  g_hash_table_unref (w.deleted);
  g_rand_free (w.rand);
  rm_dir (w.dir);
  g_free (w.dir);
}

static void
test_converge (void)
{
  const char *env = g_getenv ("BEATBOOK_CONVERGE_SEEDS");
  const char *rounds = g_getenv ("BEATBOOK_CONVERGE_ROUNDS");
  guint n = env != NULL ? (guint) atoi (env) : 4;

  /* More seeds and rounds from the environment, for a longer search. */
  for (guint32 seed = 1; seed <= n; seed++)
    run_world (seed, rounds != NULL ? (guint) atoi (rounds) : 6);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundle/converge", test_converge);
  return g_test_run ();
}
