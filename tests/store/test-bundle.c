/* test-bundle.c: two stations exchange bundles: both ways, twice, out of order, with conflicts, deletions and restricted incidents */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "bb-bundle-cli.h"
#include "bundle-test-util.h"

typedef struct {
  char        *dir;
  TestStation *north;
  TestStation *hq;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = make_test_dir ();
  f->north = test_station_new (f->dir, "North");
  f->hq = test_station_new (f->dir, "Headquarters");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_station_free (f->north);
  test_station_free (f->hq);
  rm_dir (f->dir);
  g_free (f->dir);
}

/* A first exchange: everything one way, then the other station's
 * changes back addressed to the first, then changes since. */
static void
test_both_ways (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = add_incident (f->north->store, "burglary.residential", "Back door forced", FALSE);
  g_autofree char *b = add_incident (f->hq->store, "vandalism.graffiti", "Graffiti on the school wall", FALSE);
  g_autofree char *first = export_bundle (f->north, NULL, "first", FALSE);
  g_autoptr(BbBundleResult) r1 = apply_bundle (f->hq, first);
  g_autofree char *back = NULL;
  g_autoptr(BbBundleResult) r2 = NULL;
  g_autofree char *more = NULL;
  g_autoptr(BbBundleResult) r3 = NULL;
  g_autoptr(BbIncident) seen = NULL;
  g_autoptr(GPtrArray) peers = NULL;
  g_autofree char *north_digest = NULL;
  g_autofree char *hq_digest = NULL;

  g_assert_false (r1->already_applied);
  g_assert_cmpuint (r1->added, >=, 1);
  g_assert_cmpuint (r1->conflicts, ==, 0);
  seen = get_incident (f->hq->store, a);
  g_assert_nonnull (seen);
  g_assert_cmpstr (seen->description, ==, "Back door forced");
  /* Each record keeps the station it came from. */
  g_assert_cmpstr (seen->station_id, ==, bb_store_get_station_id (f->north->store));
  g_clear_pointer (&seen, bb_incident_free);
  g_assert_cmpint (bb_store_count (f->hq->store, "incident", NULL), ==, 2);

  /* Headquarters now knows North, and answers it with a bundle for it. */
  peers = bb_sync_list_peers (f->hq->store, NULL);
  g_assert_cmpuint (peers->len, ==, 1);
  g_assert_cmpstr (((BbSyncPeer *) peers->pdata[0])->name, ==, "North");
  back = export_bundle (f->hq, f->north, "back", FALSE);
  r2 = apply_bundle (f->north, back);
  g_assert_cmpuint (r2->header->sequence, ==, 1);
  g_assert_cmpint (bb_store_count (f->north->store, "incident", NULL), ==, 2);
  seen = get_incident (f->north->store, b);
  g_assert_cmpstr (seen->description, ==, "Graffiti on the school wall");
  g_clear_pointer (&seen, bb_incident_free);

  north_digest = incidents_digest (f->north->store);
  hq_digest = incidents_digest (f->hq->store);
  g_assert_cmpstr (north_digest, ==, hq_digest);

  /* Later changes travel alone: one incident changed, nothing else. */
  set_description (f->north->store, a, "status", "cleared");
  more = export_bundle (f->north, f->hq, "more", FALSE);
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_read_header (more, NULL, NULL);

    g_assert_false (header->everything);
    g_assert_cmpuint (bb_bundle_header_get_records (header, "incident"), ==, 1);
    /* Headquarters' own incident, which came from there, does not go back. */
    g_assert_cmpuint (bb_bundle_header_count_records (header), <=, 2);
    g_assert_cmpint (header->last_change, >=, header->first_change);
  }
  r3 = apply_bundle (f->hq, more);
  g_assert_cmpuint (r3->changed, ==, 1);
  seen = get_incident (f->hq->store, a);
  g_assert_cmpstr (seen->status, ==, "cleared");
}

/* The same bundle twice, and everything twice: nothing changes the second time. */
/* Every column of a record, its type and its exact value, for records
 * that stress how a bundle writes values: text as long as a few bytes
 * of length allow and longer, text in other scripts, empty and missing
 * values, numbers far from zero and below it, fractions that decimal
 * text would round, and a blob with NUL bytes in it. */
