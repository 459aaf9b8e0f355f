"""The PLOVER event types (manual draft 0.8, 2021), in the manual's order: one list for the coder,
its dictionaries' rebuild and tests, and the evaluation."""

from __future__ import annotations

PLOVER_EVENTS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
