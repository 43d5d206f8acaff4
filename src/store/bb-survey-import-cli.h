/* bb-survey-import-cli.h: the headless import of survey responses and published survey tables */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `beatbook --import-survey FILE.csv [--survey NAME|ID] [--published
 * [--source NAME]] [--date-order dmy|mdy] [--dry-run] [--quiet]
 * STATION.beatbook`: imports a KoBoToolbox/ODK export into a survey (the
 * one named, or the newest round) or, with --published, a long-form table
 * of published figures, with the automatic (or remembered) mapping, and
 * prints the report the import dialog shows.  @argv is not changed.
 * Returns the exit status: 0 when at least one row was imported (or, in
 * a dry run, would be) and for --help; 1 when nothing was imported or on
 * any error. */
int bb_survey_import_cli_run (int    argc,
                              char **argv);

G_END_DECLS
