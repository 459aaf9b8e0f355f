-- Dyad-month aggregates of asserted events: counts by quad class and mean Goldstein intensity.
-- Portable SQL: runs unchanged on DuckDB and on Spark SQL (no FILTER clauses, no DuckDB-only
-- functions), so the local store and a cluster compute the same table from the same `events`.
SELECT
    actor,
    recipient,
    CAST(date_trunc('month', date) AS DATE) AS month,
    COUNT(*) AS events,
    COUNT(DISTINCT doc_id) AS documents,
    SUM(CASE WHEN quad_class = 1 THEN 1 ELSE 0 END) AS verbal_cooperation,
    SUM(CASE WHEN quad_class = 2 THEN 1 ELSE 0 END) AS material_cooperation,
    SUM(CASE WHEN quad_class = 3 THEN 1 ELSE 0 END) AS verbal_conflict,
    SUM(CASE WHEN quad_class = 4 THEN 1 ELSE 0 END) AS material_conflict,
    AVG(goldstein) AS mean_goldstein
FROM events
WHERE status = 'asserted'
  AND actor IS NOT NULL
  AND recipient IS NOT NULL
  AND actor <> recipient
  AND date IS NOT NULL
GROUP BY actor, recipient, CAST(date_trunc('month', date) AS DATE)
