"""Intensity, quad class, CAMEO root and Goldstein score for a coded event.

The numbers live in ``data/events/plover.yaml``; this module only looks them up, so that a user who
disagrees with a score edits data, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from realpolitik.resources import read_data


@dataclass(frozen=True, slots=True)
class Scores:
    intensity: float
    quad_class: int
    cameo_root: str
    cameo_code: str
    goldstein: float


@dataclass(frozen=True)
class TypeInfo:
    """What plover.yaml says about one event type."""

    quad_class: int
    intensity: float
    cameo: str
    needs_recipient: bool
    standalone: bool
    targeted: bool  # the act always has a victim: finding none is a sign of a misread sentence


@lru_cache(maxsize=1)
def _plover() -> dict:
    return read_data("events/plover.yaml")


def type_info(event_type: str) -> TypeInfo:
    return TypeInfo(**_plover()["types"][event_type])


def valid_modes(event_type: str) -> set[str]:
    return set(_plover()["modes"].get(event_type, {}))


def score(event_type: str, mode: str = "", cameo: str = "") -> Scores:
    """Scores for a type and mode; ``cameo`` is the lexicon entry's code, if it gives one."""
    plover = _plover()
    info = type_info(event_type)
    intensity = plover["modes"].get(event_type, {}).get(mode, info.intensity)
    code = cameo or info.cameo
    root = code[:2]
    goldstein = plover["cameo_roots"][root]["goldstein"]
    return Scores(float(intensity), info.quad_class, root, code, float(goldstein))


def negation_of(event_type: str) -> tuple[str, str] | None:
    """The (type, CAMEO code) that a negated event of this type is coded as, if PLOVER says so."""
    return _recoded("negation", event_type)


def together_as(event_type: str) -> tuple[str, str] | None:
    """The (type, CAMEO code) that several states doing an untargeted ``event_type`` together are coded as."""
    return _recoded("together", event_type)


def ceased_as(event_type: str) -> tuple[str, str] | None:
    """The (type, CAMEO code) of ending an ongoing act of ``event_type`` (plover.yaml ``ceased``)."""
    return _recoded("ceased", event_type)


def undone_by(event_type: str) -> set[str]:
    """The types of earlier act that an agentless undoing or redoing of ``event_type`` answers
    (plover.yaml ``undoes``): lifting a ban answers the ban."""
    return set((_plover().get("undoes") or {}).get(event_type) or ())


def _recoded(table: str, event_type: str) -> tuple[str, str] | None:
    spec = (_plover().get(table) or {}).get(event_type)
    return (spec["type"], spec["cameo"]) if spec else None


def announced_as(event_type: str, *, conditional: bool = False) -> str | None:
    """The type of a speaker announcing its own act of ``event_type`` (plover.yaml ``announced``)."""
    table = _plover().get("announced") or {}
    if conditional and any(event_type in acts for kind, acts in table.items() if kind != "conditional"):
        return table.get("conditional")
    return next((kind for kind, acts in table.items() if kind != "conditional" and event_type in acts), None)


def mutual(event_type: str) -> bool:
    """Whether an event of this type is done together, in no particular direction (plover.yaml ``mutual``)."""
    return _listed("mutual", event_type)


def target_own_country(event_type: str) -> bool:
    """Whether an event of this type that names no target is aimed at the actor's own country."""
    return _listed("target_own_country", event_type)


def scheduled(event_type: str) -> bool:
    """Whether "X will <act>" is a timetable rather than a commitment (plover.yaml ``scheduled``)."""
    return _listed("scheduled", event_type)


def target_from_place(event_type: str) -> bool:
    """Whether an event of this type without a recipient targets the country it happened in."""
    return _listed("target_from_place", event_type)


def target_own_place(event_type: str) -> bool:
    """Whether an event of this type without a recipient, done inside the actor's own country, is aimed
    at that country ("lifted the state of emergency in Darfur", "threatened a curfew in Algiers")."""
    return _listed("target_own_place", event_type)


def _listed(key: str, event_type: str) -> bool:
    return event_type in set(_plover().get(key) or ())


def answered_at_home(event_type: str) -> bool:
    """Whether a government's words of this type to rebels or an opposition of no stated country are
    aimed at its own (plover.yaml ``answered_at_home``)."""
    return _listed("answered_at_home", event_type)
