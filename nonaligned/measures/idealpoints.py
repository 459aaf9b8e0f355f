"""Dynamic one-dimensional ordinal ideal points from UN General Assembly votes.

The model is in the family of Bailey, Strezhnev & Voeten (2017): a state-year's position x_it on
one latent dimension explains its yes / abstain / no votes through an ordered probit,

    P(vote <= k) = Phi(tau_jk - beta_j * x_it),   k in {yes, abstain}, tau_j1 < tau_j2,

with one discrimination beta_j and two cut-points per roll call j, and positions linked over time
by a Gaussian random walk, x_it - x_i,t-1 ~ N(0, omega^2 * gap), plus a weak N(0, 1/lambda) prior
on every position that anchors the scale where voting is unanimous (a state that always votes with
its bloc would otherwise drift to infinity). Roll calls whose full description is identical across
sessions (recurring resolutions such as "prevention of an arms race in outer space") share their
item parameters: the bridges that make positions comparable over time (BSV's "matches").

Estimation is penalised maximum likelihood by alternating Newton steps, not MCMC:
- items: a Fisher-scoring step per roll call on (beta, tau_1, log(tau_2 - tau_1)), with the
  outer product of scores as curvature (BHHH) and weak priors, all roll calls at once;
- positions: one Newton step for all state-years at once; the random walk makes the system
  block-tridiagonal, solved as one banded system.
Each sweep costs a few passes over the ~1 million votes, so the whole 1946-2025 record takes
about two seconds (``idealpoints_fast`` arranges the passes; docs/ideal-points.md), where the
published model takes a night of MCMC. The published estimates are used only to validate
(`validate`), never as input.

Uncertainty: ``se`` is the Laplace (curvature) standard error of each position given the item
parameters. Like variational EM's, it is too small, because it ignores the uncertainty in the
items; ``bootstrap`` resamples roll calls within years and re-estimates (the replicates in a
process pool), which is the interval to report (``lo``/``hi``).

Orientation: the sign is fixed so that the United States' mean position is positive, as in the
published estimates (higher = closer to the US-led liberal order).

Why this module is long: it holds the whole estimator in one place, design, fit, bootstrap and
validation, plus the previous implementation of the sweeps (``_fit_reference``), kept beside the
fast one as the baseline ``benchmarks/bench_measures.py`` and the tests measure it against. The
fast sweeps themselves live in ``idealpoints_fast``.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy.special import ndtr
from scipy.stats import pearsonr, spearmanr

from ..errors import NonalignedError
from . import idealpoints_fast as _fast

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
USA = 2
# Version of the estimator's implementation, part of the store cache's fingerprint. "fast-1": the
# chunked sweeps of idealpoints_fast (issue 17); its positions differ from the reference
# implementation's by rounding grown over the early-stopped sweeps (max ~0.06, r > 0.9999).
ESTIMATOR = "fast-1"
_SQRT2PI = np.sqrt(2.0 * np.pi)
_FLOOR = 1e-10


@dataclass(frozen=True)
class Model:
    """Settings of the estimator.

    The defaults were chosen by the log-likelihood of 10% of the votes held out at random
    (``benchmarks/select_idealpoints.py`` prints the grid), never by agreement with the published
    estimates. Run to full convergence, the penalised likelihood overfits: positions of states
    that vote as a bloc run off to the extremes and held-out likelihood falls. Stopping after
    ``max_iter`` sweeps is therefore part of the estimator (early stopping is a regulariser, like
    a stronger prior), and ``Fit.converged`` is usually False by design.
    """

    omega2: float = 0.2  # random-walk variance per year
    prior_precision: float = 3.0  # lambda: N(0, 1/lambda) prior on every position
    bridge: bool = True  # share item parameters between identical recurring resolutions
    max_iter: int = 30  # sweeps in all, warm-up included
    tol: float = 1e-4  # stop earlier when no position moves more than this in a sweep
    warmup: int = 15  # sweeps with positions held constant within a state (static start)


@dataclass
class Design:
    """The votes as integer arrays: observation -> (unit = state-year, item, category)."""

    units: pd.DataFrame  # cow, year, n_votes; row i is unit i
    item_keys: npt.NDArray[np.object_]
    unit: IntArray
    item: IntArray
    y: npt.NDArray[np.int8]  # 0 yes, 1 abstain, 2 no
    rcid: IntArray
    same_state: npt.NDArray[np.bool_] = field(init=False)
    gap: FloatArray = field(init=False)

    def __post_init__(self) -> None:
        cow = self.units["cow"].to_numpy()
        yr = self.units["year"].to_numpy()
        self.same_state = np.r_[False, cow[1:] == cow[:-1]]
        self.gap = np.r_[1.0, np.diff(yr)].astype(np.float64)

    @property
    def n_units(self) -> int:
        return len(self.units)

    @property
    def n_items(self) -> int:
        return len(self.item_keys)


@dataclass
class Fit:
    x: FloatArray
    se: FloatArray
    beta: FloatArray
    tau1: FloatArray
    delta: FloatArray
    iterations: int
    converged: bool
    loglik: float
    seconds: float


def bridge_keys(rollcalls: pd.DataFrame) -> pd.Series:
    """Item key per roll call: its description when that text recurs verbatim across sessions.

    Only final votes count (no amendment or paragraph votes) and only descriptions long enough to
    be specific; everything else is its own item.
    """
    rc = rollcalls.set_index("rcid")
    key = pd.Series("r" + rc.index.astype(str), index=rc.index)
    if "descr" not in rc.columns:
        return key
    text = rc["descr"].astype("string").str.lower().str.replace(r"\W+", " ", regex=True).str.strip()
    final = (rc.get("amend", pd.Series(0, index=rc.index)).fillna(0) == 0) & (
        rc.get("para", pd.Series(0, index=rc.index)).fillna(0) == 0
    )
    ok = text.notna() & (text.str.len() > 20) & final
    sessions = rc.loc[ok].groupby(text[ok])["session"].nunique()
    recurring = set(sessions[sessions > 1].index)
    bridged = ok & text.isin(recurring)
    key[bridged] = "d:" + text[bridged].astype(str)
    return key


def prepare(votes: pd.DataFrame, keys: pd.Series | None = None) -> Design:
    """Votes (rcid, cow, vote, year) -> arrays. Only yes/abstain/no are modelled."""
    need = {"rcid", "cow", "vote", "year"}
    if missing := need - set(votes.columns):
        raise NonalignedError(f"votes lack column(s) {', '.join(sorted(missing))}")
    v = votes.loc[votes["vote"].isin([1, 2, 3]), ["rcid", "cow", "vote", "year"]]
    if v.empty:
        raise NonalignedError("no yes/abstain/no votes to estimate ideal points from")
    cow = v["cow"].to_numpy(np.int64)
    year = v["year"].to_numpy(np.int64)
    ukey, uidx = np.unique(cow * 10_000 + year, return_inverse=True)
    units = pd.DataFrame(
        {"cow": ukey // 10_000, "year": ukey % 10_000, "n_votes": np.bincount(uidx)}
    )
    rc = v["rcid"].to_numpy(np.int64)
    rc_ids, rc_idx = np.unique(rc, return_inverse=True)
    # one key per roll call (a few thousand strings), then integers per vote
    if keys is not None:
        per_rc = keys.reindex(rc_ids).to_numpy(dtype=object)
        per_rc = np.where(pd.isna(per_rc), np.char.add("r", rc_ids.astype(str)), per_rc)
    else:
        per_rc = np.char.add("r", rc_ids.astype(str))
    item_keys, rc_item = np.unique(per_rc.astype(str), return_inverse=True)
    return Design(
        units=units,
        item_keys=item_keys.astype(object),
        unit=uidx.astype(np.int64),
        item=rc_item[rc_idx].astype(np.int64),
        y=(v["vote"].to_numpy() - 1).astype(np.int8),
        rcid=rc.astype(np.int64),
    )


def _phi(z: FloatArray) -> FloatArray:
    return np.asarray(np.exp(-0.5 * z * z) / _SQRT2PI, dtype=np.float64)


class _Kernel:
    """Per-observation likelihood pieces, computed once per half-sweep."""

    def __init__(
        self,
        d: Design,
        x: FloatArray,
        beta: FloatArray,
        tau1: FloatArray,
        delta: FloatArray,
        w_obs: FloatArray | None,
    ) -> None:
        bj = beta[d.item]
        eta = bj * x[d.unit]
        t1 = tau1[d.item] - eta
        t2 = t1 + np.exp(delta)[d.item]
        F1, F2 = ndtr(t1), ndtr(t2)
        f1, f2 = _phi(t1), _phi(t2)
        y = d.y
        # bounds of the observed category in z = latent - eta
        cdf_lo = np.where(y == 0, 0.0, np.where(y == 1, F1, F2))
        cdf_hi = np.where(y == 0, F1, np.where(y == 1, F2, 1.0))
        pdf_lo = np.where(y == 0, 0.0, np.where(y == 1, f1, f2))
        pdf_hi = np.where(y == 0, f1, np.where(y == 1, f2, 0.0))
        p = np.maximum(cdf_hi - cdf_lo, _FLOOR)
        self.p = p
        self.g = (pdf_lo - pdf_hi) / p  # d log p / d eta
        self.dlo = -pdf_lo / p  # d log p / d (lower cut)
        self.dhi = pdf_hi / p  # d log p / d (upper cut)
        # expected information of eta (always >= 0)
        self.info = (
            f1**2 / np.maximum(F1, _FLOOR)
            + (f1 - f2) ** 2 / np.maximum(F2 - F1, _FLOOR)
            + f2**2 / np.maximum(1.0 - F2, _FLOOR)
        )
        self.bj = bj
        self.w = np.ones_like(p) if w_obs is None else w_obs
        self.loglik = float((self.w * np.log(p)).sum())


def _item_step(
    d: Design, k: _Kernel, x: FloatArray, beta: FloatArray, tau1: FloatArray, delta: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    J, y, w = d.n_items, d.y, k.w
    ed = np.exp(delta)[d.item]
    s_beta = k.g * x[d.unit]
    s_tau1 = np.where(y == 0, k.dhi, np.where(y == 1, k.dlo + k.dhi, k.dlo))
    s_delta = np.where(y == 1, k.dhi * ed, np.where(y == 2, k.dlo * ed, 0.0))
    scores = (s_beta, s_tau1, s_delta)
    grad = np.stack([np.bincount(d.item, w * s, J) for s in scores], 1)
    hess = np.empty((J, 3, 3))
    for a in range(3):
        for b in range(a, 3):
            v = np.bincount(d.item, w * scores[a] * scores[b], J)
            hess[:, a, b] = v
            hess[:, b, a] = v
    params = np.stack([beta, tau1, delta], 1)
    prior = np.array([1 / 4.0, 1 / 25.0, 1 / 4.0])
    center = np.array([0.0, float(np.median(tau1)), float(np.median(delta))])
    grad -= prior * (params - center)
    hess += np.diag(prior)
    step = np.clip(np.linalg.solve(hess, grad[:, :, None])[:, :, 0], -1.0, 1.0)
    new = params + step
    return new[:, 0], new[:, 1], new[:, 2]


def _position_step(
    d: Design, k: _Kernel, x: FloatArray, link: FloatArray, base: FloatArray
) -> tuple[FloatArray, FloatArray]:
    U = d.n_units
    grad = np.asarray(np.bincount(d.unit, k.w * k.g * k.bj, U), dtype=np.float64)
    curv = np.asarray(np.bincount(d.unit, k.w * k.info * k.bj**2, U), dtype=np.float64)
    return _fast._position_update(grad, curv, x, link, base)  # the same banded Newton step


def default_threads() -> int:
    """Threads for one estimation: the cores this process may run on (the chunks scale to ~2-4)."""
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 4))
    except AttributeError:  # not on Linux
        return max(1, min(os.cpu_count() or 1, 4))


def _start(d: Design, model: Model, init: Fit | None) -> tuple[FloatArray, ...]:
    """Starting values: standardised share of non-yes votes (or ``init``), neutral items."""
    if init is None:
        share = pd.Series(d.y.astype(np.float64)).groupby(d.unit).mean().to_numpy()
        x = (share - share.mean()) / (share.std() or 1.0)
        return x, np.ones(d.n_items), np.zeros(d.n_items), np.zeros(d.n_items)
    return init.x.copy(), init.beta.copy(), init.tau1.copy(), init.delta.copy()


def _oriented(d: Design, x: FloatArray) -> float:
    """+1 or -1: the sign that makes the United States' mean position positive."""
    usa = d.units["cow"].to_numpy() == USA
    return -1.0 if usa.any() and x[usa].mean() < 0 else 1.0


