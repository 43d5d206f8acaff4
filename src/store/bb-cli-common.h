/* bb-cli-common.h: what the headless commands share: parsing their options, help, progress */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "bb-import-values.h"

G_BEGIN_DECLS

/* The options every import from the command line takes, after its own. */
#define BB_CLI_IMPORT_ENTRIES(date_order, dry_run, quiet, help)                                    \
    { "date-order", 0, 0, G_OPTION_ARG_STRING, date_order,                                          \
      N_("Dates like 03/04/2024: dmy (day first) or mdy (month first)"), N_("dmy|mdy") },           \
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, dry_run, N_("Report what would be imported, change nothing"), NULL }, \
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, quiet, N_("Do not show progress"), NULL },               \
    { "help", 'h', 0, G_OPTION_ARG_NONE, help, N_("Show this help"), NULL },                      \
    { NULL }

/* Options of @entries, their help shown by the command itself (--help
 * is one of its options, so that it can print to standard output). */
GOptionContext *bb_cli_context_new (const char         *parameter,
                                    const GOptionEntry *entries);
/* "dmy" or "mdy" (or NULL, which leaves @order as it is). */
gboolean bb_cli_parse_date_order (const char   *text,
                                  BbDateOrder  *order,
                                  GError      **error);

/* Parses @argv (not changed) with @context; @remaining receives what is
 * left after the program's name (the station, usually). */
gboolean bb_cli_parse        (GOptionContext  *context,
                              int              argc,
                              char           **argv,
                              char          ***remaining,
                              GError         **error);
/* The start of an import from the command line: parses @argv with
 * @context (bb_cli_parse), then, unless --help was asked (*@help), asks
 * for the file (*@file, set by an option) and exactly one station in
 * @remaining, saying @missing (how to give them) when they are not
 * there.  TRUE when the command can go on (or print its help). */
gboolean bb_cli_import_start (GOptionContext  *context,
                              int              argc,
                              char           **argv,
                              char * const    *file,
                              const gboolean  *help,
                              const char      *missing,
                              char          ***remaining,
                              GError         **error);
/* Prints the context's help to standard output; returns 0, the status. */
int      bb_cli_print_help   (GOptionContext  *context);
/* A progress callback that prints every tenth percent to standard error;
 * @data points to an int that starts at 0. */
void     bb_cli_progress_cb  (double           fraction,
                              gpointer         data);
/* Prints @error to standard error, with @help_hint (ending in a newline) when the
 * options were wrong; returns 1, the status. */
int      bb_cli_fail         (const GError    *error,
                              const char      *help_hint);

G_END_DECLS
