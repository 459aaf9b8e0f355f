"""Event coding: who did what to whom, when, from sentences and their dependency parse.

The coder is a small set of rules over spaCy's parse and the project's dictionaries (CAMEO codes
and their PLOVER mapping, verb and noun triggers; formats in docs/events.md). It is pure: the same
document, dictionaries and model always give the same events, and nothing is read or written
besides the dictionaries. Why rules and not a trained model: the events feed alignment measures
whose every count must be explainable from a sentence, and the dictionaries are versioned data a
reader can audit (the coder version string carries their hashes).

What the rules do, in the order they run:

1. **Candidates.** The ingest has already split sentences and found actor mentions. A sentence is
   re-parsed only if its lower-cased words contain an inflected form of a trigger lemma (a set
   look-up, no model) *and* it has a resolved actor: a mention with a code, a he/she whose person
   is known from the last sentences, or "the two countries"/"both sides" after a sentence naming
   exactly two actors, or a generic agent word ("police", "rebels"). Everything else is never
   parsed (nor tagged). A "MOSCOW — " dateline is cut off first: left in, the parser makes the
   city the subject. Within a document a bare surname
   ("Mr Aliyev") takes the code of the full name said earlier.
2. **Triggers.** A verb whose lemma is in ``event_verbs.csv``; among its rows the most specific one
   whose constraints hold wins (particle; a preposition governing an object; the object's lemma as
   direct object, prepositional object, passive subject, or the verb of an infinitive complement:
   "declined to comment"). A noun from ``event_nouns.csv`` ("visit", "summit", "talks"), the first
   of its rows whose ``requires`` holds (possessive / between / to / with), unless it is already an
   argument of a coded verb, the topic of another event noun ("negotiations on an agreement") or
   only described ("the signing ... is a matter of ...").
3. **Arguments.** Source = the subject phrase (the subject of the governing verb for "is expected
   to sign", the agent "by X" in the passive); target = the object of the dictionary's
   preposition, the direct object, a "to"/"with" object (also a few prepositions down the
   document's name: "a declaration on interaction with Russia"), the passive subject, or the object
   of an infinitive complement ("refused to recognise X"). A generic agent from
   ``event_agents.csv`` ("police", "rebels", "protesters") is an actor of last resort: with no
   state of its own it takes the state of the event's place ("police in Baku"), else the one state
   the sentence names, else none (its words are kept). Nouns: source = possessor, modifier,
   "of X", the agent of a participle ("a meeting led by X") or the subject of the verb they are
   the object of; target = "to/with X" ("on/against X" for conflict codes). An actor is the nearest
   resolved mention in the phrase (breadth-first over its tree; locative "in X" and participle
   phrases only if nothing else is found; an unresolved name heading the phrase stops the search,
   so "the DPR in eastern Ukraine" is not Ukraine); conjuncts give several actors. A person
   resolves to the state whose office they held on the article date; an IGO keeps its code; a
   capital used as a compound modifier ("the Baku Declaration") is a place, not an actor; a former
   office holder is not his state's actor. "between X and Y" names the parties when the subject
   does not. Material conflict (quad class 4) needs an actor on both sides: "fight the pandemic".
4. **Reciprocity.** Conjoined sources ("Azerbaijan and Armenia agreed", "X and Y signed an
   agreement"), or a source and target of a mutual event (CAMEO 03x intent, 04x consult except the
   directed visit/host/mediate codes, 050, 057 signing, 06x cooperation), give both directions;
   the other parties named ("signed ... with X") are paired with each. A 040 meeting in a third
   state's place is 044.
5. **Status.** ``negated``: a negation on the trigger or its governors ("not", "never", "no
   agreement"), or a refusal verb governing it ("refused/declined to recognise", "failed to").
   A refusal is also an act: the refuser is coded with a REJECT event — by the dictionary's own
   refuse/decline/reject rows when it has them, else CAMEO 12x chosen from what was refused
   (meeting 125, agreement 127, cooperation 121, else 120). So "Kazakhstan refused to recognise X"
   asserts a rejection while the recognition itself is negated: alignment counts see the
   rejection and never a recognition. A bare "has not recognised" is an absence, not an act, and
   gives no REJECT. ``intended``: a modal (will, would, shall, may, might, could, can, should,
   must), a governing verb of plan, expectation or demand ("is expected / set / due / likely to",
   "plans", "intends", "prepared to", "agreed to", "demanded that"), an infinitive of purpose or a
   relative "to be signed", or an "if" clause. Negation wins over intention ("will not recognise"
   is negated). A noun takes the status of the verb it is an argument of.
6. **Reported speech.** A communication verb (say, state, tell, announce..., and every verb the
   dictionary codes as a bare 01x statement) with a clausal complement: events in the complement
   are coded with ``speaker`` = the sayer's actor ("according to X" too); the sayer's own
   statement (CAMEO 010, or the verb's 01x row) is coded only when the complement yields no event
   involving the sayer. A negated "did not say that" makes the complement negated.
7. **Dates and places.** :func:`nonaligned.text.timex.resolve` on the sentence, choosing the date
   words nearest to the trigger; an intended event reads weekdays forward. No date words: the
   article date with day precision (no article date: no date; unresolvable words are kept in
   ``date_text`` with no date). Location: a place mention in an "in/at X" phrase on the trigger
   (or its object).

Confidence (``_confidence``) is a simple additive score, not a probability: 0.40 base, +0.08 per
dictionary constraint the trigger row satisfied (specificity), +0.30 when both actors are resolved
(+0.15 for one), -0.03 per dependency edge beyond two between trigger and the farthest actor (at
most -0.20), -0.10 when an actor came from a pronoun or a "the two countries" phrase; clipped to
[0.05, 0.99].
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from . import timex
from .actors import Mention
from .plover import PLOVER_EVENTS as PLOVER_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = [
    "CODER_SEMVER",
    "DocInput",
    "Event",
    "EventDictionary",
    "code_batch",
    "code_document",
    "code_text",
    "coder_version",
    "default_dictionary",
    "load_dictionary",
]

CODER_SEMVER = "0.3.0"
PLOVER_EVENTS = frozenset(PLOVER_TYPES)
NOUN_REQUIRES = frozenset({"", "possessive", "of", "between", "with", "to"})
FILES = ("cameo_plover.csv", "event_verbs.csv", "event_nouns.csv", "event_agents.csv")
# CAMEO agent (sector) codes a generic actor may take in event_agents.csv
SECTORS = frozenset(
    {"GOV", "MIL", "COP", "REB", "OPP", "CVL", "EDU", "LAB", "AGR", "LEG", "JUD", "REF", "MED",
     "BUS", "HLH", "NGO", "SPY", "UAF"}
)  # fmt: skip

# Verbs that report speech: their clausal complement is someone's claim, not the writer's.
SPEECH = frozenset(
    {
        "say",
        "state",
        "tell",
        "announce",
        "declare",
        "stress",
        "emphasize",
        "note",
        "add",
        "claim",
        "assert",
        "reiterate",
        "underline",
        "report",
        "argue",
        "confirm",
        "write",
    }
)
# Governors that make what they govern an intention, a plan, a demand or an expectation.
INTEND = frozenset(
    {
        "expect",
        "plan",
        "intend",
        "set",
        "due",
        "prepare",
        "hope",
        "want",
        "wish",
        "seek",
        "aim",
        "agree",
        "promise",
        "pledge",
        "vow",
        "offer",
        "propose",
        "schedule",
        "decide",
        "likely",
        "ready",
        "willing",
        "try",
        "attempt",
        "going",
        "demand",
        "urge",
        "ask",
        "call",
        "request",
        "insist",
        "suggest",
        "invite",
        "threaten",
        "poise",
        "slate",
    }
)
# The subset of INTEND by which the actor itself announces what it will do. CAMEO codes such an
# announcement as an asserted *expression of intent* (03x, or a threat 13x), beside the intended
# event itself; an expectation held by others ("is expected to sign", "is due to") is not one, nor
# is a wish or a preparation ("hopes to", "seeks to", "prepared to sign"): CAMEO's 03 is an offer,
# promise, agreement or declared commitment.
EXPRESS = frozenset(
    {
        "plan",
        "intend",
        "agree",
        "promise",
        "pledge",
        "vow",
        "offer",
        "propose",
        "decide",
        "ready",
        "willing",
    }
)
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
REFUSE = frozenset({"refuse", "decline", "reject"})
FAIL = frozenset({"fail", "neglect"})
MODALS = frozenset(
    {"will", "would", "shall", "may", "might", "could", "can", "should", "must", "'ll", "wo", "ca"}
)
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor"})
# Mutual events: sign an agreement, meet, negotiate, cooperate, agree to, telephone, establish
# relations. Conjoined parties give both directions; a source and a target too.
RECIPROCAL_PREFIXES = ("03", "04", "06")
RECIPROCAL_CODES = frozenset({"050", "057"})
NOT_RECIPROCAL = frozenset(
    {"042", "043", "045", "0331", "0332", "0333", "0334", "031", "032", "033"}
)
LOC_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
TEMPORAL_PREPS = frozenset({"during", "after", "before", "since", "until", "following", "ahead"})
STOP_DEPS = frozenset(
    {
        "relcl",
        "acl",
        "advcl",
        "ccomp",
        "xcomp",
        "parataxis",
        "punct",
        "cc",
        "mark",
        "aux",
        "auxpass",
        "neg",
        "det",
        "case",
        "prt",
    }
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
PLACE_KINDS = frozenset({"capital", "state", "unknown_place"})
_PAIR_ANAPHOR = re.compile(
    r"\b(?:(?:the|their)\s+two|both(?:\s+the)?)\s+(?:countries|states|sides|presidents|leaders|"
    r"governments|nations|parties|heads\s+of\s+state|foreign\s+ministers|ministers)\b",
    re.IGNORECASE,
)
# "MOSCOW — " / "BAKU, Feb 22 (Agency) - ": a dateline names where the story was filed; left in,
# the parser takes the city for the subject of the first sentence.
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40}(?:,[^—–\n]{0,40})?\s+[—–-]{1,2}\s+")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_TITLES = re.compile(
    r"^(?:mr|mrs|ms|dr|president|prime\s+minister|minister|foreign\s+minister|premier|"
    r"chancellor|king|queen|emir|sheikh|general)\.?\s+",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- interface


@dataclass(frozen=True)
class DocInput:
    """What the coder needs of a stored document (docs/events.md)."""

    doc_id: str
    text: str
    published: date | None
    sentences: list[tuple[int, int, str]]  # (start, end, text) offsets into text
    mentions: list[Mention]  # from nonaligned.text.actors


@dataclass(frozen=True)
class Event:
    """One coded event with its provenance (docs/events.md)."""

    event_id: str
    doc_id: str
    sent: int
    start: int
    end: int
    sentence: str
    actor: str | None
    actor_text: str | None
    recipient: str | None
    recipient_text: str | None
    event: str | None
    mode: str | None
    context: str | None
    cameo: str
    goldstein: float
    quad_class: int
    penta_class: int
    date: date | None
    date_precision: str | None
    date_text: str | None
    location: str | None
    status: str
    speaker: str | None
    confidence: float
    coder: str


# --------------------------------------------------------------------------- dictionaries


@dataclass(frozen=True)
class CameoCode:
    cameo: str
    name: str
    goldstein: float
    quad_class: int
    penta_class: int
    event: str | None
    mode: str | None
    context: str | None


@dataclass(frozen=True)
class VerbRule:
    lemma: str
    particle: str
    prep: str
    objects: frozenset[str]
    cameo: str
    line: int

    @property
    def specificity(self) -> int:
        return int(bool(self.particle)) + int(bool(self.prep)) + int(bool(self.objects))


@dataclass(frozen=True)
class NounRule:
    lemma: str
    cameo: str
    requires: str
    line: int


@dataclass(frozen=True)
class AgentRule:
    """A generic actor noun ("police", "rebels"): a CAMEO sector, no state of its own."""

    lemma: str
    sector: str
    plural_only: bool  # "forces" is an armed body, "force" is not
    line: int


@dataclass(frozen=True)
class EventDictionary:
    """The event dictionaries, validated, with the word forms the pre-check looks for."""

    codes: dict[str, CameoCode]
    verbs: dict[str, list[VerbRule]]
    nouns: dict[str, list[NounRule]]
    hashes: dict[str, str]
    surface: frozenset[str] = field(default=frozenset())
    speech: frozenset[str] = SPEECH
    agents: dict[str, AgentRule] = field(default_factory=dict)
    agent_surface: frozenset[str] = field(default=frozenset())

    @property
    def version(self) -> str:
        """'rules-0.3.0+cameo.<h>.verbs.<h>.nouns.<h>.agents.<h>': coder semver, then the
        dictionaries' hashes."""
        h = self.hashes
        return (
            f"rules-{CODER_SEMVER}+cameo.{h['cameo_plover.csv']}.verbs.{h['event_verbs.csv']}"
            f".nouns.{h['event_nouns.csv']}.agents.{h['event_agents.csv']}"
        )


