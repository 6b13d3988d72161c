"""Tests for detente.readers: every format, every bad-input code, and the never-raise rule."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from detente import readers
from detente.errors import DetenteError, ReadError
from detente.readers import Document, document_text, iter_documents


def _read(*paths: Path | str, **kw) -> list[Document | ReadError]:
    return list(iter_documents([str(p) for p in paths], **kw))


def _codes(items: list[Document | ReadError]) -> list[str]:
    return [i.code if isinstance(i, ReadError) else "doc" for i in items]


def _pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF with one line of Helvetica text per page (xref offsets computed)."""
    objs: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    font_id = 3 + 2 * n_pages
    for i, text in enumerate(pages):
        content_id = 4 + 2 * i
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {content_id} 0 R "
                    f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode())
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ------------------------------------------------------------------------------------- formats


def test_txt_keeps_text_exactly_but_drops_bom(tmp_path: Path) -> None:
    path = tmp_path / "brief-2014.txt"
    raw = "Leaders met in Bishkek.\r\n\r\n  Trade grew   to $20 billion.\n"
    path.write_bytes(b"\xef\xbb\xbf" + raw.encode("utf-8"))
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert doc.id == "brief-2014"
    assert doc.text == raw  # CRLF and spacing untouched: offsets refer to the file's own text
    assert doc.content_hash == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert doc.path == str(path)
    assert doc.date is None and doc.title is None and doc.url is None
    assert document_text(path) == raw


def test_md_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("# Heading\n\nIran and *Russia* signed a deal.\n", encoding="utf-8")
    [doc] = _read(path)
    assert doc.text == "# Heading\n\nIran and *Russia* signed a deal.\n"
    assert doc.id == "note"


def test_html_main_text_title_date_url(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Talks</title><meta name='date' content='2019-03-05'>"
        "<link rel='canonical' href='https://example.org/talks'></head><body>"
        "<nav>Home | Contact | Login</nav><article><h1>Ministers meet in Bishkek</h1>"
        "<p>The foreign ministers of Kazakhstan and Kyrgyzstan met in Bishkek on Monday and "
        "agreed to reopen three border crossings closed since the spring.</p>"
        "<p>Officials said a second round of talks would follow in Astana next month.</p>"
        "</article><script>var tracking = 1;</script><footer>Copyright notice</footer></body></html>",
        encoding="utf-8")
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert "met in Bishkek on Monday" in doc.text
    assert "tracking" not in doc.text and "<p>" not in doc.text
    assert doc.date == dt.date(2019, 3, 5)
    assert doc.url == "https://example.org/talks"
    assert doc.title
    assert document_text(path) == doc.text  # `detente text` shows what offsets refer to


