"""Check a text, stored documents or input files: ``check(text, on=...) -> list[Claim]``.

Bad input is answered, never a traceback: an empty text or one without claims gives an empty
list (``explain_empty`` says why); a non-English text, a date before the records begin or in the
future raise :class:`~nonaligned.errors.NonalignedError` with a plain message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from ..dates import parse_date
from ..errors import NonalignedError
from ..records.api import Records
from . import alignment, alliances, counts, membership, relations, votes
from .context import Context
from .finder import Candidate, Finder
from .model import NOT_CHECKABLE, Claim

RECORDS_BEGIN = date(1946, 1, 1)  # the first UN General Assembly roll calls
MIN_WORDS_FOR_LANGUAGE = 6

CHECKERS = {
    "membership": membership.check,
    "count": counts.check_count,
    "quantity": counts.check_quantity,
    "vote": votes.check,
    "alliance": alliances.check,
    "relations": relations.check,
    "alignment": alignment.check,
}


def _records(records: Records | None) -> Records:
    if records is not None:
        return records
    from .. import records as rec_module

    return rec_module.default()


def _day(on: str | date | datetime | None) -> date:
    if isinstance(on, datetime):
        day: date | None = on.date()
    elif isinstance(on, date):
        day = on
    else:
        day = parse_date(on, what="--on date")
    day = day or date.today()
    if day < RECORDS_BEGIN:
        raise NonalignedError(
            f"--on {day.isoformat()}: the records begin in {RECORDS_BEGIN.year} (the first UN "
            "General Assembly roll calls); a claim about an earlier date cannot be checked here"
        )
    if day > date.today():
        raise NonalignedError(f"--on {day.isoformat()} is in the future: nothing is recorded yet")
    return day


def language(text: str) -> str:
    import py3langid  # type: ignore[import-untyped]

    lang, _score = py3langid.classify(text[:20_000])
    return str(lang)


def doc_id_of(text: str) -> str:
    """The id the store gives this text when ingested (extract.normalise_for_id, SHA-256)."""
    from ..text.extract import normalise_for_id

    return hashlib.sha256(normalise_for_id(text).encode()).hexdigest()


def explain_empty(text: str) -> str:
    """Why a text gave no claims, in one line."""
    if not text.strip():
        return "the text is empty"
    return (
        "no checkable claim found: no sentence asserts a membership, a count, a vote, an alliance, "
        "relations or an alignment of a state the records know"
    )


def check(
    text: str,
    on: str | date | datetime | None = None,
    *,
    records: Records | None = None,
    peers: Sequence[str] | None = None,
    doc_id: str | None = None,
    exclude_docs: Iterable[str] = (),
) -> list[Claim]:
    """The claims in ``text`` with their verdicts, checked as of ``on`` (default: today)."""
    if not isinstance(text, str):
        raise NonalignedError("the text to check must be a string")
    day = _day(on)
    if not text.strip():
        return []
    if len(text.split()) >= MIN_WORDS_FOR_LANGUAGE and (lang := language(text)) != "en":
        raise NonalignedError(
            f"the text is in language '{lang}', not English: the claims checker reads English only"
        )
    rec = _records(records)
    peer_codes = [rec.country(p).iso3 for p in peers] if peers else None
    from ..text.actors import default_recognizer

    recognizer = default_recognizer()
    sentences, mentions = recognizer.annotate(text, day)
    finder = Finder({str(s.iso3) for s in rec.states.all()})
    candidates = finder.find(text, sentences, mentions, day)
    ctx = Context(
        records=rec,
        on=day,
        exclude_docs={doc_id_of(text), *exclude_docs, *([doc_id] if doc_id else [])},
        peers=peer_codes,
    )
    return [_check_one(c, ctx, doc_id) for c in candidates]


def _check_one(c: Candidate, ctx: Context, doc_id: str | None) -> Claim:
    claim = Claim(
        sentence=c.sentence,
        start=c.start,
        end=c.end,
        type=c.type,
        states=list(c.states),
        refers_to=c.refers_to,
        blocs=list(c.blocs),
        cue=c.cue,
        doc_id=doc_id,
    )
    if c.type == "opinion":
        claim.verdict, claim.reason = NOT_CHECKABLE, "opinion"
        return claim
    try:
        claim.verdict, claim.reason, claim.evidence = CHECKERS[c.type](c, ctx)
    except NonalignedError as err:
        claim.verdict, claim.reason = NOT_CHECKABLE, f"not checkable: {err}"
    except Exception as err:  # a checker's fault must not lose the other claims: said, not hidden
        claim.verdict = NOT_CHECKABLE
        claim.reason = (
            f"not checkable: the checker failed on this claim ({type(err).__name__}: {err})"
        )
    return claim


def check_documents(
    store_or_records: Any,
    doc_ids: Sequence[str],
    *,
    peers: Sequence[str] | None = None,
) -> list[Claim]:
    """Check stored documents (ids or unique id prefixes) as of each one's publication date.

    A document whose date is unknown, or only the file's modification time, is checked as of
    today and its claims say so.
    """
    rec = store_or_records if isinstance(store_or_records, Records) else Records(store_or_records)
    out: list[Claim] = []
    for given in doc_ids:
        rows = rec.store.query(
            "SELECT doc_id, text, published, date_source FROM documents WHERE doc_id LIKE ? || '%'",
            [given],
        )
        if rows.empty:
            raise NonalignedError(
                f"no stored document with id {given!r} (see `nonaligned documents`)"
            )
        if len(rows) > 1:
            raise NonalignedError(f"document id prefix {given!r} matches {len(rows)} documents")
        r = rows.iloc[0]
        on, note = document_date(r["published"], r["date_source"])
        claims = check(str(r["text"]), on, records=rec, peers=peers, doc_id=str(r["doc_id"]))
        out.extend(_noted(claims, note))
    return out


def document_date(published: Any, date_source: Any) -> tuple[date | None, str]:
    """The date to check a document as of, and a note when it is not the article's own date."""
    import pandas as pd

    if published is None or (not isinstance(published, str) and pd.isna(published)):
        return None, "the article's date is unknown: checked as of today"
    if str(date_source or "") in ("file-mtime", "mtime"):
        return None, "the article's date is unknown (only the file's time): checked as of today"
    return pd.Timestamp(published).date(), ""


