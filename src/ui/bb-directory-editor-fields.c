/* bb-directory-editor-fields.c: the directory editor's fields, filled from a record and read back, checked */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-directory-editor"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-directory-editor-private.h"
#include "bb-store-directory.h"

/* Helpers ---------------------------------------------------------------------- */

void
bb_directory_editor_show_error (BbDirectoryEditor *self,
            GtkWidget         *row,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  /* an empty group would leave a gap at the top */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (self->error_label), ADW_TYPE_PREFERENCES_GROUP),
                          message != NULL);
  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_grab_focus (row);
    }
}

static char *
text_of (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* A combo of "none" (when @none is given) and the records' names. */
static void
fill_combo (AdwComboRow *row,
            const char  *none,
            GPtrArray   *records,
            gsize        name_offset,
            const char  *selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  guint first = none != NULL ? 1 : 0;

  if (none != NULL)
    gtk_string_list_append (names, none);
  for (guint i = 0; i < records->len; i++)
    {
      gpointer r = g_ptr_array_index (records, i);

      gtk_string_list_append (names, *(const char **) ((guint8 *) r + name_offset));
      if (g_strcmp0 (((BbRecord *) r)->id, selected_id) == 0)
        selected = i + first;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
}

static char *
chosen_id (AdwComboRow *row,
           GPtrArray   *records,
           gboolean     has_none)
{
  guint selected = adw_combo_row_get_selected (row);

  if (has_none)
    {
      if (selected == 0 || selected > records->len)
        return NULL;
      selected--;
    }
  if (selected >= records->len)
    return NULL;
  return g_strdup (((BbRecord *) g_ptr_array_index (records, selected))->id);
}

static gboolean
check_contacts (BbDirectoryEditor *self,
                AdwEntryRow       *phone_row,
                AdwEntryRow       *email_row)
{
  g_autofree char *phone = text_of (phone_row);
  g_autofree char *email = text_of (email_row);

  if (*phone != '\0' && !bb_contact_phone_is_valid (phone))
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (phone_row), _("A phone number is digits, with spaces, + and - if you like: e.g. +371 2000 0000."));
      return FALSE;
    }
  if (*email != '\0' && !bb_contact_email_is_valid (email))
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (email_row), _("An e-mail address looks like name@example.org."));
      return FALSE;
    }
  return TRUE;
}

static const BbDistrict *
district_by_words (BbDirectoryEditor *self,
                   const char        *words)
{
  g_autofree char *typed = g_utf8_casefold (words, -1);

  for (guint i = 0; i < self->districts->len; i++)
    {
      const BbDistrict *d = g_ptr_array_index (self->districts, i);
      g_autofree char *name = g_utf8_casefold (d->name, -1);
      g_autofree char *code = g_utf8_casefold (d->code != NULL ? d->code : "", -1);

      if (g_str_equal (typed, name) || (*code != '\0' && g_str_equal (typed, code)))
        return d;
    }
  return NULL;
}

/* Reading the form, kind by kind ---------------------------------------------- */

gboolean
bb_directory_editor_read_district (BbDirectoryEditor *self,
               BbDistrict        *d)
{
  g_autofree char *population = text_of (self->d_population_row);
  guint64 people = 0;

  g_free (d->name);
  d->name = text_of (self->d_name_row);
  g_free (d->code);
  d->code = text_of (self->d_code_row);
  if (*population != '\0' && !g_ascii_string_to_unsigned (population, 10, 0, G_MAXINT, &people, NULL))
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (self->d_population_row), _("The population is a whole number, e.g. 4200."));
      return FALSE;
    }
  d->population = *population != '\0' ? (int) people : BB_UNSET_INT;
  g_free (d->officer_id);
  d->officer_id = chosen_id (self->d_officer_row, self->officers, TRUE);
  return TRUE;
}

gboolean
bb_directory_editor_read_officer (BbDirectoryEditor *self,
              BbOfficer         *o)
{
  if (!check_contacts (self, self->o_phone_row, self->o_email_row))
    return FALSE;
  g_free (o->name);
  o->name = text_of (self->o_name_row);
  g_free (o->rank);
  o->rank = text_of (self->o_rank_row);
  g_free (o->phone);
  o->phone = text_of (self->o_phone_row);
  g_free (o->email);
  o->email = text_of (self->o_email_row);
  g_free (o->district_id);
  o->district_id = chosen_id (self->o_district_row, self->districts, TRUE);
  g_clear_pointer (&o->photo, g_bytes_unref);
  o->photo = self->photo != NULL ? g_bytes_ref (self->photo) : NULL;
  return TRUE;
}

