#!/usr/bin/env python3
"""Solve time of Descent against SciPy on the same problems, both in-process (no HTTP).

Descent's side runs through the bench jar (dev.descent.bench.SolveTime: the run loop a job uses,
single-threaded); SciPy's side runs here. Both sides solve each problem once cold and then
`--repeats` more times; the ratio is Descent's median over SciPy's median of the repeats.

1. L-BFGS on the Rosenbrock function in the chained form sum 100(x[i+1] - x[i]^2)^2 + (1 - x[i])^2
   (Descent's `rosenbrock` function and scipy.optimize.rosen), n = 1000, from (-1.2, 1, -1.2, ...):
   scipy.optimize.minimize(method='L-BFGS-B', jac=rosen_der) with maxcor = 10 and its default
   gtol = 1e-5, ftol = 2.22e-9 against Descent's lbfgs with history 10, gradientTolerance 1e-5
   (the same infinity norm; L-BFGS-B has no bounds here, so its projected gradient is the
   gradient) and functionTolerance 2.22e-9 (the same relative test on f).
2. Conjugate gradients on a 2000-variable SPD quadratic 1/2 x'Ax - b'x, A = Q diag(lambda) Q' with
   lambda log-spaced in [1, 1e4] (condition number 1e4) and Q the Q factor of a seeded Gaussian
   matrix, b Gaussian, x0 = 0: scipy.sparse.linalg.cg(A, b, rtol) on the dense array against
   Descent's linear-cg with tolerance rtol. Both are linear CG (Hestenes & Stiefel) on Ax = b and
   stop when ||b - Ax|| <= rtol ||b||, so their iterates agree up to rounding; minimize(method='CG')
   would be nonlinear CG with a line search, a different method from the one Descent runs on a
   quadratic.

BLAS threads are set to 1 by default (Descent's solves use one thread); --blas-threads changes it.

    ./mvnw -q -B -DskipTests install && (cd bench && ../mvnw -q -B package)
    python3 bench/scipy-comparison.py --repeats 7
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--jar", default=os.path.join(os.path.dirname(__file__), "target", "benchmarks.jar"))
parser.add_argument("--repeats", type=int, default=7)
parser.add_argument("--blas-threads", type=int, default=1)
parser.add_argument("--n-rosenbrock", type=int, default=1000)
parser.add_argument("--n-quadratic", type=int, default=2000)
args = parser.parse_args()

for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.blas_threads)

import numpy as np  # noqa: E402  (after the thread settings, which BLAS reads at load)
import scipy  # noqa: E402
from scipy.optimize import minimize, rosen, rosen_der  # noqa: E402
from scipy.sparse.linalg import cg  # noqa: E402

GTOL, FTOL, HISTORY = 1e-5, 2.220446049250313e-09, 10
RTOL = 1e-10


def timed(solve):
    """(cold ms, median ms, min ms, last result) of one cold and args.repeats more solves."""
    t0 = time.perf_counter()
    result = solve()
    cold = (time.perf_counter() - t0) * 1e3
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        result = solve()
        times.append((time.perf_counter() - t0) * 1e3)
    return cold, statistics.median(times), min(times), result


def descent(*case):
    # The vector kernels run where the JVM has the incubator module, as in the service (pom, Dockerfile).
    out = subprocess.run(["java", "--add-modules=jdk.incubator.vector", "-cp", args.jar, "dev.descent.bench.SolveTime", *map(str, case), str(args.repeats)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def row(name, ours, cold, median, fastest, iterations, evaluations, loss, gnorm, stop):
    print(f"{name}")
    print(f"  descent: cold {ours['coldMillis']:9.2f} ms  median {ours['medianMillis']:9.2f} ms  min {ours['minMillis']:9.2f} ms"
          f"  iterations {ours['iterations']:5d}  evaluations {ours['functionEvaluations']:5d}"
          f"  f {ours['loss']:.6e}  |g|inf {ours['gradientNormInf']:.3e}  ({ours['stopReason']})")
    print(f"  scipy:   cold {cold:9.2f} ms  median {median:9.2f} ms  min {fastest:9.2f} ms"
          f"  iterations {iterations:5d}  evaluations {evaluations:5d}  f {loss:.6e}  |g|inf {gnorm:.3e}  ({stop})")
    print(f"  descent / scipy (medians): {ours['medianMillis'] / median:.2f}")


print(f"numpy {np.__version__}, scipy {scipy.__version__}, BLAS threads {args.blas_threads}, repeats {args.repeats}")

# 1. L-BFGS on Rosenbrock.
n = args.n_rosenbrock
x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])
options = {"maxcor": HISTORY, "gtol": GTOL, "ftol": FTOL, "maxiter": 100000, "maxfun": 1000000}
cold, median, fastest, res = timed(lambda: minimize(rosen, x0, jac=rosen_der, method="L-BFGS-B", options=options))
ours = descent("rosenbrock", n, GTOL, FTOL, HISTORY)
row(f"L-BFGS, Rosenbrock n = {n} (m = {HISTORY}, gtol {GTOL:g}, ftol {FTOL:.3g})", ours, cold, median, fastest,
    res.nit, res.nfev, res.fun, np.max(np.abs(rosen_der(res.x))), res.message)

# 2. CG on an SPD quadratic with condition number 1e4.
n = args.n_quadratic
rng = np.random.default_rng(0)
q, _ = np.linalg.qr(rng.standard_normal((n, n)))
a = (q * np.logspace(0, 4, n)) @ q.T
a = (a + a.T) / 2
b = rng.standard_normal(n)
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "quadratic.bin")
    with open(path, "wb") as f:
        f.write(np.int64(n).astype("<i8").tobytes())
        f.write(np.ascontiguousarray(a, dtype="<f8").tobytes())
        f.write(np.ascontiguousarray(b, dtype="<f8").tobytes())
    ours = descent("cg", path, RTOL)

iterations = 0


def solve_cg():
    global iterations
    iterations = 0

    def count(_):
        global iterations
        iterations += 1

    return cg(a, b, rtol=RTOL, maxiter=100000, callback=count)


cold, median, fastest, (x, info) = timed(solve_cg)
row(f"CG, SPD quadratic n = {n}, condition number 1e4 (rtol {RTOL:g})", ours, cold, median, fastest,
    iterations, iterations + 1, 0.5 * x @ (a @ x) - b @ x, np.max(np.abs(a @ x - b)), f"info {info}")
sys.stdout.flush()
