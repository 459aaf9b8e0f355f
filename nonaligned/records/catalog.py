"""The catalogue of bundled datasets, read from their SOURCE notes.

Each bundled dataset has a ``<name>.SOURCE.md`` note whose TOML front matter (between ``+++``
lines) gives its name, files, version, licence, origin, exact row counts, BibTeX and the date its
contents were last verified. Keeping the machine-readable facts inside the human-readable note means
the two cannot drift apart: the shape tests check the row counts, ``data versions`` and ``cite``
print them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..config import bundled_data_dir
from ..errors import DataError


@dataclass(frozen=True)
class Dataset:
    """One bundled dataset as its SOURCE note describes it."""

    name: str
    title: str
    files: tuple[str, ...]
    version: str
    licence: str
    origin: str
    rows: dict[str, int] = field(default_factory=dict)
    citation: str = ""
    note: Path | None = None
    # The day the table's contents were last checked against their sources: a hand-kept table
    # (blocs, office holders) goes stale as the world moves on, and a user needs to see how stale
    # before relying on the absence of a row. None while a note does not declare it yet.
    verified: date | None = None


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _verified(path: Path, value: object) -> date | None:
    """The note's ``verified`` key as a date; anything but a real ``YYYY-MM-DD`` day is an error.

    A string is required (not a bare TOML date) so that every note writes it the same way, and
    partial dates are refused because "verified in 2026" tells a user nothing about currency.
    """
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise DataError(f"{path}: 'verified' must be a \"YYYY-MM-DD\" string, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DataError(f"{path}: 'verified' is not a valid date ({value!r}: {exc})") from exc


def read_front_matter(path: Path) -> dict[str, object]:
    """The TOML block between the first two ``+++`` lines of a SOURCE note."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read SOURCE note ({exc})") from exc
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        raise DataError(f"{path}: SOURCE note must start with a '+++' line")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration as exc:
        raise DataError(f"{path}: SOURCE note front matter has no closing '+++' line") from exc
    try:
        return tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: SOURCE note front matter is not valid TOML ({exc})") from exc


def _dataset(path: Path) -> Dataset:
    fm = read_front_matter(path)
    missing = [k for k in ("name", "title", "files", "version", "licence", "origin") if k not in fm]
    if missing:
        raise DataError(f"{path}: SOURCE note lacks {', '.join(missing)}")
    files = fm["files"]
    rows = fm.get("rows", {})
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise DataError(f"{path}: 'files' must be a list of file names")
    if not isinstance(rows, dict):
        raise DataError(f"{path}: 'rows' must be a table of file = count")
    return Dataset(
        name=str(fm["name"]),
        title=str(fm["title"]),
        files=tuple(files),
        version=str(fm["version"]),
        licence=str(fm["licence"]),
        origin=str(fm["origin"]),
        rows={str(k): int(v) for k, v in rows.items()},
        citation=str(fm.get("citation", "")).strip(),
        note=path,
        verified=_verified(path, fm.get("verified")),
    )


def datasets(data_dir: Path | None = None) -> list[Dataset]:
    """All bundled datasets, sorted by name; a file listed twice is a packaging error."""
    folder = data_dir or bundled_data_dir()
    found = [_dataset(p) for p in sorted(folder.glob("*.SOURCE.md"))]
    seen: dict[str, str] = {}
    for ds in found:
        for f in ds.files:
            if f in seen:
                raise DataError(f"{f} is claimed by two SOURCE notes: {seen[f]} and {ds.name}")
            seen[f] = ds.name
    return sorted(found, key=lambda d: d.name)
