/* bb-store-surveys-private.h: what the store's survey files share: a question's result from its answers' counts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store-surveys.h"

G_BEGIN_DECLS

/* Value counts of one question: value → count (GSIZE_TO_POINTER). */
typedef GHashTable ValueCounts;

void              bb_question_result_free (BbQuestionResult *self);
/* A question's result from the counts of its stored values (@counts may be NULL). */
BbQuestionResult *bb_question_result_make (const BbQuestion *question,
                                           ValueCounts      *counts);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbQuestionResult, bb_question_result_free)

G_END_DECLS
