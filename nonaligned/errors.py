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
