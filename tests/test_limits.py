"""Size limits and bomb refusals: a file over --max-bytes (E006), a JSONL line over the line
limit (E030), an HTML page declaring entity expansions (E080), deeply nested HTML (bounded, no
crash), a PDF whose FlateDecode stream expands enormously (E080, refused before expansion) and a
PDF whose text is over the limit (E081). The HTTP body limit (413) is in test_web_security.py.
All crafted files are small (a few KB on disk)."""
from __future__ import annotations

import resource
import time
import zlib
from pathlib import Path

import pytest

from detente import readers
from detente.errors import ReadError
from detente.readers import iter_documents, read_file


def _one(path: Path, **kw) -> object:
    items = list(read_file(path, **kw))
    assert len(items) == 1, items
    return items[0]


def make_pdf(content: bytes, compress: bool = True) -> bytes:
    """A one-page PDF whose page content stream is `content` (FlateDecode when `compress`)."""
    stream = zlib.compress(content, 9) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< " + filt + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_good_pdf_reads(tmp_path: Path) -> None:
    path = tmp_path / "good.pdf"
    path.write_bytes(make_pdf(b"BT /F1 12 Tf 72 700 Td (Russia signed an agreement with Iran.) Tj ET"))
    doc = _one(path)
    assert not isinstance(doc, ReadError), doc
    assert "Russia signed an agreement" in doc.text


def test_pdf_flate_bomb_is_refused_not_expanded(tmp_path: Path) -> None:
    # 4x the per-stream limit of harmless content operators, compressed to a few hundred KB
    unit = b"BT /F1 12 Tf 72 700 Td (Russia) Tj ET\n"
    content = unit * (4 * readers.PDF_MAX_STREAM_BYTES // len(unit))
    path = tmp_path / "bomb.pdf"
    path.write_bytes(make_pdf(content))
    assert path.stat().st_size < len(content) // 100  # a real bomb: >100x expansion
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.monotonic()
    err = _one(path)
    elapsed = time.monotonic() - t0
    assert isinstance(err, ReadError) and err.code == "E080", err
    assert "bomb.pdf" in err.message and "decompression" in err.message
    # refused before expansion: the peak RSS did not grow by the expanded size (KB on Linux)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kb * 1024 < 2 * readers.PDF_MAX_STREAM_BYTES, grown_kb
    assert elapsed < 60


def test_pdf_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    content = b"BT /F1 12 Tf 72 700 Td " + b"(Russia met Iran. ) Tj " * 5000 + b"ET"
    path = tmp_path / "wordy.pdf"
    path.write_bytes(make_pdf(content))
    assert path.stat().st_size < 5000
    err = _one(path, max_bytes=20_000)  # the file is small; its text (~90 K characters) is not
    assert isinstance(err, ReadError) and err.code == "E081", err
    assert "20000-character limit" in err.message


def test_html_entity_expansion_bomb_is_refused(tmp_path: Path) -> None:
    decls = "".join(f' <!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">\n' for i in range(1, 10))
    html = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol0 "lol">\n' + decls
            + ']>\n<html><body><p>Russia met Iran. &lol9;</p></body></html>\n')
    path = tmp_path / "laughs.html"
    path.write_text(html, encoding="utf-8")
    err = _one(path)
    assert isinstance(err, ReadError) and err.code == "E080" and "ENTITY" in err.message


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_html_is_bounded(tmp_path: Path, depth: int) -> None:
    path = tmp_path / f"deep{depth}.html"
    path.write_text("<html><body>" + "<div><span>" * depth + "Russia met Iran in Tehran. "
                    + "</span></div>" * depth + "<p>Turkey signed a deal.</p></body></html>")
    t0 = time.monotonic()
    item = _one(path)  # a Document or a coded ReadError, never an exception or a hang
    assert time.monotonic() - t0 < 30
    if isinstance(item, ReadError):
        assert item.code in ("E009", "E011", "E080"), item
    else:
        assert len(item.text) < path.stat().st_size


def test_file_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Russia met Iran. " * 1000)
    err = _one(path, max_bytes=1000)
    assert isinstance(err, ReadError) and err.code == "E006"
    assert "big.txt" in err.message and "1000-byte limit" in err.message and "--max-bytes" in err.message
    assert not isinstance(_one(path, max_bytes=100_000), ReadError)


def test_jsonl_line_limit_skips_the_line_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lines.jsonl"
    huge = '{"id": "huge", "text": "' + "Russia met Iran. " * 2000 + '"}'
    path.write_text('{"id": "a", "text": "Iran met Turkey."}\n' + huge + "\n"
                    + '{"id": "b", "text": "Turkey met Iran."}\n')
    items = list(iter_documents([path], max_line_chars=1000))
    errs = [i for i in items if isinstance(i, ReadError)]
    assert [d.id for d in items if not isinstance(d, ReadError)] == ["a", "b"]
    assert len(errs) == 1 and errs[0].code == "E030"
    assert "lines.jsonl" in errs[0].message and "line 2" in errs[0].message
    assert "1000-character line limit" in errs[0].message


def test_jsonl_overlong_line_without_newline_is_skimmed(tmp_path: Path) -> None:
    # a truncated file whose last line never ends: still one E030, memory bounded by the limit
    path = tmp_path / "trunc.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Iran met Turkey."}\n{"id": "b", "text": "' + b"x" * 3_000_000)
    items = list(iter_documents([path], max_line_chars=10_000))
    assert [type(i).__name__ for i in items] == ["Document", "ReadError"]
    assert items[1].code == "E030"
