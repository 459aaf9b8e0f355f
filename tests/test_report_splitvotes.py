"""The report leads with the split-vote measure and its reading, lists the nearest states, gives a
plain reading beside its statistics, collapses the references and shows real dates (issue 16)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from nonaligned.records import Records
from nonaligned.report.data import report_data
from nonaligned.report.html import render


@pytest.fixture(scope="module")
def data(rec: Records) -> dict[str, Any]:
    return report_data(rec, "Azerbaijan", since="2015", replicates=20)


@pytest.fixture(scope="module")
def page(data: dict[str, Any]) -> str:
    return render(data)


def test_data_carries_split_votes_readings_and_neighbours(data: dict[str, Any]) -> None:
    sv = data["split_votes"]
    assert (sv["pole_a"]["code"], sv["pole_b"]["code"]) == ("USA", "RUS")
    assert sv["reading"]["text"].startswith("When the US and Russia vote differently, Azerbaijan")
    assert sv["reading"]["how_to_read"] and sv["reading"]["thin"] is False
    rd = data["readings"]
    assert {"split_votes", "balance", "neighbours"} <= set(rd)
    assert any(k.startswith("lean:") for k in rd)
    nb = data["neighbours"]
    assert nb["neighbours"] and "AZE" not in {r["iso3"] for r in nb["neighbours"]}
    assert isinstance(nb["excluded"], int)
    json.dumps(data, allow_nan=False)  # JSON-ready


def test_html_leads_with_split_votes(page: str, data: dict[str, Any]) -> None:
    body = page[page.index("<body>") :]
    lead = body.index('id="split-votes"')
    # the split-vote lead comes before every other figure of the report
    assert lead < body.index("Balance index") < body.index('id="neighbours"')
    assert "When the US and Russia vote differently, Azerbaijan" in body
    assert "How to read this" in body
    assert "Strongest lean" not in body


def test_html_nearest_states_table(page: str) -> None:
    sec = page[page.index('<section id="neighbours">') :]
    sec = sec[: sec.index("</section>")]
    assert "Nearest states" in sec and "shared roll calls" in sec
    assert re.search(r"\d+ states ranked; \d+ left out", sec)
    assert "The states that vote most like Azerbaijan are" in sec


def test_no_placeholders_and_references_collapsed(page: str) -> None:
    visible = page[: page.index('<script type="application/json"')]
    for placeholder in ("first vote –", "last vote", "first recorded vote", "latest data"):
        assert placeholder not in visible
    assert re.search(r"period 2015-01-01 – \d{4}-\d{2}-\d{2}", visible)
    refs = visible.index('<details id="references">')
    assert refs > visible.index('<footer id="foot">')
    assert "@" in visible[refs:]  # the BibTeX is inside the collapsed element
    assert "<pre>" not in visible[:refs]
