/* bb-demo-station.c: writes the deterministic demo town into a station file */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-demo-station"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "bb-default-questionnaire.h"
#include "bb-demo-station.h"
#include "bb-safe-file.h"
#include "bb-demo-town.h"
#include "bb-random.h"
#include "bb-store-private.h"

/* Everything written here is derived from the options: ids come from the
 * seeded generator and every created/updated time from end_time, so the
 * same options give the same station, byte for byte in its tables. */

#define DAY G_GINT64_CONSTANT (86400)

typedef struct {
  char        id[BB_UUID_STRING_LEN];
  const char *kind;
  int         district;
  char       *name;
} Partner;

typedef struct {
  BbStore          *store;
  sqlite3          *db;
  BbDemoTown       *town;
  BbRandom          rng;
  guint64           seed;
  guint             n_incidents;
  gint64            end;                 /* seconds */
  gint64            base_us;             /* when the station's records were set up */
  char              station_id[BB_UUID_STRING_LEN];
  char              district_id[BB_DEMO_TOWN_N_DISTRICTS][BB_UUID_STRING_LEN];
  char              officer_id[BB_DEMO_TOWN_N_DISTRICTS][BB_UUID_STRING_LEN];
  char              chief_id[BB_UUID_STRING_LEN];
  char              coordinator_id[BB_UUID_STRING_LEN];
  GHashTable       *category_ids;        /* code → id */
  GPtrArray        *partners;            /* Partner */
  GPtrArray        *problems;            /* ProblemRow */
  gboolean          district_worked_on[BB_DEMO_TOWN_N_DISTRICTS];
  gint64            plan_reviews[4];
  BbDemoProgressFunc progress;
  gpointer          progress_data;
  GCancellable     *cancellable;
} Writer;

static void
partner_free (gpointer data)
{
  Partner *p = data;

  g_free (p->name);
  g_free (p);
}

static void
report (Writer *w,
        double  fraction)
{
  if (w->progress != NULL)
    w->progress (CLAMP (fraction, 0, 1), w->progress_data);
}

static gboolean
check_cancelled (Writer  *w,
                 GError **error)
{
  return !g_cancellable_set_error_if_cancelled (w->cancellable, error);
}

static sqlite3_stmt *
prepare (Writer     *w,
         const char *sql,
         GError    **error)
{
  return bb_store_prepare (w->store, sql, error);
}

