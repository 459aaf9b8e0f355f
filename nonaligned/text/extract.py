"""Raw document to clean document: main text, title, date, authors, outlet, language, identity.

HTML goes through trafilatura, which is good at finding the article in a DOM; scraped text dumps
go through :mod:`nonaligned.text.boilerplate`, the project's own filter, because trafilatura has
no DOM to work with there. Both paths then share the metadata logic:

* **Publication date** -- the first source that gives one, in order of trust: page metadata
  (``article:published_time``, JSON-LD ``datePublished``, ``<time datetime>``: these carry a
  zone), byline/date lines (``February 22, 2022 4:05 p.m. (UTC+04:00)``, clock and calendar
  widgets), a dateline opening the text (``BAKU, 5 May 2020 --``), the declared ``date`` field of
  a JSON Lines record, and only then the file's modification time. ``date_source`` records
  which, so analyses can drop the weak ones. A date is never invented: a zone is attached only
  when the page states an offset, a time only when the page states one.
* **Authors** -- every byline. A re-posted piece carries the aggregator's byline first and the
  original author's next, so when two byline lines name different people the first is the
  ``reposter`` and the second the ``original_author`` (explicit wording such as "Reposted by" or
  "original story by" overrides the order).
* **Agency** -- the original outlet: a source line (``Source: Trend``, ``Originally published by
  X``, a line that is just ``AzerNews``), an author blurb (``... is the journalist of AzerNews``),
  and failing those a reporting phrase (``reported the Baku-based Day.az news site``).
* **Language** -- py3langid (its model ships inside the package, nothing is downloaded); only
  English is kept, since the actor dictionaries and event patterns are English.
* **Identity** -- ``doc_id`` is the SHA-256 of the text with case and whitespace normalised, the
  key for exact duplicates; ``signature`` feeds near-duplicate detection (:mod:`.dedup`).
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit

from . import boilerplate as bp
from .dedup import signature as make_signature
from .readers import RawDoc, Skip

__all__ = ["Document", "extract", "normalise_for_id"]


@dataclass(frozen=True)
class Document:
    """A cleaned document with everything later stages need; see docs/text-pipeline.md."""

    doc_id: str
    source_key: str
    path: str
    member: str | None
    url: str | None
    site: str | None
    title: str | None
    text: str
    published: datetime | None
    date_source: str | None
    authors: tuple[str, ...]
    original_author: str | None
    reposter: str | None
    agency: str | None
    language: str
    signature: tuple[int, ...]


def normalise_for_id(text: str) -> str:
    """The text as hashed for ``doc_id``: NFC, case-folded, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


MAX_PARAGRAPHS = 20_000
"""Most paragraphs a page may have: block elements (``p``, ``div``, ``li``, ``br``, ``tr``,
``td``, headings...) of an HTML page, lines of a text page. Extraction time grows faster than the
page (about 7 s at 20,000 paragraphs, 100 s and more at 200,000); a news article has a few
hundred. Counted before extraction, so a page over the limit costs only the count."""

MIN_WORDS = 3
"""A main text with fewer words (runs of two or more letters) is no text: markup debris, numbers
or symbols, on which language identification would name a random language."""

_BLOCK = re.compile(
    r"<(?:p|div|li|br|tr|td|th|h[1-6]|section|article|blockquote|pre|dd|dt|option)\b", re.I
)
_WORD = re.compile(r"[^\W\d_]{2,}")


def count_paragraphs(raw: RawDoc) -> int:
    """Paragraphs as :data:`MAX_PARAGRAPHS` counts them."""
    if raw.kind == "html":
        return sum(1 for _ in _BLOCK.finditer(raw.content))
    return raw.content.count("\n") + 1


def extract(raw: RawDoc) -> Document | Skip:
    """Clean one raw document, or say why it yields nothing usable (never raises for bad input)."""
    paragraphs = count_paragraphs(raw)
    if paragraphs > MAX_PARAGRAPHS:
        unit = "block elements" if raw.kind == "html" else "lines"
        return Skip(
            raw.path,
            raw.member,
            f"too many paragraphs: {paragraphs:,} {unit}, more than the limit of "
            f"{MAX_PARAGRAPHS:,}",
        )
    try:
        if raw.kind == "html":
            parts = _from_html(raw)
        elif raw.kind == "text":
            parts = _from_text(raw)
        else:
            return Skip(raw.path, raw.member, f"unknown document kind {raw.kind!r}")
    except RecursionError:
        return Skip(raw.path, raw.member, "HTML nested too deeply to parse")
    if isinstance(parts, Skip):
        return parts
    if not parts.text.strip():
        return Skip(raw.path, raw.member, "no main text found")
    words = sum(1 for _ in zip(range(MIN_WORDS), _WORD.finditer(parts.text), strict=False))
    if words < MIN_WORDS:
        return Skip(
            raw.path, raw.member, "no text extracted (the main text is markup debris or symbols)"
        )
    language = _language(parts.text)
    if language != "en":
        return Skip(raw.path, raw.member, f"language {language}, not English")
    published, date_source = _published(raw, parts)
    bylines = parts.bylines or [bp.Byline(n, None, "<meta>") for n in parts.meta_authors]
    reposter, original = _roles(bylines, parts.signature_name)
    authors = _unique(
        [b.name for b in parts.bylines]
        + parts.meta_authors
        + ([parts.signature_name] if parts.signature_name else [])
    )
    url = raw.fields.get("url") or parts.url
    return Document(
        doc_id=hashlib.sha256(normalise_for_id(parts.text).encode()).hexdigest(),
        source_key=raw.source_key,
        path=raw.path,
        member=raw.member,
        url=url,
        site=parts.site or _host(url),
        title=raw.fields.get("title") or parts.title,
        text=parts.text,
        published=published,
        date_source=date_source,
        authors=tuple(authors),
        original_author=original,
        reposter=reposter,
        agency=_agency(parts),
        language=language,
        signature=make_signature(parts.text),
    )


