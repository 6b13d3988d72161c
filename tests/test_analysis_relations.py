"""Disputes/issues, third parties and triads, cross-source corroboration and contradictions, on
small stores built from hand-made Event records (no NLP)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from detente.analysis.corroboration import clusters_frame, contradictions, corroborate
from detente.analysis.disputes import dyad_issues, issue_events, load_issues, parse_issues
from detente.analysis.thirdparty import third_parties, triads
from detente.analysis_more_cli import (
    conflicts_command,
    corroborate_command,
    issues_command,
    parties_command,
)
from detente.readers import Document
from detente.record import Actor, Event
from detente.store import Store

INTENSITY = {"AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.5, "COOPERATE": 6.0, "AID": 7.0,
             "ACCUSE": -2.0, "REJECT": -4.0, "THREATEN": -6.0, "SANCTION": -4.5, "ASSAULT": -9.5}
QUAD = {"AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "ACCUSE": 3,
        "REJECT": 3, "THREATEN": 3, "SANCTION": 4, "ASSAULT": 4}


def ev(src: str, tgt: str, etype: str, sentence: str, date: str | None = None,
       symmetric: bool = False, negated: bool = False, track: str = "political") -> Event:
    """An event whose sentence is its own line of the document (start/end set by `store_doc`)."""
    return Event(doc="", start=0, end=0, sentence=sentence, source=Actor(src), target=Actor(tgt),
                 event_type=etype, mode=None, quad_class=QUAD[etype], intensity=INTENSITY[etype],
                 cameo_root=None, symmetric=symmetric, date=date, negated=negated, track=track)


def store_doc(store: Store, doc_id: str, events: list[Event]) -> None:
    """Store a document whose text is the events' sentences, one per line."""
    sentences = list(dict.fromkeys(e.sentence for e in events))
    text = "\n".join(sentences) + f"\n[{doc_id}]"
    offsets, pos = {}, 0
    for s in sentences:
        offsets[s] = (pos, pos + len(s))
        pos += len(s) + 1
    for e in events:
        e.start, e.end = offsets[e.sentence]
        e.doc = doc_id
    store.add_document(Document.from_text(doc_id, text, path=f"{doc_id}.txt"), events)


S_NUKE = "Iran accused Russia of undermining the nuclear deal and the uranium enrichment talks."
S_NUKE2 = "Russia backed Iran at the IAEA board meeting."
S_ISLANDS = "Russia supported the Gulf position on the three disputed islands claimed by Iran."
S_GAS = "Iran and Russia signed a gas pipeline agreement."
S_DRONES = "Iran delivered attack drones to Russia for use against Ukraine."
S_WAR = "Russian troops attacked Ukrainian cities."
S_NEG = "Russia did not support Iran on the nuclear file."


@pytest.fixture()
def relations_db(tmp_path):
    path = tmp_path / "rel.duckdb"
    with Store(path) as store:
        store_doc(store, "brief", [
            ev("IRN", "RUS", "ACCUSE", S_NUKE, "2021-03-02"),
            ev("RUS", "IRN", "SUPPORT", S_NUKE2, "2021-06-01"),
            ev("RUS", "GCC", "SUPPORT", S_ISLANDS, "2022-07-10"),
            ev("IRN", "RUS", "REJECT", "Iran rejected Russia's statement on the disputed islands.",
               "2022-07-12"),
            ev("GCC", "IRN", "ACCUSE", "The Gulf states accused Iran of occupying the islands.",
               "2022-07-11"),
            ev("IRN", "RUS", "AGREE", S_GAS, "2022-09-01", symmetric=True),
            ev("IRN", "RUS", "AID", S_DRONES, "2022-10-01"),
            ev("RUS", "UKR", "ASSAULT", S_WAR, "2022-10-05"),
            ev("USA", "IRN", "SANCTION", "The United States sanctioned Iran over the drones.",
               "2022-11-01"),
            ev("USA", "RUS", "SANCTION", "The United States sanctioned Russia.", "2022-11-02"),
            ev("RUS", "IRN", "SUPPORT", S_NEG, "2021-12-01", negated=True),
        ])
    return path


