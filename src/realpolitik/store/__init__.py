"""Where coded documents and events are kept: SQLite by default."""

from realpolitik.store.sqlite import EventFilter, IngestReport, Store, default_db_path

__all__ = ["EventFilter", "IngestReport", "Store", "default_db_path"]
