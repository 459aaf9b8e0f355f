"""Commands about the bundled datasets: data versions, data update, cite."""

from __future__ import annotations

import argparse
from typing import Any

from ..cite import TOOL_CITATION
from ..errors import NonalignedError
from ..output import emit
from .common import (
    _fmt,
    _records,
    _status,
    bounded_float,
)


def cmd_data_versions(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..config import text_data_dir
    from ..records.catalog import datasets

    rec = _records(args)
    df = rec.versions()
    # the text layer's data (actor dictionary) is not a store table: read its notes directly
    extra = [
        {
            "name": d.name,
            "title": d.title,
            "version": d.version,
            "rows": sum(d.rows.values()),
            "licence": d.licence,
            "origin": d.origin,
            "files": ", ".join(d.files),
        }
        for d in datasets(text_data_dir())
        if text_data_dir().is_dir()
    ]
    if extra:
        df = pd.concat([df, pd.DataFrame(extra)], ignore_index=True)
    # the store's datasets table has fixed columns, so the date each table was last verified is
    # joined from the notes by name at display time; a note without one shows as missing (None),
    # never as a guessed date
    verified = {
        d.name: d.verified.isoformat()
        for d in datasets() + (datasets(text_data_dir()) if text_data_dir().is_dir() else [])
        if d.verified is not None
    }
    df["verified"] = [verified.get(str(n)) for n in df["name"]]
    # UN voting releases merged by `data update` after the bundle
    rel = rec.store.query(
        "SELECT sha256, file, origin, added, CAST(first_added AS VARCHAR) AS first_added, "
        "CAST(last_added AS VARCHAR) AS last_added, applied_at FROM data_releases "
        "ORDER BY applied_at"
    )
    if len(rel):
        df = pd.concat(
            [
                df,
                pd.DataFrame(
                    {
                        "name": "votes-update",
                        "title": [
                            f"UN GA voting release {r.file}: {r.added} roll calls added"
                            + (f" ({r.first_added} to {r.last_added})" if r.added else "")
                            for r in rel.itertuples()
                        ],
                        "version": rel["file"],
                        "verified": [str(t)[:10] for t in rel["applied_at"]],
                        "rows": rel["added"],
                        "licence": "Copyright United Nations; non-commercial use, with attribution",
                        "origin": rel["origin"],
                        "sha256": rel["sha256"],
                    }
                ),
            ],
            ignore_index=True,
        )
    cols = [c for c in df.columns if c != "verified"]
    at = cols.index("version") + 1
    df = df[[*cols[:at], "verified", *cols[at:]]]
    if args.format == "table":
        df = df[["name", "title", "version", "verified", "rows", "licence"]]
    emit(df, args.format, title="Bundled datasets", max_rows=None)
    return 0


def cmd_data_update(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..records.update import update_from

    if not 0 < args.timeout <= 3600:
        raise NonalignedError(
            f"--timeout {args.timeout}: give more than 0 and at most 3600 seconds"
        )
    if args.source is not None and not args.source.strip():
        raise NonalignedError("--from needs a file name (the UN voting CSV you downloaded)")
    rec = _records(args, write=True)
    with rec.store:
        if args.source is None:
            _status(args, "fetching the newest voting data from the UN Digital Library…")
        r = update_from(rec.store, Path(args.source) if args.source else None, timeout=args.timeout)
    if args.format != "table":
        import pandas as pd

        emit(pd.DataFrame([r.__dict__]), args.format)
        return 0
    print(
        f"{r.file}: {r.rollcalls_in_file:,} roll calls, {r.rows:,} votes, checked "
        f"(columns, codes, tallies); sha256 {r.sha256[:12]}"
    )
    print(
        f"  already in the store: {r.already_stored:,} by UN record id, {r.matched_by_vector:,} "
        f"by date and vote vector; {r.before_coverage:,} older than the UN data's start in the "
        "store (covered by the older sources)"
    )
    if r.compared:
        print(
            f"  compared with the store: {r.compared:,} roll calls, {r.disagreeing:,} with any "
            "state's vote different"
        )
    if r.added:
        print(
            f"  added {r.added:,} roll calls ({r.added_votes:,} votes) dated {r.first_added} to "
            f"{r.last_added}; issue codes predicted from their titles"
        )
    else:
        print("  nothing new: the store already holds every roll call in this file")
    return 0


def cmd_cite(args: argparse.Namespace) -> int:
    from ..config import text_data_dir
    from ..records.catalog import datasets

    sets = datasets() + (datasets(text_data_dir()) if text_data_dir().is_dir() else [])
    names = {d.name for d in sets}
    wanted = args.dataset or sorted(names)
    unknown = [w for w in wanted if w not in names and w != "nonaligned"]
    if unknown:
        raise NonalignedError(
            f"unknown dataset {', '.join(unknown)}; known: nonaligned, {', '.join(sorted(names))}"
        )
    out = []
    if not args.dataset or "nonaligned" in wanted:
        out.append(TOOL_CITATION.strip())
    for d in sets:
        if d.name in wanted and d.citation:
            out.append(f"% {d.name}: {d.title} ({d.version})\n{d.citation.strip()}")
    print("\n\n".join(out))
    return 0


def add_parsers(sub: Any) -> None:

    p = sub.add_parser("data", help="about the bundled datasets")
    dsub = p.add_subparsers(
        dest="data_command", metavar="SUBCOMMAND", help="what to do, e.g. versions"
    )
    dsub.required = True
    q = dsub.add_parser("versions", help="each dataset with version, rows, licence and origin")
    _fmt(q)
    q.set_defaults(func=cmd_data_versions)
    q = dsub.add_parser(
        "update",
        help="merge the newest UN General Assembly voting data (UN Digital Library) into the store",
        description="Fetch the newest General Assembly voting CSV from the UN Digital Library "
        "(record 4060887) or read one you downloaded (--from), check it (columns, codes, "
        "tallies), and add the roll calls the store does not have. All or nothing; running it "
        "twice adds nothing; the release is listed by `data versions`.",
    )
    q.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="a UN voting CSV you downloaded (the UN's bulk format, or the same columns subset) "
        "instead of fetching the newest, e.g. --from 2025_12_18_ga_voting.csv",
    )
    q.add_argument(
        "--timeout",
        type=bounded_float(0, 3600),
        default=60.0,
        metavar="SECONDS",
        help="network timeout in seconds, more than 0 and at most 3600 (default 60), "
        "e.g. --timeout 300",
    )
    _fmt(q)
    q.set_defaults(func=cmd_data_update)

    p = sub.add_parser("cite", help="BibTeX for nonaligned and each bundled dataset")
    p.add_argument(
        "dataset",
        nargs="*",
        help="only these datasets, by the names `nonaligned data versions` lists, or nonaligned "
        "for the tool (default: the tool and every dataset), e.g. votes alliances",
    )
    p.set_defaults(func=cmd_cite)
