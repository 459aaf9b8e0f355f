"""The claims checker on the dashboard (issue 15): ``POST /api/check``, ``GET /api/check/{doc_id}``
and the ``/claims`` page.

Checking runs spaCy and many queries, so every check goes through the heavy-work limiter
(:class:`~nonaligned.web.state.HeavyLimiter`), keyed by the text's hash and the date so that the
same request asked twice at once is computed once. Input is bounded before any work is queued:
at most :data:`MAX_TEXT_CHARS` characters (a larger body is refused with 413), a date from 1946
to today. The form posts ``application/x-www-form-urlencoded``, parsed here from the raw body
(the dashboard does not depend on python-multipart).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field
from starlette.responses import Response

from ..claims.api import RECORDS_BEGIN, check, check_documents, explain_empty
from ..dates import parse_date
from ..errors import BadDate, NonalignedError
from ..report.claims import VERDICT_COLOURS, recent_documents
from .models import ERRORS
from .params import BadParameter, DocIdPath, NotFound
from .reads import get_document
from .routes_pages import page
from .state import Overloaded, State, WebState

MAX_TEXT_CHARS = 200_000  # about 30,000 words: a long article, not a corpus
MAX_FORM_BYTES = 3 * MAX_TEXT_CHARS + 4096  # url-encoding at most triples a character's bytes
_DOC_ID = re.compile(r"[0-9a-fA-F]{8,64}")
RECENT = 30  # stored documents offered on the page

api = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)
pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


class CheckIn(BaseModel):
    text: str = Field(
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        description=f"The article's text (English, at most {MAX_TEXT_CHARS} characters).",
    )
    on: str | None = Field(
        default=None,
        max_length=10,
        description="The article's date, YYYY[-MM[-DD]], 1946 to today (default: today).",
    )


class EvidenceOut(BaseModel):
    kind: str
    source: str
    summary: str
    row: dict[str, Any]


class ClaimOut(BaseModel):
    doc_id: str | None
    start: int
    end: int
    sentence: str
    type: str
    states: list[str]
    blocs: list[str]
    refers_to: str | None
    verdict: str
    reason: str
    cue: str
    evidence: list[EvidenceOut]


class CheckOut(BaseModel):
    on: str | None = Field(description="The date checked as of (None: each document's own).")
    doc_id: str | None
    claims: list[ClaimOut]
    note: str = Field(description="Why there is no claim, when there is none.")


def _day(on: str | None) -> date:
    """The date to check as of: 1946 to today, else a 422 with the reason (before any work)."""
    day = parse_date(on.strip() if on and on.strip() else None, what="date") or date.today()
    if day < RECORDS_BEGIN:
        raise BadParameter(
            f"date {day.isoformat()}: the records begin in {RECORDS_BEGIN.year} (the first UN "
            "General Assembly roll calls); a claim about an earlier date cannot be checked"
        )
    if day > date.today():
        raise BadParameter(f"date {day.isoformat()} is in the future: nothing is recorded yet")
    return day


def _text(text: str | None) -> str:
    if text is None or not text.strip():
        raise BadParameter("the text is empty: paste an article's text to check")
    if len(text) > MAX_TEXT_CHARS:
        raise HTTPException(
            413,
            f"the text has {len(text)} characters; at most {MAX_TEXT_CHARS} are checked at once",
        )
    return text


async def check_text(st: WebState, text: str, day: date) -> dict[str, Any]:
    """Claims in ``text`` as of ``day``, computed in the heavy pool (and cached)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    key = ("check", digest, day.isoformat())

    def compute() -> dict[str, Any]:
        claims = check(text, day, records=st.records())
        return {
            "on": day.isoformat(),
            "doc_id": None,
            "claims": [c.to_dict() for c in claims],
            "note": "" if claims else explain_empty(text),
        }

    return await st.limiter.run(key, lambda: st.cache.get_or_compute(key, compute))


async def check_stored(st: WebState, doc_id: str) -> tuple[dict[str, Any], Any]:
    """Claims in a stored document as of its own date, and the document (404 if unknown)."""
    doc = await run_in_threadpool(get_document, st, doc_id)
    key = ("check-doc", doc.doc_id)

    def compute() -> dict[str, Any]:
        claims = check_documents(st.records(), [doc.doc_id])
        return {
            "on": None,
            "doc_id": doc.doc_id,
            "claims": [c.to_dict() for c in claims],
            "note": "" if claims else explain_empty(doc.text),
        }

    result = await st.limiter.run(key, lambda: st.cache.get_or_compute(key, compute))
    return result, doc


