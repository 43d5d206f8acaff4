/* bb-problems-view-private.h: what the Problems view's files share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-plan-page.h"
#include "bb-problem-page.h"
#include "bb-problems-view.h"
#include "bb-station-button.h"
#include "bb-store-plans.h"

G_BEGIN_DECLS

/* A plan as the list of plans shows it. */
typedef struct {
  BbPlan         *plan;
  char           *district_name;
  BbPlanProgress  progress;
} BbPlanRowInfo;

/* What the worker reads for the board and the plans in one go. */
typedef struct {
  GPtrArray *cards;        /* BbProblemCardInfo, in the store's order */
  GPtrArray *districts;    /* BbDistrict */
  GPtrArray *officers;     /* BbOfficer */
  GPtrArray *partners;     /* BbPartner */
  GPtrArray *plans;        /* BbPlanRowInfo */
  char      *station_name;
  gint64     n_incidents;
} BbBoardData;

void bb_board_data_free (BbBoardData *data);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbBoardData, bb_board_data_free)

struct _BbProblemsView
{
  AdwBin           parent_instance;

  BbStore         *store;
  GCancellable    *cancellable;   /* loading and counting; renewed by each reload */
  GCancellable    *move_cancellable;
  BbBoardData     *data;
  GHashTable      *counts;        /* problem id → gint64 *, the latest count of each */
  char            *focus_id;      /* the card to focus when the board is rebuilt */
  char            *last_message;
  GStrv            district_ids;  /* parallel to the drop-downs, after "All …" */
  GStrv            owner_ids;
  GStrv            partner_ids;
  BbFilterState   *filter;        /* the window's: the stations shown */
  GStrv            station_ids;   /* NULL: all */
  gboolean         updating_filters;
  gboolean         disposed;      /* children notify as they go: nothing to do */
  guint            reload_source;

  GtkStack        *stack;
  AdwStatusPage   *status_page;
  GtkWidget       *demo_button;
  GtkWidget       *next_button;
  AdwLeaflet      *leaflet;
  AdwToastOverlay *toast_overlay;
  GtkSearchEntry  *search_entry;
  GtkMenuButton   *filter_button;
  BbStationButton *station_button;
  GtkDropDown     *district_dropdown;
  GtkDropDown     *owner_dropdown;
  GtkDropDown     *partner_dropdown;
  GtkToggleButton *closed_button;
  GtkWidget       *new_problem_button;
  GtkWidget       *new_plan_button;
  GtkStack        *main_stack;
  GtkListBox      *plans_list;
  BbProblemPage   *problem_page;
  BbPlanPage      *plan_page;
  GtkListBox      *lists[BB_SARA_N_STAGES];
  GtkLabel        *counts_labels[BB_SARA_N_STAGES];
  GtkWidget       *columns[BB_SARA_N_STAGES];
};

/* bb-problems-view.c */
void     bb_problems_view_show_message (BbProblemsView *self,
                                        const char     *message);

/* bb-problems-view-board.c: the board, its filters and moves */
gpointer bb_problems_view_load_func    (BbStore        *store,
                                        gpointer        user_data,
                                        GCancellable   *cancellable,
                                        GError        **error);
void     bb_problems_view_update_filters (BbProblemsView *self);
void     bb_problems_view_rebuild_board  (BbProblemsView *self);
void     bb_problems_view_count_cards    (BbProblemsView *self);
void     bb_problems_view_setup_board    (BbProblemsView *self);

/* bb-problems-view-plans.c: the list of safety plans */
void     bb_problems_view_fill_plans     (BbProblemsView *self);
gboolean bb_problems_view_load_plans     (BbStore            *store,
                                          BbBoardData        *data,
                                          const char * const *station_ids,
                                          GError            **error);

G_END_DECLS
