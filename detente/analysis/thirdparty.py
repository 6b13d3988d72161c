"""Third parties of a dyad: who deals with both sides, whom they lean to, and who helps whom
against whom.

`third_parties(store, "RUS", "IRN")` lists the actors with events with both sides and their net
cooperation with each. `triads(store, "RUS", "IRN")` finds the patterns where one actor
cooperates with another while one of the two is in conflict with a third in the same period
(Russia backing the Gulf states while at odds with Iran; Iran supplying Russia while Russia
fights Ukraine), with the events that support each.

Negated and hypothetical events ("Russia did not support ...") add nothing to alignments or
triads.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from detente.analysis.disputes import (
    PERIODS,
    _counted,
    actor_events,
    evidence_records,
    mentioned_actors,
    period_labels,
    to_date,
)

if TYPE_CHECKING:
    import pandas as pd

    from detente.store import Store

COOPERATIVE_QUADS = (1, 2)
CONFLICT_QUADS = (3, 4)
# how a triad's cooperation and conflict were tied together, strongest first
BASES = ("same sentence", "stated", "same period", "nearby sentence")
# undated events this close in one document (about a paragraph) are read as simultaneous
NEARBY_CHARS = 1500


def _alignment(a: str, b: str, net_a: float, net_b: float) -> str:
    """A word for a third party's position between A and B."""
    if net_a > 0 and net_b > 0:
        return "with both"
    if net_a < 0 and net_b < 0:
        return "against both"
    if net_a > 0 or net_b < 0:
        return f"with {a}" if net_a > net_b else "neutral"
    if net_b > 0 or net_a < 0:
        return f"with {b}" if net_b > net_a else "neutral"
    return "neutral"


def third_parties(store: "Store", a: str, b: str, since: Any = None,
                  until: Any = None) -> "pd.DataFrame":
    """Actors with events with both A and B (in either direction), most events first.

    Columns: `actor`, `n_events`, `n_with_a`, `n_with_b`, `net_with_a`/`net_with_b` (sum of the
    intensities of all events between the actor and A, resp. B, both directions), the four
    directed sums `a_to_actor`, `actor_to_a`, `b_to_actor`, `actor_to_b` (a joint, symmetric
    event counts in both), `lean` (net_with_a − net_with_b), `alignment` ("with RUS",
    "with IRN", "with both", "against both", "neutral"), `first_date`, `last_date` and
    `event_ids`. `frame.attrs["dyad"]` is (A, B).
    """
    import pandas as pd

    a, b = a.upper(), b.upper()
    columns = ["actor", "n_events", "n_with_a", "n_with_b", "net_with_a", "net_with_b",
               "a_to_actor", "actor_to_a", "b_to_actor", "actor_to_b", "lean", "alignment",
               "first_date", "last_date", "event_ids"]
    frame = actor_events(store, [a, b], since, until)
    frame = frame[~(frame["source_country"].isin((a, b)) & frame["target_country"].isin((a, b)))]
    records = []
    if not frame.empty:
        side = frame["source_country"].where(frame["source_country"].isin((a, b)), frame["target_country"])
        other = frame["target_country"].where(frame["source_country"].isin((a, b)), frame["source_country"])
        frame = frame.assign(_side=side, _other=other, _counts=_counted(frame))
        for actor, grp in frame.groupby("_other", sort=False):
            with_a, with_b = grp[grp["_side"] == a], grp[grp["_side"] == b]
            if with_a.empty or with_b.empty:
                continue
            rec: dict[str, Any] = {"actor": actor, "n_events": int(len(grp)),
                                   "n_with_a": int(len(with_a)), "n_with_b": int(len(with_b))}
            for who, rows in (("a", with_a), ("b", with_b)):
                live = rows[rows["_counts"]]
                val = live["intensity"].fillna(0)
                sym = live["symmetric"].fillna(False).astype(bool)
                outgoing = (live["source_country"] != actor) | sym
                incoming = (live["source_country"] == actor) | sym
                rec[f"net_with_{who}"] = float(val.sum())
                rec[f"{who}_to_actor"] = float(val[outgoing].sum())
                rec[f"actor_to_{who}"] = float(val[incoming].sum())
            rec["lean"] = rec["net_with_a"] - rec["net_with_b"]
            rec["alignment"] = _alignment(a, b, rec["net_with_a"], rec["net_with_b"])
            starts = [d for d in (to_date(v) for v in grp["date_start"]) if d is not None]
            ends = [d for d in (to_date(v) for v in grp["date_end"]) if d is not None]
            rec["first_date"] = min(starts, default=None)
            rec["last_date"] = max(ends, default=None)
            rec["event_ids"] = [int(x) for x in grp["event_id"]]
            records.append(rec)
    out = pd.DataFrame.from_records(records, columns=columns)
    if not out.empty:
        out = out.sort_values(["n_events", "actor"], ascending=[False, True], kind="stable")
        out = out.reset_index(drop=True)
    out.attrs["dyad"] = (a, b)
    return out