static void
show_photo (BbDirectoryEditor *self)
{
  adw_action_row_set_subtitle (self->o_photo_row, self->photo != NULL
                               ? _("A photo for the poster “Meet your neighbourhood officer”")
                               : _("None: posters show a silhouette"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.remove-photo", self->photo != NULL);
}

/* Any picture a camera or a scanner gives, kept as PNG as documents want. */
static void
photo_chosen_cb (GtkNativeDialog   *chooser,
                 int                response,
                 BbDirectoryEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  if (file == NULL)
    return;
  texture = gdk_texture_new_from_file (file, &error);
  if (texture == NULL)
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (self->o_photo_row), error->message);
      return;
    }
  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = gdk_texture_save_to_png_bytes (texture);
  show_photo (self);
}

void
bb_directory_editor_choose_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("The Officer’s Photo"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (images, _("Pictures (PNG, JPEG)"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_mime_type (images, "image/jpeg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), images);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (photo_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
bb_directory_editor_remove_photo_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (widget);

  g_clear_pointer (&self->photo, g_bytes_unref);
  show_photo (self);
}

gboolean
bb_directory_editor_read_partner (BbDirectoryEditor *self,
              BbPartner         *p)
{
  const char * const *kinds = bb_partner_kinds ();
  guint kind = adw_combo_row_get_selected (self->p_kind_row);

  if (!check_contacts (self, self->p_phone_row, self->p_email_row))
    return FALSE;
  g_free (p->name);
  p->name = text_of (self->p_name_row);
  g_free (p->kind);
  p->kind = g_strdup (kinds[MIN (kind, g_strv_length ((char **) kinds) - 1)]);
  p->is_person = gtk_switch_get_active (self->p_person_switch);
  g_free (p->contact_name);
  p->contact_name = text_of (self->p_contact_row);
  g_free (p->phone);
  p->phone = text_of (self->p_phone_row);
  g_free (p->email);
  p->email = text_of (self->p_email_row);
  g_free (p->address);
  p->address = text_of (self->p_address_row);
  g_free (p->notes);
  p->notes = text_of (self->p_notes_row);
  g_free (p->district_id);
  p->district_id = chosen_id (self->p_district_row, self->districts, TRUE);
  return TRUE;
}

gboolean
bb_directory_editor_read_member (BbDirectoryEditor *self,
             BbAdvisoryMember  *m)
{
  const char * const *roles = bb_member_roles ();
  g_autofree char *since = text_of (self->m_since_row);
  guint y, mo, d;
  char tail;

  g_free (m->district_id);
  m->district_id = chosen_id (self->m_district_row, self->districts, FALSE);
  g_free (m->partner_id);
  m->partner_id = chosen_id (self->m_partner_row, self->partners, FALSE);
  if (m->district_id == NULL)
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (self->m_district_row), _("Add a district first: a member sits in a district’s advisory group."));
      return FALSE;
    }
  if (m->partner_id == NULL)
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (self->m_partner_row), _("Add the person or organisation as a partner first."));
      return FALSE;
    }
  if (*since != '\0' && (sscanf (since, "%4u-%2u-%2u%c", &y, &mo, &d, &tail) != 3 || strlen (since) != 10
                         || !g_date_valid_dmy (d, mo, y)))
    {
      bb_directory_editor_show_error (self, GTK_WIDGET (self->m_since_row), _("Write the date as year-month-day, e.g. 2024-02-01."));
      return FALSE;
    }
  g_free (m->since);
  m->since = *since != '\0' ? g_steal_pointer (&since) : NULL;
  g_free (m->role);
  m->role = g_strdup (roles[MIN (adw_combo_row_get_selected (self->m_role_row), g_strv_length ((char **) roles) - 1)]);
  return TRUE;
}

/* "Joint ownership": the further districts and target groups typed. */
gboolean
bb_directory_editor_save_areas (BbDirectoryEditor *self,
            const char        *officer_id,
            GError           **error)
{
  g_autofree char *areas = text_of (self->o_areas_row);
  g_autofree char *groups = text_of (self->o_groups_row);
  g_auto(GStrv) area_v = g_strsplit (areas, ",", -1);
  g_auto(GStrv) group_v = g_strsplit (groups, ",", -1);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) id_v = NULL;

  for (guint i = 0; area_v[i] != NULL; i++)
    {
      const BbDistrict *d;

      if (*g_strstrip (area_v[i]) == '\0')
        continue;
      d = district_by_words (self, area_v[i]);
      if (d == NULL)
        {
          g_set_error (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID,
                       _("The station has no district “%s”: write districts by name or code, with commas between"),
                       area_v[i]);
          return FALSE;
        }
      g_strv_builder_add (ids, d->id);
    }
  id_v = g_strv_builder_end (ids);
  return bb_store_officer_set_areas (self->store, officer_id, (const char * const *) id_v,
                                     (const char * const *) group_v, error);
}

/* Filling the form ----------------------------------------------------------------- */

