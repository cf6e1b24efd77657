"""Property-based tests (hypothesis): arbitrary input never raises, and what goes in can be found again.

Three areas: ingestion (bytes and text in files and JSON records, the parser splitter, decoding and
language detection), date resolution (``find_dates``, ``parse_published``) and actor resolution
(``realpolitik.actor``).
"""

from __future__ import annotations

import json
import tempfile
import unicodedata
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import realpolitik
from realpolitik.ingest import NotText, as_url, clean, decode, detect_language, read_paths, split_for_parser
from realpolitik.model import Document, IngestError
from realpolitik.when import find_dates, parse_published

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
COUNTRIES = yaml.safe_load((Path(realpolitik.__file__).parent / "data" / "actors" / "countries.yaml")
                           .read_text(encoding="utf-8"))["countries"]

# Text a user could type: any printable character, no control characters, surrogates or line separators
# (which clean() rewrites), and no "<" or "&" (which would make it markup).
typed_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf"),
                           exclude_characters="<&") | st.sampled_from("\n\n\t  "),
    max_size=400,
)


def _read_file(name: str, data: bytes, **options) -> list[Document | IngestError]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        return list(read_paths([path], **options))


def _assert_clean_document(doc: Document) -> None:
    assert doc.text and doc.text == doc.text.strip()
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert all(char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs") for char in doc.text)
    assert unicodedata.is_normalized("NFC", doc.text)
    doc.text.encode("utf-8")  # storable


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


# -- ingestion --------------------------------------------------------------------------------


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json", ".htm"]))
def test_arbitrary_bytes_in_any_file_type_never_raise(data, suffix):
    items = _read_file("input" + suffix, data, max_bytes=2000)
    assert items, "every input yields at least one document or error"
    for item in items:
        assert isinstance(item, Document | IngestError)
        if isinstance(item, Document):
            _assert_clean_document(item)
        else:
            assert item.reason and item.path.endswith("input" + suffix)


@SETTINGS
@given(text=typed_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_text_files_keep_every_word_in_any_unicode_encoding(text, encoding):
    assume(text.strip())
    (item,) = _read_file("note.txt", text.encode(encoding), english_only=False)
    assert isinstance(item, Document), item
    _assert_clean_document(item)
    assert _words(item.text) == _words(text)


@SETTINGS
@given(records=st.lists(st.tuples(st.text(max_size=12), st.text(max_size=300)), min_size=1, max_size=6))
def test_json_lines_records_come_back_with_their_ids_text_and_line_numbers(records):
    lines = [json.dumps({"id": doc_id, "text": text}) for doc_id, text in records]
    items = _read_file("batch.jsonl", "\n".join(lines).encode(), english_only=False)
    assert len(items) == len(records)
    for number, ((doc_id, text), item) in enumerate(zip(records, items, strict=True), start=1):
        if not clean(text).strip():
            assert isinstance(item, IngestError) and (item.reason, item.line) == ("empty", number)
            continue
        assert isinstance(item, Document), item
        _assert_clean_document(item)
        assert item.id == (doc_id.strip() or f"batch-{number}")
        assert item.text == clean(text).strip()


@SETTINGS
@given(text=st.text(max_size=300))
def test_english_only_reading_never_raises_and_skips_only_with_a_language(text):
    (item,) = _read_file("any.txt", text.encode("utf-8", "surrogatepass"))
    if isinstance(item, IngestError) and item.skipped:
        assert item.reason == "not English" and item.detail != "en" and item.detail.isalpha()


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_gives_text_or_not_text_and_clean_is_idempotent(data):
    try:
        text = decode(data)
    except NotText as exc:
        assert str(exc)
        return
    once = clean(text)
    assert clean(once) == once


@SETTINGS
@given(text=st.text(max_size=600))
def test_detect_language_always_answers_a_code(text):
    code = detect_language(text)
    assert code.isalpha() and code.islower() and 2 <= len(code) <= 3


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from("ab .\n\t"), max_size=2000), limit=st.integers(1, 300))
def test_split_for_parser_loses_nothing_and_respects_the_limit(text, limit):
    parts = split_for_parser(text, limit)
    assert "".join(parts) == text
    assert all(len(part) <= limit for part in parts)
    assert all(parts[:-1]) and (len(parts) == 1 or parts[-1])