# ---------------------------------------------------------------------------------- issues
def test_issue_definitions_load_and_match_inflections():
    issues = {i.key: i for i in load_issues()}
    assert {"nuclear", "territorial", "third_country_war", "energy", "trade", "sanctions"} <= set(issues)
    assert issues["sanctions"].matches_text("Washington sanctioned two banks")
    assert issues["nuclear"].matches_text("talks on the JCPOA resumed")
    assert not issues["nuclear"].matches_text("")
    assert not issues["nuclear"].matches_text("a nucleus")  # whole words only
    # `all`: a place word alone is not a territorial dispute; with a dispute word it is
    assert not issues["territorial"].matches_text("They sailed to the islands.")
    assert issues["territorial"].matches_text("They argued over the disputed islands.")


def test_parse_issues_rejects_bad_file():
    with pytest.raises(ValueError):
        parse_issues({"nope": 1})
    custom = parse_issues({"issues": {"fish": {"label": "fisheries", "any": ["fishing quota"]}}})
    assert custom[0].matches_text("new fishing quotas were set")


def test_dyad_issues_groups_by_subject_with_stances(relations_db):
    with Store(relations_db, read_only=True) as store:
        frame = dyad_issues(store, "rus", "irn")
    assert frame.attrs["dyad"] == ("RUS", "IRN")
    by_issue = {r["issue"]: r for r in frame.to_dict("records")}
    nuclear = by_issue["nuclear"]
    assert nuclear["n_events"] == 3 and nuclear["n_verbal_coop"] == 2 and nuclear["n_verbal_conflict"] == 1
    assert nuclear["n_negated"] == 1
    # the negated "did not support" adds nothing to Russia's stance
    assert nuclear["net_a_to_b"] == pytest.approx(3.5) and nuclear["stance_a"] == "cooperative"
    assert nuclear["net_b_to_a"] == pytest.approx(-2.0) and nuclear["stance_b"] == "conflictual"
    assert nuclear["periods"] == ["2021"]
    assert str(nuclear["first_date"]) == "2021-03-02" and str(nuclear["last_date"]) == "2021-12-01"
    assert {e["sentence"] for e in nuclear["evidence"]} == {S_NUKE, S_NUKE2, S_NEG}
    # a joint (symmetric) agreement counts for both sides
    energy = by_issue["energy"]
    assert energy["net_a_to_b"] == energy["net_b_to_a"] == pytest.approx(4.0)
    # the islands: Iran rejects Russia; the Gulf states are a third party Russia sides with
    territorial = by_issue["territorial"]
    assert territorial["stance_b"] == "conflictual"
    gcc = next(p for p in territorial["parties"] if p["actor"] == "GCC")
    assert gcc["side_a"] == "with" and gcc["side_b"] == "against"
    # a third country's war, found from the country named next to a war word
    war = by_issue["war:UKR"]
    assert war["third_party"] == "UKR" and war["label"] == "war in Ukraine"
    ukr = next(p for p in war["parties"] if p["actor"] == "UKR")
    assert ukr["side_a"] == "against" and ukr["side_b"] == "no events"
    with pytest.raises(ValueError):
        dyad_issues(Store(relations_db, read_only=True), "RUS", "IRN", by="decade")


def test_issue_events_long_form_and_empty_dyad(relations_db):
    with Store(relations_db, read_only=True) as store:
        long = issue_events(store, "RUS", "IRN")
        assert set(long.columns) >= {"issue", "issue_label", "third_party", "event_id", "sentence"}
        assert (long["source_country"].isin(["RUS", "IRN"]) & long["target_country"].isin(["RUS", "IRN"])).all()
        empty = dyad_issues(store, "FRA", "DEU")
    assert empty.empty and "stance_a" in empty.columns


# ---------------------------------------------------------------------------------- parties
def test_third_parties_alignment(relations_db):
    with Store(relations_db, read_only=True) as store:
        frame = third_parties(store, "RUS", "IRN")
    rows = {r["actor"]: r for r in frame.to_dict("records")}
    assert set(rows) == {"GCC", "USA"}  # UKR deals with Russia only
    gcc = rows["GCC"]
    assert gcc["net_with_a"] == pytest.approx(3.5) and gcc["net_with_b"] == pytest.approx(-2.0)
    assert gcc["a_to_actor"] == pytest.approx(3.5) and gcc["actor_to_b"] == pytest.approx(-2.0)
    assert gcc["alignment"] == "with RUS"
    assert rows["USA"]["alignment"] == "against both"


