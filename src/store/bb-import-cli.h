/* bb-import-cli.h: the headless import and export of incidents, for stations that script their intake */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `beatbook --import FILE [--format F] [--crs EPSG:n] [--on-missing-position
 * keep|skip] [--date-order dmy|mdy] [--encoding E] [--dry-run]
 * STATION.beatbook`: imports with the automatic (or remembered) mapping
 * and prints the report.  @argv[0] is the program; @argv is not changed.
 * Returns the exit status: 0 when rows were imported (or every row was
 * already in the station) and for --help, 1 when nothing could be
 * imported or on any error. */
int bb_import_cli_run (int    argc,
                       char **argv);

/* `beatbook --export-incidents FILE.csv|FILE.geojson STATION.beatbook`:
 * writes every incident.  Returns the exit status (0 on success and for
 * --help). */
int bb_export_cli_run (int    argc,
                       char **argv);

G_END_DECLS