static void
test_values_exact (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const columns[] = {
    "id", "station_id", "occurred_start", "occurred_end", "time_unknown", "reported_at", "lat", "lon",
    "address", "description", "source", "status", "restricted", "external_id", "fingerprint", "created_at",
    "updated_at", NULL
  };
  /* lengths either side of one, two and three bytes of length */
  static const guint lengths[] = { 0, 1, 127, 128, 16383, 16384, 100000 };
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autofree char *bundle = NULL;
  g_autoptr(BbBundleResult) result = NULL;
  g_autofree char *north_rows = NULL;
  g_autofree char *hq_rows = NULL;
  g_autofree char *north_sum = NULL;
  g_autofree char *hq_sum = NULL;
  g_autofree char *logo_sql = NULL;
  g_autofree char *north_logo = NULL;
  g_autofree char *hq_logo = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = NULL;
      g_autoptr(BbIncident) incident = NULL;

      /* Cyrillic letters are two bytes: the length in bytes is odd or
       * even by the Latin letter in front */
      while (text->len < lengths[i])
        g_string_append (text, text->len + 2 <= lengths[i] ? "ж" : "a");
      id = add_incident (f->north->store, "burglary.residential", text->str, FALSE);
      incident = get_incident (f->north->store, id);
      incident->lat = -33.868819999999999 + i * 1e-9;
      incident->lon = 151.20929299999999 - i * 1e-9;
      incident->occurred_start = i % 2 == 0 ? -2208988800 + i : G_GINT64_CONSTANT (253402300799) - i;
      incident->occurred_end = i == 3 ? BB_UNSET_TIME : incident->occurred_start + 3600;
      g_free (incident->address);
      incident->address = g_strdup (i == 0 ? "" : "Tänavа 7, Ağdam, Şəhər");
      g_assert_true (bb_store_incident_update (f->north->store, incident, &error));
      g_assert_no_error (error);
    }
  {
    /* the station's logo: bytes, NULs among them, longer than two bytes of length say */
    g_autoptr(GByteArray) logo = g_byte_array_new ();
    g_autoptr(sqlite3_stmt) stmt = NULL;
    BB_STORE_LOCK_SCOPE (f->north->store);

    for (guint i = 0; i < 70000; i++)
      {
        guint8 b = (guint8) (i * 7);

        g_byte_array_append (logo, &b, 1);
      }
    g_assert_true (bb_store_begin (f->north->store, &error));
    stmt = bb_store_prepare (f->north->store, "UPDATE station SET logo = ?1, updated_at = updated_at + 1", NULL);
    sqlite3_bind_blob (stmt, 1, logo->data, (int) logo->len, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    g_assert_true (bb_store_commit (f->north->store, &error));
    g_assert_no_error (error);
  }

  for (guint c = 0; columns[c] != NULL; c++)
    g_string_append_printf (sql, "%stypeof (%s), quote (%s)", c > 0 ? ", " : "", columns[c], columns[c]);
  g_string_append (sql, " FROM incident ORDER BY id");

  bundle = export_bundle (f->north, NULL, "everything", FALSE);
  result = apply_bundle (f->hq, bundle);
  g_assert_cmpuint (result->added, >=, G_N_ELEMENTS (lengths));

  north_rows = rows_text (f->north->store, sql->str);
  hq_rows = rows_text (f->hq->store, sql->str);
  g_assert_cmpuint (strlen (north_rows), >, 100000);
  /* the rows are long: their checksums say whether they are the same */
  north_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, north_rows, -1);
  hq_sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, hq_rows, -1);
  g_assert_cmpstr (hq_sum, ==, north_sum);

  logo_sql = g_strdup_printf ("SELECT typeof (logo), length (logo), hex (logo) FROM station WHERE id = '%s'",
                              bb_store_get_station_id (f->north->store));
  north_logo = rows_text (f->north->store, logo_sql);
  hq_logo = rows_text (f->hq->store, logo_sql);
  g_assert_true (g_str_has_prefix (north_logo, "blob|70000|"));
  g_assert_cmpstr (hq_logo, ==, north_logo);
}

