"""The `detente_events` component: predicates + resolved actors -> PLOVER event records.

How a sentence is coded (only sentences with at least one actor mention are read):

1. Triggers. A verb whose lemma (or lemma_particle, "call_for") is in the verb lexicon, or a
   noun in the noun lexicon. Light verbs ("sign an agreement", "impose sanctions", "engage in
   talks") take their coding from their object noun.
2. Arguments from the dependency parse. Source: the subject (the `by` agent in the passive);
   a verb without its own subject inherits it through xcomp (object control: "urged X to";
   a passive subject: "X was poised to"), conj, advcl and a gerund after in/by/after ("X
   joined in condemning Y", when the governing verb has no object). Target: the direct object (the passive subject), then the prepositions the
   lexicon names ("cooperate with", "sanctions against"), else (as PETRARCH does) the first
   other actor in the verb's phrase (not through in/at/near for built-in verbs). Nouns take
   their source from a possessive or a demonym ("his visit", "Russian support") or from the verb
   governing them, and a "between X and Y" pair for joint acts.
3. An argument is an actor when its head is inside an actor span, or when it is a pronoun we
   can resolve, or a noun whose possessive/modifier/"of" phrase is an actor ("the leaders of the
   two countries", "the Gulf's position"). Coordination gives several actors.
4. Reported speech. Events inside the complement of a reporting verb are attributed to the
   speaker. When the reported act is conflictual (or the verb alleges: "indicated that",
   "claimed that"), the speaker also ACCUSEs the reported actor ("Zarif insisted that Russia
   opposed the deal").
5. Announced, conditional and refused acts are the speech acts they are (CAMEO 03/13/12): "will
   send aid", "is ready to meet" -> AGREE (intent); "would impose sanctions", "plans to invade",
   "withdraws ... unless" -> THREATEN; "will not accept", "is unwilling to negotiate" -> REJECT.
   Acts inside the clause of a denial ("denied that it attacked") are negated; a demanded act
   ("said Y must hand over") is a REQUEST, not an event of its own.
6. Arguments across constructions: nested actors in a noun phrase ("a spokesman for the ministry
   of X"), agent nouns with "in" ("security forces in X"), coordinated modifiers ("Malian and
   Nigerien refugees"), "X-led forces", adjectival control ("X is eager to meet Y"), object
   relatives, coordinated joint acts sharing their partner, and for acts on territory the
   country of the place ("shelled villages in X", "withdrew from the Golan Heights").
7. Modality, dates (attached through the parse, else the sentence's one date, else the
   narrative year of the paragraph), places, quantities and track.

No event is emitted without two resolved actors with different codes, nor from a sentence that
holds a phrase of a PETRARCH discard list (`discard_files`; a `+` phrase voids the whole Doc).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources

import yaml

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..ontology import type_info
from ..record import Actor, Event, Location, Quantity
from . import extensions
from .actors import is_state_code
from .discards import DiscardList, load_discards
from .lexicon import Lexicon, Trigger, VerbPattern, load_lexicon, restructure

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its", "they", "them", "their", "theirs"}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
COPULAS = {"be", "become", "remain"}
HYPOTHETICAL_AUX = {"may", "might", "could", "would", "should", "can"}
# Verbs after which a bare-verb clause is a mandative subjunctive, a demand ("insisted that Y withdraw").
MANDATIVE_VERBS = {"insist", "demand", "ask", "urge", "propose", "suggest", "recommend", "request", "require",
                   "stipulate", "order"}
HYPOTHETICAL_HEADS = {
    "plan", "intend", "aim", "seek", "want", "hope", "expect", "propose", "consider", "try",
    "attempt", "wish", "prepare", "ready", "willing", "likely", "able", "offer", "threaten",
}
NEGATION_WORDS = {"not", "n't", "never", "no"}
# Adjectives that deny their complement ("unable to", "unlikely to"); the first three refuse it.
REFUSAL_ADJECTIVES = {"unwilling", "reluctant", "loath", "loth"}
NEGATIVE_ADJECTIVES = REFUSAL_ADJECTIVES | {"unable", "unlikely", "hesitant"}
SOURCE_PREPS = ("by", "from")
LOCATION_PREPS = {"in", "at", "near"}
# unverified talk: a denied rumour asserts nothing (see the report nouns in code_sentence)
RUMOUR_NOUNS = {"rumour", "rumor", "speculation"}
# participles that name an act's author after a noun ("an attack blamed on X"): see code_noun
BLAMED_PARTICIPLES = {"blame", "attribute", "ascribe"}
# what a prevented, foiled or banned act is the object of (see _prevented)
PREVENTION_WORDS = {"prevent", "foil", "thwart", "avert", "forestall", "ban", "banning", "prohibit", "prohibition", "forbid", "outlaw"}
# head nouns of a definite description that refers back to a state ("the landlocked kingdom")
STATE_EPITHETS = {"country", "nation", "state", "kingdom", "republic", "emirate", "sultanate", "monarchy", "principality"}
# sectors of armed forces and police (a passive MOBILIZE's moved forces act: see code_verb)
FORCE_SECTORS = {"MIL", "COP"}
# Further prepositions (and their "of" chains) that place an attack: "outside the city of X",
# "ripped through a market in X".
SCENE_PREPS = {"outside", "of", "on", "inside", "through"}
# prepositions whose object is the party an act is aimed at
TARGET_PREPS = {"to", "with", "for", "from", "into", "against", "on", "toward", "towards", "over"}
INTENT_ADJECTIVES = {"ready", "willing", "prepared"}
# prepositions a PETRARCH pattern may name after the verb; their object becomes a target
PATTERN_PREPS = TARGET_PREPS | {"in", "at", "about", "of", "upon", "onto", "across", "through"}
# governing verbs whose complement is intended, threatened, refused or requested, not done
CONTROL_TYPES = {"AGREE", "THREATEN", "REJECT", "REQUEST"}
# Light verbs may take their event noun through these prepositions ("engage in talks").
LIGHT_PREPS = {"in", "into"}
PARAGRAPH_RE = re.compile(r"\n")
# A numbered note or reference line of an exported article ("[13] Author, Title, p. 95").
REFERENCE_LINE = re.compile(r"[ \t]*\[\d{1,4}\][ \t]+\S")
# Personnel whose withdrawal reduces involvement (CAMEO 166) rather than retreating militarily.
# ("worker" alone is not: deporting migrant workers is COERCE; "aid workers" match through "aid")
INVOLVEMENT_OBJECTS = {"inspector", "peacekeeper", "peacekeeping", "monitor", "observer", "diplomat", "aid",
                       "ambassador", "envoy", "staff", "personnel", "mission", "adviser", "advisor", "expert"}
# Acts aimed at another party by their nature (their object is not the author's own).
OTHER_DIRECTED = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "THREATEN"}
# Predicates of blame in a reported clause ("X said Y was responsible for the attack").
BLAME_WORDS = {"responsible", "behind", "guilty", "culpable", "to blame"}
# Verbs of denial: the act in their clause is reported as not having happened.
DENIAL_VERBS = {"deny", "dismiss", "refute", "reject"}
# What one denies of one's own part in an act ("denied responsibility for the attack").
DEED_NOUNS = {"responsibility", "involvement", "role", "part", "complicity", "link", "hand", "participation"}
# Verbs of belief or guess: an act their clause thinks possible ("fear X could attack") is no event.
COGNITION_VERBS = {"believe", "think", "fear", "expect", "predict", "speculate", "worry", "guess", "estimate", "assume"}
POSSIBILITY_AUX = {"may", "might", "could"}
# Prepositional chains a verb's misattached "to" phrase may hang in (EventCoder._misattached_to_party),
# and nouns whose "to" phrase is their own complement ("in response to X", "a visit to X").
NESTING_PREPS = {"of", "in", "for", "over"}
TO_TAKING_NOUNS = {"response", "reply", "answer", "addition", "relation", "regard", "reference", "contrast",
                   "respect", "way", "route", "road", "path", "access", "allegiance", "loyalty", "ambassador",
                   "envoy", "embassy", "mission", "delegation", "letter", "message", "threat", "trip", "journey",
                   "flight", "export", "link", "gateway", "door", "key", "solution", "approach", "commitment",
                   "obligation", "right", "claim", "title", "sovereignty", "heir", "successor", "adviser",
                   "advisor", "counterpart", "neighbour", "neighbor", "ally", "party", "signatory", "member"}
# Verbs of wish: the act of their clause ("diplomats hoped Iran would let inspectors return") is
# only hoped for, neither done nor announced by its author: no event (an infinitive, "hoped to
# sign", is the hoper's own intent and stays one).
WISH_VERBS = {"hope", "wish", "pray"}
# Verbs by which one makes a call or appeal on a party ("renewed its call on X to ...").
CALL_MAKING_VERBS = {"renew", "repeat", "reiterate", "issue", "make", "voice", "launch", "echo", "step", "send"}
# Armed groups a participle may describe by whom they fight ("guerrillas fighting Soviet troops"):
# that enemy is not the party of an act aimed at the group (EventCoder._verb_phrase_actors).
FIGHTER_NOUNS = {"guerrilla", "rebel", "insurgent", "militia", "militiaman", "fighter", "militant", "faction",
                 "mujahideen", "mujahedeen", "mujahedin", "resistance", "partisan"}
# Nouns that sum up the clause's act in a phrase set off after it ("..., their first encounter since
# the war", "..., a move that angered X"): no object of the verb (_detach_summary_appositives).
SUMMARY_NOUNS = {"encounter", "meeting", "move", "step", "visit", "contact", "gesture", "signal", "decision",
                 "development", "breakthrough", "setback", "blow", "session", "round"}
# What a refusal may be maintained against ("despite UN demands"): its makers are the refusal's target.
DEMAND_NOUNS = {"demand", "call", "appeal", "request", "plea", "pressure", "urging", "ultimatum", "resolution",
                "warning", "objection", "protest", "criticism", "opposition"}
# Time a party is given to comply ("gave X 48 hours to ..."): an ultimatum (verbs.yaml: give).
DEADLINE_NOUNS = {"hour", "day", "week", "month"}
# Verdicts and charges of guilt with a small clause: "found X guilty", "held X responsible".
VERDICT_VERBS = {"find", "hold", "declare", "deem", "judge", "pronounce", "adjudge"}
GUILT_WORDS = {"guilty", "liable", "culpable", "responsible"}
# Verbs that make their subject the author of an attack in a reported clause ("X said Y had
# masterminded the bombing" blames Y, as "Y was behind the bombing" does: CAMEO 112).
BLAME_VERBS = {"mastermind", "orchestrate", "instigate", "engineer", "sponsor", "organise", "organize"}
# Incidents that are no event noun of the lexicon but can be blamed on someone.
INCIDENT_NOUNS = {"blast", "explosion", "bomb", "plot", "coup", "violence", "unrest", "riot", "uprising", "incident"}
# Claiming an act: "X claimed responsibility for the bombing" (CAMEO 015) makes X its author.
CLAIM_VERBS = {"claim", "admit", "accept", "acknowledge", "take", "assume"}
CLAIM_NOUNS = {"responsibility", "credit"}
# Nouns that carry a reported act in their clause ("reports that X had attacked Y").
REPORT_NOUNS = {"report", "rumour", "rumor", "allegation", "claim", "charge", "accusation", "suggestion",
                "speculation", "story", "assertion"}
# What calls a report false: its act is reported as not having happened.
DISCREDITING_WORDS = {"groundless", "baseless", "unfounded", "false", "untrue", "fabricated", "incorrect",
                      "wrong", "unsubstantiated", "inaccurate", "nonsense", "lie", "fabrication", "fiction"}
# Nouns that, with "no", deny the report they are "in" or "to" ("there was no truth in reports that").
SUBSTANCE_NOUNS = {"truth", "basis", "substance", "foundation", "evidence"}
# Verbs that call off an act named as a noun ("the visit was cancelled", "put off the talks"): it
# did not take place; the particle verbs only with "off".
# Verbs that stop a resolution or motion from passing: its content is not done (_content_of_called_off).
VETO_VERBS = {"veto", "block", "reject", "defeat"}
CANCEL_VERBS = {"cancel", "postpone", "scrap", "shelve", "defer", "abort"}
CANCEL_PARTICLE_VERBS = {"call", "put"}
# Acts whose location names their target when no target is named ("bombed targets in X").
LOCATION_TARGET_TYPES = {"ASSAULT", "COERCE", "RETREAT", "MOBILIZE"}
# Verbs that judge an act (condemn, praise, reject, demand): aimed at the act's author.
EVALUATIVE_TYPES = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST"}
# Acts whose object event is undone, refused or reduced rather than done ("lifted sanctions").
UNDOING_TYPES = {"SANCTION", "CONCEDE", "REJECT"}
# Verbs whose intransitive subject undergoes the act ("relations resumed in 1988", "relations
# between X and Y began in 1879"): coded as the passive is, when the subject is one of the verb's
# `object` nouns, or for a light verb an event noun.
ERGATIVE_VERBS = {"resume", "restart", "normalize", "normalise", "begin", "start", "commence"}
# What "They" resuming in the sentence after a break of relations stands for.
RELATION_NOUNS = frozenset({"relation", "tie"})
# Nouns that undo the act named in their "of" phrase ("the lifting of sanctions against X", "the
# suspension of aid"): that act is what is undone, not one done anew.
UNDOING_NOUNS = {"lifting", "easing", "removal", "relaxation", "repeal", "cancellation", "abolition",
                 "suspension", "lift", "rollback", "withdrawal"}
# Event nouns whose "of" phrase is the agent ("the visit of X", "the withdrawal of X's troops");
# for the others "of" is the patient ("the invasion of X", "the recognition of X").
INTRANSITIVE_NOUNS = {"visit", "trip", "withdrawal", "retreat", "arrival", "mobilization", "deployment"}
# Noun types a possessive names as a standing state, not an act ("Egypt's treaty with Israel").
STANDING_TYPES = {"AGREE", "COOPERATE", "CONSULT"}
# Nouns of handing goods over: "the delivery of Soviet tanks to Syria" names the supplier in the goods.
TRANSFER_NOUNS = {"delivery", "supply", "shipment", "sale", "transfer"}
# A country's missions abroad: a protest held at one is aimed at that country.
MISSION_NOUNS = {"embassy", "consulate", "legation", "mission", "high commission"}
# A country's envoys abroad: recalled or withdrawn by their own country (CAMEO 161).
ENVOY_NOUNS = {"ambassador", "envoy", "consul", "chargé", "charge", "diplomat", "attaché", "attache", "representative"}
# A member's place in an organisation ("Egypt's membership of the Arab League was suspended").
MEMBERSHIP_NOUNS = {"membership", "participation", "seat"}
# Prepositions that name where a mission or envoy is posted ("the embassy in Tirana", "envoy to Cairo").
POST_PREPS = {"in", "at", "to"}
# Titles of persons: an actor mention headed by one is "he" or "she" to later pronouns.
PERSON_TITLES = {"minister", "president", "premier", "leader", "king", "queen", "prince", "emir", "sheikh",
                 "chancellor", "envoy", "ambassador", "secretary", "spokesman", "spokeswoman", "spokesperson",
                 "diplomat", "general", "commander", "chief", "dictator", "monarch", "sultan", "shah"}
# People known by the place they flee or live in ("refugees fleeing the war in X").
DISPLACED_NOUNS = {"refugee", "civilian", "victim", "evacuee", "survivor", "people", "villager", "resident"}
# Military bodies: their readiness to attack is a show of force, not a spoken threat.
MILITARY_NOUNS = {"army", "troop", "force", "military", "soldier", "navy", "warship", "tank", "unit", "militia"}
# Nouns of a place named by its "of" phrase ("the town of X", "the port of X").
SETTLEMENT_NOUNS = {"town", "city", "village", "port", "capital", "province", "region", "district", "island",
                    "enclave", "outskirts", "suburb", "harbour", "harbor"}
# Bodies named by a common noun ("the military", "the government"): never a person.
BODY_NOUNS = MILITARY_NOUNS | {"government", "ministry", "police", "authority", "junta", "regime", "cabinet",
                               "parliament", "administration", "navy", "air force", "party"}
# Operations whose own locative phrase places the act they are part of ("arrested in a sweep through X").
OPERATION_NOUNS = {"sweep", "raid", "operation", "offensive", "crackdown", "ambush", "attack", "assault",
                   "strike", "airstrike", "bombing", "clash", "search", "patrol", "incursion", "siege"}
OPERATION_PREPS = {"in", "at", "near", "through", "on", "across", "around", "of"}
# Frontier nouns: "along the border with X" places an act at X's edge.
BORDER_NOUNS = {"border", "frontier", "boundary"}
# markers of a time clause or phrase whose act a military posture answers ("after X attacked")
PROMPT_MARKS = {"after", "following", "when", "as"}
# passive verbs of perception in a prompting clause: whoever was seen is whose presence prompted
# the posture ("put troops on alert after Pakistani infiltrators were spotted near Kargil")
SIGHTING_VERBS = {"spot", "sight", "see", "detect", "observe", "notice", "discover", "find", "locate"}
# ... and those of the wider fallback reading of _prompting_actors, where the seen count beside the
# clause's subject ("after North Korean troops were seen / reported moving")
PERCEPTION_VERBS = {"see", "spot", "sight", "observe", "detect", "report"}
# Participles naming a third party's part in an act ("a Norwegian-brokered accord", "a US-mediated
# truce"): the broker or mediator is not a party to the act the phrase is the object of.
BROKER_PARTICIPLES = {"broker", "mediate", "sponsor", "facilitate", "arrange"}
# Nouns for people acting for a country that may name it with "in" ("security forces in X").
AGENT_NOUNS = {"force", "troop", "soldier", "police", "official", "authority", "government", "army",
               "rebel", "militia", "militant", "guerrilla", "insurgent", "leader", "diplomat", "regime"}
# How many dependency levels the nested-actor search descends (a preposition and its object are
# two): "an extension of the mandate for the force in X" puts X six levels down.
NESTED_DEPTH = 6
# Acts whose unnamed target is the country the document is about (EventCoder._focal_target).
FOCAL_TARGET_TYPES = {"SANCTION"}
# Prepositions of time: a noun phrase's actors behind them are not its party.
# Nouns of what may come: an act named as their content is not reported as done (_as_possibility).
POSSIBILITY_NOUNS = {"potential", "prospect", "possibility", "scope", "room", "likelihood", "chance", "feasibility"}
TIME_PREPS = {"after", "before", "during", "since", "following", "until", "till", "amid", "amidst", "prior"}
# Adverbs heading a time phrase ("ahead of the opening of Congress", "prior to the vote"): a party
# named there is when the act happened, not whom it was aimed at.
TIME_ADVERBS = {"ahead", "prior"}
# what information is about is its subject matter, no party to the act that passes it on: "shared
# information on PKK camps", "exchanged intelligence about al-Qaeda cells" (the sharers are the parties)
INFORMATION_NOUNS = {"information", "intelligence", "data", "detail", "evidence", "tip", "lead", "dossier"}
TOPIC_PREPS = {"on", "about", "regarding", "concerning"}
# Dependencies that leave a noun phrase (clauses, coordination) for the nested-actor search.
NP_BARRIERS = {"relcl", "acl", "ccomp", "advcl", "conj", "cc", "punct", "parataxis", "xcomp", "appos"}
# Prepositions whose gerund is done by the subject of the verb they attach to, when that verb
# has no object ("joined in condemning", "responded by attacking", "withdrew after shelling").
SUBJECT_CONTROL_PREPS = {"in", "by", "after", "before", "while"}
# ... of which these place the gerund's act as done: the subject does it even when the verb has an
# object ("helped X in fighting Y" is X's fight; "after shelling Y, X seized Z" is X's shelling).
# Not "before": an act still to come ("demanded a truce before allowing aid convoys in").
TEMPORAL_CONTROL_PREPS = {"after", "while"}
# Dependencies that leave a verb's phrase for the dictionary-verb target search: clauses with a
# subject of their own and loose attachments (a PETRARCH target is in the verb phrase).
VP_BARRIERS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "nsubj", "nsubjpass", "appos", "mark"}
# participles of a clause that says what the object is accused or convicted of ("executed four men
# convicted of spying for Israel"): the party named there is no party to the act on the object
# types of an exchange that a joint verb keeps joint when its object types it ("traded fire")
EXCHANGE_TYPES = {"ASSAULT", "ACCUSE", "CONSULT"}
ALLEGATION_PARTICIPLES = {"accuse", "convict", "suspect", "charge", "sentence", "allege", "find"}
# Generic heads whose modifier names the event ("a mediation effort", "a bombing campaign").
LIGHT_NOUNS = {"effort", "bid", "initiative", "mission", "campaign", "drive", "programme", "program",
               "process", "operation", "round"}
# Measure nouns whose "of" complement is the event ("10 days of war games", "a round of talks").
# ("a state of emergency": the emergency rule is the event)
# ("a campaign of violence", "a campaign of bombings": the campaign waged is its "of" event)
MEASURE_NOUNS = {"day", "week", "month", "year", "hour", "round", "series", "wave", "spate", "string", "state", "campaign"}
# Measures whose "on" complement is what they forbid ("a ban on rallies": no rally took place).
BAN_NOUNS = {"ban", "restriction", "curb", "moratorium", "prohibition", "limit", "limitation"}
# Bodies named after the act they carry out: "set up a commission of inquiry into X" opens an
# inquiry (CAMEO 09 investigate), as "opened an inquiry into X" does.
INQUIRY_BODY_NOUNS = {"commission", "committee", "panel", "board", "tribunal", "team", "mission"}
# Auxiliaries that announce an act instead of reporting it ("will withdraw", "said it would boycott").
FUTURE_AUX = {"will", "'ll", "shall", "would", "wo", "’ll"}
# Governing verbs/adjectives of stated intent ("plans to impose", "decided to send", "is prepared to").
INTENT_HEADS = {"plan", "intend", "decide", "prepare", "prepared", "ready", "willing", "aim", "determine",
                "determined", "resolve", "set", "eager", "consider", "mull", "weigh", "contemplate", "expect",
                "expected", "schedule", "scheduled", "due", "poised"}
# Types of material or verbal cooperation: announcing them is an expression of intent to cooperate
# (CAMEO 03 -> PLOVER AGREE); announcing a coercive act is a threat (CAMEO 13 -> THREATEN).
COOPERATIVE_TYPES = {"CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
# Verbs of intent whose direct object is an act not yet done ("is considering sanctions", "plans a boycott")
INTENT_OBJECT_VERBS = {"plan", "consider", "mull", "weigh", "contemplate", "propose", "intend"}

# Treaties one accedes to or withdraws from, as from an organisation.
TREATY_NOUNS = {"treaty", "agreement", "accord", "pact", "convention", "protocol", "charter", "covenant"}
# Nouns whose infinitive clause is their content, not an act ("a plan to send troops").
# (besides the agreement, demand, threat and promise nouns, which the lexicon types as such)
PLAN_NOUNS = {"plan", "proposal", "offer", "bid", "decision", "attempt", "effort", "readiness", "willingness",
              "right", "option", "permission", "call"}
# Verbs that say something to an addressee ("told X that ...", "assured X that ...").
ADDRESS_VERBS = {"tell", "assure", "inform", "notify", "brief", "reassure"}
# "ordered/told X to leave": an expulsion.
# (forcing or compelling people to leave expels them too: "forced thousands of peasants to leave their land";
# "forced X out" has its own lexicon entry)
FORCE_VERBS = {"force", "compel"}
ORDER_VERBS = {"order", "tell", "instruct", "give"} | FORCE_VERBS
# verbs that put someone under an act ("placed under arrest", "came under fire")
UNDER_VERBS = {"put", "place", "come"}
LEAVE_VERBS = {"leave", "depart", "quit", "go"}
# Purposes that make a deployment military aid ("sent troops to help / protect / support X").
HELP_VERBS = {"help", "assist", "support", "protect", "defend", "aid", "back", "bolster", "secure", "train"}
# Purpose verbs that, with an international organisation as object, make troops sent a contribution to its
# mission ("to reinforce AMISOM", "to join the UN force"); with a national force they are a deployment.
MISSION_VERBS = {"join", "reinforce", "strengthen", "augment", "serve"}
# Verbs of taking part in another's act: "X joined Y in condemning Z" is X's and Y's condemnation,
# not X joining Y (as it joins an organisation).
JOINING_VERBS = {"join"}
# Bodies a founding act sets up ("set up a joint agency to inspect ..."): the purpose clause is their remit.
FOUNDED_BODY_NOUNS = {"agency", "commission", "committee", "body", "authority", "council", "company", "venture", "fund",
                      "brigade", "force", "unit", "team", "panel", "mechanism", "centre", "center", "group"}
# Objects that make a trade or supply verb in the simple present a standing figure, not an act
# ("Russia supplies 40 percent of Europe's gas", "China buys half of Iran's oil").
SHARE_NOUNS = {"percent", "cent", "%", "share", "proportion", "bulk", "majority", "half", "third", "quarter", "fraction"}
# Types whose act two coordinated subjects can do together with no target named ("X and Y agreed").
JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE", "CONCEDE"}
# Joint acts an agentless passive reports with no actor in its sentence ("Relations were resumed"),
# whose parties the sentence before names (EventCoder.code_elliptic_joint_act).
ELLIPTIC_JOINT_TYPES = {"AGREE", "CONSULT", "COOPERATE"}
COERCIVE_TYPES = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
# A refused, not-to-be-granted act of cooperation is a rejection (CAMEO 12 -> PLOVER REJECT).
REFUSABLE_TYPES = {"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "CONSULT", "RETREAT"}


@dataclass
class Proto:
    """An event candidate before both actors are known."""

    trigger: Token
    coding: Trigger
    sources: list[tuple[Actor, bool]] = field(default_factory=list)  # (actor, direct?)
    targets: list[tuple[Actor, bool]] = field(default_factory=list)
    symmetric: bool = False
    nominal: bool = False
    negated: bool = False
    hypothetical: bool = False
    attributed_to: str | None = None
    head_tokens: list[Token] = field(default_factory=list)  # tokens whose subtree the event spans


class EventCoder:
    """Codes events in a Doc that already carries actor, date, place and quantity spans."""

    def __init__(self, lexicon: Lexicon, narrative_dates: bool = True, domestic: bool = False,
                 discards: DiscardList | None = None) -> None:
        self.lex = lexicon
        # PETRARCH discard phrases: a sentence (or, `+`, the whole Doc) that has one is not coded
        self.discards = discards
        self.narrative_dates = narrative_dates
        # code events between two distinct actors of one country (government vs rebels, police
        # vs protesters), as ICEWS and POLECAT do; off by default, since detente's records are
        # the interstate relations it analyses
        self.domestic = domestic
        # (surface form, lemma) -> a dictionary form's coding on the lemma's grammar
        self._form_cache: dict[tuple[str, str], Trigger] = {}

    # ------------------------------------------------------------------ component entry point
    def __call__(self, doc: Doc) -> Doc:
        doc._.events = list(self.code(doc))
        return doc

    def code(self, doc: Doc) -> Iterable[Event]:
        actor_spans = list(doc.spans[extensions.ACTORS]) if extensions.ACTORS in doc.spans else []
        reported = self._reported_groups(doc, actor_spans)
        reported += self._seated_organs(doc, actor_spans, {s.start for s in reported})
        if self.domestic:
            actor_spans = actor_spans + self._located_groups(doc, actor_spans, {s.start for s in reported})
        if reported:
            actor_spans = actor_spans + reported
        actor_spans = sorted(actor_spans, key=lambda s: (s.start, -s.end))
        if not actor_spans:
            return []
        text = doc.text  # Doc.text joins every token on each access: once per document
        if self.discards is not None and self.discards.story_match(text):
            return []
        self.doc = doc
        self.tok2actor: dict[int, Span] = {}
        for span in actor_spans:
            if span._.actor is None and not _members(span):
                continue
            for i in range(span.start, span.end):
                self.tok2actor[i] = span
        self.actor_starts = sorted((s.start, s) for s in actor_spans if s._.actor is not None)
        self.actor_start_keys = [s[0] for s in self.actor_starts]
        self.timexes = sorted(doc.spans[extensions.DATES], key=lambda s: s.start) if extensions.DATES in doc.spans else []
        self.places = list(doc.spans[extensions.PLACES]) if extensions.PLACES in doc.spans else []
        self.quantities = list(doc.spans[extensions.QUANTITIES]) if extensions.QUANTITIES in doc.spans else []
        self.tok2place = {i: s for s in self.places if s._.place is not None for i in range(s.start, s.end)}
        self.newlines = [m.start() for m in PARAGRAPH_RE.finditer(doc.text)]
        self.focal = _focal_actor(actor_spans)
        if self.domestic:
            self._domestic_context(actor_spans)
        sent_has_actor = set()
        for span in actor_spans:
            sent_has_actor.add(span.sent.start)
        events: list[Event] = []
        prev: Span | None = None
        prev_events: list[Event] = []
        for sent in doc.sents:
            if _in_reference_entry(text, sent.start_char) or (
                    self.discards is not None and self.discards.sentence_match(sent.text)):
                prev, prev_events = None, []
                continue
            if sent.start in sent_has_actor:
                found = self.code_sentence(sent)
            elif prev is not None and "\n" not in _between(text, prev, sent):
                found = self.code_elliptic_joint_act(sent, prev_events)
            else:
                found = []
            events.extend(found)
            prev, prev_events = sent, found
        return _dedupe(events)

    def code_elliptic_joint_act(self, sent: Span, prev_events: list[Event]) -> list[Event]:
        """A joint act in the agentless passive with no actor in its sentence ("Relations were
        resumed in November 2009.", "Several agreements were also signed.") is between the two
        parties of the sentence before it in the same paragraph, when all of that sentence's
        events are between one pair: "Rwanda cut off relations with France. Relations were
        resumed in 2009." is Rwanda and France resuming relations."""
        pairs = {frozenset((e.source.country, e.target.country)): (e.source, e.target) for e in prev_events}
        if len(pairs) != 1:
            return []
        a, b = next(iter(pairs.values()))
        tok = sent.root
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is None:
            # "Relations resumed in 2016." / "They resumed in June 2016.", the relations of the
            # sentence before: an ergative verb's subject undergoes the act as a passive's does
            subj = _ergative_subject(tok)
            if subj is not None and subj.lower_ == "they":
                subj = _previous_subject_noun(subj, RELATION_NOUNS)
        if tok.pos_ != "VERB" or subj is None or any(c.dep_ == "agent" for c in tok.children):
            return []
        if _negated(tok) or any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | FUTURE_AUX for c in tok.children):
            return []
        if any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children):
            return []  # "no agreement was signed"
        coding = self._verb_coding(tok)
        if coding is None:
            return []
        lemma = subj.lemma_.lower()
        noun = self.noun_coding(subj)
        if coding.objects and lemma not in coding.objects:
            return []
        if coding.light and noun is not None:
            coding = noun  # "agreements were signed": the noun says what was agreed
        elif not (coding.symmetric or coding.objects):
            return []
        etype = dict(coding.object_types).get(lemma, coding.type)
        if etype not in ELLIPTIC_JOINT_TYPES:
            return []
        proto = Proto(trigger=tok, coding=replace(coding, type=etype), sources=[(a, False), (b, False)],
                      symmetric=True, head_tokens=[tok])
        return self.realise(proto, sent)

    def _focal_target(self, proto: Proto, sent: Span) -> list[tuple[Actor, bool]]:
        """The country the document is about, for a sanction that names no target ("Resolution 2087
        strengthened previous sanctions", "China announced it would ban all imports of coal" in an
        article on North Korea): only when the sentence names no other state that could be it."""
        if self.focal is None or any(a.country == self.focal.country for a, _ in proto.sources):
            return []
        authors = {a.country for a, _ in proto.sources}
        named = {self.tok2actor[t.i]._.actor.country for t in sent if t.i in self.tok2actor
                 and self.tok2actor[t.i]._.actor is not None}
        if named - authors - {self.focal.country}:
            return []
        return [(self.focal, False)]

    def _of_act_noun(self, tok: Token) -> bool:
        """Whether `tok` is the "of" object of an event noun ("the severance of ties")."""
        head = tok.head
        return (tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in ("NOUN", "PROPN")
                and self.noun_coding(head.head) is not None)

    def _topic_of_deal(self, tok: Token) -> bool:
        """Whether `tok` is what an agreement or talks are about ("an agreement on military
        cooperation", "talks on the withdrawal"): the agreement or talks are the event (CAMEO 03/04/
        05), their topic has not happened by being agreed or discussed."""
        head = tok.head
        if tok.dep_ != "pobj" or head.lower_ not in ("on", "over", "about", "regarding", "concerning"):
            return False
        deal = self.noun_coding(head.head) if head.head.pos_ == "NOUN" else None
        return deal is not None and deal.type in ("AGREE", "CONSULT")

    def _reported_groups(self, doc: Doc, actor_spans: list[Span]) -> list[Span]:
        """Groups named without a country that are the subject of a clause reported by one
        country's organ of their kind: "a spokesman for the Kenyan police said police had arrested
        four Ugandans" makes the police Kenyan (in either mode: it says who they are)."""
        groups = list(doc.spans[extensions.GROUPS]) if extensions.GROUPS in doc.spans else []
        out: list[Span] = []
        if not groups:
            return out
        named = {i for s in actor_spans for i in range(s.start, s.end)}
        for g in groups:
            verb = g.root.head
            if g.root.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp":
                continue
            if any(t.i in named for t in g.root.subtree):
                continue  # "Vietnamese-led forces": the phrase names its own party
            speech = verb.head
            coding = self.lex.verbs.get(speech.lemma_.lower())
            if coding is None or not coding.speech:
                continue
            subj = next((c for c in speech.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            inside = {t.i for t in subj.subtree}
            # only the reporting organ's own kind ("a police spokesman said police ...", "army
            # officials said troops ..."): a state reporting "troops crossed the border" may mean
            # another state's
            codes = {s._.actor.country for s in actor_spans
                     if s._.actor is not None and s.start in inside and s._.actor.sector == g._.actor.sector}
            if len(codes) == 1 and is_state_code(next(iter(codes))):
                span = Span(doc, g.start, g.end, label="GROUP")
                span._.actor = Actor(next(iter(codes)), g._.actor.sector, g.text)
                out.append(span)
        return out

    @staticmethod
    def _seated_organs(doc: Doc, actor_spans: list[Span], skip: set[int] = frozenset()) -> list[Span]:
        """A state organ named without a country ("the government", "the foreign ministry") that is
        the subject of a verb placed in a capital ("while in Tehran the government asked Moscow
        ...", "In Beijing, the foreign ministry said ..."): that capital's state (in either mode)."""
        groups = list(doc.spans[extensions.GROUPS]) if extensions.GROUPS in doc.spans else []
        capitals = {i: s for s in actor_spans if s.label_ in ("CAPITAL", "SEAT") and s._.actor is not None
                    for i in range(s.start, s.end)}
        out = []
        for g in groups:
            if g.start in skip or g._.actor.sector != "GOV" or g.root.dep_ not in ("nsubj", "nsubjpass"):
                continue
            verb = g.root.head
            seats = [capitals[o.i] for p in verb.children if p.dep_ == "prep" and p.lower_ == "in" and p.i < g.start
                     for o in _prep_objects(p) if o.i in capitals]
            if len(seats) == 1:
                span = Span(doc, g.start, g.end, label="GROUP")
                span._.actor = Actor(seats[0]._.actor.country, g._.actor.sector, g.text)
                out.append(span)
        return out

    @staticmethod
    def _located_groups(doc: Doc, actor_spans: list[Span], skip: set[int] = frozenset()) -> list[Span]:
        """Groups named without a country ("rebels", "the police") as actors of the one country
        their sentence names (through its actors or places): "Kenyan police arrested opposition
        protesters" makes the protesters Kenyan. With no country, or several, in the sentence a
        group stays unresolved."""
        groups = list(doc.spans[extensions.GROUPS]) if extensions.GROUPS in doc.spans else []
        if not groups:
            return []
        places = list(doc.spans[extensions.PLACES]) if extensions.PLACES in doc.spans else []
        countries = _codes_by_sentence(((s, s._.actor) for s in actor_spans
                                        if s._.actor is not None and is_state_code(s._.actor.country)), places)
        # a state organ coordinated with a country's non-state armed or opposition group ("the
        # government and the SPLA resumed talks in Nairobi", "government negotiators and FARC
        # rebels") is that country's own, whatever other country the venue of their talks names
        insiders: dict[int, set[str]] = {}
        for s in actor_spans:
            a = s._.actor
            if a is not None and a.sector in ("REB", "OPP", "SEP") and is_state_code(a.country):
                for i in range(s.start, s.end):
                    insiders.setdefault(i, set()).add(a.country)
        out = []
        for g in groups:
            found = countries.get(g.sent.start, set())
            if len(found) != 1 and g._.actor.sector in ("GOV", "MIL") and g.start not in skip:
                partners = {c for t in g.root.conjuncts for c in insiders.get(t.i, ())}
                if len(partners) == 1:
                    found = partners
            if len(found) == 1 and g.start not in skip:
                span = Span(doc, g.start, g.end, label="GROUP")
                span._.actor = Actor(next(iter(found)), g._.actor.sector, g.text)
                out.append(span)
        return out

    def _domestic_context(self, actor_spans: list[Span]) -> None:
        """Per sentence, every code its actors and places name; per actor, its span label."""
        named = [(span, a) for span in actor_spans for a in _members_or_actor(span)]
        # "a spokesman for the group said in London": where a statement was made names no party to
        # the act it reports, so it does not make the sentence foreign; nor does an actor named only
        # in the circumstances of the act ("before a deadline set by Western donors", "under
        # pressure from the IMF"), no candidate for the party it is aimed at
        named_codes = [(span, a) for span, a in named if not self._statement_venue(span) and not _circumstantial(span.root)]
        places = [p for p in self.places if not self._statement_venue(p)]
        self.sent_codes = _codes_by_sentence(named_codes, places)
        # "... were detained by Chinese police in Beijing, a Hong Kong rights group said": who
        # reports an act is no party to it either; the sentence without its speakers may name the
        # act's country alone (used only when the whole sentence does not)
        self.sent_codes_unsaid = _codes_by_sentence(
            [(span, a) for span, a in named_codes if not self._statement_speaker(span)],
            [p for p in places if not self._statement_speaker(p)])
        self.actor_labels: dict[Actor, str] = {}
        for span, a in named:
            self.actor_labels.setdefault(a, span.label_)

    def _statement_venue(self, span: Span) -> bool:
        """A place where a reporting verb's statement was made ("said in London", "told reporters in Vienna")."""
        prep = span.root.head
        if span.root.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "in":
            return False
        verb = prep.head
        coding = self.lex.verbs.get(verb.lemma_.lower()) if verb.pos_ in ("VERB", "AUX") else None
        return coding is not None and coding.speech and any(c.dep_ in ("ccomp", "parataxis") for c in verb.children)

    def _statement_speaker(self, span: Span) -> bool:
        """The subject (or a modifier of the subject: "a Hong Kong rights group", "a London-based group") of a reporting verb
        that reports a clause ("..., X said", "X said that ...")."""
        tok = span.root
        while tok.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod") and tok.head is not tok:
            tok = tok.head
        verb = tok.head
        if tok.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
            return False
        coding = self.lex.verbs.get(verb.lemma_.lower())
        return coding is not None and coding.speech and (
            verb.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in verb.children))

    def _implicit_domestic_target(self, proto: Proto, sent: Span) -> list[tuple[Actor, bool]]:
        """Domestic mode: the target of an act with none named, in a sentence that names one
        country and no other actor: a state organ's act at home is aimed at the population
        ("the government lifted the curfew", "police arrested 12"), a group's protest or
        refusal at its government ("students demonstrated"). See data/events/domestic.yaml."""
        table = _domestic_table()
        codes = {a.country for a, _ in proto.sources}
        if len(codes) != 1 or (self.sent_codes.get(sent.start, set()) != codes
                               and self._codes_outside_reporters(sent) != codes
                               and self.sent_codes_unsaid.get(sent.start, set()) != codes):
            return []  # a foreign actor or place in the sentence may be the target
        country = next(iter(codes))
        if not is_state_code(country):
            return []
        kinds = {self._source_kind(a, table) for a, _ in proto.sources}
        kind = kinds.pop() if len(kinds) == 1 else None
        etype = proto.coding.type
        if kind == "state":
            if _denies_own_deed(proto.trigger):
                # "the home ministry denied that the curfew had been eased": a denial answers a report
                # or charge; it refuses the population nothing (as a group's denial, below)
                return []
            if etype in table["place_acts"] and not proto.nominal:
                # "gave emergency funds to Aceh province", "distributed food in Tigray": aid sent to
                # or given in a place at home is aid to the population there
                if country in self._home_places(proto.trigger):
                    return [(Actor(country, "CVL", "population"), False)]
            if etype == "THREATEN" and self._warns_of_own_force(proto.trigger, table):
                # "the police chief warned that officers would use live ammunition", "warned that
                # troops would shoot looters": a state organ threatening force at home threatens
                # its population with violent repression (CAMEO 137)
                return [(Actor(country, "CVL", "population"), False)]
            if etype not in table["always"] and not (
                    etype in table["with_object"] and self._has_domestic_object(proto.trigger, table)):
                return []
            return [(Actor(country, "CVL", "population"), False)]
        if kind == "group" and etype in table["group_acts"]:
            if _denies_own_deed(proto.trigger):
                return []  # "the Taliban denied carrying out the bombing": a denial, not a rebuff of the government
            return [(Actor(country, "GOV", "government"), False)]
        if kind == "group" and etype in table["group_attacks"] and not proto.nominal:
            trigger = proto.trigger
            dobj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
            if dobj is not None and _common_lemma(dobj) in table["truce_objects"]:
                # "rebels violated the ceasefire": a truce breached is the one agreed with the government
                return [(Actor(country, "GOV", "government"), False)]
            if any(a.country == country for a in self._place_targets(trigger, dobj, False)):
                return [(Actor(country, "CVL", "population"), False)]
            # "seized a bus carrying 30 students near Grozny": a place anywhere in what was
            # attacked or seized locates it
            if dobj is not None and country in {
                    span._.place.country for t in dobj.subtree
                    for span in [self.tok2place.get(t.i)] if span is not None and span._.place is not None}:
                return [(Actor(country, "CVL", "population"), False)]
        return []

    def _bare_time_phrase(self, noun: Token) -> bool:
        """A named event heading a time phrase that names no party ("after the Gulf War", "since
        the Cold War"): the name dates the clause's act, whose subject need not have fought it
        ("during the Iran-Iraq War" names its parties and stays an event; an unnamed one, "after
        border skirmishes, the two countries ...", is the clause's parties' own)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in TIME_PREPS or not noun.is_title:
            return False
        return not any(t.i in self.tok2actor for t in noun.subtree)

    def _codes_outside_reporters(self, sent: Span) -> set[str]:
        """The codes a sentence names outside its news attribution: who reports an act at home
        ("..., the Yugoslav news agency Tanjug reported", "Western diplomats said") is not whom it
        is aimed at. Places count as in _domestic_context."""
        reporters: set[int] = set()
        for t in sent:
            coding = self.lex.verbs.get(t.lemma_.lower()) if t.pos_ == "VERB" else None
            if coding is not None and coding.speech and t.dep_ == "ROOT" and any(
                    c.dep_ in ("ccomp", "parataxis") and c.i < t.i for c in t.children):
                # a trailing "..., X said": X attributes the clause before it
                reporters.update(i for c in t.children if c.dep_ == "nsubj"
                                 for i in range(c.left_edge.i, c.right_edge.i + 1))
            if t.dep_ in ("dobj", "attr", "npadvmod") and self._attribution(t):
                reporters.update(range(t.left_edge.i, t.right_edge.i + 1))
        codes = {a.country for t in sent if t.i in self.tok2actor and t.i not in reporters
                 for a in _members_or_actor(self.tok2actor[t.i])}
        codes |= {p._.place.country for p in self.places if p._.place is not None and p._.place.country
                  and sent.start <= p.start < sent.end and p.start not in reporters}
        return codes

    def _reported_doers(self, trigger: Token) -> list[Actor]:
        """Who a report noun's that-clause says acted, the noun being the "into"/"over"/"about"
        object of the trigger, of its object or of its object's complement ("an inquiry into
        allegations that X ...", "launched an investigation into reports that X ...")."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        out: list[Actor] = []
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("into", "over", "about", "of"):
                    continue
                for noun in _prep_objects(prep):
                    if noun.lemma_.lower() not in REPORT_NOUNS:
                        continue
                    for clause in noun.children:
                        if clause.dep_ in ("acl", "ccomp", "relcl") and clause.pos_ in ("VERB", "AUX") and any(
                                m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                            out.extend(a for a, _ in self.subject_actors(clause))
        return _unique(out)

    def _implicit_authority(self, proto: Proto, sent: Span) -> list[tuple[Actor, bool]]:
        """Domestic mode: who imposed or eased a domestic measure named as the subject of an
        agentless passive ("the curfew in Jos was relaxed", "a state of emergency was declared in
        Oromia"): only a state can, so the state of the one country the sentence names."""
        trigger = proto.trigger
        if proto.negated or trigger.pos_ != "VERB" or any(c.dep_ == "agent" for c in trigger.children):
            return []  # ("denied that the curfew had been lifted": a denied measure has no one behind it)
        table = _domestic_table()
        # (a strike or protest called off was called off by those who called it: no state's measure)
        subjects = [c for c in trigger.children if c.dep_ == "nsubjpass"
                    and getattr(self.noun_coding(c), "type", None) != "PROTEST"]
        phrases = table["domestic_objects"]
        measure = False
        for subj in subjects:
            words = [t.lemma_.lower() for t in subj.subtree if t.i < subj.i or t.i == subj.i]
            measure = measure or any(" ".join(words[i:i + n]) in phrases for i in range(len(words)) for n in (1, 2, 3))
        codes = self.sent_codes.get(sent.start, set()) or self.sent_codes_unsaid.get(sent.start, set())
        if not measure or len(codes) != 1 or not is_state_code(next(iter(codes))):
            return []
        return [(Actor(next(iter(codes)), "GOV", "authorities"), False)]

    def _warns_of_own_force(self, trigger: Token, table: dict) -> bool:
        """A warning or threat whose clause has force used (a verb coded ASSAULT or COERCE, by itself
        or by its object: "would use live ammunition") by a state organ or by a doer the sentence
        leaves unresolved ("officers would shoot"), not by another party ("warned that rebels would attack")."""
        for comp in trigger.children:
            if comp.dep_ not in ("ccomp", "xcomp"):
                continue
            for t in comp.subtree:
                if t.pos_ != "VERB":
                    continue
                coding = self._verb_coding(t)
                if coding is None:
                    continue
                types = {coding.type} | {dict(coding.object_types).get(lemma) for o in t.children
                                         if o.dep_ == "dobj" for lemma in _object_lemmas(o)}
                if not types & {"ASSAULT", "COERCE"}:
                    continue
                doers = [a for a, _ in self.subject_actors(t)]
                if all(self._source_kind(a, table) == "state" for a in doers):
                    return True
        return False

    def _home_places(self, trigger: Token) -> set[str]:
        """Countries of the places an act is sent to or done in: "to"/"in"/"among" on the verb or its
        object, the place named anywhere in that phrase ("to Aceh province", "in the district of Turkana")."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ == "dobj"]
        # "gave 2 trillion rupiah in emergency funds to Aceh": a preposition on the amount's phrase
        heads += [o for h in list(heads) for p in h.children if p.dep_ == "prep" for o in _prep_objects(p)]
        out: set[str] = set()
        for head in heads:
            for prep in head.children:
                # (the parser calls the recipient's "to" a dative)
                if prep.dep_ not in ("prep", "dative") or prep.lower_ not in ("to", "in", "among", "across", "throughout"):
                    continue
                for o in _prep_objects(prep):
                    for t in o.subtree:
                        span = self.tok2place.get(t.i)
                        place = span._.place if span is not None else None
                        if place is not None and place.country:
                            out.add(place.country)
        return out

    def _source_kind(self, actor: Actor, table: dict) -> str | None:
        """'state' for a state organ, 'group' for people and non-state groups, None if unknown."""
        if actor.sector in table["state_sectors"]:
            return "state"
        label = self.actor_labels.get(actor, "")
        if actor.sector is None:
            if label in ("COUNTRY", "CAPITAL", "SEAT"):
                return "state"
            return "group" if label == "DEMONYM" else None
        return "group"

    @staticmethod
    def _has_domestic_object(trigger: Token, table: dict) -> bool:
        """A domestic measure among the trigger's dependents ("lifted a state of emergency"), not
        inside a clause of its own: "denied that the army planned to declare martial law" is a
        denial of a report, no refusal aimed at the population (the reported act is coded, negated)."""
        words = [t.lemma_.lower() for t in _own_clause(trigger)]
        phrases = table["domestic_objects"]
        for i in range(len(words)):
            for n in (1, 2, 3):
                if " ".join(words[i:i + n]) in phrases:
                    return True
        return False

    # ------------------------------------------------------------------ sentence
    def code_sentence(self, sent: Span) -> list[Event]:
        protos: list[Proto] = []
        consumed: set[int] = set()
        self._reattach_controlled_infinitives(sent)
        _detach_summary_appositives(sent)
        _attach_stranded_noun_modifiers(sent)
        _attach_fighter_participles(sent)
        verbs = []
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
                coding = self._verb_coding(tok)
                if coding is not None:
                    verbs.append((tok, coding))
        speech = []
        for tok, coding in verbs:
            if coding.speech and not self._pattern_event(tok, coding) and not self._coded_report(tok, coding):
                # a light reporting verb with an event noun for object and no clause is that act
                # ("declared martial law / a state of emergency": CAMEO 1724 -> COERCE)
                declared = None
                obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
                if coding.light and obj is not None and _object_lemmas(obj) & coding.objects and not any(
                        c.dep_ in ("ccomp", "parataxis", "xcomp") for c in tok.children):
                    declared = self.code_verb(tok, replace(coding, speech=False, objects=frozenset()), consumed)
                if declared is None:
                    speech.append((tok, coding))
                    continue
                protos.append(declared)
                continue
            if coding.type == "ACCUSE" and _alleged_clause(tok):
                # "Athens charged that Turkish jets had violated its airspace", "complained that ...":
                # an accusation with no object reports what it alleges (CAMEO 112: the speaker
                # accuses the clause's actor, as "alleged that" does)
                speech.append((tok, Trigger(lemma=coding.lemma, type=None, speech=True, allege=True)))
                continue
            if tok.i in consumed:
                continue  # a purpose verb an earlier act took in ("sent troops to join MINUSCA")
            proto = self.code_verb(tok, coding, consumed)
            if proto is not None:
                protos.append(proto)
                if proto.coding.paired_type and not proto.symmetric:
                    # a PETRARCH paired code [A:B]: B is the act of the target towards the source
                    # ("arrived in X" = visit / receive a visit)
                    protos.append(Proto(trigger=tok, coding=Trigger(lemma=proto.coding.lemma,
                                        type=proto.coding.paired_type, mode=proto.coding.paired_mode),
                                        sources=list(proto.targets), targets=list(proto.sources),
                                        negated=proto.negated, hypothetical=proto.hypothetical,
                                        head_tokens=list(proto.head_tokens)))
        # "agreed to a ceasefire", "demanded the withdrawal of X", "rejected any assistance": the
        # noun is the content of the agreement, demand or refusal, not an act that happened
        content = {o.i for p in protos if p.coding.type in CONTROL_TYPES
                   for o in _content_objects(p.trigger, p.coding.type == "REJECT")}
        for tok in sent:
            if tok.i in consumed or tok.i in content or tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
                continue
            coding = self.noun_coding(tok)
            if coding is None or tok.i in self.tok2actor or not (
                    coding.standalone or _under_act(tok, coding) or self._agent_phrase(tok)
                    or self._possessive_agent(tok, coding) or self._goods_supplier(tok)):
                continue
            if not coding.standalone and self._of_act_noun(tok):
                continue  # "the severance of ties with X by Y": the ties are what the act is on
            if self._topic_of_deal(tok):
                continue  # "signed a protocol on military cooperation": what the deal is about
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lower_ in UNDOING_NOUNS:
                continue  # "called for the lifting of UN sanctions against X": no new sanctions
            if _upcoming(tok):
                continue  # "coordinated their positions ahead of the summit": a meeting still to come
            if _banned_act(tok):
                continue  # "lifted the ban on opposition rallies": a banned act is not held
            proto = self.code_noun(tok, coding)
            if proto is not None:
                protos.append(proto)
        coercive = {p.trigger.i for p in protos if p.coding.type in COERCIVE_TYPES}
        for tok in sent:
            # "is ready/willing/prepared to withdraw": an expression of intent (PLOVER AGREE); "is
            # ready to impose a curfew" announces a coercive act, a threat (see _reframe)
            if tok.lemma_.lower() in INTENT_ADJECTIVES and tok.dep_ == "acomp" and any(
                    c.dep_ == "xcomp" and c.i not in coercive for c in tok.children):
                proto = self.code_intent(tok)
                if proto is not None:
                    protos.append(proto)
        protos = self.fold_controlled(protos)
        # the book "Why Russia Invaded Georgia": a capitalised word inside quotes is part of a title
        protos = [p for p in protos if not _in_quoted_title(p.trigger)]
        # "debated whether Tallinn should expel the ambassador": an open question reports no act
        asked = {t.i for tok in sent if tok.dep_ == "mark" and tok.lower_ == "whether" for t in tok.head.subtree}
        protos = [p for p in protos if p.trigger.i not in asked]
        # "analysts believe China may eventually invade Taiwan": an act someone thinks possible is a
        # guess, not an event ("may have supplied" still reports a past act as alleged)
        guessed = {t.i for tok in sent if tok.lemma_.lower() in COGNITION_VERBS and tok.pos_ == "VERB"
                   for c in tok.children if c.dep_ == "ccomp" and _possible(c) for t in c.subtree}
        protos = [p for p in protos if p.trigger.i not in guessed]
        # "diplomats hope Serbia and Kosovo will sign an agreement": an act someone only wishes for
        # (the clause of a verb of wishing) is no event, whoever is to do it
        # (the tagger may lemmatise "hoped" as "hop": the word form names the verb too)
        wished = {t.i for tok in sent if _wish_verb(tok) and tok.pos_ == "VERB"
                  for c in tok.children if c.dep_ == "ccomp" for t in c.subtree}
        protos = [p for p in protos if p.trigger.i not in wished]
        # "discussed the potential for enhancing cooperation", "the prospect of talks": an act named
        # as a possibility is not reported as done; "after the Gulf War": a time phrase naming no
        # party is when the clause's act happened, not an act of the clause's subject
        protos = [p for p in protos if not _as_possibility(p.trigger)
                  and not (p.nominal and self._bare_time_phrase(p.trigger))]
        for tok in sent:
            # "Borduria denied that it had attacked Syldavia": the denied act is reported as not done
            if tok.lemma_.lower() in DENIAL_VERBS and tok.pos_ == "VERB":
                denied = {t.i for c in tok.children if c.dep_ == "ccomp" for t in c.subtree}
                for proto in protos:
                    if proto.trigger.i in denied:
                        proto.negated = True
                if denied and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
                    # "officials denied that the government had opened talks with X": denying a
                    # claim rebuffs no one; the denial itself is no REJECT (domestic mode would
                    # otherwise aim it at the population through a measure named in the clause)
                    protos = [p for p in protos if p.trigger.i != tok.i or p.nominal]
        for tok in sent:
            # "reports that X had attacked Y": a report noun with its content clause
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in REPORT_NOUNS:
                continue
            # (the parser may call the content clause a relative one: "Claims that X had bombed Y")
            told = {t.i for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl")
                    and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for t in c.subtree}
            if not told:
                continue
            if _discredited(tok):
                # "dismissed as groundless reports that ...", "rumours that ... proved unfounded",
                # "there was no truth in reports that ...": the act is reported as not having happened
                for proto in protos:
                    if proto.trigger.i in told:
                        proto.negated = True
            gov = tok.head if tok.dep_ == "dobj" else tok.head.head if (tok.dep_ == "pobj" and tok.head.lower_ == "as") else None
            if gov is not None and gov.lemma_.lower() in DENIAL_VERBS:
                # "denied reports that it had deported Somali refugees": the denial answers the
                # report; a party named only inside it is no one the denial is aimed at (the
                # report's author, "Indian reports", is)
                inner = [a for i in sorted(told) if i in self.tok2actor for a in _members_or_actor(self.tok2actor[i])]
                for proto in protos:
                    if proto.trigger.i in told and tok.lemma_.lower() in RUMOUR_NOUNS:
                        # a denied rumour leaves no claim that its act happened ("denied rumours that
                        # troops had been mobilised"), as a denied content clause does; a denied report
                        # still tells of the act (the tuning set codes it)
                        proto.negated = True
                for proto in protos:
                    if proto.trigger.i == gov.i and not proto.nominal:
                        proto.targets = [(a, x) for a, x in proto.targets if a not in inner]
                protos = [p for p in protos if p.trigger.i != gov.i or p.nominal or p.targets]
        conditions: set[int] = set()
        for proto in protos:
            if proto.nominal and proto.trigger.dep_ == "dobj" and self._judging_verb(proto.trigger.head):
                # "would have condemned the Israeli raid", "will welcome the withdrawal": the act
                # judged is reported, not announced by the judging verb's future
                continue
            _reframe(proto)
            if proto.coding.type == "THREATEN" and not proto.nominal:
                # "would veto the plan unless Y withdrew": the condition names who is threatened;
                # so does one in a warning's clause ("warned that it would respond if Y attacked")
                conds = _condition_clauses(proto.trigger) + [
                    c for comp in proto.trigger.children if comp.dep_ in ("ccomp", "xcomp") for c in _condition_clauses(comp)]
                if not proto.targets:
                    src = {a.country for a, _ in proto.sources}
                    proto.targets = [(a, False) for cond in conds
                                     for a, _ in self.subject_actors(cond) if a.country not in src]
                # the threatened party's act in the condition has not happened (CAMEO 13: the
                # threat is the event)
                conditions.update(t.i for cond in conds for t in cond.subtree)
        if conditions:
            protos = [p for p in protos if p.trigger.i not in conditions]
        self.demanded: set[int] = set()
        for tok in sent:
            # "renewed its demand that Israel withdraw", "reiterated its call for X to ease ..."
            coding = self.lex.nouns.get(tok.lemma_.lower()) if tok.pos_ == "NOUN" else None
            if coding is not None and tok.lemma_.lower() == "call":
                # a call with a content clause is an appeal, not a phone call
                coding = Trigger(lemma="call", type="REQUEST", mode="appeal")
            if coding is not None and coding.type == "REQUEST" and tok.i not in consumed:
                proto = self.code_request_clause(tok, coding)
                if proto is not None:
                    protos.append(proto)
        for tok in sent:
            # "a court found X guilty of fraud", "Washington held Tehran responsible for the attack":
            # a verdict or a charge of guilt on a named party (CAMEO 116 find guilty / 112 accuse)
            verdict = self._guilt_verdict(tok) or self._deadline_ultimatum(tok)
            if verdict is not None:
                protos.append(verdict)
        self.reporting = {tok.i for tok, _ in speech}
        for tok, coding in speech:
            protos.extend(self.code_speech(tok, coding, protos))
        for p in protos:
            if p.coding.type == "REQUEST" and not p.nominal:
                # "demanded that the US cancel plans to sell arms to X": the clause is asked for
                self.demanded.update(c.i for c in _requested_clauses(p.trigger))
            if p.coding.type == "THREATEN" and not p.nominal:
                # "gave the rebels 48 hours to let civilians leave": what the deadline is for is demanded
                self.demanded.update(c.i for c in _deadline_clauses(p.trigger))
        for t in sent:
            # "signed an agreement to increase trade", "a plan to send troops": the act an
            # agreement, offer or plan is for is its content, not an act that happened
            if t.dep_ == "acl" and t.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
                head_coding = self.noun_coding(t.head)
                if (head_coding is not None and head_coding.type in CONTROL_TYPES) or t.head.lemma_.lower() in PLAN_NOUNS:
                    self.demanded.add(t.i)
        if self.demanded:
            # "X said Y must hand over the suspects": the demanded act has not happened, nor has
            # anything inside its clause ("must ensure security to allow aid in")
            inside = {t.i for d in self.demanded for t in self.doc[d].subtree}
            protos = [p for p in protos if p.trigger.i not in inside]
        for tok in sent:
            # "according to X, ..." attributes every event of the sentence
            if tok.lower_ == "according" and tok.i + 1 < len(self.doc) and self.doc[tok.i + 1].lower_ == "to":
                who = [c for c in self.doc[tok.i + 1].children if c.dep_ == "pobj"]
                if who:
                    name = _phrase(who[0])
                    for p in protos:
                        p.attributed_to = p.attributed_to or name
        protos = _fold_protest_purpose(protos)
        protos = _drop_purposes(protos)
        events: list[Event] = []
        for proto in protos:
            if proto.sources and not proto.targets and not proto.symmetric and proto.coding.type == "REJECT":
                # "Iran refused to suspend enrichment despite UN demands": a refusal defies whoever
                # made the demands it is maintained against (CAMEO 124 decline to yield)
                src = proto.sources
                proto.targets = [(a, False) for a in self._despite_parties(proto.trigger) if self._another_party(a, src)]
            if proto.sources and not proto.targets and not proto.symmetric and proto.coding.type == "ACCUSE":
                # "ordered an inquiry into allegations that soldiers tortured detainees": what is
                # investigated or denounced is the reported act, aimed at whoever it says did it
                src = proto.sources
                proto.targets = [(a, False) for a in self._reported_doers(proto.trigger) if self._another_party(a, src)]
            if proto.sources and not proto.targets and not proto.symmetric and proto.coding.type in FOCAL_TARGET_TYPES:
                proto.targets = self._focal_target(proto, sent)
            if self.domestic and proto.sources and proto.targets and not proto.symmetric and (
                    proto.coding.type not in _domestic_table()["always"]) and all(
                    any(t.country == a.country and not _distinct_actors(a, t) for a, _ in proto.sources)
                    for t, _ in proto.targets):
                # "rebels refused to surrender their weapons": a party named in the act only as its
                # authors ("their") is no target; the act is aimed as a target-less one is (not
                # force, which a state aims at no one by default: "the US must help in the battle")
                proto.targets = []
            if self.domestic and not proto.sources and not proto.nominal:
                proto.sources = self._implicit_authority(proto, sent)
            if self.domestic and proto.sources and not proto.targets and not proto.symmetric:
                proto.targets = self._implicit_domestic_target(proto, sent)
            events.extend(self.realise(proto, sent))
        return events

    # ------------------------------------------------------------------ triggers
    def _resultative_coding(self, tok: Token, lemma: str) -> Trigger | None:
        """ "set free the opposition leader", "set the prisoners free": a verb with a resultative
        adjective (`set_free`, CAMEO 0841) is its own entry. The parser hangs the adjective right after
        the verb on the object as a modifier, or makes it the verb's predicate after the object; an
        adjective that only describes the object further on ("set new rules") makes no idiom."""
        for adj in tok.doc[tok.i + 1:min(len(tok.doc), tok.i + 6)]:
            if adj.pos_ != "ADJ":
                continue
            hung = (adj.i == tok.i + 1 and adj.dep_ == "amod" and adj.head.i > adj.i
                    and any(a.i == tok.i for a in adj.head.ancestors)) \
                or (adj.head.i == tok.i and adj.dep_ in ("oprd", "acomp", "advmod", "advcl", "ccomp", "xcomp"))
            if hung:
                combo = self.lex.verbs.get(f"{lemma}_{adj.lower_}")
                if combo is not None:
                    return combo
        return None

    def _verb_coding(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if lemma in ORDER_VERBS and "expel" in self.lex.verbs and any(
                c.dep_ == "dobj" for c in tok.children) and any(
                (c.dep_ == "xcomp" and c.lemma_.lower() in LEAVE_VERBS)
                or (c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod") and lemma not in FORCE_VERBS)
                for c in tok.children):
            # "ordered the French ambassador to leave the country", "ordered 25 diplomats out (of
            # the country)": an expulsion (CAMEO 166/174); people made to leave their land are
            # deported however many (the mass expulsion of expel's `<thousands>` is for the verb itself)
            expel = self.lex.verbs["expel"]
            return replace(expel, object_types=tuple(kv for kv in expel.object_types if kv[0] != "<thousands>"))
        first = _hyphen_prefix(tok)
        if first is not None:
            # a hyphenated verb the tokenizer split ("test-fired", "test-launched"): its own entry
            # (`test_fire`) wins over the bare verb's (a test is no attack)
            prefixed = self.lex.verbs.get(f"{first.lower_}_{lemma}")
            if prefixed is not None:
                return prefixed
        # a PETRARCH dictionary entry for the word itself wins over a built-in verb + particle
        # ("CALLED" with its pattern "* FOR_CEASEFIRE" over detente's "call for")
        own = self.lex.verb_forms.get(tok.lower_) or self.lex.verbs.get(lemma)
        in_dictionary = own is not None and own.code is not None
        for child in tok.children:
            if child.dep_ == "prep" and child.i > tok.i:
                # an idiom of verb, preposition and fixed noun ("took Turkey to task", "hinted at
                # retaliation"): its own entry (`take_to_task`) over the verb's
                for pobj in child.children:
                    idiom = self.lex.verbs.get(f"{lemma}_{child.lower_}_{pobj.lemma_.lower()}") if pobj.dep_ == "pobj" else None
                    if idiom is not None:
                        return idiom
            # a particle the parser calls an adverb ("pulled back from") right after the verb counts too
            if (child.dep_ in ("prt", "prep") or (child.dep_ == "advmod" and child.i == tok.i + 1)) and child.i > tok.i:
                combo = self.lex.verbs.get(f"{lemma}_{child.lower_}")
                if combo is not None and combo.objects and child.dep_ == "prep" and not any(
                        _object_lemmas(o) & combo.objects for o in tok.children if o.dep_ == "dobj"):
                    # "handed power to X in October": a preposition that may be no particle at all
                    # makes no phrasal verb whose objects ("hand in weapons") are not there
                    continue
                if combo is not None and (combo.code is not None or not in_dictionary):
                    return combo
            if child.dep_ == "advcl" and child.i > tok.i:
                # "pushing for the US to support ...": the parser makes "for" the clause's marker
                mark = next((m for m in child.children if m.dep_ == "mark" and m.lower_ == "for"), None)
                combo = self.lex.verbs.get(f"{lemma}_for") if mark is not None else None
                if combo is not None:
                    return combo
        resultative = self._resultative_coding(tok, lemma)
        if resultative is not None:
            return resultative
        for obj in (c for c in tok.children if c.dep_ == "dobj"):
            # "stripped dozens of dissidents of their citizenship": the parser may hang an idiom's
            # preposition (`strip_of_citizenship`) on the object, or on its "of" complement
            for prep in (t for t in obj.subtree if t.dep_ == "prep" and t.i > obj.i and t.head.i != tok.i):
                for pobj in (o for o in prep.children if o.dep_ == "pobj"):
                    idiom = self.lex.verbs.get(f"{lemma}_{prep.lower_}_{pobj.lemma_.lower()}")
                    if idiom is not None:
                        return idiom
        form = self.lex.verb_forms.get(tok.lower_) if self.lex.verb_forms else None
        if form is not None:
            # a PETRARCH dictionary names this surface form ("LEFT [032]" apart from "LEAVE"): its
            # code, with the grammar detente knows for the token's lemma
            if form.lemma == lemma:
                return form
            key = (tok.lower_, lemma)
            if key not in self._form_cache:
                self._form_cache[key] = restructure(form, self.lex.verbs.get(lemma))
            return self._form_cache[key]
        coding = self.lex.verbs.get(lemma)
        if coding is None and tok.lower_.startswith("re-") and len(tok.lower_) > 4:
            # "re-established", "re-opened" (the tokenizer keeps the prefix): the verb spelt
            # without the hyphen ("reopen"), else without the prefix ("establish")
            low = tok.lower_[3:]
            for stem in (lemma[3:], low, *_inflection_stems(low)):
                for word in ("re" + stem, stem) if stem else ():
                    if word in self.lex.verbs:
                        return self.lex.verbs[word]
        if any(c.dep_ == "advmod" and c.lower_ == "jointly" for c in tok.children) and (
                coding is None or self._outside_object_list(tok, coding)):
            # "the army and the rebels jointly cleared minefields": an act of no type of its own done
            # jointly is material cooperation between the doers (CAMEO 06 -> COOPERATE); so is one
            # whose verb is a trigger only for other objects ("jointly developed a mining zone":
            # `develop` codes developed ties)
            return Trigger(lemma=lemma, type="COOPERATE", preps=("with",), symmetric=True)
        if coding is None and tok.tag_ in ("VBD", "VBN", "VBG", "VBZ"):
            # the lemmatiser's misses ("staged" -> "stag"): the inflected form less its ending
            low = tok.lower_
            for stem in _inflection_stems(low):
                if stem and stem in self.lex.verbs and stem != lemma:
                    return self.lex.verbs[stem]
        return coding

    @staticmethod
    def _outside_object_list(tok: Token, coding: Trigger) -> bool:
        """A verb that is a trigger only with listed objects, used with a direct object of none of them."""
        if not coding.objects:
            return False
        dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if dobj is None:
            return False
        listed = coding.objects | {w for w, _ in coding.object_types}
        return not (_object_lemmas(dobj) & listed)

    def noun_coding(self, tok: Token) -> Trigger | None:
        """A noun trigger: a compound entry first ("hunger strike", "war games", lexicon key
        `hunger_strike`), then the noun's own lemma. A hyphenated noun the tokenizer split
        ("pull-out", "cease-fire", "build-up") is looked up as its one-word spelling too."""
        lemma = tok.lemma_.lower()
        first = _hyphen_prefix(tok)
        if first is not None:
            joined = self.lex.nouns.get(f"{first.lower_}{lemma}")
            if joined is not None:
                return joined
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and c.i < tok.i:
                combo = self.lex.nouns.get(f"{c.lemma_.lower()}_{lemma}") or self.lex.nouns.get(f"{c.lower_}_{lemma}")
                if combo is not None:
                    return combo
        return self.lex.nouns.get(lemma)

    def _pattern(self, tok: Token, patterns: Sequence[VerbPattern]
                 ) -> tuple[VerbPattern | None, dict[str, list[Actor]]]:
        """The most specific dictionary pattern whose words occur before the verb (in its
        sentence) and after it (in its phrase), in order, and whose `$ + %` marks each find an
        actor in their place; (None, {}) when none matches. With it, the actors of its marks."""
        sent = tok.sent
        before = [t for t in sent if t.i < tok.i]
        after = [t for t in tok.subtree if t.i > tok.i]
        best, best_roles = None, {}
        for p in sorted(patterns, key=lambda p: -p.weight):
            if best is not None and p.weight <= best.weight:
                break
            left, right = _phrase_spans(before, p.left), _phrase_spans(after, p.right)
            if left is None or right is None:
                continue
            roles = self._role_actors(p, before, left, after, right)
            if roles is not None:
                best, best_roles = p, roles
        return best, best_roles

    def _pattern_event(self, tok: Token, coding: Trigger) -> bool:
        """Whether a dictionary pattern with an event code matches here: a reporting verb is then
        that event ("SAID * PLEASED [041]": "X said it was pleased with Y" is a PETRARCH event),
        not the speaker of the events in its clause."""
        if not coding.patterns:
            return False
        hit, _ = self._pattern(tok, coding.patterns)
        return hit is not None and hit.type is not None

    @staticmethod
    def _coded_report(tok: Token, coding: Trigger) -> bool:
        """A reporting verb that a PETRARCH dictionary gives an event code, used without a
        reported clause ("X reiterated its demand to Y", REITERATE [102]): the verb is that
        event, as PETRARCH codes it; with a clause it stays the speaker of the clause's events."""
        return coding.code is not None and coding.type is not None and not any(
            c.dep_ in ("ccomp", "parataxis") for c in tok.children)

    def _role_actors(self, p: VerbPattern, before: list[Token], left: list[tuple[int, int]],
                     after: list[Token], right: list[tuple[int, int]]) -> dict[str, list[Actor]] | None:
        """The actors in the places of a pattern's `$ + %` marks (TABARI: the words between the
        matched phrases); None when a mark's place holds no actor (the pattern does not match)."""
        out: dict[str, list[Actor]] = {}
        for side, gap, mark in p.roles:
            tokens, spans = (before, left) if side == "L" else (after, right)
            lo = spans[gap - 1][1] if gap > 0 else 0
            hi = spans[gap][0] if gap < len(spans) else len(tokens)
            starts = [t.i for t in tokens[lo:hi] if t.i in self.tok2actor]
            if not starts:
                return None
            # a place open to the left (before the pattern's first word) is filled by the actor
            # nearest to the pattern; any other place by its first actor
            pick = starts[-1] if side == "L" and gap == 0 else starts[0]
            actors = _members_or_actor(self.tok2actor[pick])
            if mark == "%":
                # a compound: every actor named there ("A and B met")
                actors = _unique([a for i in starts for a in _members_or_actor(self.tok2actor[i])])
                if len({a.country for a in actors}) < 2:
                    return None
            out.setdefault(mark, []).extend(actors)
        return out

    def code_verb(self, tok: Token, coding: Trigger, consumed: set[int]) -> Proto | None:
        if tok.lemma_.lower() in JOINING_VERBS and any(
                c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
                for c in tok.children):
            return None  # "joined Y in condemning Z": the gerund is the act (subject_actors)
        # a verb from a PETRARCH dictionary (its code kept in the coding): see the fallback target
        from_dictionary = coding.code is not None
        roles: dict[str, list[Actor]] = {}
        hit = None
        if coding.patterns:
            hit, roles = self._pattern(tok, coding.patterns)
            if hit is not None:
                if hit.type is None:
                    return None  # the dictionary's null code for this context: no event
                # a preposition the pattern names ("LEFT * FOR") introduces the target
                preps = coding.preps + tuple(dict.fromkeys(
                    w for phrase in hit.right for item in phrase for words in item for w in words
                    if w in PATTERN_PREPS and w not in coding.preps))
                coding = replace(coding, type=hit.type, mode=hit.mode, track=hit.track or coding.track,
                                 paired_type=hit.paired_type, paired_mode=hit.paired_mode, light=False,
                                 objects=frozenset(), objects_not=frozenset(), patterns=(), preps=preps)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
        dobj = next((c for c in tok.children if c.dep_ in ("dobj", "attr") and not self._attribution(c)), None)
        if passive:
            dobj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        elif _by_participle(tok) and any(self.actors_of(o) for c in tok.children if c.dep_ == "agent"
                                         for o in _prep_objects(c)):
            # a reduced passive relative with an actor as agent ("the Algiers Agreement, signed by
            # Iran and Iraq in 1975"): a passive whose subject is the noun it modifies
            passive, dobj = True, tok.head
        if dobj is None:
            subj = _ergative_subject(tok)
            if subj is not None and (_common_lemma(subj) in coding.objects if coding.objects else (
                    coding.light and _coding_symmetric(self.noun_coding(subj)))):
                # (a directed act's noun, "the invasion of X by Y began", is coded by itself)
                # "relations between X and Y resumed in 1988": the subject of an ergative verb
                # undergoes the act, as a passive's subject does
                passive, dobj = True, subj
        if dobj is None:
            dobj = _up_to_object(tok) or _particle_object(tok)
        if dobj is None and not passive:
            dobj = _reduced_relative_object(tok)
        if dobj is not None and not passive and dobj.lower_ in ("it", "them") and (coding.objects or coding.object_types):
            # "imposed sanctions on X in 1990 and lifted them in 1994": the pronoun stands for the
            # measure named before it in the sentence, which decides the act and names its party
            # (a measure, an event noun: "called them an occupying army" refers to people)
            measures = {w for w in coding.objects | {w for w, _ in coding.object_types} if w in self.lex.nouns}
            dobj = _measure_antecedent(dobj, measures) or dobj
        noun = None
        noun_coding = None
        if coding.light:
            cands = [dobj] if dobj is not None else []
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ in LIGHT_PREPS:
                    cands.extend(c for c in prep.children if c.dep_ == "pobj")
            # "launched artillery, mortar and rocket fire against X": the event noun may be a conjunct
            cands.extend(j for cand in list(cands) for j in cand.conjuncts if j.i > cand.i)
            # "launched a mediation effort", "began a bombing campaign": the event is the modifier
            cands.extend(c for cand in list(cands) if cand.lemma_.lower() in LIGHT_NOUNS
                         for c in cand.children if c.dep_ in ("compound", "amod"))
            # "launched 10 days of war games", "held a new round of talks": the measured event
            cands.extend(o for cand in list(cands) if cand.lemma_.lower() in MEASURE_NOUNS | INQUIRY_BODY_NOUNS
                         for p in cand.children if p.dep_ == "prep" and p.lower_ == "of"
                         for o in p.children if o.dep_ == "pobj")
            for cand in cands:
                nc = self.noun_coding(cand)
                if nc is not None and nc.type is not None:
                    noun, noun_coding = cand, nc
                    break
            if noun is not None and (noun_coding.type == "REQUEST" or _appeal_call(noun)) and any(
                    c.dep_ in ("acl", "advcl", "ccomp") for c in noun.children) or (
                    noun is not None and _appeal_call(noun) and _called_on(noun)):
                # "renewed its demand that X withdraw": the demand and its clause are coded from the
                # noun (code_request_clause), which knows who is asked to do what
                return None
        obj_lemmas = _object_lemmas(dobj) if dobj is not None else set()
        if dobj is not None and dobj.pos_ == "PROPN" and (dobj.i in self.tok2place or dobj.ent_type_ in ("GPE", "LOC")):
            # a named place or territory ("returned Taba to Egypt"): the lexicon's `<place>` object
            obj_lemmas.add("<place>")
        if dobj is not None and _mass_object(dobj):
            # "expelled thousands of Kurdish families": people by the thousand (the lexicon's
            # `<thousands>` object) make an expulsion a mass one (CAMEO 201, not 174)
            obj_lemmas.add("<thousands>")
        # the place handed over is what is given, not the party it is given to ("returned Hong Kong to China")
        place_object = "<place>" in obj_lemmas and ("<place>" in coding.objects or "<place>" in dict(coding.object_types))
        reverse = bool(coding.reverse_objects and obj_lemmas & coding.reverse_objects)
        # a verb of receiving the act ("gained independence from X"): the `from` party does it
        received = coding.reverse and not passive and (not coding.objects or bool(obj_lemmas & coding.objects))
        type_lemmas = obj_lemmas
        left: list[Token] = []
        if dobj is None and coding.object_types and not passive:
            # "agreed to the demands": a prepositional content object decides as a direct one does
            type_lemmas = {w for o in _content_objects(tok) for w in _object_lemmas(o)}
            # "let U.N. inspectors back in", "allowed food convoys to reach the north": the parser makes
            # the person or thing let in the subject of the complement clause; it decides as an object
            type_lemmas |= {w for c in tok.children if c.dep_ in ("ccomp", "xcomp")
                            for sj in c.children if sj.dep_ == "nsubj" for w in _object_lemmas(sj)}
            if coding.type in ("RETREAT", "PROTEST"):
                # "withdrew from the talks", "pulled out of negotiations", "walked out of the talks":
                # what a withdrawal leaves decides by its head noun (leaving talks or a mediation
                # halts them, CAMEO 164/165, no retreat from a place nor a walkout in protest)
                particle = coding.lemma.rsplit("_", 1)[1] if "_" in coding.lemma else None
                heads = [tok] + [c for c in tok.children if particle and c.lower_ == particle]
                left = [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ in ("from", "of")
                        for o in _prep_objects(p) if o.pos_ == "NOUN"]
                type_lemmas = type_lemmas | {o.lemma_.lower() for o in left}
        object_type = next((t for o, t in coding.object_types if o in type_lemmas or (dobj is not None and o == dobj.lower_)),
                           None) if noun is None else None
        typed_by_object = object_type is not None
        if typed_by_object:
            # (the talks left are what the act halts, not talks held)
            consumed.update(o.i for o in left if o.lemma_.lower() in dict(coding.object_types))
        # a permission keeps naming whom it lets in when its object types it ("let U.N. inspectors
        # back in": RETREAT, CAMEO 0862, aimed at the inspectors' organisation)
        permission = coding.mode == "ease"
        if coding.subject_types and not passive and (object_type is not None or not coding.objects):
            # the subject decides where it has a type of its own, also over a typed object: "farmers
            # blocked the road" protest, "troops blocked the road" coerce
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is None and tok.dep_ == "xcomp":
                # "troops began leaving Angola": the controlling verb's subject does the act
                subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                # "peacekeeping troops", "the first deployment of NATO peacekeepers"
                heads = [subj] + [o for p in subj.children if p.dep_ == "prep" and p.lower_ == "of"
                                  for o in p.children if o.dep_ == "pobj"]
                subj_lemmas = {w.lemma_.lower() for h in heads
                               for w in [h, *(c for c in h.children if c.dep_ in ("compound", "amod"))]}
                if subj.pos_ == "PROPN" and any(a.sector == "MIL" for a in self.actors_of(subj)):
                    # a named armed service ("the Wehrmacht", "the Luftwaffe") acts as its forces do
                    subj_lemmas.add("force")
                object_type = next((t for w, t in coding.subject_types if w in subj_lemmas), object_type)
        if coding.prep_types and object_type is None and noun is None and not passive:
            # a verb's `prep_types`: an actor named by one of these prepositions is a partner, which
            # changes the act ("fought alongside Syrian troops" is military cooperation with them,
            # CAMEO 062, not a fight against them); the preposition then names the only target
            # ("fought alongside Angolan forces against South African units": the foe named by
            # the verb's own object or preposition keeps the fight)
            table = dict(coding.prep_types)
            prep = next((p for p in tok.children if p.dep_ == "prep" and p.lower_ in table
                         and any(self.actors_of(o) for o in _prep_objects(p))), None)
            # (the parser may hang "against X" on the ally: "alongside [Angolan forces against X]")
            foe_preps = [p for p in tok.children if p.dep_ == "prep" and p.lower_ in coding.preps]
            if prep is not None:
                foe_preps += [p for o in _prep_objects(prep) for p in o.children
                              if p.dep_ == "prep" and p.lower_ == "against"]
            foe = bool(dobj is not None and self.actors_of(dobj)) or any(
                self.actors_of(o) for p in foe_preps for o in _prep_objects(p))
            if prep is not None and not foe:
                coding = Trigger(lemma=coding.lemma, type=table[prep.lower_], preps=(prep.lower_,))
        if object_type is not None:
            # "strengthened its forces in X" (MOBILIZE), "evacuated the wounded" (AID), "peacekeepers
            # arrived in X" (AID): the object or subject decides the type; the verb's object list does not apply.
            # A joint verb stays joint when its object makes it diplomatic cooperation ("Brazil and
            # India coordinated their positions" is CAMEO 050 between them: SUPPORT is no joint type,
            # so without the flag the co-authors would have no partner), or an exchange ("A and B
            # traded fire" fight each other, "traded accusations" accuse each other; "A and B
            # strengthened their forces" is no show of force at each other)
            # A joint verb of no type of its own ("exchange") is joint whatever its object makes it:
            # "troops and rebels exchanged gunfire" fought each other
            coding = Trigger(lemma=coding.lemma, type=object_type, preps=coding.preps,
                             symmetric=coding.symmetric and (object_type == "SUPPORT" or object_type in EXCHANGE_TYPES
                                                             or coding.type is None))
        if coding.objects and not reverse:
            if not (obj_lemmas & coding.objects) and noun is None and not (
                    coding.infinitive and dobj is None and any(c.dep_ == "xcomp" for c in tok.children)):
                return None
        if coding.objects_not and obj_lemmas & coding.objects_not:
            return None
        final = coding
        if reverse:
            final = Trigger(lemma=coding.lemma, type="AID", preps=("from",), reverse=True)
        elif received:
            reverse = True
            final = Trigger(lemma=coding.lemma, type=coding.type, mode=coding.mode, preps=coding.preps or ("from",),
                            reverse=True)
        elif noun_coding is not None:
            # "sign an agreement", "impose sanctions": the noun says what happened; a verb whose own
            # type is meant for this object (impose -> SANCTION) keeps it.
            # (a verb of no type of its own, "observed a strike", only names the nouns it takes)
            if coding.objects and noun.lemma_.lower() in coding.objects and coding.type is not None:
                final = Trigger(lemma=coding.lemma, type=coding.type, mode=coding.mode or noun_coding.mode,
                                preps=coding.preps + noun_coding.preps, symmetric=coding.symmetric)
            else:
                # a verb whose entry types this very noun decides ("declared war": announcing
                # hostilities threatens, the war itself is the assault)
                typed = dict(coding.object_types).get(noun.lemma_.lower())
                if typed is not None and "_" in noun_coding.lemma and noun_coding.type != typed:
                    # a compound entry says which sense of the noun it is: "staged air strikes" attack,
                    # whatever "staged a strike" (a labour strike) is
                    typed = None
                verb_preps = coding.preps
                if (typed or noun_coding.type) in JOINT_TYPES:
                    # "opened talks in Pretoria": the verb's place preposition ("opened an embassy in
                    # X") names the venue of a meeting or deal, not a party to it
                    verb_preps = tuple(p for p in verb_preps if p not in LOCATION_PREPS)
                final = Trigger(lemma=f"{coding.lemma} {noun_coding.lemma}", type=typed or noun_coding.type,
                                mode=None if typed else noun_coding.mode, preps=verb_preps + noun_coding.preps,
                                symmetric=noun_coding.symmetric or coding.symmetric, track=noun_coding.track)
                prep_typed = self._prep_type(noun_coding, [noun, tok], self.subject_actors(tok)) if not typed else None
                if prep_typed is not None:
                    # "staged exercises around Taiwan": one state's exercises aimed at another, no partner
                    # named, are a show of force (the noun's `prep_types`); the preposition names the target
                    ptype, prep = prep_typed
                    final = Trigger(lemma=final.lemma, type=ptype, preps=(prep,), track=final.track)
            consumed.add(noun.i)
        if final.type == "RETREAT" and obj_lemmas & INVOLVEMENT_OBJECTS and not typed_by_object:
            # "withdraw inspectors / peacekeepers / the ambassador from X": CAMEO 166 expel or
            # withdraw (reduce relations) -> SANCTION, not a military retreat (receiving them is
            # the object-typed RETREAT of CAMEO 086, allowing involvement)
            final = Trigger(lemma=final.lemma, type="SANCTION", mode="withdraw", preps=final.preps)
        if final.type == "COERCE" and final.mode == "expel" and dobj is not None and (
                obj_lemmas & INVOLVEMENT_OBJECTS or self._is_organisation(dobj)):
            # "forced the UN refugee agency out", "deported the inspectors": expelling a mission or an
            # organisation reduces relations (CAMEO 166 -> SANCTION), unlike deporting individuals (174)
            final = Trigger(lemma=final.lemma, type="SANCTION", mode="expel", preps=final.preps)
        if final.type is None:
            return None
        if final.type in ("COOPERATE", "AID") and tok.tag_ in ("VBZ", "VBP") and dobj is not None and not passive \
                and dobj.lemma_.lower() in SHARE_NOUNS and not any(c.dep_ == "aux" for c in tok.children):
            # "Russia supplies about 40 percent of Europe's gas": a habitual share is a standing
            # figure of trade, not an event (PLOVER codes acts)
            return None
        if final.type == "PROTEST" and coding.lemma == "protest" and dobj is not None and not passive \
                and self._state_subject(tok):
            # "Vietnam protested China's deployment of an oil rig": a protest lodged against an act
            # is an official complaint (CAMEO 114 -> ACCUSE), not a demonstration ("protested against")
            final = Trigger(lemma=final.lemma, type="ACCUSE", mode="complain", preps=final.preps)
        if final.type == "MOBILIZE" and (any(c.dep_ in ("advcl", "xcomp") and (c.lemma_.lower() in HELP_VERBS or (
                c.lemma_.lower() in MISSION_VERBS and any(o.dep_ == "dobj" and self._peace_mission(o) for o in c.children)))
                for c in tok.children) or any(self._peace_mission(o, organisations=False) for o in _part_of_objects(tok))):
            # "sent troops to X to help the government fight the rebels": military aid (CAMEO 07); so are
            # troops sent "to join/reinforce" an organisation's or a peacekeeping mission, or "as part of"
            # one ("as part of the West African peacekeeping force"): a peacekeeping contribution, CAMEO 074
            final = Trigger(lemma=final.lemma, type="AID", mode="military", preps=final.preps)
            consumed.update(c.i for c in tok.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in MISSION_VERBS)
        if noun is None and dobj is not None and not passive and (
                (coding.objects and obj_lemmas & coding.objects) or final.type in UNDOING_TYPES or typed_by_object):
            # "lifted sanctions", "halted aid", "violated the ceasefire", "suspended talks", "banned
            # rallies": the object is what the act undoes or targets, not an event of its own; so is
            # the "of" complement of a partial object ("suspended part of its aid to X")
            consumed.update(o.i for o in [dobj, *dobj.conjuncts])
            consumed.update(o.i for p in dobj.children if p.dep_ == "prep" and p.lower_ == "of"
                            for o in _prep_objects(p))
        proto = Proto(trigger=tok, coding=final)
        proto.head_tokens = [tok]
        subjects = self.subject_actors(tok)
        # arguments
        targets: list[tuple[Actor, bool]] = []
        joint_between = False
        if passive:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            subj = []
            if agent is not None:
                subj = [(a, True) for p in agent.children if p.dep_ == "pobj" for a in self.actors_of(p)]
                if subj:
                    # "signed by the President of the United States, Richard Nixon, and the General
                    # Secretary of the Soviet Union, ...": after an apposition the parser may hang the
                    # second agent on the verb as a noun conjunct
                    subj += [(a, True) for c in tok.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                             and c.i > agent.i for a in self.actors_of(c)]
            tgt_head = dobj
            subjects = subj
            if tgt_head is not None and noun is None:
                targets.extend((a, True) for a in self.actors_of(tgt_head))
                if final.type in OTHER_DIRECTED and subj and {(a.country, a.sector) for a, _ in subj} <= {
                        (a.country, a.sector) for a, _ in targets}:
                    # "was assassinated by two of her bodyguards": an agent reached only through the
                    # victim's own possessive is no agent; the attacker is unnamed
                    subjects = subj = []
            if not subj and tgt_head is not None and noun is None and final.type == "MOBILIZE":
                # "Vietnamese troops have been moved up to the Thai border", "thousands of Chinese
                # police were deployed in Lhasa": armed forces moved by an unnamed agent are their own
                # state's mobilisation (CAMEO 15), not its target
                forces = [(a, True) for a in self.actors_of(tgt_head) if a.sector in FORCE_SECTORS]
                if forces:
                    subjects = subj = forces
                    targets = [t for t in targets if t[0].country not in {a.country for a, _ in forces}]
            if not subj and tgt_head is not None:
                # agentless passive: "issues between A, B and C were settled", "Laos was admitted
                # into ASEAN" (the organisation admits), "relations with X were restored"
                # "the Molotov-Ribbentrop Pact, a non-aggression pact between A and B, was signed":
                # an appositive that names the parties names them for its head
                heads = [tgt_head, *(c for c in tgt_head.children if c.dep_ == "appos")]
                for prep in (p for h in heads for p in h.children):
                    if prep.dep_ == "prep" and prep.lower_ == "between":
                        for o in _prep_objects(prep):
                            subjects.extend((a, True) for a in self.actors_of(o))
                if not subjects and noun is not None and final.symmetric:
                    # "the Anglo-Japanese Alliance was concluded", "the Russo-Japanese treaty was
                    # signed": a joint noun whose modifiers name two parties names them as "between" does
                    mods = list(self.actors_of(tgt_head))
                    for c in tgt_head.children:
                        # "the Soviet-Japanese pact": the parser hangs the first demonym on the second
                        span = self.tok2actor.get(c.i) if c.dep_ in ("amod", "compound") else None
                        first = tok.doc[span.start - 2] if span is not None and span.start >= 2 else None
                        if first is not None and tok.doc[span.start - 1].text == "-" and first.i in self.tok2actor:
                            mods.extend(_members_or_actor(self.tok2actor[first.i]))
                    if len({a.country for a in mods}) >= 2:
                        subjects.extend((a, True) for a in mods)
                elif not subjects and noun is not None:
                    # "the Austro-Hungarian ultimatum to Serbia was delivered": the event noun's own
                    # author (its demonym or possessive) did what the light verb reports
                    subjects.extend((a, True) for a in self.actors_of(tgt_head))
                if len({a.country for a, _ in subjects}) >= 2:
                    # "relations between Cuba and the United States were severed": the parties named
                    # by "between" did it to each other (a joint act, undirected), not to the first
                    # of them that the subject phrase also yields
                    joint_between = True
                    codes = {a.country for a, _ in subjects}
                    targets = [t for t in targets if t[0].country not in codes]
        elif dobj is not None and noun is None and final.type in EVALUATIVE_TYPES and dobj.i not in self.tok2actor \
                and dobj.pos_ == "NOUN" and self.noun_coding(dobj) is not None:
            # "condemned Israel's attack on X", "welcomed the withdrawal of Syrian troops": judging an
            # act is aimed at its author, not at whoever the act was aimed at
            targets.extend((a, True) for a in self._event_agents(dobj))
            if not targets and final.type == "REQUEST":
                # "demanded an apology from Japan", "demanded support from parliament": asked of its giver
                targets.extend((a, True) for p in dobj.children if p.dep_ == "prep" and p.lower_ == "from"
                               for o in _prep_objects(p) for a in self.actors_of(o))
        elif dobj is not None and noun is None and not (place_object and any(
                c.dep_ == "prep" and c.lower_ in final.preps for c in tok.children)):
            found = self.actors_of(dobj) or self._visited(final, dobj)
            if not found and coding.lemma == "cross" and dobj.lemma_.lower() in BORDER_NOUNS:
                # "the Red Army crossed the Polish frontier": the border crossed is the country entered
                found = [a for w in dobj.children if w.dep_ in ("amod", "compound", "poss") and w.i in self.tok2actor
                         for a in _members_or_actor(self.tok2actor[w.i])]
            if found and all(_is_author(a, subjects, self.domestic) for a in found):
                # "increased its purchases of Russian oil": "its" is the author; the party is deeper
                found = [a for a in self._nested_actors(dobj)
                         if not _is_author(a, subjects, self.domestic)] or found
            targets.extend((a, True) for a in found)
        for child in tok.children:
            if child.dep_ == "dative":
                # "gave Iran loans" (a noun) or "granted asylum to X" (the parser's dative "to")
                heads = _prep_objects(child) if child.pos_ == "ADP" else [child]
                targets.extend((a, True) for h in heads for a in self.actors_of(h))
        prep_heads = [tok] + ([noun] if noun is not None else [])
        if "_" in coding.lemma:
            # "pulled back from X": the parser may hang the preposition on the particle, also when it
            # reads the particle after an object as a preposition ("pulled its troops out of X")
            particle = coding.lemma.rsplit("_", 1)[1]
            prep_heads += [c for c in tok.children if c.dep_ in ("prt", "advmod", "prep") and c.lower_ == particle]
            if coding.lemma.count("_") == 2:
                # "hinted at retaliation against X": the idiom's fixed noun carries the party and is
                # no event of its own (`verb_prep_noun` entries, see _verb_coding)
                fixed = [o for c in tok.children if c.dep_ == "prep" for o in c.children
                         if o.dep_ == "pobj" and o.lemma_.lower() == particle]
                prep_heads += fixed
                consumed.update(o.i for o in fixed)
        if noun is not None and noun.dep_ in ("compound", "amod") and noun.head not in prep_heads:
            prep_heads.append(noun.head)  # "a mediation effort between A and B"
        # "the border with X was closed by Y": the passive subject of a verb that needs such an
        # object ("close", "seal" a border) names the party like the active object does
        own_object = passive and bool(coding.objects) and dobj is not None and dobj.lemma_.lower() in coding.objects
        if noun is None and dobj is not None and (not passive or own_object) and dobj.i not in self.tok2actor and not (
                (targets or final.type in EVALUATIVE_TYPES) and dobj.pos_ == "NOUN" and self.noun_coding(dobj) is not None):
            # "broke relations with the Sudan", "cut ties with Qatar": the object's prepositions
            # (not when an event noun already names its party, nor for a judged act: "demanded the
            # withdrawal of X from Y" is a demand on X, "condemned the attack on Y" no charge against Y)
            prep_heads.append(dobj)
        if reverse and dobj is not None:
            # "received arms from X", "received a shipment of arms from X"
            prep_heads.append(dobj)
            prep_heads.extend(o for p in dobj.children if p.dep_ == "prep" and p.lower_ == "of"
                              for o in p.children if o.dep_ == "pobj")
        between: list[Actor] = []
        by_prep: dict[int, list[tuple[Actor, bool]]] = {}
        for head in prep_heads:
            for prep in head.children:
                if prep.dep_ != "prep":
                    continue
                p = prep.lower_
                objs = _prep_objects(prep)
                if p == "between":
                    for o in objs:
                        between.extend(self.actors_of(o))
                elif head is dobj and self._information_topic(prep):
                    continue  # "shared information on PKK camps": the subject matter, no party
                elif p in final.preps or (head is dobj and head is not tok and p in TARGET_PREPS):
                    # the lexicon names this preposition for the target ("invest in", "arrive in"),
                    # so a place here is the target, not the event's location
                    rank = final.preps.index(p) if p in final.preps else len(final.preps)
                    for o in objs:
                        # the author itself is never the party aimed at ("protested to X over the
                        # treatment of its diplomats"): the next preposition's party is
                        by_prep.setdefault(rank, []).extend(
                            (a, True) for a in self._prep_object_party(o, final, subjects)
                            if not _is_author(a, subjects, self.domestic))
        if "_" in final.lemma and not any(by_prep.values()):
            # "fired on a Pakistani post", "called on Iran": the combination's own preposition
            # takes the target
            particle = final.lemma.rsplit("_", 1)[1]
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ == particle:
                    by_prep.setdefault(0, []).extend((a, True) for o in _prep_objects(prep) for a in self.actors_of(o))
        # the lexicon lists a verb's prepositions in order of preference: "complained to the UN
        # about X" accuses X; the addressee counts only when nothing else is named
        ranked = [by_prep[r] for r in sorted(by_prep) if by_prep[r]]
        if ranked:
            targets.extend(ranked[0])
        if not targets and not passive and noun is None and final.preps[:1] == ("to",):
            # a parse repair: "handed over a suspect in the bombings to the United States",
            # "extradited a suspect in the murder of a journalist to Cambodia": the parser hangs the
            # verb's "to" phrase on the last noun of its object's or adjunct's phrase
            targets.extend((a, True) for a in self._misattached_to_party(tok, dobj, subjects))
        if coding.organisation_type and not passive and not any(c.dep_ == "dobj" for c in tok.children) and any(
                self._is_organisation(o) or _common_lemma(o) in TREATY_NOUNS
                for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in final.preps
                for o in _prep_objects(prep)):
            # "acceded to the EU" joins it (AGREE), "withdrew from the OAU" leaves it (REJECT): an
            # organisation is no demand yielded to nor territory retreated from; nor is a treaty
            # ("acceded to the NPT", "withdrew from the ABM Treaty": CAMEO 057 / PLOVER REJECT)
            final = Trigger(lemma=final.lemma, type=coding.organisation_type,
                            mode="join" if coding.organisation_type == "AGREE" else None, preps=final.preps)
            proto.coding = final
        if noun is not None:
            # "the Russian-Iranian agreement": actors modifying the event noun are its parties
            between.extend(a for c in noun.children if c.dep_ in ("amod", "compound", "nmod") and c.i in self.tok2actor
                           for a in _members_or_actor(self.tok2actor[c.i]))
        if passive and not subjects and dobj is not None and noun in (None, dobj) and final.mode != "expel" \
                and final.type in ("SANCTION", "COOPERATE", "AGREE") and dobj.lemma_.lower() in MISSION_NOUNS | ENVOY_NOUNS:
            # "the Dutch ambassador was recalled from Ankara", "the Chinese embassy in Tirana was
            # closed", "a Turkish embassy was opened in Nouakchott": a country recalls its own envoy and
            # opens or closes its own mission; the owner acts towards the country of the post
            owners = self.actors_of(dobj)
            hosts = [(a, True) for head, preps in ((tok, POST_PREPS | {"from"}), (dobj, POST_PREPS))
                     for prep in head.children if prep.dep_ == "prep" and prep.lower_ in preps
                     for o in _prep_objects(prep) for a in self.actors_of(o) or self._place_country(o)
                     if a.country not in {w.country for w in owners}]
            if owners and hosts:
                subjects = [(a, True) for a in owners]
                targets = hosts
        if passive and not subjects and dobj is not None and noun is None and dobj.lemma_.lower() in MEMBERSHIP_NOUNS:
            # "Egypt's membership of the Arab League was suspended": the organisation acts on its member
            orgs = [(a, True) for prep in dobj.children if prep.dep_ == "prep" and prep.lower_ in ("of", "in")
                    for o in _prep_objects(prep) if self._is_organisation(o) for a in self.actors_of(o)]
            members = [(a, True) for c in dobj.children if c.dep_ == "poss" for a in self.actors_of(c)]
            if orgs and members:
                subjects, targets = orgs, members
        if passive and not subjects and targets and dobj is not None and noun is None:
            # agentless passive with an actor subject and an actor in a prepositional role: the
            # prepositional party is the implicit agent ("was admitted into ASEAN")
            prep_actors = [t for t in targets if t[0] not in self.actors_of(dobj)]
            if prep_actors and final.mode == "join":
                # ... except that the admitted country joins the organisation: membership is coded
                # member -> organisation, as "X joined ASEAN" is (tests/gold/README.md, Membership)
                subjects = [(a, True) for a in self.actors_of(dobj)]
                targets = prep_actors
            elif prep_actors:
                subjects = prep_actors
                targets = [(a, True) for a in self.actors_of(dobj)]
        if (passive and not subjects and final.symmetric and self.focal is not None
                and targets and all(a.country != self.focal.country for a, _ in targets)):
            # "Trade relations with the United States were normalized": the party left out of an
            # agentless joint act is the country the document is about
            subjects = [(self.focal, False)]
        if reverse:
            # "received its first Patriot system from X": the goods' possessive is the recipient
            # itself, not the party that gave them
            targets = [t for t in targets if not _is_author(t[0], subjects, self.domestic)] or targets
            proto.sources, proto.targets = targets, subjects
        else:
            proto.sources, proto.targets = subjects, targets
        if joint_between and not proto.targets and len({a.country for a, _ in proto.sources}) >= 2:
            proto.symmetric = True
        if not proto.targets and len(proto.sources) >= 2 and _reciprocal(tok):
            # "Canada and India expelled each other's diplomats": each did it to the other
            proto.symmetric = True
        if not proto.sources and not reverse and final.type in OTHER_DIRECTED:
            # "X claimed responsibility for the bomb that killed ...": the claimant is the author
            proto.sources = [(a, True) for a in self._claimant(tok)]
        if not proto.sources and not reverse and final.type in OTHER_DIRECTED:
            # "nine people were killed in an attack blamed on ETA", "killed in an ambush by Taliban
            # fighters": the attack the act happened in names its author
            proto.sources = [(a, False) for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
                             for o in _prep_objects(p) if getattr(self.noun_coding(o), "type", None) == "ASSAULT"
                             for a in self._attack_authors(o)]
        if not proto.sources and not reverse and final.type in _unattributed_table()["types"]:
            # "a roadside bomb wounded soldiers in Kandahar": the unnamed attacker is of the country
            # where the attack happens (data/events/unattributed.yaml)
            proto.sources = [(a, False) for a in self._unattributed_attacker(tok, passive)]
        if not proto.sources and len(between) >= 2:
            proto.sources = [(a, True) for a in between]
            proto.symmetric = True
        elif between and not proto.targets:
            proto.targets = [(a, True) for a in between]
        if not proto.targets and proto.sources and tok.dep_ == "conj" and final.symmetric \
                and not any(c.dep_ in SUBJ_DEPS for c in tok.children):
            # "Russia met Iran and signed an agreement": a joint act shares its partner with the
            # coordinated predicate before it
            first = tok.head
            obj = next((c for c in first.children if c.dep_ in ("dobj", "dative")), None)
            partners = self.actors_of(obj) if obj is not None else []
            for prep in first.children:
                if prep.dep_ == "prep" and prep.lower_ == "with":
                    partners += [a for o in _prep_objects(prep) for a in self.actors_of(o)]
            proto.targets = [(a, False) for a in partners if a.country not in {s.country for s, _ in proto.sources}]
        if not proto.targets and proto.sources and dobj is None and not passive and noun is None:
            # "X denounced and threatened Y": a verb with no object of its own shares the object
            # of the verb coordinated right after it (when that verb has no subject of its own)
            nxt = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"
                        and not any(g.dep_ in SUBJ_DEPS for g in c.children)), None)
            shared = next((c for c in nxt.children if c.dep_ == "dobj"), None) if nxt is not None else None
            if shared is not None and not any(c.dep_ in ("advcl", "xcomp", "ccomp") and c.i < nxt.i for c in tok.children):
                # (not when the first verb has a clause of its own: "is working to implement the
                # accord and joined the WTO" works on the accord, not with the WTO)
                proto.targets = [(a, False) for a in self.actors_of(shared) if self._another_party(a, proto.sources)]
        if final.symmetric and not proto.targets and (len({a.country for a, _ in proto.sources}) >= 2 or (
                self.domestic and len({(a.country, a.sector) for a, _ in proto.sources}) >= 2)):
            # (domestic mode: two sides of one country, "government troops and rebels exchanged fire")
            proto.symmetric = True
        if noun is not None and final.type == "COOPERATE" and final.mode == "military" and proto.sources \
                and not proto.symmetric and not proto.targets and len({a.country for a, _ in proto.sources}) == 1 \
                and not any(c.dep_ == "amod" and c.lower_ in ("joint", "combined") for c in noun.children):
            # "China staged naval manoeuvres near Taiwan": exercises held alone, with no partner, are
            # a show of force (CAMEO 150 -> MOBILIZE), aimed at the country they are held near
            final = Trigger(lemma=final.lemma, type="MOBILIZE", mode="exercise", preps=final.preps, track=final.track)
            proto.coding = final
        src_codes = {a.country for a, _ in proto.sources}
        if (proto.sources and dobj is not None and not passive and noun is None and final.type in OTHER_DIRECTED
                and proto.targets and {a.country for a, _ in proto.targets} <= src_codes):
            # "Syldavia said Borduria shelled its border posts": an act aimed at others does not hit
            # its own author's posts; the possessive is the next antecedent
            poss = next((c for c in dobj.children if c.dep_ == "poss" and c.lower_ in THING_PRONOUNS), None)
            if poss is not None:
                proto.targets = [(a, False) for a in self.resolve_pronoun(poss, exclude=src_codes)]
        if (proto.targets and dobj is not None and not passive and noun is None
                and {a.country for a, _ in proto.targets} <= src_codes
                and any(c.dep_ == "poss" and c.lower_ in THING_PRONOUNS for c in dobj.children)):
            # "strengthened its forces in X", "evacuated its staff from X": the author's own
            # people are not the target; the place or the prepositions may name one
            proto.targets = []
            for head, preps in ((tok, set(final.preps)), (dobj, TARGET_PREPS)):
                # ("ended its embargo on X": the object's own preposition may name the target)
                for prep in head.children:
                    if prep.dep_ == "prep" and prep.lower_ in preps:
                        # (in domestic mode another body of the author's country: "the unions
                        # threw their weight behind the president")
                        proto.targets.extend((a, True) for o in _prep_objects(prep)
                                             for a in self.actors_of(o) or self._visited(final, o)
                                             if self._another_party(a, proto.sources))
        if (proto.targets and proto.sources and not passive and final.type in OTHER_DIRECTED - EVALUATIVE_TYPES
                and not any(t.country not in src_codes or _distinct_actors(s, t)
                            for s, _ in proto.sources for t, _ in proto.targets)):
            # "imposed restrictions on its rice market for American exporters": a measure on the
            # author's own domain is aimed at the party another preposition names (on the verb, its
            # object, or the domain: "on its borders for X"); not a judgement ("investigated abuses by
            # its own police against X" is aimed at the police)
            heads = [tok, *([dobj] if dobj is not None else [])]
            heads += [o for h in list(heads) for prep in h.children if prep.dep_ == "prep" for o in _prep_objects(prep)]
            others = [(a, True) for head in heads for prep in head.children
                      if prep.dep_ == "prep" and prep.lower_ in TARGET_PREPS
                      for o in _prep_objects(prep) for a in self.actors_of(o) if a.country not in src_codes]
            if others:
                proto.targets = others
        if not proto.targets and proto.sources and not passive and dobj is not None and dobj.i not in self.tok2actor:
            # "rejected the proposal by Tokyo": the parser hangs the object's author on the verb
            src = {a.country for a, _ in proto.sources}
            proto.targets = [(a, True) for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "by"
                             for o in _prep_objects(prep) for a in self.actors_of(o) if a.country not in src]
        if not proto.targets and proto.sources and not passive and tok.dep_ == "relcl" \
                and (dobj is None or dobj.lower_ in ("which", "that", "whom")) \
                and any(c.dep_ == "nsubj" and c.lower_ not in ("that", "which", "who") for c in tok.children):
            # object relative: "the Zemblan town that Borduria shelled" -> the head noun is the object
            proto.targets = [(a, True) for a in self.actors_of(tok.head)]
        if not proto.targets and proto.sources and dobj is None and not passive:
            # "denounced as a crime X's suppression of ...": the author of a nominalised act
            src = {a.country for a, _ in proto.sources}
            for prep in tok.children:
                if prep.dep_ == "prep" and prep.lower_ not in LOCATION_PREPS:
                    for o in _prep_objects(prep):
                        # "as an ugly crime X's suppression of ...": the act may be the appositive
                        for n in [o, *(c for c in o.children if c.dep_ == "appos")]:
                            if _nominalisation(n):
                                proto.targets.extend((a, False) for c in n.children if c.dep_ == "poss"
                                                     for a in self.actors_of(c) if a.country not in src)
        src_codes = {s.country for s, _ in proto.sources}
        if proto.sources and final.type == "MOBILIZE" and not proto.targets:
            # "mobilised its forces after North Korea fired a missile": a posture answers the other
            # state whose act prompted it (before the place that act happened in)
            proto.targets = [(a, False) for a in self._prompting_actors(tok, src_codes)]
        closure = final.type == "SANCTION" and bool(obj_lemmas & (BORDER_NOUNS | {"crossing", "checkpoint"}))
        if proto.sources and (final.type in LOCATION_TARGET_TYPES or closure) and (not proto.targets or not self.domestic and all(
                a.country in src_codes for a, _ in proto.targets)):
            # "shelled villages in Syldavia", "raided a camp near Klow": an attack on a place in
            # another country is aimed at that country (also when the only target named is the
            # author's own: "moved troops to its border with X")
            # (exercises held near a border are no posture against the neighbour named by the
            # border: the tuning set codes "held exercises near the Libyan border" as no event)
            placed = [(a, False) for a in self._place_targets(tok, dobj, passive, final.type in ("MOBILIZE", "RETREAT")
                                                              and final.mode != "exercise", destinations=final.mode != "expel")
                      if a.country not in src_codes]
            if placed or not proto.targets:
                proto.targets = placed
            if not proto.targets and final.type == "MOBILIZE":
                proto.targets = [(a, False) for a in self._prompting_actors(tok, src_codes, fallback=True)]
        if not proto.targets and proto.sources and final.type == "PROTEST":
            # "protested outside the British embassy": a protest at a mission is aimed at its country
            proto.targets = [(a, False) for h in [tok] + ([noun] if noun is not None else [])
                             for a in self._mission_targets(h) if a.country not in {s.country for s, _ in proto.sources}]
        if not proto.targets and (final.type == "REQUEST" or final.mode == "ease" or permission):
            # "demanded that the US cancel the sale", "pushed for the US to back the plan": the demand
            # is on the clause's subject; so is a permission ("let IAEA inspectors visit the site")
            for comp in _requested_clauses(tok):
                proto.targets.extend((a, False) for a, _ in self.subject_actors(comp))
        if not proto.targets and proto.sources and not passive and tok.dep_ == "ccomp" \
                and tok.head.lemma_.lower() in ADDRESS_VERBS:
            # "told the Argentine ambassador that Britain would not negotiate", "assured Kabul it
            # would send aid": an act with no party of its own is aimed at whom it is told to
            src = {a.country for a, _ in proto.sources}
            proto.targets = [(a, False) for c in tok.head.children if c.dep_ in ("dobj", "dative")
                             for a in self.actors_of(c) if a.country not in src]
        if roles:
            # the pattern's `$ + %` marks name the source and the target where they stand
            if "%" in roles:
                # a compound is both source and target: one event each way between its members
                proto.sources = [(a, True) for a in roles["%"]]
                proto.targets = list(proto.sources)
                proto.symmetric = False
            if "$" in roles:
                proto.sources = [(a, True) for a in roles["$"]]
            if "+" in roles:
                proto.targets = [(a, True) for a in roles["+"]]
        src = {a.country for a, _ in proto.sources}
        if proto.sources and not passive and not ({"+", "%"} & roles.keys()) \
                and not any(self._another_party(a, proto.sources) for a, _ in proto.targets):
            # PETRARCH takes the target from the verb phrase, whatever the preposition ("closed
            # the border with X", "delivered a protest to X"): the first other actor after the
            # verb in its own phrase, when the grammar above named none. A pattern's words may
            # reach into the verb's clause ("said it was pleased with X"); a verb detente knows
            # from its own lexicon does not take a place it happened in ("received approval in X")
            # (in domestic mode another body of the author's country counts when the object names
            # it: "rejected the demands of the Free Aceh Movement", not "protested outside parliament")
            in_object = self.actors_of(dobj) if dobj is not None else []
            # (people driven or expelled "into Bangladesh": where they went is not who was driven out)
            destination = [a for p in tok.children if final.mode == "expel" and p.dep_ == "prep"
                           and p.lower_ in ("into", "to") for o in _prep_objects(p) for a in self.actors_of(o)]
            found = [(a, False) for a in self._verb_phrase_actors(
                tok, clauses=bool(hit and hit.right), places=from_dictionary)
                if not any(a is d for d in destination) and (
                    a.country not in src or (self._another_party(a, proto.sources) and a in in_object
                                             and a.sector not in {s.sector for s, _ in proto.sources}))]
            proto.targets = found or proto.targets
        borrowed = [a for o in self._borrowed_to_objects(tok) for a in self.actors_of(o)]
        if borrowed:
            # "handed over the suspects it captured to the United States": the "to" party the parser
            # hung on the relative clause is the handing over's, not the capture's
            proto.targets = [t for t in proto.targets if not any(t[0] is a or t[0] == a for a in borrowed)]
        proto.negated = _negated(tok)
        proto.hypothetical = _hypothetical(tok)
        return proto

    def _borrowed_to_objects(self, verb: Token) -> list[Token]:
        """The objects of a "to" phrase the parser hung on a relative clause inside a verb's object
        ("handed over the suspects it captured to the United States", "extradited the men it arrested
        to Rwanda") when the clause's verb takes no "to" party and the verb whose object it is does:
        that phrase is the outer verb's."""
        if verb.dep_ != "relcl" or verb.head.dep_ != "dobj":
            return []
        to_preps = [p for p in verb.children if p.dep_ == "prep" and p.lower_ == "to"]
        if not to_preps:
            return []
        own = self._verb_coding(verb)
        outer = self._verb_coding(verb.head.head) if verb.head.head.pos_ in ("VERB", "AUX") else None
        if (own is not None and "to" in own.preps) or outer is None or outer.preps[:1] != ("to",):
            return []
        return [o for p in to_preps for o in _prep_objects(p)]

    def _agent_phrase(self, noun: Token) -> bool:
        """Whether an event noun names who did it with "by" ("the release of the hostages by Iran",
        "the sale of jets by France"): then it reports an act, not one mentioned in passing."""
        return any(c.dep_ == "prep" and c.lower_ == "by" and any(o.i in self.tok2actor for o in _prep_objects(c))
                   for c in noun.children)

    def _possessive_agent(self, noun: Token, coding: Trigger) -> bool:
        """Whether an act noun names its author with a possessive and its patient or party with a
        preposition ("Israel's release of 400 detainees", "Japan's loan to Indonesia"): a reported
        act, like one with a "by" agent. Not for agreements, ties or contacts ("Egypt's treaty with
        Israel", "Iran's embassy in Beirut"), which a possessive names as standing things."""
        if coding.type in STANDING_TYPES:
            return False
        if not any(c.dep_ == "poss" and c.i in self.tok2actor for c in noun.children):
            return False
        return any(c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ in coding.preps) and _prep_objects(c)
                   for c in noun.children)

    def _goods_supplier(self, noun: Token) -> list[Actor]:
        """For a transfer noun ("the delivery of 40 Soviet tanks to Syria"), the country that the
        goods of its "of" phrase name: their supplier (none when the goods are people)."""
        if noun.lemma_.lower() not in TRANSFER_NOUNS or not any(
                c.dep_ == "prep" and c.lower_ == "to" for c in noun.children):
            return []
        out: list[Actor] = []
        for o in (o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in _prep_objects(c)):
            if o.lemma_.lower() in DISPLACED_NOUNS:
                continue
            # "Soviet tanks" (one actor span), "French Mirage jets" (the demonym on its own)
            for t in [o, *(c for c in o.children if c.dep_ in ("amod", "compound", "nmod"))]:
                span = self.tok2actor.get(t.i)
                if span is not None and span[0].pos_ == "ADJ":
                    out.extend(_members_or_actor(span))
                    break
        return _unique(out)

    def _verb_phrase_actors(self, verb: Token, clauses: bool = False, places: bool = True) -> list[Actor]:
        """The first actor mention after `verb` in its phrase (its members for a compound),
        leaving out coordinated predicates and clauses with their own subject (their content,
        not their subject, with `clauses`). Without `places`, not an actor named as a place
        ("in X") nor one that only modifies a noun ("on the Syldavian border")."""
        barriers = VP_BARRIERS - {"ccomp"} if clauses else VP_BARRIERS
        attributions = [c for c in verb.children if self._attribution(c)]
        for t in verb.subtree:
            if t.i <= verb.i or t.i not in self.tok2actor:
                continue
            if any(a.left_edge.i <= t.i <= a.right_edge.i for a in attributions):
                continue
            if not places and t.dep_ in ("amod", "compound", "nmod", "poss") and t.head.i not in self.tok2actor:
                continue
            path, inside = t, True
            while path.i != verb.i:
                if path.dep_ == "acl" and path.tag_ == "VBG" and path.head.lemma_.lower() in FIGHTER_NOUNS:
                    # "missiles to guerrillas fighting Soviet troops in Afghanistan": where the clause
                    # places their fight, that country names the fighters, not whom they fight ("rebels
                    # fighting the Chadian army" with no place are still known by their enemy)
                    # (the place may hang on the verb or on its object: "fighting Soviet troops in X")
                    placed = [o for h in [path, *(c for c in path.children if c.dep_ == "dobj")]
                              for p in h.children if p.dep_ == "prep" and p.lower_ in LOCATION_PREPS
                              for o in _prep_objects(p) if o.i in self.tok2actor
                              and self.tok2actor[o.i].label_ in ("COUNTRY", "CAPITAL")]
                    if placed:
                        return _members_or_actor(self.tok2actor[placed[0].i])
                if path.dep_ in barriers or (path.dep_ == "conj" and path.pos_ in ("VERB", "AUX")) or (
                        path.dep_ in ("acl", "relcl") and path.lemma_.lower() in ALLEGATION_PARTICIPLES) or (
                        not places and path.dep_ == "prep" and path.lower_ in LOCATION_PREPS) or (
                        path.dep_ == "prep" and path.lower_ in TIME_PREPS) or (
                        path.dep_ == "advmod" and path.lower_ in TIME_ADVERBS) or (
                        # "..., according to a report by UN investigators": the source of the news
                        path.dep_ == "prep" and path.lower_ == "according") or (
                        path.dep_ == "amod" and path.lemma_.lower() in BROKER_PARTICIPLES):
                    inside = False
                    break
                path = path.head
            if inside:
                return _members_or_actor(self.tok2actor[t.i])
        return []

    def code_noun(self, tok: Token, coding: Trigger) -> Proto | None:
        if coding.type == "COERCE" and tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.pos_ == "VERB":
            rel = self._verb_coding(tok.head.head)
            if rel is not None and rel.type == "CONCEDE" and rel.mode == "release":
                return None  # "freed X from house arrest": the release ends the detention, no new arrest
        proto = Proto(trigger=tok, coding=coding, nominal=True)
        proto.head_tokens = [tok]
        sources: list[tuple[Actor, bool]] = []
        targets: list[tuple[Actor, bool]] = []
        between: list[Actor] = []
        children = list(tok.children)
        for child in tok.children:
            # "the signing of the nuclear agreement between A and B": the inner event noun's
            # arguments belong to this event
            if child.dep_ == "prep" and child.lower_ == "of":
                for inner in child.children:
                    if inner.dep_ == "pobj" and _common_lemma(inner) in self.lex.nouns:
                        children.extend(c for c in inner.children if c.dep_ == "prep")
                        proto.head_tokens.append(inner)
        if coding.objects and not {_common_lemma(o) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                                   for o in _prep_objects(c)} & coding.objects:
            return None  # "the establishment of relations" is an act, "the establishment of a base" not this one
        for child in children:
            if child.dep_ == "amod" and child.lemma_.lower() == "lead":
                # "the US-led war against Iraq": the leading country acts
                sources.extend((a, True) for g in child.children if g.i in self.tok2actor
                               for a in _members_or_actor(self.tok2actor[g.i]))
            elif child.dep_ == "poss" and self._agent_phrase(tok) and tok.lemma_.lower() not in INTRANSITIVE_NOUNS:
                # "Kuwait's invasion by Iraq", "Poland's partition by its neighbours": with a "by"
                # agent the possessive is who the act is done to
                targets.extend((a, child.lower_ not in PERSON_PRONOUNS | THING_PRONOUNS) for a in self.actors_of(child))
            elif child.dep_ == "poss":
                sources.extend((a, child.lower_ not in PERSON_PRONOUNS | THING_PRONOUNS) for a in self.actors_of(child))
            elif child.dep_ in ("amod", "compound", "nmod") and child.i in self.tok2actor:
                between.extend(_members_or_actor(self.tok2actor[child.i]))
                # "Iran-Iraq peace talks", "Sino-Soviet talks": the first party hangs on the second
                between.extend(a for g in child.children if g.dep_ in ("amod", "compound", "nmod")
                               and g.i in self.tok2actor and g.i < child.i
                               and not self.tok2actor[g.i].start <= child.i < self.tok2actor[g.i].end
                               for a in _members_or_actor(self.tok2actor[g.i]))
            elif child.dep_ == "prep":
                p = child.lower_
                objs = _prep_objects(child)
                if p == "between":
                    for o in objs:
                        between.extend(self.actors_of(o))
                elif p in coding.preps:
                    for o in objs:
                        targets.extend((a, True) for a in self.actors_of(o) or self._visited(coding, o))
                        if coding.type == "AID" and p == "to":
                            # "aid to Malawi from Norway": the parser hangs the donor on the recipient
                            sources.extend((a, True) for q in o.children if q.dep_ == "prep" and q.lower_ in SOURCE_PREPS
                                           for x in _prep_objects(q) for a in self.actors_of(x))
                elif p in SOURCE_PREPS or (p == "of" and tok.lemma_.lower() in INTRANSITIVE_NOUNS):
                    # "the visit of the Indian premier to Beijing": an intransitive act's "of" is its agent
                    for o in objs:
                        sources.extend((a, True) for a in self.actors_of(o))
                        if p == "by" and not any(c.dep_ == "prep" and c.lower_ in coding.preps for c in children):
                            # "the attack by Iraqi jets on the town": the parser hangs the target's
                            # preposition on the agent
                            targets.extend((a, True) for q in o.children if q.dep_ == "prep" and q.lower_ in coding.preps
                                           for x in _prep_objects(q) for a in self.actors_of(x))
                if p == "of" and "by" not in {c.lower_ for c in children if c.dep_ == "prep"}:
                    # "the expulsion of Ghanaian workers by Nigeria": the parser hangs the agent's
                    # "by" on the object of "of" (or on its "thousands of" chain)
                    for o in _of_chain(objs):
                        sources.extend((a, True) for b in o.children if b.dep_ == "prep" and b.lower_ == "by"
                                       for x in _prep_objects(b) for a in self.actors_of(x))
        if coding.object_types:
            # "the expulsion of Ghanaian workers" (COERCE) vs "of two diplomats" (SANCTION): as for
            # the verb, the object ("of", through "thousands of") decides the type
            lemmas = {o.lemma_.lower() for c in children if c.dep_ == "prep" and c.lower_ == "of"
                      for o in _of_chain(_prep_objects(c))}
            typed = next((t for w, t in coding.object_types if w in lemmas), None)
            if typed is not None:
                coding = replace(coding, type=typed)
                proto.coding = coding
        if coding.mode == "expel" and coding.type == "COERCE":
            # "the expulsion of Ghanaian workers from Nigeria": people expelled from a country are
            # expelled by it (CAMEO 174); a "mass" expulsion is CAMEO 201 (-> ASSAULT)
            people = [o for c in children if c.dep_ == "prep" and c.lower_ == "of" for o in _of_chain(_prep_objects(c))]
            origin = [a for h in [tok, *people] for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                      for o in _prep_objects(c) for a in self.actors_of(o)]
            if origin and not any(d for _, d in sources):
                codes = {a.country for a in origin}
                sources = [(a, True) for a in origin]
                targets = [(a, True) for o in people for a in self.actors_of(o) if a.country not in codes]
            if any(c.dep_ in ("amod", "compound") and c.lower_ == "mass" for c in tok.children):
                coding = replace(coding, type="ASSAULT", mode="cleansing")
                proto.coding = coding
        if not sources:
            # "the delivery of Soviet tanks to Syria": the goods name their supplier
            sources = [(a, True) for a in self._goods_supplier(tok)]
        if not sources and between:
            if len({a.country for a in between}) >= 2 and not targets:
                proto.symmetric = coding.symmetric
                sources = [(a, True) for a in between]
            else:
                sources = [(a, True) for a in between]
        if not sources and coding.type in OTHER_DIRECTED:
            # "an attack blamed on ETA", "a bombing attributed to the IRA": the party blamed did it
            sources = [(a, False) for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in BLAMED_PARTICIPLES
                       for p in c.children if p.dep_ == "prep" and p.lower_ in ("on", "to")
                       for o in _prep_objects(p) for a in self.actors_of(o)]
        claimed = False
        if not sources and coding.type in OTHER_DIRECTED:
            # "X claimed responsibility for the bombing (in Y)", "claimed the attack on Y"
            sources = [(a, True) for a in self._claimant(tok)]
            claimed = bool(sources)
        gov = _governing_verb(tok)
        gov_coding = self._verb_coding(gov) if gov is not None else None
        if _under_act(tok, coding):
            # "placed Suu Kyi under house arrest", "was placed under arrest by the army", "came
            # under fire from X": who is put or comes under the act is its target; the agent (by /
            # from, on the verb or the noun) its source
            passive_subj = [c for c in gov.children if c.dep_ == "nsubjpass"]
            obj = [c for c in gov.children if c.dep_ == "dobj"]
            if obj:
                targets = [(a, True) for o in obj for a in self.actors_of(o)]
            else:
                victims = passive_subj or [c for c in gov.children if c.dep_ == "nsubj"]
                targets = [(a, True) for v in victims for a in self.actors_of(v)]
                if not sources:
                    sources = [(a, True) for c in gov.children if c.dep_ == "agent" or (
                        c.dep_ == "prep" and c.lower_ in SOURCE_PREPS) for o in _prep_objects(c) for a in self.actors_of(o)]
                if not sources or not targets:
                    return None
        elif not sources and coding.type == "MOBILIZE" and tok.head.dep_ == "prep" and gov is not None:
            # "troops were put on high alert": the forces put on alert take up the posture
            sources = [(a, True) for c in gov.children if c.dep_ == "nsubjpass" for a in self.actors_of(c)]
            if not targets:
                # "... were put on alert against X": the parser hangs the noun's preposition on the verb
                targets = [(a, True) for c in gov.children if c.dep_ == "prep" and c.lower_ in coding.preps
                           for o in _prep_objects(c) for a in self.actors_of(o)]
        if not sources and not (gov_coding is not None and gov_coding.type in EVALUATIVE_TYPES and tok.dep_ == "dobj") \
                and not (tok.dep_ == "pobj" and tok.head.lower_ == "since"):
            # (not who condemns or welcomes an act: "Russia condemned the attack" is no Russian attack;
            # nor who has ruled "since the assassination of Sadat": a standing situation's starting
            # point is someone else's act, the clause subject is not its author)
            sources = [(a, False) for a in self._governing_subject(tok)]
        if sources and not targets:
            # "with Russian support, Iran received ...": the clause subject is who is supported
            gov = _governing_verb(tok)
            if gov is not None and tok.head.dep_ == "prep" and tok.head.lower_ in ("with", "despite", "without"):
                targets = [(a, False) for a, _ in self.subject_actors(gov)]
        if claimed and not targets:
            # "claimed responsibility for the bombing in Jerusalem": the scene names the target
            src = {a.country for a, _ in sources}
            targets = [(a, False) for a in self._place_targets(tok, None, False) if a.country not in src]
        if sources and not targets and coding.type == "PROTEST":
            targets = [(a, False) for a in self._mission_targets(tok) if a.country not in {x.country for x, _ in sources}]
        if sources and not targets and coding.type == "MOBILIZE":
            # "troops remained on alert in X", "the deployment of troops in X": a posture aimed at
            # the country where it is taken up (the noun's place, else its governing verb's)
            src = {a.country for a, _ in sources}
            gov = _governing_verb(tok)
            heads = [tok] + ([gov] if gov is not None and tok.head.dep_ == "prep" else [])
            # ("were put on alert after Turkish ships entered the Aegean": the state whose act prompted it)
            targets = [(a, False) for h in heads for a in self._prompting_actors(h, src)]
            for head in heads if not targets else []:
                targets = [(a, False) for a in self._place_targets(head, None, False, True) if a.country not in src]
                if targets:
                    break
            if not targets and gov is not None and tok.head.dep_ == "prep":
                targets = [(a, False) for a in self._prompting_actors(gov, src, fallback=True)]
        if not sources and not targets:
            return None
        proto.sources, proto.targets = sources, targets
        proto.negated = any(c.lower_ in ("no", "without") for c in tok.children) or (
            tok.head.dep_ == "prep" and tok.head.lower_ == "without") or _called_off(tok) or _prevented(tok)
        gov = _governing_verb(tok)
        if gov is not None and tok.dep_ == "dobj" and _excessive(gov):
            proto.negated = True  # "too weak to sustain a war with Y": the act is ruled out
        proto.hypothetical = gov is not None and _hypothetical(gov) or any(
            c.lower_ in ("potential", "possible", "planned", "proposed", "future") for c in tok.children)
        return proto

    def code_request_clause(self, noun: Token, coding: Trigger) -> Proto | None:
        """A demand, call or appeal with its content clause ("its demand that Y withdraw", "a call
        for Y to ease ..."): a REQUEST on the clause's subject, whose act is asked for, not done."""
        gov = noun.head if noun.dep_ in ("dobj", "nsubj", "attr") else None
        clauses = [c for c in noun.children if c.dep_ in ("acl", "advcl", "ccomp")]
        if gov is not None and gov.pos_ in ("VERB", "AUX"):
            clauses += [c for c in gov.children if c.dep_ == "ccomp" and c.i > noun.i]
        clause = next((c for c in clauses if any(g.dep_ == "nsubj" for g in c.children)), None)
        called = _called_on(noun)
        if called and not any(c.dep_ == "poss" for c in noun.children) and (
                gov is None or gov.lemma_.lower() not in CALL_MAKING_VERBS):
            called = []  # "welcomed the call on Israel": whose call it is the sentence does not say
        if clause is None and not called:
            return None
        sources = [(a, True) for c in noun.children if c.dep_ == "poss" for a in self.actors_of(c)]
        if not sources and gov is not None:
            sources = self.subject_actors(gov)
        src = {a.country for a, _ in sources}
        if clause is None:
            # "renewed its call on Washington to lift the embargo": the party called on is asked; the
            # parser may hang the asked-for infinitive on the verb, and it is not done either
            targets = [(a, True) for o in called for a in self.actors_of(o) if a.country not in src]
            clause = next((c for c in (gov.children if gov is not None else []) if c.dep_ in ("advcl", "xcomp")
                           and c.i > noun.i), None)
        else:
            subj = next(g for g in clause.children if g.dep_ == "nsubj")
            targets = [(a, True) for a in self.actors_of(subj) if a.country not in src]
        if not sources or not targets:
            return None
        if clause is not None:
            self.demanded.add(clause.i)
        proto = Proto(trigger=noun, coding=coding, sources=sources, targets=targets, nominal=True,
                      head_tokens=[noun] + ([clause] if clause is not None else []))
        proto.negated = any(c.lower_ in ("no", "without") for c in noun.children)
        return proto

    def code_intent(self, adj: Token) -> Proto | None:
        """ "Syria is willing to withdraw its troops from Lebanon" -> AGREE (intent), SYR -> LBN."""
        head = adj.head
        coding = Trigger(lemma=adj.lemma_.lower(), type="AGREE", mode="intend")
        proto = Proto(trigger=adj, coding=coding, head_tokens=[adj])
        proto.sources = self.subject_actors(head)
        for comp in adj.children:
            if comp.dep_ == "xcomp":
                proto.targets.extend((a, False) for a in self._complement_targets(comp))
        proto.negated = _negated(head)
        proto.hypothetical = _hypothetical(head)
        return proto if proto.sources else None

    def _complement_targets(self, comp: Token) -> list[Actor]:
        """Actors a complement clause acts on: its objects and prepositional objects."""
        out: list[Actor] = []
        for t in _own_subtree(comp):
            if t.dep_ in ("dobj", "dative") or (t.dep_ == "pobj" and t.head.lower_ in TARGET_PREPS):
                out.extend(self.actors_of(t))
        return _unique(out)

    def _reattach_controlled_infinitives(self, sent: Span) -> None:
        """A parse repair: "Beijing offered on Saturday to help Kathmandu", "Iran threatened on
        Monday to close the strait": with an adjunct between them the parser hangs the verb's
        infinitive complement on it as a purpose clause (advcl). A verb of intent, threat, refusal
        or request with no object and no complement of its own takes such an infinitive as its
        complement (xcomp), as it does without the adjunct; a verb with an object keeps its purpose
        clause ("pledged $2 billion to help Pakistan")."""
        for tok in sent:
            if tok.dep_ != "advcl" or tok.tag_ != "VB" or tok.head.i == tok.i or tok.i < tok.head.i:
                continue
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or any(
                    c.dep_ in ("nsubj", "mark") for c in tok.children):
                continue
            head = tok.head
            if any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in head.children):
                continue
            if any(t.dep_ == "punct" and t.text == "," for t in self.doc[head.i + 1:tok.i]):
                continue  # "..., to ensure that": set off by a comma, a purpose clause
            coding = self._verb_coding(head)
            if coding is not None and not coding.speech and coding.type in CONTROL_TYPES:
                tok.dep_ = "xcomp"

    def fold_controlled(self, protos: list[Proto]) -> list[Proto]:
        """A verb of intent, threat, refusal or request with its own subject's act as complement
        ("offered to negotiate with X", "threatened to impose restrictions on X", "refused to
        deploy troops in X") is one event: the governing verb's, aimed at the complement's target.
        The complement's act has not happened, so it is not an event of its own."""
        by_trigger = {p.trigger.i: p for p in protos}
        drop: set[int] = set()
        for p in protos:
            if p.nominal or p.coding.type not in CONTROL_TYPES:
                continue
            for comp in p.trigger.children:
                if comp.dep_ != "xcomp":
                    continue
                inner = by_trigger.get(comp.i)
                if p.coding.type == "AGREE" and p.coding.mode == "promise":
                    p.coding = self._vowed(p.coding, comp, inner)
                if not p.targets and p.coding.type == "THREATEN":
                    # "threatened to ban voting if Hamas ran": the condition names who is threatened
                    for cond in [*comp.children, *p.trigger.children]:
                        if cond.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in cond.children):
                            p.targets = [(a, False) for a, _ in self.subject_actors(cond)]
                if not p.targets:
                    if inner is not None and inner.targets:
                        p.targets = [(a, False) for a, _ in inner.targets]
                    else:
                        p.targets = [(a, False) for a in self._complement_targets(comp)]
                if not p.targets and p.coding.type == "THREATEN":
                    # "threatened to resume attacks in X": the place of the threatened act
                    comp_obj = next((c for c in comp.children if c.dep_ == "dobj"), None)
                    src = {a.country for a, _ in p.sources}
                    p.targets = [(a, False) for a in self._place_targets(comp, comp_obj, False)
                                 if a.country not in src]
                if inner is not None and {a.country for a, _ in inner.sources} <= {a.country for a, _ in p.sources}:
                    drop.add(comp.i)
                elif inner is not None and p.coding.type == "THREATEN" and not inner.nominal:
                    # "warned Washington not to sell arms": the act warned against has not happened
                    drop.add(comp.i)
        return [p for p in protos if p.trigger.i not in drop or p.nominal]

    def _vowed(self, vow: Trigger, comp: Token, inner: Proto | None) -> Trigger:
        """A vow is what it vows. Promising a coercive act ("vowed to retaliate", "pledged to impose
        sanctions") is a threat (CAMEO 13); vowing never to grant or yield ("vowed never to
        recognize", "pledged not to withdraw") is a refusal (CAMEO 12, 124); vowing not to attack is
        intent to de-escalate (CAMEO 0346), and vowing aid or troops ("promised to send troops to X",
        as often support as a threat) stays a promise (CAMEO 03)."""
        act = inner.coding if inner is not None else self._verb_coding(comp)
        if act is None:
            # "vowed to continue / step up their protests": what is vowed is the act its object names
            obj = next((c for c in comp.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
            act = self.noun_coding(obj) if obj is not None else None
            if act is None or act.type not in COERCIVE_TYPES | {"THREATEN", "PROTEST"}:
                return vow
        negated = inner.negated if inner is not None else _negated(comp)
        if negated:
            if act.type in REFUSABLE_TYPES:
                return replace(vow, type="REJECT", mode="refuse")
            return vow
        if act.type in (COERCIVE_TYPES - {"MOBILIZE"}) | {"THREATEN", "PROTEST"}:
            # (vowing protests or strikes threatens dissent: CAMEO 133 -> THREATEN)
            return replace(vow, type="THREATEN", mode=act.mode)
        return vow

    def code_speech(self, tok: Token, coding: Trigger, protos: list[Proto]) -> list[Proto]:
        speakers = self.subject_actors(tok)
        speaker_text = None
        subj = next((c for c in tok.children if c.dep_ in SUBJ_DEPS), None)
        if subj is not None:
            speaker_text = _phrase(subj)
        elif speakers:
            speaker_text = speakers[0][0].text
        comps = [c for c in tok.children if c.dep_ in ("ccomp", "xcomp", "advcl", "parataxis")]
        inside: set[int] = set()
        for c in comps:
            inside.update(t.i for t in c.subtree)
        # "..., Thai military sources said": a reporting verb after its whole clause is news
        # attribution (who the report comes from), not a charge against the reported actor
        trailing = bool(inside) and max(inside) < tok.i
        out: list[Proto] = []
        for c in comps:
            # "X said Y must hand over the suspects": a demand on Y (CAMEO 10)
            # "X insisted that Y withdraw its troops": a mandative subjunctive (a bare verb with no
            # auxiliary after a verb of insisting or proposing) is the same demand
            subjunctive = (tok.lemma_.lower() in MANDATIVE_VERBS and c.tag_ == "VB"
                           and not any(a.dep_ in ("aux", "auxpass") for a in c.children)
                           and any(a.dep_ in ("nsubj", "nsubjpass") for a in c.children))
            if c.dep_ == "ccomp" and speakers and (subjunctive or any(a.dep_ == "aux" and a.lower_ in ("must", "should") for a in c.children)):
                addressees = [a for a, _ in self.subject_actors(c) if self._another_party(a, speakers)]
                if addressees:
                    self.demanded.add(c.i)
                    req = Proto(trigger=tok, coding=Trigger(lemma=tok.lemma_.lower(), type="REQUEST", mode="demand"))
                    req.sources = list(speakers)
                    req.targets = [(a, True) for a in addressees]
                    req.head_tokens = [tok, c]
                    out.append(req)
            # "X said Y was responsible for / behind the attack": an accusation (CAMEO 112)
            # "X said Y had masterminded / orchestrated the bombing": the same charge
            if c.dep_ == "ccomp" and speakers and ((c.lemma_ == "be" and any(
                    a.dep_ in ("acomp", "attr", "advmod", "prep") and a.lower_ in BLAME_WORDS for a in c.children))
                    or (c.lemma_.lower() in BLAME_VERBS and any(o.dep_ == "dobj" and self._incident(o) for o in c.children))):
                blamed = [a for a, _ in self.subject_actors(c) if self._another_party(a, speakers)]
                if blamed:
                    acc = Proto(trigger=tok, coding=Trigger(lemma=tok.lemma_.lower(), type="ACCUSE", mode="allege"))
                    acc.sources = list(speakers)
                    acc.targets = [(a, True) for a in blamed]
                    acc.head_tokens = [tok, c]
                    acc.negated = _negated(tok)
                    out.append(acc)
        # "Western diplomats said Angolan officials had told them that ...": the charge is the
        # nearer speaker's; the outer one only relays the report
        relayed = {t.i for r in inside & self.reporting for c in self.doc[r].children
                   if c.dep_ in ("ccomp", "xcomp", "advcl", "parataxis") for t in c.subtree}
        for p in protos:
            if p.trigger.i not in inside:
                continue
            if speaker_text and p.attributed_to is None:
                p.attributed_to = speaker_text
            if not speakers or p.trigger.i in relayed or p.negated:
                # (an act reported as not done, "there was no truth in reports that Y ...", is no charge)
                continue
            info = type_info(p.coding.type)
            if p.nominal or not (coding.allege or (info["quad_class"] >= 3 and not trailing)):
                continue
            if _in_noun_clause(p.trigger, tok):
                # "said it will support a resolution that aims to impose sanctions on Y": an act in a
                # clause describing a noun is no claim the speaker makes about Y
                continue
            if p.hypothetical:
                # "noted that ... before Soviet troops could enter the area": a possible act is no charge
                continue
            if _speaker_is_subject(p.trigger, tok):
                # "Jordan said it would not accept refugees from Syria", "Cambodia said it had no
                # intention of attacking Thailand": the speaker reports its own act, no charge
                continue
            accused = [a for a, _ in p.sources] or [a for a, _ in p.targets]
            speaker_codes = {a.country for a, _ in speakers}
            accused = [a for a in accused if a.country not in speaker_codes]
            if not accused:
                continue
            acc = Proto(trigger=tok, coding=Trigger(lemma=tok.lemma_.lower(), type="ACCUSE", mode="allege"))
            acc.sources = list(speakers)
            acc.targets = [(a, True) for a in accused]
            acc.head_tokens = [tok, p.trigger]
            acc.negated = _negated(tok)
            acc.hypothetical = _hypothetical(tok)
            out.append(acc)
        return out

    def _guilt_verdict(self, tok: Token) -> Proto | None:
        """ "found X guilty / liable", "held X responsible", "declared X culpable": the subject
        accuses the party found guilty (the small clause's subject, or the verb's object when the
        parser hangs the adjective on the verb). Active verbs only: "X was found guilty" names no judge."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in VERDICT_VERBS:
            return None
        adj = next((c for c in tok.children if c.dep_ in ("ccomp", "oprd", "xcomp", "acomp")
                    and c.pos_ == "ADJ" and c.lower_ in GUILT_WORDS), None)
        if adj is None:
            # "found 14 army officers guilty of plotting a coup": the parser may hang the adjective
            # after the object on the object itself
            adj = next((a for o in tok.children if o.dep_ == "dobj" for a in o.children
                        if a.dep_ == "amod" and a.i > o.i and a.lower_ in GUILT_WORDS), None)
        if adj is None:
            return None
        party = next((c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")), None) or next(
            (c for c in tok.children if c.dep_ == "dobj"), None)
        if party is None:
            return None
        sources = self.subject_actors(tok)
        targets = [(a, True) for a in self.actors_of(party) if self._another_party(a, sources)]
        if not sources or not targets:
            return None
        proto = Proto(trigger=tok, coding=Trigger(lemma=tok.lemma_.lower(), type="ACCUSE", mode="allege"))
        proto.sources, proto.targets, proto.head_tokens = sources, targets, [tok, adj]
        proto.negated = _negated(tok)
        proto.hypothetical = _hypothetical(tok)
        return proto

    def _deadline_ultimatum(self, tok: Token) -> Proto | None:
        """ "gave the rebels 48 hours to lay down their arms": hours, days or weeks given a party to
        comply are an ultimatum (CAMEO 139 -> THREATEN) to that party (the dative or object); the
        act the time is for is demanded, not done (_deadline_clauses). The parser makes the time an
        object or an adverbial noun."""
        if tok.pos_ != "VERB" or tok.lemma_.lower() != "give" or not _deadline_clauses(tok):
            return None
        parties = [c for c in tok.children if c.dep_ in ("dative", "dobj") and c.lemma_.lower() not in DEADLINE_NOUNS]
        sources = self.subject_actors(tok)
        targets = [(a, True) for p in parties for a in self.actors_of(p) if self._another_party(a, sources)]
        if not sources or not targets:
            return None
        proto = Proto(trigger=tok, coding=Trigger(lemma="give", type="THREATEN", mode="ultimatum"))
        proto.sources, proto.targets, proto.head_tokens = sources, targets, [tok]
        proto.negated = _negated(tok)
        proto.hypothetical = _hypothetical(tok)
        return proto

    def _despite_parties(self, trigger: Token) -> list[Actor]:
        """Who made the demands, calls or pressure an act goes ahead "despite" ("despite UN demands",
        "despite calls from the EU", "despite Washington's pressure"), on the trigger or its
        infinitive ("refused to halt the offensive despite ...")."""
        heads = [trigger] + [c for c in trigger.children if c.dep_ == "xcomp"]
        out: list[Actor] = []
        for h in heads:
            for prep in h.children:
                if prep.dep_ != "prep" or prep.lower_ != "despite":
                    continue
                for o in _prep_objects(prep):
                    if o.lemma_.lower() not in DEMAND_NOUNS:
                        continue
                    for c in o.children:
                        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in self.tok2actor:
                            out.extend(self.actors_of(c))
                        elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                            out.extend(a for x in _prep_objects(c) for a in self.actors_of(x))
        return _unique(out)

    def _incident(self, noun: Token) -> bool:
        """A noun naming an attack or another incident one can be blamed for ("the bombing", "the blast")."""
        coding = self.noun_coding(noun)
        return noun.lemma_.lower() in INCIDENT_NOUNS or (
            coding is not None and coding.type is not None and type_info(coding.type)["quad_class"] >= 3)

    def _claimant(self, tok: Token) -> list[Actor]:
        """Who claims the act at `tok`: the subject of "claimed responsibility for" it (also for the
        bomb that did it, "for sinking ..."), or of "claimed" with the act noun for object ("claimed
        the attack on Y"). CAMEO codes the claimed act as the claimant's (015 is no PLOVER event)."""
        node = tok
        for _ in range(6):
            head = node.head
            if head is node:
                return []
            if node is tok and node.dep_ == "dobj" and head.lemma_.lower() == "claim" and head.pos_ == "VERB":
                return [a for a, _ in self.subject_actors(head)]
            if node.dep_ in ("pobj", "pcomp") and head.lower_ == "for" and head.head.lemma_.lower() in CLAIM_NOUNS:
                gov = head.head.head
                if head.head.dep_ == "dobj" and gov.lemma_.lower() in CLAIM_VERBS and gov.pos_ == "VERB":
                    return [a for a, _ in self.subject_actors(gov)]
                return []
            if node.dep_ not in ("relcl", "pobj", "pcomp", "prep", "compound"):
                return []
            node = head
        return []

    def _another_party(self, actor: Actor, speakers: list[tuple[Actor, bool]]) -> bool:
        """Whether `actor` is someone other than the speakers or authors: another country, or in
        domestic mode another actor of theirs ("the rebels said the army must stop the bombing")."""
        if all(actor.country != s.country for s, _ in speakers):
            return True
        return self.domestic and all(_distinct_actors(s, actor) for s, _ in speakers)

    # ------------------------------------------------------------------ arguments
    def subject_actors(self, verb: Token, depth: int = 0) -> list[tuple[Actor, bool]]:
        """Actors of the verb's subject, inherited through control and coordination."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            if subjects[0].lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
                return [(a, False) for a in self.actors_of(verb.head)]
            found: list[tuple[Actor, bool]] = []
            # the parser may give a verb two subjects ("X and its ally Y attacked Z")
            for child in subjects:
                direct = child.lower_ not in THING_PRONOUNS | PERSON_PRONOUNS
                found += [(a, direct) for a in self.actors_of(child)]
                found += [(a, True) for a in self._accompanying(child)]
            seen: set[Actor] = set()
            return [(a, d) for a, d in found if not (a in seen or seen.add(a))]
        if depth > 4 or verb.head is verb:
            return []
        head = verb.head
        if verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ in ("acomp", "xcomp", "oprd"):
            # adjectival control: "X is ready/eager/likely to meet Y" -> the copula's subject
            return self.subject_actors(head.head, depth + 1)
        if verb.dep_ == "xcomp" and head.pos_ in ("VERB", "AUX"):
            # raising and control through a passive subject: "X is expected / due / said to sign
            # ...", "X was poised / forced to strike Y" -> X
            raised = [c for c in head.children if c.dep_ == "nsubjpass"]
            if raised:
                return [(a, c.lower_ not in THING_PRONOUNS | PERSON_PRONOUNS) for c in raised for a in self.actors_of(c)]
        if verb.dep_ in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX"):
            obj = next((c for c in head.children if c.dep_ in ("dobj",)), None)
            if obj is not None and verb.dep_ == "xcomp":
                found = self.actors_of(obj)
                if found:  # object control: "urged Moscow to resolve"
                    return [(a, False) for a in found]
            return self.subject_actors(head, depth + 1)
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.lower_ == "in" \
                and head.head.lemma_.lower() in JOINING_VERBS:
            # "X joined Y in condemning Z": the joiner and the party joined both do the act
            found = self.subject_actors(head.head, depth + 1)
            return found + [(a, False) for c in head.head.children if c.dep_ == "dobj" for a in self.actors_of(c)]
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep" and head.lower_ in SUBJECT_CONTROL_PREPS \
                and head.head.pos_ in ("VERB", "AUX") and (head.lower_ in TEMPORAL_CONTROL_PREPS or head.lower_ == "by"
                                                           or not any(c.dep_ == "dobj" for c in head.head.children)):
            # "X joined in condemning Y", "X responded by attacking Y": with no object of its
            # own, the governing verb's subject does the act of the gerund; a time adjunct's gerund
            # is the subject's whatever the object ("After shelling the port, X turned its fire on Y"),
            # and so is a means gerund ("broke the truce by attacking an army convoy": "by" says how
            # the subject did what it did)
            return self.subject_actors(head.head, depth + 1)
        if verb.dep_ in ("conj", "advcl") and head.pos_ in ("VERB", "AUX"):
            found = self.subject_actors(head, depth + 1)
            if not found and verb.dep_ == "advcl" and verb.tag_ == "VBG" and head.dep_ == "advcl" \
                    and head.head.pos_ in ("VERB", "AUX") and not any(c.dep_ in SUBJ_DEPS for c in verb.children):
                # "India closed its border crossings after the treaty expired, effectively blockading
                # X": the parser hangs the participle on the time clause, whose subject is no actor;
                # it adjoins the main clause
                found = self.subject_actors(head.head, depth + 1)
            return found
        if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PRON", "NUM"):
            # "Iran was the first nation to recognize ...", "one of the first countries to ...",
            # "became the first country to ...": the copula's subject
            node = head
            while node.dep_ in ("pobj", "prep") and node.head is not node:
                node = node.head
            if node.dep_ == "attr" and node.head.lemma_ in COPULAS:
                found = self.subject_actors(node.head, depth + 1)
                if found:
                    return found
        if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
            if head.i in self.tok2actor and not any(c.dep_ == "agent" for c in verb.children):
                # reduced relative: "the two countries engaged in talks" (the parser's acl reading)
                return [(a, True) for a in self.actors_of(head)]
            if verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "mark") for c in verb.children):
                # "a UN resolution condemning X": the noun phrase acts, not the clause around it
                # (a bare "a bill extending ..." still falls back on who signed it)
                found = self.actors_of(head)
                if found:
                    return [(a, False) for a in found]
            # "efforts by the U.S. to extend ...", "Iran's plan to buy ...": the noun's agent acts
            agents = [a for c in head.children if c.dep_ == "poss" for a in self.actors_of(c)]
            agents += [a for c in head.children if c.dep_ == "prep" and c.lower_ == "by"
                       for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]
            if agents:
                return [(a, False) for a in agents]
            if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children):
                # "pledged money to rebuild homes destroyed in Gaza": a bare passive participle's
                # noun suffered the act; its unnamed doer is not whoever governs the noun
                return []
            # "reached an agreement with Moscow to purchase ...": the subject of the verb that
            # governs the noun directly
            if head.dep_ in ("dobj", "nsubj", "attr") and head.head.pos_ in ("VERB", "AUX"):
                return self.subject_actors(head.head, depth + 1)
        return []

    def _attribution(self, obj: Token) -> bool:
        """A trailing news attribution the parser made the verb's object ("X threatened to crush the
        protests, the Yugoslav news agency Tanjug reported": "agency" as the object of "threatened"):
        a noun after a comma whose relative clause is a reporting verb with a subject of its own."""
        if obj.dep_ not in ("dobj", "attr", "npadvmod") or obj.i <= obj.head.i:
            return False
        start = obj.left_edge.i
        if start == 0 or obj.doc[start - 1].text != ",":
            return False
        for c in obj.children:
            if c.dep_ == "relcl" and c.i > obj.i and any(s.dep_ == "nsubj" and s.lower_ not in ("that", "which", "who")
                                                          for s in c.children):
                coding = self.lex.verbs.get(c.lemma_.lower())
                if coding is not None and coding.speech:
                    return True
        return False

    def _attack_authors(self, noun: Token) -> list[Actor]:
        """Who an attack noun names as its author: its possessive, demonym or "by" phrase, or the
        party it is blamed on or attributed to ("an attack blamed on ETA")."""
        return _unique(self._event_agents(noun) + [
            a for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in BLAMED_PARTICIPLES
            for p in c.children if p.dep_ == "prep" and p.lower_ in ("on", "to")
            for o in _prep_objects(p) for a in self.actors_of(o)])

    def _judging_verb(self, verb: Token) -> bool:
        """A verb that judges an act (condemn, welcome, reject): CAMEO 11/05/12 types."""
        coding = self._verb_coding(verb) if verb.pos_ in ("VERB", "AUX") else None
        return coding is not None and coding.type in EVALUATIVE_TYPES - {"REQUEST"}

    def _accompanying(self, subject: Token) -> list[Actor]:
        """Actors joined to a subject by "along with" / "together with" ("X, along with Y,
        condemned Z"): they act too."""
        out: list[Actor] = []
        for prep in subject.children:
            if prep.dep_ != "prep":
                continue
            if prep.lower_ == "along":
                withs = [c for c in prep.children if c.dep_ == "prep" and c.lower_ == "with"]
            elif prep.lower_ == "with" and any(c.lower_ in ("together", "along") for c in prep.children):
                withs = [prep]
            else:
                continue
            out += [a for w in withs for o in _prep_objects(w) for a in self.actors_of(o)]
        return out

    def _governing_subject(self, noun: Token) -> list[Actor]:
        gov = _governing_verb(noun)
        if gov is None:
            return []
        return [a for a, _ in self.subject_actors(gov)]

    def actors_of(self, tok: Token, depth: int = 0) -> list[Actor]:
        """The actors a noun phrase headed by `tok` refers to (coordination included)."""
        found = self._actors_single(tok, depth)
        if depth == 0:
            for conj in tok.conjuncts:
                if conj.i > tok.i:
                    found.extend(self._actors_single(conj, depth + 1))
            if not found:
                found = self._nested_actors(tok)
            if found:
                # "the President of the United States, Richard Nixon and the General Secretary of the
                # Communist Party of the Soviet Union": the parser hangs the second party on the first
                # one's apposition
                for app in tok.children:
                    if app.dep_ == "appos":
                        for conj in app.conjuncts:
                            if conj.i > app.i and conj.pos_ in ("NOUN", "PROPN"):
                                found.extend(self._actors_single(conj, depth + 1) or self._nested_actors(conj))
        return _unique(found)

    def _information_topic(self, prep: Token) -> bool:
        """A topic preposition on an information noun ("information on PKK camps", "intelligence
        about Hamas cells"): what it is about, no party to the act that passes it on. Not when its
        object is an event noun ("information about a planned attack to police"), whose phrase the
        parser may have given the act's own "to" party."""
        return (prep.lower_ in TOPIC_PREPS and prep.head.lemma_.lower() in INFORMATION_NOUNS
                and not any(o.pos_ == "NOUN" and self.noun_coding(o) is not None for o in _prep_objects(prep)))

    def _nested_actors(self, tok: Token) -> list[Actor]:
        """The closest actor inside a noun phrase whose head is none ("a spokesman for the foreign
        ministry of X", "supporters of the X government"): breadth-first through its modifiers, not
        into clauses or coordinated phrases. Only when the phrase holds one actor at that depth."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return []
        level = [tok]
        for _ in range(NESTED_DEPTH):
            # a border names a frontier between two countries, not a party ("a stronghold on the Thai border")
            # "refugees fleeing the war in X": displaced people are known by where they come from
            # "a law passed by the Duma", "accounts held by relatives of X": a passive participle's
            # by-agent is who made or holds the thing (its other dependents stay out of it)
            # "sanctions after bombings against X": a time phrase is when, not whom
            nxt = [c for t in level if t.lemma_.lower() not in BORDER_NOUNS
                   and not (t.dep_ == "amod" and t.lemma_.lower() in BROKER_PARTICIPLES)
                   and not (t.dep_ == "prep" and t.lower_ in TIME_PREPS)
                   and not (t.dep_ == "prep" and self._information_topic(t))
                   for c in t.children if (c.dep_ == "agent" if _by_participle(t) else (
                       c.dep_ not in NP_BARRIERS or _by_participle(c)
                       or (c.dep_ == "acl" and t.lemma_.lower() in DISPLACED_NOUNS)))]
            hits = [c for c in nxt if c.i in self.tok2actor]
            if hits:
                spans = {self.tok2actor[c.i].start: self.tok2actor[c.i] for c in hits}
                if len(spans) > 1:
                    return []
                return _members_or_actor(next(iter(spans.values())))
            level = nxt
            if not level:
                break
        return []

    def _actors_single(self, tok: Token, depth: int) -> list[Actor]:
        span = self.tok2actor.get(tok.i)
        if span is not None:
            found = _members_or_actor(span)
            # "Guinean and Malian refugees": a coordinated modifier names another actor
            for t in span:
                linked = [c for c in t.children if c.dep_ == "conj"] + ([t.head] if t.dep_ == "conj" else [])
                for c in linked:
                    if c.i in self.tok2actor and not span.start <= c.i < span.end:
                        found = found + _members_or_actor(self.tok2actor[c.i])
            # the parser often reads "Russia and Gulf countries" as a modifier of the last noun
            for child in tok.children:
                if child.dep_ in ("nmod", "conj", "amod") and child.i < span.start and child.i in self.tok2actor:
                    # ("The French, German and British governments": a list of modifiers)
                    between = tok.doc[child.i + 1:span.start]
                    if any(c.dep_ == "cc" for c in child.children) or any(t.dep_ == "cc" for t in between) \
                            or (child.dep_ == "amod" and any(t.text == "," for t in between)):
                        listed = [child, *(c for c in child.conjuncts if c.i < span.start)]
                        found = [a for c in sorted(listed, key=lambda t: t.i) if c.i in self.tok2actor
                                 for a in _members_or_actor(self.tok2actor[c.i])] + found
            return _unique(found)
        # "its ally Syria", "the neighbouring state, Iran": an appositive names the actor
        appos = [c for c in tok.children if c.dep_ == "appos" and c.i in self.tok2actor]
        if appos and tok.pos_ == "NOUN":
            return [a for c in appos for a in _members_or_actor(self.tok2actor[c.i])]
        low = tok.lower_
        if low in PERSON_PRONOUNS or low in THING_PRONOUNS:
            return self.resolve_pronoun(tok)
        if low in STATE_EPITHETS and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and all(
                (c.dep_ == "det" and c.lower_ == "the") or (c.dep_ in ("amod", "compound") and c.i < tok.i
                                                            and c.i not in self.tok2actor and c.i not in self.tok2place)
                for c in tok.children):
            # "the country" refers back like a pronoun; as the object of an act, not to the act's
            # author ("Turkey closed its border, putting an embargo on the country"); so does the wire's
            # epithet for a state ("effectively blockading the landlocked kingdom", "the oil-rich emirate")
            return self.resolve_pronoun(tok, exclude=self._clause_author_codes(tok))
        out: list[Actor] = []
        # "the Thai border" is a frontier, not Thailand (a possessive still names its owner)
        mod_deps = ("poss",) if tok.lemma_.lower() in BORDER_NOUNS else ("poss", "amod", "compound", "nmod")
        for child in tok.children:
            if child.dep_ in mod_deps:
                if child.i in self.tok2actor:
                    span = self.tok2actor[child.i]
                    first = tok.doc[span.start - 2] if span.start >= 2 else None
                    if first is not None and tok.doc[span.start - 1].text == "-" and first.head.i in (
                            child.i, tok.i) and first.i in self.tok2actor and first.lower_.endswith("o"):
                        # "the Anglo-American proposals", "a Sino-Soviet plan": a combining form (Anglo-,
                        # Sino-, Indo-) cannot stand alone, the parser hangs it on the second half, and
                        # both halves are parties ("Russian-Iranian relations" are coded as a joint noun)
                        out.extend(_members_or_actor(self.tok2actor[first.i]))
                    out.extend(_members_or_actor(span))
                elif child.dep_ == "poss" and (child.lower_ in PERSON_PRONOUNS or child.lower_ in THING_PRONOUNS):
                    out.extend(self.resolve_pronoun(child))
                elif child.dep_ == "poss" and child.lower_ == "whose":
                    # "Libya, whose jets bombed the capital": "whose" is the relative clause's antecedent
                    rel = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
                    if rel is not None and rel.head.i in self.tok2actor:
                        out.extend(_members_or_actor(self.tok2actor[rel.head.i]))
                elif child.dep_ == "amod" and child.lemma_.lower() == "lead":
                    # "Kenyan-led forces": the leading country acts
                    out.extend(a for g in child.children if g.i in self.tok2actor
                               for a in _members_or_actor(self.tok2actor[g.i]))
                elif child.dep_ in ("compound", "nmod"):
                    # "Turkish F-16 jets": the demonym hangs on the compound, not the head
                    for g in child.children:
                        if g.dep_ in ("amod", "compound", "poss") and g.i in self.tok2actor:
                            out.extend(_members_or_actor(self.tok2actor[g.i]))
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.tok2actor:
                # "its neighbour, Ethiopia"
                return _members_or_actor(self.tok2actor[child.i])
        if not out and depth == 0 and tok.pos_ == "PROPN":
            # "Jan Egeland, the UN humanitarian chief, urged ...": a person known by the title in apposition
            for child in tok.children:
                if child.dep_ == "appos" and child.pos_ in ("NOUN", "PROPN"):
                    found = self._actors_single(child, depth + 1)
                    if found:
                        return found
        if out or depth > 1:
            return out
        preps = ("of", "from", "by", "in") if tok.lemma_.lower() in AGENT_NOUNS else ("of", "from", "by")
        if tok.pos_ == "NOUN" and self.noun_coding(tok) is not None:
            # an event noun's "from" is where the act starts ("the withdrawal of X from Y"), not its party
            preps = ("of", "by")
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        out.extend(self._actors_single(pobj, depth + 1))
        return out

    def _clause_author_codes(self, tok: Token) -> set[str]:
        """Countries of the subject of the clause `tok` is an object in, through participial and
        infinitival clauses to the main verb ("closed the border, putting an embargo on ...")."""
        if tok.dep_ in SUBJ_DEPS:
            return set()
        node = tok.head
        for _ in range(8):
            if node.pos_ in ("VERB", "AUX"):
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    codes = {a.country for i in range(subj.left_edge.i, subj.right_edge.i + 1)
                             if i in self.tok2actor and self.tok2actor[i]._.actor is not None
                             for a in _members_or_actor(self.tok2actor[i])}
                    if codes or node.dep_ != "advcl" or node.head is node:
                        return codes
                    # "..., after the treaty expired, effectively blockading X": a time clause of no
                    # actor; the author is the main clause's (as in subject_actors)
                    node = node.head
                    continue
                if node.dep_ not in ("advcl", "xcomp", "acl", "conj") or node.head is node:
                    return set()
            if node.head is node:
                break
            node = node.head
        return set()

    def resolve_pronoun(self, tok: Token, exclude: frozenset[str] | set[str] = frozenset()) -> list[Actor]:
        """Most recent compatible actor mention before the pronoun (same or previous sentences),
        skipping actors whose code is in `exclude`."""
        person = tok.lower_ in PERSON_PRONOUNS
        idx = bisect.bisect_left(self.actor_start_keys, tok.i) - 1
        limit = tok.i - 80  # pronouns reach back a few sentences at most
        # prefer a mention in subject position
        fallback = None
        sent_start = tok.sent.start
        while idx >= 0:
            start, span = self.actor_starts[idx]
            if start < limit:
                break
            if start < sent_start and fallback is not None and fallback.start >= sent_start:
                # a mention in the pronoun's own sentence beats a subject of an earlier one ("After
                # Kenya's independence, the United States recognized the new nation")
                break
            is_person = _is_person(span)
            if exclude and span._.actor is not None and span._.actor.country in exclude:
                idx -= 1
                continue
            if (person and is_person) or (not person and not is_person):
                if span.root.dep_ in SUBJ_DEPS:
                    return _members_or_actor(span)
                if fallback is None:
                    fallback = span
            idx -= 1
        return _members_or_actor(fallback) if fallback is not None else []

    def _place_targets(self, tok: Token, dobj: Token | None, passive: bool, posture: bool = False,
                       destinations: bool = True) -> list[Actor]:
        """Countries of the places where a coercive act happens: locative prepositions on the verb
        or on its object ("in Syldavia", "camps near the Zemblan border"). Without `destinations`,
        the verb's "into"/"to" places are left out: people driven or expelled "into Bangladesh" are
        driven out of their own country, not into an attack on the one that receives them."""
        heads = [tok] + ([dobj] if dobj is not None else [])
        # "pulled back from ...": prepositions the parser hangs on the verb's particle
        heads += [c for c in tok.children if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1]
        # "massed troops close to the Ukrainian border": the "to" of "close to" / "next to"
        heads += [c for h in list(heads) for c in h.children
                  if c.lower_ in ("close", "next") and c.dep_ in ("amod", "advmod", "acomp")]
        # "moved troops up to the border": the parser makes "up" a preposition governing "to"
        heads += [c for c in tok.children if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in ("up", "down")
                  and any(g.dep_ == "prep" for g in c.children)]
        # "killed 23 people when they blew themselves up in X": the same act's time clause
        # (the parser marks "as" either way: "as tension mounted along its border with X")
        heads += [c for c in tok.children if c.dep_ == "advcl"
                  and any(m.dep_ in ("advmod", "mark") and m.lower_ in ("when", "as") for m in c.children)]
        out: list[Actor] = []
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep":
                    continue
                if not destinations and head is tok and prep.lower_ in ("into", "to"):
                    continue
                objs = _prep_objects(prep)
                if prep.lower_ in LOCATION_PREPS:
                    # "detained 12 suspects in a sweep through the town of X", "killed in a raid on a
                    # compound in X": an operation's own place is where the act happened
                    level = [o for o in objs if o.lemma_.lower() in OPERATION_NOUNS]
                    for _ in range(2):  # ("a raid on a house in Basra": one place deeper)
                        level = [s for o in level for p in o.children if p.dep_ == "prep" and p.lower_ in OPERATION_PREPS
                                 for s in _prep_objects(p)]
                        objs = objs + level
                    # "in the Iraqi town of Samarra": the settlement's name
                    objs = objs + [s for o in objs if o.lemma_.lower() in SETTLEMENT_NOUNS
                                   for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                                   for s in _prep_objects(p)]
                if prep.lower_ == "of" and head.lemma_.lower() in SETTLEMENT_NOUNS:
                    pass  # "shelled the port of Tyre": the place is the object itself
                elif prep.lower_ not in LOCATION_PREPS | {"on", "inside", "into", "along", "around"}:
                    # "sent troops to the border with X", "pulled back from villages near the X
                    # border": a border reached or left (directly or one place deeper) still names
                    # the neighbour
                    if prep.lower_ not in ("to", "toward", "towards", "from"):
                        continue
                    objs = [o for o in objs if o.lemma_.lower() in BORDER_NOUNS] + [
                        b for o in objs for p in o.children if p.dep_ == "prep" and p.lower_ in ("near", "along", "on", "at")
                        for b in _prep_objects(p) if b.lemma_.lower() in BORDER_NOUNS]
                for o in objs:
                    if o.lemma_.lower() in BORDER_NOUNS:
                        # "along the border with X": the neighbour across the border; troops massed on
                        # "the Ukrainian border" face Ukraine (an attack near it may be on either side)
                        out.extend(a for w in o.children if w.dep_ == "prep" and w.lower_ == "with"
                                   for p in _prep_objects(w) for a in self.actors_of(p))
                        if posture:
                            out.extend(a for w in o.children if w.dep_ in ("amod", "compound") and w.i in self.tok2actor
                                       for a in _members_or_actor(self.tok2actor[w.i]))
                            # a territory that is no actor names the border too ("the Gaza border")
                            out.extend(a for w in o.children if w.dep_ in ("amod", "compound") and w.i not in self.tok2actor
                                       for a in self._place_country(w))
                    span = self.tok2place.get(o.i)
                    place = span._.place if span is not None else None
                    if place is not None and place.country:
                        out.append(Actor(place.country, None, place.text))
                        continue
                    a_span = self.tok2actor.get(o.i)
                    if a_span is not None and a_span.label_ in ("COUNTRY", "CAPITAL") and a_span._.actor:
                        out.append(a_span._.actor)
        return _unique(out)

    def _prep_type(self, coding: Trigger, heads: list[Token], subjects: list[tuple[Actor, bool]]
                   ) -> tuple[str, str] | None:
        """(type, preposition) of a noun's `prep_types` entry whose preposition, on the noun or its
        light verb, names another state, when no partner is named (with / between, or two states
        modifying the noun: "Sino-Russian drills near Japan" stay joint); None otherwise."""
        if not coding.prep_types:
            return None
        preps = [p for h in heads for p in h.children if p.dep_ == "prep"]
        mods = {a.country for c in heads[0].children if c.dep_ in ("amod", "compound", "nmod") and c.i in self.tok2actor
                for a in _members_or_actor(self.tok2actor[c.i])}
        if any(p.lower_ in ("with", "between") for p in preps) or len(mods) >= 2 or len(
                {a.country for a, _ in subjects}) >= 2 or any(c.lemma_.lower() in ("joint", "combined")
                                                               for c in heads[0].children):
            return None
        table = dict(coding.prep_types)
        for p in preps:
            if p.lower_ not in table:
                continue
            for o in _prep_objects(p):
                # (a state's own border area is no other state: "exercises near the Libyan border"
                # are routine, unlike exercises around Taiwan itself)
                found = [] if o.lemma_.lower() in BORDER_NOUNS else self.actors_of(o) or self._place_country(o)
                if any(not _is_author(a, subjects, self.domestic) for a in found):
                    return table[p.lower_], p.lower_
        return None

    def _prompting_actors(self, verb: Token, src_codes: set[str], fallback: bool = False) -> list[Actor]:
        """Other parties whose act, named in a time clause or phrase on `verb`, a military posture
        answers: "put its forces on alert after Indian jets crossed the line", "when Turkish troops
        landed", "after the Indian strikes" (the act's author). A posture taken up in response to
        another party's act is aimed at that party (CAMEO 15).

        First (before any place is tried) only states count: the clause's subject, or whoever a
        perception verb says was seen ("after Pakistani infiltrators were spotted near Kargil"),
        and the author of an event noun. As the `fallback` once no place names the target, the
        reading is wider: "amid" clauses too, the seen beside the clause's subject ("after North
        Korean troops were seen / reported moving"), and the possessive or modifier owner of any
        noun ("following North Korea's missile test", "after Iranian exercises")."""
        marks = PROMPT_MARKS | {"amid"} if fallback else PROMPT_MARKS
        perceived = PERCEPTION_VERBS if fallback else SIGHTING_VERBS
        out: list[Actor] = []
        for c in verb.children:
            if c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in marks for m in c.children):
                seen = [a for s in c.children if s.dep_ == "nsubjpass" for a in self.actors_of(s)] \
                    if c.lemma_.lower() in perceived else []
                if fallback:
                    out += [a for a, _ in self.subject_actors(c)] + seen
                else:
                    out.extend(seen or [a for a, _ in self.subject_actors(c)])
            elif c.dep_ == "prep" and c.lower_ in marks:
                for o in _prep_objects(c):
                    if fallback:
                        out += [a for m in o.children if m.dep_ in ("poss", "amod", "compound") for a in self.actors_of(m)]
                        continue
                    coding = self.noun_coding(o) if o.pos_ == "NOUN" else None
                    if coding is not None and coding.type in OTHER_DIRECTED | {"MOBILIZE"}:
                        out.extend(self._event_agents(o))
        if fallback:
            return [a for a in out if a.country not in src_codes]
        return [a for a in _unique(out) if a.country not in src_codes and is_state_code(a.country)]

    def _state_subject(self, verb: Token) -> bool:
        """The verb's subject names a state or its government ("Vietnam", "Hanoi", "the Thai
        government"), not people ("Pakistanis", "students")."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        span = self.tok2actor.get(subj.i) if subj is not None else None
        if span is None or span._.actor is None:
            return False
        return span.label_ in ("COUNTRY", "CAPITAL", "SEAT") or span._.actor.sector == "GOV"

    def _misattached_to_party(self, verb: Token, dobj: Token | None,
                              subjects: list[tuple[Actor, bool]]) -> list[Actor]:
        """The party of a "to" phrase the parser hung on a noun nested in the verb's object or in
        one of its prepositional phrases (down "of"/"in"/"for"/"over" chains), when that noun takes
        no "to" of its own ("a response to", "a visit to", "aid to" do)."""
        level = ([dobj] if dobj is not None else []) + [
            o for p in verb.children if p.dep_ == "prep" and p.lower_ in NESTING_PREPS for o in _prep_objects(p)]
        if dobj is not None:
            # ... or on a relative clause of the object ("the suspects it captured to the United States")
            found = [a for c in dobj.children if c.dep_ == "relcl" for o in self._borrowed_to_objects(c)
                     for a in self.actors_of(o) if not _is_author(a, subjects, self.domestic)]
            if found:
                return found
        for _ in range(3):
            nxt = []
            for head in level:
                if head.pos_ not in ("NOUN", "PROPN"):
                    continue
                for p in head.children:
                    if p.dep_ != "prep":
                        continue
                    if p.lower_ == "to":
                        own = self.noun_coding(head) if head.pos_ == "NOUN" else None
                        if head.lemma_.lower() in TO_TAKING_NOUNS or (own is not None and "to" in own.preps):
                            continue
                        found = [a for o in _prep_objects(p) for a in self.actors_of(o)
                                 if not _is_author(a, subjects, self.domestic)]
                        if found:
                            return found
                    elif p.lower_ in NESTING_PREPS:
                        nxt.extend(_prep_objects(p))
            level = nxt
        return []

    def _prep_object_party(self, obj: Token, coding: Trigger, subjects: list[tuple[Actor, bool]]) -> list[Actor]:
        """The party a verb's prepositional object names. For the subject's own act ("reneged on
        its promise to Armenia", "reneged on her commitment to the Chilean people") that is whom
        the act was for, not its author: the act's own preposition, else none here (the verb's
        other prepositions may name it)."""
        found = self.actors_of(obj)
        if found and subjects and all(_is_author(a, subjects, self.domestic) for a in found):
            # "played host to a delegation of opposition lawmakers", "talked to representatives of
            # the rebels": a body of the author's own kind that its "of" phrase says is another
            # party's stands for that party (the author is never the party aimed at)
            owners = [a for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                      for o in _prep_objects(p) for a in self.actors_of(o) if not _is_author(a, subjects, self.domestic)]
            if owners:
                found = owners
        if coding.type in JOINT_TYPES and found:
            # "agreed on a ceasefire in Algiers": the capital in the deal's place phrase is its venue,
            # not a party (as a verb's own place phrase is for talks opened there)
            venue = [a for p in obj.children if p.dep_ == "prep" and p.lower_ in LOCATION_PREPS
                     for o in _prep_objects(p) for a in self.actors_of(o)]
            found = [a for a in found if not any(a is v for v in venue)]
        noun = self.noun_coding(obj) if obj.pos_ == "NOUN" else None
        own = {a.country for a, _ in subjects}
        if noun is not None and found and {a.country for a in found} <= own and any(
                c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS | THING_PRONOUNS for c in obj.children):
            return [a for p in obj.children if p.dep_ == "prep" and p.lower_ in noun.preps
                    for o in _prep_objects(p) for a in self.actors_of(o)]
        return found or self._visited(coding, obj)

    def _unattributed_attacker(self, verb: Token, passive: bool) -> list[Actor]:
        """An unidentified armed group of the one country where an attack by an unnamed agent (a
        bomb, an explosion, gunmen) takes place: the places in the locative phrases of the verb
        and of the agent noun, down their prepositional chains ("outside the city of Basra", "in
        a car bomb explosion in a suburb of Kabul")."""
        table = _unattributed_table()
        if passive:
            # ("by two of her bodyguards": the agent may be counted out of its group)
            nouns = _of_chain([o for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in ("in", "by"))
                               for o in _prep_objects(c)])
        else:
            nouns = [c for c in verb.children if c.dep_ == "nsubj"]
        scene = [verb]
        if not nouns and verb.dep_ in ("advcl", "conj") and verb.head.pos_ in ("VERB", "AUX"):
            # "a bomb ripped through a market in X, killing 40": the participle's act is the bomb's,
            # placed where the bomb went off
            scene.append(verb.head)
            nouns = [c for c in verb.head.children if c.dep_ == "nsubj"]
        agents = [n for n in nouns if n.i not in self.tok2actor and {
            w.lemma_.lower() for w in [n, *(c for c in n.children if c.dep_ in ("compound", "amod"))]} & table["agents"]]
        if not agents:
            return []
        # ("her bodyguards": a person's own guards are no weapon of that person's side)
        named = [a for n in agents if not any(c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS for c in n.children)
                 for a in self._event_agents(n)]
        if named:
            return named  # "killed in a Russian bombing raid": the weapon names its user
        codes: set[str] = set()
        # the verb, the agent and the victim ("shot a police officer in Karachi")
        level = [*scene, *agents, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
        for _ in range(NESTED_DEPTH):
            preps = [p for h in level for p in h.children if p.dep_ == "prep" and p.lower_ in LOCATION_PREPS | SCENE_PREPS]
            # "outside of the city": a preposition may hang on another
            nxt = [o for p in preps for o in _prep_objects(p)] + [p for p in preps if not _prep_objects(p)]
            for o in nxt:
                place = self.tok2place.get(o.i)
                if place is not None and place._.place is not None and place._.place.country:
                    codes.add(place._.place.country)
                span = self.tok2actor.get(o.i)
                if span is not None and span.label_ in ("COUNTRY", "CAPITAL") and span._.actor is not None:
                    codes.add(span._.actor.country)
            level = nxt
        if len(codes) != 1 or not is_state_code(next(iter(codes))):
            return []
        return [Actor(codes.pop(), table["sector"], _phrase(agents[0]))]

    def _mission_targets(self, head: Token) -> list[Actor]:
        """Countries whose embassy or consulate a protest is held at ("outside the US embassy")."""
        out: list[Actor] = []
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in ("outside", "at", "near", "before", "in", "to", "toward", "towards"):
                for o in _prep_objects(prep):
                    if o.lemma_.lower() in MISSION_NOUNS:
                        out.extend(self.actors_of(o))
        return _unique(out)

    def _event_agents(self, noun: Token) -> list[Actor]:
        """Who performs the act an event noun names: its possessive or national modifier ("Israel's
        attack", "the Israeli attack"), its "by" phrase, or the "of" phrase of an intransitive act."""
        out: list[Actor] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.i in self.tok2actor):
                out.extend(self.actors_of(c))
            elif c.dep_ == "prep" and (c.lower_ == "by" or (c.lower_ == "of" and noun.lemma_.lower() in INTRANSITIVE_NOUNS)):
                out.extend(a for o in _prep_objects(c) for a in self.actors_of(o))
            elif c.dep_ == "prep" and c.lower_ in ("with", "between") and _coding_symmetric(self.noun_coding(noun)):
                # "rejected any talks with the United States": a joint act's partner is a party
                out.extend(a for o in _prep_objects(c) for a in self.actors_of(o))
        coding = self.noun_coding(noun)
        if not out and coding is not None and coding.mode == "expel":
            # "protested the expulsion of its nationals from Eritrea": the country they are expelled
            # from expels them (as in code_noun)
            people = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in _of_chain(_prep_objects(c))]
            out.extend(a for h in [noun, *people] for c in h.children if c.dep_ == "prep" and c.lower_ == "from"
                       for o in _prep_objects(c) for a in self.actors_of(o))
        return _unique(out)

    def _peace_mission(self, noun: Token, organisations: bool = True) -> bool:
        """A peacekeeping force or mission ("the peacekeeping force ECOMOG") or, with `organisations`,
        an organisation ("AMISOM", "the force, UNAMSIL"): troops sent to join it contribute to
        peacekeeping (CAMEO 074). (Jets sent "as part of a NATO air policing mission" are deployed.)"""
        if organisations and self._is_organisation(noun):
            return True
        words = {noun.lemma_.lower()} | {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod")}
        return bool(words & {"peacekeeping", "peacekeeper"})

    def _is_organisation(self, tok: Token) -> bool:
        """An international organisation (an ORG actor with no national sector), itself or in apposition."""
        for t in [tok, *(c for c in tok.children if c.dep_ == "appos")]:
            span = self.tok2actor.get(t.i)
            if span is not None and span.label_ == "ORG" and span._.actor is not None and not span._.actor.sector:
                return True
        return False

    def _visited(self, coding: Trigger, tok: Token) -> list[Actor]:
        """A visit to a city is a visit to its country ("visited St. Petersburg" -> RUS); so is
        an act on territory ("withdrew from the Golan Heights", "deployed troops to Crimea")."""
        if coding.mode != "visit" and coding.type not in LOCATION_TARGET_TYPES:
            return []
        span = self.tok2place.get(tok.i)
        place = span._.place if span is not None else None
        if place is None or not place.country:
            return []
        return [Actor(place.country, None, place.text)]

    def _place_country(self, tok: Token) -> list[Actor]:
        """The country of a place that is no actor itself ("in Nouakchott" -> MRT)."""
        span = self.tok2place.get(tok.i)
        place = span._.place if span is not None else None
        return [Actor(place.country, None, place.text)] if place is not None and place.country else []

    def _is_location_phrase(self, prep: str, obj: Token) -> bool:
        return prep in LOCATION_PREPS and obj.i in self.tok2place

    # ------------------------------------------------------------------ records
    def realise(self, proto: Proto, sent: Span) -> list[Event]:
        if not proto.sources:
            return []
        pairs: list[tuple[Actor, Actor, bool, bool]] = []
        # coordinated authors with no target act jointly only in a joint act ("Iran and Iraq signed",
        # "X and Y met / clashed"): "Russia and China vetoed the resolution" or "American and British
        # troops entered X" is no act of one against the other
        if proto.symmetric or (not proto.targets and len(proto.sources) >= 2
                               and (_coding_symmetric(proto.coding) or proto.coding.type in JOINT_TYPES)):
            srcs = _unique([a for a, _ in proto.sources])
            for i, a in enumerate(srcs):
                for b in srcs[i + 1:]:
                    pairs.append((a, b, True, True))
        else:
            # "Turkey and Azerbaijan closed their borders with Armenia": co-authors named again in
            # the act ("their") are not its targets when someone else is; alone, they are ("each other")
            authors = {(a.country, a.sector) for a, _ in proto.sources}
            others = [(t, td) for t, td in proto.targets if (t.country, t.sector) not in authors]
            targets = others if len(proto.sources) > 1 and others else proto.targets
            srcs = _unique([a for a, _ in proto.sources])
            if len(srcs) > 1 and proto.targets and not others and {
                    (t.country, t.sector) for t, _ in proto.targets} < authors and not any(
                    c.dep_ in ("nsubjpass", "auxpass") for c in proto.trigger.children):
                # "Ecuador and Peru pledged to settle their dispute": co-authors aimed only at
                # themselves ("their", "each other") act jointly, in the order they are named (the
                # pronoun may resolve to one of them only, which would leave the other as sole author;
                # all of them named as targets stay both directions, as PETRARCH's `%` codes them);
                # not a passive's agent and its patient ("X was received by his Y counterpart")
                for i, a in enumerate(srcs):
                    for b in srcs[i + 1:]:
                        pairs.append((a, b, True, True))
                targets = []
            for s, sd in proto.sources:
                for t, td in targets:
                    pairs.append((s, t, False, sd and td))
        if not pairs:
            return []
        coding = proto.coding
        info = type_info(coding.type)
        date, date_text, basis = self.event_date(proto, sent)
        location = self.event_location(proto, sent)
        quantities = self.event_quantities(proto, sent)
        track = self.event_track(proto, sent)
        text = sent.text.rstrip()
        out = []
        for src, tgt, sym, direct in pairs:
            if src.country == tgt.country and not (self.domestic and _distinct_actors(src, tgt)):
                continue  # two organs of one state: not an interstate event
            if coding.type == "CONSULT" and coding.mode in ("visit", "host") and src.sector == "CVL":
                continue  # tourists, citizens or "people" travelling or hosted abroad pay no visit (CAMEO 04)
            conf = 0.55 + (0.15 if direct else 0.0) + (0.1 if basis == "sentence" else 0.0) - (0.1 if proto.nominal else 0.0)
            if proto.hypothetical or proto.negated:
                conf -= 0.05
            etype, mode, pinfo = coding.type, coding.mode, info
            if etype == "SANCTION" and src.country == tgt.country and not _halts_relations(proto.trigger):
                # a ban or restriction a state imposes on its own parties or people is an
                # administrative sanction (CAMEO 172 -> COERCE), not an international sanction
                etype, mode, pinfo = "COERCE", "restrict", type_info("COERCE")
            out.append(Event(
                doc=self.doc._.doc_id or "",
                start=sent.start_char, end=sent.start_char + len(text), sentence=text,
                source=src, target=tgt, event_type=etype, mode=mode,
                quad_class=int(pinfo["quad_class"]), intensity=float(pinfo["intensity"]),
                cameo_root=str(pinfo["cameo_root"]), symmetric=sym,
                date=date, date_text=date_text, location=location, track=track,
                quantities=quantities, negated=proto.negated, hypothetical=proto.hypothetical,
                attributed_to=proto.attributed_to, confidence=round(max(0.05, min(conf, 0.95)), 2),
                trigger=proto.trigger.text, trigger_start=proto.trigger.idx,
                trigger_end=proto.trigger.idx + len(proto.trigger.text),
            ))
        return out

    def event_date(self, proto: Proto, sent: Span) -> tuple[str | None, str | None, str]:
        in_sent = [t for t in self.timexes if sent.start <= t.start < sent.end and _event_value(t)]
        trig = proto.trigger
        if in_sent:
            # attached through the parse: climb from the date to the first verb or trigger
            for t in in_sent:
                node = t.root
                for _ in range(8):
                    if node.i == trig.i or (proto.nominal and node.i == _gov_i(trig)):
                        return _event_value(t), t.text, "sentence"
                    if node.head is node:
                        break
                    node = node.head
                    if node.pos_ in ("VERB", "AUX") and node.i != trig.i and node.i != _gov_i(trig):
                        break
            if len(in_sent) == 1:
                return _event_value(in_sent[0]), in_sent[0].text, "sentence"
            best = min(in_sent, key=lambda t: abs(t.start - trig.i))
            return _event_value(best), best.text, "sentence"
        if not self.narrative_dates:
            return None, None, "none"
        # the paragraph's narrative time: the latest dated expression earlier in the paragraph, as a year
        para_start = self._paragraph_start(sent.start_char)
        for t in reversed(self.timexes):
            if t.start >= sent.start:
                continue
            if t.start_char < para_start:
                break
            value = _event_value(t)
            if value:
                year = value[:4]
                if year.isdigit():
                    return year, None, "narrative"
        return None, None, "none"

    def _paragraph_start(self, char: int) -> int:
        i = bisect.bisect_left(self.newlines, char) - 1
        return self.newlines[i] + 1 if i >= 0 else 0

    def event_location(self, proto: Proto, sent: Span) -> Location | None:
        heads = list(proto.head_tokens)
        for h in list(heads):
            heads.extend(c for c in h.children if c.dep_ in ("dobj", "nsubjpass"))
        for h in heads:
            for prep in h.children:
                if prep.dep_ == "prep" and prep.lower_ in LOCATION_PREPS:
                    for o in prep.children:
                        span = self.tok2place.get(o.i)
                        if span is not None:
                            return span._.place
        return None

    def event_quantities(self, proto: Proto, sent: Span) -> list[Quantity]:
        qs = [q for q in self.quantities if sent.start <= q.start < sent.end and q._.quantity is not None]
        return [q._.quantity for q in qs]

    def event_track(self, proto: Proto, sent: Span) -> str:
        if proto.coding.track:
            return proto.coding.track
        words = self.lex.track_words
        counts: dict[str, int] = {}
        # the predicate's own arguments decide; the rest of the sentence only when they say nothing
        for scope in (_own_subtree(proto.trigger), sent):
            for tok in scope:
                nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
                # two-word keywords ("air force", "power plant") as well as single lemmas
                pair = f"{tok.lower_} {nxt.lemma_.lower()}" if nxt is not None else None
                tr = (words.get(pair) if pair else None) or words.get(tok.lemma_.lower()) or words.get(tok.lower_)
                if tr:
                    counts[tr] = counts.get(tr, 0) + 1
            if counts:
                break
        if not counts:
            return "political"
        order = {t: i for i, t in enumerate(self.lex.track_order)}
        return max(counts, key=lambda t: (counts[t], -order.get(t, 99)))


# ---------------------------------------------------------------------- helpers
def _focal_actor(spans: Sequence[Span]) -> Actor | None:
    """The country a document is about: clearly the most mentioned (>= 3 mentions and 1.5x the
    next). Used only for the party an agentless joint act leaves out."""
    counts: dict[str, int] = {}
    first: dict[str, Actor] = {}
    for span in spans:
        actor = span._.actor
        if actor is None or _members(span) or len(actor.country) != 3:
            continue
        counts[actor.country] = counts.get(actor.country, 0) + 1
        first.setdefault(actor.country, Actor(actor.country, None, actor.text))
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    top, n = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    return first[top] if n >= 3 and n >= 1.5 * second else None


def _denies_own_deed(verb: Token) -> bool:
    """A denial of the author's own deed ("denied carrying out the attack", "denied that its
    fighters were involved", "denied responsibility for the bombing"): it answers a charge and is
    aimed at no one the sentence does not name."""
    if verb.lemma_.lower() not in DENIAL_VERBS:
        return False
    return any(c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "dobj" and c.lemma_.lower() in DEED_NOUNS)
               for c in verb.children)


def _alleged_clause(verb: Token) -> bool:
    """An accusing verb with a finite that-clause and no object: "charged that X had ..."."""
    return not any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children) and any(
        c.dep_ == "ccomp" and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) for c in verb.children)


