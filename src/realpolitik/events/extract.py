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
``intent``     "Syria is willing to withdraw": declared readiness to act is a promise (or a threat)
``pledge``     "Finland will give Tanzania a grant": beside the future act, the commitment (AGREE)
``announced``  "the allies announced that Russian banks would be cut off": an agentless passive in an
               announcement is the speaker's act
``received``   "Iraq received advance warning from Tehran", "Kyiv got drones from Ankara": the giver acts,
               the receiver is the target

This module only decides *which words* play which part; :mod:`realpolitik.pipeline` resolves them
to entities on the event's date and scores the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from realpolitik.actors.resolver import ActorResolver
from realpolitik.events.lexicon import Entry, Lexicon
from realpolitik.events.scores import announced_as, mutual, negation_of, scheduled, type_info

_SUBJECT = {"nsubj", "csubj", "expl"}
_RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
#: Prepositions that introduce a recipient after a verb or event noun ("talks with Iran",
#: "sanctions on Russia", "support for Assad"). "in" and "near" introduce places, not recipients.
_RECIPIENT_PREPS = {"with", "against", "on", "upon", "to", "toward", "towards", "into", "at", "from",
                    "for", "over", "of", "onto", "across", "inside", "between"}
_VERB_RECIPIENT_PREPS = _RECIPIENT_PREPS - {"of", "for", "over", "from"}
#: Prepositions of place: an entry may need one ("marched through", "demonstrated in"), but what
#: follows is where the act happened, which the pipeline turns into a target only by type.
_LOCATIVE_PREPS = {"in", "near", "outside", "inside", "across", "through", "throughout", "around", "within", "along"}
#: Dependents that start a clause of their own: its dates and words belong to another event.
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "conj", "csubj"}
#: Auxiliaries of an act another actor is told to do, and of an act the speaker announces.
_OBLIGATION = {"must", "should", "ought"}
_PROMISE = {"will", "would", "'ll", "shall"}
_DEFINITE = {"the", "this", "that", "these", "those"}

