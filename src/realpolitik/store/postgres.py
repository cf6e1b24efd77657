"""The server backend: PostgreSQL through psycopg 3, for stores that many processes share or that outgrow a file.

The connection runs in autocommit mode, so a read sees what other writers have committed, exactly as a
SQLite reader in WAL mode does; writes go through :meth:`PostgresDatabase.transaction`. The schema lives
in the first schema of the connection's ``search_path`` (``public`` unless the URL says otherwise, e.g.
``?options=-csearch_path%3Dnews``), so one server can hold several stores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import RowMaker, tuple_row

from realpolitik.store.database import Database
from realpolitik.store.schema import POSTGRES_SCHEMA

#: Seconds to wait for the server before giving up, unless the URL sets ``connect_timeout`` itself.
CONNECT_TIMEOUT = 10
#: The advisory lock held while the schema is created, so two processes opening a new store at once do
#: not both run the DDL (PostgreSQL's IF NOT EXISTS is not safe against a concurrent CREATE).
_SCHEMA_LOCK = 0x7265616C  # "real"


class Row(tuple):
    """A row read by position or by column name, as ``sqlite3.Row`` is, so callers need not know the backend."""

    names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row.names = names
        return row

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self.names[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        """Column names, so that ``dict(row)`` works."""
        return list(self.names)


def _rows(cursor: psycopg.Cursor[Any]) -> RowMaker[Row]:
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(values, names)


def _placeholders(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled). Queries never put ``?`` in literals."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresDatabase(Database):
    """A connection to a PostgreSQL server, given as a ``postgresql://`` URL."""

    dialect = "postgresql"
    search_condition = "s.text_search @@ websearch_to_tsquery('english', ?)"
    search_errors = (psycopg.DataError,)

    def __init__(self, url: str) -> None:
        timeout = {} if "connect_timeout" in conninfo_to_dict(url) else {"connect_timeout": CONNECT_TIMEOUT}
        self.conn = psycopg.connect(url, autocommit=True, row_factory=_rows, application_name="realpolitik",
                                    **timeout)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Row]:
        return self.conn.execute(_placeholders(sql), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.conn.cursor() as cursor:
            cursor.executemany(_placeholders(sql), rows)

    def script(self, sql: str) -> None:
        self.conn.execute(sql)

    @contextmanager
    def transaction(self) -> Iterator[PostgresDatabase]:
        with self.conn.transaction():
            yield self

    def create_schema(self) -> None:
        # Unlike SQLite's, PostgreSQL's DDL takes table locks even when the objects exist, so it runs only
        # for a new store; schema changes will need a migration keyed on meta.schema_version.
        with self.transaction():
            self.execute("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))
            if self.one("SELECT to_regclass('meta') AS found")["found"] is None:
                self.script(POSTGRES_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def _tuples(self, sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple]]:
        with self.conn.cursor(row_factory=tuple_row) as cursor:
            cursor.execute(_placeholders(sql), params)
            return [column.name for column in cursor.description or ()], cursor.fetchall()
