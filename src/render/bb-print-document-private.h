/* bb-print-document-private.h: what the document model's drawing and its builders share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "bb-print-document.h"

G_BEGIN_DECLS

/* A Pango context set up as every document's text is laid out: no hinting
 * of metrics (so that PDF, PNG and print break lines alike), the
 * document's language. @cr NULL gives a context for measuring. */
PangoContext *bb_print_document_create_context (BbPrintDocument *self,
                                                cairo_t    *cr);
PangoFontDescription *bb_text_style_font (const BbTextStyle *style);
void          bb_cairo_set_color         (cairo_t       *cr,
                                          const BbColor *color);
/* A layout of one line or a paragraph of plain text in a style, at
 * @width (≤ 0: no wrapping). */
PangoLayout  *bb_text_layout             (PangoContext      *context,
                                          const BbTextStyle *style,
                                          const char        *text,
                                          double             width);

G_END_DECLS
