import json
import sqlite3

import pytest

from realpolitik import Store
from realpolitik.store import BadSearch, EventFilter

ARTICLE = ("Saudi Arabia cut diplomatic ties with Iran on Sunday, the foreign ministry in Riyadh said.\n\n"
           "Bahrain also expelled Iranian diplomats. Tehran accused Riyadh of fuelling sectarian hatred.")


@pytest.fixture()
def store(tmp_path, coder, databases):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ties.jsonl").write_text(
        json.dumps({"id": "ties", "text": ARTICLE, "published": "2016-01-05", "source": "Gulf Wire"}) + "\n",
        encoding="utf-8")
    with Store(databases.new()) as s:
        s.report = s.ingest([tmp_path / "in"], coder=coder)
        yield s


def test_ingest_stores_documents_sentences_mentions_and_events(store):
    counts = store.counts()
    assert store.report.ingested == 1 and store.report.failed == 0
    assert counts["documents"] == 1
    assert counts["sentences"] == 3
    assert counts["mentions"] >= 5
    assert counts["events"] == store.report.events >= 2


def test_every_event_points_back_to_its_words(store):
    document = store.document("ties")
    for event in store.events():
        assert event.doc_id == "ties"
        text = document["text"]
        assert text[event.trigger.start:event.trigger.end] == event.trigger.text
        for entity in event.actor + event.recipient:
            assert text[entity.start:entity.end] == entity.text
        assert event.sentence in text


def test_reingesting_the_same_document_does_not_duplicate_it(store, tmp_path, coder):
    before = store.counts()
    report = store.ingest([tmp_path / "in"], coder=coder)
    assert (report.ingested, report.unchanged) == (0, 1)
    assert store.counts() == before


def test_changed_text_under_the_same_path_replaces_the_document(store, tmp_path, coder):
    (tmp_path / "in" / "ties.jsonl").write_text(
        json.dumps({"id": "ties", "text": "Iran condemned Saudi Arabia.", "published": "2016-01-06"}) + "\n",
        encoding="utf-8")
    store.ingest([tmp_path / "in"], coder=coder)
    assert store.counts()["documents"] == 1
    assert [e.type for e in store.events()] == ["ACCUSE"]


def test_filters_select_events(store):
    sanctions = store.events(EventFilter(type="SANCTION"))
    assert sanctions and all(e.type == "SANCTION" for e in sanctions)
    assert all("IRN" in e.recipient_codes() for e in store.events(EventFilter(recipient="IRN")))
    assert store.events(EventFilter(search="sectarian"))[0].type == "ACCUSE"
    assert store.events(EventFilter(source="Nobody")) == []


def test_sqlite_database_is_in_wal_mode_with_the_documented_tables(tmp_path):
    with Store(tmp_path / "wal.db"):
        pass
    db = sqlite3.connect(tmp_path / "wal.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "sentences", "mentions", "events", "participants", "errors"} <= tables


def test_ingestion_errors_are_stored(tmp_path, coder, databases):
    (tmp_path / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    with Store(databases.new()) as s:
        report = s.ingest([tmp_path / "bad.jsonl"], coder=coder)
        assert report.failed == 1
        assert [(e.path.endswith("bad.jsonl"), e.line) for e in s.errors()] == [(True, 1)]


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    from realpolitik.store import default_db_path

    monkeypatch.setenv("REALPOLITIK_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("REALPOLITIK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_db_path() == tmp_path / "realpolitik" / "realpolitik.db"
    monkeypatch.setenv("REALPOLITIK_DB", "postgresql://analyst@db.example/news")
    assert default_db_path() == "postgresql://analyst@db.example/news"  # a Path would fold the //


def test_the_same_text_twice_in_one_run_is_stored_once(coder, databases):
    from realpolitik import Document

    docs = [Document("a", "Iran condemned Israel."), Document("b", "Iran condemned Israel."),
            Document("c", "Russia met China.")]
    with Store(databases.new()) as s:
        report = s.ingest_items(docs, coder=coder)
        assert (report.ingested, report.unchanged) == (2, 1)
        assert s.counts()["documents"] == 2


def test_progress_is_reported_after_each_document(coder, databases):
    from realpolitik import Document

    seen: list[int] = []
    with Store(databases.new()) as s:
        s.ingest_items([Document("a", "Iran met Russia."), Document("b", "China met Iran.")], coder=coder,
                       progress=seen.append)
    assert seen == [1, 2]


def test_a_store_opened_again_finds_what_was_written(store):
    before = store.counts()
    with Store(store.target) as again:
        assert again.counts() == before
        assert [e.to_dict() for e in again.events()] == [e.to_dict() for e in store.events()]


def test_search_matches_other_forms_of_a_word(store):
    assert [e.type for e in store.events(EventFilter(search="accuses"))] == ["ACCUSE"]  # "accused"
    assert store.events(EventFilter(search="embargo")) == []


def test_sqlite_rejects_a_search_it_cannot_parse_as_bad_search(tmp_path, coder):
    from realpolitik import Document

    with Store(tmp_path / "s.db") as s:
        s.ingest_items([Document("a", "Iran condemned Israel.")], coder=coder)
        with pytest.raises(BadSearch):
            s.events(EventFilter(search='"unbalanced'))


def test_raw_queries_take_question_marks_and_literal_percent_signs(store):
    rows = store.db.query("SELECT id, source FROM documents WHERE id LIKE ? AND source LIKE '%Wire'", ("ti%",))
    assert [(row[0], row["source"], dict(row)) for row in rows] == [
        ("ties", "Gulf Wire", {"id": "ties", "source": "Gulf Wire"})]
    frame = store.db.frame("SELECT type, count(*) AS n FROM events WHERE doc_id = ? GROUP BY type", ("ties",))
    assert list(frame.columns) == ["type", "n"] and frame["n"].sum() == store.counts()["events"]
