"""The store: documents, sentences, mentions, events and errors in a database, SQLite or PostgreSQL.

Each document is written in one transaction with its sentences, mentions and events, so a reader never
sees half a document and a killed ingest leaves a consistent database. Every query is parameterised and
written once for both backends (see :mod:`realpolitik.store.database`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from realpolitik.model import Document, Event, IngestError, Sentence, content_hash
from realpolitik.pipeline import CodedDocument, Coder
from realpolitik.store.database import BadSearch, Database, is_url
from realpolitik.store.schema import SCHEMA_VERSION
from realpolitik.store.sqlite import SqliteDatabase


def default_db_path() -> Path | str:
    """``$REALPOLITIK_DB`` (a file or a ``postgresql://`` URL), else ``$XDG_DATA_HOME/realpolitik/realpolitik.db``
    (``~/.local/share`` when unset)."""
    configured = os.environ.get("REALPOLITIK_DB")
    if configured:
        return configured if is_url(configured) else Path(configured).expanduser()
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "realpolitik" / "realpolitik.db"


def connect(target: str | Path) -> Database:
    """The database at ``target``: a ``postgresql://`` URL, or else the path of a SQLite file."""
    if is_url(target):
        from realpolitik.store.postgres import PostgresDatabase  # psycopg takes a quarter second to import

        return PostgresDatabase(str(target))
    return SqliteDatabase(Path(target))


@dataclass
class IngestReport:
    """What an ingest run did; ``failed`` inputs are also stored in the errors table."""

    ingested: int = 0
    unchanged: int = 0
    failed: int = 0
    skipped: int = 0
    events: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.ingested} ingested, {self.failed} failed, {self.skipped} skipped"
                f" ({self.unchanged} unchanged, {self.events} events)")


@dataclass(frozen=True)
class EventFilter:
    """Which events a query returns. Country codes match any participant on that side."""

    doc_id: str | None = None
    type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    quad_class: int | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    factual_only: bool = False
    search: str | None = None
    limit: int | None = None