def _time_basis(c: dict[str, Any], k: dict[str, Any], opponent: str) -> str | None:
    """How a cooperation event and a conflict event are tied in time, or None if they are not."""
    same_doc = c["doc_id"] == k["doc_id"]
    if same_doc and c["start"] == k["start"] and c["end"] == k["end"]:
        return "same sentence"
    both_dated = bool(c["periods"]) and bool(k["periods"])
    if both_dated and not c["periods"] & k["periods"]:
        return None
    if opponent in c["mentions"]:
        # the cooperation's own sentence names the opponent ("drones used against Ukraine")
        return "stated"
    if both_dated:
        return "same period"
    if same_doc and abs(int(c["start"]) - int(k["start"])) <= NEARBY_CHARS:
        # an undated event: a neighbouring sentence of the same text is the only time anchor
        return "nearby sentence"
    return None


def triads(store: "Store", a: str, b: str, by: str = "year", involve: str = "both",
           since: Any = None, until: Any = None, max_evidence: int = 5) -> "pd.DataFrame":
    """Triads around dyad A–B: a `helper` cooperating with a `helped` actor (helper as source,
    or a joint event) while one of them is in conflict with an `opponent` in the same period.

    `pattern` says who the conflict is with: "helped_in_conflict" (X helps Y against Z: Iran
    arms Russia, Russia fights Ukraine), "helper_in_conflict" (X, at odds with Z, backs Y:
    Russia backs the Gulf states, Russia and Iran quarrel) or "both_in_conflict". Cooperation
    and conflict are tied when they come from the same sentence, when the cooperation's
    sentence names the opponent ("stated"), when their dates share a period (`by`), or, for
    undated events, when they come from sentences at most NEARBY_CHARS apart in one document; `basis` gives the strongest tie.
    `involve="both"` keeps triads that include both A and B, "either" those with one of them
    (conflicts are always read from events of A or B).

    Columns: `helper`, `helped`, `opponent`, `pattern`, `basis`, `n_cooperation`,
    `n_conflict`, `cooperation_net`, `conflict_net`, `periods`, `cooperation_event_ids`,
    `conflict_event_ids`, `evidence` (the strongest pairs' events with their sentences).
    """
    import pandas as pd

    if by not in PERIODS:
        raise ValueError(f"by must be one of {PERIODS}, not {by!r}")
    if involve not in ("both", "either"):
        raise ValueError(f"involve must be 'both' or 'either', not {involve!r}")
    a, b = a.upper(), b.upper()
    columns = ["helper", "helped", "opponent", "pattern", "basis", "n_cooperation", "n_conflict",
               "cooperation_net", "conflict_net", "periods", "cooperation_event_ids",
               "conflict_event_ids", "evidence"]
    frame = actor_events(store, [a, b], since, until)
    frame = frame[_counted(frame)].reset_index(drop=True)
    if frame.empty:
        out = pd.DataFrame(columns=columns)
        out.attrs["dyad"] = (a, b)
        return out

    rows: list[dict[str, Any]] = []
    mention_cache: dict[str, frozenset[str]] = {}
    for r in frame.to_dict("records"):
        text = r["sentence"] if isinstance(r["sentence"], str) else ""
        if text not in mention_cache:
            mention_cache[text] = mentioned_actors(text)
        r["mentions"] = mention_cache[text]
        r["periods"] = frozenset(period_labels(to_date(r["date_start"]), to_date(r["date_end"]), by))
        rows.append(r)
    conflicts_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        if r["quad_class"] in CONFLICT_QUADS:
            conflicts_of[r["source_country"]].append(r)
            conflicts_of[r["target_country"]].append(r)

    found: dict[tuple[str, str, str], dict[str, Any]] = {}
    rank = {name: i for i, name in enumerate(BASES)}
    for c in rows:
        if c["quad_class"] not in COOPERATIVE_QUADS:
            continue
        pairs = [(c["source_country"], c["target_country"])]
        if c["symmetric"]:
            pairs.append((c["target_country"], c["source_country"]))
        for helper, helped in pairs:
            # opponent -> which of the two is in conflict with it, and the tied conflict events
            ties: dict[str, dict[str, list[tuple[str, dict[str, Any]]]]] = defaultdict(
                lambda: {"helper": [], "helped": []})
            for role, actor in (("helper", helper), ("helped", helped)):
                for k in conflicts_of.get(actor, ()):
                    opponent = k["target_country"] if k["source_country"] == actor else k["source_country"]
                    if opponent in (helper, helped):
                        continue
                    if involve == "both" and not {a, b} <= {helper, helped, opponent}:
                        continue
                    basis = _time_basis(c, k, opponent)
                    if basis is not None:
                        ties[opponent][role].append((basis, k))
            for opponent, by_role in ties.items():
                entry = found.setdefault((helper, helped, opponent), {
                    "roles": set(), "basis": BASES[-1], "coop": {}, "conflict": {},
                    "periods": set(), "pairs": []})
                entry["roles"].update(role for role, ks in by_role.items() if ks)
                entry["coop"][c["event_id"]] = c
                for basis, k in by_role["helper"] + by_role["helped"]:
                    entry["conflict"][k["event_id"]] = k
                    entry["pairs"].append((rank[basis], c["event_id"], k["event_id"]))
                    if rank[basis] < rank[entry["basis"]]:
                        entry["basis"] = basis
                    entry["periods"] |= c["periods"] & k["periods"] or c["periods"] | k["periods"]

    records = []
    for (helper, helped, opponent), e in found.items():
        coop = list(e["coop"].values())
        conflict = list(e["conflict"].values())
        shown: list[int] = []
        for _, cid, kid in sorted(e["pairs"]):
            for eid in (cid, kid):
                if eid not in shown:
                    shown.append(eid)
            if len(shown) >= max_evidence:
                break
        by_id = {**e["coop"], **e["conflict"]}
        evidence = evidence_records(pd.DataFrame([by_id[i] for i in shown[:max_evidence]]))
        pattern = ("both_in_conflict" if len(e["roles"]) == 2
                   else "helped_in_conflict" if "helped" in e["roles"] else "helper_in_conflict")
        records.append({
            "helper": helper, "helped": helped, "opponent": opponent, "pattern": pattern,
            "basis": e["basis"], "n_cooperation": len(coop), "n_conflict": len(conflict),
            "cooperation_net": float(sum(x["intensity"] or 0 for x in coop)),
            "conflict_net": float(sum(x["intensity"] or 0 for x in conflict)),
            "periods": sorted(e["periods"]),
            "cooperation_event_ids": sorted(int(x["event_id"]) for x in coop),
            "conflict_event_ids": sorted(int(x["event_id"]) for x in conflict),
            "evidence": evidence,
        })
    out = pd.DataFrame.from_records(records, columns=columns)
    if not out.empty:
        out["_rank"] = out["basis"].map(rank)
        out["_n"] = out["n_cooperation"] + out["n_conflict"]
        out = out.sort_values(["_rank", "_n", "helper", "helped", "opponent"],
                              ascending=[True, False, True, True, True], kind="stable")
        out = out.drop(columns=["_rank", "_n"]).reset_index(drop=True)
    out.attrs["dyad"] = (a, b)
    return out