def fit(
    design: Design,
    model: Model = Model(),
    *,
    init: Fit | None = None,
    w_obs: FloatArray | None = None,
    iterations: int | None = None,
    threads: int | None = None,
    method: str = "fast",
) -> Fit:
    """Estimate positions and item parameters (warm-started from ``init`` when given).

    ``method="fast"`` (the default) runs the sweeps of ``idealpoints_fast`` on ``threads``
    threads (default: the cores available, up to 4); the result does not depend on the number of
    threads. ``method="reference"`` runs the previous implementation, kept as the benchmark's
    baseline: the same estimator, equal to rounding (~1e-9 on positions).
    """
    if method == "reference":
        return _fit_reference(design, model, init=init, w_obs=w_obs, iterations=iterations)
    if method != "fast":
        raise NonalignedError(f"ideal-point method is 'fast' or 'reference', not {method!r}")
    t0 = time.perf_counter()
    d = design
    x, beta, tau1, delta = _start(d, model, init)
    out = _fast.run(
        _fast.layout(d.unit, d.item, d.y, w_obs),
        n_units=d.n_units,
        n_items=d.n_items,
        x=x,
        beta=beta,
        tau1=tau1,
        delta=delta,
        link=np.where(d.same_state, 1.0 / (model.omega2 * d.gap), 0.0),
        rigid=np.where(d.same_state, 1.0 / (1e-4 * d.gap), 0.0),
        base=np.where(~d.same_state, 1.0, 0.0) + model.prior_precision,
        warm=model.warmup if init is None else 0,
        limit=iterations or model.max_iter,
        tol=model.tol,
        threads=default_threads() if threads is None else max(1, threads),
    )
    sign = _oriented(d, out.x)
    return Fit(
        x=sign * out.x,
        se=1.0 / np.sqrt(out.curv),
        beta=sign * out.beta,
        tau1=out.tau1,
        delta=out.delta,
        iterations=out.iterations,
        converged=out.converged,
        loglik=out.loglik,
        seconds=time.perf_counter() - t0,
    )


