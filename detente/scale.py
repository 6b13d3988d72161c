"""Scale: one chunk function for the single-machine path and for a Dask cluster, plus progress.

The unit of work is a *chunk* of documents. `process_chunk(documents, extractor)` codes one chunk
(through `nlp.pipe`, inside `nlp.memory_zone()` so the strings and Docs of the chunk are freed
when it is done) and returns one `DocResult` per document. `detente.store.ingest` calls it
directly on one machine; on a cluster (`run_on_cluster`) every Dask worker calls the same
function on the chunks it is sent, returns the records as Parquet bytes, and the client, the
only writer of the DuckDB file, stores them one document per transaction.

On a cluster:
  * the model is loaded once per worker process (`worker_extractor`, warmed by a worker plugin)
    from a small picklable `ExtractorSpec`; the spaCy pipeline itself is never pickled;
  * each finished chunk is written to `<db>.work/chunk-<key>.parquet` (atomically) before it is
    stored, and removed once all its documents are in the store; a re-run first reuses such
    files, so a chunk that was coded but not stored is not coded again, and documents already
    in the store (same content hash) are never sent at all;
  * a failing chunk is retried (`retries`) and, if it still fails, its documents are reported
    as failures (E099) while the run goes on.

Dask is an optional extra (`pip install "detente[cluster]"`); it is imported only here, and
only when a cluster is asked for.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import DetenteError, Errors, one_line
from .readers import Document
from .record import Actor, Event, Location, Quantity

if TYPE_CHECKING:
    import pyarrow as pa

    from .extractor import Extractor

# Documents per chunk: small enough that a chunk's Docs and strings are a few MB, large enough
# that nlp.pipe batches stay full and a cluster task costs seconds, not milliseconds.
DEFAULT_CHUNK_DOCS = 32
# Characters per chunk, too: a chunk of 32 long articles is minutes of work, and on a cluster a
# few such chunks leave workers idle at the end of a run while one finishes the last of them.
# ~1M characters is about a minute of parsing on one core.
DEFAULT_CHUNK_CHARS = 1_000_000
# A failed cluster chunk is tried this many more times before its documents are reported.
DEFAULT_RETRIES = 2
# Chunks in flight per worker: enough to keep every worker busy while the client stores,
# few enough that the client's memory does not grow with the corpus.
IN_FLIGHT_PER_WORKER = 2
WORK_SUFFIX = ".work"


# ------------------------------------------------------------------------------ the work
@dataclass
class DocResult:
    """The outcome of coding one document: its events, or the coded error message."""

    document: Document
    events: list[Event] | None
    error: str | None = None


class ExtractorLike(Protocol):
    """What the chunk function needs of an extractor (detente.Extractor, or a test double)."""

    @property
    def nlp(self) -> Any: ...

    def extract_documents(self, documents: Iterable[Document], batch_size: int = 16,
                          n_process: int = 1) -> Iterator[tuple[Document, list[Event]]]: ...


def process_chunk(documents: Sequence[Document], extractor: ExtractorLike, batch_size: int = 16,
                  n_process: int = 1, memory_zone: bool = True) -> list[DocResult]:
    """Code one chunk of documents: one DocResult per document, in input order.

    A document that breaks the pipeline becomes a DocResult with `error` (E099) and the others
    go on. With `memory_zone`, the chunk runs inside `nlp.memory_zone()`: events are plain
    dataclasses built inside the zone, so nothing that refers to a Doc, Token, Span or a
    transient string outlives it, and the vocabulary does not grow with the corpus.
    """
    from .extractor import safe_extract

    if not documents:
        return []
    nlp = extractor.nlp
    zone = nlp.memory_zone() if memory_zone and hasattr(nlp, "memory_zone") else contextlib.nullcontext()
    results: list[DocResult] = []
    with zone:
        # group=len: safe_extract retries one by one only when the chunk as a whole fails
        for document, outcome in safe_extract(extractor, documents, batch_size=batch_size,
                                              n_process=n_process, group=len(documents)):
            if isinstance(outcome, DetenteError):
                results.append(DocResult(document, None, outcome.message))
            else:
                results.append(DocResult(document, list(outcome)))
    return results


def chunked(items: Iterable[Document], size: int,
            max_chars: int | None = None) -> Iterator[list[Document]]:
    """Lists of at most `size` documents and, once reached, about `max_chars` characters of
    text, streaming (one chunk in memory at a time)."""
    chunk: list[Document] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(item.text)
        if len(chunk) >= size or (max_chars is not None and chars >= max_chars):
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


# ------------------------------------------------------------------------------ records <-> Parquet
_RECORD_COLUMNS = ("content_hash", "doc_id", "events", "error")


def event_from_dict(d: dict[str, Any]) -> Event:
    """An Event back from `Event.to_dict()` (as JSON)."""
    loc = d.get("location")
    return Event(**{**d,
                    "source": Actor(**d["source"]), "target": Actor(**d["target"]),
                    "location": Location(**loc) if loc else None,
                    "quantities": [Quantity(**q) for q in d.get("quantities") or ()]})


def results_table(results: Sequence[DocResult]) -> "pa.Table":
    """A chunk's records as an Arrow table: one row per document, its events as JSON (the
    exact Event fields, so the store gets what the single-process path would give it)."""
    import pyarrow as pa

    return pa.table({
        "content_hash": pa.array([r.document.content_hash for r in results], pa.string()),
        "doc_id": pa.array([r.document.id for r in results], pa.string()),
        "events": pa.array([None if r.events is None else
                            json.dumps([e.to_dict() for e in r.events], ensure_ascii=False)
                            for r in results], pa.string()),
        "error": pa.array([r.error for r in results], pa.string()),
    })


def table_records(table: "pa.Table") -> dict[str, tuple[list[Event] | None, str | None]]:
    """content_hash -> (events, error) from a `results_table`."""
    cols = table.to_pydict()
    return {h: (None if ev is None else [event_from_dict(d) for d in json.loads(ev)], err)
            for h, ev, err in zip(cols["content_hash"], cols["events"], cols["error"])}


def parquet_bytes(table: "pa.Table") -> bytes:
    """A table as the bytes of a Parquet file (zstd)."""
    import pyarrow.parquet as pq

    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


# ------------------------------------------------------------------------------ worker side
@dataclass(frozen=True)
class ExtractorSpec:
    """How to build an Extractor: small, hashable and picklable, so workers build their own
    pipeline instead of receiving a pickled one."""

    model: str | None = None
    actor_files: tuple[str, ...] = ()
    lexicon_files: tuple[str, ...] = ()
    narrative_dates: bool = True
    chunk_chars: int | None = None
    verb_files: tuple[str, ...] = ()
    verb_codes: str = "auto"
    domestic: bool = False
    discard_files: tuple[str, ...] = ()
    verbs_only: bool = False

    @classmethod
    def from_extractor(cls, ex: "Extractor") -> ExtractorSpec:
        """The spec an existing Extractor was built from."""
        return cls(ex.model, tuple(ex.actor_files), tuple(ex.lexicon_files), ex.narrative_dates,
                   ex.chunk_chars, tuple(getattr(ex, "verb_files", ())), getattr(ex, "verb_codes", "auto"),
                   getattr(ex, "domestic", False), tuple(getattr(ex, "discard_files", ())),
                   getattr(ex, "verbs_only", False))

    def build(self) -> "Extractor":
        """A new Extractor with this configuration (its pipeline loads on first use)."""
        from .extractor import CHUNK_CHARS, Extractor

        return Extractor(self.model, self.actor_files, self.lexicon_files,
                         narrative_dates=self.narrative_dates,
                         chunk_chars=self.chunk_chars or CHUNK_CHARS, verb_files=self.verb_files,
                         verb_codes=self.verb_codes, domestic=self.domestic,
                         discard_files=self.discard_files, verbs_only=self.verbs_only)


class SpecLike(Protocol):
    """Anything hashable and picklable with a `build()` that returns an extractor."""

    def build(self) -> ExtractorLike: ...


# One extractor per spec per process: a Dask worker process loads the model once and keeps it.
_EXTRACTORS: dict[Any, ExtractorLike] = {}


def worker_extractor(spec: SpecLike) -> ExtractorLike:
    """The extractor of `spec` in this process, built and its pipeline loaded on first call."""
    ex = _EXTRACTORS.get(spec)
    if ex is None:
        ex = spec.build()
        ex.nlp  # noqa: B018  (load now: a missing model fails here, not inside a chunk)
        _EXTRACTORS[spec] = ex
    return ex


def cluster_task(spec: SpecLike, documents: list[Document], batch_size: int = 16,
                 memory_zone: bool = True) -> bytes:
    """What a Dask worker runs for one chunk: the chunk's records as Parquet bytes."""
    results = process_chunk(documents, worker_extractor(spec), batch_size=batch_size,
                            memory_zone=memory_zone)
    return parquet_bytes(results_table(results))


