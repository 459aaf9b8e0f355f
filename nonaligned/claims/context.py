"""What every checker reads: the records, the store's coded events, the date, and caches."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from ..records.api import Records


def rows_where(df: pd.DataFrame, mask: list[bool]) -> pd.DataFrame:
    """The rows of ``df`` where ``mask`` is true (an empty mask keeps the columns, not all)."""
    return df.loc[np.asarray(mask, dtype=bool)] if len(df) else df


@dataclass
class Context:
    """One check run: ``records`` over a store (read-only is enough), the article's date ``on``,
    and the documents whose own events must not serve as evidence (the article checked)."""

    records: Records
    on: date
    exclude_docs: set[str] = field(default_factory=set)
    peers: list[str] | None = None
    cache: dict[Any, Any] = field(default_factory=dict)

    def iso3(self, code: str) -> str:
        return code

    def name(self, iso3: str) -> str:
        try:
            return str(self.records.country(iso3).name)
        except Exception:
            return iso3
