"""The fast ideal-point sweeps and the parallel bootstrap: same estimator, same results.

Why these checks and no timings: speed is measured by ``benchmarks/bench_measures.py``; what a
test can pin is behaviour. The fast path must be the reference estimator (same positions up to
rounding), its result must not depend on the number of threads (fixed chunks, partial sums added
in a fixed order), zero-weight votes must be the same as absent ones, and a bootstrap must give
identical intervals for one seed whether its replicates run in this process or in a pool.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest
from scipy.stats import pearsonr

from nonaligned.errors import NonalignedError
from nonaligned.measures import idealpoints as ipm
from nonaligned.measures import idealpoints_fast as fast
from tests.test_idealpoints import simulate


@functools.cache
def design(seed: int = 1) -> ipm.Design:
    return ipm.prepare(simulate(seed=seed).votes)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 997 votes: the simulation's ~18,000 votes then span many chunks per category,
    as the real record does (otherwise each category would be one chunk and threads idle)."""
    monkeypatch.setattr(fast, "CHUNK", 997)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_fast_fit_is_the_reference_estimator(seed: int) -> None:
    d = design(seed)
    ref = ipm.fit(d, method="reference")
    new = ipm.fit(d)
    assert new.iterations == ref.iterations and new.converged == ref.converged
    assert pearsonr(new.x, ref.x)[0] > 0.9999
    np.testing.assert_allclose(new.x, ref.x, atol=1e-3)
    np.testing.assert_allclose(new.se, ref.se, rtol=1e-3)
    assert new.loglik == pytest.approx(ref.loglik, rel=1e-6)


def test_one_thread_and_several_give_identical_fits(small_chunks: None) -> None:
    d = design()
    one = ipm.fit(d, threads=1)
    for threads in (2, 3):
        many = ipm.fit(d, threads=threads)
        for name in ("x", "se", "beta", "tau1", "delta"):
            np.testing.assert_array_equal(getattr(one, name), getattr(many, name), err_msg=name)
        assert one.loglik == many.loglik


def test_layout_chunks_hold_each_vote_once_by_category_then_item(small_chunks: None) -> None:
    d = design()
    w = np.where(np.arange(len(d.y)) % 5 == 0, 0.0, 1.0 + (np.arange(len(d.y)) % 3))
    chunks = fast.layout(d.unit, d.item, d.y, w)
    assert len(chunks) > 3
    assert all(len(c.unit) <= 997 for c in chunks)
    cats = [c.cat for c in chunks]
    assert cats == sorted(cats)
    for c in chunks:
        assert (np.diff(c.item) >= 0).all()
        assert np.array_equal(c.items, np.unique(c.item))
    # every vote with a weight is in one chunk, zero-weight votes in none
    kept = sum(len(c.unit) for c in chunks)
    assert kept == int((w != 0).sum())
    assert sum(float(c.w.sum()) for c in chunks if c.w is not None) == pytest.approx(w.sum())


def test_weighted_fit_with_zero_weights_is_the_reference_estimator() -> None:
    """Zero-weight votes are left out of the layout; the reference keeps them with weight 0
    (they add exactly nothing there), so both must agree, duplicates (weight 2, 3) included."""
    d = design(2)
    i = np.arange(len(d.y))
    w = np.where(i % 7 == 0, 0.0, 1.0 + (i % 3 == 0))
    new = ipm.fit(d, w_obs=w)
    ref = ipm.fit(d, w_obs=w, method="reference")
    np.testing.assert_allclose(new.x, ref.x, atol=1e-3)
    assert new.loglik == pytest.approx(ref.loglik, rel=1e-6)


def test_unknown_method_is_refused() -> None:
    with pytest.raises(NonalignedError, match="'fast' or 'reference'"):
        ipm.fit(design(), method="mcmc")


def test_resampled_counts_keep_each_years_number_of_roll_calls() -> None:
    d = design()
    counts = ipm.resample_counts(d, 3, seed=5)
    rc_ids = np.unique(d.rcid)
    year_of = (
        pd.DataFrame({"rcid": d.rcid, "year": d.units["year"].to_numpy()[d.unit]})
        .drop_duplicates("rcid")
        .set_index("rcid")["year"]
        .reindex(rc_ids)
        .to_numpy()
    )
    for c in counts:
        assert c.shape == rc_ids.shape and (c >= 0).all()
        drawn = pd.Series(c).groupby(year_of).sum()
        assert drawn.to_dict() == pd.Series(year_of).value_counts().sort_index().to_dict()
    assert not np.array_equal(counts[0], counts[1])
    again = ipm.resample_counts(d, 3, seed=5)
    assert all(np.array_equal(a, b) for a, b in zip(counts, again, strict=True))


def test_bootstrap_same_seed_same_intervals_serial_or_parallel() -> None:
    d = design()
    point = ipm.fit(d)
    serial = ipm.bootstrap(d, point, replicates=4, seed=3, workers=1)
    parallel = ipm.bootstrap(d, point, replicates=4, seed=3, workers=2)
    pd.testing.assert_frame_equal(serial, parallel, check_exact=True)
    assert len(serial) == d.n_units
    assert list(serial.columns) == ["lo", "hi", "boot_sd"]
    other = ipm.bootstrap(d, point, replicates=4, seed=4, workers=2)
    assert not serial.equals(other)
