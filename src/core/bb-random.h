/* bb-random.h: a small seeded pseudo-random generator (xoshiro256**) for reproducible data */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The same seed gives the same sequence on every machine: demo data,
 * Monte Carlo permutations and tests depend on it.  Not for secrets. */
typedef struct {
  guint64 s[4];
} BbRandom;

#define BB_UUID_STRING_LEN 37 /* 36 characters and the terminating nul */

guint64  bb_random_splitmix64     (guint64        *state);

void     bb_random_init           (BbRandom       *self,
                                   guint64         seed);
/* Seeds @self from @seed and a stream name, so that independent parts of
 * a generator keep their sequences when another part changes. */
void     bb_random_init_stream    (BbRandom       *self,
                                   guint64         seed,
                                   const char     *stream);

guint64  bb_random_next           (BbRandom       *self);
/* Uniform in [0, 1). */
double   bb_random_double         (BbRandom       *self);
/* Uniform in [@low, @high). */
double   bb_random_uniform        (BbRandom       *self,
                                   double          low,
                                   double          high);
/* Uniform integer in [@begin, @end); @end > @begin. */
gint64   bb_random_int_range      (BbRandom       *self,
                                   gint64          begin,
                                   gint64          end);
gboolean bb_random_chance         (BbRandom       *self,
                                   double          probability);
double   bb_random_normal         (BbRandom       *self,
                                   double          mean,
                                   double          sd);
guint    bb_random_poisson        (BbRandom       *self,
                                   double          lambda);
/* An index into @weights (non-negative, not all zero), chosen in
 * proportion to its weight; linear in @n. */
gsize    bb_random_weighted       (BbRandom       *self,
                                   const double   *weights,
                                   gsize           n);
/* The same from running sums (cumulative[i] = w0 + … + wi), in log(n). */
gsize    bb_random_cumulative     (BbRandom       *self,
                                   const double   *cumulative,
                                   gsize           n);
/* An RFC 4122 version 4 UUID, lower case, written into @out. */
void     bb_random_uuid           (BbRandom       *self,
                                   char            out[BB_UUID_STRING_LEN]);
char    *bb_random_dup_uuid       (BbRandom       *self);

/* Picks one of @n elements of @array. */
#define bb_random_pick(self, array, n) ((array)[bb_random_int_range ((self), 0, (n))])

G_END_DECLS
