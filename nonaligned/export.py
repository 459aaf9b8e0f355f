"""Event exports: PLOVER-style JSON Lines and GDELT 2.0's event-table column order.

Why two: PLOVER (POLECAT) is the current ontology and its JSON field names are what new tools
read; GDELT/ICEWS users join on CAMEO codes, quad classes and Goldstein scores in GDELT's fixed
column order. Both carry the provenance back to the sentence (document id and URL).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd

from .output import _plain

# GDELT 2.0 event table, in order (61 columns, tab-separated, no header in the raw files).
GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
]

PLOVER_FIELDS = [
    "id",
    "date",
    "date_precision",
    "actor",
    "actor_text",
    "recipient",
    "recipient_text",
    "event",
    "mode",
    "context",
    "text",
    "location",
    "status",
    "speaker",
    "cameo",
    "goldstein",
    "quad_class",
    "doc_id",
    "url",
    "sentence_id",
    "span",
    "confidence",
    "coder",
]


def plover_records(events: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per event with PLOVER's field names (plus CAMEO and provenance extensions)."""
    out = []
    for r in events.to_dict(orient="records"):
        out.append(
            {
                "id": r["event_id"],
                "date": _plain(r["date"]),
                "date_precision": r["date_precision"],
                "actor": r["actor"],
                "actor_text": r["actor_text"],
                "recipient": r["recipient"],
                "recipient_text": r["recipient_text"],
                "event": r["event"],
                "mode": r["mode"],
                "context": r["context"],
                "text": r["sentence"],
                "location": r["location"],
                "status": r["status"],
                "speaker": r["speaker"],
                "cameo": r["cameo"],
                "goldstein": _plain(r["goldstein"]),
                "quad_class": _plain(r["quad_class"]),
                "doc_id": r["doc_id"],
                "url": r.get("url"),
                "sentence_id": _plain(r["sent"]),
                "span": [_plain(r["start"]), _plain(r["end"])],
                "confidence": _plain(r["confidence"]),
                "coder": r["coder"],
            }
        )
    return [{k: _plain(v) if not isinstance(v, list) else v for k, v in rec.items()} for rec in out]


def plover_jsonl(events: pd.DataFrame) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in plover_records(events))


def _url_or_doc(r: Mapping[Any, Any]) -> str:
    """The article's URL, or its document id when it has none (NaN is not a URL)."""
    url = _plain(r.get("url"))
    return str(url) if url else str(r["doc_id"])


def gdelt_frame(events: pd.DataFrame) -> pd.DataFrame:
    """Events in GDELT 2.0 column order; fields GDELT has and nonaligned does not are empty."""
    rows = []
    for i, r in enumerate(events.to_dict(orient="records"), start=1):
        d = pd.Timestamp(r["date"]) if r["date"] is not None and not pd.isna(r["date"]) else None
        cameo = str(r["cameo"])
        row: dict[str, Any] = dict.fromkeys(GDELT_COLUMNS, "")
        row.update(
            {
                "GLOBALEVENTID": i,
                "SQLDATE": d.strftime("%Y%m%d") if d is not None else "",
                "MonthYear": d.strftime("%Y%m") if d is not None else "",
                "Year": d.year if d is not None else "",
                "FractionDate": f"{d.year + (d.day_of_year - 1) / 365:.4f}"
                if d is not None
                else "",
                "Actor1Code": r["actor"] or "",
                "Actor1Name": r["actor_text"] or "",
                "Actor1CountryCode": (r["actor"] or "") if len(str(r["actor"] or "")) == 3 else "",
                "Actor2Code": r["recipient"] or "",
                "Actor2Name": r["recipient_text"] or "",
                "Actor2CountryCode": (r["recipient"] or "")
                if len(str(r["recipient"] or "")) == 3
                else "",
                "IsRootEvent": 1,
                "EventCode": cameo,
                "EventBaseCode": cameo[:3],
                "EventRootCode": cameo[:2],
                "QuadClass": _plain(r["quad_class"]),
                "GoldsteinScale": _plain(r["goldstein"]),
                "NumMentions": r.get("mentions", 1),
                "NumSources": 1,
                "NumArticles": r.get("mentions", 1),
                "ActionGeo_FullName": r["location"] or "",
                "DATEADDED": "",
                "SOURCEURL": _url_or_doc(r),
            }
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=GDELT_COLUMNS)
