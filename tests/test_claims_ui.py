"""The claims checker on the dashboard (``/claims``, ``/api/check``) and in the HTML report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")

from web_fixtures import (
    client_fixture,  # noqa: F401
    web_app_fixture,  # noqa: F401
    web_db_fixture,  # noqa: F401
)

NAM_CHAIR = "Azerbaijan has chaired the Non-Aligned Movement since October 2019."


def test_api_check_supports_a_true_claim_with_evidence(client: Any) -> None:
    r = client.post("/api/check", json={"text": NAM_CHAIR, "on": "2021-01-10"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["on"] == "2021-01-10"
    claims = body["claims"]
    assert claims, body
    c = claims[0]
    assert c["type"] == "membership" and "AZE" in c["states"]
    assert c["verdict"] == "supported", c
    assert c["reason"] and c["evidence"]
    assert {"kind", "source", "summary", "row"} <= set(c["evidence"][0])


@pytest.mark.parametrize(
    ("payload", "status", "says"),
    [
        ({"text": "", "on": "2021-01-10"}, 422, "text"),
        ({"text": "   \n ", "on": "2021-01-10"}, 422, "empty"),
        ({"text": NAM_CHAIR, "on": "1930-01-01"}, 422, "1946"),
        ({"text": NAM_CHAIR, "on": "2021-13-40"}, 422, "malformed"),
        ({"text": NAM_CHAIR, "on": "3000-01-01"}, 422, "future"),
        ({"text": "x" * 200_001}, 422, "text"),
        (
            {"text": "L'Azerbaïdjan préside le Mouvement des non-alignés depuis octobre 2019."},
            400,
            "English",
        ),
        ({"on": "2021-01-10"}, 422, "text"),
    ],
)
def test_api_check_refuses_bad_input(client: Any, payload: Any, status: int, says: str) -> None:
    r = client.post("/api/check", json=payload)
    assert r.status_code == status, r.text
    assert says.lower() in r.json()["detail"].lower()


def test_api_check_document(client: Any) -> None:
    page = client.get("/claims")
    assert page.status_code == 200
    import re

    ids = re.findall(r'<option value="([0-9a-f]{64})"', page.text)
    assert ids, "the page lists the stored documents"
    r = client.get(f"/api/check/{ids[0]}")
    assert r.status_code == 200, r.text
    assert r.json()["doc_id"] == ids[0]
    assert client.get("/api/check/" + "0" * 16).status_code == 404
    assert client.get("/api/check/xyz").status_code == 422


def test_claims_page_renders_and_checks(client: Any) -> None:
    r = client.get("/claims")
    assert r.status_code == 200
    assert "<textarea" in r.text and 'action="/claims"' in r.text
    r = client.post(
        "/claims",
        data={"text": NAM_CHAIR, "on": "2021-01-10"},
    )
    assert r.status_code == 200, r.text
    assert 'data-verdict="supported"' in r.text
    assert "Non-Aligned Movement" in r.text


def test_claims_page_escapes_and_refuses(client: Any) -> None:
    evil = "<script>alert(1)</script> Azerbaijan has chaired the Non-Aligned Movement since 2019."
    r = client.post("/claims", data={"text": evil, "on": "2021-01-10"})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text
    r = client.post("/claims", data={"text": "", "on": ""})
    assert r.status_code == 422 and "empty" in r.text
    r = client.post("/claims", data={"text": NAM_CHAIR, "on": "1900"})
    assert r.status_code == 422 and "1946" in r.text
    r = client.get("/claims", params={"doc": "0" * 16})
    assert r.status_code == 404
    r = client.get("/claims", params={"doc": "<b>"})
    assert r.status_code == 422 and "<b>" not in r.text
    r = client.post("/claims", content=b"text=" + b"a" * 700_000)
    assert r.status_code == 413


def test_report_has_a_claims_section(web_db: Path) -> None:
    from nonaligned.records import Records
    from nonaligned.report.claims import claims_data, claims_sections
    from nonaligned.store import Store

    with Store.open(web_db, read_only=True) as store:
        rec = Records(store)
        claims = claims_data(rec, "AZE", limit=5)
    assert claims["ingested"] and claims["documents"] >= 1
    (sid, title, _expl, html) = claims_sections(
        {"state": {"name": "Azerbaijan", "iso3": "AZE"}, "claims": claims}
    )[0]
    assert sid == "claims" and title == "Claims"
    assert "claims-table" in html or "No checkable claim" in html
    empty = {"ingested": False, "documents": 0, "claims": [], "other_claims": 0, "failed": []}
    (_, _, _, note) = claims_sections({"state": {"name": "Azerbaijan"}, "claims": empty})[0]
    assert "nonaligned ingest" in note
    assert claims_sections({"state": {"name": "Azerbaijan"}}) == []


def test_report_command_writes_the_claims_section(web_db: Path, tmp_path: Path) -> None:
    import shutil

    from nonaligned.cli import main

    db = tmp_path / "copy.duckdb"
    shutil.copyfile(web_db, db)
    out = tmp_path / "aze.html"
    assert main(["--db", str(db), "report", "AZE", "-o", str(out), "--replicates", "10"]) == 0
    html = out.read_text()
    assert '<section id="claims"><h2>Claims</h2>' in html
