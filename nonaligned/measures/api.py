"""The measures layer: what the CLI, the report and the web ask for, computed from the store.

Ideal points take seconds to estimate, so they are cached in the store together with the
fingerprint of the records and of the model settings that produced them; any change to either
makes them stale and they are estimated again. A read-only store (the web dashboard) computes them
in memory instead of writing.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

import pandas as pd

from ..errors import NonalignedError
from ..records.api import Records
from ..records.countries import State
from . import alignment, idealpoints, similarity

# Estimates by fingerprint (records + model + replicates), shared by every Measures in the
# process: a read-only store (the web dashboard) cannot cache them on disk, and estimating once
# per request would cost seconds each time.
_IP_CACHE: dict[str, pd.DataFrame] = {}


class Measures:
    """Similarity, ideal points, lean and balance over one store's records."""

    def __init__(self, rec: Records, model: idealpoints.Model | None = None) -> None:
        self.rec = rec
        self.store = rec.store
        self.model = model or idealpoints.Model()
        self._ip: pd.DataFrame | None = None
        self._votes: dict[tuple[Any, ...], pd.DataFrame] = {}

    # -- ideal points --------------------------------------------------------------------------
    def _ip_fingerprint(self, replicates: int) -> str:
        # The estimator's version sits inside "model" because ``_cached_any`` compares only the
        # records and the model: estimates from an older implementation must not be served.
        return json.dumps(
            {
                "records": self.store.meta("records_fingerprint"),
                "updates": self.store.meta("votes_updates"),
                "model": {**asdict(self.model), "estimator": idealpoints.ESTIMATOR},
                "replicates": replicates,
            },
            sort_keys=True,
        )

    def idealpoints(
        self, *, refresh: bool = False, replicates: int = 0, spark: Any | None = None
    ) -> pd.DataFrame:
        """Estimated ideal points per state-year (cached in the store); with ``spark`` (a
        SparkSession) the bootstrap replicates run as Spark tasks."""
        fp = self._ip_fingerprint(replicates)
        if not refresh and self._ip is not None:
            return self._ip
        if not refresh and fp in _IP_CACHE:
            self._ip = _IP_CACHE[fp]
            return self._ip
        if (
            not refresh
            and self.store.has_table("idealpoints")
            and (
                self.store.meta("idealpoints_fingerprint") == fp
                or (replicates == 0 and self._cached_any())
            )
        ):
            self._ip = self.store.query("SELECT * FROM idealpoints ORDER BY cow, year")
            return self._ip
        votes = self.store.query(
            "SELECT v.rcid, v.cow, v.vote, r.year FROM votes v JOIN rollcalls r USING (rcid)"
            " WHERE v.vote IN (1, 2, 3)"
        )
        rollcalls = self.store.query("SELECT rcid, session, descr, amend, para FROM rollcalls")
        est, _ = idealpoints.estimate(
            votes, rollcalls, self.model, replicates=replicates, spark=spark
        )
        if not self.store.read_only:
            with self.store.transaction() as con:
                con.execute("DELETE FROM idealpoints")
                con.register("_ip", est)
                con.execute(
                    'INSERT INTO idealpoints SELECT cow, year, idealpoint, se, lo, hi, n_votes, "interval" FROM _ip'
                )
                con.unregister("_ip")
                con.execute(
                    "INSERT OR REPLACE INTO meta VALUES ('idealpoints_fingerprint', ?)", [fp]
                )
        self._ip = _IP_CACHE[fp] = est
        return est

    def _cached_any(self) -> bool:
        """A bootstrap run's cache also serves requests for point estimates."""
        raw = self.store.meta("idealpoints_fingerprint")
        if not raw:
            return False
        try:
            cached = json.loads(raw)
        except json.JSONDecodeError:
            return False
        want = json.loads(self._ip_fingerprint(0))
        return bool(
            cached.get("records") == want["records"] and cached.get("model") == want["model"]
        )

    def validation(self, column: str = "idealpoint_fp") -> tuple[pd.DataFrame, dict[str, float]]:
        """Our ideal points against the published Bailey-Strezhnev-Voeten estimates."""
        return idealpoints.validate(self.idealpoints(), self.rec.idealpoints_published(), column)

    # -- similarity ----------------------------------------------------------------------------
    def similarity(
        self,
        a: str | int | State,
        b: str | int | State,
        *,
        by: str = "year",
        issue: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        metric: str = "absolute",
        absent: str = "exclude",
    ) -> pd.DataFrame:
        """Similarity of two states per year or session: n, agree, s, kappa, pi."""
        if by not in ("year", "session"):
            raise NonalignedError(f"similarity is by 'year' or 'session', not {by!r}")
        sa = a if isinstance(a, State) else self.rec.country(a)
        sb = b if isinstance(b, State) else self.rec.country(b)
        if sa.cow == sb.cow:
            raise NonalignedError(f"{sa.name} compared with itself: name two different states")
        where, params = self.rec._rollcall_filter(since, until, issue, None)
        votes = self.store.query(
            f"""SELECT v.rcid, v.cow, v.vote, r.{by} FROM votes v JOIN rollcalls r USING (rcid)
                WHERE {where} AND v.cow IN (?, ?) AND v.vote IN (1, 2, 3, 8)""",
            [*params, sa.cow, sb.cow],
        )
        out = similarity.all_dyads(votes, by, metric=metric, absent=absent)
        if out.empty:
            raise NonalignedError(
                f"{sa.name} and {sb.name} have no roll call in common where both voted"
                + (f" on issue {issue!r}" if issue else "")
                + " in the period asked"
            )
        return out.drop(columns=["cow_a", "cow_b"]).reset_index(drop=True)

    def dyads(
        self, by: str = "year", *, issue: str | None = None, metric: str = "absolute"
    ) -> pd.DataFrame:
        """Every dyad in every year (or session): the all-pairs table."""
        where, params = self.rec._rollcall_filter(None, None, issue, None)
        votes = self.store.query(
            f"""SELECT v.rcid, v.cow, v.vote, r.{by} FROM votes v JOIN rollcalls r USING (rcid)
                WHERE {where} AND v.vote IN (1, 2, 3, 8)""",
            params,
        )
        return similarity.all_dyads(votes, by, metric=metric)

    # -- lean and balance ----------------------------------------------------------------------
    def alignment(self, country: str | int | State, **kw: Any) -> alignment.Alignment:
        """Lean toward each pole, balance with intervals, yearly series and shifts."""
        from ..dates import parse_date

        key = (
            parse_date(kw.get("since"), what="--since date"),
            parse_date(kw.get("until"), end=True, what="--until date"),
            kw.get("issue"),
        )
        if key not in self._votes:  # a profile with peers measures several states on one period
            self._votes = {key: alignment.period_votes(self.rec, *key)}
        return alignment.measure(
            self.rec, country, idealpoints=self.idealpoints(), votes=self._votes[key], **kw
        )