def _fit_reference(
    design: Design,
    model: Model = Model(),
    *,
    init: Fit | None = None,
    w_obs: FloatArray | None = None,
    iterations: int | None = None,
) -> Fit:
    """The previous implementation of ``fit``, kept as the baseline it is measured against.

    Same model and updates; one pass of NumPy over all votes per quantity, sums by
    ``np.bincount``. ``benchmarks/bench_measures.py`` times it against ``fit``.
    """
    t0 = time.perf_counter()
    d = design
    link = np.where(d.same_state, 1.0 / (model.omega2 * d.gap), 0.0)
    rigid = np.where(d.same_state, 1.0 / (1e-4 * d.gap), 0.0)
    base = np.where(~d.same_state, 1.0, 0.0) + model.prior_precision
    if init is None:
        share = pd.Series(d.y.astype(np.float64)).groupby(d.unit).mean().to_numpy()
        x = (share - share.mean()) / (share.std() or 1.0)
        beta = np.ones(d.n_items)
        tau1 = np.zeros(d.n_items)
        delta = np.zeros(d.n_items)
        warm = model.warmup
    else:
        x, beta, tau1, delta = init.x.copy(), init.beta.copy(), init.tau1.copy(), init.delta.copy()
        warm = 0
    limit = iterations or model.max_iter
    converged = False
    curv = np.ones(d.n_units)
    k = _Kernel(d, x, beta, tau1, delta, w_obs)
    it = 0
    for it in range(1, limit + 1):
        beta, tau1, delta = _item_step(d, k, x, beta, tau1, delta)
        k = _Kernel(d, x, beta, tau1, delta, w_obs)
        new_x, curv = _position_step(d, k, x, rigid if it <= warm else link, base)
        moved = float(np.max(np.abs(new_x - x)))
        x = new_x
        k = _Kernel(d, x, beta, tau1, delta, w_obs)
        if it > warm and moved < model.tol:
            converged = True
            break
    sign = 1.0
    usa = d.units["cow"].to_numpy() == USA
    if usa.any() and x[usa].mean() < 0:
        sign = -1.0
    return Fit(
        x=sign * x,
        se=1.0 / np.sqrt(curv),
        beta=sign * beta,
        tau1=tau1,
        delta=delta,
        iterations=it,
        converged=converged,
        loglik=k.loglik,
        seconds=time.perf_counter() - t0,
    )


