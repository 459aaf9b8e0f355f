"""Build ``nonaligned/text/data/cameo_plover.csv``: every CAMEO code with Goldstein, quad/penta class and PLOVER.

Sources (in ``../shared/data/external/`` by default, ``--source DIR`` to override):

* ``cameo-codebook/cameo-codes.csv`` - the CAMEO 1.1b3 code table of the R package ``icews``
  (A. Beger, MIT): 312 codes (20 roots and their 3- and 4-digit children) with name and Goldstein
  weight. Only the columns ``code``, ``name`` and ``goldstein`` are used. The ``example`` column
  holds the CAMEO manual's example sentences, which are EVALUATION data for the event coder: it is
  dropped right after reading and never looked at. The file has a few bytes that are not UTF-8
  (mangled curly quotes), read with ``encoding_errors="replace"``.
* ``plover-gsr/CAMEO2PLOVER-2021.txt`` - Schrodt's CAMEO -> PLOVER table for the PLOVER manual
  draft 0.8 (17 September 2021, Open Event Data Alliance, CC BY-SA 4.0). Only this table is read
  from that folder; the gold records beside it are evaluation data and are not opened.

Table format: ``CODE: EVENT, mode, context # comment``; a line with a bare category
(``03: AGREE``) is a section header giving the category of a CAMEO root; the mode and context
may be blank; a context may list several values separated by ``;`` (written ``|`` here, e.g.
``crime|corruption``); whitespace around values is dropped; text after ``#`` is a comment (the
CAMEO name) and the line ``~~~~~`` ends the table. What the table leaves out or marks specially
(printed when the script runs, documented in ``events.SOURCE.md``):

* CAMEO roots 01 (public statements) and 02 (appeals) are absent: PLOVER does not code comments.
  Root 01 keeps empty PLOVER fields. Root 02 is mapped by the project to REQUEST (the current
  PLOVER name for requests and demands) with the mode and context of the matching 10x demand code.
* ``08`` has two section headers (CONCEDE, then RETREAT): CAMEO YIELD is split into verbal and
  material parts; the root row takes CONCEDE (as 080 does).
* Codes listed under another root's section: 0813/0814 (under RETREAT), 175 and 201 (under 18),
  191 and 192 (under 17). 175 is listed twice with the same mapping. 1214 (reject intelligence
  cooperation) is not a code of the codebook and is not written.
* Cross-root categories: 163 -> COERCE, 1712 -> ASSAULT, 191/192 -> COERCE, 175/201 -> ASSAULT.

The project overrides a few table entries (``OVERRIDES``, each with its reason); those rows have
``mapping_source = project`` and the table's own values in ``note``. Classes come from the CAMEO
root only: quad 1 = 01-05 (01 is quad 1 by GDELT's convention), 2 = 06-08, 3 = 09-13,
4 = 14-20; penta 0 = 01, 1 = 02-05, then as quad.

Run: ``.venv/bin/python rebuild/cameo_plover.py [--source DIR] [--out FILE]``. Deterministic:
rows sorted by code (as strings, which is CAMEO's tree order), no timestamps; prints the count.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from nonaligned.text.plover import PLOVER_EVENTS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "external"
DEFAULT_OUT = REPO / "nonaligned" / "text" / "data" / "cameo_plover.csv"
CODEBOOK = Path("cameo-codebook") / "cameo-codes.csv"
TABLE = Path("plover-gsr") / "CAMEO2PLOVER-2021.txt"
TABLE_ID = "CAMEO2PLOVER-2021"

COLUMNS = [
    "cameo",
    "name",
    "goldstein",
    "quad_class",
    "penta_class",
    "plover_event",
    "plover_mode",
    "plover_context",
    "mapping_source",
    "note",
]


LINE = re.compile(r"^(\d{2,4}):\s*(.*)$")


@dataclass(frozen=True)
class Mapping:
    event: str
    mode: str
    context: str
    section: str  # root of the section header the line appeared under
    comment: str


def quad_class(root: int) -> int:
    """1 verbal cooperation (01-05; 01 by GDELT's convention), 2 material cooperation (06-08),
    3 verbal conflict (09-13), 4 material conflict (14-20)."""
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    raise ValueError(f"not a CAMEO root: {root}")


def penta_class(root: int) -> int:
    """0 statement (01), 1 verbal cooperation (02-05), then as quad_class."""
    return 0 if root == 1 else quad_class(root)


def _context(value: str) -> str:
    return "|".join(v.strip() for v in value.split(";") if v.strip())


# ------------------------------------------------------------------ the PLOVER table


def parse_table(path: Path) -> tuple[dict[str, str], dict[str, Mapping], list[str]]:
    """Section headers (root -> category; a repeated root keeps its first), code mappings
    (a repeated code must repeat the same mapping) and a log of what was special."""
    headers: dict[str, str] = {}
    codes: dict[str, Mapping] = {}
    log: list[str] = []
    section = ""
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("~"):
            break
        m = LINE.match(line)
        if not m:
            if line and not line.startswith("#"):
                raise ValueError(f"{path.name} line {n}: cannot parse {raw!r}")
            continue
        code, rest = m.groups()
        body, _, comment = rest.partition("#")
        fields = [f.strip() for f in body.split(",")]
        if len(fields) == 1:  # section header "03: AGREE"
            section = code
            if code in headers:
                log.append(f"root {code} has a second header {fields[0]} (first: {headers[code]})")
            else:
                headers[code] = fields[0]
            continue
        fields += [""] * (3 - len(fields))
        event, mode, context = fields[0], fields[1], _context(fields[2])
        if event not in PLOVER_EVENTS:
            raise ValueError(f"{path.name} line {n}: unknown PLOVER event {event!r}")
        mp = Mapping(event, mode, context, section, comment.strip())
        if code in codes:
            old = codes[code]
            if (old.event, old.mode, old.context) != (event, mode, context):
                raise ValueError(f"{path.name} line {n}: {code} mapped twice, differently")
            log.append(f"{code} listed twice with the same mapping ({event})")
            continue
        if not code.startswith(section):
            log.append(f"{code} ({event}) listed in section {section}")
        codes[code] = mp
    return headers, codes, log


# ------------------------------------------------------------------ project decisions

# code -> (event, mode, context, reason); the table's own values are added to the note.
OVERRIDES: dict[str, tuple[str, str, str, str]] = {
    "0813": (
        "CONCEDE",
        "",
        "legal",
        "easing a curfew is an easing of administrative sanctions like its siblings 081/0811/0812"
        " (CONCEDE) and the PLOVER manual's CONCEDE text names removing curfews; the table's"
        " RETREAT line carries the comment that 'ease' is no longer a mode",
    ),
    "0814": (
        "CONCEDE",
        "",
        "legal",
        "as 0813: lifting a state of emergency is an easing of administrative sanctions (081x,"
        " CONCEDE)",
    ),
    "085": (
        "RETREAT",
        "",
        "economic",
        "mode 'ease' dropped: the table itself notes (at 0813) that 'ease' is no longer a mode and"
        " the manual's RETREAT modes do not include it",
    ),
    "0874": (
        "RETREAT",
        "withdraw",
        "military",
        "retreat or surrender is the manual's RETREAT mode 'withdraw' (retreat from territory or"
        " withdraw forces), not 'disarm' (which 0873 demobilisation has)",
    ),
    "105": (
        "REQUEST",
        "yield",
        "legal",
        "demand that target yields: mode 'yield' as its children 1051-1056 and the manual's"
        " definition of the yield mode; the table has 'change'",
    ),
    "112": (
        "ACCUSE",
        "allege",
        "",
        "generic accusation: mode 'allege' as its children 1121-1125 (and 114/115); the table's"
        " 'disapprove' is the mode of criticism (110/111/113)",
    ),
    "124": (
        "REJECT",
        "yield",
        "",
        "refuse to yield: mode 'yield' (release, ending sanctions, easing curfews, ceasefires) as"
        " 1243-1246; the table has 'change'",
    ),
    "1241": (
        "REJECT",
        "yield",
        "executive",
        "refuse to ease administrative sanctions is a refusal to yield (mode yield, as 1243-1246);"
        " the table has 'change'",
    ),
    "1242": (
        "REJECT",
        "yield",
        "",
        "refuse to ease popular dissent is a refusal to yield (mode yield, as 1243-1246); the"
        " table has 'change'",
    ),
    "163": (
        "SANCTION",
        "sever",
        "economic",
        "embargo, boycott and sanctions are CAMEO 16 REDUCE RELATIONS and the PLOVER manual lists"
        " 'impose embargo, boycott, or sanctions' under SANCTION (mode sever: curtail commercial or"
        " material exchange); the table's COERCE would put international sanctions with domestic"
        " repression (172). Context economic as for easing/threatening sanctions (0354, 085, 1054,"
        " 1244, 1312)",
    ),
    "1712": (
        "ASSAULT",
        "destroy",
        "human_security",
        "destroying property: ASSAULT as in the table, with the manual's ASSAULT mode 'destroy'"
        " (moved there from COERCE) instead of the table's 'seize'",
    ),
    "175": (
        "ASSAULT",
        "",
        "pro_autocracy|military",
        "the table lists 175 twice as 'ASSAULT, pro_autocracy, military': pro_autocracy is a"
        " context (used so at 1322-1324, 1722-1724), not a mode, so both values go to context",
    ),
}

# short notes on rows taken from the table (or on the project's appeal mapping)
NOTES: dict[str, str] = {
    "01": "root: PLOVER does not code public statements (CAMEO 01 and 02 comments were eliminated;"
    " absent from CAMEO2PLOVER-2021): PLOVER fields empty. quad_class 1 by GDELT's convention"
    " (01-05 verbal cooperation), penta_class 0 (statement)",
    "010": "statement: not coded by PLOVER; the coder uses 010 for a reported-speech source only"
    " when nothing more specific is coded",
    "016": "statement: not coded by PLOVER. Goldstein -5 (conflictual) although root 01 is quad 1 /"
    " penta 0; kept as the codebook has it",
    "018": "statement: not coded by PLOVER; not SUPPORT, which needs support for a policy or actor"
    " beyond sympathy",
    "019": "statement: not coded by PLOVER; not AGREE, because CAMEO 019 is accord without"
    " commitment or intent to cooperate",
    "03": "root: category from the table's section header",
    "04": "root: category from the table's section header",
    "040": "CAMEO 04 has visit/host/third-location/phone subcodes and mediation/negotiation;"
    " PLOVER CONSULT has modes phone, visit, third-party and multilateral (no CAMEO code), and"
    " no mode for mediation or negotiation",
    "042": "mode visit: in PLOVER the visitor is the source and the host the recipient",
    "043": "mode visit as in the table (the 2016 table had 'host'): PLOVER always codes the visitor"
    " as source and the host as recipient, while CAMEO 043's source is the host - an 043 event"
    " is the same CONSULT/visit with source and recipient the other way round",
    "044": "third-party: meeting at a neutral location; reciprocal",
    "045": "PLOVER has no mediation mode (detail dropped); CAMEO scores mediation 5 against 1 for a"
    " plain consultation",
    "046": "CAMEO counts 'holding talks' as negotiation (Goldstein 7, the highest in 04); PLOVER"
    " merges it with plain meetings in CONSULT without a mode",
    "05": "root: category from the table's section header",
    "051": "praise or endorse",
    "054": "recognition of a state or government, and opening diplomatic relations",
    "055": "table SUPPORT (its comment spells 'Apolgize'); the PLOVER manual's SUPPORT notes put"
    " expressions of regret under CONCEDE - kept the table",
    "057": "signing is diplomatic (verbal) cooperation in CAMEO (Goldstein 8) because a signature"
    " does not guarantee implementation; PLOVER agrees (SUPPORT; a promise to sign is AGREE) -"
    " kept SUPPORT, not AGREE and not material cooperation",
    "06": "root: category from the table's section header",
    "07": "root: category from the table's section header",
    "075": "the table gives 'asylum' as context; the manual lists it as an AID mode - kept the table",
    "08": "root: the table has two 08 headers, CONCEDE (080-083, verbal) and RETREAT (084-087,"
    " material): CAMEO YIELD is split; the root row takes CONCEDE as 080 does. quad/penta 2"
    " (material cooperation) by the CAMEO root for both parts",
    "0871": "declaring a ceasefire: table RETREAT/ceasefire; the manual's CONCEDE text puts"
    " declarations (not implementations) of ceasefires under CONCEDE - kept the table",
    "09": "root: PLOVER merged CAMEO INVESTIGATE into ACCUSE (mode investigate); classes stay those"
    " of CAMEO 09 (verbal conflict)",
    "10": "root: CAMEO DEMAND is PLOVER REQUEST (renamed from DEMAND in PLOVER 0.5)",
    "11": "root: CAMEO DISAPPROVE is PLOVER ACCUSE",
    "111": "criticise/denounce and accuse (112) are separate CAMEO codes (both Goldstein -2);"
    " PLOVER merges them into ACCUSE, told apart by mode (disapprove vs allege)",
    "116": "table ACCUSE; the 0.7 manual moved court findings to SANCTION (mode convict) - kept the"
    " later table",
    "12": "root: category from the table's section header",
    "13": "root: category from the table's section header",
    "1321": "mode 'political' as in the table (the manual's THREATEN mode table is garbled there)",
    "14": "root: category from the table's section header",
    "142": "table mode 'hunger' (the manual's PROTEST table says strike-hun) - kept the table",
    "143": "table mode 'boycott' for strikes and boycotts (the manual splits strike-gen,"
    " strike-lim and boycott) - kept the table",
    "15": "root: CAMEO EXHIBIT FORCE POSTURE is PLOVER MOBILIZE",
    "16": "root: CAMEO REDUCE RELATIONS is PLOVER SANCTION",
    "17": "root: category from the table's section header",
    "172": "administrative sanctions are domestic restrictions on civilians (decrees, bans,"
    " curfews), not international sanctions (those are 163): COERCE as in the table",
    "174": "deportation of individuals; expelling diplomats is 161",
    "18": "root: category from the table's section header",
    "19": "root: CAMEO FIGHT is PLOVER ASSAULT (current PLOVER has no FIGHT)",
    "191": "CAMEO 19 FIGHT (quad 4), but the table puts blockades with COERCE - kept the table",
    "192": "CAMEO 19 FIGHT (quad 4), but the table puts occupation with COERCE - kept the table",
    "20": "root: category from the table's section header",
    "201": "listed in the table's section 18; ASSAULT/cleansing",
}

APPEAL_NOTE = (
    "not in CAMEO2PLOVER-2021 (PLOVER drafts 0.7/0.8 do not code CAMEO APPEAL); the project maps"
    " appeals to REQUEST, the current PLOVER category for requests and demands, with the mode and"
    " context of the matching demand code {demand}; classes stay those of CAMEO 02 (verbal"
    " cooperation), so REQUEST occurs in quad 1 (appeals) and quad 3 (demands)"
)


def read_codebook(path: Path) -> pd.DataFrame:
    """code, name, goldstein - the example sentences (evaluation data) are dropped unread."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding_errors="replace")
    df = df.drop(columns=["example"])
    df = df[["code", "name", "goldstein"]].copy()
    if df.code.duplicated().any():
        raise ValueError(f"{path}: duplicate codes")
    return df


def build(
    codebook: pd.DataFrame, headers: dict[str, str], codes: dict[str, Mapping]
) -> list[dict[str, str]]:
    rows = []
    for code, name, goldstein in codebook.itertuples(index=False):
        root = int(code[:2])
        g = float(goldstein)
        if not -10 <= g <= 10:
            raise ValueError(f"{code}: Goldstein {g} out of range")
        event = mode = context = ""
        note = NOTES.get(code, "")
        source = TABLE_ID
        if root == 1:
            source = "project"
            note = note or "statement: not coded by PLOVER"
        elif root == 2:
            demand = "10" + code[2:]
            d_event, d_mode, d_context = _mapped(demand, headers, codes)
            event, mode, context = "REQUEST", d_mode, d_context
            if d_event != "REQUEST":
                raise ValueError(f"{demand}: expected REQUEST, got {d_event}")
            source = "project"
            note = APPEAL_NOTE.format(demand=demand)
        else:
            t_event, t_mode, t_context = _mapped(code, headers, codes)
            if code in OVERRIDES:
                event, mode, context, reason = OVERRIDES[code]
                source = "project"
                table = f"{t_event}, {t_mode or '-'}, {t_context or '-'}"
                note = f"{reason} (table: {table})"
            else:
                event, mode, context = t_event, t_mode, t_context
        rows.append(
            {
                "cameo": code,
                "name": name.strip(),
                "goldstein": repr(g),
                "quad_class": str(quad_class(root)),
                "penta_class": str(penta_class(root)),
                "plover_event": event,
                "plover_mode": mode,
                "plover_context": context,
                "mapping_source": source,
                "note": note,
            }
        )
    rows.sort(key=lambda r: r["cameo"])
    return rows


def _mapped(code: str, headers: dict[str, str], codes: dict[str, Mapping]) -> tuple[str, str, str]:
    """The table's (event, mode, context) for a code, the section header for a root, or the
    demand code's values (with the project's overrides) for the 10x codes used by appeals."""
    if code in OVERRIDES:
        e, m, c, _ = OVERRIDES[code]
        return e, m, c
    if len(code) == 2:
        if code not in headers:
            raise ValueError(f"root {code} has no section header in the table")
        return headers[code], "", ""
    if code not in codes:
        raise ValueError(f"{code} is not in the table")
    mp = codes[code]
    return mp.event, mp.mode, mp.context


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(buf.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="the external data folder")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    for rel in (CODEBOOK, TABLE):
        if not (args.source / rel).exists():
            print(f"error: {args.source / rel} not found", file=sys.stderr)
            return 1
    codebook = read_codebook(args.source / CODEBOOK)
    headers, codes, log = parse_table(args.source / TABLE)
    rows = build(codebook, headers, codes)
    write_csv(rows, args.out)
    known = set(codebook.code)
    print(f"codebook codes: {len(codebook)}")
    print(f"table: {len(headers)} root headers, {len(codes)} codes")
    for line in log:
        print(f"  table: {line}")
    for code in sorted(set(codes) - known):
        print(f"  table code not in the codebook (not written): {code}")
    missing = sorted(known - set(codes) - set(headers))
    statements = [c for c in missing if c[:2] in ("01", "02")]
    others = [c for c in missing if c[:2] not in ("01", "02")]
    print(f"  codebook codes absent from the table: {len(statements)} of roots 01 and 02")
    print(f"  other codebook codes absent from the table: {', '.join(others) or 'none'}")
    by_source: dict[str, int] = {}
    for r in rows:
        by_source[r["mapping_source"]] = by_source.get(r["mapping_source"], 0) + 1
    print("mapping_source: " + ", ".join(f"{k} {v}" for k, v in sorted(by_source.items())))
    print(f"rows written: {len(rows)} ({args.out})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
