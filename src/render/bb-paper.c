/* bb-paper.c: paper sizes for printed documents, in PostScript points */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-paper"

#include "config.h"

#include <string.h>

#include "bb-paper.h"

static const struct {
  const char *name;
  double      width_mm;
  double      height_mm;
} papers[] = {
  [BB_PAPER_A3] = { "a3", 297.0, 420.0 },
  [BB_PAPER_A4] = { "a4", 210.0, 297.0 },
  [BB_PAPER_A5] = { "a5", 148.0, 210.0 },
  [BB_PAPER_LETTER] = { "letter", 215.9, 279.4 },
};

gboolean
bb_paper_from_name (const char *name,
                    BbPaper    *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (papers[i].name, name) == 0)
      {
        *paper = (BbPaper) i;
        return TRUE;
      }
  return FALSE;
}

const char *
bb_paper_to_name (BbPaper paper)
{
  g_return_val_if_fail (paper <= BB_PAPER_LETTER, NULL);
  return papers[paper].name;
}

void
bb_paper_get_size (BbPaper   paper,
                   gboolean  landscape,
                   double   *width_pt,
                   double   *height_pt)
{
  double w, h;

  g_return_if_fail (paper <= BB_PAPER_LETTER);

  w = papers[paper].width_mm * BB_POINTS_PER_MM;
  h = papers[paper].height_mm * BB_POINTS_PER_MM;
  *width_pt = landscape ? h : w;
  *height_pt = landscape ? w : h;
}
