"""Dyad series, phases, indicators and `detente dyad`, on small stores built in tmp_path from
hand-made Event records (no NLP)."""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from detente.analysis import (
    dyad_events, dyad_phases, dyad_series, indicator_series, phases, series_from_events,
    turning_points,
)
from detente.analysis_cli import dyad_command
from detente.readers import Document
from detente.record import Actor, Event, Quantity
from detente.store import Store

# quad class and intensity per PLOVER type, as in detente/ontology/plover.yaml
TYPES = {"AGREE": (1, 4.0), "CONSULT": (1, 1.0), "COOPERATE": (2, 6.0), "AID": (2, 7.0),
         "ACCUSE": (3, -2.0), "THREATEN": (3, -6.0), "SANCTION": (4, -4.5), "ASSAULT": (4, -9.5)}


def ev(src: str, tgt: str, typ: str, date: str | None, *, track: str = "political",
       symmetric: bool = False, quantities: tuple[Quantity, ...] = (), mode: str | None = None,
       negated: bool = False, hypothetical: bool = False, note: str = "") -> dict:
    """An event spec; `make_store` turns it into an Event with its own evidence sentence."""
    return dict(src=src, tgt=tgt, typ=typ, date=date, track=track, symmetric=symmetric,
                quantities=list(quantities), mode=mode, negated=negated, hypothetical=hypothetical,
                note=note)


def make_store(path: Path, specs: list[dict], doc_id: str = "doc") -> Path:
    """A store with one document: one line (the evidence sentence) per event spec."""
    lines = [f"Line {i}: {s['src']} {s['typ'].lower()} {s['tgt']} on {s['date']}. {s['note']}".strip()
             for i, s in enumerate(specs)]
    text = "\n".join(lines)
    events, offset = [], 0
    for line, s in zip(lines, specs):
        qc, intensity = TYPES[s["typ"]]
        events.append(Event(
            doc=doc_id, start=offset, end=offset + len(line), sentence=line,
            source=Actor(s["src"], "GOV", s["src"]), target=Actor(s["tgt"], None, s["tgt"]),
            event_type=s["typ"], mode=s["mode"], quad_class=qc, intensity=intensity,
            cameo_root=None, symmetric=s["symmetric"], date=s["date"], track=s["track"],
            quantities=s["quantities"], negated=s["negated"], hypothetical=s["hypothetical"]))
        offset += len(line) + 1
    with Store(path) as store:
        store.add_document(Document.from_text(doc_id, text, f"{doc_id}.txt"), events)
    return path


def row(series: pd.DataFrame, period: str, track: str = "all") -> pd.Series:
    got = series[(series["period"] == period) & (series["track"] == track)]
    assert len(got) == 1, f"{period}/{track}: {len(got)} rows"
    return got.iloc[0]


@pytest.fixture
def basic_db(tmp_path: Path) -> Path:
    return make_store(tmp_path / "basic.duckdb", [
        ev("RUS", "IRN", "AGREE", "2019-03-04", symmetric=True),               # joint act
        ev("RUS", "IRN", "COOPERATE", "2019-07-01", track="economic"),
        ev("IRN", "RUS", "ACCUSE", "2019-07-20"),
        ev("IRN", "RUS", "SANCTION", "2021-02-02", track="economic"),
        ev("RUS", "IRN", "THREATEN", "2021-11-30", track="military"),
        ev("RUS", "IRN", "CONSULT", None),                                      # no date at all
        ev("RUS", "USA", "ASSAULT", "2020-05-05"),                              # another dyad
        ev("RUS", "IRN", "SANCTION", "2020-01-01", negated=True),               # did not happen
        ev("RUS", "IRN", "ASSAULT", "2020-01-01", hypothetical=True),           # might happen
    ])


# ------------------------------------------------------------------------------ series
def test_yearly_counts_continuous_index(basic_db: Path) -> None:
    s = dyad_series(basic_db, "RUS", "IRN", by="year")
    overall = s[s["track"] == "all"]
    assert overall["period"].tolist() == ["2019", "2020", "2021"]  # 2020 is empty but present
    r19, r20, r21 = (row(s, p) for p in ("2019", "2020", "2021"))
    assert (r19.q1, r19.q2, r19.q3, r19.q4, r19.events) == (1, 1, 1, 0, 3)
    assert (r20.q1, r20.q2, r20.q3, r20.q4, r20.events) == (0, 0, 0, 0, 0)
    assert (r21.q3, r21.q4, r21.events) == (1, 1, 2)
    assert r19.net_cooperation == pytest.approx(4.0 + 6.0 - 2.0)
    assert r21.net_cooperation == pytest.approx(-4.5 - 6.0)
    assert r19.conflict_share == pytest.approx(1 / 3)
    assert r21.conflict_share == pytest.approx(1.0)
    assert math.isnan(r20.conflict_share)
    assert str(r19.period_start) == "2019-01-01" and str(r19.period_end) == "2019-12-31"
    assert s.attrs["excluded_undated"] == 1
    assert s.attrs["excluded_non_factual"] == 2
    assert s.attrs["n_events"] == 5