def _by_participle(tok: Token) -> bool:
    """A reduced passive relative with its agent: "(a law) passed by the Duma"."""
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children)


def _members(span: Span) -> list[Actor]:
    members = getattr(span._, "members", None) if Span.has_extension("members") else None
    return list(members) if members else []


def _members_or_actor(span: Span) -> list[Actor]:
    members = _members(span)
    if members:
        return members
    return [span._.actor] if span._.actor is not None else []


def _is_person(span: Span) -> bool:
    if span.label_ in ("COUNTRY", "CAPITAL", "DEMONYM", "ORG", "COLLECTIVE"):
        # the tables say what it is; the NER's PERSON on "Jordan" or "Chad" does not make it one
        return False
    if span.root.lemma_.lower() in BODY_NOUNS and span.root.ent_type_ != "PERSON":
        # "Sri Lanka's military ... it": a body is no person when the NER takes its country for one
        return False
    if any(t.ent_type_ == "PERSON" for t in span):
        return True
    if span.label_ in ("PERSON", "MEMORY"):
        return True
    # "the Saudi foreign minister ... his country": a titled official is a person for "he/his"
    # ("the rebel leaders ... they" stay plural)
    return span.root.ent_type_ == "PERSON" or (
        span.root.lemma_.lower() in PERSON_TITLES and span.root.tag_ != "NNS" and span.root.lower_ == span.root.lemma_.lower())


