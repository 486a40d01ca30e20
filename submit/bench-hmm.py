#!/usr/bin/python3
"""Single-node reference for io.sparkem.bench.HmmBench: pomegranate 0.14 (Debian's python3-pomegranate).

    submit/bench-hmm.py DIR PASSES [--sequences N] [--jobs J]

DIR is a data directory written by HmmBench (data.f64: S x T x d little-endian float64, the same
numbers as data.csv; truth.json; start.json: spark-em's start θ). Starts pomegranate's Gaussian HMM
(full covariances) from spark-em's start θ and runs PASSES - 1 Baum-Welch iterations (pomegranate
evaluates θ0 first, then one E-step per iteration: PASSES E-steps in all, as HmmBench's warm-up
plus timed passes). Prints seconds per iteration (median of pomegranate's own epoch durations)
and the log-likelihood after each iteration, to compare with HmmBench's trace. --sequences N uses
the first N sequences only (the time per iteration is then also scaled to all of them).
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
from pomegranate import HiddenMarkovModel, MultivariateGaussianDistribution


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("passes", type=int)
    ap.add_argument("--sequences", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    truth = json.load(open(os.path.join(a.dir, "truth.json")))
    start = json.load(open(os.path.join(a.dir, "start.json")))
    S, T, d, k = truth["sequences"], truth["length"], truth["d"], truth["k"]
    t0 = time.time()
    x = np.fromfile(os.path.join(a.dir, "data.f64"), dtype="<f8").reshape(S, T, d)
    use = a.sequences if a.sequences > 0 else S
    seqs = [np.ascontiguousarray(x[s]) for s in range(use)]
    load = time.time() - t0
    dists = [MultivariateGaussianDistribution(np.array(c["mean"]), np.array(c["covariance"]))
             for c in start["components"]]
    model = HiddenMarkovModel.from_matrix(np.array(start["transitions"]), dists, np.array(start["start"]))
    t0 = time.time()
    _, history = model.fit(seqs, max_iterations=a.passes - 1, min_iterations=a.passes - 1, stop_threshold=-1e300,
                           verbose=False, n_jobs=a.jobs, return_history=True, multiple_check_input=False)
    total = time.time() - t0
    per = statistics.median(history.epoch_durations)
    print("pomegranate %s, %d of %d sequences x %d steps, k=%d, d=%d, n_jobs=%d" % (
        __import__("pomegranate").__version__, use, S, T, k, d, a.jobs))
    print("load (np.fromfile + split): %.1f s" % load)
    print("initial log-likelihood (θ0): %.6f" % history.initial_log_probability)
    print("log-likelihood after each iteration (θ1, θ2, ...): %s" % history.log_probabilities)
    print("seconds per iteration: median %.3f of %s; fit total %.1f s" % (
        per, [round(v, 3) for v in history.epoch_durations], total))
    if use < S:
        print("scaled to all %d sequences: %.3f s per iteration" % (S, per * S / use))


if __name__ == "__main__":
    sys.exit(main())
