"""Give large freed blocks back to the system at once, so a long ingest's memory stays flat.

Why: the command's process reads every page (about 190 KB of HTML on average, decoded to a
Python string of up to four bytes a character) and lets it go once a worker has it. glibc
serves a block of 128 KB or more with its own ``mmap`` and unmaps it on free, *until* the first
such block is freed: then it raises the threshold to that block's size (up to 32 MB), and later
pages come from the heap, whose freed holes between live blocks are rarely returned. Over a
long ingest the command's resident size then wandered 380-570 MB on 3,000 pages, with peaks
that rose with the corpus. Fixing the threshold at 128 KB (``mallopt(M_MMAP_THRESHOLD)``, which
also turns the adjustment off) kept it at 320-400 MB on the same pages (issue 17; figures in
docs/text-pipeline.md).

Elsewhere than glibc this does nothing: the call is looked up, not assumed.
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
LARGE_BLOCK = 128 * 1024  # glibc's own default threshold, made fixed

_done = False


def return_large_blocks() -> bool:
    """Make blocks of :data:`LARGE_BLOCK` bytes or more always ``mmap``-ed, so freeing one
    returns it to the system. Once per process; True when the setting took effect."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt worth calling)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    _done = bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))
    return _done


__all__ = ["LARGE_BLOCK", "return_large_blocks"]