static void
test_idempotent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *a = add_incident (f->north->store, "burglary.residential", "Back door forced", FALSE);
  g_autofree char *path = export_bundle (f->north, NULL, "first", FALSE);
  g_autoptr(BbBundleResult) r1 = apply_bundle (f->hq, path);
  g_autofree char *before = station_digest (f->hq->store);
  g_autoptr(BbBundleResult) r2 = apply_bundle (f->hq, path);
  g_autofree char *after = station_digest (f->hq->store);
  g_autofree char *again = NULL;
  g_autoptr(BbBundleResult) r3 = NULL;
  g_autofree char *incidents_before = incidents_digest (f->hq->store);
  g_autofree char *incidents_after = NULL;

  g_assert_false (r1->already_applied);
  g_assert_true (r2->already_applied);
  g_assert_cmpint (r2->applied_at, ==, r1->applied_at);
  g_assert_cmpstr (before, ==, after);

  /* A second bundle with everything: a new file, the same records. */
  again = export_bundle (f->north, NULL, "again", FALSE);
  r3 = apply_bundle (f->hq, again);
  g_assert_false (r3->already_applied);
  g_assert_cmpuint (r3->added, ==, 0);
  g_assert_cmpuint (r3->changed, ==, 0);
  g_assert_cmpuint (r3->deleted, ==, 0);
  g_assert_cmpuint (r3->conflicts, ==, 0);
  incidents_after = incidents_digest (f->hq->store);
  g_assert_cmpstr (incidents_before, ==, incidents_after);
}

/* North and headquarters know each other: everything both ways. */
static void
introduce (Fixture *f)
{
  g_autofree char *a = export_bundle (f->north, NULL, "north-everything", FALSE);
  g_autoptr(BbBundleResult) ra = apply_bundle (f->hq, a);
  g_autofree char *b = export_bundle (f->hq, f->north, "hq-first", FALSE);
  g_autoptr(BbBundleResult) rb = apply_bundle (f->north, b);
}

static BbSyncConflict *
find_conflict (GPtrArray  *conflicts,
               const char *row_id,
               const char *column)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      BbSyncConflict *c = conflicts->pdata[i];

      if (g_strcmp0 (c->row_id, row_id) == 0 && g_strcmp0 (c->column, column) == 0)
        return c;
    }
  return NULL;
}

/* Both change the same incident: each field goes to the latest change,
 * fields changed on one side only are kept, and the loser is listed at
 * both stations, ready to be taken back. */
