"""Bytes to clean text: encodings, byte-order marks, binary files, line endings, stray control characters.

Real corpora arrive as UTF-8, UTF-8 with a byte-order mark, UTF-16 from Windows tools, Windows-1252 from
old exports and, now and then, a PDF or a ZIP archive renamed to ``.txt``. Everything downstream
(character offsets, the gazetteer, SQLite, spaCy) wants one thing: NFC-normalised Unicode with ``\\n``
line endings and no control characters. :func:`decode` turns bytes into Unicode or raises
:class:`NotText` with a reason a person can act on; :func:`clean` then gives the one normal form.
They are separate because JSON Lines must be split into records before any cleaning (a U+2028 inside a
JSON string is not a line break of the file).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

#: Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Leading bytes of binary formats people mistake for text, named so the error says what the file is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document: convert it to text first"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX, ODT or EPUB file): extract the text first"),
    (b"\x1f\x8b", "gzip-compressed: decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed: decompress it first"),
    (b"BZh91AY&SY", "bzip2-compressed: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: extract the text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document: save it as text first"),
    (b"{\\rtf", "an RTF document: save it as plain text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

#: How much of the start of a file the binary checks look at.
_SNIFF = 8192

#: Characters that a Western European text decoded as Windows-1252 may contain beyond ASCII.
_WESTERN = re.compile(r"[\u00a0-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                      r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)

# Line and paragraph separators of every convention, to "\n" / "\n\n".
_NEWLINES = str.maketrans({"\u2028": "\n", "\u0085": "\n", "\u000b": "\n", "\u2029": "\n\n", "\u000c": "\n\n"})

# C1 control characters in decoded text are almost always Windows-1252 punctuation read as Latin-1
# (\x93 for a left quote); the five code points 1252 leaves undefined are dropped.
_C1 = {code: bytes([code]).decode("cp1252", errors="ignore") for code in range(0x80, 0xA0) if code != 0x85}

# Terminal colour and cursor codes, from text copied out of a terminal or a log.
_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")

# Remaining C0 controls (tab and newline are kept), DEL, stray byte-order marks, lone surrogates
# (JSON can encode them; they cannot be written as UTF-8).
_JUNK = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufeff\ud800-\udfff]")


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as Windows-1252 (undefined ones dropped)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", errors="ignore"), error.end


_MIXED = "realpolitik-utf8-else-cp1252"
codecs.register_error(_MIXED, _as_cp1252)


class NotText(ValueError):
    """The bytes are not text realpolitik can read; the message says what they look like."""


def decode(raw: bytes, *, html: bool = False) -> str:
    """Unicode text from bytes in any common encoding (not yet :func:`clean`-ed).

    Order of evidence: a byte-order mark; a known binary signature (refused); NUL bytes (UTF-16
    without a mark, else binary); strict UTF-8; UTF-8 with the odd invalid byte read as Windows-1252
    (files concatenated from two sources); for HTML the ``<meta charset>`` the page declares;
    Windows-1252 when the result looks like Western European text; finally charset-normalizer's
    best guess. Raises :class:`NotText` when none of these yields text.
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise NotText(f"starts with a {encoding} byte-order mark but is not valid {encoding}") from exc
            return _checked(text)
    for signature, what in _SIGNATURES:
        if raw.startswith(signature):
            raise NotText(f"binary file: {what}")
    head = raw[:_SNIFF]
    if b"\x00" in head:
        return _utf16_without_bom(raw)
    try:
        return _checked(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(raw):
        # Valid multi-byte UTF-8 next to a few invalid bytes: concatenated files, or a truncated character.
        return _checked(raw.decode("utf-8", errors=_MIXED))
    if html:
        declared = _META_CHARSET.search(head)
        if declared and not declared.group(1).lower().startswith((b"utf-16", b"utf-32")):
            try:
                return _checked(raw.decode(declared.group(1).decode("ascii")))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration is common: fall through to detection
    western = _western(raw)
    if western is not None:
        return _checked(western)
    best = from_bytes(raw).best()
    if best is None:
        raise NotText("binary file: not text in any encoding realpolitik recognises")
    return _checked(str(best))


def decode_as(raw: bytes, encoding: str | None, *, html: bool = False) -> str:
    """Text from bytes whose encoding a server declared; detection when the declaration is absent or wrong."""
    if encoding:
        try:
            return _checked(raw.removeprefix(codecs.BOM_UTF8).decode(encoding))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(raw, html=html)


def clean(text: str) -> str:
    """One form for all text: ``\\n`` line endings, no control characters or surrogates, NFC.

    Character offsets stored later are offsets into this text, so every reader must pass through here.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_NEWLINES).translate(_C1)
    return unicodedata.normalize("NFC", _JUNK.sub("", _ANSI.sub("", text)))


def _checked(text: str) -> str:
    """The text, or NotText when it is full of control characters (a binary file that happened to decode)."""
    sample = text[:_SNIFF]
    controls = sum(1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\x0c\x0b")
    if sample and controls / len(sample) > 0.05:
        raise NotText("binary file: too many control characters for text")
    return text


def _mostly_utf8(raw: bytes) -> bool:
    """True when valid multi-byte UTF-8 characters are at least as many as the invalid bytes.

    Text in a legacy multi-byte encoding (Shift JIS, GBK) contains valid UTF-8 sequences only by
    accident, far fewer than its invalid ones.
    """
    valid = sum(1 for char in raw.decode("utf-8", errors="ignore") if ord(char) > 0x7F)
    invalid = raw.decode("utf-8", errors="replace").count("\ufffd") - raw.count("\ufffd".encode())
    return valid >= invalid > 0


def _utf16_without_bom(raw: bytes) -> str:
    """UTF-16 text saved without a byte-order mark (NULs in every other byte), else NotText."""
    head = raw[:_SNIFF]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) / 2
    if odd > 0.8 * half and even < 0.05 * half:
        encoding = "utf-16-le"
    elif even > 0.8 * half and odd < 0.05 * half:
        encoding = "utf-16-be"
    else:
        raise NotText("binary file: contains NUL bytes")
    try:
        return _checked(raw[: len(raw) - len(raw) % 2].decode(encoding))
    except UnicodeDecodeError as exc:
        raise NotText("binary file: contains NUL bytes") from exc


def _western(raw: bytes) -> str | None:
    """The bytes as Windows-1252 when that reads as Western European text, else None.

    charset-normalizer often prefers Central European code pages for short French or German text
    (turning "à" into "ŕ"), while the English-language sources realpolitik reads are overwhelmingly
    Windows-1252 when they are not UTF-8. A single-byte Cyrillic or Greek text also decodes as 1252,
    but then most of its letters are non-ASCII, which Western text never is (punctuation aside).
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [char for char in text if char.isalpha()]
    non_ascii = [char for char in text if ord(char) > 0x7F]
    if not letters or sum(ord(char) > 0x7F for char in letters) > 0.25 * len(letters):
        return None
    if not all(_WESTERN.match(char) for char in non_ascii):
        return None
    return text
