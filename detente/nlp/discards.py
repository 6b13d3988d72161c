"""PETRARCH/TABARI discard lists (`detente extract --discards FILE`).

The format is petrarch2's `PETRreader.read_discard_list` / `check_discards`:

    MONTHS LATER          a phrase: a sentence that contains it is not coded
    +TYPHOON              `+`: a document (PETRARCH's "story") that contains it is not coded at all
    BASEBALL_             a final `_`: the phrase must end a word; without it the phrase is a stem
                          ("BALLCLUB" also matches "ballclubs")
    AFRICAN NATIONS CUP   # `#` starts a comment

Matching is case-insensitive and starts at a word boundary (PETRARCH looks for " PHRASE" in the
sentence); the blanks (or `_`) between a phrase's words match any run of white space.

A line that holds no phrase (a lone `+`) or a `[code]` (discard phrases have none: the file is
probably an actor or verb dictionary) is skipped and counted in the load report, never an error.
A file with no phrase at all, or that cannot be read, is refused with E025.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DetenteError, Errors
from .verbdict import drop_markup_comments

log = logging.getLogger("detente")

CLI_HELP = ("PETRARCH/TABARI discard list (e.g. PETR.Validate.discards.txt), repeatable: a sentence "
            "containing one of its phrases yields no events; a `+` phrase voids the whole document.")
SENTENCE = "sentence"
STORY = "story"


@dataclass(frozen=True)
class Discard:
    """One phrase of a discard list."""

    phrase: str          # as written, without `+` and the final `_`
    level: str           # SENTENCE or STORY
    whole_word: bool     # a final `_`: the match must end at a word boundary
    line: int


@dataclass
class DiscardList:
    """The phrases of one or more discard files, compiled into two regular expressions."""

    paths: tuple[str, ...] = ()
    entries: list[Discard] = field(default_factory=list)
    skipped: list[tuple[str, int, str]] = field(default_factory=list)  # (path, line, why)
    _sentence: re.Pattern[str] | None = None
    _story: re.Pattern[str] | None = None

    def compile(self) -> DiscardList:
        """Build the matchers; call after adding entries."""
        self._sentence = _alternation([e for e in self.entries if e.level == SENTENCE])
        self._story = _alternation([e for e in self.entries if e.level == STORY])
        return self

    def story_match(self, text: str) -> str | None:
        """The story-level phrase found in `text` (None when there is none)."""
        m = self._story.search(text) if self._story is not None else None
        return m.group(0) if m else None

    def sentence_match(self, text: str) -> str | None:
        """The phrase (of either level) found in a sentence: PETRARCH codes neither."""
        for rx in (self._story, self._sentence):
            m = rx.search(text) if rx is not None else None
            if m:
                return m.group(0)
        return None

    @property
    def report(self) -> str:
        """One summary line for stderr."""
        n_story = sum(e.level == STORY for e in self.entries)
        line = (f"{', '.join(self.paths)}: {len(self.entries)} discard phrases read "
                f"({n_story} void the document)")
        if self.skipped:
            first = "; ".join(f"{p}:{n}: {why}" for p, n, why in self.skipped[:3])
            line += f"; {len(self.skipped)} lines skipped ({first}{' ...' if len(self.skipped) > 3 else ''})"
        return line


def _alternation(entries: Sequence[Discard]) -> re.Pattern[str] | None:
    """One case-insensitive expression for `entries` (longest first, so a report names the
    longest phrase that matched)."""
    if not entries:
        return None
    parts = []
    for e in sorted(entries, key=lambda e: -len(e.phrase)):
        body = r"\s+".join(re.escape(w) for w in e.phrase.split())
        # PETRARCH's " PHRASE": the phrase starts a word; a final `_` makes it end one too
        parts.append(r"(?<!\w)" + body + (r"(?!\w)" if e.whole_word else ""))
    return re.compile("|".join(parts), re.IGNORECASE)


def parse_discards(text: str, path: str = "<text>", into: DiscardList | None = None) -> DiscardList:
    """Read the phrases of a discard list's text (added to `into` when given)."""
    out = into if into is not None else DiscardList()
    out.paths = (*out.paths, path)
    for n, raw in enumerate(drop_markup_comments(text.splitlines()), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "[" in line or "]" in line:
            out.skipped.append((path, n, "a [code] on a discard line (is this a discard list?)"))
            continue
        level = STORY if line.startswith("+") else SENTENCE
        phrase = line.lstrip("+").strip()
        whole = phrase.endswith("_")
        # `_` joins words as a blank does (PETRARCH reads " PHRASE" against the sentence text)
        phrase = " ".join(phrase.rstrip("_").replace("_", " ").split())
        if not phrase:
            out.skipped.append((path, n, "no phrase"))
            continue
        out.entries.append(Discard(phrase, level, whole, n))
    return out.compile()


@lru_cache(maxsize=8)
def load_discards(paths: tuple[str, ...]) -> DiscardList | None:
    """The discard lists of `paths` as one list (None when no path is given); E025 for a file that
    cannot be read or holds no phrase. Skipped lines are reported once on stderr."""
    if not paths:
        return None
    out = DiscardList()
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise DetenteError(Errors.E025, path=str(path), detail=str(exc) or type(exc).__name__) from None
        before = len(out.entries)
        parse_discards(text, str(path), out)
        if len(out.entries) == before:
            raise DetenteError(Errors.E025, path=str(path), detail="no discard phrases found")
    if out.skipped:
        log.warning("detente: %s", out.report)
    return out
