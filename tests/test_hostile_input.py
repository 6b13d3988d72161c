"""Hostile input: Hypothesis fuzzing of the readers and the extractor, a linear-time check of
the cheap stages, and 10,000+ malformed documents through a real `detente ingest`.

Properties (fuzzing): no exception escapes; a reader yields only Documents (non-empty text, a
real date or None) and coded ReadErrors naming the file; every event's offsets lie inside the
text and its sentence is text[start:end]; every event date is ISO 8601 (a date, month or year,
or an interval of two).

Linear time: `test_cheap_stages_are_linear` times the plain-text reader plus detente's regex
stages (`find_timexes`, the date stage; `find_quantities`, the quantity stage) at 1 MB and 8 MB
and requires the time per MB at 8 MB to be within 3x of that at 1 MB. It does not cover the
spaCy parse, actors, places or events (spaCy on 8 MB is too slow for a test; those stages run
per sentence after the parse).
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.errors import ReadError
from detente.readers import Document, iter_documents

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
CODE = re.compile(r"^E\d{3} ")
COUNTRIES = ["Russia", "Iran", "Turkey", "India", "China", "Japan", "France", "Brazil", "Egypt"]
# RTL override/marks, Hebrew, Arabic, combining marks, NUL, BOM, zero-width joiner, a lone
# surrogate, an astral emoji, line/paragraph separators
HOSTILE = list("\u202e\u202d\u200f\u05d0\u0627\u0301\u0308\u20dd\x00\ufeff\u200d\ud800\U0001f600"
               "\u2028\u2029 \n.,aZ9") + ["Russia", "Iran", " signed a deal with ", " on 3 May 2019",
                                         " in early 2014", "$4 billion"]
hostile_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec=None), max_size=200),  # includes lone surrogates
    st.lists(st.sampled_from(HOSTILE), max_size=80).map("".join),
)
SUFFIXES = [".txt", ".md", ".html", ".htm", ".pdf", ".jsonl"]


def _pdf(content: bytes) -> bytes:
    """A small one-page PDF with `content` as its (FlateDecode) page stream."""
    stream = zlib.compress(content)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


GOOD_PDF = _pdf(b"BT /F1 12 Tf 72 700 Td (Russia signed an agreement with Iran on 3 May 2019.) Tj ET")


@st.composite
def broken_pdf(draw: st.DrawFn) -> bytes:
    data = bytearray(GOOD_PDF)
    how = draw(st.sampled_from(["truncate", "flip", "splice", "header-only"]))
    if how == "truncate":
        return bytes(data[:draw(st.integers(0, len(data)))])
    if how == "flip":
        for _ in range(draw(st.integers(1, 20))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if how == "splice":
        at = draw(st.integers(0, len(data)))
        return bytes(data[:at]) + draw(st.binary(max_size=200)) + bytes(data[at:])
    return b"%PDF-1.7\n" + draw(st.binary(max_size=300))


@st.composite
def nested_html(draw: st.DrawFn) -> bytes:
    depth = draw(st.integers(0, 3000))
    tags = draw(st.lists(st.sampled_from(["div", "span", "b", "table", "td", "p", "script", "a"]),
                         min_size=1, max_size=4))
    inner = draw(hostile_text)
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    if draw(st.booleans()):  # unclosed: the parser must cope
        closing = closing[: len(closing) // 2]
    return f"<html><body>{opening}{inner}{closing}</body></html>".encode("utf-8", "surrogatepass")


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    lines = []
    for i in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["good", "truncated", "raw", "bad-date", "not-object", "deep",
                                     "bad-utf8", "no-text"]))
        obj = {"id": f"d{i}", "text": draw(hostile_text), "date": "2019-03-04"}
        line = json.dumps(obj)  # ensure_ascii: a lone surrogate becomes "\ud800"
        if kind == "truncated":
            line = line[: draw(st.integers(0, len(line) - 1))]
        elif kind == "raw":
            line = draw(st.text(max_size=100))
        elif kind == "bad-date":
            line = json.dumps({**obj, "date": draw(st.sampled_from(["2019-02-30", "yesterday", 5, "2019-13-01"]))})
        elif kind == "not-object":
            line = json.dumps([obj])
        elif kind == "deep":
            line = "[" * draw(st.integers(1, 50_000))
        elif kind == "no-text":
            line = json.dumps({"id": f"d{i}"})
        raw = line.encode("utf-8", "surrogatepass")
        if kind == "bad-utf8":
            raw = raw[:5] + b"\xff\xfe\xc3" + raw[5:]
        lines.append(raw)
    return b"\n".join(lines) + draw(st.sampled_from([b"", b"\n", b"\r\n"]))


file_bytes = st.one_of(
    st.binary(max_size=2000),
    hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    nested_html(), broken_pdf(), jsonl_lines(),
)


def _check_items(items: list, path: Path) -> None:
    for item in items:
        assert isinstance(item, (Document, ReadError)), item
        if isinstance(item, ReadError):
            assert CODE.match(item.message), item.message
            assert path.name in item.message
        else:
            assert isinstance(item.text, str) and item.text.strip()
            item.text.encode("utf-8")  # storable: no lone surrogates left
            assert item.date is None or 1 <= item.date.year <= 9999


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=file_bytes, suffix=st.sampled_from(SUFFIXES))
def test_readers_never_raise(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        _check_items(list(iter_documents([path])), path)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(lines=jsonl_lines())
def test_jsonl_documents_and_errors_are_accounted_for(lines: bytes) -> None:
    """Every non-blank line gives exactly one Document or one error naming its line."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "lines.jsonl"
        path.write_bytes(lines)
        items = list(iter_documents([path]))
        _check_items(items, path)
        nonblank = sum(1 for raw in lines.split(b"\n") if raw.strip())
        if path.stat().st_size == 0 or not nonblank:
            assert len(items) == 1 and items[0].code == "E003"
        else:
            assert len(items) == nonblank