def resample_counts(design: Design, replicates: int, seed: int) -> list[IntArray]:
    """Per replicate, how often each roll call (``np.unique(design.rcid)`` order) is drawn.

    Roll calls are drawn with replacement within their calendar year. The draws come from one
    generator in replicate order, in the parent process, so they do not depend on how the
    replicates are later spread over workers (and are the draws the serial version made).
    """
    rng = np.random.default_rng(seed)
    rc_year = pd.DataFrame(
        {"rcid": design.rcid, "year": design.units["year"].to_numpy()[design.unit]}
    ).drop_duplicates("rcid")
    rc_ids = np.unique(design.rcid)
    years = [grp["rcid"].to_numpy() for _, grp in rc_year.groupby("year")]
    out = []
    for _ in range(replicates):
        picks = [rng.choice(ids, size=len(ids), replace=True) for ids in years]
        drawn = np.searchsorted(rc_ids, np.concatenate(picks))
        out.append(np.bincount(drawn, minlength=len(rc_ids)).astype(np.int64))
    return out


# The design and settings a bootstrap worker process fits replicates of (set once per worker).
_WORKER: dict[str, object] = {}


def _boot_init(design: Design, model: Model, method: str) -> None:
    """Worker start-up: keep the design, and keep BLAS to one thread (the processes are the
    parallelism; a BLAS pool per process would only compete for the same cores)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    _WORKER.update(design=design, model=model, method=method, rc_idx=_rc_index(design))


def _boot_one(counts: IntArray) -> FloatArray:
    """One replicate in a worker: the whole estimator, one thread, on the drawn roll calls."""
    design, model, method = _WORKER["design"], _WORKER["model"], _WORKER["method"]
    rc_idx = _WORKER["rc_idx"]
    assert isinstance(design, Design) and isinstance(model, Model) and isinstance(method, str)
    assert isinstance(rc_idx, np.ndarray)
    return _replicate(design, model, counts, rc_idx, threads=1, method=method)


def _spark_replicates(
    spark: Any, design: Design, model: Model, method: str, counts: list[IntArray]
) -> list[FloatArray]:
    """The replicates as Spark tasks, one each, in replicate order (``collect`` keeps the
    order of ``parallelize``). The design and its roll-call index go to each executor once, as
    the local pool's initializer hands them to each worker once."""
    sc = spark.sparkContext
    shared = sc.broadcast((design, model, method, _rc_index(design)))
    try:
        tasks = sc.parallelize(counts, max(1, len(counts)))
        return list(tasks.map(lambda c: _spark_one(shared.value, c)).collect())
    finally:
        shared.unpersist()


