#!/usr/bin/env python3
"""Query speed of the event store at scale: N synthetic event rows (default 10 million), then
a yearly dyad series (`detente.analysis.dyad_series`, the code behind `detente dyad`) and a
monthly all-dyads aggregation in SQL.

    python bench/store_queries.py [--rows 10000000] [--db /tmp/detente-bench.duckdb] [--keep]

The synthetic rows use 60 real ISO-3 codes with a skewed choice (a few dyads are busy, as in
real data), the 16 PLOVER types with their quad class and intensity, and dates 1990-2024.
The figures printed are wall-clock seconds, best of 3 after one warm-up run.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CODES = ("USA RUS CHN IRN TUR SAU ISR PSE UKR GBR FRA DEU IND PAK AFG IRQ SYR EGY JPN KOR PRK "
         "ARE QAT AZE ARM GEO KAZ UZB TKM BLR POL ITA ESP BRA ARG MEX VEN CUB COL NGA ETH ERI "
         "SDN SOM KEN ZAF LBY DZA MAR TUN JOR LBN YEM OMN KWT BHR AUS CAN IDN VNM").split()


def build(db: Path, rows: int) -> float:
    """Create a detente store at `db` and fill its events table with `rows` synthetic rows."""
    from detente.ontology import plover_types
    from detente.store import Store

    types = plover_types()
    t0 = time.perf_counter()
    with Store(db) as store:
        con = store.con
        con.execute("CREATE TEMP TABLE codes AS SELECT * FROM (SELECT unnest(?) AS code, "
                    "generate_subscripts(?, 1) - 1 AS i)", [CODES, CODES])
        con.execute("CREATE TEMP TABLE ptypes (i INTEGER, t VARCHAR, q INTEGER, w DOUBLE, r VARCHAR)")
        con.executemany("INSERT INTO ptypes VALUES (?, ?, ?, ?, ?)",
                        [(i, t, info["quad_class"], info["intensity"], info["cameo_root"])
                         for i, (t, info) in enumerate(types.items())])
        n_codes, n_types = len(CODES), len(types)
        # skewed actor choice: floor(n * u^2) favours the first codes
        con.execute(f"""
            INSERT INTO events (doc_id, start, "end", source_country, target_country, event_type,
                                quad_class, intensity, cameo_root, "symmetric", date, date_start,
                                date_end, track, quantities, negated, hypothetical, confidence)
            SELECT 'synthetic-' || (n // 1000), 0, 1, s.code, t.code, p.t, p.q, p.w, p.r, false,
                   strftime(d, '%Y-%m-%d'), d, d, 'political', '[]', false, false, 0.5
            FROM (
                SELECT range AS n,
                       CAST(floor({n_codes} * pow(random(), 2)) AS INTEGER) AS si,
                       CAST(floor({n_codes} * random()) AS INTEGER) AS ti,
                       CAST(floor({n_types} * random()) AS INTEGER) AS pi,
                       DATE '1990-01-01' + CAST(floor(random() * 12784) AS INTEGER) AS d
                FROM range({rows})
            ) g
            JOIN codes s ON s.i = g.si
            JOIN codes t ON t.i = g.ti
            JOIN ptypes p ON p.i = g.pi
            WHERE g.si <> g.ti
        """)
    return time.perf_counter() - t0


def best_of(fn, repeats: int = 3) -> tuple[float, object]:
    fn()  # warm-up
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--db", type=Path, default=None, help="store to create (default: a temp file)")
    ap.add_argument("--keep", action="store_true", help="keep the store file afterwards")
    a = ap.parse_args()
    tmpdir = tempfile.mkdtemp(prefix="detente-bench-")
    db = a.db or Path(tmpdir) / "bench.duckdb"
    if db.exists():
        db.unlink()
    from detente.analysis import dyad_series
    from detente.store import Store

    print(f"building {a.rows:,} synthetic event rows in {db} ...", flush=True)
    built = build(db, a.rows)
    with Store(db, read_only=True) as store:
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        busiest = store.con.execute(
            "SELECT source_country, target_country, count(*) c FROM events GROUP BY 1, 2 ORDER BY c DESC LIMIT 1"
        ).fetchone()
        print(f"events: {n:,} (build {built:.1f} s, file {os.path.getsize(db) / 1e6:.0f} MB); "
              f"busiest dyad {busiest[0]}-{busiest[1]} with {busiest[2]:,} events one way")
        a_code, b_code = busiest[0], busiest[1]
        t_dyad, series = best_of(lambda: dyad_series(store, a_code, b_code, by="year"))
        print(f"yearly dyad series {a_code}-{b_code} (dyad_series, both directions): {t_dyad:.3f} s, "
              f"{len(series)} rows, {int(series.attrs.get('n_events', 0)):,} events")
        monthly_sql = """
            SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b,
                   date_trunc('month', date_start) AS month, count(*) AS events,
                   sum(intensity) AS net_cooperation,
                   avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END) AS conflict_share
            FROM events WHERE date_start IS NOT NULL AND NOT negated AND NOT hypothetical
            GROUP BY ALL"""
        t_all, frame = best_of(lambda: store.con.sql(monthly_sql).to_arrow_table())
        print(f"monthly all-dyads aggregation (SQL): {t_all:.3f} s, {frame.num_rows:,} dyad-months (as an Arrow table)")
    print(f"rows={n} dyad_year_s={t_dyad:.3f} all_dyads_month_s={t_all:.3f}")
    if not a.keep:
        db.unlink(missing_ok=True)
        Path(str(db) + ".wal").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
