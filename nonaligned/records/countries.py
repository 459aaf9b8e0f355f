"""The states table and the country resolver.

Why this module is long: the resolver and the table it resolves against are one algorithm (names,
demonyms, codes and former names, each valid for a period, with suggestions for near misses); the
five CSV parsers are short and feed only this table. Not split on purpose.

Every dataset in nonaligned joins on the Correlates-of-War code (``cow``); people, on the other hand,
type names, demonyms, ISO codes and former names ("Burma", "Azeri", "DEU", "Soviet Union"). This
module turns any of those into one :class:`State`, with a date when the answer depends on it
("Germany" in 1980 is West Germany; "Yemen" in 1985 is the Yemen Arab Republic).

The data are five small CSV files bundled in ``nonaligned.records.data`` and documented in
``states.SOURCE.md``: ``states.csv`` (one row per state), ``state_spells.csv`` (COW and GW system
membership), ``states_iso_periods.csv`` (display codes and names that change with the date, e.g.
SUN/RUS for COW 365), ``states_name_periods.csv`` (names that point at a state only for a while) and
``states_ambiguous.csv`` (terms that must never silently pick one state, e.g. "Congo").
The files are edited by hand, so they are validated on load: a bad row raises
:class:`~nonaligned.errors.DataError` naming the file, the line and the problem.

Resolution rules (also in ``states.SOURCE.md``):

* An ``int`` is a COW code (the join key). A string of digits is a COW code too, except a
  zero-padded three-digit string ("031"), which is read as ISO 3166 numeric when no COW code has
  that number and is ambiguous otherwise ("031": Bahamas is COW 31, Azerbaijan is ISO 031).
  Prefixes make intent explicit: ``cow:373``, ``cow:AZE``, ``iso:031``, ``iso:AZE``, ``gw:340``.
* Two- and three-letter strings are ISO 3166 alpha-2/alpha-3 codes first (including the dated
  codes of ``states_iso_periods.csv`` and the user-assigned X.. codes), then names, and only then
  COW abbreviations. A COW abbreviation that is another state's ISO code (AUS, SWZ, SLV, MNG, CZE,
  KOR, MAC) is reachable only with ``cow:``.
* Names, official names, aliases and demonyms match case-, accent-, punctuation- and
  "the"-insensitively; "Korea, Republic of" and "Bolivia (Plurinational State of)" are also
  tried in natural order.
* ``on`` only disambiguates: every candidate key carries validity dates (a state's own names and
  codes are valid during its COW/GW spells, dated names and codes during their periods). The
  candidates valid on the date win; if none is valid, the one closest in time wins, so
  "Czechoslovakia" still resolves in 2000. ``on=None`` means "now" (the latest meaning).
  If the winners are different states, or a term of ``states_ambiguous.csv`` is among them, the
  query is ambiguous and raises :class:`~nonaligned.errors.UnknownCountry` listing them.
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from nonaligned.errors import BadDate, DataError, UnknownCountry

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AmbiguousTerm",
    "IsoPeriod",
    "NamePeriod",
    "Spell",
    "State",
    "StateTable",
    "load_states",
    "normalize_name",
    "resolve",
]

DATA_PACKAGE = "nonaligned.records.data"
STATES_FILE = "states.csv"
SPELLS_FILE = "state_spells.csv"
ISO_PERIODS_FILE = "states_iso_periods.csv"
NAME_PERIODS_FILE = "states_name_periods.csv"
AMBIGUOUS_FILE = "states_ambiguous.csv"

STATE_COLUMNS = (
    "cow",
    "cow_abb",
    "iso3",
    "iso2",
    "isonum",
    "gw",
    "name",
    "official_name",
    "aliases",
    "capital",
    "start",
    "end",
    "successor_cows",
    "predecessor_cows",
    "note",
    "kind",
)
SPELL_COLUMNS = ("cow", "system", "code", "start", "end")
ISO_PERIOD_COLUMNS = ("cow", "start", "end", "iso3", "iso2", "isonum", "name", "note")
NAME_PERIOD_COLUMNS = ("cow", "alias", "start", "end", "note")
AMBIGUOUS_COLUMNS = ("term", "cows", "start", "end", "note")

KINDS = ("cow", "gw", "other")
SYSTEMS = ("cow", "gw")

_ISO3 = re.compile(r"[A-Z]{3}")
_ISO2 = re.compile(r"[A-Z]{2}")
_ISONUM = re.compile(r"[0-9]{3}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PREFIX = re.compile(r"(cow|iso|gw)\s*:\s*(.+)", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]{2,3}")

# Letters that Unicode decomposition does not reduce to ASCII.
_TRANSLIT = str.maketrans(
    {"đ": "d", "ə": "e", "ı": "i", "ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "œ": "oe"}
)

Interval = tuple[date, date]  # inclusive; open ends are date.min / date.max
_ALWAYS: tuple[Interval, ...] = ((date.min, date.max),)


@dataclass(frozen=True)
class State:
    """One row of ``states.csv``: a state (or, for kind "other", an entity users ask about).

    ``start``/``end`` give overall COW system membership (GW for GW-only rows); ``end`` is None for
    states that are still members. Codes ``cow`` >= 1000 are nonaligned's own (see the SOURCE note).
    """

    cow: int
    cow_abb: str | None
    iso3: str
    iso2: str | None
    isonum: int | None
    gw: int | None
    name: str
    official_name: str
    aliases: tuple[str, ...]
    capital: str | None
    start: date | None
    end: date | None
    successor_cow: tuple[int, ...]
    predecessor_cow: tuple[int, ...]
    note: str
    kind: str

    @property
    def current(self) -> bool:
        """True if the state has not ended (its iso2 and isonum must be unique among current states)."""
        return self.end is None


@dataclass(frozen=True)
class Spell:
    """A spell of membership in the COW or Gleditsch-Ward state system; ``code`` is that system's."""

    cow: int
    system: str
    code: int
    start: date
    end: date | None