/* Steps an INSERT or UPDATE and makes it ready for the next row. */
static gboolean
run (Writer       *w,
     sqlite3_stmt *stmt,
     const char   *what,
     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (w->store, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return TRUE;
}

static gboolean
exec (Writer     *w,
      const char *sql,
      const char *what,
      GError    **error)
{
  if (sqlite3_exec (w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      bb_store_set_error_from_db (w->store, error, what);
      return FALSE;
    }
  return TRUE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           column,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static void
bind_times (sqlite3_stmt *stmt,
            int           column,
            gint64        created_us,
            gint64        updated_us)
{
  sqlite3_bind_int64 (stmt, column, created_us);
  sqlite3_bind_int64 (stmt, column + 1, updated_us);
}

static void
new_id (Writer *w,
        char    out[BB_UUID_STRING_LEN])
{
  bb_random_uuid (&w->rng, out);
}

static gint64
us (gint64 seconds)
{
  return seconds * G_USEC_PER_SEC;
}

static const char *
category_id (Writer     *w,
             const char *code)
{
  const char *id = g_hash_table_lookup (w->category_ids, code);

  g_assert (id != NULL);
  return id;
}

/* ------------------------------------------------------------------ */
/* The station record and the categories bb_store_create() wrote        */

static gboolean
take_over_station (Writer  *w,
                   GError **error)
{
  const char *old_id = bb_store_get_station_id (w->store);
  g_autoptr(sqlite3_stmt) tables = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) old_ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;

  new_id (w, w->station_id);

  /* The store gave the station and its default records fresh ids and the
   * wall-clock time; the demo station's are derived from its options. */
  tables = prepare (w, "SELECT m.name, sum (p.name = 'station_id'), sum (p.name = 'created_at')"
                       " FROM sqlite_master AS m, pragma_table_info (m.name) AS p"
                       " WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'"
                       " GROUP BY m.name ORDER BY m.name", error);
  if (tables == NULL)
    return FALSE;
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = NULL;

      if (sqlite3_column_int (tables, 1) > 0)
        {
          sql = g_strdup_printf ("UPDATE \"%s\" SET station_id = ?1 WHERE station_id = ?2", table);
          stmt = prepare (w, sql, error);
          if (stmt == NULL)
            return FALSE;
          bind_text (stmt, 1, w->station_id);
          bind_text (stmt, 2, old_id);
          if (!run (w, stmt, _("Preparing the demo station"), error))
            return FALSE;
          g_clear_pointer (&stmt, sqlite3_finalize);
          g_clear_pointer (&sql, g_free);
        }
      if (sqlite3_column_int (tables, 2) > 0)
        {
          sql = g_strdup_printf ("UPDATE \"%s\" SET created_at = ?1, updated_at = ?1", table);
          stmt = prepare (w, sql, error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, w->base_us);
          if (!run (w, stmt, _("Preparing the demo station"), error))
            return FALSE;
          g_clear_pointer (&stmt, sqlite3_finalize);
        }
    }
  g_clear_pointer (&tables, sqlite3_finalize);

  name = g_strdup_printf (_("Demo station — %s (fictional data)"), w->town->name);
  stmt = prepare (w, "UPDATE station SET id = ?1, name = ?2, address = ?3, phone = ?4, email = ?5,"
                     " website = ?6, timezone = ?7, is_demo = 1, center_lat = ?8, center_lon = ?9"
                     " WHERE id = ?10", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, w->station_id);
  bind_text (stmt, 2, name);
  bind_text (stmt, 3, "Bulevardi i Pavarësisë 12, Kodrabardhë");
  bind_text (stmt, 4, "+355 60 100 0129");
  bind_text (stmt, 5, "komisariati@policia-kodrabardhe.example");
  bind_text (stmt, 6, "https://policia-kodrabardhe.example");
  bind_text (stmt, 7, w->town->timezone);
  sqlite3_bind_double (stmt, 8, w->town->centre_lat);
  sqlite3_bind_double (stmt, 9, w->town->centre_lon);
  bind_text (stmt, 10, old_id);
  if (!run (w, stmt, _("Preparing the demo station"), error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (w, "UPDATE meta SET value = ?1 WHERE key = 'local_station_id'", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, w->station_id);
  if (!run (w, stmt, _("Preparing the demo station"), error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Categories get ids from the seed, in the order of their codes. */
  stmt = prepare (w, "SELECT id FROM category ORDER BY code", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (old_ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  for (guint i = 0; i < old_ids->len; i++)
    {
      g_autoptr(sqlite3_stmt) children = NULL;
      char id[BB_UUID_STRING_LEN];

      new_id (w, id);
      children = prepare (w, "UPDATE category SET parent_id = ?1 WHERE parent_id = ?2", error);
      stmt = prepare (w, "UPDATE category SET id = ?1 WHERE id = ?2", error);
      if (children == NULL || stmt == NULL)
        return FALSE;
      bind_text (children, 1, id);
      bind_text (children, 2, old_ids->pdata[i]);
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, old_ids->pdata[i]);
      if (!run (w, children, _("Preparing the demo station"), error)
          || !run (w, stmt, _("Preparing the demo station"), error))
        return FALSE;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  stmt = prepare (w, "SELECT code, id FROM category", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (w->category_ids,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  for (guint c = 0; c < bb_demo_n_categories (); c++)
    if (!g_hash_table_contains (w->category_ids, bb_demo_category_code (c)))
      {
        g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_FAILED,
                     _("The demo station needs the default category “%s”, which the new station does not have"),
                     bb_demo_category_code (c));
        return FALSE;
      }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Districts, officers, map layers                                     */

static gboolean
write_districts (Writer  *w,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) officer = NULL;
  g_autoptr(sqlite3_stmt) district = NULL;
  const BbDemoTown *town = w->town;
  char name[96], phone[32], email[128];

  officer = prepare (w, "INSERT INTO officer (id, station_id, name, rank, phone, email, district_id,"
                        " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  district = prepare (w, "INSERT INTO district (id, station_id, name, code, boundary, min_lon, min_lat,"
                         " max_lon, max_lat, population, officer_id, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (officer == NULL || district == NULL)
    return FALSE;

  for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      new_id (w, w->district_id[i]);
      new_id (w, w->officer_id[i]);
    }

  for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      const BbDemoDistrict *d = &town->districts[i];
      g_autofree char *boundary = bb_demo_town_district_geometry (town, i);

      bind_text (officer, 1, w->officer_id[i]);
      bind_text (officer, 2, w->station_id);
      bind_text (officer, 3, d->officer_name);
      bind_text (officer, 4, d->officer_rank);
      bind_text (officer, 5, d->officer_phone);
      bind_text (officer, 6, d->officer_email);
      bind_text (officer, 7, w->district_id[i]);
      bind_times (officer, 8, w->base_us, w->base_us);
      if (!run (w, officer, _("Adding the district officers"), error))
        return FALSE;

      bind_text (district, 1, w->district_id[i]);
      bind_text (district, 2, w->station_id);
      bind_text (district, 3, d->name);
      bind_text (district, 4, d->code);
      bind_text (district, 5, boundary);
      sqlite3_bind_double (district, 6, d->bbox.min_lon);
      sqlite3_bind_double (district, 7, d->bbox.min_lat);
      sqlite3_bind_double (district, 8, d->bbox.max_lon);
      sqlite3_bind_double (district, 9, d->bbox.max_lat);
      sqlite3_bind_int (district, 10, d->population);
      bind_text (district, 11, w->officer_id[i]);
      bind_times (district, 12, w->base_us, w->base_us);
      if (!run (w, district, _("Adding the districts"), error))
        return FALSE;
    }

  /* The station's chief and its community-policing coordinator. */
  for (int k = 0; k < 2; k++)
    {
      char *id = k == 0 ? w->chief_id : w->coordinator_id;
      g_autofree char *ascii = NULL;
      g_autofree char *lower = NULL;

      new_id (w, id);
      bb_demo_person_name (&w->rng, k == 1, name, sizeof name);
      bb_demo_phone (&w->rng, phone, sizeof phone);
      ascii = g_str_to_ascii (name, "C");
      lower = g_ascii_strdown (ascii, -1);
      g_strdelimit (lower, " ", '.');
      g_snprintf (email, sizeof email, "%s@policia-kodrabardhe.example", lower);
      bind_text (officer, 1, id);
      bind_text (officer, 2, w->station_id);
      bind_text (officer, 3, name);
      bind_text (officer, 4, k == 0 ? _("Commissioner, head of station") : _("Chief inspector, community policing"));
      bind_text (officer, 5, phone);
      bind_text (officer, 6, email);
      sqlite3_bind_null (officer, 7);
      bind_times (officer, 8, w->base_us, w->base_us);
      if (!run (w, officer, _("Adding the station’s officers"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_layers (Writer  *w,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  struct {
    const char *name;
    const char *kind;
    char       *geojson;
  } layers[] = {
    { N_("Rivers and lakes"), "water", bb_demo_town_water_geojson (w->town) },
    { N_("Parks and woods"), "green", bb_demo_town_green_geojson (w->town) },
    { N_("Streets"), "streets", bb_demo_town_streets_geojson (w->town) },
    { N_("Landmarks"), "landmarks", bb_demo_town_landmarks_geojson (w->town) },
  };
  gboolean ok = TRUE;

  stmt = prepare (w, "INSERT INTO geo_layer (id, station_id, name, kind, geojson, attribution, sort_order,"
                     " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      char id[BB_UUID_STRING_LEN];

      new_id (w, id);
      if (ok && stmt != NULL)
        {
          bind_text (stmt, 1, id);
          bind_text (stmt, 2, w->station_id);
          bind_text (stmt, 3, _(layers[i].name));
          bind_text (stmt, 4, layers[i].kind);
          bind_text (stmt, 5, layers[i].geojson);
          bind_text (stmt, 6, _("Fictional demo town; not a real place"));
          sqlite3_bind_int (stmt, 7, i);
          bind_times (stmt, 8, w->base_us, w->base_us);
          ok = run (w, stmt, _("Adding the map layers"), error);
        }
      g_free (layers[i].geojson);
    }
  return stmt != NULL && ok;
}

/* ------------------------------------------------------------------ */
/* Partners and the advisory groups                                    */

typedef struct {
  const char *name;
  const char *kind;
  int         district;   /* -1: the whole town */
  const char *notes;
} PartnerSpec;

static const PartnerSpec partner_specs[] = {
  { "Bashkia Kodrabardhë — Sektori i Rendit Publik", "municipality", -1, N_("Municipal public order department") },
  { "Bashkia Kodrabardhë — Ndriçimi Publik", "municipality", -1, N_("Street lighting and repairs") },
  { "Ndërmarrja e Pastrimit të Qytetit", "municipality", -1, N_("Waste collection and street cleaning") },
  { "Njësia Administrative Veri", "municipality", 10, N_("Administrative unit for the northern districts") },
  { "Shkolla 9-vjeçare “Naim Frashëri”", "school", 8, N_("Primary and lower secondary school") },
  { "Shkolla 9-vjeçare “Lasgush Poradeci”", "school", 10, N_("Primary and lower secondary school") },
  { "Shkolla 9-vjeçare “Bajram Curri”", "school", 1, N_("Primary and lower secondary school") },
  { "Gjimnazi “Sami Frashëri”", "school", 9, N_("Upper secondary school") },
  { "Shkolla Profesionale Kodrabardhë", "school", 3, N_("Vocational school") },
  { "Spitali Rajonal Kodrabardhë", "health", 8, N_("Regional hospital, emergency department") },
  { "Qendra Shëndetësore Nr. 2", "health", 2, N_("Health centre") },
  { "Qendra e Shëndetit Mendor", "health", -1, N_("Community mental health centre") },
  { "Shërbimi Social Shtetëror — Zyra Kodrabardhë", "social_services", -1, N_("State social services office") },
  { "Njësia për Mbrojtjen e Fëmijës", "social_services", -1, N_("Child protection unit") },
  { "Qendra Ditore për të Moshuarit", "social_services", 5, N_("Day centre for older people") },
  { "Qendra “Gruaja në Zhvillim”", "ngo", -1, N_("Support for women and victims of domestic violence") },
  { "Shoqata “Rinia Aktive”", "ngo", 10, N_("Youth club and street work") },
  { "Qendra Komunitare “Ura”", "ngo", 5, N_("Community centre") },
  { "Shoqata për Mbrojtjen e Kafshëve", "ngo", -1, N_("Animal shelter; neutering of stray dogs") },
  { "Lëvizja “Lagje e Sigurt”", "ngo", -1, N_("Neighbourhood watch volunteers") },
  { "Shoqata e Banorëve të Pallateve të Veriut", "housing_association", 10, N_("Residents’ association of the northern estate") },
  { "Administrata e Pallateve Lagjja e Re", "housing_association", 2, N_("Management of the blocks of flats") },
  { "Shoqata e Banorëve të Qendrës", "housing_association", 5, N_("Residents’ association of the old town") },
  { "Shoqata e Tregtarëve të Pazarit", "business", 6, N_("Market traders’ association") },
  { "Shoqata e Bareve dhe Restoranteve", "business", 5, N_("Bar and restaurant owners") },
  { "Kafe-Bar “Union”", "business", 5, N_("Bar on the bar street") },
  { "Kompania e Autobusëve “Lumi Trans”", "business", 7, N_("Bus company at the bus station") },
  { "Supermarketi “Ylli”", "business", 6, N_("Supermarket") },
  { "Xhamia e Pazarit", "religious", 6, N_("Mosque") },
  { "Kisha e Shën Mërisë", "religious", 5, N_("Church") },
  { "Radio Kodrabardhë", "media", -1, N_("Local radio") },
  { "Gazeta “Zëri i Lumit”", "media", -1, N_("Local weekly newspaper") },
  { "TV Lokal Kodra", "media", -1, N_("Local television") },
};

static const Partner *
find_partner (Writer     *w,
              const char *kind,
              int         district,
              guint       nth)
{
  for (guint i = 0; i < w->partners->len; i++)
    {
      const Partner *p = g_ptr_array_index (w->partners, i);

      if (g_str_equal (p->kind, kind) && (district < -1 || p->district == district) && nth-- == 0)
        return p;
    }
  return NULL;
}

static const Partner *
partner_named (Writer     *w,
               const char *prefix)
{
  for (guint i = 0; i < w->partners->len; i++)
    {
      const Partner *p = g_ptr_array_index (w->partners, i);

      if (g_str_has_prefix (p->name, prefix))
        return p;
    }
  g_assert_not_reached ();
}

static gboolean
write_partners (Writer  *w,
                GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) member = NULL;
  char phone[32], email[128], contact[96];

  stmt = prepare (w, "INSERT INTO partner (id, station_id, name, kind, is_person, contact_name, phone, email,"
                     " address, notes, district_id, created_at, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  member = prepare (w, "INSERT INTO advisory_member (id, station_id, district_id, partner_id, role, since,"
                       " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL || member == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (partner_specs) + 2 * BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      Partner *p = g_new0 (Partner, 1);
      gboolean person = i >= G_N_ELEMENTS (partner_specs);
      char address[128];
      g_autofree char *slug = NULL;
      double lon, lat;

      new_id (w, p->id);
      bb_demo_person_name (&w->rng, bb_random_chance (&w->rng, 0.5), contact, sizeof contact);
      bb_demo_phone (&w->rng, phone, sizeof phone);
      if (person)
        {
          p->kind = "resident";
          p->district = (int) (i - G_N_ELEMENTS (partner_specs)) % BB_DEMO_TOWN_N_DISTRICTS;
          p->name = g_strdup (contact);
        }
      else
        {
          p->kind = partner_specs[i].kind;
          p->district = partner_specs[i].district;
          p->name = g_strdup (partner_specs[i].name);
        }
      {
        g_autofree char *ascii = g_str_to_ascii (person ? contact : p->name, "C");
        GString *s = g_string_new (NULL);

        for (const char *c = ascii; *c && s->len < 24; c++)
          if (g_ascii_isalnum (*c))
            g_string_append_c (s, g_ascii_tolower (*c));
          else if (s->len > 0 && s->str[s->len - 1] != '-')
            g_string_append_c (s, person ? '.' : '-');
        while (s->len > 0 && (s->str[s->len - 1] == '-' || s->str[s->len - 1] == '.'))
          g_string_truncate (s, s->len - 1);
        slug = g_string_free (s, FALSE);
      }
      if (person)
        g_snprintf (email, sizeof email, "%s@mail.example", slug);
      else
        g_snprintf (email, sizeof email, "info@%s.example", slug);
      lon = p->district >= 0 ? w->town->districts[p->district].centre_lon : w->town->centre_lon;
      lat = p->district >= 0 ? w->town->districts[p->district].centre_lat : w->town->centre_lat;
      bb_demo_town_address_at (w->town, lon, lat, address, sizeof address);

      bind_text (stmt, 1, p->id);
      bind_text (stmt, 2, w->station_id);
      bind_text (stmt, 3, p->name);
      bind_text (stmt, 4, p->kind);
      sqlite3_bind_int (stmt, 5, person);
      bind_text (stmt, 6, person ? "" : contact);
      bind_text (stmt, 7, phone);
      bind_text (stmt, 8, email);
      bind_text (stmt, 9, address);
      bind_text (stmt, 10, person ? _("Resident; member of the district’s advisory group (fictional person)")
                                  : _(partner_specs[i].notes));
      if (p->district >= 0)
        bind_text (stmt, 11, w->district_id[p->district]);
      bind_times (stmt, 12, w->base_us, w->base_us);
      g_ptr_array_add (w->partners, p);
      if (!run (w, stmt, _("Adding the partners"), error))
        return FALSE;
    }

  /* Each district's advisory group: two residents (one chairs), a
   * secretary from a school or NGO of the district, and whoever else
   * works there. */
  for (int d = 0; d < BB_DEMO_TOWN_N_DISTRICTS; d++)
    {
      const Partner *members[8];
      const char *roles[8];
      guint n = 0;
      const Partner *p;

      members[n] = find_partner (w, "resident", d, 0); roles[n++] = "chair";
      p = find_partner (w, "school", d, 0);
      if (p == NULL)
        p = find_partner (w, "ngo", d, 0);
      if (p == NULL)
        p = find_partner (w, "ngo", -1, (guint) d % 3);
      members[n] = p; roles[n++] = "secretary";
      members[n] = find_partner (w, "resident", d, 1); roles[n++] = "member";
      if ((p = find_partner (w, "housing_association", d, 0)) != NULL)
        {
          members[n] = p; roles[n++] = "member";
        }
      if ((p = find_partner (w, "business", d, 0)) != NULL)
        {
          members[n] = p; roles[n++] = "member";
        }
      if ((p = find_partner (w, "religious", d, 0)) != NULL)
        {
          members[n] = p; roles[n++] = "member";
        }
      members[n] = find_partner (w, "municipality", -1, 0); roles[n++] = "member";

      for (guint k = 0; k < n; k++)
        {
          char id[BB_UUID_STRING_LEN], since[11];

          g_assert (members[k] != NULL);
          new_id (w, id);
          bb_demo_format_local_date (w->end - bb_random_int_range (&w->rng, 200, 1500) * DAY, since);
          bind_text (member, 1, id);
          bind_text (member, 2, w->station_id);
          bind_text (member, 3, w->district_id[d]);
          bind_text (member, 4, members[k]->id);
          bind_text (member, 5, roles[k]);
          bind_text (member, 6, since);
          bind_times (member, 7, w->base_us, w->base_us);
          if (!run (w, member, _("Adding the advisory groups"), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Incidents                                                           */

#define INCIDENT_COLUMNS 18
#define INCIDENT_BATCH   256

static sqlite3_stmt *
prepare_incident_insert (Writer  *w,
                         guint    n_rows,
                         GError **error)
{
  /* OR FAIL: a failing row stops the statement without undoing the rows
   * before it, so SQLite keeps no statement journal (most of the cost of
   * a row with triggers); any failure rolls the whole station back anyway. */
  g_autoptr(GString) sql = g_string_new ("INSERT OR FAIL INTO incident (id, station_id, category_id, occurred_start,"
                                         " occurred_end, time_unknown, reported_at, lat, lon, district_id,"
                                         " district_overridden, address, description, source, status,"
                                         " restricted, created_at, updated_at) VALUES ");

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r > 0 ? ",(" : "(");
      for (guint c = 0; c < INCIDENT_COLUMNS; c++)
        g_string_append (sql, c > 0 ? ",?" : "?");
      g_string_append_c (sql, ')');
    }
  return prepare (w, sql->str, error);
}

static void
bind_incident (Writer               *w,
               sqlite3_stmt         *stmt,
               int                   first,
               const BbDemoIncident *inc,
               const char          **category)
{
  gint64 created = us (inc->reported_at);

  /* The rows stay untouched until the statement has run, so static
   * bindings are safe and allocate nothing. */
  sqlite3_bind_text (stmt, first + 1, inc->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 2, w->station_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 3, category[inc->category], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, first + 4, inc->occurred_start);
  if (inc->occurred_end != 0)
    sqlite3_bind_int64 (stmt, first + 5, inc->occurred_end);
  else
    sqlite3_bind_null (stmt, first + 5);
  sqlite3_bind_int (stmt, first + 6, inc->time_unknown);
  sqlite3_bind_int64 (stmt, first + 7, inc->reported_at);
  if (inc->has_position)
    {
      sqlite3_bind_double (stmt, first + 8, inc->lat);
      sqlite3_bind_double (stmt, first + 9, inc->lon);
    }
  else
    {
      sqlite3_bind_null (stmt, first + 8);
      sqlite3_bind_null (stmt, first + 9);
    }
  if (inc->district >= 0)
    sqlite3_bind_text (stmt, first + 10, w->district_id[inc->district], -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, first + 10);
  sqlite3_bind_int (stmt, first + 11, inc->district_overridden);
  sqlite3_bind_text (stmt, first + 12, inc->address, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 13, inc->description, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 14, inc->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 15, inc->status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 16, inc->restricted);
  sqlite3_bind_int64 (stmt, first + 17, created);
  sqlite3_bind_int64 (stmt, first + 18, inc->closed_at != 0 ? us (inc->closed_at) : created);
}

static gboolean
write_incidents (Writer  *w,
                 GError **error)
{
  g_autoptr(sqlite3_stmt) batch = NULL;
  g_autoptr(sqlite3_stmt) single = NULL;
  g_autoptr(BbDemoIncidentStream) stream = NULL;
  g_autofree const char **category = NULL;
  g_autofree BbDemoIncident *rows = g_new (BbDemoIncident, INCIDENT_BATCH);
  guint n_rows = 0, done = 0;
  gboolean more = TRUE;

  /* Many rows per statement: with triggers, SQLite journals every page a
   * statement touches, and a batch shares that cost across its rows. */
  batch = prepare_incident_insert (w, INCIDENT_BATCH, error);
  single = prepare_incident_insert (w, 1, error);
  if (batch == NULL || single == NULL)
    return FALSE;

  category = g_new (const char *, bb_demo_n_categories ());
  for (guint c = 0; c < bb_demo_n_categories (); c++)
    category[c] = category_id (w, bb_demo_category_code (c));

  stream = bb_demo_incident_stream_new (w->town, w->seed, w->n_incidents);
  while (more)
    {
      more = bb_demo_incident_stream_next (stream, &rows[n_rows]);
      if (more)
        n_rows++;
      if (n_rows == INCIDENT_BATCH || (!more && n_rows > 0))
        {
          sqlite3_stmt *stmt = n_rows == INCIDENT_BATCH ? batch : single;

          for (guint r = 0; r < n_rows; r++)
            {
              if (stmt == single)
                {
                  bind_incident (w, single, 0, &rows[r], category);
                  if (!run (w, single, _("Adding the incidents"), error))
                    return FALSE;
                }
              else
                bind_incident (w, batch, r * INCIDENT_COLUMNS, &rows[r], category);
            }
          if (stmt == batch && !run (w, batch, _("Adding the incidents"), error))
            return FALSE;
          done += n_rows;
          n_rows = 0;

          if (done % (INCIDENT_BATCH * 16) == 0)
            {
              if (!check_cancelled (w, error))
                return FALSE;
              report (w, 0.05 + 0.85 * done / (double) w->n_incidents);
            }
        }
    }
  return TRUE;
}

/* The full-text index is built once after the bulk insert rather than row
 * by row (about a fifth of the time): its insert trigger is set aside and
 * put back, unchanged, inside the same transaction. */
static gboolean
write_incidents_indexed_once (Writer  *w,
                              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *trigger_sql = NULL;

  stmt = prepare (w, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'incident_fts_insert'"
                     " AND EXISTS (SELECT 1 FROM sqlite_master WHERE name = 'incident_fts')", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    trigger_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (trigger_sql == NULL)
    return write_incidents (w, error);

  return exec (w, "DROP TRIGGER incident_fts_insert", _("Adding the incidents"), error)
         && write_incidents (w, error)
         && check_cancelled (w, error)
         && exec (w, "INSERT INTO incident_fts (incident_fts) VALUES ('rebuild')",
                  _("Indexing the incidents for search"), error)
         && exec (w, trigger_sql, _("Indexing the incidents for search"), error);
}

/* ------------------------------------------------------------------ */
/* Problems (SARA)                                                     */

typedef struct {
  const char *title;
  const char *description;
  const char *task;
  const char *partner;      /* name prefix of the task's assignee; NULL: the district officer */
} ResponseSpec;

typedef struct {
  const char  *title;
  const char  *statement;
  const char  *stage;
  int          priority;
  int          hot_spot;          /* -1: around a landmark, or the whole town */
  const char  *landmark;          /* landmark name prefix, when not a hot spot */
  double       radius_m;
  const char  *categories[5];
  const char  *offender, *victim, *place, *handler, *guardian, *manager;
  const char  *analysis_notes;
  const char  *assessment_notes;
  int          response_days_ago; /* when the response began; 0: not yet */
  int          response_days;     /* how long it ran (0: still running) */
  ResponseSpec responses[3];
  const char  *partners[3];       /* name prefixes */
} ProblemSpec;

typedef struct {
  char         id[BB_UUID_STRING_LEN];
  const ProblemSpec *spec;
  int          district;
} ProblemRow;

static const ProblemSpec problem_specs[] = {
  { N_("Violence and noise on the bar street at night"),
    N_("Fights, assaults and loud music around the bars of Rruga e Kafeneve on Friday and Saturday nights; residents cannot sleep and some are afraid to walk home."),
    "assessment", 1, BB_DEMO_HOT_SPOT_BAR_STREET, NULL, 250,
    { "assault", "public_disorder.fight", "public_disorder.noise", "alcohol_public" },
    N_("Young men from the whole town, drinking from early evening"), N_("Other guests, residents above the bars"),
    N_("Six bars within 300 m that close at different times"), N_("Parents; the football club"),
    N_("Door staff, the patrol, taxi drivers"), N_("Bar owners; the municipality’s licensing office"),
    N_("Two thirds of the incidents happen between 23:00 and 03:00 on Friday and Saturday nights, mostly at closing time when guests of all bars leave at once."),
    /* xgettext:no-c-format */
    N_("Incidents in the area fell by about 45 % in the response period against the same months before; the surrounding streets show no rise, so the problem did not move."),
    300, 240,
    { { N_("Common closing time and staggered exit"), N_("Bar owners agreed to close together at 01:00 and to let guests out in groups."), N_("Sign the agreement with the bar owners"), "Shoqata e Bareve" },
      { N_("Foot patrol at closing time"), N_("Two officers on foot on Friday and Saturday nights from 23:00 to 02:00."), N_("Add the foot patrol to the weekend roster"), NULL },
      { N_("Taxi rank at the end of the street"), N_("A taxi rank near the square so that guests leave quickly."), N_("Ask the municipality for the taxi rank"), "Bashkia Kodrabardhë — Sektori" } },
    { "Shoqata e Bareve", "Bashkia Kodrabardhë — Sektori", "Shoqata e Banorëve të Qendrës" } },
  { N_("Pickpocketing at the market"),
    N_("Wallets and phones are stolen in the crowd at the market, most of all on Wednesdays and Saturdays and before the holidays."),
    "response", 2, BB_DEMO_HOT_SPOT_MARKET, NULL, 200,
    { "theft.pickpocket", "theft.shop" },
    N_("Small groups who move between markets of the region"), N_("Shoppers, older people with handbags"),
    N_("Narrow aisles between the stalls"), NULL, N_("Stall holders, the market guard"), N_("The market traders’ association"),
    N_("Thefts peak between 10:00 and 13:00 on market days; victims rarely notice before they pay."),
    NULL, 60, 0,
    { { N_("Warning signs and leaflets at the stalls"), N_("Signs at the entrances and leaflets in the stalls: keep your wallet in front."), N_("Print the leaflets and signs"), "Shoqata e Tregtarëve" },
      { N_("Plain-clothes presence on market days"), N_("An officer in plain clothes walks the market on Wednesday and Saturday mornings."), N_("Plan the market-day shifts"), NULL } },
    { "Shoqata e Tregtarëve", "Radio Kodrabardhë", NULL } },
  { N_("Drugs and drinking in the city park"),
    N_("Young people drink and use drugs in the city park in the evenings; syringes are found near the playground and parents keep their children away."),
    "response", 1, BB_DEMO_HOT_SPOT_PARK, NULL, 300,
    { "drugs.use", "drugs.dealing", "alcohol_public", "youth_groups", "vandalism.graffiti" },
    N_("Groups of teenagers and some older users"), N_("Families, children at the playground"),
    N_("Dark corner of the park behind the old kiosk"), N_("Parents, youth workers"),
    N_("Park keeper, patrol"), N_("The municipality’s parks department"),
    N_("Most reports are from summer evenings; the unlit corner behind the kiosk is the centre of the problem."),
    NULL, 120, 0,
    { { N_("New lighting and cutting back the bushes"), N_("The municipality lights the path and cuts the bushes behind the kiosk."), N_("Order the lamps for the park path"), "Bashkia Kodrabardhë — Ndriçimi" },
      { N_("Street work with the youth club"), N_("Youth workers meet the groups in the park twice a week."), N_("Agree the street-work evenings"), "Shoqata “Rinia Aktive”" },
      { N_("Safe disposal of syringes"), N_("A sharps box at the park entrance, emptied by the health centre."), N_("Install the sharps box"), "Qendra Shëndetësore" } },
    { "Bashkia Kodrabardhë — Ndriçimi", "Shoqata “Rinia Aktive”", "Qendra Shëndetësore" } },
  { N_("Burglaries in the northern estate"),
    N_("Flats in the blocks of the northern estate are broken into during the day, often several in the same block within a few days."),
    "analysis", 1, BB_DEMO_HOT_SPOT_ESTATE, NULL, 350,
    { "burglary.residential", "vandalism.property" },
    N_("Unknown; probably a few local offenders"), N_("Flats on the ground and first floors"),
    N_("Blocks whose entrance doors do not lock"), NULL, N_("Neighbours, the block administrators"),
    N_("The residents’ association"),
    N_("Near-repeat pattern: after a burglary, the risk in the same block is raised for about two weeks."),
    NULL, 0, 0, { { NULL } },
    { "Shoqata e Banorëve të Pallateve", "Lëvizja “Lagje e Sigurt”", NULL } },
  { N_("Dark paths between the blocks of the estate"),
    N_("Residents of the northern estate report broken street lights and groups of youngsters on the paths between the blocks after dark."),
    "scanning", 2, BB_DEMO_HOT_SPOT_ESTATE, NULL, 300,
    { "street_lighting", "youth_groups" },
    NULL, N_("Residents coming home after dark"), N_("Footpaths between the blocks"),
    NULL, NULL, N_("The municipality’s lighting department"),
    NULL, NULL, 0, 0, { { NULL } },
    { "Shoqata e Banorëve të Pallateve", NULL, NULL } },
  { N_("Gatherings under the town bridge"),
    N_("Since the spring, groups meet under the town bridge at night; residents report drinking, drugs and graffiti on the river bank."),
    "scanning", 2, BB_DEMO_HOT_SPOT_RIVERBANK, NULL, 200,
    { "drugs.use", "youth_groups", "alcohol_public", "vandalism.graffiti" },
    NULL, NULL, N_("The river bank under Ura e Qytetit"), NULL, NULL, NULL,
    NULL, NULL, 0, 0, { { NULL } },
    { NULL, NULL, NULL } },
  { N_("Disorder at the bus station"),
    N_("Drunk people, fights and thefts at the bus station in the evenings, when the last buses leave."),
    "analysis", 2, BB_DEMO_HOT_SPOT_BUS_STATION, NULL, 200,
    { "alcohol_public", "public_disorder.fight", "theft.pickpocket" },
    N_("A few regular drinkers; travellers waiting for the late buses"), N_("Travellers, bus drivers"),
    N_("The waiting hall, which stays open and unstaffed after 20:00"), NULL,
    N_("Bus company staff"), N_("The bus company"),
    N_("Incidents cluster between 19:00 and 23:00; the hall has no staff after 20:00."),
    NULL, 0, 0, { { NULL } },
    { "Kompania e Autobusëve", NULL, NULL } },
  { N_("Speeding past the gymnasium"),
    N_("Cars speed on Bulevardi Skënderbeu past the gymnasium while pupils cross."),
    "response", 2, -1, "Gjimnazi", 250,
    { "traffic.speeding", "traffic.accident" },
    N_("Drivers using the boulevard as a through road"), N_("Pupils crossing to the bus stop"),
    N_("Straight stretch without a crossing"), NULL, N_("School crossing patrol"),
    N_("The municipality’s roads department"),
    N_("Speed checks found one driver in three over the limit at school times."),
    NULL, 90, 0,
    { { N_("Speed checks at school times"), N_("Regular speed checks at 7:30–8:30 and 13:00–14:00."), N_("Plan the speed checks for the term"), NULL },
      { N_("Raised crossing and signs"), N_("The municipality builds a raised crossing in front of the school."), N_("Submit the crossing to the council"), "Bashkia Kodrabardhë — Sektori" } },
    { "Gjimnazi", "Bashkia Kodrabardhë — Sektori", NULL } },
  { N_("Fraud against older residents"),
    N_("Older residents are tricked out of their savings by callers who pretend to be relatives in trouble and by false utility workers."),
    "assessment", 1, -1, NULL, 0,
    { "fraud.elderly" },
    N_("Organised callers from outside the town"), N_("Older people living alone"),
    N_("Telephone; the victim’s home"), NULL, N_("Family, neighbours, bank staff"), N_("Banks, the water company"),
    N_("Most victims are over 75 and live alone; most calls come in the late morning."),
    N_("Reports fell after the campaign, and two thirds of the recent reports were of attempts that failed because the victim called the police first."),
    270, 240,
    { { N_("Warning campaign on radio and in the day centre"), N_("Talks at the day centre and a radio spot: the police never ask for money on the phone."), N_("Record the radio spot"), "Radio Kodrabardhë" },
      { N_("Bank staff alert"), N_("Bank staff ask older customers who withdraw large sums in cash whether someone asked them to."), N_("Brief the bank branches"), NULL } },
    { "Qendra Ditore", "Radio Kodrabardhë", NULL } },
  { N_("Stray dogs near the schools"),
    N_("Packs of stray dogs near the southern schools frightened children on the way to school."),
    "closed", 2, -1, "Shkolla 9-vjeçare “Bajram Curri”", 400,
    { "stray_dogs" },
    NULL, N_("Children on the way to school"), N_("Waste ground beside the school"), NULL, NULL,
    N_("The municipality; the animal shelter"),
    N_("Dogs were fed at the waste ground by well-meaning neighbours."),
    N_("After neutering and rehoming, reports near the schools fell by two thirds and stayed low; the problem was closed."),
    600, 180,
    { { N_("Neutering and rehoming"), N_("The animal shelter caught, neutered and rehomed the dogs."), N_("Agree the catch-and-neuter days"), "Shoqata për Mbrojtjen" },
      { N_("Fence the waste ground"), N_("The municipality fenced the waste ground and removed the rubbish."), N_("Fence the waste ground"), "Ndërmarrja e Pastrimit" } },
    { "Shoqata për Mbrojtjen", "Ndërmarrja e Pastrimit", NULL } },
  { N_("Rubbish dumped in the riverside park"),
    N_("Building rubble and household rubbish were dumped at night along the riverside park."),
    "closed", 3, -1, NULL, 0,
    { "illegal_dumping" },
    N_("Small builders avoiding the tip’s fees"), NULL, N_("Unlit lane into the riverside park"), NULL, NULL,
    N_("The municipality’s cleaning company"),
    N_("Most dumping happened at night from vans; the lane had no barrier."),
    N_("A barrier and a free collection day ended the dumping; the last report was months ago."),
    540, 140,
    { { N_("Barrier on the lane"), N_("A barrier closes the lane at night."), N_("Install the barrier"), "Ndërmarrja e Pastrimit" } },
    { "Ndërmarrja e Pastrimit", NULL, NULL } },
};

static const char *
tr (const char *msgid)
{
  return msgid != NULL ? _(msgid) : "";
}

static const BbDemoLandmark *
landmark_with_prefix (const BbDemoTown *town,
                      const char       *prefix)
{
  for (guint i = 0; i < town->landmarks->len; i++)
    {
      const BbDemoLandmark *l = g_ptr_array_index (town->landmarks, i);

      if (g_str_has_prefix (l->name, prefix))
        return l;
    }
  g_assert_not_reached ();
}

static gboolean
write_problems (Writer  *w,
                GError **error)
{
  g_autoptr(sqlite3_stmt) problem = NULL;
  g_autoptr(sqlite3_stmt) category = NULL;
  g_autoptr(sqlite3_stmt) partner = NULL;
  g_autoptr(sqlite3_stmt) response = NULL;
  g_autoptr(sqlite3_stmt) task = NULL;
  g_autoptr(sqlite3_stmt) outside = NULL;
  g_autoptr(sqlite3_stmt) by_hand = NULL;

  problem = prepare (w, "INSERT INTO problem (id, station_id, title, statement, stage, priority, district_id,"
                        " owner_id, area, period_start, period_end, baseline_start, baseline_end,"
                        " response_start, response_end, offender, victim, place, handler, guardian, manager,"
                        " analysis_notes, assessment_notes, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                        " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)", error);
  category = prepare (w, "INSERT INTO problem_category (problem_id, category_id) VALUES (?1, ?2)", error);
  partner = prepare (w, "INSERT INTO problem_partner (problem_id, partner_id, role) VALUES (?1, ?2, ?3)", error);
  response = prepare (w, "INSERT INTO response (id, station_id, problem_id, title, description, agreed,"
                         " created_at, updated_at, owner_officer_id, owner_partner_id, start_date, end_date)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  task = prepare (w, "INSERT INTO task (id, station_id, response_id, plan_id, title, assignee_officer_id,"
                     " assignee_partner_id, due_date, done, created_at, updated_at)"
                     " VALUES (?1, ?2, ?3, NULL, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  outside = prepare (w, "SELECT id FROM incident WHERE category_id = ?1 AND district_id = ?2"
                        " AND (lon < ?3 OR lon > ?4) AND restricted = 0 ORDER BY occurred_start DESC, id LIMIT 1",
                     error);
  by_hand = prepare (w, "INSERT INTO problem_incident (problem_id, incident_id, included) VALUES (?1, ?2, 1)",
                     error);
  if (problem == NULL || category == NULL || partner == NULL || response == NULL || task == NULL
      || outside == NULL || by_hand == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (problem_specs); i++)
    {
      const ProblemSpec *spec = &problem_specs[i];
      ProblemRow *row = g_new0 (ProblemRow, 1);
      g_autofree char *area = NULL;
      double lon = 0, lat = 0;
      gboolean has_area = FALSE;
      gint64 response_start = 0, response_end = 0, created, updated;
      gboolean worked = g_str_equal (spec->stage, "response") || g_str_equal (spec->stage, "assessment")
                        || g_str_equal (spec->stage, "closed");

      new_id (w, row->id);
      row->spec = spec;
      row->district = -1;
      g_ptr_array_add (w->problems, row);

      if (spec->hot_spot >= 0)
        {
          lon = w->town->hot_spots[spec->hot_spot].lon;
          lat = w->town->hot_spots[spec->hot_spot].lat;
          has_area = TRUE;
        }
      else if (spec->landmark != NULL)
        {
          const BbDemoLandmark *l = landmark_with_prefix (w->town, spec->landmark);

          lon = l->lon;
          lat = l->lat;
          has_area = TRUE;
        }
      if (has_area)
        {
          BbDemoArea circle = { NULL, NULL, 0 };

          circle.ring = bb_demo_town_circle (w->town, lon, lat, spec->radius_m, 24, &circle.n_ring);
          area = bb_demo_town_area_geometry (&circle);
          g_free (circle.ring);
          row->district = bb_demo_town_district_at (w->town, lon, lat);
          if (worked && row->district >= 0)
            w->district_worked_on[row->district] = TRUE;
        }

      if (spec->response_days_ago > 0)
        {
          response_start = w->end - spec->response_days_ago * DAY;
          response_end = spec->response_days > 0 ? response_start + spec->response_days * DAY : 0;
          created = us (response_start - 45 * DAY);
        }
      else
        created = us (w->end - (g_str_equal (spec->stage, "scanning") ? 20 : 75) * DAY);
      updated = MAX (created, us (w->end - (gint64) (i + 1) * 3 * DAY));

      bind_text (problem, 1, row->id);
      bind_text (problem, 2, w->station_id);
      bind_text (problem, 3, _(spec->title));
      bind_text (problem, 4, _(spec->statement));
      bind_text (problem, 5, spec->stage);
      sqlite3_bind_int (problem, 6, spec->priority);
      bind_text (problem, 7, row->district >= 0 ? w->district_id[row->district] : NULL);
      bind_text (problem, 8, row->district >= 0 ? w->officer_id[row->district] : w->coordinator_id);
      bind_text (problem, 9, area);
      if (response_start > 0)
        {
          sqlite3_bind_int64 (problem, 10, response_start - 365 * DAY);
          sqlite3_bind_int64 (problem, 11, response_end > 0 ? response_end : w->end);
          sqlite3_bind_int64 (problem, 12, response_start - 365 * DAY);
          sqlite3_bind_int64 (problem, 13, response_start - 1);
          sqlite3_bind_int64 (problem, 14, response_start);
          if (response_end > 0)
            sqlite3_bind_int64 (problem, 15, response_end);
        }
      else
        {
          sqlite3_bind_int64 (problem, 10, w->end - 365 * DAY);
          sqlite3_bind_int64 (problem, 11, w->end);
        }
      bind_text (problem, 16, tr (spec->offender));
      bind_text (problem, 17, tr (spec->victim));
      bind_text (problem, 18, tr (spec->place));
      bind_text (problem, 19, tr (spec->handler));
      bind_text (problem, 20, tr (spec->guardian));
      bind_text (problem, 21, tr (spec->manager));
      bind_text (problem, 22, tr (spec->analysis_notes));
      bind_text (problem, 23, tr (spec->assessment_notes));
      bind_times (problem, 24, created, updated);
      if (!run (w, problem, _("Adding the problems"), error))
        return FALSE;

      for (guint c = 0; c < G_N_ELEMENTS (spec->categories) && spec->categories[c] != NULL; c++)
        {
          bind_text (category, 1, row->id);
          bind_text (category, 2, category_id (w, spec->categories[c]));
          if (!run (w, category, _("Adding the problems"), error))
            return FALSE;
        }

      for (guint k = 0; k < G_N_ELEMENTS (spec->partners) && spec->partners[k] != NULL; k++)
        {
          bind_text (partner, 1, row->id);
          bind_text (partner, 2, partner_named (w, spec->partners[k])->id);
          bind_text (partner, 3, k == 0 ? _("Lead partner") : _("Working group member"));
          if (!run (w, partner, _("Adding the problems"), error))
            return FALSE;
        }

      /* One incident from elsewhere in the district, added by hand: the
       * officer knows it belongs to the same offenders. */
      if (has_area && row->district >= 0 && !g_str_equal (spec->stage, "scanning"))
        {
          double margin = spec->radius_m / 60000.0;

          bind_text (outside, 1, category_id (w, spec->categories[0]));
          bind_text (outside, 2, w->district_id[row->district]);
          sqlite3_bind_double (outside, 3, lon - margin);
          sqlite3_bind_double (outside, 4, lon + margin);
          if (sqlite3_step (outside) == SQLITE_ROW)
            {
              bind_text (by_hand, 1, row->id);
              bind_text (by_hand, 2, (const char *) sqlite3_column_text (outside, 0));
              if (!run (w, by_hand, _("Adding the problems"), error))
                return FALSE;
            }
          sqlite3_reset (outside);
        }

      for (guint k = 0; k < G_N_ELEMENTS (spec->responses) && spec->responses[k].title != NULL; k++)
        {
          const ResponseSpec *r = &spec->responses[k];
          char response_id[BB_UUID_STRING_LEN], task_id[BB_UUID_STRING_LEN], due[11], from[11], to[11];
          gint64 due_at = response_start + (gint64) (k + 1) * 30 * DAY;

          new_id (w, response_id);
          new_id (w, task_id);
          bind_text (response, 1, response_id);
          bind_text (response, 2, w->station_id);
          bind_text (response, 3, row->id);
          bind_text (response, 4, _(r->title));
          bind_text (response, 5, _(r->description));
          sqlite3_bind_int (response, 6, 1);
          bind_times (response, 7, us (response_start - 20 * DAY), us (response_start - 20 * DAY));
          /* The partner who does the task owns the response. */
          if (r->partner == NULL)
            bind_text (response, 9, row->district >= 0 ? w->officer_id[row->district] : w->coordinator_id);
          else
            bind_text (response, 10, partner_named (w, r->partner)->id);
          bb_demo_format_local_date (response_start, from);
          bind_text (response, 11, from);
          if (response_end > 0)
            {
              bb_demo_format_local_date (response_end, to);
              bind_text (response, 12, to);
            }
          if (!run (w, response, _("Adding the responses"), error))
            return FALSE;

          bb_demo_format_local_date (due_at, due);
          bind_text (task, 1, task_id);
          bind_text (task, 2, w->station_id);
          bind_text (task, 3, response_id);
          bind_text (task, 4, _(r->task));
          if (r->partner == NULL)
            bind_text (task, 5, row->district >= 0 ? w->officer_id[row->district] : w->coordinator_id);
          else
            bind_text (task, 6, partner_named (w, r->partner)->id);
          bind_text (task, 7, due);
          sqlite3_bind_int (task, 8, due_at < w->end - 7 * DAY);
          bind_times (task, 9, us (response_start - 20 * DAY),
                      us (MIN (due_at, w->end) - DAY));
          if (!run (w, task, _("Adding the tasks"), error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The community safety plan                                           */

static gint64
count_incidents (Writer             *w,
                 const char * const *codes,
                 double              lon,
                 double              lat,
                 double              radius_m,
                 gint64              from,
                 gint64              to)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double dlat = radius_m / 111195.0;
  double dlon = dlat / cos (lat * G_PI / 180);
  gint64 n = 0;

  stmt = prepare (w, "SELECT count(*) FROM incident AS i JOIN category AS c ON c.id = i.category_id"
                     " WHERE c.code = ?1 AND i.lon BETWEEN ?2 AND ?3 AND i.lat BETWEEN ?4 AND ?5"
                     " AND i.occurred_start >= ?6 AND i.occurred_start < ?7", NULL);
  if (stmt == NULL)
    return 0;
  for (guint k = 0; codes[k] != NULL; k++)
    {
      bind_text (stmt, 1, codes[k]);
      sqlite3_bind_double (stmt, 2, lon - dlon);
      sqlite3_bind_double (stmt, 3, lon + dlon);
      sqlite3_bind_double (stmt, 4, lat - dlat);
      sqlite3_bind_double (stmt, 5, lat + dlat);
      sqlite3_bind_int64 (stmt, 6, from);
      sqlite3_bind_int64 (stmt, 7, to);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return n;
}

typedef struct {
  const char *objective;
  const char *name;
  const char *unit;
  double      baseline, target, current;
  char       *computed;
} IndicatorSpec;

static gboolean
write_plan (Writer  *w,
            GError **error)
{
  static const char * const violence[] = { "assault", "public_disorder.fight", NULL };
  static const char * const market[] = { "theft.pickpocket", NULL };
  static const struct {
    const char *title;
    const char *partner;   /* NULL: the district officer */
    int         due_days;  /* from the plan's start */
  } tasks[] = {
    { N_("Publish the plan in the local paper and on the radio"), "Gazeta", 20 },
    { N_("Report the weekend incident figures to the bar owners every month"), NULL, 60 },
    { N_("Repair the lights on the path through the city park"), "Bashkia Kodrabardhë — Ndriçimi", 90 },
    { N_("Hold a youth evening in the park with the youth club"), "Shoqata “Rinia Aktive”", 150 },
    { N_("Hand out the pickpocketing leaflets before the winter holidays"), "Shoqata e Tregtarëve", 260 },
    { N_("Run the second resident survey in the centre"), NULL, 330 },
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const ProblemRow *bar = g_ptr_array_index (w->problems, 0);
  const ProblemRow *market_problem = g_ptr_array_index (w->problems, 1);
  const BbDemoHotSpot *bar_spot = &w->town->hot_spots[BB_DEMO_HOT_SPOT_BAR_STREET];
  const BbDemoHotSpot *market_spot = &w->town->hot_spots[BB_DEMO_HOT_SPOT_MARKET];
  gint64 start = w->end - 200 * DAY, plan_end = start + 364 * DAY;
  gint64 bar_response = w->end - bar->spec->response_days_ago * DAY;
  gint64 market_response = w->end - market_problem->spec->response_days_ago * DAY;
  char plan_id[BB_UUID_STRING_LEN], from[11], to[11];
  g_autofree char *title = NULL;
  int district = bar->district;
  IndicatorSpec indicators[4];
  guint n_indicators = 0;

  new_id (w, plan_id);
  bb_demo_format_local_date (start, from);
  bb_demo_format_local_date (plan_end, to);
  title = g_strdup_printf (_("Community safety plan for the town centre, %.4s–%.4s"), from, to);

  stmt = prepare (w, "INSERT INTO plan (id, station_id, title, district_id, period_start, period_end, statement,"
                     " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, plan_id);
  bind_text (stmt, 2, w->station_id);
  bind_text (stmt, 3, title);
  bind_text (stmt, 4, district >= 0 ? w->district_id[district] : NULL);
  bind_text (stmt, 5, from);
  bind_text (stmt, 6, to);
  bind_text (stmt, 7, _("Residents, the municipality, businesses and the police agree to make the town centre safe "
                        "to go out in at night and calm to live in: fewer fights on the bar street, a park that "
                        "families use again, and fewer thefts at the market. We meet every three months to check "
                        "what has been done and what has changed."));
  bind_times (stmt, 8, us (start - 30 * DAY), us (w->end - 10 * DAY));
  if (!run (w, stmt, _("Adding the safety plan"), error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (w, "INSERT INTO plan_problem (plan_id, problem_id) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < 3; k++)
    {
      bind_text (stmt, 1, plan_id);
      bind_text (stmt, 2, ((ProblemRow *) g_ptr_array_index (w->problems, k))->id);
      if (!run (w, stmt, _("Adding the safety plan"), error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Indicators computed from the incidents start from the real counts. */
  indicators[n_indicators++] = (IndicatorSpec) {
    N_("Fewer fights and assaults on the bar street at night"),
    N_("Fights and assaults around the bar street"), N_("incidents per quarter"),
    count_incidents (w, violence, bar_spot->lon, bar_spot->lat, 250, bar_response - 365 * DAY, bar_response) / 4.0,
    0, count_incidents (w, violence, bar_spot->lon, bar_spot->lat, 250, w->end - 91 * DAY, w->end),
    g_strdup_printf ("{\"categories\":[\"assault\",\"public_disorder.fight\"],\"problem\":\"%s\",\"period_days\":91}",
                     bar->id) };
  indicators[n_indicators++] = (IndicatorSpec) {
    N_("Families use the city park again"),
    N_("Residents of the centre who feel safe in the park after dark"),
    /* Translators: the unit of an indicator, a percentage */
    /* xgettext:no-c-format */
    N_("% of those asked"),
    38, 55, 46, NULL };
  indicators[n_indicators++] = (IndicatorSpec) {
    N_("Families use the city park again"),
    N_("Syringes found in the park"), N_("per month"), 9, 2, 4, NULL };
  indicators[n_indicators++] = (IndicatorSpec) {
    N_("Fewer thefts at the market"),
    N_("Pickpocketing at the market"), N_("incidents per quarter"),
    count_incidents (w, market, market_spot->lon, market_spot->lat, 200, market_response - 365 * DAY, market_response) / 4.0,
    0, count_incidents (w, market, market_spot->lon, market_spot->lat, 200, w->end - 91 * DAY, w->end),
    g_strdup_printf ("{\"categories\":[\"theft.pickpocket\"],\"problem\":\"%s\",\"period_days\":91}",
                     market_problem->id) };
  indicators[0].target = floor (indicators[0].baseline * 0.6);
  indicators[3].target = floor (indicators[3].baseline * 0.75);

  {
    g_autoptr(sqlite3_stmt) objective = NULL;
    g_autoptr(sqlite3_stmt) indicator = NULL;
    char objective_id[BB_UUID_STRING_LEN] = "";
    const char *last = NULL;
    int sort = 0;
    gboolean ok = TRUE;

    objective = prepare (w, "INSERT INTO objective (id, station_id, plan_id, title, sort_order, created_at,"
                            " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
    indicator = prepare (w, "INSERT INTO indicator (id, station_id, objective_id, name, unit, baseline, target,"
                            " current, computed, created_at, updated_at)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
    for (guint k = 0; k < n_indicators; k++)
      {
        char indicator_id[BB_UUID_STRING_LEN];

        if (ok && objective != NULL && indicator != NULL && indicators[k].objective != last)
          {
            last = indicators[k].objective;
            new_id (w, objective_id);
            bind_text (objective, 1, objective_id);
            bind_text (objective, 2, w->station_id);
            bind_text (objective, 3, plan_id);
            bind_text (objective, 4, _(indicators[k].objective));
            sqlite3_bind_int (objective, 5, sort++);
            bind_times (objective, 6, us (start - 30 * DAY), us (start - 30 * DAY));
            ok = run (w, objective, _("Adding the safety plan"), error);
          }
        new_id (w, indicator_id);
        if (ok && objective != NULL && indicator != NULL)
          {
            bind_text (indicator, 1, indicator_id);
            bind_text (indicator, 2, w->station_id);
            bind_text (indicator, 3, objective_id);
            bind_text (indicator, 4, _(indicators[k].name));
            bind_text (indicator, 5, _(indicators[k].unit));
            sqlite3_bind_double (indicator, 6, indicators[k].baseline);
            sqlite3_bind_double (indicator, 7, indicators[k].target);
            sqlite3_bind_double (indicator, 8, indicators[k].current);
            bind_text (indicator, 9, indicators[k].computed);
            bind_times (indicator, 10, us (start - 30 * DAY), us (w->end - 5 * DAY));
            ok = run (w, indicator, _("Adding the safety plan"), error);
          }
        g_free (indicators[k].computed);
      }
    if (objective == NULL || indicator == NULL || !ok)
      return FALSE;
  }

  stmt = prepare (w, "INSERT INTO task (id, station_id, response_id, plan_id, title, assignee_officer_id,"
                     " assignee_partner_id, due_date, done, created_at, updated_at)"
                     " VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (tasks); k++)
    {
      char id[BB_UUID_STRING_LEN], due[11];
      gint64 due_at = start + tasks[k].due_days * DAY;

      new_id (w, id);
      bb_demo_format_local_date (due_at, due);
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, w->station_id);
      bind_text (stmt, 3, plan_id);
      bind_text (stmt, 4, _(tasks[k].title));
      if (tasks[k].partner == NULL)
        bind_text (stmt, 5, district >= 0 ? w->officer_id[district] : w->coordinator_id);
      else
        bind_text (stmt, 6, partner_named (w, tasks[k].partner)->id);
      bind_text (stmt, 7, due);
      sqlite3_bind_int (stmt, 8, due_at < w->end - 10 * DAY);
      bind_times (stmt, 9, us (start - 30 * DAY), us (MIN (due_at, w->end - DAY)));
      if (!run (w, stmt, _("Adding the safety plan"), error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (w, "INSERT INTO plan_review (id, station_id, plan_id, review_date, notes, done, created_at,"
                     " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (w->plan_reviews); k++)
    {
      static const char * const notes[] = {
        N_("Bar owners signed the closing-time agreement; park lighting ordered."),
        N_("Fewer fights on the bar street; park lights installed, the corner behind the kiosk is still dark."),
      };
      char id[BB_UUID_STRING_LEN], date[11];
      gint64 at = start + (gint64) (k + 1) * 91 * DAY;
      gboolean done = at < w->end;

      w->plan_reviews[k] = at;
      new_id (w, id);
      bb_demo_format_local_date (at, date);
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, w->station_id);
      bind_text (stmt, 3, plan_id);
      bind_text (stmt, 4, date);
      bind_text (stmt, 5, done && k < G_N_ELEMENTS (notes) ? _(notes[k]) : "");
      sqlite3_bind_int (stmt, 6, done);
      bind_times (stmt, 7, us (start - 30 * DAY), us (done ? at + DAY : start - 30 * DAY));
      if (!run (w, stmt, _("Adding the safety plan"), error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* A year of events                                                    */

typedef struct {
  char        id[BB_UUID_STRING_LEN];
  const char *title;
  const char *kind;
  gint64      start, end;
  gboolean    all_day;
  const char *rrule;
  const char *series_id;
  gint64      recurrence_id;
  const char *place;
  gboolean    has_position;
  double      lon, lat;
  int         district;
  const char *organiser;
  int         head_count;   /* -1: not counted */
  const char *agenda;
  const char *minutes;
  const char *ical_uid;
} EventRow;

typedef struct {
  sqlite3_stmt *event;
  sqlite3_stmt *attendee;
  sqlite3_stmt *concern;
  sqlite3_stmt *kind_exists;
  sqlite3_stmt *add_kind;
  sqlite3_stmt *members;
  sqlite3_stmt *recent;
  sqlite3_stmt *count;
  sqlite3_stmt *count_all;
  const char   *k_advisory, *k_meeting, *k_forum, *k_open_day, *k_school, *k_press,
               *k_prevention, *k_council, *k_training, *k_review;
} EventStatements;

static void
event_statements_clear (EventStatements *s)
{
  g_clear_pointer (&s->event, sqlite3_finalize);
  g_clear_pointer (&s->attendee, sqlite3_finalize);
  g_clear_pointer (&s->concern, sqlite3_finalize);
  g_clear_pointer (&s->kind_exists, sqlite3_finalize);
  g_clear_pointer (&s->add_kind, sqlite3_finalize);
  g_clear_pointer (&s->members, sqlite3_finalize);
  g_clear_pointer (&s->recent, sqlite3_finalize);
  g_clear_pointer (&s->count, sqlite3_finalize);
  g_clear_pointer (&s->count_all, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EventStatements, event_statements_clear)

static gboolean
insert_event (Writer          *w,
              EventStatements *s,
              EventRow        *e,
              GError         **error)
{
  g_autofree char *uid = NULL;
  gint64 created = MIN (e->start - 30 * DAY, w->end - DAY);
  gint64 updated = e->minutes != NULL ? MIN (e->start + 2 * DAY, w->end) : created;

  if (e->id[0] == '\0')
    new_id (w, e->id);
  if (e->ical_uid == NULL)
    uid = g_strdup_printf ("%s@policia-kodrabardhe.example", e->id);
  bind_text (s->event, 1, e->id);
  bind_text (s->event, 2, w->station_id);
  bind_text (s->event, 3, e->title);
  bind_text (s->event, 4, e->kind);
  sqlite3_bind_int64 (s->event, 5, e->start);
  sqlite3_bind_int64 (s->event, 6, e->end);
  sqlite3_bind_int (s->event, 7, e->all_day);
  bind_text (s->event, 8, w->town->timezone);
  bind_text (s->event, 9, e->rrule);
  bind_text (s->event, 10, e->series_id);
  if (e->series_id != NULL)
    sqlite3_bind_int64 (s->event, 11, e->recurrence_id);
  bind_text (s->event, 12, e->place != NULL ? e->place : "");
  if (e->has_position)
    {
      sqlite3_bind_double (s->event, 13, e->lat);
      sqlite3_bind_double (s->event, 14, e->lon);
    }
  bind_text (s->event, 15, e->district >= 0 ? w->district_id[e->district] : NULL);
  bind_text (s->event, 16, e->organiser);
  if (e->head_count >= 0)
    sqlite3_bind_int (s->event, 17, e->head_count);
  bind_text (s->event, 18, e->agenda != NULL ? e->agenda : "");
  bind_text (s->event, 19, e->minutes != NULL ? e->minutes : "");
  bind_text (s->event, 20, e->ical_uid != NULL ? e->ical_uid : uid);
  bind_times (s->event, 21, us (created), us (updated));
  return run (w, s->event, _("Adding the calendar"), error);
}

static gboolean
add_attendee (Writer          *w,
              EventStatements *s,
              const EventRow  *e,
              const char      *partner_id,
              const char      *officer_id,
              GError         **error)
{
  char id[BB_UUID_STRING_LEN];
  gint64 created = MIN (e->start - 30 * DAY, w->end - DAY);

  new_id (w, id);
  bind_text (s->attendee, 1, id);
  bind_text (s->attendee, 2, w->station_id);
  bind_text (s->attendee, 3, e->id);
  bind_text (s->attendee, 4, partner_id);
  bind_text (s->attendee, 5, officer_id);
  bind_times (s->attendee, 6, us (created), us (created));
  return run (w, s->attendee, _("Adding the calendar"), error);
}

/* The event kind to use: the station's own code for the idea if it has
 * one, else @code, added. */
static const char *
event_kind (Writer          *w,
            EventStatements *s,
            const char      *code,
            const char      *alternative,
            const char      *name,
            int              sort_order)
{
  const char *codes[] = { code, alternative };

  for (guint k = 0; k < G_N_ELEMENTS (codes); k++)
    {
      gboolean exists;

      if (codes[k] == NULL)
        continue;
      bind_text (s->kind_exists, 1, codes[k]);
      exists = sqlite3_step (s->kind_exists) == SQLITE_ROW;
      sqlite3_reset (s->kind_exists);
      if (exists)
        return codes[k];
    }
  bind_text (s->add_kind, 1, code);
  bind_text (s->add_kind, 2, _(name));
  sqlite3_bind_int (s->add_kind, 3, sort_order);
  if (sqlite3_step (s->add_kind) != SQLITE_DONE)
    g_debug ("Could not add the event kind %s: %s", code, sqlite3_errmsg (w->db));
  sqlite3_reset (s->add_kind);
  return code;
}

static gint64
count_in_district (Writer          *w,
                   EventStatements *s,
                   int              district,
                   gint64           from,
                   gint64           to)
{
  sqlite3_stmt *stmt = district >= 0 ? s->count : s->count_all;
  gint64 n = 0;

  /* Two statements, so that each can use its index. */
  if (district >= 0)
    bind_text (stmt, 1, w->district_id[district]);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static gint64
nth_weekday_at (int year,
                int month,
                int nth,
                int weekday,     /* 1 = Monday */
                int hour)
{
  GDate date;
  int first;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, month, year);
  first = g_date_get_weekday (&date);
  return bb_demo_town_local_to_utc (year, month, 1 + (weekday - first + 7) % 7 + 7 * (nth - 1), hour, 0);
}

typedef struct {
  const char *category;
  const char *text;     /* {street}: a street of the district */
} ConcernSpec;

/* Translators: {street} becomes a street's name, e.g. "Rruga e Kafeneve";
 * keep it in braces as it is */
static const ConcernSpec concern_specs[] = {
  { "street_lighting", N_("The street lights on {street} have been out for two weeks.") },
  { "stray_dogs", N_("Stray dogs on {street} frighten the children on their way to school.") },
  { "alcohol_public", N_("Drunk people gather in the evenings on {street} and shout until late.") },
  { "youth_groups", N_("Groups of youngsters on {street} make older residents afraid to go out.") },
  { "abandoned_buildings", N_("The empty house on {street} is open and children play inside.") },
  { "illegal_dumping", N_("Rubbish is dumped at night at the end of {street}.") },
  { "traffic.speeding", N_("Cars drive far too fast on {street}.") },
  { "burglary.residential", N_("Residents of {street} ask what to do after the break-ins in their block.") },
};

static gboolean write_town_events (Writer          *w,
                                   EventStatements *s,
                                   gint64           window_start,
                                   GError         **error);

static void
fill_street (const char *template,
             const char *street,
             char       *out,
             gsize       out_size)
{
  const char *at = strstr (template, "{street}");

  if (at == NULL)
    g_strlcpy (out, template, out_size);
  else
    g_snprintf (out, out_size, "%.*s%s%s", (int) (at - template), template, street, at + strlen ("{street}"));
}

static gboolean
write_events (Writer  *w,
              GError **error)
{
  g_auto(EventStatements) s = { NULL };
  const BbDemoTown *town = w->town;
  gint64 window_start = w->end - 270 * DAY;
  int year, month;

  s.event = prepare (w, "INSERT INTO event (id, station_id, title, kind, start_at, end_at, all_day, tzid, rrule,"
                        " series_id, recurrence_id, place, lat, lon, district_id, organiser_id, head_count,"
                        " agenda, minutes, ical_uid, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
                        " ?18, ?19, ?20, ?21, ?22)", error);
  s.attendee = prepare (w, "INSERT INTO event_attendee (id, station_id, event_id, partner_id, officer_id,"
                           " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  s.concern = prepare (w, "INSERT INTO concern (id, station_id, event_id, text, incident_id, problem_id,"
                          " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  s.kind_exists = prepare (w, "SELECT 1 FROM event_kind WHERE code = ?1", error);
  s.add_kind = prepare (w, "INSERT OR IGNORE INTO event_kind (code, name, sort_order) VALUES (?1, ?2, ?3)", error);
  s.members = prepare (w, "SELECT partner_id FROM advisory_member WHERE district_id = ?1 ORDER BY id", error);
  s.recent = prepare (w, "SELECT i.id FROM incident AS i JOIN category AS c ON c.id = i.category_id"
                         " WHERE c.code = ?1 AND i.district_id = ?2 AND i.restricted = 0"
                         " AND i.occurred_start BETWEEN ?3 AND ?4 ORDER BY i.occurred_start DESC, i.id LIMIT 1",
                      error);
  s.count = prepare (w, "SELECT count(*) FROM incident WHERE district_id = ?1"
                        " AND occurred_start >= ?2 AND occurred_start < ?3", error);
  s.count_all = prepare (w, "SELECT count(*) FROM incident"
                            " WHERE occurred_start >= ?2 AND occurred_start < ?3", error);
  if (!s.event || !s.attendee || !s.concern || !s.kind_exists || !s.add_kind || !s.members || !s.recent
      || !s.count || !s.count_all)
    return FALSE;

  s.k_advisory = event_kind (w, &s, "advisory_group", "advisory_meeting", N_("Advisory group meeting"), 0);
  s.k_meeting = event_kind (w, &s, "neighbourhood_meeting", "community_meeting", N_("Neighbourhood meeting"), 1);
  s.k_forum = event_kind (w, &s, "public_forum", NULL, N_("Public forum"), 2);
  s.k_open_day = event_kind (w, &s, "open_day", NULL, N_("Open day"), 3);
  s.k_school = event_kind (w, &s, "school_visit", NULL, N_("School visit"), 4);
  s.k_press = event_kind (w, &s, "press_briefing", NULL, N_("Press briefing"), 5);
  s.k_prevention = event_kind (w, &s, "crime_prevention", "campaign", N_("Crime prevention campaign"), 6);
  s.k_council = event_kind (w, &s, "safety_council", NULL, N_("Local safety council"), 7);
  s.k_training = event_kind (w, &s, "training", NULL, N_("Training"), 8);
  s.k_review = event_kind (w, &s, "plan_review", NULL, N_("Safety plan review"), 9);

  {
    char date[11];

    bb_demo_format_local_date (window_start, date);
    year = atoi (date);
    month = atoi (date + 5) + 1;
    if (month > 12)
      {
        month = 1;
        year++;
      }
  }

  /* Each district's advisory group meets monthly, on its own weekday. */
  for (int d = 0; d < BB_DEMO_TOWN_N_DISTRICTS; d++)
    {
      static const char * const byday[] = { "TU", "WE", "TH" };
      const BbDemoDistrict *district = &town->districts[d];
      int nth = d % 4 + 1, weekday = 2 + d / 4;
      EventRow series = { "" };
      g_autofree char *title = g_strdup_printf (_("Advisory group %s"), district->name);
      g_autofree char *rrule = g_strdup_printf ("FREQ=MONTHLY;BYDAY=+%d%s;COUNT=12", nth, byday[d / 4]);
      g_autofree char *place = g_strdup_printf (_("Community room, district %s"), district->name);
      g_autofree char *uid = NULL;
      g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func (g_free);
      const char *agenda = _("1. Incidents and concerns since the last meeting\n"
                             "2. Progress on the district’s problems\n"
                             "3. Residents’ questions\n"
                             "4. Date of the next meeting");

      bind_text (s.members, 1, w->district_id[d]);
      while (sqlite3_step (s.members) == SQLITE_ROW)
        g_ptr_array_add (members, g_strdup ((const char *) sqlite3_column_text (s.members, 0)));
      sqlite3_reset (s.members);

      series.title = title;
      series.kind = s.k_advisory;
      series.start = nth_weekday_at (year, month, nth, weekday, 18);
      series.end = series.start + 90 * 60;
      series.rrule = rrule;
      series.place = place;
      series.has_position = TRUE;
      series.lon = district->centre_lon;
      series.lat = district->centre_lat;
      series.district = d;
      series.organiser = w->officer_id[d];
      series.head_count = -1;
      series.agenda = agenda;
      if (!insert_event (w, &s, &series, error))
        return FALSE;
      uid = g_strdup_printf ("%s@policia-kodrabardhe.example", series.id);
      for (guint k = 0; k < members->len; k++)
        if (!add_attendee (w, &s, &series, members->pdata[k], NULL, error))
          return FALSE;
      if (!add_attendee (w, &s, &series, NULL, w->officer_id[d], error))
        return FALSE;

      /* Meetings that took place carry their minutes, attendance and the
       * concerns raised, as exceptions of the series. */
      for (int k = 0; k < 12; k++)
        {
          int m = (month - 1 + k) % 12 + 1, y = year + (month - 1 + k) / 12;
          gint64 at = nth_weekday_at (y, m, nth, weekday, 18);
          EventRow occurrence = series;
          g_autofree char *minutes = NULL;
          g_autoptr(GString) raised = g_string_new (NULL);
          int head_count = (int) bb_random_int_range (&w->rng, 7, 26);
          gint64 recorded = count_in_district (w, &s, d, at - 30 * DAY, at);
          guint n_concerns = (guint) bb_random_int_range (&w->rng, 1, 3);
          char concern_texts[2][256];
          const char *concern_incident[2] = { NULL, NULL };
          char incident_ids[2][BB_UUID_STRING_LEN];
          const ConcernSpec *concern[2];

          if (at >= w->end)
            break;
          for (guint c = 0; c < n_concerns; c++)
            {
              char street[128];
              char *space;
              double lon = district->centre_lon + bb_random_uniform (&w->rng, -0.004, 0.004);
              double lat = district->centre_lat + bb_random_uniform (&w->rng, -0.003, 0.003);

              concern[c] = &concern_specs[bb_random_int_range (&w->rng, 0, G_N_ELEMENTS (concern_specs))];
              bb_demo_town_address_at (town, lon, lat, street, sizeof street);
              space = strrchr (street, ' ');
              if (space != NULL)
                *space = '\0';
              fill_street (_(concern[c]->text), street, concern_texts[c], sizeof concern_texts[c]);
              if (raised->len > 0)
                g_string_append (raised, " ");
              g_string_append (raised, concern_texts[c]);

              bind_text (s.recent, 1, concern[c]->category);
              bind_text (s.recent, 2, w->district_id[d]);
              sqlite3_bind_int64 (s.recent, 3, at - 30 * DAY);
              sqlite3_bind_int64 (s.recent, 4, at);
              if (sqlite3_step (s.recent) == SQLITE_ROW)
                {
                  g_strlcpy (incident_ids[c], (const char *) sqlite3_column_text (s.recent, 0), BB_UUID_STRING_LEN);
                  concern_incident[c] = incident_ids[c];
                }
              sqlite3_reset (s.recent);
            }

          minutes = g_strdup_printf (_("%d people attended. The district officer presented the last month: "
                                       "%" PRId64 " incidents and concerns recorded in the district. "
                                       "Raised by residents: %s The officer will report back at the next meeting."),
                                     head_count, recorded, raised->str);

          occurrence.id[0] = '\0';
          occurrence.rrule = NULL;
          occurrence.series_id = series.id;
          occurrence.recurrence_id = at;
          occurrence.start = at;
          occurrence.end = at + 90 * 60;
          occurrence.head_count = head_count;
          occurrence.minutes = minutes;
          occurrence.ical_uid = uid;
          if (!insert_event (w, &s, &occurrence, error))
            return FALSE;
          for (guint p = 0; p < members->len; p++)
            if (bb_random_chance (&w->rng, 0.8)
                && !add_attendee (w, &s, &occurrence, members->pdata[p], NULL, error))
              return FALSE;
          if (!add_attendee (w, &s, &occurrence, NULL, w->officer_id[d], error))
            return FALSE;

          for (guint c = 0; c < n_concerns; c++)
            {
              char id[BB_UUID_STRING_LEN];
              const char *problem_id = NULL;

              for (guint p = 0; p < w->problems->len; p++)
                {
                  const ProblemRow *row = g_ptr_array_index (w->problems, p);

                  for (guint q = 0; q < G_N_ELEMENTS (row->spec->categories) && row->spec->categories[q]; q++)
                    if (row->district == d && g_str_equal (row->spec->categories[q], concern[c]->category))
                      problem_id = row->id;
                }
              new_id (w, id);
              bind_text (s.concern, 1, id);
              bind_text (s.concern, 2, w->station_id);
              bind_text (s.concern, 3, occurrence.id);
              bind_text (s.concern, 4, concern_texts[c]);
              bind_text (s.concern, 5, concern_incident[c]);
              bind_text (s.concern, 6, problem_id);
              bind_times (s.concern, 7, us (at + 3 * 3600), us (at + 3 * 3600));
              if (!run (w, s.concern, _("Adding the concerns raised"), error))
                return FALSE;
            }
        }
    }
  return write_town_events (w, &s, window_start, error);
}

static EventRow
event_at (const BbDemoTown *town,
          const char       *title,
          const char       *kind,
          gint64            start,
          gint64            duration,
          const char       *landmark_prefix)
{
  EventRow e = { "" };

  e.title = title;
  e.kind = kind;
  e.start = start;
  e.end = start + duration;
  e.head_count = -1;
  e.district = -1;
  if (landmark_prefix != NULL)
    {
      const BbDemoLandmark *l = landmark_with_prefix (town, landmark_prefix);

      e.place = l->name;
      e.has_position = TRUE;
      e.lon = l->lon;
      e.lat = l->lat;
      e.district = l->district;
    }
  return e;
}

/* Local midnight-based time @days after @from at @hour:@minute. */
static gint64
local_day_at (gint64 from,
              int    days,
              int    hour,
              int    minute)
{
  char date[11];

  bb_demo_format_local_date (from + days * DAY, date);
  return bb_demo_town_local_to_utc (atoi (date), atoi (date + 5), atoi (date + 8), hour, minute);
}

static gboolean
write_town_events (Writer          *w,
                   EventStatements *s,
                   gint64           window_start,
                   GError         **error)
{
  const BbDemoTown *town = w->town;
  static const char * const schools[] = {
    "Shkolla 9-vjeçare “Naim Frashëri”", "Shkolla 9-vjeçare “Lasgush Poradeci”",
    "Shkolla 9-vjeçare “Bajram Curri”", "Gjimnazi “Sami Frashëri”", "Shkolla Profesionale Kodrabardhë",
  };
  static const int school_days[] = { 20, 75, 115, 170, 230, 290, 320, 350 };
  EventRow e;

  /* Open day at the station. */
  e = event_at (town, _("Open day at the police station"), s->k_open_day,
                local_day_at (window_start, 140, 10, 0), 5 * 3600, "Komisariati");
  e.organiser = w->coordinator_id;
  e.head_count = 230;
  e.agenda = _("Meet your district officer; the patrol cars and the dog unit; "
               "crime prevention advice; children’s drawing competition");
  e.minutes = _("About 230 visitors. Residents met their district officers; 41 asked for advice on "
                "securing their homes; 12 concerns were written down and passed to the districts.");
  if (!insert_event (w, s, &e, error))
    return FALSE;
  for (guint k = 0; k < 4; k++)
    if (!add_attendee (w, s, &e, NULL, w->officer_id[k * 3], error))
      return FALSE;

  /* School visits across the school year. */
  for (guint k = 0; k < G_N_ELEMENTS (school_days); k++)
    {
      const char *school = schools[k % G_N_ELEMENTS (schools)];
      g_autofree char *title = g_strdup_printf (_("School visit: %s"), school);
      const Partner *partner = partner_named (w, school);

      e = event_at (town, title, s->k_school, local_day_at (window_start, school_days[k], 10, 0),
                    90 * 60, school);
      e.organiser = e.district >= 0 ? w->officer_id[e.district] : w->coordinator_id;
      e.agenda = k % 2 == 0 ? _("Safe way to school; what to do about bullying and online threats")
                            : _("Drugs and alcohol: a talk with the older pupils and their teachers");
      if (e.start < w->end)
        {
          e.head_count = (int) bb_random_int_range (&w->rng, 40, 140);
          e.minutes = _("Talk given to the pupils; the teachers asked for a follow-up visit next term.");
        }
      if (!insert_event (w, s, &e, error)
          || !add_attendee (w, s, &e, partner->id, NULL, error))
        return FALSE;
    }

  /* The chief's quarterly press briefings. */
  for (int k = 0; k < 4; k++)
    {
      gint64 at = local_day_at (window_start, 10 + 91 * k, 11, 0);
      gint64 quarter = count_in_district (w, s, -1, at - 91 * DAY, at);
      gint64 before = count_in_district (w, s, -1, at - 182 * DAY, at - 91 * DAY);
      g_autofree char *minutes = NULL;

      e = event_at (town, _("Quarterly press briefing"), s->k_press, at, 3600, "Komisariati");
      e.organiser = w->chief_id;
      e.agenda = _("The quarter’s figures; problems worked on with partners; questions from the press");
      if (at < w->end)
        {
          minutes = g_strdup_printf (_("The chief presented %" PRId64 " incidents and concerns recorded "
                                       "in the quarter (%" PRId64 " in the quarter before) and the "
                                       "work on the bar street and the city park. Restricted cases were not "
                                       "shown."), quarter, before);
          e.minutes = minutes;
          e.head_count = (int) bb_random_int_range (&w->rng, 6, 15);
        }
      if (!insert_event (w, s, &e, error)
          || !add_attendee (w, s, &e, partner_named (w, "Radio Kodrabardhë")->id, NULL, error)
          || !add_attendee (w, s, &e, partner_named (w, "Gazeta")->id, NULL, error)
          || !add_attendee (w, s, &e, partner_named (w, "TV Lokal")->id, NULL, error))
        return FALSE;
    }

  /* The local safety council with the mayor. */
  for (int k = 0; k < 3; k++)
    {
      e = event_at (town, _("Local safety council"), s->k_council,
                    local_day_at (window_start, 45 + 120 * k, 10, 0), 2 * 3600, "Bashkia");
      e.organiser = w->chief_id;
      e.agenda = _("Safety plan progress; street lighting; stray dogs; next steps");
      if (e.start < w->end)
        e.minutes = _("The council reviewed the safety plan and agreed the municipality’s share of the work.");
      if (!insert_event (w, s, &e, error)
          || !add_attendee (w, s, &e, partner_named (w, "Bashkia Kodrabardhë — Sektori")->id, NULL, error)
          || !add_attendee (w, s, &e, NULL, w->coordinator_id, error))
        return FALSE;
    }

  /* Neighbourhood meetings and public forums. */
  e = event_at (town, _("Residents’ meeting on the break-ins in the estate"), s->k_meeting,
                local_day_at (window_start, 200, 18, 30), 2 * 3600, NULL);
  e.place = _("Courtyard of the northern estate");
  e.district = town->hot_spots[BB_DEMO_HOT_SPOT_ESTATE].district;
  e.has_position = TRUE;
  e.lon = town->hot_spots[BB_DEMO_HOT_SPOT_ESTATE].lon;
  e.lat = town->hot_spots[BB_DEMO_HOT_SPOT_ESTATE].lat;
  e.organiser = w->officer_id[e.district];
  e.head_count = 54;
  e.agenda = _("Recent break-ins; locks and entrance doors; neighbourhood watch");
  e.minutes = _("Residents agreed to repair the entrance doors and to start a neighbourhood watch rota.");
  if (!insert_event (w, s, &e, error)
      || !add_attendee (w, s, &e, partner_named (w, "Shoqata e Banorëve të Pallateve")->id, NULL, error))
    return FALSE;

  e = event_at (town, _("Public forum: the river bank under the bridge"), s->k_forum,
                local_day_at (window_start, 300, 18, 0), 2 * 3600, "Pallati i Kulturës");
  e.organiser = w->coordinator_id;
  e.agenda = _("What residents see under the bridge; what the police, the municipality and the youth club can do");
  if (!insert_event (w, s, &e, error))
    return FALSE;

  /* Campaigns, training, plan reviews. */
  e = event_at (town, _("Campaign: lock your bicycle"), s->k_prevention,
                local_day_at (window_start, 60, 0, 0), DAY, NULL);
  e.all_day = TRUE;
  e.organiser = w->coordinator_id;
  e.agenda = _("Stands at the market and the bus station; free bicycle marking");
  if (!insert_event (w, s, &e, error))
    return FALSE;
  e = event_at (town, _("Campaign: safe at home for older residents"), s->k_prevention,
                local_day_at (window_start, 180, 0, 0), DAY, "Qendra Shëndetësore");
  e.all_day = TRUE;
  e.organiser = w->coordinator_id;
  e.agenda = _("Talks at the day centre; radio spot against telephone fraud");
  if (!insert_event (w, s, &e, error)
      || !add_attendee (w, s, &e, partner_named (w, "Qendra Ditore")->id, NULL, error))
    return FALSE;
  e = event_at (town, _("Training: solving problems with partners (SARA)"), s->k_training,
                local_day_at (window_start, 100, 9, 0), 7 * 3600, "Komisariati");
  e.organiser = w->chief_id;
  e.agenda = _("Scanning, analysis, response, assessment; the problem analysis triangle; working with the board");
  e.minutes = _("All district officers took part.");
  if (!insert_event (w, s, &e, error))
    return FALSE;
  for (guint k = 0; k < BB_DEMO_TOWN_N_DISTRICTS; k++)
    if (!add_attendee (w, s, &e, NULL, w->officer_id[k], error))
      return FALSE;

  for (guint k = 0; k < G_N_ELEMENTS (w->plan_reviews); k++)
    {
      gint64 at = local_day_at (w->plan_reviews[k], 0, 17, 0);

      e = event_at (town, _("Safety plan review, town centre"), s->k_review, at, 90 * 60, "Bashkia");
      e.organiser = w->coordinator_id;
      e.agenda = _("Tasks due; indicators; what to change");
      if (!insert_event (w, s, &e, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The resident survey (LSES)                                          */

/* One resident's answer to a question of the default questionnaire:
 * @mood is how safe and well served they feel (0 is neutral), @worked_on
 * whether the station worked on problems in their district. */
static void
demo_answer (Writer                  *w,
             const BbDefaultQuestion *spec,
             double                   mood,
             int                      round,
             gboolean                 worked_on,
             char                     value[16])
{
  if (g_str_equal (spec->scale, "likert5"))
    {
      double x = 3 + (spec->polarity >= 0 ? 1 : -1) * 0.9 * mood + bb_random_normal (&w->rng, 0, 0.7);

      g_snprintf (value, 16, "%d", (int) CLAMP (floor (x + 0.5), 1, 5));
    }
  else if (g_str_equal (spec->scale, "single"))
    {
      double x = mood + bb_random_normal (&w->rng, 0, 0.8);

      g_strlcpy (value, bb_random_chance (&w->rng, 0.08) ? "dont_know"
                        : x < -0.5 ? "increased" : x > 0.5 ? "decreased" : "same", 16);
    }
  else if (g_str_equal (spec->code, "block6/q1"))
    /* knowing the district officer by name: what the work changes most */
    g_strlcpy (value, bb_random_chance (&w->rng, round == 0 ? 0.34 : (worked_on ? 0.55 : 0.42))
                      ? "yes" : "no", 16);
  else if (g_str_equal (spec->code, "block5/q3"))
    g_strlcpy (value, bb_random_chance (&w->rng, 0.3 + 0.12 * mood + (round == 1 && worked_on ? 0.12 : 0))
                      ? "yes" : "no", 16);
  else if (g_str_has_prefix (spec->code, "block2/") && spec->polarity < 0)
    /* victimisation: rare, and rarer where people feel safe */
    g_strlcpy (value, bb_random_chance (&w->rng, 0.1 - 0.04 * mood) ? "yes" : "no", 16);
  else
    g_strlcpy (value, bb_random_chance (&w->rng, 0.5 + 0.15 * spec->polarity * mood) ? "yes" : "no", 16);
}

/* A city survey programme's published table (long form), as the station
 * would import it: how many residents feel safe, by district and year. */
static gboolean
write_survey_aggregates (Writer      *w,
                         const double district_mood[],
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_utc (w->end);
  int last_year = g_date_time_get_year (end) - 1;

  stmt = prepare (w, "INSERT INTO survey_aggregate (id, station_id, source, period, area, district_id, measure,"
                     " proportion, respondents, created_at, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    return FALSE;
  for (int year = last_year - 3; year <= last_year; year++)
    for (guint d = 0; d < BB_DEMO_TOWN_N_DISTRICTS; d++)
      {
        char id[BB_UUID_STRING_LEN];
        g_autofree char *period = g_strdup_printf ("%04d-01-01", year);
        double safe = CLAMP (0.62 + 0.25 * district_mood[d] + 0.015 * (year - last_year)
                             + bb_random_normal (&w->rng, 0, 0.03), 0.05, 0.95);

        new_id (w, id);
        bind_text (stmt, 1, id);
        bind_text (stmt, 2, w->station_id);
        bind_text (stmt, 3, _("Town resident monitor"));
        bind_text (stmt, 4, period);
        bind_text (stmt, 5, w->town->districts[d].name);
        bind_text (stmt, 6, w->district_id[d]);
        bind_text (stmt, 7, _("Feels safe in the neighbourhood"));
        sqlite3_bind_double (stmt, 8, floor (safe * 1000 + 0.5) / 1000);
        sqlite3_bind_int (stmt, 9, 80 + (int) bb_random_int_range (&w->rng, 0, 120));
        bind_times (stmt, 10, w->base_us, w->base_us);
        if (!run (w, stmt, _("Adding the published survey figures"), error))
          return FALSE;
      }
  return TRUE;
}

static gboolean
write_survey (Writer  *w,
              GError **error)
{
  static const char * const age_bands[] = { "18-24", "25-34", "35-49", "50-64", "65+" };
  static const double age_weights[] = { 0.12, 0.19, 0.27, 0.24, 0.18 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) answer = NULL;
  g_autoptr(GPtrArray) question_ids = g_ptr_array_new_with_free_func (g_free);
  char questionnaire_id[BB_UUID_STRING_LEN];
  const BbDefaultQuestion *questions;
  guint n_questions;
  double population[BB_DEMO_TOWN_N_DISTRICTS];
  /* how unsafe each district feels before any work: the estate and the
   * centre worst */
  double district_mood[BB_DEMO_TOWN_N_DISTRICTS];

  for (guint d = 0; d < BB_DEMO_TOWN_N_DISTRICTS; d++)
    {
      population[d] = w->town->districts[d].population;
      district_mood[d] = bb_random_uniform (&w->rng, -0.2, 0.3);
    }
  district_mood[w->town->hot_spots[BB_DEMO_HOT_SPOT_ESTATE].district] = -0.6;
  district_mood[w->town->hot_spots[BB_DEMO_HOT_SPOT_BAR_STREET].district] = -0.45;

  new_id (w, questionnaire_id);
  stmt = prepare (w, "INSERT INTO questionnaire (id, station_id, title, created_at, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, questionnaire_id);
  bind_text (stmt, 2, w->station_id);
  bind_text (stmt, 3, _("Local safety survey (LSES)"));
  bind_times (stmt, 4, w->base_us, w->base_us);
  if (!run (w, stmt, _("Adding the survey"), error))
    return FALSE;
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The station's questionnaire is the one every new station gets. */
  questions = bb_default_questionnaire_get (&n_questions);
  stmt = prepare (w, "INSERT INTO question (id, station_id, questionnaire_id, block, code, text, scale, options,"
                     " sort_order, polarity, concern, created_at, updated_at)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint q = 0; q < n_questions; q++)
    {
      g_autoptr(BbQuestion) record = bb_default_question_to_record (&questions[q], questionnaire_id, (int) q);
      char id[BB_UUID_STRING_LEN];

      new_id (w, id);
      g_ptr_array_add (question_ids, g_strdup (id));
      bind_text (stmt, 1, id);
      bind_text (stmt, 2, w->station_id);
      bind_text (stmt, 3, questionnaire_id);
      bind_text (stmt, 4, record->block);
      bind_text (stmt, 5, record->code);
      bind_text (stmt, 6, record->text);
      bind_text (stmt, 7, record->scale);
      bind_text (stmt, 8, record->options);
      sqlite3_bind_int (stmt, 9, record->sort_order);
      sqlite3_bind_int (stmt, 10, record->polarity);
      sqlite3_bind_int (stmt, 11, record->concern);
      bind_times (stmt, 12, w->base_us, w->base_us);
      if (!run (w, stmt, _("Adding the survey"), error))
        return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  answer = prepare (w, "INSERT INTO survey_answer (response_id, question_id, value) VALUES (?1, ?2, ?3)", error);
  if (answer == NULL)
    return FALSE;

  for (int round = 0; round < 2; round++)
    {
      g_autoptr(sqlite3_stmt) survey = NULL;
      g_autoptr(sqlite3_stmt) response = NULL;
      char survey_id[BB_UUID_STRING_LEN], from[11], to[11];
      gint64 start = w->end - (round == 0 ? 400 : 40) * DAY;
      gint64 stop = start + 30 * DAY;
      guint n_responses = round == 0 ? 364 : 391;
      g_autofree char *title = NULL;

      new_id (w, survey_id);
      bb_demo_format_local_date (start, from);
      bb_demo_format_local_date (stop, to);
      title = g_strdup_printf (_("Resident survey %.4s, round %d"), from, round + 1);
      survey = prepare (w, "INSERT INTO survey (id, station_id, questionnaire_id, title, period_start, period_end,"
                           " district_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7, ?8)",
                        error);
      response = prepare (w, "INSERT INTO survey_response (id, station_id, survey_id, district_id, age_band, gender,"
                             " submitted_at, external_uuid, created_at, updated_at)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
      if (survey == NULL || response == NULL)
        return FALSE;
      bind_text (survey, 1, survey_id);
      bind_text (survey, 2, w->station_id);
      bind_text (survey, 3, questionnaire_id);
      bind_text (survey, 4, title);
      bind_text (survey, 5, from);
      bind_text (survey, 6, to);
      bind_times (survey, 7, us (start - 20 * DAY), us (stop + 5 * DAY));
      if (!run (w, survey, _("Adding the survey"), error))
        return FALSE;

      for (guint r = 0; r < n_responses; r++)
        {
          char id[BB_UUID_STRING_LEN], external[BB_UUID_STRING_LEN];
          int d = (int) bb_random_weighted (&w->rng, population, BB_DEMO_TOWN_N_DISTRICTS);
          gint64 submitted = start + bb_random_int_range (&w->rng, 0, stop - start);
          /* Where problems were worked on, the second round feels better. */
          double better = round == 1 ? (w->district_worked_on[d] ? 0.45 : 0.08) : 0;
          double mood = bb_random_normal (&w->rng, district_mood[d] + better, 0.8);
          double r_gender = bb_random_double (&w->rng);

          new_id (w, id);
          new_id (w, external);
          bind_text (response, 1, id);
          bind_text (response, 2, w->station_id);
          bind_text (response, 3, survey_id);
          bind_text (response, 4, w->district_id[d]);
          bind_text (response, 5, age_bands[bb_random_weighted (&w->rng, age_weights, G_N_ELEMENTS (age_weights))]);
          bind_text (response, 6, r_gender < 0.52 ? "female" : r_gender < 0.99 ? "male" : NULL);
          sqlite3_bind_int64 (response, 7, submitted);
          bind_text (response, 8, external);
          bind_times (response, 9, us (submitted), us (submitted));
          if (!run (w, response, _("Adding the survey responses"), error))
            return FALSE;

          for (guint q = 0; q < n_questions; q++)
            {
              char value[16];

              demo_answer (w, &questions[q], mood, round, w->district_worked_on[d], value);
              /* "don't know" is what residents say, and what results leave out */
              if (g_str_equal (value, "dont_know"))
                continue;
              bind_text (answer, 1, id);
              bind_text (answer, 2, g_ptr_array_index (question_ids, q));
              bind_text (answer, 3, value);
              if (!run (w, answer, _("Adding the survey answers"), error))
                return FALSE;
            }
        }
    }
  return write_survey_aggregates (w, district_mood, error);
}

/* ------------------------------------------------------------------ */
/* Putting it together                                                 */

void
bb_demo_options_init_default (BbDemoOptions *options)
{
  g_return_if_fail (options != NULL);

  options->seed = BB_DEMO_DEFAULT_SEED;
  options->n_incidents = BB_DEMO_DEFAULT_N_INCIDENTS;
  options->end_time = BB_DEMO_DEFAULT_END_TIME;
}

static void
resolve_options (const BbDemoOptions *options,
                 guint64             *seed,
                 guint               *n_incidents,
                 gint64              *end_time)
{
  BbDemoOptions defaults;

  bb_demo_options_init_default (&defaults);
  if (options == NULL)
    options = &defaults;
  *seed = options->seed;
  *n_incidents = options->n_incidents > 0 ? options->n_incidents : defaults.n_incidents;
  *end_time = options->end_time > 0 ? options->end_time : defaults.end_time;
}

static void
remove_station_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

static gboolean
write_station (Writer  *w,
               GError **error)
{
  report (w, 0.0);
  /* One long transaction: a page cache big enough to hold the incident
   * indexes keeps SQLite from spilling to the journal half-way. */
  if (!exec (w, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY", _("Preparing the demo station"), error))
    return FALSE;
  if (!bb_store_begin (w->store, error))
    return FALSE;
  /* The station and category ids are rewritten in place; the links are
   * checked once everything is consistent, at commit. */
  if (!exec (w, "PRAGMA defer_foreign_keys = ON", _("Preparing the demo station"), error)
      || !take_over_station (w, error)
      || !write_districts (w, error)
      || !write_layers (w, error)
      || !write_partners (w, error)
      || !check_cancelled (w, error))
    goto fail;
  report (w, 0.05);
  if (!write_incidents_indexed_once (w, error) || !check_cancelled (w, error))
    goto fail;
  report (w, 0.9);
  if (!write_problems (w, error)
      || !write_plan (w, error)
      || !check_cancelled (w, error))
    goto fail;
  report (w, 0.93);
  if (!write_events (w, error)
      || !write_survey (w, error)
      || !check_cancelled (w, error))
    goto fail;
  report (w, 0.97);
  if (!bb_store_commit (w->store, error))
    return FALSE;
  return TRUE;

fail:
  bb_store_rollback (w->store);
  return FALSE;
}

BbStore *
bb_demo_station_create (const char           *path,
                        const BbDemoOptions  *options,
                        void                (*progress) (double fraction, gpointer data),
                        gpointer              progress_data,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autoptr(BbDemoTown) town = NULL;
  g_autoptr(GHashTable) category_ids = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = NULL;
  BbStore *store;
  Writer w = { NULL };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  resolve_options (options, &w.seed, &w.n_incidents, &w.end);
  town = bb_demo_town_new (w.seed, w.end);
  name = g_strdup_printf (_("Demo station — %s (fictional data)"), town->name);
  store = bb_store_create (path, name, error);
  if (store == NULL)
    return NULL;

  category_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  partners = g_ptr_array_new_with_free_func (partner_free);
  problems = g_ptr_array_new_with_free_func (g_free);
  w.store = store;
  w.db = bb_store_get_db (store);
  w.town = town;
  w.base_us = us (town->start_time - 30 * DAY);
  w.category_ids = category_ids;
  w.partners = partners;
  w.problems = problems;
  w.progress = progress;
  w.progress_data = progress_data;
  w.cancellable = cancellable;
  bb_random_init_stream (&w.rng, w.seed, "station");
  bb_store_set_user (store, "demo");

  ok = write_station (&w, error);
  g_object_unref (store);
  if (!ok)
    {
      remove_station_files (path);
      return NULL;
    }

  /* Opened again so that the store knows the station by its new id. */
  store = bb_store_open (path, error);
  if (store == NULL)
    {
      remove_station_files (path);
      return NULL;
    }
  report (&w, 1.0);
  return store;
}

static void
csv_field (GString    *out,
           const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
bb_demo_incidents_write_csv (const char           *path,
                             const BbDemoOptions  *options,
                             void                (*progress) (double fraction, gpointer data),
                             gpointer              progress_data,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_autoptr(BbDemoTown) town = NULL;
  g_autoptr(BbDemoIncidentStream) stream = NULL;
  g_autoptr(GString) line = g_string_sized_new (1024);
  g_autofree char *partial = NULL;
  BbDemoIncident inc;
  guint64 seed;
  guint n;
  gint64 end;
  FILE *file;
  int saved_errno = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  resolve_options (options, &seed, &n, &end);
  partial = bb_safe_file_partial_path (path);
  file = bb_safe_file_create (partial, error);
  if (file == NULL)
    return FALSE;
  setvbuf (file, NULL, _IOFBF, 1 << 20);

  town = bb_demo_town_new (seed, end);
  stream = bb_demo_incident_stream_new (town, seed, n);
  fputs ("id,datetime,category,lon,lat,address,description\n", file);
  while (bb_demo_incident_stream_next (stream, &inc))
    {
      char when[21];

      bb_demo_format_utc (inc.occurred_start, when);
      g_string_printf (line, "KB-%07u,%s,%s,", inc.sequence + 1, when, bb_demo_category_code (inc.category));
      if (inc.has_position)
        {
          char lon[G_ASCII_DTOSTR_BUF_SIZE], lat[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (line, "%s,%s,",
                                  g_ascii_formatd (lon, sizeof lon, "%.6f", inc.lon),
                                  g_ascii_formatd (lat, sizeof lat, "%.6f", inc.lat));
        }
      else
        g_string_append (line, ",,");
      csv_field (line, inc.address);
      g_string_append_c (line, ',');
      csv_field (line, inc.description);
      g_string_append_c (line, '\n');
      if (fwrite (line->str, 1, line->len, file) != line->len)
        {
          saved_errno = errno;
          break;
        }
      if ((inc.sequence & 8191) == 8191)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (progress != NULL)
            progress ((inc.sequence + 1) / (double) n, progress_data);
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      bb_safe_file_finish (file, path, FALSE, 0, NULL);
      return FALSE;
    }
  if (!bb_safe_file_finish (file, path, saved_errno == 0, saved_errno, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;
}
