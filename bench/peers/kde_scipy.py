#!/usr/bin/python3
# kde_scipy.py: the NumPy + SciPy peer of bench-analysis: the same heat map and Gi* grid, timed here.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads the points bench-analysis wrote (float64 x then float64 y, n each),
# bins them with numpy.histogram2d, smooths with scipy.ndimage.gaussian_filter
# (zero outside the grid, cut at 4 sigma, as Beatbook) and computes Gi* z on
# the counts with a disc-shaped distance band (scipy.ndimage.correlate).
# Writes both surfaces as float32 row by row (south row first) and prints one
# JSON line with the best time of each (and of the smoothing alone), in
# milliseconds.
#
# Run with Debian's /usr/bin/python3 (python3-numpy, python3-scipy).

import argparse
import json
import sys
import time

import numpy as np
from scipy import ndimage


def best_of(reps, fn):
    best = float("inf")
    result = None
    for _ in range(reps):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best * 1e3, result


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--points", required=True)
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--x0", type=float, required=True)
    ap.add_argument("--y0", type=float, required=True)
    ap.add_argument("--cell", type=float, required=True)
    ap.add_argument("--cols", type=int, required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--bandwidth", type=float, required=True, help="Gaussian sigma, metres")
    ap.add_argument("--distance", type=float, required=True, help="Gi* distance band, metres")
    ap.add_argument("--kde-out", required=True)
    ap.add_argument("--gistar-out", required=True)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()

    xy = np.fromfile(args.points, dtype=np.float64)
    if xy.size != 2 * args.n:
        sys.exit("kde_scipy.py: %s holds %d values, expected %d" % (args.points, xy.size, 2 * args.n))
    x, y = xy[: args.n], xy[args.n :]
    extent = ((args.y0, args.y0 + args.rows * args.cell), (args.x0, args.x0 + args.cols * args.cell))
    sigma = args.bandwidth / args.cell
    cell_km2 = args.cell * args.cell / 1e6

    def kde():
        counts, _, _ = np.histogram2d(y, x, bins=(args.rows, args.cols), range=extent)
        return ndimage.gaussian_filter(counts, sigma, mode="constant", cval=0.0, truncate=4.0) / cell_km2

    kde_ms, surface = best_of(args.reps, kde)

    # The same with the binning NumPy users write by hand when histogram2d
    # is too slow: cell indices and bincount.
    def kde_bincount():
        col = np.floor((x - args.x0) / args.cell).astype(np.int64)
        row = np.floor((y - args.y0) / args.cell).astype(np.int64)
        keep = (col >= 0) & (col < args.cols) & (row >= 0) & (row < args.rows)
        counts = np.bincount(row[keep] * args.cols + col[keep], minlength=args.rows * args.cols)
        counts = counts.reshape(args.rows, args.cols).astype(np.float64)
        return ndimage.gaussian_filter(counts, sigma, mode="constant", cval=0.0, truncate=4.0) / cell_km2

    kde_bincount_ms, _ = best_of(args.reps, kde_bincount)
    surface.astype(np.float32).tofile(args.kde_out)

    counts, _, _ = np.histogram2d(y, x, bins=(args.rows, args.cols), range=extent)
    smooth_ms, _ = best_of(args.reps, lambda: ndimage.gaussian_filter(
        counts, sigma, mode="constant", cval=0.0, truncate=4.0))
    r = int(args.distance / args.cell)
    dy, dx = np.mgrid[-r : r + 1, -r : r + 1]
    disc = ((dx * dx + dy * dy) * args.cell * args.cell <= args.distance * args.distance).astype(np.float64)

    def gistar():
        n = counts.size
        mean = counts.mean()
        s = counts.std()
        lag = ndimage.correlate(counts, disc, mode="constant", cval=0.0)
        w = ndimage.correlate(np.ones_like(counts), disc, mode="constant", cval=0.0)
        return (lag - mean * w) / (s * np.sqrt((n * w - w * w) / (n - 1)))

    gistar_ms, z = best_of(args.reps, gistar)
    z.astype(np.float32).tofile(args.gistar_out)

    print(json.dumps({
        "kde_ms": kde_ms,
        "smooth_ms": smooth_ms,
        "kde_bincount_ms": kde_bincount_ms,
        "gistar_ms": gistar_ms,
        "numpy": np.__version__,
        "scipy": __import__("scipy").__version__,
    }))


if __name__ == "__main__":
    main()