def _noted(claims: list[Claim], note: str) -> list[Claim]:
    if note:
        for c in claims:
            c.reason = f"{c.reason} ({note})" if c.reason else note
    return claims


def check_inputs(
    paths: Sequence[str],
    on: str | date | None = None,
    *,
    records: Records | None = None,
    peers: Sequence[str] | None = None,
) -> tuple[list[Claim], list[str]]:
    """Check files, folders, globs and JSON Lines as ``nonaligned ingest`` reads them.

    Returns the claims and one line per input that was skipped (binary, empty, non-English...).
    ``on`` overrides every document's own date.
    """
    from ..text.extract import extract
    from ..text.readers import RawDoc, Skip, iter_inputs

    rec = _records(records)
    claims: list[Claim] = []
    skipped: list[str] = []
    for raw in iter_inputs(list(paths)):
        if isinstance(raw, Skip):
            skipped.append(f"{raw.path}: {raw.reason}")
            continue
        assert isinstance(raw, RawDoc)
        doc = extract(raw)
        if isinstance(doc, Skip):
            skipped.append(f"{doc.path}: {doc.reason}")
            continue
        day, note = (
            (parse_date(on, what="--on date"), "")
            if on
            else document_date(doc.published, doc.date_source)
        )
        found = check(doc.text, day, records=rec, peers=peers, doc_id=doc.doc_id)
        for c in found:
            c.doc_id = doc.doc_id
        claims.extend(_noted(found, note))
    return claims, skipped