def _unique(actors: Sequence[Actor]) -> list[Actor]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for a in actors:
        key = (a.country, a.sector)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


MASS_NUMBERS = {"thousand", "thousands", "million", "millions"}


def _mass_object(tok: Token) -> bool:
    """An object counted in thousands: "thousands of families", "tens of thousands of Kurds",
    "5,000 villagers", "two million people"."""
    words = [tok] + [c for c in tok.children if c.dep_ in ("nummod", "quantmod", "compound")]
    words += [g for w in list(words) for g in w.children if g.dep_ in ("nummod", "quantmod", "compound")]
    for w in words:
        if w.lemma_.lower() in MASS_NUMBERS or w.lower_ in MASS_NUMBERS:
            return True
        digits = w.text.replace(",", "")
        if digits.isdigit() and int(digits) >= 1000:
            return True
    # "tens of thousands of ...": the count hangs on "of"
    return tok.lower_ in ("tens", "hundreds") and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(o.lower_ in MASS_NUMBERS for o in _prep_objects(p))
        for p in tok.children)


def _object_lemmas(tok: Token) -> set[str]:
    """Lemmas that say what an object is: its head, compounds, and an "of" complement."""
    lemmas = {tok.lemma_.lower()}
    for c in tok.children:
        if c.dep_ == "compound" or (c.dep_ == "amod" and tok.pos_ == "PROPN"):
            # (a name's descriptor, which the parser may call an adjective: "the daily Salam")
            lemmas.add(c.lemma_.lower())
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    lemmas.add(p.lemma_.lower())
                    lemmas.update(cc.lemma_.lower() for cc in p.children if cc.dep_ == "compound")
    return lemmas


