"""The dashboard's split-vote lead, plain readings and nearest states (issue 16)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
pytest.importorskip("jinja2", reason="the web extra (jinja2) is not installed")

from web_fixtures import (
    client_fixture,  # noqa: F401
    web_app_fixture,  # noqa: F401
    web_db_fixture,  # noqa: F401
)


def test_api_neighbours_json(client: Any) -> None:
    resp = client.get("/api/neighbours/AZE", params={"since": "2015", "top": 5})
    assert resp.status_code == 200
    body = resp.json()
    assert body["state"]["iso3"] == "AZE" and body["since"] == "2015-01-01"
    rows = body["neighbours"]
    assert len(rows) == 5 and "AZE" not in {r["iso3"] for r in rows}
    assert [r["rank"] for r in rows] == [1, 2, 3, 4, 5]
    assert all(r["n"] >= body["min_shared"] for r in rows)
    assert isinstance(body["excluded"], int) and isinstance(body["excluded_states"], list)
    assert body["ranked"] >= 5
    assert body["reading"]["text"].startswith("The states that vote most like Azerbaijan")
    assert body["reading"]["thin"] is False


def test_api_neighbours_measure_s_and_errors(client: Any) -> None:
    body = client.get("/api/neighbours/Azerbaijan", params={"measure": "S", "top": 3}).json()
    assert body["measure"] == "s"
    s = [r["s"] for r in body["neighbours"]]
    assert s == sorted(s, reverse=True)
    assert client.get("/api/neighbours/Narnia").status_code == 404
    assert client.get("/api/neighbours/AZE", params={"measure": "kappa"}).status_code == 422
    assert client.get("/api/neighbours/AZE", params={"top": 0}).status_code == 422
    assert client.get("/api/neighbours/AZE", params={"since": "2020-13"}).status_code == 422


def test_country_page_leads_with_split_votes_and_lists_neighbours(client: Any) -> None:
    resp = client.get("/country/AZE", params={"since": "2015", "replicates": 20})
    assert resp.status_code == 200
    html = resp.text
    main = html[html.index("<main") :] if "<main" in html else html
    lead = main.index('id="split-votes"')
    assert lead < main.index('class="headline"') < main.index('id="neighbours"')
    assert "When the US and Russia vote differently, Azerbaijan" in main
    assert "How to read this" in main
    assert "Closest pole" not in main
    assert "first vote" not in main and "last vote" not in main
    table = main[main.index('<table id="neighbours">') :]
    table = table[: table.index("</table>")]
    assert table.count("<tr>") >= 2 and "/country/AZE" not in table
    assert "left out for sharing fewer than" in main


def test_us_country_page_has_no_split_vote_lead(client: Any) -> None:
    resp = client.get("/country/USA", params={"replicates": 20})
    assert resp.status_code == 200
    assert 'id="split-votes"' not in resp.text and 'id="neighbours"' in resp.text
