"""Find gazetteer words in a parsed document.

The gazetteer is compiled into spaCy ``PhraseMatcher`` objects once per (gazetteer, vocabulary);
matching a sentence is then a hash look-up per token, never a loop over the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token

from realpolitik.actors.gazetteer import ActorEntry, Gazetteer, RoleWord

#: Kinds of match, most specific first: a proper name beats an office word beats an agent word.
NAME, ADJECTIVE, ROLE, AGENT = "name", "adjective", "role", "agent"
_PRIORITY = {NAME: 0, ADJECTIVE: 1, ROLE: 2, AGENT: 3}


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer word found in a document: tokens ``start``..``end`` (exclusive)."""

    kind: str
    start: int
    end: int
    payload: Any  # ActorEntry for names and adjectives, RoleWord for roles, a sector code for agents

    @property
    def entry(self) -> ActorEntry:
        return self.payload

    @property
    def role(self) -> RoleWord:
        return self.payload


class ActorMatcher:
    """Compiled phrase matchers for one gazetteer and one spaCy vocabulary."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._tables: dict[str, dict[str, Any]] = {
            NAME: gazetteer.names,
            ADJECTIVE: gazetteer.adjectives,
            ROLE: gazetteer.roles,
            AGENT: gazetteer.agents,
        }
        self._cased = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        make = nlp.make_doc
        for kind in (NAME, ADJECTIVE):
            for phrase in self._tables[kind]:
                self._cased.add(f"{kind}|{phrase}", [make(phrase)])
        for kind in (ROLE, AGENT):
            for phrase in self._tables[kind]:
                self._lower.add(f"{kind}|{phrase}", [make(phrase)])
        self._strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> list[Match]:
        """Non-overlapping matches, preferring the longest span and then the most specific kind."""
        found: list[Match] = []
        for matcher in (self._cased, self._lower):
            for key, start, end in matcher(doc):
                kind, phrase = self._strings[key].split("|", 1)
                found.append(Match(kind, start, end, self._tables[kind][phrase]))
        found.sort(key=lambda m: (-(m.end - m.start), _PRIORITY[m.kind], m.start))
        taken = [False] * len(doc)
        chosen: list[Match] = []
        for match in found:
            if any(taken[match.start:match.end]) or not _plausible(doc, match):
                continue
            for i in range(match.start, match.end):
                taken[i] = True
            chosen.append(match)
        covered = {i for m in chosen for i in range(m.start, m.end)}
        # "Security Council Resolution 1701": a document named after its author keeps the author
        covered |= {t.i for t in doc if t.lemma_.lower() in self.gazetteer.documents}
        chosen = [m for m in chosen if not _part_of_other_name(doc, m, covered)]
        chosen.sort(key=lambda m: m.start)
        return chosen


def _plausible(doc: Doc, match: Match) -> bool:
    """Reject a match that is plainly another word in this sentence.

    A one-token name must be tagged as a noun, proper noun or adjective, be all capitals, or be
    capitalised other than at the start of a sentence;
    an office or agent word right after a number is a clock time or a count ("5 pm").
    """
    token: Token = doc[match.start]
    if match.kind == ROLE:
        return not (match.start and doc[match.start - 1].like_num)
    if match.kind == AGENT:
        return True
    if match.end - match.start > 1:
        return True
    if match.kind == NAME and match.entry.kind == "bloc":
        return match.start > 0 and doc[match.start - 1].lower_ == "the"  # "the West", not "West Africa"
    if token.pos_ in {"PROPN", "NOUN", "ADJ", "X"} or token.is_upper:
        return True
    # The tagger sometimes calls an unknown capitalised name a verb; trust the capital letter unless
    # the word opens a sentence, where every word is capitalised ("May they ...").
    return token.is_title and (not token.is_sent_start or len(doc) == 1)


def _part_of_other_name(doc: Doc, match: Match, covered: set[int]) -> bool:
    """True for a name inside a longer proper name we do not know: "Washington Post", "West Bank".

    The name's last token modifies a proper noun that no gazetteer entry covers, so the longer name
    is something else (a newspaper, a territory, an airline) and not the actor.
    """
    if match.kind not in {NAME, ADJECTIVE}:
        return False
    last = doc[match.end - 1]
    head = last.head
    if (last.dep_ == "compound" and head.pos_ == "PROPN" and head.i >= match.end
            and head.i not in covered and head.is_title):
        return True
    # A capital with a first name before it is a person: "Denzel Washington", "George Washington".
    first = doc[match.start]
    return (match.kind == NAME and match.entry.kind == "capital" and first.i > 0
            and doc[first.i - 1].pos_ == "PROPN" and doc[first.i - 1].is_title and first.i - 1 not in covered)