# --------------------------------------------------------------------------- the two paths


@dataclass
class _Parts:
    text: str
    title: str | None
    bylines: list[bp.Byline]
    date_lines: list[str]
    source_lines: list[str]
    meta_authors: list[str]
    signature_name: str | None = None
    meta_published: datetime | None = None
    meta_date: date | None = None  # trafilatura's date (no time, no zone)
    site: str | None = None
    url: str | None = None


def _from_text(raw: RawDoc) -> _Parts:
    ct = bp.clean(raw.content)
    return _Parts(
        text=ct.text,
        title=ct.title,
        bylines=[b for line in ct.byline_lines for b in bp.bylines_in(line)],
        date_lines=list(ct.date_lines),
        source_lines=list(ct.source_lines),
        meta_authors=[],
        signature_name=ct.signature[0] if ct.signature else None,
    )


def _from_html(raw: RawDoc) -> _Parts | Skip:
    import trafilatura

    url = raw.fields.get("url")
    doc = trafilatura.bare_extraction(
        raw.content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    meta = _page_meta(raw.content)
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return _html_fallback(raw, meta)
    title = (doc.title or meta.get("title") or "").strip() or None
    ct = bp.clean(doc.text or "", extracted=True, title=title)
    authors = [a.strip() for a in re.split(r"[;|]", doc.author or "") if a.strip()]
    meta_day: date | None = None
    if doc.date:
        try:
            meta_day = date.fromisoformat(doc.date[:10])
        except ValueError:
            meta_day = None
    return _Parts(
        text=ct.text,
        title=title,
        bylines=[b for line in ct.byline_lines for b in bp.bylines_in(line)],
        date_lines=list(ct.date_lines),
        source_lines=list(ct.source_lines),
        meta_authors=authors,
        signature_name=ct.signature[0] if ct.signature else None,
        meta_published=_meta_published(meta),
        meta_date=meta_day,
        site=(doc.sitename or "").strip() or None,
        url=url or (doc.url or None),
    )


def _html_fallback(raw: RawDoc, meta: dict[str, str]) -> _Parts | Skip:
    """When trafilatura finds no article (tiny pages, pathological markup), strip the tags and
    run the text filter, so short but real pages are not lost; still nothing -> Skip."""
    stripped = re.sub(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>", " ", raw.content)
    stripped = re.sub(
        r"(?i)<br\s*/?>|</(?:p|div|h[1-6]|li|tr|section|article|header|footer)>", "\n", stripped
    )
    stripped = html_lib.unescape(re.sub(r"<[^>]*>", " ", stripped))
    ct = bp.clean(stripped)
    if not ct.paragraphs:
        return Skip(raw.path, raw.member, "no text extracted from the HTML")
    return _Parts(
        text=ct.text,
        title=meta.get("title") or ct.title,
        bylines=[b for line in ct.byline_lines for b in bp.bylines_in(line)],
        date_lines=list(ct.date_lines),
        source_lines=list(ct.source_lines),
        meta_authors=[],
        meta_published=_meta_published(meta),
    )


# --------------------------------------------------------------------------- page metadata

_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.\-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)


def _page_meta(page: str) -> dict[str, str]:
    """``<meta>`` values by lower-cased property/name/itemprop, plus JSON-LD ``datePublished``,
    ``<time datetime>`` and ``<title>``. Regular expressions over the head, not a parser: this
    runs on pages that break parsers (the deep-nesting case) and only needs flat tags."""
    head = page[:300_000]
    out: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        attrs = {
            m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
            for m in _ATTR.finditer(tag)
        }
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key and "content" in attrs and key not in out:
            out[key] = html_lib.unescape(attrs["content"]).strip()
    m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', head)
    if m and "datepublished" not in out:
        out["datepublished"] = m.group(1)
    m = re.search(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"'][^>]*>", head, re.I)
    if m and "time" not in out:
        out["time"] = m.group(1)
    m = re.search(r"<title[^>]*>(.*?)</title>", head, re.I | re.S)
    if m:
        out["title"] = " ".join(html_lib.unescape(m.group(1)).split())
    return out


def _meta_published(meta: dict[str, str]) -> datetime | None:
    """The first publication timestamp in the page metadata, preferring one with a zone."""
    found: list[datetime] = []
    for key in (*_PUBLISHED_KEYS, "time"):
        value = meta.get(key)
        if value:
            dt = _parse_any(value)
            if dt is not None:
                found.append(dt)
    aware = [d for d in found if d.tzinfo is not None]
    ranked = aware or found
    return ranked[0] if ranked else None


def _parse_any(value: str) -> datetime | None:
    """ISO 8601 first (what metadata uses), then the date-line reader for human formats."""
    v = value.strip()
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00") if v.endswith("Z") else v)
    except ValueError:
        hit = bp.parse_date_line(v)
        return hit.to_datetime() if hit else None
    if not 1800 <= dt.year <= 2200:
        return None
    return dt


# --------------------------------------------------------------------------- decisions


def _published(raw: RawDoc, parts: _Parts) -> tuple[datetime | None, str | None]:
    if parts.meta_published is not None:
        return parts.meta_published, "page-meta"
    hits = [h for h in (bp.parse_date_line(line) for line in parts.date_lines) if h]
    if hits:
        # published before updated; a stated zone, then a stated time, make a date more exact
        best = min(
            enumerate(hits),
            key=lambda ih: (ih[1].updated, ih[1].tz is None, ih[1].clock is None, ih[0]),
        )[1]
        return best.to_datetime(), "byline"
    if parts.meta_date is not None:
        return datetime.combine(parts.meta_date, time(0, 0)), "page-meta"
    dateline = _dateline(parts.text)
    if dateline is not None:
        return dateline, "text"
    declared = raw.fields.get("date")
    if declared:
        dt = _parse_any(declared)
        if dt is not None:
            return dt, "declared"
    if raw.file_mtime is not None:
        return datetime.fromtimestamp(raw.file_mtime, tz=UTC), "file-mtime"
    return None, None


def _dateline(text: str) -> datetime | None:
    """A date opening the first paragraph (``BAKU, May 5, 2020 --``); dates later in the body
    are events the article reports, not its publication."""
    first = text.split("\n\n", 1)[0][:120]
    found = bp.find_date(first)
    if not found:
        return None
    day, start, end = found
    if not re.fullmatch(r"(?:[A-Z][A-Za-z.'’\- ]{0,40}[,(]?\s*)?", first[:start]):
        return None
    if not re.match(r"\s*\)?\s*(?:[—–:\-]|\(\w+\))", first[end:]):
        return None
    hit = bp.parse_date_line(first[: end + 40])
    return hit.to_datetime() if hit else datetime.combine(day, time(0, 0))


def _roles(bylines: list[bp.Byline], signature: str | None) -> tuple[str | None, str | None]:
    """(reposter, original_author) from the bylines in page order (see the module docstring)."""
    reposter = next((b.name for b in bylines if b.role == "repost"), None)
    original = next((b.name for b in bylines if b.role == "original"), None)
    firsts: list[str] = []  # the first name on each distinct byline line
    lines_seen: set[str] = set()
    for b in bylines:
        if b.line not in lines_seen:
            lines_seen.add(b.line)
            if b.name.casefold() not in {f.casefold() for f in firsts}:
                firsts.append(b.name)
    if len(firsts) >= 2:
        reposter = reposter or firsts[0]
        original = original or next((f for f in firsts if f != reposter), None)
    elif len(firsts) == 1 and firsts[0] != reposter:
        original = original or firsts[0]
    if original is None and signature and signature != reposter:
        original = signature
    return reposter, original


_REPORTING = (
    r"\b(?:reported|reports|according\s+to|citing|cited\s+by|quoted\s+by)\s+(?:the\s+)?"
    r"(?:[\w-]+-based\s+)?(?P<name>[A-Z][\w.&'’\-]*(?:\s+[A-Z][\w.&'’\-]*){0,3}?)"
)
_REPORTED_OUTLET = re.compile(
    _REPORTING
    + r"\s+(?:news\s+)?(?:site|agency|portal|website|outlet|newspaper|daily|channel|service)\b"
)
_REPORTED_NAME = re.compile(_REPORTING + r"(?![\w.&'’\-])")


def _agency(parts: _Parts) -> str | None:
    for line in parts.source_lines:
        agency = bp.source_of(line) or bp.blurb_agency(line)
        if agency:
            return agency
    m = _REPORTED_OUTLET.search(parts.text)
    if m:
        return m.group("name")
    for m in _REPORTED_NAME.finditer(parts.text):
        if bp.is_agency(m.group("name")):
            return m.group("name")
    return None


def _language(text: str) -> str:
    import py3langid  # type: ignore[import-untyped]

    lang, _score = py3langid.classify(text[:20_000])
    return str(lang)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _unique(names: list[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for n in names:
        key = n.casefold()
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out
