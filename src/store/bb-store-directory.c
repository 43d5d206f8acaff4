/* bb-store-directory.c: the directory's views of the station: a district's page, partners' work, contacts, boundaries */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-store-directory"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "bb-json.h"
#include "bb-safe-file.h"
#include "bb-store-calendar.h"
#include "bb-store-directory.h"
#include "bb-store-private.h"

#define DAY G_GINT64_CONSTANT (86400)

/* A district's page ---------------------------------------------------------- */

void
bb_district_profile_free (BbDistrictProfile *self)
{
  if (self == NULL)
    return;
  bb_district_free (self->district);
  bb_officer_free (self->officer);
  g_clear_pointer (&self->co_owners, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
  g_clear_pointer (&self->members, g_ptr_array_unref);
  g_clear_pointer (&self->member_names, g_ptr_array_unref);
  g_clear_pointer (&self->open_problems, g_ptr_array_unref);
  g_clear_pointer (&self->recent_incidents, g_ptr_array_unref);
  g_clear_pointer (&self->next_meetings, g_ptr_array_unref);
  g_free (self);
}

static int
member_order_cb (gconstpointer a,
                 gconstpointer b)
{
  const BbAdvisoryMember *ma = *(const BbAdvisoryMember * const *) a;
  const BbAdvisoryMember *mb = *(const BbAdvisoryMember * const *) b;
  const char * const *roles = bb_member_roles ();
  guint ra = g_strv_length ((char **) roles), rb = ra;

  for (guint i = 0; roles[i] != NULL; i++)
    {
      if (g_str_equal (roles[i], ma->role))
        ra = i;
      if (g_str_equal (roles[i], mb->role))
        rb = i;
    }
  if (ra != rb)
    return (int) ra - (int) rb;
  return g_strcmp0 (ma->since, mb->since);
}

BbDistrictProfile *
bb_store_district_profile (BbStore     *store,
                           const char  *district_id,
                           gint64       now,
                           GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(BbDistrictProfile) p = g_new0 (BbDistrictProfile, 1);
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(BbIncidentFilter) filter = bb_incident_filter_new ();
  g_autoptr(GHashTable) owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *ids[] = { district_id, NULL };
  int rc;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (district_id != NULL, NULL);

  p->district = bb_store_district_get (store, district_id, error);
  if (p->district == NULL)
    return NULL;

  stmt = bb_store_prepare (store, "SELECT officer_id FROM officer_area WHERE district_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, district_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (owners, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading the officers of a district"));
      return NULL;
    }

  officers = bb_store_officer_list (store, error);
  partners = officers != NULL ? bb_store_partner_list (store, error) : NULL;
  problems = partners != NULL ? bb_store_problem_list (store, error) : NULL;
  if (problems == NULL)
    return NULL;

  p->co_owners = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_officer_free);
  for (guint i = 0; i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);

      if (g_strcmp0 (o->id, p->district->officer_id) == 0)
        p->officer = bb_officer_copy (o);
      else if (g_hash_table_contains (owners, o->id))
        g_ptr_array_add (p->co_owners, bb_officer_copy (o));
    }
  /* An officer whose own district this is, when the district names none. */
  for (guint i = 0; p->officer == NULL && i < officers->len; i++)
    {
      BbOfficer *o = g_ptr_array_index (officers, i);

      if (g_strcmp0 (o->district_id, district_id) == 0)
        p->officer = bb_officer_copy (o);
    }

  p->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_partner_free);
  for (guint i = 0; i < partners->len; i++)
    {
      BbPartner *partner = g_ptr_array_index (partners, i);

      if (g_strcmp0 (partner->district_id, district_id) == 0)
        g_ptr_array_add (p->partners, bb_partner_copy (partner));
    }

  p->members = bb_store_advisory_member_list (store, district_id, error);
  if (p->members == NULL)
    return NULL;
  g_ptr_array_sort (p->members, member_order_cb);
  p->member_names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < p->members->len; i++)
    {
      BbAdvisoryMember *m = g_ptr_array_index (p->members, i);
      const char *name = "";

      for (guint k = 0; k < partners->len; k++)
        if (g_str_equal (((BbPartner *) g_ptr_array_index (partners, k))->id, m->partner_id))
          name = ((BbPartner *) g_ptr_array_index (partners, k))->name;
      g_ptr_array_add (p->member_names, g_strdup (name));
    }

  p->open_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_problem_free);
  for (guint i = 0; i < problems->len; i++)
    {
      BbProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->district_id, district_id) == 0 && g_strcmp0 (problem->stage, "closed") != 0)
        g_ptr_array_add (p->open_problems, bb_problem_copy (problem));
    }

  bb_incident_filter_set_district_ids (filter, ids);
  p->recent_incidents = bb_store_incident_query (store, filter, BB_INCIDENT_SORT_TIME, TRUE, 0, 8, error);
  if (p->recent_incidents == NULL)
    return NULL;
  bb_incident_filter_set_time_range (filter, now - 28 * DAY, now);
  p->incidents_28_days = bb_store_incident_count (store, filter, error);
  if (p->incidents_28_days < 0)
    return NULL;

  events = bb_store_calendar_items (store, now, now + 120 * DAY, NULL, district_id, error);
  if (events == NULL)
    return NULL;
  p->next_meetings = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_calendar_item_free);
  for (guint i = 0; i < events->len && p->next_meetings->len < 6; i++)
    {
      BbCalendarItem *item = g_ptr_array_index (events, i);

      if (item->kind == BB_CALENDAR_ITEM_EVENT)
        g_ptr_array_add (p->next_meetings, bb_calendar_item_copy (item));
    }
  return g_steal_pointer (&p);
}