def test_html_fallback_when_trafilatura_finds_nothing(tmp_path: Path, monkeypatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    path = tmp_path / "tiny.htm"
    path.write_text("<html><head><title>T</title><style>p{}</style></head><body>"
                    "<div><p>Tehran and Moscow</p><p>agreed.</p></div></body></html>", encoding="utf-8")
    [doc] = _read(path)
    assert doc.text == "Tehran and Moscow\nagreed."
    assert doc.title == "T"


def test_html_extractor_crash_is_e009(tmp_path: Path, monkeypatch) -> None:
    import trafilatura

    def boom(*a, **k):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    path = tmp_path / "deep.html"
    path.write_text("<div>" * 50 + "x" + "</div>" * 50, encoding="utf-8")
    [err] = _read(path)
    assert isinstance(err, ReadError) and err.code == "E009"
    assert str(path) in err.message and "\n" not in err.message


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "nest.html"
    path.write_text("<div>" * 20000 + "text" + "</div>" * 20000, encoding="utf-8")
    items = _read(path)
    assert len(items) == 1  # a document or a coded error, never an exception
    assert isinstance(items[0], Document) or items[0].code in ("E009", "E011")


def test_html_with_declared_charset(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    html = ("<html><head><meta charset='iso-8859-1'></head><body><p>Caf\u00e9 talks in Gen\u00e8ve "
            "ended without a deal after three days of negotiations between the delegations.</p>"
            "</body></html>")
    path.write_bytes(html.encode("latin-1"))
    [doc] = _read(path)
    assert isinstance(doc, Document)
    assert "Genève" in doc.text


def test_pdf_pages_joined_with_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf(["Russia and Iran met.", "Trade reached 20 billion."]))
    [doc] = _read(path)
    assert isinstance(doc, Document), doc
    assert doc.id == "report"
    assert "Russia and Iran met." in doc.text
    first, second = doc.text.split("\n\n")
    assert "Russia" in first and "Trade" in second
    assert document_text(path) == doc.text


def test_pdf_malformed_is_e010(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref")
    [err] = _read(path)
    assert err.code == "E010" and str(path) in err.message


def test_pdf_without_text_is_e011(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    [err] = _read(path)
    assert err.code == "E011"


def test_jsonl_documents_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        {"id": "a1", "text": "Iran protested.", "date": "2014-08-13", "title": "T1", "url": "https://x.org/1"},
        {"id": 7, "text": "Russia replied."},
        {"id": "a3", "text": "Talks ended.", "date": "2015-01-02T10:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n\n", encoding="utf-8")
    docs = _read(path)
    assert [d.id for d in docs] == ["a1", "7", "a3"]
    assert docs[0].date == dt.date(2014, 8, 13)
    assert docs[0].title == "T1" and docs[0].url == "https://x.org/1"
    assert docs[1].date is None and docs[1].title is None
    assert docs[2].date == dt.date(2015, 1, 2)
    assert all(d.path == str(path) for d in docs)
    assert docs[0].content_hash == hashlib.sha256(b"Iran protested.").hexdigest()


def test_jsonl_bad_lines_are_reported_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "ok1", "text": "First."}),
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "x", "text": 42}),
        json.dumps({"id": "y", "text": "bad date", "date": "13/08/2014"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "ok1", "text": "duplicate"}),
        json.dumps({"id": "z"}),
        json.dumps({"id": "ok2", "text": "Last."}),
    ]), encoding="utf-8")
    items = _read(path)
    assert _codes(items) == ["doc", "E007", "E007", "E007", "E007", "E007", "E007", "E007", "doc"]
    assert [i.id for i in items if isinstance(i, Document)] == ["ok1", "ok2"]
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [e.message.split(":")[1] for e in errors] == ["2", "3", "4", "5", "6", "7", "8"]
    assert "duplicate id 'ok1'" in errors[5].message
    assert all(str(path) in e.message and "\n" not in e.message for e in errors)


def test_jsonl_overlong_line_is_e030(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"id": "big", "text": "é" * 500}, ensure_ascii=False)
    path.write_text(long_line + "\n" + json.dumps({"id": "small", "text": "ok"}) + "\n", encoding="utf-8")
    items = _read(path, max_line_chars=100)
    assert _codes(items) == ["E030", "doc"]
    assert "line 1" in items[0].message and "100-character" in items[0].message
    # counted in characters, not UTF-8 bytes (each é is two bytes)
    assert f" {len(long_line)} characters" in items[0].message
    assert items[1].id == "small"


def test_jsonl_with_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"id": "a", "text": "Hello"}\r\n{"id": "b", "text": "World"}\r\n')
    assert [d.id for d in _read(path)] == ["a", "b"]


def test_document_text_of_jsonl(tmp_path: Path) -> None:
    many = tmp_path / "many.jsonl"
    many.write_text('{"id": "a", "text": "Alpha"}\n{"id": "b", "text": "Beta"}\n', encoding="utf-8")
    assert document_text(many, doc_id="b") == "Beta"
    with pytest.raises(DetenteError):
        document_text(many)  # which of the two? the caller must say
    with pytest.raises(ReadError):
        document_text(many, doc_id="nope")
    one = tmp_path / "one.jsonl"
    one.write_text('{"id": "a", "text": "Alpha"}\n', encoding="utf-8")
    assert document_text(one) == "Alpha"


# ------------------------------------------------------------------------------------ folders


