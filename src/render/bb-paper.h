/* bb-paper.h: paper sizes for printed documents, in PostScript points */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BB_PAPER_A3,
  BB_PAPER_A4,
  BB_PAPER_A5,
  BB_PAPER_LETTER,
} BbPaper;

#define BB_POINTS_PER_MM (72.0 / 25.4)

gboolean    bb_paper_from_name  (const char *name,
                                 BbPaper    *paper);
const char *bb_paper_to_name    (BbPaper     paper);
void        bb_paper_get_size   (BbPaper     paper,
                                 gboolean    landscape,
                                 double     *width_pt,
                                 double     *height_pt);

G_END_DECLS
