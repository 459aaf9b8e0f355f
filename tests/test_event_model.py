"""The learned event models: features, fitting, weights on disk, and the rules+model combination.

The models here are trained in the test on a few sentences written for it (fixtures built by
code), so the tests exercise the real fitting and prediction code without the shipped weights.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from nonaligned.text.events import model as em

ACTORS = [("Azerbaijan", "AZE"), ("Russia", "RUS"), ("Turkey", "TUR"), ("Armenia", "ARM"),
          ("Georgia", "GEO"), ("France", "FRA"), ("Iran", "IRN")]  # fmt: skip
FAMILIES = [
    ("{a} accused {b} of violating the ceasefire.", "112", False),
    ("{a} signed a trade agreement with {b}.", "057", False),
    ("{b} was shelled by {a} overnight.", "190", True),
    ("{a} hosted a delegation from {b}.", "043", False),
    ("Shares in {a} fell sharply on Friday.", "none", False),
]


def toy(n: int = 200, seed: int = 0) -> list[dict[str, object]]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        t, code, _ = rnd.choice(FAMILIES)
        (an, _ac), (bn, _bc) = rnd.sample(ACTORS, 2)
        text = t.format(a=an, b=bn)
        spans = [(text.index(an), text.index(an) + len(an))]
        if "{b}" in t:
            spans.append((text.index(bn), text.index(bn) + len(bn)))
        spans.sort()
        roles = []
        for s in spans:
            name = text[s[0] : s[1]]
            roles.append("other" if code == "none" else ("source" if name == an else "target"))
        out.append({"text": text, "spans": spans, "type": code, "roles": roles})
    return out


def train(rows: list[dict[str, object]]) -> em.EventModel:
    types = em.fit([em.type_features(r["text"], r["spans"]) for r in rows],  # type: ignore[arg-type]
                   [str(r["type"]) for r in rows])  # fmt: skip
    rf, ry = [], []
    for r in rows:
        for k, role in enumerate(r["roles"]):  # type: ignore[arg-type]
            rf.append(em.role_features(r["text"], r["spans"], k))  # type: ignore[arg-type]
            ry.append(role)
    return em.EventModel(types, em.fit(rf, ry), {"version": "model-test"})


@pytest.fixture(scope="module")
def model() -> em.EventModel:
    return train(toy())


def test_tokens_split_possessives_and_negations() -> None:
    toks = [t for t, _, _ in em.words("Russia's army didn't attack; it won't.")]
    assert toks == ["russia", "'s", "army", "did", "n't", "attack", ";", "it", "wo", "n't", "."]


def test_mentions_are_masked_so_names_are_not_evidence() -> None:
    t = "Azerbaijan was attacked by Armenia on Monday."
    assert em.masked(t, [(0, 10), (27, 34)]) == [
        "ACTOR", "was", "attacked", "by", "ACTOR", "on", "monday", ".",
    ]  # fmt: skip
    f = em.role_features(t, [(0, 10), (27, 34)], 1)
    assert "passive_by=True" in f and "prep=by" in f
    assert not any("azerbaijan" in x or "armenia" in x for x in f)


def test_fit_learns_types_and_roles_including_the_passive(model: em.EventModel) -> None:
    text = "Iran was shelled by Turkey overnight."
    spans = [(0, 4), (20, 26)]
    p = model.sentence_types([(text, spans)])[0]
    assert model.types.labels[int(np.argmax(p))] == "190"
    roles = model.mention_roles(text, spans)
    assert [model.roles.labels[int(i)] for i in roles.argmax(1)] == ["target", "source"]
    neg = model.sentence_types([("Shares in France fell sharply on Friday.", [(10, 16)])])[0]
    assert model.types.labels[int(np.argmax(neg))] == "none"


def test_fit_is_deterministic() -> None:
    a, b = train(toy(80, seed=3)), train(toy(80, seed=3))
    assert np.array_equal(a.types.weights, b.types.weights)
    assert np.array_equal(a.roles.weights, b.roles.weights)


def test_weights_round_trip_and_a_damaged_file_is_refused(
    model: em.EventModel, tmp_path: Path
) -> None:
    path = tmp_path / "m.npz"
    sha = em.save(model, path)
    back = em.load(path, sha)
    text, spans = "Georgia accused Armenia of violating the ceasefire.", [(0, 7), (16, 23)]
    assert np.allclose(
        back.sentence_types([(text, spans)]), model.sentence_types([(text, spans)]), atol=1e-5
    )
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(em.DamagedModel, match="not the released event-model weights"):
        em.load(path, sha)
    with pytest.raises(em.DamagedModel, match="not found"):
        em.load(tmp_path / "missing.npz", sha)
