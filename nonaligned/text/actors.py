"""Recognising actors in text: states, nationalities, capitals, IGOs and office holders.

Why this module is long: the actor dictionary and the recogniser that applies it share their
normalisation (folding, skeletons, given-name compatibility) and dated spells; the recogniser is
one pass over a document, and its helpers are used nowhere else.

Dictionary first, model second. The dictionary (versioned data: the records' states table for
names, aliases, demonyms and capitals; ``igo_actors.csv``; ``office_holders_*.csv`` with dated
spells) resolves a mention to a code — ISO3 for states, an IGO code for organisations — and a
person to the state and role they held on the article's date (Ilham Aliyev -> AZE head of state;
a foreign minister -> his state's government). The statistical pipeline then adds the names the
dictionary does not know (PERSON, ORG, GPE, NORP) as unresolved mentions; where the two overlap,
the dictionary wins.

Matching rules, each for a reason:
- case-insensitive on lower-cased tokens, but the matched text must start with a capital letter or
  a digit, so "turkey", "chad" and "china" (the porcelain) in running text are not states;
- aliases marked ``=`` in ``igo_actors.csv`` (WHO, ECO, ...) match case-sensitively only;
- the longest match wins; among equals, the more specific kind (person > igo > state);
- capitals ("Baku", "Moscow", "Washington") stand for their governments, a common metonymy in
  diplomatic news, and are tagged ``capital`` so later stages can tell.

Persons (the rules of ``docs/actor-dictionary.md``, "Resolving persons"):
- a person resolves by the full name (or a listed alias); a surname alone only (a) after the full
  name earlier in the same document, (b) beside a title naming an office the person held on the
  date ("President Aliyev", "UN Secretary-General Guterres"), or (c) when it is distinctive: one
  holder of that surname in office on the date, not a common surname, not a dictionary given name;
- never when a different given name stands before it ("Tim Morrison" is not Scott Morrison), and
  not after an unknown full name with that surname earlier in the document; an honorific
  ("Mr", "Dr") is no evidence either way, another title ("Senator", "Deputy Prime Minister")
  says it is someone else;
- heads of intergovernmental organisations (``office_holders_igo.csv``) resolve to the
  organisation's code with role ``head_of_igo``;
- a name the dictionary does not know takes the state or organisation of a government title
  before it ("Russian Foreign Minister X", "Turkish diplomat X") or of an apposition after it
  ("X, a US State Department spokesman,", "X, Britain's ambassador"); never for "former".
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..records.countries import StateTable, load_states

KINDS = ("person", "igo", "state", "nationality", "capital")

# Long texts (docs/text-pipeline.md, "Limits"): spaCy refuses a text over its max_length of
# 1,000,000 characters (error E088), and holds the analyses of what it parses at once in memory.
NLP_CHUNK_CHARS = 50_000
"""A paragraph longer than this is parsed in pieces of at most this many characters, cut at the
last sentence end (else line break, else space) before the limit; offsets stay those of the
whole text. A sentence longer than a piece is cut with it. Paragraphs are parsed in groups of at
most this many characters too (spaCy holds a group's analyses at once: about 300 MB per 100,000
characters were measured)."""
MAX_ANNOTATED_CHARS = 300_000
"""Sentences and mentions are found in the first this-many characters of a text only (the text is
stored whole): a news article has a few thousand, a 50,000-word report fits, and annotation runs
at about 11,000 characters a second on one core, so this bounds a page's annotation to about
half a minute."""
_PRIORITY = {k: i for i, k in enumerate(KINDS)}
_DEMONYM = re.compile(r"(ian|ean|an|ese|ish|i|ic|ite|er|ot|ch)$", re.IGNORECASE)
ROLE_ORDER = (
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "head_of_igo",
)
MODEL_KINDS = {
    "PERSON": "unknown_person",
    "ORG": "unknown_org",
    "GPE": "unknown_place",
    "LOC": "unknown_place",
    "NORP": "unknown_group",
}


def _fold(text: str) -> str:
    """Lower case without diacritics: 'Erdoğan' -> 'erdogan', 'António' -> 'antonio'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _skeleton(word: str) -> str:
    """Consonants without h/w/y and doubled letters: Mohammed and Muhammad -> 'md'."""
    out = ""
    for c in word:
        if c in "aeiouyhw" or (out and out[-1] == c):
            continue
        out += c
    return out


def given_compatible(word: str, given: set[str]) -> bool:
    """Whether a given name written in text can be one of a person's given names.

    Equal after folding accents, an initial ("S."), or the same consonant skeleton of a
    transliteration ("Sergei" / "Sergey", "Mohammed" / "Muhammad"). Short forms are not guessed
    ("John" is no "Johnson"): list them as aliases. "Tim" is not "Scott" and "Antonio" is not
    "Francisco".
    """
    w = _fold(word).rstrip(".")
    if not w:
        return False
    for g in given:
        if not g:
            continue
        if w == g or (len(w) == 1 and g.startswith(w)) or (len(g) == 1 and w.startswith(g)):
            return True
        if len(w) >= 4 and len(g) >= 4 and len(_skeleton(w)) >= 2 and _skeleton(w) == _skeleton(g):
            return True
    return False