@dataclass(frozen=True)
class IsoPeriod:
    """Display code and name of a state for a stretch of time (e.g. SUN/Soviet Union for 365)."""

    cow: int
    start: date | None
    end: date | None
    iso3: str
    iso2: str | None
    isonum: int | None
    name: str
    note: str


@dataclass(frozen=True)
class NamePeriod:
    """A name that designates a state only between two dates ("Germany" -> 260 in 1949-1990)."""

    cow: int
    alias: str
    start: date | None
    end: date | None
    note: str


@dataclass(frozen=True)
class AmbiguousTerm:
    """A term that designates several states at once between two dates ("Congo")."""

    term: str
    cows: tuple[int, ...]
    start: date | None
    end: date | None
    note: str


@dataclass(frozen=True)
class _Entry:
    """One meaning of one lookup key: which state(s), when, and where it was declared."""

    cows: tuple[int, ...]
    intervals: tuple[Interval, ...]
    origin: str  # "file, line N" for error messages
    ambiguous: bool = False


def normalize_name(text: str) -> str:
    """Fold a country name for matching: case, accents, punctuation, "&", "St." and "the".

    Apostrophes and dots vanish (so "Côte d'Ivoire" == "Cote dIvoire", "U.S." == "US"); other
    punctuation separates words (so "Guinea-Bissau" == "Guinea Bissau").
    """
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold().translate(_TRANSLIT)
    s = s.replace("&", " and ")
    s = re.sub(r"[’‘'`ʻʼ.]", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    words = ["saint" if w == "st" else w for w in s.split() if w != "the"]
    return " ".join(words)


def _variants(query: str) -> list[str]:
    """The query plus its natural-order readings: "Korea, Republic of" -> "Republic of Korea"."""
    out = [normalize_name(query)]
    m = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", query)
    if m:
        out.append(normalize_name(f"{m.group(2)} {m.group(1)}"))
    if query.count(",") == 1:
        head, tail = query.split(",")
        out.append(normalize_name(f"{tail} {head}"))
    return [v for i, v in enumerate(out) if v and v not in out[:i]]


def _as_date(on: date | str | None) -> date | None:
    if on is None:
        return None
    if isinstance(on, datetime):
        return on.date()
    if isinstance(on, date):
        return on
    if isinstance(on, str) and _DATE.fullmatch(on.strip()):
        try:
            return date.fromisoformat(on.strip())
        except ValueError:
            pass
    raise BadDate(f"bad date {on!r}: expected YYYY-MM-DD")


def _interval(start: date | None, end: date | None) -> Interval:
    return (start or date.min, end or date.max)


def _overlap(a: Iterable[Interval], b: Iterable[Interval]) -> bool:
    bs = list(b)
    return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a for lo2, hi2 in bs)


def _distance(intervals: Iterable[Interval], day: date) -> int:
    best = None
    for lo, hi in intervals:
        if lo <= day <= hi:
            return 0
        d = lo.toordinal() - day.toordinal() if day < lo else day.toordinal() - hi.toordinal()
        best = d if best is None else min(best, d)
    return best if best is not None else 0


