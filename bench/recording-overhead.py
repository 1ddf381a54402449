#!/usr/bin/env python3
"""Trajectory recording overhead: the same 200,000-iteration run with every point recorded and with
only the first and last, on a freshly started jar with its embedded store. Runs alternate, so
machine noise hits both alike; the figure is the ratio of the medians of the runs' own elapsed time.

Usage: ./mvnw -q -DskipTests package && python3 bench/recording-overhead.py [pairs]
"""
import glob
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

PAIRS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
STEPS = 200_000


def request(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


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
    jar = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "target", "descent-*.jar")))[0]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    data = tempfile.mkdtemp(prefix="descent-bench-")
    proc = subprocess.Popen(["java", "-jar", jar, f"--server.port={port}", f"--descent.data-dir={data}",
                             "--descent.jobs.workers=1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if request("GET", base + "/actuator/health/readiness")["status"] == "UP":
                    break
            except OSError:
                time.sleep(0.1)
        for _ in range(3):  # warm-up
            run(base, 1)
            run(base, STEPS)
        recorded, bare = [], []
        for _ in range(PAIRS):
            recorded.append(run(base, 1))
            bare.append(run(base, STEPS))
        r, b = statistics.median(recorded), statistics.median(bare)
        print(f"{STEPS} iterations, 4 variables, gd: every point recorded {r:.1f} ms, "
              f"first and last only {b:.1f} ms (medians of {PAIRS}); overhead {100 * (r / b - 1):.1f}%")
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
