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

SCHEMA_VERSION = 7

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
    # 3: ingested news text. A document is stored once (doc_id = hash of its normalised main
    # text); every input that carried it is a row of document_sources (exact and near duplicates
    # included), and every input skipped is a row of skipped, so a second ingest of the same files
    # adds nothing and an interrupted one resumes where it stopped.
    3: [
        """CREATE TABLE IF NOT EXISTS documents (
            doc_id          VARCHAR PRIMARY KEY,
            url             VARCHAR,
            site            VARCHAR,
            title           VARCHAR,
            published       TIMESTAMPTZ,  -- only when the page states a UTC offset
            published_date  DATE,         -- the calendar date as the page gives it
            published_local VARCHAR,      -- the page's own date-time, ISO, with its offset if any
            date_source     VARCHAR,
            authors         VARCHAR[],
            original_author VARCHAR,
            reposter        VARCHAR,
            agency          VARCHAR,
            language        VARCHAR,
            text            VARCHAR NOT NULL,
            signature       UBIGINT[],
            annotator       VARCHAR,
            ingested_at     TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS document_sources (
            source_key  VARCHAR PRIMARY KEY,
            doc_id      VARCHAR NOT NULL,
            path        VARCHAR NOT NULL,
            member      VARCHAR,
            url         VARCHAR,
            relation    VARCHAR NOT NULL,  -- primary | exact-duplicate | near-duplicate
            ingested_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS skipped (
            source_key  VARCHAR PRIMARY KEY,
            path        VARCHAR NOT NULL,
            member      VARCHAR,
            reason      VARCHAR NOT NULL,
            skipped_at  TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS sentences (
            doc_id  VARCHAR NOT NULL,
            sent    INTEGER NOT NULL,
            "start" INTEGER NOT NULL,
            "end"   INTEGER NOT NULL,
            text    VARCHAR NOT NULL,
            PRIMARY KEY (doc_id, sent)
        )""",
        """CREATE TABLE IF NOT EXISTS mentions (
            doc_id     VARCHAR NOT NULL,
            sent       INTEGER NOT NULL,
            "start"    INTEGER NOT NULL,
            "end"      INTEGER NOT NULL,
            text       VARCHAR NOT NULL,
            kind       VARCHAR NOT NULL,
            code       VARCHAR,
            person     VARCHAR,
            role       VARCHAR,
            origin     VARCHAR NOT NULL,
            confidence DOUBLE,
            PRIMARY KEY (doc_id, "start", "end")
        )""",
    ],
    # 4: coded events with their provenance, and which documents each coder version has coded
    # (so `nonaligned code` codes only what is new, and re-codes when the coder changes).
    4: [
        """CREATE TABLE IF NOT EXISTS events (
            event_id       VARCHAR PRIMARY KEY,
            doc_id         VARCHAR NOT NULL,
            sent           INTEGER NOT NULL,
            "start"        INTEGER NOT NULL,
            "end"          INTEGER NOT NULL,
            sentence       VARCHAR NOT NULL,
            actor          VARCHAR,
            actor_text     VARCHAR,
            recipient      VARCHAR,
            recipient_text VARCHAR,
            event          VARCHAR,
            mode           VARCHAR,
            context        VARCHAR,
            cameo          VARCHAR NOT NULL,
            goldstein      DOUBLE,
            quad_class     TINYINT,
            penta_class    TINYINT,
            date           DATE,
            date_precision VARCHAR,
            date_text      VARCHAR,
            location       VARCHAR,
            status         VARCHAR NOT NULL,
            speaker        VARCHAR,
            confidence     DOUBLE,
            coder          VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS coded_documents (
            doc_id   VARCHAR PRIMARY KEY,
            coder    VARCHAR NOT NULL,
            n_events INTEGER NOT NULL,
            coded_at TIMESTAMP NOT NULL
        )""",
    ],
    # 5: the near-duplicate LSH index in the store, so an ingest's memory does not grow with the
    # corpus: one row per document and band (32 per document), the band's 64-bit key
    # (nonaligned.text.dedup.band_keys) and the document's place in ingest order (``seq``: the
    # earliest stored near-duplicate wins). Filled by the ingester, which also back-fills the
    # documents of older stores or of a Spark load that have none.
    5: [
        """CREATE TABLE IF NOT EXISTS document_bands (
            band   UTINYINT NOT NULL,
            key    UBIGINT NOT NULL,
            seq    BIGINT NOT NULL,
            doc_id VARCHAR NOT NULL
        )""",
    ],
    # 6: UN voting releases merged by `nonaligned data update`. The roll calls and votes a release
    # added are kept here as well as in the record tables, so that a rebuild of the records
    # (which replaces rollcalls/votes wholesale) puts them back; data_releases says which file
    # was merged when, and is shown by `data versions`.
    6: [
        """CREATE TABLE IF NOT EXISTS update_rollcalls (
            rcid INTEGER PRIMARY KEY, resid INTEGER, session SMALLINT, date DATE,
            date_precision VARCHAR, year SMALLINT, unres VARCHAR, short VARCHAR, descr VARCHAR,
            amend TINYINT, para TINYINT, importantvote TINYINT,
            me TINYINT, nu TINYINT, di TINYINT, hr TINYINT, co TINYINT, ec TINYINT,
            emergency_session VARCHAR, source VARCHAR, undl_id INTEGER, title VARCHAR,
            issue_source VARCHAR, overlap_source VARCHAR, overlap_differences SMALLINT,
            release VARCHAR NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS update_votes (
            rcid INTEGER NOT NULL, cow SMALLINT NOT NULL, vote TINYINT NOT NULL,
            PRIMARY KEY (rcid, cow)
        )""",
        """CREATE TABLE IF NOT EXISTS data_releases (
            sha256      VARCHAR PRIMARY KEY,
            file        VARCHAR NOT NULL,
            origin      VARCHAR NOT NULL,
            rows        BIGINT,
            rollcalls   INTEGER,
            added       INTEGER,
            first_added DATE,
            last_added  DATE,
            applied_at  TIMESTAMP NOT NULL
        )""",
    ],
    # 7: sentences and mentions without primary keys. DuckDB keeps a primary key's index (ART)
    # whole in memory and never evicts it: at 100,000 documents these two came to about 150 MB
    # in the ingest's process, growing with the store (issue 17; with a memory_limit below it
    # the insert fails instead). A document's sentences and mentions are written once, with the
    # document, in its batch's transaction, and `documents` keeps its key, so nothing relied on
    # them; tests/test_store.py checks the spans are still unique after an ingest.
    7: [
        """CREATE TABLE sentences_v7 (
            doc_id  VARCHAR NOT NULL,
            sent    INTEGER NOT NULL,
            "start" INTEGER NOT NULL,
            "end"   INTEGER NOT NULL,
            text    VARCHAR NOT NULL
        )""",
        'INSERT INTO sentences_v7 SELECT doc_id, sent, "start", "end", text FROM sentences',
        "DROP TABLE sentences",
        "ALTER TABLE sentences_v7 RENAME TO sentences",
        """CREATE TABLE mentions_v7 (
            doc_id     VARCHAR NOT NULL,
            sent       INTEGER NOT NULL,
            "start"    INTEGER NOT NULL,
            "end"      INTEGER NOT NULL,
            text       VARCHAR NOT NULL,
            kind       VARCHAR NOT NULL,
            code       VARCHAR,
            person     VARCHAR,
            role       VARCHAR,
            origin     VARCHAR NOT NULL,
            confidence DOUBLE
        )""",
        'INSERT INTO mentions_v7 SELECT doc_id, sent, "start", "end", text, kind, code, '
        "person, role, origin, confidence FROM mentions",
        "DROP TABLE mentions",
        "ALTER TABLE mentions_v7 RENAME TO mentions",
    ],
}

assert sorted(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1)), "migrations must be numbered 1..N"
