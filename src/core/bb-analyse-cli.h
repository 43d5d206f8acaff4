/* bb-analyse-cli.h: the headless analyses: a plain CSV in, a CSV of results out */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BB_ANALYSE_CLI_ERROR (bb_analyse_cli_error_quark ())

typedef enum {
  BB_ANALYSE_CLI_ERROR_OPTION,   /* a missing or bad option */
  BB_ANALYSE_CLI_ERROR_INPUT,    /* the input file cannot be read or has a bad row */
  BB_ANALYSE_CLI_ERROR_OUTPUT,   /* the output file cannot be written */
} BbAnalyseCliError;

GQuark   bb_analyse_cli_error_quark (void);

/* `beatbook --analyse kde|gistar|knox|trend --input FILE.csv --output
 * FILE.csv [options]`: parses @argv (argv[0] is the program; the
 * arguments are not changed), runs the analysis and writes the result.
 * Messages go to standard error, a summary to standard output (to
 * standard error when the output is "-").  Returns the exit status: 0 on
 * success and for --help, 1 on any error. */
int      bb_analyse_cli_run         (int            argc,
                                     char         **argv);

/* The same, with the error returned rather than printed.  Any analysis
 * error (BB_ANALYSIS_ERROR) is passed on as it is. */
gboolean bb_analyse_cli_execute     (int            argc,
                                     char         **argv,
                                     GError       **error);

G_END_DECLS
