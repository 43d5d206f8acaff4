/* fuzz-main.c: the libFuzzer entry point of one target (BB_FUZZ_TARGET names it) */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "fuzz-targets.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* Messages of rejected input are expected; they are not findings. */
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  /* A critical is a library's check failing on what Beatbook passed it:
   * a finding, as in the test suite. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  bb_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return BB_FUZZ_TARGET (data, size);
}
