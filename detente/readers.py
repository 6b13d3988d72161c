"""Document readers: .txt .md .html .htm .pdf .jsonl -> `Document`s.

A batch never stops for one bad document: `iter_documents` yields a `ReadError` for it (with a
coded, one-line message naming the file) and goes on with the next. Offsets in event records
refer to `Document.text`: the decoded file for .txt/.md, the extracted main text for HTML and
PDF, the `text` field for a JSONL line. `document_text(path)` returns that same text.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .errors import DetenteError, Errors, ReadError

# One text document (txt, md, html, pdf) may be at most this many bytes on disk.
DEFAULT_MAX_BYTES = 20_000_000
# One JSONL line (one document) may be at most this many characters.
DEFAULT_MAX_LINE_CHARS = 20_000_000
# Decompression-bomb guards for PDF: one decoded stream may be at most this many bytes (pypdf's
# own default is 75 MB; a page's content stream is rarely over 1 MB), and a PDF's extracted text
# at most DEFAULT_MAX_BYTES characters, however small the file on disk.
PDF_MAX_STREAM_BYTES = 32_000_000
# Entity declarations have no place in an HTML page; a page that declares them ("billion
# laughs") is refused before any parser sees it. lxml's HTML parser would not expand them, but
# a refusal is clearer than a silently odd text.
_ENTITY_DECL_RE = re.compile(rb"<!ENTITY", re.I)
# JSON may spell a lone UTF-16 surrogate ("\ud800"); no UTF-8 store or terminal can hold one.
_LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
PDF_SUFFIXES = frozenset({".pdf"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | JSONL_SUFFIXES

# How much of a file the binary sniff looks at, and the share of control bytes that means binary.
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.10
# Control bytes that ordinary text does contain: tab, LF, VT, FF, CR, ESC.
_TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?\Z")
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Elements whose text is never document text (fallback HTML extraction).
_HTML_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
_HTML_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl", "hr",
    "main", "aside", "nav", "figure", "figcaption", "title", "td", "th",
})


@dataclass
class Document:
    """One document: its id, text (what offsets refer to), creation date and provenance."""

    id: str
    text: str
    date: _dt.date | None
    title: str | None
    url: str | None
    path: str
    content_hash: str

    @classmethod
    def from_text(cls, id: str, text: str, path: str, date: _dt.date | None = None,
                  title: str | None = None, url: str | None = None) -> Document:
        """Build a Document, computing `content_hash` (sha256 hex of the UTF-8 text)."""
        return cls(id=id, text=text, date=date, title=title, url=url, path=path,
                   content_hash=content_hash(text))


def content_hash(text: str) -> str:
    """sha256 hex digest of the UTF-8 encoding of `text`."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# --------------------------------------------------------------------------------------------
# Corpus iteration


def iter_documents(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
                   max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> Iterator[Document | ReadError]:
    """Yield a Document for every readable document under `paths` and a ReadError for every
    unreadable one; never raises for bad input. Directories are walked recursively in sorted
    order, and unsupported files inside them are skipped silently."""
    if isinstance(paths, (str, Path)):  # a lone path is a common slip; treat it as one path
        paths = [paths]
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = list(_walk(path))
            if not files:
                yield ReadError(Errors.E002, path=str(path))
                continue
            for file in files:
                yield from read_file(file, max_bytes=max_bytes, max_line_chars=max_line_chars)
        elif path.exists():
            yield from read_file(path, max_bytes=max_bytes, max_line_chars=max_line_chars)
        else:
            yield ReadError(Errors.E001, path=str(path))


def _walk(root: Path) -> Iterator[Path]:
    """Supported files under `root`, sorted; hidden files and folders (.git, …) are skipped.
    os.walk without followlinks: a symlink loop cannot make the walk endless."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                found.append(Path(dirpath) / name)
    yield from sorted(found)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
              max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> Iterator[Document | ReadError]:
    """Read one file of a supported type: Documents and ReadErrors, never an exception."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if not path.exists():
            yield ReadError(Errors.E001, path=str(path))
            return
        if path.is_dir():  # named explicitly: same rules as iter_documents
            yield from iter_documents([path], max_bytes, max_line_chars)
            return
        if suffix not in SUPPORTED_SUFFIXES:
            yield ReadError(Errors.E008, path=str(path), suffix=path.suffix or "(none)")
            return
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_line_chars)
            return
        yield _read_single(path, suffix, max_bytes)
    except ReadError as err:
        yield err
    except FileNotFoundError:  # vanished between listing and reading
        yield ReadError(Errors.E001, path=str(path))
    except OSError as exc:  # permission denied, I/O error, …
        yield ReadError(Errors.E013, path=str(path), detail=exc.strerror or str(exc))


