"""Reading the PLOVER GSR gold set (JSON arrays of sentences with their events)."""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ...errors import NonalignedError
from ...text.plover import PLOVER_EVENTS
from .common import GOLD_CODE_FIXES, PLOVER_MAPPING, GoldEvent, PloverSentence


def _read_text(path: Path) -> str:
    """The file as text, without a BOM: both gold sets are UTF-8, and an editor may add one."""
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError as exc:
        raise NonalignedError(f"gold file not found: {path}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise NonalignedError(f"{path}: cannot be read as UTF-8 text ({exc})") from exc


def _json_array(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each element of the file's top-level JSON array.

    Decoded element by element so that a problem in a record can name the line it starts on:
    the records span many lines, and ``json.load`` would only give the line of a syntax error.
    """
    text = _read_text(path)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def line_of(pos: int) -> int:
        return bisect_right(starts, pos)

    decoder = json.JSONDecoder()
    n = len(text)

    def skip(pos: int) -> int:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        return pos

    pos = skip(0)
    if pos >= n or text[pos] != "[":
        raise NonalignedError(f"{path} line {line_of(pos)}: expected a JSON array of records")
    pos = skip(pos + 1)
    if pos < n and text[pos] == "]":
        pos = skip(pos + 1)
    else:
        while True:
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                raise NonalignedError(
                    f"{path} line {exc.lineno}: not valid JSON ({exc.msg})"
                ) from exc
            yield line_of(pos), value
            pos = skip(end)
            if pos < n and text[pos] == ",":
                pos = skip(pos + 1)
                continue
            if pos < n and text[pos] == "]":
                pos = skip(pos + 1)
                break
            raise NonalignedError(f"{path} line {line_of(pos)}: expected ',' or ']' in the array")
    if pos < n:
        raise NonalignedError(f"{path} line {line_of(pos)}: text after the end of the array")


def _codes(value: Any, key: str, path: Path, line: int) -> tuple[str, ...]:
    """The actor codes of a ``source`` or ``target`` field (see the docstring for its quirks)."""
    if value is None or isinstance(value, str):
        return ()
    if not isinstance(value, list):
        raise NonalignedError(f"{path} line {line}: {key!r} must be a list of actors")
    out: list[str] = []
    for k, actor in enumerate(value):
        code = actor.get("code") if isinstance(actor, dict) else None
        if not isinstance(code, str) or not code.strip():
            raise NonalignedError(f"{path} line {line}: {key}[{k}] has no actor code")
        code = code.strip().upper()
        out.append(GOLD_CODE_FIXES.get(code, code))
    return tuple(out)


def _markup(value: Any, path: Path, line: int) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # one record carries the markup string itself
        return value
    if isinstance(value, dict):
        markup = value.get("markup", "")
        if isinstance(markup, str):
            return markup
    raise NonalignedError(f"{path} line {line}: 'textInfo' must hold a 'markup' string")


def _plover_file(path: Path) -> list[tuple[str, GoldEvent]]:
    out: list[tuple[str, GoldEvent]] = []
    for line, obj in _json_array(path):
        if not isinstance(obj, dict):
            raise NonalignedError(f"{path} line {line}: expected a JSON object (a record)")
        original = obj.get("event")
        if not isinstance(original, str) or not original.strip():
            raise NonalignedError(f"{path} line {line}: 'event' must be a category name")
        original = original.strip()
        if original == "DOCUMENT":
            continue
        event = PLOVER_MAPPING.get(original, original)
        if event not in PLOVER_EVENTS:
            raise NonalignedError(
                f"{path} line {line}: unknown PLOVER category {original!r} "
                f"(expected one of {', '.join((*PLOVER_EVENTS, *PLOVER_MAPPING))})"
            )
        record_id = obj.get("id")
        if not isinstance(record_id, str) or not record_id.strip():
            raise NonalignedError(f"{path} line {line}: 'id' must be a non-empty string")
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            raise NonalignedError(f"{path} line {line}: 'text' must be the sentence")
        markup = _markup(obj.get("textInfo"), path, line)
        out.append(
            (
                text.strip(),
                GoldEvent(
                    id=record_id.strip(),
                    line=line,
                    event=event,
                    original=original,
                    sources=_codes(obj.get("source"), "source", path, line),
                    targets=_codes(obj.get("target"), "target", path, line),
                    reciprocal="SRC/TAR" in markup or "TAR/SRC" in markup,
                ),
            )
        )
    return out


def read_plover(path: str | Path) -> list[PloverSentence]:
    """The PLOVER GSR sentences at ``path`` (a file, or a folder of ``*.json`` files), each with
    its gold events, in file order.

    Malformed gold is a NonalignedError naming the file and line: the path is the user's, and a
    traceback would not say which record to fix.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise NonalignedError(f"{path}: no PLOVER gold file (*.json) in this folder")
    elif path.exists():
        files = [path]
    else:
        raise NonalignedError(f"gold file not found: {path}")
    by_text: dict[str, list[GoldEvent]] = {}
    seen: Counter[str] = Counter()
    for file in files:
        for text, record in _plover_file(file):
            seen[record.id] += 1
            event = record
            if seen[record.id] > 1:  # one id is used twice in the 2016 file
                event = replace(record, id=f"{record.id}#{seen[record.id]}")
            by_text.setdefault(text, []).append(event)
    if not by_text:
        raise NonalignedError(f"{path}: no PLOVER records (only a DOCUMENT header, or empty)")
    return [PloverSentence(text, tuple(events)) for text, events in by_text.items()]
