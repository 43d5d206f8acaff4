/* bb-bundle-cli.h: writing and importing bundles from the command line, for stations that script their exchange */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `beatbook --export-bundle FILE [--to STATION] [--everything]
 * [--headquarters] [--include-restricted] STATION.beatbook`: writes the
 * changes since the last bundle for STATION (a peer's name or id), or
 * everything for any station.  Returns the exit status. */
int bb_bundle_export_cli_run (int    argc,
                              char **argv);

/* `beatbook --import-bundle FILE|FOLDER [--dry-run] STATION.beatbook`:
 * applies a bundle, or every bundle of a folder not applied yet in the
 * order they were written, and prints what each did.  Returns 0 when all
 * applied (or were already), 1 otherwise. */
int bb_bundle_import_cli_run (int    argc,
                              char **argv);

G_END_DECLS
