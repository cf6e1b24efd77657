"""Where coded documents and events are kept: a SQLite file by default, or a PostgreSQL server."""

from realpolitik.store.database import BadSearch, Database, is_url
from realpolitik.store.store import EventFilter, IngestReport, Store, default_db_path

__all__ = ["BadSearch", "Database", "EventFilter", "IngestReport", "Store", "default_db_path", "is_url"]
