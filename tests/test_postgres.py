"""What takes a database besides the store itself, on both backends: ``--db`` URLs, the web app, feed items.

The store and analysis tests already run on SQLite and PostgreSQL (see ``databases`` in conftest.py);
these cover the places where a PostgreSQL URL travels through other code: the command line's ``--db``,
the web app opening a store per request, and the feed watcher's own table.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from realpolitik.cli import main
from realpolitik.cli_options import DatabaseParam
from realpolitik.ingest.feeds import MAX_ATTEMPTS, SeenItems
from realpolitik.store import Store
from realpolitik.web import create_app
from tests.test_analysis import world


def test_the_db_option_keeps_urls_whole_and_reads_other_values_as_files():
    param = DatabaseParam()
    url = "postgresql://analyst@/news?host=/run/postgresql"
    assert param.convert(url, None, None) == url  # as a Path, "//" would fold into "/"
    assert param.convert("news.db", None, None) == Path("news.db")


def test_commands_open_the_database_given_by_db(databases):
    target = databases.new()
    with world(target):
        pass
    result = CliRunner().invoke(main, ["events", "--db", target, "--type", "AID", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    assert [(e["type"], e["doc_id"]) for e in events] == [("AID", "wire-2")]


def test_the_web_app_serves_a_store_named_by_its_target(databases):
    target = databases.new()
    with world(target):
        pass
    client = TestClient(create_app(target))
    assert client.get("/api/counts").json()["counts"]["events"] == 18
    found = client.get("/api/events", params={"q": "assaults", "actor": "IRN"}).json()["events"]
    assert found and {e["type"] for e in found} == {"ASSAULT"}  # stemmed: "assault" in the sentences


def test_feed_items_are_retried_until_the_attempts_run_out(databases):
    with Store(databases.new()) as store:
        seen = SeenItems(store.db)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            assert not seen.done("feed", "item")
            seen.record([("feed", "item", "failed"), ("feed", f"good-{attempt}", "document")])
        assert seen.done("feed", "item") and seen.done("feed", "good-1")
        attempts = store.db.one("SELECT attempts FROM seen_items WHERE item = ?", ("item",))["attempts"]
        assert attempts == MAX_ATTEMPTS