# ----------------------------------------------------------------------------------------------
# Reading and validating the CSV files


class _Rows:
    """A CSV file's rows with line numbers, and helpers that raise DataError naming file and line."""

    def __init__(self, label: str, text: str, columns: tuple[str, ...]) -> None:
        self.label = label
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            raise DataError(f"{label}, line 1: missing column(s) {', '.join(missing)}")
        self.rows: list[tuple[int, dict[str, str]]] = []
        try:
            for row in reader:
                if None in row:
                    self.fail(reader.line_num, "more fields than the header")
                self.rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items()}))
        except csv.Error as err:
            raise DataError(f"{label}, line {reader.line_num}: malformed CSV ({err})") from err

    def where(self, line: int) -> str:
        return f"{self.label}, line {line}"

    def fail(self, line: int, problem: str) -> None:
        raise DataError(f"{self.where(line)}: {problem}")

    def int_(
        self, line: int, row: Mapping[str, str], col: str, *, optional: bool = False
    ) -> int | None:
        v = row[col]
        if not v and optional:
            return None
        if not re.fullmatch(r"[0-9]+", v):
            self.fail(line, f"{col} {v!r} is not a positive integer")
        return int(v)

    def ints(self, line: int, row: Mapping[str, str], col: str) -> tuple[int, ...]:
        v = row[col]
        if not v:
            return ()
        parts = v.split("|")
        if not all(re.fullmatch(r"[0-9]+", p.strip()) for p in parts):
            self.fail(line, f"{col} {v!r} is not a |-separated list of integers")
        return tuple(int(p) for p in parts)

    def date_(self, line: int, row: Mapping[str, str], col: str) -> date | None:
        v = row[col]
        if not v:
            return None
        if _DATE.fullmatch(v):
            try:
                return date.fromisoformat(v)
            except ValueError:
                pass
        self.fail(line, f"{col} {v!r} is not a date (YYYY-MM-DD)")
        return None  # unreachable

    def code(
        self,
        line: int,
        row: Mapping[str, str],
        col: str,
        pattern: re.Pattern[str],
        *,
        optional: bool,
    ) -> str | None:
        v = row[col]
        if not v and optional:
            return None
        if not pattern.fullmatch(v):
            self.fail(line, f"{col} {v!r} is not a valid code (expected {pattern.pattern})")
        return v

    def dates(self, line: int, row: Mapping[str, str]) -> tuple[date | None, date | None]:
        start, end = self.date_(line, row, "start"), self.date_(line, row, "end")
        if start and end and end < start:
            self.fail(line, f"end {end} is before start {start}")
        return start, end


