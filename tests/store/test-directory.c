/* test-directory.c: districts' boundaries and their incidents, a district's page, contacts out as vCard and CSV */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "bb-store-calendar.h"
#include "bb-store-directory.h"
#include "bb-store-private.h"
#include "store-test-util.h"

#define DAY G_GINT64_CONSTANT (86400)
#define NOW G_GINT64_CONSTANT (1717200000)   /* 2024-06-01 00:00 UTC */

typedef struct {
  char    *dir;
  BbStore *store;
  char    *category_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) categories = NULL;

  f->dir = make_test_dir ();
  path = g_build_filename (f->dir, "station.beatbook", NULL);
  f->store = bb_store_create (path, "Harbourside", &error);
  g_assert_no_error (error);
  categories = bb_store_category_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, >, 0);
  f->category_id = g_strdup (((BbCategory *) categories->pdata[0])->id);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  rm_dir (f->dir);
  g_free (f->dir);
  g_free (f->category_id);
}

static char *
square (double west,
        double east)
{
  return g_strdup_printf ("{\"type\":\"Polygon\",\"coordinates\":[[[%g,0],[%g,0],[%g,1],[%g,1],[%g,0]]]}",
                          west, east, east, west, west);
}

static BbDistrict *
add_district (Fixture    *f,
              const char *name,
              const char *code,
              double      west,
              double      east)
{
  g_autoptr(GError) error = NULL;
  BbDistrict *d = bb_district_new ();

  d->name = g_strdup (name);
  d->code = g_strdup (code);
  d->boundary = square (west, east);
  g_assert_true (bb_store_district_insert (f->store, d, &error));
  g_assert_no_error (error);
  return d;
}

static char *
add_incident (Fixture    *f,
              double      lon,
              double      lat,
              gint64      when,
              const char *chosen_district)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) i = bb_incident_new ();

  i->category_id = g_strdup (f->category_id);
  i->occurred_start = when;
  i->lat = lat;
  i->lon = lon;
  g_free (i->source);
  i->source = g_strdup ("patrol");
  if (chosen_district != NULL)
    {
      i->district_id = g_strdup (chosen_district);
      i->district_overridden = TRUE;
    }
  g_assert_true (bb_store_incident_insert (f->store, i, &error));
  g_assert_no_error (error);
  return g_strdup (i->id);
}

static char *
district_of (Fixture    *f,
             const char *incident_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbIncident) i = bb_store_incident_get (f->store, incident_id, &error);

  g_assert_no_error (error);
  return g_strdup (i->district_id);
}

