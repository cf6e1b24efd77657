"""Coreference within a document, as much as event coding needs.

Pronouns (it, its, they, their, he, his, she, her) and definite descriptions (the regime, the
kingdom, the two countries: ``data/actors/coreference.yaml``) resolve to the most salient earlier
mention that fits: the pronoun's own clause subject first, then the subjects of earlier sentences
(nearest first), then any earlier mention (nearest first). "They" prefers a coordinated pair
("Iran and Russia ... they"); "he" and "she" want a person.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from realpolitik.actors.gazetteer import Gazetteer
from realpolitik.actors.matcher import ROLE
from realpolitik.model import Entity

if TYPE_CHECKING:
    from realpolitik.actors.resolver import ActorResolver

_SINGULAR = {"it", "its", "itself"}
_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_PERSONAL = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
#: What each pronoun class may refer to.
_PRONOUN_KINDS = {
    "singular": {"country", "capital", "seat", "organisation", "state_body", "group", "bloc", "agent", "role"},
    "plural": {"country", "capital", "seat", "organisation", "state_body", "group", "bloc", "demonym", "agent",
               "role", "person"},
    "personal": {"person", "role"},
}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_OBJECT_DEPS = {"dobj", "dative", "iobj", "pobj"}
#: How many sentences back a pronoun may look.
_WINDOW = 3


@dataclass(frozen=True, slots=True)
class _Mention:
    token: int
    sentence: int
    entity: Entity
    subject: bool
    group: int  # token index of the coordination's first member


class Coreference:
    """Resolves pronouns and descriptions of one document against its earlier mentions."""

    def __init__(self, gazetteer: Gazetteer, resolver: ActorResolver) -> None:
        self.gazetteer = gazetteer
        self.resolver = resolver
        self._mentions: list[_Mention] | None = None
        self._building = False

    def resolve(self, token: Token) -> list[Entity]:
        """The entities a pronoun or description refers to, or [] when it is neither or unresolved."""
        if self._building:
            return []
        word = token.lower_
        if word in _SINGULAR:
            document = _document_antecedent(token, self.gazetteer.documents)
            if document is not None:  # "accepted the resolution, and Israel endorsed it": its author
                return [self._as_pronoun(e, token) for e in self.resolve(document)]
            return self._pick(token, _PRONOUN_KINDS["singular"], plural=False)
        if word in _PLURAL:
            counted = _counted_antecedent(token, self._description)
            if counted is not None:  # "telephoned the two ministers and asked them"
                return [self._as_pronoun(e, token) for e in self.resolve(counted)]
            return self._pick(token, _PRONOUN_KINDS["plural"], plural=True)
        if word in _PERSONAL:
            return self._pick(token, _PRONOUN_KINDS["personal"], plural=False)
        spec = self._description(token)
        if spec is None:
            return self._repeated_head(token) or self._repeated_office(token) or self._author(token)
        kinds = set(spec.get("kinds") or _PRONOUN_KINDS["singular"])
        found = (self._speakers_own(token) if spec.get("speaker") else []) or \
            self._pick(token, kinds, plural=bool(spec.get("plural")))
        if spec.get("sector"):
            found = [replace(e, sector=spec["sector"]) for e in found]
        return found

    def mentions(self) -> list[tuple[int, Entity]]:
        """Every directly named actor in the document, as (sentence index, entity), in text order."""
        return [(m.sentence, m.entity) for m in self._index()]

    # -- internals -------------------------------------------------------------------------

    def _description(self, token: Token) -> dict | None:
        """The description spec for a head noun that has only determiners and numbers before it."""
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        left = [t for t in token.doc[token.left_edge.i:token.i] if t.lower_ not in {"the", "this", "that"}]
        key = " ".join([t.lower_ for t in left] + [token.lower_])
        for candidate in (key, token.lemma_.lower(), token.lower_):
            if candidate in self.gazetteer.descriptions:
                if candidate != key and any(t.pos_ not in {"DET", "NUM"} for t in left):
                    return None
                return self.gazetteer.descriptions[candidate]
        return None

    def _speakers_own(self, token: Token) -> list[Entity]:
        """"The Saudi foreign minister announced that the kingdom was severing relations": in what a
        state's official says, a word like "the kingdom" is the speaker's own state."""
        speaker = _speaker(token)
        found = self.resolver.direct(speaker) if speaker is not None else None
        return [self._as_pronoun(found, token)] if found is not None and found.country else []

    def _repeated_head(self, token: Token) -> list[Entity]:
        """"the embassy" after "the American embassy in Tehran": a bare agent word refers back to the
        latest mention with the same head word."""
        if token.lower_ not in self.gazetteer.agents or not _bare(token):
            return []
        for mention in reversed(self._index()):
            head = self.resolver.doc[mention.token]
            if mention.token < token.i and mention.entity.kind == "agent" and head.lemma_ == token.lemma_:
                return [self._as_pronoun(mention.entity, token)]
        return []

    def _repeated_office(self, token: Token) -> list[Entity]:
        """"the president" after "President Carter": a bare office word refers back to the latest
        mention of someone holding that office."""
        match = self.resolver.match_at(token)
        if match is None or match.kind != ROLE or match.role.plural or not _bare(token):
            return []
        for mention in reversed(self._index()):
            if mention.token < token.i and mention.entity.role == match.role.role:
                return [self._as_pronoun(mention.entity, token)]
        return []

    def _author(self, token: Token) -> list[Entity]:
        """"The resolution" after "Security Council Resolution 1701": the author of the latest earlier
        mention of the same document noun that names one."""
        lemma = token.lemma_.lower()
        if lemma not in self.gazetteer.documents or not _bare(token):
            return []
        for earlier in reversed(token.doc[:token.left_edge.i]):
            if earlier.lemma_.lower() == lemma:
                author = self._named_author(earlier)
                if author is not None:
                    return [self._as_pronoun(author, token)]
        return []

    def _named_author(self, document: Token) -> Entity | None:
        """Who a mention of a document names as its author, if anyone."""
        heads = [c for c in document.children if c.dep_ in {"compound", "poss", "amod", "nmod"}]
        heads += [p for c in document.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                  for p in c.children if p.dep_ == "pobj"]
        heads += [s for c in document.children if c.dep_ == "relcl" for s in c.children if s.dep_ == "nsubj"]
        for head in heads:
            for found in self.resolver.resolve(head):
                if found.country:
                    return found
        return None

    def _index(self) -> list[_Mention]:
        if self._mentions is None:
            self._building = True
            try:
                mentions = []
                sentence_of = {}
                for s, sent in enumerate(self.resolver.doc.sents):
                    for t in sent:
                        sentence_of[t.i] = s
                for token in self.resolver.doc:
                    if token.pos_ not in {"NOUN", "PROPN", "ADJ"} or token.dep_ in {"compound", "amod", "flat"}:
                        continue
                    entity = self.resolver.direct(token)
                    if entity is None or (entity.kind == "organisation" and _venue(token)):
                        continue  # "at a meeting in Brussels": a city named for a body is there a place
                    mentions.append(_Mention(token.i, sentence_of[token.i], entity,
                                             token.dep_ in _SUBJECT_DEPS, _group(token)))
                self._mentions = mentions
            finally:
                self._building = False
        return self._mentions

    def _pick(self, token: Token, kinds: set[str], *, plural: bool) -> list[Entity]:
        earlier = [m for m in self._index() if m.token < token.left_edge.i and m.entity.country]
        clause_subject = _clause_subject(token)
        if clause_subject is not None and _is_object(token):
            # "Obama telephoned him", "Washington urged both governments": an object is never its own
            # clause's subject (a reflexive would say so), so that subject is no antecedent.
            earlier = [m for m in earlier if m.token not in clause_subject]
        mentions = [m for m in earlier if m.entity.kind in kinds]
        if not mentions:
            return []
        sentence_starts = [s.start for s in token.doc.sents]
        current = sum(1 for start in sentence_starts if start <= token.i) - 1
        if plural:
            groups: dict[int, list[_Mention]] = {}
            for mention in mentions:
                groups.setdefault(mention.group, []).append(mention)
            size = _number(token)
            pairs = [g for g in groups.values() if len({m.entity.country for m in g}) > 1
                     and (size is None or len({m.entity.country for m in g}) == size)
                     and current - g[-1].sentence <= _WINDOW]
            if pairs:
                return [self._as_pronoun(m.entity, token) for m in max(pairs, key=lambda g: g[-1].token)]
            if token.lower_ not in _PLURAL:
                # "the two foreign ministers": the states of the latest sentence that names that many
                # ("Riyadh cut ties with Tehran ... Since then the two rivals ..."), else those the last
                # few sentences talk about most (a passing "Washington urged them" does not make the US
                # one of the two); mentions of any kind count: "the Saudi envoy" speaks of Saudi Arabia
                recent = next((found for back in range(2 * _WINDOW + 1)
                               for found in [[m for m in earlier if m.sentence == current - back]]
                               if len({m.entity.country for m in found}) >= (size or 2)),
                              [m for m in earlier if current - m.sentence <= 2 * _WINDOW])
                counts = Counter(m.entity.country for m in recent)
                latest = {m.entity.country: m for m in recent}
                latest.update({m.entity.country: m for m in recent if m.entity.kind in kinds})
                chosen = sorted(counts, key=lambda c: (counts[c], latest[c].token), reverse=True)[:size or 2]
                if len(chosen) < (size or 2):
                    return []
                return [self._as_pronoun(m.entity, token) for m in sorted((latest[c] for c in chosen),
                                                                            key=lambda m: m.token)]
        best = self._most_salient(token, mentions, current)
        return [self._as_pronoun(best.entity, token)] if best else []

    def _most_salient(self, token: Token, mentions: list[_Mention], current: int) -> _Mention | None:
        clause_subject = _clause_subject(token)
        for mention in reversed(mentions):
            if clause_subject is not None and mention.token in clause_subject:
                return mention
        for distance in range(_WINDOW + 1):
            in_sentence = [m for m in mentions if m.sentence == current - distance]
            subjects = [m for m in in_sentence if m.subject]
            if subjects:
                return subjects[0] if distance else subjects[-1]
            if in_sentence:
                return in_sentence[-1]
        return None

    def _as_pronoun(self, entity: Entity, token: Token) -> Entity:
        phrase = token.doc[token.left_edge.i:token.i + 1] if token.pos_ != "PRON" else token.doc[token.i:token.i + 1]
        return replace(entity, text=phrase.text, start=phrase.start_char, end=phrase.end_char,
                       via=f"coref:{entity.text}")


def _bare(token: Token) -> bool:
    """Only determiners before the head: "the embassy", not "an embassy in Paris" or "its embassy"."""
    left = token.doc[token.left_edge.i:token.i]
    return all(t.lower_ in {"the", "this", "that", "these", "those"} for t in left)


def _speaker(token: Token) -> Token | None:
    """The subject of the verb of saying whose reported clause holds the token ("the minister
    announced that ..."; spaCy sometimes hangs "announced" on the minister as a clause of its own)."""
    for verb in token.ancestors:
        if verb.dep_ == "ccomp":
            saying = verb.head
            subjects = [c for c in saying.children if c.dep_ in _SUBJECT_DEPS]
            if subjects:
                return subjects[0]
            return saying.head if saying.dep_ == "acl" else None
    return None


def _number(token: Token) -> int | None:
    """How many actors a description counts ("the two sides": 2, "both": 2), if it says."""
    words = {t.lower_ for t in token.doc[token.left_edge.i:token.i]}
    for word, value in (("two", 2), ("both", 2), ("either", 2), ("three", 3), ("four", 4)):
        if word in words:
            return value
    return None


def _document_antecedent(token: Token, documents: set[str]) -> Token | None:
    """The document an object "it" stands for: the object of an earlier verb in the same sentence."""
    if token.dep_ != "dobj" or token.lower_ != "it":
        return None
    for earlier in reversed(token.doc[token.sent.start:token.i]):
        if earlier.dep_ == "dobj":
            return earlier if earlier.lemma_.lower() in documents else None
    return None


def _counted_antecedent(token: Token, description) -> Token | None:
    """The nearest counted plural description earlier in the pronoun's sentence ("the two sides")."""
    for earlier in reversed(token.doc[token.sent.start:token.i]):
        spec = description(earlier) if earlier.tag_ == "NNS" else None
        if spec is not None and spec.get("plural"):
            return earlier
    return None


def _group(token: Token) -> int:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    if token.dep_ in _SUBJECT_DEPS:  # "May, Macron and Merkel said", parsed as two subjects of one verb
        return next(c for c in token.head.children if c.dep_ in _SUBJECT_DEPS).i
    return token.i


def _is_object(token: Token) -> bool:
    """An object or prepositional object, not a possessive or reflexive ("his", "itself")."""
    return token.dep_ in _OBJECT_DEPS and not token.lower_.endswith(("self", "selves"))


def _venue(token: Token) -> bool:
    """Is the token where something happens ("in Brussels", "at Geneva")?"""
    return token.dep_ == "pobj" and token.head.lower_ in {"in", "at"}


def _clause_subject(token: Token) -> set[int] | None:
    """Token indices of the subject of the clause the pronoun sits in, when that is another phrase."""
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and not (child.left_edge.i <= token.i <= child.right_edge.i):
            # "Hussein, who is close to the Iraqi leader, ...": a relative clause is not the subject.
            inner = {t.i for c in child.children if c.dep_ in {"relcl", "acl"} for t in c.subtree}
            return {t.i for t in child.subtree} - inner
    return None