@SETTINGS
@given(paragraphs=st.lists(st.text(alphabet=st.sampled_from("abc .,"), min_size=1, max_size=40), min_size=1,
                           max_size=40), limit=st.integers(50, 400))
def test_split_for_parser_cuts_between_paragraphs_when_they_fit(paragraphs, limit):
    text = "\n\n".join(paragraphs)
    parts = split_for_parser(text, limit)
    assert "".join(parts) == text
    assert all(part.endswith("\n\n") for part in parts[:-1])


@SETTINGS
@given(host=st.from_regex(r"[a-z]{1,10}(\.[a-z]{2,5}){1,2}", fullmatch=True),
       segments=st.lists(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), max_size=4),
       scheme=st.sampled_from(["http", "https"]))
def test_a_url_that_went_through_pathlib_is_recovered(host, segments, scheme):
    url = f"{scheme}://{host}" + "".join(f"/{s}" for s in segments)
    assert as_url(url) == url
    assert as_url(Path(url)) == url


# -- date resolution --------------------------------------------------------------------------

days = st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))
publication = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@SETTINGS
@given(text=st.text(max_size=300), published=publication)
def test_find_dates_never_raises_and_reports_real_spans(text, published):
    for found in find_dates(text, published):
        assert text[found.start:found.end] == found.text
        assert (found.value is None) == (found.precision == "unknown")
        if found.value is not None:
            assert found.first_day is not None and found.first_day <= found.last_day


@SETTINGS
@given(
    prefix=st.sampled_from(["Talks were held", "Iran and Russia met", "The treaty was signed", "Troops withdrew"]),
    day=days, published=publication, style=st.sampled_from(["dmy", "mdy", "iso"]),
)
def test_a_written_date_is_found_again(prefix, day, published, style):
    written = {
        "dmy": f"on {day.day} {MONTHS[day.month - 1]} {day.year}",
        "mdy": f"on {MONTHS[day.month - 1]} {day.day}, {day.year}",
        "iso": f"on {day.isoformat()}",
    }[style]
    found = [d for d in find_dates(f"{prefix} {written}, officials said.", published) if d.precision == "day"]
    assert [d.value for d in found] == [day.isoformat()]


@SETTINGS
@given(value=st.text(max_size=200), retrieved=st.none() | st.datetimes(min_value=datetime(1990, 1, 1),
                                                                        max_value=datetime(2090, 1, 1)))
def test_parse_published_never_raises_and_never_returns_an_absurd_date(value, retrieved):
    found = parse_published(value, retrieved)
    if found is not None:
        ceiling = (retrieved.date() if retrieved else date.today()) + timedelta(days=2)
        assert date(1800, 1, 1) <= found <= ceiling


@SETTINGS
@given(day=st.dates(min_value=date(1800, 1, 1), max_value=date.today()),
       form=st.sampled_from(["iso", "timestamp", "rfc2822", "long"]))
def test_a_publication_date_in_common_metadata_forms_is_found_again(day, form):
    moment = datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)
    text = {
        "iso": day.isoformat(),
        "timestamp": moment.isoformat(),
        "rfc2822": format_datetime(moment),
        "long": f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
    }[form]
    assert parse_published(text) == day


# -- actor resolution -------------------------------------------------------------------------


@SETTINGS
@given(text=st.text(max_size=120), on=st.none() | days)
def test_actor_never_raises(text, on):
    found = realpolitik.actor(text, on)
    assert found is None or {"name", "country", "sector", "id", "role", "kind"} <= set(found)


@SETTINGS
@given(country=st.sampled_from(COUNTRIES), data=st.data(),
       on=st.dates(min_value=date(1995, 1, 1), max_value=date(2025, 12, 31)))
def test_every_country_name_resolves_back_to_its_code(country, data, on):
    name = data.draw(st.sampled_from([country["name"], *(country.get("names") or [])]), label="name")
    found = realpolitik.actor(name, on)
    assert found is not None and found["country"] == country["code"], (name, found)

