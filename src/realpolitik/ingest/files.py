"""Readers for files, directories and URLs: every input becomes documents or errors, never an exception.

Formats, chosen by extension and then checked against the content (a ``.txt`` file that is really an
HTML page is read as HTML; a ``.html`` file without markup is read as text):

- ``.txt``: the whole file is the text; the id is the file stem.
- ``.html`` / ``.htm`` / ``.xhtml``: main text, title and date extracted (see :mod:`.html`).
- ``.jsonl`` / ``.json``: one document per line with ``id`` and ``text`` and optional ``title``,
  ``published``, ``source``, ``url``; a bad line is an error naming file and line, the others are still
  read. A file holding one JSON array of such records, or (``.json``) a single record, works too.
  JSON Lines files are streamed, so the size cap applies to each line, not to the file.
- ``http://`` and ``https://`` URLs: fetched safely (see :mod:`.web`); a feed URL yields its articles.

Directories are read recursively in sorted order; hidden files and folders (``.git``, ``.DS_Store``)
are passed over, and other files of an unsupported type are recorded as skipped.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from realpolitik.ingest.decoding import NotText, decode
from realpolitik.ingest.documents import Item, make_document, max_bytes_setting, too_large
from realpolitik.ingest.html import extract_html
from realpolitik.ingest.web import Fetcher, FetchOptions, read_url
from realpolitik.model import IngestError
from realpolitik.when import parse_published, published_from_dateline

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".jsonl", ".json"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# click.Path and pathlib collapse "https://host/x" to "https:/host/x"; this undoes it.
_COLLAPSED_URL = re.compile(r"^(https?):/(?!/)", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # the UTF-32 marks begin with these too


def read_paths(paths: Iterable[str | Path], *, published: date | None = None, source: str | None = None,
               max_bytes: int | None = None, english_only: bool = True,
               fetch: FetchOptions | None = None) -> Iterator[Item]:
    """Documents and errors from files, directories (recursively, in sorted order) and http(s) URLs.

    ``published`` and ``source`` are fallbacks for inputs that do not state their own. ``max_bytes``
    caps one file, record or page (default ``$REALPOLITIK_MAX_BYTES`` or 10 MiB). ``english_only``
    records other languages as skipped. ``fetch`` sets the network rules for URLs (default: public
    addresses only unless ``$REALPOLITIK_ALLOW_PRIVATE`` is set; see :class:`~.web.FetchOptions`).
    """
    cap = max_bytes_setting(max_bytes)
    fetcher: Fetcher | None = None
    try:
        for raw in paths:
            url = as_url(raw)
            if url is not None:
                if fetcher is None:
                    fetcher = Fetcher(fetch or FetchOptions.from_env(max_bytes=cap))
                yield from read_url(url, fetcher, published=published, source=source, english_only=english_only)
                continue
            path = Path(raw)
            if path.is_dir():
                yield from _directory(path, published, source, cap, english_only)
            elif path.exists():
                yield from read_path(path, published=published, source=source, max_bytes=cap,
                                     english_only=english_only)
            elif path.is_symlink():
                yield IngestError(str(path), "not found", detail="broken symbolic link")
            else:
                yield IngestError(str(path), "not found")
    finally:
        if fetcher is not None:
            fetcher.close()


def as_url(raw: str | Path) -> str | None:
    """The URL an argument names, or None for a file path.

    Any ``scheme://`` counts as a URL, so that ``ftp://`` or ``file://`` is refused as a URL rather
    than looked for as a file; a ``Path`` built from an http(s) URL gets back the ``//`` it lost.
    """
    text = str(raw)
    if _URL.match(text):
        return text
    if isinstance(raw, Path) and _COLLAPSED_URL.match(text) and not raw.exists():
        return _COLLAPSED_URL.sub(r"\1://", text)
    return None


def read_path(path: Path, *, published: date | None = None, source: str | None = None,
              max_bytes: int | None = None, english_only: bool = True) -> Iterator[Item]:
    """Documents and errors from one file, by its extension and content."""
    cap = max_bytes_setting(max_bytes)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield IngestError(str(path), f"unsupported file type {suffix or '(none)'}",
                          detail=f"realpolitik reads {', '.join(sorted(SUFFIXES))}")
        return
    try:
        info = path.stat()
    except OSError as exc:
        yield IngestError(str(path), "unreadable", detail=exc.strerror or str(exc))
        return
    if not stat.S_ISREG(info.st_mode):
        yield IngestError(str(path), "not a regular file", detail="a device, socket or pipe cannot be ingested")
        return
    if suffix in JSON_SUFFIXES:
        yield from _json_file(path, info.st_size, published, source, cap, english_only)
        return
    if info.st_size > cap:
        yield too_large(str(path), info.st_size, cap)
        return
    try:
        with path.open("rb") as handle:
            raw = handle.read(cap + 1)
    except OSError as exc:
        yield IngestError(str(path), "unreadable", detail=exc.strerror or str(exc))
        return
    if len(raw) > cap:  # the file grew after stat
        yield too_large(str(path), len(raw), cap)
        return
    try:
        text = decode(raw, html=suffix in HTML_SUFFIXES)
    except NotText as exc:
        yield IngestError(str(path), "not text", detail=str(exc))
        return
    if _HTML_START.match(text) or (suffix in HTML_SUFFIXES and "<" in text):
        yield _html(path, text, published, source, english_only)
    else:
        yield make_document(str(path), path.stem, _paragraphs(text), source=source, path=str(path),
                            published=published_from_dateline(text) or published, english_only=english_only)


def _directory(root: Path, published: date | None, source: str | None, cap: int,
               english_only: bool) -> Iterator[Item]:
    """Every file under ``root`` (see :func:`files_under`) read, or recorded as skipped if of another type."""
    for entry in files_under(root):
        if isinstance(entry, IngestError):
            yield entry
        elif entry.suffix.lower() in SUFFIXES:
            yield from read_path(entry, published=published, source=source, max_bytes=cap, english_only=english_only)
        else:
            yield IngestError(str(entry), f"unsupported file type {entry.suffix.lower() or '(none)'}",
                              detail=f"realpolitik reads {', '.join(sorted(SUFFIXES))}", skipped=True)


def files_under(root: Path) -> Iterator[Path | IngestError]:
    """Every file under ``root`` in sorted order, without following symbolic links to folders (no loops).

    Hidden files and folders are passed over. A folder that cannot be listed is an error, not a silent gap.
    The readers and the progress bar's count (:mod:`.counting`) both walk folders with this, so they agree.
    """
    unreadable: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=unreadable.append, followlinks=False):
        while unreadable:
            problem = unreadable.pop(0)
            yield IngestError(str(problem.filename or folder), "unreadable", detail=problem.strerror or str(problem))
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        yield from (Path(folder) / name for name in sorted(files) if not name.startswith("."))
    for problem in unreadable:  # the last folders listed may have failed after the final iteration
        yield IngestError(str(problem.filename or root), "unreadable", detail=problem.strerror or str(problem))


def _html(path: Path, html: str, published: date | None, source: str | None, english_only: bool) -> Item:
    extracted = extract_html(html)
    if extracted is None:
        return IngestError(str(path), "no main text", detail="no article text found in the HTML")
    when = (parse_published(extracted.date) if extracted.date else None) or published_from_dateline(extracted.text)
    return make_document(str(path), path.stem, extracted.text, title=extracted.title,
                         published=when or published, source=source or extracted.sitename, url=extracted.url,
                         path=str(path), english_only=english_only)


def _paragraphs(text: str) -> str:
    """Plain text whose paragraphs are one per line (no blank lines) gets blank lines between them.

    Hard-wrapped text (short lines that do not end a sentence) is left alone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n\n" in text.strip():
        return text
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and sum(bool(re.search(r"[.!?\"”’]\s*$", line)) for line in lines) >= len(lines) - 1:
        return "\n\n".join(lines)
    return text


