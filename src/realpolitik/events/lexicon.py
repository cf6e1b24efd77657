"""The event lexicon: which verbs and nouns are events, of which PLOVER type and mode.

Entries live in ``data/events/verbs.yaml`` and ``nouns.yaml`` (schema at the top of each file);
``chains.yaml`` says how verbs with a complement relate to it ("agreed to cooperate", "plans to
visit"), ``reporting.yaml`` which verbs report speech. A verb entry may require a particle
("pull out"), a direct object ("drop bombs" vs "drop threats") or a preposition ("side with");
the most specific entry that the parse satisfies wins.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from realpolitik.events.scores import ceased_as
from realpolitik.resources import DATA_DIR, read_yaml

#: Words that can be a phrasal verb's particle.
PARTICLES = {"out", "off", "down", "up", "back", "over", "away", "in", "on", "through", "forward", "aside",
             "apart", "together", "along", "around", "ahead", "about"}
#: The CHAIN classes of ``chains.yaml``.
CHAIN_CLASSES = ("transparent", "future", "hypothetical", "negating", "typed", "light", "reporting", "responding",
                 "object_control", "quantities", "intent", "anaphoric",
                 "anaphoric_speech", "raising", "carriers", "ceasing",
                 "negating_nouns", "converse", "giving",
                 "bound_subject", "undoing", "ceasing_nouns", "permitting", "naming",
                 "instruments", "copulas", "reciprocal", "commands")


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry. ``type`` is None for entries that say "this is not an event"."""

    lemma: str
    pos: str  # "verb" or "noun"
    type: str | None
    mode: str = ""
    cameo: str = ""
    particle: str | None = None
    object: str | None = None
    prep: str | None = None
    modifier: str | None = None  # nouns: a word that must modify the noun ("hunger" strike)
    source: str = ""  # the data file, when not verbs.yaml / nouns.yaml

    @property
    def specificity(self) -> int:
        return sum(x is not None for x in (self.particle, self.object, self.prep, self.modifier))

    @property
    def name(self) -> str:
        """How the rule field names the entry: ``verbs.yaml:impose+obj=sanction``."""
        parts = [self.lemma]
        if self.particle:
            parts.append(self.particle)
        if self.object:
            parts.append(f"obj={self.object}")
        if self.prep:
            parts.append(f"prep={self.prep}")
        if self.modifier:
            parts.append(f"mod={self.modifier}")
        return f"{self.source or self.pos + 's.yaml'}:{'+'.join(parts)}"


