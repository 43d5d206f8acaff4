/* bb-sha256.h: SHA-256 of a short message, with the processor's SHA instructions where it has them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_SHA256_LEN 32

void     bb_sha256                 (const guint8 *data,
                                    gsize         length,
                                    guint8        digest[BB_SHA256_LEN]);
gboolean bb_sha256_has_instructions (void);

G_END_DECLS