def _read_single(path: Path, suffix: str, max_bytes: int) -> Document:
    """Read a one-document file (txt, md, html, pdf); raises ReadError."""
    data = _read_bytes(path, max_bytes)
    if suffix in PDF_SUFFIXES:
        text, title, date = _pdf_text(path, data, max_chars=max_bytes)
        url = None
    elif suffix in HTML_SUFFIXES:
        _check_binary(path, data)
        if _ENTITY_DECL_RE.search(data):
            raise ReadError(Errors.E080, path=str(path), detail="HTML declares <!ENTITY> expansions")
        text, title, date, url = _html_text(path, _decode_html(path, data))
    else:
        _check_binary(path, data)
        text = _decode(path, data)
        title = date = url = None
    if not text.strip():
        raise ReadError(Errors.E011, path=str(path))
    return Document.from_text(id=path.stem, text=text, path=str(path), date=date, title=title, url=url)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing empty files and (before reading) files over `max_bytes`."""
    size = path.stat().st_size
    if size == 0:
        raise ReadError(Errors.E003, path=str(path))
    if size > max_bytes:
        raise ReadError(Errors.E006, path=str(path), size=size, limit=max_bytes)
    with path.open("rb") as fh:
        # read at most one byte over the limit: the file may have grown since stat()
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError(Errors.E006, path=str(path), size=f"over {max_bytes}", limit=max_bytes)
    if not data:
        raise ReadError(Errors.E003, path=str(path))
    return data


def _check_binary(path: Path, data: bytes) -> None:
    """E004 for UTF-16/32 (recognised by their byte-order mark), E005 for binary data."""
    if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        raise ReadError(Errors.E004, path=str(path), detail="UTF-32 text; convert it to UTF-8")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ReadError(Errors.E004, path=str(path), detail="UTF-16 text; convert it to UTF-8")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise ReadError(Errors.E005, path=str(path))
    # bytes.translate with a delete table counts control bytes in C, not a Python loop
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(head):
        raise ReadError(Errors.E005, path=str(path))


def _decode(path: Path, data: bytes) -> str:
    """Strict UTF-8 decoding; a leading BOM is dropped and nothing else changes."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise ReadError(Errors.E004, path=str(path),
                        detail=f"invalid byte 0x{bad} at offset {exc.start}") from None


# --------------------------------------------------------------------------------------------
# HTML


