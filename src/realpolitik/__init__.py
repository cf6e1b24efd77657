"""realpolitik: read news and analysis articles, code who did what to whom, when and where.

The public API, which the command line is a thin layer over::

    import realpolitik
    events = realpolitik.code("Iran and Russia signed a defence pact on Monday.", published="2025-01-17")
    with realpolitik.Store("my.db") as store:
        store.ingest(["articles/"])
        for event in store.events():
            ...
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from realpolitik.model import Document, Entity, Event, IngestError, Location, Sentence, Span
from realpolitik.pipeline import CodedDocument, Coder
from realpolitik.store import EventFilter, IngestReport, Store, default_db_path

__version__ = "0.1.0"

__all__ = [
    "CodedDocument", "Coder", "Document", "Entity", "Event", "EventFilter", "IngestError",
    "IngestReport", "Location", "Sentence", "Span", "Store", "code", "default_coder",
    "default_db_path",
]


@lru_cache(maxsize=4)
def default_coder(model: str | None = None) -> Coder:
    """One coder per process and model: the model and gazetteer are loaded once."""
    return Coder(model)


def code(text: str, published: date | str | None = None, *, model: str | None = None) -> list[Event]:
    """Code one text without storing it. ``published`` anchors relative dates ("on Monday")."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return default_coder(model).code_text(text, published).events
