/* bb-directory-editor.c: a district, an officer, a partner or an advisory-group member, checked as typed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-directory-editor"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "bb-contacts.h"
#include "bb-directory-editor.h"
#include "bb-store-directory.h"

struct _BbDirectoryEditor
{
  AdwWindow           parent_instance;

  BbStore            *store;
  const BbRecordType *type;
  gpointer            record;     /* a copy */
  gboolean            is_new;
  GPtrArray          *districts;  /* BbDistrict */
  GPtrArray          *officers;   /* BbOfficer */
  GPtrArray          *partners;   /* BbPartner */

  AdwWindowTitle     *window_title;
  GtkWidget          *delete_button;
  GtkLabel           *error_label;
  GtkWidget          *district_group;
  AdwEntryRow        *d_name_row;
  AdwEntryRow        *d_code_row;
  AdwEntryRow        *d_population_row;
  AdwComboRow        *d_officer_row;
  AdwActionRow       *d_boundary_row;
  GtkWidget          *officer_group;
  AdwEntryRow        *o_name_row;
  AdwEntryRow        *o_rank_row;
  AdwEntryRow        *o_phone_row;
  AdwEntryRow        *o_email_row;
  AdwComboRow        *o_district_row;
  AdwEntryRow        *o_areas_row;
  AdwEntryRow        *o_groups_row;
  GtkWidget          *partner_group;
  AdwEntryRow        *p_name_row;
  AdwComboRow        *p_kind_row;
  GtkSwitch          *p_person_switch;
  AdwEntryRow        *p_contact_row;
  AdwEntryRow        *p_phone_row;
  AdwEntryRow        *p_email_row;
  AdwEntryRow        *p_address_row;
  AdwEntryRow        *p_notes_row;
  AdwComboRow        *p_district_row;
  AdwPreferencesGroup *work_group;
  GtkWidget          *member_group;
  AdwComboRow        *m_district_row;
  AdwComboRow        *m_partner_row;
  AdwComboRow        *m_role_row;
  AdwEntryRow        *m_since_row;
};

G_DEFINE_FINAL_TYPE (BbDirectoryEditor, bb_directory_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers ---------------------------------------------------------------------- */

static void
show_error (BbDirectoryEditor *self,
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
      show_error (self, GTK_WIDGET (phone_row), _("A phone number is digits, with spaces, + and - if you like: e.g. +371 2000 0000."));
      return FALSE;
    }
  if (*email != '\0' && !bb_contact_email_is_valid (email))
    {
      show_error (self, GTK_WIDGET (email_row), _("An e-mail address looks like name@example.org."));
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

/* Saving, kind by kind ----------------------------------------------------------- */

static gboolean
read_district (BbDirectoryEditor *self,
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
      show_error (self, GTK_WIDGET (self->d_population_row), _("The population is a whole number, e.g. 4200."));
      return FALSE;
    }
  d->population = *population != '\0' ? (int) people : BB_UNSET_INT;
  g_free (d->officer_id);
  d->officer_id = chosen_id (self->d_officer_row, self->officers, TRUE);
  return TRUE;
}

static gboolean
read_officer (BbDirectoryEditor *self,
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
  return TRUE;
}

static gboolean
read_partner (BbDirectoryEditor *self,
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

static gboolean
read_member (BbDirectoryEditor *self,
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
      show_error (self, GTK_WIDGET (self->m_district_row), _("Add a district first: a member sits in a district’s advisory group."));
      return FALSE;
    }
  if (m->partner_id == NULL)
    {
      show_error (self, GTK_WIDGET (self->m_partner_row), _("Add the person or organisation as a partner first."));
      return FALSE;
    }
  if (*since != '\0' && (sscanf (since, "%4u-%2u-%2u%c", &y, &mo, &d, &tail) != 3 || strlen (since) != 10
                         || !g_date_valid_dmy (d, mo, y)))
    {
      show_error (self, GTK_WIDGET (self->m_since_row), _("Write the date as year-month-day, e.g. 2024-02-01."));
      return FALSE;
    }
  g_free (m->since);
  m->since = *since != '\0' ? g_steal_pointer (&since) : NULL;
  g_free (m->role);
  m->role = g_strdup (roles[MIN (adw_combo_row_get_selected (self->m_role_row), g_strv_length ((char **) roles) - 1)]);
  return TRUE;
}

/* "Joint ownership": the further districts and target groups typed. */
static gboolean
save_areas (BbDirectoryEditor *self,
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

gboolean
bb_directory_editor_save (BbDirectoryEditor *self)
{
  g_autoptr(GError) error = NULL;
  gpointer copy;
  GtkWidget *name_row = NULL;
  gboolean ok;

  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), FALSE);

  show_error (self, NULL, NULL);
  for (AdwEntryRow **r = (AdwEntryRow *[]) { self->d_name_row, self->d_population_row, self->o_name_row, self->o_phone_row,
                                             self->o_email_row, self->o_areas_row, self->p_name_row, self->p_phone_row,
                                             self->p_email_row, self->m_since_row, NULL };
       *r != NULL; r++)
    gtk_widget_remove_css_class (GTK_WIDGET (*r), "error");

  copy = bb_record_copy (self->type, self->record);
  if (self->type == &bb_district_record)
    {
      ok = read_district (self, copy);
      name_row = GTK_WIDGET (self->d_name_row);
    }
  else if (self->type == &bb_officer_record)
    {
      ok = read_officer (self, copy);
      name_row = GTK_WIDGET (self->o_name_row);
    }
  else if (self->type == &bb_partner_record)
    {
      ok = read_partner (self, copy);
      name_row = GTK_WIDGET (self->p_name_row);
    }
  else
    ok = read_member (self, copy);
  if (ok && name_row != NULL)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (name_row))));

      if (*name == '\0')
        {
          show_error (self, name_row, _("A name is needed."));
          ok = FALSE;
        }
    }
  if (!ok)
    {
      bb_record_free (self->type, copy);
      return FALSE;
    }
  ok = self->is_new ? bb_store_insert (self->store, self->type, copy, &error)
                    : bb_store_update (self->store, self->type, copy, &error);
  if (ok && self->type == &bb_officer_record)
    ok = save_areas (self, ((BbRecord *) copy)->id, &error);
  if (!ok)
    {
      if (self->type == &bb_advisory_member_record && g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_CONSTRAINT))
        show_error (self, GTK_WIDGET (self->m_partner_row),
                    _("This partner already sits in that district’s advisory group."));
      else if (self->type == &bb_officer_record && !self->is_new && error != NULL
               && g_error_matches (error, BB_STORE_ERROR, BB_STORE_ERROR_INVALID) && strstr (error->message, "district “") != NULL)
        show_error (self, GTK_WIDGET (self->o_areas_row), error->message);
      else
        show_error (self, NULL, error->message);
      /* the officer was written, not their further areas: saving again updates it */
      if (self->type == &bb_officer_record && self->is_new && ((BbRecord *) copy)->created_at > 0)
        {
          bb_record_free (self->type, self->record);
          self->record = copy;
          self->is_new = FALSE;
          return FALSE;
        }
      bb_record_free (self->type, copy);
      return FALSE;
    }
  bb_record_free (self->type, self->record);
  self->record = copy;
  self->is_new = FALSE;
  gtk_widget_set_visible (self->delete_button, TRUE);
  g_signal_emit (self, signals[SAVED], 0, ((BbRecord *) self->record)->id);
  return TRUE;
}