/* Partners' work -------------------------------------------------------------- */

static GStrv
titles (BbStore     *store,
        const char  *sql,
        const char  *id,
        GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = bb_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Reading what a partner works on"));
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
bb_store_partner_work (BbStore     *store,
                       const char  *partner_id,
                       GStrv       *problems,
                       GStrv       *plans,
                       GError     **error)
{
  BB_STORE_READ_SCOPE (store);
  g_auto(GStrv) a = NULL;
  g_auto(GStrv) b = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (partner_id != NULL, FALSE);

  a = titles (store, "SELECT p.title FROM problem AS p JOIN problem_partner AS pp ON pp.problem_id = p.id"
                     " WHERE pp.partner_id = ?1 ORDER BY p.stage = 'closed', p.title COLLATE NOCASE", partner_id, error);
  if (a == NULL)
    return FALSE;
  b = titles (store, "SELECT DISTINCT p.title FROM plan AS p JOIN task AS t ON t.plan_id = p.id"
                     " WHERE t.assignee_partner_id = ?1 ORDER BY p.title COLLATE NOCASE", partner_id, error);
  if (b == NULL)
    return FALSE;
  if (problems != NULL)
    *problems = g_steal_pointer (&a);
  if (plans != NULL)
    *plans = g_steal_pointer (&b);
  return TRUE;
}

/* Joint ownership ------------------------------------------------------------------ */

gboolean
bb_store_officer_set_areas (BbStore            *store,
                            const char         *officer_id,
                            const char * const *district_ids,
                            const char * const *target_groups,
                            GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (officer_id != NULL, FALSE);

  if (!bb_store_begin (store, error))
    return FALSE;
  stmt = bb_store_prepare (store, "DELETE FROM officer_area WHERE officer_id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, officer_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      bb_store_set_error_from_db (store, error, _("Saving the officer’s further areas"));
      goto fail;
    }
  for (guint i = 0; district_ids != NULL && district_ids[i] != NULL; i++)
    {
      g_autoptr(BbOfficerArea) area = bb_officer_area_new ();

      area->officer_id = g_strdup (officer_id);
      area->district_id = g_strdup (district_ids[i]);
      if (!bb_store_write_in_transaction (store, &bb_officer_area_record, area, FALSE, error))
        goto fail;
    }
  for (guint i = 0; target_groups != NULL && target_groups[i] != NULL; i++)
    {
      g_autoptr(BbOfficerArea) area = NULL;
      g_autofree char *group = g_strstrip (g_strdup (target_groups[i]));

      if (*group == '\0')
        continue;
      area = bb_officer_area_new ();
      area->officer_id = g_strdup (officer_id);
      area->target_group = g_steal_pointer (&group);
      if (!bb_store_write_in_transaction (store, &bb_officer_area_record, area, FALSE, error))
        goto fail;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  return bb_store_commit (store, error);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  bb_store_rollback (store);
  return FALSE;
}

/* Contacts ---------------------------------------------------------------------- */

static const char *
district_name (GPtrArray  *districts,
               const char *id)
{
  for (guint i = 0; id != NULL && i < districts->len; i++)
    {
      const BbDistrict *d = g_ptr_array_index (districts, i);

      if (g_str_equal (d->id, id))
        return d->name;
    }
  return NULL;
}

GPtrArray *
bb_store_directory_contacts (BbStore  *store,
                             GError  **error)
{
  BB_STORE_READ_SCOPE (store);
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_contact_free);
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GPtrArray) officers = NULL;
  g_autoptr(GPtrArray) partners = NULL;
  g_autofree char *station = NULL;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);

  districts = bb_store_district_list (store, error);
  officers = districts != NULL ? bb_store_officer_list (store, error) : NULL;
  partners = officers != NULL ? bb_store_partner_list (store, error) : NULL;
  if (partners == NULL)
    return NULL;
  station = bb_store_dup_station_name (store);

  for (guint i = 0; i < officers->len; i++)
    {
      const BbOfficer *o = g_ptr_array_index (officers, i);
      const char *district = district_name (districts, o->district_id);
      BbContact *c = bb_contact_new ();

      c->uid = g_strdup (o->id);
      c->is_person = TRUE;
      c->name = g_strdup (o->name);
      c->organisation = g_strdup (station);
      c->title = g_strdup (o->rank);
      c->phone = g_strdup (o->phone);
      c->email = g_strdup (o->email);
      c->categories = district != NULL ? g_strdup_printf ("%s,%s", _("Officer"), district) : g_strdup (_("Officer"));
      g_ptr_array_add (contacts, c);
    }
  for (guint i = 0; i < partners->len; i++)
    {
      const BbPartner *p = g_ptr_array_index (partners, i);
      const char *district = district_name (districts, p->district_id);
      BbContact *c = bb_contact_new ();

      c->uid = g_strdup (p->id);
      c->is_person = p->is_person;
      c->name = g_strdup (p->name);
      /* an organisation's contact person goes in the note of its card */
      if (!p->is_person && p->contact_name != NULL && *p->contact_name != '\0')
        c->note = *p->notes != '\0' ? g_strdup_printf (_("Contact: %s\n%s"), p->contact_name, p->notes)
                                    : g_strdup_printf (_("Contact: %s"), p->contact_name);
      else
        c->note = g_strdup (p->notes);
      c->phone = g_strdup (p->phone);
      c->email = g_strdup (p->email);
      c->address = g_strdup (p->address);
      c->categories = district != NULL
        ? g_strdup_printf ("%s,%s,%s", _("Partner"), bb_partner_kind_label (p->kind), district)
        : g_strdup_printf ("%s,%s", _("Partner"), bb_partner_kind_label (p->kind));
      g_ptr_array_add (contacts, c);
    }
  return g_steal_pointer (&contacts);
}