static void
test_boundary_edit (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BbDistrict) a = add_district (f, "Alpha", "A", 0, 1);
  g_autoptr(BbDistrict) b = add_district (f, "Bravo", "B", 1, 2);
  g_autofree char *p1 = add_incident (f, 0.5, 0.5, NOW, NULL);
  g_autofree char *p2 = add_incident (f, 1.5, 0.5, NOW, NULL);
  g_autofree char *p3 = add_incident (f, 2.5, 0.5, NOW, NULL);
  g_autofree char *p4 = add_incident (f, 1.5, 0.6, NOW, a->id);   /* placed in Alpha by hand */
  g_autoptr(BbDistrict) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL, *d4 = NULL;
  gint64 audit;

  d1 = district_of (f, p1);
  d2 = district_of (f, p2);
  d3 = district_of (f, p3);
  g_assert_cmpstr (d1, ==, a->id);
  g_assert_cmpstr (d2, ==, b->id);
  g_assert_null (d3);

  /* Bravo grows east over p3; Alpha shrinks away from p1. */
  g_free (b->boundary);
  b->boundary = square (1, 3);
  g_assert_true (bb_store_district_update (f->store, b, &error));
  g_assert_no_error (error);
  g_free (a->boundary);
  a->boundary = square (0, 0.4);
  g_assert_true (bb_store_district_update (f->store, a, &error));
  g_assert_no_error (error);

  g_free (d1), g_free (d2), g_free (d3);
  d1 = district_of (f, p1);
  d2 = district_of (f, p2);
  d3 = district_of (f, p3);
  d4 = district_of (f, p4);
  g_assert_null (d1);
  g_assert_cmpstr (d2, ==, b->id);
  g_assert_cmpstr (d3, ==, b->id);
  /* a district chosen by hand stays */
  g_assert_cmpstr (d4, ==, a->id);

  /* A new district over p1 takes it in; a change of name moves nothing. */
  c = add_district (f, "Charlie", "C", 0.4, 1);
  g_free (d1);
  d1 = district_of (f, p1);
  g_assert_cmpstr (d1, ==, c->id);
  audit = bb_store_count (f->store, "audit_log", NULL);
  g_free (c->name);
  c->name = g_strdup ("Charlie Quarter");
  g_assert_true (bb_store_district_update (f->store, c, &error));
  g_assert_cmpint (bb_store_count (f->store, "audit_log", NULL), ==, audit + 1);

  /* A boundary the store refuses changes nothing, the incidents included. */
  g_free (c->boundary);
  c->boundary = g_strdup ("{\"type\":\"Point\",\"coordinates\":[0,0]}");
  g_assert_false (bb_store_district_update (f->store, c, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_free (d1);
  d1 = district_of (f, p1);
  g_assert_cmpstr (d1, ==, c->id);
  g_free (d1);
  d1 = bb_store_district_at (f->store, 0.5, 0.5, NULL);
  g_assert_cmpstr (d1, ==, c->id);
}

/* A boundary edited on the map is saved by bb_store_district_set_boundary:
 * one transaction, an audit line, incidents in and out, counts before and
 * after; a boundary refused changes nothing. */
static void
test_set_boundary (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(BbDistrict) a = add_district (f, "Alpha", "A", 0, 1);
  g_autoptr(BbDistrict) b = add_district (f, "Bravo", "B", 1, 2);
  g_autofree char *p1 = add_incident (f, 0.5, 0.5, NOW, NULL);
  g_autofree char *p2 = add_incident (f, 1.5, 0.5, NOW, NULL);
  g_autofree char *p3 = add_incident (f, 2.5, 0.5, NOW, NULL);
  g_autofree char *p4 = add_incident (f, 2.6, 0.5, NOW, a->id);   /* placed in Alpha by hand */
  /* Bravo drawn anew on the map: a pentagon from 1 to 3 */
  const char *pentagon = "{\"type\":\"Polygon\",\"coordinates\":[[[1,0],[3,0],[3,1],[2,1.2],[1,1],[1,0]]]}";
  g_autofree char *bigger = square (0, 0.4);
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL, *d4 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before = -1, after = -1, audit, updates;

  audit = bb_store_count (f->store, "audit_log", NULL);
  g_assert_true (bb_store_district_set_boundary (f->store, b->id, pentagon, &before, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (before, ==, 1);
  g_assert_cmpint (after, ==, 2);
  d3 = district_of (f, p3);
  d4 = district_of (f, p4);
  g_assert_cmpstr (d3, ==, b->id);
  g_assert_cmpstr (d4, ==, a->id);
  /* the district's change and the incident's, in the audit log */
  g_assert_cmpint (bb_store_count (f->store, "audit_log", NULL), >=, audit + 2);
  {
    BB_STORE_LOCK_SCOPE (f->store);
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (bb_store_get_db (f->store),
                                         "SELECT count(*) FROM audit_log WHERE table_name = 'district'"
                                         " AND action = 'update' AND detail LIKE '%boundary%'", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    updates = sqlite3_column_int64 (stmt, 0);
  }
  g_assert_cmpint (updates, ==, 1);

  /* Alpha shrinks: p1 has no district any more */
  g_assert_true (bb_store_district_set_boundary (f->store, a->id, bigger, &before, &after, &error));
  g_assert_no_error (error);
  g_assert_cmpint (before, ==, 2);
  g_assert_cmpint (after, ==, 1);
  d1 = district_of (f, p1);
  d2 = district_of (f, p2);
  g_assert_null (d1);
  g_assert_cmpstr (d2, ==, b->id);

  /* refused: not a polygon; nothing changes */
  audit = bb_store_count (f->store, "audit_log", NULL);
  g_assert_false (bb_store_district_set_boundary (f->store, b->id, "{\"type\":\"Point\",\"coordinates\":[0,0]}",
                                                  NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (bb_store_count (f->store, "audit_log", NULL), ==, audit);
  g_free (d3);
  d3 = district_of (f, p3);
  g_assert_cmpstr (d3, ==, b->id);
}

static void
test_boundary_import (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BbDistrict) a = add_district (f, "Alpha", "A", 0, 1);
  g_autofree char *p = add_incident (f, 1.5, 0.5, NOW, NULL);
  g_autofree char *path = g_build_filename (f->dir, "districts.geojson", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "projected.geojson", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(BbBoundaryImport) report = NULL;
  g_autoptr(BbBoundaryImport) refused = NULL;
  g_autoptr(GPtrArray) districts = NULL;
  g_autofree char *d = NULL;

  g_file_set_contents (path,
    "{\"type\":\"FeatureCollection\",\"features\":["
    " {\"type\":\"Feature\",\"properties\":{\"CODE\":\"a\"},"
    "  \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,1],[0,1],[0,0]]]}},"
    " {\"type\":\"Feature\",\"properties\":{\"name\":\"Delta\",\"population\":4200},"
    "  \"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[5,0],[6,0],[6,1],[5,1],[5,0]]]]}},"
    " {\"type\":\"Feature\",\"properties\":{\"name\":\"Police station\"},"
    "  \"geometry\":{\"type\":\"Point\",\"coordinates\":[0.5,0.5]}},"
    " {\"type\":\"Feature\",\"properties\":{},"
    "  \"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[7,0],[8,0],[8,1],[7,1],[7,0]]]}}"
    "]}", -1, &error);
  g_assert_no_error (error);
  report = bb_store_districts_import_geojson (f->store, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_features, ==, 4);
  g_assert_cmpuint (report->updated, ==, 1);
  g_assert_cmpuint (report->added, ==, 1);
  g_assert_cmpuint (report->skipped, ==, 2);
  g_assert_cmpuint (report->notes->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (report->notes, 0), "districts.geojson, feature 3: not a polygon"));

  districts = bb_store_district_list (f->store, &error);
  g_assert_cmpuint (districts->len, ==, 2);
  /* (districts are listed by code: Delta has none) */
  g_assert_cmpstr (((BbDistrict *) districts->pdata[0])->name, ==, "Delta");
  g_assert_cmpint (((BbDistrict *) districts->pdata[0])->population, ==, 4200);
  g_assert_cmpfloat (((BbDistrict *) districts->pdata[0])->max_lon, ==, 6);
  /* Alpha's new boundary took in the incident at 1.5 */
  d = district_of (f, p);
  g_assert_cmpstr (d, ==, a->id);

  g_file_set_contents (bad,
    "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}},"
    "\"features\":[]}", -1, NULL);
  refused = bb_store_districts_import_geojson (f->store, bad, &error);
  g_assert_null (refused);
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "projected.geojson"));
}

static void
test_contact_checks (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(BbOfficer) o = bb_officer_new ();
  g_autoptr(BbPartner) p = bb_partner_new ();
  g_autoptr(GError) error = NULL;

  o->name = g_strdup ("Anna Bērziņa");
  o->email = g_strdup ("anna at police");
  g_assert_false (bb_store_officer_insert (f->store, o, &error));
  g_assert_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "e-mail address of “Anna Bērziņa”"));
  g_clear_error (&error);
  g_free (o->email);
  o->email = g_strdup ("a.berzina@police.example");
  g_assert_true (bb_store_officer_insert (f->store, o, &error));
  g_assert_no_error (error);

  p->name = g_strdup ("School No. 3");
  p->phone = g_strdup ("ring the bell");
  g_assert_false (bb_store_partner_insert (f->store, p, &error));
  g_assert_nonnull (strstr (error->message, "phone number of “School No. 3”"));
  g_clear_error (&error);
  g_assert_cmpint (bb_store_count (f->store, "partner", NULL), ==, 0);
}

static char *
add_partner (Fixture    *f,
             const char *name,
             const char *kind,
             gboolean    person,
             const char *district_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbPartner) p = bb_partner_new ();

  p->name = g_strdup (name);
  g_free (p->kind);
  p->kind = g_strdup (kind);
  p->is_person = person;
  p->phone = g_strdup ("+371 6300 0000");
  p->district_id = g_strdup (district_id);
  if (!person)
    p->contact_name = g_strdup ("Ilze Ozola");
  g_assert_true (bb_store_partner_insert (f->store, p, &error));
  g_assert_no_error (error);
  return g_strdup (p->id);
}

