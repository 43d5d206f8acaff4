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

/* Where catalogues are looked for (LOCALEDIR by default); for tests. */
void        bb_render_set_locale_dir (const char *dir);

G_END_DECLS
