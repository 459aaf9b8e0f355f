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
    Literal["asserted", "negated", "intended", "all"],
    Query(description="Asserted events only (default), negated, intended, or all."),
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
