"""How many inputs an ingest will read, counted before reading them, for the progress line's total and ETA.

The count must be cheap next to coding and must not hold the corpus in memory, so it looks at file names
and counts lines; it never decodes, parses or extracts anything. It counts what :func:`.read_paths`
yields, documents and errors alike (an unsupported file, a bad JSON line and a missing path are each one
error), so that ``done / total`` reaches its end. Where the number cannot be known without fetching or
parsing (a URL or feed, a JSON array, a UTF-16 file), there is no total and the progress line shows no ETA.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from realpolitik.ingest.files import JSON_SUFFIXES, as_url, files_under
from realpolitik.model import IngestError


def count_documents(paths: Iterable[str | Path]) -> int | None:
    """The number of items (documents or errors) ``read_paths(paths)`` will yield, or None if unknowable.

    Exact for text and HTML files and JSON Lines files; None as soon as any input is a URL or a file whose
    records cannot be counted by lines. Reads JSON Lines files once, line by line, without parsing them.
    """
    total = 0
    for raw in paths:
        if as_url(raw) is not None:
            return None
        path = Path(raw)
        for entry in files_under(path) if path.is_dir() else [path]:
            count = 1 if isinstance(entry, IngestError) else _count_file(entry)
            if count is None:
                return None
            total += count
    return total


def _count_file(path: Path) -> int | None:
    """Records in one file: one for anything but JSON (a document, or one error if it cannot be read)."""
    if path.suffix.lower() not in JSON_SUFFIXES or not path.is_file():  # never open a pipe or a device
        return 1
    try:
        with path.open("rb") as handle:
            return _count_json(handle, path.suffix.lower())
    except OSError:
        return 1


def _count_json(handle: BinaryIO, suffix: str) -> int | None:
    """Non-blank lines, each one record or one error, as the JSON reader reads them.

    A JSON array has no countable lines (None); a ``.json`` file whose first line opens an object without
    closing it is one pretty-printed record; an empty file is one error.
    """
    lines = 0
    for number, raw in enumerate(handle):
        if b"\0" in raw:  # UTF-16 or UTF-32: a newline byte does not end a line there
            return None
        line = (raw.removeprefix(codecs.BOM_UTF8) if number == 0 else raw).strip()
        if not line:
            continue
        if lines == 0:
            if line == b"[" or (suffix == ".json" and line.startswith(b"[")):
                return None
            if suffix == ".json" and line.startswith(b"{") and not line.endswith(b"}"):
                return 1
        lines += 1
    return max(lines, 1)
