#!/usr/bin/env python3
"""Score detente on public benchmarks (measure only, never tune): `detente eval` and
`bench/sentence_benchmarks.py` both run this module.

For each set the sentences are written to a temporary JSONL corpus ({"id", "text", "date"}, in the
system temp folder, never in the repository), coded with the `detente extract` CLI (subprocess,
`--format jsonl`), the records are grouped by `doc` into {"id", "events": [{source, target,
event_type}]} and scored:

  plover_gsr     score_sentences.py GOLD PRED              (split: see --split)
  petrarch_unit  score_sentences.py GOLD PRED --match root, three times: with the PETR.Validate
                 actors + agents dictionaries passed as --actors (the suite as the issue defines
                 it); with its verbs dictionary as --verbs too, read with --verb-codes weis (see
                 PETRARCH_VERB_CODES), added to detente's own lexicon; and with --verbs-only, the
                 dictionary's verbs alone, as PETRARCH codes. All runs pass its discard list as
                 --discards: it is one of the suite's four dictionaries (UnitTest.Environment.xml),
                 and the records that test it expect the discarded sentences and stories to yield
                 nothing.
  confli_raters  quad-class agreement with the raters' majority, computed here (no scorer exists
                 for it): see `confli_agreement`.

Scope: the three sets code events between two actors of one country too (government and rebels,
police and protesters), so `detente extract` runs with `--domestic` unless `--scope interstate`.

plover_gsr split (fixed, by id): sha1(id) last hex digit even = tune, odd = test. `--split test`
(default) reports the test half and the whole set; `--split all` only the whole set.

usage: detente eval sentences [--set all|plover_gsr|petrarch_unit|confli_raters] [--split test|all]
                              [--scope domestic|interstate] [--benchmarks DIR]
       python bench/sentence_benchmarks.py (the same options)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

# the checkout (repository root) when detente runs from one; benchmarks sit in ../shared beside it
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCHMARKS = (Path.cwd().parent / "shared" / "benchmarks"
                      if (Path.cwd().parent / "shared" / "benchmarks").is_dir()
                      else ROOT.parent / "shared" / "benchmarks")
SETS = ("plover_gsr", "petrarch_unit", "confli_raters")
PETRARCH_ACTOR_FILES = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")
# the suite is defined as coded with its own verb dictionary too (UnitTest.Environment.xml)
PETRARCH_VERB_FILES = ("PETR.Validate.verbs.txt",)
# ... and its discard list (sentence and story discards), in both runs
PETRARCH_DISCARD_FILES = ("PETR.Validate.discards.txt",)
# ... whose codes are WEIS: its header says "This dictionary started out as part of a KEDS
# dictionary -- hence most of the codes are WEIS, not CAMEO" (and the set's README agrees). `auto`
# would read every WEIS code that also exists in CAMEO (most of 011-202) as CAMEO, e.g. WEIS 191
# "cancel or postpone event" as CAMEO 191 "impose blockade", so the suite is read as WEIS.
PETRARCH_VERB_CODES = "weis"
# PLOVER type -> quad class, as in score_sentences.py and the plover_gsr README (SANCTION = 4).
QUAD = {t: 1 for t in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")}
QUAD.update({t: 2 for t in ("COOPERATE", "AID", "RETREAT")})
QUAD.update({t: 3 for t in ("REQUEST", "ACCUSE", "REJECT", "THREATEN")})
QUAD.update({t: 4 for t in ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")})


# ---------------------------------------------------------------- io helpers


def max_matching(n_gold: int, n_pred: int, ok: Callable[[int, int], bool],
                 fixed_gold: Iterable[int] = (), fixed_pred: Iterable[int] = ()) -> dict[int, int]:
    """Maximum bipartite matching gold index -> predicted index (augmenting paths), as the
    shared scorers pair gold and predictions; `fixed_*` indices are already taken."""
    match_p: dict[int, int] = {}
    fixed_g, fixed_p = set(fixed_gold), set(fixed_pred)

    def try_g(g: int, seen: set[int]) -> bool:
        for p in range(n_pred):
            if p in fixed_p or p in seen or not ok(g, p):
                continue
            seen.add(p)
            if p not in match_p or try_g(match_p[p], seen):
                match_p[p] = g
                return True
        return False

    for g in range(n_gold):
        if g not in fixed_g:
            try_g(g, set())
    return {g: p for p, g in match_p.items()}

def load_jsonl(path: Path) -> list[dict[str, Any]]:
    """All JSON objects of a JSONL file (blank lines skipped)."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write rows as JSONL; returns the number written."""
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