# -- JSON ----------------------------------------------------------------------------------------


def _json_file(path: Path, size: int, published: date | None, source: str | None, cap: int,
               english_only: bool) -> Iterator[Item]:
    """Records of a JSON Lines file, a JSON array, or (``.json``) one JSON object."""
    try:
        with path.open("rb") as handle:
            head = handle.read(cap + 1)
            if len(head) <= cap:
                yield from _json_text(path, head, published, source, english_only)
            elif head.startswith(_WIDE_BOMS):
                yield too_large(str(path), size, cap)
            else:
                handle.seek(0)
                yield from _json_lines_streamed(path, handle, published, source, cap, english_only)
    except OSError as exc:
        yield IngestError(str(path), "unreadable", detail=exc.strerror or str(exc))


def _json_text(path: Path, raw: bytes, published: date | None, source: str | None,
               english_only: bool) -> Iterator[Item]:
    try:
        text = decode(raw)
    except NotText as exc:
        yield IngestError(str(path), "not text", detail=str(exc))
        return
    start = text.lstrip()[:1]
    first_line = text.lstrip().split("\n", 1)[0].strip()
    # A .json file starting with "[" is one array; a .jsonl file only when "[" stands alone on its first
    # line (a pretty-printed array saved under the wrong name), since a JSON Lines record can be an array.
    if start == "[" and (path.suffix.lower() == ".json" or first_line == "["):
        yield from _json_array(path, text, published, source, english_only)
        return
    if start == "{" and path.suffix.lower() == ".json":
        try:
            whole = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            whole = None  # not one object: read it line by line below, which names the bad lines
        if whole is not None:
            yield _record(path, 1, whole, published, source, english_only)
            return
    if not text.strip():
        yield IngestError(str(path), "empty", detail="no records")
        return
    for number, line in enumerate(text.split("\n"), start=1):
        yield from _json_line(path, number, line, published, source, english_only)