def _check_events(text: str, events: list) -> None:
    for ev in events:
        assert 0 <= ev.start <= ev.end <= len(text)
        assert text[ev.start:ev.end] == ev.sentence
        assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end
        assert ev.date is None or ISO.match(ev.date), ev.date
        for q in ev.quantities:
            assert q.text is None or q.text in text


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=hostile_text)
def test_extractor_on_hostile_unicode(extractor, text: str) -> None:
    # the extractor gets what a reader yields: lone surrogates are replaced by then
    text = re.sub("[\ud800-\udfff]", "\ufffd", text)
    _check_events(text, extractor.extract_text(text, doc_id="fuzz"))


def test_extractor_on_ten_thousand_country_names(extractor) -> None:
    rng = random.Random(1)
    text = " ".join(rng.choice(COUNTRIES) for _ in range(10_000))
    _check_events(text, extractor.extract_text(text, doc_id="names"))


def test_extractor_on_a_very_long_sentence_without_punctuation(extractor) -> None:
    rng = random.Random(2)
    words = COUNTRIES + ["signed", "an", "agreement", "with", "on", "May", "2019", "met", "the", "and"]
    text = " ".join(rng.choice(words) for _ in range(20_000))  # ~110 K characters, one sentence
    _check_events(text, extractor.extract_text(text, doc_id="long"))


def test_extractor_on_rtl_and_combining_marks(extractor) -> None:
    text = ("\u202eRussia\u202c signed an agreement with Ira\u0301n on 3 May 2019. "
            "\u05d0\u05d1 Turkey\u0308 accused Egypt\u200d in 2020.\x00 \u0627\u0644 India met China.")
    _check_events(text, extractor.extract_text(text, doc_id="rtl"))


# ---------------------------------------------------------------------------- linear time


def _cheap_stages(path: Path) -> float:
    """Seconds for: read the .txt file, find dates, find quantities (best of two)."""
    from detente.nlp.dates import find_timexes
    from detente.nlp.quantities import find_quantities

    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        (doc,) = list(iter_documents([path]))
        find_timexes(doc.text)
        find_quantities(doc.text)
        best = min(best, time.perf_counter() - t0)
    return best


