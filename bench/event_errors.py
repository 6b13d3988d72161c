#!/usr/bin/env python3
"""Error analysis of detente's event coder on plover_gsr, by failure class and construction family.

Runs the detente pipeline in-process on one half of the fixed plover_gsr split (see
`detente.evaluation.is_test_id`: sha1(id) last hex digit even = tune, odd = test) and classifies every
gold event, matching as `score_sentences.py` does (any listed code, empty side = wildcard,
reciprocal events need two different codes, plover_alt accepted, one-to-one per sentence):

  hit               (source, target, type) matched
  domestic          out of scope: source and target are the same single country (the project codes
                    no event between two organs of one state)
  missed-no-actor   a gold side's code is not among the actors detente found in the sentence
  wrong-type        an unmatched prediction has the right dyad but another type (gold -> predicted)
  wrong-actor       an unmatched prediction has the right type, or one right side, but the dyad is wrong
  missed-no-trigger both actors found, and no prediction with that dyad or type

plus the spurious predictions (not matched to any gold event, by predicted type).

Each gold event is also tagged with the construction families the parse shows (one event may have
several): passive, nominal trigger, coordination, reported speech, negation, modal/hypothetical,
metonymy/capital, person name.

  python bench/event_errors.py [--split tune|test|all] [--domestic] [--details] [--benchmarks DIR]

With --domestic the "domestic" class still counts gold events within one country that were missed;
those coded are hits.

`--details` prints each failing record (tune half only: the test half is measured, never read).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detente.evaluation import (DEFAULT_BENCHMARKS, is_test_id, load_jsonl, max_matching,  # noqa: E402
                                generic_codes)

CLASSES = ("hit", "domestic", "missed-no-actor", "wrong-actor", "missed-no-trigger", "wrong-type")
FAMILIES = ("passive", "nominal", "coordination", "reported-speech", "negation", "modal",
            "metonymy/capital", "person-name", "none")
SPEECH_LEMMAS = {"say", "state", "tell", "announce", "declare", "report", "claim", "allege", "insist",
                 "add", "note", "stress", "indicate", "reveal", "suggest", "believe", "warn", "accuse"}
MODALS = {"may", "might", "could", "would", "should", "can", "will", "must"}


# ---------------------------------------------------------------- matching (as score_sentences.py)
def gold_codes(v: Any) -> list[str]:
    if not v:
        return []
    return [str(x).upper() for x in (v if isinstance(v, list) else [v]) if x]


def side_ok(gold: list[str], pred: str) -> bool:
    return not gold or pred.upper() in gold


def dyad_ok(g: dict, p: dict) -> bool:
    gs, gt = gold_codes(g.get("source")), gold_codes(g.get("target"))
    if not (side_ok(gs, p["source"]) and side_ok(gt, p["target"])):
        return False
    if g.get("reciprocal") and len(set(gs)) >= 2:
        return p["source"] != p["target"] and p["source"] in gs and p["target"] in gs
    return True


def types_of(g: dict) -> set[str]:
    return {t.upper() for t in [g.get("plover"), *(g.get("plover_alt") or [])] if t}



def is_domestic(g: dict) -> bool:
    gs, gt = set(gold_codes(g.get("source"))), set(gold_codes(g.get("target")))
    return bool(gs) and bool(gt) and len(gs | gt) == 1


# ---------------------------------------------------------------- families (from the parse)
def _trigger_token(doc, g: dict):
    """The sentence token of the gold event text's first content word (by text or lemma): a verb
    or noun, not an auxiliary, and a reporting verb only when nothing else matches."""
    words = [w.lower() for w in str(g.get("event_text") or "").split() if w.isalpha()]
    fallback = None
    for w in words[:4]:
        for t in doc:
            if (t.lower_ == w or t.lemma_.lower() == w) and t.pos_ in ("VERB", "NOUN", "PROPN", "ADJ"):
                if t.lemma_.lower() in SPEECH_LEMMAS and t.lemma_.lower() not in ("warn", "accuse"):
                    fallback = fallback or t
                    continue
                return t
    return fallback


def _actor_tokens(doc, g: dict) -> list:
    out = []
    for a in (g.get("source_actors") or []) + (g.get("target_actors") or []):
        text = str(a.get("text") or "")
        if not text:
            continue
        k = doc.text.find(text)
        if k < 0:
            continue
        span = doc.char_span(k, k + len(text), alignment_mode="expand")
        if span is not None:
            out.append(span)
    return out


def families(doc, g: dict, actor_labels: dict[int, str]) -> list[str]:
    fam: list[str] = []
    trig = _trigger_token(doc, g)
    if trig is not None:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in trig.children):
            fam.append("passive")
        if trig.pos_ in ("NOUN", "PROPN"):
            fam.append("nominal")
        node, chain = trig, []
        for _ in range(6):
            chain.append(node)
            if node.head is node:
                break
            node = node.head
        if any(n.dep_ == "ccomp" and n.head.lemma_.lower() in SPEECH_LEMMAS for n in chain) or \
                any(n.lemma_.lower() in SPEECH_LEMMAS and n.i != trig.i for n in chain[1:]):
            fam.append("reported-speech")
        words = {w.lower() for w in str(g.get("event_text") or "").split()}
        if words & {"not", "no", "never", "n't"} or any(
                c.dep_ == "neg" or c.lower_ in ("never", "no") for n in chain[:3] for c in n.children):
            fam.append("negation")
        if words & MODALS or any(c.dep_ == "aux" and c.lower_ in MODALS for n in chain[:3] for c in n.children) \
                or any(c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children)
                       for c in trig.children):
            fam.append("modal")
    spans = _actor_tokens(doc, g)
    if any(len(gold_codes(g.get(side))) >= 2 for side in ("source", "target")) or any(
            t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for s in spans for t in s):
        fam.append("coordination")
    if any(actor_labels.get(t.i) in ("CAPITAL", "SEAT") for s in spans for t in s):
        fam.append("metonymy/capital")
    if any(t.ent_type_ == "PERSON" or actor_labels.get(t.i) in ("PERSON", "MEMORY") for s in spans for t in s):
        fam.append("person-name")
    return fam or ["none"]


# ---------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("tune", "test", "all"), default="tune")
    ap.add_argument("--details", action="store_true", help="print failing records (tune split only)")
    ap.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS)
    ap.add_argument("--domestic", action="store_true",
                    help="code events within one country too (`detente extract --domestic`), as the GSR does")
    a = ap.parse_args(argv)
    if a.details and a.split != "tune":
        ap.error("--details is only allowed on the tune split (the test half is measured, never read)")

    from detente.nlp import extensions
    from detente.nlp.pipeline import build_pipeline

    records = load_jsonl(a.benchmarks / "plover_gsr" / "records.jsonl")
    if a.split == "tune":
        records = [r for r in records if not is_test_id(r["id"])]
    elif a.split == "test":
        records = [r for r in records if is_test_id(r["id"])]
    generic = generic_codes()
    nlp = build_pipeline(config={"detente_events": {"domestic": a.domestic}})

    def code(actor) -> str:
        c = actor.country
        return generic.get(c, c)

    cls = Counter()
    fam_cls: dict[str, Counter] = defaultdict(Counter)
    type_conf = Counter()
    gold_type_cls: dict[str, Counter] = defaultdict(Counter)
    spurious = Counter()
    n_pred = 0
    details: list[str] = []
    docs = nlp.pipe((nlp.make_doc(r["text"]) for r in records), batch_size=32)
    for r, doc in zip(records, docs):
        preds = [{"source": code(e.source), "target": code(e.target), "type": e.event_type,
                  "trigger": e.trigger} for e in doc._.events or []]
        n_pred += len(preds)
        spans = list(doc.spans[extensions.ACTORS]) if extensions.ACTORS in doc.spans else []
        found_codes: set[str] = set()
        labels: dict[int, str] = {}
        for s in spans:
            members = s._.members or ([s._.actor] if s._.actor is not None else [])
            found_codes.update(code(m) for m in members)
            for i in range(s.start, s.end):
                labels[i] = s.label_
        G = r.get("events") or []
        ev = max_matching(len(G), len(preds),
                          lambda gi, pi: dyad_ok(G[gi], preds[pi]) and preds[pi]["type"] in types_of(G[gi]))
        used = set(ev.values())
        rec_lines = []
        for gi, g in enumerate(G):
            if gi in ev:
                c = "hit"
            elif is_domestic(g):
                c = "domestic"
            else:
                free = [p for k, p in enumerate(preds) if k not in used]
                gs, gt = gold_codes(g.get("source")), gold_codes(g.get("target"))
                if any(dyad_ok(g, p) for p in free):
                    c = "wrong-type"
                    pt = next(p["type"] for p in free if dyad_ok(g, p))
                    type_conf[(g["plover"], pt)] += 1
                elif (gs and not set(gs) & found_codes) or (gt and not set(gt) & found_codes):
                    c = "missed-no-actor"
                elif any(p["type"] in types_of(g) or side_ok(gs, p["source"]) or side_ok(gt, p["target"])
                         for p in free):
                    c = "wrong-actor"
                else:
                    c = "missed-no-trigger"
            cls[c] += 1
            gold_type_cls[g["plover"]][c] += 1
            for f in families(doc, g, labels):
                fam_cls[f][c] += 1
            if c != "hit":
                rec_lines.append(f"  gold {c:17} {'/'.join(gold_codes(g.get('source'))) or '*'} -> "
                                 f"{'/'.join(gold_codes(g.get('target'))) or '*'} {g['plover']} "
                                 f"[{g.get('event_text')}] fam={','.join(families(doc, g, labels))}")
        for k, p in enumerate(preds):
            if k not in used:
                spurious[p["type"]] += 1
        if a.details and rec_lines:
            details.append(f"{r['id']}: {r['text']}")
            details.extend(rec_lines)
            actors = ", ".join(f"{s.text}={code(s._.actor) if s._.actor else '?'}:{s.label_}" for s in spans)
            details.append(f"  actors: {actors}")
            for p in preds:
                details.append(f"  pred {p['source']} -> {p['target']} {p['type']} ({p['trigger']})")

    total = sum(cls.values())
    print(f"plover_gsr split={a.split}: {len(records)} sentences, {total} gold events, {n_pred} predictions")
    print("\nclass                 n  share")
    for c in CLASSES:
        print(f"{c:18} {cls[c]:4d}  {cls[c] / total:.3f}")
    scope = total - cls["domestic"]
    print(f"recall (hit / all) = {cls['hit'] / total:.3f}; in scope (hit / non-domestic) = "
          f"{cls['hit'] / scope:.3f}")
    print(f"spurious predictions (no gold match): {sum(spurious.values())} "
          + " ".join(f"{t}={n}" for t, n in spurious.most_common()))
    print("\nwrong-type (gold -> predicted):")
    for (g, p), n in type_conf.most_common():
        print(f"  {g:10} -> {p:10} {n}")
    head = "".join(f"{c[:12]:>13}" for c in CLASSES)
    print(f"\nby family (an event may be in several){'':3}\n{'family':18}{'n':>5}{head}")
    for f in FAMILIES:
        row = fam_cls.get(f, Counter())
        print(f"{f:18}{sum(row.values()):5d}" + "".join(f"{row[c]:13d}" for c in CLASSES))
    print(f"\nby gold type\n{'type':18}{'n':>5}{head}")
    for t in sorted(gold_type_cls):
        row = gold_type_cls[t]
        print(f"{t:18}{sum(row.values()):5d}" + "".join(f"{row[c]:13d}" for c in CLASSES))
    if details:
        print("\n--- failing records (tune half)")
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
