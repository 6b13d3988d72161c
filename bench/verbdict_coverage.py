#!/usr/bin/env python3
"""Fidelity check of detente's PETRARCH verb dictionary reader (`--verbs`, detente/nlp/verbdict.py)
and of how the event coder applies its verbs and patterns.

Loads a PETRARCH actors + agents + verbs dictionary set (default: the petrarch_unit suite's
PETR.Validate.* files, which are dictionary *inputs*; the suite's records are never read), writes
sentences of its own from the verbs dictionary and codes them with detente:

  verb cases     "Arnor <past form> Gondor."  for every verb line that codes (a later line for
                 the same word replaces an earlier one, as in PETRARCH)
  pattern cases  one sentence per pattern line that realises the pattern's words around the verb
                 (the block's first verb) between two actors: `$` is the source, `+` the target,
                 `%` a compound ("Arnor and Gondor"), `^` a noun phrase to skip, `&SYNSET` each
                 of its members in turn (not the plurals the reader adds); an actor the pattern
                 does not place goes before the verb (source) or after the pattern's words
                 (target, after "with" unless a preposition ends them).
                 The verb's form follows the word before it ("to/will/not" + base form,
                 "has/was" + participle, otherwise the past form), as English spells it (the
                 parser's lemmatizer tables), and a noun right after the verb gets "the".

A case is coded right when an event of its sentence has the expected dyad (Arnor -> Gondor; for
a `%` compound either direction; the verb's event or one detente codes from a pattern word, as in
"expressed support for X"), and typed right when such an event also has the PLOVER type of the
line's code under --verb-codes. Null-code lines ([---]) expect no event from the verb; lines
whose code maps to no PLOVER type are listed apart (detente cannot type them; see verbdict.py).
It prints the share coded right by kind of line, then every failure with its dictionary line.

  python bench/verbdict_coverage.py [--dictionaries DIR] [--verb-codes weis|cameo|auto] [--quiet]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detente.evaluation import DEFAULT_BENCHMARKS  # noqa: E402
from detente.nlp.lexicon import dictionary_coding  # noqa: E402
from detente.nlp.verbdict import (_BRACKET, _clean_lines, _plural, NULL_CODE, PetrPattern,  # noqa: E402
                                  PetrVerb, VerbDictionary, read_verb_dictionary)
from detente.readers import Document  # noqa: E402

DICTIONARIES = DEFAULT_BENCHMARKS / "petrarch_unit" / "dictionaries"
VERBS, ACTORS, AGENTS = "PETR.Validate.verbs.txt", "PETR.Validate.actors.txt", "PETR.Validate.agents.txt"
# The actors the sentences use (looked up in the actors dictionary, which must code them).
SOURCE, TARGET, THIRD = "Arnor", "Gondor", "Rohan"
SKIPPED_NP = "the envoy"  # what a `^` (skip a noun phrase) becomes
ROLE_MARKS = "$+%^"
# words after which the verb takes its base form / its participle
BASE_AFTER = {"to", "will", "would", "not", "n't", "did", "does", "do", "should", "must", "may", "might",
              "can", "could", "shall", "wo", "ca"}
PARTICIPLE_AFTER = {"has", "have", "had", "was", "were", "been", "be", "is", "are"}
# a pattern whose words end with one of these takes the target right after them
PREPOSITIONS = {"with", "to", "for", "from", "against", "on", "upon", "at", "in", "into", "of", "about",
                "over", "between", "by", "toward", "towards", "near"}
KINDS = ("verb", "verb-irregular", "verb-particle", "verb-null", "pattern-right", "pattern-left",
         "pattern-both", "pattern-synset", "pattern-roles", "pattern-null", "unmapped-code")


@dataclass
class Case:
    kind: str
    line: int
    entry: str            # the dictionary line
    text: str
    verb_at: int          # character offset of the verb in `text`
    dyads: frozenset[tuple[str, str]]   # any of these is right; empty: no event expected
    etype: str | None     # expected PLOVER type (None: not checked)
    noun_at: int = -1     # offset of a pattern word right after the verb: "the" goes before a noun


# ---------------------------------------------------------------- verb forms
class Forms:
    """Base, past and participle of a dictionary verb as English text has them: the sentences test
    detente on the text it will meet, so the dictionary's generated forms ("withdrawed") are not
    used; the parser's lemmatizer exceptions give the irregular and doubled forms ("withdrew",
    "stopped") and the tagger chooses the past and the participle among them."""

    def __init__(self, nlp: Language, vd: VerbDictionary) -> None:
        exc = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
        self.irregular: dict[str, list[str]] = defaultdict(list)
        for form, lemmas in exc.items():
            if not form.endswith("ing") and lemmas and lemmas[0] != form:
                self.irregular[lemmas[0]].append(form)
        bases = sorted({(v.forms[0] if v.forms else v.lemma.split("_")[0]) for v in vd.verbs}
                       | {v.lemma.split("_")[0] for v in vd.verbs})
        self.forms: dict[str, tuple[str, str, str]] = {}
        probes = [(b, c) for b in bases for c in self._candidates(b)]
        past_docs = nlp.pipe(f"{SOURCE} {c} {TARGET}." for _, c in probes)
        part_docs = nlp.pipe(f"{SOURCE} has {c} {TARGET}." for _, c in probes)
        tags: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for (b, c), d1, d2 in zip(probes, past_docs, part_docs):
            tags[b].append((c, d1[1].tag_, d2[2].tag_, d1[1].lemma_.lower()))
        for b in bases:
            cands = tags[b]
            if cands and cands[0][0] == b and (cands[0][1] == "MD" or (
                    cands[0][1] in ("VBD", "VBN", "VBG", "VBZ") and cands[0][3] != b)):
                # a verb line that is an inflected form or a modal ("SAID", "LEFT", "MAKING",
                # "SAYS", "SHOULD"): PETRARCH matches it as written
                self.forms[b] = (b, b, b)
                continue
            others = [c for c in cands if c[0] != b]
            past = next((c[0] for c in others if c[1] == "VBD" and c[2] != "VBN"),
                        next((c[0] for c in others if c[1] == "VBD"), others[0][0] if others else b))
            part = next((c[0] for c in others if c[2] == "VBN" and c[0] != past), past)
            self.forms[b] = (b, past, part)

    def _candidates(self, base: str) -> list[str]:
        if base in self.irregular:
            return [base, *self.irregular[base]]
        if base.endswith("e"):
            return [base, base + "d"]
        if base.endswith("y") and base[-2:-1] not in tuple("aeiou"):
            return [base, base[:-1] + "ied"]
        return [base, base + "ed"]

    def of(self, v: PetrVerb) -> tuple[str, str, str]:
        if "_" in v.lemma:  # verb + particle: inflect the verb, keep the particle
            head, particle = v.lemma.split("_", 1)
            b, p, pp = self.forms[head]
            return f"{b} {particle}", f"{p} {particle}", f"{pp} {particle}"
        return self.forms[v.forms[0] if v.forms else v.lemma]


# ---------------------------------------------------------------- sentences
def raw_lines(path: Path) -> dict[int, str]:
    """Line number -> the line without comments, as the reader sees it."""
    return dict(_clean_lines(path.read_text(encoding="utf-8-sig")))


def expected(code: str, scheme: str) -> tuple[str, str | None]:
    """(kind suffix, PLOVER type): 'null' for [---], 'unmapped' when the code maps to no type."""
    if code == NULL_CODE:
        return "null", None
    c = dictionary_coding(code, scheme)
    if c is None or c.type is None:
        return "unmapped", None
    return "", c.type


def join(parts: list[tuple[str, bool]]) -> tuple[str, int, int]:
    """Words -> sentence text (first letter upper case, final full stop), the verb's offset and
    the offset of the word after it (-1 when that is not a pattern word)."""
    text, at, after = "", -1, -1
    for k, (word, is_verb) in enumerate(parts):
        if text:
            text += " "
        if is_verb:
            at = len(text)
            nxt = parts[k + 1][0] if k + 1 < len(parts) else ""
            if nxt.islower() and nxt not in PREPOSITIONS and nxt not in ("the", "a", "an", "its"):
                after = len(text) + len(word) + 1
        text += word
    return text[:1].upper() + text[1:] + ".", at, after


def last_entries(vd: VerbDictionary) -> list[PetrVerb]:
    """The verbs that code: a later line for the same verb replaces an earlier one (as in
    PETRARCH, whose verb table is keyed by the word); a multi-word verb is an entry of its own."""
    return list({(v.lemma, v.before, v.after): v for v in vd.verbs}.values())


def verb_cases(vd: VerbDictionary, forms: Forms, lines: dict[int, str], scheme: str) -> Iterator[Case]:
    by_lemma = {v.lemma: v for v in last_entries(vd) if not v.multiword}
    for v in sorted(last_entries(vd), key=lambda v: v.line):
        _, past, _ = forms.of(v)
        # a multi-word verb with all its words ("Arnor wire tapped Gondor")
        text, at, _ = join([(SOURCE, False), *((w, False) for w in v.before), (past, True),
                            *((w, False) for w in v.after), (TARGET, False)])
        # a past form that is a verb line of its own ("LEFT" beside "LEAVE") codes as that line
        suffix, etype = expected(by_lemma.get(past, v).code, scheme)
        if suffix == "unmapped":
            kind = "unmapped-code"
        elif suffix == "null":
            kind = "verb-null"
        elif "_" in v.lemma or v.multiword:
            kind = "verb-particle"
        elif "{" in lines.get(v.line, ""):
            kind = "verb-irregular"
        else:
            kind = "verb"
        dyads = frozenset() if suffix == "null" else frozenset({(code_of(SOURCE), code_of(TARGET))})
        yield Case(kind, v.line, lines.get(v.line, v.lemma).strip(), text, at, dyads, etype)


CODES: dict[str, str] = {}


def code_of(name: str) -> str:
    return CODES[name.upper()][:3]


def pattern_parts(body: str, vd: VerbDictionary, choice: tuple[str, int] = ("", 0)) -> list[str] | None:
    """A pattern body's items in order: '*', a role mark, a synset member (the first, or for the
    synset `choice[0]` its member number `choice[1]`), or a word."""
    out: list[str] = []
    for chunk in body.replace("**", "*").split():
        for part in chunk.split("_"):
            if not part:
                continue
            if part.startswith("&"):
                item = vd.synsets.get(part)
                if not item:
                    return None
                out.append(" ".join(item[choice[1] if part == choice[0] else 0]))
            elif part == "*" or part in ROLE_MARKS:
                out.append(part)
            elif "*" in part:  # "IN*": the verb glued to a word
                out.extend(p for p in part.replace("*", " * ").split())
            else:
                out.append(part.lower())
    return out


def realise(items: list[str], verb: tuple[str, str, str]) -> tuple[str, int, int, frozenset[tuple[str, str]]]:
    """A sentence for a pattern's items; the dyads that are right for it."""
    src, tgt, third = code_of(SOURCE), code_of(TARGET), code_of(THIRD)
    v = items.index("*")
    compound_at = items.index("%") if "%" in items else -1
    has_src = "$" in items or -1 < compound_at < v
    has_tgt = "+" in items or compound_at > v or -1 < compound_at < v
    if -1 < compound_at < v:
        dyads = frozenset({(src, tgt), (tgt, src)})
    elif compound_at > v:
        dyads = frozenset({(third, src), (third, tgt), (src, tgt), (tgt, src)})
    else:
        dyads = frozenset({(src, tgt)})
    parts: list[tuple[str, bool]] = []
    if not has_src:
        parts.append((THIRD if compound_at > v else SOURCE, False))
    base, past, participle = verb
    for i, item in enumerate(items):
        if item == "*":
            prev = parts[-1][0].split()[-1].lower() if parts else ""
            form = base if prev in BASE_AFTER else participle if prev in PARTICIPLE_AFTER else past
            parts.append((form, True))
        elif item == "$":
            parts.append((SOURCE, False))
        elif item == "+":
            parts.append((TARGET, False))
        elif item == "%":
            parts.append((f"{SOURCE} and {TARGET}", False))
        elif item == "^":
            parts.append((SKIPPED_NP, False))
        else:
            parts.append((item, False))
    if not has_tgt:
        after = items[v + 1:]
        if after and after[-1] not in PREPOSITIONS:
            parts.append(("with", False))
        parts.append((TARGET, False))
    text, at, after = join(parts)
    return text, at, after, dyads


