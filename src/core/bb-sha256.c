/* bb-sha256.c: SHA-256 of a short message, with the processor's SHA instructions where it has them */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-sha256"

#include "config.h"

#include <string.h>

#include "bb-sha256.h"

/* The audit log seals every line with SHA-256 (bb-store-audit-chain.c):
 * a million imported incidents are a million digests of some 150 bytes,
 * and GLib's portable code spends most of a second on them.  Processors
 * with the SHA extensions (Intel since 2016–2021 depending on the line,
 * AMD since Zen) compute a block in a few dozen cycles.  The digest is
 * the same either way; GLib computes it wherever the instructions are
 * missing. */

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#ifdef HAVE_SHA_NI

static const guint32 round_constants[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* The 64-byte blocks of @data into @state (a, b, …, h), four rounds per
 * step; the message schedule is extended four words at a time, as the
 * instructions' documentation lays it out. */
__attribute__((target ("sha,sse4.1,ssse3")))
static void
compress_blocks (guint32       state[8],
                 const guint8 *data,
                 gsize         n_blocks)
{
  const __m128i byte_order = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i abef, cdgh, tmp;

  tmp = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[0]), 0xB1);    /* c d a b */
  cdgh = _mm_shuffle_epi32 (_mm_loadu_si128 ((const __m128i *) &state[4]), 0x1B);   /* e f g h */
  abef = _mm_alignr_epi8 (tmp, cdgh, 8);
  cdgh = _mm_blend_epi16 (cdgh, tmp, 0xF0);

  for (gsize b = 0; b < n_blocks; b++, data += 64)
    {
      __m128i abef_before = abef, cdgh_before = cdgh;
      __m128i w[4];

      for (int j = 0; j < 16; j++)
        {
          __m128i k;

          if (j < 4)
            w[j] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * j)), byte_order);
          k = _mm_add_epi32 (w[j & 3], _mm_loadu_si128 ((const __m128i *) &round_constants[4 * j]));
          cdgh = _mm_sha256rnds2_epu32 (cdgh, abef, k);
          /* the words of step j + 1: W[t-16] + σ0(W[t-15]) (msg1, two
           * steps ago) + W[t-7] + σ1(W[t-2]) */
          if (j >= 3 && j <= 14)
            {
              tmp = _mm_alignr_epi8 (w[j & 3], w[(j + 3) & 3], 4);
              w[(j + 1) & 3] = _mm_add_epi32 (w[(j + 1) & 3], tmp);
              w[(j + 1) & 3] = _mm_sha256msg2_epu32 (w[(j + 1) & 3], w[j & 3]);
            }
          k = _mm_shuffle_epi32 (k, 0x0E);
          abef = _mm_sha256rnds2_epu32 (abef, cdgh, k);
          if (j >= 1 && j <= 12)
            w[(j + 3) & 3] = _mm_sha256msg1_epu32 (w[(j + 3) & 3], w[j & 3]);
        }
      abef = _mm_add_epi32 (abef, abef_before);
      cdgh = _mm_add_epi32 (cdgh, cdgh_before);
    }

  tmp = _mm_shuffle_epi32 (abef, 0x1B);      /* f e b a */
  cdgh = _mm_shuffle_epi32 (cdgh, 0xB1);     /* d c h g */
  _mm_storeu_si128 ((__m128i *) &state[0], _mm_blend_epi16 (tmp, cdgh, 0xF0));   /* d c b a */
  _mm_storeu_si128 ((__m128i *) &state[4], _mm_alignr_epi8 (cdgh, tmp, 8));      /* h g f e */
}

static gboolean
detect_instructions (void)
{
  unsigned int eax, ebx, ecx, edx;

  if (!__get_cpuid (1, &eax, &ebx, &ecx, &edx) || !(ecx & bit_SSE4_1) || !(ecx & bit_SSSE3))
    return FALSE;
  if (!__get_cpuid_count (7, 0, &eax, &ebx, &ecx, &edx))
    return FALSE;
  return (ebx & bit_SHA) != 0;
}

#endif

gboolean
bb_sha256_has_instructions (void)
{
#ifdef HAVE_SHA_NI
  static gsize once = 0;
  static gboolean has;

  if (g_once_init_enter (&once))
    {
      has = detect_instructions () && g_getenv ("BB_SHA256_PORTABLE") == NULL;
      g_once_init_leave (&once, 1);
    }
  return has;
#else
  return FALSE;
#endif
}

void
bb_sha256 (const guint8 *data,
           gsize         length,
           guint8        digest[BB_SHA256_LEN])
{
  g_return_if_fail (data != NULL || length == 0);

#ifdef HAVE_SHA_NI
  if (bb_sha256_has_instructions ())
    {
      guint32 state[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
      };
      guint8 tail[128];
      gsize full = length / 64, rest = length % 64, tail_len;
      guint64 bits = (guint64) length * 8;

      compress_blocks (state, data, full);
      /* the last bytes, 0x80, zeros, and the length in bits, big endian */
      memset (tail, 0, sizeof tail);
      if (rest > 0)
        memcpy (tail, data + full * 64, rest);
      tail[rest] = 0x80;
      tail_len = rest + 1 + 8 <= 64 ? 64 : 128;
      for (int i = 0; i < 8; i++)
        tail[tail_len - 1 - i] = (guint8) (bits >> (8 * i));
      compress_blocks (state, tail, tail_len / 64);
      for (int i = 0; i < 8; i++)
        {
          digest[4 * i] = (guint8) (state[i] >> 24);
          digest[4 * i + 1] = (guint8) (state[i] >> 16);
          digest[4 * i + 2] = (guint8) (state[i] >> 8);
          digest[4 * i + 3] = (guint8) state[i];
        }
      return;
    }
#endif
  {
    /* one per thread, kept: a seal is computed for every audit line */
    static GPrivate sum_key = G_PRIVATE_INIT ((GDestroyNotify) g_checksum_free);
    GChecksum *sum = g_private_get (&sum_key);
    gsize len = BB_SHA256_LEN;

    if (sum == NULL)
      {
        sum = g_checksum_new (G_CHECKSUM_SHA256);
        g_private_set (&sum_key, sum);
      }
    else
      g_checksum_reset (sum);
    g_checksum_update (sum, data, length);
    g_checksum_get_digest (sum, digest, &len);
    g_assert (len == BB_SHA256_LEN);
  }
}