@api.post("/check", response_model=CheckOut, summary="Check the claims in a text")
async def api_check(st: State, body: CheckIn) -> dict[str, Any]:
    """The claims an English text makes about states, blocs and their relations, each with a
    verdict (supported, contradicted, mixed, not checkable), a one-line reason and the evidence
    rows, checked as of ``on`` — ``nonaligned check --text ... --on ... --format json``."""
    day = _day(body.on)
    return await check_text(st, _text(body.text), day)


@api.get("/check/{doc_id}", response_model=CheckOut, summary="Check a stored document's claims")
async def api_check_document(st: State, doc_id: DocIdPath) -> dict[str, Any]:
    """The claims of an ingested document, checked as of its own publication date."""
    result, _doc = await check_stored(st, doc_id)
    return result


def _recent(st: WebState) -> list[dict[str, Any]]:
    return recent_documents(st.records(), None, RECENT)


async def _form(request: Request) -> dict[str, str]:
    raw = await request.body()
    if len(raw) > MAX_FORM_BYTES:
        raise HTTPException(
            413, f"the form is larger than {MAX_FORM_BYTES // 1000} KB: at most "
            f"{MAX_TEXT_CHARS} characters of text are checked at once"
        )  # fmt: skip
    try:
        fields = parse_qs(raw.decode("utf-8"), keep_blank_values=True, max_num_fields=10)
    except (UnicodeDecodeError, ValueError) as err:
        raise BadParameter(f"the form could not be read: {err}") from None
    return {k: v[0] for k, v in fields.items() if v}


async def _claims_page(
    request: Request,
    st: WebState,
    text: str = "",
    on: str = "",
    doc_id: str = "",
    refused: Exception | None = None,
) -> Response:
    recent = await run_in_threadpool(_recent, st)
    ctx: dict[str, Any] = {
        "nav": "claims",
        "text": text,
        "on": on,
        "doc_id": doc_id,
        "recent": recent,
        "max_chars": MAX_TEXT_CHARS,
        "colours": VERDICT_COLOURS,
        "today": date.today().isoformat(),
        "result": None,
        "doc": None,
        "error": None,
    }
    status = 200
    try:
        if refused is not None:
            raise refused
        if doc_id:
            if not _DOC_ID.fullmatch(doc_id.strip()):
                raise BadParameter(
                    f"document id {doc_id[:70]!r}: expected 8 to 64 hexadecimal characters"
                )
            ctx["result"], ctx["doc"] = await check_stored(st, doc_id.strip())
        elif text or on:
            ctx["result"] = await check_text(st, _text(text), _day(on))
    except HTTPException as err:
        status, ctx["error"] = err.status_code, str(err.detail)
    except Overloaded:
        raise  # a 503 with Retry-After, as every busy page answers
    except NonalignedError as err:
        status = (
            404
            if isinstance(err, NotFound)
            else 422
            if isinstance(err, BadDate | BadParameter)
            else 400
        )
        ctx["error"] = str(err)
    return page(request, "claims.html", status_code=status, **ctx)


@pages.get("/claims")
async def claims_get(st: State, request: Request, doc: str = "") -> Response:
    """The form; with ``?doc=ID`` a stored document's claims."""
    return await _claims_page(request, st, doc_id=doc)


@pages.post("/claims")
async def claims_post(st: State, request: Request) -> Response:
    """The form posted: a pasted text (with its date) or a stored document's id."""
    try:
        form = await _form(request)
    except (HTTPException, BadParameter) as err:
        return await _claims_page(request, st, refused=err)
    doc_id = form.get("doc", "").strip()
    if doc_id:
        return await _claims_page(request, st, doc_id=doc_id)
    # an empty text is the user's mistake: said on the page, with a 422
    return await _claims_page(request, st, text=form.get("text") or " ", on=form.get("on", ""))


router = APIRouter()
router.include_router(api)
router.include_router(pages)
