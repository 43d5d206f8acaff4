/* test-sha256.c: SHA-256 against published digests and GLib's, with and without the SHA instructions */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "bb-sha256.h"

static char *
hex (const guint8 digest[BB_SHA256_LEN])
{
  GString *s = g_string_new (NULL);

  for (int i = 0; i < BB_SHA256_LEN; i++)
    g_string_append_printf (s, "%02x", digest[i]);
  return g_string_free (s, FALSE);
}

/* FIPS 180-2, appendix B, and the empty message */
static void
test_known_digests (void)
{
  static const struct { const char *text; const char *digest; } known[] = {
    { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
    { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
  };
  guint8 digest[BB_SHA256_LEN];

  g_test_message ("the processor's SHA instructions: %s", bb_sha256_has_instructions () ? "used" : "not available");
  for (gsize i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *got = NULL;

      bb_sha256 ((const guint8 *) known[i].text, strlen (known[i].text), digest);
      got = hex (digest);
      g_assert_cmpstr (got, ==, known[i].digest);
    }
}

/* Every length up to three blocks and then some, each padding case, as
 * GLib computes them. */
static void
test_as_glib (void)
{
  guint8 data[300];
  guint32 x = 12345;

  for (gsize i = 0; i < sizeof data; i++)
    {
      x = x * 1103515245 + 12345;
      data[i] = (guint8) (x >> 16);
    }
  for (gsize len = 0; len <= sizeof data; len++)
    {
      guint8 digest[BB_SHA256_LEN];
      g_autofree char *got = NULL;
      g_autofree char *expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);

      bb_sha256 (data, len, digest);
      got = hex (digest);
      g_assert_cmpstr (got, ==, expected);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sha256/known-digests", test_known_digests);
  g_test_add_func ("/sha256/as-glib", test_as_glib);

  return g_test_run ();
}
