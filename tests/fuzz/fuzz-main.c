/* fuzz-main.c: the libFuzzer entry point of one target (BB_FUZZ_TARGET names it) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz-targets.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A critical is a library's check failing on what Beatbook passed it: a
 * finding, as in the test suite.  GLib's own fatal criticals stop the
 * program with SIGTRAP, which libFuzzer does not catch; abort() makes it
 * keep the input. */
static GLogWriterOutput
abort_on_critical (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  GLogWriterOutput written = g_log_writer_default (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
  return written;
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Messages of rejected input are expected; they are not findings. */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  g_log_set_writer_func (abort_on_critical, NULL, NULL);
  bb_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return BB_FUZZ_TARGET (data, size);
}
