import json

from realpolitik.ingest import read_paths
from realpolitik.model import Document, IngestError

HTML = """<html><head><title>Talks resume in Vienna</title>
<meta property="article:published_time" content="2021-04-06"></head>
<body><nav>Home | World</nav><article><h1>Talks resume in Vienna</h1>
<p>Iranian and European diplomats met in Vienna on Tuesday to discuss a return to the nuclear deal, officials said.</p>
<p>The United States did not attend the meeting directly, but its envoy stayed in a nearby hotel.</p>
</article><footer>Copyright</footer></body></html>"""


def test_text_html_and_jsonl_files_become_documents(tmp_path):
    (tmp_path / "a.txt").write_text("Iran met Russia.\n\nChina watched.", encoding="utf-8")
    (tmp_path / "b.html").write_text(HTML, encoding="utf-8")
    sub = tmp_path / "nested"
    sub.mkdir()
    (sub / "c.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Turkey hosted talks.", "published": "2020-02-03", "source": "Wire",
                    "title": "T", "url": "http://example.org/x1"}) + "\n", encoding="utf-8")
    docs = {d.id: d for d in read_paths([tmp_path]) if isinstance(d, Document)}
    assert set(docs) == {"a", "b", "x1"}
    assert docs["a"].text == "Iran met Russia.\n\nChina watched."
    assert docs["b"].title == "Talks resume in Vienna"
    assert "Iranian and European diplomats" in docs["b"].text and "Copyright" not in docs["b"].text
    assert str(docs["b"].published) == "2021-04-06"
    assert (str(docs["x1"].published), docs["x1"].source, docs["x1"].url) == ("2020-02-03", "Wire",
                                                                              "http://example.org/x1")


def test_bad_jsonl_lines_are_errors_with_line_numbers_and_the_rest_is_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "ok1", "text": "Iran met Russia."}\n{not json\n{"id": "no-text"}\n'
                    '{"id": "ok2", "text": "Russia met China."}\n', encoding="utf-8")
    items = list(read_paths([path]))
    assert [i.id for i in items if isinstance(i, Document)] == ["ok1", "ok2"]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [(e.line, e.reason) for e in errors] == [(2, "invalid JSON"), (3, "missing field 'text'")]


def test_published_option_is_the_fallback_date_and_source_the_fallback_source(tmp_path):
    from datetime import date

    (tmp_path / "note.txt").write_text("Iran met Russia.", encoding="utf-8")
    (doc,) = read_paths([tmp_path / "note.txt"], published=date(2019, 1, 2), source="Desk")
    assert (doc.published, doc.source) == (date(2019, 1, 2), "Desk")


def test_missing_empty_and_unsupported_files_are_errors(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    items = list(read_paths([tmp_path / "empty.txt", tmp_path / "data.csv", tmp_path / "nope.txt"]))
    assert [i.reason.split()[0] for i in items] == ["empty", "unsupported", "not"]


def test_byte_order_mark_and_windows_line_endings_are_normalised(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffIran met Russia.\r\n\r\nChina watched.".encode())
    (doc,) = read_paths([tmp_path / "bom.txt"])
    assert doc.text == "Iran met Russia.\n\nChina watched."