def _json_lines_streamed(path: Path, handle: BinaryIO, published: date | None, source: str | None, cap: int,
                         english_only: bool) -> Iterator[Item]:
    """A JSON Lines file above the cap, line by line; each line must be UTF-8 (as JSON requires)."""
    number = 0
    while True:
        raw = handle.readline(cap + 1)
        if not raw:
            return
        number += 1
        if len(raw) > cap and not raw.endswith(b"\n"):
            length = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the oversized line
                raw = handle.readline(cap + 1)
                length += len(raw)
            yield too_large(str(path), length, cap, number)
            continue
        try:
            line = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8") if number == 1 else raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield IngestError(str(path), "not UTF-8", number, str(exc))
            continue
        yield from _json_line(path, number, line, published, source, english_only)


def _json_line(path: Path, number: int, line: str, published: date | None, source: str | None,
               english_only: bool) -> Iterator[Item]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        yield IngestError(str(path), "invalid JSON", number, str(exc))
        return
    except RecursionError:
        yield IngestError(str(path), "invalid JSON", number, "nested too deeply")
        return
    yield _record(path, number, record, published, source, english_only)


def _json_array(path: Path, text: str, published: date | None, source: str | None,
                english_only: bool) -> Iterator[Item]:
    """Records of a JSON array, each error naming the line its record starts on."""
    decoder = json.JSONDecoder()
    position = text.index("[") + 1
    while True:
        position = _skip_space(text, position)
        if position >= len(text):
            yield IngestError(str(path), "invalid JSON", text.count("\n") + 1, "the array is not closed")
            return
        if text[position] == "]":
            return
        line = text.count("\n", 0, position) + 1
        try:
            record, position = decoder.raw_decode(text, position)
        except (json.JSONDecodeError, RecursionError) as exc:
            yield IngestError(str(path), "invalid JSON", line,
                              f"{exc}; the records after it cannot be read")
            return
        yield _record(path, line, record, published, source, english_only)
        position = _skip_space(text, position)
        if position < len(text) and text[position] == ",":
            position += 1


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n":
        position += 1
    return position


def _record(path: Path, number: int, record: object, published: date | None, source: str | None,
            english_only: bool) -> Item:
    """One JSON record to a document; missing or mistyped fields are errors or fallbacks, never crashes."""
    if not isinstance(record, dict):
        return IngestError(str(path), "not a JSON object", number, f"got {type(record).__name__}")
    if "text" not in record:
        present = ", ".join(sorted(map(str, record))[:8]) or "none"
        return IngestError(str(path), "missing field 'text'", number, f"fields present: {present}")
    text = record["text"]
    if text is None:
        return IngestError(str(path), "missing field 'text'", number, "'text' is null")
    if not isinstance(text, str):
        return IngestError(str(path), "invalid field 'text'", number,
                           f"expected a string, got {type(text).__name__}")
    raw_id = record.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and not isinstance(raw_id, bool) else ""
    when = parse_published(record["published"]) if isinstance(record.get("published"), str) else None
    return make_document(str(path), doc_id.strip() or f"{path.stem}-{number}", text, title=_string(record, "title"),
                         source=_string(record, "source") or source, published=when or published,
                         url=_string(record, "url"), path=str(path), line=number, english_only=english_only)


def _string(record: dict, key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None