def norm_lemma(word: str) -> str:
    """Lower case, British -ise/-yse spelt -ize/-yze, so 'recognised' and 'recognized' meet."""
    w = word.lower()
    if w.endswith("ise") and len(w) > 5:
        return w[:-3] + "ize"
    if w.endswith("yse"):
        return w[:-3] + "yze"
    return w


def _data_dir() -> Path:
    return Path(str(resources.files("nonaligned.text") / "data"))


def _rows(path: Path, required: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = [h.strip() for h in (reader.fieldnames or [])]
            missing = [c for c in required if c not in header]
            if missing:
                raise DataError(f"{path} line 1: missing column(s) {', '.join(missing)}")
            out = []
            for i, raw in enumerate(reader, start=2):
                if None in raw:
                    raise DataError(f"{path} line {i}: more fields than the header has")
                row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
                if not any(row.values()):
                    continue
                out.append((i, row))
            return out
    except FileNotFoundError as exc:
        raise DataError(
            f"{path}: not found; the event coder needs {', '.join(FILES)} in {path.parent}"
        ) from exc
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot be read as a UTF-8 CSV table ({exc})") from exc


def _int_in(value: str, lo: int, hi: int, path: Path, line: int, column: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = lo - 1
    if not lo <= n <= hi:
        raise DataError(f"{path} line {line}: {column} {value!r} is not an integer {lo}-{hi}")
    return n


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",), "hold": ("held",), "take": ("took", "taken"), "fly": ("flew", "flown"),
    "make": ("made",), "pay": ("paid",), "go": ("went", "gone"), "come": ("came",),
    "send": ("sent",), "give": ("gave", "given"), "speak": ("spoke", "spoken"),
    "tell": ("told",), "say": ("said",), "seek": ("sought",), "lead": ("led",),
    "bring": ("brought",), "break": ("broke", "broken"), "fight": ("fought",),
    "shoot": ("shot",), "begin": ("began", "begun"), "withdraw": ("withdrew", "withdrawn"),
    "choose": ("chose", "chosen"), "draw": ("drew", "drawn"), "win": ("won",),
    "lose": ("lost",), "buy": ("bought",), "sell": ("sold",), "strike": ("struck",),
    "write": ("wrote", "written"), "see": ("saw", "seen"), "stand": ("stood",),
    "keep": ("kept",), "leave": ("left",), "hear": ("heard",), "find": ("found",),
    "forgive": ("forgave", "forgiven"), "throw": ("threw", "thrown"),
    "freeze": ("froze", "frozen"), "undertake": ("undertook", "undertaken"),
    "overtake": ("overtook", "overtaken"), "forbid": ("forbade", "forbidden"),
    "shake": ("shook", "shaken"), "swear": ("swore", "sworn"), "bind": ("bound",),
    "teach": ("taught",), "catch": ("caught",), "think": ("thought",), "feel": ("felt",),
    "spend": ("spent",), "build": ("built",), "lend": ("lent",), "bear": ("bore", "borne"),
    "rise": ("rose", "risen"), "drive": ("drove", "driven"), "ride": ("rode", "ridden"),
    "beat": ("beaten",), "arise": ("arose", "arisen"), "foresee": ("foresaw", "foreseen"),
}  # fmt: skip


def _spellings(lemma: str) -> set[str]:
    out = {lemma}
    if lemma.endswith("ize"):
        out.add(lemma[:-3] + "ise")
    if lemma.endswith("yze"):
        out.add(lemma[:-3] + "yse")
    return out


def inflections(lemma: str) -> set[str]:
    """Word forms a lemma may take in text (over-generous: the parse decides afterwards)."""
    forms: set[str] = set()
    for w in _spellings(lemma):
        forms |= {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
        if w.endswith("e"):
            forms.add(w[:-1] + "ing")
        if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
            forms |= {w[:-1] + "ies", w[:-1] + "ied"}
        if len(w) > 2 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
        forms.update(_IRREGULAR.get(w, ()))
    return forms


def load_dictionary(folder: Path | None = None) -> EventDictionary:
    """Read and validate the event dictionaries; a malformed row is a DataError naming it."""
    folder = folder or _data_dir()
    hashes: dict[str, str] = {}
    for name in FILES:
        path = folder / name
        try:
            hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
        except OSError as exc:
            raise DataError(
                f"{path}: not found; the event coder needs {', '.join(FILES)} in {folder}"
            ) from exc

    path = folder / "cameo_plover.csv"
    codes: dict[str, CameoCode] = {}
    for i, row in _rows(
        path, ("cameo", "name", "goldstein", "quad_class", "penta_class", "plover_event")
    ):
        code = row["cameo"]
        if not re.fullmatch(r"\d{2,4}", code):
            raise DataError(f"{path} line {i}: cameo {code!r} is not a 2-4 digit code")
        if code in codes:
            raise DataError(f"{path} line {i}: cameo {code} is listed twice")
        try:
            goldstein = float(row["goldstein"])
        except ValueError:
            goldstein = float("nan")
        if not -10.0 <= goldstein <= 10.0:
            raise DataError(f"{path} line {i}: goldstein {row['goldstein']!r} is not in -10..10")
        event = row.get("plover_event") or None
        if event is not None and event not in PLOVER_EVENTS:
            raise DataError(f"{path} line {i}: plover_event {event!r} is not a PLOVER event type")
        codes[code] = CameoCode(
            code,
            row["name"],
            goldstein,
            _int_in(row["quad_class"], 1, 4, path, i, "quad_class"),
            _int_in(row["penta_class"], 0, 4, path, i, "penta_class"),
            event,
            row.get("plover_mode") or None,
            row.get("plover_context") or None,
        )

    path = folder / "event_verbs.csv"
    verbs: dict[str, list[VerbRule]] = {}
    seen: dict[tuple[str, str, str, frozenset[str]], tuple[str, int]] = {}
    for i, row in _rows(path, ("lemma", "particle", "prep", "object", "cameo")):
        lemma = norm_lemma(row["lemma"])
        if not re.fullmatch(r"[a-z][a-z-]*", lemma):
            raise DataError(f"{path} line {i}: lemma {row['lemma']!r} is not one lower-case word")
        if row["cameo"] not in codes:
            raise DataError(f"{path} line {i}: cameo {row['cameo']!r} is not in cameo_plover.csv")
        objects = frozenset(norm_lemma(o.strip()) for o in row["object"].split("|") if o.strip())
        rule = VerbRule(
            lemma, row["particle"].lower(), row["prep"].lower(), objects, row["cameo"], i
        )
        key = (rule.lemma, rule.particle, rule.prep, rule.objects)
        if key in seen and seen[key][0] != rule.cameo:
            raise DataError(
                f"{path} line {i}: same lemma and constraints as line {seen[key][1]} with a "
                f"different cameo ({seen[key][0]} vs {rule.cameo})"
            )
        seen[key] = (rule.cameo, i)
        verbs.setdefault(lemma, []).append(rule)

    path = folder / "event_nouns.csv"
    nouns: dict[str, list[NounRule]] = {}
    for i, row in _rows(path, ("lemma", "cameo", "requires")):
        lemma = norm_lemma(row["lemma"])
        if not re.fullmatch(r"[a-z][a-z-]*", lemma):
            raise DataError(f"{path} line {i}: lemma {row['lemma']!r} is not one lower-case word")
        if row["cameo"] not in codes:
            raise DataError(f"{path} line {i}: cameo {row['cameo']!r} is not in cameo_plover.csv")
        requires = row["requires"].lower()
        if requires not in NOUN_REQUIRES:
            raise DataError(
                f"{path} line {i}: requires {row['requires']!r} is not one of "
                f"{', '.join(sorted(r or '(empty)' for r in NOUN_REQUIRES))}"
            )
        nouns.setdefault(lemma, []).append(NounRule(lemma, row["cameo"], requires, i))

    path = folder / "event_agents.csv"
    agents: dict[str, AgentRule] = {}
    for i, row in _rows(path, ("lemma", "sector", "number")):
        lemma = norm_lemma(row["lemma"])
        if not re.fullmatch(r"[a-z][a-z-]*", lemma):
            raise DataError(f"{path} line {i}: lemma {row['lemma']!r} is not one lower-case word")
        if lemma in agents:
            raise DataError(f"{path} line {i}: lemma {lemma!r} is listed twice")
        if row["sector"] not in SECTORS:
            raise DataError(
                f"{path} line {i}: sector {row['sector']!r} is not one of {', '.join(sorted(SECTORS))}"
            )
        if row["number"] not in ("", "plural"):
            raise DataError(f"{path} line {i}: number {row['number']!r} is not empty or 'plural'")
        agents[lemma] = AgentRule(lemma, row["sector"], row["number"] == "plural", i)
    agent_surface = {
        f
        for a in agents.values()
        for f in inflections(a.lemma)
        if f.endswith("s") or not a.plural_only
    }

    surface: set[str] = set()
    for lemma in (*verbs, *SPEECH, *REFUSE):
        surface |= inflections(lemma)
    for lemma in nouns:
        surface |= inflections(lemma)
    # communication verbs: the built-in list and every verb the dictionary codes as a bare
    # statement (an unconstrained 01x row: "affirm", "acknowledge", "recognise" by default)
    speech = SPEECH | {
        lemma
        for lemma, rules in verbs.items()
        if any(r.specificity == 0 and r.cameo.startswith("01") for r in rules)
    }
    return EventDictionary(
        codes,
        verbs,
        nouns,
        hashes,
        frozenset(surface),
        frozenset(speech),
        agents,
        frozenset(agent_surface),
    )


@lru_cache(maxsize=1)
def default_dictionary() -> EventDictionary:
    """The bundled dictionaries, read once per process."""
    return load_dictionary()


def coder_version() -> str:
    """The version stamped on every event coded with the bundled dictionaries (the store codes a
    document again when this changes)."""
    return default_dictionary().version


# --------------------------------------------------------------------------- pipeline


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    """The shared spaCy pipeline (one per process: a pool or Spark worker loads it once)."""
    from . import nlp

    return nlp.load()


def _parse(nlp: Any, texts: list[str]) -> list[Doc]:
    """Tag and parse (no NER: the mentions came with the document); lemmas added if disabled."""
    if not texts:
        return []
    skip = [name for name in ("ner",) if name in nlp.pipe_names]
    docs = list(nlp.pipe(texts, disable=skip, batch_size=64))
    if "lemmatizer" not in nlp.pipe_names and "lemmatizer" in nlp.component_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        docs = [lemmatizer(d) for d in docs]
    return docs


# --------------------------------------------------------------------------- actors in a sentence


@dataclass(frozen=True)
class _Actor:
    code: str | None
    text: str
    token: int  # the mention's head token in the parsed sentence
    first: int  # first and last token of the mention
    last: int
    kind: str
    indirect: bool = False  # from a pronoun or a "the two countries" phrase


def _actor_code(m: Mention) -> str | None:
    """The code a mention acts under: persons in office resolve to their state, IGOs keep theirs.

    A former (or future) office holder does not act for the state; an unresolved name has none.
    """
    if m.code is None:
        return None
    if m.kind == "person" and m.role and m.role.startswith(("former_", "future_")):
        return None
    return m.code


def _name_words(text: str) -> list[str]:
    """The words of a name without its title: "President Xi Jinping" -> ["xi", "jinping"]."""
    return [w.lower() for w in _TITLES.sub("", text.strip()).split() if len(w) > 1]


def _coreference(doc: DocInput) -> list[tuple[Mention, str | None]]:
    """Mentions with their acting code; 'Mr Aliyev' takes the code of an earlier 'Ilham Aliyev'.

    The recogniser leaves a bare surname unresolved when several office holders share it; within
    one article the full name said first is the one meant.
    """
    out: list[tuple[Mention, str | None]] = []
    by_surname: dict[str, str | None] = {}
    for m in sorted(doc.mentions, key=lambda x: x.start):
        code = _actor_code(m)
        if m.kind == "person" and code is not None:
            # every word of the full name: the family name comes last in "Ilham Aliyev" and
            # first in "Xi Jinping"
            for name in _name_words(m.text):
                prev = by_surname.get(name, code)
                by_surname[name] = code if prev == code else None  # two states: ambiguous
        elif code is None and m.kind in ("unknown_person", "person"):
            words = _name_words(m.text)
            if len(words) == 1:
                code = by_surname.get(words[0])
        out.append((m, code))
    return out


@dataclass
class _Sentence:
    """One candidate sentence: its place in the document and the mentions inside it."""

    index: int
    start: int
    text: str
    mentions: list[tuple[int, int, Mention, str | None, bool]]  # local offsets, code, indirect


def _candidates(doc: DocInput, dictionary: EventDictionary) -> list[_Sentence]:
    """Sentences worth parsing: a trigger word and an actor: a resolved one (mention, pronoun,
    'the two') or a generic agent word ("police", "rebels")."""
    coded = _coreference(doc)
    by_sent: list[list[tuple[Mention, str | None]]] = [[] for _ in doc.sentences]
    bounds = [(s, e) for s, e, _ in doc.sentences]
    k = 0
    for m, code in coded:
        while k < len(bounds) and bounds[k][1] <= m.start:
            k += 1
        if k < len(bounds) and bounds[k][0] <= m.start and m.end <= bounds[k][1]:
            by_sent[k].append((m, code))
    out: list[_Sentence] = []
    for i, (s_given, _, given) in enumerate(doc.sentences):
        s, text = s_given, given
        words = set(_WORD.findall(text.lower()))
        if not words & dictionary.surface:
            continue
        if (
            doc.text[s : s + len(text)] != text
        ):  # offsets disagree with the text: find the sentence nearby
            found = doc.text.find(text, max(0, s - 200))
            if found < 0:
                continue
            s = found
        dateline = _DATELINE.match(text)
        if dateline:
            s, text = s + dateline.end(), text[dateline.end() :]
        local = [
            (m.start - s, m.end - s, m, code, False)
            for m, code in by_sent[i]
            if m.start >= s and m.end - s <= len(text)
        ]
        local += _pronouns(text, words, i, s, by_sent)
        local += _pair_anaphors(text, i, by_sent, local)
        if any(code is not None for *_, code, _ in local) or words & dictionary.agent_surface:
            out.append(_Sentence(i, s, text, local))
    return out


def _pronouns(
    text: str, words: set[str], i: int, s0: int, by_sent: list[list[tuple[Mention, str | None]]]
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """He/she/his/her: a person named earlier in the same sentence, else the first resolved person
    of the nearest of the two sentences before.

    Subjects come first in news sentences, so the first person named is the likeliest referent
    ("President Aliyev flew to Moscow at the invitation of President Putin. He was accompanied").
    """
    if not words & PERSON_PRONOUNS:
        return []
    out: list[tuple[int, int, Mention, str | None, bool]] = []
    for m in re.finditer(r"\b(?:he|she|his|her|him)\b", text, re.IGNORECASE):
        persons = [
            (mm, c)
            for mm, c in by_sent[i]
            if c is not None and "person" in mm.kind and mm.start - s0 < m.start()
        ]
        antecedent = persons[-1] if persons else None
        for j in range(i - 1, max(-1, i - 3), -1):
            if antecedent is not None:
                break
            earlier = [(mm, c) for mm, c in by_sent[j] if c is not None and "person" in mm.kind]
            if earlier:
                antecedent = earlier[0]
        if antecedent is None:
            continue
        mm, code = antecedent
        pseudo = Mention(m.start(), m.end(), m.group(0), "pronoun", code, mm.person, mm.role,
                         "coreference", 0.6)  # fmt: skip
        out.append((m.start(), m.end(), pseudo, code, True))
    return out


def _pair_anaphors(
    text: str,
    i: int,
    by_sent: list[list[tuple[Mention, str | None]]],
    local: list[tuple[int, int, Mention, str | None, bool]],
) -> list[tuple[int, int, Mention, str | None, bool]]:
    """'the two countries', 'both sides': the two actors of the nearest sentence naming exactly two.

    Looked for first earlier in the same sentence, then in the three sentences before.
    """
    out: list[tuple[int, int, Mention, str | None, bool]] = []
    for m in _PAIR_ANAPHOR.finditer(text):
        before = {c for s, _, _, c, ind in local if c is not None and s < m.start() and not ind}
        pair: set[str] = before if len(before) == 2 else set()
        for j in range(i - 1, max(-1, i - 4), -1):
            if pair:
                break
            codes = {c for _, c in by_sent[j] if c is not None}
            if len(codes) >= 2:
                pair = codes if len(codes) == 2 else set()
                break
        for code in sorted(pair):
            pseudo = Mention(m.start(), m.end(), m.group(0), "anaphor", code, None, None,
                             "coreference", 0.6)  # fmt: skip
            out.append((m.start(), m.end(), pseudo, code, True))
    return out


class _Parsed:
    """A parsed candidate sentence and its actors indexed by head token."""

    def __init__(
        self, sent: _Sentence, parsed: Doc, agents: dict[str, AgentRule] | None = None
    ) -> None:
        self.sent = sent
        self.doc = parsed
        self.actors: dict[int, list[_Actor]] = {}
        self.places: dict[int, tuple[str, str | None]] = {}
        covered: set[int] = set()
        for s, e, m, code, indirect in sent.mentions:
            span = parsed.char_span(s, e, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            if (
                m.kind == "capital"
                and root.dep_ == "compound"
                and root.head.pos_ in ("NOUN", "PROPN")
                and not (span.start <= root.head.i < span.end)
            ):
                # "the Baku Declaration", "the Moscow talks": a place in a name, not an actor
                self.places.setdefault(root.i, (m.text, code))
                continue
            actor = _Actor(code, m.text, root.i, span.start, span.end - 1, m.kind, indirect)
            self.actors.setdefault(root.i, []).append(actor)
            covered.update(range(span.start, span.end))
            if m.kind in PLACE_KINDS:
                self.places.setdefault(root.i, (m.text, code))
        for tok in parsed if agents else ():
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            assert agents is not None
            rule = agents.get(norm_lemma(tok.lemma_)) or agents.get(tok.lower_)
            if rule is None or (rule.plural_only and tok.tag_ not in ("NNS", "NNPS")):
                continue
            # the agent with its modifiers: "riot police", "government forces"
            mods = [c.i for c in tok.lefts if c.dep_ in ("compound", "amod") and c.i not in covered]
            first = min([tok.i, *mods])
            text = parsed[first : tok.i + 1].text
            agent = _Actor(None, text, tok.i, first, tok.i, "agent")
            self.actors.setdefault(tok.i, []).append(agent)

    # -- phrases ------------------------------------------------------------------------------

    def phrase(self, head: Token | None, exclude: Iterable[int] = ()) -> list[_Actor]:
        """Actors of the phrase headed by ``head``: per conjunct, the nearest resolved mention."""
        if head is None:
            return []
        head = self._antecedent(head)
        heads = [head, *head.conjuncts]
        ban = set(exclude)
        out: list[_Actor] = []
        unresolved: list[_Actor] = []
        for h in heads:
            others = {x.i for x in heads if x.i != h.i}
            found = self._nearest(h, others | ban, permissive=False)
            named = [a for a in self.actors.get(h.i, []) if h.i not in ban]
            if not any(a.code for a in found) and not any(a.kind != "agent" for a in named):
                # nothing outside locative and participle phrases: look there too ("officials
                # in Baku", "the meeting, led by the deputy prime ministers of A and B")
                found = self._nearest(h, others | ban, permissive=True)
            out += [a for a in found if a.code is not None]
            unresolved += [a for a in found if a.code is None] or named
        return _unique(out) if out else _unique(unresolved)[:1]

    def _antecedent(self, tok: Token) -> Token:
        """A relative pronoun stands for the noun its clause modifies ("..., which Moscow ...")."""
        if tok.tag_ in ("WDT", "WP") and tok.head.dep_ in ("relcl", "acl"):
            return tok.head.head
        return tok

    def _nearest(self, head: Token, ban: set[int], permissive: bool) -> list[_Actor]:
        """Breadth-first from ``head``: the resolved mentions at the smallest depth, with their
        conjuncts. An unresolved name as the head itself ("the DPR in eastern Ukraine") is
        returned when nothing resolved is found outside locative phrases: the phrase is about
        that name, not about the place it is in."""
        frontier = [head]
        depth = 0
        agents: list[_Actor] = []  # the nearest generic agents, if nothing resolved is found
        while frontier and depth <= 6:
            hits = [a for t in frontier for a in self.actors.get(t.i, []) if t.i not in ban]
            resolved = [a for a in hits if a.code is not None]
            if not agents:
                agents = [a for a in hits if a.kind == "agent"]
            if resolved:
                extra = [
                    a
                    for r in resolved
                    for c in self.doc[r.token].conjuncts
                    if c.i not in ban
                    for a in self.actors.get(c.i, [])
                    if a.code is not None
                ]
                return _unique(resolved + extra)
            nxt = []
            for t in frontier:
                for c in t.children:
                    if c.i in ban or c.dep_ == "conj":
                        continue
                    if c.dep_ in STOP_DEPS and not (
                        permissive and c.dep_ == "acl" and _children(c, "agent")
                    ):
                        continue
                    if not permissive and c.dep_ == "prep" and c.lower_ in LOC_PREPS:
                        continue
                    nxt.append(c)
            frontier = nxt
            depth += 1
        return agents

    def between(self, *heads: Token | None) -> list[_Actor]:
        """Parties named by a 'between X and Y' phrase on any of ``heads`` (or a few
        prepositions down a noun: "negotiations on an agreement between X and Y")."""
        for h in heads:
            if h is None:
                continue
            preps = _noun_preps(h) if h.pos_ in ("NOUN", "PROPN") else _children(h, "prep")
            for c in preps:
                if c.lower_ == "between":
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs:
                        found = self.phrase(objs[0])
                        if len({a.code for a in found if a.code}) >= 2:
                            return found
        return []

    def place(self, *heads: Token | None) -> tuple[str, str | None] | None:
        """A place mention in an 'in/at X' phrase attached to one of ``heads``."""
        for h in heads:
            if h is None:
                continue
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                    for t in c.subtree:
                        if t.i in self.places:
                            return self.places[t.i]
        return None


def _stateless_agent(a: _Actor | None) -> bool:
    return a is not None and a.kind == "agent" and a.code is None


def _placed(a: _Actor | None, home: str) -> _Actor | None:
    """``a`` acting for ``home`` if it is a generic agent with no state of its own."""
    return replace(a, code=home) if a is not None and _stateless_agent(a) else a


def _only_state(p: _Parsed) -> str | None:
    """The one state the sentence names (by a state, capital, demonym or person), if exactly one."""
    states = {
        a.code
        for found in p.actors.values()
        for a in found
        if a.code and a.kind in ("state", "capital", "nationality", "person", "pronoun")
    }
    return states.pop() if len(states) == 1 else None


def _acts(a: _Actor) -> bool:
    """An actor an event can be about: a resolved one, or a generic agent ("police")."""
    return a.code is not None or a.kind == "agent"


def _unique(actors: Iterable[_Actor]) -> list[_Actor]:
    seen: set[tuple[str | None, int]] = set()
    out = []
    for a in actors:
        key = (a.code, a.token)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


# --------------------------------------------------------------------------- syntax helpers


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _is_passive(v: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)


def _subjects(v: Token) -> list[Token]:
    """The subjects of ``v`` or, for "is expected to sign" / "recognised X and signed Y", its
    governor's (climbing xcomp, conj and adjectival complements). Several when the parser gave
    two coordinated names each its own subject arc instead of a conjunction."""
    tok = v
    for _ in range(5):
        subj = _children(tok, "nsubj") if tok.i == v.i else _children(tok, "nsubj", "nsubjpass")
        if subj:
            return subj
        if tok.dep_ in ("xcomp", "conj", "acomp") or (
            tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN")
        ):
            if tok.head.i == tok.i:
                return []
            tok = tok.head
            continue
        return []
    return []


def _subject(v: Token) -> Token | None:
    subj = _subjects(v)
    return subj[0] if subj else None


def _agent(v: Token) -> Token | None:
    for a in _children(v, "agent"):
        objs = _children(a, "pobj")
        if objs:
            return objs[0]
    return None


def _pobj(prep: Token) -> Token | None:
    objs = _children(prep, "pobj", "pcomp")
    return objs[0] if objs else None


def _has_neg(tok: Token) -> bool:
    return any(
        c.dep_ == "neg" or (c.lower_ in NEG_WORDS and c.dep_ in ("advmod", "det"))
        for c in tok.children
    )


def _has_modal(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children) or any(
        c.dep_ == "aux" and c.lower_ == "going" for c in tok.children
    )


def _future_modal(tok: Token) -> bool:
    """'will'/'shall' on an active verb: an announcement, unlike 'could', 'may' or 'would'."""
    return not _is_passive(tok) and any(
        c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in tok.children
    )


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "TO" for c in tok.children)


@dataclass
class _Status:
    status: str
    refusal: Token | None  # the refusing verb, if a refusal governs the event
    speech: Token | None  # the communication verb whose complement holds the event
    intent: Token | None = None  # the actor's own announcement: "will", "plans to", "vowed to"


def _status(trigger: Token, speech_verbs: frozenset[str] = SPEECH) -> _Status:
    """Negation, intention, refusal and the reporting verb, from the trigger and its governors."""
    negated = False
    intended = False
    conditional = False
    refusal: Token | None = None
    speech: Token | None = None
    intent: Token | None = None
    tok = trigger
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.lower_ in ("no", "without") for c in tok.children if c.dep_ in ("det", "neg")):
            negated = True
        # a noun takes its status from the verb it is an argument of
        hops = 0
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and hops < 4:
            if tok.dep_ == "pobj" and tok.head.lower_ == "without":
                negated = True
            tok = tok.head
            hops += 1
        if tok.pos_ in ("VERB", "AUX", "ADJ") and norm_lemma(tok.lemma_) in INTEND:
            intended = True
    first = True
    for _ in range(8):
        if _has_neg(tok):
            negated = True
        if _has_modal(tok):
            intended = True
            if intent is None and _future_modal(tok):
                intent = tok
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in tok.children):
            intended = True
            conditional = True
        if any(
            c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in _children(c, "mark"))
            for c in tok.children
        ):
            conditional = True  # "will sign if the talks succeed": a condition, not a commitment
        lemma = norm_lemma(tok.lemma_)
        if not first:
            if lemma in REFUSE:
                negated = True
                refusal = refusal or tok
            elif lemma in FAIL:
                negated = True
            elif lemma in INTEND:
                intended = True
                if intent is None and lemma in EXPRESS and not _is_passive(tok):
                    intent = tok
        if tok.dep_ in ("relcl", "acl", "advcl") and _is_infinitive(tok) and first:
            intended = True  # "the declaration to be signed", "convened ... to coordinate"
        if tok.head.i == tok.i:
            break
        dep, head = tok.dep_, tok.head
        head_lemma = norm_lemma(head.lemma_)
        if dep in ("xcomp", "conj", "acomp"):
            tok, first = head, False
            continue
        if dep in ("ccomp", "parataxis") and head_lemma in speech_verbs:
            speech = speech or head
            if _has_neg(head):
                negated = True  # "did not say that ...": the claim is not asserted
            break
        if dep == "ccomp" and head_lemma in INTEND | REFUSE:
            tok, first = head, False
            continue
        break
    if speech is None:
        speech = next(
            (
                c
                for c in trigger.children
                if c.dep_ == "parataxis"
                and norm_lemma(c.lemma_) in speech_verbs
                and not _children(c, "ccomp")
            ),
            None,
        )
    status = "negated" if negated else "intended" if intended else "asserted"
    if status != "intended" or conditional or trigger.pos_ not in ("VERB", "AUX"):
        intent = None  # only an unconditional announcement of a verbal event is one
    return _Status(status, refusal, speech, intent)


