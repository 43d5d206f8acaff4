#!/usr/bin/python3
# emerging_numpy.py: the NumPy + SciPy peer of bench-analysis's emerging hot spots: Gi* of every slice, the Mann–Kendall test per cell and the patterns, timed here.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the slices' counts bench-analysis wrote (float32, slice by slice,
# each row by row), computes each slice's Gi* z with the disc-shaped
# distance band (scipy.ndimage.correlate, as kde_scipy.py), then for every
# cell at once the Mann–Kendall S, its variance with the correction for
# ties and Z with the continuity correction (vectorised over the cells, a
# loop over the slices' pairs), and the patterns as Beatbook names them
# (hot or cold at 95 %, the last half of the slices as "recent").
# Writes the Mann–Kendall Z (float32) and the patterns (uint8) and prints
# one JSON line with the best times in milliseconds.
#
# Run with Debian's /usr/bin/python3 (python3-numpy, python3-scipy).

import argparse
import json
import time

import numpy as np
from scipy import ndimage, special


def best_of(reps, fn):
    best = float("inf")
    result = None
    for _ in range(reps):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best * 1e3, result


def mann_kendall(z):
    n = z.shape[0]
    s = np.zeros(z.shape[1:], dtype=np.float64)
    for i in range(n - 1):
        for j in range(i + 1, n):
            s += np.sign(z[j] - z[i])
    # Each value of a group of t equal ones adds (t - 1)(2t + 5): the group
    # t(t - 1)(2t + 5).
    ties = np.zeros_like(s)
    for i in range(n):
        t = (z == z[i]).sum(axis=0).astype(np.float64)
        ties += (t - 1) * (2 * t + 5)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18.0
    with np.errstate(invalid="ignore", divide="ignore"):
        zz = np.where((var > 0) & (s != 0), (s - np.sign(s)) / np.sqrt(var), 0.0)
    return zz


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--counts", required=True)
    ap.add_argument("--slices", type=int, required=True)
    ap.add_argument("--cols", type=int, required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--cell", type=float, required=True)
    ap.add_argument("--distance", type=float, required=True)
    ap.add_argument("--mk-out", required=True)
    ap.add_argument("--patterns-out", required=True)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    counts = np.fromfile(args.counts, dtype=np.float32).astype(np.float64)
    counts = counts.reshape(args.slices, args.rows, args.cols)
    r = int(args.distance / args.cell)
    dy, dx = np.mgrid[-r : r + 1, -r : r + 1]
    disc = ((dx * dx + dy * dy) * args.cell * args.cell <= args.distance * args.distance).astype(np.float64)
    w = ndimage.correlate(np.ones((args.rows, args.cols)), disc, mode="constant", cval=0.0)
    n_cells = args.rows * args.cols
    zcrit = special.ndtri(1 - 0.05 / 2)

    def gistar(c):
        mean = c.mean()
        sd = c.std()
        if sd == 0:
            return np.zeros_like(c)
        lag = ndimage.correlate(c, disc, mode="constant", cval=0.0)
        return (lag - mean * w) / (sd * np.sqrt((n_cells * w - w * w) / (n_cells - 1)))

    def emerging():
        z = np.stack([gistar(counts[k]) for k in range(args.slices)]).astype(np.float32)
        mk = mann_kendall(z)
        p = special.erfc(np.abs(mk) / np.sqrt(2))
        n = args.slices
        n_recent = max(2, n // 2)
        patterns = np.zeros((args.rows, args.cols), dtype=np.uint8)
        for sign, base in ((1, 1), (-1, 6)):
            sig = (z * sign) >= zcrit
            last = sig[-1]
            before = sig[:-1].sum(axis=0)
            recent = sig[-n_recent:].sum(axis=0)
            free = patterns == 0
            trend = p <= 0.05
            new = last & (before == 0)
            sporadic = last & (before > 0) & (2 * recent <= n_recent)
            rest = last & (before > 0) & (2 * recent > n_recent)
            patterns[free & new] = base
            patterns[free & sporadic] = base + 4
            patterns[free & rest & trend & (mk * sign > 0)] = base + 1
            patterns[free & rest & trend & (mk * sign < 0)] = base + 3
            patterns[free & rest & ~trend] = base + 2
        return z, mk, patterns

    emerging_ms, (z, mk, patterns) = best_of(args.reps, emerging)
    mk_ms, _ = best_of(args.reps, lambda: mann_kendall(z))
    mk.astype(np.float32).tofile(args.mk_out)
    patterns.tofile(args.patterns_out)
    print(json.dumps({"emerging_ms": emerging_ms, "mk_ms": mk_ms, "numpy": np.__version__}))


if __name__ == "__main__":
    main()