static void
test_conflict_per_field (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *id = add_incident (f->north->store, "burglary.residential", "Back door forced", FALSE);
  g_autofree char *to_hq = NULL;
  g_autofree char *to_north = NULL;
  g_autofree char *again = NULL;
  g_autoptr(BbBundleResult) r1 = NULL;
  g_autoptr(BbBundleResult) r2 = NULL;
  g_autoptr(BbBundleResult) r3 = NULL;
  g_autoptr(BbIncident) at_north = NULL;
  g_autoptr(BbIncident) at_hq = NULL;
  g_autoptr(GPtrArray) north_conflicts = NULL;
  g_autoptr(GPtrArray) hq_conflicts = NULL;
  g_autoptr(GError) error = NULL;
  BbSyncConflict *c;

  introduce (f);
  /* North first, headquarters later: headquarters' description is the latest. */
  set_description (f->north->store, id, "description", "Back door forced, jewellery taken");
  set_description (f->north->store, id, "address", "Lake Street 6");
  g_usleep (2000);
  set_description (f->hq->store, id, "description", "Back door forced; neighbours saw a van");
  set_description (f->hq->store, id, "status", "referred");

  to_hq = export_bundle (f->north, f->hq, "north-2", FALSE);
  to_north = export_bundle (f->hq, f->north, "hq-2", FALSE);
  r1 = apply_bundle (f->hq, to_hq);
  r2 = apply_bundle (f->north, to_north);
  g_assert_cmpuint (r1->conflicts, ==, 1);
  g_assert_cmpuint (r2->conflicts, ==, 1);

  at_north = get_incident (f->north->store, id);
  at_hq = get_incident (f->hq->store, id);
  g_assert_cmpstr (at_north->description, ==, "Back door forced; neighbours saw a van");
  g_assert_cmpstr (at_hq->description, ==, "Back door forced; neighbours saw a van");
  g_assert_cmpstr (at_north->address, ==, "Lake Street 6");
  g_assert_cmpstr (at_hq->address, ==, "Lake Street 6");
  g_assert_cmpstr (at_north->status, ==, "referred");
  g_assert_cmpstr (at_hq->status, ==, "referred");

  hq_conflicts = bb_sync_list_conflicts (f->hq->store, FALSE, &error);
  g_assert_no_error (error);
  c = find_conflict (hq_conflicts, id, "description");
  g_assert_nonnull (c);
  g_assert_false (c->remote_won);
  g_assert_cmpstr (c->kept_value, ==, "Back door forced; neighbours saw a van");
  g_assert_cmpstr (c->lost_value, ==, "Back door forced, jewellery taken");
  g_assert_cmpstr (c->field_label, ==, "Description");
  g_assert_cmpstr (c->there_name, ==, "North");
  g_assert_true (g_str_has_prefix (c->record_label, "Incident: "));

  north_conflicts = bb_sync_list_conflicts (f->north->store, FALSE, &error);
  c = find_conflict (north_conflicts, id, "description");
  g_assert_nonnull (c);
  g_assert_true (c->remote_won);
  g_assert_true (c->reversible);
  g_assert_cmpstr (c->lost_value, ==, "Back door forced, jewellery taken");
  g_assert_cmpint (bb_sync_count_open_conflicts (f->north->store, NULL), ==, 1);

  /* North takes its own description back; it is the latest change now,
   * everywhere it goes. */
  g_assert_true (bb_sync_reverse_conflict (f->north->store, c->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_sync_count_open_conflicts (f->north->store, NULL), ==, 0);
  g_assert_false (bb_sync_reverse_conflict (f->north->store, c->id, &error));
  g_clear_error (&error);
  g_clear_pointer (&at_north, bb_incident_free);
  at_north = get_incident (f->north->store, id);
  g_assert_cmpstr (at_north->description, ==, "Back door forced, jewellery taken");
  again = export_bundle (f->north, f->hq, "north-3", FALSE);
  r3 = apply_bundle (f->hq, again);
  g_assert_cmpuint (r3->conflicts, ==, 0);
  g_clear_pointer (&at_hq, bb_incident_free);
  at_hq = get_incident (f->hq->store, id);
  g_assert_cmpstr (at_hq->description, ==, "Back door forced, jewellery taken");

  /* Accepting settles a conflict without changing anything. */
  c = find_conflict (hq_conflicts, id, "description");
  g_assert_true (bb_sync_accept_conflict (f->hq->store, c->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bb_sync_count_open_conflicts (f->hq->store, NULL), ==, 0);
}

static char *
add_category (BbStore    *store,
              const char *code,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbCategory) category = bb_category_new ();

  category->code = g_strdup (code);
  category->name = g_strdup (name);
  g_free (category->kind);
  category->kind = g_strdup ("disorder");
  g_assert_true (bb_store_category_insert (store, category, &error));
  g_assert_no_error (error);
  return g_strdup (category->id);
}

static char *
add_incident_in (BbStore    *store,
                 const char *category_id,
                 const char *description)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) incident = bb_incident_new ();

  incident->category_id = g_strdup (category_id);
  incident->occurred_start = 1714550400;
  incident->description = g_strdup (description);
  g_assert_true (bb_store_incident_insert (store, incident, &error));
  g_assert_no_error (error);
  return g_strdup (incident->id);
}

/* Bundles that come out of order: one that needs an earlier one waits for
 * it with a message naming it, one that does not applies and says what
 * is still missing; in the end the station is the same as in order. */
static void
test_out_of_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *category = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *b1 = NULL, *b2 = NULL, *b3 = NULL, *b4 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *north_incidents = NULL;
  g_autofree char *hq_incidents = NULL;
  g_autoptr(BbBundleResult) r = NULL;
  g_autoptr(BbIncident) seen = NULL;
  BbBundleResult *failed;

  introduce (f);
  category = add_category (f->north->store, "noise.fireworks", "Fireworks");
  b1 = export_bundle (f->north, f->hq, "n1", FALSE);             /* the category */
  incident = add_incident_in (f->north->store, category, "Fireworks at 3 am");
  b2 = export_bundle (f->north, f->hq, "n2", FALSE);             /* an incident in it */
  set_description (f->north->store, incident, "status", "cleared");
  b3 = export_bundle (f->north, f->hq, "n3", FALSE);             /* its status */
  set_description (f->north->store, incident, "address", "Market Square");
  b4 = export_bundle (f->north, f->hq, "n4", FALSE);             /* its address */

  /* The incident without its category: refused, naming the missing
   * bundle, and nothing changed. */
  before = station_digest (f->hq->store);
  failed = bb_bundle_apply (f->hq->store, b2, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_NEEDS_EARLIER);
  g_assert_nonnull (strstr (error->message, "number 1"));
  g_clear_error (&error);
  after = station_digest (f->hq->store);
  g_assert_cmpstr (before, ==, after);

  /* The category, then the last change before the one in the middle. */
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, b1);
  g_assert_cmpuint (r->notes->len, ==, 0);
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, b2);
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, b4);
  g_assert_cmpuint (r->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (r->notes, 0), "3"));
  /* A bundle carries a changed record whole, as it is now: the status
   * of bundle 3 came with it. */
  seen = get_incident (f->hq->store, incident);
  g_assert_cmpstr (seen->address, ==, "Market Square");
  g_assert_cmpstr (seen->status, ==, "cleared");
  g_clear_pointer (&seen, bb_incident_free);
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, b3);
  g_assert_cmpuint (r->notes->len, ==, 0);
  g_assert_cmpuint (r->changed, ==, 0);
  seen = get_incident (f->hq->store, incident);
  g_assert_cmpstr (seen->address, ==, "Market Square");
  g_assert_cmpstr (seen->status, ==, "cleared");

  north_incidents = incidents_digest (f->north->store);
  hq_incidents = incidents_digest (f->hq->store);
  g_assert_cmpstr (north_incidents, ==, hq_incidents);
}