# --------------------------------------------------------------------------- triggers


@dataclass
class _Trigger:
    token: Token
    cameo: str
    specificity: int
    rule_prep: str
    obj: Token | None  # the object noun the rule matched (a document or event noun)
    nominal: bool
    requires: str = ""
    extra_tokens: tuple[int, ...] = ()


def _object_candidates(v: Token) -> list[Token]:
    """Where a dictionary row's object lemma may stand: the direct object, a prepositional object
    (or gerund), the passive subject, the noun a passive participle modifies, and the verb of an
    infinitive complement with its object ("agreed to provide aid", "declined to comment")."""
    cands = [
        c.head.head if c.tag_ in ("WDT", "WP") and v.dep_ in ("relcl", "acl") else c
        for c in _children(v, "dobj", "attr", "oprd")
    ]  # "the republics, which Moscow recognised": the object is the antecedent
    for p in _children(v, "prep", "agent"):
        cands += _children(p, "pobj", "pcomp")
    for x in _children(v, "xcomp"):
        cands += [x, *_children(x, "dobj")]
    if _is_passive(v):
        cands += _children(v, "nsubjpass")
        if v.dep_ in ("relcl", "acl") and not _children(v, "nsubjpass"):
            cands.append(v.head)
        if v.dep_ == "conj" and not _children(v, "nsubjpass"):
            cands += _children(v.head, "nsubj", "nsubjpass")  # "X ..., and was held on May 4"
    more = []
    for c in cands:
        for p in _children(c, "prep"):
            if p.lower_ == "of":
                more += _children(p, "pobj")
    return cands + more


