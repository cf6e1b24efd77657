"""Readers for the file formats realpolitik ingests.

- ``.txt``: the whole file is the text; the id is the file stem.
- ``.html`` / ``.htm``: main text, title and date extracted with trafilatura.
- ``.jsonl``: one document per line with ``id`` and ``text`` and optional ``title``,
  ``published``, ``source``, ``url``; a bad line is an error naming file and line, the others
  are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import trafilatura

from realpolitik.model import Document, IngestError
from realpolitik.when import parse_published

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}

Item = Document | IngestError


def read_paths(paths: Iterable[str | Path], *, published: date | None = None,
               source: str | None = None) -> Iterator[Item]:
    """Documents and errors from files and directories (recursively, in sorted order)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUFFIXES:
                    yield from read_path(child, published=published, source=source)
        elif path.exists():
            yield from read_path(path, published=published, source=source)
        else:
            yield IngestError(str(path), "not found")


def read_path(path: Path, *, published: date | None = None, source: str | None = None) -> Iterator[Item]:
    """Documents and errors from one file, chosen by its extension."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield IngestError(str(path), f"unsupported file type {suffix or '(none)'}",
                          detail=f"realpolitik reads {', '.join(sorted(SUFFIXES))}")
        return
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield IngestError(str(path), "unreadable", detail=str(exc))
        return
    text = decode(raw)
    if text is None:
        yield IngestError(str(path), "not text", detail="the file could not be decoded as text")
        return
    if suffix == ".jsonl":
        yield from _jsonl(path, text, published, source)
    elif suffix in {".html", ".htm"}:
        yield _html(path, text, published, source)
    else:
        yield _document(path, path.stem, _paragraphs(text), None, published, source)


def decode(raw: bytes) -> str | None:
    """Bytes to text: UTF-8 (with or without a byte-order mark), else None.

    Line endings are normalised to ``\\n`` so that character offsets mean the same everywhere.
    """
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _document(path: Path, doc_id: str, text: str, title: str | None, published: date | None,
              source: str | None, url: str | None = None) -> Item:
    text = text.strip()
    if not text:
        return IngestError(str(path), "empty", detail="no text to code")
    return Document(doc_id, text, title, source, published, url, str(path))


def _jsonl(path: Path, text: str, published: date | None, source: str | None) -> Iterator[Item]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(str(path), "invalid JSON", number, str(exc))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield IngestError(str(path), "missing field 'text'", number)
            continue
        doc_id = str(record.get("id") or f"{path.stem}-{number}")
        when = parse_published(record.get("published")) if record.get("published") else None
        item = _document(path, doc_id, record["text"], record.get("title"), when or published,
                         record.get("source") or source, record.get("url"))
        if isinstance(item, IngestError):
            item = IngestError(item.path, item.reason, number, item.detail)
        yield item


def _html(path: Path, html: str, published: date | None, source: str | None) -> Item:
    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    if extracted is None or not (extracted.text or "").strip():
        return IngestError(str(path), "no main text", detail="no article text found in the HTML")
    lines = [line for line in extracted.text.split("\n") if line.strip()]
    if lines and extracted.title and lines[0].strip() == extracted.title.strip():
        lines = lines[1:]
    when = parse_published(extracted.date) if extracted.date else None
    return _document(path, path.stem, "\n\n".join(lines), extracted.title, when or published,
                     source or extracted.sitename, extracted.url)


def _paragraphs(text: str) -> str:
    """Plain text whose paragraphs are one per line (no blank lines) gets blank lines between them.

    Hard-wrapped text (short lines that do not end a sentence) is left alone.
    """
    if "\n\n" in text.strip():
        return text
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and sum(bool(re.search(r"[.!?\"”’]\s*$", line)) for line in lines) >= len(lines) - 1:
        return "\n\n".join(lines)
    return text
