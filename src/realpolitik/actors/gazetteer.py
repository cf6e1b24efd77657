"""The actor gazetteer: every name, adjective, agent word and office that can point at an actor.

It is read from YAML (``data/actors``; schemas documented at the top of each file) plus any files
the user adds, and flattened into look-up tables that the matcher compiles once. Nothing here
knows about spaCy: the gazetteer is knowledge, the matcher is machinery.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from realpolitik.resources import DATA_DIR, read_yaml

#: Codes of international organisations: an office of one belongs to it, not to its holder's country.
INTERNATIONAL = {"UNO", "IGO", "EUR"}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """What a proper name stands for."""

    name: str
    country: str | None
    sector: str | None = None
    id: str | None = None
    kind: str = "country"
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Term:
    """One term of office: who held ``role`` for ``country`` from ``start`` to ``end``."""

    person: str
    country: str
    role: str
    start: date | None
    end: date | None
    id: str | None = None
    sector: str | None = None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class RoleWord:
    """An office word ("foreign minister") and what it implies; ``plural`` for "foreign ministers",
    which names several holders, so no one person."""

    role: str
    sector: str | None
    country: str | None = None
    plural: bool = False


@dataclass
class Gazetteer:
    """Flat look-up tables built from the YAML files.

    ``names`` and ``adjectives`` are case-sensitive (news capitalises names, and "US" is not "us");
    ``agents`` and ``roles`` are lower-case words matched case-insensitively.
    """

    names: dict[str, ActorEntry] = field(default_factory=dict)
    adjectives: dict[str, ActorEntry] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    roles: dict[str, RoleWord] = field(default_factory=dict)
    terms: dict[tuple[str, str], list[Term]] = field(default_factory=lambda: defaultdict(list))
    person_terms: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    countries: dict[str, str] = field(default_factory=dict)
    role_sector: dict[str, str] = field(default_factory=dict)
    role_country: dict[str, str] = field(default_factory=dict)
    descriptions: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    partitives: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> Gazetteer:
        """The bundled gazetteer plus the user's files (same schemas; later files win)."""
        gazetteer = cls()
        # Offices first: an office may imply its country (the UN secretary-general's is UNO).
        for path in sorted((DATA_DIR / "actors").rglob("*.yaml"), key=lambda p: (p.name != "roles.yaml", p)):
            gazetteer.add_file(path)
        for path in extra:
            gazetteer.add_file(path)
        return gazetteer

    # -- loading ---------------------------------------------------------------------------

    def add_file(self, path: str | Path) -> None:
        """Add a YAML file (the bundled files' keys) or a TABARI/PETRARCH dictionary (.txt, .dict)."""
        path = Path(path)
        if path.suffix.lower() in {".txt", ".dict", ".tabari"}:
            from realpolitik.actors.tabari import read_tabari

            self.add_data(read_tabari(path.read_text(encoding="utf-8")))
        else:
            self.add_data(read_yaml(path) or {})

    def add_data(self, data: dict[str, Any]) -> None:
        """Add already-parsed gazetteer data; each top-level key is one kind of entry."""
        for country in data.get("countries") or []:
            self._add_country(country)
        for key, kind in (("organisations", "organisation"), ("groups", "group"), ("state_bodies", "state_body")):
            for entry in data.get(key) or []:
                self._add_named(entry, kind)
        for entry in data.get("actors") or []:  # imported dictionaries: kind from what the code says
            self._add_named(entry, entry.get("kind") or ("state_body" if entry.get("sector") else "country"))
        for bloc in data.get("blocs") or []:
            actor = ActorEntry(bloc["name"], bloc["code"], None, bloc["code"], "bloc",
                               tuple(bloc.get("members") or ()))
            for alias in bloc.get("aliases") or []:
                self.names[_strip_article(alias)] = actor
        for agent in data.get("agents") or []:
            for form in (agent["word"], agent.get("plural")):
                if form:
                    self.agents[form.lower()] = agent["sector"]
        for role in data.get("roles") or []:
            word = RoleWord(role["role"], role.get("sector"), role.get("country"))
            self.role_sector[role["role"]] = role.get("sector") or "GOV"
            if role.get("country") in INTERNATIONAL:
                self.role_country[role["role"]] = role["country"]
            for phrase in role.get("phrases") or []:
                self.roles[phrase.lower()] = word
                self.roles.setdefault(_plural(phrase.lower()), replace(word, plural=True))
        for person in data.get("people") or []:
            self._add_person(person)
        for word, spec in (data.get("descriptions") or {}).items():
            self.descriptions[word.lower()] = spec
        self.partitives.update(w.lower() for w in data.get("partitives") or [])
        self.documents.update(w.lower() for w in data.get("documents") or [])

    def _add_country(self, country: dict[str, Any]) -> None:
        code = country["code"]
        self.countries[code] = country["name"]
        state = ActorEntry(country["name"], code, None, code, "country")
        for name in [country["name"], *(country.get("names") or [])]:
            self.names[_strip_article(name)] = state
        for name in country.get("demonyms") or []:
            self.names.setdefault(name, ActorEntry(country["name"], code, None, code, "demonym"))
        for capital in country.get("capitals") or []:
            self.names[capital] = ActorEntry(country["name"], code, "GOV", code, "capital")
        for seat in country.get("seats") or []:
            self.names[_strip_article(seat["text"])] = ActorEntry(
                country["name"], code, seat.get("sector"), code, "seat")
        for adjective in country.get("adjectives") or []:
            self.adjectives[adjective] = state

    def _add_named(self, entry: dict[str, Any], kind: str) -> None:
        actor = ActorEntry(entry["name"], entry.get("country"), entry.get("sector"),
                           entry.get("id"), kind, tuple(entry.get("members") or ()))
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            self.names[_strip_article(alias)] = actor

    def _add_person(self, person: dict[str, Any]) -> None:
        country = person.get("country")
        pid = person.get("id") or person.get("wikidata")
        terms = [
            Term(person["name"], role.get("country") or self.role_country.get(role["role"]) or country, role["role"],
                 _parse_day(role.get("start"), last=False), _parse_day(role.get("end"), last=True), pid,
                 role.get("sector"))
            for role in person.get("roles") or []
        ]
        for term in terms:
            self.terms[(term.country, term.role)].append(term)
        self.person_terms[person["name"]].extend(terms)
        actor = ActorEntry(person["name"], country, "GOV", pid, "person")
        for alias in [person["name"], *(person.get("aliases") or []), *(person.get("titles") or [])]:
            self.names[_strip_article(alias)] = actor

    # -- look-ups --------------------------------------------------------------------------

    def bloc_members(self) -> dict[str, tuple[str, ...]]:
        """Each bloc's code and its member states ("P5P": the six powers)."""
        return {e.country: e.members for e in self.names.values() if e.kind == "bloc" and e.members}

    def holder(self, country: str, role: str, on: date) -> Term | None:
        """Who held ``role`` for ``country`` on a day; None when the gazetteer does not know.

        When terms overlap (an office holder whose end the data does not know yet, a user file that
        names a successor), the latest to take office wins, and among equals the later file.
        """
        covering = [t for t in self.terms.get((country, role), []) if t.covers(on)]
        return max(reversed(covering), key=lambda t: t.start or date.min, default=None)

    def left_office(self, person: str, on: date) -> bool:
        """True when every office the gazetteer knows for the person had ended by the day (an elder)."""
        terms = self.person_terms.get(person, [])
        return bool(terms) and all(t.end is not None and t.end <= on for t in terms)

    def roles_of(self, person: str, on: date | None) -> list[Term]:
        """The offices a person held on a day; with no day, the latest office first."""
        terms = self.person_terms.get(person, [])
        if on is None:
            return sorted(terms, key=lambda t: t.start or date.min, reverse=True)
        # A state office says more about whom a person acts for than a movement's leadership.
        return sorted((t for t in terms if t.covers(on)), key=lambda t: t.role == "leader")


def _plural(phrase: str) -> str:
    """The plural of an office phrase: its head word takes the plural ("foreign ministers",
    "secretaries of state", "chiefs of staff")."""
    words = phrase.split(" ")
    head = words.index("of") - 1 if "of" in words else len(words) - 1
    word = words[head]
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        word = word[:-1] + "ies"
    elif word.endswith(("s", "sh", "ch", "x")):
        word += "es"
    else:
        word += "s"
    words[head] = word
    return " ".join(words)


def _strip_article(text: str) -> str:
    """Names are stored without a leading "the": the matcher finds "the Kremlin" by "Kremlin"."""
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


def _parse_day(value: Any, *, last: bool) -> date | None:
    """A YAML date of office at day, month or year precision.

    A month or year stands for its first day at the start of a term and for the first day after it
    at the end, so that a term given as "2013" to "2021" covers the whole of both years only when
    the text is that vague: precise dates should be written precisely.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        if last:
            return date(year + month // 12, month % 12 + 1, 1)
        return date(year, month, 1)
    return date(parts[0] + 1, 1, 1) if last else date(parts[0], 1, 1)
