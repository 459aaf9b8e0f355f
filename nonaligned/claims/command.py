"""``nonaligned check ARTICLE... | --text "..." --on DATE``: the parser and the handler.

The CLI owner wires them: ``add_check_parser(sub)`` adds the ``check`` sub-command to the
top-level sub-parsers and sets ``func=cmd_check``. Inputs are files, folders, globs or JSON Lines
(read as ``nonaligned ingest`` reads them) or ids of stored documents (an unambiguous prefix of
at least six hex digits); ``--text`` checks a string. Output: one row per claim (table, csv) or
every field with the evidence (json, jsonl).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import NonalignedError
from ..output import DefaultFormat
from .model import Claim

FORMATS = ("table", "json", "jsonl", "csv")
DOC_ID = re.compile(r"^[0-9a-f]{6,64}$")
COLUMNS = ["doc", "start", "end", "type", "states", "refers_to", "verdict", "reason", "sentence"]


def add_check_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add ``check`` to the top-level sub-parsers (``build_parser``'s ``sub``)."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "check",
        help="find the claims an article makes about states and blocs and check each against "
        "the records and the coded news",
        description="Find the checkable claims in articles (files, folders, JSON Lines, stored "
        "document ids) or in --text, and check each as of the article's date: memberships and "
        "chairs, member counts, UN votes, alliances, relations, alignment. See docs/claims.md.",
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="ARTICLE",
        help="files, folders, globs or JSON Lines, or stored document ids (6+ hex digits), "
        "e.g. article.html",
    )
    p.add_argument(
        "--text",
        metavar="TEXT",
        help="check this text instead of articles, e.g. --text 'Georgia is a member of NATO.'",
    )
    p.add_argument(
        "--on",
        metavar="DATE",
        help="the date to check as of (YYYY, YYYY-MM, YYYY-MM-DD); default: each article's own "
        "date, else today; e.g. --on 2020-01-01",
    )
    p.add_argument(
        "--peers",
        nargs="+",
        metavar="COUNTRY",
        help="states to compare alignment claims with (default: the five sharing most blocs), "
        "e.g. --peers Georgia Armenia",
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        default=DefaultFormat("table", FORMATS),
        help="output format (default table; with --out and no --format, the file's extension "
        "decides: .csv, .json, .jsonl, .txt for a table), e.g. --format json",
    )
    p.add_argument(
        "--out",
        metavar="FILE",
        help="write to FILE instead of standard output, in the format its extension names "
        "unless --format says otherwise, e.g. --out claims.csv",
    )
    p.set_defaults(func=cmd_check)
    return p


def claims_frame(claims: list[Claim]) -> pd.DataFrame:
    """One row per claim, the evidence as a count and its first summaries (for table and csv)."""
    rows = []
    for c in claims:
        rows.append(
            {
                "doc": (c.doc_id or "")[:8] or None,
                "start": c.start,
                "end": c.end,
                "type": c.type,
                "states": " ".join([*c.states, *c.blocs]),
                "refers_to": c.refers_to.isoformat() if c.refers_to else None,
                "verdict": c.verdict,
                "reason": c.reason,
                "sentence": c.sentence,
                "evidence": len(c.evidence),
                "evidence_summary": " | ".join(e.summary for e in c.evidence[:5]),
            }
        )
    return pd.DataFrame(rows, columns=[*COLUMNS, "evidence", "evidence_summary"])


def _open_records(args: argparse.Namespace) -> Any:
    """The records: through the CLI's opener when it set one (read-only, so ``check`` runs
    beside ``serve`` and other readers), else a store opened as the library opens it."""
    opener = getattr(args, "open_records", None)
    if opener is not None:
        return opener(args)
    from ..records import Records, open_store

    return Records(open_store(getattr(args, "db", None)))


def cmd_check(args: argparse.Namespace) -> int:
    import json

    from ..output import emit, printable
    from .api import check, check_documents, check_inputs, explain_empty

    text = getattr(args, "text", None)
    inputs: list[str] = list(getattr(args, "inputs", None) or [])
    if text is None and not inputs:
        raise NonalignedError("give articles to check (files, folders, document ids) or --text")
    if text is not None and inputs:
        raise NonalignedError("give either articles or --text, not both")
    rec = _open_records(args)
    peers = getattr(args, "peers", None)
    on = getattr(args, "on", None)
    skipped: list[str] = []
    try:
        if text is not None:
            claims = check(text, on, records=rec, peers=peers)
        else:
            ids = [i for i in inputs if DOC_ID.match(i) and not Path(i).exists()]
            paths = [i for i in inputs if i not in ids]
            missing = [i for i in paths if not any(c in i for c in "*?[") and not Path(i).exists()]
            if missing:
                named = ", ".join(repr(printable(m)) for m in missing[:5])
                raise NonalignedError(
                    f"no such file, folder or stored document: {named}"
                    + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
                )
            claims = check_documents(rec, ids, peers=peers) if ids else []
            if paths:
                more, skipped = check_inputs(paths, on, records=rec, peers=peers)
                claims += more
    finally:
        rec.store.close()
    for line in skipped:
        print(f"skipped {printable(line)}", file=sys.stderr)
    if not claims and skipped and text is None and len(skipped) >= len(inputs):
        print(
            "nonaligned: error: no article could be read (see the skipped lines above)",
            file=sys.stderr,
        )
        return 1
    if not claims:
        print(explain_empty(text if text is not None else "."), file=sys.stderr)
    fmt = getattr(args, "format", "table") or "table"
    out = getattr(args, "out", None)
    if fmt in ("json", "jsonl"):
        dicts = [c.to_dict() for c in claims]
        body = (
            json.dumps(dicts, ensure_ascii=False, indent=1) + "\n"
            if fmt == "json"
            else "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
        )
        if out:
            Path(out).write_text(body, encoding="utf-8")
        else:
            sys.stdout.write(body)
        return 0
    df = claims_frame(claims)
    if fmt == "table":
        df = df.drop(columns=["evidence_summary", "start", "end"])
    counts = df["verdict"].value_counts().to_dict() if len(df) else {}
    title = f"{len(df)} claims: " + ", ".join(f"{v} {k}" for k, v in counts.items())
    emit(df, fmt, title=title, out=out, max_rows=None)
    return 0
