"""Where things live: the store file, and the bundled data folder.

The store defaults to the user's data directory so that every command and the Python API find the
same database without options; ``--db`` or ``NONALIGNED_DB`` points elsewhere (tests, several
corpora side by side).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

ENV_DB = "NONALIGNED_DB"
DB_FILENAME = "nonaligned.duckdb"


def default_db_path() -> Path:
    """The store path: ``$NONALIGNED_DB`` if set, else ``<user data dir>/nonaligned.duckdb``."""
    env = os.environ.get(ENV_DB, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("nonaligned", appauthor=False)) / DB_FILENAME


def resolve_db_path(db: str | os.PathLike[str] | None) -> Path:
    """An explicit ``--db`` wins over the environment and the default."""
    return Path(db).expanduser() if db else default_db_path()


def bundled_data_dir() -> Path:
    """The folder of bundled public records inside the installed package."""
    return Path(str(resources.files("nonaligned.records") / "data"))


def text_data_dir() -> Path:
    """The folder of the text layer's versioned data (actor dictionary, later event dictionaries)."""
    return Path(str(resources.files("nonaligned.text") / "data"))