@dataclass
class Lexicon:
    verbs: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    chains: dict[str, set[str]] = field(default_factory=lambda: {c: set() for c in CHAIN_CLASSES})

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> Lexicon:
        """The bundled lexicon plus user files with the same keys (later entries win)."""
        lexicon = cls()
        for name in ("verbs.yaml", "nouns.yaml", "chains.yaml", "reporting.yaml"):
            path = DATA_DIR / "events" / name
            if path.exists():
                lexicon.add_data(read_yaml(path) or {})
        for path in extra:
            lexicon.add_data(read_yaml(path) or {})
        return lexicon

    def add_data(self, data: dict[str, Any]) -> None:
        for raw in data.get("verbs") or []:
            entry = _entry(raw, "verb")
            bucket = self.verbs[entry.lemma]
            bucket[:] = [e for e in bucket if _key(e) != _key(entry)] + [entry]
        for raw in data.get("nouns") or []:
            entry = _entry(raw, "noun")
            bucket = self.nouns[entry.lemma]
            bucket[:] = [e for e in bucket if _key(e) != _key(entry)] + [entry]
        for chain in CHAIN_CLASSES:
            self.chains[chain].update(w.lower() for w in data.get(chain) or [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def in_chain(self, chain: str, token: Token) -> bool:
        return token.lemma_.lower() in self.chains[chain]

    def verb_entry(self, verb: Token) -> Entry | None:
        """The most specific verb entry the parse around ``verb`` satisfies (may be a NONE entry)."""
        entries = self.verbs.get(verb.lemma_.lower())
        if not entries:
            return None
        # spaCy often labels a particle advmod or prep ("stepped down", "pulled out of"), so a
        # particle word counts whatever its label; a preposition whose object is a date or time
        # ("called Netanyahu on Sunday") is not the verb's preposition.
        particles = {c.lower_ for c in verb.children  # after the verb: "In August Tehran let ..." has none
                     if c.dep_ == "prt" or (c.dep_ in {"advmod", "prep"} and c.lower_ in PARTICLES and c.i > verb.i)}
        preps = {c.lower_ for c in verb.children if c.dep_ in {"prep", "agent", "dative"}
                 and not any(p.ent_type_ in {"DATE", "TIME"} for p in c.children)}
        heads = self.objects(verb)
        objects = {t.lemma_.lower() for t in heads}
        # "suspended the aid programme" is about aid, "halted the nuclear programme" about the programme:
        # before a carrier noun (programme, effort, campaign) a noun compound names what is acted on
        kinds = {c.lemma_.lower() for t in heads if t.lemma_.lower() in self.chains["carriers"]
                 for c in t.children if c.dep_ == "compound" and c.pos_ == "NOUN"}
        # "called the strikes illegal": the label, not the thing labelled, says what the act is
        labels = {t.lemma_.lower() for t in self.labels(verb)}
        direct = {t.lemma_.lower() for t in heads if t.dep_ in {"dobj", "nsubjpass"}}
        best: Entry | None = None
        for entry in entries:
            if entry.particle and entry.particle not in particles:
                continue
            if entry.object and entry.object not in objects | kinds:
                continue
            if entry.prep and entry.prep not in preps:
                continue
            if best is None or _rank(entry, kinds, labels, direct) > _rank(best, kinds, labels, direct):
                best = entry
        return best

    def labels(self, verb: Token) -> list[Token]:
        """What a verb of naming labels something as, and the words inside the label (``_labels``)."""
        return _labels(verb, naming=verb.lemma_.lower() in self.chains["naming"])

    def labelled(self, verb: Token) -> list[Token]:
        """What a verb of naming labels, when the parser read it as a first object predicate
        ("called [the raids] [unprovoked aggression]"); otherwise it is the verb's direct object."""
        predicates = [c for c in verb.children if c.dep_ == "oprd"]
        return predicates[:1] if len(predicates) > 1 and verb.lemma_.lower() in self.chains["naming"] else []

    def objects(self, verb: Token) -> list[Token]:
        """Direct objects, including a passive subject ("sanctions were imposed"), coordinated ones,
        prepositional objects, and what a quantity stands for ("buys most of Iran's oil": oil)."""
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "attr", "oprd"}]
        if verb.lemma_.lower() in self.chains["permitting"]:  # "let Russian bombers fly"
            objects += [s for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i
                        for s in c.children if s.dep_ == "nsubj"]
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the blow struck by Washington": blow is the object
            objects.append(verb.head)
        objects += [c for prep in verb.children if prep.dep_ == "prep" for c in prep.children if c.dep_ == "pobj"]
        # "pulled out of the deal", "walked away from the agreement": the parser hangs the preposition
        # on the particle
        objects += [c for particle in verb.children if particle.dep_ in {"prt", "advmod", "prep"}
                    for prep in particle.children if prep.dep_ == "prep" for c in prep.children if c.dep_ == "pobj"]
        objects += [p for obj in objects for p in self.quantified(obj)]  # "answered with waves of missiles"
        # "called the attack a war of aggression", "called the strikes unprovoked aggression": what a
        # label says lies in its own object or "of" phrase
        objects += self.labels(verb)[1:]
        objects.extend(c for obj in list(objects) for c in obj.children if c.dep_ == "conj")
        return objects

    def quantified(self, noun: Token) -> list[Token]:
        """What a quantity word stands for: "most of Iran's oil" -> oil, "ten days of talks" -> talks."""
        if noun.lemma_.lower() not in self.chains["quantities"]:
            return []
        return _of_objects(noun)

    def given(self, thing: Token) -> Entry | None:
        """What giving ``thing`` is: its own event noun ("a warning", "aid"), else the entry of a giving
        verb with it as object ("supply drones" is AID)."""
        found = self.noun_entry(thing)
        if found is not None:
            return found
        lemma = thing.lemma_.lower()
        for verb in self.chains["giving"]:
            entry = next((e for e in self.verbs.get(verb, []) if e.object == lemma and not e.particle
                          and not e.prep), None)
            if entry is not None:
                return entry if entry.type is not None else None
        return None

    def noun_entry(self, noun: Token) -> Entry | None:
        """The noun's entry; one that needs a modifier ("hunger strike") beats the plain noun."""
        entries = self.nouns.get(noun.lemma_.lower()) or self.nouns.get(noun.lower_) or []
        if not entries and noun.lemma_.lower() in self.chains["carriers"]:  # "a mediation effort"
            return next((e for e in (self.noun_entry(c) for c in noun.children if c.dep_ == "compound") if e), None)
        if not entries and noun.lemma_.lower() in self.chains["ceasing_nouns"]:
            return self._ending(noun)
        modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
        best = None
        for entry in entries:
            if entry.modifier and entry.modifier not in modifiers:
                continue
            if best is None or entry.specificity > best.specificity:
                best = entry
        return best if best is not None and best.type is not None else None

    def _ending(self, noun: Token) -> Entry | None:
        """"Ordered a halt to imports of Iranian oil", "an end to the fighting": ending an act is an
        event of its own, of the type plover.yaml's ``ceased`` gives (ending trade is a sanction)."""
        for ended in (p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"to", "of", "on"}
                      for p in c.children if p.dep_ == "pobj"):
            entry = self.noun_entry(ended)
            recoded = ceased_as(entry.type) if entry is not None and entry.type else None
            if recoded is not None:
                return Entry(noun.lemma_.lower(), "noun", recoded[0], "", recoded[1], object=entry.lemma,
                             source="chains.yaml")
        return None


