/* bb-problem-page-private.h: what the problem page's files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-area-sketch.h"
#include "bb-form-values.h"
#include "bb-mini-chart.h"
#include "bb-problem-page.h"
#include "bb-store-problem-detail.h"

G_BEGIN_DECLS

struct _BbProblemPage
{
  AdwBin            parent_instance;

  BbStore          *store;
  GCancellable     *cancellable;     /* the detail being read; a reload cancels it */
  GCancellable     *move_cancellable; /* moves to another stage: only the page's going cancels them */
  char             *problem_id;      /* NULL: a new problem */
  BbProblemDetail  *detail;          /* what the store holds; NULL while loading or new */
  GTimeZone        *tz;              /* the station's */
  GPtrArray        *districts;       /* BbDistrict */
  GPtrArray        *officers;        /* BbOfficer */
  GPtrArray        *partners;        /* BbPartner */
  GPtrArray        *categories;      /* BbCategory */
  BbPeopleChoice   *people;          /* officers and partners, for owners and assignees */
  GHashTable       *partner_set;     /* ids of the partners chosen */
  GHashTable       *category_set;    /* ids of the categories chosen */
  GPtrArray        *partner_checks;  /* GtkCheckButton, once the partners' rows are built */
  GPtrArray        *category_checks; /* GtkCheckButton, once the categories' rows are built */
  GPtrArray        *response_rows;   /* rows added to the responses group */
  GPtrArray        *review_rows;     /* rows added to the reviews group */
  gboolean          populating;      /* fields are being filled, not edited */
  gboolean          disposed;        /* children notify as they go: nothing to do */
  gboolean          dirty;
  gboolean          clear_area;      /* the area is to be dropped on save */
  char             *drawn_area;      /* GeoJSON of an area drawn on the page, to be saved */
  char             *error_text;
  char             *message;
  AdwToast         *toast;           /* the note shown, weak */
  GtkWidget        *marked;          /* the field marked with the error */
  guint             reload_source;
  GCancellable     *hotspots_cancellable;  /* the area's hot spots being worked out */

  AdwToastOverlay  *toast_overlay;
  GtkLabel         *heading_label;
  GtkLabel         *stage_label;
  GtkButton        *previous_button;
  GtkButton        *next_button;
  GtkRevealer      *error_revealer;
  GtkLabel         *error_label;
  GtkStack         *stack;
  AdwPreferencesPage *preferences_page;
  AdwEntryRow      *title_row;
  GtkTextView      *statement_view;
  AdwComboRow      *priority_row;
  AdwComboRow      *district_row;
  AdwComboRow      *owner_row;
  AdwExpanderRow   *partners_row;
  AdwEntryRow      *offender_row;
  AdwEntryRow      *handler_row;
  AdwEntryRow      *victim_row;
  AdwEntryRow      *guardian_row;
  AdwEntryRow      *place_row;
  AdwEntryRow      *manager_row;
  GtkTextView      *analysis_view;
  AdwExpanderRow   *categories_row;
  AdwEntryRow      *period_start_row;
  AdwEntryRow      *period_end_row;
  AdwActionRow     *area_row;
  GtkWidget        *area_map_row;
  BbAreaSketch     *area_sketch;
  AdwActionRow     *count_row;
  BbMiniChart      *months_chart;
  GtkBox           *hours_box;
  GtkLabel         *hours_label;
  AdwActionRow     *area_hotspots_row;
  AdwExpanderRow   *incidents_row;
  AdwExpanderRow   *excluded_row;
  AdwPreferencesGroup *responses_group;
  AdwEntryRow      *baseline_start_row;
  AdwEntryRow      *baseline_end_row;
  AdwEntryRow      *response_start_row;
  AdwEntryRow      *response_end_row;
  AdwEntryRow      *buffer_row;
  GtkLabel         *not_assessed_label;
  GtkWidget        *results_box;
  GtkGrid          *results_grid;
  BbMiniChart      *results_chart;
  GtkLabel         *change_label;
  GtkLabel         *wdq_label;
  GtkLabel         *summary_label;
  GtkTextView      *decision_view;
  AdwPreferencesGroup *reviews_group;
};

/* bb-problem-page.c */
void     bb_problem_page_set_dirty      (BbProblemPage *self,
                                         gboolean       dirty);
/* A field was edited (not filled in by the page). */
void     bb_problem_page_field_changed  (BbProblemPage *self);
void     bb_problem_page_clear_error    (BbProblemPage *self);
void     bb_problem_page_toast          (BbProblemPage *self,
                                         const char    *text);
void     bb_problem_page_show_error     (BbProblemPage *self,
                                         GtkWidget     *field,
                                         const char    *message);
void     bb_problem_page_reload         (BbProblemPage *self);
GtkWindow *bb_problem_page_window       (BbProblemPage *self);
/* The name of a category, district, … by id, or NULL. */
const char *bb_problem_page_category_name (BbProblemPage *self,
                                           const char    *id);

/* bb-problem-page-form.c: the directory, the form filled and read back */
void     bb_problem_page_load_directory (BbProblemPage *self);
void     bb_problem_page_fill_form      (BbProblemPage   *self,
                                         const BbProblem *problem,
                                         GStrv            category_ids,
                                         GStrv            partner_ids);
/* The problem as the form has it, over what the store holds now; NULL
 * with the error shown at its field. */
BbProblem *bb_problem_page_read_form    (BbProblemPage  *self,
                                         GStrv          *category_ids,
                                         GStrv          *partner_ids);
/* The area's row and small map: the stored area, the one drawn, or none. */
void     bb_problem_page_update_area    (BbProblemPage  *self);
void     bb_problem_page_area_drawn_cb  (BbProblemPage  *self,
                                         const char     *geometry);
void     bb_problem_page_set_combo_strings (AdwComboRow        *row,
                                            const char * const *names);
/* Builds the partners' or categories' rows when their expander opens. */
void     bb_problem_page_choice_expanded_cb (AdwExpanderRow *expander,
                                             GParamSpec     *pspec,
                                             BbProblemPage  *self);

/* bb-problem-page-lists.c: responses, tasks, incidents and review dates */
void     bb_problem_page_fill_lists     (BbProblemPage *self);
/* Builds the rows of the incidents (or those left out) when opened. */
void     bb_problem_page_incidents_expanded_cb (AdwExpanderRow *expander,
                                                GParamSpec     *pspec,
                                                BbProblemPage  *self);
void     bb_problem_page_clear_lists    (BbProblemPage *self);
void     bb_problem_page_add_response   (BbProblemPage *self);
void     bb_problem_page_edit_response  (BbProblemPage *self,
                                         const char    *response_id);
void     bb_problem_page_edit_task      (BbProblemPage *self,
                                         const char    *response_id,
                                         const char    *task_id);

/* bb-problem-page-assessment.c: the counts before and after */
void     bb_problem_page_fill_assessment (BbProblemPage *self);
/* The Gi* statistics of the area, worked out off the main thread. */
void     bb_problem_page_fill_hotspots  (BbProblemPage *self);

G_END_DECLS
