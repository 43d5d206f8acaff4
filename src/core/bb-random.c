/* bb-random.c: a small seeded pseudo-random generator (xoshiro256**) for reproducible data */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-random"

#include "config.h"

#include <math.h>

#include "bb-random.h"

/* splitmix64 and xoshiro256** by Sebastiano Vigna and David Blackman
 * (public domain reference code, https://prng.di.unimi.it/). */

guint64
bb_random_splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

void
bb_random_init (BbRandom *self,
                guint64   seed)
{
  guint64 state = seed;

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < 4; i++)
    self->s[i] = bb_random_splitmix64 (&state);
}

void
bb_random_init_stream (BbRandom   *self,
                       guint64     seed,
                       const char *stream)
{
  /* FNV-1a of the name: stable across platforms, unlike g_str_hash's
   * documented freedom to change. */
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  g_return_if_fail (stream != NULL);

  for (const guchar *p = (const guchar *) stream; *p; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
  bb_random_init (self, seed ^ h);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

guint64
bb_random_next (BbRandom *self)
{
  guint64 *s = self->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

double
bb_random_double (BbRandom *self)
{
  return (bb_random_next (self) >> 11) * 0x1.0p-53;
}

double
bb_random_uniform (BbRandom *self,
                   double    low,
                   double    high)
{
  return low + (high - low) * bb_random_double (self);
}

gint64
bb_random_int_range (BbRandom *self,
                     gint64    begin,
                     gint64    end)
{
  guint64 range, limit, x;

  g_return_val_if_fail (end > begin, begin);

  /* Rejection keeps every value equally likely. */
  range = (guint64) (end - begin);
  limit = G_MAXUINT64 - G_MAXUINT64 % range;
  do
    x = bb_random_next (self);
  while (x >= limit);
  return begin + (gint64) (x % range);
}

gboolean
bb_random_chance (BbRandom *self,
                  double    probability)
{
  return bb_random_double (self) < probability;
}

double
bb_random_normal (BbRandom *self,
                  double    mean,
                  double    sd)
{
  /* Box–Muller; one value per call keeps the stream simple to reason
   * about. */
  double u1 = 1.0 - bb_random_double (self);
  double u2 = bb_random_double (self);

  return mean + sd * sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);
}

guint
bb_random_poisson (BbRandom *self,
                   double    lambda)
{
  if (lambda <= 0)
    return 0;

  if (lambda < 30)
    {
      /* Knuth's product of uniforms. */
      double limit = exp (-lambda);
      double p = bb_random_double (self);
      guint k = 0;

      while (p > limit)
        {
          k++;
          p *= bb_random_double (self);
        }
      return k;
    }
  else
    {
      double x = floor (bb_random_normal (self, lambda, sqrt (lambda)) + 0.5);

      return x < 0 ? 0 : (guint) x;
    }
}

gsize
bb_random_weighted (BbRandom     *self,
                    const double *weights,
                    gsize         n)
{
  double total = 0, target;

  g_return_val_if_fail (weights != NULL && n > 0, 0);

  for (gsize i = 0; i < n; i++)
    total += weights[i];
  target = bb_random_double (self) * total;
  for (gsize i = 0; i < n; i++)
    {
      if (target < weights[i])
        return i;
      target -= weights[i];
    }
  /* Rounding can leave target just above the last weight. */
  for (gsize i = n; i > 0; i--)
    if (weights[i - 1] > 0)
      return i - 1;
  return n - 1;
}

gsize
bb_random_cumulative (BbRandom     *self,
                      const double *cumulative,
                      gsize         n)
{
  double target;
  gsize low = 0, high;

  g_return_val_if_fail (cumulative != NULL && n > 0, 0);

  target = bb_random_double (self) * cumulative[n - 1];
  high = n - 1;
  while (low < high)
    {
      gsize mid = (low + high) / 2;

      if (cumulative[mid] > target)
        high = mid;
      else
        low = mid + 1;
    }
  return low;
}

void
bb_random_uuid (BbRandom *self,
                char      out[BB_UUID_STRING_LEN])
{
  static const char hex[] = "0123456789abcdef";
  guint8 bytes[16];
  guint64 a = bb_random_next (self);
  guint64 b = bb_random_next (self);
  guint j = 0;

  for (guint i = 0; i < 8; i++)
    {
      bytes[i] = (guint8) (a >> (8 * i));
      bytes[8 + i] = (guint8) (b >> (8 * i));
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40; /* version 4 */
  bytes[8] = (bytes[8] & 0x3f) | 0x80; /* RFC 4122 variant */

  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        out[j++] = '-';
      out[j++] = hex[bytes[i] >> 4];
      out[j++] = hex[bytes[i] & 0x0f];
    }
  out[j] = '\0';
}

char *
bb_random_dup_uuid (BbRandom *self)
{
  char buf[BB_UUID_STRING_LEN];

  bb_random_uuid (self, buf);
  return g_strdup (buf);
}
