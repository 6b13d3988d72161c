"""The extraction façade: documents in, event records out (one code path for CLI, API and scale-out)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .readers import Document
from .record import Event

if TYPE_CHECKING:
    from spacy.language import Language

    from .nlp.discards import DiscardList
    from spacy.tokens import Doc

# Characters per spaCy Doc. Longer documents are split at paragraph boundaries; offsets are
# shifted back so they stay correct against the whole document.
CHUNK_CHARS = 100_000
# Characters per nlp.pipe batch (besides its `batch_size` documents). The parser's working memory
# grows with the text of a batch: 16 pieces of 100,000 characters took 2 GB. Bounding the
# characters keeps the peak the same whichever documents happen to share a batch.
BATCH_CHARS = 250_000


DOMESTIC_HELP = ("Also code events between two distinct actors of one country (government "
                 "and rebels, police and protesters), as ICEWS and POLECAT do. Off by default: "
                 "detente's records are interstate.")


class Extractor:
    """Holds one loaded pipeline and turns texts or Documents into Event records.

    Dependencies are injected: pass a ready `nlp` to share one pipeline, or let the extractor build
    the default one (en_core_web_sm + detente components) on first use.
    """

    def __init__(self, model: str | None = None, actor_files: Sequence[str | Path] = (),
                 lexicon_files: Sequence[str | Path] = (), nlp: "Language | None" = None,
                 narrative_dates: bool = True, chunk_chars: int = CHUNK_CHARS,
                 verb_files: Sequence[str | Path] = (), verb_codes: str = "auto",
                 domestic: bool = False, discard_files: Sequence[str | Path] = (),
                 verbs_only: bool = False) -> None:
        self.model = model
        self.actor_files = tuple(str(p) for p in actor_files)
        self.lexicon_files = tuple(str(p) for p in lexicon_files)
        # PETRARCH verb dictionaries (see detente/nlp/verbdict.py)
        self.verb_files = tuple(str(p) for p in verb_files)
        self.verb_codes = verb_codes  # how their codes are read: auto, cameo or weis
        self.verbs_only = verbs_only  # only the dictionaries' verbs code events (PETRARCH's way)
        # PETRARCH discard lists (see detente/nlp/discards.py)
        self.discard_files = tuple(str(p) for p in discard_files)
        self.narrative_dates = narrative_dates
        # events between two actors of one country too (see EventCoder.domestic)
        self.domestic = domestic
        self.chunk_chars = chunk_chars
        self._nlp = nlp

    @property
    def nlp(self) -> "Language":
        """The spaCy pipeline, built on first use."""
        if self._nlp is None:
            from .nlp.pipeline import build_pipeline

            config = {"detente_events": {"lexicon_files": list(self.lexicon_files),
                                         "verb_files": list(self.verb_files),
                                         "verb_codes": self.verb_codes,
                                         "verbs_only": self.verbs_only,
                                         "discard_files": list(self.discard_files),
                                         "narrative_dates": self.narrative_dates,
                                         "domestic": self.domestic}}
            self._nlp = build_pipeline(self.model, self.actor_files, config)
        return self._nlp

    def extract_text(self, text: str, doc_id: str = "text",
                     document_date: dt.date | None = None) -> list[Event]:
        """Events of one text; offsets refer to `text`."""
        doc = Document.from_text(id=doc_id, text=text, path="<text>", date=document_date)
        return next(self.extract_documents([doc]))[1]

    def extract_documents(self, documents: Iterable[Document], batch_size: int = 16,
                          n_process: int = 1) -> Iterator[tuple[Document, list[Event]]]:
        """Stream (document, events) pairs through nlp.pipe; long documents are chunked."""
        nlp = self.nlp
        pending: dict[int, tuple[Document, list[Event], int]] = {}
        order: list[int] = []
        # documents with a story-level discard phrase: the events coder voids the chunk that has
        # it, this voids the document's other chunks too
        voided: set[int] = set()
        discards = self.discards

        def docs() -> Iterator["Doc"]:
            for n, document in enumerate(documents):
                chunks = list(split_text(document.text, self.chunk_chars))
                if discards is not None and len(chunks) > 1 and discards.story_match(document.text):
                    voided.add(n)
                pending[n] = (document, [], len(chunks))
                order.append(n)
                for offset, chunk in chunks:
                    doc = nlp.make_doc(chunk)
                    doc._.doc_id = document.id
                    doc._.document_date = document.date
                    doc.user_data["detente_chunk"] = (n, offset)
                    doc.user_data["detente_chars"] = len(chunk)
                    yield doc

        next_out = 0
        for doc in self._pipe(docs(), batch_size, n_process):
            n, offset = doc.user_data["detente_chunk"]
            document, events, left = pending[n]
            for ev in () if n in voided else doc._.events or ():
                if offset:
                    ev.start += offset
                    ev.end += offset
                    ev.trigger_start += offset
                    ev.trigger_end += offset
                events.append(ev)
            pending[n] = (document, events, left - 1)
            # yield finished documents in input order
            while next_out < len(order) and pending[order[next_out]][2] == 0:
                document, events, _ = pending.pop(order[next_out])
                next_out += 1
                yield document, events

    @property
    def discards(self) -> "DiscardList | None":
        """The discard phrases the pipeline's event coder applies (None when it has none)."""
        nlp = self.nlp
        if "detente_events" not in nlp.pipe_names:
            return None
        return getattr(nlp.get_pipe("detente_events"), "discards", None)

    def _pipe(self, docs: Iterable["Doc"], batch_size: int, n_process: int) -> Iterator["Doc"]:
        """nlp.pipe; with n_process > 1 the parse runs in child processes and detente's
        components run here: spaCy sends Docs between processes as msgpack, which cannot carry
        detente's extension values (Actor, Event, date objects)."""
        nlp = self.nlp
        if n_process <= 1:
            for batch in _char_batches(docs, batch_size, BATCH_CHARS):
                yield from nlp.pipe(batch, batch_size=len(batch))
            return
        ours = [name for name in nlp.pipe_names
                if name.startswith("detente_") and name != "detente_paragraphs"]

        def plain() -> Iterator[tuple["Doc", tuple[Any, ...]]]:
            for doc in docs:  # the extension values travel beside the Doc, not in it
                ctx = (doc._.doc_id, doc._.document_date, doc.user_data.pop("detente_chunk"))
                doc._.doc_id = ""
                doc._.document_date = None
                yield doc, ctx

        for doc, (doc_id, date, chunk) in nlp.pipe(plain(), as_tuples=True, batch_size=batch_size,
                                                   n_process=n_process, disable=ours):
            doc._.doc_id = doc_id
            doc._.document_date = date
            doc.user_data["detente_chunk"] = chunk
            for name in ours:
                doc = nlp.get_pipe(name)(doc)
            yield doc

    def docs(self, text: str, document_date: dt.date | None = None) -> "Doc":
        """The processed spaCy Doc of a short text (for inspection and tests)."""
        doc = self.nlp.make_doc(text)
        doc._.document_date = document_date
        return self.nlp(doc)


