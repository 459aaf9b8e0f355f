"""What every request shares: the store, the result cache and the bound on heavy work.

Why these choices:

* **read-only store**: the dashboard only reads; opening the file read-only means a bug in a page
  cannot damage a user's corpus, and a ``nonaligned build`` elsewhere is refused by DuckDB's lock
  rather than corrupting what is served;
* **one cursor per worker thread**: FastAPI runs plain (sync) endpoints in a thread pool, and a
  DuckDB connection must not be used by two threads at once. ``con.cursor()`` gives each thread
  its own connection to the same database, so requests run in parallel without a global lock;
* **a result cache**: the store cannot change under a read-only server, so a profile or report
  computed once (seconds) is valid until the process ends (DuckDB's lock keeps writers out while
  it is open); an LRU bound on entries and on bytes and a TTL keep memory in check, and a per-key
  lock makes fifty simultaneous first requests compute once, not fifty times;
* **heavy work bounded** (:class:`HeavyLimiter`): profiles, reports and comparisons run in a pool
  of their own with a few threads, at most a few more wait, and a request that waits too long
  answers 503 with ``Retry-After``. Cheap endpoints (countries, events, documents, static files,
  cache hits) never enter that pool, so fifty uncached profiles cannot stall them, and the
  memory of the work in flight is that of ``slots`` computations, not fifty;
* **errors as JSON**: every user mistake (unknown country, malformed date, out-of-range value) is
  a 4xx with ``{"detail": "<message>"}`` — the same message the CLI prints — never a 500.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import os
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request

from ..errors import NonalignedError, StoreError
from ..records.api import Records
from ..records.countries import StateTable, load_states
from ..store import Store

log = logging.getLogger("nonaligned.web")


T = TypeVar("T")


def _approx_size(value: Any) -> int:
    """Bytes a cached value holds: exact for the JSON bodies (the big entries), nominal otherwise."""
    if isinstance(value, bytes | bytearray | str):
        return len(value)
    return sys.getsizeof(value) + 1024


class ResultCache:
    """A thread-safe LRU cache with a time-to-live and one computation per key at a time.

    Bounded twice: at most ``size`` entries and at most ``max_bytes`` of values (the large
    entries are serialised JSON bodies, measured exactly). ``size=0`` disables caching (the
    benchmark's baseline): every call computes.
    """

    def __init__(
        self, size: int = 256, ttl: float | None = 3600.0, max_bytes: int = 128 * 2**20
    ) -> None:
        self.size = size
        self.ttl = ttl
        self.max_bytes = max_bytes
        self.bytes = 0
        self._data: OrderedDict[Hashable, tuple[float, Any, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def lookup(self, key: Hashable) -> tuple[bool, Any]:
        """(True, value) on a hit, (False, None) otherwise; never computes, never blocks long."""
        if self.size <= 0:
            return False, None
        return self._lookup(key)

    def _lookup(self, key: Hashable) -> tuple[bool, Any]:
        with self._lock:
            item = self._data.get(key)
            if item is None:
                return False, None
            stamp, value, nbytes = item
            if self.ttl is not None and time.monotonic() - stamp > self.ttl:
                del self._data[key]
                self.bytes -= nbytes
                return False, None
            self._data.move_to_end(key)
            self.hits += 1
            return True, value

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for ``key``, computing it (once, even under concurrency) if absent.

        Exceptions are not cached: a failed computation is retried by the next request.
        """
        if self.size <= 0:
            return compute()
        found, value = self._lookup(key)
        if found:
            return value  # type: ignore[no-any-return]
        with self._lock:
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            found, value = self._lookup(key)  # another thread may have computed it meanwhile
            if found:
                return value  # type: ignore[no-any-return]
            try:
                result = compute()
            finally:
                with self._lock:
                    self._key_locks.pop(key, None)
            nbytes = _approx_size(result)
            with self._lock:
                self.misses += 1
                if nbytes > self.max_bytes:
                    return result  # larger than the whole cache: answered, not kept
                old = self._data.pop(key, None)
                if old is not None:
                    self.bytes -= old[2]
                self._data[key] = (time.monotonic(), result, nbytes)
                self.bytes += nbytes
                while len(self._data) > self.size or self.bytes > self.max_bytes:
                    _, (_, _, freed) = self._data.popitem(last=False)
                    self.bytes -= freed
            return result

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self.bytes = 0


class Overloaded(NonalignedError):
    """Heavy work refused for now (too many waiting, or waited too long): a 503 with Retry-After."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def _lower_priority() -> None:
    """Run this (heavy pool) thread at a lower CPU priority, where the OS allows it (Linux: per
    thread), so that on a busy machine the event loop and the cheap endpoints are scheduled first."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
    except (AttributeError, OSError):  # not Linux, or not permitted: same priority
        log.debug("heavy pool thread keeps its priority", exc_info=True)


class HeavyLimiter:
    """At most ``slots`` heavy computations at once, at most ``queue`` more waiting, and an answer
    (the result, or a 503) within ``timeout`` seconds.

    Why a pool of its own rather than a semaphore in the shared thread pool: FastAPI runs every
    plain endpoint in one pool of 40 threads; fifty requests blocked on a semaphore there would
    hold all 40 and stall the cheap endpoints behind them. Here a waiting request holds no thread
    (it awaits a future on the event loop), and the work runs on ``slots`` threads only.

    * the same key asked for while it is queued or running joins that computation (fifty
      identical first requests compute once);
    * beyond ``slots + queue`` distinct computations in flight, a new one is refused at once with
      503 and a Retry-After estimated from the recent computation times;
    * a request not answered within ``timeout`` gets a 503 too; its computation is cancelled if
      it has not started and nobody else waits for it, otherwise it finishes and is cached (a
      thread cannot be interrupted), so the retry finds it.
    """

    def __init__(self, slots: int = 1, queue: int = 8, timeout: float = 30.0) -> None:
        if slots < 1 or queue < 0 or timeout <= 0:
            raise ValueError("slots >= 1, queue >= 0 and timeout > 0")
        self.slots = slots
        self.queue = queue
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(
            max_workers=slots, thread_name_prefix="nonaligned-heavy", initializer=_lower_priority
        )
        self._lock = threading.RLock()  # re-entered when a cancel runs the done callback
        self._inflight: dict[Hashable, tuple[Future[Any], list[int]]] = {}
        self._mean = 1.0  # seconds per computation, a moving average
        self.refused = 0
        self.timed_out = 0
        self.computed = 0

    @property
    def in_flight(self) -> int:
        return len(self._inflight)

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: the queue ahead divided among the slots."""
        ahead = max(1, len(self._inflight))
        return max(1, min(600, math.ceil(self._mean * ahead / self.slots)))

    def _timed(self, fn: Callable[[], T]) -> T:
        t0 = time.monotonic()
        try:
            return fn()
        finally:
            dt = time.monotonic() - t0
            with self._lock:
                self._mean = 0.7 * self._mean + 0.3 * dt
                self.computed += 1

    def _done(self, key: Hashable, fut: Future[Any]) -> None:
        with self._lock:
            item = self._inflight.get(key)
            if item is not None and item[0] is fut:
                del self._inflight[key]

    async def run(self, key: Hashable, fn: Callable[[], T]) -> T:
        """``fn()`` computed in the heavy pool (or joined if ``key`` is already in flight)."""
        with self._lock:
            item = self._inflight.get(key)
            if item is None:
                if len(self._inflight) >= self.slots + self.queue:
                    self.refused += 1
                    wait = self.retry_after()
                    raise Overloaded(
                        f"the server is busy: {len(self._inflight)} computations in flight "
                        f"({self.slots} at a time, {self.queue} waiting at most); "
                        f"retry in {wait} s",
                        wait,
                    )
                fut: Future[Any] = self._pool.submit(self._timed, fn)
                item = (fut, [0])
                self._inflight[key] = item
                fut.add_done_callback(functools.partial(self._done, key))
            fut, waiters = item
            waiters[0] += 1
        try:
            result: T = await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(fut)), self.timeout
            )
            return result
        except TimeoutError:
            with self._lock:
                self.timed_out += 1
                if waiters[0] == 1:
                    fut.cancel()  # only succeeds if it has not started
                wait = self.retry_after()
            raise Overloaded(
                f"no answer within {self.timeout:g} s: the server is busy with "
                f"{len(self._inflight)} computations; "
                + ("it was dropped; " if fut.cancelled() else "it goes on and is kept; ")
                + f"retry in {wait} s",
                wait,
            ) from None
        finally:
            with self._lock:
                waiters[0] -= 1

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


class WebState:
    """What every request needs: the store, the state resolver, per-thread records, the cache."""

    def __init__(
        self, store: Store, cache: ResultCache, limiter: HeavyLimiter | None = None
    ) -> None:
        self.store = store
        self.cache = cache
        self.limiter = limiter or HeavyLimiter()
        self.states: StateTable = load_states()
        # Bloc codes, read once: poles are checked in memory before any work is queued.
        self.blocs: frozenset[str] = frozenset(
            str(b) for b in store.query("SELECT bloc FROM blocs")["bloc"]
        )
        # Store reads on a cache miss (an events page, a document): at most one per core but
        # one, so that however many arrive at once a core stays free for the event loop and the
        # cheap answers. A waiting read holds no thread; it awaits a slot on the event loop.
        self.read_slots = asyncio.Semaphore(max(1, (os.cpu_count() or 2) - 1))
        self._local = threading.local()
        self._cursor_lock = threading.Lock()
        self._cursors: list[Any] = []

    def records(self) -> Records:
        """Records over this thread's own cursor on the read-only store (created on first use)."""
        rec: Records | None = getattr(self._local, "records", None)
        if rec is None:
            with self._cursor_lock:
                cursor = self.store.con.cursor()
                self._cursors.append(cursor)
            rec = Records(Store(cursor, self.store.path, read_only=True), states=self.states)
            self._local.records = rec
        return rec

    def close(self) -> None:
        with self._cursor_lock:
            for cursor in self._cursors:
                try:
                    cursor.close()
                except Exception:  # a cursor already closed with its connection
                    log.debug("cursor already closed", exc_info=True)
            self._cursors.clear()
        self.limiter.close()
        self.store.close()


def open_store(db_path: str | os.PathLike[str] | None) -> Store:
    """The store, read-only, or a :class:`StoreError` that says to run ``nonaligned build``."""
    store = Store.open(db_path, read_only=True)
    try:
        built = store.has_table("states") and store.meta("records_fingerprint") is not None
    except BaseException:
        store.close()
        raise
    if not built:
        store.close()
        raise StoreError(
            f"store {store.path} has no records yet: run `nonaligned build` first "
            "(and `nonaligned ingest --code PATH` for news events)"
        )
    return store


async def web_state(request: Request) -> WebState:
    """The app's :class:`WebState` (a FastAPI dependency; async, so it costs no thread hop)."""
    st: WebState = request.app.state.web
    return st


State = Annotated[WebState, Depends(web_state)]