def test_triads_helper_against_opponent(relations_db):
    with Store(relations_db, read_only=True) as store:
        frame = triads(store, "RUS", "IRN")
        either = triads(store, "RUS", "IRN", involve="either")
    found = {(r["helper"], r["helped"], r["opponent"]): r for r in frame.to_dict("records")}
    # Iranian drones reach Russia, which attacks Ukraine; the drone sentence names Ukraine
    drones = found[("IRN", "RUS", "UKR")]
    assert drones["pattern"] == "helped_in_conflict" and drones["basis"] == "stated"
    assert drones["periods"] == ["2022"]
    assert {e["sentence"] for e in drones["evidence"]} >= {S_DRONES, S_WAR}
    # Russia backs the Gulf states, which are at odds with Iran, in the same year
    gulf = found[("RUS", "GCC", "IRN")]
    assert gulf["pattern"] == "both_in_conflict"  # Russia quarrels with Iran too (the rejection)
    assert all({"RUS", "IRN"} <= set(k) for k in found)
    assert len(either) >= len(frame)


# ---------------------------------------------------------------------------------- corroboration
VISIT = "President Raisi visited Moscow."


def _two_sources(path, second: list[Event]) -> None:
    with Store(path) as store:
        store_doc(store, "agency", [ev("IRN", "RUS", "CONSULT", VISIT, "2023-05-17")])
        store_doc(store, "paper", second)


def test_corroboration_merges_same_event_from_two_documents(tmp_path):
    path = tmp_path / "c.duckdb"
    _two_sources(path, [ev("IRN", "RUS", "CONSULT", "Raisi arrived in Moscow for talks.", "2023-05"),
                        ev("IRN", "RUS", "AGREE", "Raisi and Putin signed a memorandum.", "2023-05-17")])
    with Store(path) as store:
        summary = corroborate(store)
        assert summary.events == 3 and summary.clusters == 2 and summary.corroborated == 1
        top = clusters_frame(store, min_documents=2)
        assert len(top) == 1
        row = top.iloc[0]
        assert row["n_mentions"] == 2 and row["n_documents"] == 2 and row["event_type"] == "CONSULT"
        assert str(row["first_date"])[:10] == str(row["last_date"])[:10] == "2023-05-17"
        assert sorted(row["doc_ids"]) == ["agency", "paper"]
        first = store.query("SELECT * FROM event_mentions ORDER BY event_id")
        # idempotent: a second run gives the same tables
        again = corroborate(store)
        assert again.clusters == summary.clusters
        assert store.query("SELECT * FROM event_mentions ORDER BY event_id").equals(first)
        assert store.query("SELECT count(*) AS n FROM event_clusters")["n"][0] == 2


def test_corroboration_keeps_incompatible_dates_apart(tmp_path):
    path = tmp_path / "d.duckdb"
    _two_sources(path, [ev("IRN", "RUS", "CONSULT", "Raisi visited Moscow in June.", "2023-06-20")])
    with Store(path) as store:
        summary = corroborate(store)
        assert summary.clusters == 2 and summary.corroborated == 0


def test_corroboration_direction_and_symmetry(tmp_path):
    path = tmp_path / "s.duckdb"
    _two_sources(path, [ev("RUS", "IRN", "CONSULT", "Putin and Raisi met in Moscow.", "2023-05-17",
                           symmetric=True)])
    with Store(path) as store:
        assert corroborate(store).corroborated == 1  # joint meeting: direction does not matter
    path2 = tmp_path / "s2.duckdb"
    _two_sources(path2, [ev("RUS", "IRN", "CONSULT", "Putin visited Tehran.", "2023-05-17")])
    with Store(path2) as store:
        assert corroborate(store).corroborated == 0  # a visit the other way is another event
        found = contradictions(store, "IRN", "RUS")
    assert list(found["kind"]) == ["direction"]


def test_undated_events_are_not_corroborated_across_documents(tmp_path):
    path = tmp_path / "u.duckdb"
    with Store(path) as store:
        store_doc(store, "one", [ev("IRN", "RUS", "COOPERATE", "Iran and Russia cooperate.")])
        store_doc(store, "two", [ev("IRN", "RUS", "COOPERATE", "Iran cooperates with Russia.")])
        assert corroborate(store).clusters == 2


