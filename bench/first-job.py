#!/usr/bin/env python3
"""The first job on a dataset in a freshly started service, against the same job run again: an L2
logistic regression (lbfgs) on generated dense data, with the data kernels' start-up warm-up
(descent.kernels.warm-up) on and off. The service runs with the Vector API module, as the image does.
Each setting gets its own fresh process; the figures are the jobs' own elapsed time and iterations.

Usage: ./mvnw -q -DskipTests package && python3 bench/first-job.py [rows] [columns] [rounds]
"""
import random
import sys
import time
import urllib.request

from descent_service import Service, request

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
COLUMNS = int(sys.argv[2]) if len(sys.argv) > 2 else 100
ROUNDS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
SETTLE_SECONDS = 3  # a service is seldom given a job the moment it is ready


def csv():
    rng = random.Random(7)
    w = [rng.gauss(0, 2 / COLUMNS ** 0.5) for _ in range(COLUMNS)]
    lines = [",".join(f"x{j}" for j in range(COLUMNS)) + ",y"]
    for _ in range(ROWS):
        x = [rng.gauss(0, 1) for _ in range(COLUMNS)]
        margin = sum(a * b for a, b in zip(w, x))
        lines.append(",".join(f"{v:.6f}" for v in x) + ("," + ("1" if rng.random() < 1 / (1 + 2.718281828 ** -margin) else "0")))
    return ("\n".join(lines) + "\n").encode()


def upload(base, body):
    req = urllib.request.Request(base + "/api/v1/datasets?name=first-job&label=y", data=body, method="POST",
                                 headers={"Content-Type": "text/csv"})
    with urllib.request.urlopen(req) as r:
        import json
        view = json.loads(r.read())
    while view["status"] == "LOADING":
        time.sleep(0.05)
        view = request("GET", base + "/api/v1/datasets/" + view["id"])
    assert view["status"] == "READY", view
    return view["id"]


def solve(base, dataset):
    job = {"problem": {"type": "logistic-regression", "dataset": dataset, "l2": 1e-4},
           "optimizer": {"type": "lbfgs"}, "stopping": {"gradientTolerance": 1e-9, "maxIterations": 1000}}
    view = request("POST", base + "/api/v1/jobs", job)
    while view["status"] in ("QUEUED", "RUNNING"):
        time.sleep(0.005)
        view = request("GET", base + "/api/v1/jobs/" + view["id"])
    assert view["status"] == "SUCCEEDED", view
    return view["progress"]["elapsedMillis"], view["result"]["iterations"]


def main():
    body = csv()
    print(f"{ROWS}×{COLUMNS} dense, {len(body) / 1e6:.0f} MB of CSV; lbfgs, l2 1e-4, gradient tolerance 1e-9")
    for r in range(ROUNDS):
        for warm in ("true", "false"):
            with Service("--descent.jobs.workers=1", f"--descent.kernels.warm-up={warm}",
                         jvm=("--add-modules=jdk.incubator.vector",)) as service:
                time.sleep(SETTLE_SECONDS)
                dataset = upload(service.base, body)
                first, iterations = solve(service.base, dataset)
                again, _ = solve(service.base, dataset)
                print(f"round {r + 1}, warm-up {warm:5}: first job {first:7.1f} ms, the same job again {again:7.1f} ms "
                      f"({iterations} iterations)")


if __name__ == "__main__":
    main()
