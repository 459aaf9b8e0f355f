"""The distributed engine: code pages on Spark with the same pure pipeline as the local engine.

Run it with ``nonaligned code --engine spark --input PATH --output PATH`` or, on a cluster,
``spark-submit nonaligned/engine/spark_job.py --input PATH --output PATH`` (see docs/spark.md).

Why it is shaped like this:

* Every input row is turned into one JSON object line (Parquet rows with ``to_json``), and the
  worker maps it to a ``RawDoc`` with the local reader's own JSON Lines rules
  (:func:`nonaligned.engine.pipeline.record_to_raw`), so both engines agree on ``doc_id`` and metadata.
* ``mapInPandas`` runs :func:`nonaligned.engine.pipeline.code_pages` per batch; spaCy is loaded once
  per Python worker (``nlp.load``, ``events._pipeline`` and ``default_recognizer`` are
  ``lru_cache``-d at module level) and only plain strings leave the worker: each output row is
  ``(ordinal, kind, doc_id, payload JSON)``, parsed back with explicit schemas, because spaCy
  objects and nested dataclasses cannot cross Arrow.
* De-duplication (exact by ``doc_id``, near by MinHash signature) depends on everything read
  before a page, so it runs on the driver over the small (doc_id, signature) list in input order,
  with the local engine's own ``NearDuplicateIndex``: the events kept are the local engine's.
* Output: ``documents/``, ``sentences/``, ``mentions/`` and ``skipped/`` Parquet, ``events/``
  Parquet partitioned by ``month`` (``yyyy-MM`` of the event date, ``undated`` without one), ``dyad_month/`` from the
  portable SQL in ``measures/sql/dyad_month.sql``, and ``summary.json``.

This module imports pyspark only inside functions, so ``import nonaligned`` never needs it, and
has no package-relative imports at module level, so ``spark-submit`` can run it as a file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

    from ..store import Store

BATCH = 32  # pages per code_batch call inside a worker (bounded memory, amortised spaCy calls)
PAYLOAD_SCHEMA = "ordinal long, kind string, doc_id string, payload string"

DOCUMENT_SCHEMA = (
    "doc_id string, url string, site string, title string, published string, "
    "published_date date, published_local string, date_source string, authors array<string>, "
    "original_author string, reposter string, agency string, language string, text string, "
    "signature array<long>, annotator string, source_key string, path string, member string, "
    "coder string"
)
SENTENCE_SCHEMA = "doc_id string, sent int, start int, end int, text string"
MENTION_SCHEMA = (
    "doc_id string, sent int, start int, end int, text string, kind string, code string, "
    "person string, role string, origin string, confidence double"
)
EVENT_SCHEMA = (
    "event_id string, doc_id string, sent int, start int, end int, sentence string, "
    "actor string, actor_text string, recipient string, recipient_text string, event string, "
    "mode string, context string, cameo string, goldstein double, quad_class int, "
    "penta_class int, date date, date_precision string, date_text string, location string, "
    "status string, speaker string, confidence double, coder string"
)
SKIP_SCHEMA = "path string, member string, reason string"
_EVENT_COLUMNS = [part.split()[0] for part in EVENT_SCHEMA.split(", ")]


@dataclass
class SparkSummary:
    """Counts of one run, also written as ``summary.json`` next to the tables."""

    rows: int = 0
    documents: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    events: int = 0
    dyad_months: int = 0
    seconds: float = 0.0
    skipped: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        rate = self.rows / self.seconds if self.seconds else 0.0
        out = [
            f"read {self.rows} rows, coded {self.documents} documents: {self.events} events, "
            f"{self.dyad_months} dyad-months; duplicates {self.exact_duplicates} exact + "
            f"{self.near_duplicates} near, skipped {sum(self.skipped.values())} "
            f"({self.seconds:.1f} s, {rate:.1f} rows/s)"
        ]
        for reason, n in self.skipped.most_common():
            out.append(f"  skipped {n:>5}  {reason}")
        return out


def ensure_python() -> None:
    """Workers must run this interpreter (its venv has nonaligned, spaCy and the model)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)


def session(
    master: str | None = None, partitions: int | None = None, *, app: str = "nonaligned-code"
) -> SparkSession:
    """A SparkSession (an existing one is reused, as spark-submit creates it from its flags)."""
    ensure_python()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    builder = builder.config("spark.sql.session.timeZone", "UTC")
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    return builder.getOrCreate()


