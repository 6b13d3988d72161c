"""A short run of bench/load.py: 10 concurrent clients for 3 s against a real `detente serve`
on loopback. Asserts 0 errors and bounded growth of the server's RSS (no timing assertions)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")
if not Path("/proc/self/status").exists():
    pytest.skip("reads the server's RSS from /proc (Linux)", allow_module_level=True)

from test_report import build_store  # noqa: E402  (tests/ is on sys.path: pytest rootdir)

BENCH = Path(__file__).resolve().parent.parent / "bench" / "load.py"


def _load_module():
    spec = importlib.util.spec_from_file_location("detente_bench_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_short_load_has_no_errors_and_bounded_memory(tmp_path: Path) -> None:
    load = _load_module()
    db = build_store(tmp_path / "store.duckdb")
    figures = load.run_load(db, clients=10, seconds=3, warmup=2)
    print(figures)
    assert figures["requests"] > 10  # the clients did run
    assert figures["errors"] == 0, figures["error_samples"]
    # after a concurrent warm-up, 3 s of load must not grow the server by more than 64 MB
    assert figures["rss_growth_mb"] < 64, figures
    assert figures["warmup_requests"] > 0 and figures["warmup_errors"] == 0


def test_rss_reader() -> None:
    import os

    assert _load_module().rss_kb(os.getpid()) > 1000