const char *
bb_directory_editor_get_error (BbDirectoryEditor *self)
{
  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_label (self->error_label) : NULL;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (widget);

  if (bb_directory_editor_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
close_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    BbDirectoryEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!bb_store_delete (self->store, self->type, ((BbRecord *) self->record)->id, &error))
    {
      show_error (self, NULL, error->message);
      return;
    }
  g_signal_emit (self, signals[DELETED], 0);
  /* The editor is the dialog's parent: it goes once the dialog is gone. */
  g_idle_add_full (G_PRIORITY_DEFAULT, close_cb, g_object_ref (self), g_object_unref);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (widget);
  GtkWidget *dialog;

  if (self->is_new)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete from the Directory?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s",
    self->type == &bb_district_record ? _("Incidents, problems and events of the district keep their place but no longer name it; its advisory group is dissolved.")
    : self->type == &bb_officer_record ? _("Districts, problems and tasks the officer had are left without one.")
    : self->type == &bb_partner_record ? _("The partner leaves every problem, advisory group and meeting it was part of.")
    : _("The member leaves the district’s advisory group."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Filling the form ----------------------------------------------------------------- */

static void
fill_district (BbDirectoryEditor *self,
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

static void
fill_officer (BbDirectoryEditor *self,
              const BbOfficer   *o)
{
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GString) districts = g_string_new (NULL);
  g_autoptr(GString) groups = g_string_new (NULL);

  set_text (self->o_name_row, o->name);
  set_text (self->o_rank_row, o->rank);
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

static void
fill_partner (BbDirectoryEditor *self,
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

static void
fill_member (BbDirectoryEditor      *self,
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

static void
person_toggled_cb (BbDirectoryEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->p_contact_row), !gtk_switch_get_active (self->p_person_switch));
}

/* GObject ------------------------------------------------------------------------ */

static void
bb_directory_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), BB_TYPE_DIRECTORY_EDITOR);

  G_OBJECT_CLASS (bb_directory_editor_parent_class)->dispose (object);
}

