"""Recognising actors in text: states, nationalities, capitals, IGOs and office holders.

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
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..records.countries import StateTable, load_states

KINDS = ("person", "igo", "state", "nationality", "capital")
_PRIORITY = {k: i for i, k in enumerate(KINDS)}
_DEMONYM = re.compile(r"(ian|ean|an|ese|ish|i|ic|ite|er|ot|ch)$", re.IGNORECASE)
MODEL_KINDS = {
    "PERSON": "unknown_person",
    "ORG": "unknown_org",
    "GPE": "unknown_place",
    "LOC": "unknown_place",
    "NORP": "unknown_group",
}


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
    surnames: dict[str, set[str]] = field(default_factory=dict)  # last name -> person ids

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
            best = min(
                now,
                key=lambda s: (
                    ("head_of_state", "head_of_government", "foreign_minister").index(s.role)
                    if s.role in ("head_of_state", "head_of_government", "foreign_minister")
                    else 9
                ),
            )
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
    for path in sorted(folder.glob("office_holders_*.csv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
        for i, row in enumerate(_read_csv(path), start=2):
            pid = (row.get("person") or "").strip()
            iso3 = (row.get("iso3") or "").strip()
            role = (row.get("role") or "").strip()
            if not pid or not iso3 or not role:
                raise DataError(f"{path} line {i}: person, iso3 and role are required")
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
            for raw_alias in (row.get("aliases") or "").split("|"):
                alias = raw_alias.strip()
                if alias and len(alias) >= 4:
                    entries.append(Entry(alias, "person", None, person=pid))
    # one entry per (alias, kind, code/person): the same alias listed twice is harmless
    uniq = {
        (e.alias.lower() if not e.case_sensitive else e.alias, e.kind, e.code, e.person): e
        for e in entries
    }
    surnames: dict[str, set[str]] = {}
    for pid, name in names.items():
        last = name.split()[-1] if name.split() else ""
        if len(last) >= 4 and last.isalpha():
            surnames.setdefault(last.lower(), set()).add(pid)
    return ActorDictionary(list(uniq.values()), spells, names, digest.hexdigest()[:12], surnames)


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
        return f"actors-{self.dictionary.version}"

    def _resolve(self, entries: list[Entry], on: date | None) -> Entry | None:
        best = sorted(entries, key=lambda e: _PRIORITY.get(e.kind, 9))
        return best[0] if best else None

    def annotate(
        self, text: str, on: date | None = None
    ) -> tuple[list[tuple[int, int, str]], list[Mention]]:
        """Sentences (start, end, text) and mentions with offsets into ``text``."""
        sentences: list[tuple[int, int, str]] = []
        mentions: list[Mention] = []
        offsets = [m.start() for m in re.finditer(r"(?:^|\n\n)", text)]
        paragraphs = []
        for i, start in enumerate(offsets):
            s = start if start == 0 and not text.startswith("\n\n") else start + 2
            e = offsets[i + 1] if i + 1 < len(offsets) else len(text)
            if text[s:e].strip():
                paragraphs.append((s, text[s:e]))
        for (base, _), doc in zip(paragraphs, self.nlp.pipe(p for _, p in paragraphs), strict=True):
            first_sent = len(sentences)
            sent_bounds = []
            for sent in doc.sents:
                if sent.text.strip():
                    sentences.append((base + sent.start_char, base + sent.end_char, sent.text))
                    sent_bounds.append((sent.start_char, sent.end_char))
            found = self._match(doc, on)
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

    def _match(self, doc: Any, on: date | None) -> list[Mention]:
        spans = []
        for matcher in (self._insensitive, self._sensitive):
            for match_id, s, e in matcher(doc):
                label = self.nlp.vocab.strings[match_id]
                span = doc[s:e]
                if matcher is self._insensitive and not (
                    span.text[:1].isupper() or span.text[:1].isdigit()
                ):
                    continue
                spans.append((span.start_char, span.end_char, span.text, label))
        # longest first, then by kind priority; drop overlaps
        spans.sort(
            key=lambda t: (
                -(t[1] - t[0]),
                min(_PRIORITY.get(x.kind, 9) for x in self._by_key[t[3]]),
                t[0],
            )
        )
        chosen: list[Mention] = []
        for s, e, txt, label in spans:
            if any(s < ce and cs < e for cs, ce in ((m.start, m.end) for m in chosen)):
                continue
            entry = self._resolve(self._by_key[label], on)
            if entry is None:
                continue
            code, role = entry.code, None
            if entry.kind == "person" and entry.person:
                code, role = self.dictionary.person_role(entry.person, on)
            chosen.append(
                Mention(s, e, txt, entry.kind, code, entry.person, role, "dictionary", 1.0)
            )
        if on is not None:
            chosen += self._surnames(doc, on, chosen)
        return chosen

    def _surnames(self, doc: Any, on: date, taken: list[Mention]) -> list[Mention]:
        """A bare surname ("Aliyev said") names the one office holder of that surname in office
        on the article's date; with none or several in office it stays unresolved.

        Why by date: surnames alone are ambiguous across time (Heydar and Ilham Aliyev), but at
        a given date the dictionary knows who holds the three offices it covers.
        """
        found: list[Mention] = []
        for tok in doc:
            if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or len(tok.text) < 4:
                continue
            s, e = tok.idx, tok.idx + len(tok.text)
            if any(s < m.end and m.start < e for m in taken):
                continue
            people = self.dictionary.surnames.get(tok.text.lower())
            if not people:
                continue
            holding = []
            for pid in people:
                code, role = self.dictionary.person_role(pid, on)
                if role and not role.startswith(("former_", "future_")):
                    holding.append((pid, code, role))
            if len(holding) == 1:
                pid, code, role = holding[0]
                found.append(Mention(s, e, tok.text, "person", code, pid, role, "dictionary", 0.8))
        return found


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
