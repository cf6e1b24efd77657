"""Find events in a parsed sentence: trigger, entry, and the noun phrases of actor and recipient.

Patterns, each named in the event's ``rule`` so that an analyst can see why it fired:

``svo``        active clause: subject -> verb -> object or prepositional recipient
``passive``    "the regime was toppled by NATO": agent is the actor, the subject the recipient
``light``      "held talks with", "imposed sanctions on": the object noun gives the type
``chain``      "agreed to cooperate", "threatened to strike": the outer verb gives the type
``inherited``  a complement or conjunct verb with no subject of its own takes its governor's
``relative``   "Iran, which signed the deal": the relative clause's noun is the actor
``nominal``    "the Russian invasion of Ukraine", "Washington's withdrawal": an event noun
``promise``    "Hungary said it will support the resolution": a speaker announcing its own cooperative
               act has agreed to it (AGREE); announcing its own violence has threatened it (THREATEN)
``demand``     "London said the rebels must reach an agreement": a speaker saying another actor must or
               should act has asked it to (REQUEST)
``announced``  "the allies announced that Russian banks would be cut off": an agentless passive in an
               announcement is the speaker's act

This module only decides *which words* play which part; :mod:`realpolitik.pipeline` resolves them
to entities on the event's date and scores the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from realpolitik.actors.resolver import ActorResolver
from realpolitik.events.lexicon import Entry, Lexicon

_SUBJECT = {"nsubj", "csubj", "expl"}
_RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
#: Prepositions that introduce a recipient after a verb or event noun ("talks with Iran",
#: "sanctions on Russia", "support for Assad"). "in" and "near" introduce places, not recipients.
_RECIPIENT_PREPS = {"with", "against", "on", "upon", "to", "toward", "towards", "into", "at", "from",
                    "for", "over", "of", "onto", "across", "inside"}
_VERB_RECIPIENT_PREPS = _RECIPIENT_PREPS - {"of", "for", "over", "from"}
#: Dependents that start a clause of their own: its dates and words belong to another event.
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj"}
#: Auxiliaries of an act another actor is told to do, and of an act the speaker announces.
_OBLIGATION = {"must", "should", "ought"}
_PROMISE = {"will", "would", "'ll", "shall"}
#: What announcing one's own act of each type amounts to: a pledge of cooperation is AGREE, of
#: force or coercion a threat. Verbal acts announced ("will protest") stay what they are.
_PROMISED = {"COOPERATE": ("AGREE", "03"), "AID": ("AGREE", "03"), "RETREAT": ("AGREE", "03"),
             "SUPPORT": ("AGREE", "03"), "CONSULT": ("AGREE", "03"), "CONCEDE": ("AGREE", "03"),
             "ASSAULT": ("THREATEN", "13"), "COERCE": ("THREATEN", "13"), "SANCTION": ("THREATEN", "13"),
             "MOBILIZE": ("THREATEN", "13"), "PROTEST": ("THREATEN", "13")}
#: Verbs whose object is the one who is asked to act ("urged Iran to stop").
_OBJECT_CONTROL = {"urge", "ask", "call", "press", "persuade", "force", "allow", "invite", "tell",
                   "encourage", "order", "push", "pressure", "warn", "request", "compel", "help"}


@dataclass
class Candidate:
    """An event as found in the parse, before it is dated, resolved and scored.

    ``entry`` is the lexicon entry that fired; ``speech_act`` replaces its type when the event is
    a promise, threat or demand about that entry's act (the ``promise`` and ``demand`` patterns).
    """

    trigger: Token
    entry: Entry
    pattern: str
    trigger_start: int
    trigger_end: int
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    clause: set[int] = field(default_factory=set)
    modality_token: Token | None = None
    speech_act: Entry | None = None
    places: list[Token] = field(default_factory=list)  # unresolved objects that may be places hit or left

    @property
    def coded(self) -> Entry:
        """The entry whose type, mode and CAMEO code the event takes."""
        return self.speech_act or self.entry

    @property
    def rule(self) -> str:
        return f"{self.entry.name} via {self.pattern}"


class Extractor:
    """Applies the patterns to one sentence at a time."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, sent: Span, resolver: ActorResolver) -> list[Candidate]:
        self._resolver = resolver
        candidates: list[Candidate] = []
        consumed: set[int] = set()
        suppressed: set[int] = set()
        for token in sent:
            if token.pos_ in {"VERB", "AUX"} and token.i not in suppressed:
                candidate = self._verb(token, consumed, suppressed)
                if candidate is not None:
                    candidates.append(candidate)
        event_nouns = {t.i for t in sent if t.pos_ == "NOUN" and resolver.match_at(t) is None
                       and self.lexicon.noun_entry(t)}
        for token in sent:
            if token.i in event_nouns and token.i not in consumed:
                candidate = self._nominal(token)
                if candidate is not None:
                    candidates.append(candidate)
        for candidate in candidates:
            candidate.clause = _clause(candidate.trigger, event_nouns - {candidate.trigger.i})
            self._speech_act(candidate)
        return candidates

    # -- verbs -----------------------------------------------------------------------------

    def _verb(self, verb: Token, consumed: set[int], suppressed: set[int]) -> Candidate | None:
        lexicon = self.lexicon
        entry = lexicon.verb_entry(verb)
        complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
        typed = lexicon.in_chain("typed", verb)
        chained = any(lexicon.in_chain(c, verb) for c in ("transparent", "future", "hypothetical", "negating"))
        if complements and chained and not (entry and entry.specificity) and not typed:
            return None  # "began to", "plans to", "refused to": the complement is the event
        if typed:  # "warned that it would retaliate": the warning is the event, the clause its content
            complements += [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        noun_object = next((o for o in objects if lexicon.noun_entry(o)), None)
        pattern = "passive" if _is_passive(verb) else "svo"
        trigger_end = max([verb.i] + [c.i for c in verb.children if c.dep_ == "prt"]) + 1
        if noun_object is None and lexicon.in_chain("responding", verb):  # "answered with sanctions"
            noun_object = next((p for p in _prep_objects(verb, {"with"}) if lexicon.noun_entry(p)), None)
        if entry is not None and entry.specificity and entry.object:
            if noun_object is not None and noun_object.lemma_.lower() == entry.object:
                consumed.add(noun_object.i)
        elif noun_object is not None and (entry is None or not entry.specificity) and (
                lexicon.in_chain("light", verb) or lexicon.in_chain("transparent", verb)
                or lexicon.in_chain("responding", verb)):
            entry = lexicon.noun_entry(noun_object)
            consumed.add(noun_object.i)
            pattern = "light"
            trigger_end = max(trigger_end, noun_object.i + 1)
        if entry is None or entry.type is None:
            return self._demand(verb)
        if typed and complements:
            pattern = "chain"
            for complement in complements:
                suppressed.update(t.i for t in complement.subtree if t.pos_ in {"VERB", "AUX"})
                consumed.update(t.i for t in complement.subtree if t.pos_ == "NOUN")
        actors, how = self._subjects(verb)
        if how and pattern == "svo":
            pattern = how
        candidate = Candidate(verb, entry, pattern, verb.idx, verb.doc[trigger_end - 1].idx
                              + len(verb.doc[trigger_end - 1]), actors, modality_token=verb)
        candidate.recipients = self._verb_recipients(verb, entry, actors, noun_object, complements)
        if not candidate.recipients:
            candidate.places = [t for t in self._unresolved if t.pos_ == "PROPN" or any(
                c.pos_ == "PROPN" for c in t.subtree)]
        return candidate

    def _subjects(self, verb: Token) -> tuple[list[Token], str]:
        """Actor heads of a verb, and the pattern name when they were found indirectly."""
        if _is_passive(verb):
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return agents, ""
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head], "relative"
            return [subject], ""
        if verb.dep_ == "relcl":
            return [verb.head], "relative"
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            return [verb.head], "relative"
        governor = verb.head
        if governor == verb:
            return [], ""
        if verb.dep_ == "xcomp" and governor.lemma_.lower() in _OBJECT_CONTROL:
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            objects += [p for c in governor.children if c.dep_ == "prep" and c.lower_ == "on"
                        for p in c.children if p.dep_ == "pobj"]
            if objects:
                return objects[:1], "inherited"
        if verb.dep_ in {"xcomp", "conj", "advcl", "acomp"} and governor.pos_ in {"VERB", "AUX"}:
            found, _ = self._subjects(governor)
            return found, "inherited"
        return [], ""

    def _verb_recipients(self, verb: Token, entry: Entry, actors: list[Token], noun_object: Token | None,
                         complements: list[Token]) -> list[Token]:
        """The first argument of the event that names a political entity other than the actor.

        Arguments are tried nearest first: a preposition the entry requires; the subject of a
        that-clause the verb governs ("demanded that the US cancel"); the verb's objects and
        prepositional objects; the arguments of its object noun ("sanctions on Russia", "the
        removal of the president"); then those of its complements ("promised to continue aid to
        Mozambique").
        """
        if entry.prep:
            heads = [h for h in _prep_objects(verb, {entry.prep}) if self._resolves(h)]
            if heads:
                return heads[:1]
        subjects = [c for comp in complements if comp.dep_ == "ccomp" for c in comp.children if c.dep_ in _SUBJECT]
        actor_countries = {e.country for a in actors for e in self._resolver.entities(a)}
        self._unresolved = [p for c in verb.children if c.dep_ in {"prep", "dative"}
                            and c.lower_ in _VERB_RECIPIENT_PREPS | {"from", "of"}
                            for p in c.children if p.dep_ == "pobj"]
        self._unresolved += [c for c in verb.children if c.dep_ == "dobj"]
        for candidate in [*subjects, *self._arguments(verb, noun_object, depth=2)]:
            if candidate in actors or not self._resolves(candidate):
                continue
            if candidate.pos_ == "PRON" and {e.country for e in self._resolver.entities(candidate)} <= actor_countries:
                continue  # "Iran warned that it would ...": the actor itself
            return [candidate]
        return []

    def _arguments(self, verb: Token, noun_object: Token | None, depth: int) -> list[Token]:
        """Candidate recipient heads among a verb's arguments, nearest first."""
        found = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass", "iobj"} and c != noun_object]
        if noun_object is not None and noun_object.dep_ == "pobj":  # "answered with sanctions against Russia"
            found += _prep_objects(noun_object, _RECIPIENT_PREPS - {"of"})
        targets = [p for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ in _VERB_RECIPIENT_PREPS
                   for p in c.children if p.dep_ == "pobj"]
        found += targets
        for target in targets:  # "fired at Israeli army positions", "struck Iranian nuclear sites"
            found += self._nominal_actors(target)
        for obj in [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]:
            found += _prep_objects(obj, _RECIPIENT_PREPS - {"of"})
            if obj != noun_object:  # "praised Haiti's efforts", "backed a UN resolution"
                found += self._nominal_actors(obj)
            found += _prep_objects(obj, {"of"})  # "shelled positions of the Palestinian police"
            for quantity in _prep_objects(obj, {"of"}):  # "buys most of Iran's oil"
                found += self._nominal_actors(quantity)
        # "threatened to stop talks if the United States goes ahead": the one the condition is about
        found += [c for clause in verb.children if clause.dep_ == "advcl"
                  and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children)
                  for c in clause.children if c.dep_ in _SUBJECT]
        if depth:
            for complement in verb.children:
                if complement.dep_ in {"xcomp", "ccomp"} and complement.pos_ in {"VERB", "AUX"}:
                    found += self._arguments(complement, None, depth - 1)
        return found

    def _demand(self, verb: Token) -> Candidate | None:
        """"London said the rebels must reach a deal": a demand, whatever the demanded act is."""
        if verb.dep_ != "ccomp" or not self.lexicon.in_chain("reporting", verb.head):
            return None
        if not {c.lower_ for c in verb.children if c.dep_ == "aux"} & _OBLIGATION:
            return None
        speakers, _ = self._subjects(verb.head)
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT), None)
        if not speakers or subject is None or subject.pos_ == "PRON":
            return None
        entry = Entry(verb.head.lemma_.lower(), "verb", "REQUEST", "", "10", source="reporting.yaml")
        return Candidate(verb, entry, "demand", verb.idx, verb.idx + len(verb), speakers, [subject],
                         modality_token=verb.head)

    def _speech_act(self, candidate: Candidate) -> None:
        """Recode an act announced in reported speech as the speaker's promise, threat or demand."""
        verb = candidate.trigger
        if verb.dep_ != "ccomp" or not self.lexicon.in_chain("reporting", verb.head):
            return
        speaker_verb = verb.head
        speakers, _ = self._subjects(speaker_verb)
        if not speakers:
            return
        if _is_passive(verb) and not candidate.actors:  # "announced that Russian banks would be cut off"
            candidate.actors, candidate.pattern = speakers, "announced"
            return
        auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT), None)
        same_speaker = subject is not None and (subject.pos_ == "PRON" or subject.i == speakers[0].i)
        kind = None
        if auxes & _OBLIGATION and subject is not None and not same_speaker:
            kind, cameo = "REQUEST", "10"
            candidate.recipients = [subject]
        elif auxes & _PROMISE and same_speaker and candidate.entry.type in _PROMISED:
            kind, cameo = _PROMISED[candidate.entry.type]
            negated = any(c.dep_ == "neg" for c in verb.children)
            conditional = any(m.dep_ == "mark" and m.lower_ in {"if", "unless"}
                              for c in verb.children if c.dep_ == "advcl" for m in c.children)
            if negated and kind == "AGREE":
                kind, cameo = "REJECT", "12"  # "said it will not accept more refugees"
            elif conditional:
                kind, cameo = "THREATEN", "13"  # "will withdraw its force unless ...": leverage
        if kind is None:
            return
        candidate.speech_act = Entry(candidate.entry.lemma, candidate.entry.pos, kind, "", cameo)
        candidate.pattern = "demand" if kind == "REQUEST" else "promise"
        candidate.actors = speakers
        candidate.modality_token = speaker_verb

    # -- nouns -----------------------------------------------------------------------------

    def _nominal(self, noun: Token) -> Candidate | None:
        entry = self.lexicon.noun_entry(noun)
        if entry is None:
            return None
        actors = self._nominal_actors(noun)
        recipients = [h for h in _prep_objects(noun, _RECIPIENT_PREPS) if self._resolves(h)
                      and h not in actors]
        between = _prep_objects(noun, {"between", "among", "amongst"})
        if between and not actors:
            actors, recipients = between[:1], [c for c in between[0].children if c.dep_ == "conj"][:1]
        if not actors and not recipients:
            return None  # "the unrest", "a withdrawal": nobody to code
        return Candidate(noun, entry, "nominal", noun.idx, noun.idx + len(noun), actors,
                         recipients[:1], modality_token=noun)

    def _nominal_actors(self, noun: Token) -> list[Token]:
        """Who does a nominal event: "Russia's", "Russian", "US", or "by the US"."""
        for child in noun.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"} and self._resolves(child):
                return [child]
        agents = _prep_objects(noun, {"by"})
        return [a for a in agents if self._resolves(a)][:1]

    def _resolves(self, head: Token) -> bool:
        return bool(self._resolver.entities(head))


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN")


def _prep_objects(head: Token, preps: set[str]) -> list[Token]:
    return [p for c in head.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def _clause(trigger: Token, other_events: set[int]) -> set[int]:
    """Token indices of the trigger's own clause: its subtree without nested clauses and events."""
    tokens: set[int] = set()
    stack = [trigger]
    while stack:
        token = stack.pop()
        tokens.add(token.i)
        for child in token.children:
            if child.dep_ in _CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
                continue
            if child.i in other_events:
                continue
            stack.append(child)
    return tokens
