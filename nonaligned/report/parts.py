"""Pieces of the HTML report: tables, the split-vote lead, plain readings and the nearest states.

Kept apart from :mod:`.html` (the page and its scripts) so each stays short; everything here
returns an HTML fragment, escaped, from :func:`.data.report_data`'s dict.
"""

from __future__ import annotations

from html import escape
from typing import Any

from ..measures.readings import pole_name


def _f(x: Any, digits: int = 2) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _empty(reason: str) -> str:
    return f'<div class="empty">No data because {escape(reason)}.</div>'


def _table(rows: list[dict[str, Any]], cols: list[tuple[str, str]]) -> str:
    head = "".join(f"<th>{escape(t)}</th>" for _, t in cols)
    body = []
    for r in rows:
        cells = []
        for k, _ in cols:
            v = r.get(k)
            if isinstance(v, float):
                cells.append(f'<td class="num">{v:.3f}</td>')
            elif isinstance(v, int) and not isinstance(v, bool):
                cells.append(f'<td class="num">{v}</td>')
            else:
                cells.append(f"<td>{escape('' if v is None else str(v))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _howto(text: str | None) -> str:
    if not text:
        return ""
    return f'<details class="howto"><summary>How to read this</summary>{escape(text)}</details>'


def _pct(x: Any) -> str:
    return "—" if x is None else f"{100 * float(x):.0f}%"


def _split_lead(data: dict[str, Any]) -> str:
    """The report's lead: the split-vote measure's reading, its shares and how to read it."""
    sv = data.get("split_votes")
    if not sv:
        return ""
    o = sv.get("overall") or {}
    r = sv.get("reading") or {}
    a, b = dict(sv["pole_a"]), dict(sv["pole_b"])
    until = (data.get("period") or {}).get("last_vote") or ""
    year = int(until[:4]) if until[:4].isdigit() else None
    for p in (a, b):  # "Russia", not "Russia (USSR before 1992)", in a sentence
        p["label"] = pole_name(str(p["code"]), str(p["label"]), until_year=year)
    thin = bool(r.get("thin"))
    figures = ""
    if not thin:
        figures = (
            f'<p class="d">With {escape(a["label"])} {_pct(o.get("share_a"))} '
            f"[{_pct(o.get('share_a_lo'))}, {_pct(o.get('share_a_hi'))}], with "
            f"{escape(b['label'])} {_pct(o.get('share_b'))} [{_pct(o.get('share_b_lo'))}, "
            f"{_pct(o.get('share_b_hi'))}], abstained or absent "
            f"{_pct(o.get('share_abstain_absent'))}, another way {_pct(o.get('share_other'))} "
            f"of {o.get('n')} roll calls on which they voted differently (95% intervals); the "
            f"average member: {escape(a['label'])} {_pct(o.get('assembly_a'))}, "
            f"{escape(b['label'])} {_pct(o.get('assembly_b'))}.</p>"
        )
    yearly = sv.get("yearly") or []
    table = ""
    if yearly:
        rows = [
            {
                "year": y.get("year"),
                "n": y.get("n"),
                "a": _pct(y.get("share_a")),
                "b": _pct(y.get("share_b")),
                "off": _pct(y.get("share_abstain_absent")),
                "thin": "thin" if y.get("thin") else "",
            }
            for y in yearly[-15:]
        ]
        table = (
            "<details><summary>Per year (last 15 years; thin = too few split roll calls to "
            "say)</summary>"
            + _table(
                rows,
                [
                    ("year", "year"),
                    ("n", "split roll calls"),
                    ("a", f"with {a['code']}"),
                    ("b", f"with {b['code']}"),
                    ("off", "abstained or absent"),
                    ("thin", ""),
                ],
            )
            + "</details>"
        )
    cls = "reading thin" if thin else "reading"
    return (
        f'<div class="lead" id="split-votes"><div class="k">Split votes: '
        f"{escape(a['label'])} vs {escape(b['label'])}</div>"
        f'<p class="{cls}">{escape(str(r.get("text", "")))}</p>{figures}{table}'
        f"{_howto(r.get('how_to_read'))}</div>"
    )


def _reading(data: dict[str, Any], key: str) -> str:
    r = (data.get("readings") or {}).get(key)
    if not r:
        return ""
    cls = "reading thin" if r.get("thin") else "reading"
    return f'<div class="{cls}">{escape(str(r["text"]))}</div>'


def _how(data: dict[str, Any], key: str) -> str | None:
    r = (data.get("readings") or {}).get(key)
    return None if not r else r.get("how_to_read")


def _neighbours(data: dict[str, Any], name: str) -> str:
    nb = data.get("neighbours")
    if not nb or not nb.get("neighbours"):
        return _empty(f"{name} shares too few roll calls with other states in the period")
    rows = [
        {
            "rank": r["rank"],
            "name": r["name"],
            "n": r["n"],
            "agree": f"{_pct(r['agree'])} [{_pct(r['agree_lo'])}, {_pct(r['agree_hi'])}]",
            "s": f"{_f(r['s'])} [{_f(r['s_lo'])}, {_f(r['s_hi'])}]",
        }
        for r in nb["neighbours"]
    ]
    return (
        _reading(data, "neighbours")
        + _table(
            rows,
            [
                ("rank", "rank"),
                ("name", "state"),
                ("n", "shared roll calls"),
                ("agree", "identical votes [95%]"),
                ("s", "S [95%]"),
            ],
        )
        + f'<p class="explain">{nb["ranked"]} states ranked; {nb["excluded"]} left out for '
        f"sharing fewer than {nb['min_shared']} roll calls with {escape(name)}.</p>"
        + _howto(_how(data, "neighbours"))
    )
