"""Resolve a noun phrase in the parse to the political entities it names.

A noun phrase points at an actor in one of five ways, tried in this order:

1. a proper name from the gazetteer ("the Kremlin", "Hassan Rouhani", "the IAEA");
2. an office word with a country ("Iran's foreign minister", "the US secretary of state"), resolved
   to the office holder on the event date when the gazetteer knows one;
3. an agent word with a country ("American warplanes", "its diplomats", "the Obama administration"),
   giving the country and the agent's sector;
4. an agent word that stands alone as an actor ("rebels", "militants");
5. a pronoun or definite description ("it", "their", "the regime", "the two countries"), resolved by
   :mod:`realpolitik.actors.coref` to an earlier mention in the same document.

Coordination ("the US and the EU", "Britain, France and Germany") gives a list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from realpolitik.actors.coref import Coreference
from realpolitik.actors.gazetteer import ActorEntry, Gazetteer
from realpolitik.actors.matcher import ADJECTIVE, AGENT, NAME, ROLE, Match
from realpolitik.model import Entity

#: Dependents that can carry the country of an agent or office word.
_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod", "nummod"}
#: Prepositions that can carry it after the head ("the government of Iran", "the regime in Tehran").
_MODIFIER_PREPS = {"of", "in", "from", "throughout", "across"}
#: Sectors whose agent words are actors even without a country ("rebels attacked").
STANDALONE_SECTORS = {"REB", "UAF", "OPP"}
#: Gazetteer kinds that name a state (and so can say which country a story is about).
_STATE_KINDS = {"country", "capital", "seat", "demonym"}


class ActorResolver:
    """Resolves noun phrases of one parsed document."""

    def __init__(self, gazetteer: Gazetteer, doc: Doc, matches: list[Match],
                 published: date | None = None) -> None:
        self.gazetteer = gazetteer
        self.doc = doc
        self.published = published
        self._by_token: dict[int, Match] = {}
        for match in matches:
            for i in range(match.start, match.end):
                self._by_token[i] = match
        self.coref = Coreference(gazetteer, self)

    # -- public ----------------------------------------------------------------------------

    def entities(self, head: Token, on: date | None = None) -> list[Entity]:
        """Entities named by the phrase headed by ``head`` and the phrases coordinated with it."""
        found: list[Entity] = []
        for token in [head, *_conjuncts(head)]:
            for entity in self.resolve(token, on):
                for each in [entity, *self._coordinated_qualifiers(token, entity, on)]:
                    if not any(e.country == each.country and e.name == each.name for e in found):
                        found.append(each)
        return found

    def resolve(self, head: Token, on: date | None = None) -> list[Entity]:
        """The entity (or, for plural descriptions, entities) of one noun phrase head."""
        if head.lemma_.lower() in self.gazetteer.partitives:
            # "several of them": whoever "them" is; "scores of Sierra Leonean and Liberian refugees": both
            of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            found = self.entities(of[0], on) if of else []
            if found:
                return found
        direct = self.direct(head, on)
        if direct is not None and direct.country is None and direct.kind == "agent":
            # "the militia", "the rebels": a group named before, when there is one
            return self.coref.resolve(head) or [direct]
        if direct is not None:
            return [direct]
        return self.coref.resolve(head)

    def direct(self, head: Token, on: date | None = None) -> Entity | None:
        """Resolve without coreference: names, offices and agent words only."""
        on = on or self.published
        match = self._by_token.get(head.i)
        if match is not None and match.kind == NAME and not self._ethnic(head, match):
            return self._titled_country(head, match, self._from_name(match, on))
        if match is None and head.pos_ == "PROPN":  # "Zimbabwean Prime Minister Robert Mugabe"
            titled = self._titled(head, on)
            if titled is not None:
                return titled
        if match is not None and match.kind == ROLE:
            return self._from_role(head, match, on)
        if match is not None and match.kind == AGENT:
            return self._from_agent(head, match, on)
        if match is not None and match.kind == ADJECTIVE:
            return self._entity(match.entry, self._span(match.start, match.end))
        if match is None and head.pos_ == "NOUN":  # "the al-Qaeda network", "the Hamas movement"
            named = [self._by_token.get(c.i) for c in head.children if c.dep_ in {"compound", "poss", "nmod"}]
            named = [m for m in named if m is not None and m.kind == NAME
                     and m.entry.kind in {"group", "organisation", "state_body"}]
            if named:
                return self._entity(named[0].entry, self._span(named[0].start, named[0].end))
        if match is None and head.lemma_.lower() in self.gazetteer.partitives:
            of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            return self.direct(of[0], on) if of else None
        if (match is None or self._ethnic(head, match) or head.tag_ == "NNPS") and _acting_plural(head, self.gazetteer):
            return self._nationals(head)
        return None

    def _nationals(self, head: Token) -> Entity | None:
        """"Algerian landowners began a hunger strike", "thousands of Iraqi Kurds marched": people the
        agent list does not know, whom a nationality adjective places, acting as civilians of that country."""
        for child in head.children:
            found = self._by_token.get(child.i) if child.dep_ in {"amod", "compound"} else None
            if found is not None and (found.kind == ADJECTIVE or (
                    found.kind == NAME and found.entry.kind == "demonym")) and found.entry.country:
                text = self._span(min(child.i, head.left_edge.i), head.i + 1)
                country = found.entry.country
                return Entity(text.text, f"{self._country_name(country)} CVL", country, "CVL", None, None, "agent",
                              text.start_char, text.end_char)
        return None

    def bare_agent(self, head: Token) -> Entity | None:
        """An agent word that no qualifier places ("students", "thousands of protesters").

        Not an actor on its own (``direct`` returns None for it), but the event can still say whose it
        is: its place ("students marched through Jakarta") or, for the target of a state's act, the
        state itself ("police dispersed demonstrators"). The pipeline decides; this only finds it.
        """
        if head.lemma_.lower() in self.gazetteer.partitives:
            of = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for p in c.children if p.dep_ == "pobj"]
            return self.bare_agent(of[0]) if of else None
        match = self._by_token.get(head.i)
        if match is not None and self._ethnic(head, match):  # "ethnic Albanians in Serbia"
            text = self._span(head.left_edge.i, head.i + 1)
            return Entity(text.text, "CVL", None, "CVL", None, None, "agent", text.start_char, text.end_char)
        if match is None or match.kind != AGENT or self.direct(head) is not None:
            return None
        text = self._span(min(head.left_edge.i, match.start), max(head.i, match.end - 1) + 1)
        return Entity(text.text, match.payload, None, match.payload, None, None, "agent", text.start_char,
                      text.end_char)

    def _ethnic(self, head: Token, match: Match) -> bool:
        """"Ethnic Albanians", "ethnic Russians": a people, not the citizens of its namesake state."""
        return match.kind == NAME and match.entry.kind == "demonym" and any(
            t.lower_ == "ethnic" for t in self.doc[head.left_edge.i:match.start])

    def _coordinated_qualifiers(self, head: Token, entity: Entity, on: date | None) -> list[Entity]:
        """"Hungarian and Romanian officials": one agent word, two qualifiers, two actors."""
        if entity.kind not in {"agent", "role"} or entity.via:
            return []
        extra = []
        # "the foreign ministers of Saudi Arabia and Iran": qualifiers in an "of" phrase count too
        qualifiers = [c for c in head.children if c.dep_ in _MODIFIER_DEPS]
        qualifiers += [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj"]
        for child in qualifiers:
            for other in _conjuncts(child):
                qualifier = self._qualifier_of_token(other)
                if qualifier is None or qualifier.country == entity.country:
                    continue
                country = qualifier.country
                term = self.gazetteer.holder(country, entity.role, on) if entity.role and on else None
                if term is not None:
                    extra.append(self._person(term.person, term.country, term.id, self._span(other.i, other.i + 1),
                                              on, role=entity.role))
                else:
                    name = f"{self._country_name(country)} {entity.role or entity.sector or ''}".strip()
                    extra.append(replace(entity, text=other.text, name=name, country=country,
                                         start=other.idx, end=other.idx + len(other)))
        return extra

    def match_at(self, token: Token) -> Match | None:
        return self._by_token.get(token.i)

    # -- the five ways ---------------------------------------------------------------------

    def _from_name(self, match: Match, on: date | None) -> Entity:
        entry = match.entry
        text = self._span(match.start, match.end)
        if entry.kind == "person":
            return self._person(entry.name, entry.country, entry.id, text, on)
        return self._entity(entry, text)

    def _titled(self, head: Token, on: date | None) -> Entity | None:
        """A person the gazetteer does not know, named after an office title: the title gives the
        country and office, the text gives the name."""
        left = [t for t in self.doc[head.left_edge.i:head.i] if t.dep_ in {"compound", "amod", "nmod"} or t.head == head
                or t.head.head == head]
        roles = [self._by_token[t.i] for t in left if t.i in self._by_token and self._by_token[t.i].kind == ROLE]
        if not roles:
            return None
        role = roles[-1]
        qualifier, start = self._qualifier(head, role)
        country = qualifier.country if qualifier else role.role.country
        via = None
        if country is None:  # "President Yoweri Museveni threatened to ban Ugandan candidates"
            country, via = self._story_country(head), "story country"
        if country is None:
            return None
        name = self._span(role.end, head.i + 1).text
        text = self._span(min(start, role.start), head.i + 1)
        return Entity(text.text, name, country, role.role.sector or self.gazetteer.role_sector.get(role.role.role),
                      None, role.role.role, "person", text.start_char, text.end_char, via)

    def _titled_country(self, head: Token, match: Match, entity: Entity) -> Entity:
        """"Georgian President Eduard Shevardnadze": a person's own title and nationality in the text
        beat the country the gazetteer last knew them by (he had been a Soviet minister)."""
        if entity.kind != "person":
            return entity
        before = [self._by_token.get(t.i) for t in self.doc[head.left_edge.i:match.start]]
        if not any(m is not None and m.kind == ROLE for m in before):
            return entity
        countries = {m.entry.country for m in before if m is not None and m.kind in {NAME, ADJECTIVE}
                     and m.entry.kind in _STATE_KINDS and m.entry.country}
        if len(countries) != 1 or entity.country in countries:
            return entity
        return replace(entity, country=countries.pop(), via="title")

    def _story_country(self, head: Token) -> str | None:
        """The country a story is about, for an official it names by title alone: the only state its
        sentence names, or else the state the document has named most so far (none on a tie)."""
        def states(tokens) -> Counter[str]:
            seen = {id(m): m for m in (self._by_token.get(t.i) for t in tokens) if m is not None}
            return Counter(m.entry.country for m in seen.values() if m.kind in {NAME, ADJECTIVE}
                           and m.entry.kind in _STATE_KINDS and m.entry.country)
        in_sentence = states(t for t in head.sent if t.i != head.i)
        if len(in_sentence) == 1:
            return next(iter(in_sentence))
        so_far = states(self.doc[:head.sent.start]).most_common(2)
        if so_far and (len(so_far) == 1 or so_far[0][1] > so_far[1][1]):
            return so_far[0][0]
        return None

    def _from_role(self, head: Token, match: Match, on: date | None) -> Entity | None:
        role = match.role
        qualifier, start = self._qualifier(head, match)
        country = qualifier.country if qualifier else role.country
        if country is None:
            return None
        # The leader of an armed group is of the group's sector, not the government's.
        sector = qualifier.sector if qualifier and qualifier.kind == "group" else None
        text = self._span(min(start, match.start), max(head.i, match.end - 1) + 1)
        term = self.gazetteer.holder(country, role.role, on) if on and not role.plural else None
        if term is not None:
            person = self._person(term.person, term.country, term.id, text, on, role=role.role)
            return replace(person, sector=sector or person.sector)
        return Entity(text.text, f"{self._country_name(country)} {role.role.replace('_', ' ')}",
                      country, sector or role.sector or self.gazetteer.role_sector.get(role.role), None,
                      role.role, "role", text.start_char, text.end_char)

    def _from_agent(self, head: Token, match: Match, on: date | None) -> Entity | None:
        sector: str = match.payload
        country, start = self._country_modifier(head, match)
        if country is None and sector not in STANDALONE_SECTORS:
            return None
        text = self._span(min(start, match.start), max(head.i, match.end - 1) + 1)
        name = f"{self._country_name(country)} {sector}" if country else sector
        return Entity(text.text, name, country, sector, None, None, "agent", text.start_char, text.end_char)

    def _country_modifier(self, head: Token, match: Match) -> tuple[str | None, int]:
        """The country an agent or office word is qualified by, and where that qualifier starts."""
        qualifier, start = self._qualifier(head, match)
        return (qualifier.country if qualifier else None), start

    def _qualifier(self, head: Token, match: Match) -> tuple[ActorEntry | Entity | None, int]:
        """What qualifies an agent or office word ("Iranian", "Iran's", "its", "of Iran"), and where it starts."""
        candidates = [c for c in head.children if c.dep_ in _MODIFIER_DEPS and c.i < match.start]
        candidates += [t for t in self.doc[head.left_edge.i:match.start] if t not in candidates]
        for child in candidates:
            found = self._qualifier_of_token(child)
            if found:
                return found, child.left_edge.i if child.dep_ == "poss" else child.i
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in _MODIFIER_PREPS:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        # "the regime in Tehran"; "leaders of Romania's new government"
                        found = self._qualifier_of_token(pobj) or self._placed_body(pobj)
                        if found:
                            return found, head.left_edge.i
            elif prep.dep_ == "prep" and prep.lower_ == "for":
                # "a spokesman for the Iranian government" speaks for it; "an envoy for Syria" is no Syrian
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    found = self._placed_body(pobj)
                    if found:
                        return found, head.left_edge.i
        return None, head.left_edge.i

    def _placed_body(self, token: Token) -> Entity | None:
        """A body that is itself qualified by a country ("Romania's new government"), as a qualifier."""
        match = self._by_token.get(token.i)
        if match is None or match.kind not in {AGENT, ROLE}:
            return None
        entity = self.direct(token)
        return entity if entity is not None and entity.country else None

    def _qualifier_of_token(self, token: Token) -> ActorEntry | Entity | None:
        """The actor a modifier token carries: a name, an adjective, or a pronoun's referent."""
        match = self._by_token.get(token.i)
        if match is not None and match.kind in {NAME, ADJECTIVE} and match.entry.country:
            return match.entry
        if token.dep_ == "poss" and (token.pos_ == "PRON" or token.lemma_.lower() in self.gazetteer.descriptions):
            # "its", and "the alliance's foreign ministers", "the regime's envoy": whoever is meant
            referents = self.coref.resolve(token)
            return referents[0] if len(referents) == 1 else None
        return None

    # -- building entities -----------------------------------------------------------------

    def _person(self, name: str, country: str | None, pid: str | None, text, on: date | None,
                role: str | None = None) -> Entity:
        """A person, with the office they held on the day (country and sector may change with it)."""
        terms = self.gazetteer.roles_of(name, on)
        term = next((t for t in terms if role is None or t.role == role), None)
        if term is not None:
            country = term.country or country
            role = role or (term.role if term.role != "office" else None)
        elif on is not None and self.gazetteer.left_office(name, on):
            return Entity(text.text, name, country, "ELI", pid, None, "person", text.start_char, text.end_char)
        sector = (term.sector if term else None) or self.gazetteer.role_sector.get(role or "", "GOV")
        return Entity(text.text, name, country, sector, pid, role, "person", text.start_char, text.end_char)

    def _entity(self, entry: ActorEntry, text) -> Entity:
        return Entity(text.text, entry.name, entry.country, entry.sector, entry.id, None, entry.kind,
                      text.start_char, text.end_char)

    def _country_name(self, code: str | None) -> str:
        return self.gazetteer.countries.get(code or "", code or "")

    def _span(self, start: int, end: int):
        return self.doc[start:end]


def _acting_plural(head: Token, gazetteer: Gazetteer) -> bool:
    """A plural noun in an actor's place: a subject, or the "of" phrase of a partitive subject."""
    if head.tag_ not in {"NNS", "NNPS"}:
        return False
    if head.dep_ in {"nsubj", "nsubjpass"}:
        return True
    of = head.head
    return (head.dep_ == "pobj" and of.lower_ == "of" and of.head.dep_ in {"nsubj", "nsubjpass"}
            and of.head.lemma_.lower() in gazetteer.partitives)


def _conjuncts(head: Token) -> list[Token]:
    """Tokens coordinated with ``head`` ("A, B and C"), in order."""
    found: list[Token] = []
    stack = [c for c in head.children if c.dep_ == "conj"]
    while stack:
        token = stack.pop(0)
        found.append(token)
        stack.extend(c for c in token.children if c.dep_ == "conj")
    return found