def is_test_id(record_id: str) -> bool:
    """The fixed plover_gsr split: sha1(id) last hex digit odd = test (even = tune)."""
    return int(hashlib.sha1(record_id.encode("utf-8")).hexdigest()[-1], 16) % 2 == 1


def default_detente_cmd() -> list[str]:
    """The `detente` console script next to this Python, on PATH, or `python -c` on detente.cli."""
    here = Path(sys.executable).parent / "detente"
    if here.exists():
        return [str(here)]
    found = shutil.which("detente")
    if found:
        return [found]
    # Not installed: run the CLI module from the checkout (cwd is the repo root, see run_detente).
    return [sys.executable, "-c", "import sys; from detente.cli import main; sys.exit(main())"]


# ---------------------------------------------------------------- running detente

def corpus_rows(records: Sequence[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    """The benchmark records as detente JSONL input: id, text and the document date if given."""
    for r in records:
        row = {"id": r["id"], "text": r["text"]}
        if r.get("date"):
            row["date"] = r["date"]
        yield row


def run_detente(cmd: Sequence[str], corpus: Path, actor_files: Sequence[Path] = (),
                timeout: float | None = None, verb_files: Sequence[Path] = (),
                verb_codes: str | None = None, extra_args: Sequence[str] = (),
                discard_files: Sequence[Path] = ()) -> tuple[list[dict[str, Any]], float, int, str]:
    """Run `detente extract CORPUS --format jsonl [--actors F]... [--verbs F]... [--verb-codes S]
    [--discards F]... [EXTRA]...`.

    Returns (records, seconds, exit status, stderr). Lines of stdout that are not JSON objects
    are counted in a warning, not fatal, so a stray print cannot lose a whole set."""
    argv = [*cmd, "extract", str(corpus), "--format", "jsonl"]
    for f in actor_files:
        argv += ["--actors", str(f)]
    for f in verb_files:
        argv += ["--verbs", str(f)]
    if verb_files and verb_codes:
        argv += ["--verb-codes", verb_codes]
    for f in discard_files:
        argv += ["--discards", str(f)]
    argv += list(extra_args)
    env = dict(os.environ)
    # Make the checkout importable when the CLI is not installed (namespace or regular package).
    env["PYTHONPATH"] = os.pathsep.join(p for p in (env.get("PYTHONPATH", ""), str(ROOT)) if p)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          errors="replace", timeout=timeout)
    seconds = time.perf_counter() - t0
    records: list[dict[str, Any]] = []
    bad = 0
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(rec, dict):
            records.append(rec)
        else:
            bad += 1
    if bad:
        print(f"warning: {bad} stdout lines of `detente extract` were not JSON records", file=sys.stderr)
    return records, seconds, proc.returncode, proc.stderr


def event_order(rec: dict[str, Any]) -> tuple[int, int]:
    """Records in text order (sentence start, then trigger), whatever order the CLI printed."""
    def as_int(v: Any) -> int:
        return v if isinstance(v, int) else 0
    return as_int(rec.get("start")), as_int(rec.get("trigger_start"))


def generic_codes() -> dict[str, str]:
    """detente's code of each transnational actor -> the generic CAMEO code the PLOVER GSR gives it.

    The GSR codes organisations generically: the UN, NATO or the Arab League are `IGO`, and so are
    international non-governmental bodies such as the Red Cross or Amnesty International (as its
    coders wrote them); transnational armed groups (al-Qaeda) are `IMG`. A national group whose code
    is a country code (Hamas -> PSE) keeps it."""
    import csv
    from importlib import resources

    def rows_of(name: str) -> list[dict[str, str]]:
        text = resources.files("detente").joinpath(f"data/actors/{name}").read_text(encoding="utf-8")
        return list(csv.DictReader(line for line in text.splitlines() if line.strip() and not line.startswith("#")))

    countries = {r["code"] for r in rows_of("countries.csv")}
    generic = {"": "IGO", "NGO": "IGO", "REB": "IMG"}
    table: dict[str, str] = {}
    for r in rows_of("organisations.csv"):
        code, sector = r["code"], (r.get("sector") or "").strip()
        if code not in countries and sector in generic:
            table[code] = generic[sector]
    return table


def as_generic_igo(actor: Any, table: dict[str, str]) -> Any:
    """The actor with a transnational code replaced by the GSR's generic one (`generic_codes`), so
    that "UN" and "IGO" are not counted as different actors."""
    if isinstance(actor, dict) and actor.get("country") in table:
        return {**actor, "country": table[actor["country"]]}
    return actor


def group_predictions(records: Sequence[dict[str, Any]], ids: Sequence[str],
                      generic_igo: bool = False) -> list[dict[str, Any]]:
    """{"id", "events": [{source, target, event_type, quad_class}]} for every id (empty if none)."""
    orgs = generic_codes() if generic_igo else {}
    by_doc: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    for rec in sorted(records, key=event_order):
        doc = str(rec.get("doc", ""))
        if doc not in by_doc:
            continue  # not one of ours (should not happen); the scorer would ignore it anyway
        by_doc[doc].append({"source": as_generic_igo(rec.get("source"), orgs),
                            "target": as_generic_igo(rec.get("target"), orgs),
                            "event_type": rec.get("event_type"), "quad_class": rec.get("quad_class")})
    return [{"id": i, "events": evs} for i, evs in by_doc.items()]


# ---------------------------------------------------------------- scoring

def parse_figures(line: str) -> dict[str, float]:
    """The scorer's last line `name=value ...` as a dict of floats (nan kept as nan)."""
    out: dict[str, float] = {}
    for item in line.split():
        name, _, value = item.partition("=")
        try:
            out[name] = float(value)
        except ValueError:
            continue
    return out


def run_scorer(scorer: Path, gold: Path, pred: Path, match_root: bool) -> dict[str, float]:
    """Run score_sentences.py, print its output, return its figures (empty dict on failure)."""
    argv = [sys.executable, str(scorer), str(gold), str(pred)]
    if match_root:
        argv += ["--match", "root"]
    print("$ " + shlex.join(["python3", *argv[1:]]))
    proc = subprocess.run(argv, capture_output=True, text=True)
    print(proc.stdout.rstrip())
    if proc.returncode != 0:
        print(proc.stderr.rstrip(), file=sys.stderr)
        return {}
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    return parse_figures(lines[-1]) if lines else {}


def rater_quad_penta(rater: dict[str, Any]) -> int | None:
    """Penta class 1-4 of the rater's first action that is not 0 = statement (None if none)."""
    for action in rater.get("actions") or []:
        if action.get("penta") in (1, 2, 3, 4):
            return int(action["penta"])
    return None


def rater_quad_plover(rater: dict[str, Any]) -> int | None:
    """PLOVER quad of the rater's first action whose CAMEO root maps to one PLOVER type."""
    for action in rater.get("actions") or []:
        q = QUAD.get(str(action.get("plover") or "").upper())
        if q:
            return q
    return None


def majority(labels: Sequence[int]) -> int | None:
    """The label held by more than half of the labelled raters (at least two), else None."""
    if len(labels) < 2:
        return None
    label, count = Counter(labels).most_common(1)[0]
    return label if count * 2 > len(labels) else None


def confli_agreement(gold_rows: Sequence[dict[str, Any]], preds: Sequence[dict[str, Any]],
                     rater_label: Any) -> dict[str, float]:
    """Agreement of our first event's quad_class with the raters' majority quad.

    Per sentence: complete raters of the final round, each labelled with `rater_label` (raters
    without a label are dropped, as in the folder's agreement.json); the gold label is the strict
    majority of at least two labels. coverage = share of gold-labelled sentences where we coded an
    event; agreement = share of covered sentences whose first event (text order) has that quad;
    agreement_all = the same over all gold-labelled sentences (no event counts as a miss)."""
    pred_by_id = {p["id"]: p["events"] for p in preds}
    labelled = covered = agree = 0
    none_majority = none_ok = 0
    for row in gold_rows:
        complete = [r for r in row.get("raters") or [] if r.get("complete")]
        events = pred_by_id.get(row["id"], [])
        # sentences where most complete raters coded no non-statement action: should yield nothing
        if complete and sum(rater_quad_penta(r) is None for r in complete) * 2 > len(complete):
            none_majority += 1
            none_ok += int(not events)
        gold = majority([q for q in (rater_label(r) for r in complete) if q is not None])
        if gold is None:
            continue
        labelled += 1
        if events:
            covered += 1
            q = events[0].get("quad_class")
            if q is None:
                q = QUAD.get(str(events[0].get("event_type") or "").upper())
            agree += int(q == gold)

    def div(a: int, b: int) -> float:
        return a / b if b else float("nan")
    return {"sentences": len(gold_rows), "labelled": labelled, "covered": covered, "agree": agree,
            "coverage": div(covered, labelled), "agreement": div(agree, covered),
            "agreement_all": div(agree, labelled), "none_majority": none_majority,
            "none_ok": none_ok, "noevent_accuracy": div(none_ok, none_majority)}


def rater_reference(agreement_json: Path) -> dict[str, dict[str, float]]:
    """Raters' own pairwise agreement (macro) from agreement.json, for reference."""
    try:
        data = json.loads(agreement_json.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    out: dict[str, dict[str, float]] = {}
    for block in ("final_rounds", "first_pass_round8_trained"):
        for key in ("quad_first_nonstatement", "plover_quad_first_mappable"):
            fig = (data.get(block) or {}).get(key) or {}
            if "macro" in fig:
                out.setdefault(block, {})[key] = fig["macro"]
    return out


# ---------------------------------------------------------------- per set

def fmt(v: Any, digits: int = 3) -> str:
    """A figure for the table: float with `digits` decimals, nan as '-', ints as is."""
    if isinstance(v, float):
        return "-" if v != v else f"{v:.{digits}f}"
    return "-" if v is None else str(v)


def bench_scored(name: str, bench: Path, tmp: Path, cmd: Sequence[str], split: str,
                 timeout: float | None, scope: str = "domestic") -> list[dict[str, Any]]:
    """plover_gsr / petrarch_unit: extract, group, score; returns summary rows."""
    gold_path = bench / name / "records.jsonl"
    gold = load_jsonl(gold_path)
    corpus = tmp / f"{name}.corpus.jsonl"
    write_jsonl(corpus, corpus_rows(gold))
    if name == "petrarch_unit":
        # as the issue defines the suite: its actor dictionaries; then also its verb dictionary
        folder = bench / name / "dictionaries"
        actors = [folder / f for f in PETRARCH_ACTOR_FILES]
        verbs = [folder / f for f in PETRARCH_VERB_FILES]
        runs = [("actors", actors, [], []), ("actors+verbs", actors, verbs, []),
                ("actors+verbs only", actors, verbs, ["--verbs-only"])]
        discards = [folder / f for f in PETRARCH_DISCARD_FILES]
    else:
        runs = [("", [], [], [])]
        discards = []
    rows = []
    for label, actor_files, verb_files, mode_args in runs:
        tag = f"{name}.{label.replace('+', '_').replace(' ', '_')}" if label else name
        records, seconds, rc, stderr = run_detente(
            cmd, corpus, actor_files, timeout, verb_files=verb_files,
            verb_codes=PETRARCH_VERB_CODES if verb_files else None, extra_args=[f"--{scope}", *mode_args],
            discard_files=discards)
        print(f"detente extract{' (' + label + ')' if label else ''}: {len(gold)} sentences, "
              f"{len(records)} records, {seconds:.1f} s, exit {rc}")
        if rc != 0:
            print(stderr.rstrip()[-4000:], file=sys.stderr)
            rows.append({"set": f"{name} {label}".strip(), "error": f"detente exit {rc}"})
            continue
        preds = group_predictions(records, [r["id"] for r in gold], generic_igo=(name == "plover_gsr"))
        pred_path = tmp / f"{tag}.pred.jsonl"
        write_jsonl(pred_path, preds)
        scorer = bench / "score_sentences.py"
        parts: list[tuple[str, Path, Path]] = []
        if name == "plover_gsr" and split == "test":
            # gold and predictions both cut to the test half, so the scorer warns about nothing
            test_gold, test_pred = tmp / f"{tag}.gold.test.jsonl", tmp / f"{tag}.pred.test.jsonl"
            write_jsonl(test_gold, (r for r in gold if is_test_id(r["id"])))
            write_jsonl(test_pred, (p for p in preds if is_test_id(p["id"])))
            parts.append(("test", test_gold, test_pred))
        parts.append(("all", gold_path, pred_path))
        for part, gpath, ppath in parts:
            part_label = f"{label}, {part}" if label else part
            print(f"-- {name} [{part_label}]")
            figures = run_scorer(scorer, gpath, ppath, match_root=(name == "petrarch_unit"))
            rows.append({"set": f"{name} [{part_label}]", "seconds": seconds, **figures})
    return rows


def bench_confli(bench: Path, tmp: Path, cmd: Sequence[str], timeout: float | None,
                 scope: str = "domestic") -> list[dict[str, Any]]:
    """confli_raters: extract, then agreement with the raters' majority quad (two labelings)."""
    folder = bench / "confli_raters"
    gold = load_jsonl(folder / "records.jsonl")
    corpus = tmp / "confli_raters.corpus.jsonl"
    write_jsonl(corpus, corpus_rows(gold))
    records, seconds, rc, stderr = run_detente(cmd, corpus, (), timeout, extra_args=[f"--{scope}"])
    print(f"detente extract: {len(gold)} sentences, {len(records)} records, {seconds:.1f} s, exit {rc}")
    if rc != 0:
        print(stderr.rstrip()[-4000:], file=sys.stderr)
        return [{"set": "confli_raters", "error": f"detente exit {rc}"}]
    preds = group_predictions(records, [r["id"] for r in gold])
    ref = rater_reference(folder / "agreement.json")
    rows = []
    for label, fn, key in (("penta quad", rater_quad_penta, "quad_first_nonstatement"),
                           ("PLOVER quad", rater_quad_plover, "plover_quad_first_mappable")):
        res = confli_agreement(gold, preds, fn)
        print(f"-- confli_raters [{label}]: gold = strict majority (>=2 labels) of complete final-round raters")
        print(f"labelled sentences={res['labelled']} covered={res['covered']} coverage={fmt(res['coverage'])} "
              f"agreement={fmt(res['agreement'])} (first event quad vs majority, covered sentences) "
              f"agreement_all={fmt(res['agreement_all'])}")
        print(f"raters' own pairwise agreement ({key}, macro): final rounds "
              f"{fmt(ref.get('final_rounds', {}).get(key))}, first pass r8 "
              f"{fmt(ref.get('first_pass_round8_trained', {}).get(key))}")
        rows.append({"set": f"confli_raters [{label}]", "seconds": seconds, "coverage": res["coverage"],
                     "agreement": res["agreement"], "agreement_all": res["agreement_all"],
                     "raters_final": ref.get("final_rounds", {}).get(key, float("nan")),
                     "raters_r8": ref.get("first_pass_round8_trained", {}).get(key, float("nan")),
                     "n_records": float(len(gold)), "n_pred_events": float(len(records)),
                     "noevents_accuracy": res["noevent_accuracy"]})
    print(f"no-event sentences (most complete raters coded no non-statement action): "
          f"{res['none_majority']}, of which detente coded nothing: {res['none_ok']} "
          f"({fmt(res['noevent_accuracy'])})")
    return rows


def print_summary(rows: Sequence[dict[str, Any]]) -> None:
    """The closing table: one line per set/part."""
    cols = [("set", "set", 26), ("n_records", "sents", 6), ("n_pred_events", "events", 7),
            ("event_precision", "ev_P", 6), ("event_recall", "ev_R", 6), ("event_f1", "ev_F1", 6),
            ("dyad_f1", "dy_F1", 6), ("quad_accuracy", "quad", 6), ("noevents_accuracy", "noev", 6),
            ("coverage", "cover", 6), ("agreement", "agree", 6), ("raters_r8", "r8", 6),
            ("raters_final", "final", 6), ("seconds", "secs", 6)]
    print()
    print("summary (ev = (source,target,type) P/R/F1; dy = dyad F1; quad = quad accuracy on dyad-matched "
          "pairs;\n noev = no-event accuracy; cover/agree = confli_raters coverage and quad agreement with "
          "the raters' majority;\n r8/final = raters' own pairwise agreement, first pass / final rounds)")
    print(" ".join(f"{h:<{w}}" if k == "set" else f"{h:>{w}}" for k, h, w in cols))
    for row in rows:
        if "error" in row:
            print(f"{row['set']:<26} {row['error']}")
            continue
        cells = []
        for k, _h, w in cols:
            v = row.get(k, float("nan"))
            if k in ("n_records", "n_pred_events") and isinstance(v, float) and v == v:
                v = int(v)
            if k == "seconds":
                v = f"{v:.1f}"
            cells.append(f"{fmt(v):<{w}}" if k == "set" else f"{fmt(v):>{w}}")
        print(" ".join(cells))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen benchmark sets and print their scores and a summary table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=(*SETS, "all"), default="all")
    ap.add_argument("--split", choices=("test", "all"), default="test",
                    help="plover_gsr: test = the sha1-odd half (plus the whole set); all = whole set only")
    ap.add_argument("--benchmarks", type=Path, default=DEFAULT_BENCHMARKS, help="default: %(default)s")
    ap.add_argument("--detente-cmd", default=None,
                    help="command that runs the CLI (default: the `detente` script, else python -c detente.cli)")
    ap.add_argument("--scope", choices=("domestic", "interstate"), default="domestic",
                    help="domestic (default): `detente extract --domestic`, since all three sets code "
                         "events between actors of one country too; interstate: detente's default")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per `detente extract` run")
    ap.add_argument("--keep", type=Path, default=None,
                    help="keep corpus/prediction files in this folder (must be outside the repository)")
    a = ap.parse_args(argv)

    if not (a.benchmarks / "score_sentences.py").exists():
        ap.error(f"no score_sentences.py under {a.benchmarks}")
    cmd = shlex.split(a.detente_cmd) if a.detente_cmd else default_detente_cmd()
    sets = SETS if a.set == "all" else (a.set,)
    print(f"detente command: {shlex.join(cmd)}")

    with tempfile.TemporaryDirectory(prefix="detente-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if a.keep:
            keep = a.keep.resolve()
            if keep == ROOT or ROOT in keep.parents:
                ap.error("--keep must be outside the repository (benchmark text never goes into it)")
            keep.mkdir(parents=True, exist_ok=True)
            tmp = keep
        rows: list[dict[str, Any]] = []
        for name in sets:
            print(f"\n=== {name}")
            try:
                if name == "confli_raters":
                    rows += bench_confli(a.benchmarks, tmp, cmd, a.timeout, a.scope)
                else:
                    rows += bench_scored(name, a.benchmarks, tmp, cmd, a.split, a.timeout, a.scope)
            except subprocess.TimeoutExpired:
                print(f"detente extract timed out after {a.timeout:.0f} s", file=sys.stderr)
                rows.append({"set": name, "error": "timeout"})
    print_summary(rows)
    return 1 if any("error" in r for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