def _match_verb(v: Token, dictionary: EventDictionary) -> _Trigger | None:
    rules = dictionary.verbs.get(norm_lemma(v.lemma_))
    if not rules or v.pos_ != "VERB":
        return None
    objects = _object_candidates(v)
    obj_lemmas = {norm_lemma(o.lemma_): o for o in objects}
    best: tuple[int, int, VerbRule, Token | None, tuple[int, ...]] | None = None
    for r in rules:
        extra: list[int] = []
        if r.particle:
            prt = [c for c in v.children if c.dep_ in ("prt", "prep") and c.lower_ == r.particle]
            if not prt:
                continue
            extra.append(prt[0].i)
        if r.prep:
            heads = [v, *_children(v, "dobj")]
            if not any(
                c.lower_ == r.prep and _pobj(c) is not None
                for h in heads
                for c in _children(h, "prep", "dative", "agent")
            ):
                continue
        obj = None
        if r.objects:
            hit = [o for lem, o in obj_lemmas.items() if lem in r.objects]
            if not hit:
                continue
            obj = hit[0]
        key = (r.specificity, -r.line)
        if best is None or key > (best[0], best[1]):
            best = (r.specificity, -r.line, r, obj, tuple(extra))
    if best is None:
        return None
    _, _, rule, obj, extra_t = best
    return _Trigger(v, rule.cameo, rule.specificity, rule.prep, obj, False, "", extra_t)


