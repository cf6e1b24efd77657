"""Files, folders, encodings, languages, size caps and the parser splitter, case by case."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from realpolitik.ingest import (
    DEFAULT_MAX_BYTES,
    NotText,
    as_url,
    clean,
    decode,
    detect_language,
    parse_size,
    part_offsets,
    read_paths,
    split_for_parser,
)
from realpolitik.ingest.decoding import decode_as
from realpolitik.ingest.documents import max_bytes_setting
from realpolitik.ingest.html import _VisibleText, extract_html
from realpolitik.model import Document, IngestError

ENGLISH = ("Ministers from Ghana and Nigeria met in Abuja on Monday to discuss trade, and officials said that "
           "the talks would continue in Accra next month.")


def _one(items) -> Document | IngestError:
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# -- decoding -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "text"), [
    (codecs.BOM_UTF8 + "Zürich".encode(), "Zürich"),
    (codecs.BOM_UTF16_BE + "Zürich".encode("utf-16-be"), "Zürich"),
    (codecs.BOM_UTF32_LE + "Zürich".encode("utf-32-le"), "Zürich"),
    ("Iran and Iraq talked in Zürich".encode("utf-16-le"), "Iran and Iraq talked in Zürich"),
    ("“Café” talks — in Genève".encode("cp1252"), "“Café” talks — in Genève"),
    ("Kraków, Gdańsk, Poznań and Toruń ".encode() + "met “Zoë”".encode("cp1252"),
     "Kraków, Gdańsk, Poznań and Toruń met “Zoë”"),
    ("日本政府は火曜日に声明を発表した。".encode("shift_jis"), "日本政府は火曜日に声明を発表した。"),
])
def test_decode_reads_common_encodings(raw, text):
    assert clean(decode(raw)) == text


def test_html_meta_charset_is_used_when_the_bytes_are_not_utf8():
    page = '<meta charset="iso-8859-7"><p>Αθήνα</p>'.encode("iso-8859-7")
    assert "Αθήνα" in decode(page, html=True)
    assert decode_as("Zürich".encode("latin-1"), "latin-1") == "Zürich"
    assert decode_as("Zürich".encode(), "no-such-codec") == "Zürich"  # a wrong header falls back to detection


@pytest.mark.parametrize(("raw", "says"), [
    (b"%PDF-1.5\n...", "PDF"), (b"\x1f\x8b\x08\x00rest", "gzip"), (b"\x7fELF\x02\x01", "executable"),
    (b"SQLite format 3\x00....", "SQLite"), (b"abc\x00\x01\x02\x03def\x00\x00\xff", "NUL"),
    (bytes(range(1, 32)) * 20, "control characters"),
])
def test_decode_refuses_binary_and_says_what_it_is(raw, says):
    with pytest.raises(NotText, match=says):
        decode(raw)


def test_clean_normalises_line_endings_controls_and_composition():
    raw = "e\u0301te\u0301\r\nline\rnext\u2028sep\u2029para\x0cpage\x00\x1b[31mred\x1b[0m \x93q\x94\ufeff"
    assert clean(raw) == "été\nline\nnext\nsep\n\npara\n\npagered “q”"


# -- files and folders -----------------------------------------------------------------------


def test_folder_walk_skips_hidden_files_and_reports_other_types_as_skipped(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "IngestError"]
    assert (items[1].reason, items[1].skipped) == ("unsupported file type .jpg", True)


def test_a_folder_that_cannot_be_listed_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text(ENGLISH, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([tmp_path]))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [(e.path, e.reason, e.detail) for e in errors] == [(str(locked), "unreadable", "Permission denied")]
    assert sum(isinstance(i, Document) for i in items) == 1


def test_special_files_and_broken_links_are_errors(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    first, second = read_paths([fifo, tmp_path / "dangling.txt"])
    assert first.reason == "not a regular file"
    assert (second.reason, second.detail) == ("not found", "broken symbolic link")


def test_size_cap_from_argument_environment_and_default(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 10, encoding="utf-8")
    error = _one(read_paths([path], max_bytes=500))
    assert error.reason == "too large" and "limit is 500" in error.detail
    monkeypatch.setenv("REALPOLITIK_MAX_BYTES", "1k")
    assert _one(read_paths([path])).reason == "too large"
    monkeypatch.setenv("REALPOLITIK_MAX_BYTES", "2M")
    assert isinstance(_one(read_paths([path])), Document)
    monkeypatch.delenv("REALPOLITIK_MAX_BYTES")
    assert max_bytes_setting() == DEFAULT_MAX_BYTES
    monkeypatch.setenv("REALPOLITIK_MAX_BYTES", "lots")
    with pytest.raises(ValueError, match="REALPOLITIK_MAX_BYTES"):
        max_bytes_setting()


def test_parse_size():
    assert [parse_size(v) for v in ("5000", "500k", "10M", "1GiB", "2 mb", "7b")] == [
        5000, 512_000, 10 * 1024**2, 1024**3, 2 * 1024**2, 7]
    for bad in ("", "0", "ten", "-5", "5T"):
        with pytest.raises(ValueError):
            parse_size(bad)


def test_big_json_lines_files_are_streamed_and_only_long_lines_refused(tmp_path):
    path = tmp_path / "corpus.jsonl"
    records = [{"id": f"r{n}", "text": f"{ENGLISH} ({n})"} for n in range(40)]
    records[5]["text"] = ENGLISH * 20
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    items = list(read_paths([path], max_bytes=1000))  # the file is several times the cap
    assert sum(isinstance(i, Document) for i in items) == 39
    (error,) = [i for i in items if isinstance(i, IngestError)]
    assert (error.line, error.reason) == (6, "too large")


def test_a_pretty_printed_array_saved_as_jsonl_is_read(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps([{"id": "p1", "text": ENGLISH}, {"id": "p2", "text": ENGLISH + " Again."}], indent=2),
                    encoding="utf-8")
    assert [d.id for d in read_paths([path])] == ["p1", "p2"]
    path.write_text('[\n {"id": "ok", "text": "Chad met Niger."},\n {"id": "cut", "te', encoding="utf-8")
    ok, cut = read_paths([path])
    assert ok.id == "ok" and (cut.reason, cut.line) == ("invalid JSON", 3)


def test_urls_are_recognised_and_pathlib_damage_repaired(tmp_path):
    assert as_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert as_url(Path("https://example.org/news/1")) == "https://example.org/news/1"
    assert as_url("ftp://example.org/x") == "ftp://example.org/x"  # a URL, refused later as a scheme
    assert as_url(tmp_path / "notes.txt") is None
    local = tmp_path / "http:"
    local.mkdir()
    assert as_url(local) is None


# -- languages --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "code"), [
    (ENGLISH, "en"),
    ("Le ministre des Affaires étrangères a rencontré son homologue algérien mardi à Alger pour parler "
     "de la coopération énergétique.", "fr"),
    ("Il ministro degli Esteri ha incontrato ieri a Roma il suo omologo tunisino per discutere di "
     "migrazione e di controlli alle frontiere.", "it"),
    ("O ministro das Relações Exteriores recebeu nesta terça-feira em Brasília o chanceler argentino para "
     "discutir o comércio bilateral.", "pt"),
    ("Президент провёл переговоры с премьер-министром соседней страны о поставках газа и строительстве "
     "новой дороги.", "ru"),
    ("وصل وزير الخارجية إلى القاهرة صباح اليوم لإجراء محادثات مع نظيره المصري حول الأوضاع في المنطقة", "ar"),
    ("外交部长周二在北京会见了来访的邻国外长，双方就贸易和地区安全问题交换了意见。", "zh"),
    ("Putin, Erdogan, Macron, Scholz, Modi", "en"),  # names only: too little to judge
    ("Iran met Russia.", "en"),
    ("The Kremlin said that President Putin had told reporters: «Мы готовы к переговорам с Украиной без "
     "предварительных условий», and the statement was welcomed by officials in Ankara, who have offered "
     "to host the talks.", "en"),  # an English article quoting Russian
])
def test_language_detection(text, code):
    assert detect_language(text) == code


def test_non_english_files_are_skipped_with_the_language(tmp_path):
    (tmp_path / "nota.txt").write_text(
        "Der Außenminister traf am Montag seinen französischen Amtskollegen in Berlin, um über die "
        "Lage in der Ukraine zu sprechen.", encoding="utf-8")
    skip = _one(read_paths([tmp_path / "nota.txt"]))
    assert (skip.reason, skip.detail, skip.skipped) == ("not English", "de", True)
    assert isinstance(_one(read_paths([tmp_path / "nota.txt"], english_only=False)), Document)


# -- HTML fallback and splitting ---------------------------------------------------------------


def test_html_fallback_keeps_visible_block_text():
    page = _VisibleText.of("<html><head><title>T</title><script>x()</script></head><body><nav>Menu</nav>"
                           "<div>Chad and Niger met.</div><p>They agreed.<br>More later.</p></body></html>")
    assert page.title == "T" and page.text == "Chad and Niger met.\n\nThey agreed.\n\nMore later."
    assert extract_html("<script>only()</script><style>p{}</style>") is None
    found = extract_html("<title>Open title<p>Chad and Niger met.<p>Tail &amp; more <!-- cut")
    assert found is not None and found.text == "Chad and Niger met.\n\nTail & more"


def test_split_for_parser_prefers_paragraphs_then_sentences_then_spaces():
    text = "First paragraph here.\n\nSecond one is longer. It has two sentences.\n\nThird."
    assert split_for_parser(text, 1000) == [text]
    assert split_for_parser(text, 30) == ["First paragraph here.\n\n", "Second one is longer. ",
                                          "It has two sentences.\n\nThird."]
    assert split_for_parser("no boundaries at all", 7) == ["no ", "boundar", "ies at ", "all"]
    assert split_for_parser("abcdefghij", 4) == ["abcd", "efgh", "ij"]
    assert split_for_parser("", 10) == [""]
    with pytest.raises(ValueError):
        split_for_parser(text, 0)
    parts = split_for_parser(text, 30)
    assert [text[o:o + len(p)] for o, p in zip(part_offsets(parts), parts, strict=True)] == parts


# -- datelines ----------------------------------------------------------------------------------

DATELINED = ("LONDON, 3 March 2024 - Britain summoned the Iranian ambassador on Sunday to protest against the "
             "detention of two British citizens, the Foreign Office said in a statement.")


def test_a_dateline_is_the_publication_date_of_a_text_file_and_beats_the_fallback(tmp_path):
    from datetime import date

    (tmp_path / "wire.txt").write_text(f"Envoy summoned\n\n{DATELINED}", encoding="utf-8")
    (tmp_path / "plain.txt").write_text(ENGLISH, encoding="utf-8")
    docs = {d.id: d for d in read_paths([tmp_path], published=date(2020, 1, 1))}
    assert (docs["wire"].published, docs["plain"].published) == (date(2024, 3, 3), date(2020, 1, 1))


def test_a_dateline_dates_an_html_page_without_a_date_in_its_metadata(tmp_path):
    from datetime import date

    body = f"<body><article><h1>Envoy summoned</h1><p>{DATELINED}</p><p>{ENGLISH}</p></article></body></html>"
    (tmp_path / "bare.html").write_text(f"<html><head><title>Envoy summoned</title></head>{body}", encoding="utf-8")
    (tmp_path / "meta.html").write_text('<html><head><title>Envoy summoned</title><meta property='
                                        f'"article:published_time" content="2024-03-04"></head>{body}',
                                        encoding="utf-8")
    docs = {d.id: d for d in read_paths([tmp_path])}
    assert (docs["bare"].published, docs["meta"].published) == (date(2024, 3, 3), date(2024, 3, 4))


def test_a_dateline_without_a_year_does_not_date_a_file(tmp_path):
    (tmp_path / "wire.txt").write_text(DATELINED.replace("3 March 2024", "Nov. 24"), encoding="utf-8")
    assert _one(read_paths([tmp_path / "wire.txt"])).published is None