def test_directory_recursive_sorted_unsupported_skipped(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z text", encoding="utf-8")
    (tmp_path / "a" / "y.md").write_text("Y text", encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "c.TXT").write_text("C text", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git internals", encoding="utf-8")
    docs = _read(tmp_path)
    assert [d.text for d in docs] == ["Y text", "Z text", "C text"]


def test_directory_without_documents_is_e002(tmp_path: Path) -> None:
    (tmp_path / "pic.png").write_bytes(b"\x89PNG")
    [err] = _read(tmp_path)
    assert err.code == "E002" and str(tmp_path) in err.message
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _codes(_read(empty)) == ["E002"]


# ---------------------------------------------------------------------------------- bad input


def test_missing_path_is_e001(tmp_path: Path) -> None:
    [err] = _read(tmp_path / "nope.txt")
    assert err.code == "E001" and "nope.txt" in err.message
    with pytest.raises(ReadError) as info:
        document_text(tmp_path / "nope.txt")
    assert info.value.code == "E001"


def test_empty_file_is_e003(tmp_path: Path) -> None:
    for name in ("e.txt", "e.html", "e.pdf", "e.jsonl"):
        (tmp_path / name).write_bytes(b"")
        assert _codes(_read(tmp_path / name)) == ["E003"], name


def test_blank_jsonl_is_e003(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text("\n\n  \n", encoding="utf-8")
    assert _codes(_read(tmp_path / "b.jsonl")) == ["E003"]


def test_whitespace_only_text_is_e011(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_text(" \n\t\n", encoding="utf-8")
    assert _codes(_read(tmp_path / "w.txt")) == ["E011"]


def test_non_utf8_is_e004(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 in Gen\u00e8ve".encode("latin-1"))
    [err] = _read(tmp_path / "latin.txt")
    assert err.code == "E004" and "0xe9" in err.message
    (tmp_path / "wide.txt").write_bytes("Hello".encode("utf-16"))
    [err] = _read(tmp_path / "wide.txt")
    assert err.code == "E004" and "UTF-16" in err.message


def test_binary_is_e005(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"abc\x00def" * 10)
    (tmp_path / "ctl.md").write_bytes(bytes(range(1, 9)) * 40 + b"some text")
    assert _codes(_read(tmp_path / "nul.txt", tmp_path / "ctl.md")) == ["E005", "E005"]
    (tmp_path / "esc.txt").write_text("ok\ttabbed\x0cform feed\n", encoding="utf-8")
    assert _codes(_read(tmp_path / "esc.txt")) == ["doc"]


def test_oversize_is_e006_without_reading(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 50 MB file: cheap to make
        fh.truncate(50_000_000)
    opened: list[Path] = []
    real_open = Path.open

    def spy(self, *a, **k):
        opened.append(self)
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", spy)
    [err] = _read(big)
    assert err.code == "E006" and "50000000" in err.message
    assert big not in opened  # refused on stat(), before any read
    small = tmp_path / "small.html"
    small.write_text("<p>" + "x" * 200 + "</p>", encoding="utf-8")
    assert _codes(_read(small, max_bytes=100)) == ["E006"]


def test_named_unsupported_file_is_e008(tmp_path: Path) -> None:
    (tmp_path / "a.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "README").write_text("no suffix", encoding="utf-8")
    errs = _read(tmp_path / "a.docx", tmp_path / "README")
    assert _codes(errs) == ["E008", "E008"]
    assert "'.docx'" in errs[0].message


def test_batch_goes_on_after_errors(tmp_path: Path) -> None:
    (tmp_path / "good1.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\xfa")
    (tmp_path / "good2.md").write_text("Two.", encoding="utf-8")
    items = _read(tmp_path / "good1.txt", tmp_path / "missing.txt", tmp_path / "bad.txt",
                  tmp_path / "good2.md")
    assert _codes(items) == ["doc", "E001", "E004", "doc"]
    assert all(isinstance(i, (Document, ReadError)) for i in items)


def test_a_single_path_string_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Alone.", encoding="utf-8")
    [doc] = list(iter_documents(str(tmp_path / "one.txt")))
    assert doc.text == "Alone."


def test_document_from_text_hashes() -> None:
    doc = Document.from_text(id="x", text="Tehran", path="<memory>")
    assert doc.content_hash == readers.content_hash("Tehran")
    assert doc.content_hash != readers.content_hash("Tehran ")


def test_unreadable_file_is_reported_not_raised(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")

    def denied(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    [err] = _read(path)
    assert isinstance(err, ReadError) and err.code != "E001"
    assert str(path) in err.message and "Permission denied" in err.message
