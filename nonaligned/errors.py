"""Errors that reach the user as a clear message, never as a traceback.

Every failure a user can cause or meet (bad input, a missing or corrupted file, a store written by a
newer version) is raised as a :class:`NonalignedError`; the CLI prints its message and exits 2.
Anything else is a bug and is allowed to show its traceback.
"""

from __future__ import annotations


class NonalignedError(Exception):
    """A problem the user can act on; ``str(err)`` names the thing and what is wrong."""


class UnknownCountry(NonalignedError, LookupError):
    """A country name or code that does not resolve; carries close suggestions."""

    def __init__(
        self, query: object, suggestions: list[str] | None = None, reason: str = ""
    ) -> None:
        self.query = query
        self.suggestions = list(suggestions or [])
        msg = f"unknown country {query!r}"
        if reason:
            msg += f": {reason}"
        if self.suggestions:
            msg += "; did you mean " + ", ".join(self.suggestions) + "?"
        super().__init__(msg)


class DataError(NonalignedError):
    """A bundled or user-supplied data file is missing, corrupted or malformed."""


class StoreError(NonalignedError):
    """The store cannot be opened, is corrupted, or was written by a newer schema."""


class BadDate(NonalignedError, ValueError):
    """A date the user gave cannot be parsed."""


def is_interrupt(exc: BaseException) -> bool:
    """Whether ``exc`` is the user's Ctrl-C.

    Why not only ``KeyboardInterrupt``: a Ctrl-C that lands while DuckDB runs a statement is
    turned by DuckDB into an error of its own (``duckdb.InterruptException``, a ``RuntimeError``
    "Query interrupted" from its Python binding, or a ``duckdb.Error`` wrapping the
    KeyboardInterrupt raised while it read a DataFrame). Matched by type name and message, along
    the cause/context chain, so that this module never imports DuckDB.
    """
    seen = 0
    e: BaseException | None = exc
    while e is not None and seen < 8:
        if isinstance(e, KeyboardInterrupt) or type(e).__name__ == "InterruptException":
            return True
        text = str(e)
        if isinstance(e, RuntimeError) and text.strip().lower().startswith("query interrupted"):
            return True
        if (
            type(e).__module__.split(".")[0] in ("duckdb", "_duckdb")
            and "KeyboardInterrupt" in text
        ):
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False
