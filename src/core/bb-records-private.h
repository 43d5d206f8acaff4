/* bb-records-private.h: what the records' generic handling and their kinds share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-records.h"

G_BEGIN_DECLS

/* Sets @error to BB_RECORD_ERROR_INVALID with the message @format. */
void     bb_record_set_invalid (GError     **error,
                                const char  *format,
                                ...) G_GNUC_PRINTF (2, 3);
/* "2026-12-03 22:40 UTC" */
char    *bb_record_format_time (gint64       seconds);
/* NULL, empty or only white space */
gboolean bb_record_is_blank    (const char  *s);

G_END_DECLS