def _noun_preps(n: Token, depth: int = 3) -> list[Token]:
    """Prepositions inside a noun phrase, following prep -> pobj chains ``depth`` deep."""
    out: list[Token] = []
    frontier = [n]
    for _ in range(depth):
        preps = [c for t in frontier for c in _children(t, "prep")]
        out += preps
        frontier = [o for pr in preps for o in _children(pr, "pobj")]
    return out


def _described(n: Token, dictionary: EventDictionary) -> bool:
    """A noun that is described rather than reported, or is the topic of another event noun.

    "The signing ... is a matter of bilateral relations" (subject of a copula with an attribute
    or adjective) describes an event, often one still to come, while "the summit, held on May 4,
    was a success" and "talks have been under way" still report one. In "negotiations on a new
    agreement between X and Y" only the negotiations happened: the agreement is their topic, and
    "as for the signing of ..." or "questions about the visit" name a topic too.
    """
    if (
        n.dep_ == "pobj"
        and n.head.head.pos_ in ("NOUN", "PROPN")
        and norm_lemma(n.head.head.lemma_) in dictionary.nouns
    ):
        return True
    if n.dep_ == "pobj" and (
        n.head.lower_ in ("about", "regarding", "concerning")
        or (n.head.lower_ == "for" and n.head.head.lower_ == "as")
    ):
        return True  # "as for the signing of ...", "questions about the visit": a topic
    return (
        n.dep_ == "nsubj"
        and norm_lemma(n.head.lemma_) == "be"
        and bool(_children(n.head, "attr", "acomp"))
        and not _children(n, "acl", "relcl")
    )


