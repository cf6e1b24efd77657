"""The schema: documents, sentences, entities (actor mentions) and events.

Every later stage reads and writes these types, and the JSONL output contract in the README is
exactly ``Event.to_dict()``. They are plain dataclasses so that they pickle (for Dask workers),
compare by value (for tests) and serialise without a framework.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

#: The 16 PLOVER event types, in the order of ../shared/PLOVER.md.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


def content_hash(text: str) -> str:
    """A stable key for a document's text, so that re-ingesting the same article is a no-op."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """One input article. ``published`` is None when the source does not say: nothing is invented."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: date | None = None
    url: str | None = None
    path: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True, frozen=True)
class IngestError:
    """An input that did not become a document, and why: nothing is dropped silently."""

    path: str
    reason: str
    line: int | None = None
    detail: str = ""
    skipped: bool = False  # True for inputs deliberately passed over (not English, say), not failures


@dataclass(slots=True, frozen=True)
class Sentence:
    """A sentence with its character span in the document and the paragraph it belongs to."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(slots=True)
class Entity:
    """A resolved political entity as mentioned in the text.

    ``start``/``end`` are character offsets in the *document* text of the words that name it (for a
    pronoun, the pronoun itself; ``via`` then says how it was resolved).
    """

    text: str
    name: str
    country: str | None = None
    sector: str | None = None
    id: str | None = None
    role: str | None = None
    kind: str = "country"
    start: int = -1
    end: int = -1
    via: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Always ``text``, ``name``, ``country``, ``sector`` (null when unknown); the rest when known."""
        core = {"text", "name", "country", "sector"}
        return {k: v for k, v in asdict(self).items() if v is not None or k in core}


@dataclass(slots=True, frozen=True)
class Span:
    """Text with its character offsets in the document."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Location:
    """Where an event happened: the place words, and the country and coordinates they resolve to."""

    text: str
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: int = -1
    end: int = -1


@dataclass(slots=True)
class Event:
    """One coded event. Its fields are the JSONL output contract (see README, "Output contract")."""

    doc_id: str
    sentence_index: int
    sentence: str
    type: str
    mode: str
    actor: list[Entity]
    recipient: list[Entity]
    trigger: Span
    rule: str
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str = ""
    historical: bool = False
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    intensity: float = 0.0
    quad_class: int = 0
    cameo_root: str = ""
    cameo_code: str = ""
    goldstein: float = 0.0
    confidence: float = 1.0
    location: Location | None = None

    @property
    def factual(self) -> bool:
        """True when the text asserts the event happened (not negated, hypothetical or future)."""
        return not (self.negated or self.hypothetical or self.future)

    def actor_codes(self) -> list[str]:
        return _codes(self.actor)

    def recipient_codes(self) -> list[str]:
        return _codes(self.recipient)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["actor"] = [e.to_dict() for e in self.actor]
        data["recipient"] = [e.to_dict() for e in self.recipient]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Rebuild an event from ``to_dict()`` output (stored rows, JSONL files)."""
        data = dict(data)
        data["actor"] = [Entity(**e) for e in data.get("actor") or []]
        data["recipient"] = [Entity(**e) for e in data.get("recipient") or []]
        data["trigger"] = Span(**data["trigger"])
        if data.get("location"):
            data["location"] = Location(**data["location"])
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def _codes(entities: list[Entity]) -> list[str]:
    """Distinct country codes of a participant list, in order of mention."""
    seen: list[str] = []
    for entity in entities:
        if entity.country and entity.country not in seen:
            seen.append(entity.country)
    return seen
