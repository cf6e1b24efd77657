"""The database schema, shared by every backend.

Tables:

``documents``     one row per article, keyed by ``id``; ``content_hash`` is unique, so the same
                  text is stored once whatever it is called;
``sentences``     every sentence with its character span and paragraph;
``mentions``      every actor mention the gazetteer resolved, with its character span;
``events``        one row per coded event, with actor and recipient lists as JSON and the
                  character spans of the trigger; ``participants`` repeats each actor and
                  recipient as a row so that dyad queries are plain SQL with indexes;
``errors``        inputs that did not become documents, with the reason.
"""

SCHEMA_VERSION = 1

TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    source TEXT,
    published TEXT,
    url TEXT,
    path TEXT,
    text TEXT NOT NULL,
    n_sentences INTEGER NOT NULL,
    n_events INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    entity_id TEXT,
    role TEXT,
    kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE INDEX IF NOT EXISTS mentions_country ON mentions (country);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    sentence_idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    mode TEXT NOT NULL,
    context TEXT NOT NULL,
    actor TEXT NOT NULL,
    recipient TEXT NOT NULL,
    actor_codes TEXT NOT NULL,
    recipient_codes TEXT NOT NULL,
    date TEXT,
    date_precision TEXT NOT NULL,
    date_text TEXT NOT NULL,
    sort_date TEXT,
    historical INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    hypothetical INTEGER NOT NULL,
    future INTEGER NOT NULL,
    factual INTEGER NOT NULL,
    intensity REAL NOT NULL,
    quad_class INTEGER NOT NULL,
    cameo_root TEXT NOT NULL,
    cameo_code TEXT NOT NULL,
    goldstein REAL NOT NULL,
    trigger_text TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    rule TEXT NOT NULL,
    confidence REAL NOT NULL,
    location TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id);
CREATE INDEX IF NOT EXISTS events_type ON events (type);
CREATE INDEX IF NOT EXISTS events_date ON events (sort_date);
CREATE TABLE IF NOT EXISTS participants (
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    sector TEXT,
    entity_id TEXT,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_event ON participants (event_id);
CREATE INDEX IF NOT EXISTS participants_country ON participants (country, role);
CREATE INDEX IF NOT EXISTS participants_entity ON participants (entity_id, role);
CREATE TABLE IF NOT EXISTS errors (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL,
    detail TEXT NOT NULL,
    skipped INTEGER NOT NULL,
    at TEXT NOT NULL
);
"""

#: Full-text search over sentences (SQLite FTS5): the web event list and `events --search` use it.
SQLITE_FTS = """
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
    text, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'porter unicode61'
);
"""