def unshadowed(v: PetrVerb, forms: Forms, lemmas: set[str]) -> tuple[str, str, str]:
    """The verb's forms, the present (-s) form in place of a past form or participle that is a
    verb line of its own ("BEGAN" is a block apart from "BEGIN"): the block's patterns must apply."""
    base, past, part = forms.of(v)
    present = base if " " in base else base + ("es" if base.endswith(("s", "sh", "ch", "x", "z")) else "s")
    return (base, present if past in lemmas and past != v.lemma else past,
            present if part in lemmas and part != v.lemma else part)


def pattern_cases(vd: VerbDictionary, forms: Forms, lines: dict[int, str], scheme: str) -> Iterator[Case]:
    first_verb: dict[int, PetrVerb] = {}
    lemmas = {v.lemma for v in vd.verbs}
    live = {v.line for v in last_entries(vd)}
    for v in vd.verbs:
        first_verb.setdefault(v.block, v)
    # a block whose first verb a later block redefines: its patterns are gone (as in PETRARCH)
    first_verb = {b: v for b, v in first_verb.items() if v.line in live}
    for block, patterns in enumerate(vd.patterns):
        verb = first_verb.get(block)
        if verb is None:
            continue
        for p in patterns:
            raw = lines[p.line].strip()
            body = _BRACKET.sub(" ", raw[1:])
            # every member of every synset the pattern names, one at a time
            # (not the plurals the reader adds: "NEVER" -> "NEVERS" never occurs in text)
            choices = [("", 0)] + [(w, k) for w in dict.fromkeys(re.findall(r"&\w+", body))
                                   for k, m in enumerate(vd.synsets.get(w, ())) if k and not generated(vd.synsets[w], k)]
            for choice in choices:
                case = pattern_case(p, raw, body, vd, choice, unshadowed(verb, forms, lemmas), scheme)
                if case is not None:
                    yield case