class Store:
    """A realpolitik database. Use as a context manager, or call ``close()``.

    ``target`` is the path of a SQLite file (created when missing) or a ``postgresql://`` URL; by default
    :func:`default_db_path`. ``db`` is the open :class:`~realpolitik.store.database.Database`, for modules
    that keep tables of their own (stories, feed items) and for SQL the methods here do not cover.
    """

    def __init__(self, target: str | Path | None = None) -> None:
        target = target or default_db_path()
        #: The SQLite file, or None on a server.
        self.path: Path | None = None if is_url(target) else Path(target)
        #: What opens this database again (``Store(store.target)``, ``--db``).
        self.target = str(target)
        self.db = connect(target)
        self.db.create_schema()
        self.db.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING",
                        (str(SCHEMA_VERSION),))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], *, coder: Coder | None = None,
               published: date | None = None, source: str | None = None,
               allow_private: bool = False) -> IngestReport:
        """Read files, directories and URLs, code every new document, store everything.

        ``allow_private`` lets URLs reach private, loopback and link-local addresses (intranets).
        """
        from realpolitik.ingest import FetchOptions, read_paths

        fetch = FetchOptions.from_env(allow_private=allow_private)
        return self.ingest_items(read_paths(paths, published=published, source=source, fetch=fetch), coder=coder)

    def ingest_items(self, items: Iterable[Document | IngestError], *, coder: Coder | None = None,
                     progress: Callable[[int], None] | None = None) -> IngestReport:
        """Store documents (coding the ones not already stored) and errors.

        ``progress`` is called with the number of documents written so far after each one.
        """
        report = IngestReport()
        coder = coder or Coder()
        for coded in coder.code_documents(self.new_documents(items, report)):
            self.add(coded)
            report.ingested += 1
            report.events += len(coded.events)
            if progress is not None:
                progress(report.ingested)
        return report

    def new_documents(self, items: Iterable[Document | IngestError], report: IngestReport) -> Iterator[Document]:
        """The documents that still need coding: errors are stored and counted, texts already stored
        or already seen in this run are counted as unchanged, and clashing ids made unique."""
        seen: set[str] = set()
        for item in items:
            if isinstance(item, IngestError):
                self.add_error(item)
                report.errors.append(item)
                if item.skipped:
                    report.skipped += 1
                else:
                    report.failed += 1
                continue
            document = None if item.content_hash in seen else self._place(item)
            if document is None:
                report.unchanged += 1
            else:
                seen.add(document.content_hash)
                yield document

    def _place(self, document: Document) -> Document | None:
        """The document to code, with a free id; None when its text is already stored."""
        digest = document.content_hash
        if self.db.one("SELECT 1 FROM documents WHERE content_hash = ?", (digest,)):
            return None
        row = self.db.one("SELECT path FROM documents WHERE id = ?", (document.id,))
        if row is not None and row["path"] not in (None, document.path):
            document.id = f"{document.id}-{digest[:8]}"
        return document

    def add(self, coded: CodedDocument) -> None:
        """Write one coded document atomically, replacing an earlier version with the same id."""
        doc = coded.document
        with self.db.transaction() as db:
            db.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            _insert_document(db, doc, doc.content_hash, len(coded.sentences), len(coded.events))
            _insert_sentences(db, doc.id, coded.sentences)
            db.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(doc.id, i, e.start, e.end, e.text, e.name, e.country, e.sector, e.id, e.role, e.kind)
                 for i, e in coded.mentions])
            for event in coded.events:
                _insert_event(db, event)

    def merge(self, coded: CodedDocument) -> int:
        """Add what the store lacks of a coded document, replacing nothing; returns the events added.

        For events that arrive without their article (an import of exported events): the document is
        written only when its id is new, sentences only at indexes it lacks, events only when no stored
        event of the document has the same sentence, trigger start and type, so merging twice adds
        nothing. A document written here is keyed by a hash of its id and text rather than its text alone:
        its text may be a stub of its sentences, which must neither clash with nor pass for a full article
        with the same words; ingesting the article under the same id later replaces the stub.
        Mentions are not merged: they belong to the coding of a whole document.
        """
        doc = coded.document
        with self.db.transaction() as db:
            if db.one("SELECT 1 FROM documents WHERE id = ?", (doc.id,)) is None:
                _insert_document(db, doc, content_hash(f"{doc.id}\n{doc.text}"), 0, 0)
            stored = {row["idx"] for row in db.query("SELECT idx FROM sentences WHERE doc_id = ?", (doc.id,))}
            sentences = [s for s in coded.sentences if s.index not in stored]
            _insert_sentences(db, doc.id, sentences)
            keys = {(row["sentence_idx"], row["trigger_start"], row["type"]) for row in db.query(
                "SELECT sentence_idx, trigger_start, type FROM events WHERE doc_id = ?", (doc.id,))}
            added = 0
            for event in coded.events:
                key = (event.sentence_index, event.trigger.start, event.type)
                if key not in keys:
                    keys.add(key)
                    _insert_event(db, event)
                    added += 1
            db.execute("UPDATE documents SET n_sentences = n_sentences + ?, n_events = n_events + ? WHERE id = ?",
                       (len(sentences), added, doc.id))
        return added

    def add_error(self, error: IngestError) -> None:
        with self.db.transaction() as db:
            db.execute("INSERT INTO errors (path, line, reason, detail, skipped, at) VALUES (?,?,?,?,?,?)",
                       (error.path, error.line, error.reason, error.detail, int(error.skipped), _now()))

    # -- reading ---------------------------------------------------------------------------

    def events(self, where: EventFilter | None = None) -> list[Event]:
        """Events matching a filter, in document and sentence order.

        Raises :class:`BadSearch` when the backend cannot parse ``where.search``.
        """
        return [event for _, event in self.numbered_events(where)]

    def numbered_events(self, where: EventFilter | None = None) -> list[tuple[int, Event]]:
        """:meth:`events` with each event's row id: the ``event_id`` of the analysis frames and exports."""
        where = where or EventFilter()
        sql, params = _event_query(where, self.db.search_condition)
        try:
            rows = self.db.query(sql, params)
        except self.db.search_errors as exc:
            if where.search:
                raise BadSearch(str(exc)) from exc
            raise
        return [(row["id"], _event_from_row(row)) for row in rows]

    def documents(self) -> list[dict[str, Any]]:
        rows = self.db.query("SELECT id, title, source, published, url, path, n_sentences, n_events"
                             " FROM documents ORDER BY published NULLS FIRST, id")
        return [dict(row) for row in rows]

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.db.one("SELECT * FROM documents WHERE id = ?", (doc_id,))
        return dict(row) if row else None

    def errors(self) -> list[IngestError]:
        rows = self.db.query("SELECT path, reason, line, detail, skipped FROM errors ORDER BY id")
        return [IngestError(r["path"], r["reason"], r["line"], r["detail"], bool(r["skipped"])) for r in rows]

    def counts(self) -> dict[str, int]:
        """How many documents, sentences, mentions and events the store holds."""
        return {table: self.db.one(f"SELECT count(*) AS n FROM {table}")["n"]
                for table in ("documents", "sentences", "mentions", "events", "errors")}

    def events_by_type(self, *, factual_only: bool = True) -> dict[str, int]:
        sql = "SELECT type, count(*) AS n FROM events" + (" WHERE factual = 1" if factual_only else "")
        return {r["type"]: r["n"] for r in self.db.query(sql + " GROUP BY type ORDER BY n DESC, type")}

    def top_dyads(self, limit: int = 10) -> list[tuple[str, str, int, float]]:
        """Most frequent (actor country, recipient country) pairs among factual events, with net score."""
        rows = self.db.query(
            "SELECT a.country AS actor, r.country AS recipient, count(DISTINCT e.id) AS n,"
            " sum(e.intensity) AS net FROM events e"
            " JOIN participants a ON a.event_id = e.id AND a.role = 'actor'"
            " JOIN participants r ON r.event_id = e.id AND r.role = 'recipient'"
            " WHERE e.factual = 1 AND a.country IS NOT NULL AND r.country IS NOT NULL"
            " AND a.country != r.country"
            " GROUP BY a.country, r.country ORDER BY n DESC, net, a.country, r.country LIMIT ?", (limit,))
        return [(r["actor"], r["recipient"], r["n"], round(r["net"], 1)) for r in rows]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _insert_document(db: Database, doc: Document, digest: str, n_sentences: int, n_events: int) -> None:
    db.execute(
        "INSERT INTO documents (id, content_hash, title, source, published, url, path, text,"
        " n_sentences, n_events, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (doc.id, digest, doc.title, doc.source, doc.published.isoformat() if doc.published else None, doc.url,
         doc.path, doc.text, n_sentences, n_events, _now()))


