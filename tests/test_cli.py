"""The command line, as a user runs it."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from realpolitik.cli import main

SCRIPT = Path(sys.executable).parent / "realpolitik"
ACCEPTANCE = ("On 24 November the United States and the European Union reached an interim accord with Tehran "
              "on its nuclear programme.")


def test_console_script_codes_the_acceptance_sentence_as_jsonl():
    result = subprocess.run([str(SCRIPT), "code", ACCEPTANCE, "--published", "2013-12-04", "--format", "jsonl"],
                            capture_output=True, text=True, check=True)
    events = [json.loads(line) for line in result.stdout.splitlines()]
    agree = [e for e in events if e["type"] == "AGREE"]
    assert len(agree) == 1
    event = agree[0]
    assert [a["country"] for a in event["actor"]][:1] == ["USA"]
    assert [r["country"] for r in event["recipient"]] == ["IRN"]
    assert event["date"] == "2013-11-24"
    for key in ("doc_id", "sentence", "sentence_index", "type", "mode", "context", "actor", "recipient", "date",
                "date_precision", "negated", "hypothetical", "intensity", "quad_class", "cameo_root", "goldstein",
                "trigger", "rule"):
        assert key in event
    for key in ("text", "name", "country", "sector"):
        assert key in event["actor"][0] or key == "sector"


def test_code_explain_shows_the_parse_path():
    result = CliRunner().invoke(main, ["code", "Iran accused Israel of sabotage.", "--explain"])
    assert result.exit_code == 0, result.output
    assert "ACCUSE" in result.output
    assert "-nsubj->" in result.output and "Israel" in result.output


def test_bad_published_date_is_a_clear_usage_error():
    result = CliRunner().invoke(main, ["code", "Iran met Russia.", "--published", "24/11/2013"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_ingest_then_events_in_every_format(tmp_path):
    (tmp_path / "a.txt").write_text("Israel and Hezbollah agreed to a ceasefire.\n\nIran condemned Israel.",
                                    encoding="utf-8")
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", db, "--published", "2006-08-14"])
    assert result.exit_code == 0, result.output
    assert "1 ingested, 0 failed, 0 skipped" in result.output
    jsonl = runner.invoke(main, ["events", "--db", db, "--format", "jsonl"]).output
    types = sorted(json.loads(line)["type"] for line in jsonl.splitlines())
    assert "ACCUSE" in types
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["events", "--db", db, "--format", "csv"]).output)))
    assert list(rows[0])[:3] == ["doc_id", "sentence_index", "date"]
    assert sorted(row["type"] for row in rows) == types
    table = runner.invoke(main, ["events", "--db", db, "--type", "ACCUSE"]).output
    assert "IRN" in table and "ISR" in table


def test_ingest_exits_non_zero_when_an_input_fails(tmp_path):
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "bad.jsonl"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "0 ingested, 1 failed, 0 skipped" in result.output


def test_ingest_shows_progress_unless_quiet(tmp_path):
    (tmp_path / "a.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    runner = CliRunner()
    loud = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "1.db")])
    assert "1 documents," in loud.output and "documents/s" in loud.output
    quiet = runner.invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "2.db"), "--quiet"])
    assert "documents/s" not in quiet.output and "1 ingested" in quiet.output