def split_text(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Split `text` into (offset, chunk) pieces of at most `limit` characters, at paragraph breaks
    where possible, then at line breaks or sentence ends, and only as a last resort mid-text."""
    if len(text) <= limit:
        yield 0, text
        return
    start = 0
    n = len(text)
    while start < n:
        end = min(start + limit, n)
        if end < n:
            cut = text.rfind("\n\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind(". ", start + limit // 2, end)
                cut = cut + 1 if cut >= 0 else -1
            if cut > start:
                end = cut + 1 if text[cut] == "\n" else cut
        yield start, text[start:end]
        start = end


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Extractor()
    return _DEFAULT


def extract(text_or_path: str | Path, document_date: dt.date | str | None = None,
            extractor: Extractor | None = None) -> list[Event]:
    """Events of a text, or of every document at a path (file or directory).

    A `Path`, or a string naming an existing file, is read; any other string is taken as text.
    """
    from .readers import iter_documents
    from .errors import ReadError

    ex = extractor or default_extractor()
    date = parse_date(document_date) if isinstance(document_date, str) else document_date
    if isinstance(text_or_path, Path) or (isinstance(text_or_path, str) and len(text_or_path) < 4096
                                         and "\n" not in text_or_path and Path(text_or_path).exists()):
        items = list(iter_documents([text_or_path]))
        errors = [d for d in items if isinstance(d, ReadError)]
        docs = [d for d in items if not isinstance(d, ReadError)]
        if errors and not docs:
            raise errors[0]
        if date is not None:
            for d in docs:
                if d.date is None:
                    d.date = date
        return [ev for _, evs in ex.extract_documents(docs) for ev in evs]
    return ex.extract_text(str(text_or_path), document_date=date)


def extract_df(text_or_path: str | Path, document_date: dt.date | str | None = None,
               extractor: Extractor | None = None) -> "Any":
    """`extract` as a pandas DataFrame, with actor fields flattened (source_country, ...)."""
    return events_frame(extract(text_or_path, document_date, extractor))


def events_frame(events: Iterable[Event]) -> "Any":
    """A pandas DataFrame of events, one row each, with flattened actor and location columns."""
    import pandas as pd

    from .record import flat_row

    return pd.DataFrame([flat_row(ev) for ev in events], columns=list(FLAT_COLUMNS))


def parse_date(value: str) -> dt.date:
    """YYYY-MM-DD -> date, or a DetenteError E022."""
    from .errors import DetenteError, Errors

    try:
        return dt.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise DetenteError(Errors.E022, value=value) from None


from .record import FLAT_COLUMNS  # noqa: E402


def safe_extract(extractor: Extractor, documents: Iterable[Document], batch_size: int = 16,
                 n_process: int = 1, group: int = 64) -> Iterator[tuple[Document, "list[Event] | Any"]]:
    """Like `extract_documents`, but a document that breaks the pipeline yields a DetenteError
    (E099) in place of its events, and the batch goes on."""
    from .errors import DetenteError, Errors

    buffer: list[Document] = []

    def run(docs: list[Document]) -> Iterator[tuple[Document, Any]]:
        try:
            yield from list(extractor.extract_documents(docs, batch_size=batch_size, n_process=n_process))
            return
        except (DetenteError, MemoryError, RecursionError, ValueError, RuntimeError, KeyError,
                IndexError, TypeError, AttributeError) as exc:
            if len(docs) == 1:
                yield docs[0], DetenteError(Errors.E099, doc=docs[0].id, detail=f"{type(exc).__name__}: {exc}")
                return
        for d in docs:  # find the bad one: run the group's documents one at a time
            yield from run([d])

    for document in documents:
        buffer.append(document)
        if len(buffer) >= group:
            yield from run(buffer)
            buffer = []
    if buffer:
        yield from run(buffer)


def _char_batches(docs: Iterable["Doc"], size: int, max_chars: int) -> Iterator[list["Doc"]]:
    """Lists of at most `size` Docs and, unless one Doc alone is longer, `max_chars` characters
    (a Doc's length is read from user_data["detente_chars"], set when it was made)."""
    batch: list["Doc"] = []
    chars = 0
    for doc in docs:
        n = doc.user_data.get("detente_chars", 0)
        if batch and (len(batch) >= size or chars + n > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += n
    if batch:
        yield batch
