/* bb-plan-page-private.h: what the plan page's files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-form-values.h"
#include "bb-plan-page.h"
#include "bb-store-plans.h"

G_BEGIN_DECLS

struct _BbPlanPage
{
  AdwBin               parent_instance;

  BbStore             *store;
  GCancellable        *cancellable;
  char                *plan_id;        /* NULL: a new plan */
  BbPlanDetail        *detail;         /* NULL while loading or new */
  GTimeZone           *tz;
  GPtrArray           *districts;      /* BbDistrict */
  GPtrArray           *problems;       /* BbProblem, every problem of the station */
  GPtrArray           *categories;     /* BbCategory */
  BbPeopleChoice      *people;
  GPtrArray           *problem_checks; /* GtkSwitch, parallel to problems */
  GPtrArray           *group_rows;     /* rows added to the three lists */
  gboolean             populating;
  gboolean             disposed;       /* children notify as they go: nothing to do */
  gboolean             dirty;
  char                *error_text;
  char                *message;
  AdwToast         *toast;           /* the note shown, weak */
  GtkWidget           *marked;
  guint                reload_source;

  AdwToastOverlay     *toast_overlay;
  GtkLabel            *heading_label;
  GtkLabel            *progress_label;
  GtkRevealer         *error_revealer;
  GtkLabel            *error_label;
  GtkStack            *stack;
  AdwEntryRow         *title_row;
  AdwComboRow         *district_row;
  AdwEntryRow         *start_row;
  AdwEntryRow         *end_row;
  GtkTextView         *statement_view;
  AdwExpanderRow      *problems_row;
  AdwPreferencesGroup *objectives_group;
  AdwPreferencesGroup *tasks_group;
  AdwPreferencesGroup *reviews_group;
};

/* bb-plan-page.c */
void       bb_plan_page_toast       (BbPlanPage *self,
                                     const char *text);
void       bb_plan_page_show_error  (BbPlanPage *self,
                                     GtkWidget  *field,
                                     const char *message);
GtkWindow *bb_plan_page_window      (BbPlanPage *self);
/* Writes the form in one transaction; FALSE with the error shown. */
gboolean   bb_plan_page_save        (BbPlanPage *self);

/* bb-plan-page-export.c: Export PDF… */
void       bb_plan_page_export_activated (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter);

/* bb-plan-page-lists.c: objectives, indicators, tasks and reviews */
void       bb_plan_page_fill_lists  (BbPlanPage *self);
void       bb_plan_page_clear_lists (BbPlanPage *self);
void       bb_plan_page_edit_objective (BbPlanPage *self,
                                        const char *objective_id);
void       bb_plan_page_edit_indicator (BbPlanPage *self,
                                        const char *objective_id,
                                        const char *indicator_id);
void       bb_plan_page_edit_task      (BbPlanPage *self,
                                        const char *task_id);
void       bb_plan_page_edit_review    (BbPlanPage *self,
                                        const char *review_id);

G_END_DECLS
