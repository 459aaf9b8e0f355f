"""The event dictionaries: reading, validating and versioning them.

Four CSV tables in ``nonaligned/text/data`` (formats in docs/events.md): ``cameo_plover.csv``
(CAMEO codes, Goldstein scores, quad/penta classes and their PLOVER mapping),
``event_verbs.csv`` and ``event_nouns.csv`` (the trigger words) and ``event_agents.csv`` (generic
actor nouns: "police", "rebels"). :func:`load_dictionary` checks every row (a malformed one is a
``DataError`` naming its file and line) and precomputes the inflected word forms the candidate
pre-filter looks for. The coder version (:func:`coder_version`) is the coder's semver followed by
the tables' hashes, so a dictionary edit makes the store code its documents again.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ...errors import DataError
from ..plover import PLOVER_EVENTS as PLOVER_TYPES

CODER_SEMVER = "0.3.2"
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
# Verbs of refusal (status.py reads them). SPEECH and REFUSE live here because their word forms
# belong to every dictionary's pre-filter surface.
REFUSE = frozenset({"refuse", "decline", "reject"})


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
    document again when this changes): the dictionaries' version, plus the learned model's
    version and weights hash when the model is shipped."""
    from . import _use_model, combined_version

    return combined_version(default_dictionary(), _use_model(None))
