"""Start `amity serve` on a fresh SQLite data directory and report how long it takes to answer,
and the resident memory of the server, its web worker and its task worker when idle.

    python benchmarks/serve_startup.py [--demo] [--contacts N] [--runs 3]

Prints one JSON line per figure: {"name", "n", "seconds" | "mib", ...}.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total_kib, stack = 0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


def one_run(demo: bool, contacts: int, idle_seconds: float) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
        env |= {"AMITY_DATA_DIR": data, "AMITY_ADMIN_PASSWORD": "benchmark-only-password"}
        port = free_port()
        args = [sys.executable, "-m", "amity", "serve", "--port", str(port)]
        if demo:
            args += ["--demo", "--contacts", str(contacts)]
        started = time.perf_counter()
        server = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while True:
                try:
                    url = f"http://127.0.0.1:{port}/api/v1/health"
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if server.poll() is not None:
                        raise SystemExit("amity serve exited before answering") from None
                    time.sleep(0.05)
            ready = time.perf_counter() - started
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5).read()
            time.sleep(idle_seconds)
            rss = tree_rss_mib(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return ready, rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle", type=float, default=5.0)
    options = parser.parse_args()
    readies, rsses = [], []
    for _ in range(options.runs):
        ready, rss = one_run(options.demo, options.contacts, options.idle)
        readies.append(ready)
        rsses.append(rss)
    label = "serve_demo" if options.demo else "serve"
    print(
        json.dumps(
            {
                "name": f"{label}_ready",
                "n": options.runs,
                "seconds": round(sorted(readies)[len(readies) // 2], 2),
                "min": round(min(readies), 2),
                "max": round(max(readies), 2),
            }
        )
    )
    print(
        json.dumps(
            {
                "name": f"{label}_idle_rss",
                "n": options.runs,
                "mib": round(sorted(rsses)[len(rsses) // 2], 1),
            }
        )
    )


if __name__ == "__main__":
    main()