def test_directions_and_symmetric_events(basic_db: Path) -> None:
    both = dyad_series(basic_db, "RUS", "IRN", by="year")
    ab = dyad_series(basic_db, "RUS", "IRN", by="year", direction="ab")
    ba = dyad_series(basic_db, "RUS", "IRN", by="year", direction="ba")
    # 2019: joint AGREE (both ways), RUS->IRN COOPERATE, IRN->RUS ACCUSE
    assert row(both, "2019").events == 3
    assert (row(ab, "2019").q1, row(ab, "2019").q2, row(ab, "2019").q3) == (1, 1, 0)
    assert (row(ba, "2019").q1, row(ba, "2019").q2, row(ba, "2019").q3) == (1, 0, 1)
    assert row(ab, "2021").q3 == 1 and row(ab, "2021").q4 == 0
    assert row(ba, "2021").q4 == 1 and row(ba, "2021").q3 == 0
    assert set(ab["direction"]) == {"ab"} and set(ba["direction"]) == {"ba"}
    # the joint act is in each direction, but only once in 'both'
    assert row(ab, "2019").events + row(ba, "2019").events == row(both, "2019").events + 1
    # swapping A and B swaps the directions
    swapped = dyad_series(basic_db, "IRN", "RUS", by="year", direction="ab")
    assert swapped[["q1", "q2", "q3", "q4"]].values.tolist() == ba[["q1", "q2", "q3", "q4"]].values.tolist()


def test_tracks_and_track_filter(basic_db: Path) -> None:
    s = dyad_series(basic_db, "RUS", "IRN", by="year")
    assert list(dict.fromkeys(s["track"])) == ["all", "economic", "military", "political"]
    # every track has the same rows, and the tracks add up to 'all'
    grids = {t: g["period"].tolist() for t, g in s.groupby("track")}
    assert all(p == grids["all"] for p in grids.values())
    per_track = s[s["track"] != "all"].groupby("period")[["events", "net_cooperation"]].sum()
    overall = s[s["track"] == "all"].set_index("period")[["events", "net_cooperation"]]
    pd.testing.assert_frame_equal(per_track.sort_index(), overall.sort_index(), check_dtype=False)
    assert row(s, "2021", "economic").q4 == 1 and row(s, "2021", "military").q3 == 1

    eco = dyad_series(basic_db, "RUS", "IRN", by="year", track="economic")
    assert set(eco["track"]) == {"economic"}
    assert eco["period"].tolist() == ["2019", "2020", "2021"]
    assert eco["events"].tolist() == [1, 0, 1]
    assert dyad_series(basic_db, "RUS", "IRN", track="cultural").empty


def test_month_and_quarter_grouping(basic_db: Path) -> None:
    m = dyad_series(basic_db, "RUS", "IRN", by="month")
    overall = m[m["track"] == "all"]
    assert len(overall) == 10 + 12 + 11  # 2019-03 .. 2021-11, continuous
    assert overall["period"].iloc[0] == "2019-03" and overall["period"].iloc[-1] == "2021-11"
    assert row(m, "2019-07").events == 2 and row(m, "2019-08").events == 0
    q = dyad_series(basic_db, "RUS", "IRN", by="quarter")
    assert row(q, "2019Q1").q1 == 1 and row(q, "2019Q3").events == 2 and row(q, "2021Q4").q3 == 1
    assert q[q["track"] == "all"]["events"].sum() == 5


