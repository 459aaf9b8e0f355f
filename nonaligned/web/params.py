"""Parameters of the dashboard's pages and API: their types, bounds and parsing.

Why a module of its own: every route takes the same few kinds of input (a country, a period, a
list of poles or peers, a page of results), and each must be checked the same way before it
reaches the measures — typed and bounded in the OpenAPI description (so clients and the fuzz
tests know the contract), then resolved with the same functions the CLI uses, so that "AZE",
"Azerbaijan" and 373 mean one state everywhere and a bad value fails with the CLI's message.

Nothing here builds SQL: values only ever reach the store as query parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import Path, Query

from ..dates import parse_date
from ..errors import NonalignedError, UnknownCountry
from ..records.countries import State, StateTable
from ..text.plover import PLOVER_EVENTS

# Bounds: each keeps one request's work and answer small enough for a shared local server.
MAX_COUNTRIES = 8  # states on the compare page / in /api/compare
MAX_LIST = 8  # poles, balance poles, peers
MAX_LIMIT = 1000  # events per page
DEFAULT_LIMIT = 100
MAX_OFFSET = 1_000_000
MIN_REPLICATES = 20  # fewer and the bootstrap interval is noise
MAX_REPLICATES = 1000  # about 2 s of work for one profile
DEFAULT_REPLICATES = 200
FIRST_YEAR = 1946  # the first UN General Assembly session
LAST_YEAR = 2100  # a sanity bound; years without votes answer 404, not 500
MAX_TEXT = 64  # a country name, code or pole

DATE_PATTERN = r"^\s*\d{4}(-\d{1,2}(-\d{1,2})?)?\s*$"
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,5}$")
_DOC_ID = r"^[0-9a-f]{8,64}$"


class BadParameter(NonalignedError, ValueError):
    """A parameter that is well-typed but not acceptable (too many items, an empty period)."""


class NotFound(NonalignedError, LookupError):
    """A well-formed request for something this store does not hold (a document, a year's votes)."""


# -- typed parameters (shared by the API and the pages) --------------------------------------------
CountryPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=MAX_TEXT,
        description="A state: name, demonym, ISO2/ISO3 code or COW code (AZE, Azerbaijan, 373).",
        examples=["AZE"],
    ),
]
CountryQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_TEXT,
        description="A state: name, demonym, ISO2/ISO3 code or COW code.",
        examples=["AZE"],
    ),
]
SinceQuery = Annotated[
    str | None,
    Query(
        max_length=16,
        pattern=DATE_PATTERN,
        description="Start of the period: YYYY, YYYY-MM or YYYY-MM-DD (a partial date means its first day).",
        examples=["2010"],
    ),
]
UntilQuery = Annotated[
    str | None,
    Query(
        max_length=16,
        pattern=DATE_PATTERN,
        description="End of the period: YYYY, YYYY-MM or YYYY-MM-DD (a partial date means its last day).",
        examples=["2020-12"],
    ),
]
ListQuery = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_LIST,
        description=f"Repeat the parameter or separate with commas; at most {MAX_LIST} items.",
    ),
]
CountriesQuery = Annotated[
    list[str],
    Query(
        min_length=1,
        max_length=MAX_COUNTRIES,
        description=f"Two to {MAX_COUNTRIES} states, comma-separated or repeated (AZE,ARM,GEO).",
        examples=[["AZE,ARM,GEO"]],
    ),
]
ReplicatesQuery = Annotated[
    int,
    Query(
        ge=MIN_REPLICATES,
        le=MAX_REPLICATES,
        description="Bootstrap replicates over roll calls for the intervals.",
    ),
]
YearQuery = Annotated[
    int,
    Query(
        ge=FIRST_YEAR, le=LAST_YEAR, description="Calendar year of the UN votes.", examples=[2020]
    ),
]
LimitQuery = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Events per page (at most {MAX_LIMIT}).")
]
OffsetQuery = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Events to skip (for paging).")]
ActorQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_TEXT,
        description="Events with this state (or IGO code such as EU, NAM) as actor or recipient.",
    ),
]
EventType = Literal[PLOVER_EVENTS]  # type: ignore[valid-type]
TypesQuery = Annotated[
    list[EventType] | None,
    Query(max_length=len(PLOVER_EVENTS), description="PLOVER event types (AGREE, CONSULT, ...)."),
]
StatusQuery = Annotated[
    Literal["asserted", "negated", "intended", "hypothetical", "all"],
    Query(description="Asserted events only (default), negated, intended, hypothetical, or all."),
]
DocIdPath = Annotated[
    str,
    Path(
        min_length=8,
        max_length=64,
        pattern=_DOC_ID,
        description="A document id (hex digest of its text), or a unique prefix of at least 8 characters.",
    ),
]