def test_corroborate_needs_writable_store(tmp_path):
    path = tmp_path / "r.duckdb"
    _two_sources(path, [])
    from detente.errors import DetenteError

    with Store(path, read_only=True) as store, pytest.raises(DetenteError) as err:
        corroborate(store)
    assert err.value.code == "E047"


# ---------------------------------------------------------------------------------- contradictions
def test_contradiction_opposite_quad_classes(tmp_path):
    path = tmp_path / "o.duckdb"
    with Store(path) as store:
        store_doc(store, "a", [ev("IRN", "RUS", "AGREE", "Iran signed the accord with Russia.", "2023-05-17")])
        store_doc(store, "b", [ev("IRN", "RUS", "REJECT", "Iran rejected the accord with Russia.", "2023-05-17")])
        store_doc(store, "c", [ev("USA", "FRA", "AGREE", "The US and France agreed.", "2023-05-17")])
        found = contradictions(store)
        assert list(found["kind"]) == ["opposite"]
        row = found.iloc[0]
        assert {row["sentence_1"], row["sentence_2"]} == {"Iran signed the accord with Russia.",
                                                         "Iran rejected the accord with Russia."}
        assert contradictions(store, "USA", "FRA").empty


def test_contradiction_negation_and_dates(tmp_path):
    path = tmp_path / "n.duckdb"
    _two_sources(path, [ev("IRN", "RUS", "CONSULT", "Raisi did not visit Moscow.", "2023-05-17",
                           negated=True)])
    with Store(path, read_only=True) as store:
        assert list(contradictions(store)["kind"]) == ["negation"]
    path2 = tmp_path / "t.duckdb"
    _two_sources(path2, [ev("IRN", "RUS", "CONSULT", "Raisi visited Moscow.", "2023-05-19")])
    with Store(path2, read_only=True) as store:
        found = contradictions(store, "RUS", "IRN")
        assert list(found["kind"]) == ["date"]
        assert {found.iloc[0]["date_1"], found.iloc[0]["date_2"]} == {"2023-05-17", "2023-05-19"}
        # far apart: two visits, not one misdated visit
        assert contradictions(store, max_gap_days=1).empty
        with pytest.raises(ValueError):
            contradictions(store, kinds=["bogus"])


# ---------------------------------------------------------------------------------- CLI
def test_cli_commands(relations_db, tmp_path):
    runner = CliRunner()
    result = runner.invoke(issues_command, ["RUS", "IRN", "--db", str(relations_db)])
    assert result.exit_code == 0, result.output
    assert "nuclear" in result.output and "war:UKR" in result.output
    result = runner.invoke(issues_command, ["RUS", "IRN", "--db", str(relations_db), "--format", "json"])
    payload = json.loads(result.output)
    assert payload["dyad"] == ["RUS", "IRN"]
    assert any(i["issue"] == "nuclear" for i in payload["issues"])

    result = runner.invoke(parties_command, ["RUS", "IRN", "--db", str(relations_db), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert {p["actor"] for p in payload["third_parties"]} == {"GCC", "USA"}
    assert any(t["opponent"] == "UKR" for t in payload["triads"])
    result = runner.invoke(parties_command, ["RUS", "IRN", "--db", str(relations_db)])
    assert "IRN helps RUS against UKR" in result.output

    path = tmp_path / "c.duckdb"
    _two_sources(path, [ev("IRN", "RUS", "CONSULT", VISIT, "2023-05-17"),
                        ev("IRN", "RUS", "AGREE", "Iran signed the accord.", "2023-04-01")])
    with Store(path) as store:
        store_doc(store, "wire", [ev("IRN", "RUS", "REJECT", "Iran rejected the accord.", "2023-04-01")])
    result = runner.invoke(corroborate_command, ["--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "4 events in 3 clusters; 1 reported by 2+ documents" in result.output
    assert "opposite" in result.output
    result = runner.invoke(conflicts_command, ["IRN", "RUS", "--db", str(path), "--format", "json"])
    assert [c["kind"] for c in json.loads(result.output)["contradictions"]] == ["opposite"]

    result = runner.invoke(issues_command, ["RUS", "IRN", "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 2 and "E001" in result.output
