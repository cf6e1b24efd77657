"""Crash safety: an ingest killed with SIGKILL mid-run, serial or on Dask workers, leaves a consistent
database, and a rerun completes it without duplicates and without gaps."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from realpolitik.parallel import DEFAULT_BATCH_SIZE
from realpolitik.store import Store
from tests.helpers import canonical_dump

needs_sigkill = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
#: The environment for ingests run as separate processes: this checkout's sources first.
SOURCE_ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}

PAIRS = [("Iran", "Russia"), ("China", "India"), ("France", "Germany"), ("Egypt", "Israel"), ("Japan", "Korea")]
VERBS = ["met", "criticised", "signed an agreement with", "threatened", "sent aid to"]

INGEST = """
import sys
from realpolitik import Store, default_coder
with Store(sys.argv[1]) as store:
    store.ingest([sys.argv[2]], coder=default_coder())
"""


def _corpus(folder: Path, count: int, sentences: int = 6) -> Path:
    """``count`` distinct documents of ``sentences`` one-sentence paragraphs, in one JSON Lines file."""
    path = folder / "many.jsonl"
    lines = []
    for n in range(count):
        a, b = PAIRS[n % len(PAIRS)]
        verb = VERBS[(n // len(PAIRS)) % len(VERBS)]
        text = "\n\n".join(f"{a} {verb} {b} on Monday, officials said in statement {n}-{k}." for k in range(sentences))
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


def _kill_once_written(command: list[str], db: Path, at_least: int) -> None:
    """Run ``command`` and SIGKILL it as soon as ``db`` holds ``at_least`` documents, then wait until every
    process it started (Dask workers included) is gone: nothing may go on writing after the kill."""
    process = subprocess.Popen(command, env=SOURCE_ENV, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while _documents(db) < at_least and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert process.poll() is None, "the ingest finished before it could be killed: make the corpus bigger"
        children = psutil.Process(process.pid).children(recursive=True)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        deadline = time.monotonic() + 30
        while _running(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(children), "processes of the killed ingest outlived it"
    finally:
        with contextlib.suppress(ProcessLookupError):  # leave nothing behind, whatever failed above
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _running(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those still running (a zombie waiting for a parent that was killed has stopped)."""
    alive = []
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            if process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
    return alive


@needs_sigkill
def test_killing_an_ingest_leaves_a_consistent_database(tmp_path, coder):
    corpus = _corpus(tmp_path, 24)
    db = tmp_path / "crash.db"
    _kill_once_written([sys.executable, "-c", INGEST, str(db), str(corpus)], db, 3)
    stored = _assert_consistent(db)
    assert 3 <= stored < 24
    with Store(db) as store:
        report = store.ingest([corpus], coder=coder)
    assert (report.unchanged, report.ingested) == (stored, 24 - stored)
    assert _assert_consistent(db) == 24


@needs_sigkill
def test_a_killed_parallel_ingest_rerun_stores_what_an_uninterrupted_run_stores(tmp_path, coder):
    documents = 5 * DEFAULT_BATCH_SIZE  # when the first batch is being written, the other four are not done
    corpus = _corpus(tmp_path, documents, sentences=2)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "realpolitik.cli", "ingest", str(corpus), "--db", str(db), "--workers", "2",
               "--quiet"]
    _kill_once_written(command, db, 3)
    stored = _assert_consistent(db)
    assert 3 <= stored < documents

    rerun = subprocess.run(command, env=SOURCE_ENV, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{documents - stored} ingested, 0 failed, 0 skipped ({stored} unchanged" in rerun.stdout
    with Store(tmp_path / "uninterrupted.db") as store:
        store.ingest([corpus], coder=coder)
    assert _assert_consistent(db) == documents
    assert canonical_dump(db) == canonical_dump(tmp_path / "uninterrupted.db")
