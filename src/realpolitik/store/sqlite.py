"""The embedded default backend: one SQLite file in WAL mode.

WAL lets readers (the web app, a second shell) query while an ingest writes. Writers take the write lock
when their transaction starts (``BEGIN IMMEDIATE``), so two writers queue instead of failing half-way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from realpolitik.store.database import Database
from realpolitik.store.schema import SQLITE_SCHEMA


class SqliteDatabase(Database):
    """A SQLite file, created with its folder when missing."""

    dialect = "sqlite"
    search_condition = ("EXISTS (SELECT 1 FROM sentences_fts f WHERE f.doc_id = e.doc_id"
                        " AND f.idx = e.sentence_idx AND sentences_fts MATCH ?)")
    search_errors = (sqlite3.OperationalError,)

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def script(self, sql: str) -> None:
        self.conn.executescript(sql)

    @contextmanager
    def transaction(self) -> Iterator[SqliteDatabase]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def create_schema(self) -> None:
        # Every open runs the DDL: it is cheap here, and it adds objects a newer version introduced
        # (IF NOT EXISTS) to files an older one created.
        self.script(SQLITE_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def _tuples(self, sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple]]:
        cursor = self.conn.cursor()
        cursor.row_factory = None
        cursor.execute(sql, params)
        return [column[0] for column in cursor.description], cursor.fetchall()
