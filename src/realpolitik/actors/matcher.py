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
            if any(taken[match.start:match.end]):
                continue
            if match.kind == NAME and not _plausible_name(doc, match):
                continue
            for i in range(match.start, match.end):
                taken[i] = True
            chosen.append(match)
        chosen.sort(key=lambda m: m.start)
        return chosen


def _plausible_name(doc: Doc, match: Match) -> bool:
    """Reject a capitalised name that is plainly a common word in this sentence.

    "May" the month, "Chad" the person are the parser's business; here we only refuse names whose
    single token is tagged as a verb or a sentence-initial function word ("US" vs "Us").
    """
    if match.end - match.start > 1:
        return True
    token: Token = doc[match.start]
    return token.pos_ in {"PROPN", "NOUN", "ADJ", "X"} or token.is_upper