def _spark_one(shared: tuple[Design, Model, str, IntArray], counts: IntArray) -> FloatArray:
    """One replicate in a Spark task: the whole estimator, one BLAS thread (Spark runs one task
    per core, so the tasks are the parallelism, as the processes are locally)."""
    from threadpoolctl import threadpool_limits

    design, model, method, rc_idx = shared
    with threadpool_limits(1):
        return _replicate(design, model, counts, rc_idx, threads=1, method=method)


def _rc_index(design: Design) -> IntArray:
    """Each vote's roll call as a position in ``np.unique(design.rcid)``."""
    return np.searchsorted(np.unique(design.rcid), design.rcid).astype(np.int64)


def _replicate(
    design: Design,
    model: Model,
    counts: IntArray,
    rc_idx: IntArray,
    *,
    threads: int | None,
    method: str,
) -> FloatArray:
    """One replicate's positions: each vote weighted by how often its roll call was drawn."""
    w = counts[rc_idx].astype(np.float64)
    return fit(design, model, w_obs=w, threads=threads, method=method).x


def _pool_context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe and quiet: workers start at once, sharing the design's memory
    instead of importing the package and unpickling ~25 MB each. From Python 3.12 forking a
    process with threads (DuckDB's) warns that the child may deadlock, so there the workers come
    from a fork server (started without threads), or are spawned where neither exists."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.version_info < (3, 12):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def bootstrap(
    design: Design,
    point: Fit,
    model: Model = Model(),
    *,
    replicates: int = 20,
    seed: int = 0,
    level: float = 0.95,
    workers: int | None = None,
    method: str = "fast",
    spark: Any | None = None,
) -> pd.DataFrame:
    """Intervals by resampling roll calls within years and re-running the whole estimator.

    Why within years: a year's roll calls are what identifies that year's positions; resampling
    across years would move information between them. Why from scratch rather than warm-started
    from ``point``: the estimator is stopped early on purpose, so a replicate that continued from
    the point estimate would run more sweeps than the point did and drift toward the extremes;
    each replicate must be the same procedure on resampled data. Replicates are mapped onto the
    point estimate's location, scale and orientation before the percentiles are taken.

    Replicates run in ``workers`` processes (default: the cores available; 1 runs them here, one
    after another). The roll calls are drawn beforehand in this process and each fit's result
    does not depend on its threads, so the same ``seed`` gives the same intervals however many
    workers there are.

    With ``spark`` (a SparkSession: ``local[N]`` or a cluster), each replicate is one Spark task
    instead, the design sent once to every executor as a broadcast: the intervals are the same
    as the local ones for the same ``seed`` (the draws are made here either way).
    """
    counts = resample_counts(design, replicates, seed)
    n_workers = min(replicates, default_threads() if workers is None else max(1, workers))
    reps: list[FloatArray]
    if spark is not None:
        reps = _spark_replicates(spark, design, model, method, counts)
    elif n_workers <= 1:
        rc_idx = _rc_index(design)
        reps = [_replicate(design, model, c, rc_idx, threads=None, method=method) for c in counts]
    else:
        with ProcessPoolExecutor(
            n_workers,
            mp_context=_pool_context(),
            initializer=_boot_init,
            initargs=(design, model, method),
        ) as pool:
            reps = list(pool.map(_boot_one, counts))
    draws = np.empty((replicates, design.n_units))
    for b, x in enumerate(reps):
        # The latent scale's origin and unit are fixed only by priors, so each replicate lands
        # with its own location and spread; that is not uncertainty about where states stand
        # relative to each other. Map each replicate onto the point estimate's scale (least
        # squares a + b*x, the sign included) before taking percentiles.
        slope, intercept = np.polyfit(x, point.x, 1)
        draws[b] = intercept + slope * x
    a = (1 - level) / 2
    return pd.DataFrame(
        {
            "lo": np.quantile(draws, a, axis=0),
            "hi": np.quantile(draws, 1 - a, axis=0),
            "boot_sd": draws.std(axis=0),
        }
    )


