"""Parsing of dates given by users: ``2019-10-25``, ``2019-10`` or ``2019``.

A partial date means its first day (``2019`` -> 2019-01-01) for ``on``/``since`` and its last day
for ``until``, so that ``--until 2019`` includes all of 2019.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from .errors import BadDate

_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


def parse_date(
    text: str | date | int | None, *, end: bool = False, what: str = "date"
) -> date | None:
    """Parse a user date; ``end=True`` rounds a partial date up to the last day it covers."""
    if text is None or isinstance(text, date):
        return text
    if isinstance(text, int):
        text = str(text)
    m = _DATE.match(text)
    if not m:
        raise BadDate(f"malformed {what} {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else (12 if end else 1)
    if not 1 <= month <= 12:
        raise BadDate(f"malformed {what} {text!r}: month {month} is not 1-12")
    last = calendar.monthrange(year, month)[1]
    if m.group(3):
        day = int(m.group(3))
        if not 1 <= day <= last:
            raise BadDate(f"malformed {what} {text!r}: {year}-{month:02d} has no day {day}")
    else:
        day = last if end else 1
    if year < 1800:
        raise BadDate(f"{what} {text!r} is before 1800: no record here goes back that far")
    return date(year, month, day)