# -- parsing -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Period:
    """A checked period: either end may be open."""

    since: date | None
    until: date | None

    def key(self) -> tuple[str | None, str | None]:
        return (
            self.since.isoformat() if self.since else None,
            self.until.isoformat() if self.until else None,
        )


def parse_period(since: str | None, until: str | None) -> Period:
    """Both ends parsed as the CLI parses them; an empty period is refused here, with both dates
    named, rather than deep in a measure."""
    s = parse_date(since or None, what="since date")
    u = parse_date(until or None, end=True, what="until date")
    if s and u and s > u:
        raise BadParameter(f"since {s} is after until {u}: the period is empty")
    return Period(s, u)


def split_list(values: list[str] | None, what: str, max_items: int = MAX_LIST) -> list[str]:
    """Items from repeated parameters and/or comma-separated ones, de-duplicated in order.

    Why both forms: HTML forms send checkboxes as repeated parameters and a text field as one
    comma-separated value, and both should mean the same list.
    """
    out: list[str] = []
    for value in values or []:
        for item in value.split(","):
            text = item.strip()
            if not text:
                continue
            if len(text) > MAX_TEXT:
                raise BadParameter(
                    f"{what}: item {text[:20]!r}… is longer than {MAX_TEXT} characters"
                )
            if text not in out:
                out.append(text)
    if len(out) > max_items:
        raise BadParameter(f"{what}: at most {max_items} items, got {len(out)}")
    return out


def resolve_state(states: StateTable, query: str, on: date | None = None) -> State:
    """The resolver, with any other failure on odd text made an :class:`UnknownCountry`.

    Why: the resolver reads a query of digits as a COW code, and ``str.isdigit`` is true for
    characters such as "²" that ``int`` refuses; from the web such text is just an unknown
    country (404), not a server error. (Found by the schemathesis fuzz.)
    """
    try:
        return states.resolve(query, on=on)
    except UnknownCountry:
        raise
    except (ValueError, OverflowError) as exc:
        raise UnknownCountry(query, reason="not a name or code") from exc


def resolve_iso3_list(states: StateTable, names: list[str], what: str) -> list[str]:
    """Each name resolved to one state (unknown names fail with suggestions), duplicates dropped."""
    out: list[str] = []
    for name in names:
        iso3 = resolve_state(states, name).iso3
        if iso3 not in out:
            out.append(iso3)
    return out


def resolve_actor(states: StateTable, text: str | None) -> str | None:
    """A state name or code -> its ISO3 code; an upper-case code that is no state (EU, NAM, CSTO)
    is kept as an organisation's code, as ``nonaligned events`` does."""
    if not text or not text.strip():
        return None
    name = text.strip()
    try:
        return resolve_state(states, name).iso3
    except UnknownCountry:
        if _CODE.match(name):
            return name
        raise


def poles_key(values: list[str]) -> tuple[str, ...]:
    """A cache key for a list of poles: the user's spelling does not matter, the order does."""
    return tuple(v.strip().upper() for v in values)


