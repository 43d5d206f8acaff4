/* bb-ical-private.h: what the iCalendar import and export share */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libical/ical.h>

#include "bb-store.h"

G_BEGIN_DECLS

gboolean      bb_ical_is_utc_name  (const char  *tzid);
/* A zone of the tz database by the names calendars give it, plain or
 * behind a vendor prefix; @iana gets the plain name. */
icaltimezone *bb_ical_builtin_zone (const char  *name,
                                    const char **iana);
/* Two columns of a query as a table (first → second). */
GHashTable   *bb_ical_read_pairs   (BbStore     *store,
                                    const char  *sql,
                                    GError     **error);

G_END_DECLS