def _worker_plugin(spec: SpecLike) -> Any:
    """A Dask WorkerPlugin that loads the model when a worker starts (or joins later), so the
    first chunk of each worker does not pay for it. Built here so that importing detente.scale
    does not import distributed."""
    from distributed import WorkerPlugin

    class DetenteExtractorPlugin(WorkerPlugin):
        name = "detente-extractor"

        def __init__(self, spec: SpecLike) -> None:
            self.spec = spec

        def setup(self, worker: Any) -> None:
            worker_extractor(self.spec)

    return DetenteExtractorPlugin(spec)


# ------------------------------------------------------------------------------ client side
def parse_cluster(spec: str) -> tuple[str, int | str | None]:
    """'local' -> ('local', None); 'local:4' -> ('local', 4); 'tcp://host:8786' -> ('tcp', address).
    Raises DetenteError E070 for anything else."""
    text = spec.strip()
    if text == "local":
        return "local", None
    if text.startswith("local:"):
        n = text[6:]
        if n.isdigit() and 0 < int(n) <= 1024:
            return "local", int(n)
    elif "://" in text and text.split("://", 1)[1]:
        return "tcp", text
    raise DetenteError(Errors.E070, spec=spec)


@contextlib.contextmanager
def open_client(cluster: "str | Any") -> Iterator[Any]:
    """A Dask distributed Client for `cluster`: a spec string ('local', 'local:N',
    'tcp://host:8786') or an existing Client (used as is, not closed)."""
    if not isinstance(cluster, str):
        yield cluster
        return
    kind, arg = parse_cluster(cluster)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DetenteError(Errors.E071, address=cluster,
                           detail='Dask is not installed: pip install "dask[distributed]"') from None
    if kind == "local":
        n = arg if isinstance(arg, int) else (os.cpu_count() or 1)
        # One single-threaded process per worker: spaCy holds the GIL, so threads would not help.
        # No dashboard: it needs bokeh and a free port, and a batch job has no one to look at it.
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=":0",
                          silence_logs=40) as lc, Client(lc) as client:
            yield client
        return
    try:
        client = Client(str(arg), timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:  # unreachable, refused, bad address
        raise DetenteError(Errors.E071, address=cluster, detail=one_line(exc)) from None
    try:
        yield client
    finally:
        client.close()


def work_dir_for(db_path: str) -> Path:
    """Where chunk Parquet files of a store live: beside it, `<db>.work/`."""
    return Path(db_path + WORK_SUFFIX) if db_path != ":memory:" else Path(".detente" + WORK_SUFFIX)


def _chunk_key(documents: Sequence[Document]) -> str:
    h = hashlib.sha256("\n".join(d.content_hash for d in documents).encode()).hexdigest()
    return h[:24]


def _done_index(work: Path) -> dict[str, Path]:
    """content_hash -> chunk file, for every finished chunk file in the work dir."""
    import pyarrow.parquet as pq

    index: dict[str, Path] = {}
    if not work.is_dir():
        return index
    for path in sorted(work.glob("chunk-*.parquet")):
        try:
            cols = pq.read_table(path, columns=["content_hash", "error"]).to_pydict()
        except Exception:  # a damaged file (disk full mid-write): its chunk is simply redone
            continue
        for h, err in zip(cols["content_hash"], cols["error"]):
            if err is None:  # a document that failed is coded again, not reloaded
                index[h] = path
    return index


def run_on_cluster(chunks: Iterable[list[Document]], spec: SpecLike, cluster: "str | Any",
                   work: Path, is_stored: Callable[[str], bool], batch_size: int = 16,
                   retries: int = DEFAULT_RETRIES, memory_zone: bool = True,
                   stats: ClusterStats | None = None) -> Iterator[list[DocResult]]:
    """Code `chunks` on a Dask cluster; yield each chunk's DocResults in input order.

    The caller stores the results it is given; when it asks for the next chunk, the chunk file
    of the previous one is removed if `is_stored` says all its documents are in the store.
    """
    stats = stats if stats is not None else ClusterStats()
    done = _done_index(work)
    chunk_iter = iter(chunks)
    first = next(chunk_iter, None)
    if first is None:
        return
    with open_client(cluster) as client:
        client.register_plugin(_worker_plugin(spec))  # loads the model on every worker
        stats.workers = len(client.scheduler_info(n_workers=-1).get("workers", {})) or 1
        window: deque[tuple[list[Document], str, Any]] = deque()
        limit = max(2, IN_FLIGHT_PER_WORKER * stats.workers)

        def submit(docs: list[Document]) -> None:
            key = _chunk_key(docs)
            if all(d.content_hash in done for d in docs):
                stats.chunks_reused += 1
                window.append((docs, key, None))  # coded by an earlier run: load its file
                return
            stats.chunks_submitted += 1
            fut = client.submit(cluster_task, spec, docs, batch_size, memory_zone,
                                key=f"detente-chunk-{key}", retries=retries, pure=False)
            window.append((docs, key, fut))

        submit(first)
        for docs in chunk_iter:
            if len(window) >= limit:
                yield _collect(window.popleft(), work, done, is_stored, retries, stats)
            submit(docs)
        while window:
            yield _collect(window.popleft(), work, done, is_stored, retries, stats)
    with contextlib.suppress(OSError):
        work.rmdir()  # only when empty: files of chunks not fully stored stay for the re-run


@dataclass
class ClusterStats:
    """What the cluster side of a run did."""

    workers: int = 0
    chunks_submitted: int = 0
    chunks_reused: int = 0
    chunks_failed: int = 0
    files: list[str] = field(default_factory=list)


def _collect(item: tuple[list[Document], str, Any], work: Path, done: dict[str, Path],
             is_stored: Callable[[str], bool], retries: int, stats: ClusterStats) -> list[DocResult]:
    docs, key, fut = item
    import pyarrow.parquet as pq

    if fut is None:
        records: dict[str, tuple[list[Event] | None, str | None]] = {}
        files: dict[Path, list[str]] = {}
        for path in sorted({done[d.content_hash] for d in docs}):
            got = table_records(pq.read_table(path))
            records.update(got)
            files[path] = [h for h, (_, err) in got.items() if err is None]
        return _Cleanup([DocResult(d, *records[d.content_hash]) for d in docs], files, is_stored)
    try:
        data = fut.result()
    except Exception as exc:  # the chunk failed on every try: its documents are reported
        stats.chunks_failed += 1
        detail = f"chunk failed {retries + 1} times on the cluster: {type(exc).__name__}: {one_line(exc)}"
        return [DocResult(d, None, DetenteError(Errors.E099, doc=d.id, detail=detail).message)
                for d in docs]
    finally:
        fut.release()
    # the chunk file is the done-marker: written whole (rename), before anything is stored
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"chunk-{key}.parquet"
    tmp = path.with_suffix(".parquet.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    stats.files.append(str(path))
    records = table_records(pq.read_table(io.BytesIO(data)))
    for d in docs:
        done[d.content_hash] = path
    results = [DocResult(d, *records[d.content_hash]) for d in docs]
    return _Cleanup(results, {path: [r.document.content_hash for r in results if r.error is None]},
                    is_stored)


class _Cleanup(list):  # type: ignore[type-arg]
    """A chunk's results that remove their chunk files once all the documents each file holds
    are stored. (The caller stores the results first, then calls `finish_chunk`.)"""

    def __init__(self, results: list[DocResult], files: dict[Path, list[str]],
                 is_stored: Callable[[str], bool]) -> None:
        super().__init__(results)
        self.files, self.is_stored = files, is_stored

    def finish(self) -> None:
        for path, hashes in self.files.items():
            if all(self.is_stored(h) for h in hashes):
                with contextlib.suppress(OSError):
                    path.unlink()


def finish_chunk(results: list[DocResult]) -> None:
    """Tell a chunk from `run_on_cluster` that its results are stored (removes its file when
    every document is in the store)."""
    if isinstance(results, _Cleanup):
        results.finish()


# ------------------------------------------------------------------------------ progress
def count_documents(paths: Iterable[str | Path]) -> int:
    """A quick estimate of the number of documents under `paths` (for the ETA): supported files,
    and the non-blank lines of JSONL files. Never raises."""
    from .readers import JSONL_SUFFIXES, SUPPORTED_SUFFIXES

    total = 0

    def one(path: Path) -> int:
        suffix = path.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            return 0
        if suffix not in JSONL_SUFFIXES:
            return 1
        n = 0
        last = b"\n"
        with path.open("rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
        return n + (last != b"\n")

    for raw in [paths] if isinstance(paths, (str, Path)) else paths:
        p = Path(raw)
        try:
            if p.is_dir():
                for dirpath, dirnames, filenames in os.walk(p):
                    dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                    total += sum(one(Path(dirpath) / f) for f in filenames if not f.startswith("."))
            elif p.is_file():
                total += one(p)
        except OSError:
            continue
    return total


class ProgressReporter:
    """The `progress(kind, name)` callback of `ingest`: a tqdm bar with documents/s and ETA on a
    terminal, plain lines every `interval` seconds otherwise (logs), failures always one line
    each."""

    def __init__(self, total: int | None, tty: bool, enabled: bool = True, interval: float = 30.0,
                 stream: Any = None, sanitize: Callable[[str], str] = str) -> None:
        self.total = total or None
        self.tty = tty
        self.enabled = enabled
        self.interval = interval
        self.stream = stream if stream is not None else sys.stderr
        self.sanitize = sanitize
        self.done = self.new = self.dup = self.failed = 0
        self.started = time.perf_counter()
        self._last_line = self.started
        self.bar = None
        if enabled and tty:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total, unit="doc", file=self.stream, dynamic_ncols=True,
                            desc="ingest", leave=False)

    def __call__(self, kind: str, name: str) -> None:
        if kind == "failed":
            self.failed += 1
            line = f"detente: {self.sanitize(name)}"
            if self.bar is not None:
                self.bar.write(line, file=self.stream)
            else:
                print(line, file=self.stream, flush=True)
            return
        self.done += 1
        self.new += kind == "stored"
        self.dup += kind == "duplicate"
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix(new=self.new, stored_before=self.dup, refresh=False)
        elif self.enabled:
            now = time.perf_counter()
            if now - self._last_line >= self.interval:
                self._last_line = now
                print(self.status_line(now), file=self.stream, flush=True)

    def status_line(self, now: float | None = None) -> str:
        """'ingest: 120/200 documents (60%), 3.4 doc/s, ETA 0:00:23' (plain, for logs)."""
        elapsed = max((now or time.perf_counter()) - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"ingest: {self.done}"
        if self.total:
            text += f"/{self.total} documents ({100 * self.done / self.total:.0f}%)"
        else:
            text += " documents"
        text += f", {rate:.1f} doc/s"
        if self.total and rate > 0 and self.total > self.done:
            text += f", ETA {_clock((self.total - self.done) / rate)}"
        return text + f", {self.failed} failed"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"