# -- poles ---------------------------------------------------------------------------------------
def _pole_code(
    states: StateTable, blocs: frozenset[str], name: str, what: str
) -> tuple[str, State | None]:
    """(code, state) of one pole as the measures read it: a bloc code, or a state's ISO3 code."""
    text = name.strip()
    if text.upper() in blocs:
        return text.upper(), None
    try:
        state = resolve_state(states, text)
    except UnknownCountry as exc:
        raise BadParameter(
            f"{what}: unknown pole {text!r}: not a bloc code ({', '.join(sorted(blocs))}) and {exc}"
        ) from exc
    return state.iso3, state


@dataclass(frozen=True)
class Poles:
    """Checked poles: ``names`` as the user gave them (for the measures), ``balance`` as the pole
    codes the measures compare (ISO3 or bloc code); both empty for the defaults."""

    names: tuple[str, ...]
    codes: tuple[str, ...]
    balance: tuple[str, ...]

    def key(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return self.codes, self.balance


def check_poles(
    states: StateTable,
    blocs: frozenset[str],
    poles: list[str],
    balance_poles: list[str],
    state: State | None = None,
    default_poles: tuple[str, ...] = (),
) -> Poles:
    """Poles and balance poles checked in memory before any work is queued, each failure a
    :class:`BadParameter` naming the parameter, the value and what it accepts.

    The rules are those of ``nonaligned profile`` (``measures.poles.validate_poles``), checked
    here without the store so that a bad request never waits for a computing slot: every pole is
    a bloc code or a state, named once; the state measured is never one of its own poles (before,
    ``poles=AZE`` on Azerbaijan left nothing to measure and the report failed with a KeyError,
    a 500); a balance pole must be among the poles measured, and a balance named explicitly needs
    two. Balance poles are returned as the codes the measures compare (ISO3 or bloc code), so
    ``Russia`` means RUS there too.
    """
    choices = f"a bloc code ({', '.join(sorted(blocs))}) or another state"

    def own(st: State | None) -> bool:
        return state is not None and st is not None and st.cow == state.cow

    def refuse_own(what: str, name: str) -> BadParameter:
        who = state.name if state is not None else "the state"
        return BadParameter(
            f"{what}: {name!r} is {who}, the state measured, and cannot be one of its own "
            f"poles; name {choices}"
        )

    codes: list[str] = []
    for name in poles:
        code, st = _pole_code(states, blocs, name, "poles")
        if code in codes:
            raise BadParameter(f"poles: a pole is named twice: {', '.join(poles)}")
        if own(st):
            raise refuse_own("poles", name)
        codes.append(code)
    measured = codes or [c for c in default_poles if state is None or c != state.iso3]
    balance: list[str] = []
    for name in balance_poles:
        code, st = _pole_code(states, blocs, name, "balance_poles")
        if code in balance:
            raise BadParameter(f"balance_poles: a pole is named twice: {', '.join(balance_poles)}")
        if own(st):
            raise refuse_own("balance_poles", name)
        if code not in measured:
            raise BadParameter(
                f"balance_poles: {name!r} is not among the poles measured "
                f"({', '.join(measured)}): add it to poles, or choose among those"
            )
        balance.append(code)
    if len(balance) == 1:
        raise BadParameter(
            f"balance_poles: {balance_poles[0]!r} alone: a balance index compares at least two "
            f"poles, among those measured ({', '.join(measured)})"
        )
    return Poles(tuple(n.strip() for n in poles), tuple(codes), tuple(balance))


# -- links ---------------------------------------------------------------------------------------
_UNSAFE_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")


def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) address fit for an ``href``, else None.

    Why: documents keep the address they were read from, which a hostile page or feed can set to
    ``javascript:...`` or ``data:...``; the dashboard, like the HTML report, links only http and
    https (compared case-insensitively, after no leading whitespace or control characters, which
    browsers would strip before reading the scheme).
    """
    if not isinstance(url, str) or not url or len(url) > 4096 or _UNSAFE_URL.search(url):
        return None
    scheme, sep, rest = url.partition(":")
    if not sep or scheme.lower() not in ("http", "https") or not rest.startswith("//"):
        return None
    if len(rest) <= 2 or rest[2] == "/":
        return None  # no host
    return url
