"""Crash safety: an ingest killed with SIGKILL mid-run leaves a consistent database, and a rerun
completes it without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from realpolitik.store import Store

PAIRS = [("Iran", "Russia"), ("China", "India"), ("France", "Germany"), ("Egypt", "Israel"), ("Japan", "Korea")]
VERBS = ["met", "criticised", "signed an agreement with", "threatened", "sent aid to"]

INGEST = """
import sys
from realpolitik import Store, default_coder
with Store(sys.argv[1]) as store:
    store.ingest([sys.argv[2]], coder=default_coder())
"""


def _corpus(folder: Path, count: int) -> Path:
    path = folder / "many.jsonl"
    lines = []
    for n in range(count):
        a, b = PAIRS[n % len(PAIRS)]
        verb = VERBS[(n // len(PAIRS)) % len(VERBS)]
        text = "\n\n".join(f"{a} {verb} {b} on Monday, officials said in statement {n}-{k}." for k in range(6))
        lines.append(json.dumps({"id": f"doc-{n}", "text": text, "published": "2024-01-10"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _documents(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _assert_consistent(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        checks = {
            "sentences per document": "SELECT count(*) FROM documents d WHERE d.n_sentences !="
                                      " (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)",
            "events per document": "SELECT count(*) FROM documents d WHERE d.n_events !="
                                   " (SELECT count(*) FROM events e WHERE e.doc_id = d.id)",
            "orphan sentences": "SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT id FROM documents)",
            "orphan mentions": "SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents)",
            "orphan events": "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)",
            "orphan participants": "SELECT count(*) FROM participants WHERE event_id NOT IN (SELECT id FROM events)",
            "search index": "SELECT (SELECT count(*) FROM sentences) - (SELECT count(*) FROM sentences_fts)",
        }
        for name, sql in checks.items():
            assert conn.execute(sql).fetchone()[0] == 0, name
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_an_ingest_leaves_a_consistent_database(tmp_path, coder):
    corpus = _corpus(tmp_path, 24)
    db = tmp_path / "crash.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    process = subprocess.Popen([sys.executable, "-c", INGEST, str(db), str(corpus)], env=env)
    try:
        deadline = time.monotonic() + 120
        while _documents(db) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed: make the corpus bigger"
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    stored = _assert_consistent(db)
    assert 3 <= stored < 24
    with Store(db) as store:
        report = store.ingest([corpus], coder=coder)
    assert (report.unchanged, report.ingested) == (stored, 24 - stored)
    assert _assert_consistent(db) == 24