# Surnames so common in English-language news that alone they name nobody in particular, even
# when one office holder of the dictionary bears them (rule (c) of the person rules).
COMMON_SURNAMES = frozenset(
    [
        "smith",
        "johnson",
        "williams",
        "brown",
        "jones",
        "miller",
        "davis",
        "garcia",
        "rodriguez",
        "wilson",
        "martinez",
        "anderson",
        "taylor",
        "thomas",
        "hernandez",
        "moore",
        "martin",
        "jackson",
        "thompson",
        "white",
        "lopez",
        "harris",
        "clark",
        "lewis",
        "robinson",
        "walker",
        "perez",
        "hall",
        "young",
        "allen",
        "sanchez",
        "wright",
        "king",
        "scott",
        "green",
        "baker",
        "adams",
        "nelson",
        "hill",
        "ramirez",
        "campbell",
        "mitchell",
        "roberts",
        "carter",
        "phillips",
        "evans",
        "turner",
        "torres",
        "parker",
        "collins",
        "edwards",
        "stewart",
        "flores",
        "morris",
        "nguyen",
        "murphy",
        "rivera",
        "cook",
        "rogers",
        "morgan",
        "peterson",
        "cooper",
        "reed",
        "bailey",
        "bell",
        "gomez",
        "kelly",
        "howard",
        "ward",
        "diaz",
        "richardson",
        "wood",
        "watson",
        "brooks",
        "bennett",
        "gray",
        "james",
        "reyes",
        "cruz",
        "hughes",
        "price",
        "myers",
        "long",
        "foster",
        "sanders",
        "ross",
        "morales",
        "powell",
        "sullivan",
        "russell",
        "ortiz",
        "jenkins",
        "gutierrez",
        "perry",
        "butler",
        "barnes",
        "fisher",
        "henderson",
        "coleman",
        "simmons",
        "patterson",
        "jordan",
        "reynolds",
        "hamilton",
        "graham",
        "gonzales",
        "alexander",
        "ramos",
        "wallace",
        "griffin",
        "west",
        "cole",
        "hayes",
        "chavez",
        "gibson",
        "bryant",
        "ellis",
        "stevens",
        "murray",
        "ford",
        "marshall",
        "owens",
        "mcdonald",
        "harrison",
        "ruiz",
        "kennedy",
        "wells",
        "alvarez",
        "woods",
        "mendoza",
        "castillo",
        "washington",
        "freeman",
        "burns",
        "henry",
        "simpson",
        "crawford",
        "jimenez",
        "porter",
        "mason",
        "shaw",
        "gordon",
        "wagner",
        "hunter",
        "romero",
        "palmer",
        "robertson",
        "black",
        "holmes",
        "stone",
        "meyer",
        "boyd",
        "mills",
        "warren",
        "rose",
        "rice",
        "moreno",
        "schmidt",
        "patel",
        "fernandez",
        "grant",
        "castro",
        "hoffman",
        "knight",
        "bradley",
        "khan",
        "singh",
        "kumar",
        "sharma",
        "ahmed",
        "ahmad",
        "hassan",
        "hussein",
        "hussain",
        "mohammed",
        "muhammad",
        "mohamed",
        "abdullah",
        "ibrahim",
        "rahman",
        "islam",
        "ali",
        "wang",
        "zhang",
        "chen",
        "yang",
        "huang",
        "zhao",
        "zhou",
        "yamamoto",
        "tanaka",
        "suzuki",
        "sato",
        "park",
        "choi",
        "jung",
        "kang",
        "tran",
        "pham",
        "silva",
        "santos",
        "oliveira",
        "souza",
        "pereira",
        "costa",
        "ferreira",
        "almeida",
        "gomes",
        "carvalho",
        "rocha",
        "lima",
        "mueller",
        "muller",
        "schulz",
        "schneider",
        "fischer",
        "weber",
        "becker",
        "wolf",
        "ivanov",
        "petrov",
        "smirnov",
        "popov",
        "kuznetsov",
        "sokolov",
        "volkov",
        "kozlov",
        "novak",
        "kowalski",
        "nowak",
        "rossi",
        "russo",
        "ferrari",
        "esposito",
        "bianchi",
        "romano",
        "colombo",
        "ricci",
    ]
)

# Words of a title before a name. Honorifics are no evidence; the others name an office.
HONORIFICS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "sir",
        "dame",
        "madam",
        "mister",
        "his",
        "her",
        "excellency",
        "h.e.",
    ]
)
TITLE_WORDS = HONORIFICS | frozenset(
    [
        "president",
        "presidents",
        "prime",
        "minister",
        "ministers",
        "premier",
        "chancellor",
        "secretary",
        "general",
        "secretary-general",
        "director",
        "director-general",
        "foreign",
        "defence",
        "defense",
        "king",
        "queen",
        "emir",
        "amir",
        "sultan",
        "sheikh",
        "shaikh",
        "prince",
        "princess",
        "crown",
        "supreme",
        "leader",
        "ayatollah",
        "pope",
        "emperor",
        "grand",
        "duke",
        "vice",
        "deputy",
        "assistant",
        "under",
        "first",
        "acting",
        "interim",
        "high",
        "representative",
        "commissioner",
        "chairman",
        "chairwoman",
        "chairperson",
        "chair",
        "executive",
        "state",
        "affairs",
        "of",
        "for",
        "senator",
        "sen.",
        "sen",
        "rep.",
        "rep",
        "governor",
        "gov.",
        "mayor",
        "speaker",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "general",
        "gen.",
        "gen",
        "lt.",
        "col.",
        "colonel",
        "admiral",
        "adm.",
        "marshal",
        "commander",
        "lieutenant",
        "captain",
        "major",
        "sergeant",
        "interior",
        "finance",
        "economy",
        "justice",
        "trade",
        "energy",
        "health",
        "education",
        "lord",
        "lady",
        "commission",
        "council",
        "war",
        "-",
        "–",
    ]
)
# A title phrase (hyphens as written, lower case) -> which of a person's spells it names.
_TITLE_RULES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(r"\b(?:vice|deputy|assistant|under)\b"),
        None,  # a deputy is someone else
    ),
    (
        re.compile(
            r"\b(?:foreign (?:minister|secretary|affairs minister)|secretary of state|"
            r"minister (?:of|for) foreign affairs)$"
        ),
        lambda sp: sp.role == "foreign_minister",
    ),
    (
        re.compile(
            r"\b(?:defen[cs]e (?:minister|secretary)|(?:minister|secretary) of (?:defen[cs]e|war)|"
            r"war secretary)$"
        ),
        lambda sp: sp.role == "defence_minister",
    ),
    (
        re.compile(r"\b(?:prime minister|premier|chancellor)$"),
        lambda sp: sp.role == "head_of_government",
    ),
    (
        re.compile(
            r"\b(?:secretary[- ]general|director[- ]general|high representative|"
            r"executive secretary|commission (?:president|chairperson|chair|chairman)|"
            r"chairperson|chairman of the commission)$"
        ),
        lambda sp: sp.role == "head_of_igo",
    ),
    (
        re.compile(r"\b(?:acting |interim )?president$"),
        lambda sp: "president" in sp.title.lower(),
    ),
    (
        re.compile(
            r"\b(?:king|queen|emir|amir|sultan|emperor|grand duke|supreme leader|ayatollah|pope)$"
        ),
        lambda sp: sp.role == "head_of_state",
    ),
    (
        re.compile(r"\bleader$"),
        lambda sp: sp.role in ("head_of_state", "head_of_government"),
    ),
)