def test_year_only_dates_go_to_an_undated_bucket(tmp_path: Path) -> None:
    db = make_store(tmp_path / "coarse.duckdb", [
        ev("RUS", "IRN", "COOPERATE", "2019-02-10"),
        ev("RUS", "IRN", "AGREE", "2019"),                  # a bare year
        ev("RUS", "IRN", "ACCUSE", "2019-Q3"),              # a quarter
        ev("RUS", "IRN", "CONSULT", "2019-W05"),            # a week straddling Jan/Feb
        ev("RUS", "IRN", "CONSULT", "2019-04-28/2019-06-03"),  # an interval: its first day counts
        ev("RUS", "IRN", "CONSULT", "2019-05"),
    ])
    m = dyad_series(db, "RUS", "IRN", by="month")
    overall = m[m["track"] == "all"]
    assert overall["period"].tolist() == ["2019-01", "2019-02", "2019-03", "2019-04", "2019-05",
                                          "2019-undated"]
    bucket = row(m, "2019-undated")
    assert bool(bucket.undated) and (bucket.q1, bucket.q3, bucket.events) == (1, 1, 2)
    assert row(m, "2019-01").events == 1          # the week, by its Monday 28 January
    assert row(m, "2019-01").q1 == 1 and row(m, "2019-02").q2 == 1
    assert row(m, "2019-04").events == 1 and row(m, "2019-05").events == 1
    assert not overall["undated"].iloc[:-1].any()
    assert m.attrs["coarse_events"] == 2
    # by quarter a quarter date is precise, a year is not; by year everything is placed
    q = dyad_series(db, "RUS", "IRN", by="quarter")
    assert row(q, "2019Q3").q3 == 1 and row(q, "2019-undated").events == 1
    y = dyad_series(db, "RUS", "IRN", by="year")
    assert y[y["track"] == "all"]["period"].tolist() == ["2019"]
    assert row(y, "2019").events == 6 and not y["undated"].any()


def test_frame_input_and_store_object_match_path(basic_db: Path) -> None:
    from_path = dyad_series(basic_db, "rus", "irn", by="year")  # codes are case-insensitive
    with Store(basic_db, read_only=True) as store:
        from_store = dyad_series(store, "RUS", "IRN", by="year")
        frame = store.events_frame()
    from_frame = dyad_series(frame, "RUS", "IRN", by="year")
    pd.testing.assert_frame_equal(from_path, from_store)
    pd.testing.assert_frame_equal(from_path, from_frame)


def test_empty_dyad_and_bad_arguments(basic_db: Path) -> None:
    s = dyad_series(basic_db, "RUS", "CHN")
    assert s.empty and list(s.columns)[:3] == ["period", "period_start", "period_end"]
    with pytest.raises(ValueError):
        dyad_series(basic_db, "RUS", "IRN", by="week")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        dyad_series(basic_db, "RUS", "IRN", direction="up")  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ phases
def _cooperation_then_crisis(tmp_path: Path) -> Path:
    specs = []
    for year in range(2010, 2018):  # eight cooperative years
        specs += [ev("RUS", "IRN", "COOPERATE", f"{year}-03-01", track="economic"),
                  ev("IRN", "RUS", "AGREE", f"{year}-09-01"),
                  ev("RUS", "IRN", "ACCUSE", f"{year}-11-01")]  # a little friction
    for year in (2018, 2019):  # then a conflict burst
        specs += [ev("IRN", "RUS", "ASSAULT", f"{year}-02-01", track="military", note="Shelling."),
                  ev("RUS", "IRN", "SANCTION", f"{year}-04-01", track="economic", note="Embargo."),
                  ev("RUS", "IRN", "THREATEN", f"{year}-06-01")]
    return make_store(tmp_path / "break.duckdb", specs)


def test_phases_find_the_break_and_its_drivers(tmp_path: Path) -> None:
    db = _cooperation_then_crisis(tmp_path)
    events = dyad_events(db, "RUS", "IRN", by="year")
    series = series_from_events(events)
    found = phases(series, events)
    assert [p.label for p in found] == ["cooperation", "crisis"]
    first, second = found
    assert (first.start, first.end, second.start, second.end) == ("2010", "2017", "2018", "2019")
    assert first.mean_net == pytest.approx(6.0 + 4.0 - 2.0)
    assert second.mean_net == pytest.approx(-9.5 - 4.5 - 6.0)
    assert second.conflict_share == pytest.approx(1.0) and first.conflict_share == pytest.approx(1 / 3)
    # the drivers of the break are the conflict events around it, strongest first
    by_id = events.set_index("event_id")
    assert len(second.drivers) == 3
    assert all(by_id.loc[i, "quad_class"] >= 3 for i in second.drivers)
    assert by_id.loc[second.drivers[0], "event_type"] == "ASSAULT"
    assert by_id.loc[second.drivers[0], "date"] == "2018-02-01"
    assert "Shelling." in second.evidence[0]["sentence"]
    assert second.evidence[0]["event_id"] == second.drivers[0]
    assert second.start_date.isoformat() == "2018-01-01" and second.end_date.isoformat() == "2019-12-31"
    # the first phase is characterised by its cooperative events
    assert all(by_id.loc[i, "intensity"] > 0 for i in first.drivers)
    # the same from the one-call helper, and JSON-ready
    again = dyad_phases(db, "RUS", "IRN", by="year")
    assert [(p.start, p.label, p.drivers) for p in again] == [(p.start, p.label, p.drivers) for p in found]
    json.dumps([p.to_dict() for p in found])


