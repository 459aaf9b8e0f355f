from __future__ import annotations

from datetime import date

import pytest

from nonaligned.dates import parse_date
from nonaligned.errors import BadDate


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2019-10-25", False, date(2019, 10, 25)),
        ("2019-10", False, date(2019, 10, 1)),
        ("2019-10", True, date(2019, 10, 31)),
        ("2019", False, date(2019, 1, 1)),
        ("2019", True, date(2019, 12, 31)),
        ("2024-02", True, date(2024, 2, 29)),
        (" 1991-12-26 ", False, date(1991, 12, 26)),
        (2011, False, date(2011, 1, 1)),
    ],
)
def test_parse(text: str, end: bool, expected: date) -> None:
    assert parse_date(text, end=end) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("25/10/2019", "expected YYYY"),
        ("2019-13", "month 13"),
        ("2023-02-29", "no day 29"),
        ("yesterday", "expected YYYY"),
        ("1700", "before 1800"),
        ("", "expected YYYY"),
    ],
)
def test_malformed_dates_name_the_input(text: str, message: str) -> None:
    with pytest.raises(BadDate, match=message) as err:
        parse_date(text, what="--on date")
    assert "--on date" in str(err.value)


def test_none_and_date_pass_through() -> None:
    assert parse_date(None) is None
    assert parse_date(date(2000, 1, 1)) == date(2000, 1, 1)
