#!/usr/bin/env python3
"""Start-up time to ready and POST→SUCCEEDED latency of small jobs, against a freshly started jar.

Usage: ./mvnw -q -DskipTests package && python3 bench/service-latency.py [jobs]
Uses only the Python standard library. Prints one line per measured figure.
"""
import json
import statistics
import subprocess
import sys
import time
import urllib.request
import glob
import os
import socket

JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 300


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def main():
    jar = sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "target", "descent-*.jar")))[0]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.monotonic()
    proc = subprocess.Popen(["java", "-jar", jar, f"--server.port={port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if request("GET", base + "/actuator/health/readiness")["status"] == "UP":
                    break
            except OSError:
                pass
            time.sleep(0.01)
        print(f"start-up to ready: {time.monotonic() - t0:.2f} s")
        job = {"problem": {"type": "quadratic", "diagonal": [1, 10], "b": [1, 1]},
               "optimizer": {"type": "gd", "learningRate": 0.05},
               "stopping": {"maxIterations": 100, "gradientTolerance": 0}}
        for _ in range(50):  # warm-up
            request("POST", base + "/api/v1/jobs", job)
        latencies = []
        for _ in range(JOBS):
            start = time.monotonic()
            view = request("POST", base + "/api/v1/jobs", job)
            while view["status"] in ("QUEUED", "RUNNING"):
                view = request("GET", base + "/api/v1/jobs/" + view["id"])
            latencies.append((time.monotonic() - start) * 1000)
        latencies.sort()
        print(f"POST→SUCCEEDED, 2 variables, 100 iterations, {JOBS} jobs one at a time: "
              f"median {statistics.median(latencies):.2f} ms, p99 {latencies[int(0.99 * len(latencies)) - 1]:.2f} ms")
    finally:
        proc.terminate()
        proc.wait(30)


if __name__ == "__main__":
    main()
