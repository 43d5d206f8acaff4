/* bb-problem-page.h: one problem worked on with partners: statement, triangle, incidents, responses, tasks, assessment */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_PROBLEM_PAGE (bb_problem_page_get_type ())
G_DECLARE_FINAL_TYPE (BbProblemPage, bb_problem_page, BB, PROBLEM_PAGE, AdwBin)

GtkWidget   *bb_problem_page_new            (void);
void         bb_problem_page_set_store      (BbProblemPage *self,
                                             BbStore       *store);
/* Shows the problem; NULL starts a new one, written on the first save. */
void         bb_problem_page_load           (BbProblemPage *self,
                                             const char    *problem_id);
/* NULL for a new problem not saved yet. */
const char  *bb_problem_page_get_problem_id (BbProblemPage *self);
/* Whether the page shows what the store holds (not loading). */
gboolean     bb_problem_page_is_loaded      (BbProblemPage *self);
/* Whether the details were changed and not saved. */
gboolean     bb_problem_page_is_dirty       (BbProblemPage *self);
/* The last error shown on the page, or NULL. */
const char  *bb_problem_page_get_error      (BbProblemPage *self);
/* The last note shown to the user (a move, a save), or NULL. */
const char  *bb_problem_page_get_message    (BbProblemPage *self);

G_END_DECLS
