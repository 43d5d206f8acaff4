/* bb-render-cli.h: `beatbook --export`: any document written to PDF, PNG or SVG without a window, for stations that script their output */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses besides 0 (written) and 1 (nothing written: an error). */
#define BB_RENDER_CLI_EXIT_OVERFLOW 3   /* with --strict: written, but text did not fit */

/* `beatbook --export TEMPLATE --output FILE [--period 2026-Q3|2026-09]
 * [--district NAME] [--event ID|TITLE [--date YYYY-MM-DD]] [--officer NAME]
 * [--topic TOPIC] [--language xx] [--messages FILE] [--bleed]
 * [--min-count N] [--page N] [--dpi N] [--strict] STATION.beatbook`, and
 * `beatbook --export list`.  The format follows the output's name (.pdf,
 * .png, .svg); a PNG or SVG of a document of several pages is one file a
 * page (FILE-1.png, …) unless --page chooses one.  What a public document
 * left out and any text that did not fit are told on stderr.  @argv[0] is
 * the program; @argv is not changed.  Returns the exit status. */
int bb_render_cli_run (int    argc,
                       char **argv);

G_END_DECLS
