"""The command line, as a user runs it."""

import csv
import io
import json
import re
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


def _wire(path: Path, numbers: range) -> None:
    """A JSON Lines file of short two-sentence reports, one per number."""
    pairs = [("Chile", "Peru"), ("Ghana", "Togo"), ("Nepal", "Bhutan")]
    records = [{"id": f"wire-{n}", "text": f"{pairs[n % 3][0]} met {pairs[n % 3][1]} in round {n} of talks."
                                          f" {pairs[n % 3][1]} thanked {pairs[n % 3][0]}."} for n in numbers]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _progress(stderr: str) -> list[str]:
    """The states the progress line went through that show a rate (it is redrawn in place with \\r)."""
    return [part.strip() for part in re.split(r"[\r\n]", stderr) if "documents/s" in part]


def test_ingest_progress_counts_up_to_a_total_with_rate_and_eta(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "notes.csv").write_text("a,b\n", encoding="utf-8")  # an input skipped as it is read
    _wire(corpus / "wire.jsonl", range(4))
    db = str(tmp_path / "x.db")
    lines = _progress(CliRunner().invoke(main, ["ingest", str(corpus), "--db", db]).stderr)
    duration = r"(\d+s|\d+m \d\ds|\d+h \d\dm)"
    running = re.compile(rf"(\d+)/5 documents, \d+\.\d documents/s, ETA {duration}$")
    assert [running.match(line).group(1) for line in lines[:-1]] == ["2", "3", "4", "5"]
    assert lines[-2].endswith("ETA 0s")
    assert re.match(rf"5/5 documents, \d+\.\d documents/s, done in {duration}$", lines[-1])

    # Resumed with two more reports: the four stored ones count as done as soon as they are read.
    _wire(corpus / "wire.jsonl", range(6))
    lines = _progress(CliRunner().invoke(main, ["ingest", str(corpus), "--db", db]).stderr)
    assert [line.split(" ", 1)[0] for line in lines] == ["6/7", "7/7", "7/7"]


def test_ingest_progress_without_a_countable_total_shows_no_eta(tmp_path):
    (tmp_path / "array.json").write_text(json.dumps([{"id": "a", "text": "Chile met Peru in Lima."}]),
                                         encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "array.json"), "--db", str(tmp_path / "x.db")])
    assert re.match(r"1 documents, \d+\.\d documents/s$", _progress(result.stderr)[0])


def test_quiet_ingest_prints_no_progress(tmp_path):
    (tmp_path / "a.txt").write_text("Iran condemned Israel.", encoding="utf-8")
    quiet = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert "documents" not in quiet.stderr and "1 ingested" in quiet.output