@dataclass(frozen=True)
class _Reported:
    """A clause under a saying verb: who said it, its auxiliaries and subject."""

    verb: Token  # the saying verb
    speakers: list[Token]
    auxes: set[str]
    subject: Token | None
    same_speaker: bool  # the clause's subject is the speaker ("Iran said it will ...")

    @property
    def obliged(self) -> bool:
        """Another actor must or should act ("said the rebels must ...")."""
        return bool(self.auxes & _OBLIGATION) and self.subject is not None and not self.same_speaker


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
    asserted: bool = False  # the statement is the event (a pledge): the act's modality is not its own
    referent: Token | None = None  # "condemned the execution": an earlier event whose actor is the target
    responds: bool = False  # "answered with missiles": aimed at whoever acted last
    reacts: bool = False  # "said it was disappointed": a reaction naming nothing, to the latest act

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
            # an attack named as the act's subject is part of its clause ("a bomb near Samarra killed ...")
            others = event_nouns - {candidate.trigger.i} - {a.i for a in candidate.actors}
            candidate.clause = _clause(candidate.trigger, others)
            if candidate.pattern == "chain":  # "threatened to impose a curfew in Algiers": the act's words too
                for complement in candidate.trigger.children:
                    if complement.dep_ == "xcomp":
                        candidate.clause |= _clause(complement, others - {t.i for t in complement.subtree})
            self._speech_act(candidate)
        # "Israel and then the United States bombed the sites": acts in turn are separate events
        candidates = [replace(c, actors=group) if len(groups) > 1 else c
                      for c in candidates for groups in [_in_turn(c.actors)] for group in groups]
        return candidates + self.pledges(candidates)

    # -- verbs -----------------------------------------------------------------------------

    def _verb(self, verb: Token, consumed: set[int], suppressed: set[int]) -> Candidate | None:
        received = self._received(verb)
        if received is not None:
            consumed.update(t.i for t in verb.children if t.dep_ == "dobj")
            return received
        stance = self._stance(verb)
        if stance is not None:
            return stance
        lexicon = self.lexicon
        entry = lexicon.verb_entry(verb)
        complements = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}]
        typed = lexicon.in_chain("typed", verb)
        chained = any(lexicon.in_chain(c, verb) for c in ("transparent", "future", "hypothetical", "negating"))
        if complements and chained and not (entry and entry.specificity) and not typed:
            return None  # "began to", "plans to", "refused to": the complement is the event
        if typed:  # "warned that it would retaliate": the warning is the event, the clause its content
            complements += [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
        objects = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}] + _object_head(verb)
        objects += [q for o in objects for q in lexicon.quantified(o)]  # "launched ten days of war games"
        noun_object = next((o for o in objects if lexicon.noun_entry(o)), None)
        pattern = "passive" if _is_passive(verb) else "svo"
        trigger_end = max([verb.i] + [c.i for c in verb.children if c.dep_ == "prt"]) + 1
        if noun_object is None and lexicon.in_chain("responding", verb):  # "answered with sanctions"
            noun_object = next((p for p in _prep_objects(verb, {"with"}) if lexicon.noun_entry(p)), None)
        if entry is not None and entry.specificity and entry.object:
            # "suspended the aid programme", "voted for sanctions on Iran": the object noun is this event
            named = next((o for o in [*objects, *lexicon.objects(verb)] if _entry_object(o, entry)), None)
            if named is not None and lexicon.noun_entry(named):
                noun_object = named
                consumed.add(named.i)
        elif noun_object is not None and (entry is None or not entry.specificity or _particle_only_none(entry)) and (
                lexicon.in_chain("light", verb) or lexicon.in_chain("transparent", verb)
                or lexicon.in_chain("responding", verb)):
            entry = lexicon.noun_entry(noun_object)
            consumed.add(noun_object.i)
            pattern = "light"
            trigger_end = max(trigger_end, noun_object.i + 1)
        if entry is None or entry.type is None:
            return self._demand(verb)
        if noun_object is not None and noun_object.i not in consumed and \
                getattr(lexicon.noun_entry(noun_object), "type", None) == entry.type:
            consumed.add(noun_object.i)  # "the sanctions were reimposed", "signed an accord": one act
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
        if pattern == "chain" and entry.type == "AGREE":
            candidate.speech_act = self._promised(complements)
        light_noun = noun_object if noun_object is not None and noun_object.i in consumed else None
        candidate.recipients = (self._verb_recipients(verb, entry, actors, light_noun, complements)
                                or self._purpose_recipients(verb, how))
        if not candidate.recipients:
            candidate.recipients = (self._summarised(verb, actors) or self._addressed(verb, entry)
                                    or self._blamed_in_label(verb, actors))
        if not candidate.recipients:
            # "tore up the Algiers agreement": an accord named after its venue is no place the act hit
            candidate.places = [p for p in _named_objects(verb)
                                if not mutual(getattr(lexicon.noun_entry(p), "type", None) or "")]
            if pattern != "light":
                candidate.referent = self._referent(verb)
            candidate.responds = lexicon.in_chain("responding", verb)
        return candidate

    def _blamed_in_label(self, verb: Token, actors: list[Token]) -> list[Token]:
        """"called the deal a grave failure of Netanyahu's foreign policy": whose policy the label faults."""
        return [p for label in self.lexicon.labels(verb) for p in [
            *(c for c in label.children if c.dep_ == "poss"),
            *(c for o in _prep_objects(label, {"of"}) for c in [o, *o.children] if c.dep_ in {"poss", "pobj"})]
            if p not in actors and self._resolves(p)][:1]

    def _addressed(self, verb: Token, entry: Entry) -> list[Token]:
        """"appealed for the release of the diplomats, reminding Iran that ...": words that name no target
        are addressed to whom the participle that goes on to explain them speaks."""
        if type_info(entry.type).quad_class not in {1, 3}:
            return []
        return [o for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                for o in c.children if o.dep_ in {"dobj", "dative"} and self._resolves(o)][:1]

    def _orderer(self, verb: Token) -> list[Token]:
        """Who ordered an agentless passive act: "were pulled out on the orders of Kofi Annan", "were
        detained on Khamenei's orders", "under orders from Moscow" (chains.yaml ``commands``)."""
        orders = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "under", "at"}
                  for p in c.children if p.dep_ == "pobj" and self.lexicon.in_chain("commands", p)]
        for order in orders:
            givers = [c for c in order.children if c.dep_ == "poss"] or _prep_objects(order, {"of", "from"})
            if givers:
                return givers[:1]
        return []

    def _stance(self, copula: Token) -> Candidate | None:
        """"Russia said it was deeply disappointed", "Tehran was pleased with the proposal": a stance its
        subject declares, named by a predicate adjective the lexicon lists, is the subject's act."""
        if not self.lexicon.in_chain("copulas", copula):
            return None
        adjective = next((c for c in copula.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)
        entry = self.lexicon.verb_entry(adjective) if adjective is not None else None
        if entry is None or entry.type is None:
            return None
        actors, how = self._subjects(copula)
        candidate = Candidate(copula, entry, how or "svo", adjective.idx, adjective.idx + len(adjective), actors,
                              modality_token=copula)
        candidate.recipients = self._verb_recipients(adjective, entry, actors, None, [])
        if not candidate.recipients:  # "concerned by the decision": whoever took it
            candidate.referent = self._referent(adjective)
            candidate.reacts = candidate.referent is None
        return candidate

    def _summarised(self, verb: Token, actors: list[Token]) -> list[Token]:
        """"Russia and China pushed for the embargo to go, a demand the United States refused": a noun
        that sums up the clause it hangs on ("a demand", "a move") is that clause's subject's act."""
        summary = verb.head
        clause = summary.head
        if verb.dep_ != "relcl" or summary.dep_ not in {"npadvmod", "appos"} or clause.pos_ not in {"VERB", "AUX"}:
            return []
        found, _ = self._subjects(clause)
        return [s for s in found if s not in actors and self._resolves(s)]

    def _received(self, verb: Token) -> Candidate | None:
        """"Iraqi officials received advance warning from Tehran": the giver is the actor of what was
        given (a noun event, or what giving that thing is: "got drones from Iran" is aid)."""
        if not self.lexicon.in_chain("converse", verb):
            return None
        gift = next((o for o in verb.children if o.dep_ == "dobj"), None)
        if gift is None:
            return None
        # "from Washington" hangs on the verb or on what was received ("weapons and ammunition from ...")
        holders = [verb, gift, *(c for c in gift.children if c.dep_ == "conj")]
        givers = [g for h in holders for g in _prep_objects(h, {"from"}) if self._resolves(g)]
        if not givers:
            return None
        gift = next(iter(self.lexicon.quantified(gift)), gift)  # "received dozens of drones"
        entry = self.lexicon.given(gift)
        if entry is None:
            return None
        receivers, _ = self._subjects(verb)
        return Candidate(verb, entry, "received", verb.idx, gift.idx + len(gift), givers[:1], receivers,
                         modality_token=verb)

    def _purpose_recipients(self, verb: Token, how: str) -> list[Token]:
        """"Hussein telephoned him to offer his support": a purpose clause with no target of its own
        is aimed at its governor's object."""
        if how != "inherited" or not ((verb.dep_ == "xcomp" and _infinitive(verb)) or _purpose(verb)):
            return []
        governor = verb.head
        if self.lexicon.in_chain("object_control", governor):
            return []  # "urged Iran to stop talks with X": the object is the actor of the complement
        heads = [c for c in governor.children if c.dep_ in {"dobj", "dative"}]
        heads += _prep_objects(governor, _VERB_RECIPIENT_PREPS)
        return [h for h in heads if self._resolves(h)][:1]

    def _referent(self, verb: Token) -> Token | None:
        """A definite object that names an earlier act ("condemned the execution", "regretted the
        move", "accepted the resolution"): whoever did that act is the one reacted to."""
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ not in _RELATIVE_PRONOUNS]
        objects += self.lexicon.labelled(verb)
        if verb.pos_ == "ADJ":  # "disappointed by the decision" ("by" may be parsed as an agent)
            objects += [p for c in verb.children if c.dep_ in {"prep", "agent"}
                        and c.lower_ in {"by", "at", "with", "over", "about"} for p in c.children if p.dep_ == "pobj"]
        if verb.dep_ == "relcl" and not objects and verb.head.pos_ == "NOUN":
            objects.append(verb.head)  # "a reading that Kerry rejected within hours": the reading
        # "praised what he called a courageous decision": the noun the free relative names
        objects += [n for clause in verb.children if clause.dep_ == "ccomp"
                    and any(w.lower_ == "what" for w in clause.children)
                    for n in clause.children if n.dep_ in {"oprd", "attr"}]
        for obj in objects:
            if obj.pos_ != "NOUN" or self._resolver.match_at(obj) is not None:
                continue
            if self.lexicon.in_chain("ceasing_nouns", obj):  # "demanded an end to military operations"
                ended = [p for p in _prep_objects(obj, {"to", "of", "on"}) if self.lexicon.noun_entry(p)]
                if ended:
                    return ended[0]
            # "the move", "its decision", and "an action taken without UN approval" (a described act)
            definite = any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in obj.children) or any(
                c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children) or any(
                c.dep_ in {"acl", "relcl"} for c in obj.children) or obj.head != verb
            if definite and (self.lexicon.noun_entry(obj) or self.lexicon.in_chain("anaphoric", obj)
                             or self.lexicon.in_chain("anaphoric_speech", obj)):
                return obj
        return None

    def _subjects(self, verb: Token) -> tuple[list[Token], str]:
        """Actor heads of a verb, and the pattern name when they were found indirectly."""
        if _is_passive(verb) and self.lexicon.in_chain("bound_subject", verb):  # "Israel is not bound by it"
            return [c for c in verb.children if c.dep_ == "nsubjpass"][:1], ""
        if _is_passive(verb):
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            return agents or self._orderer(verb), ""
        # a dateline parsed as a subject ("BAGHDAD -- Iran fired") is not one
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT and not _dateline(c)]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head], "relative"
            # several subjects is a coordination the parser split ("May, Macron and Merkel said")
            return subjects, ""
        if verb.dep_ == "relcl" and _infinitive(verb) and not self._resolves(verb.head) \
                and verb.head.head.pos_ in {"VERB", "AUX"}:
            # "went on television the same day to hail the deal": a purpose clause parsed as a relative
            found, _ = self._subjects(verb.head.head)
            return found, "inherited"
        if verb.dep_ == "relcl":
            return [verb.head], "relative"
        if verb.dep_ == "acl" and _infinitive(verb) and not self.lexicon.in_chain("negating_nouns", verb.head):
            # "Trump's decision to walk out of the deal", "Moscow's plan to send troops": the possessor acts
            owners = self._nominal_actors(verb.head)
            if owners:
                return owners, "inherited"
        if verb.dep_ == "acl" and verb.tag_ == "VBG":
            document = verb.head
            if document.lemma_.lower() in self._resolver.gazetteer.documents and document.dep_ == "dobj":
                # "parliament passed a resolution calling on the government to ...": the issuer speaks
                found, _ = self._subjects(document.head)
                if found:
                    return found, "inherited"
            return [verb.head], "relative"
        governor = verb.head
        if governor == verb:
            return [], ""
        if verb.dep_ == "xcomp" and self.lexicon.in_chain("object_control", governor):
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            objects += [p for c in governor.children if c.dep_ == "prep" and c.lower_ == "on"
                        for p in c.children if p.dep_ == "pobj"]
            if objects:
                return objects[:1], "inherited"
        if verb.dep_ == "xcomp" and governor.pos_ == "ADJ" and governor.dep_ == "acomp":
            found, _ = self._subjects(governor.head)  # "Ghana is willing to withdraw": Ghana
            return found, "inherited"
        if verb.dep_ == "xcomp" and _is_passive(governor) and self.lexicon.in_chain("raising", governor):
            # "the Security Council is expected to endorse": the raised subject acts
            return [c for c in governor.children if c.dep_ == "nsubjpass"][:1], "inherited"
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
        if entry.prep and entry.prep not in _LOCATIVE_PREPS:
            heads = [h for h in _prep_objects(verb, {entry.prep}) if self._resolves(h)]
            if heads:
                return heads[:1]
        # "demanded that the US cancel", "complained that Washington negotiated behind their backs"
        clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"} and c.i > verb.i]
        subjects = [c for comp in clauses for c in comp.children if c.dep_ in _SUBJECT]
        actor_countries = {e.country for a in actors for e in self._resolver.entities(a)}
        arguments = [a for a in [*subjects, *self._arguments(verb, noun_object, depth=2)]
                     if a not in actors and not self._instrument(a, entry)]
        for candidate in arguments:
            if not self._resolves(candidate):
                continue
            entities = self._resolver.entities(candidate)
            # "its troops", and what a withdrawal pulls back ("UN inspectors were pulled out of Iraq"): one's own
            own = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in candidate.children) or entry.mode == "withdraw"
            states = self._resolver.gazetteer.countries  # a body is never its own target, a state may be
            if entry.type == "ACCUSE" and (noun_object is not None or entry.lemma in {"complain", "protest"}) \
                    and candidate.dep_ == "pobj" and candidate.head.lower_ in {"to", "with", "before"} \
                    and all(e.country not in states for e in entities):
                continue  # "lodged a complaint with the Security Council": the forum, not the accused
            if all(e.country in actor_countries and (candidate.pos_ == "PRON" or e.kind == "country" or own
                                                     or e.country not in states) for e in entities):
                # "Iran warned that it would ...", "Trump withdrew the United States", "Kuwait recalled its
                # ambassador from Tehran": the actor itself, or its own people
                continue
            return [candidate]
        # "police dispersed the demonstrators": people of no stated country, whom the pipeline
        # places by the event's place or the acting state
        return [a for a in arguments if self._resolver.bare_agent(a) is not None][:1]

    def _instrument(self, noun: Token, entry: Entry) -> bool:
        """Is the noun what the act is done with, and so no target ("will not send troops into Ukraine",
        "dropped bunker-busting bombs on Fordow", "answered with waves of missiles")? (chains.yaml
        ``instruments``, for deploying, striking and giving)"""
        return entry.type in _INSTRUMENT_TYPES and entry.object in self.lexicon.chains["instruments"] and any(
            _entry_object(t, entry) for t in [noun, *self.lexicon.quantified(noun)])

    def _arguments(self, verb: Token, noun_object: Token | None, depth: int) -> list[Token]:
        """Candidate recipient heads among a verb's arguments, nearest first."""
        found = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass", "iobj"} and c != noun_object]
        found += self.lexicon.labelled(verb)
        if noun_object is not None and noun_object.dep_ == "pobj":  # "answered with sanctions against Russia"
            found += _prep_objects(noun_object, _RECIPIENT_PREPS - {"of"})
        targets = [p for c in verb.children if c.dep_ in {"prep", "dative"} and c.lower_ in _VERB_RECIPIENT_PREPS
                   for p in c.children if p.dep_ == "pobj"]
        found += targets
        for target in targets:  # "hacked into the computers of Korean officers"
            found += _prep_objects(target, {"of"})
        for prep_object in _prep_objects(verb, _RECIPIENT_PREPS | {"in", "into"}):
            # "mobilised reservists for a war against Iraq", "withdrew from the agreement with Iran"
            found += _prep_objects(prep_object, {"against", "with"})
        for particle in verb.children:  # "walked out of the Iran nuclear deal", "pulled out of the pact with Kyiv"
            # ("according to Tehran radio" names the source, not a target)
            if particle.dep_ in {"prt", "advmod", "prep"} and particle.lower_ not in {"according", "thanks", "due"}:
                for inner in _prep_objects(particle, _RECIPIENT_PREPS):
                    found += [inner, *_prep_objects(inner, {"against", "with"})]
        for obj in [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]:
            found += _prep_objects(obj, _RECIPIENT_PREPS - {"of"})
            for inner in _prep_objects(obj, _RECIPIENT_PREPS):  # "a halt to oil exports to China"
                found += _prep_objects(inner, _RECIPIENT_PREPS - {"of"})
                found += _prep_objects(inner, {"of"})  # "a halt to imports of Iranian oil"
            found += _prep_objects(obj, {"of"})  # "shelled positions of the Palestinian police"
            # "would veto any resolution that Washington and London put forward": whose it is
            found += [s for clause in obj.children if clause.dep_ == "relcl"
                      for s in clause.children if s.dep_ == "nsubj" and s.lower_ not in _RELATIVE_PRONOUNS]
            for quantity in _prep_objects(obj, {"of"}):  # "buys most of Iran's oil"
                found += self._nominal_actors(quantity)
        found += _brokered_parties(verb)
        # "threatened to stop talks if the United States goes ahead": the one the condition is about
        found += [c for clause in verb.children if clause.dep_ == "advcl"
                  and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in clause.children)
                  for c in clause.children if c.dep_ in _SUBJECT]
        if depth:  # "promised to continue aid to Mozambique", "went on hunger strike to demand X's resignation"
            for complement in verb.children:
                clause = complement.dep_ in {"xcomp", "ccomp"} or _purpose(complement)
                if clause and complement.pos_ in {"VERB", "AUX"}:
                    found += self._arguments(complement, None, depth - 1)
        # "fired a barrage of rockets at Israeli army positions", "praised Haiti's efforts", "backed a UN
        # resolution": a target that names no one is whoever its adjective or possessive names
        return [t for head in found for t in (head, *([] if self._resolves(head) else self._nominal_actors(head)))]

    def _reported(self, verb: Token) -> _Reported | None:
        """The speaker and the shape of a clause reported by a saying verb ("Iran said it will ...")."""
        if verb.dep_ != "ccomp" or not self.lexicon.in_chain("reporting", verb.head):
            return None
        speakers, _ = self._subjects(verb.head)
        if not speakers:
            return None
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT), None)
        # the speaker itself, or its own people ("said his fighters would respect the ceasefire")
        own = subject is not None and (subject.pos_ == "PRON" or subject.i == speakers[0].i or any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in subject.children))
        return _Reported(verb.head, speakers, {c.lower_ for c in verb.children if c.dep_ == "aux"}, subject, own)

    def _demand(self, verb: Token) -> Candidate | None:
        """"London said the rebels must reach a deal": a demand, whatever the demanded act is."""
        reported = self._reported(verb)
        if reported is None or not reported.obliged:
            return None
        entry = Entry(reported.verb.lemma_.lower(), "verb", "REQUEST", "", type_info("REQUEST").cameo,
                      source="reporting.yaml")
        return Candidate(verb, entry, "demand", verb.idx, verb.idx + len(verb), reported.speakers,
                         [reported.subject], modality_token=reported.verb)

    def _speech_act(self, candidate: Candidate) -> None:
        """Recode an act announced in reported speech, or declared intended ("is willing to"), as the
        speaker's promise, threat or demand."""
        verb = candidate.trigger
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and self.lexicon.in_chain("intent", verb.head):
            self._intent(candidate, verb.head)
            return
        reported = self._reported(verb)
        if reported is None:
            return
        if _is_passive(verb) and not candidate.actors:  # "announced that Russian banks would be cut off"
            candidate.actors, candidate.pattern = reported.speakers, "announced"
            return
        if reported.obliged:
            kind = "REQUEST"
            candidate.recipients = [reported.subject]
        elif reported.auxes & _PROMISE and reported.same_speaker:
            kind = announced_as(candidate.entry.type)
            if kind and any(c.dep_ == "neg" for c in verb.children):
                if not negation_of(kind):
                    return  # "said it will not send troops": no threat; the act stays, negated
                kind = negation_of(kind)[0]  # "said it will not accept more refugees": a rejection
            elif any(m.dep_ == "mark" and m.lower_ == "unless"
                     for c in verb.children if c.dep_ == "advcl" for m in c.children):
                # "will withdraw unless ...": leverage; "would meet them if ..." stays an offer
                kind = announced_as(candidate.entry.type, conditional=True)
        else:
            return
        if kind is None:
            return
        candidate.speech_act = Entry(candidate.entry.lemma, candidate.entry.pos, kind, "", type_info(kind).cameo)
        candidate.pattern = "demand" if kind == "REQUEST" else "promise"
        candidate.actors = reported.speakers
        candidate.modality_token = reported.verb

    def _intent(self, candidate: Candidate, adjective: Token) -> None:
        """"Syria is willing to withdraw its troops": being ready to act is a promise (or a threat) to."""
        kind = announced_as(candidate.entry.type)
        if kind is None:
            return
        copula = adjective.head
        if any(c.dep_ == "neg" for c in [*adjective.children, *copula.children]) and negation_of(kind):
            kind = negation_of(kind)[0]  # "is not prepared to accept": a rejection
        candidate.speech_act = Entry(candidate.entry.lemma, candidate.entry.pos, kind, "", type_info(kind).cameo)
        candidate.pattern = "intent"
        candidate.modality_token = copula

    def pledges(self, candidates: list[Candidate]) -> list[Candidate]:
        """"Finland will give Tanzania a grant, the ministry said": an announced *will* commits the actor.

        The act itself stays, flagged future; beside it the commitment is coded as a factual AGREE
        (or THREATEN, for coercion and violence), as CAMEO's "express intent" codes do. The writer's
        own "will" ("Under the accord, Iran will cut its centrifuges") describes terms, and nobody
        promises anything in it; scheduled meetings ("the council will meet on Friday") are
        timetables, not commitments.
        """
        found = []
        for candidate in candidates:
            verb = candidate.trigger
            if (candidate.speech_act is not None or candidate.pattern not in {"svo", "light"}
                    or verb.pos_ != "VERB" or not candidate.actors or not self._announced(verb)):
                continue
            auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
            if not auxes & {"will", "shall", "'ll"} or scheduled(candidate.entry.type):
                continue
            kind = announced_as(candidate.entry.type)
            if kind is None or any(c.dep_ == "neg" for c in verb.children):
                continue
            pledge = Candidate(verb, candidate.entry, "pledge", candidate.trigger_start, candidate.trigger_end,
                               candidate.actors, candidate.recipients, candidate.clause,
                               speech_act=Entry(candidate.entry.lemma, candidate.entry.pos, kind, "",
                                                type_info(kind).cameo))
            pledge.asserted = True
            found.append(pledge)
        return found

    def _announced(self, verb: Token) -> bool:
        """What a source is reported to have said, or a conjunct of it ("Finland will give Tanzania a
        grant, a ministry statement said")."""
        while verb.dep_ == "conj":
            verb = verb.head
        return verb.dep_ == "ccomp" and self.lexicon.in_chain("reporting", verb.head)

    def _promised(self, complements: list[Token]) -> Entry | None:
        """What a promise promises sets its type: "vowed to avenge the general" threatens, "vowed that
        it would not negotiate" refuses."""
        for complement in complements:
            act = self.lexicon.verb_entry(complement)
            kind = announced_as(act.type) if act is not None and act.type else None
            if kind and any(c.dep_ == "neg" for c in complement.children) and negation_of(kind):
                kind = negation_of(kind)[0]
            if kind and kind != "AGREE":
                return Entry(act.lemma, act.pos, kind, "", type_info(kind).cameo)
        return None

    # -- nouns -----------------------------------------------------------------------------

    def _nominal(self, noun: Token) -> Candidate | None:
        entry = self.lexicon.noun_entry(noun)
        if entry is None:
            return None
        actors = self._nominal_actors(noun)
        targets = _prep_objects(noun, _RECIPIENT_PREPS)
        # "riots against Israeli policies": whose policies
        targets += [a for t in targets for a in self._nominal_actors(t)]
        recipients = [h for h in targets if self._resolves(h) and h not in actors]
        # "the drone strike that killed Soleimani": whom the act's relative clause names as its victim
        recipients += [o for clause in noun.children if clause.dep_ == "relcl"
                       and any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE_PRONOUNS for c in clause.children)
                       for o in clause.children if o.dep_ == "dobj" and self._resolves(o) and o not in actors]
        between = _prep_objects(noun, {"between", "among", "amongst"})
        if between and not actors:
            actors, recipients = between[:1], [c for c in between[0].children if c.dep_ == "conj"][:1]
        if not actors and not recipients:
            return None  # "the unrest", "a withdrawal": nobody to code
        return Candidate(noun, entry, "nominal", noun.idx, noun.idx + len(noun), actors,
                         recipients[:1], modality_token=noun)

    def _nominal_actors(self, noun: Token) -> list[Token]:
        """Who does a nominal event: "Russia's", "Russian", "US", or "by the US" (but a city before talks
        or an accord is where they were held: "the Beijing talks", "the Vienna accord")."""
        entry = self.lexicon.noun_entry(noun)
        venue = entry is not None and mutual(entry.type)
        for child in noun.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"} and self._resolves(child):
                if venue and child.dep_ in {"compound", "nmod"} and self._is_city(child):
                    continue
                return [child]
        agents = _prep_objects(noun, {"by"})
        return [a for a in agents if self._resolves(a)][:1]

    def _is_city(self, token: Token) -> bool:
        return all(e.kind in {"capital", "seat"} for e in self._resolver.entities(token))

    def _resolves(self, head: Token) -> bool:
        return bool(self._resolver.entities(head))


