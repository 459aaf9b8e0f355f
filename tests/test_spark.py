"""The Spark engine gives the local engine's events, aggregates and store (docs/spark.md).

One SparkSession and one Spark run for the module (``local[2]``, no UI, 2 shuffle partitions) to
keep it well under a minute; the local engine codes the same JSON Lines file for comparison.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

pytest.importorskip("pyspark", reason="needs the spark extra: pip install 'nonaligned[spark]'")
pytest.importorskip("spacy", reason="needs the text extra and the English model")


def _java() -> bool:
    try:
        return (
            subprocess.run(["java", "-version"], capture_output=True, check=False).returncode == 0
        )
    except OSError:
        return False


pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(not _java(), reason="Spark needs Java (none on PATH)"),
    # pyspark 4 warns that pandas >= 3 is not fully supported (FutureWarning, raised when its
    # pandas functions are imported) and py4j leaves sockets to the JVM open at shutdown
    # (ResourceWarning): both are pyspark's, not ours, and the results are checked below.
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]

SAMPLE = Path(__file__).resolve().parent.parent / "nonaligned" / "text" / "sample"
TIMESTAMPS = {"ingested_at", "coded_at"}


def sample_rows() -> list[dict[str, Any]]:
    """One JSON Lines record per sample page (the wire feed's records as they are)."""
    rows: list[dict[str, Any]] = []
    for f in sorted(SAMPLE.iterdir()):
        if f.suffix == ".jsonl":
            lines = f.read_text(encoding="utf-8").splitlines()
            rows += [json.loads(line) for line in lines if line.strip()]
            continue
        data = gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes()
        day = re.search(r"\d{4}-\d{2}-\d{2}", f.name)
        assert day, f.name
        field = "html" if ".html" in f.name else "text"
        rows.append({"id": f.stem, field: data.decode("utf-8"), "date": day.group(0)})
    return rows


BAD_LINES = [
    '{"id": "empty", "text": ""}',  # empty content
    '{"id": "wrong-type", "text": 42}',  # content of the wrong type
    "this is not JSON",
    "[1, 2, 3]",  # JSON, but not an object
]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spark")
    good = "".join(json.dumps(r) + "\n" for r in sample_rows())
    (root / "pages.jsonl").write_text(good, encoding="utf-8")
    (root / "bad.jsonl").write_text(good + "\n".join(BAD_LINES) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from nonaligned.engine.spark_job import ensure_python

    ensure_python()
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("nonaligned-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def local_store(work: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from nonaligned.engine.coding import code_store
    from nonaligned.engine.ingest import ingest
    from nonaligned.store import Store

    store = Store.open(tmp_path_factory.mktemp("local") / "local.duckdb")
    ingest(store, [str(work / "pages.jsonl")])
    code_store(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def spark_run(work: Path, spark: Any) -> tuple[Path, Any]:
    """The bad-rows file through Spark: its good rows are exactly pages.jsonl."""
    from nonaligned.engine.spark_job import run

    out = work / "out"
    summary = run(str(work / "bad.jsonl"), str(out), spark=spark, partitions=2)
    return out, summary


def _events(frame: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in frame.columns if c not in TIMESTAMPS | {"month"}]
    out = frame[sorted(cols)].sort_values("event_id").reset_index(drop=True)
    out["date"] = pd.to_datetime(out["date"])
    for c in ("sent", "start", "end", "quad_class", "penta_class"):
        out[c] = out[c].astype("int64")
    return out.astype({c: "object" for c in out.columns if out[c].dtype.kind in "OUT"})


def test_spark_events_identical_to_local(spark_run: tuple[Path, Any], local_store: Any) -> None:
    out, summary = spark_run
    local = _events(local_store.query("SELECT * FROM events"))
    distributed = _events(pd.read_parquet(out / "events"))
    assert len(local) > 50, "the sample must give a meaningful number of events"
    assert distributed["event_id"].tolist() == local["event_id"].tolist()
    pd.testing.assert_frame_equal(distributed, local, check_dtype=False)
    docs = local_store.query("SELECT count(*) AS n FROM documents")["n"].iloc[0]
    assert summary.documents == docs
    assert summary.events == len(local)


def test_documents_carry_provenance(spark_run: tuple[Path, Any], local_store: Any) -> None:
    out, _ = spark_run
    cols = ["doc_id", "url", "title", "published_date", "date_source", "site"]
    spark_docs = pd.read_parquet(out / "documents")[cols].sort_values("doc_id")
    local_docs = local_store.query(f"SELECT {', '.join(cols)} FROM documents ORDER BY doc_id")
    spark_docs["published_date"] = pd.to_datetime(spark_docs["published_date"])
    local_docs["published_date"] = pd.to_datetime(local_docs["published_date"])
    pd.testing.assert_frame_equal(
        spark_docs.reset_index(drop=True), local_docs.reset_index(drop=True), check_dtype=False
    )


def test_bad_rows_are_skipped_and_counted(spark_run: tuple[Path, Any]) -> None:
    out, summary = spark_run
    assert summary.rows == len(sample_rows()) + len(BAD_LINES)
    reasons = pd.read_parquet(out / "skipped")["reason"].tolist()
    assert sum(summary.skipped.values()) == len(reasons)
    assert sum("no text or html field" in r for r in reasons) == 2
    assert sum("invalid JSON" in r for r in reasons) == 1
    assert sum("not a JSON object" in r for r in reasons) == 1
    assert any("not English" in r for r in reasons)  # the French sample page
    assert json.loads((out / "summary.json").read_text())["skipped"] == dict(summary.skipped)


def test_dyad_month_on_spark_sql_equals_duckdb(
    spark_run: tuple[Path, Any], local_store: Any
) -> None:
    out, _ = spark_run
    key = ["actor", "recipient", "month"]

    def norm(frame: pd.DataFrame) -> pd.DataFrame:
        frame = frame.sort_values(key).reset_index(drop=True)
        frame["month"] = pd.to_datetime(frame["month"])
        for c in frame.columns:
            if c not in key and c != "mean_goldstein":
                frame[c] = frame[c].astype("int64")
        return frame[sorted(frame.columns)]

    spark_dm = norm(pd.read_parquet(out / "dyad_month"))
    local_dm = norm(local_store.query("SELECT * FROM dyad_month"))
    assert len(local_dm) > 5
    pd.testing.assert_frame_equal(spark_dm, local_dm, check_dtype=False)


def test_partner_month_sql_on_spark_equals_duckdb(
    spark_run: tuple[Path, Any], local_store: Any, spark: Any
) -> None:
    """The report's partner-month aggregate (measures/event_series.py) is portable SQL too: the
    same text with the same positional parameters on Spark SQL over Spark's dyad_month output
    and on DuckDB over the local store's, with and without a date bound."""
    from datetime import date

    from nonaligned.measures.event_series import PARTNER_MONTH_SQL, _date_clause

    out, _ = spark_run
    spark.read.parquet(str(out / "dyad_month")).createOrReplaceTempView("dyad_month")
    for since in (None, date(2022, 1, 1)):
        where, params = _date_clause("d.month", since, None)
        sql = PARTNER_MONTH_SQL.format(source="dyad_month", where=where)
        args = ["AZE", "AZE", "AZE", *params]
        # rows, not toPandas: pyspark's Arrow path warns under pandas 3 (warnings are errors)
        on_spark = pd.DataFrame([r.asDict() for r in spark.sql(sql, args=args).collect()])
        on_duckdb = local_store.query(sql, args)
        assert len(on_duckdb) > 3, since
        for frame in (on_spark, on_duckdb):
            frame["month"] = pd.to_datetime(frame["month"])
            for c in frame.columns:
                if c not in ("partner", "month", "mean_goldstein"):
                    frame[c] = frame[c].astype("int64")
        pd.testing.assert_frame_equal(
            on_spark.reset_index(drop=True), on_duckdb.reset_index(drop=True), check_dtype=False
        )


def test_load_events_round_trip(
    spark_run: tuple[Path, Any], local_store: Any, tmp_path: Path
) -> None:
    from nonaligned.cli import main
    from nonaligned.store import Store

    out, _ = spark_run
    db = tmp_path / "loaded.duckdb"
    assert main(["--db", str(db), "load-events", str(out)]) == 0
    assert main(["--db", str(db), "load-events", str(out)]) == 0  # idempotent
    with Store.open(db) as store:
        loaded = _events(store.query("SELECT * FROM events"))
        pd.testing.assert_frame_equal(
            loaded, _events(local_store.query("SELECT * FROM events")), check_dtype=False
        )
        for table in ("documents", "sentences", "mentions", "coded_documents", "dyad_month"):
            sql = f"SELECT count(*) AS n FROM {table}"
            assert store.query(sql)["n"].iloc[0] == local_store.query(sql)["n"].iloc[0], table
        # `nonaligned events` sees them, joined with their documents' provenance
        from nonaligned.engine.coding import query_events

        shown = query_events(store, status="all")
        assert len(shown) == len(loaded)
        assert shown["url"].notna().any()
        # nothing left to code: the local engine agrees they are coded by the current coder
        from nonaligned.engine.coding import code_store

        assert code_store(store).documents == 0


def test_cli_spark_engine(work: Path, spark: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from nonaligned.cli import main

    out = work / "cli-out"
    small = work / "small.parquet"  # Parquet input: same record mapping as JSON Lines
    pd.DataFrame(sample_rows()[-3:]).to_parquet(small)
    args = ["code", "--engine", "spark", "--input", str(small), "--output", str(out)]
    assert main([*args, "--master", "local[2]", "--partitions", "1"]) == 0
    assert "read 3 rows" in capsys.readouterr().out
    assert (out / "events").is_dir() and (out / "dyad_month").is_dir()
    shutil.rmtree(out)


def test_cli_spark_engine_needs_input_and_output(capsys: pytest.CaptureFixture[str]) -> None:
    from nonaligned.cli import main

    assert main(["code", "--engine", "spark", "--input", "x.jsonl"]) == 2
    assert "--input PATH and --output PATH" in capsys.readouterr().err
    assert main(["code", "--input", "x.jsonl"]) == 2


def test_ideal_point_bootstrap_on_spark_equals_the_local_one(spark: Any) -> None:
    """Issue 17: the bootstrap's replicates as Spark tasks give the local intervals exactly
    (the roll calls are drawn on the driver; each replicate's fit does not depend on where it
    runs), and another seed gives others."""
    from nonaligned.measures import idealpoints as ipm
    from tests.test_idealpoints import simulate

    design = ipm.prepare(simulate(seed=2).votes)
    point = ipm.fit(design)
    local = ipm.bootstrap(design, point, replicates=4, seed=3, workers=1)
    on_spark = ipm.bootstrap(design, point, replicates=4, seed=3, spark=spark)
    pd.testing.assert_frame_equal(local, on_spark, check_exact=True)
    other = ipm.bootstrap(design, point, replicates=4, seed=4, spark=spark)
    assert not local.equals(other)


def test_spark_master_without_bootstrap_is_refused_before_spark_starts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from nonaligned.cli import main

    assert main(["idealpoints", "--spark-master", "local[2]"]) != 0
    err = capsys.readouterr().err
    assert "--spark-master runs the bootstrap replicates on Spark: give --bootstrap N too" in err
    assert "Traceback" not in err
