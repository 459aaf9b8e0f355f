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

_wanted = os.environ.get(WARM_ENV, "").split(",")
if "annotate" in _wanted or "code" in _wanted:
    warm(annotate="annotate" in _wanted, code="code" in _wanted)
    # Everything loaded so far lives as long as the server: out of the cyclic collector's
    # reach, so that a worker's collections do not walk (and, by touching object headers,
    # copy) the inherited heap page by page.
    gc.collect()
    gc.freeze()
