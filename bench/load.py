"""Bounded load test of the dashboard API (`detente serve`) on loopback.

    python bench/load.py --db detente.duckdb                 # 50 clients, 30 s
    python bench/load.py --db store.duckdb --clients 10 --seconds 3 --json /tmp/load.json

Starts `detente serve` (python -m detente.view_cli serve) on a free 127.0.0.1 port, warms every
endpoint once, runs the same concurrent load for --warmup seconds (not counted: it fills the
server's thread pool), then runs N client threads (one httpx.Client each, keep-alive) for S seconds
against the dyad and event API: /api/dyads, /api/dyads/{a}/{b}/events|series|phases,
/api/events/{id}, /api/network. Reports requests, errors (any non-2xx status or transport
error), p50/p99/max latency, and the server process's RSS (VmRSS from /proc/PID/status) after
the warm-up, once a second, and at the end, with the slope of those samples (MB/min). Writes nothing except --json. Linux only (reads /proc).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx


def rss_kb(pid: int) -> int:
    """Resident set size of process `pid` in KiB (VmRSS in /proc/PID/status)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str | Path, port: int) -> subprocess.Popen:
    """`detente serve` on 127.0.0.1:`port`, returned once /api/meta answers."""
    proc = subprocess.Popen([sys.executable, "-m", "detente.view_cli", "serve", "--db", str(db),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def _targets(base: str) -> list[str]:
    """API paths to request: every listed dyad's events/series/phases, some event ids, network."""
    dyads = httpx.get(base + "/api/dyads", params={"limit": 20}, timeout=30).json()
    paths = ["/api/dyads", "/api/network", "/api/dyads?q=R"]
    ids: list[int] = []
    for d in dyads:
        a, b = d["a"], d["b"]
        paths += [f"/api/dyads/{a}/{b}/events", f"/api/dyads/{a}/{b}/events?limit=50&quad=1",
                  f"/api/dyads/{a}/{b}/series", f"/api/dyads/{a}/{b}/series?by=month",
                  f"/api/dyads/{a}/{b}/phases"]
        events = httpx.get(f"{base}/api/dyads/{a}/{b}/events", params={"limit": 20}, timeout=30).json()
        ids += [e["event_id"] for e in events["events"]]
    paths += [f"/api/events/{i}" for i in ids[:200]]
    return paths


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    k = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[k]


def _burst(base: str, paths: list[str], clients: int, seconds: float, seed: int,
           pid: int | None = None) -> tuple[list[float], list[str], list[int], float]:
    """`clients` threads, each with its own connection, request random `paths` for `seconds`.
    Returns (latencies, errors, RSS samples of `pid` once a second, elapsed seconds)."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[list[str]] = [[] for _ in range(clients)]
    barrier = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        rng = random.Random(seed * 1000 + i)
        with httpx.Client(base_url=base, timeout=30) as c:
            barrier.wait()
            while time.monotonic() < stop_at[0]:
                path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    r = c.get(path)
                    if r.status_code >= 300:
                        errors[i].append(f"{r.status_code} {path}")
                except httpx.HTTPError as exc:
                    errors[i].append(f"{type(exc).__name__} {path}")
                latencies[i].append(time.perf_counter() - t0)

    samples: list[int] = []

    def sampler() -> None:  # RSS once a second: growth vs a plateau
        while time.monotonic() < stop_at[0]:
            samples.append(rss_kb(pid))
            time.sleep(1.0)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.monotonic() + seconds
    t0 = time.monotonic()
    barrier.wait()  # every client connected: start together
    watcher = threading.Thread(target=sampler) if pid is not None else None
    if watcher:
        watcher.start()
    for t in threads:
        t.join()
    if watcher:
        watcher.join()
    return ([x for per in latencies for x in per], [e for per in errors for e in per], samples,
            time.monotonic() - t0)


def run_load(db: str | Path, clients: int = 50, seconds: float = 30.0, seed: int = 0,
             warmup: float = 10.0) -> dict[str, Any]:
    """Run the load test against a fresh server over `db`; return the figures as a dict.

    A warm-up at the same concurrency comes first (`warmup` seconds, not counted): the first
    concurrent requests fill the server's thread pool, and each worker thread gets its own
    malloc arena and stack, a one-off rise of RSS. The measured run's RSS growth and slope are
    then what a leak would show."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port)
    try:
        paths = _targets(base)
        with httpx.Client(base_url=base, timeout=30) as warm:  # first calls import pandas etc.
            for p in paths:
                warm.get(p)
        rss_cold = rss_kb(proc.pid)
        warm_lat, warm_err, _, _ = _burst(base, paths, clients, warmup, seed + 1) if warmup > 0 \
            else ([], [], [], 0.0)
        rss_start = rss_kb(proc.pid)
        lat, errs, samples, elapsed = _burst(base, paths, clients, seconds, seed, proc.pid)
        rss_end = rss_kb(proc.pid)
        rss_mid = samples[len(samples) // 2] if samples else rss_end
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    lat.sort()
    slope = _slope([x / 1024 for x in samples]) * 60 if len(samples) >= 3 else float("nan")
    return {
        "clients": clients, "seconds": round(elapsed, 1), "requests": len(lat),
        "requests_per_s": round(len(lat) / elapsed, 1) if elapsed else None,
        "errors": len(errs), "error_samples": errs[:10],
        "warmup_seconds": warmup, "warmup_requests": len(warm_lat), "warmup_errors": len(warm_err),
        "p50_ms": round(1000 * _percentile(lat, 0.50), 1), "p99_ms": round(1000 * _percentile(lat, 0.99), 1),
        "max_ms": round(1000 * lat[-1], 1) if lat else None,
        "rss_before_warmup_mb": round(rss_cold / 1024, 1),
        "rss_start_mb": round(rss_start / 1024, 1), "rss_end_mb": round(rss_end / 1024, 1),
        "rss_growth_mb": round((rss_end - rss_start) / 1024, 1),
        "rss_mid_mb": round(rss_mid / 1024, 1),
        "rss_growth_second_half_mb": round((rss_end - rss_mid) / 1024, 1),
        "rss_slope_mb_per_min": round(slope, 2),
        "rss_samples_mb": [round(x / 1024) for x in samples], "paths": len(paths),
    }


def _slope(ys: list[float]) -> float:
    """Least-squares slope of `ys` against 0, 1, 2, … (per sample, i.e. per second)."""
    n = len(ys)
    mx, my = (n - 1) / 2, sum(ys) / n
    sxx = sum((i - mx) ** 2 for i in range(n))
    return sum((i - mx) * (y - my) for i, y in enumerate(ys)) / sxx if sxx else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="a detente store (built by `detente ingest`)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--warmup", type=float, default=10.0,
                    help="seconds of the same concurrent load before measuring (not counted)")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)
    figures = run_load(args.db, clients=args.clients, seconds=args.seconds, seed=args.seed,
                       warmup=args.warmup)
    print(f"{figures['clients']} clients x {figures['seconds']} s: {figures['requests']} requests "
          f"({figures['requests_per_s']}/s), {figures['errors']} errors, p50 {figures['p50_ms']} ms, "
          f"p99 {figures['p99_ms']} ms, max {figures['max_ms']} ms; server RSS "
          f"{figures['rss_start_mb']} -> {figures['rss_mid_mb']} (mid) -> {figures['rss_end_mb']} MB "
          f"({figures['rss_growth_mb']:+} MB; second half {figures['rss_growth_second_half_mb']:+} MB; "
          f"slope {figures['rss_slope_mb_per_min']:+} MB/min) after a {figures['warmup_seconds']:.0f} s "
          f"warm-up at the same concurrency ({figures['warmup_requests']} requests, "
          f"{figures['warmup_errors']} errors; RSS before it {figures['rss_before_warmup_mb']} MB)")
    if figures["error_samples"]:
        print("errors, e.g.:", *figures["error_samples"], sep="\n  ")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))
    return 0 if figures["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
