"""The embedded DuckDB store: one file holding records, documents and events."""

from .connection import Store, store_error
from .schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Store", "store_error"]
