"""Inputs to documents: text, HTML and JSON files, directories of them, web pages and feeds.

``read_paths`` yields a :class:`~realpolitik.model.Document` or an
:class:`~realpolitik.model.IngestError` for every input, never raising on bad input, so that a
long ingest run reports what it could not read instead of stopping. It accepts http(s) URLs as well
as paths (``realpolitik ingest https://...``); a feed URL yields its items.

``split_for_parser`` cuts a long document text into parts the spaCy parser accepts; the coder calls
it for documents longer than :data:`PARSER_LIMIT`.
"""

from realpolitik.ingest.decoding import NotText, clean, decode
from realpolitik.ingest.documents import DEFAULT_MAX_BYTES, parse_size
from realpolitik.ingest.files import SUFFIXES, as_url, read_path, read_paths
from realpolitik.ingest.language import detect_language
from realpolitik.ingest.split import PARSER_LIMIT, part_offsets, split_for_parser
from realpolitik.ingest.web import Fetcher, FetchError, FetchOptions, read_url

__all__ = [
    "DEFAULT_MAX_BYTES", "PARSER_LIMIT", "SUFFIXES", "FetchError", "FetchOptions", "Fetcher", "NotText",
    "as_url", "clean", "decode", "detect_language", "parse_size", "part_offsets", "read_path", "read_paths",
    "read_url", "split_for_parser",
]