def _read(directory: Path | None, name: str) -> tuple[str, str]:
    """(label for messages, text) of one data file, bundled or from a user directory."""
    try:
        if directory is None:
            return name, resources.files(DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")
        path = directory / name
        return str(path), path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        where = name if directory is None else str(directory / name)
        raise DataError(f"{where}: file is missing") from err
    except UnicodeDecodeError as err:
        raise DataError(f"{name}: not valid UTF-8 ({err.reason} at byte {err.start})") from err
    except OSError as err:
        raise DataError(f"{name}: cannot be read ({err.strerror})") from err


# ----------------------------------------------------------------------------------------------
# The table


class StateTable:
    """All states, their spells and dated codes, with an index for resolving names and codes.

    Build it with :func:`load_states`; the constructor validates cross-file consistency.
    """

    def __init__(
        self,
        states: list[tuple[str, State]],
        spells: list[tuple[str, Spell]],
        iso_periods: list[tuple[str, IsoPeriod]],
        name_periods: list[tuple[str, NamePeriod]],
        ambiguous: list[tuple[str, AmbiguousTerm]],
    ) -> None:
        self._states: dict[int, State] = {}
        for where, st in states:
            if st.cow in self._states:
                raise DataError(f"{where}: duplicate cow {st.cow}")
            self._states[st.cow] = st
        self._spells: dict[int, list[Spell]] = {}
        self._iso_periods: dict[int, list[IsoPeriod]] = {}
        self._check_states(states)
        for where, sp in spells:
            self._need(where, sp.cow)
            self._spells.setdefault(sp.cow, []).append(sp)
        for where, ip in iso_periods:
            self._need(where, ip.cow)
            mine = self._iso_periods.setdefault(ip.cow, [])
            if _overlap([_interval(ip.start, ip.end)], [_interval(p.start, p.end) for p in mine]):
                raise DataError(f"{where}: period overlaps another period of cow {ip.cow}")
            mine.append(ip)
        for spell_list in self._spells.values():
            spell_list.sort(key=lambda s: (s.system, s.start))
        for cow, period_list in self._iso_periods.items():
            period_list.sort(key=lambda p: p.start or date.min)
            last = period_list[-1]
            st = self._states[cow]
            # A current state's latest display codes are its codes. A dissolved state may keep a
            # unique user-assigned iso3 in states.csv while its periods give the ISO code it had.
            if st.current and (last.iso3, last.iso2, last.isonum) != (st.iso3, st.iso2, st.isonum):
                raise DataError(
                    f"{ISO_PERIODS_FILE}: the latest period of cow {cow} has codes "
                    f"{last.iso3}/{last.iso2}/{last.isonum} but {STATES_FILE} has {st.iso3}/{st.iso2}/{st.isonum}"
                )
        for where, npd in name_periods:
            self._need(where, npd.cow)
        for where, amb in ambiguous:
            for c in amb.cows:
                self._need(where, c)
            if len(set(amb.cows)) < 2:
                raise DataError(f"{where}: an ambiguous term needs at least two different cows")
        self._lifetimes = {cow: self._lifetime(cow) for cow in self._states}
        self._index: dict[str, dict[str, list[_Entry]]] = {
            t: {} for t in ("code", "isonum", "name", "cowabb")
        }
        self._build_index(states, iso_periods, name_periods, ambiguous)
        self._check_collisions()
        # (folded key, cow, text as written) of every plain name, for "did you mean" suggestions.
        self._fuzzy: list[tuple[str, int, str]] = sorted(
            {
                (normalize_name(text), cow, text)
                for cow, text in self._all_names(states, iso_periods, name_periods)
                if normalize_name(text)
            }
        )
        self._fuzzy_keys = [k for k, _, _ in self._fuzzy]

    @staticmethod
    def _all_names(
        states: list[tuple[str, State]],
        iso_periods: list[tuple[str, IsoPeriod]],
        name_periods: list[tuple[str, NamePeriod]],
    ) -> list[tuple[int, str]]:
        out = [(st.cow, t) for _, st in states for t in (st.name, st.official_name, *st.aliases)]
        out += [(p.cow, p.name) for _, p in iso_periods]
        out += [(p.cow, p.alias) for _, p in name_periods]
        return out

    # -- validation helpers --------------------------------------------------------------------

    def _need(self, where: str, cow: int) -> None:
        if cow not in self._states:
            raise DataError(f"{where}: cow {cow} is not in {STATES_FILE}")

    def _check_states(self, states: list[tuple[str, State]]) -> None:
        """Links must exist; iso3 is unique in the whole table, iso2/isonum among current states.

        Why iso3 everywhere: human-edited tables are keyed by it and joined on it in SQL, so a
        duplicate would silently double rows. Dated ISO codes that several states carried in turn
        (DEU, YEM, VNM) live in states_iso_periods.csv instead.
        """
        seen: dict[tuple[str, str], int] = {}
        for where, st in states:
            for link in (*st.successor_cow, *st.predecessor_cow):
                if link not in self._states:
                    raise DataError(
                        f"{where}: successor/predecessor cow {link} is not in {STATES_FILE}"
                    )
            checks: list[tuple[str, str | int | None]] = [("iso3", st.iso3)]
            if st.current:
                checks += [("iso2", st.iso2), ("isonum", st.isonum)]
            for col, value in checks:
                if value is None:
                    continue
                other = seen.get((col, str(value)))
                if other is not None:
                    scope = "" if col == "iso3" else "current state "
                    raise DataError(f"{where}: {col} {value} is already used by {scope}cow {other}")
                seen[(col, str(value))] = st.cow

    def _lifetime(self, cow: int) -> tuple[Interval, ...]:
        """When a state's own names and codes are valid: the union of its COW and GW spells."""
        spells = self._spells.get(cow)
        if not spells:
            st = self._states[cow]
            return (_interval(st.start, st.end),) if (st.start or st.end) else _ALWAYS
        return tuple(_interval(s.start, s.end) for s in spells)

    # -- index -----------------------------------------------------------------------------------

    def _add(self, tier: str, key: str, entry: _Entry) -> None:
        if key:
            self._index[tier].setdefault(key, []).append(entry)

    def _build_index(
        self,
        states: list[tuple[str, State]],
        iso_periods: list[tuple[str, IsoPeriod]],
        name_periods: list[tuple[str, NamePeriod]],
        ambiguous: list[tuple[str, AmbiguousTerm]],
    ) -> None:
        for where, st in states:
            life = self._lifetimes[st.cow]
            one = (st.cow,)
            # The row's own codes, unless its dated periods already say when they apply.
            periods = self._iso_periods.get(st.cow, [])
            if st.iso3 not in {p.iso3 for p in periods}:
                self._add("code", st.iso3.lower(), _Entry(one, life, where))
            if st.iso2 and st.iso2 not in {p.iso2 for p in periods}:
                self._add("code", st.iso2.lower(), _Entry(one, life, where))
            if st.isonum is not None and st.isonum not in {p.isonum for p in periods}:
                self._add("isonum", f"{st.isonum:03d}", _Entry(one, life, where))
            if st.cow_abb:
                self._add("cowabb", st.cow_abb.lower(), _Entry(one, life, where))
            for text in (st.name, st.official_name, *st.aliases):
                self._add("name", normalize_name(text), _Entry(one, life, where))
        for where, p in iso_periods:
            iv = (_interval(p.start, p.end),)
            self._add("code", p.iso3.lower(), _Entry((p.cow,), iv, where))
            if p.iso2:
                self._add("code", p.iso2.lower(), _Entry((p.cow,), iv, where))
            if p.isonum is not None:
                self._add("isonum", f"{p.isonum:03d}", _Entry((p.cow,), iv, where))
            self._add("name", normalize_name(p.name), _Entry((p.cow,), iv, where))
        for where, npd in name_periods:
            self._add(
                "name",
                normalize_name(npd.alias),
                _Entry((npd.cow,), (_interval(npd.start, npd.end),), where),
            )
        for where, amb in ambiguous:
            self._add(
                "name",
                normalize_name(amb.term),
                _Entry(
                    tuple(sorted(set(amb.cows))),
                    (_interval(amb.start, amb.end),),
                    where,
                    ambiguous=True,
                ),
            )

    def _check_collisions(self) -> None:
        """No key may name two states at overlapping dates unless declared ambiguous."""
        for tier in ("code", "isonum", "name"):
            for key, entries in self._index[tier].items():
                plain = [e for e in entries if not e.ambiguous]
                for i, a in enumerate(plain):
                    for b in plain[:i]:
                        if a.cows != b.cows and _overlap(a.intervals, b.intervals):
                            raise DataError(
                                f"{a.origin}: {key!r} names cow {a.cows[0]} ({self._states[a.cows[0]].name}) "
                                f"and, at overlapping dates, cow {b.cows[0]} ({self._states[b.cows[0]].name}, "
                                f"{b.origin}); date-bound it in {NAME_PERIODS_FILE} or declare it in {AMBIGUOUS_FILE}"
                            )
        names = self._index["name"]
        for key, entries in self._index["code"].items():
            for a in names.get(key, []):
                for b in entries:
                    if not a.ambiguous and a.cows != b.cows and _overlap(a.intervals, b.intervals):
                        raise DataError(
                            f"{a.origin}: name {key!r} of cow {a.cows[0]} is also a code of cow {b.cows[0]}"
                        )

    def _shadowed(self, abb: str) -> bool:
        """A COW abbreviation that is some other state's ISO code or name is not resolved bare."""
        mine = {c for e in self._index["cowabb"].get(abb, []) for c in e.cows}
        others = self._index["code"].get(abb, []) + self._index["name"].get(abb, [])
        return any(set(e.cows) - mine for e in others)

    # -- public API ----------------------------------------------------------------------------

    def all(self) -> list[State]:
        """Every row, ordered by cow code."""
        return [self._states[c] for c in sorted(self._states)]

    def by_cow(self, cow: int) -> State:
        """The state with this COW code (or nonaligned's own code >= 1000)."""
        return self._cow_or_fail(cow, cow)

    def _cow_or_fail(self, query: object, cow: int) -> State:
        try:
            return self._states[cow]
        except KeyError:
            raise UnknownCountry(query, reason=f"no state has COW code {cow}") from None

    def spells(self, cow: int, system: str | None = None) -> list[Spell]:
        """Membership spells of one state, optionally of one system ("cow" or "gw")."""
        self.by_cow(cow)
        return [s for s in self._spells.get(cow, []) if system is None or s.system == system]

    def iso_periods(self, cow: int) -> list[IsoPeriod]:
        """The dated display codes of one state (empty if its code never changed)."""
        self.by_cow(cow)
        return list(self._iso_periods.get(cow, []))

    def _period_on(self, cow: int, on: date | str | None) -> IsoPeriod | None:
        periods = self._iso_periods.get(cow)
        if not periods:
            return None
        day = _as_date(on) or date.max
        return min(periods, key=lambda p: _distance([_interval(p.start, p.end)], day))

    def iso3_on(self, cow: int, on: date | str | None = None) -> str:
        """The ISO3 code to display for a state on a date: "SUN" for 365 in 1980, "RUS" in 2000.

        For states whose code never changed this is ``State.iso3``. Otherwise it is the code of the
        period holding the date, or of the closest period (the latest one without a date): so
        West Germany (260) shows DEU although its unique table code is XWG.
        """
        st = self.by_cow(cow)
        p = self._period_on(cow, on)
        return p.iso3 if p else st.iso3

    def name_on(self, cow: int, on: date | str | None = None) -> str:
        """The display name on a date: "Soviet Union" for 365 in 1980, "Yugoslavia" for 345 in 1990."""
        st = self.by_cow(cow)
        p = self._period_on(cow, on)
        return p.name if p else st.name

    def gw_on(self, cow: int, on: date | str | None = None) -> int | None:
        """The Gleditsch-Ward code of a state on a date (260 for COW 255 after 1990; None if none)."""
        st = self.by_cow(cow)
        day = _as_date(on)
        gws = self.spells(cow, "gw")
        if day is None or not gws:
            return st.gw
        best = min(gws, key=lambda s: _distance([_interval(s.start, s.end)], day))
        return best.code

    def members_on(self, on: date | str, system: str = "cow") -> list[State]:
        """States that are members of the COW (or GW) system on a date."""
        day = _as_date(on)
        if system not in SYSTEMS:
            raise ValueError(f"system must be one of {SYSTEMS}")
        assert day is not None
        return [
            self._states[c]
            for c in sorted(self._spells)
            if any(
                s.system == system and s.start <= day and (s.end is None or day <= s.end)
                for s in self._spells[c]
            )
        ]

    def to_frame(self) -> pd.DataFrame:
        """The table as a DataFrame (lists joined with "|", dates as datetime64, codes nullable)."""
        import pandas as pd

        records = []
        for st in self.all():
            rec: dict[str, object] = {}
            for f in fields(State):
                v = getattr(st, f.name)
                rec[f.name] = "|".join(map(str, v)) if isinstance(v, tuple) else v
            records.append(rec)
        df = pd.DataFrame.from_records(records, columns=[f.name for f in fields(State)])
        for col in ("isonum", "gw"):
            df[col] = df[col].astype("Int64")
        for col in ("start", "end"):
            df[col] = pd.to_datetime(df[col])
        return df

    def resolve(self, query: str | int, on: date | str | None = None) -> State:
        """Resolve a name, demonym, ISO or COW code to a State; ``on`` disambiguates by date.

        Raises UnknownCountry (with up to three suggestions) when nothing matches, and with reason
        "ambiguous" and the candidates as suggestions when several states match.
        """
        day = _as_date(on)
        if isinstance(query, bool) or not isinstance(query, (int, str)):
            raise UnknownCountry(query, reason="expected a name, an ISO code or a COW code")
        if isinstance(query, int):
            return self.by_cow(query)
        q = query.strip()
        if not q:
            raise UnknownCountry(query, reason="empty query")

        m = _PREFIX.fullmatch(q)
        if m:
            return self._resolve_prefixed(query, m.group(1).lower(), m.group(2).strip(), day)

        if q.isascii() and q.isdigit():
            if len(q) == 3 and q.startswith("0"):
                return self._resolve_zero_padded(query, q, day)
            return self._cow_or_fail(query, int(q))

        if _CODE.fullmatch(q):
            hit = self._pick(query, self._index["code"].get(q.lower()), day)
            if hit is not None:
                return hit

        for key in _variants(q):
            hit = self._pick(query, self._index["name"].get(key), day)
            if hit is not None:
                return hit

        if _CODE.fullmatch(q) and not self._shadowed(q.lower()):
            hit = self._pick(query, self._index["cowabb"].get(q.lower()), day)
            if hit is not None:
                return hit

        raise UnknownCountry(query, self.suggest(q))

    def suggest(self, query: str, limit: int = 3) -> list[str]:
        """Up to ``limit`` close names for a misspelt query, one per state, best first.

        Each suggestion is the name that matched, followed by the display name when they differ
        ("Yugoslavia (Serbia)"), so the user sees both what to type and what it will mean.
        """
        from rapidfuzz import fuzz, process

        key = normalize_name(query)
        if not key:
            return []
        out: list[str] = []
        seen: set[int] = set()
        for _, _score, idx in process.extract(
            key, self._fuzzy_keys, scorer=fuzz.ratio, limit=50, score_cutoff=75
        ):
            _, cow, text = self._fuzzy[idx]
            if cow in seen:
                continue
            seen.add(cow)
            name = self._states[cow].name
            out.append(text if normalize_name(text) == normalize_name(name) else f"{text} ({name})")
            if len(out) == limit:
                break
        return out

    # -- resolution helpers ----------------------------------------------------------------------

    def _pick(self, query: object, entries: list[_Entry] | None, day: date | None) -> State | None:
        """Choose among the meanings of one key by date; raise if the choice is ambiguous."""
        if not entries:
            return None
        when = day or date.max
        dist = [_distance(e.intervals, when) for e in entries]
        best = min(dist)
        chosen = [e for e, d in zip(entries, dist, strict=True) if d == best]
        cows = sorted({c for e in chosen for c in e.cows})
        if len(cows) == 1:
            return self._states[cows[0]]
        names = [self._states[c].name for c in cows]
        when_txt = f" on {day.isoformat()}" if day else ""
        raise UnknownCountry(query, names, reason=f"ambiguous{when_txt}")

    def _resolve_prefixed(self, query: str, prefix: str, rest: str, day: date | None) -> State:
        if prefix == "cow":
            if rest.isascii() and rest.isdigit():
                return self._cow_or_fail(query, int(rest))
            hit = self._pick(query, self._index["cowabb"].get(rest.lower()), day)
        elif prefix == "iso":
            if _ISONUM.fullmatch(rest):
                hit = self._pick(query, self._index["isonum"].get(rest), day)
            elif _CODE.fullmatch(rest):
                hit = self._pick(query, self._index["code"].get(rest.lower()), day)
            else:
                raise UnknownCountry(
                    query, reason="iso: takes an alpha-2, alpha-3 or three-digit numeric code"
                )
        else:
            if not (rest.isascii() and rest.isdigit()):
                raise UnknownCountry(query, reason="gw: takes a numeric Gleditsch-Ward code")
            code = int(rest)
            entries = [
                _Entry((s.cow,), (_interval(s.start, s.end),), SPELLS_FILE)
                for lst in self._spells.values()
                for s in lst
                if s.system == "gw" and s.code == code
            ]
            hit = self._pick(query, entries, day)
        if hit is None:
            raise UnknownCountry(query, reason=f"no state has this {prefix} code")
        return hit

    def _resolve_zero_padded(self, query: str, q: str, day: date | None) -> State:
        as_cow = self._states.get(int(q))
        as_iso = self._pick(query, self._index["isonum"].get(q), day)
        if as_cow and as_iso and as_cow.cow != as_iso.cow:
            raise UnknownCountry(
                query,
                [f"{as_cow.name} (cow:{as_cow.cow})", f"{as_iso.name} (iso:{q})"],
                reason="ambiguous: a COW code and an ISO numeric code; use the cow: or iso: prefix",
            )
        hit = as_iso or as_cow
        if hit is None:
            raise UnknownCountry(query, reason="no state has this COW or ISO numeric code")
        return hit


# ----------------------------------------------------------------------------------------------
# Loading


def _parse_states(label: str, text: str) -> list[tuple[str, State]]:
    rows = _Rows(label, text, STATE_COLUMNS)
    out: list[tuple[str, State]] = []
    for line, r in rows.rows:
        cow = rows.int_(line, r, "cow")
        assert cow is not None
        if cow == 0:
            rows.fail(line, "cow must be positive")
        if not r["name"]:
            rows.fail(line, "name is empty")
        if r["kind"] not in KINDS:
            rows.fail(line, f"kind {r['kind']!r} is not one of {', '.join(KINDS)}")
        iso3 = rows.code(line, r, "iso3", _ISO3, optional=False)
        assert iso3 is not None
        isonum_txt = rows.code(line, r, "isonum", _ISONUM, optional=True)
        start, end = rows.dates(line, r)
        aliases = (
            tuple(a.strip() for a in r["aliases"].split("|") if a.strip()) if r["aliases"] else ()
        )
        out.append(
            (
                rows.where(line),
                State(
                    cow=cow,
                    cow_abb=rows.code(line, r, "cow_abb", _ISO3, optional=True),
                    iso3=iso3,
                    iso2=rows.code(line, r, "iso2", _ISO2, optional=True),
                    isonum=int(isonum_txt) if isonum_txt else None,
                    gw=rows.int_(line, r, "gw", optional=True),
                    name=r["name"],
                    official_name=r["official_name"] or r["name"],
                    aliases=aliases,
                    capital=r["capital"] or None,
                    start=start,
                    end=end,
                    successor_cow=rows.ints(line, r, "successor_cows"),
                    predecessor_cow=rows.ints(line, r, "predecessor_cows"),
                    note=r["note"],
                    kind=r["kind"],
                ),
            )
        )
    return out


def _parse_spells(label: str, text: str) -> list[tuple[str, Spell]]:
    rows = _Rows(label, text, SPELL_COLUMNS)
    out: list[tuple[str, Spell]] = []
    for line, r in rows.rows:
        if r["system"] not in SYSTEMS:
            rows.fail(line, f"system {r['system']!r} is not one of {', '.join(SYSTEMS)}")
        start, end = rows.dates(line, r)
        if start is None:
            rows.fail(line, "start is empty")
        cow, code = rows.int_(line, r, "cow"), rows.int_(line, r, "code")
        assert cow is not None and code is not None and start is not None
        out.append((rows.where(line), Spell(cow, r["system"], code, start, end)))
    return out


def _parse_iso_periods(label: str, text: str) -> list[tuple[str, IsoPeriod]]:
    rows = _Rows(label, text, ISO_PERIOD_COLUMNS)
    out: list[tuple[str, IsoPeriod]] = []
    for line, r in rows.rows:
        cow = rows.int_(line, r, "cow")
        iso3 = rows.code(line, r, "iso3", _ISO3, optional=False)
        isonum_txt = rows.code(line, r, "isonum", _ISONUM, optional=True)
        start, end = rows.dates(line, r)
        if not r["name"]:
            rows.fail(line, "name is empty")
        assert cow is not None and iso3 is not None
        iso2 = rows.code(line, r, "iso2", _ISO2, optional=True)
        isonum = int(isonum_txt) if isonum_txt else None
        out.append(
            (rows.where(line), IsoPeriod(cow, start, end, iso3, iso2, isonum, r["name"], r["note"]))
        )
    return out


def _parse_name_periods(label: str, text: str) -> list[tuple[str, NamePeriod]]:
    rows = _Rows(label, text, NAME_PERIOD_COLUMNS)
    out: list[tuple[str, NamePeriod]] = []
    for line, r in rows.rows:
        cow = rows.int_(line, r, "cow")
        start, end = rows.dates(line, r)
        if not normalize_name(r["alias"]):
            rows.fail(line, "alias is empty")
        assert cow is not None
        out.append((rows.where(line), NamePeriod(cow, r["alias"], start, end, r["note"])))
    return out


def _parse_ambiguous(label: str, text: str) -> list[tuple[str, AmbiguousTerm]]:
    rows = _Rows(label, text, AMBIGUOUS_COLUMNS)
    out: list[tuple[str, AmbiguousTerm]] = []
    for line, r in rows.rows:
        cows = rows.ints(line, r, "cows")
        start, end = rows.dates(line, r)
        if not normalize_name(r["term"]):
            rows.fail(line, "term is empty")
        out.append((rows.where(line), AmbiguousTerm(r["term"], cows, start, end, r["note"])))
    return out


def _load(directory: Path | None) -> StateTable:
    return StateTable(
        _parse_states(*_read(directory, STATES_FILE)),
        _parse_spells(*_read(directory, SPELLS_FILE)),
        _parse_iso_periods(*_read(directory, ISO_PERIODS_FILE)),
        _parse_name_periods(*_read(directory, NAME_PERIODS_FILE)),
        _parse_ambiguous(*_read(directory, AMBIGUOUS_FILE)),
    )


@functools.lru_cache(maxsize=1)
def _default_table() -> StateTable:
    return _load(None)


def load_states(path: Path | None = None) -> StateTable:
    """Load and validate the states table.

    Without ``path``: the bundled files (cached, loaded once per process). With ``path``: a
    ``states.csv`` (or the folder holding it) and its four companion files beside it, e.g. a
    user's edited copy. Any problem raises DataError naming the file, the line and what is wrong.
    """
    if path is None:
        return _default_table()
    path = Path(path)
    return _load(path if path.is_dir() else path.parent)


def resolve(query: str | int, on: date | str | None = None) -> State:
    """Resolve a country name or code with the bundled table (see :meth:`StateTable.resolve`)."""
    return load_states().resolve(query, on)
