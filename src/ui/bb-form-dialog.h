/* bb-form-dialog.h: a small editor window for one record: fields in rows, inline errors, Save, Delete */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BB_TYPE_FORM_DIALOG (bb_form_dialog_get_type ())
G_DECLARE_FINAL_TYPE (BbFormDialog, bb_form_dialog, BB, FORM_DIALOG, AdwWindow)

/* A modal window over @parent; ::save is emitted when the user saves (the
 * handler checks and writes, then calls bb_form_dialog_done or
 * bb_form_dialog_show_error), ::delete when the user deletes. */
BbFormDialog *bb_form_dialog_new            (GtkWindow          *parent,
                                             const char         *title,
                                             const char         *description);
/* Shows a Delete button with @label ("_Delete Task"). */
void          bb_form_dialog_set_can_delete (BbFormDialog       *self,
                                             const char         *label);

/* Fields, in the order added; @key names them for the getters. */
GtkWidget    *bb_form_dialog_add_entry      (BbFormDialog       *self,
                                             const char         *key,
                                             const char         *title,
                                             const char         *text);
GtkWidget    *bb_form_dialog_add_combo      (BbFormDialog       *self,
                                             const char         *key,
                                             const char         *title,
                                             const char * const *choices,
                                             guint               selected);
GtkWidget    *bb_form_dialog_add_switch     (BbFormDialog       *self,
                                             const char         *key,
                                             const char         *title,
                                             const char         *subtitle,
                                             gboolean            active);

GtkWidget    *bb_form_dialog_get_field      (BbFormDialog       *self,
                                             const char         *key);
const char   *bb_form_dialog_get_text       (BbFormDialog       *self,
                                             const char         *key);
void          bb_form_dialog_set_text       (BbFormDialog       *self,
                                             const char         *key,
                                             const char         *text);
guint         bb_form_dialog_get_selected   (BbFormDialog       *self,
                                             const char         *key);
void          bb_form_dialog_set_selected   (BbFormDialog       *self,
                                             const char         *key,
                                             guint               selected);
gboolean      bb_form_dialog_get_active     (BbFormDialog       *self,
                                             const char         *key);
void          bb_form_dialog_set_active     (BbFormDialog       *self,
                                             const char         *key,
                                             gboolean            active);

/* Shows @message above the fields, marks the field @key (may be NULL) and
 * moves the focus there; nothing is closed. */
void          bb_form_dialog_show_error     (BbFormDialog       *self,
                                             const char         *key,
                                             const char         *message);
const char   *bb_form_dialog_get_error      (BbFormDialog       *self);
/* The field's text without surrounding blanks, or NULL with @missing
 * shown against the field when it is empty. */
char         *bb_form_dialog_dup_required   (BbFormDialog       *self,
                                             const char         *key,
                                             const char         *missing);
/* The field's day (YYYY-MM-DD) into @day (NULL when empty and not
 * @required); FALSE with the expected form shown against the field. */
gboolean      bb_form_dialog_read_day       (BbFormDialog       *self,
                                             const char         *key,
                                             gboolean            required,
                                             char              **day);
/* Saving (or deleting) worked: the window closes. */
void          bb_form_dialog_done           (BbFormDialog       *self);
/* What the Save button does, for tests and the keyboard (Ctrl+S). */
void          bb_form_dialog_save           (BbFormDialog       *self);

G_END_DECLS
