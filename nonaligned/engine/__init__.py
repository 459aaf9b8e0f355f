"""The batch engine: from input files to stored, coded events.

:mod:`.ingest` reads inputs in batches (a pure per-batch function, the local process pool, the
transactional writer, skipped inputs); :mod:`.coding` codes stored documents into events with
checkpoints (documents already coded are skipped, so an interrupted run resumes) and reads them
back (``query_events``, the dyad-month aggregates); :mod:`.pipeline` is the pure page -> events
function both engines call; :mod:`.spark_job` runs the same function on Spark.
"""
