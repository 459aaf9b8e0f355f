"""Public records: states, UN General Assembly votes, bloc memberships, alliances, ideal points.

Use the module-level functions for quick work; they read the default store (``NONALIGNED_DB`` or
the user data directory), building it from the bundled data on first use::

    from nonaligned import records
    records.country("Azerbaijani")            # -> State(cow=373, iso3='AZE', ...)
    records.members("NAM", on="2019-10-25")   # -> DataFrame of 120 members
    records.memberships("AZE", on="2024-01-01")
    records.votes("Azerbaijan", since=2015)

For another store, or read-only access, build a :class:`Records` over :func:`open_store`.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pandas as pd

from ..store import Store
from .api import ISSUES, VOTE_LABELS, Records
from .countries import State
from .load import LoadReport, load_records

_default: Records | None = None


def open_store(
    db: str | os.PathLike[str] | None = None, *, read_only: bool = False, build: bool = True
) -> Store:
    """Open a store; unless read-only, load or refresh the bundled records (a no-op when current)."""
    store = Store.open(db, read_only=read_only)
    if build and not read_only:
        try:
            load_records(store)
        except BaseException:
            store.close()
            raise
    return store


def default() -> Records:
    """The records of the default store, opened once per process."""
    global _default
    if _default is None:
        _default = Records(open_store())
    return _default


def use(db: str | os.PathLike[str] | None = None, *, read_only: bool = False) -> Records:
    """Point the module-level functions at another store."""
    global _default
    if _default is not None:
        _default.store.close()
    _default = Records(open_store(db, read_only=read_only))
    return _default


def country(query: str | int, on: str | date | None = None) -> State:
    return default().country(query, on)


def countries() -> pd.DataFrame:
    return default().countries()


def votes(
    country: str | int | None = None, since: Any = None, until: Any = None, **kw: Any
) -> pd.DataFrame:
    return default().votes(country, since, until, **kw)


def rollcalls(since: Any = None, until: Any = None, **kw: Any) -> pd.DataFrame:
    return default().rollcalls(since, until, **kw)


def members(bloc: str, on: str | date | None = None) -> pd.DataFrame:
    return default().members(bloc, on)


def memberships(country: str | int, on: str | date | None = None) -> pd.DataFrame:
    return default().memberships(country, on)


def chairs(bloc: str) -> pd.DataFrame:
    return default().chairs(bloc)


def alliances(
    country: str | int, partner: str | int | None = None, year: int | None = None
) -> pd.DataFrame:
    return default().alliances(country, partner, year)


def alliance_spells(country: str | int) -> pd.DataFrame:
    return default().alliance_spells(country)


def idealpoints_published(country: str | int | None = None) -> pd.DataFrame:
    return default().idealpoints_published(country)


def versions() -> pd.DataFrame:
    return default().versions()


__all__ = [
    "ISSUES",
    "VOTE_LABELS",
    "LoadReport",
    "Records",
    "State",
    "alliance_spells",
    "alliances",
    "chairs",
    "countries",
    "country",
    "default",
    "idealpoints_published",
    "load_records",
    "members",
    "memberships",
    "open_store",
    "rollcalls",
    "use",
    "versions",
    "votes",
]