/* A deletion travels as a tombstone: the record goes, a late copy of it
 * does not bring it back, and a change made after the deletion does. */
static void
test_tombstones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = add_incident (f->north->store, "burglary.residential", "Entered by the window", FALSE);
  g_autofree char *edited = add_incident (f->north->store, "burglary.residential", "Shed broken into", FALSE);
  g_autofree char *stale = NULL;
  g_autofree char *deletion = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(BbBundleResult) r = NULL;
  g_autoptr(BbIncident) back = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  BbSyncConflict *c;

  introduce (f);
  stale = export_bundle (f->north, NULL, "stale-everything", FALSE);
  g_assert_true (bb_store_incident_delete (f->north->store, gone, &error));
  g_assert_true (bb_store_incident_delete (f->north->store, edited, &error));
  g_assert_no_error (error);
  g_assert_null (get_incident (f->north->store, gone));

  /* Headquarters changes one of them before it hears of the deletion. */
  g_usleep (2000);
  set_description (f->hq->store, edited, "description", "Shed broken into, bicycle taken");

  deletion = export_bundle (f->north, f->hq, "deletion", FALSE);
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_read_header (deletion, NULL, NULL);
    g_assert_cmpuint (bb_bundle_header_count_deleted (header), ==, 2);
  }
  r = apply_bundle (f->hq, deletion);
  g_assert_null (get_incident (f->hq->store, gone));
  /* Changed after it was deleted: the change is the latest, it stays. */
  back = get_incident (f->hq->store, edited);
  g_assert_nonnull (back);
  g_assert_cmpuint (r->deleted, ==, 1);
  g_assert_cmpuint (r->conflicts, ==, 1);
  conflicts = bb_sync_list_conflicts (f->hq->store, FALSE, NULL);
  c = find_conflict (conflicts, edited, NULL);
  g_assert_nonnull (c);
  g_assert_cmpint (c->kind, ==, BB_SYNC_CONFLICT_CHANGED_AFTER_DELETE);
  g_assert_false (c->remote_won);

  /* The old copy of everything does not bring the deleted one back. */
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, stale);
  g_assert_null (get_incident (f->hq->store, gone));
  g_assert_cmpuint (r->added, ==, 0);

  /* North gets the changed one back, with the change. */
  answer = export_bundle (f->hq, f->north, "answer", FALSE);
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->north, answer);
  g_clear_pointer (&back, bb_incident_free);
  back = get_incident (f->north->store, edited);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->description, ==, "Shed broken into, bicycle taken");
  g_assert_null (get_incident (f->north->store, gone));
}

/* Restricted incidents stay home unless the user sends them to
 * headquarters on purpose; a link to one travels without it. */
