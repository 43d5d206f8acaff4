/* bb-audit-cli.h: checking a station's audit log from the command line */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `beatbook --check-audit STATION.beatbook`: walks the audit log's hash
 * chain and says whether every line is as Beatbook wrote it, or names
 * the first line edited, deleted or added outside Beatbook.  Returns the
 * exit status: 0 when the chain is whole (and for --help), 1 when it is
 * broken, 2 when the station could not be read. */
int bb_audit_check_cli_run (int    argc,
                            char **argv);

G_END_DECLS