def _is_parquet(path: str) -> bool:
    p = Path(path)
    if p.is_dir():
        return any(p.rglob("*.parquet"))
    return p.suffix == ".parquet"


def read_records(spark: SparkSession, path: str) -> DataFrame:
    """Input rows as ``(value: JSON object text, path)`` in input order (``ordinal``).

    JSON Lines (plain or .gz, a file or a folder) is read as text, so a malformed line reaches
    the worker and becomes a counted skip instead of failing Spark's JSON reader. Parquet rows
    are serialised with ``to_json`` so both formats go through the same record mapping.
    """
    from pyspark.sql import functions as F

    if _is_parquet(path):
        df = spark.read.parquet(path)
        value = F.to_json(F.struct(*[F.col(f"`{c}`") for c in df.columns]))
    else:
        df = spark.read.option("recursiveFileLookup", "true").text(path)
        value = F.col("value")
    return df.select(
        value.alias("value"),
        F.input_file_name().alias("path"),
        F.monotonically_increasing_id().alias("ordinal"),
    )


def _code_partition(frames: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The worker side: records → pages → ``code_pages`` → plain JSON rows."""
    import pandas as pd

    from ..text.events import coder_version
    from ..text.readers import RawDoc, Skip
    from .pipeline import code_pages, event_rows, record_to_raw, to_json

    version = coder_version()
    for frame in frames:
        values = frame["value"].tolist()
        paths = frame["path"].tolist()
        ordinals = [int(o) for o in frame["ordinal"].tolist()]
        # input order (file, then position): the first page of a doc_id is the one kept
        order = sorted(range(len(values)), key=lambda i: (str(paths[i]), ordinals[i]))
        for lo in range(0, len(order), BATCH):
            chunk = order[lo : lo + BATCH]
            raws: list[RawDoc | Skip] = []
            for i in chunk:
                value = values[i]
                member = f"row {ordinals[i]}"
                if not isinstance(value, str) or not value.strip():
                    raws.append(Skip(str(paths[i]), member, "empty record"))
                else:
                    raws.append(record_to_raw(value, str(paths[i]), member))
            coded = code_pages(raws)
            out: list[tuple[int, str, str | None, str]] = []
            ord_of_doc: dict[str, int] = {}
            for j, doc in zip(coded.index, coded.documents, strict=True):
                ordinal = ordinals[chunk[j]]
                ord_of_doc.setdefault(doc["doc_id"], ordinal)
                out.append((ordinal, "doc", doc["doc_id"], to_json({**doc, "coder": version})))
            for kind, rows in (("sentence", coded.sentences), ("mention", coded.mentions)):
                for row in rows:
                    out.append((ord_of_doc[row["doc_id"]], kind, row["doc_id"], to_json(row)))
            for row in event_rows(coded.events):
                out.append((ord_of_doc[row["doc_id"]], "event", row["doc_id"], to_json(row)))
            for skip_path, skip_member, reason in coded.skipped:
                skip = {"path": skip_path, "member": skip_member, "reason": reason}
                out.append((-1, "skip", None, to_json(skip)))
            if out:
                yield pd.DataFrame(out, columns=["ordinal", "kind", "doc_id", "payload"])


def _keep(rows: Sequence[tuple[int, str, str, list[int]]], summary: SparkSummary) -> list[int]:
    """Ordinals of the documents the local engine would store: first of each doc_id, and not a
    near duplicate of an earlier one (input order: file, then position)."""
    from ..text.dedup import NearDuplicateIndex

    index = NearDuplicateIndex()
    seen: set[str] = set()
    kept: list[int] = []
    for ordinal, _path, doc_id, signature in rows:
        sig = tuple(int(x) for x in signature)
        if doc_id in seen:
            summary.exact_duplicates += 1
            continue
        if sig and index.match(sig) is not None:
            summary.near_duplicates += 1
            continue
        seen.add(doc_id)
        index.add(doc_id, sig)
        kept.append(ordinal)
    return kept


def run(
    input_path: str,
    output: str,
    *,
    master: str | None = None,
    partitions: int | None = None,
    spark: SparkSession | None = None,
    aggregate: bool = True,
) -> SparkSummary:
    """Code every page under ``input_path`` and write the tables under ``output`` (replaced)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .coding import dyad_month_sql

    started = time.perf_counter()
    spark = spark or session(master, partitions)
    summary = SparkSummary()
    records = read_records(spark, input_path)
    if partitions:
        records = records.repartition(partitions)
    coded = records.mapInPandas(_code_partition, PAYLOAD_SCHEMA).persist(
        StorageLevel.MEMORY_AND_DISK
    )
    try:
        summary.rows = records.count()

        def table(kind: str, schema: str) -> DataFrame:
            parsed = coded.where(F.col("kind") == kind).select(
                "ordinal", F.from_json("payload", schema).alias("r")
            )
            return parsed.select("ordinal", "r.*")

        docs = table("doc", DOCUMENT_SCHEMA)
        order = (
            docs.select("ordinal", "path", "doc_id", "signature")
            .orderBy("path", "ordinal")
            .collect()
        )
        kept_ordinals = _keep(
            [(int(r[0]), str(r[1]), str(r[2]), list(r[3] or [])) for r in order], summary
        )
        kept = spark.createDataFrame([(o,) for o in kept_ordinals], "ordinal long")
        summary.documents = len(kept_ordinals)

        def only_kept(frame: DataFrame) -> DataFrame:
            return frame.join(F.broadcast(kept), "ordinal", "left_semi").drop("ordinal")

        out = Path(output)
        documents = only_kept(docs).withColumn("published", F.to_timestamp("published"))
        documents.write.mode("overwrite").parquet(str(out / "documents"))
        only_kept(table("sentence", SENTENCE_SCHEMA)).write.mode("overwrite").parquet(
            str(out / "sentences")
        )
        only_kept(table("mention", MENTION_SCHEMA)).write.mode("overwrite").parquet(
            str(out / "mentions")
        )
        events = only_kept(table("event", EVENT_SCHEMA)).dropDuplicates(["event_id"])
        # undated events in month=undated: Spark's null partition name trips up pyarrow readers
        month = F.coalesce(F.date_format("date", "yyyy-MM"), F.lit("undated"))
        events = events.withColumn("month", month)
        events.write.mode("overwrite").partitionBy("month").parquet(str(out / "events"))
        skipped = table("skip", SKIP_SCHEMA).drop("ordinal")
        skipped.write.mode("overwrite").parquet(str(out / "skipped"))
        for reason, n in skipped.groupBy("reason").count().collect():
            summary.skipped[str(reason)] = int(n)

        stored = spark.read.parquet(str(out / "events"))
        summary.events = stored.count()
        if aggregate:
            stored.createOrReplaceTempView("events")
            dyad = spark.sql(dyad_month_sql())
            dyad.write.mode("overwrite").parquet(str(out / "dyad_month"))
            summary.dyad_months = spark.read.parquet(str(out / "dyad_month")).count()
    finally:
        coded.unpersist()
    summary.seconds = time.perf_counter() - started
    (out / "summary.json").write_text(
        json.dumps(
            {
                "input": input_path,
                "rows": summary.rows,
                "documents": summary.documents,
                "exact_duplicates": summary.exact_duplicates,
                "near_duplicates": summary.near_duplicates,
                "events": summary.events,
                "dyad_months": summary.dyad_months,
                "skipped": dict(summary.skipped),
                "seconds": round(summary.seconds, 3),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return summary


@dataclass
class LoadSummary:
    """What ``load-events`` did."""

    documents: int = 0
    new_documents: int = 0
    events: int = 0
    dyad_months: int = 0

    def line(self) -> str:
        return (
            f"loaded {self.documents} documents ({self.new_documents} new) with "
            f"{self.events} events; dyad_month has {self.dyad_months} rows"
        )


def load_output(store: Store, output: str, *, chunk: int = 1000) -> LoadSummary:
    """Load a Spark run's tables into the local store (DuckDB reads the Parquet; no pyspark).

    Idempotent: each document's events and its ``coded_documents`` row are replaced, documents
    already in the store are kept (same ``doc_id`` is the same text) and only new documents get
    their sentences and mentions, so loading twice never duplicates. One transaction per chunk
    of documents, as the local ``code`` writes; the dyad-month table is rebuilt at the end.
    """
    from ..errors import NonalignedError
    from .coding import refresh_aggregates

    root = Path(output)
    tables = {name: root / name for name in ("documents", "sentences", "mentions", "events")}
    for name, folder in tables.items():
        if not folder.is_dir():
            raise NonalignedError(
                f"{output}: no {name}/ folder; give the --output folder of `nonaligned code "
                "--engine spark` (or spark_job.py)"
            )

    def src(name: str) -> str:
        glob = str(tables[name] / "**" / "*.parquet").replace("'", "''")
        return f"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)"

    con = store.con
    summary = LoadSummary()
    doc_ids = [str(r[0]) for r in con.execute(f"SELECT doc_id FROM {src('documents')}").fetchall()]
    summary.documents = len(doc_ids)
    doc_cols = (
        "doc_id, url, site, title, published, published_date, published_local, date_source, "
        "authors, original_author, reposter, agency, language, text, signature, annotator"
    )
    event_cols = ", ".join(f'"{c}"' for c in _EVENT_COLUMNS)
    for lo in range(0, len(doc_ids), chunk):
        ids = doc_ids[lo : lo + chunk]
        with store.transaction() as tx:
            tx.execute(
                "CREATE OR REPLACE TEMP TABLE _fresh AS SELECT doc_id FROM documents WHERE FALSE"
            )
            tx.execute(
                f"INSERT INTO _fresh SELECT doc_id FROM {src('documents')} "
                "WHERE list_contains(?, doc_id) AND doc_id NOT IN (SELECT doc_id FROM documents)",
                [ids],
            )
            fresh = tx.execute("SELECT count(*) FROM _fresh").fetchone()
            summary.new_documents += int(fresh[0]) if fresh else 0
            tx.execute(
                f"INSERT INTO documents ({doc_cols}, ingested_at) SELECT {doc_cols}, "
                f"now()::TIMESTAMP FROM {src('documents')} WHERE doc_id IN (SELECT doc_id FROM _fresh)"
            )
            tx.execute(
                "INSERT INTO document_sources (source_key, doc_id, path, member, url, relation, "
                "ingested_at) SELECT source_key, doc_id, path, member, url, 'primary', "
                f"now()::TIMESTAMP FROM {src('documents')} WHERE doc_id IN (SELECT doc_id FROM _fresh) "
                "AND source_key NOT IN (SELECT source_key FROM document_sources)"
            )
            for table in ("sentences", "mentions"):
                tx.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM {src(table)} "
                    "WHERE doc_id IN (SELECT doc_id FROM _fresh)"
                )
            tx.execute("DELETE FROM events WHERE list_contains(?, doc_id)", [ids])
            tx.execute("DELETE FROM coded_documents WHERE list_contains(?, doc_id)", [ids])
            tx.execute(
                f"INSERT INTO events ({event_cols}) SELECT {event_cols} FROM {src('events')} "
                "WHERE list_contains(?, doc_id)",
                [ids],
            )
            tx.execute(
                "INSERT INTO coded_documents (doc_id, coder, n_events, coded_at) "
                "SELECT d.doc_id, d.coder, (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id), "
                f"now()::TIMESTAMP FROM {src('documents')} d WHERE list_contains(?, d.doc_id)",
                [ids],
            )
            tx.execute("DROP TABLE _fresh")
    row = con.execute(f"SELECT count(*) FROM {src('events')}").fetchone()
    summary.events = int(row[0]) if row else 0
    summary.dyad_months = refresh_aggregates(store)
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``spark-submit nonaligned/engine/spark_job.py``."""
    parser = argparse.ArgumentParser(
        prog="spark_job.py", description="Code news pages into events on Spark (docs/spark.md)."
    )
    parser.add_argument("--input", required=True, help="JSON Lines or Parquet file or folder")
    parser.add_argument("--output", required=True, help="output folder (its tables are replaced)")
    parser.add_argument("--master", help="Spark master (default: spark-submit's or local[*])")
    parser.add_argument("--partitions", type=int, help="repartition the input into N partitions")
    parser.add_argument(
        "--no-aggregate", action="store_true", help="do not write the dyad_month table"
    )
    args = parser.parse_args(argv)
    summary = run(
        args.input,
        args.output,
        master=args.master,
        partitions=args.partitions,
        aggregate=not args.no_aggregate,
    )
    for line in summary.lines():
        print(line)
    return 0


if __name__ == "__main__":  # spark-submit nonaligned/engine/spark_job.py ...
    if __package__ in (None, ""):
        # run as a file: import the installed package (or the checkout next to this file)
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        from nonaligned.engine.spark_job import main as _main

        raise SystemExit(_main())
    raise SystemExit(main())
