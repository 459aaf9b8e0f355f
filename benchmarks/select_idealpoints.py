#!/usr/bin/env python3
"""How the ideal-point model's settings were chosen: held-out vote likelihood over a small grid.

10% of the votes are left out at random; each setting is fitted on the rest and scored by the
mean log-likelihood of the held-out votes (higher is better). The published estimates play no
part in the choice; their correlation is printed only for information.

    .venv/bin/python benchmarks/select_idealpoints.py
"""

from __future__ import annotations

import itertools

import pandas as pd

from nonaligned.config import bundled_data_dir
from nonaligned.measures import idealpoints as ip


def main() -> None:
    data = bundled_data_dir()
    votes = pd.read_parquet(data / "votes.parquet")
    rollcalls = pd.read_parquet(data / "rollcalls.parquet")
    votes = votes.merge(rollcalls[["rcid", "year"]], on="rcid")
    design = ip.prepare(votes, ip.bridge_keys(rollcalls))
    published = pd.read_parquet(data / "idealpoints_published.parquet")
    print(
        f"{'omega2':>7} {'lambda':>7} {'sweeps':>7} {'held-out loglik/vote':>22} {'r (info only)':>14}"
    )
    for omega2, lam, sweeps in itertools.product((0.1, 0.2, 0.5), (1.0, 3.0), (30, 45, 150)):
        model = ip.Model(omega2=omega2, prior_precision=lam, max_iter=sweeps)
        score = ip.holdout_loglik(design, model)
        est = design.units.assign(idealpoint=ip.fit(design, model).x)
        r = ip.validate(est, published)[1]["pearson"]
        print(f"{omega2:7.2f} {lam:7.1f} {sweeps:7d} {score:22.5f} {r:14.4f}", flush=True)


if __name__ == "__main__":
    main()
