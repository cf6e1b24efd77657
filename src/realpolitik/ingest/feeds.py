"""Watching feeds: new items only, remembered in the database across runs.

A watch run fetches each feed, skips the items handled on an earlier run, fetches and extracts the new
ones, stores them through :meth:`Store.ingest_items` (one transaction per document), and only then
marks them seen. A run killed half-way therefore loses nothing: the unmarked items are fetched again
next time, and the documents already stored are recognised by their content hash.

An item whose page failed (a timeout, an HTTP 503) is tried again on later runs, up to
:data:`MAX_ATTEMPTS` times in all, so that one dead link does not add an error row every fifteen
minutes forever.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from realpolitik.ingest.documents import Item
from realpolitik.ingest.web import Fetcher, FetchError, entry_item, feed_entries
from realpolitik.model import IngestError
from realpolitik.pipeline import Coder
from realpolitik.store import Database, IngestReport, Store

#: How many runs may fail on one item before it is left alone.
MAX_ATTEMPTS = 3

SEEN_ITEMS = """
CREATE TABLE IF NOT EXISTS seen_items (
    feed TEXT NOT NULL,
    item TEXT NOT NULL,
    outcome TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (feed, item)
)
"""


class SeenItems:
    """The ``seen_items`` table: one row per (feed, item key) with the outcome of its last attempt.

    ``outcome`` is "document", "skipped" (deliberately passed over, e.g. not English) or "failed".
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.db.script(SEEN_ITEMS)

    def done(self, feed: str, item: str) -> bool:
        """True when the item needs no further attempt."""
        row = self.db.one("SELECT outcome, attempts FROM seen_items WHERE feed = ? AND item = ?", (feed, item))
        return row is not None and (row["outcome"] != "failed" or row["attempts"] >= MAX_ATTEMPTS)

    def record(self, outcomes: Iterable[tuple[str, str, str]]) -> None:
        """Store (feed, item, outcome) triples in one transaction."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows = [(feed, item, outcome, now, now) for feed, item, outcome in outcomes]
        with self.db.transaction() as db:
            db.executemany(
                "INSERT INTO seen_items (feed, item, outcome, attempts, first_seen, last_seen)"
                " VALUES (?, ?, ?, 1, ?, ?)"
                " ON CONFLICT (feed, item) DO UPDATE SET outcome = excluded.outcome,"
                " attempts = seen_items.attempts + 1, last_seen = excluded.last_seen", rows)


@dataclass
class Polled:
    """A new feed item and what reading it gave (``key`` is None for an error about the whole feed)."""

    feed: str
    key: str | None
    result: Item


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs from a text file: the first word of each line; blank lines and ``#`` lines are ignored."""
    urls = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        words = line.split()
        if words and not words[0].startswith("#"):
            urls.append(words[0])
    return urls


def poll(feeds: Iterable[str], fetcher: Fetcher, seen: SeenItems, *, english_only: bool = True) -> list[Polled]:
    """Every new item of every feed, fetched; a feed that cannot be read is one error."""
    polled: list[Polled] = []
    for feed in feeds:
        try:
            page = fetcher.get(feed)
        except FetchError as exc:
            polled.append(Polled(feed, None, IngestError(feed, exc.reason, detail=exc.detail)))
            continue
        if page.kind != "feed":
            polled.append(Polled(feed, None, IngestError(feed, "not a feed", detail=f"the URL serves {page.kind}")))
            continue
        entries = feed_entries(feed, page)
        if isinstance(entries, IngestError):
            polled.append(Polled(feed, None, entries))
            continue
        for entry in entries:
            if not seen.done(feed, entry.key):
                item = entry_item(entry, fetcher, origin=feed, english_only=english_only)
                polled.append(Polled(feed, entry.key, item))
    return polled


def watch_once(store: Store, feeds: Iterable[str], fetcher: Fetcher, *, coder: Coder | None = None,
               english_only: bool = True) -> IngestReport:
    """One watch run: poll, store, then mark seen. The report counts this run's items only."""
    seen = SeenItems(store.db)
    polled = poll(feeds, fetcher, seen, english_only=english_only)
    report = store.ingest_items([p.result for p in polled], coder=coder)
    seen.record((p.feed, p.key, _outcome(p.result)) for p in polled if p.key is not None)
    return report


def _outcome(item: Item) -> str:
    if not isinstance(item, IngestError):
        return "document"
    return "skipped" if item.skipped else "failed"
