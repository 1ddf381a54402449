#!/usr/bin/env python3
"""Memory of finished jobs and of recorded points, on a freshly started jar with its embedded store.

Heap is read from /actuator/prometheus (jvm_memory_used_bytes, area="heap") right after a full GC
requested with `jcmd <pid> GC.run`; disk is the size of the data directory (the H2 file), measured
after the store has written everything out. Three figures:
  - heap and disk per idle finished job (tiny jobs, 100 iterations, trajectory of 101 points);
  - heap and disk per 10^6 recorded points (one run of 10^6 iterations, every point recorded, x of 2);
  - the heap held while that run records, sampled during the run (bounded by the open chunk buffer),
    and 95 s after it, once the pool of reusable trajectory blocks has let them go.

Usage: ./mvnw -q -DskipTests package && python3 bench/service-memory.py [jobs]
"""
import os
import re
import subprocess
import sys
import time

from descent_service import Service, request

JOBS = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
POINTS = 1_000_000


def heap(base, pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, stdout=subprocess.DEVNULL)
    time.sleep(0.5)
    text = request("GET", base + "/actuator/prometheus", raw=True)
    return sum(float(v) for v in re.findall(r'^jvm_memory_used_bytes\{[^}]*area="heap"[^}]*\} (\S+)$', text, re.M))


def disk(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def wait(base, job_id):
    while True:
        view = request("GET", f"{base}/api/v1/jobs/{job_id}")
        if view["status"] not in ("QUEUED", "RUNNING"):
            assert view["status"] == "SUCCEEDED", view
            return view
        time.sleep(0.01)


def settle(base, pid, data):
    """Heap after GC and disk once the sizes stop changing (the store writes chunks behind the run)."""
    last = -1
    while True:
        time.sleep(1.0)
        size = disk(data)
        if size == last:
            return heap(base, pid), size
        last = size


def main():
    with Service() as service:
        base, proc, data = service.base, service.proc, service.data
        tiny = {"problem": {"type": "quadratic", "diagonal": [1, 3], "b": [1, 1]},
                "optimizer": {"type": "gd", "learningRate": 0.1},
                "stopping": {"maxIterations": 100, "gradientTolerance": 0}}
        for _ in range(200):  # warm-up: classes loaded, pools filled
            wait(base, request("POST", base + "/api/v1/jobs", tiny)["id"])
        heap0, disk0 = settle(base, proc.pid, data)
        ids = [request("POST", base + "/api/v1/jobs", tiny)["id"] for _ in range(JOBS)]
        for job_id in ids[-50:]:
            wait(base, job_id)
        for job_id in ids[::97]:
            wait(base, job_id)
        heap1, disk1 = settle(base, proc.pid, data)
        print(f"{JOBS} finished jobs (100 iterations, 101 points each): heap {(heap1 - heap0) / JOBS:.0f} B/job, "
              f"disk {(disk1 - disk0) / JOBS:.0f} B/job")

        long_run = {"problem": {"type": "quadratic", "diagonal": [1, 3], "b": [1, 1]},
                    "optimizer": {"type": "gd", "learningRate": 1e-6},
                    "stopping": {"maxIterations": POINTS - 1, "gradientTolerance": 0},  # points 0 … 10^6 − 1
                    "recording": {"every": 1, "includePoint": True}}
        job_id = request("POST", base + "/api/v1/jobs", long_run)["id"]
        during = []
        while request("GET", f"{base}/api/v1/jobs/{job_id}")["status"] in ("QUEUED", "RUNNING"):
            during.append(heap(base, proc.pid) - heap1)
        wait(base, job_id)
        heap2, disk2 = settle(base, proc.pid, data)
        print(f"{POINTS} recorded points (x of 2): heap {heap2 - heap1:.0f} B in all after the run, "
              f"disk {(disk2 - disk1) / POINTS:.1f} B/point ({(disk2 - disk1) / 2**20:.1f} MiB); "
              f"heap while recording, after GC, at most {max(during, default=0) / 2**20:.1f} MiB over idle "
              f"({len(during)} samples)")
        # Reusable trajectory blocks (at most 16 MiB) are let go once no run has taken one for a minute.
        time.sleep(95)
        print(f"  heap {heap(base, proc.pid) - heap1:.0f} B in all 95 s after the run, once the idle block pool has emptied")


if __name__ == "__main__":
    main()