def _match_noun(n: Token, dictionary: EventDictionary) -> list[_Trigger]:
    if n.pos_ not in ("NOUN", "PROPN"):
        return []
    rules = sorted(dictionary.nouns.get(norm_lemma(n.lemma_), []), key=lambda r: not r.requires)
    return [_Trigger(n, r.cameo, 1 if r.requires else 0, "", None, True, r.requires) for r in rules]


# --------------------------------------------------------------------------- the coder


@dataclass
class _Found:
    trigger: _Trigger
    sources: list[_Actor]
    targets: list[_Actor]
    status: _Status
    reciprocal: bool
    path: int


def _reciprocal(cameo: str) -> bool:
    if cameo in NOT_RECIPROCAL:
        return False
    return cameo.startswith(RECIPROCAL_PREFIXES) or cameo in RECIPROCAL_CODES


def _distance(a: Token, b: Token) -> int:
    return timex._tree_distance(a, b)


class _Coder:
    def __init__(self, dictionary: EventDictionary) -> None:
        self.d = dictionary

    # -- arguments ----------------------------------------------------------------------------

    def verb_arguments(self, p: _Parsed, t: _Trigger) -> tuple[list[_Actor], list[_Actor]]:
        v = t.token
        passive = _is_passive(v)
        obj = t.obj
        subjs = _subjects(v) if not passive else []
        subj = subjs[0] if subjs else None
        sources = _unique(a for x in subjs for a in p.phrase(x))
        if any(a.code for a in sources):
            sources = [a for a in sources if a.code]
        if passive:
            sources = p.phrase(_agent(v))
            if not sources:
                # a misattached agent: "held ... through videoconference by the initiative of X"
                for w in v.subtree:
                    if w.dep_ == "prep" and w.lower_ == "by" and not sources:
                        sources = [a for a in p.phrase(_pobj(w)) if a.code]
        targets: list[_Actor] = []
        if t.rule_prep:
            for h in (v, *_children(v, "dobj")):
                for c in _children(h, "prep", "dative", "agent"):
                    if c.lower_ == t.rule_prep and not targets:
                        targets = p.phrase(_pobj(c))
        dobjs = [o for o in _children(v, "dobj", "dative") if obj is None or o.i != obj.i]
        if not targets:
            for o in dobjs:
                if o.dep_ == "dative" and o.pos_ == "ADP":
                    targets = p.phrase(_pobj(o))
                else:
                    targets = p.phrase(o)
                if targets:
                    break
        if not targets and obj is not None:
            # "signed a declaration on allied interaction with Russia": the partner may sit a
            # few prepositions down the document's name
            for c in _noun_preps(obj):
                if c.lower_ in ("with", "to") and not targets:
                    targets = p.phrase(_pobj(c))
        if not targets:
            for c in _children(v, "prep"):
                if c.lower_ in ("with", "to") and not targets:
                    targets = p.phrase(_pobj(c))
        if not targets and passive:
            for c in _children(v, "nsubjpass"):
                if obj is None or c.i != obj.i:
                    targets = p.phrase(c)
        if not targets:
            # "agreed to provide aid to Armenia", "refused to recognise Kosovo": the
            # complement's object is the target of the governing event
            for x in _children(v, "xcomp"):
                for o in _children(x, "dobj", "dative"):
                    targets = targets or p.phrase(o)
                for c in _children(x, "prep"):
                    if c.lower_ in ("with", "to", "on", "against") and not targets:
                        targets = p.phrase(_pobj(c))
        if (
            not targets
            and obj is not None
            and any(a.kind == "agent" for a in p.actors.get(obj.i, []))
        ):
            # the dictionary's object word is itself an actor: "dispersed protesters"
            targets = p.phrase(obj)
        if not targets and norm_lemma(v.lemma_) not in self.d.speech:
            for c in _children(v, "ccomp"):
                s = _children(c, "nsubj", "nsubjpass", "compound")
                if s:
                    targets = p.phrase(s[0])
        parties = p.between(obj, v, subj, *dobjs)
        if parties and not any(a.code for a in sources):
            sources, targets = parties, []
        return sources, targets

    def noun_arguments(self, p: _Parsed, t: _Trigger) -> tuple[list[_Actor], list[_Actor]] | None:
        n = t.token
        own = {n.i}
        sources: list[_Actor] = []
        poss = _children(n, "poss")
        if poss:
            sources = p.phrase(poss[0])
        if t.requires == "possessive" and not sources:
            return None
        if not sources and n.dep_ == "nsubjpass":
            sources = p.phrase(_agent(n.head))
            if not sources:
                for a in _children(n.head, "agent"):
                    sources = p.phrase(a)
        if not sources and n.dep_ == "dobj":
            subj = _subject(n.head)
            sources = p.phrase(subj) if subj is not None else []
        if (
            not sources
            and n.dep_ == "pobj"
            and n.head.lower_ not in TEMPORAL_PREPS
            and n.head.head.pos_ == "VERB"
        ):
            # "the meeting resulted in agreements": the event belongs to the verb's subject
            subj = _subject(n.head.head)
            sources = p.phrase(subj) if subj is not None else []
        if not sources:
            for acl in _children(n, "acl"):
                sources = sources or p.phrase(_agent(acl))  # "a meeting led by X and Y"
        if not sources:
            mods = [c for c in n.children if c.dep_ in ("compound", "amod", "nmod")]
            sources = _unique(a for c in mods for a in p.phrase(c) if a.code)
        of_actors: list[_Actor] = []
        for c in _children(n, "prep"):
            if c.lower_ == "of":
                of_actors = p.phrase(_pobj(c), exclude=own)
        if t.requires == "of" and not of_actors:
            return None
        targets: list[_Actor] = []
        for c in _children(n, "prep"):
            if c.lower_ in ("to", "with", "against", "on") and not targets:
                if t.requires in ("to", "with") and c.lower_ != t.requires:
                    continue
                if c.lower_ in ("against", "on") and self.d.codes[t.cameo].quad_class < 3:
                    continue  # "sanctions on X" is a target, "talks on X" a topic
                targets = p.phrase(_pobj(c))
        if t.requires in ("to", "with") and not targets:
            return None
        if not sources:
            sources = of_actors
        elif not targets:
            targets = of_actors
        parties = p.between(n)
        if t.requires == "between" and not parties:
            return None
        if parties and not any(a.code for a in sources):
            sources, targets = parties, []
        # a mention that contains the trigger ("the Baku Summit") is a name of the event
        sources = [a for a in sources if not a.first <= n.i <= a.last]
        targets = [a for a in targets if not a.first <= n.i <= a.last]
        return sources, targets

    # -- one sentence -------------------------------------------------------------------------

    def sentence(self, p: _Parsed) -> list[_Found]:
        found: list[_Found] = []
        verb_triggers: list[_Trigger] = []
        speech_verbs: list[Token] = []
        for tok in p.doc:
            lemma = norm_lemma(tok.lemma_)
            if tok.pos_ == "VERB" and lemma in self.d.speech:
                trig = _match_verb(tok, self.d)
                if trig is None or trig.specificity == 0 or _children(tok, "ccomp"):
                    speech_verbs.append(tok)
                    continue
                verb_triggers.append(trig)
                continue
            trig = _match_verb(tok, self.d)
            if trig is not None:
                verb_triggers.append(trig)
        consumed = {o.i for v in speech_verbs for o in _children(v, "dobj", "dative")}
        for t in verb_triggers:
            for c in t.token.children:
                if c.dep_ in ("dobj", "nsubjpass", "attr"):
                    consumed.add(c.i)
                if c.dep_ == "prep" and c.lower_ not in TEMPORAL_PREPS:
                    consumed.update(o.i for o in _children(c, "pobj"))
            if t.obj is not None:
                consumed.add(t.obj.i)
        triggers = list(verb_triggers)
        trigger_ids = {t.token.i for t in verb_triggers}
        for tok in p.doc:
            if tok.i not in consumed and not _described(tok, self.d):
                triggers += _match_noun(tok, self.d)
        coded_nouns: set[int] = set()
        for t in triggers:
            if t.nominal and t.token.i in coded_nouns:
                continue  # one event per noun: the first row whose requirement holds
            args = self.noun_arguments(p, t) if t.nominal else self.verb_arguments(p, t)
            if args is None:
                continue
            sources, targets = args
            src_codes = {a.code for a in sources if a.code}
            targets = [a for a in targets if a.code is None or a.code not in src_codes]
            if not any(_acts(a) for a in (*sources, *targets)):
                continue
            if (
                self.d.codes[t.cameo].quad_class == 4
                and not t.cameo.startswith("14")
                and not (any(_acts(a) for a in sources) and any(_acts(a) for a in targets))
            ):
                # material conflict (but a protest, 14x) needs an actor on both sides: "fight
                # corruption", "fight against the pandemic" and "attack on the principles" are
                # not wars
                continue
            st = _status(t.token, self.d.speech)
            if st.refusal is not None and st.refusal.i in trigger_ids:
                st.refusal = None  # the dictionary codes the refusal verb itself (REJECT rows)
            path = max(
                (_distance(t.token, p.doc[a.token]) for a in (*sources, *targets)), default=0
            )
            found.append(_Found(t, sources, targets, st, _reciprocal(t.cameo), path))
            if t.nominal:
                coded_nouns.add(t.token.i)
        found += self.statements(p, speech_verbs, found)
        return found

    def statements(self, p: _Parsed, verbs: list[Token], found: list[_Found]) -> list[_Found]:
        """The sayer's own statement, only when the complement codes nothing involving the sayer."""
        out = []
        for v in verbs:
            subj = _subject(v)
            sayers = [a for a in p.phrase(subj) if a.code] if subj is not None else []
            if not sayers:
                continue
            codes = {a.code for a in sayers}
            involved = any(
                f.status.speech is not None
                and f.status.speech.i == v.i
                and codes & {a.code for a in (*f.sources, *f.targets)}
                for f in found
            )
            if involved:
                continue
            rules = self.d.verbs.get(norm_lemma(v.lemma_), [])
            cameo = next((r.cameo for r in rules if r.cameo.startswith("01")), "010")
            if cameo not in self.d.codes:
                continue
            targets: list[_Actor] = []
            for c in v.children:
                if c.dep_ in ("dobj", "dative") and not targets:
                    targets = p.phrase(_pobj(c) if c.pos_ == "ADP" else c)
                if c.dep_ == "prep" and c.lower_ == "to" and not targets:
                    targets = p.phrase(_pobj(c))
            targets = [a for a in targets if a.code not in codes]
            trig = _Trigger(v, cameo, 0, "", None, False)
            st = _status(v, self.d.speech)
            st = _Status(st.status, None, None)
            path = max((_distance(v, p.doc[a.token]) for a in (*sayers, *targets)), default=0)
            out.append(_Found(trig, sayers, targets, st, False, path))
        return out


