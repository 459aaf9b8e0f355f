"""Fixtures for the dashboard tests: a store with records and the sample news coded, an app and
a client over it. The web test modules import the ``*_fixture`` functions (pytest then knows the
fixtures by their ``name``), so the session-scoped store is built once for all of them.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "nonaligned" / "text" / "sample"


def import_testclient() -> Any:
    """Starlette's TestClient, without its warning that it prefers ``httpx2`` (not installed
    here): the warning is about Starlette's packaging, and ``filterwarnings = error`` would turn
    it into a failure at import."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    return TestClient


@pytest.fixture(scope="session", name="web_db")
def web_db_fixture(built_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built store with the sample pages ingested and coded into events.

    A copy of its own: the CLI tests open ``built_db`` read-write, and DuckDB will not open one
    file read-write in a process that holds it read-only.
    """
    pytest.importorskip("spacy", reason="the text extra (spaCy) is needed to code the sample news")
    from nonaligned.engine.coding import code_store
    from nonaligned.engine.ingest import ingest
    from nonaligned.store import Store

    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    shutil.copyfile(built_db, path)
    with Store.open(path) as store:
        ingest(store, [str(SAMPLE)])
        code_store(store)
    return path


@pytest.fixture(scope="session", name="web_app")
def web_app_fixture(web_db: Path) -> Any:
    from nonaligned.web.app import create_app

    return create_app(web_db)


@pytest.fixture(scope="session", name="client")
def client_fixture(web_app: Any) -> Iterator[Any]:
    TestClient = import_testclient()
    with TestClient(web_app) as c:
        yield c