# Unknown persons: the government words that may stand between an affiliation and a name, and
# the nouns among them that make it an office ("Turkish diplomat X", "X, a Kremlin spokesman").
ROLE_NOUNS = frozenset(
    [
        "minister",
        "diplomat",
        "ambassador",
        "envoy",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "representative",
        "secretary",
        "president",
        "premier",
        "chancellor",
        "adviser",
        "advisor",
        "aide",
        "negotiator",
        "commander",
        "officer",
        "general",
        "admiral",
        "chief",
        "head",
        "director",
        "consul",
        "delegate",
        "leader",
        "counsellor",
        "counselor",
        "emissary",
        "attache",
        "attaché",
        "undersecretary",
        "under-secretary",
        "commissioner",
        "secretary-general",
        "director-general",
    ]
)
ROLE_WORDS = ROLE_NOUNS | frozenset(
    [
        "foreign",
        "defence",
        "defense",
        "interior",
        "finance",
        "deputy",
        "vice",
        "prime",
        "state",
        "department",
        "security",
        "national",
        "senior",
        "top",
        "special",
        "permanent",
        "presidential",
        "military",
        "army",
        "naval",
        "navy",
        "air",
        "force",
        "intelligence",
        "government",
        "cabinet",
        "press",
        "acting",
        "first",
        "assistant",
        "under",
        "high",
        "affairs",
        "of",
        "for",
        "economy",
        "trade",
        "energy",
        "justice",
        "health",
        "house",
        "council",
        "ministry",
        "ministerial",
        "-",
    ]
)
_FORMER = frozenset({"former", "ex", "ex-", "then"})
_PARTICLE = re.compile(r"(?:(?:von|van|de|der|den|da|di|du|dos|le|la|al|el|bin|ben)[ -])+[A-Z]")
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_AFFILIATION_KINDS = ("state", "nationality", "igo", "capital", "unknown_org")


@dataclass(frozen=True)
class Spell:
    iso3: str
    role: str
    title: str
    start: date | None
    end: date | None  # exclusive


@dataclass(frozen=True)
class Entry:
    alias: str
    kind: str
    code: str | None
    person: str | None = None
    case_sensitive: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str
    code: str | None
    person: str | None
    role: str | None
    origin: str  # "dictionary" | "model"
    confidence: float
    sent: int = -1


