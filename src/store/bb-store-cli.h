/* bb-store-cli.h: opening a station from the command line, with its passphrase */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "bb-store.h"

G_BEGIN_DECLS

/* The option every headless command that opens a station takes. */
#define BB_STORE_CLI_PASSPHRASE_OPTION(target)                                                              \
  { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, (target),                                               \
    N_("For a station with a passphrase: the file whose first line is it (else it is asked for on the "     \
       "terminal)"), N_("FILE") }

/* The first line of @path: a passphrase given to a script without putting
 * it on the command line, where other users could see it. */
char    *bb_store_cli_read_passphrase (const char  *path,
                                       GError     **error);

/* Opens the station at @path for a headless command.  A station with a
 * passphrase needs it before anything is read or changed: from
 * @passphrase_file, else typed at the terminal (not shown) when standard
 * input is one; otherwise it is refused with
 * BB_STORE_ERROR_WRONG_PASSPHRASE, as it is for a wrong passphrase, and
 * the file is not changed. */
BbStore *bb_store_cli_open            (const char  *path,
                                       const char  *passphrase_file,
                                       GError     **error);

G_END_DECLS
