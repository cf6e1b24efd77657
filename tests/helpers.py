"""Small assertion helpers shared by the tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def one(events, event_type: str):
    """The single event of a type; fails with the list when there is not exactly one."""
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.actor_codes(), e.recipient_codes(), e.trigger.text) for e in events]
    return found[0]


#: Every table's rows that do not depend on insertion order or time: two databases holding the same coded
#: documents give the same dump, however and in whatever order they were written.
CANONICAL_QUERIES = {
    "documents": "SELECT id, content_hash, title, source, published, url, path, n_sentences, n_events FROM documents",
    "sentences": "SELECT * FROM sentences",
    "mentions": "SELECT * FROM mentions",
    "events": "SELECT doc_id, sentence_idx, type, mode, context, actor, recipient, date, date_precision,"
              " negated, hypothetical, future, intensity, cameo_code, goldstein, trigger_text, trigger_start,"
              " trigger_end, rule, confidence, location FROM events",
    "participants": "SELECT e.doc_id, e.trigger_start, p.role, p.position, p.name, p.country"
                    " FROM participants p JOIN events e ON e.id = p.event_id",
    "errors": "SELECT path, reason, detail FROM errors",
}


def canonical_dump(path: str | Path) -> dict[str, list[tuple]]:
    """A SQLite database's content as sorted rows per table (see :data:`CANONICAL_QUERIES`)."""
    db = sqlite3.connect(path)
    try:
        return {table: sorted(db.execute(sql).fetchall(), key=repr) for table, sql in CANONICAL_QUERIES.items()}
    finally:
        db.close()
