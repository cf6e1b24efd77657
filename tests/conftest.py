"""Shared fixtures. The spaCy model and the compiled gazetteer are loaded once per test session.

Store tests run on every backend: the ``databases`` fixtures are parametrised over SQLite and
PostgreSQL. The PostgreSQL variants need a server named by ``$REALPOLITIK_TEST_POSTGRES`` (``bash .ci/run``
starts one and sets it); without it they skip, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from realpolitik import Coder, default_coder

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

#: The environment variable naming the PostgreSQL server the tests may use.
POSTGRES_ENV = "REALPOLITIK_TEST_POSTGRES"
BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def coder() -> Coder:
    return default_coder()


@pytest.fixture()
def code(coder: Coder):
    """Code a text and return its events (``published`` as ISO text or a date)."""

    def run(text: str, published: str | date | None = None):
        if isinstance(published, str):
            published = date.fromisoformat(published)
        return coder.code_text(text, published).events

    return run


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The test server's URL; the test skips, saying how to enable it, when there is none."""
    import psycopg

    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"PostgreSQL variant skipped: set {POSTGRES_ENV}=postgresql://USER@HOST/DATABASE"
                    " (an empty database the tests may create schemas in; `bash .ci/run` starts one)")
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL variant skipped: cannot connect to {POSTGRES_ENV}={url}: {exc}".strip())
    return url


class Databases:
    """Makes new empty databases, SQLite files in ``folder`` or on the PostgreSQL ``server``, and removes them.

    On PostgreSQL each database is a schema of its own on the test server, named in the URL's
    ``search_path``, so tests never see each other's tables.
    """

    def __init__(self, folder: Path, server: str | None) -> None:
        self.folder, self.server = folder, server
        self.schemas: list[str] = []

    def new(self) -> str:
        """The target (file path or URL) of a database nobody has used yet."""
        name = f"test_{uuid.uuid4().hex[:16]}"
        if self.server is None:
            return str(self.folder / f"{name}.db")
        self._admin(f"CREATE SCHEMA {name}")
        self.schemas.append(name)
        separator = "&" if "?" in self.server else "?"
        return f"{self.server}{separator}options={quote(f'-csearch_path={name}')}"

    def drop(self) -> None:
        for name in self.schemas:
            self._admin(f"DROP SCHEMA {name} CASCADE")

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.server, autocommit=True) as connection:
            connection.execute(sql)


def _databases(request: pytest.FixtureRequest, folder: Path) -> Iterator[Databases]:
    server = request.getfixturevalue("postgres_url") if request.param == "postgresql" else None
    databases = Databases(folder, server)
    yield databases
    databases.drop()


@pytest.fixture(params=BACKENDS)
def databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases]:
    """New databases for one test, on each backend in turn."""
    yield from _databases(request, tmp_path)


@pytest.fixture(scope="module", params=BACKENDS)
def module_databases(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Databases]:
    """New databases shared by the tests of a module (stores that are costly to fill), on each backend."""
    yield from _databases(request, tmp_path_factory.mktemp("databases"))
