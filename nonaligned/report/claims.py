"""The report's "Claims" section: what the ingested news asserts about the state, checked.

``claims_data(rec, iso3)`` checks the most recent stored documents that mention the state (at
most :data:`MAX_DOCUMENTS`, each as of its own date, with :func:`nonaligned.claims.api.check_documents`)
and keeps the claims about the state; ``claims_sections(data)`` turns ``data["claims"]`` into the
report's section (none when the key is absent, so a report built without claims is unchanged).
``recent_documents`` is also what the dashboard's claims page lists for the user to pick from.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..claims.api import check_documents
from ..errors import NonalignedError
from ..records.api import Records

MAX_DOCUMENTS = 20  # documents checked for one report: checking runs spaCy and many queries
MAX_CLAIMS = 60  # claims listed in the section
VERDICT_COLOURS = {
    "supported": ("#1e6b35", "#e3f4e8"),
    "contradicted": ("#9b1c1c", "#fbe4e4"),
    "mixed": ("#7a5200", "#fff3d6"),
    "not checkable": ("#4a4a4a", "#ececec"),
}


def recent_documents(
    rec: Records, iso3: str | None = None, limit: int = MAX_DOCUMENTS
) -> list[dict[str, Any]]:
    """The most recent stored documents (those mentioning ``iso3`` when given), newest first:
    doc_id, title, url, published. Empty when nothing is ingested."""
    store = rec.store
    if not store.has_table("documents"):
        return []
    where, params = "TRUE", []
    if iso3:
        where = "EXISTS (SELECT 1 FROM mentions m WHERE m.doc_id = d.doc_id AND m.code = ?)"
        params.append(iso3)
    rows = store.con.execute(
        f"""SELECT d.doc_id, d.title, d.url, d.published_local
            FROM documents d WHERE {where}
            ORDER BY d.published_date DESC NULLS LAST, d.doc_id LIMIT ?""",
        [*params, int(limit)],
    ).fetchall()
    return [
        {"doc_id": r[0], "title": r[1], "url": r[2], "published": r[3]}
        for r in rows  # fixed clauses only: every value above is a parameter
    ]


def claims_data(rec: Records, iso3: str, limit: int = MAX_DOCUMENTS) -> dict[str, Any]:
    """The claims about ``iso3`` in the ``limit`` most recent documents mentioning it.

    Keys: ``ingested`` (whether the store holds any document), ``documents`` (those checked),
    ``claims`` (``Claim.to_dict()`` rows with the document's title, url and published),
    ``other_claims`` (claims in those documents about other states only), ``failed`` (one line
    per document that could not be checked).
    """
    docs = recent_documents(rec, iso3, limit)
    ingested = bool(docs) or bool(recent_documents(rec, None, 1))
    out: dict[str, Any] = {
        "ingested": ingested,
        "documents": len(docs),
        "claims": [],
        "other_claims": 0,
        "failed": [],
    }
    for doc in docs:
        try:
            found = check_documents(rec, [str(doc["doc_id"])])
        except NonalignedError as err:
            out["failed"].append(f"{str(doc['doc_id'])[:12]}: {err}")
            continue
        for c in found:
            if iso3 not in c.states:
                out["other_claims"] += 1
                continue
            row = c.to_dict()
            row.update(title=doc["title"], url=doc["url"], published=doc["published"])
            out["claims"].append(row)
    return out


def _badge(verdict: str) -> str:
    fg, bg = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["not checkable"])
    return (
        f'<span class="verdict" style="color:{fg};background:{bg};border:1px solid {fg};'
        f'border-radius:4px;padding:0 5px;white-space:nowrap">{escape(verdict)}</span>'
    )


def _link(row: dict[str, Any]) -> str:
    title = escape(str(row.get("title") or str(row.get("doc_id") or "")[:12] or "document"))
    url = str(row.get("url") or "")
    if url.startswith(("http://", "https://")):
        return f'<a href="{escape(url)}" rel="noreferrer noopener">{title}</a>'
    return f"{title}<br><code>{escape(str(row.get('doc_id') or '')[:16])}</code>"


def claims_html(claims: dict[str, Any], name: str) -> str:
    """The section's body: one row per claim, or a line saying why there is none."""
    rows = claims.get("claims") or []
    if not claims.get("ingested"):
        return (
            '<p class="empty">No news is ingested in this store: add articles with '
            "<code>nonaligned ingest PATH</code> (files, folders, JSON Lines) and the claims "
            f"they make about {escape(name)} are checked here.</p>"
        )
    notes = "".join(f"<li>{escape(str(f))}</li>" for f in claims.get("failed") or [])
    fail = f'<ul class="explain">{notes}</ul>' if notes else ""
    if not rows:
        return (
            f'<p class="empty">No checkable claim about {escape(name)} in the '
            f"{claims.get('documents', 0)} most recent ingested documents that mention it.</p>"
            + fail
        )
    body = []
    for r in rows[:MAX_CLAIMS]:
        ev = "".join(
            f"<li><code>{escape(str(e.get('source')))}</code> {escape(str(e.get('summary')))}</li>"
            for e in r.get("evidence") or []
        )
        body.append(
            "<tr>"
            f"<td>{escape(str(r.get('published') or r.get('refers_to') or '—'))}</td>"
            f'<td class="sentence">{escape(str(r.get("sentence") or ""))}</td>'
            f"<td>{escape(str(r.get('type')))}</td><td>{_badge(str(r.get('verdict')))}</td>"
            f"<td>{escape(str(r.get('reason') or ''))}"
            + (f"<ul>{ev}</ul>" if ev else "")
            + f"</td><td>{_link(r)}</td></tr>"
        )
    more = len(rows) - MAX_CLAIMS
    tail = f'<p class="explain">{more} more claims not listed.</p>' if more > 0 else ""
    other = claims.get("other_claims") or 0
    other_note = (
        f'<p class="explain">{other} other claims in these documents are about other states.</p>'
        if other
        else ""
    )
    return (
        '<table id="claims-table"><thead><tr><th>date</th><th>sentence</th><th>type</th>'
        "<th>verdict</th><th>reason and evidence</th><th>document</th></tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table>"
        + tail
        + other_note
        + fail
    )


def claims_sections(data: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The report's Claims section as ``(id, title, explanation, html)``, or none without data."""
    claims = data.get("claims")
    if claims is None:
        return []
    name = str(data["state"]["name"])
    return [
        (
            "claims",
            "Claims",
            f"What the {claims.get('documents', 0)} most recent ingested documents mentioning "
            f"{name} assert about it, each checked against the records as of the article's date "
            "(nonaligned check); the reason says why, the evidence rows where from.",
            claims_html(claims, name),
        )
    ]