gboolean
bb_store_directory_export (BbStore           *store,
                           const char        *path,
                           BbContactsFormat   format,
                           GError           **error)
{
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *base = NULL;
  g_autofree char *partial = NULL;
  gboolean recorded = FALSE;
  gsize length;
  FILE *file;

  g_return_val_if_fail (BB_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  contacts = bb_store_directory_contacts (store, error);
  if (contacts == NULL)
    return FALSE;
  text = format == BB_CONTACTS_VCARD ? bb_contacts_to_vcard (contacts) : bb_contacts_to_csv (contacts);
  base = g_filename_display_basename (path);

  /* Personal data: written beside its name, readable by the user only,
   * on the disk before the export is recorded, and renamed into place
   * once it is (bb-safe-file.h): never half a file under the real name. */
  partial = bb_safe_file_partial_path (path);
  file = bb_safe_file_create (partial, error);
  if (file == NULL)
    return FALSE;
  length = strlen (text);
  if (fwrite (text, 1, length, file) != length || fflush (file) != 0 || fsync (fileno (file)) != 0)
    return bb_safe_file_finish (file, path, FALSE, errno, error);

  /* Who took the contacts out of the station, and where to. */
  if (!bb_store_begin (store, error))
    return bb_safe_file_finish (file, path, FALSE, 0, error);
  stmt = bb_store_prepare (store, "INSERT INTO audit_log (at, user_name, action, table_name, row_id, detail)"
                                  " VALUES (bb_now_us (), bb_audit_user (), 'export', 'partner', NULL, ?1)", error);
  if (stmt != NULL)
    {
      detail = g_strdup_printf ("%u contacts to %s", contacts->len, base);
      sqlite3_bind_text (stmt, 1, detail, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_DONE)
        recorded = TRUE;
      else
        bb_store_set_error_from_db (store, error, _("Recording the export of contacts"));
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  if (!recorded || !bb_store_commit (store, error))
    {
      bb_store_rollback (store);
      return bb_safe_file_finish (file, path, FALSE, 0, error);
    }
  return bb_safe_file_finish (file, path, TRUE, 0, error);
}

/* Boundaries ---------------------------------------------------------------------- */

void
bb_boundary_import_free (BbBoundaryImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_free (self);
}

/* The first of the properties that holds a text (or a number) value. */
static char *
property (JsonObject         *properties,
          const char * const *names)
{
  if (properties == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (properties, names[i]);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        continue;
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *text = g_strstrip (g_strdup (json_node_get_string (node)));

          if (*text != '\0')
            return g_steal_pointer (&text);
        }
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }
  return NULL;
}

static BbDistrict *
find_district (GPtrArray  *districts,
               const char *code,
               const char *name)
{
  for (guint i = 0; code != NULL && i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);

      if (d->code != NULL && *d->code != '\0' && g_ascii_strcasecmp (d->code, code) == 0)
        return d;
    }
  for (guint i = 0; name != NULL && i < districts->len; i++)
    {
      BbDistrict *d = g_ptr_array_index (districts, i);
      g_autofree char *a = g_utf8_casefold (d->name, -1);
      g_autofree char *b = g_utf8_casefold (name, -1);

      if (g_str_equal (a, b))
        return d;
    }
  return NULL;
}

