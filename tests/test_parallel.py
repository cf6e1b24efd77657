"""Parallel ingest on a Dask LocalCluster stores exactly what a serial ingest stores."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from realpolitik import Coder, Document, IngestError, Store
from realpolitik.parallel import ingest_parallel

# Short texts written for this test; several code into events, some into none.
TEXTS = [
    "Iran and Russia signed a defence agreement in Moscow on Monday.",
    "The United States imposed new sanctions on Venezuela's oil ministry.",
    "Chinese warships were deployed near Taiwan, the island's defence ministry said.",
    "Protesters marched through Nairobi on Tuesday to demand lower food prices.",
    "The French president met the German chancellor in Berlin to discuss energy.",
    "Israel accused Hezbollah of firing rockets into the north of the country.",
    "Japan will send emergency aid to the Philippines after the typhoon.",
    "India rejected Pakistan's call for talks over Kashmir.",
    "The weather in Lisbon was mild for most of the week.",
    "Turkey released two detained Greek soldiers on Friday.",
    "Brazil praised the new trade deal between Mercosur and the European Union.",
]

PUBLISHED = date(2024, 3, 4)


def _items(*, with_copy: bool = False) -> list[Document | IngestError]:
    documents: list[Document | IngestError] = [
        Document(f"doc-{i}", text, published=PUBLISHED, source="Test Wire") for i, text in enumerate(TEXTS)]
    if with_copy:  # the same text under another id, in the same run: stored once
        documents.append(Document("copy-of-0", TEXTS[0], published=PUBLISHED))
    documents.append(IngestError("broken.html", "unreadable", detail="test input"))
    return documents


def _content(path: Path) -> dict[str, list[tuple]]:
    """Every table's rows that do not depend on insertion order or time, sorted."""
    queries = {
        "documents": "SELECT id, content_hash, title, source, published, n_sentences, n_events FROM documents",
        "sentences": "SELECT * FROM sentences",
        "mentions": "SELECT * FROM mentions",
        "events": "SELECT doc_id, sentence_idx, type, mode, context, actor, recipient, date, intensity,"
                  " trigger_start, confidence FROM events",
        "participants": "SELECT e.doc_id, e.trigger_start, p.role, p.position, p.name, p.country"
                        " FROM participants p JOIN events e ON e.id = p.event_id",
        "errors": "SELECT path, reason, detail FROM errors",
    }
    db = sqlite3.connect(path)
    try:
        return {table: sorted(db.execute(sql).fetchall(), key=repr) for table, sql in queries.items()}
    finally:
        db.close()


def test_parallel_ingest_matches_serial(tmp_path: Path, coder: Coder) -> None:
    with Store(tmp_path / "serial.db") as store:
        serial = store.ingest_items(_items(), coder=coder)
    seen: list[int] = []
    with Store(tmp_path / "parallel.db") as store:
        parallel = ingest_parallel(store, _items(with_copy=True), workers=2, batch_size=3, progress=seen.append)

    assert (parallel.ingested, parallel.failed, parallel.events) == (serial.ingested, serial.failed, serial.events)
    assert parallel.ingested == len(TEXTS)
    assert parallel.unchanged == serial.unchanged + 1
    assert parallel.events > 0
    assert seen == sorted(seen) and seen[-1] == len(TEXTS)
    assert _content(tmp_path / "parallel.db") == _content(tmp_path / "serial.db")

    # A rerun codes nothing: every text is already stored.
    with Store(tmp_path / "parallel.db") as store:
        again = ingest_parallel(store, _items(with_copy=True), workers=2, batch_size=3)
    assert again.ingested == 0
    assert again.unchanged == len(TEXTS) + 1


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store, pytest.raises(ValueError, match="workers"):
        ingest_parallel(store, [], workers=0)
