#!/usr/bin/env python3
"""Start-up time to ready and POST→SUCCEEDED latency of small jobs, against a freshly started jar.

Usage: ./mvnw -q -DskipTests package && python3 bench/service-latency.py [jobs]
Uses only the Python standard library. Prints one line per measured figure.
"""
import statistics
import sys
import time

from descent_service import Service, request

JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 300


def main():
    with Service() as service:
        base = service.base
        print(f"start-up to ready: {service.ready_seconds:.2f} s")
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


if __name__ == "__main__":
    main()