def _insert_sentences(db: Database, doc_id: str, sentences: Iterable[Sentence]) -> None:
    db.executemany(
        "INSERT INTO sentences (doc_id, idx, paragraph, start_char, end_char, text) VALUES (?,?,?,?,?,?)",
        [(doc_id, s.index, s.paragraph, s.start, s.end, s.text) for s in sentences])


def _insert_event(db: Database, event: Event) -> None:
    data = event.to_dict()
    event_id = db.one(
        "INSERT INTO events (doc_id, sentence_idx, type, mode, context, actor, recipient, actor_codes,"
        " recipient_codes, date, date_precision, date_text, sort_date, historical, negated, hypothetical,"
        " future, factual, intensity, quad_class, cameo_root, cameo_code, goldstein, trigger_text,"
        " trigger_start, trigger_end, rule, confidence, location)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
        (event.doc_id, event.sentence_index, event.type, event.mode, json.dumps(event.context),
         json.dumps(data["actor"]), json.dumps(data["recipient"]), "|".join(event.actor_codes()),
         "|".join(event.recipient_codes()), event.date, event.date_precision, event.date_text,
         _sort_date(event.date), int(event.historical), int(event.negated), int(event.hypothetical),
         int(event.future), int(event.factual), event.intensity, event.quad_class, event.cameo_root,
         event.cameo_code, event.goldstein, event.trigger.text, event.trigger.start, event.trigger.end,
         event.rule, event.confidence, json.dumps(data["location"]) if event.location else None))["id"]
    rows = [(event_id, side, pos, e.text, e.name, e.country, e.sector, e.id, e.start, e.end)
            for side, entities in (("actor", event.actor), ("recipient", event.recipient))
            for pos, e in enumerate(entities)]
    db.executemany("INSERT INTO participants VALUES (?,?,?,?,?,?,?,?,?,?)", rows)


def _sort_date(value: str | None) -> str | None:
    """A sortable first day for a date at any precision ("1828" -> "1828-01-01")."""
    if not value:
        return None
    parts = value.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _event_query(where: EventFilter, search_condition: str) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.doc_id:
        clauses.append("e.doc_id = ?")
        params.append(where.doc_id)
    if where.type:
        clauses.append("e.type = ?")
        params.append(where.type.upper())
    if where.quad_class:
        clauses.append("e.quad_class = ?")
        params.append(where.quad_class)
    for side, code in (("actor", where.actor), ("recipient", where.recipient)):
        if code:  # two indexed look-ups (country, entity id) rather than one scan with OR
            clauses.append("e.id IN (SELECT event_id FROM participants WHERE role = ? AND country = ?"
                           " UNION SELECT event_id FROM participants WHERE role = ? AND entity_id = ?)")
            params.extend([side, code, side, code])
    if where.source:
        clauses.append("d.source = ?")
        params.append(where.source)
    if where.since:
        clauses.append("e.sort_date >= ?")
        params.append(_sort_date(where.since))
    if where.until:
        clauses.append("e.sort_date <= ?")
        params.append(_sort_date(where.until))
    if where.factual_only:
        clauses.append("e.factual = 1")
    if where.search:
        clauses.append(search_condition)
        params.append(where.search)
    sql = ("SELECT e.*, s.text AS sentence FROM events e JOIN documents d ON d.id = e.doc_id"
           " JOIN sentences s ON s.doc_id = e.doc_id AND s.idx = e.sentence_idx")
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    sql += " ORDER BY d.published NULLS FIRST, e.doc_id, e.sentence_idx, e.trigger_start"
    if where.limit:
        sql += " LIMIT ?"
        params.append(where.limit)
    return sql, params


def _event_from_row(row: Any) -> Event:
    return Event.from_dict({
        "doc_id": row["doc_id"], "sentence_index": row["sentence_idx"], "sentence": row["sentence"],
        "type": row["type"], "mode": row["mode"], "context": json.loads(row["context"]),
        "actor": json.loads(row["actor"]), "recipient": json.loads(row["recipient"]),
        "trigger": {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "rule": row["rule"], "date": row["date"], "date_precision": row["date_precision"],
        "date_text": row["date_text"], "historical": bool(row["historical"]), "negated": bool(row["negated"]),
        "hypothetical": bool(row["hypothetical"]), "future": bool(row["future"]),
        "intensity": row["intensity"], "quad_class": row["quad_class"], "cameo_root": row["cameo_root"],
        "cameo_code": row["cameo_code"], "goldstein": row["goldstein"], "confidence": row["confidence"],
        "location": json.loads(row["location"]) if row["location"] else None,
    })