def _in_turn(actors: list[Token]) -> list[list[Token]]:
    """Coordinated actors split where "then" stands between them ("Israel and then the United States")."""
    groups: list[list[Token]] = []
    for actor in sorted(actors, key=lambda t: t.i):
        between = actor.doc[groups[-1][-1].i + 1:actor.left_edge.i] if groups else []
        if groups and not any(t.lower_ == "then" for t in between):
            groups[-1].append(actor)
        else:
            groups.append([actor])
    return groups or [actors]


#: Acts whose object may be what they are done with (chains.yaml ``instruments``).
_INSTRUMENT_TYPES = {"MOBILIZE", "ASSAULT", "AID"}
def _entry_object(noun: Token, entry: Entry) -> bool:
    """Is ``noun`` the object a lexicon entry requires ("fire+obj=missile": "fired ballistic missiles")?"""
    return bool(entry.object) and entry.object in {
        noun.lemma_.lower(), *(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")}


def _named_objects(verb: Token) -> list[Token]:
    """Objects of a verb that contain a proper name: places an act hit or left ("bombed Fordow",
    "pulled out of southern Lebanon"), for when no recipient resolves."""
    objects = [p for c in verb.children if c.dep_ in {"prep", "dative"}
               and c.lower_ in _VERB_RECIPIENT_PREPS | {"from", "of"} for p in c.children if p.dep_ == "pobj"]
    objects += [c for c in verb.children if c.dep_ == "dobj"]
    return [t for t in objects if any(w.pos_ == "PROPN" for w in t.subtree)]


def _object_head(verb: Token) -> list[Token]:
    """The noun a relative clause is about when that noun is the clause's object: "the war Saddam
    launched against Iran", "the treaty signed by both states"."""
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        return [verb.head]
    if verb.dep_ != "relcl" or any(c.dep_ == "dobj" and c.lower_ not in _RELATIVE_PRONOUNS for c in verb.children):
        return []
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT]
    return [verb.head] if subjects and subjects[0].lower_ not in _RELATIVE_PRONOUNS else []


def _brokered_parties(verb: Token) -> list[Token]:
    """"Saudi Arabia and Iran agreed ..., in a deal brokered by China": the parties of the deal that a
    reduced relative clause's verb is about are the subjects of the clause that deal belongs to."""
    if not (verb.dep_ == "acl" and verb.tag_ == "VBN"):
        return []
    clause = next((a for a in verb.head.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    return [c for c in clause.children if c.dep_ in _SUBJECT] if clause is not None else []


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


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _purpose(verb: Token) -> bool:
    """An infinitive adverbial clause: "telephoned him to offer support", "struck to demand"."""
    return verb.dep_ == "advcl" and _infinitive(verb)


def _dateline(token: Token) -> bool:
    """A place in capitals opening a story before a dash: "BAGHDAD --", "WASHINGTON -"."""
    following = token.doc[token.i + 1:token.i + 3]
    return token.is_upper and len(token) > 1 and any(t.text in {"--", "-", "—", "–"} for t in following)


def _particle_only_none(entry: Entry) -> bool:
    """A NONE entry that needs only a particle ("carry out" alone is no event) leaves the object noun to
    say what was carried out ("carried out air strikes")."""
    return entry.type is None and not entry.object