def _decode_html(path: Path, data: bytes) -> str:
    """UTF-8 first; otherwise the charset the page declares in a <meta> tag; otherwise E004."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        match = _META_CHARSET_RE.search(data[:4096])
        if match:
            try:
                return data.decode(match.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        bad = data[exc.start:exc.start + 1].hex()
        raise ReadError(Errors.E004, path=str(path),
                        detail=f"invalid byte 0x{bad} at offset {exc.start}") from None


def _html_text(path: Path, html: str) -> tuple[str, str | None, _dt.date | None, str | None]:
    """Main text, title, date and URL of an HTML page (trafilatura, then a plain lxml fallback)."""
    import trafilatura  # imported lazily: it costs ~0.5 s and only HTML needs it

    title = url = None
    date = None
    text = ""
    try:
        with _quiet("trafilatura", "htmldate", "courlan", "justext"):
            result = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=True,
                # no extensive search: a date mentioned in the body is not the page's date
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        if result is not None:
            text = (getattr(result, "text", None) or "").strip("\n")
            title = getattr(result, "title", None) or None
            url = getattr(result, "url", None) or None
            date = _parse_date(getattr(result, "date", None))
        if not text.strip():
            text, fallback_title = _html_fallback(html)
            title = title or fallback_title
    except Exception as exc:
        # trafilatura/lxml on hostile markup (deep nesting -> RecursionError, lxml parser
        # errors, odd encodings): report the file and go on with the batch
        raise ReadError(Errors.E009, path=str(path), detail=_one_line(exc)) from None
    return text, title, date, url


def _html_fallback(html: str) -> tuple[str, str | None]:
    """All visible text of the page, one line per block element (used when trafilatura finds
    no main text, e.g. on very short pages)."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return "", None
    title_el = root.find(".//title")
    title = (title_el.text_content().strip() or None) if title_el is not None else None
    body = root.find("body")
    if body is None:
        body = root
    parts: list[str] = []
    skip_depth = 0
    # iterwalk is iterative (no Python recursion), so deep nesting cannot overflow the stack
    for event, el in lxml.etree.iterwalk(body, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _HTML_SKIP:
                skip_depth += 1
            elif not skip_depth:
                if tag in _HTML_BLOCKS:
                    parts.append("\n")
                if el.text:
                    parts.append(el.text)
        else:
            if tag in _HTML_SKIP:
                skip_depth -= 1
            elif not skip_depth and tag in _HTML_BLOCKS:
                parts.append("\n")
            if not skip_depth and el.tail and el is not body:
                parts.append(el.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    return "\n".join(line for line in lines if line), title


# --------------------------------------------------------------------------------------------
# PDF


@contextlib.contextmanager
def _quiet(*loggers: str) -> Iterator[None]:
    """Silence library warnings ("EOF marker not found") while reading: a bad file gets one
    coded error line from us, not a log line from the library as well."""
    saved = [(lg, lg.level) for lg in map(logging.getLogger, loggers)]
    for lg, _ in saved:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in saved:
            lg.setLevel(level)


def _pdf_text(path: Path, data: bytes,
              max_chars: int = DEFAULT_MAX_BYTES) -> tuple[str, str | None, _dt.date | None]:
    """Text of all pages joined with blank lines; title and creation date from the metadata.
    A stream that decodes to more than PDF_MAX_STREAM_BYTES is refused (E080), as is a text
    over `max_chars` characters (E081): a small file must not expand without bound."""
    with _quiet("pypdf"), _pdf_limits():
        return _pdf_text_inner(path, data, max_chars)


@contextlib.contextmanager
def _pdf_limits() -> Iterator[None]:
    """pypdf's decompression limits lowered to PDF_MAX_STREAM_BYTES for this read only."""
    try:
        from pypdf import apply_configuration  # pypdf >= 6.x: a context-local configuration
    except ImportError:  # older pypdf: its module-level limits (75 MB) stay as they are
        yield
        return
    limit = PDF_MAX_STREAM_BYTES
    wanted = {"zlib_maximum_output_length": limit, "lzw_maximum_output_length": limit,
              "run_length_maximum_output_length": limit, "maximum_declared_stream_length": limit,
              "array_based_stream_maximum_output_length": limit,
              "brotli_maximum_output_length": limit, "jbig2_maximum_output_length": limit}
    try:
        from pypdf import Configuration

        fields = set(getattr(Configuration, "__dataclass_fields__", {}))
        wanted = {k: v for k, v in wanted.items() if k in fields}
    except ImportError:
        pass
    with apply_configuration(**wanted):
        yield


def _is_limit_error(exc: BaseException) -> bool:
    """pypdf's LimitReachedError (its name, so that an older pypdf without it still works)."""
    return type(exc).__name__ == "LimitReachedError"


def _pdf_text_inner(path: Path, data: bytes,
                    max_chars: int) -> tuple[str, str | None, _dt.date | None]:
    import io

    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(Errors.E010, path=str(path), detail="encrypted")
        pages: list[str] = []
        failures = 0
        total = 0
        for page in reader.pages:
            try:
                page_text = (page.extract_text() or "").strip("\n")
            except Exception as exc:  # one broken page should not lose the others …
                if _is_limit_error(exc):  # … but a bomb on one page refuses the file
                    raise ReadError(Errors.E080, path=str(path), detail=_one_line(exc)) from None
                failures += 1
                continue
            total += len(page_text) + 2
            if total > max_chars:
                raise ReadError(Errors.E081, path=str(path), limit=max_chars)
            pages.append(page_text)
        if failures and not any(p.strip() for p in pages):
            raise ReadError(Errors.E010, path=str(path), detail=f"text extraction failed on {failures} page(s)")
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, ValueError, KeyError, …)
        if _is_limit_error(exc):
            raise ReadError(Errors.E080, path=str(path), detail=_one_line(exc)) from None
        raise ReadError(Errors.E010, path=str(path), detail=_one_line(exc)) from None
    text = "\n\n".join(p for p in pages if p.strip())
    title = date = None
    try:
        meta = reader.metadata
        if meta is not None:
            title = (meta.title or "").strip() or None
            created = meta.creation_date
            date = created.date() if created is not None else None
    except Exception:  # malformed metadata is not worth losing the document for
        pass
    return text, title, date


# --------------------------------------------------------------------------------------------
# JSONL


def _read_jsonl(path: Path, max_line_chars: int) -> Iterator[Document | ReadError]:
    """One Document per line; a bad line yields a ReadError (E007/E030) and reading goes on."""
    if path.stat().st_size == 0:
        yield ReadError(Errors.E003, path=str(path))
        return
    seen: dict[str, int] = {}
    nonblank = False
    with path.open("rb") as fh:
        for lineno, raw, size in _lines(fh, max_line_chars):
            if raw is None:
                nonblank = True
                yield ReadError(Errors.E030, path=str(path), line=lineno, size=size, limit=max_line_chars)
                continue
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            nonblank = True
            item = _parse_line(path, lineno, raw)
            if isinstance(item, ReadError):
                yield item
                continue
            first = seen.get(item.id)
            if first is not None:
                yield ReadError(Errors.E007, path=str(path), line=lineno,
                                detail=f"duplicate id {item.id!r} (first on line {first}); skipped")
                continue
            seen[item.id] = lineno
            yield item
    if not nonblank:  # only blank lines: as good as empty
        yield ReadError(Errors.E003, path=str(path))


def _lines(fh: BinaryIO, max_line_chars: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes, 0) per line, or (line number, None, characters) for a line over the
    limit. Memory stays bounded: an overlong line is skimmed in chunks, never held whole."""
    # a character is at most 4 UTF-8 bytes, so a longer byte run is surely over the limit
    byte_cap = 4 * max_line_chars + 1
    lineno = 0
    while True:
        line = fh.readline(byte_cap)
        if not line:
            return
        lineno += 1
        if line.endswith(b"\n") or len(line) < byte_cap:
            chars = _count_chars(line.rstrip(b"\r\n"))
            if chars > max_line_chars:
                yield lineno, None, chars
            else:
                yield lineno, line, 0
            continue
        chars = _count_chars(line)
        while True:  # skim the rest of the overlong line
            chunk = fh.readline(1 << 20)
            if not chunk:
                break
            chars += _count_chars(chunk.rstrip(b"\r\n"))
            if chunk.endswith(b"\n"):
                break
        yield lineno, None, chars


# UTF-8 continuation bytes (0b10xxxxxx) do not start a character
_CONTINUATION = bytes(range(0x80, 0xC0))


def _count_chars(data: bytes) -> int:
    """Number of UTF-8 characters in `data` (counting lead bytes; invalid bytes count as one)."""
    return len(data.translate(None, _CONTINUATION))


def _parse_line(path: Path, lineno: int, raw: bytes) -> Document | ReadError:
    """One JSONL line -> Document, or an E007 ReadError saying what is wrong with it."""
    def bad(detail: str) -> ReadError:
        return ReadError(Errors.E007, path=str(path), line=lineno, detail=detail)

    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return bad(f"not UTF-8: invalid byte 0x{raw[exc.start:exc.start + 1].hex()}")
    try:
        obj: Any = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return bad(f"not JSON: {detail}")
    if not isinstance(obj, dict):
        return bad(f"expected a JSON object, got {type(obj).__name__}")
    doc_id = obj.get("id")
    if doc_id is None or doc_id == "":
        return bad("missing 'id'")
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        return bad("'id' must be a string")
    if "text" not in obj or obj["text"] is None:
        return bad("missing 'text'")
    text = obj["text"]
    if not isinstance(text, str):
        return bad(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        return bad("'text' is empty")
    # one U+FFFD per lone surrogate: the same length, so offsets still fit the text
    text = _no_surrogates(text)
    doc_id = _no_surrogates(doc_id) if isinstance(doc_id, str) else doc_id
    try:
        date = _parse_date(obj.get("date"), strict=True)
    except ValueError as exc:
        return bad(str(exc))
    extras: dict[str, str | None] = {}
    for key in ("title", "url"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return bad(f"'{key}' must be a string")
        extras[key] = _no_surrogates(value) if value else None
    return Document.from_text(id=str(doc_id), text=text, path=str(path), date=date,
                              title=extras["title"], url=extras["url"])


def _no_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (a no-op, and cheap, for valid text)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _LONE_SURROGATE_RE.sub("\ufffd", text)


def _parse_date(value: object, strict: bool = False) -> _dt.date | None:
    """YYYY-MM-DD (a longer ISO timestamp is cut to its date). With strict, anything else
    raises ValueError; without, it gives None."""
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    match = _DATE_RE.match(value) if isinstance(value, str) else None
    if match:
        try:
            return _dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    if strict:
        raise ValueError(f"bad date {value!r}: expected YYYY-MM-DD")
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


# --------------------------------------------------------------------------------------------
# Text of one document


def document_text(path: str | Path, doc_id: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES,
                  max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> str:
    """The text that event offsets refer to (what `detente text PATH` prints).

    For a .jsonl file, which holds many documents, `doc_id` names the document; without it the
    file must hold exactly one document. Raises ReadError (a DetenteError) on failure.
    """
    path = Path(path)
    if not path.exists():
        raise ReadError(Errors.E001, path=str(path))
    if path.is_dir():
        raise ReadError(Errors.E008, path=str(path), suffix="(directory)")
    docs: list[Document] = []
    for item in read_file(path, max_bytes=max_bytes, max_line_chars=max_line_chars):
        if isinstance(item, ReadError):
            if path.suffix.lower() not in JSONL_SUFFIXES:
                raise item
            continue  # a bad line elsewhere in the file does not matter here
        if doc_id is None or item.id == doc_id:
            docs.append(item)
    if doc_id is not None and not docs:
        raise ReadError(Errors.E007, path=str(path), line="?", detail=f"no document with id {doc_id!r}")
    if len(docs) == 1:
        return docs[0].text
    if not docs:
        raise ReadError(Errors.E011, path=str(path))
    raise DetenteError(Errors.E012, path=str(path), count=len(docs))


# Fallback templates until errors.py has codes for these cases (proposed to the lead).
