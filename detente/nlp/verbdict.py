"""PETRARCH/TABARI verb dictionaries (`detente extract --verbs FILE`).

The format is petrarch2's `docs/source/dictionaries.rst` and `PETRreader.read_verb_dictionary`:

    &CURRENCY                      a synset: its `+` lines are words or phrases (plurals added unless the
    +DOLLARS                       label or the phrase ends in `_`); `+&OTHER` nests another synset
    --- GRANT  [070] ---           a verb block and its default code ([---] = the bare verb is no event)
    GRANT                          a verb: regular forms (S/ES, ED/D, ING) are generated
    GIVE {GAVE GIVEN GIVING} [071] irregular forms in {...}; a code of its own in [...]
    +CORDON_OFF                    a verb with a particle (`LASH OUT` is read the same way)
    - * &CURRENCY [903]            a pattern: words before/after the verb (`*`) select another code
    - SAID * TO ATTEND [082]       `_` joins words that must be consecutive; $ + % ^ mark roles

What detente does with it:
  * Every verb of a block codes as the block's code (or its own); its generated and {irregular}
    forms are matched on the surface form, and the base form is also matched as a lemma, so
    irregular forms the dictionary does not list still code.
  * Codes are CAMEO or WEIS (`verb_codes` / `--verb-codes`: cameo, weis, or auto = a code that
    exists in CAMEO is read as CAMEO, otherwise as WEIS), mapped to PLOVER type/mode/track with
    ontology/cameo2plover.csv or ontology/weis2plover.csv (longest listed prefix). PETRARCH
    dictionaries have no header convention that declares the scheme, so none is read. `[A:B]` is a paired event (PETRARCH's "symmetric" code): A from source to
    target and B from target to source. `[---]` is the null code: no event.
  * A code that does not map (in neither table, or CAMEO 01/02 and WEIS 02/14 which have no
    PLOVER type): the verb keeps
    detente's built-in type for that lemma when there is one; otherwise the verb (or pattern) is
    skipped. Both are counted in the load report.
  * Patterns: their literal words (and synset members) must occur in order in the sentence before
    the verb (left of `*`) and in the verb's phrase after it (right of `*`); a hyphenated word
    matches the tokens that spell it. The most specific pattern wins (two points a word, one a
    role mark). A pattern with the null code cancels the event.
  * Role marks (TABARI): `$` the source, `+` the target, `%` a compound actor (each of its members
    is source and target of the others), each standing for the words between the pattern's
    phrases at its place; a mark whose place holds no actor makes the pattern fail. `^` (skip a
    noun phrase) is read as "any words here". A pattern may be marks only (`- % * [030]`).
  * Otherwise roles come from detente's dependency parse; when it names no other actor as the
    target, the first other actor after the verb in its phrase is (PETRARCH's verb phrase).

  * Multi-word verbs: the word marked `+` is the verb (else the first word). A verb with one
    particle (`+CORDON_OFF`, `LASH OUT`) is matched as lemma + particle; any other (`WIRE_+TAP`,
    `+ABC_DEF_GHI`) codes when its other words stand, consecutive, before and after the verb
    (a pattern on the verb); the verb alone keeps its other entry (or detente's own type).

Not supported (skipped and counted, never an error): patterns with neither a word nor a role mark
(`- ^ * [030]`), verb transformations (`~` lines) and undefined synsets. Stems (TABARI's open
`WORD_` matches) are read as whole words.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DetenteError, Errors

# One item of a pattern phrase: the word sequences any of which it matches (a word, or a synset).
Item = tuple[tuple[str, ...], ...]
# Items that must be consecutive (words joined by `_` in the dictionary).
Phrase = tuple[Item, ...]
# A role mark of a pattern: (side "L"/"R", gap, mark). The gap is where the mark stands among the
# side's phrases: gap k is between phrase k-1 and phrase k (0: before the first; len: after the last).
Role = tuple[str, int, str]

CLI_HELP = ("PETRARCH/TABARI verb dictionary (e.g. CAMEO.2.0.txt; its CAMEO or WEIS codes become PLOVER "
            "types, see --verb-codes), repeatable: its verbs and patterns add to the built-in lexicon "
            "and override it for the same lemma.")
# How a dictionary's codes are read (see lexicon._mapping): the --verb-codes choices.
VERB_CODE_SCHEMES = ("auto", "cameo", "weis")
VERBS_ONLY_HELP = ("Code events only from the verbs and patterns of the --verbs dictionaries, as PETRARCH "
                   "does: detente's own verb and noun triggers are off (its reporting verbs still read "
                   "who said what). For replicating a PETRARCH/TABARI coding with its dictionaries.")
VERB_CODES_HELP = ("How --verbs dictionary codes are read: 'cameo' (ontology/cameo2plover.csv), 'weis' "
                   "(WEIS codes, e.g. KEDS/TABARI dictionaries: ontology/weis2plover.csv) or 'auto' "
                   "(a code that exists in CAMEO is CAMEO, otherwise WEIS). Codes that map in neither "
                   "keep detente's type for the verb or are skipped, and are counted on stderr.")
ROLE_MARKS = frozenset({"$", "+", "%", "^"})
NULL_CODE = "---"
_BRACKET = re.compile(r"\[([^\]]*)\]")
_BRACES = re.compile(r"\{([^}]*)\}")
# `#` starts a comment anywhere except inside a [code] ("[###]" occurs as a code); `;` is the
# KEDS/TABARI comment the docs still accept
_COMMENT = re.compile(r"^((?:[^#;\[]|\[[^\]]*\])*)[#;].*$")
# synset expansion is combinatorial; a pattern expanding past this is cut (and reported)
MAX_SYNSET_MEMBERS = 2000


@dataclass(frozen=True)
class PetrPattern:
    """One `- LEFT * RIGHT [CODE]` line, synsets resolved."""

    left: tuple[Phrase, ...]
    right: tuple[Phrase, ...]
    code: str
    line: int
    roles: tuple[Role, ...] = ()  # `$` source, `+` target, `%` compound actor

    @property
    def weight(self) -> int:
        """How specific the pattern is (the most specific wins): two per word it needs, one per
        actor role it fixes, so that of two patterns with the same words the one with roles wins."""
        return 2 * sum(len(p) for p in self.left + self.right) + len(self.roles)


@dataclass(frozen=True)
class PetrVerb:
    """One verb line of a block."""

    lemma: str                  # base form, lower case; "cordon_off" for a verb + particle
    forms: tuple[str, ...]      # surface forms matched as written (single words)
    code: str                   # the verb's own code, else its block's
    block: int                  # index into VerbDictionary.patterns
    line: int
    # a multi-word verb other than verb + one particle ("WIRE_+TAP", "+ABC_DEF_GHI"): the words
    # before and after the verb word, which must stand next to it (in order) for `code` to apply
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()

    @property
    def multiword(self) -> bool:
        return bool(self.before or self.after)


@dataclass
class VerbDictionary:
    """A parsed PETRARCH verb dictionary."""

    path: str
    blocks: int = 0
    verbs: list[PetrVerb] = field(default_factory=list)
    patterns: list[list[PetrPattern]] = field(default_factory=list)  # per block
    synsets: dict[str, Item] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why)

    @property
    def n_patterns(self) -> int:
        return sum(len(p) for p in self.patterns)


# ------------------------------------------------------------------------------------- reading
def drop_markup_comments(lines: Iterable[str], opener: str = "<!--") -> Iterator[str]:
    """Each line with its `opener` ... `-->` comments removed (they may span lines); one line
    out per line in, so line numbers stay right. Shared by the verb and actor dictionary readers."""
    in_comment = False
    for line in lines:
        out, rest = "", line
        while rest:
            if in_comment:
                k = rest.find("-->")
                rest, in_comment = ("", True) if k < 0 else (rest[k + 3:], False)
            else:
                k = rest.find(opener)
                if k < 0:
                    out, rest = out + rest, ""
                else:
                    out, rest, in_comment = out + rest[:k], rest[k + len(opener):], True
        yield out


def _clean_lines(text: str) -> Iterable[tuple[int, str]]:
    """(line number, content) with <!-- --> (multi-line too), `#` and legacy `;` comments removed."""
    for n, out in enumerate(drop_markup_comments(text.splitlines()), 1):
        out = _COMMENT.sub(r"\1", out)
        if out.strip():
            yield n, out.rstrip()


def _plural(word: str) -> str:
    """The regular plural the docs describe (-IES, -ES, -S); unlike PETRARCH's code, a vowel + Y
    takes -S ("envoys") and -S/-X/-Z/-CH/-SH take -ES ("glasses")."""
    if word.endswith("Y") and word[-2:-1] not in ("A", "E", "I", "O", "U"):
        return word[:-1] + "IES"
    if word.endswith(("S", "X", "Z", "CH", "SH")):
        return word + "ES"
    return word + "S"


def _regular_forms(verb: str) -> list[str]:
    """PETRARCH's generated forms (make_verb_forms): -S/-ES, -ED/-D, -ING."""
    forms = [verb + ("ES" if verb[-1] in "SXZ" else "S")]
    if verb.endswith("E"):
        forms += [verb + "D", verb[:-1] + "ING"]
    else:
        forms += [verb + "ED", verb + "ING"]
    return forms


