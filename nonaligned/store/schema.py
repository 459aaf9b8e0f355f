"""Store schema versions and forward migrations.

Two kinds of tables live in the store:

* **record tables** (states, roll calls, votes, memberships, alliances, published ideal points) are
  a cache of the bundled public records: each load replaces them wholesale inside one transaction,
  so they need no migrations — only the loader knows their shape;
* **owned tables** (metadata now; documents, mentions and events later) hold what only the store
  has. They change only through the numbered migrations below, applied in order, each in the same
  transaction as the version bump, so a store is never left between two versions.

A store whose version is newer than this code knows is refused before anything is written.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

# MIGRATIONS[n] brings a store from version n-1 to version n.
MIGRATIONS: dict[int, list[str]] = {
    1: [
        """CREATE TABLE IF NOT EXISTS meta (
            key   VARCHAR PRIMARY KEY,
            value VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS datasets (
            name      VARCHAR PRIMARY KEY,
            title     VARCHAR,
            version   VARCHAR,
            licence   VARCHAR,
            origin    VARCHAR,
            files     VARCHAR,
            rows      BIGINT,
            sha256    VARCHAR,
            citation  VARCHAR,
            loaded_at TIMESTAMP
        )""",
    ],
}

assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1)), "migrations must be numbered 1..N"
