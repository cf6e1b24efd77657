"""End to end over the bundled sample corpus: the demo a newcomer runs first."""

import json
import re
from datetime import date

import pytest
from click.testing import CliRunner

from realpolitik import Store
from realpolitik.cli import main
from realpolitik.evaluate import SAMPLE_CORPUS
from realpolitik.store import EventFilter


def articles():
    return [json.loads(line) for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_sample_corpus_has_the_promised_shape():
    docs = articles()
    assert len(docs) >= 12
    assert len({d["id"] for d in docs}) == len(docs)
    for doc in docs:
        words = len(re.findall(r"\S+", doc["text"]))
        assert 150 <= words <= 600, (doc["id"], words)
        assert date(1979, 1, 1) <= date.fromisoformat(doc["published"]) <= date(2026, 12, 31)
        assert doc["title"] and doc["source"]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, result.output


def test_demo_prints_a_summary(demo_db):
    _, output = demo_db
    assert f"{len(articles())} ingested, 0 failed, 0 skipped" in output
    assert "events by type" in output and "top dyads" in output
    assert re.search(r"documents: \d+\s+sentences: \d+", output)


def test_demo_twice_does_not_duplicate(demo_db):
    db, _ = demo_db
    with Store(db) as store:
        before = store.counts()
    result = CliRunner().invoke(main, ["demo", "--db", str(db)])
    assert "0 ingested" in result.output
    with Store(db) as store:
        assert store.counts() == before


def test_corpus_yields_the_events_a_reader_sees(demo_db):
    db, _ = demo_db
    with Store(db) as store:
        events = store.events()
        assert len(events) >= 100
        sanctions_on_iran = store.events(EventFilter(type="SANCTION", recipient="IRN"))
        assert any("USA" in e.actor_codes() for e in sanctions_on_iran)
        assaults = store.events(EventFilter(type="ASSAULT", actor="RUS", recipient="UKR"))
        assert assaults
        historical = [e for e in events if e.historical]
        assert historical, "the essays narrate history: some events must be historical"
        assert any(not e.factual for e in events), "hypotheticals and negations must be flagged"
