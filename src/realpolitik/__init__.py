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
    "IngestReport", "Location", "Sentence", "Span", "Store", "actor", "code", "default_coder",
    "default_db_path",
]


@lru_cache(maxsize=4)
def default_coder(model: str | None = None, actor_files: tuple[str, ...] = ()) -> Coder:
    """One coder per process, model and set of user gazetteer files: everything is loaded once."""
    return Coder(model, actor_files=actor_files)


def code(text: str, published: date | str | None = None, *, model: str | None = None) -> list[Event]:
    """Code one text without storing it. ``published`` anchors relative dates ("on Monday")."""
    if isinstance(published, str):
        published = date.fromisoformat(published)
    return default_coder(model).code_text(text, published).events


def actor(text: str, on: date | str | None = None, *, model: str | None = None,
          actor_files: tuple[str, ...] = ()) -> dict | None:
    """What a phrase names on a date: ``name``, ``country``, ``sector``, ``id``, ``role``, or None.

    ``realpolitik actor "the Iranian president" --date 2014-01-01`` is the command-line twin.
    """
    if isinstance(on, str):
        on = date.fromisoformat(on)
    entity = default_coder(model, actor_files).actor(text, on)
    if entity is None:
        return None
    return {"name": entity.name, "country": entity.country, "sector": entity.sector, "id": entity.id,
            "role": entity.role, "kind": entity.kind}
