"""The service benchmarks' common part: start the freshly built jar on a free port with a data
directory of its own, wait until it is ready, call it, and stop it. Standard library only."""
import glob
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request


def request(method, url, body=None, raw=False):
    """One HTTP call with a JSON body; the answer parsed as JSON, or its text when raw."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        payload = r.read()
        return payload.decode() if raw else json.loads(payload or b"null")


class Service:
    """`with Service("--descent.jobs.workers=1") as s:` runs target/descent-*.jar (or the jar named by the
    environment variable DESCENT_JAR, to compare two builds) until the block ends. JVM options go in
    `jvm` (a sequence), before -jar. `s.base` is its URL, `s.proc` the process, `s.data` its data
    directory and `s.ready_seconds` the time from launch until /actuator/health/readiness answered UP."""

    def __init__(self, *arguments, jvm=()):
        jar = os.environ.get("DESCENT_JAR") or sorted(
            glob.glob(os.path.join(os.path.dirname(__file__), "..", "target", "descent-*.jar")))[0]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}"
        self.data = tempfile.mkdtemp(prefix="descent-bench-")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(["java", *jvm, "-jar", jar, f"--server.port={port}", f"--descent.data-dir={self.data}",
                                      *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    if request("GET", self.base + "/actuator/health/readiness")["status"] == "UP":
                        break
                except OSError:
                    pass
                time.sleep(0.01)
        except BaseException:
            self.close()
            raise
        self.ready_seconds = time.monotonic() - t0

    def close(self):
        self.proc.terminate()
        self.proc.wait(30)

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()
