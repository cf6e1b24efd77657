"""The bad-input corpus (tests/bad_inputs): every file gives exactly the documents and errors that
expected.yaml lists, read alone, as a folder, and all the way into a database."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from realpolitik.ingest import read_paths, split_for_parser
from realpolitik.model import Document, IngestError
from realpolitik.store import Store

CORPUS = Path(__file__).parent / "bad_inputs"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
CAP = EXPECTED["max_bytes"]
FILES: dict[str, list[dict]] = EXPECTED["files"]


def test_every_file_in_the_corpus_has_an_expectation():
    present = {p.name for p in CORPUS.iterdir()} - {"expected.yaml"}
    assert present == set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_bad_input_gives_the_expected_items(name):
    items = list(read_paths([CORPUS / name], max_bytes=CAP))
    expected = FILES[name]
    assert [_kind(i) for i in items] == [_kind_expected(e) for e in expected], [_describe(i) for i in items]
    for item, want in zip(items, expected, strict=True):
        if isinstance(item, IngestError):
            assert item.path == str(CORPUS / name)
            assert item.line == want.get("line"), _describe(item)
            assert want.get("detail", "") in item.detail, _describe(item)
            continue
        assert "\r" not in item.text and item.text == item.text.strip()
        for text in want.get("contains", []):
            assert text in item.text, (text, item.text[:300])
        for text in want.get("absent", []):
            assert text not in item.text, (text, item.text[:300])
        for key in ("title", "source"):
            if key in want:
                assert getattr(item, key) == want[key], key
        if "published" in want:
            assert (str(item.published) if item.published else None) == want["published"]
        if "split" in want:
            _check_split(item.text, want["split"]["limit"], want["split"]["parts"])


def _check_split(text: str, limit: int, at_least: int) -> None:
    parts = split_for_parser(text, limit)
    assert "".join(parts) == text and len(parts) >= at_least
    assert all(0 < len(p) <= limit for p in parts)
    if "\n\n" in text:
        assert all(p.endswith("\n\n") for p in parts[:-1])


def test_the_corpus_read_as_a_folder_gives_the_same_documents():
    items = list(read_paths([CORPUS], max_bytes=CAP))
    docs = [i.id for i in items if isinstance(i, Document)]
    assert docs == [e["document"] for name in sorted(FILES) for e in FILES[name] if "document" in e]
    skipped = {Path(i.path).name for i in items if isinstance(i, IngestError) and i.reason.startswith("unsupported")}
    assert skipped == {"README", "data.csv", "expected.yaml"}  # in a folder these are passed over, not failures
    assert all(i.skipped for i in items if isinstance(i, IngestError) and i.reason.startswith("unsupported"))


def test_the_corpus_ingests_into_a_consistent_database(tmp_path, coder, monkeypatch):
    monkeypatch.setenv("REALPOLITIK_MAX_BYTES", str(CAP))
    with Store(tmp_path / "corpus.db") as store:
        report = store.ingest([CORPUS], coder=coder)
        counts = store.counts()
        stored_errors = store.errors()
        orphans = store.db.execute(
            "SELECT count(*) FROM documents d WHERE n_sentences !="
            " (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)").fetchone()[0]
    expected_docs = sum("document" in e for items in FILES.values() for e in items)
    # plain_article, utf8_bom_crlf, utf16le_bom and utf16be_no_bom decode to one text: stored once.
    assert (report.ingested, report.unchanged) == (expected_docs - 3, 3)
    assert report.failed == sum("error" in e for name, items in FILES.items() for e in items
                                if name not in ("README", "data.csv"))
    assert report.skipped == sum("skipped" in e for items in FILES.values() for e in items) + 3
    assert counts["documents"] == report.ingested and len(stored_errors) == report.failed + report.skipped
    assert orphans == 0


def _kind(item: Document | IngestError) -> tuple[str, str]:
    if isinstance(item, Document):
        return ("document", item.id)
    return ("skipped" if item.skipped else "error", item.reason)


def _kind_expected(want: dict) -> tuple[str, str]:
    for kind in ("document", "error", "skipped"):
        if kind in want:
            return (kind, str(want[kind]))
    raise AssertionError(f"expected item without document/error/skipped: {want}")


def _describe(item: Document | IngestError) -> str:
    if isinstance(item, Document):
        return f"document {item.id}: {item.text[:60]!r}"
    return f"{'skipped' if item.skipped else 'error'} line {item.line}: {item.reason} ({item.detail})"