def generated(item: tuple[tuple[str, ...], ...], k: int) -> bool:
    """Whether synset member k is the plural the reader made of member k-1."""
    return k > 0 and item[k][:-1] == item[k - 1][:-1] and item[k][-1] == _plural(item[k - 1][-1].upper()).lower()


def pattern_case(p: PetrPattern, raw: str, body: str, vd: VerbDictionary, choice: tuple[str, int],
                 verb: tuple[str, str, str], scheme: str) -> Case | None:
    """The case of one pattern line realised with the synset members `choice` picks."""
    items = pattern_parts(body, vd, choice)
    if items is None or items.count("*") != 1:
        return None
    if choice[0]:
        raw = f"{raw} ({choice[0]}: {' '.join(vd.synsets[choice[0]][choice[1]])})"
    text, at, after, dyads = realise(items, verb)
    suffix, etype = expected(p.code, scheme)
    v = items.index("*")
    if suffix == "unmapped":
        kind = "unmapped-code"
    elif suffix == "null":
        kind, dyads = "pattern-null", frozenset()
    elif any(i in ROLE_MARKS for i in items):
        kind = "pattern-roles"
    elif "&" in body:
        kind = "pattern-synset"
    else:
        kind = "pattern-" + ("both" if 0 < v < len(items) - 1 else "left" if v else "right")
    return Case(kind, p.line, raw, text, at, dyads, etype, after)