def _refusal_code(cameo: str, codes: dict[str, CameoCode]) -> str | None:
    """CAMEO 12x for a refusal: what was refused decides (meet 125, agree 127, cooperate 121)."""
    if cameo.startswith("04"):
        pick = "125"
    elif cameo.startswith("03") or cameo == "057":
        pick = "127"
    elif cameo.startswith("06"):
        pick = "121"
    else:
        pick = "120"
    for c in (pick, "120", "12"):
        if c in codes:
            return c
    return None


# What an announced event is coded as (CAMEO 03x "express intent to ..."; 13x for announced
# material conflict), by the announced event's CAMEO code: the longest matching prefix wins.
INTENT_CODES: dict[str, str] = {
    "04": "036",  # consult, meet, visit -> intent to meet or negotiate
    "05": "032",  # diplomatic cooperation -> intent to cooperate diplomatically
    "057": "030",  # sign a formal agreement -> intent to cooperate
    "06": "031",  # material cooperation
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",  # provide aid
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",  # yield
    "16": "1313",  # reduce relations -> threaten to reduce or break relations
    "163": "1312",  # embargo, sanctions -> threaten with sanctions
    "17": "130",  # coerce -> threaten
    "18": "138",  # assault, fight, mass violence -> threaten with military force
    "19": "138",
    "20": "138",
}