def _content_objects(verb: Token, controlled: bool = False) -> list[Token]:
    """The direct and prepositional objects of a verb ("agreed to a truce", "demanded a truce"),
    with their coordinated nouns; with `controlled`, also those of the verb it controls ("refused
    to commit to aid": what is refused has not happened; an urged act's means may be real)."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in ("to", "for", "on"):
            out.extend(_prep_objects(c))  # "agreed to", "called for", "insisted on"; not "through dialogue"
        elif controlled and c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            out.extend(_content_objects(c))
    return out + [j for o in out for j in o.conjuncts if j.i > o.i]


def _coding_symmetric(coding: Trigger | None) -> bool:
    """Whether a trigger names a joint act (talks, agreement, cooperation)."""
    return coding is not None and coding.symmetric


def _in_noun_clause(tok: Token, top: Token) -> bool:
    """Whether `tok` sits in a relative or adnominal clause on the way up to `top`."""
    node = tok
    for _ in range(12):
        if node is top or node.head is node:
            return False
        if node.dep_ in ("relcl", "acl") and node.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        node = node.head
    return False


def _requested_clauses(verb: Token) -> list[Token]:
    """The clauses a verb of request asks for: "demanded that X ...", "pushed for X to ..."."""
    return [c for c in verb.children if c.dep_ == "ccomp" or (
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children))]


def _deadline_clauses(verb: Token) -> list[Token]:
    """The to-infinitive a deadline is set for: "gave X 48 hours to withdraw" (on the verb or on
    its time object, as the parser hangs it)."""
    if verb.lemma_.lower() != "give":
        return []
    times = [c for c in verb.children if c.dep_ in ("dobj", "npadvmod") and c.lemma_.lower() in DEADLINE_NOUNS]
    # "gave the rebels until Friday / until the end of the month to lay down their arms": a date
    # given as the limit (the infinitive hangs on the verb or on the limit's noun)
    until = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "until" for o in _prep_objects(p)]
    if not times and not until:
        return []
    return [c for h in [verb, *times, *until] for c in h.children if c.dep_ in ("advcl", "xcomp", "acl", "relcl")
            and c.pos_ in ("VERB", "AUX") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]


def _up_to_object(verb: Token) -> Token | None:
    """ "kidnapped up to 16 advisers": the parser reads "up" as the verb's particle and the counted
    noun as the object of "to"; that noun is the direct object."""
    for prt in verb.children:
        if prt.dep_ in ("prt", "advmod") and prt.lower_ == "up" and prt.i == verb.i + 1:
            for prep in prt.children:
                if prep.dep_ == "prep" and prep.lower_ == "to":
                    for o in prep.children:
                        if o.dep_ == "pobj" and any(c.dep_ == "nummod" for c in o.children):
                            return o
    return None


def _upcoming(noun: Token) -> bool:
    """An event noun in a phrase of what lies ahead ("ahead of the summit", "in advance of the
    talks", "in the run-up to the election", "in preparation for an offensive"): an event still to
    come, the time of the clause's act, not an act reported."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    anchor = prep.head
    if prep.lower_ == "of" and anchor.lower_ in ("ahead", "advance"):
        return anchor.lower_ == "ahead" or (anchor.dep_ == "pobj" and anchor.head.lower_ == "in")
    if prep.lower_ == "to":
        # "in the run-up / lead-up to": read off the words before "to", however the parser hangs it
        before = "".join(t.lower_ for t in noun.doc[max(prep.i - 3, 0):prep.i])
        return before.endswith(("run-up", "lead-up", "runup", "leadup"))
    return prep.lower_ == "for" and anchor.lower_ == "preparation" and anchor.dep_ == "pobj" and anchor.head.lower_ == "in"


def _reduced_relative_object(verb: Token) -> Token | None:
    """ "to assist Malaysian investigators looking into the scandal", "attacked soldiers guarding
    the border", "offered to help Sri Lanka repay its debts": the parser reads the object and its
    reduced relative clause (or its bare infinitive) as a clausal complement whose subject is the
    object; with no object of its own, a trigger verb's object is that subject (a noun right after
    the verb, in a bare -ing or infinitive clause)."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.tag_ not in ("VBG", "VB") or c.i < verb.i or any(
                g.dep_ in ("aux", "auxpass", "mark") for g in c.children):
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in ("NOUN", "PROPN") and all(
                t.dep_ in ("det", "amod", "compound", "nummod", "poss", "case") or t.i == subj.i
                for t in verb.doc[verb.i + 1:subj.i + 1]):
            return subj


def _appeal_call(noun: Token) -> bool:
    """A "call" that is an appeal ("its call on X to ...", "a call for ..."), not a phone call."""
    return noun.lemma_.lower() == "call" and any(
        (c.dep_ == "prep" and c.lower_ in ("on", "for")) or c.dep_ in ("acl", "advcl", "ccomp") for c in noun.children)


def _called_on(noun: Token) -> list[Token]:
    """The parties a call or appeal is made on ("its call on Washington", "an appeal to Beijing")."""
    if noun.lemma_.lower() not in ("call", "appeal", "plea"):
        return []
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ in ("on", "to") for o in _prep_objects(p)]


def _part_of_objects(verb: Token) -> list[Token]:
    """What a verb's act is "(as) part of": "sent 500 troops as part of the peacekeeping force"."""
    return [o for p in verb.children if p.dep_ == "prep" and p.lower_ in ("as", "in")
            for part in p.children if part.dep_ == "pobj" and part.lemma_.lower() == "part"
            for q in part.children if q.dep_ == "prep" and q.lower_ == "of"
            for o in q.children if o.dep_ == "pobj"]


def _banned_act(noun: Token) -> bool:
    """An act named as what a ban or restriction is on ("the ban on opposition rallies", "curbs on
    protests"): the measure's content, not an act that took place."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("on", "against"):
        return False
    # (the parser may hang "on" on the verb: "lifted [the ban] [on rallies]")
    return prep.head.lemma_.lower() in BAN_NOUNS or any(
        o.dep_ == "dobj" and o.lemma_.lower() in BAN_NOUNS and o.i < prep.i for o in prep.head.children)


def _as_possibility(tok: Token) -> bool:
    """An act named as the content of a possibility noun ("the potential for enhancing cooperation",
    "the prospect of talks", "the possibility of sanctions")."""
    node = tok
    if node.dep_ in ("pcomp", "pobj") and node.head.dep_ == "prep" and node.head.lower_ in ("for", "of"):
        return node.head.head.lemma_.lower() in POSSIBILITY_NOUNS
    return False


def _particle_object(verb: Token) -> Token | None:
    """ "handed in their weapons", "closed down the radio station", "shut down three newspapers":
    the parser may read the particle right after the verb as a preposition with the object as its
    own object (prt -> pobj, or a "down"/"off" prep); that noun is the particle verb's direct object."""
    for prt in verb.children:
        if prt.i != verb.i + 1:
            continue
        if prt.dep_ == "prt":
            for o in prt.children:
                if o.dep_ == "pobj":
                    return o
        elif prt.dep_ == "prep" and prt.lower_ in ("down", "off"):
            objs = [o for o in prt.children if o.dep_ == "pobj"]
            if len(objs) == 1 and objs[0].pos_ in ("NOUN", "PROPN"):
                return objs[0]
    return None


def _prep_objects(prep: Token) -> list[Token]:
    """Objects of a preposition; with a clausal object ("to Russian forces using them"), its subject."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    if not objs:
        for c in prep.children:
            if c.dep_ == "pcomp":
                objs.extend(g for g in c.children if g.dep_ in ("nsubj", "dobj"))
    if not objs and not any(True for _ in prep.children):
        # a stranded preposition: the parser made its noun the subject of a following reduced
        # relative ("asylum to five officers holed up in ..." read as "officers holed up")
        for t in prep.doc[prep.i + 1:prep.i + 7]:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass"):
                objs.append(t)
                break
            if t.pos_ in ("VERB", "AUX", "PUNCT") or t.is_sent_start:
                break
    return objs


def _hyphen_prefix(tok: Token) -> Token | None:
    """The first half of a hyphenated word the tokenizer split and the parser hangs on `tok`
    ("test" in "test-fired", "pull" in "pull-out"), or None."""
    if tok.i >= 2 and tok.doc[tok.i - 1].text in ("-", "‑") and tok.doc[tok.i - 2].head.i == tok.i:
        return tok.doc[tok.i - 2]
    return None


def _inflection_stems(low: str) -> tuple[str | None, ...]:
    """An inflected form less its ending, for the lemmatiser's misses ("staged" -> "stage")."""
    return low[:-1], low[:-2], low[:-3] + "e" if low.endswith("ing") else None


def _common_lemma(tok: Token) -> str:
    """A noun's lemma, also when a title-cased heading makes the parser call it a proper noun
    ("Establishment of Diplomatic Relations": "Relations" -> "relation")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and tok.text[:1].isupper() and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


def _between(text: str, first: Span, second: Span) -> str:
    """The text from the last word of `first` to the first word of `second` (a newline token
    may sit at the end of one sentence or the start of the next)."""
    end = max((t.idx + len(t) for t in first if not t.is_space), default=first.end_char)
    start = min((t.idx for t in second if not t.is_space), default=second.start_char)
    return text[end:start]


def _counterfactual(tok: Token) -> bool:
    """"would have" with a past participle ("a draft that would have condemned X", "talks that
    would have ended the war"): an act that did not take place."""
    aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
    return tok.tag_ == "VBN" and "would" in aux and "have" in aux and not any(c.dep_ == "neg" for c in tok.children)


def _negated(tok: Token) -> bool:
    """Negation on the predicate, or on the verb that controls it ("did not agree to cooperate",
    "no longer has the capacity to support"); a counterfactual act ("would have condemned") did
    not happen either."""
    if _counterfactual(tok):
        return True
    node = tok
    for _ in range(3):
        if _content_of_called_off(node):
            return True
        for c in node.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATION_WORDS):
                return True
            if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                return True
            if c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children) and node is not tok:
                return True
        if node.dep_ == "xcomp" and node.head is not node:
            if _excessive(node):
                return True
            node = node.head
            if node.lemma_.lower() in NEGATIVE_ADJECTIVES or node.lower_ in NEGATIVE_ADJECTIVES:
                return True
        elif node.dep_ == "acl" and node.head.dep_ in ("dobj", "attr") and node.head.head is not node.head:
            node = node.head.head
        elif node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.dep_ in ("dobj", "attr") \
                and node.head.head.head is not node.head.head:
            # "had no intention of breaking off relations": the gerund of the object's "of", as the
            # infinitive of "had no plans to ..." above
            node = node.head.head.head
        else:
            break
    return False