def _entry(raw: dict[str, Any], pos: str) -> Entry:
    kind = raw.get("type")
    return Entry(
        lemma=str(raw[pos]).lower(),
        pos=pos,
        type=None if kind in (None, "NONE") else str(kind),
        mode=str(raw.get("mode") or ""),
        cameo=str(raw.get("cameo") or ""),
        particle=raw.get("particle"),
        object=raw.get("object"),
        prep=raw.get("prep"),
        modifier=raw.get("modifier"),
    )


def _rank(entry: Entry, compounds: set[str] = frozenset(), labels: set[str] = frozenset(),
          direct: set[str] = frozenset()) -> tuple[int, bool, bool, bool, bool]:
    """More conditions win; between equals, a required object beats a preposition ("withdrew
    from the agreement" is about the agreement, whatever "from" usually means for "withdraw"), an
    object named by the compound before the head beats the head ("the aid programme"), a label
    beats the thing labelled ("called the strikes illegal"), and a direct object beats one after a
    preposition ("after talks ..., Iran and the powers concluded an agreement")."""
    return (entry.specificity, entry.object is not None, entry.object in compounds, entry.object in labels,
            entry.object in direct)


def _key(entry: Entry) -> tuple:
    return (entry.lemma, entry.particle, entry.object, entry.prep, entry.modifier)


def _labels(verb: Token, naming: bool = False) -> list[Token]:
    """The object predicate of a verb of naming and the words inside it that say what it names:
    "called the attack a war of aggression" -> war, aggression; "called the strikes unprovoked
    aggression" -> unprovoked, aggression."""
    found = [c for c in verb.children if c.dep_ == "oprd"]
    if naming:  # the parser may read "called the attacks unprovoked aggression" as a clause
        found += [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i
                  and any(s.dep_ == "nsubj" for s in c.children)
                  and not any(a.dep_ in {"aux", "auxpass", "mark"} for a in c.children)]
    if not found:
        return []
    label = found[-1]  # of two ("called [the raids] [unprovoked aggression]"), the first is what is labelled
    return [label, *(c for c in label.children if c.dep_ == "dobj"), *_of_objects(label)]


def _of_objects(noun: Token) -> list[Token]:
    """The objects of a noun's "of" phrases ("most of Iran's oil" -> oil)."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
