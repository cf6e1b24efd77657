"""What every reader shares: the size cap, and turning extracted text into a Document or an error.

Files, JSON records, web pages and feed items all end in :func:`make_document`, so the same rules hold
for each: text is cleaned to one normal form, an empty text is an error, and a text in another
language is recorded as skipped with its language code rather than coded into noise.
"""

from __future__ import annotations

import os
import re
from datetime import date

from realpolitik.ingest.decoding import clean
from realpolitik.ingest.language import ENGLISH, detect_language
from realpolitik.model import Document, IngestError

Item = Document | IngestError

#: Default cap on one file, one JSON Lines record or one downloaded page: far above any article,
#: low enough that a mistaken input (a database dump, a video) is refused before it fills memory.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(value: str) -> int:
    """Bytes from ``"5000000"``, ``"500k"``, ``"10M"``, ``"1GiB"`` (binary multiples); ValueError otherwise."""
    found = _SIZE.match(value)
    if not found or int(found[1]) < 1:
        raise ValueError(f"expected a positive size such as 10M or 500k, got {value!r}")
    return int(found[1]) * _UNITS[(found[2] or "").lower()[:1]]


def max_bytes_setting(value: int | None = None) -> int:
    """The size cap: the argument, else ``$REALPOLITIK_MAX_BYTES``, else :data:`DEFAULT_MAX_BYTES`."""
    if value is not None:
        if value < 1:
            raise ValueError(f"max_bytes must be positive, got {value}")
        return value
    configured = os.environ.get("REALPOLITIK_MAX_BYTES")
    if configured:
        try:
            return parse_size(configured)
        except ValueError as exc:
            raise ValueError(f"REALPOLITIK_MAX_BYTES: {exc}") from exc
    return DEFAULT_MAX_BYTES


def too_large(origin: str, size: int, max_bytes: int, line: int | None = None) -> IngestError:
    """The error for an input over the cap, saying how to raise it."""
    return IngestError(origin, "too large", line,
                       f"{size:,} bytes; the limit is {max_bytes:,} (set REALPOLITIK_MAX_BYTES to raise it)")


def make_document(origin: str, doc_id: str, text: str, *, title: str | None = None, source: str | None = None,
                  published: date | None = None, url: str | None = None, path: str | None = None,
                  line: int | None = None, english_only: bool = True) -> Item:
    """A document from extracted text; an "empty" error, or a "not English" skip naming the language.

    ``origin`` is what an error is filed under (the file or URL), ``path`` what the document records.
    """
    text = clean(text).strip()
    if not text:
        return IngestError(origin, "empty", line, "no text to code")
    if english_only:
        language = detect_language(text)
        if language != ENGLISH:
            return IngestError(origin, "not English", line, language, skipped=True)
    return Document(doc_id, text, _one_line(title), _one_line(source), published, _one_line(url), path)


def _one_line(value: str | None) -> str | None:
    """Metadata as a single clean line, None when blank."""
    if value is None:
        return None
    return " ".join(clean(value).split()) or None