static void
bb_directory_editor_finalize (GObject *object)
{
  BbDirectoryEditor *self = BB_DIRECTORY_EDITOR (object);

  g_clear_object (&self->store);
  if (self->record != NULL)
    bb_record_free (self->type, self->record);
  g_clear_pointer (&self->districts, g_ptr_array_unref);
  g_clear_pointer (&self->officers, g_ptr_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);

  G_OBJECT_CLASS (bb_directory_editor_parent_class)->finalize (object);
}

#define BIND(name) gtk_widget_class_bind_template_child (widget_class, BbDirectoryEditor, name)

static void
bb_directory_editor_class_init (BbDirectoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = bb_directory_editor_dispose;
  object_class->finalize = bb_directory_editor_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/beatbook/Beatbook/bb-directory-editor.ui");
  BIND (window_title);
  BIND (delete_button);
  BIND (error_label);
  BIND (district_group);
  BIND (d_name_row);
  BIND (d_code_row);
  BIND (d_population_row);
  BIND (d_officer_row);
  BIND (d_boundary_row);
  BIND (officer_group);
  BIND (o_name_row);
  BIND (o_rank_row);
  BIND (o_phone_row);
  BIND (o_email_row);
  BIND (o_district_row);
  BIND (o_areas_row);
  BIND (o_groups_row);
  BIND (partner_group);
  BIND (p_name_row);
  BIND (p_kind_row);
  BIND (p_person_switch);
  BIND (p_contact_row);
  BIND (p_phone_row);
  BIND (p_email_row);
  BIND (p_address_row);
  BIND (p_notes_row);
  BIND (p_district_row);
  BIND (work_group);
  BIND (member_group);
  BIND (m_district_row);
  BIND (m_partner_row);
  BIND (m_role_row);
  BIND (m_since_row);
  gtk_widget_class_bind_template_callback (widget_class, person_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
bb_directory_editor_init (BbDirectoryEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

BbDirectoryEditor *
bb_directory_editor_new (GtkWindow          *parent,
                         BbStore            *store,
                         const BbRecordType *type,
                         gconstpointer       record)
{
  BbDirectoryEditor *self;
  const char *title;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (BB_IS_STORE (store), NULL);
  g_return_val_if_fail (type == &bb_district_record || type == &bb_officer_record || type == &bb_partner_record
                        || type == &bb_advisory_member_record, NULL);

  self = g_object_new (BB_TYPE_DIRECTORY_EDITOR, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->type = type;
  self->is_new = record == NULL;
  self->record = record != NULL ? bb_record_copy (type, record) : bb_record_new (type);
  self->districts = bb_store_district_list (store, NULL);
  self->officers = bb_store_officer_list (store, NULL);
  self->partners = bb_store_partner_list (store, NULL);
  if (self->districts == NULL)
    self->districts = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_district_free);
  if (self->officers == NULL)
    self->officers = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_officer_free);
  if (self->partners == NULL)
    self->partners = g_ptr_array_new_with_free_func ((GDestroyNotify) bb_partner_free);

  gtk_widget_set_visible (self->district_group, type == &bb_district_record);
  gtk_widget_set_visible (self->officer_group, type == &bb_officer_record);
  gtk_widget_set_visible (self->partner_group, type == &bb_partner_record);
  gtk_widget_set_visible (self->member_group, type == &bb_advisory_member_record);
  gtk_widget_set_visible (self->delete_button, !self->is_new);
  show_error (self, NULL, NULL);
  if (type == &bb_district_record)
    {
      fill_district (self, self->record);
      title = self->is_new ? _("New District") : _("District");
    }
  else if (type == &bb_officer_record)
    {
      fill_officer (self, self->record);
      title = self->is_new ? _("New Officer") : _("Officer");
    }
  else if (type == &bb_partner_record)
    {
      fill_partner (self, self->record);
      person_toggled_cb (self);
      title = self->is_new ? _("New Partner") : _("Partner");
    }
  else
    {
      fill_member (self, self->record);
      title = self->is_new ? _("New Advisory Group Member") : _("Advisory Group Member");
    }
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  return self;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && gtk_widget_get_visible (root)
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
bb_directory_editor_set_text (BbDirectoryEditor *self,
                              const char        *title,
                              const char        *text)
{
  GtkWidget *row;

  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), FALSE);

  row = find_row (GTK_WIDGET (self), title);
  if (!ADW_IS_ENTRY_ROW (row))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  return TRUE;
}

gboolean
bb_directory_editor_set_choice (BbDirectoryEditor *self,
                                const char        *title,
                                guint              index)
{
  GtkWidget *row;

  g_return_val_if_fail (BB_IS_DIRECTORY_EDITOR (self), FALSE);

  row = find_row (GTK_WIDGET (self), title);
  if (!ADW_IS_COMBO_ROW (row))
    return FALSE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), index);
  return TRUE;
}
