"""Exports: views as tables, CSV, JSON; GDELT-style rows; Parquet; GraphML and GEXF for Gephi."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import click
import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from realpolitik import Document, Store
from realpolitik.analysis.commands import COMMANDS
from realpolitik.analysis.exports import event_rows, export, gdelt_rows, import_parquet, selected_events
from realpolitik.export import CSV_COLUMNS, GDELT_COLUMNS, write_frame, write_graph, write_jsonl
from realpolitik.model import Event
from tests.test_analysis import world


@pytest.fixture(scope="module")
def crisis(module_databases):
    with world(module_databases.new()) as opened:
        yield opened


def _run(store, *args: str) -> click.testing.Result:
    group = click.Group("realpolitik")
    for command in COMMANDS:
        group.add_command(command)
    return CliRunner().invoke(group, [*args, "--db", store.target])


# -- views -------------------------------------------------------------------------------------------

FRAME = pd.DataFrame({"a": ["IRN", "USA"], "b": ["ISR", "IRN"], "net": [-9.0, None], "note": ["x" * 80, "ok"]})


def test_write_frame_writes_each_format_readably():
    out = io.StringIO()
    assert write_frame(FRAME, "csv", out) == 2
    first = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert first == {"a": "IRN", "b": "ISR", "net": "-9.0", "note": "x" * 80}
    out = io.StringIO()
    write_frame(FRAME, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert records[1] == {"a": "USA", "b": "IRN", "net": None, "note": "ok"}
    out = io.StringIO()
    write_frame(FRAME, "json", out)
    assert json.loads(out.getvalue()) == records
    out = io.StringIO()
    write_frame(FRAME, "table", out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["a", "b", "net", "note"] and "..." in lines[1] and len(lines[1]) < 90


def test_write_frame_says_when_nothing_matches_and_rejects_unknown_formats():
    out = io.StringIO()
    write_frame(FRAME.iloc[0:0], "table", out)
    assert out.getvalue() == "(nothing matches)\n"
    with pytest.raises(ValueError, match="unknown format"):
        write_frame(FRAME, "xml", io.StringIO())


# -- GDELT-style rows --------------------------------------------------------------------------------


def test_gdelt_rows_are_dyadic_with_cameo_goldstein_quad_class_and_report_counts(crisis):
    rows = gdelt_rows(crisis)
    assert list(rows.columns) == list(GDELT_COLUMNS)
    attack = rows[(rows["Actor1CountryCode"] == "IRN") & (rows["Actor2CountryCode"] == "ISR")]
    assert len(attack) == 1  # one story, reported three times
    attack = attack.iloc[0]
    assert (attack["SQLDATE"], attack["MonthYear"], attack["Year"]) == ("20240413", "202404", 2024)
    assert (attack["EventRootCode"], attack["QuadClass"], attack["GoldsteinScale"]) == ("18", 4, -9.0)
    assert (attack["NumMentions"], attack["NumSources"], attack["NumArticles"]) == (3, 3, 3)
    assert attack["SOURCEURL"] == "https://example.org/wire-1"
    group = rows[rows["Actor1Name"] == "Hezbollah"].iloc[0]
    assert (group["Actor1Code"], group["Actor1CountryCode"]) == ("LBNREB", "LBN")


def test_gdelt_rows_leave_out_flagged_events_and_keep_events_without_recipient(crisis):
    rows = gdelt_rows(crisis, count="mentions")
    assert not ((rows["Actor1CountryCode"] == "USA") & (rows["Actor2CountryCode"] == "IRN")).any()  # hypothetical
    assert (rows["PloverType"] == "ASSAULT").sum() == 5  # three reports of one attack, Hezbollah's, Israel's
    agreement = rows[(rows["PloverType"] == "AGREE") & (rows["Actor2Code"] == "")]
    assert sorted(agreement["Actor1CountryCode"]) == ["IRN", "RUS"]
    coarse = rows[rows["PloverType"] == "COOPERATE"].iloc[0]
    assert (coarse["SQLDATE"], coarse["DatePrecision"]) == ("20230101", "year")


def test_gdelt_export_is_tab_separated_with_a_header(crisis):
    result = _run(crisis, "export", "--format", "gdelt", "--count", "stories")
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.output), delimiter="\t"))
    assert tuple(table[0]) == GDELT_COLUMNS
    assert all(len(line) == len(GDELT_COLUMNS) for line in table)


# -- events: JSONL, CSV, Parquet ---------------------------------------------------------------------


def test_exported_events_are_the_stored_events_or_one_per_story(crisis):
    every = selected_events(crisis)
    assert [e.to_dict() for e in every] == [e.to_dict() for e in crisis.events()]
    per_story = selected_events(crisis, count="stories")
    assert len(every) == 18 and len(per_story) == 14
    attack = [e for e in per_story if e.type == "ASSAULT" and e.actor_codes() == ["IRN"] and not e.negated]
    assert [(e.doc_id, e.date) for e in attack] == [("wire-1", "2024-04-13")]  # the story's anchor


def test_jsonl_and_csv_exports_keep_the_event_contract(crisis, tmp_path):
    result = _run(crisis, "export", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    events = [Event.from_dict(json.loads(line)) for line in result.output.splitlines()]
    expected = io.StringIO()
    write_jsonl(crisis.events(), expected)
    assert result.output == expected.getvalue() and len(events) == 18
    path = tmp_path / "events.csv"
    result = _run(crisis, "export", "--format", "csv", "--count", "stories", "--out", str(path))
    assert result.exit_code == 0, result.output
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        assert len(list(reader)) == 14


def test_parquet_round_trips_with_lists_of_actors(crisis, tmp_path):
    path = tmp_path / "events.parquet"
    assert export(crisis, "parquet", path, count="stories") == 14
    table = pq.read_table(path).to_pandas()
    assert len(table) == 14 and set(table["type"]) >= {"ASSAULT", "AGREE", "AID"}
    attack = table[(table["type"] == "ASSAULT") & (table["mentions"] == 3)].iloc[0]
    assert list(attack["actors"]) == ["IRN"] and list(attack["recipients"]) == ["ISR"]
    assert list(event_rows(crisis).columns) == list(table.columns)


def test_a_parquet_export_imports_into_a_fresh_store_with_the_same_events_once(crisis, databases, tmp_path):
    path = tmp_path / "events.parquet"
    export(crisis, "parquet", path)
    with Store(databases.new()) as fresh:
        assert import_parquet(fresh, path) == 18
        assert [e.to_dict() for e in fresh.events()] == [e.to_dict() for e in crisis.events()]
        assert import_parquet(fresh, path) == 0
        assert fresh.counts()["events"] == 18 and fresh.counts()["documents"] == 3
        assert fresh.document("wire-1")["url"] == "https://example.org/wire-1"
    assert import_parquet(crisis, path) == 0  # back into the store it came from: all there already


def test_imported_stub_documents_keep_every_span_on_its_words(databases, tmp_path, coder):
    article = Document("oslo", "Ministers met in Oslo on Tuesday.\n\nNorway condemned Russia over the strike on"
                               " Kharkiv. Later the Kremlin accused Norway of meddling.",
                       source="North Desk", published=date(2024, 5, 8))
    with Store(databases.new()) as source:
        source.ingest_items([article], coder=coder)
        export(source, "parquet", tmp_path / "oslo.parquet")
        coded = source.events()
    assert len({e.sentence_index for e in coded}) >= 2  # later sentences sit at offsets past the first
    with Store(databases.new()) as fresh:
        assert import_parquet(fresh, tmp_path / "oslo.parquet") == len(coded)
        stub = fresh.document("oslo")
        assert stub["source"] == "North Desk" and stub["n_events"] == len(coded)
        for event in fresh.events():
            assert stub["text"][event.trigger.start:event.trigger.end] == event.trigger.text
            for entity in event.actor + event.recipient:
                assert stub["text"][entity.start:entity.end] == entity.text
        replaced = fresh.ingest_items([article], coder=coder)
        assert replaced.ingested == 1 and fresh.document("oslo")["text"] == article.text  # it replaces its stub
        assert [e.to_dict() for e in fresh.events()] == [e.to_dict() for e in coded]


def test_parquet_exports_read_with_pandas(crisis, tmp_path):
    path = tmp_path / "events.parquet"
    export(crisis, "parquet", path)
    frame = pd.read_parquet(path)
    conflict = frame[frame["factual"] & (frame["quad_class"] == 4)].explode("actors")
    by_actor = conflict.groupby("actors")["intensity"].sum()
    assert by_actor["IRN"] < by_actor["ISR"] < 0
    assert {e["trigger"]["text"] for e in frame["event"]} >= {"assault", "agree"}


def test_import_events_command_reports_what_it_added(crisis, databases, tmp_path):
    path = tmp_path / "events.parquet"
    export(crisis, "parquet", path)
    target = databases.new()
    group = click.Group("realpolitik")
    for command in COMMANDS:
        group.add_command(command)
    first = CliRunner().invoke(group, ["import-events", str(path), "--db", target])
    again = CliRunner().invoke(group, ["import-events", str(path), "--db", target])
    assert (first.exit_code, again.exit_code) == (0, 0), first.output + again.output
    assert "18 new events" in first.output and "0 new events" in again.output
    flat = tmp_path / "flat.parquet"
    pd.DataFrame({"doc_id": ["a"], "type": ["AGREE"]}).to_parquet(flat)
    refused = CliRunner().invoke(group, ["import-events", str(flat), "--db", target])
    assert refused.exit_code != 0 and "not an event export" in refused.output


def test_binary_and_graph_formats_need_a_file(crisis):
    result = _run(crisis, "export", "--format", "parquet")
    assert result.exit_code != 0 and "needs a file" in result.output
    with pytest.raises(ValueError, match="unknown format"):
        export(crisis, "xlsx", None)


# -- the network for Gephi ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_network_files_load_back_with_signs_blocs_and_names(crisis, tmp_path, fmt, read):
    path = tmp_path / f"net.{fmt}"
    result = _run(crisis, "export", "--format", fmt, "--count", "stories", "--out", str(path))
    assert result.exit_code == 0, result.output
    graph = read(path)
    if fmt == "gexf":
        graph = nx.relabel_nodes(graph, {node: data.get("label", node) for node, data in graph.nodes(data=True)})
    tie = graph.edges["IRN", "ISR"]
    assert (float(tie["weight"]), float(tie["net"]), int(tie["sign"])) == (18.0, -18.0, -1)
    assert int(graph.edges["ISR", "USA"]["sign"]) == 1
    assert graph.nodes["IRN"]["name"] == "Iran"
    assert graph.nodes["IRN"]["bloc"] == graph.nodes["RUS"]["bloc"] != graph.nodes["ISR"]["bloc"]


def test_write_graph_leaves_the_callers_graph_signed():
    graph = nx.Graph()
    graph.add_edge("A", "B", weight=-3.0, events=1)
    graph.add_node("C", name=None)
    path_count = write_graph(graph, "graphml", io.BytesIO())
    assert path_count == 1 and graph.edges["A", "B"]["weight"] == -3.0
