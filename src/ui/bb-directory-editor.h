/* bb-directory-editor.h: a district, an officer, a partner or an advisory-group member, checked as typed */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_DIRECTORY_EDITOR (bb_directory_editor_get_type ())
G_DECLARE_FINAL_TYPE (BbDirectoryEditor, bb_directory_editor, BB, DIRECTORY_EDITOR, AdwWindow)

/* Edits @record of @type (bb_district_record, bb_officer_record,
 * bb_partner_record or bb_advisory_member_record), or a new one when
 * @record is NULL.  Emits ::saved with the record's id, ::deleted. */
BbDirectoryEditor *bb_directory_editor_new   (GtkWindow          *parent,
                                              BbStore            *store,
                                              const BbRecordType *type,
                                              gconstpointer       record);
gboolean           bb_directory_editor_save  (BbDirectoryEditor  *self);
const char        *bb_directory_editor_get_error (BbDirectoryEditor *self);
/* For tests: types @text into the field titled @title (as shown). */
gboolean           bb_directory_editor_set_text (BbDirectoryEditor *self,
                                                 const char        *title,
                                                 const char        *text);
/* Chooses the @index-th item of the drop-down titled @title. */
gboolean           bb_directory_editor_set_choice (BbDirectoryEditor *self,
                                                   const char        *title,
                                                   guint              index);

G_END_DECLS