void
bb_directory_editor_fill_district (BbDirectoryEditor *self,
               const BbDistrict  *d)
{
  g_autofree char *population = d->population != BB_UNSET_INT ? g_strdup_printf ("%d", d->population) : NULL;

  set_text (self->d_name_row, d->name);
  set_text (self->d_code_row, d->code);
  set_text (self->d_population_row, population);
  fill_combo (self->d_officer_row, _("No officer yet"), self->officers, G_STRUCT_OFFSET (BbOfficer, name), d->officer_id);
  adw_action_row_set_subtitle (self->d_boundary_row, d->boundary != NULL && *d->boundary
    ? _("Drawn: incidents with a position get this district by it")
    : _("None yet: import district boundaries from a GeoJSON file in the directory’s menu"));
}

void
bb_directory_editor_fill_officer (BbDirectoryEditor *self,
              const BbOfficer   *o)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GString) districts = g_string_new (NULL);
  g_autoptr(GString) groups = g_string_new (NULL);

  set_text (self->o_name_row, o->name);
  set_text (self->o_rank_row, o->rank);
  g_clear_pointer (&self->photo, g_bytes_unref);
  self->photo = o->photo != NULL ? g_bytes_ref (o->photo) : NULL;
  show_photo (self);
  set_text (self->o_phone_row, o->phone);
  set_text (self->o_email_row, o->email);
  fill_combo (self->o_district_row, _("No district"), self->districts, G_STRUCT_OFFSET (BbDistrict, name), o->district_id);
  if (o->id != NULL)
    areas = bb_store_officer_area_list (self->store, o->id, NULL);
  for (guint i = 0; areas != NULL && i < areas->len; i++)
    {
      const BbOfficerArea *a = g_ptr_array_index (areas, i);

      if (a->target_group != NULL)
        g_string_append_printf (groups, "%s%s", groups->len > 0 ? ", " : "", a->target_group);
      for (guint k = 0; a->district_id != NULL && k < self->districts->len; k++)
        if (g_str_equal (((BbDistrict *) self->districts->pdata[k])->id, a->district_id))
          g_string_append_printf (districts, "%s%s", districts->len > 0 ? ", " : "",
                                  ((BbDistrict *) self->districts->pdata[k])->name);
    }
  set_text (self->o_areas_row, districts->str);
  set_text (self->o_groups_row, groups->str);
}

void
bb_directory_editor_fill_partner (BbDirectoryEditor *self,
              const BbPartner   *p)
{
  const char * const *kinds = bb_partner_kinds ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      gtk_string_list_append (labels, bb_partner_kind_label (kinds[i]));
      if (g_strcmp0 (kinds[i], p->kind) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->p_kind_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->p_kind_row, selected);
  set_text (self->p_name_row, p->name);
  gtk_switch_set_active (self->p_person_switch, p->is_person);
  set_text (self->p_contact_row, p->contact_name);
  set_text (self->p_phone_row, p->phone);
  set_text (self->p_email_row, p->email);
  set_text (self->p_address_row, p->address);
  set_text (self->p_notes_row, p->notes);
  fill_combo (self->p_district_row, _("No district"), self->districts, G_STRUCT_OFFSET (BbDistrict, name), p->district_id);

  /* what the partner works on, as the problems and plans say */
  if (p->id != NULL)
    {
      g_auto(GStrv) problems = NULL;
      g_auto(GStrv) plans = NULL;

      if (bb_store_partner_work (self->store, p->id, &problems, &plans, NULL))
        {
          for (guint i = 0; problems[i] != NULL; i++)
            {
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problems[i]);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Problem"));
              adw_preferences_group_add (self->work_group, row);
            }
          for (guint i = 0; plans[i] != NULL; i++)
            {
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), plans[i]);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Community safety plan"));
              adw_preferences_group_add (self->work_group, row);
            }
          gtk_widget_set_visible (GTK_WIDGET (self->work_group), problems[0] != NULL || plans[0] != NULL);
        }
    }
}

void
bb_directory_editor_fill_member (BbDirectoryEditor      *self,
             const BbAdvisoryMember *m)
{
  const char * const *roles = bb_member_roles ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; roles[i] != NULL; i++)
    {
      gtk_string_list_append (labels, bb_member_role_label (roles[i]));
      if (g_strcmp0 (roles[i], m->role) == 0)
        selected = i;
    }
  adw_combo_row_set_model (self->m_role_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->m_role_row, selected);
  fill_combo (self->m_district_row, NULL, self->districts, G_STRUCT_OFFSET (BbDistrict, name), m->district_id);
  fill_combo (self->m_partner_row, NULL, self->partners, G_STRUCT_OFFSET (BbPartner, name), m->partner_id);
  set_text (self->m_since_row, m->since);
}

void
bb_directory_editor_person_toggled_cb (BbDirectoryEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->p_contact_row), !gtk_switch_get_active (self->p_person_switch));
}