def _excessive(verb: Token) -> bool:
    """The complement of "too ADJ to" ("too weak to sustain a war"): ruled out, as "unable to" is
    (an adjective or adverb only: "Syria, too, decided to" is "also")."""
    if verb.dep_ != "xcomp":
        return False
    # the parser hangs the infinitive on the adjective or on the copula before it
    heads = [verb.head] + [c for c in verb.head.children if c.dep_ == "acomp"]
    return any(h.pos_ in ("ADJ", "ADV") and any(c.dep_ == "advmod" and c.lower_ == "too" for c in h.children)
               for h in heads)


def _content_of_called_off(verb: Token) -> bool:
    """The content of a vote, resolution, motion or plan that was cancelled, postponed, vetoed or
    blocked ("cancelled a planned vote to censure the minister", "a vote on a resolution condemning X
    was postponed", "vetoed a resolution condemning X"): what it would have done has not happened."""
    if verb.dep_ != "acl":
        return False
    noun = verb.head
    for _ in range(3):
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        if _called_off(noun) or (noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX")
                                 and noun.head.lemma_.lower() in VETO_VERBS):
            return True
        if noun.dep_ != "pobj" or noun.head.dep_ != "prep" or noun.head.head.pos_ not in ("NOUN", "PROPN"):
            return False
        noun = noun.head.head  # "a vote on [a resolution condemning X]"
    return False


