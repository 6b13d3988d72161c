"""The brief (`detente report`): sections, escaping of hostile text, no external resources,
and a headline that follows the data. Stores are built in tmp_path from hand-made events."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

pytest.importorskip("altair")
pytest.importorskip("vl_convert")

from click.testing import CliRunner  # noqa: E402

from detente.readers import Document  # noqa: E402
from detente.record import Actor, Event, Quantity  # noqa: E402
from detente.report import BriefError, build_context, write_brief  # noqa: E402
from detente.store import Store  # noqa: E402

HOSTILE = ("Officials said <script>alert(1)</script> and <img src=x onerror=alert(2)> "
           "then left & \"quoted\" it.")
SECTIONS = ("headline", "timeline", "tracks", "key-events", "disputes", "third-parties",
            "indicators", "contradictions", "methods")


def _event(doc: Document, sentence: str, src: str, tgt: str, etype: str, quad: int,
           intensity: float, date: str, track: str, quantities: tuple[Quantity, ...] = ()) -> Event:
    start = doc.text.index(sentence)
    trig = sentence.split()[2]
    ts = start + sentence.index(trig)
    return Event(doc=doc.id, start=start, end=start + len(sentence), sentence=sentence,
                 source=Actor(src, None, src), target=Actor(tgt, None, tgt), event_type=etype,
                 mode=None, quad_class=quad, intensity=intensity, cameo_root=None, date=date,
                 date_text=date, track=track, quantities=list(quantities), confidence=0.8,
                 trigger=trig, trigger_start=ts, trigger_end=ts + len(trig))


def build_store(path: Path, burst_year: int = 2018) -> Path:
    """Ten years of RUS-IRN events (cooperative, with a conflict burst in `burst_year`), a
    second dyad USA-CHN, a trade figure, a third party and one hostile document."""
    specs: list[tuple[str, str, str, int, float, str, str, str]] = []
    for y in range(2013, 2023):
        for k in range(3):
            if y == burst_year:
                specs.append(("RUS", "IRN", "ACCUSE", 3, -6.0, f"{y}-0{k + 3}-10", "military",
                              f"In {y} Moscow accused Tehran of breaking the accord, note {k}."))
            else:
                specs.append(("RUS", "IRN", "COOPERATE", 1, 3.0, f"{y}-0{k + 3}-10",
                              "economic" if k % 2 else "political",
                              f"In {y} Moscow agreed with Tehran on closer ties, round {k}."))
        specs.append(("USA", "CHN", "AID", 2, 4.0, f"{y}-05-01", "economic",
                      f"In {y} Washington sent aid to Beijing, batch {y}."))
        specs.append(("TUR", "RUS", "COOPERATE", 1, 2.0, f"{y}-07-01", "political",
                      f"In {y} Ankara agreed with Moscow on grain, step {y}."))
        specs.append(("TUR", "IRN", "THREATEN", 3, -3.0, f"{y}-08-01", "military",
                      f"In {y} Ankara warned Tehran over the border, case {y}."))
    with Store(path) as store:
        for i in range(0, len(specs), 5):
            chunk = specs[i:i + 5]
            text = " ".join(s[7] for s in chunk)
            doc = Document.from_text(f"doc{i:03d}", text, f"/data/doc{i:03d}.txt",
                                     date=dt.date(2023, 1, 1), title=f"Report {i}")
            store.add_document(doc, [_event(doc, s[7], *s[:7]) for s in chunk])
        trade = "In 2021 Moscow traded goods with Tehran worth $4.9 billion."
        tdoc = Document.from_text("trade", trade, "/data/trade.txt", title="Trade note")
        store.add_document(tdoc, [_event(tdoc, trade, "RUS", "IRN", "COOPERATE", 2, 4.0, "2021-06-01",
                                         "economic", (Quantity("$4.9 billion", 4.9e9, "USD"),))])
        hostile = f"{HOSTILE} In 2016 Moscow agreed with Tehran on <b>visits</b>."
        hdoc = Document.from_text("hostile", hostile, "/data/hostile.txt",
                                  title="<script>alert(3)</script>Title",
                                  url="javascript:alert(4)")
        store.add_document(hdoc, [
            _event(hdoc, HOSTILE, "RUS", "IRN", "ACCUSE", 3, -8.0, "2016-09-01", "political"),
            _event(hdoc, "In 2016 Moscow agreed with Tehran on <b>visits</b>.", "RUS", "IRN",
                   "COOPERATE", 1, 7.0, "2016-10-01", "political")])
    return path


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("report") / "store.duckdb")


@pytest.fixture(scope="module")
def brief(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("brief") / "brief.html"
    write_brief(store_path, "RUS", "IRN", out)
    return out.read_text(encoding="utf-8")


def test_every_section_present(brief: str) -> None:
    for section in SECTIONS:
        assert f'<section id="{section}"' in brief, section
    # the timeline and the per-track panels are drawn (inline SVG with marks)
    timeline = brief[brief.index('<section id="timeline"'):brief.index('<section id="tracks"')]
    assert "<svg" in timeline and "<path" in timeline
    assert brief.count('class="panel"') >= 3  # economic, military, political


def test_hostile_text_is_escaped_everywhere(brief: str) -> None:
    assert "<script" not in brief.lower()
    assert "<img" not in brief.lower()
    assert "onerror=" not in brief.replace("onerror=alert(2)&gt;", "")  # only the escaped text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in brief
    assert "&lt;img src=x onerror=alert(2)&gt;" in brief
    assert "&lt;b&gt;visits&lt;/b&gt;" in brief and "<b>visits</b>" not in brief
    assert "&lt;script&gt;alert(3)&lt;/script&gt;Title" in brief
    # a javascript: URL from a document never becomes a link
    assert "javascript:" not in brief.lower()


def test_no_external_resources(brief: str) -> None:
    """No CDN: nothing is loaded from anywhere, and the only http(s) strings are XML
    namespace names inside the inline SVG."""
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", brief, re.I)
    assert not re.search(r"<[^>]*\s(src|srcset|href)\s*=\s*[\"']?(https?:)?//", brief, re.I)
    assert not re.search(r"<[^>]*\ssrc\s*=", brief, re.I)  # no tag loads anything
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", brief, re.I)
    assert "@import" not in brief
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", brief))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}, urls
    assert "script-src 'none'" in brief  # the file's own CSP forbids any script


def test_headline_names_the_conflict_year(store_path: Path) -> None:
    ctx = build_context(store_path, "RUS", "IRN")
    text = " ".join(ctx["headline"])
    assert "Conflict peaked in 2018" in text
    assert "Russia and Iran" in text


def test_headline_follows_the_data(tmp_path: Path) -> None:
    path = build_store(tmp_path / "other.duckdb", burst_year=2020)
    ctx = build_context(path, "RUS", "IRN")
    text = " ".join(ctx["headline"])
    assert "Conflict peaked in 2020" in text and "2018" not in text.split("Conflict peaked")[1][:12]
    # the phase sentence puts a turn in the burst year
    phases = [p for p in ctx["phases"] if p["label"] in ("tension", "crisis")]
    assert any(p["start"] == "2020" for p in phases)


def test_period_filter_and_key_events(store_path: Path) -> None:
    ctx = build_context(store_path, "RUS", "IRN", since=2019, until=2022)
    assert ctx["key_events"]
    assert all("2019" <= e["date"][:4] <= "2022" for e in ctx["key_events"])
    assert ctx["counts"]["first"] >= "2019"
    assert "Conflict peaked" not in " ".join(ctx["headline"])  # no conflict 2019-2022


def test_indicator_and_third_party_sections(brief: str) -> None:
    section = brief[brief.index('<section id="indicators"'):brief.index('<section id="contradictions"')]
    assert "USD" in section and "4,900,000,000" in section
    third = brief[brief.index('<section id="third-parties"'):brief.index('<section id="indicators"')]
    # TUR deals with both sides when the third-party analysis is installed
    assert "TUR" in third or "Not available" in third


def test_unknown_dyad_and_bad_period(store_path: Path, tmp_path: Path) -> None:
    with pytest.raises(BriefError):
        write_brief(store_path, "RUS", "XXX", tmp_path / "x.html")
    with pytest.raises(BriefError):
        build_context(store_path, "RUS", "IRN", since=2020, until=2010)


def test_report_command(store_path: Path, tmp_path: Path) -> None:
    from detente.view_cli import main

    out = tmp_path / "cli-brief.html"
    result = CliRunner().invoke(main, ["report", "rus", "irn", "--db", str(store_path),
                                       "--out", str(out), "--from", "2013", "--to", "2023"])
    assert result.exit_code == 0, result.output
    assert Path(result.output.strip()) == out.resolve()
    assert '<section id="methods"' in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(main, ["report", "RUS", "ZZZ", "--db", str(store_path), "--out",
                                    str(tmp_path / "no.html")])
    assert bad.exit_code == 2 and "no events between RUS and ZZZ" in bad.output