def estimate(
    votes: pd.DataFrame,
    rollcalls: pd.DataFrame | None = None,
    model: Model = Model(),
    *,
    replicates: int = 0,
    seed: int = 0,
    workers: int | None = None,
    spark: Any | None = None,
) -> tuple[pd.DataFrame, Fit]:
    """Ideal points per state-year: cow, year, idealpoint, se, lo, hi, n_votes.

    ``lo``/``hi`` are bootstrap percentiles when ``replicates`` > 0 (run in ``workers``
    processes, default one per core, or as tasks of the SparkSession ``spark``), else +-1.96
    Laplace standard errors (labelled in ``interval``).
    """
    keys = bridge_keys(rollcalls) if (rollcalls is not None and model.bridge) else None
    design = prepare(votes, keys)
    point = fit(design, model)
    out = design.units.copy()
    out["idealpoint"] = point.x
    out["se"] = point.se
    if replicates > 0:
        boot = bootstrap(
            design, point, model, replicates=replicates, seed=seed, workers=workers, spark=spark
        )
        out["lo"], out["hi"] = boot["lo"].to_numpy(), boot["hi"].to_numpy()
        out["interval"] = f"bootstrap-{replicates}"
    else:
        out["lo"] = point.x - 1.96 * point.se
        out["hi"] = point.x + 1.96 * point.se
        out["interval"] = "laplace"
    return out[["cow", "year", "idealpoint", "se", "lo", "hi", "n_votes", "interval"]], point