def _prevented(noun: Token) -> bool:
    """An act named as what was prevented, foiled or banned ("deployed police to prevent a planned
    rally", "foiled an attack on the embassy", "the banning of their rallies"): it did not take place."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB" and head.lemma_.lower() in PREVENTION_WORDS:
        return True
    if noun.dep_ == "pobj" and head.lower_ in ("of", "on") and head.head.pos_ == "NOUN" \
            and head.head.lemma_.lower() in PREVENTION_WORDS:
        return True
    return False


def _called_off(noun: Token) -> bool:
    """An act noun that is cancelled, postponed or called off ("the visit was cancelled", "called
    off the talks"): it did not take place."""
    while noun.dep_ == "conj":  # "cancelled the visit and the talks"
        noun = noun.head
    gov = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or gov.pos_ not in ("VERB", "AUX"):
        return False
    return gov.lemma_.lower() in CANCEL_VERBS or (
        gov.lemma_.lower() in CANCEL_PARTICLE_VERBS and any(c.dep_ == "prt" and c.lower_ == "off" for c in gov.children))


def _discredited(noun: Token) -> bool:
    """A report called false: "groundless reports", "dismissed the reports as baseless", "rumours
    ... proved unfounded", "reports ... were false", "there was no truth in reports"."""
    if any(c.dep_ == "amod" and c.lemma_.lower() in DISCREDITING_WORDS for c in noun.children):
        return True
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ in ("acomp", "oprd", "attr") and c.lemma_.lower() in DISCREDITING_WORDS for c in head.children):
        return True
    if noun.dep_ == "dobj" and any(c.dep_ == "prep" and c.lower_ == "as" and any(
            o.lemma_.lower() in DISCREDITING_WORDS for o in c.subtree) for c in head.children):
        return True
    return noun.dep_ == "pobj" and head.head.lemma_.lower() in SUBSTANCE_NOUNS and any(
        d.lower_ == "no" for d in head.head.children)


