/* bb-template-private.h: what the printable templates share: units, styles, the station's header and contacts */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "bb-render-i18n.h"
#include "bb-templates.h"

G_BEGIN_DECLS

#define MM(x) ((x) * BB_POINTS_PER_MM)
/* Document text, translated into the document's language. */
#define T(s) bb_render_gettext (language, (s))
/* With a message context, and in the plural form for @n. */
#define TC(c, s) bb_render_pgettext (language, (c), (s))
#define TN(s, p, n) bb_render_ngettext (language, (s), (p), (n))

#define BB_INK       0x1f2328
#define BB_INK_SOFT  0x4d5560

BbTextStyle  bb_template_style   (double         size,
                                  int            weight,
                                  guint32        rgb);
BbTextStyle  bb_template_style_c (double         size,
                                  int            weight,
                                  const BbColor *color);
/* The logo in the box when the station has a PNG one; FALSE otherwise. */
gboolean     bb_template_logo    (BbPage           *page,
                                  const BbBranding *branding,
                                  double            x,
                                  double            y,
                                  double            width,
                                  double            height);
/* The station's address, phone, e-mail and web page, one a line, those it has. */
char        *bb_template_contact_lines (const BbBranding *branding,
                                        const char       *language);
/* Paragraphs of @text (split at blank lines; a line starting "• " or
 * "- " becomes a bullet) into @frame. */
void         bb_template_add_body (BbFrame           *frame,
                                   const BbTextStyle *style,
                                   const BbColor     *bullet_color,
                                   const char        *text);
char        *bb_template_strdup_nonempty (const char *text);

/* A section heading with the accent's bar; returns the height it takes. */
double       bb_template_heading (BbPage           *page,
                                  const BbBranding *branding,
                                  double            x,
                                  double            y,
                                  double            width,
                                  const char       *text);
/* A table in the station's colours, header row still to add. */
BbTable     *bb_template_table   (BbPage           *page,
                                  const BbBranding *branding,
                                  const char       *name,
                                  double            x,
                                  double            y,
                                  double            width,
                                  double            max_height,
                                  guint             n_columns,
                                  const double     *fractions);
/* The band across the top of a report's first page (station, title,
 * subtitle, logo); returns where the page's content starts. */
double       bb_template_band    (BbPage           *page,
                                  const BbBranding *branding,
                                  double            width,
                                  double            margin,
                                  const char       *title,
                                  const char       *subtitle);
/* Names of months (1–12) and weekdays (1 Monday – 7 Sunday), and a
 * date written out ("Tuesday 13 October 2026"), in @language. */
const char  *bb_template_month_name   (const char *language,
                                       int         month);
const char  *bb_template_weekday_name (const char *language,
                                       int         weekday);
char        *bb_template_long_date    (const char *language,
                                       GDateTime  *t);
/* A quarter as documents name it: "July–September 2026 (quarter 3)". */
char        *bb_template_quarter_label (const char *language,
                                        int         year,
                                        int         quarter);
/* The station's name and "Page n of m" at the foot of every page. */
void         bb_template_footers (BbPrintDocument  *doc,
                                  const BbBranding *branding,
                                  double            margin);

G_END_DECLS