static void
test_restricted (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *open_id = add_incident (f->north->store, "burglary.residential", "Shed broken into", FALSE);
  g_autofree char *secret = add_incident (f->north->store, "assault", "Domestic violence, informant", TRUE);
  g_autofree char *plain = NULL;
  g_autofree char *later = NULL;
  g_autofree char *with = NULL;
  g_autofree char *path = NULL;
  g_autoptr(BbBundleResult) r = NULL;
  g_autoptr(BbBundleHeader) header = NULL;
  g_autoptr(BbIncident) seen = NULL;
  BbBundleExportOptions options = { 0 };

  plain = export_bundle (f->north, NULL, "plain", FALSE);
  header = bb_bundle_read_header (plain, NULL, NULL);
  g_assert_false (header->restricted_included);
  g_assert_cmpuint (bb_bundle_header_get_records (header, "incident"), ==, 1);
  r = apply_bundle (f->hq, plain);
  g_assert_nonnull ((seen = get_incident (f->hq->store, open_id)));
  g_clear_pointer (&seen, bb_incident_free);
  g_assert_null (get_incident (f->hq->store, secret));
  {
    g_autofree char *back = export_bundle (f->hq, f->north, "back", FALSE);
    g_autoptr(BbBundleResult) rb = apply_bundle (f->north, back);
  }

  /* Not to a station that is not headquarters, nor to any station. */
  path = g_build_filename (f->dir, "refused" BB_BUNDLE_SUFFIX, NULL);
  options.include_restricted = TRUE;
  g_assert_null (bb_bundle_export (f->north->store, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID);
  g_clear_error (&error);
  options.peer_id = (char *) bb_store_get_station_id (f->hq->store);
  g_assert_null (bb_bundle_export (f->north->store, path, &options, NULL, NULL, NULL, &error));
  g_assert_error (error, BB_BUNDLE_ERROR, BB_BUNDLE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Later changes leave it out too. */
  set_description (f->north->store, secret, "description", "Domestic violence, second call");
  later = export_bundle (f->north, f->hq, "later", FALSE);
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, later);
  g_assert_null (get_incident (f->hq->store, secret));

  /* To headquarters, on purpose: it arrives restricted, and the audit
   * log says it left. */
  g_assert_true (bb_sync_set_peer (f->north->store, bb_store_get_station_id (f->hq->store), "Headquarters", TRUE, &error));
  g_assert_no_error (error);
  with = export_bundle (f->north, f->hq, "with", TRUE);
  g_clear_pointer (&header, bb_bundle_header_free);
  header = bb_bundle_read_header (with, NULL, NULL);
  g_assert_true (header->restricted_included);
  g_assert_true (header->to_headquarters);
  g_clear_pointer (&r, bb_bundle_result_free);
  r = apply_bundle (f->hq, with);
  seen = get_incident (f->hq->store, secret);
  g_assert_nonnull (seen);
  g_assert_true (seen->restricted);
  {
    g_autoptr(GPtrArray) audit = bb_store_audit_list (f->north->store, 1, "bundle", NULL, NULL);

    g_assert_cmpuint (audit->len, ==, 1);
    g_assert_cmpstr (((BbAuditEntry *) audit->pdata[0])->action, ==, "disclose");
  }
}

/* A link made at headquarters to an incident North had deleted is dropped
 * at North; when the incident comes back (changed at headquarters after
 * the deletion), the link comes back with it. */
static void
test_orphan_revived (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *incident = add_incident (f->north->store, "burglary.residential", "Shed broken into", FALSE);
  g_autoptr(BbProblem) problem = bb_problem_new ();
  g_autofree char *b1 = NULL, *b2 = NULL, *b3 = NULL;
  g_autoptr(BbBundleResult) r1 = NULL, r2 = NULL, r3 = NULL;
  g_autoptr(BbIncident) back = NULL;

  problem->title = g_strdup ("Sheds on the allotments");
  g_assert_true (bb_store_problem_insert (f->north->store, problem, &error));
  g_assert_no_error (error);
  introduce (f);

  g_assert_true (bb_store_incident_delete (f->north->store, incident, &error));
  g_usleep (2000);
  g_assert_true (bb_store_problem_set_incident (f->hq->store, problem->id, incident, TRUE, &error));
  g_assert_no_error (error);
  b1 = export_bundle (f->hq, f->north, "hq-link", FALSE);
  r1 = apply_bundle (f->north, b1);
  g_assert_cmpint (bb_store_count (f->north->store, "problem_incident", NULL), ==, 0);

  set_description (f->hq->store, incident, "description", "Shed broken into, tools taken");
  b2 = export_bundle (f->north, f->hq, "north-deletion", FALSE);
  r2 = apply_bundle (f->hq, b2);
  back = get_incident (f->hq->store, incident);
  g_assert_nonnull (back);

  b3 = export_bundle (f->hq, f->north, "hq-kept", FALSE);
  r3 = apply_bundle (f->north, b3);
  g_clear_pointer (&back, bb_incident_free);
  back = get_incident (f->north->store, incident);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->description, ==, "Shed broken into, tools taken");
  g_assert_cmpint (bb_store_count (f->north->store, "problem_incident", NULL), ==, 1);
  g_assert_cmpint (bb_store_count (f->hq->store, "problem_incident", NULL), ==, 1);
}