NOMINAL_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "sal", "wal", "val", "ing")


def _nominalisation(tok: Token) -> bool:
    """A noun that names an act ("suppression", "deployment", "refusal", "bombing")."""
    return tok.pos_ == "NOUN" and tok.lower_.endswith(NOMINAL_SUFFIXES) and len(tok.text) > 5


def _announced(tok: Token) -> bool:
    """The act is announced, not reported: a future auxiliary on the predicate ("will withdraw",
    "would boycott") or a governing verb of intent ("plans to impose", "is prepared to send")."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in tok.children):
        return True
    node = tok
    while node.dep_ == "conj" and node.head is not node and node.head.pos_ in ("VERB", "AUX"):
        # "aims to tighten sanctions and impose a blockade": the second verb shares the first's control;
        # "would scrap the one-party state and allow elections": a subjectless second verb shares
        # the first's future auxiliary
        if any(c.dep_ in SUBJ_DEPS for c in node.children):
            break
        node = node.head
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children):
            return True
    for _ in range(2):
        if node.dep_ not in ("xcomp", "acomp") or node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in INTENT_HEADS or node.lower_ in INTENT_HEADS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in node.children) and node.pos_ != "VERB":
            return True
    return False


def _military_preparation(tok: Token) -> bool:
    """ "The army prepared to attack", "troops are poised to enter X": a verb of readiness whose
    subject is a military body."""
    node = tok
    for _ in range(3):
        if node.dep_ not in ("xcomp", "conj") or node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in ("prepare", "poise", "ready", "gear"):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None and node.dep_ in ("acomp", "xcomp") and node.head is not node:
                subj = next((c for c in node.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subj is not None and subj.lemma_.lower() in MILITARY_NOUNS
    return False


def _in_reference_entry(text: str, offset: int) -> bool:
    """The sentence is on a numbered note line ("[13] N. Graebner, Revisiting the End of the Cold
    War, p. 95."): a citation's title is no report of an event."""
    line_start = text.rfind("\n", 0, offset) + 1
    return REFERENCE_LINE.match(text, line_start) is not None


def _is_author(a: Actor, subjects: Sequence[tuple[Actor, bool]], domestic: bool) -> bool:
    """`a` is one of the act's subjects: the same country (in domestic mode, also the same sector)."""
    return any(a.country == s.country and (not domestic or a.sector == s.sector) for s, _ in subjects)


def _reciprocal(verb: Token) -> bool:
    """ "each other" / "one another" among the verb's objects ("expelled each other's diplomats",
    "accused one another")."""
    return any(t.lower_ in ("other", "another") and t.i > 0 and t.doc[t.i - 1].lower_ in ("each", "one")
               for t in verb.subtree)


def _speaker_is_subject(verb: Token, speech: Token) -> bool:
    """The reported act's subject (its own, or that of the verb it depends on inside the reported
    clause) is a pronoun: in "X said it/they/we would ..." that is the speaker itself."""
    node = verb
    for _ in range(5):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj.lower_ in THING_PRONOUNS | PERSON_PRONOUNS | {"we", "i"}
        if node.head is node or node.head.i == speech.i:
            return False
        node = node.head
    return False


def _ergative_subject(verb: Token) -> Token | None:
    """The subject of an ERGATIVE_VERBS verb used intransitively ("relations resumed"; not "resumed
    talks", nor "relations began to improve", no beginning of relations)."""
    if verb.lemma_.lower() not in ERGATIVE_VERBS or any(c.dep_ in ("dobj", "xcomp") for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _previous_subject_noun(pron: Token, lemmas: set[str] | frozenset[str]) -> Token | None:
    """The plural subject noun of the sentence before, in the same paragraph, whose lemma is one
    of `lemmas` ("Relations ... were broken in 1967. They resumed in 2016.")."""
    sent = pron.sent
    if sent.start == 0 or "\n" in pron.doc[sent.start - 1].text_with_ws:
        return None
    prev = pron.doc[sent.start - 1].sent
    return next((t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.tag_ in ("NNS", "NNPS")
                 and _common_lemma(t) in lemmas), None)


def _measure_antecedent(pron: Token, lemmas: set[str] | frozenset[str]) -> Token | None:
    """The closest noun before an object pronoun in its sentence whose lemma is one of `lemmas`
    and whose number agrees ("them" plural, "it" singular)."""
    plural = pron.lower_ == "them"
    for t in reversed(pron.doc[pron.sent.start:pron.i]):
        if t.pos_ == "NOUN" and t.lemma_.lower() in lemmas and (t.tag_ == "NNS") == plural:
            return t
    return None


def _condition_clauses(tok: Token) -> list[Token]:
    """The "if ..." / "unless ..." clauses on the act itself ("... unless Y complies")."""
    return [c for c in tok.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)]


def _conditional(tok: Token) -> bool:
    """ "... unless Y complies", "... if Y goes ahead": a condition on the act itself."""
    return bool(_condition_clauses(tok))


def _reframe(proto: Proto) -> None:
    """Announced, conditional and refused acts, coded as the speech act they are (CAMEO/PLOVER):
    an announced or offered act of cooperation is AGREE (intent, CAMEO 03), an announced or
    conditional coercive act is THREATEN (CAMEO 13), and a negated act of cooperation that is
    announced ("will not accept", "cannot allow") is a refusal, REJECT (CAMEO 12); a negated
    report ("did not recognize") stays a negated event. Verbal predicates only; nominal ones keep their type."""
    tok, coding = proto.trigger, proto.coding
    if proto.nominal:
        # "would tighten the blockade", "will expand aid": the noun's governing verb announces it
        if tok.dep_ != "dobj" or tok.head.pos_ != "VERB":
            return
        tok = tok.head
    etype = coding.type
    # ("is considering sanctions", "plans a boycott": an act a verb of intent takes as its object is
    # announced as "is considering imposing sanctions" is, not reported)
    announced = _announced(tok) or (proto.nominal and tok.lemma_.lower() in INTENT_OBJECT_VERBS)
    new = None
    if proto.negated:
        refused = tok.dep_ == "xcomp" and tok.head.lower_ in REFUSAL_ADJECTIVES
        if etype in REFUSABLE_TYPES and (announced or refused or any(
                c.dep_ == "aux" and c.lower_ in ("can", "ca", "could") for c in tok.children)):
            new, mode = "REJECT", "refuse"
    elif etype in COERCIVE_TYPES and announced and _military_preparation(tok):
        # "the army prepared to resume shelling": troops readying an attack show force (CAMEO 15)
        new, mode = "MOBILIZE", coding.mode
    elif etype in COERCIVE_TYPES and (announced or _conditional(tok)):
        new, mode = "THREATEN", coding.mode
    elif etype in ("RETREAT", "REJECT") and _conditional(tok):
        # "will withdraw unless ...", "would veto the deal unless ...": a conditional act is a threat
        new, mode = "THREATEN", coding.mode
    elif etype in COOPERATIVE_TYPES and announced:
        new, mode = "AGREE", "intend"
    if new is None:
        return
    proto.coding = Trigger(lemma=coding.lemma, type=new, mode=mode, preps=coding.preps,
                           symmetric=coding.symmetric, track=coding.track)
    if new == "REJECT":
        proto.negated = False  # the refusal itself is asserted


def _fold_protest_purpose(protos: list[Proto]) -> list[Proto]:
    """"Miners blocked roads to demand higher wages", "farmers demonstrated, demanding lower
    taxes": the demand is what the protest is for, one event (PLOVER codes the PROTEST); it aims
    the protest when the protest names no target."""
    protests = [p for p in protos if p.coding.type == "PROTEST"]
    if not protests:
        return protos
    drop: set[int] = set()
    for req in protos:
        if req.coding.type != "REQUEST" or req.nominal or req.trigger.dep_ not in ("advcl", "xcomp", "acl", "conj"):
            continue
        for p in protests:
            # the protest's predicate: its verb, or the verb governing a protest noun ("staged a hunger strike")
            heads = {p.trigger.i} | ({p.trigger.head.i} if p.nominal and p.trigger.dep_ in ("dobj", "pobj", "nsubj") else set())
            if req.trigger.head.i in heads and {a.country for a, _ in req.sources} <= {a.country for a, _ in p.sources}:
                if not p.targets:
                    # (not the protesters themselves: "Basque students ... calling for independence from Spain")
                    p.targets = [(t, d) for t, d in req.targets if all(
                        t.country != a.country or _distinct_actors(a, t) for a, _ in p.sources)]
                drop.add(id(req))
                break
    return [p for p in protos if id(p) not in drop]


def _detach_summary_appositives(sent: Span) -> None:
    """A parse repair: "X and Y met in Algiers on Monday, their first encounter since the war":
    wire copy sums up the act in a noun phrase set off by a comma after the clause, and the parser
    may read it as the verb's object; its possessive then passes for the party met. Such a summary
    noun after a comma (with adjuncts between it and the verb) is an appositive, not an object."""
    for tok in sent:
        if tok.dep_ != "dobj" or tok.lemma_.lower() not in SUMMARY_NOUNS or tok.head.i >= tok.i:
            continue
        start = tok.left_edge.i
        if start - 1 > tok.head.i + 1 and tok.doc[start - 1].text == ",":
            tok.dep_ = "appos"


def _attach_stranded_noun_modifiers(sent: Span) -> None:
    """A parse repair: "UN war crimes investigators examined ...": the parser may hang the noun
    before the subject's head ("crimes") on the verb as an adverbial noun (npadvmod), cutting the
    subject off from its modifiers (the UN). A noun so read right before the verb's subject is a
    modifier of the subject."""
    for tok in sent:
        if tok.dep_ != "npadvmod" or tok.pos_ not in ("NOUN", "PROPN") or tok.i + 1 >= sent.end:
            continue
        nxt = tok.doc[tok.i + 1]
        if nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head == tok.head and nxt.pos_ in ("NOUN", "PROPN") \
                and tok.head.i > nxt.i:
            tok.head = nxt
            tok.dep_ = "compound"


def _attach_fighter_participles(sent: Span) -> None:
    """A parse repair: "supplying missiles to guerrillas fighting Soviet troops": the parser may
    hang the participle on the main verb (advcl), making the supplier the fighter. A participle
    right after an armed group's noun (FIGHTER_NOUNS) in an object or prepositional object
    describes that group (acl)."""
    for tok in sent:
        if tok.dep_ != "advcl" or tok.tag_ != "VBG" or tok.i == sent.start:
            continue
        prev = tok.doc[tok.i - 1]
        if prev.lemma_.lower() in FIGHTER_NOUNS and prev.dep_ in ("pobj", "dobj") and prev.pos_ == "NOUN" \
                and tok.head.i < prev.i and not any(c.dep_ in SUBJ_DEPS | {"mark", "aux"} for c in tok.children):
            tok.head = prev
            tok.dep_ = "acl"


def _wish_verb(tok: Token) -> bool:
    """A verb of wishing (WISH_VERBS), also when the tagger lemmatises "hoped" as "hop"."""
    lemma = tok.lemma_.lower()
    return lemma in WISH_VERBS or (lemma == "hop" and tok.lower_.startswith("hope"))


def _possible(verb: Token) -> bool:
    """A clause whose act is only possible: "may/might/could invade", not "may have invaded"."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    return bool(aux & POSSIBILITY_AUX) and "have" not in aux


QUOTES = {'"', "“", "”", "‘", "’", "'", "``", "''"}


def _in_quoted_title(tok: Token) -> bool:
    """A capitalised word, not the first of its sentence or quote, between quotation marks (a
    book, film or article title: "The Day Russia Invaded Georgia")."""
    sent = tok.sent
    if tok.i == sent.start or not tok.text[:1].isupper() or tok.text.isupper() or tok.doc[tok.i - 1].text in QUOTES:
        return False
    before = sum(1 for t in tok.doc[sent.start:tok.i] if t.text in QUOTES)
    after = sum(1 for t in tok.doc[tok.i + 1:sent.end] if t.text in QUOTES)
    return before % 2 == 1 and after >= 1


def _drop_purposes(protos: list[Proto]) -> list[Proto]:
    """"Set up a joint agency in 1991 to inspect each other's facilities": the "to"-infinitive
    purpose of founding a body is the body's remit, which has not happened (PLOVER codes what was
    done; the founding is the event). The purpose of other acts stays ("sent envoys to negotiate")."""
    founding = {p.trigger.i for p in protos if not p.nominal and any(
        c.dep_ == "dobj" and c.lemma_.lower() in FOUNDED_BODY_NOUNS for c in p.trigger.children)}
    return [p for p in protos if not (
        not p.nominal and p.trigger.dep_ == "advcl" and p.trigger.head.i in founding
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in p.trigger.children)
        and not any(c.dep_ in SUBJ_DEPS for c in p.trigger.children))]


def _hypothetical(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in HYPOTHETICAL_AUX:
            return True
        if c.dep_ == "mark" and c.lower_ in ("if", "unless"):
            return True
    node = tok
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp", "acl", "advcl") or node.head is node:
            break
        node = node.head
        if node.lemma_.lower() in HYPOTHETICAL_HEADS:
            return True
    return False


def _governing_verb(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _gov_i(tok: Token) -> int:
    gov = _governing_verb(tok)
    return gov.i if gov is not None else -1


def _own_clause(tok: Token) -> list[Token]:
    """`tok`'s subtree in sentence order, less its clausal complements and paratactic clauses
    (what is said or denied there belongs to another predicate; a purpose clause stays: "resigned
    to allow elections")."""
    skip = {t.i for c in tok.children if c.dep_ in ("ccomp", "parataxis") and not _bare_infinitive_clause(c)
            for t in c.subtree}
    return [t for t in tok.subtree if t.i not in skip]


def _bare_infinitive_clause(clause: Token) -> bool:
    """ "allowed aid convoys to reach Tigray": an infinitive the parser hangs as a clausal complement
    with its own subject is what the verb lets or makes happen, not a reported clause."""
    return clause.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) \
        and not any(c.dep_ == "mark" for c in clause.children)