BbBoundaryImport *
bb_store_districts_import_geojson (BbStore     *store,
                                   const char  *path,
                                   GError     **error)
{
  static const char * const name_keys[] = { "name", "NAME", "Name", "district", "DISTRICT", "naam", "nosaukums",
                                             "название", "emri", "title", NULL };
  static const char * const code_keys[] = { "code", "CODE", "Code", "district_code", "ref", "id", NULL };
  static const char * const population_keys[] = { "population", "POPULATION", "pop", "POP", NULL };
  g_autoptr(BbBoundaryImport) report = g_new0 (BbBoundaryImport, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) districts = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *base = g_filename_display_basename (path);
  JsonNode *root;
  JsonObject *collection;
  JsonArray *features;

  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  report->notes = g_ptr_array_new_with_free_func (g_free);
  if (!json_parser_load_from_file (parser, path, &local_error))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("%s is not a GeoJSON file: %s"), base, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || g_strcmp0 (bb_json_get_string (json_node_get_object (root), "type", ""),
                    "FeatureCollection") != 0
      || !json_object_has_member (json_node_get_object (root), "features")
      || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "features")))
    {
      g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                   _("%s is not a GeoJSON FeatureCollection"), base);
      return NULL;
    }
  collection = json_node_get_object (root);
  /* RFC 7946 is WGS84; an older file may name another system. */
  if (json_object_has_member (collection, "crs"))
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *crs = NULL;

      json_generator_set_root (generator, json_object_get_member (collection, "crs"));
      crs = json_generator_to_data (generator, NULL);
      if (strstr (crs, "4326") == NULL && strstr (crs, "CRS84") == NULL)
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                       _("The boundaries of %s are not in longitude and latitude (WGS84); convert the file first"), base);
          return NULL;
        }
    }
  features = json_object_get_array_member (collection, "features");

  districts = bb_store_district_list (store, error);
  if (districts == NULL || !bb_store_begin (store, error))
    return NULL;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      JsonObject *feature = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *geometry = feature != NULL ? json_object_get_member (feature, "geometry") : NULL;
      JsonNode *props = feature != NULL ? json_object_get_member (feature, "properties") : NULL;
      JsonObject *properties = props != NULL && JSON_NODE_HOLDS_OBJECT (props) ? json_node_get_object (props) : NULL;
      g_autofree char *name = property (properties, name_keys);
      g_autofree char *code = property (properties, code_keys);
      g_autofree char *population = property (properties, population_keys);
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(BbDistrict) added = NULL;
      const char *type;
      BbDistrict *district;
      guint64 people;

      report->n_features++;
      type = geometry != NULL && JSON_NODE_HOLDS_OBJECT (geometry)
             ? bb_json_get_string (json_node_get_object (geometry), "type", "") : "";
      if (!g_str_equal (type, "Polygon") && !g_str_equal (type, "MultiPolygon"))
        {
          report->skipped++;
          g_ptr_array_add (report->notes, g_strdup_printf (_("%s, feature %u: not a polygon"), base, i + 1));
          continue;
        }
      district = find_district (districts, code, name);
      if (district == NULL && name == NULL)
        {
          report->skipped++;
          g_ptr_array_add (report->notes, g_strdup_printf (_("%s, feature %u: no name or code of a district"),
                                                           base, i + 1));
          continue;
        }
      if (district == NULL)
        {
          added = bb_district_new ();
          added->name = g_strdup (name);
          added->code = g_strdup (code);
          district = added;
        }
      json_generator_set_root (generator, geometry);
      g_free (district->boundary);
      district->boundary = json_generator_to_data (generator, NULL);
      if (population != NULL && g_ascii_string_to_unsigned (population, 10, 0, G_MAXINT, &people, NULL))
        district->population = (int) people;
      if (!bb_store_write_in_transaction (store, &bb_district_record, district, added == NULL, error))
        {
          g_prefix_error (error, _("%s, feature %u: "), base, i + 1);
          bb_store_rollback (store);
          bb_store_districts_changed (store);
          return NULL;
        }
      if (added != NULL)
        {
          report->added++;
          g_ptr_array_add (districts, g_steal_pointer (&added));
        }
      else
        report->updated++;
    }
  if (!bb_store_commit (store, error))
    {
      bb_store_districts_changed (store);
      return NULL;
    }
  return g_steal_pointer (&report);
}
