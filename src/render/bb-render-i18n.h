/* bb-render-i18n.h: translations in the document's language, which may differ from the window's */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @msgid translated into @language ("ru", "az", "ro"…) from Beatbook's
 * installed catalogue for that language, read once and kept; @msgid itself
 * for English and for a language with no catalogue.  Thread-safe; does not
 * touch the process's locale.  Mark the msgid with N_() at the call. */
const char *bb_render_gettext (const char *language,
                               const char *msgid) G_GNUC_FORMAT (2);

/* The same with a message context (msgctxt), as C_() has it. */
const char *bb_render_pgettext (const char *language,
                                const char *context,
                                const char *msgid) G_GNUC_FORMAT (3);

/* The plural form of @msgid/@msgid_plural for @n in @language, chosen by
 * the catalogue's Plural-Forms rule (Russian has three forms). */
const char *bb_render_ngettext (const char *language,
                                const char *msgid,
                                const char *msgid_plural,
                                gulong      n) G_GNUC_FORMAT (2);

/* @value with @decimals digits after the point, digits grouped in threes,
 * with the separators of @language ("1,234.5" in English, "1 234,5" in
 * Russian): a printed document follows its own language, not the locale. */
char       *bb_render_format_number (const char *language,
                                     double      value,
                                     guint       decimals);

/* Which plural form a Plural-Forms @expression ("n != 1", "(n%10==1 &&
 * n%100!=11 ? 0 : …)") gives for @n; n != 1 when @expression is NULL or
 * cannot be read.  For tests. */
guint       bb_render_plural_form (const char *expression,
                                   gulong      n);

/* Where catalogues are looked for (LOCALEDIR by default); for tests. */
void        bb_render_set_locale_dir (const char *dir);

G_END_DECLS