def _code(line: str, path: str, n: int) -> str | None:
    """The first [...] code of a line (None when there is none)."""
    if line.count("[") != line.count("]"):
        raise DetenteError(Errors.E024, path=path, line=n, detail="unbalanced [ ]")
    m = _BRACKET.search(line)
    if m is None:
        return None
    code = m.group(1).strip()
    if not code or " " in code:
        raise DetenteError(Errors.E024, path=path, line=n, detail=f"bad code [{m.group(1)}]")
    return code


class _Reader:
    def __init__(self, path: str) -> None:
        self.vd = VerbDictionary(path=path)
        self.raw_synsets: dict[str, tuple[bool, list[str]]] = {}  # label -> (plurals?, members)
        self.block_code: str | None = None  # None: before the first block
        self.block_first = False  # '### NAME ###' blocks take their code from the first verb
        self.pending: list[tuple[int, str]] = []  # the block's pattern lines, resolved at its end
        self.synset: str | None = None

    # -- synsets
    def resolve(self, label: str, depth: int = 0) -> Item | None:
        if label in self.vd.synsets:
            return self.vd.synsets[label]
        if label not in self.raw_synsets or depth > 5:
            return None
        plurals, members = self.raw_synsets[label]
        out: list[tuple[str, ...]] = []
        for m in members:
            if m.startswith("&"):
                inner = self.resolve(m.split()[0], depth + 1)
                out.extend(inner or ())
                continue
            no_plural = m.endswith("_")
            words = tuple(w for w in m.replace("_", " ").split())
            if not words:
                continue
            out.append(words)
            if plurals and not no_plural:
                out.append(words[:-1] + (_plural(words[-1]),))
        item = tuple(dict.fromkeys(tuple(w.lower() for w in ws) for ws in out))
        self.vd.synsets[label] = item
        return item

    # -- patterns
    def phrases(self, side: str, n: int, tag: str = "L",
                roles: list[Role] | None = None) -> tuple[Phrase, ...] | None:
        """A pattern side as phrases (`_`-joined items); None when a synset is undefined. The
        side's `$ + %` marks are added to `roles` with their gap (`^`, skip a phrase, is read as
        the gap any words may fill)."""
        side = side.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
        out: list[Phrase] = []
        for chunk in side.split():
            items: list[Item] = []
            for word in chunk.split("_"):
                if word in ROLE_MARKS:
                    if word != "^" and roles is not None:
                        # "SUGGESTED_+": the mark follows the phrase this chunk is building
                        roles.append((tag, len(out) + (1 if items else 0), word))
                    continue
                if not word:
                    continue
                if word.startswith("&"):
                    item = self.resolve(word)
                    if item is None:
                        self.vd.skipped.append((n, f"undefined synset {word}"))
                        return None
                    items.append(item)
                else:
                    items.append(((word.lower().strip("+$%^"),),))
            items = [i for i in items if i and i != (("",),)]
            if items:
                out.append(tuple(items))
        return tuple(out)

    def pattern(self, n: int, line: str) -> PetrPattern | None:
        body = line.strip()[1:]
        code = _code(body, self.vd.path, n)
        if code is None:
            raise DetenteError(Errors.E024, path=self.vd.path, line=n, detail="pattern without a [code]")
        body = _BRACKET.sub(" ", body).replace("**", "*")
        if body.count("*") != 1:
            if "*" not in body:
                raise DetenteError(Errors.E024, path=self.vd.path, line=n,
                                   detail="pattern without '*' (the verb's place)")
            self.vd.skipped.append((n, "pattern with more than one '*'"))
            return None
        left_s, right_s = body.split("*")
        roles: list[Role] = []
        left, right = self.phrases(left_s, n, "L", roles), self.phrases(right_s, n, "R", roles)
        if left is None or right is None:
            return None
        if not left and not right and not roles:
            self.vd.skipped.append((n, "pattern with no literal word and no actor role"))
            return None
        return PetrPattern(left, right, code, n, tuple(dict.fromkeys(roles)))

    def end_block(self) -> None:
        if self.block_code is None:
            return
        pats = [p for n, ln in self.pending if (p := self.pattern(n, ln)) is not None]
        self.vd.patterns.append(pats)
        self.pending = []

    # -- verbs
    def verb(self, n: int, line: str) -> None:
        code = _code(line, self.vd.path, n)
        if line.count("{") != line.count("}"):
            raise DetenteError(Errors.E024, path=self.vd.path, line=n, detail="unbalanced { }")
        braces = _BRACES.search(line)
        irregular = braces.group(1).split() if braces else []
        head = _BRACKET.sub(" ", _BRACES.sub(" ", line)).split()
        if not head:
            raise DetenteError(Errors.E024, path=self.vd.path, line=n, detail="verb line without a verb")
        if self.block_first:
            self.block_code, self.block_first = code or NULL_CODE, False
        own = code or self.block_code or NULL_CODE
        block = len(self.vd.patterns)
        words = head[0].split("_") if len(head) == 1 else head
        words = [w for w in words if w]
        if len(head) > 2:
            self.vd.skipped.append((n, f"verb {' '.join(head)!r}: unrecognised verb phrase"))
            return
        if len(words) == 1:
            base = words[0].lstrip("+")
            forms = [base] + ([f.lstrip("+") for f in irregular] if irregular else _regular_forms(base))
            self.vd.verbs.append(PetrVerb(base.lower(), tuple(dict.fromkeys(f.lower() for f in forms)),
                                          own, block, n))
            return
        # the verb is the word marked `+` ("WIRE_+TAP"), else the first ("LASH OUT")
        at = next((k for k, w in enumerate(words) if w.startswith("+")), 0)
        if at == 0 and len(words) == 2:
            # a verb with a particle: "+CORDON_OFF", "LASH OUT" (matched as lemma + particle)
            lemma = f"{words[0].lstrip('+').lower()}_{words[1].lower()}"
            self.vd.verbs.append(PetrVerb(lemma, (), own, block, n))
            return
        verb = words[at].lstrip("+")
        # {WIRE_+TAPPED WIRE_+TAPPING}: the marked word of each listed form is the verb's form
        listed = [f.split("_")[[k for k, w in enumerate(f.split("_")) if w.startswith("+")][0]].lstrip("+")
                  for f in irregular if any(w.startswith("+") for w in f.split("_"))]
        forms = [verb] + (listed or _regular_forms(verb))
        self.vd.verbs.append(PetrVerb(verb.lower(), tuple(dict.fromkeys(f.lower() for f in forms)), own, block,
                                      n, tuple(w.lower() for w in words[:at]),
                                      tuple(w.lower() for w in words[at + 1:])))

    def feed(self, n: int, line: str) -> None:
        s = line.strip()
        if s.startswith("+") and self.synset is not None:
            self.raw_synsets[self.synset][1].append(s[1:].strip())
            return
        self.synset = None
        if s.startswith("---") or s.startswith("###"):
            self.end_block()
            self.vd.blocks += 1
            code = _code(s, self.vd.path, n)
            self.block_first = s.startswith("###") and code is None
            self.block_code = code or NULL_CODE
            return
        if s.startswith("&"):
            label = s.split()[0]
            plurals = not label.endswith("_")
            label = label.rstrip("_")
            self.raw_synsets[label] = (plurals, [])
            self.synset = label
            return
        if s.startswith("~"):
            self.vd.skipped.append((n, "verb transformation (~) not supported"))
            return
        if self.block_code is None:
            raise DetenteError(Errors.E024, path=self.vd.path, line=n,
                               detail=f"{s[:40]!r} before any '--- VERB [code] ---' block "
                                      "(is this a PETRARCH verb dictionary?)")
        if s.startswith("-"):
            self.pending.append((n, s))
        else:
            self.verb(n, s)


def parse_verb_dictionary(text: str, path: str = "<text>") -> VerbDictionary:
    """Parse the text of a PETRARCH verb dictionary; malformed lines raise E024 (file and line)."""
    reader = _Reader(path)
    for n, line in _clean_lines(text):
        reader.feed(n, line)
    reader.end_block()
    if reader.vd.blocks == 0:
        raise DetenteError(Errors.E023, path=path, detail="no '--- VERB [code] ---' blocks found")
    return reader.vd


def read_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Read and parse a PETRARCH verb dictionary file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DetenteError(Errors.E023, path=str(path), detail=str(exc) or type(exc).__name__) from None
    return parse_verb_dictionary(text, str(path))