def test_cheap_stages_are_linear(tmp_path: Path) -> None:
    rng = random.Random(3)
    pieces = [f"On {d} May {y} {a} and {b} signed a ${n} billion deal, {p} percent more"
              for d, y, a, b, n, p in ((rng.randint(1, 28), rng.randint(1950, 2030), rng.choice(COUNTRIES),
                                        rng.choice(COUNTRIES), rng.randint(1, 99), rng.randint(1, 99))
                                       for _ in range(500))]
    pieces += [" ".join(rng.choice(COUNTRIES) for _ in range(40))] * 50  # long runs, no punctuation
    pieces += ["\u202eRussia\u0301 \u05d0 met Iran last week."] * 50
    rng.shuffle(pieces)
    unit = ". ".join(pieces) + ".\n"
    mb = 1_000_000
    for size in (1, 8):
        text = unit * (size * mb // len(unit) + 1)
        (tmp_path / f"{size}.txt").write_text(text[: size * mb], encoding="utf-8")
    per_mb_1 = _cheap_stages(tmp_path / "1.txt")
    per_mb_8 = _cheap_stages(tmp_path / "8.txt") / 8
    print(f"reader+dates+quantities: {per_mb_1:.2f} s/MB at 1 MB, {per_mb_8:.2f} s/MB at 8 MB")
    assert per_mb_8 < 3 * per_mb_1, (per_mb_1, per_mb_8)


# ---------------------------------------------------------------------------- 10,000 documents


def write_malformed_corpus(root: Path, n_lines: int = 10_000) -> tuple[set[str], set[str], int]:
    """A corpus of mostly malformed documents. Returns (good doc ids, bad file names, number of
    bad JSONL lines); the good documents are few, short and distinct."""
    rng = random.Random(11)
    root.mkdir()
    good: set[str] = set()
    bad_files: set[str] = set()
    bad_lines = 0
    kinds = ["truncated", "not-json", "bad-utf8", "empty-text", "no-id", "bad-date", "not-object",
             "deep", "wrong-type", "blank-id"]
    for f in range(4):  # four JSONL files of 2,500 lines each
        lines: list[bytes] = []
        for i in range(n_lines // 4):
            doc_id = f"j{f}-{i}"
            if i % 500 == 7:  # 5 good lines per file
                a, b = rng.sample(COUNTRIES, 2)
                text = f"On {1 + i % 28} May 2019, {a} signed an agreement with {b} (file {f}, line {i})."
                if i % 1000 == 7:
                    text += " \u202e\u0301 and \\ud800 stays."  # RTL, combining mark; JSON-escaped
                lines.append(json.dumps({"id": doc_id, "text": text, "date": "2019-05-01"})
                             .replace("\\\\ud800", "\\ud800").encode())
                good.add(doc_id)
                continue
            kind = kinds[i % len(kinds)]
            obj = {"id": doc_id, "text": f"Iran met Turkey, case {i}.", "date": "2020-01-01"}
            line = json.dumps(obj).encode()
            if kind == "truncated":
                line = line[: rng.randint(1, len(line) - 2)]
            elif kind == "not-json":
                line = b"<html>not json " + str(i).encode()
            elif kind == "bad-utf8":
                line = line[:12] + b"\xc3\x28\xff" + line[12:]
            elif kind == "empty-text":
                line = json.dumps({**obj, "text": "   "}).encode()
            elif kind == "no-id":
                line = json.dumps({"text": obj["text"]}).encode()
            elif kind == "bad-date":
                line = json.dumps({**obj, "date": rng.choice(["2019-02-30", "last year", "2019/01/01"])}).encode()
            elif kind == "not-object":
                line = json.dumps([obj]).encode()
            elif kind == "deep":
                line = b"[" * 100_000
            elif kind == "wrong-type":
                line = json.dumps({**obj, "text": 42}).encode()
            else:
                line = json.dumps({**obj, "id": ""}).encode()
            lines.append(line)
            bad_lines += 1
        (root / f"feed{f}.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    # a JSONL file with one huge line (over the 20 M character default) between two good ones
    with (root / "huge.jsonl").open("wb") as fh:
        fh.write(json.dumps({"id": "h-a", "text": "India met Japan in 2001."}).encode() + b"\n")
        fh.write(b'{"id": "h-huge", "text": "' + b"Russia " * 3_000_000 + b'"}\n')
        fh.write(json.dumps({"id": "h-b", "text": "Japan met Brazil in 2002."}).encode() + b"\n")
    good |= {"h-a", "h-b"}
    bad_lines += 1
    # a truncated JSONL file: its last line stops mid-string
    (root / "cut.jsonl").write_bytes(json.dumps({"id": "c-a", "text": "Egypt met Kenya in 2003."}).encode()
                                     + b'\n{"id": "c-b", "text": "Brazil met')
    good.add("c-a")
    bad_lines += 1
    files = root / "files"
    files.mkdir()
    makers = {
        "binary.txt": lambda k: bytes(rng.randrange(256) for _ in range(300)) + b"\x00",
        "latin1.txt": lambda k: f"Caf\xe9 in Iran, case {k}.".encode("latin-1"),
        "empty.md": lambda k: b"",
        "blank.txt": lambda k: b"   \n\n  ",
        "utf16.txt": lambda k: f"Russia met Iran {k}.".encode("utf-16"),
        "nested.html": lambda k: b"<div>" * 20_000 + b"x" + b"</div>" * 5,
        "laughs.html": lambda k: b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><p>&b;</p>',
        "broken.pdf": lambda k: GOOD_PDF[: rng.randint(10, len(GOOD_PDF) // 2)],
        "garbage.pdf": lambda k: b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(200)),
        "empty.jsonl": lambda k: b"",
    }
    for k in range(30):
        for name, make in makers.items():
            stem, ext = name.rsplit(".", 1)
            fname = f"{stem}{k:02d}.{ext}"
            (files / fname).write_bytes(make(k))
            bad_files.add(fname)
    for k in range(8):
        a, b = rng.sample(COUNTRIES, 2)
        (files / f"good{k}.txt").write_text(f"On {k + 1} June 2015, {a} accused {b} (note {k}).\n")
        good.add(f"good{k}")
    (files / "good.html").write_text("<html><head><title>T</title></head><body><p>In 2011 France "
                                     "visited Egypt.</p><script>alert(1)</script></body></html>")
    good.add("good")
    return good, bad_files, bad_lines


def test_ten_thousand_malformed_documents_through_ingest(tmp_path: Path) -> None:
    good, bad_files, bad_lines = write_malformed_corpus(tmp_path / "corpus")
    n_docs = 4 * 2_500 + 3 + 2 + len(bad_files) + 9
    assert n_docs >= 10_000
    db = tmp_path / "store.duckdb"
    proc = subprocess.run([sys.executable, "-m", "detente.cli", "ingest", str(tmp_path / "corpus"),
                           "--db", str(db), "--no-progress"], capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-3000:]
    assert proc.returncode == 1, out[-3000:]  # some failed, the rest stored
    failures = [line for line in proc.stderr.splitlines() if line.startswith("detente: E")]
    assert len(failures) == len(bad_files) + bad_lines, (len(failures), len(bad_files), bad_lines)
    for name in bad_files:  # every bad file reported by name
        assert any(f"/{name}:" in line for line in failures), name
    reported_lines = {m.group(1) for m in (re.search(r"(feed\d\.jsonl:\d+)", ln) for ln in failures) if m}
    assert len(reported_lines) == 4 * 2_500 - 4 * 5
    from detente.store import Store

    with Store(db, read_only=True) as store:
        stored = {r[0] for r in store.con.execute("SELECT doc_id FROM documents").fetchall()}
        texts = [r[0] for r in store.con.execute("SELECT text FROM documents").fetchall()]
    assert stored == good
    assert all("\ud800" not in t for t in texts)
    print(f"{n_docs} documents ingested: {len(good)} stored, {len(failures)} reported, 0 tracebacks")
