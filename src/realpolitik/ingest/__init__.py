"""Inputs to documents: text, HTML and JSONL files, and directories of them.

``read_paths`` yields a :class:`~realpolitik.model.Document` or an
:class:`~realpolitik.model.IngestError` for every input, never raising on bad input, so that a
long ingest run reports what it could not read instead of stopping.
"""

from realpolitik.ingest.files import SUFFIXES, read_path, read_paths

__all__ = ["SUFFIXES", "read_path", "read_paths"]
