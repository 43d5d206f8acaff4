/* bb-publish.h: what a public document may show: suppressed small counts and a record of what was withheld */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_PUBLISH_DEFAULT_MIN_COUNT 3

/* Public documents never hold restricted incidents, names of private
 * persons or exact addresses; counts below @min_count are not printed
 * (a count of 1 or 2 can point at a household). */
typedef struct {
  guint min_count;
} BbPublishPolicy;

void      bb_publish_policy_init_default (BbPublishPolicy *policy);
gboolean  bb_publish_is_suppressed       (const BbPublishPolicy *policy,
                                          gint64                 count);
/* The count as printed: "1234", or "fewer than 3" in @language ("< 3"
 * when @compact, for tables). */
char     *bb_publish_format_count        (const BbPublishPolicy *policy,
                                          const char            *language,
                                          gint64                 count,
                                          gboolean               compact);

/* What a public document left out, for the person who publishes it. */
typedef struct {
  gint64     restricted_incidents;   /* restricted incidents not counted */
  guint      suppressed_counts;      /* figures shown as "fewer than N" */
  GPtrArray *notes;                  /* translated lines, one per item */
} BbWithheld;

BbWithheld *bb_withheld_new      (void);
void        bb_withheld_free     (BbWithheld *self);
void        bb_withheld_add_note (BbWithheld *self,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (2, 3);
/* All of it in a few lines of the user interface's language. */
char       *bb_withheld_describe (BbWithheld *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BbWithheld, bb_withheld_free)

G_END_DECLS
