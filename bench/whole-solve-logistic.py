#!/usr/bin/python3
"""Whole solve: L2 logistic regression (m = 100000, n = 100, lambda = 1e-4, unpenalized intercept)
by Descent's lbfgs against scikit-learn's lbfgs on the same data, in one script run.

The data are generated here from a fixed seed and written as little-endian float64 files that the
Java side (dev.descent.bench.WholeSolveLogistic in bench/target/benchmarks.jar, run with
--add-modules=jdk.incubator.vector as the service's image runs) reads, so both
solve exactly the same problem. scikit-learn runs with its thread pools as they come and limited to
one thread; Descent with one and two kernel threads; each solve is repeated and the minimum and
median reported (Descent's first solve, in a fresh JVM, is reported apart). Objectives:

  Descent:      f(w, b)  = (1/m) sum log(1 + exp(-y_i (w.x_i + b))) + (lambda/2) |w|^2
  scikit-learn: F(w, b)  = C sum log(1 + exp(-y_i (w.x_i + b)))     + (1/2) |w|^2,  C = 1/(m lambda)

F = f / lambda, so both have the same minimizer; neither penalizes the intercept. scikit-learn 1.2
hands SciPy's L-BFGS-B the objective F / C = sum log(...) + |w|^2 / (2C) = m f. The optimum f* is
computed independently by Newton's method in NumPy (gradient below 1e-13), and every solution is
scored by the same NumPy f: relative gap (f - f*)/f*, which must be at most 1e-8.

scikit-learn stops when its L-BFGS-B (SciPy) has |m grad f|_inf <= tol or its relative decrease falls
below 2.2e-9; Descent stops when |grad f|_inf <= gradientTolerance. Both are given the same
threshold on the mean-scaled gradient (tol = m * gradientTolerance, as SciPy sees m grad f).

Usage (from the repository root, with bench/target/benchmarks.jar built; /usr/bin/python3 is
Debian's interpreter, which has scikit-learn):
  /usr/bin/python3 bench/whole-solve-logistic.py [--repeats 5] [--gtol 1e-9] [--java java]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info, threadpool_limits

M, N, LAMBDA, SEED = 100_000, 100, 1e-4, 20261124


def data():
    rng = np.random.default_rng(SEED)
    x = rng.standard_normal((M, N))
    w = rng.standard_normal(N) / np.sqrt(N) * 2.0
    p = 1.0 / (1.0 + np.exp(-(x @ w + 0.5)))
    y = (rng.random(M) < p).astype(np.float64)
    return x, y


def objective(x, s, w, b):
    """Descent's f at (w, b); s = 2y - 1."""
    z = x @ w + b
    return np.mean(np.logaddexp(0.0, -s * z)) + 0.5 * LAMBDA * (w @ w)


def newton(x, s):
    """The optimum by Newton's method on [w, b] (an independent reference)."""
    a = np.hstack([x, np.ones((M, 1))])
    theta = np.zeros(N + 1)
    reg = np.full(N + 1, LAMBDA)
    reg[N] = 0.0
    for _ in range(50):
        z = a @ theta
        sig = 0.5 * (1.0 + np.tanh(0.5 * (-s * z)))  # sigma(-s z), stable
        g = a.T @ (-s * sig) / M + reg * theta
        if np.max(np.abs(g)) < 1e-13:
            break
        h = (a.T * (sig * (1.0 - sig))) @ a / M + np.diag(reg)
        theta -= np.linalg.solve(h, g)
    return theta[:N], theta[N]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--gtol", type=float, default=1e-9, help="threshold on |grad f|_inf, mean-scaled")
    ap.add_argument("--java", default="java")
    ap.add_argument("--jar", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "target", "benchmarks.jar"))
    args = ap.parse_args()

    x, y = data()
    s = 2.0 * y - 1.0
    w_star, b_star = newton(x, s)
    f_star = objective(x, s, w_star, b_star)
    print(f"data: {M}x{N}, seed {SEED}, positives {int(y.sum())}; lambda {LAMBDA}; f* = {f_star:.17g} (Newton)")
    print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}; thread pools: "
          + ", ".join(f"{p['internal_api']} {p['num_threads']}" for p in threadpool_info()))

    def gap(w, b):
        return (objective(x, s, w, b) - f_star) / f_star

    # scikit-learn: fit() timed whole (input checks included), repeats in one process, with its
    # thread pools as they come (OpenBLAS and OpenMP, one thread per core) and limited to one thread.
    c = 1.0 / (M * LAMBDA)
    results = {}
    sk_gap = 0.0
    for limit in (None, 1):
        times, iters = [], None
        with threadpool_limits(limits=limit):
            for _ in range(args.repeats):
                model = LogisticRegression(C=c, solver="lbfgs", tol=M * args.gtol, max_iter=10_000)
                t0 = time.perf_counter()
                model.fit(x, y)
                times.append(time.perf_counter() - t0)
                iters = int(model.n_iter_[0])
        sk_gap = max(sk_gap, gap(model.coef_[0], model.intercept_[0]))
        name = "scikit-learn" + (", 1 thread" if limit == 1 else ", default threads")
        print(f"{name} lbfgs tol={M * args.gtol:g}: {iters} iterations, times "
              + " ".join(f"{t:.3f}" for t in times) + f" s; min {min(times):.3f}, median {statistics.median(times):.3f} s; "
              + f"gap {gap(model.coef_[0], model.intercept_[0]):.2e}")
        results[name] = (min(times), statistics.median(times))

    with tempfile.TemporaryDirectory() as tmp:
        xf, yf, out = (os.path.join(tmp, f) for f in ("X.bin", "y.bin", "w.bin"))
        x.astype("<f8").tofile(xf)
        y.astype("<f8").tofile(yf)
        for threads in (1, 2):
            cmd = [args.java, "--add-modules=jdk.incubator.vector", "-cp", args.jar, "dev.descent.bench.WholeSolveLogistic", xf, yf, str(M), str(N),
                   repr(LAMBDA), repr(args.gtol), str(threads), str(args.repeats + 1), out]
            lines = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split("\n")
            runs = [line.split() for line in lines if line.strip()]
            times = [float(r[0]) for r in runs]
            theta = np.fromfile(out, dtype="<f8")
            d_gap = gap(theta[:N], theta[N])
            warm = times[1:]
            print(f"Descent lbfgs gradientTolerance={args.gtol:g}, {threads} thread(s): {runs[-1][1]} iterations, "
                  f"{runs[-1][2]} evaluations, stop {runs[-1][4]}; first (cold JVM) {times[0]:.3f} s, then "
                  + " ".join(f"{t:.3f}" for t in warm) + f" s; min {min(warm):.3f}, median {statistics.median(warm):.3f} s; "
                  + f"gap {d_gap:.2e}")
            results[f"Descent, {threads} thread(s)"] = (min(warm), statistics.median(warm))
            if d_gap > 1e-8:
                print("  (gap above 1e-8: not at the optimum)")
    if sk_gap > 1e-8:
        print("  scikit-learn's gap is above 1e-8: not at the optimum")
    base = results["scikit-learn, default threads"]
    print("times (min, median) and scikit-learn's (default threads) time divided by each:")
    for name, (low, mid) in results.items():
        print(f"  {name:34s} {low:.3f} s {mid:.3f} s   {base[0] / low:.2f}x {base[1] / mid:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