def test_phases_monthly_and_detente(tmp_path: Path) -> None:
    specs = []
    for month in range(1, 13):
        specs.append(ev("RUS", "IRN", "COOPERATE", f"2020-{month:02d}-05"))
    for month in range(1, 7):
        specs += [ev("RUS", "IRN", "ACCUSE", f"2021-{month:02d}-05"),
                  ev("IRN", "RUS", "THREATEN", f"2021-{month:02d}-15")]
    for month in range(7, 13):
        specs.append(ev("RUS", "IRN", "AGREE", f"2021-{month:02d}-05", note="Thaw."))
    db = make_store(tmp_path / "monthly.duckdb", specs)
    found = dyad_phases(db, "RUS", "IRN", by="month")
    # verbal conflict only, at -8 a month against a typical |net| of 6: tension, not crisis
    assert [p.label for p in found] == ["cooperation", "tension", "detente"]
    assert [p.start for p in found] == ["2020-01", "2021-01", "2021-07"]
    assert found[1].conflict_share == pytest.approx(1.0) and found[1].material_conflict_share == 0.0
    assert found[-1].evidence and all("Thaw." in e["sentence"] for e in found[-1].evidence)
    # with a lower bar for "strongly negative" the same phase is a crisis
    strict = dyad_phases(db, "RUS", "IRN", by="month", crisis_factor=1.0)
    assert [p.label for p in strict] == ["cooperation", "crisis", "detente"]


def test_turning_points_and_degenerate_series() -> None:
    step = np.array([5.0] * 10 + [-5.0] * 6)
    assert turning_points(step) == [10]
    noisy = step + np.random.default_rng(0).normal(0, 1.0, len(step))
    assert turning_points(noisy) == [10]
    assert turning_points(np.full(8, 3.0)) == []
    assert turning_points(np.array([1.0])) == []
    assert phases(dyad_series(pd.DataFrame(columns=["source_country", "target_country", "track",
                                                    "symmetric", "negated", "hypothetical",
                                                    "date", "date_start", "date_end",
                                                    "quad_class", "intensity"]), "A", "B")) == []


def test_phases_name_is_callable_after_submodule_import() -> None:
    import detente.analysis as analysis
    import detente.analysis.phases  # noqa: F401  binds the package attribute to the module

    assert callable(analysis.phases)
    assert analysis.phases(pd.DataFrame(columns=["undated"])) == []


# ------------------------------------------------------------------------------ indicators
def test_trade_indicator_per_year_with_growth(tmp_path: Path) -> None:
    usd = lambda v, t: Quantity(t, v, "USD")  # noqa: E731
    db = make_store(tmp_path / "trade.duckdb", [
        ev("RUS", "IRN", "COOPERATE", "2019-05-01", mode="trade", track="economic",
           quantities=(usd(2e9, "$2 billion"),), note="Trade reached $2 billion."),
        ev("RUS", "IRN", "COOPERATE", "2020-05-01", mode="trade", track="economic",
           quantities=(usd(3e9, "$3 billion"), Quantity("20 percent", 20.0, "percent")),
           note="Trade grew 20 percent to $3 billion."),
        ev("IRN", "RUS", "COOPERATE", "2020-08-01", mode="trade", track="economic",
           quantities=(usd(1e9, "$1 billion"),), note="Exports were $1 billion."),
        ev("RUS", "IRN", "COOPERATE", "2022-05-01", mode="trade", track="economic",
           quantities=(usd(4e9, "$4 billion"),)),
        ev("RUS", "IRN", "AID", "2020-02-01", track="military",
           quantities=(Quantity("40 drones", 40.0, "drone"), usd(5e8, "$500 million"))),
    ])
    trade = indicator_series(db, "RUS", "IRN", kind="trade")
    assert trade["period"].tolist() == ["2019", "2020", "2022"]
    assert trade["value"].tolist() == [2e9, 3e9, 4e9]          # the largest figure per year
    assert trade["n_reports"].tolist() == [1, 2, 1]
    assert trade["growth"].iloc[1] == pytest.approx(0.5)
    assert math.isnan(trade["growth"].iloc[0]) and math.isnan(trade["growth"].iloc[2])  # 2021 gap
    assert "$3 billion" in trade["sentence"].iloc[1] and trade["text"].iloc[1] == "$3 billion"
    assert set(trade["unit"]) == {"USD"} and set(trade["doc_id"]) == {"doc"}
    # the military aid's money is money but not trade; counts and percents are their own kinds
    money = indicator_series(db, "RUS", "IRN", kind="money", agg="sum")
    assert money.set_index("period").loc["2020", "value"] == pytest.approx(4.5e9)
    drones = indicator_series(db, "RUS", "IRN", kind="count")
    assert drones[["period", "unit", "value"]].values.tolist() == [["2020", "drone", 40.0]]
    pct = indicator_series(db, "RUS", "IRN", kind="percent")
    assert pct["value"].tolist() == [20.0] and pct["unit"].tolist() == ["percent"]
    assert indicator_series(db, "RUS", "IRN", kind="all", unit="drone")["value"].tolist() == [40.0]
    assert indicator_series(db, "RUS", "USA").empty
    with pytest.raises(ValueError):
        indicator_series(db, "RUS", "IRN", kind="gdp")