static void
add_member (Fixture    *f,
            const char *district_id,
            const char *partner_id,
            const char *role,
            const char *since)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BbAdvisoryMember) m = bb_advisory_member_new ();

  m->district_id = g_strdup (district_id);
  m->partner_id = g_strdup (partner_id);
  g_free (m->role);
  m->role = g_strdup (role);
  m->since = g_strdup (since);
  g_assert_true (bb_store_advisory_member_insert (f->store, m, &error));
  g_assert_no_error (error);
}

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BbDistrict) a = add_district (f, "Alpha", "A", 0, 1);
  g_autoptr(BbDistrict) b = add_district (f, "Bravo", "B", 1, 2);
  g_autoptr(BbOfficer) owner = bb_officer_new ();
  g_autoptr(BbOfficer) helper = bb_officer_new ();
  g_autoptr(BbProblem) open = bb_problem_new ();
  g_autoptr(BbProblem) closed = bb_problem_new ();
  g_autoptr(BbEvent) meeting = bb_event_new ();
  g_autoptr(BbEvent) elsewhere = bb_event_new ();
  g_autoptr(BbDistrictProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_auto(GStrv) problems = NULL;
  g_auto(GStrv) plans = NULL;
  const char *districts[] = { a->id, NULL };
  const char *groups[] = { "market traders", " ", NULL };
  g_autofree char *school = add_partner (f, "School No. 3", "school", FALSE, a->id);
  g_autofree char *resident = add_partner (f, "Jānis Kalniņš", "resident", TRUE, a->id);
  g_autofree char *ngo = add_partner (f, "Youth NGO", "ngo", FALSE, b->id);

  owner->name = g_strdup ("Anna Bērziņa");
  owner->rank = g_strdup ("Inspector");
  owner->district_id = g_strdup (a->id);
  g_assert_true (bb_store_officer_insert (f->store, owner, &error));
  helper->name = g_strdup ("Pēteris Liepa");
  helper->district_id = g_strdup (b->id);
  g_assert_true (bb_store_officer_insert (f->store, helper, &error));
  g_assert_no_error (error);
  g_assert_true (bb_store_officer_set_areas (f->store, helper->id, districts, groups, &error));
  g_assert_no_error (error);
  areas = bb_store_officer_area_list (f->store, helper->id, &error);
  g_assert_cmpuint (areas->len, ==, 2);

  add_member (f, a->id, resident, "member", "2023-01-10");
  add_member (f, a->id, school, "chair", "2024-02-01");

  open->title = g_strdup ("Dark underpass");
  open->district_id = g_strdup (a->id);
  g_assert_true (bb_store_problem_insert (f->store, open, &error));
  closed->title = g_strdup ("Old graffiti");
  closed->district_id = g_strdup (a->id);
  g_free (closed->stage);
  closed->stage = g_strdup ("closed");
  g_assert_true (bb_store_problem_insert (f->store, closed, &error));
  g_assert_no_error (error);
  {
    const char *partners[] = { school, NULL };

    g_assert_true (bb_store_problem_set_partners (f->store, open->id, partners, &error));
  }

  for (int k = 0; k < 12; k++)
    g_free (add_incident (f, 0.5, 0.1 + k * 0.05, NOW - (k < 9 ? 2 : 40) * DAY - k, NULL));
  g_free (add_incident (f, 1.5, 0.5, NOW - DAY, NULL));

  meeting->title = g_strdup ("Advisory group, Alpha");
  meeting->start_at = NOW + 7 * DAY;
  meeting->end_at = NOW + 7 * DAY + 3600;
  meeting->district_id = g_strdup (a->id);
  g_assert_true (bb_store_event_insert (f->store, meeting, &error));
  elsewhere->title = g_strdup ("Open day, Bravo");
  elsewhere->start_at = NOW + 3 * DAY;
  elsewhere->end_at = NOW + 3 * DAY + 3600;
  elsewhere->district_id = g_strdup (b->id);
  g_assert_true (bb_store_event_insert (f->store, elsewhere, &error));
  g_assert_no_error (error);

  profile = bb_store_district_profile (f->store, a->id, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile->district->name, ==, "Alpha");
  /* no officer named on the district: the one who serves it */
  g_assert_nonnull (profile->officer);
  g_assert_cmpstr (profile->officer->name, ==, "Anna Bērziņa");
  g_assert_cmpuint (profile->co_owners->len, ==, 1);
  g_assert_cmpstr (((BbOfficer *) profile->co_owners->pdata[0])->name, ==, "Pēteris Liepa");
  g_assert_cmpuint (profile->partners->len, ==, 2);
  g_assert_cmpuint (profile->members->len, ==, 2);
  g_assert_cmpstr (((BbAdvisoryMember *) profile->members->pdata[0])->role, ==, "chair");
  g_assert_cmpstr (g_ptr_array_index (profile->member_names, 0), ==, "School No. 3");
  g_assert_cmpuint (profile->open_problems->len, ==, 1);
  g_assert_cmpstr (((BbProblem *) profile->open_problems->pdata[0])->title, ==, "Dark underpass");
  g_assert_cmpint (profile->incidents_28_days, ==, 9);
  g_assert_cmpuint (profile->recent_incidents->len, ==, 8);
  g_assert_cmpuint (profile->next_meetings->len, ==, 1);
  g_assert_cmpstr (((BbCalendarItem *) profile->next_meetings->pdata[0])->title, ==, "Advisory group, Alpha");

  g_assert_true (bb_store_partner_work (f->store, school, &problems, &plans, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (problems), ==, 1);
  g_assert_cmpstr (problems[0], ==, "Dark underpass");
  g_assert_cmpuint (g_strv_length (plans), ==, 0);
  (void) ngo;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(BbDistrict) a = add_district (f, "Alpha", "A", 0, 1);
  g_autoptr(BbOfficer) o = bb_officer_new ();
  g_autofree char *school = add_partner (f, "School No. 3, \"Ausma\"", "school", FALSE, a->id);
  g_autofree char *resident = add_partner (f, "Jānis Kalniņš", "resident", TRUE, NULL);
  g_autofree char *vcf = g_build_filename (f->dir, "contacts.vcf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "contacts.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) cards = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  BbContact *c;

  o->name = g_strdup ("Anna Bērziņa");
  o->rank = g_strdup ("Inspector");
  o->phone = g_strdup ("+371 2000 0001");
  o->email = g_strdup ("a.berzina@police.example");
  o->district_id = g_strdup (a->id);
  g_assert_true (bb_store_officer_insert (f->store, o, &error));
  g_assert_no_error (error);

  g_assert_true (bb_store_directory_export (f->store, vcf, BB_CONTACTS_VCARD, &error));
  g_assert_no_error (error);
  /* personal data: readable by the station's user only */
  g_assert_cmpint (g_stat (vcf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* validated by reading it back */
  g_file_get_contents (vcf, &text, NULL, &error);
  cards = bb_contacts_from_vcard (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cards->len, ==, 3);
  c = g_ptr_array_index (cards, 0);
  g_assert_cmpstr (c->name, ==, "Anna Bērziņa");
  g_assert_true (c->is_person);
  g_assert_cmpstr (c->organisation, ==, "Harbourside");
  g_assert_cmpstr (c->title, ==, "Inspector");
  g_assert_cmpstr (c->phone, ==, "+371 2000 0001");
  g_assert_cmpstr (c->categories, ==, "Officer,Alpha");
  g_assert_cmpstr (c->uid, ==, o->id);
  c = g_ptr_array_index (cards, 2);
  g_assert_cmpstr (c->name, ==, "School No. 3, \"Ausma\"");
  g_assert_false (c->is_person);
  g_assert_cmpstr (c->note, ==, "Contact: Ilze Ozola");
  g_assert_cmpstr (c->categories, ==, "Partner,School,Alpha");

  audit = bb_store_audit_list (f->store, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((BbAuditEntry *) audit->pdata[0])->action, ==, "export");
  g_assert_cmpstr (((BbAuditEntry *) audit->pdata[0])->detail, ==, "3 contacts to contacts.vcf");

  g_clear_pointer (&text, g_free);
  g_assert_true (bb_store_directory_export (f->store, csv, BB_CONTACTS_CSV, &error));
  g_assert_no_error (error);
  g_file_get_contents (csv, &text, NULL, &error);
  g_assert_true (g_str_has_prefix (text, "Name,Kind,Organisation,Title,Phone,E-mail,Address,Categories,Notes\r\n"
                                         "Anna Bērziņa,Person,Harbourside,Inspector,+371 2000 0001,"));
  g_assert_nonnull (strstr (text, "\r\n\"School No. 3, \"\"Ausma\"\"\",Organisation,"));
  (void) school;
  (void) resident;
}

static gboolean
write_contacts (const char  *path,
                gpointer     data,
                GError     **error)
{
  Fixture *f = data;

  return bb_store_directory_export (f->store, path,
                                    g_str_has_suffix (path, ".vcf") ? BB_CONTACTS_VCARD : BB_CONTACTS_CSV, error);
}

/* The contacts (personal data) reach the disk whole or not at all, and
 * only an export that was written is recorded. */
static void
test_export_atomic (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(BbDistrict) a = add_district (f, "Alpha", "A", 0, 1);
  g_autofree char *school = add_partner (f, "School No. 3, \"Ausma\"", "school", FALSE, a->id);
  g_autofree char *resident = add_partner (f, "Jānis Kalniņš", "resident", TRUE, NULL);
  const char *names[] = { "contacts.vcf", "contacts.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, names[i], NULL);
      g_autoptr(GPtrArray) audit = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("2 contacts to %s", names[i]);
      guint exports = 0;

      check_export_is_atomic (path, write_contacts, f);
      /* Recorded once: the export that failed was not. */
      audit = bb_store_audit_list (f->store, 100, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < audit->len; j++)
        if (g_strcmp0 (((BbAuditEntry *) audit->pdata[j])->detail, expected) == 0)
          exports++;
      g_assert_cmpuint (exports, ==, 1);
    }
  (void) school;
  (void) resident;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/directory/boundary-edit", test_boundary_edit);
  ADD ("/store/directory/set-boundary", test_set_boundary);
  ADD ("/store/directory/boundary-import", test_boundary_import);
  ADD ("/store/directory/contact-checks", test_contact_checks);
  ADD ("/store/directory/profile", test_profile);
  ADD ("/store/directory/export", test_export);
  ADD ("/store/directory/export-atomic", test_export_atomic);
#undef ADD

  return g_test_run ();
}
