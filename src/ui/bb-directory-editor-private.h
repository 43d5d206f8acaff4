/* bb-directory-editor-private.h: what the directory editor's files share: its state and its fields */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-contacts.h"
#include "bb-directory-editor.h"

G_BEGIN_DECLS

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
  AdwActionRow       *o_photo_row;
  GBytes             *photo;      /* the officer's photo as it will be saved (PNG) */
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

/* bb-directory-editor-fields.c */
void     bb_directory_editor_show_error       (BbDirectoryEditor *self,
                                               GtkWidget         *row,
                                               const char        *message);
void     bb_directory_editor_fill_district    (BbDirectoryEditor *self,
                                               const BbDistrict  *district);
void     bb_directory_editor_fill_officer     (BbDirectoryEditor *self,
                                               const BbOfficer   *officer);
void     bb_directory_editor_fill_partner     (BbDirectoryEditor *self,
                                               const BbPartner   *partner);
void     bb_directory_editor_fill_member      (BbDirectoryEditor      *self,
                                               const BbAdvisoryMember *member);
void     bb_directory_editor_person_toggled_cb (BbDirectoryEditor *self);
/* Read the form into @record; FALSE with the field marked. */
gboolean bb_directory_editor_read_district    (BbDirectoryEditor *self,
                                               BbDistrict        *district);
gboolean bb_directory_editor_read_officer     (BbDirectoryEditor *self,
                                               BbOfficer         *officer);
gboolean bb_directory_editor_read_partner     (BbDirectoryEditor *self,
                                               BbPartner         *partner);
gboolean bb_directory_editor_read_member      (BbDirectoryEditor *self,
                                               BbAdvisoryMember  *member);
/* "Joint ownership": the further districts and target groups typed. */
gboolean bb_directory_editor_save_areas       (BbDirectoryEditor *self,
                                               const char        *officer_id,
                                               GError           **error);
void     bb_directory_editor_choose_photo_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);
void     bb_directory_editor_remove_photo_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *parameter);

G_END_DECLS
