#!/usr/bin/env python3
"""Trajectory recording overhead: the same 200,000-iteration run with every point recorded and with
only the first and last, on a freshly started jar with its embedded store. Runs alternate, so
machine noise hits both alike; the figure is the ratio of the medians of the runs' own elapsed time.

Usage: ./mvnw -q -DskipTests package && python3 bench/recording-overhead.py [pairs] [warm-up pairs]
"""
import statistics
import sys
import time

from descent_service import Service, request

PAIRS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
WARMUP = int(sys.argv[2]) if len(sys.argv) > 2 else 3
STEPS = 200_000


def run(base, every):
    job = {"problem": {"type": "quadratic", "diagonal": [1, 2, 3, 4], "b": [1, 1, 1, 1]},
           "optimizer": {"type": "gd", "learningRate": 1e-4},
           "stopping": {"maxIterations": STEPS, "gradientTolerance": 0},
           "recording": {"every": every}}
    view = request("POST", base + "/api/v1/jobs", job)
    while view["status"] in ("QUEUED", "RUNNING"):
        time.sleep(0.01)
        view = request("GET", base + "/api/v1/jobs/" + view["id"])
    assert view["status"] == "SUCCEEDED", view
    return view["progress"]["elapsedMillis"]


def main():
    with Service("--descent.jobs.workers=1") as service:
        base = service.base
        for _ in range(WARMUP):
            run(base, 1)
            run(base, STEPS)
        recorded, bare = [], []
        for _ in range(PAIRS):
            recorded.append(run(base, 1))
            bare.append(run(base, STEPS))
        r, b = statistics.median(recorded), statistics.median(bare)
        print(f"{STEPS} iterations, 4 variables, gd: every point recorded {r:.1f} ms, "
              f"first and last only {b:.1f} ms (medians of {PAIRS}); overhead {100 * (r / b - 1):.1f}%")
        if PAIRS >= 10:
            for name, runs in (("every point", recorded), ("first and last", bare)):
                deciles = ", ".join(f"{q:.1f}" for q in statistics.quantiles(runs, n=10))
                print(f"  {name}: minimum {min(runs):.1f} ms, deciles {deciles} ms")


if __name__ == "__main__":
    main()
