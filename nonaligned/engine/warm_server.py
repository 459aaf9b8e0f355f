"""Imported by the fork server of the worker pool (``nonaligned.engine.workers``), once, before
it forks any worker: loading the models here is what lets every worker start with them ready
and share their memory.

Why importing does work here: the fork server runs no code of ours except the imports it is
told to preload (``multiprocessing``'s ``set_forkserver_preload``); this module is that hook. It
reads what to load from ``NONALIGNED_WARM`` (set by the pool that starts the server) and does
nothing when imported anywhere else.
"""

from __future__ import annotations

import gc
import os

from .workers import WARM_ENV, warm

# A few words of our own, run once through each stage (see ``first_calls``).
_WARM_TEXT = (
    "Baku, 3 May 2024\n\nAzerbaijan and Russia signed a declaration in Moscow on Friday, "
    "the ministry said. President Ilham Aliyev met the Turkish delegation.\n"
)


def first_calls(*, annotate: bool, code: bool) -> None:
    """Run a short text through each stage once: a stage's first call pays for lazy imports
    and models (the language identifier, the extractor's modules, SciPy for the coder's
    model), about 1.9 s, which no worker forked from this server then pays again."""
    try:
        if annotate:
            from ..text.readers import RawDoc
            from .ingest import process_batch

            process_batch([RawDoc("warm", "warm.txt", None, "text", _WARM_TEXT, "utf-8")], True)
        if code:
            from ..text.events import annotated, code_batch

            code_batch([annotated(_WARM_TEXT)[0]])
    except Exception:  # a missing model is reported by the first batch that needs it
        pass


_wanted = os.environ.get(WARM_ENV, "").split(",")
if "annotate" in _wanted or "code" in _wanted:
    warm(annotate="annotate" in _wanted, code="code" in _wanted)
    first_calls(annotate="annotate" in _wanted, code="code" in _wanted)
    # Everything loaded so far lives as long as the server: out of the cyclic collector's
    # reach, so that a worker's collections do not walk (and, by touching object headers,
    # copy) the inherited heap page by page.
    gc.collect()
    gc.freeze()