def _own_subtree(tok: Token) -> Iterable[Token]:
    """The trigger's subtree without coordinated clauses (they are events of their own)."""
    stack = [tok]
    while stack:
        t = stack.pop()
        yield t
        stack.extend(c for c in t.children if c.dep_ not in ("conj", "ccomp", "advcl", "parataxis"))


def _phrase(tok: Token) -> str:
    toks = list(tok.subtree)
    if len(toks) > 12:
        return tok.text
    return tok.doc[toks[0].i:toks[-1].i + 1].text


def _event_value(span: Span) -> str | None:
    timex = span._.timex
    return getattr(timex, "event_value", None) if timex is not None else None


def _phrases_match(tokens: Sequence[Token], phrases: Sequence[tuple]) -> bool:
    """Whether `phrases` occur in `tokens` in order (gaps allowed between phrases, none inside
    one). A phrase is a tuple of items; an item is a tuple of word sequences (a word or a synset),
    compared with the token's text or lemma."""
    return _phrase_spans(tokens, phrases) is not None


def _phrase_spans(tokens: Sequence[Token], phrases: Sequence[tuple]) -> list[tuple[int, int]] | None:
    """Where `phrases` occur in `tokens` in order, each at its first place after the previous
    one: (start, end) indices into `tokens`; None when one does not occur (see _phrases_match)."""
    pos = 0
    spans: list[tuple[int, int]] = []
    for phrase in phrases:
        for start in range(pos, len(tokens)):
            end = _phrase_at(tokens, start, phrase)
            if end is not None:
                spans.append((start, end))
                pos = end
                break
        else:
            return None
    return spans


def _phrase_at(tokens: Sequence[Token], i: int, phrase: tuple) -> int | None:
    """The end of `phrase` matched from tokens[i] (consecutive items), or None."""
    if not phrase:
        return i
    for words in phrase[0]:
        j = i
        for w in words:
            nxt = _word_at(tokens, j, w)
            if nxt is None:
                break
            j = nxt
        else:
            end = _phrase_at(tokens, j, phrase[1:])
            if end is not None:
                return end
    return None


def _word_at(tokens: Sequence[Token], j: int, word: str) -> int | None:
    """The end of a dictionary word matched at tokens[j]: the token's text or lemma, or tokens
    written together that spell it ("PEACE-KEEPING" is three tokens: peace - keeping)."""
    if j >= len(tokens):
        return None
    if word in (tokens[j].lower_, tokens[j].lemma_.lower()):
        return j + 1
    text, k = tokens[j].lower_, j
    while len(text) < len(word) and word.startswith(text) and k + 1 < len(tokens) \
            and not tokens[k].whitespace_ and tokens[k + 1].i == tokens[k].i + 1:
        k += 1
        text += tokens[k].lower_
    return k + 1 if text == word and k > j else None


def _dedupe(events: list[Event]) -> list[Event]:
    best: dict[tuple, Event] = {}
    order: list[tuple] = []
    for ev in events:
        a, b = ev.source.country, ev.target.country
        key = (ev.start, ev.event_type, *(sorted((a, b)) if ev.symmetric else (a, b)))
        if key not in best:
            order.append(key)
            best[key] = ev
        elif ev.confidence > best[key].confidence:
            best[key] = ev
    return [best[k] for k in order]


def _circumstantial(tok: Token) -> bool:
    """The token lies in a time adjunct ("before a deadline set by X", "after talks with X") or in
    "under pressure from X": the circumstances of a clause's act, not its parties."""
    node = tok
    for _ in range(12):
        if node.head is node:
            return False
        if (node.dep_ == "prep" and node.lower_ in TIME_PREPS) or (node.dep_ == "advmod" and node.lower_ in TIME_ADVERBS):
            return True
        if node.dep_ == "prep" and node.lower_ == "under" and any(
                o.dep_ == "pobj" and o.lemma_.lower() == "pressure" for o in node.children):
            return True
        node = node.head
    return False


def _codes_by_sentence(actors: Iterable[tuple[Span, Actor]], places: Iterable[Span]) -> dict[int, set[str]]:
    """Sentence start -> the country codes named in it by the given (span, actor) pairs and by
    the place spans that carry a country."""
    out: dict[int, set[str]] = {}
    for span, actor in actors:
        out.setdefault(span.sent.start, set()).add(actor.country)
    for span in places:
        if span._.place is not None and span._.place.country:
            out.setdefault(span.sent.start, set()).add(span._.place.country)
    return out


@lru_cache(maxsize=1)
def _unattributed_table() -> dict:
    """data/events/unattributed.yaml: the sector, act types and agent lemmas of unnamed attackers."""
    raw = yaml.safe_load(resources.files("detente").joinpath("data/events/unattributed.yaml").read_text(encoding="utf-8"))
    return {"sector": str(raw["sector"]), "types": frozenset(raw["types"]),
            "agents": frozenset(str(w).lower() for w in raw["agents"])}


@lru_cache(maxsize=1)
def _domestic_table() -> dict:
    """data/events/domestic.yaml, flattened: sectors, act types and domestic object phrases."""
    raw = yaml.safe_load(resources.files("detente").joinpath("data/events/domestic.yaml").read_text(encoding="utf-8"))
    return {"state_sectors": frozenset(raw["state_sectors"]),
            "always": frozenset(raw["state_acts"]["always"]),
            "with_object": frozenset(raw["state_acts"]["with_object"]),
            "place_acts": frozenset(raw["state_acts"].get("place", ())),
            "group_acts": frozenset(raw["group_acts"]),
            "group_attacks": frozenset(raw.get("group_attacks", ())),
            "domestic_objects": frozenset(str(w).lower() for w in raw["domestic_objects"]),
            "relations_objects": frozenset(str(w).lower() for w in raw.get("relations_objects", ())),
            "truce_objects": frozenset(str(w).lower() for w in raw.get("truce_objects", ()))}


def _under_act(noun: Token, coding: Trigger) -> bool:
    """An attack, coercion or investigation someone is put or comes under ("placed X under house
    arrest", "came under fire from Y", "placed X under investigation": CAMEO 09 investigate ->
    ACCUSE), or sanctions someone is under or subject to: the noun is the act, also one that is
    no event by itself ("fire")."""
    head = noun.head
    if noun.dep_ != "pobj":
        return False
    if coding.type == "SANCTION":
        # "Libya was subject to UN sanctions", "Iran has been under an arms embargo since 2006",
        # "placed Iraq under sanctions": who is (put) under a sanctions regime is its target
        gov = head.head
        if head.lower_ == "to" and gov.lower_ == "subject" and gov.pos_ == "ADJ":
            gov = gov.head
        elif head.lower_ != "under":
            return False
        return gov.lemma_.lower() in UNDER_VERBS | COPULAS | {"stay", "fall"} and gov.pos_ in ("VERB", "AUX")
    return (coding.type in ("ASSAULT", "COERCE", "ACCUSE") and head.lower_ == "under"
            and head.head.lemma_.lower() in UNDER_VERBS and head.head.pos_ in ("VERB", "AUX"))


def _of_chain(objs: Sequence[Token]) -> list[Token]:
    """Objects of "of" with those of a nested "of" ("thousands of farmers" -> thousands, farmers)."""
    out, level = [], list(objs)
    for _ in range(3):
        out += level
        level = [o for t in level for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for o in _prep_objects(c)]
        if not level:
            break
    return out


def _halts_relations(trigger: Token) -> bool:
    """The act halts talks, a truce or contacts ("broke off talks with the rebels", "suspended the
    ceasefire"): CAMEO 164/165 reduce relations, a SANCTION at home as abroad (domestic.yaml)."""
    words = {trigger.lemma_.lower()}
    # ("withdrew from the talks", "pulled out of the talks": what a withdrawal leaves, also on its particle)
    kids = list(trigger.children) + [g for c in trigger.children if c.dep_ in ("prt", "prep") and c.lower_ == "out"
                                     for g in c.children]
    for c in kids:
        if c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "prep" and c.lower_ in ("of", "from")):
            heads = [c] if c.dep_ != "prep" else _prep_objects(c)
            words.update(h.lemma_.lower() for h in heads)
    return bool(words & _domestic_table()["relations_objects"])


def _distinct_actors(a: Actor, b: Actor) -> bool:
    """Two actors of one country that are not the same body: their sectors differ (GOV vs REB)
    or, sector alike, they are named differently ("the army" and "the police" are both coded
    by sector; two unnamed state references are the same state)."""
    if a.sector != b.sector:
        return True
    return bool(a.sector) and a.text.strip().lower() != b.text.strip().lower()


@Language.factory(
    "detente_events",
    default_config={"lexicon_files": [], "verb_files": [], "verb_codes": "auto", "narrative_dates": True,
                    "domestic": False, "discard_files": [], "verbs_only": False},
)
def make_event_coder(nlp: Language, name: str, lexicon_files: list[str], verb_files: list[str],
                     narrative_dates: bool, verb_codes: str = "auto", domestic: bool = False,
                     discard_files: list[str] | None = None, verbs_only: bool = False) -> EventCoder:
    """Factory for the event coder; `lexicon_files` (YAML) and `verb_files` (PETRARCH verb
    dictionaries, codes read as `verb_codes`: auto, cameo or weis) extend the packaged
    verb/noun/track lexicons; `domestic` codes events within one country too; `discard_files`
    (PETRARCH discard lists) void the sentences and documents that contain their phrases;
    `verbs_only` codes only the verbs of `verb_files`, as PETRARCH does."""
    return EventCoder(load_lexicon(tuple(lexicon_files), tuple(verb_files), verb_codes, verbs_only),
                      narrative_dates=narrative_dates, domestic=domestic,
                      discards=load_discards(tuple(str(p) for p in discard_files or ())))