/* The command line: everything to a folder, an answer by the peer's name,
 * a folder imported in order, and what is refused. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id = add_incident (f->north->store, "burglary.residential", "Back door forced", FALSE);
  g_autofree char *folder = g_build_filename (f->dir, "exchange", NULL);
  g_autofree char *first = g_build_filename (folder, "north-1" BB_BUNDLE_SUFFIX, NULL);
  g_autofree char *answer = g_build_filename (f->dir, "answer" BB_BUNDLE_SUFFIX, NULL);
  g_autoptr(BbIncident) seen = NULL;

  g_mkdir_with_parents (folder, 0700);
  /* The command line opens the station files itself. */
  g_clear_object (&f->north->store);
  g_clear_object (&f->hq->store);
  {
    char *argv[] = { "beatbook", "--export-bundle", first, "--quiet", f->north->path, NULL };
    g_assert_cmpint (bb_bundle_export_cli_run (G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  }
  {
    /* Not to a station never exchanged with, and restricted only with --to. */
    char *unknown[] = { "beatbook", "--export-bundle", answer, "--to", "North", f->hq->path, NULL };
    char *restricted[] = { "beatbook", "--export-bundle", answer, "--include-restricted", f->hq->path, NULL };

    g_assert_cmpint (bb_bundle_export_cli_run (G_N_ELEMENTS (unknown) - 1, unknown), ==, 1);
    g_assert_cmpint (bb_bundle_export_cli_run (G_N_ELEMENTS (restricted) - 1, restricted), ==, 1);
  }
  {
    char *argv[] = { "beatbook", "--import-bundle", folder, "--quiet", f->hq->path, NULL };
    g_assert_cmpint (bb_bundle_import_cli_run (G_N_ELEMENTS (argv) - 1, argv), ==, 0);
    /* Again: nothing new in the folder. */
    g_assert_cmpint (bb_bundle_import_cli_run (G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  }
  {
    char *argv[] = { "beatbook", "--export-bundle", answer, "--to", "North", "--quiet", f->hq->path, NULL };
    g_assert_cmpint (bb_bundle_export_cli_run (G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  }
  {
    char *dry[] = { "beatbook", "--import-bundle", answer, "--dry-run", "--quiet", f->north->path, NULL };
    char *argv[] = { "beatbook", "--import-bundle", answer, "--quiet", f->north->path, NULL };
    char *wrong[] = { "beatbook", "--import-bundle", answer, "--quiet", f->hq->path, NULL };

    g_assert_cmpint (bb_bundle_import_cli_run (G_N_ELEMENTS (dry) - 1, dry), ==, 0);
    g_assert_cmpint (bb_bundle_import_cli_run (G_N_ELEMENTS (argv) - 1, argv), ==, 0);
    /* Headquarters' own bundle is not for headquarters. */
    g_assert_cmpint (bb_bundle_import_cli_run (G_N_ELEMENTS (wrong) - 1, wrong), ==, 1);
  }

  f->hq->store = bb_store_open (f->hq->path, NULL);
  f->north->store = bb_store_open (f->north->path, NULL);
  seen = get_incident (f->hq->store, id);
  g_assert_nonnull (seen);
  {
    g_autoptr(GPtrArray) peers = bb_sync_list_peers (f->north->store, NULL);

    g_assert_cmpuint (peers->len, ==, 1);
    g_assert_cmpuint (((BbSyncPeer *) peers->pdata[0])->received, ==, 1);
  }
}

/* A station of format 3 is brought to format 4: its records travel, and
 * its changes from then on carry their versions. */
static void
test_migration (void)
{
  g_autofree char *dir = make_test_dir ();
  g_autofree char *path = g_build_filename (dir, "old.beatbook", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbStore) old = NULL;
  g_autoptr(TestStation) hq = NULL;
  g_autofree char *id = NULL;
  g_autofree char *bundle = g_build_filename (dir, "old" BB_BUNDLE_SUFFIX, NULL);
  TestStation station = { 0 };

  old = bb_store_create_at_version (path, "Old Town", 3, &error);
  g_assert_no_error (error);
  id = add_incident (old, "burglary.residential", "Before the exchange existed", FALSE);
  set_description (old, id, "status", "cleared");
  g_clear_object (&old);

  station.dir = dir;
  station.path = path;
  station.store = bb_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (bb_store_get_schema_version (station.store), ==, BB_STORE_SCHEMA_VERSION);
  g_assert_cmpint (bb_store_count (station.store, "incident", NULL), ==, 1);
  {
    BB_STORE_LOCK_SCOPE (station.store);
    g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (station.store, "SELECT count(*) FROM sync_clock", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  }
  set_description (station.store, id, "address", "Mill Lane 2");
  {
    BB_STORE_LOCK_SCOPE (station.store);
    g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (station.store,
                                                     "SELECT col, station FROM sync_clock WHERE row_id = ?1", NULL);

    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "address");
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, bb_store_get_station_id (station.store));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  }

  hq = test_station_new (dir, "Headquarters");
  {
    g_autoptr(BbBundleHeader) header = bb_bundle_export (station.store, bundle, NULL, NULL, NULL, NULL, &error);
    g_autoptr(BbBundleResult) result = NULL;
    g_autoptr(BbIncident) seen = NULL;

    g_assert_no_error (error);
    result = apply_bundle (hq, bundle);
    seen = get_incident (hq->store, id);
    g_assert_cmpstr (seen->status, ==, "cleared");
    g_assert_cmpstr (seen->address, ==, "Mill Lane 2");
  }
  g_clear_object (&station.store);
  test_station_free (g_steal_pointer (&hq));
  rm_dir (dir);
}

/* A concern raised about a restricted incident travels without the link,
 * and gets it when the incident goes to headquarters. */
static void
test_restricted_link (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *secret = add_incident (f->north->store, "assault", "Informant's address", TRUE);
  g_autoptr(BbEvent) event = bb_event_new ();
  g_autoptr(BbConcern) concern = bb_concern_new ();
  g_autoptr(BbConcern) seen = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *with = NULL;
  g_autoptr(BbBundleResult) r1 = NULL;
  g_autoptr(BbBundleResult) r2 = NULL;

  event->title = g_strdup ("Advisory group, March");
  g_free (event->kind);
  event->kind = g_strdup ("advisory_meeting");
  event->start_at = 1714550400;
  event->end_at = 1714554000;
  g_assert_true (bb_store_event_insert (f->north->store, event, &error));
  g_assert_no_error (error);
  concern->event_id = g_strdup (event->id);
  concern->text = g_strdup ("Residents afraid after the assault");
  concern->incident_id = g_strdup (secret);
  g_assert_true (bb_store_concern_insert (f->north->store, concern, &error));
  g_assert_no_error (error);

  introduce (f);
  seen = bb_store_concern_get (f->hq->store, concern->id, &error);
  g_assert_no_error (error);
  g_assert_null (seen->incident_id);
  g_clear_pointer (&seen, bb_concern_free);

  g_assert_true (bb_sync_set_peer (f->north->store, bb_store_get_station_id (f->hq->store), NULL, TRUE, &error));
  with = export_bundle (f->north, f->hq, "with", TRUE);
  r2 = apply_bundle (f->hq, with);
  g_assert_cmpuint (r2->conflicts, ==, 0);
  seen = bb_store_concern_get (f->hq->store, concern->id, &error);
  g_assert_cmpstr (seen->incident_id, ==, secret);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bundle/both-ways", Fixture, NULL, fixture_set_up, test_both_ways, fixture_tear_down);
  g_test_add ("/bundle/values-exact", Fixture, NULL, fixture_set_up, test_values_exact, fixture_tear_down);
  g_test_add ("/bundle/idempotent", Fixture, NULL, fixture_set_up, test_idempotent, fixture_tear_down);
  g_test_add ("/bundle/conflict-per-field", Fixture, NULL, fixture_set_up, test_conflict_per_field, fixture_tear_down);
  g_test_add ("/bundle/out-of-order", Fixture, NULL, fixture_set_up, test_out_of_order, fixture_tear_down);
  g_test_add ("/bundle/tombstones", Fixture, NULL, fixture_set_up, test_tombstones, fixture_tear_down);
  g_test_add ("/bundle/restricted", Fixture, NULL, fixture_set_up, test_restricted, fixture_tear_down);
  g_test_add ("/bundle/restricted-link", Fixture, NULL, fixture_set_up, test_restricted_link, fixture_tear_down);
  g_test_add ("/bundle/orphan-revived", Fixture, NULL, fixture_set_up, test_orphan_revived, fixture_tear_down);
  g_test_add ("/bundle/command-line", Fixture, NULL, fixture_set_up, test_command_line, fixture_tear_down);
  g_test_add_func ("/bundle/migration", test_migration);
  return g_test_run ();
}