def _intent_code(cameo: str, codes: dict[str, CameoCode]) -> str | None:
    """CAMEO's code for announcing the event ``cameo`` (None: announcing it is a mere statement)."""
    for n in range(len(cameo), 1, -1):
        pick = INTENT_CODES.get(cameo[:n])
        if pick is not None:
            return pick if pick in codes else None
    return None


def _confidence(f: _Found, source: _Actor | None, target: _Actor | None) -> float:
    score = 0.40 + 0.08 * f.trigger.specificity
    resolved = sum(1 for a in (source, target) if a is not None and a.code is not None)
    score += 0.30 if resolved == 2 else 0.15 if resolved == 1 else 0.0
    score -= min(0.20, 0.03 * max(0, f.path - 2))
    if any(a is not None and a.indirect for a in (source, target)):
        score -= 0.10
    return round(min(0.99, max(0.05, score)), 3)


def _emit(
    doc: DocInput,
    p: _Parsed,
    f: _Found,
    d: EventDictionary,
    coder: str,
) -> list[Event]:
    base = d.codes[f.trigger.cameo]
    sources = [a for a in f.sources if a.code] or f.sources[:1]
    targets = [a for a in f.targets if a.code] or f.targets[:1]
    pairs: list[tuple[_Actor | None, _Actor | None]] = []
    if len({a.code for a in sources if a.code}) >= 2 and f.reciprocal:
        # parties among themselves, and with anyone else named ("signed ... with X")
        for a in sources:
            for b in [*sources, *targets]:
                if a.code and b.code and a.code != b.code:
                    pairs.append((a, b))
                    if b in targets:
                        pairs.append((b, a))
    elif sources and targets:
        for a in sources:
            for b in targets:
                if a.code is not None and a.code == b.code:
                    continue
                pairs.append((a, b))
                # "A and B agreed to" is mutual (above); "A vowed to ... B" is A's alone
                if f.reciprocal and a.code and b.code and not base.cameo.startswith("03"):
                    pairs.append((b, a))
    elif sources:
        pairs = [(a, None) for a in sources]
    else:
        pairs = [(None, b) for b in targets]
    tok = f.trigger.token
    idx = [tok.i, *f.trigger.extra_tokens]
    start = p.sent.start + min(p.doc[i].idx for i in idx)
    end = p.sent.start + max(p.doc[i].idx + len(p.doc[i]) for i in idx)
    if f.trigger.rule_prep == "intent":  # an announcement is dated when it was reported
        when, precision, words = None, None, None
    else:
        when, precision, words = timex.resolve(
            p.sent.text, p.doc, doc.published, anchor=tok, future=f.status.status == "intended"
        )
    if when is None and words is None:
        when, precision = doc.published, ("day" if doc.published else None)
    place = p.place(tok, f.trigger.obj, *(_children(tok, "dobj")))
    if place is None and f.trigger.nominal and tok.head.i != tok.i:
        place = p.place(tok.head)
    location, where = place if place is not None else (None, None)
    if any(_stateless_agent(a) for pair in pairs for a in pair):
        # a generic agent with no state of its own acts where the event took place ("police
        # dispersed protesters in Baku": both AZE), else in the one state the sentence names
        # ("Iraqi police arrested five militants": the militants are Iraqi too)
        home = where if where is not None else _only_state(p)
        if home is not None:
            pairs = [(_placed(s, home), _placed(t, home)) for s, t in pairs]
    speaker: str | None = None
    if f.status.speech is not None:
        subj = _subject(f.status.speech)
        sayers = [a for a in p.phrase(subj) if a.code] if subj is not None else []
        speaker = sayers[0].code if sayers else None
    if speaker is None:
        for c in p.doc:
            if c.lower_ == "according" and c.dep_ == "prep":
                for to in _children(c, "prep"):
                    who = [a for a in p.phrase(_pobj(to)) if a.code]
                    speaker = who[0].code if who else None
    out = []
    seen: set[str] = set()
    for s, t in pairs:
        code = base
        if (
            base.cameo == "040"
            and where is not None
            and "044" in d.codes
            and s is not None
            and t is not None
            and where not in (s.code, t.code)
        ):
            code = d.codes["044"]  # a meeting in a third state's territory
        event_id = hashlib.sha1(
            f"{doc.doc_id}|{p.sent.index}|{start}-{end}|{code.event or code.cameo}|"
            f"{s.code if s else None}|{t.code if t else None}".encode()
        ).hexdigest()
        if event_id in seen:
            continue
        seen.add(event_id)
        out.append(
            Event(
                event_id=event_id,
                doc_id=doc.doc_id,
                sent=p.sent.index,
                start=start,
                end=end,
                sentence=p.sent.text,
                actor=s.code if s else None,
                actor_text=s.text if s else None,
                recipient=t.code if t else None,
                recipient_text=t.text if t else None,
                event=code.event,
                mode=code.mode,
                context=code.context,
                cameo=code.cameo,
                goldstein=code.goldstein,
                quad_class=code.quad_class,
                penta_class=code.penta_class,
                date=when,
                date_precision=precision,
                date_text=words,
                location=location,
                status=f.status.status,
                speaker=speaker,
                confidence=_confidence(f, s, t),
                coder=coder,
            )
        )
    refusal = f.status.refusal
    if refusal is not None and not f.trigger.nominal:
        reject = _refusal_code(base.cameo, d.codes)
        if reject is not None:
            st = _status(refusal, d.speech)
            rf = _Found(
                _Trigger(refusal, reject, 0, "", None, False),
                f.sources,
                f.targets,
                _Status("negated" if st.status == "negated" else st.status, None, st.speech),
                False,
                f.path,
            )
            out += _emit(doc, p, rf, d, coder)
    intent = f.status.intent
    if intent is not None and refusal is None and not f.trigger.nominal:
        announce = _intent_code(base.cameo, d.codes)
        if announce is not None:
            extra = tuple(sorted({tok.i, *f.trigger.extra_tokens} - {intent.i}))
            af = _Found(
                _Trigger(intent, announce, f.trigger.specificity, "intent", None, False, "", extra),
                f.sources,
                f.targets,
                _Status("asserted", None, f.status.speech),
                f.reciprocal,
                f.path,
            )
            out += _emit(doc, p, af, d, coder)
    return out


def _code_docs(docs: Sequence[DocInput], nlp: Any, dictionary: EventDictionary) -> list[Event]:
    """Code several documents, parsing all their candidate sentences in one batch."""
    coder = dictionary.version
    plan = [(doc, _candidates(doc, dictionary)) for doc in docs]
    texts = [s.text for _, sents in plan for s in sents]
    parsed = iter(_parse(nlp, texts))
    rules = _Coder(dictionary)
    events: list[Event] = []
    for doc, sents in plan:
        by_id: dict[str, Event] = {}
        for s in sents:
            p = _Parsed(s, next(parsed), dictionary.agents)
            for f in rules.sentence(p):
                for e in _emit(doc, p, f, dictionary, coder):
                    old = by_id.get(e.event_id)
                    if old is None or e.confidence > old.confidence:
                        by_id[e.event_id] = e
        events += sorted(by_id.values(), key=lambda e: (e.sent, e.start, e.event_id))
    return events


def code_document(
    doc: DocInput, nlp: Any, *, dictionary: EventDictionary | None = None
) -> list[Event]:
    """Events of one document; only candidate sentences are parsed (see the module docstring)."""
    return _code_docs([doc], nlp, dictionary or default_dictionary())


def code_batch(
    docs: Sequence[DocInput], *, dictionary: EventDictionary | None = None
) -> list[Event]:
    """Events of many documents with the process's one pipeline (a pool/Spark worker calls this)."""
    return _code_docs(docs, _pipeline(), dictionary or default_dictionary())


def code_text(
    text: str, on: date | None = None, *, dictionary: EventDictionary | None = None
) -> list[Event]:
    """Annotate a raw string with the default recogniser and code it (``on`` = article date)."""
    from .actors import default_recognizer

    rec = default_recognizer()
    sentences, mentions = rec.annotate(text, on)
    doc = DocInput(
        doc_id=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        published=on,
        sentences=sentences,
        mentions=mentions,
    )
    return code_document(doc, rec.nlp, dictionary=dictionary)
