"""Is the event asserted? Negation, hypotheticals, conditions and the future, and the tense.

An event that "would", "could", "if ...", "will" happen, or "did not" happen, is still extracted but
flagged, so that summaries and analysis never report it as fact. Words that carry modality are
data: modal auxiliaries here are closed-class grammar; the verbs that put their complement in the
future, in doubt or in denial ("plans to", "wants to", "refused to") are in ``chains.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from realpolitik.events.lexicon import Lexicon

_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must", "can", "ought", "'d"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_CONDITION_MARKS = {"if", "unless", "whether", "lest"}
#: "is set to", "is due to", "is expected to", "is about to", "is going to": future complements.
_FUTURE_ADJECTIVES = {"set", "due", "expected", "about", "going", "poised", "scheduled", "likely"}


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    tense: str = "past"


def modality(trigger: Token, lexicon: Lexicon) -> Modality:
    """Flags for the event whose trigger is ``trigger`` (a verb, or an event noun)."""
    negated = hypothetical = future = False
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else _governing_verb(trigger)
    if trigger.pos_ not in {"VERB", "AUX"}:
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)
        if verb is not None and (lexicon.in_chain("typed", verb) or lexicon.in_chain("hypothetical", verb)):
            hypothetical = True
    chain = _chain(verb) if verb is not None else []
    for index, token in enumerate(chain):
        inherited = index > 0
        for child in token.children:
            word = child.lower_
            if child.dep_ == "neg" or (child.dep_ == "advmod" and word == "never") or _no_longer(child):
                negated = negated or not inherited or token.dep_ != "xcomp"
            elif child.dep_ == "aux" and word in _HYPOTHETICAL_AUX:
                hypothetical = True
            elif child.dep_ == "aux" and word in _FUTURE_AUX:
                future = True
            elif child.dep_ == "mark" and word in _CONDITION_MARKS:
                hypothetical = True
        # "plans to [visit]" puts the visit in the future; "said ... and [accused]" does not make
        # the accusation reported speech: a verb's class bears on its complement, not its conjunct
        if inherited and chain[index - 1].dep_ != "conj":
            if lexicon.in_chain("future", token) or token.lower_ in _FUTURE_ADJECTIVES:
                future = True
            if lexicon.in_chain("hypothetical", token):
                hypothetical = True
            if lexicon.in_chain("negating", token):
                negated = True
    tense = _tense(verb) if verb is not None else "past"
    if future:
        tense = "future"
    elif hypothetical:
        tense = "modal"
    return Modality(negated, hypothetical, future, tense)


def _no_longer(child: Token) -> bool:
    """"will no longer observe", "no more": a negation the parser hangs on the adverb."""
    return child.dep_ == "advmod" and child.lower_ in {"longer", "more"} and any(
        g.lower_ == "no" for g in child.children)


def _governing_verb(noun: Token) -> Token | None:
    token = noun
    while token.head != token:
        token = token.head
        if token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def _chain(verb: Token) -> list[Token]:
    """The verb and the verbs it is a complement or conjunct of ("plans to [visit]", "will meet and [sign]").

    Climbing stops at a clause boundary of reported speech (ccomp), because "Iran said it would
    retaliate" makes the retaliation hypothetical, not the saying; but an "if" clause (advcl) is
    climbed into from below, since "if Moscow refuses, Tehran will ..." conditions what follows.
    """
    chain = [verb]
    token = verb
    while token.dep_ in {"xcomp", "conj", "acomp"} and token.head != token:
        if token.dep_ == "conj" and token.tag_ in {"VBD", "VBZ"} and token.head.tag_ == "VB":
            break  # "said the US would stay neutral and urged both sides": a past tense shares no "would"
        token = token.head
        chain.append(token)
    return chain


def _tense(verb: Token) -> str:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if "had" in words or ("'d" in words and verb.tag_ == "VBN"):
        return "past_perfect"
    if words & {"have", "has", "'ve", "'s"} and verb.tag_ == "VBN":
        return "present_perfect"
    if words & {"is", "are", "am", "'re"}:
        return "present"
    if words & {"was", "were", "did"} or verb.tag_ == "VBD":
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    if verb.dep_ in {"xcomp", "conj", "advcl"} and verb.head != verb and verb.head.pos_ in {"VERB", "AUX"}:
        return _tense(verb.head)
    return "past"