@dataclass
class ActorDictionary:
    entries: list[Entry]
    spells: dict[str, list[Spell]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # person id -> display name
    version: str = ""
    surnames: dict[str, set[str]] = field(default_factory=dict)  # folded last name -> person ids
    given: dict[str, set[str]] = field(default_factory=dict)  # person id -> folded given names
    given_names: set[str] = field(default_factory=set)  # every folded given name in the dictionary

    def person_role(self, person: str, on: date | None) -> tuple[str | None, str | None]:
        """(iso3, role) the person held on ``on``; a past office reads as 'former_<role>'."""
        spells = self.spells.get(person, [])
        if not spells:
            return None, None
        if on is None:
            cur = [s for s in spells if s.end is None]
            pick = cur[0] if cur else max(spells, key=lambda s: s.start or date.min)
            return pick.iso3, pick.role
        now = [
            s
            for s in spells
            if (s.start is None or s.start <= on) and (s.end is None or on < s.end)
        ]
        if now:
            best = min(now, key=lambda s: ROLE_ORDER.index(s.role) if s.role in ROLE_ORDER else 9)
            return best.iso3, best.role
        past = [s for s in spells if s.end is not None and s.end <= on]
        if past:
            last = max(past, key=lambda s: s.end or date.min)
            return last.iso3, f"former_{last.role}"
        first = min(spells, key=lambda s: s.start or date.max)
        return first.iso3, f"future_{first.role}"


def _data_dir() -> Path:
    return Path(str(resources.files("nonaligned.text") / "data"))


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot be read as a UTF-8 CSV table ({exc})") from exc


def _date(value: str, path: Path, line: int) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DataError(f"{path} line {line}: {value!r} is not a YYYY-MM-DD date") from exc


def _state_entries(states: StateTable) -> list[Entry]:
    out: list[Entry] = []
    periods = {}
    for st in states.all():
        for p in states.iso_periods(st.cow):
            if p.name:
                periods[p.name] = p.iso3
    for st in states.all():
        code = st.iso3
        names = {st.name, st.official_name}
        for n in names:
            if n:
                out.append(Entry(n, "state", periods.get(n, code)))
        for alias in st.aliases:
            if not alias or (len(alias) < 3 and not alias.isupper()):
                continue
            if alias.isupper() and len(alias) <= 3:
                # codes like "US", "UK", "USA" are written in upper case in news; match exactly
                out.append(Entry(alias, "state", code, case_sensitive=True))
                continue
            kind = (
                "nationality"
                if _DEMONYM.search(alias) and alias not in names and " " not in alias
                else "state"
            )
            out.append(Entry(alias, kind, periods.get(alias, code)))
        if st.capital and st.end is None:
            for raw_cap in st.capital.split("|"):
                cap = raw_cap.split(",")[0].strip()  # "Washington, D.C." -> "Washington"
                if len(cap) >= 3:
                    out.append(Entry(cap, "capital", code))
    return out


def load_dictionary(
    data_dir: Path | None = None, states: StateTable | None = None
) -> ActorDictionary:
    """Read and validate the actor dictionary; a malformed row is a DataError naming it."""
    folder = data_dir or _data_dir()
    st = states or load_states()
    entries = _state_entries(st)
    digest = hashlib.sha256()
    igo_path = folder / "igo_actors.csv"
    if igo_path.exists():
        digest.update(igo_path.read_bytes())
        for i, row in enumerate(_read_csv(igo_path), start=2):
            code = (row.get("code") or "").strip()
            if not code:
                raise DataError(f"{igo_path} line {i}: empty code")
            for raw_alias in {row.get("name", ""), *(row.get("aliases") or "").split("|")}:
                marked = raw_alias.strip()
                if not marked:
                    continue
                exact = marked.startswith("=")
                alias = marked.lstrip("=")
                entries.append(
                    Entry(
                        alias,
                        "igo",
                        code,
                        case_sensitive=exact or (alias.isupper() and len(alias) <= 4),
                    )
                )
    seats = folder / "government_seats.csv"
    if seats.exists():
        digest.update(seats.read_bytes())
        for i, row in enumerate(_read_csv(seats), start=2):
            name, iso3 = (row.get("name") or "").strip(), (row.get("iso3") or "").strip()
            if not name or not iso3:
                raise DataError(f"{seats} line {i}: name and iso3 are required")
            # seats of government stand for their governments, like capitals
            entries.append(Entry(name, "capital", iso3, case_sensitive=True))
    spells: dict[str, list[Spell]] = {}
    names: dict[str, str] = {}
    full_names: dict[str, set[str]] = {}  # person id -> name and aliases
    for path in sorted(folder.glob("office_holders_*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        for i, row in enumerate(_read_csv(path), start=2):
            pid = (row.get("person") or "").strip()
            # states' office holders have an iso3, heads of IGOs the organisation's code
            iso3 = (row.get("iso3") or row.get("code") or "").strip()
            role = (row.get("role") or "").strip()
            if not pid or not iso3 or not role:
                raise DataError(f"{path} line {i}: person, iso3 (or code) and role are required")
            spells.setdefault(pid, []).append(
                Spell(
                    iso3,
                    role,
                    row.get("title", ""),
                    _date(row.get("start", ""), path, i),
                    _date(row.get("end", ""), path, i),
                )
            )
            name = (row.get("name") or "").strip()
            if name and pid not in names:
                names[pid] = name
                entries.append(Entry(name, "person", None, person=pid))
            if name:
                full_names.setdefault(pid, set()).add(name)
            for raw_alias in (row.get("aliases") or "").split("|"):
                alias = raw_alias.strip()
                if alias and len(alias) >= 4:
                    entries.append(Entry(alias, "person", None, person=pid))
                    full_names.setdefault(pid, set()).add(alias)
    # one entry per (alias, kind, code/person): the same alias listed twice is harmless
    uniq = {
        (e.alias.lower() if not e.case_sensitive else e.alias, e.kind, e.code, e.person): e
        for e in entries
    }
    surnames: dict[str, set[str]] = {}
    given: dict[str, set[str]] = {}
    for pid, forms in full_names.items():
        for form in forms:
            words = form.replace(",", " ").split()
            if len(words) < 2:
                continue  # a bare-surname alias ("Lavrov") names no given name
            last = _fold(words[-1])
            if len(last) >= 4 and last.isalpha():
                surnames.setdefault(last, set()).add(pid)
            if words[0][:1].isupper():  # the first word: middle names are no given name here
                given.setdefault(pid, set()).add(_fold(words[0]).rstrip("."))
    given_names = {_fold(n.split()[0]) for n in names.values() if len(n.split()) >= 2}
    return ActorDictionary(
        list(uniq.values()),
        spells,
        names,
        digest.hexdigest()[:12],
        surnames,
        given,
        given_names,
    )


class Recognizer:
    """Finds and resolves actor mentions in a document's text, sentence by sentence."""

    def __init__(self, dictionary: ActorDictionary, nlp: Any) -> None:
        from spacy.matcher import PhraseMatcher

        self.dictionary = dictionary
        self.nlp = nlp
        self._insensitive = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._sensitive = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._by_key: dict[str, list[Entry]] = {}
        groups: dict[tuple[bool, str], list[Entry]] = {}
        for e in dictionary.entries:
            key = e.alias if e.case_sensitive else e.alias.lower()
            groups.setdefault((e.case_sensitive, key), []).append(e)
        for (sensitive, key), group in groups.items():
            label = f"{'S' if sensitive else 'I'}:{key}"
            self._by_key[label] = group
            pattern = nlp.make_doc(group[0].alias)
            (self._sensitive if sensitive else self._insensitive).add(label, [pattern])

    def version(self) -> str:
        return f"actors-{self.dictionary.version}+{SEGMENTER}"

    def _resolve(self, entries: list[Entry], on: date | None) -> Entry | None:
        best = sorted(entries, key=lambda e: _PRIORITY.get(e.kind, 9))
        return best[0] if best else None

    def annotate(
        self, text: str, on: date | None = None
    ) -> tuple[list[tuple[int, int, str]], list[Mention]]:
        """Sentences (start, end, text) and mentions with offsets into ``text``.

        Paragraphs are read in order and share one memory of the persons named so far, so that
        a bare surname can take the full name said earlier in the document.
        """
        sentences: list[tuple[int, int, str]] = []
        mentions: list[Mention] = []
        memory: dict[str, str | None] = {}  # folded surname -> person id, None = unknown person
        paragraphs = _paragraphs(text[:MAX_ANNOTATED_CHARS])
        for (base, _), doc in zip(paragraphs, self._parse(paragraphs), strict=True):
            first_sent = len(sentences)
            sent_bounds = []
            for sent in doc.sents:
                if sent.text.strip():
                    sentences.append((base + sent.start_char, base + sent.end_char, sent.text))
                    sent_bounds.append((sent.start_char, sent.end_char))
            found = self._match(doc, on, memory)
            for ent in doc.ents:
                kind = MODEL_KINDS.get(ent.label_)
                if kind is None or not (ent.text[:1].isupper() or ent.text[:1].isdigit()):
                    continue  # the model also tags lower-case words ("turkey"); names are capitalised
                span = (ent.start_char, ent.end_char)
                inside = [m for m in found if span[0] <= m.start and m.end <= span[1]]
                overlapping = [m for m in found if m.start < span[1] and span[0] < m.end]
                if not overlapping:
                    found.append(Mention(*span, ent.text, kind, None, None, None, "model", 0.5))
                    continue
                # A name the model found that merely *contains* a state word ("U.S. Central
                # Command", "Syrian Democratic Forces") is one organisation or person, not a
                # state: keep the model's span, and for an organisation carry the state as its
                # affiliation code. Persons and IGOs the dictionary knows are never overridden.
                if (
                    kind in ("unknown_org", "unknown_person")
                    and len(inside) == len(overlapping)
                    and {m.kind for m in inside} <= {"state", "nationality", "capital"}
                    and all((m.end - m.start) < (span[1] - span[0]) for m in inside)
                ):
                    codes = {m.code for m in inside}
                    code = codes.pop() if kind == "unknown_org" and len(codes) == 1 else None
                    found = [m for m in found if m not in inside]
                    found.append(
                        Mention(*span, ent.text, kind, code, None, None, "model+dictionary", 0.7)
                    )
            found = self._affiliate(doc, found)
            for m in found:
                idx = next((k for k, (s, e) in enumerate(sent_bounds) if s <= m.start < e), 0)
                mentions.append(
                    Mention(
                        base + m.start,
                        base + m.end,
                        m.text,
                        m.kind,
                        m.code,
                        m.person,
                        m.role,
                        m.origin,
                        m.confidence,
                        first_sent + idx,
                    )
                )
        mentions.sort(key=lambda m: m.start)
        return sentences, mentions

    def _parse(self, paragraphs: list[tuple[int, str]]) -> Iterator[Any]:
        """spaCy docs of the paragraphs — tagged, split into sentences, names found — in groups
        of at most NLP_CHUNK_CHARS characters (a usual article is one group): memory follows
        the group, not the text.

        Parse once: the dependency parser does not run here. Sentences come from spaCy's
        sentence recogniser (``senter``, shipped with the pipeline but disabled by default),
        which costs about a tenth of the parser; the parser runs once, in the event coder, on
        the candidate sentences only (``text.events._parse``). Nothing here reads a dependency.
        """
        group: list[str] = []
        size = 0
        for _, text in paragraphs:
            if group and size + len(text) > NLP_CHUNK_CHARS:
                yield from self._pipe(group)
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            yield from self._pipe(group)

    # The pipeline as it ran before issue 17 (parser and NER over every paragraph): only for
    # benchmarks/bench_coding.py's same-process baseline; the annotator version is unchanged.
    full_pipeline = False

    def _pipe(self, texts: list[str]) -> Iterator[Any]:
        names = self.nlp.component_names
        if self.full_pipeline or "senter" not in names or "ner" not in self.nlp.pipe_names:
            yield from self.nlp.pipe(texts)  # another pipeline: everything, as it is configured
            return
        skip = [name for name in ("parser", "ner") if name in self.nlp.pipe_names]
        docs = list(self.nlp.get_pipe("senter").pipe(self.nlp.pipe(texts, disable=skip)))
        self._names(docs)
        yield from docs

    def _names(self, docs: list[Any]) -> None:
        """Run the statistical name finder (NER) only on the paragraphs that need it.

        Why: NER was 44 % of spaCy's time at ingest, yet the dictionary already names most
        actors. A paragraph needs the model when it holds a capitalised word the dictionary
        does not cover and the tagger calls a proper noun (or, past a sentence's first word, a
        noun, adjective or foreign word: the small model tags some names NOUN). Every use of
        the model's names downstream — unknown persons and organisations, a state word inside
        a longer name ("U.S. Central Command"), the person rules — involves such a word, so the
        other paragraphs lose nothing. The model reads a whole paragraph, as before, never a
        sentence cut out of it: where it runs, its names are exactly those of the full
        pipeline (a sentence-by-sentence variant changed the re3d figures: docs/actors.md).
        """
        wanted = [doc for doc in docs if self._needs_names(doc)]
        for _ in self.nlp.get_pipe("ner").pipe(wanted, batch_size=64):
            pass  # annotates each doc in place
        for doc in docs:
            if not doc.has_annotation("ENT_IOB"):
                doc.set_ents([], default="outside")  # no names: an annotated, empty result

    def _needs_names(self, doc: Any) -> bool:
        covered: set[int] = set()
        for _, matches in self._phrase_matches(doc):
            for _, s, e in matches:
                covered.update(range(s, e))
        return any(_needs_model(t, sent.start, covered) for sent in doc.sents for t in sent)

    def _phrase_matches(self, doc: Any) -> list[tuple[bool, list[tuple[int, int, int]]]]:
        """The dictionary's matches in ``doc``, case-insensitive then case-sensitive; found once
        per doc (the NER gate and the recogniser both read them), kept in ``doc.user_data``."""
        found: list[tuple[bool, list[tuple[int, int, int]]]] | None = doc.user_data.get(
            "nonaligned.phrase_matches"
        )
        if found is None:
            found = [(True, self._insensitive(doc)), (False, self._sensitive(doc))]
            doc.user_data["nonaligned.phrase_matches"] = found
        return found

    def _match(
        self, doc: Any, on: date | None, memory: dict[str, str | None] | None = None
    ) -> list[Mention]:
        memory = {} if memory is None else memory
        spans = []
        for insensitive, matches in self._phrase_matches(doc):
            for match_id, s, e in matches:
                label = self.nlp.vocab.strings[match_id]
                span = doc[s:e]
                if insensitive and not (
                    span.text[:1].isupper()
                    or span.text[:1].isdigit()
                    or (  # "von der Leyen", "de Hoop Scheffer": a name's lower-case particle
                        _PARTICLE.match(span.text) is not None
                        and any(x.kind == "person" for x in self._by_key[label])
                    )
                ):
                    continue
                spans.append((span.start_char, span.end_char, span.text, label, s, e))
        # longest first, then by kind priority; drop overlaps
        spans.sort(
            key=lambda t: (
                -(t[1] - t[0]),
                min(_PRIORITY.get(x.kind, 9) for x in self._by_key[t[3]]),
                t[0],
            )
        )
        chosen: list[Mention] = []
        claimed: list[tuple[int, int]] = []
        # a person matched by one word (a listed bare surname, "Lavrov") is checked like any
        # other surname (by ``_persons``): its token index and person id
        singles: list[tuple[int, str]] = []
        fulls: list[tuple[int, Mention]] = []
        for s, e, txt, label, ts, te in spans:
            if any(s < ce and cs < e for cs, ce in claimed):
                continue
            entry = self._resolve(self._by_key[label], on)
            if entry is None:
                continue
            claimed.append((s, e))
            if entry.kind == "person" and entry.person and te - ts == 1:
                singles.append((ts, entry.person))
                continue
            code, role = entry.code, None
            if entry.kind == "person" and entry.person:
                code, role = self.dictionary.person_role(entry.person, on)
            m = Mention(s, e, txt, entry.kind, code, entry.person, role, "dictionary", 1.0)
            chosen.append(m)
            if entry.kind == "person":
                fulls.append((ts, m))
        return chosen + self._persons(doc, on, memory, chosen, fulls, singles)

    def _persons(
        self,
        doc: Any,
        on: date | None,
        memory: dict[str, str | None],
        taken: list[Mention],
        fulls: list[tuple[int, Mention]],
        singles: list[tuple[int, str]],
    ) -> list[Mention]:
        """Surnames, in text order, by the person rules (module docstring and
        ``docs/actor-dictionary.md``): full names and unknown full names seen so far are
        remembered; a surname resolves by a title naming the office, by that memory, or by
        being distinctive on the date, and never against a different given name."""
        d = self.dictionary
        occupied = [(m.start, m.end) for m in taken]

        def free(tok: Any) -> bool:
            s, e = tok.idx, tok.idx + len(tok.text)
            return not any(s < ce and cs < e for cs, ce in occupied)

        events: list[tuple[int, int, str, Any]] = []  # (token, order, what, payload)
        for ts, m in fulls:
            events.append((ts, 0, "full", m))
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = [t for t in ent if t.lower_ not in TITLE_WORDS and t.is_alpha]
            if len(name) >= 2 and all(free(t) for t in ent):
                events.append((ent.start, 1, "unknown", name[-1]))
        forced = dict(singles)
        keys = (
            set(d.surnames)
            | set(memory)
            | {_fold(m.text.split()[-1]) for _, m in fulls if m.text.split()}
        )
        for tok in doc:
            if tok.i in forced:
                events.append((tok.i, 2, "surname", tok))
                continue
            if len(tok.text) < 4 or not tok.text[:1].isupper() or not free(tok):
                continue
            if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "X") and tok.ent_type_ != "PERSON":
                continue  # the small model tags some names NOUN ("Guterres said")
            if _fold(tok.text) in keys:
                events.append((tok.i, 2, "surname", tok))
        out: list[Mention] = []
        for _, _, what, item in sorted(events, key=lambda x: (x[0], x[1])):
            if what == "full":
                pid = item.person
                words = [item.text.split()[-1], *d.names.get(pid, "").split()[-1:]]
                for w in words:
                    memory[_fold(w)] = pid
                continue
            if what == "unknown":
                memory[_fold(item.text)] = None
                continue
            tok = item
            key = _fold(tok.text)
            got = self._surname(doc, tok, key, on, memory, taken + out, forced.get(tok.i))
            if got is not None:
                out.append(got)
                memory[key] = got.person
        return out

    def _given_before(self, doc: Any, i: int, taken: list[Mention]) -> Any:
        """The first given name written before token ``i`` ("Tim" in "Tim Morrison"), or None."""
        left = None
        j = i - 1
        while j >= 0 and i - j <= 3:
            t = doc[j]
            s, e = t.idx, t.idx + len(t.text)
            initial = re.fullmatch(r"[A-Z]\.", t.text) is not None
            if not (t.text[:1].isupper() and (t.is_alpha or initial)):
                break
            if t.lower_ in TITLE_WORDS or t.lower_ in _CALENDAR:
                break
            if t.ent_type_ and t.ent_type_ != "PERSON":
                break
            if t.pos_ != "PROPN" and t.ent_type_ != "PERSON" and not initial:
                break
            if any(s < m.end and m.start < e for m in taken):
                break
            left = t
            j -= 1
        return left

    def _title_before(
        self, doc: Any, i: int, taken: list[Mention]
    ) -> tuple[str, Any, str | None, bool]:
        """The title written before token ``i``: ("none"|"honorific"|"other"|"office", the
        spell test of the office, the state or IGO code before the title, whether "former")."""
        j = i - 1
        words: list[str] = []
        while j >= 0 and i - j <= 7 and doc[j].lower_ in TITLE_WORDS:
            words.insert(0, doc[j].lower_)
            j -= 1
        if not words:
            return "none", None, None, False
        if all(w in HONORIFICS for w in words):
            return "honorific", None, None, False
        phrase = " ".join(w for w in words if w not in HONORIFICS)
        phrase = re.sub(r"\s*[-–]\s*", "-", phrase).strip("- ")
        former = False
        code = None
        k = j
        while k >= 0 and doc[k].lower_ in _FORMER | {"'s", "’s", "the"}:
            former = former or doc[k].lower_ in _FORMER
            k -= 1
        if k >= 0:
            end = doc[k].idx + len(doc[k].text)
            for m in taken:
                if m.end == end and m.kind in ("state", "nationality", "igo", "capital"):
                    code = m.code
            if k >= 1 and doc[k - 1].lower_ in _FORMER:
                former = True
        for rx, test in _TITLE_RULES:
            if rx.search(phrase):
                return (
                    ("other", None, code, former)
                    if test is None
                    else ("office", test, code, former)
                )
        return "other", None, code, former

    def _surname(
        self,
        doc: Any,
        tok: Any,
        key: str,
        on: date | None,
        memory: dict[str, str | None],
        taken: list[Mention],
        forced: str | None,
    ) -> Mention | None:
        d = self.dictionary
        people = {forced} if forced else d.surnames.get(key, set())
        s, e = tok.idx, tok.idx + len(tok.text)

        def mention(pid: str, start: int, conf: float) -> Mention:
            code, role = d.person_role(pid, on)
            return Mention(
                start, e, doc.text[start:e], "person", code, pid, role, "dictionary", conf
            )

        given = self._given_before(doc, tok.i, taken)
        if given is not None:
            # a name with a given name: it must be this person's given name ("Tim Morrison" is
            # not Scott Morrison); a compatible one ("Sergei" for "Sergey") is the full name
            fits = [p for p in people if given_compatible(given.text, d.given.get(p, set()))]
            if forced:
                return mention(forced, s, 1.0) if fits else None
            if len(fits) == 1:
                return mention(fits[0], given.idx, 0.9)
            memory[key] = None
            return None
        kind, test, code, former = self._title_before(doc, tok.i, taken)
        if kind == "other":
            return None  # "Senator Graham", "Deputy Prime Minister X": another office
        if kind == "office":
            holders = [p for p in people if self._held(p, test, code, on, former)]
            if len(holders) == 1:
                return mention(holders[0], s, 0.9 if not forced else 1.0)
            return None
        if key in memory:
            pid = memory[key]
            if pid is None or (forced and pid != forced):
                return None  # the document named someone else of that surname
            return mention(pid, s, 0.9 if not forced else 1.0)
        if forced:
            return mention(forced, s, 1.0)  # a listed bare-surname alias: distinctive by review
        if on is None or key in COMMON_SURNAMES or key in d.given_names:
            return None
        holding = []
        for pid in people:
            _, role = d.person_role(pid, on)
            if role and not role.startswith(("former_", "future_")):
                holding.append(pid)
        if len(holding) == 1:
            return mention(holding[0], s, 0.8)
        return None

    def _held(self, pid: str, test: Any, code: str | None, on: date | None, former: bool) -> bool:
        """Whether the person held an office passing ``test`` (for ``code``) on the date."""
        for sp in self.dictionary.spells.get(pid, []):
            if not test(sp) or (code is not None and sp.iso3 != code):
                continue
            if on is None:
                return True
            if former:
                if sp.end is not None and sp.end <= on:
                    return True
            elif (sp.start is None or sp.start <= on) and (sp.end is None or on < sp.end):
                return True
        return False

    def _affiliate(self, doc: Any, found: list[Mention]) -> list[Mention]:
        """An unknown person takes the code of the government words around the name: a state,
        nationality, IGO or seat of government before a role word ("Russian Foreign Minister
        X", "Turkish diplomat X", "Britain's ambassador X") or in an apposition after it ("X, a
        US State Department spokesman,", "X, the ambassador of Georgia,"). "former" (or "ex-",
        "then") gives no code: a former official acts for no one."""
        by_end = {m.end: m for m in found if m.kind in _AFFILIATION_KINDS and m.code}
        by_start = {m.start: m for m in found if m.kind in _AFFILIATION_KINDS and m.code}
        out = []
        for m in found:
            if m.kind != "unknown_person" or m.code is not None:
                out.append(m)
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            code = None if span is None else self._affiliation(doc, span, by_end, by_start)
            if code is None:
                out.append(m)
            else:
                out.append(
                    Mention(m.start, m.end, m.text, m.kind, code, None, None, "model+context", 0.6)
                )
        return out

    @staticmethod
    def _affiliation(
        doc: Any, span: Any, by_end: dict[int, Mention], by_start: dict[int, Mention]
    ) -> str | None:
        # before the name: [affiliation] ['s] role words (one a role noun) NAME
        i = span.start
        while i < span.end - 1 and doc[i].lower_ in ROLE_WORDS:
            i += 1  # the model sometimes puts the title inside the name
        j = i - 1
        run: list[str] = []
        while j >= 0 and doc[j].lower_ in ROLE_WORDS | _FORMER:
            run.append(doc[j].lower_)
            j -= 1
        if run and set(run) & ROLE_NOUNS and not set(run) & _FORMER and j >= 0:
            k = j - 1 if doc[j].lower_ in ("'s", "’s") else j
            if k >= 0:
                aff = by_end.get(doc[k].idx + len(doc[k].text))
                if (
                    aff is not None
                    and not (k >= 1 and doc[k - 1].lower_ in _FORMER)
                    and (doc[j].lower_ not in ("'s", "’s") or aff.kind != "nationality")
                ):
                    return aff.code
        # after the name: , [a|an|the] (affiliation ['s] role words | role words of|for [the] affiliation)
        k = span.end
        if k >= len(doc) or doc[k].text != ",":
            return None
        k += 1
        if k < len(doc) and doc[k].lower_ in ("a", "an", "the"):
            k += 1
        if k < len(doc) and doc[k].lower_ in _FORMER:
            return None
        aff = by_start.get(doc[k].idx) if k < len(doc) else None
        if aff is not None:
            while k < len(doc) and doc[k].idx < aff.end:
                k += 1
            if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
                k += 1
            nouns = 0
            while k < len(doc) and doc[k].lower_ in ROLE_WORDS:
                nouns += doc[k].lower_ in ROLE_NOUNS
                k += 1
            return aff.code if nouns else None
        nouns = 0
        while k < len(doc) and doc[k].lower_ in ROLE_WORDS - {"of", "for"}:
            nouns += doc[k].lower_ in ROLE_NOUNS
            k += 1
        if not nouns or k >= len(doc) or doc[k].lower_ not in ("of", "for"):
            return None
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
        aff = by_start.get(doc[k].idx) if k < len(doc) else None
        return aff.code if aff is not None and aff.kind != "nationality" else None


def _paragraphs(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """(offset, paragraph) for the blank-line separated paragraphs of ``text``, each at most
    ``limit`` (:data:`NLP_CHUNK_CHARS`) characters: longer ones are cut by :func:`_cut`."""
    limit = limit or NLP_CHUNK_CHARS
    offsets = [m.start() for m in re.finditer(r"(?:^|\n\n)", text)]
    out: list[tuple[int, str]] = []
    for i, start in enumerate(offsets):
        s = start if start == 0 and not text.startswith("\n\n") else start + 2
        e = offsets[i + 1] if i + 1 < len(offsets) else len(text)
        if text[s:e].strip():
            out.extend(_cut(text, s, e, limit))
    return out


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+")


def _cut(text: str, start: int, end: int, limit: int) -> list[tuple[int, str]]:
    """``text[start:end]`` in pieces of at most ``limit`` characters (see NLP_CHUNK_CHARS)."""
    out: list[tuple[int, str]] = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = 0
        for m in _SENTENCE_END.finditer(window, limit // 2):
            cut = m.end()
        if not cut:
            cut = max(window.rfind("\n", limit // 2), window.rfind(" ", limit // 2)) + 1
        if cut <= 0:
            cut = limit
        if window[:cut].strip():
            out.append((start, window[:cut]))
        start += cut
    if text[start:end].strip():
        out.append((start, text[start:end]))
    return out


# How sentences are found at ingest and where NER runs (part of the annotator version: a
# change re-annotates): the sentence recogniser; NER on the paragraphs that need it.
SEGMENTER = "senter+ner-gated"

_MAYBE_NAME = frozenset({"NOUN", "ADJ", "X"})


def _needs_model(tok: Any, sent_start: int, covered: set[int]) -> bool:
    """A capitalised word the dictionary does not cover, that may be (part of) a name."""
    if tok.i in covered or not tok.text[:1].isupper():
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ in _MAYBE_NAME and tok.i != sent_start


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    """One recognizer per process, over the bundled dictionary and the spaCy pipeline."""
    from . import nlp

    return Recognizer(load_dictionary(), nlp.load())


def mention_rows(doc_id: str, mentions: Iterable[Mention]) -> list[dict[str, Any]]:
    return [
        {
            "doc_id": doc_id,
            "sent": m.sent,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "kind": m.kind,
            "code": m.code,
            "person": m.person,
            "role": m.role,
            "origin": m.origin,
            "confidence": m.confidence,
        }
        for m in mentions
    ]


def sentence_rows(doc_id: str, sentences: Sequence[tuple[int, int, str]]) -> list[dict[str, Any]]:
    return [
        {"doc_id": doc_id, "sent": i, "start": s, "end": e, "text": t}
        for i, (s, e, t) in enumerate(sentences)
    ]
