"""The count behind the progress line's total: it must match what the readers then yield, item for item."""

from __future__ import annotations

import json
from pathlib import Path

from realpolitik.ingest import read_paths
from realpolitik.ingest.counting import count_documents


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _record(n: int) -> str:
    return json.dumps({"id": f"r{n}", "text": f"Officials from Chile and Peru met in Lima for round {n} of talks."})


def test_a_folder_counts_as_many_items_as_it_is_read_into(tmp_path: Path) -> None:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "one.txt").write_text("Norway and Sweden signed a fisheries accord on Friday.", encoding="utf-8")
    (tmp_path / "nested" / "page.html").write_text(
        "<html><body><article><p>Canada recalled its ambassador from Ottawa's partner.</p></article></body></html>",
        encoding="utf-8")
    _jsonl(tmp_path / "nested" / "deeper" / "wire.jsonl", [_record(1), "", "{not json", _record(2), "   "])
    (tmp_path / "nested" / "notes.csv").write_text("a,b\n", encoding="utf-8")  # one skipped item
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("not read", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")  # one error: no records

    read = list(read_paths([tmp_path]))
    assert count_documents([tmp_path]) == len(read) == 7


def test_a_jsonl_file_counts_its_non_blank_lines(tmp_path: Path) -> None:
    corpus = _jsonl(tmp_path / "corpus.jsonl", [_record(n) for n in range(25)] + [""])
    missing = tmp_path / "missing.txt"
    assert count_documents([corpus]) == 25
    assert count_documents([corpus, corpus, missing]) == len(list(read_paths([corpus, corpus, missing]))) == 51


def test_json_files_count_as_the_reader_reads_them(tmp_path: Path) -> None:
    one_pretty = tmp_path / "one.json"
    one_pretty.write_text(json.dumps(json.loads(_record(1)), indent=2), encoding="utf-8")
    lines_in_json = _jsonl(tmp_path / "lines.json", [_record(1), _record(2), _record(3)])
    for path in (one_pretty, lines_in_json):
        assert count_documents([path]) == len(list(read_paths([path])))


def test_no_total_when_it_cannot_be_known_without_reading(tmp_path: Path) -> None:
    array = tmp_path / "array.json"
    array.write_text(json.dumps([json.loads(_record(1)), json.loads(_record(2))]), encoding="utf-8")
    wide = tmp_path / "wide.jsonl"
    wide.write_bytes(f"{_record(1)}\n{_record(2)}\n".encode("utf-16"))
    plain = _jsonl(tmp_path / "plain.jsonl", [_record(1)])
    assert count_documents([plain, array]) is None
    assert count_documents([wide]) is None
    assert count_documents([plain, "https://example.org/story"]) is None
