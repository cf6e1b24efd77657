"""The connection under a :class:`~realpolitik.store.Store`: one interface over SQLite and PostgreSQL.

Every query in realpolitik is written once, in the SQL both servers speak, with ``?`` placeholders. What
does differ lives in the two subclasses and nowhere else:

- opening and settings (SQLite's PRAGMAs for WAL; a PostgreSQL connection in autocommit mode);
- placeholders (psycopg wants ``%s``; :class:`~realpolitik.store.postgres.PostgresDatabase` translates);
- how a transaction starts (SQLite takes the write lock up front with ``BEGIN IMMEDIATE``);
- the DDL (row numbering and the full-text index, see :mod:`realpolitik.store.schema`) and the search
  condition that uses the full-text index;
- rows: both read by position or by column name, as ``sqlite3.Row`` does.

Queries that insert a row and need its id use ``INSERT ... RETURNING id`` (SQLite 3.35 and later), and
``INSERT ... ON CONFLICT DO NOTHING`` rather than SQLite's ``INSERT OR IGNORE``, so the statements
themselves never branch on the backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: The URL schemes that name a PostgreSQL server rather than a SQLite file.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: str | Path) -> bool:
    """True when ``target`` is a PostgreSQL URL rather than the path of a SQLite file."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


class BadSearch(ValueError):
    """The backend rejected the text of a full-text search (e.g. FTS5 syntax it cannot parse)."""


class Database(ABC):
    """An open connection to one realpolitik database, whichever backend holds it."""

    #: "sqlite" or "postgresql".
    dialect: str
    #: A condition on events ``e`` and their sentence ``s`` with one placeholder, the search text.
    search_condition: str
    #: What the driver raises when it cannot parse a search text.
    search_errors: tuple[type[Exception], ...]

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the cursor returned iterates rows readable by position and by name."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""

    @abstractmethod
    def script(self, sql: str) -> None:
        """Run several statements without parameters (DDL)."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Any]:
        """A block that commits when it ends normally and rolls back on any exception."""

    @abstractmethod
    def create_schema(self) -> None:
        """Create whatever tables and indexes are missing."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    def _tuples(self, sql: str, params: Sequence[Any]) -> tuple[list[str], list[tuple]]:
        """Column names and plain tuple rows, the cheapest form to build a DataFrame from."""

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Every row of a query."""
        return self.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first row of a query, or None."""
        return self.execute(sql, params).fetchone()

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """A query's result as a DataFrame, with the types pandas' own ``read_sql`` would give.

        pandas reads only SQLite and SQLAlchemy connections itself (it warns for psycopg), so both
        backends build frames here, the same way.
        """
        import pandas as pd  # only analysis needs DataFrames; `realpolitik code` starts without pandas

        columns, rows = self._tuples(sql, params)
        return pd.DataFrame.from_records(rows, columns=columns, coerce_float=True)

