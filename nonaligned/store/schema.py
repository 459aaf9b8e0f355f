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

SCHEMA_VERSION = 2

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
    # 2: the project's own ideal-point estimates, cached with the fingerprint of the records and
    # the model they came from (meta 'idealpoints_fingerprint').
    2: [
        """CREATE TABLE IF NOT EXISTS idealpoints (
            cow        SMALLINT NOT NULL,
            year       SMALLINT NOT NULL,
            idealpoint DOUBLE NOT NULL,
            se         DOUBLE,
            lo         DOUBLE,
            hi         DOUBLE,
            n_votes    INTEGER,
            "interval" VARCHAR,
            PRIMARY KEY (cow, year)
        )""",
    ],
}

assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1)), "migrations must be numbered 1..N"