# ---------------------------------------------------------------- running
def add_articles(nlp: Language, cases: list[Case]) -> None:
    """"Arnor closed the border with Gondor", not "closed border": a noun (or adjective + noun) the
    pattern puts right after the verb gets "the", so that the parse is the one English text has."""
    todo = [c for c in cases if c.noun_at >= 0]
    for case, doc in zip(todo, nlp.pipe(c.text for c in todo)):
        tok = next((t for t in doc if t.idx == case.noun_at), None)
        if tok is not None and tok.tag_ in ("NN", "NNS", "JJ"):
            case.text = case.text[:case.noun_at] + "the " + case.text[case.noun_at:]


def judge(case: Case, events: list) -> tuple[bool, bool]:
    """(dyad right, type right): an event with the expected dyad (from the verb, or from a noun
    of the pattern that detente codes itself: "expressed support for X"); for a null code, no
    event from the verb."""
    if not case.dyads:  # a null code: nothing from this verb
        ok = not [e for e in events if e.trigger_start == case.verb_at]
        return ok, ok
    hits = [e for e in events if (e.source.country[:3], e.target.country[:3]) in case.dyads]
    return bool(hits), any(case.etype is None or e.event_type == case.etype for e in hits)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dictionaries", type=Path, default=DICTIONARIES, help="default: %(default)s")
    ap.add_argument("--verb-codes", choices=("weis", "cameo", "auto"), default="weis",
                    help="how the verbs dictionary's codes are read (default: %(default)s, as "
                         "`detente eval sentences` reads the PETR.Validate verbs)")
    ap.add_argument("--quiet", action="store_true", help="the summary table only, no failure list")
    a = ap.parse_args(argv)

    from detente.extractor import Extractor
    from detente.nlp.actors import load_actor_file

    folder = a.dictionaries
    for e in load_actor_file(folder / ACTORS):
        CODES.setdefault(e.pattern.upper().replace("_", " ").strip(), e.code)
    missing = [n for n in (SOURCE, TARGET, THIRD) if n.upper() not in CODES]
    if missing:
        ap.error(f"{', '.join(missing)} not in {folder / ACTORS}")
    vd = read_verb_dictionary(folder / VERBS)
    ex = Extractor(actor_files=[folder / ACTORS, folder / AGENTS], verb_files=[folder / VERBS],
                   verb_codes=a.verb_codes, domestic=True)
    forms = Forms(ex.nlp, vd)
    lines = raw_lines(folder / VERBS)
    cases = [*verb_cases(vd, forms, lines, a.verb_codes), *pattern_cases(vd, forms, lines, a.verb_codes)]
    add_articles(ex.nlp, cases)
    docs = [Document.from_text(id=str(i), text=c.text, path="<generated>") for i, c in enumerate(cases)]
    results = [events for _, events in ex.extract_documents(docs)]

    table: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for case, events in zip(cases, results):
        dyad_ok, type_ok = judge(case, events)
        row = table[case.kind]
        row["n"] += 1
        row["dyad"] += dyad_ok
        row["type"] += type_ok
        if not (dyad_ok and type_ok):
            failures.append((case, events, dyad_ok))
    print(f"{len(cases)} sentences from {folder / VERBS} (codes read as {a.verb_codes})")
    print(f"{'kind':<16} {'n':>5} {'dyad':>6} {'share':>6} {'typed':>6} {'share':>6}")
    total = Counter()
    for kind in KINDS:
        row = table.get(kind)
        if not row:
            continue
        if kind != "unmapped-code":
            total.update(row)
        print(f"{kind:<16} {row['n']:>5} {row['dyad']:>6} {row['dyad'] / row['n']:>6.3f} "
              f"{row['type']:>6} {row['type'] / row['n']:>6.3f}")
    print(f"{'all (mapped)':<16} {total['n']:>5} {total['dyad']:>6} {total['dyad'] / total['n']:>6.3f} "
          f"{total['type']:>6} {total['type'] / total['n']:>6.3f}")
    if not a.quiet:
        print("\nfailures (kind, dictionary line, sentence -> events from the verb / all events):")
        for case, events, dyad_ok in sorted(failures, key=lambda f: (KINDS.index(f[0].kind), f[0].line)):
            got = [(e.source.country, e.target.country, e.event_type) for e in events
                   if e.trigger_start == case.verb_at]
            other = [(e.trigger, e.source.country, e.target.country, e.event_type) for e in events
                     if e.trigger_start != case.verb_at]
            why = "type" if dyad_ok else "dyad"
            print(f"{case.kind:<15} {why:<4} {case.line:>5} {case.entry[:46]:<46} | {case.text} -> {got}"
                  + (f" / other {other}" if other else "") + (f" (want {case.etype})" if why == "type" else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