def holdout_loglik(design: Design, model: Model, *, fraction: float = 0.1, seed: int = 1) -> float:
    """Mean log-likelihood per vote of a random ``fraction`` of votes left out of the fit."""
    rng = np.random.default_rng(seed)
    hold = rng.random(len(design.y)) < fraction
    f = fit(design, model, w_obs=(~hold).astype(np.float64))
    k = _Kernel(design, f.x, f.beta, f.tau1, f.delta, None)  # sign flips cancel in beta * x
    return float(np.log(k.p[hold]).mean())


def validate(
    estimates: pd.DataFrame, published: pd.DataFrame, column: str = "idealpoint_fp"
) -> tuple[pd.DataFrame, dict[str, float]]:
    """Correlation of our positions with the published ones, per year and overall."""
    m = estimates.merge(published[["cow", "year", column]], on=["cow", "year"]).dropna(
        subset=["idealpoint", column]
    )
    if len(m) < 3:
        raise NonalignedError(
            "too few state-years in common with the published estimates to validate"
        )
    rows = []
    for year, g in m.groupby("year"):
        if len(g) >= 3:
            rows.append(
                {
                    "year": int(str(year)),
                    "n": len(g),
                    "pearson": float(pearsonr(g["idealpoint"], g[column])[0]),
                    "spearman": float(spearmanr(g["idealpoint"], g[column])[0]),
                }
            )
    per_year = pd.DataFrame(rows)
    overall = {
        "n": float(len(m)),
        "pearson": float(pearsonr(m["idealpoint"], m[column])[0]),
        "spearman": float(spearmanr(m["idealpoint"], m[column])[0]),
        "pearson_per_year_mean": float(per_year["pearson"].mean()),
        "pearson_per_year_min": float(per_year["pearson"].min()),
    }
    return per_year, overall