# ------------------------------------------------------------------------------ CLI
def test_cli_formats(tmp_path: Path) -> None:
    db = str(_cooperation_then_crisis(tmp_path))
    runner = CliRunner()
    table = runner.invoke(dyad_command, ["RUS", "IRN", "--db", db, "--by", "year", "--phases"])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].startswith("RUS <-> IRN")
    assert any(ln.split()[:6] == ["2018", "0", "0", "1", "2", "3"] for ln in lines)
    assert any("crisis" in ln and ln.startswith("2018") for ln in lines)
    assert "per track" in table.output and "Shelling." in table.output

    js = runner.invoke(dyad_command, ["rus", "irn", "--db", db, "--by", "year", "--format", "json",
                                      "--phases", "--direction", "ba"])
    assert js.exit_code == 0, js.output
    data = json.loads(js.output)
    assert data["direction"] == "ba" and data["a"] == "RUS"
    rows = [r for r in data["series"] if r["track"] == "all"]
    assert [r["period"] for r in rows] == [str(y) for y in range(2010, 2020)]
    assert rows[-1]["q4"] == 1 and rows[-1]["q1"] == 0 and rows[0]["q1"] == 1
    assert [p["label"] for p in data["phases"]][-1] == "crisis"

    csv_out = runner.invoke(dyad_command, ["RUS", "IRN", "--db", db, "--by", "quarter",
                                           "--track", "economic", "--format", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    header, *body = csv_out.output.strip().splitlines()
    assert header.split(",")[:6] == ["period", "period_start", "period_end", "undated", "track", "direction"]
    assert len(body) == 4 * 9 + 2  # 2010Q1 .. 2019Q2
    assert all(",economic," in ln for ln in body)
    phases_csv = runner.invoke(dyad_command, ["RUS", "IRN", "--db", db, "--by", "year",
                                              "--format", "csv", "--phases"])
    assert phases_csv.output.splitlines()[0].startswith("start,end,label")
    assert phases_csv.output.splitlines()[-1].split(",")[:3] == ["2018", "2019", "crisis"]


def test_cli_errors(tmp_path: Path, basic_db: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(dyad_command, ["RUS", "IRM", "--db", str(basic_db)])
    assert unknown.exit_code == 2 and "IRM" in unknown.output and "IRN" in unknown.output
    empty = runner.invoke(dyad_command, ["IRN", "USA", "--db", str(basic_db)])
    assert empty.exit_code == 2 and "no dated events between IRN and USA" in empty.output
    track = runner.invoke(dyad_command, ["RUS", "IRN", "--db", str(basic_db), "--track", "nuclear"])
    assert track.exit_code == 2 and "nuclear" in track.output
    same = runner.invoke(dyad_command, ["RUS", "rus", "--db", str(basic_db)])
    assert same.exit_code == 2
    missing = runner.invoke(dyad_command, ["RUS", "IRN", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "E001" in missing.output
    assert not (tmp_path / "none.duckdb").exists()


def test_events_without_a_track_are_unspecified(basic_db: Path) -> None:
    with Store(basic_db, read_only=True) as store:
        frame = store.events_frame()
    frame["track"] = None  # as in imported data sets that carry no track
    s = dyad_series(frame, "RUS", "IRN", by="year")
    assert list(dict.fromkeys(s["track"])) == ["all", "unspecified"]
    only = dyad_series(frame, "RUS", "IRN", by="year", track="unspecified")
    assert only["events"].sum() == 5
