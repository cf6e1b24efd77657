"""The coder: documents in, coded events out. The pipeline you can see.

For each document, in order:

1. ``nlp``        spaCy parse (batched over documents with ``nlp.pipe``), done once;
2. ``actors``     gazetteer matches (:class:`~realpolitik.actors.matcher.ActorMatcher`);
3. ``extract``    event candidates per sentence (:class:`~realpolitik.events.extract.Extractor`);
4. ``when``       the event's date from its clause, sentence, paragraph and story (:mod:`realpolitik.when`);
5. ``resolve``    actor and recipient phrases to entities *on that date* (roles by date, coreference);
6. ``modality``   negated / hypothetical / future flags;
7. ``where``      the place named in the event's own clause (:mod:`realpolitik.where`);
8. ``context``    PLOVER contexts from keywords; ``scores`` intensity, quad class, CAMEO, Goldstein.

Each stage is a small component with one job; :class:`Coder` only wires them together.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from realpolitik import when
from realpolitik.actors.gazetteer import Gazetteer
from realpolitik.actors.matcher import ActorMatcher
from realpolitik.actors.resolver import STANDALONE_SECTORS, ActorResolver
from realpolitik.events.context import ContextTagger
from realpolitik.events.extract import Candidate, Extractor
from realpolitik.events.lexicon import Lexicon
from realpolitik.events.modality import Modality, modality
from realpolitik.events.scores import (
    answered_at_home,
    ceased_as,
    mutual,
    negation_of,
    score,
    target_from_place,
    target_own_country,
    target_own_place,
    together_as,
    type_info,
    undone_by,
)
from realpolitik.ingest.split import PARSER_LIMIT, split_for_parser
from realpolitik.model import Document, Entity, Event, Location, Sentence
from realpolitik.model import Span as TextSpan
from realpolitik.nlp import load_model
from realpolitik.where import Placer, participant_tokens

#: Events below this confidence are dropped unless the caller asks for them (precision first).
DEFAULT_MIN_CONFIDENCE = 0.5
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: Steps from an event noun up to a verb it is an argument of: the verb, or a preposition then the verb.
_ARGUMENT_DEPTH = 2


@dataclass
class CodedDocument:
    """Everything the coder learnt from one document, ready to be stored."""

    document: Document
    sentences: list[Sentence]
    mentions: list[tuple[int, Entity]]
    events: list[Event]
    explanations: list[str] = field(default_factory=list)


class Coder:
    """Holds the loaded model and compiled knowledge; codes any number of documents.

    Build one per process and reuse it: construction loads the model and compiles the gazetteer,
    coding a document does neither.
    """

    def __init__(self, model: str | None = None, *, nlp: Language | None = None,
                 gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None,
                 actor_files: Iterable[str | Path] = (), lexicon_files: Iterable[str | Path] = (),
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> None:
        self.nlp = nlp or load_model(model)
        self.gazetteer = gazetteer or Gazetteer.load(actor_files)
        self.lexicon = lexicon or Lexicon.load(lexicon_files)
        self.matcher = ActorMatcher(self.nlp, self.gazetteer)
        self.extractor = Extractor(self.lexicon)
        self.contexts = ContextTagger(self.nlp)
        self.placer = Placer(self.gazetteer)
        self.min_confidence = min_confidence

    # -- public ----------------------------------------------------------------------------

    def code_text(self, text: str, published: date | None = None, doc_id: str = "text",
                  *, explain: bool = False) -> CodedDocument:
        """Code one text that is not stored anywhere."""
        return next(self.code_documents([Document(doc_id, text, published=published)], explain=explain))

    def code_documents(self, documents: Iterable[Document], *, batch_size: int = 16,
                       explain: bool = False) -> Iterator[CodedDocument]:
        """Code documents lazily, parsing them in batches: memory stays flat in corpus size."""
        for doc, document in self.parse(documents, batch_size=batch_size):
            yield self.code_parsed(doc, document, explain=explain)

    def parse(self, documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[tuple[Doc, Document]]:
        """(parse, document) pairs. A document too long for the parser is parsed in parts (cut at
        paragraph or sentence boundaries) and the parts joined back into one ``Doc`` with the
        document's exact text, so offsets stay document offsets."""

        def pieces() -> Iterator[tuple[str, tuple[Document, bool]]]:
            for document in documents:
                parts = split_for_parser(document.text, PARSER_LIMIT)
                for index, part in enumerate(parts):
                    yield part, (document, index == len(parts) - 1)

        pending: list[Doc] = []
        for doc, (document, last) in self.nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
            pending.append(doc)
            if last:
                yield (pending[0] if len(pending) == 1 else Doc.from_docs(pending, ensure_whitespace=False)), document
                pending = []

    def code_parsed(self, doc: Doc, document: Document, *, explain: bool = False) -> CodedDocument:
        """Code a document that spaCy has already parsed."""
        resolver = ActorResolver(self.gazetteer, doc, self.matcher(doc), document.published)
        paragraph_of = _paragraph_index(document.text)
        sentences: list[Sentence] = []
        events: list[Event] = []
        explanations: list[str] = []
        timeline = when.Timeline(document.published)
        seen: list[Event] = []
        current_paragraph = -1
        sents = list(doc.sents)
        paragraph_counts = self._paragraph_contexts(sents, paragraph_of)
        for index, sent in enumerate(sents):
            paragraph = paragraph_of(sent.start_char)
            if paragraph != current_paragraph:
                current_paragraph = paragraph
                timeline.new_paragraph()
            sentences.append(_sentence(index, sent, paragraph))
            dates = [_shift(d, sent.start_char)
                     for d in when.find_dates(sent.text, document.published, previous=timeline.anchor)]
            anchor = self._within_hours_of(sent, seen)
            if anchor is not None:  # "Within hours of the announcement, Netanyahu praised ...": that day
                dates.append(anchor)
            sentence_contexts = self.contexts.counts(sent)
            for candidate in self.extractor(sent, resolver):
                found = self._event(candidate, document, index, sent, resolver, dates, timeline, seen)
                if found is None or _consequence(found, candidate, seen):
                    continue
                for event in self._each_way(found, candidate):
                    seen.append(event)  # an act below the threshold (no target found) can still be reacted to
                    if event.confidence < self.min_confidence:
                        continue
                    event.context = self.contexts.tag(sentence_contexts, paragraph_counts[paragraph])
                    events.append(event)
                    if explain:
                        explanations.append(explain_candidate(candidate))
            for found in dates:
                timeline.note(found, narrates=not _names_a_thing(found, sent.doc))
        return CodedDocument(document, sentences, resolver.coref.mentions(), events, explanations)

    def actor(self, text: str, on: date | None = None) -> Entity | None:
        """The political entity a short phrase names on a date, or None. Never guesses.

        Only names, offices and agent words count: a pronoun or a description has nothing to refer
        back to in a phrase on its own, so it is None.
        """
        doc = self.nlp(text)
        if not len(doc):
            return None
        on = on or date.today()
        resolver = ActorResolver(self.gazetteer, doc, self.matcher(doc), on)
        head = next(iter(doc.sents)).root
        if head.pos_ == "ADP":  # "in Tehran": the place after the preposition
            head = next((c for c in head.children if c.pos_ in {"NOUN", "PROPN"}), head)
        return resolver.direct(head, on)

    # -- one event -------------------------------------------------------------------------

    def _event(self, candidate: Candidate, document: Document, index: int, sent: Span,
               resolver: ActorResolver, dates: list[when.EventDate],
               timeline: when.Timeline, earlier: list[Event]) -> Event | None:
        entry = candidate.coded
        flags = (Modality(tense="past") if candidate.asserted  # a pledge is dated as the statement
                 else modality(candidate.modality_token or candidate.trigger, self.lexicon))
        kind, mode, cameo, negated = entry.type, entry.mode, entry.cameo, flags.negated
        ending = candidate.trigger.head
        if negated and candidate.trigger.dep_ == "xcomp" and self.lexicon.in_chain("ceasing", ending) \
                and ceased_as(kind):  # "Tehran will stop enriching uranium": ending it is the event
            (kind, cameo), mode, negated = ceased_as(kind), "", False
            flags = modality(ending, self.lexicon)
        if negated and negation_of(kind):  # "failed to reach a deal" is a rejection, asserted
            (kind, cameo), mode, negated = negation_of(kind), "", False
            speaking = candidate.trigger.head
            if candidate.trigger.dep_ == "ccomp" and self.lexicon.in_chain("reporting", speaking):
                flags = modality(speaking, self.lexicon)  # "said it would no longer observe": said so, then
        in_clause, nearest, referred = _dates_for(candidate, dates, sent.doc, self.lexicon)
        # A nominal event ("the 2003 invasion") is background unless its own words date it. An announced
        # act ("the allies announced that banks would be cut off") is coded as the announcement, so it is
        # dated as the announcing verb is, not as the act to come.
        if candidate.pattern == "nominal":
            tense = "past_perfect"
        elif candidate.pattern == "announced":
            tense = modality(candidate.trigger.head, self.lexicon).tense
        else:
            tense = flags.tense
        if candidate.asserted:  # "Israel will evacuate the settlements in August": the promise is made now
            in_clause = nearest = []
        event_date = when.choose_date(in_clause, nearest, timeline.paragraph, document.published, tense,
                                      document_latest=timeline.document, negated=negated, referred=referred)
        if tense == "future":
            event_date = when.ahead(event_date, document.published)
        on = event_date.first_day or document.published
        # "US drone strikes killed eight militants": an attack named as the subject was made by whoever
        # its words name (not by "American" people), and its words may say where it struck
        # ("the US strike that killed Soleimani" is one act, coded as the noun)
        acts = [h for h in candidate.actors if resolver.match_at(h) is None and self.lexicon.noun_entry(h) is not None
                and candidate.pattern != "relative"]
        actors = _unique(e for head in candidate.actors
                         for e in (_makers(head, resolver, on) if head in acts else resolver.entities(head, on)))
        actors = actors or _bare(candidate.actors, resolver)
        recipients = _unique(e for head in candidate.recipients for e in resolver.entities(head, on))
        recipients = recipients or _bare(candidate.recipients, resolver)
        recipients = [r for r in recipients if not any(r.start == a.start for a in actors)]
        # "Trump withdrew the United States from the deal": a state's own name after its leader's
        # verb is the state acting, not its target (domestic targets are people and bodies).
        recipients = [r for r in recipients if not (r.kind == "country" and r.country in {a.country for a in actors})]
        # "Hungarian and Romanian officials agreed that their countries should cooperate": several
        # actors acting on themselves are the event's parties already, not its target.
        acting = {a.country for a in actors}
        if len(acting) > 1 and {r.country for r in recipients} <= acting:
            recipients = []
        # A pronoun or description that resolves back to the actor ("Washington urged both
        # governments", "he warned") is not a recipient: the actor is not asking itself.
        recipients = [r for r in recipients if not (r.via and r.via.startswith("coref")
                                                   and r.country in {a.country for a in actors})]
        participants = participant_tokens([h for h in candidate.actors if h not in acts] + candidate.recipients)
        location = self.placer.place(candidate.trigger, candidate.clause, participants) or next(
            (found for act in acts  # "an Israeli strike on Qana killed dozens": where the strike fell
             if (found := self.placer.place(act, candidate.clause, participants)) is not None), None)
        if not recipients and target_from_place(kind):
            for place in (self.placer.lookup(_phrase(t)) for t in candidate.places):  # "bombed Fordow"
                if place is not None and not recipients:
                    recipients = self._place_as_target(place)
        visit = mode == "visit"
        if not recipients and location and (target_from_place(kind) or visit) \
                and not _inside(location, candidate.actors):  # "bombed Fordow", "arrived in Freetown"
            recipients = _besides(self._place_as_target(location), actors) if visit else self._place_as_target(location)
        if mode == "withdraw" and kind == "RETREAT":  # "Bosnian Serbs completed their withdrawal from a
            # Bosnian town", "Ugandan rebels surrendered in Soroti": pulling back at home has no foreign target
            recipients = _besides(recipients, actors)
        if candidate.pattern == "announced" and type_info(kind).quad_class == _MATERIAL_CONFLICT \
                and {a.country for a in actors} & {r.country for r in recipients}:
            actors = []  # "three Iraqi civilians were killed, Iraqi police said": the police only report it
        if not actors and (candidate.pattern == "passive" or acts) and location and location.country \
                and recipients and type_info(kind).quad_class == _MATERIAL_CONFLICT \
                and all(r.country and r.country != location.country for r in recipients):
            # "the American embassy in Tehran was overrun", "a US soldier was killed near Samarra", "a
            # roadside bomb near Samarra killed a US soldier": an agentless blow at foreigners is struck
            # by someone of the country where it fell
            actors = [replace(p, via="place of an agentless act") for p in self._place_as_target(location)]
        if not actors and candidate.pattern == "passive" and mode == "access" and location and location.country:
            # "inspectors have not been allowed back into Fordow": the state whose site it is lets them in
            actors = [replace(p, via="place of an agentless act") for p in self._place_as_target(location)]
            recipients = _besides(recipients, actors)
        if not actors and candidate.pattern == "passive" and self.lexicon.in_chain("undoing", candidate.trigger):
            # "Saudi Arabia broke off relations with Iran in 1988. Relations were restored in 1991."
            undone = next((e for e in reversed(earlier) if e.factual and e.type in undone_by(kind)
                           and e.sentence_index >= index - _UNDOING_REACH and e.actor), None)
            if undone is not None:
                actors = [replace(a, via=f"undoes:{undone.trigger.text}") for a in undone.actor]
                # "the UN sanctions were reimposed": the UN named in the subject is the one redoing them
                recipients = _besides(recipients, actors) or [
                    replace(r, via=f"undoes:{undone.trigger.text}") for r in undone.recipient]
        if location and location.country:
            actors = [_placed(a, location, self.gazetteer) for a in actors]
            recipients = [_placed(r, location, self.gazetteer) for r in recipients]
        if not recipients and (candidate.referent is not None or candidate.reacts):  # "condemned the execution"
            recipients = self._referred(candidate.referent, actors, earlier, index, resolver, on)
        if not recipients and candidate.pattern == "pledge":  # "Israel will evacuate settlements in Gaza"
            recipients = next((e.recipient for e in reversed(earlier) if e.sentence_index == index
                               and e.trigger.start == candidate.trigger_start), [])
        if not recipients and candidate.responds:  # "Iran answered with missiles": whoever struck first
            recipients = _latest_parties(actors, earlier, lambda e: e.quad_class == _MATERIAL_CONFLICT,
                                         since=index - _ANAPHORA_REACH)
        if not recipients and location and location.country and target_own_place(kind):
            recipients = [r for r in self._place_as_target(location) if r.country in {a.country for a in actors}]
        # Deeds are done at home; words may be aimed abroad ("London urged the rebels to disarm"), except
        # a government's dealings with rebels of no stated country ("Maputo accepted the rebels' demands").
        deeds = type_info(kind).quad_class in _MATERIAL_QUADS
        dealing = answered_at_home(kind) and not any(r.country for r in recipients)
        recipients = [_domestic(r, actors, self.gazetteer)
                      if deeds or (dealing and r.sector in STANDALONE_SECTORS) else r for r in recipients]
        if target_own_country(kind):  # "fundamentalists went on hunger strike against the Algerian president"
            actors = _their_own(actors, recipients)
        actors, recipients = _placed_only(actors), _placed_only(recipients)
        if not recipients and target_own_country(kind):
            recipients = self._own_country(actors)
        if not recipients and len({a.country for a in actors if a.country}) > 1 and together_as(kind):
            (kind, cameo), mode = together_as(kind), ""  # joint war games are military cooperation
        info = type_info(kind)
        if not recipients and candidate.trigger.dep_ == "conj":
            # "Bahrain broke off relations with Iran and the Emirates downgraded its ties": one target;
            # "Amano went to Tehran and signed a framework": what a visitor agrees is agreed with the host
            recipients = next((e.recipient for e in reversed(earlier) if e.sentence_index == index
                               and (e.type == kind or (e.mode == "visit" and info.quad_class in _COOPERATION))
                               and e.trigger.start == candidate.trigger.head.idx), [])
            recipients = _besides(recipients, actors)
        if not recipients and _counted_object(candidate.trigger):
            # "police opened fire on demonstrators, killing one and arresting twelve": some of those
            # the act it follows on was aimed at
            heads = {t.idx for t in _governors(candidate.trigger)}
            recipients = next((e.recipient for e in reversed(earlier) if e.sentence_index == index
                               and e.trigger.start in heads and e.recipient), [])
        if not recipients and not info.standalone \
                and not _has_object(candidate.trigger, self.lexicon):
            # "the Kremlin called the attacks aggression": who speaks of an act is not its target
            speaking = {(index, candidate.trigger.head.idx)} if candidate.pattern == "nominal" else set()
            others = [e for e in earlier if (e.sentence_index, e.trigger.start) not in speaking]
            recipients = _counterparts(actors, others, since=index - _COUNTERPART_REACH)
        # "France and Egypt held war games": in a mutual act between several states each is the other's target
        # a visit goes somewhere: "came to power" and "went to court" are no visits; a mutual or a
        # reciprocal act between several states ("exchanged fire") has each as the other's target
        several = len({a.country for a in actors if a.country}) > 1
        each_way = several and self.lexicon.in_chain("reciprocal", candidate.trigger)
        needs_recipient = (info.needs_recipient or info.targeted or visit) and not (
            (mutual(kind) and several) or each_way)
        confidence = _confidence(candidate, actors, recipients, info.standalone, needs_recipient)
        if confidence <= 0:
            return None
        scores = score(kind, mode, cameo)
        return Event(
            doc_id=document.id,
            sentence_index=index,
            sentence=sent.text.strip(),
            type=kind,
            mode=mode,
            actor=actors,
            recipient=recipients,
            trigger=TextSpan(sent.doc.text[candidate.trigger_start:candidate.trigger_end],
                             candidate.trigger_start, candidate.trigger_end),
            rule=candidate.rule,
            date=event_date.value,
            date_precision=event_date.precision,
            date_text=event_date.text,
            historical=when.is_historical(event_date, document.published),
            negated=negated,
            hypothetical=flags.hypothetical,
            future=flags.future,
            intensity=scores.intensity,
            quad_class=scores.quad_class,
            cameo_root=scores.cameo_root,
            cameo_code=scores.cameo_code,
            goldstein=scores.goldstein,
            confidence=round(confidence, 2),
            location=location,
        )

    def _each_way(self, event: Event, candidate: Candidate) -> list[Event]:
        """"The two rivals traded accusations", "exchanged fire": a reciprocal act between several states
        that names no other target is each one's act on the others."""
        sides = _unique(a for a in event.actor if a.country)
        if event.recipient or len({a.country for a in sides}) < 2 \
                or not self.lexicon.in_chain("reciprocal", candidate.trigger):
            return [event]
        return [replace(event, actor=[side], recipient=[replace(o, via=f"each way:{event.trigger.text}")
                                                        for o in sides if o.country != side.country])
                for side in sides]

    def _place_as_target(self, location: Location) -> list[Entity]:
        """The country of the place an act hit, as its recipient (the actor's own for domestic acts)."""
        if not location.country:
            return []
        return [Entity(location.text, self.gazetteer.countries.get(location.country, location.country),
                       location.country, None, location.country, None, "place", location.start, location.end,
                       "location")]

    def _referred(self, referent: Token | None, actors: list[Entity], earlier: list[Event], index: int,
                  resolver: ActorResolver, on: date | None) -> list[Entity]:
        """The actors of the earlier event a definite noun points back to, other than the reacting ones.

        A noun whose words say whose act it is names them ("the Russian decision"). An event noun ("the
        execution") names the latest earlier event of its type; a general one the latest act ("the
        move", "the decision") or statement ("the remarks") within a sentence back. A reaction that
        names nothing ("said it was disappointed", no referent) answers the latest act.
        """
        acting = {a.country for a in actors}
        entry = self.lexicon.noun_entry(referent) if referent is not None else None
        # (an accord's words name where it was made: "the Algiers agreement" is no Algerian act)
        makers = _makers(referent, resolver, on) if referent is not None and not (entry and mutual(entry.type)) else []
        named = [m for m in makers if m.country not in acting]
        if named:
            return named
        if entry is not None:
            if mutual(entry.type):
                # "Trump abandoned the agreement": a party leaving a deal turns on the other side; for
                # an outsider ("Israel called the deal a mistake") a deal has two sides: which is meant?
                return _other_parties(actors, earlier, entry.type, self._members)
            # a report's own story first: "the war" in a report that opens with the invasion is that war
            return (_latest_parties(actors, _lead(earlier), lambda e: e.type == entry.type)
                    or _latest_parties(actors, earlier, lambda e: e.type == entry.type)
                    # "the powers will lift their sanctions": undoing one's own act, aimed at its targets
                    # (only one's own: Baghdad denouncing "the attack" is not aimed at whoever Baghdad hit)
                    or _latest_parties(actors, earlier, lambda e: e.type == entry.type
                                       and acting <= {a.country for a in e.actor}, side="recipient"))
        verbal = referent is not None and self.lexicon.in_chain("anaphoric_speech", referent)

        def wanted(event: Event) -> bool:
            return verbal == (event.quad_class in _VERBAL_QUADS) and event.type not in _NOT_MOVES

        # Nothing that near: reactions further down a report answer its lead ("China regretted the move").
        return (_latest_parties(actors, earlier, wanted, since=index - _ANAPHORA_REACH)
                or _latest_parties(actors, _lead(earlier), wanted))

    def _within_hours_of(self, sent: Span, earlier: list[Event]) -> when.EventDate | None:
        """The day of the earlier event a "within hours of the announcement", "hours after the strike" or
        "two days after the seizure" phrase in the sentence points to: the latest event of that noun's
        type, or for a general word ("the announcement", "the decision") the report's lead; days and
        weeks after it are counted on from a day it is dated to."""
        for noun in sent:
            prep = noun.head
            hours = prep.head if prep.lower_ == "of" else next(
                (c for c in prep.children if c.dep_ == "npadvmod"), None) if prep.lower_ == "after" else None
            unit = hours.lemma_.lower() if hours is not None else ""
            if noun.dep_ != "pobj" or unit not in _DAYS_IN:
                continue
            count = _count(hours) if _DAYS_IN[unit] else 0
            if count is None:
                continue
            if prep.lower_ == "of" and hours.head.lower_ not in {"within", "after"}:
                continue
            if not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
                continue  # "within hours of an announcement" brings in a new event, not an earlier one
            entry = self.lexicon.noun_entry(noun)
            general = self.lexicon.in_chain("anaphoric", noun) or self.lexicon.in_chain("anaphoric_speech", noun)
            dated = [e for e in earlier if e.factual and e.date and (entry is not None and e.type == entry.type)]
            if not dated and general:
                dated = [e for e in _lead(earlier) if e.date]
            if dated and (count == 0 or dated[-1].date_precision == "day"):
                phrase = sent.doc[min(hours.left_edge.i, prep.i):noun.i + 1]
                day = (date.fromisoformat(dated[-1].date) + timedelta(days=count * _DAYS_IN[unit])).isoformat() \
                    if count else dated[-1].date
                return when.EventDate(day, dated[-1].date_precision, phrase.text, phrase.start_char,
                                      phrase.end_char, relative=True)
        return None

    def _members(self, code: str) -> set[str]:
        """A code and, for a bloc, its member states."""
        return {code, *self._blocs.get(code, ())}

    @cached_property
    def _blocs(self) -> dict[str, tuple[str, ...]]:
        return self.gazetteer.bloc_members()

    def _own_country(self, actors: list[Entity]) -> list[Entity]:
        """The one country all the actors belong to, as the target ("protests against their own rulers")."""
        countries = {a.country for a in actors}
        if len(countries) != 1 or not countries <= self.gazetteer.countries.keys():  # states only, not IGOs or blocs
            return []
        country = next(iter(countries))
        first = actors[0]
        return [Entity(first.text, self.gazetteer.countries.get(country, country), country, None, country, None,
                       "country", first.start, first.end, "own country")]

    def _paragraph_contexts(self, sents: list[Span], paragraph_of) -> dict[int, Counter[str]]:
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        for sent in sents:
            counts[paragraph_of(sent.start_char)] += self.contexts.counts(sent)
        return counts


def _confidence(candidate: Candidate, actors: list[Entity], recipients: list[Entity],
                standalone: bool, needs_recipient: bool) -> float:
    """How sure we are that the event is real and its parts right.

    Precision first: an event whose actor does not resolve to a political entity scores 0 (dropped)
    unless its type stands alone (a protest is news even when we cannot say whose); even then it
    scores below the default threshold, since whose act it was is most of what users ask, so such
    events appear only when a user lowers ``min_confidence``.
    """
    if not actors:
        return 0.45 if standalone else 0.0
    confidence = 1.0
    if any(a.via for a in actors):
        confidence *= 0.85
    if all(a.country is None for a in actors):
        # "guerrillas overran the village": whose act against whom, the text does not say
        confidence *= 0.8 if any(r.country for r in recipients) else 0.45
    if needs_recipient and not recipients:  # PLOVER requires one, or the act always has a victim
        confidence *= 0.45
    if candidate.pattern in {"nominal", "inherited"}:
        confidence *= 0.9
    return confidence


#: Units of "N days after the seizure", in days (0: the same day, "hours after the strike").
_DAYS_IN = {"hour": 0, "minute": 0, "day": 1, "week": 7}


def _count(unit: Token) -> int | None:
    """How many days or weeks: "two days after", "3 weeks after", "a day after"."""
    count = next((c for c in unit.children if c.dep_ in {"nummod", "det"}), None)
    return when.number(count.text) if count is not None else None


def _consequence(event: Event, candidate: Candidate, earlier: list[Event]) -> bool:
    """"Police opened fire on the crowd, killing one": a participle of the same kind of act by the same
    actors, hanging on that act's verb and naming no other target, tells its outcome; it is not a second
    event. ("Jets struck back, bombing bases around Basra" names where: that one stays.) Nor is an
    attack named as the subject of the verb that tells what it did."""
    head = candidate.trigger.head
    if candidate.pattern == "nominal" and candidate.trigger.dep_ == "nsubj":
        # "an Israeli strike on Qana killed dozens": the strike is the killing's maker, coded there
        return any(e.sentence_index == event.sentence_index and e.type == event.type and e.trigger.start == head.idx
                   and e.actor_codes() == event.actor_codes() for e in earlier)
    return candidate.pattern == "inherited" and candidate.trigger.tag_ == "VBG" and any(
        e.sentence_index == event.sentence_index and e.type == event.type and e.trigger.start == head.idx
        and e.actor_codes() == event.actor_codes() and set(event.recipient_codes()) <= set(e.recipient_codes())
        for e in earlier)


def _phrase(head: Token) -> str:
    """The proper-name words of a phrase ("southern Lebanon" -> "Lebanon", "Fordow, Natanz" -> "Fordow")."""
    names = [t for t in head.subtree if t.pos_ == "PROPN" and (t == head or t.head == head or t.dep_ == "compound")]
    words = [t for t in names if t.i <= head.i] or names
    return " ".join(t.text for t in words) if words else head.text


def _inside(location: Location, heads: list[Token]) -> bool:
    """Whether a place is part of an actor's own phrase ("Iranian forces in Syria")."""
    return any(head.left_edge.idx <= location.start < head.right_edge.idx + len(head.right_edge) for head in heads)


def _placed(entity: Entity, location: Location, gazetteer: Gazetteer) -> Entity:
    """An agent named without a country ("students", "protesters", "militants") acting in a country
    is of that country: "students stormed the US embassy in Tehran" are Iranian students."""
    if entity.country or entity.kind != "agent":
        return entity
    return replace(entity, country=location.country,
                   name=f"{gazetteer.countries.get(location.country, location.country)} {entity.sector}",
                   via=f"location:{location.text}")


#: How many sentences back "the move" or "the decision" may point.
_ANAPHORA_REACH = 1
#: Crowds' acts, which "the move" and "the decision" do not name.
_NOT_MOVES = {"PROTEST"}
#: CAMEO quad classes of words rather than deeds (verbal cooperation and verbal conflict).
_VERBAL_QUADS = {1, 3}
_MATERIAL_QUADS = {2, 4}
_MATERIAL_CONFLICT = 4
_COOPERATION = {1, 2}
#: Sectors of the state: an act of theirs on unnamed people is domestic.
_STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "SPY", "LEG"}
#: People who are by definition from elsewhere (refugees, migrants): never the acting state's own.
_FOREIGN_SECTORS = {"REF"}


def _latest_parties(actors: list[Entity], earlier: list[Event], wanted: Callable[[Event], bool],
                    since: int = 0, side: str = "actor") -> list[Entity]:
    """The actors (or, with ``side="recipient"``, the targets), other than ``actors``, of the latest
    factual earlier event that ``wanted`` accepts, looking back to sentence ``since``. Acts are
    states': crowds and unnamed people are skipped."""
    reacting = {a.country for a in actors}
    for event in reversed(earlier):
        if event.sentence_index < since:
            break
        if not event.factual or not wanted(event):
            continue
        parties = [replace(p, via=f"event:{event.trigger.text}") for p in getattr(event, side)
                   if p.country and p.country not in reacting and (p.kind != "agent" or p.sector in _STATE_SECTORS)]
        if parties:
            return parties
    return []


def _counterparts(actors: list[Entity], earlier: list[Event], since: int) -> list[Entity]:
    """Whom an act that names no target is aimed at: the other side of the actors' latest dealings,
    looking back to sentence ``since``. What was last done to them comes first ("Iran fired missiles
    at a base in Qatar; Qatar condemned the strike"), then what they last did ("Washington asked
    Israel to halt its raids, and Israel agreed")."""
    acting = {a.country for a in actors if a.country}
    recent = [e for e in reversed(earlier) if e.sentence_index >= since and e.factual] if acting else []
    for mine, theirs in (("recipient", "actor"), ("actor", "recipient")):
        for event in recent:
            if acting <= {p.country for p in getattr(event, mine)}:
                other = [replace(p, via=f"counterpart:{event.trigger.text}") for p in getattr(event, theirs)
                         if p.country and p.country not in acting]
                if other:
                    return _unique(other)
    return []


#: The words before an event noun that name who made it ("US drone strikes", "Israel's raids").
_MAKER_DEPS = {"amod", "compound", "poss", "nmod"}
#: How many sentences back an act that names no target looks for its actors' latest dealings.
_COUNTERPART_REACH = 2
#: How many sentences back the act an agentless "was lifted" or "were restored" undoes may be.
_UNDOING_REACH = 3


def _has_object(verb: Token, lexicon: Lexicon) -> bool:
    """Does the verb name what it acts on ("executed a prominent cleric")? Then an unresolved object
    is still its target, and no counterpart is guessed in its place. An act as object is not
    ("will lift their sanctions", "would veto any resolution"): it was aimed at someone, unsaid."""
    return any(c.dep_ in {"dobj", "nsubjpass"} and lexicon.noun_entry(c) is None for c in verb.children)


def _counted_object(verb: Token) -> bool:
    """Is the verb's object only a number ("arresting twelve")? Then it counts people named before."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(objects) and all(o.pos_ == "NUM" and not any(c.dep_ == "prep" for c in o.children) for o in objects)


def _governors(verb: Token) -> list[Token]:
    """The verbs a participle or conjunct follows on from ("opened fire ..., killing one and arresting
    twelve": arresting <- killing <- opened)."""
    found = []
    while verb.dep_ in {"conj", "advcl"} and verb.head is not verb:
        verb = verb.head
        found.append(verb)
    return found


def _lead(earlier: list[Event]) -> list[Event]:
    """The events of a report's first eventful sentence, which later reactions answer; an essay that
    opens in history has no such lead."""
    return [e for e in earlier if e.sentence_index == earlier[0].sentence_index and not e.historical
            ] if earlier else []


def _other_parties(actors: list[Entity], earlier: list[Event], kind: str,
                   members: Callable[[str], set[str]]) -> list[Entity]:
    """The other sides of the latest earlier mutual event of ``kind`` the actors took part in (as
    themselves or as members of a bloc that did: the US in "the six powers")."""
    acting = {a.country for a in actors}

    def among(side: list[Entity]) -> bool:
        return any(acting & members(p.country) for p in side if p.country)

    for event in reversed(earlier):
        if event.type != kind:
            continue
        other = event.recipient if among(event.actor) else event.actor if among(event.recipient) else None
        if other is not None:
            return _unique(replace(p, via=f"event:{event.trigger.text}") for p in other
                           if p.country and p.country not in acting)
    return []


def _makers(act: Token, resolver: ActorResolver, on: date | None) -> list[Entity]:
    """Who made an act its words name: "US Predator strikes", "Israel's raids"."""
    return _unique(replace(e, via=f"maker of {act.text}") for left in act.lefts for m in left.subtree
                   if m.dep_ in _MAKER_DEPS for e in resolver.entities(m, on))


def _bare(heads: list[Token], resolver: ActorResolver) -> list[Entity]:
    """Agent words no qualifier places ("students", "the demonstrators"), still without a country."""
    return [entity for entity in (resolver.bare_agent(head) for head in heads) if entity is not None]


def _domestic(entity: Entity, actors: list[Entity], gazetteer: Gazetteer) -> Entity:
    """People of no stated country on the receiving end of one state's act are that state's own:
    "police dispersed the demonstrators", "the government arrested journalists"."""
    countries = {a.country for a in actors
                 if a.country and (a.kind not in {"agent", "group"} or a.sector in _STATE_SECTORS)}
    if (entity.country or entity.kind != "agent" or entity.sector in _FOREIGN_SECTORS | _STATE_SECTORS
            or len(countries) != 1):
        return entity
    country = next(iter(countries))
    return replace(entity, country=country, name=f"{gazetteer.countries.get(country, country)} {entity.sector}",
                   via="domestic")


def _their_own(actors: list[Entity], recipients: list[Entity]) -> list[Entity]:
    """Protesters no word places, protesting against one country's leader, are its people (not so for an
    embassy or a state: "protesters stormed the Saudi embassy" may be anyone's)."""
    if not recipients or any(r.kind not in {"person", "role"} for r in recipients):
        return actors
    countries = {r.country for r in recipients if r.country}
    if len(countries) != 1:
        return actors
    country = next(iter(countries))
    return [replace(a, country=country, via="target's own") if a.kind == "agent" and not a.country else a
            for a in actors]


def _besides(recipients: list[Entity], actors: list[Entity]) -> list[Entity]:
    """The recipients that are not of an acting country (no state is its own target abroad)."""
    acting = {a.country for a in actors}
    return [r for r in recipients if r.country not in acting]


def _placed_only(entities: list[Entity]) -> list[Entity]:
    """Drop agents that neither a qualifier, a place nor the other side gave a country, unless their
    sector acts on its own (rebels, militants, the opposition)."""
    return [e for e in entities if e.country or e.kind != "agent" or e.sector in STANDALONE_SECTORS]


def _sentence(index: int, sent: Span, paragraph: int) -> Sentence:
    """The sentence without the blank lines spaCy attaches to it at a paragraph break."""
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    stripped = text.strip()
    return Sentence(index, stripped, start, start + len(stripped), paragraph)


def _unique(entities: Iterable[Entity]) -> list[Entity]:
    found: list[Entity] = []
    for entity in entities:
        if not any(e.start == entity.start and e.name == entity.name for e in found):
            found.append(entity)
    return found


def _shift(found: when.EventDate, offset: int) -> when.EventDate:
    if found.start < 0:
        return found
    return when.EventDate(found.value, found.precision, found.text, found.start + offset,
                          found.end + offset, found.relative)


def _dates_for(candidate: Candidate, dates: list[when.EventDate], doc: Doc, lexicon: Lexicon
               ) -> tuple[list[when.EventDate], list[when.EventDate], list[when.EventDate]]:
    """The date expressions of the event's own clause, the sentence's (nearest clause first), and the
    dates of things the event's clause refers to.

    A date that modifies another noun ("violated the 2015 agreement", "since the 2003 invasion") dates
    that noun, not this event: it is only referred to, unless the noun is the object that names the
    very act ("signed the 2015 agreement", "imposed the 2012 sanctions"). The sentence's other dates
    are ordered by how close their clause is to the trigger in the parse: dates inside another verb's
    clause come last ("voted last week, accusing the agency, and on Wednesday signed": last week dates
    the accusing); of the rest, the clause that governs the event comes first, and of dates that govern
    it equally, the one nearest in the text ("met on Monday and again yesterday, and agreed":
    yesterday). A nominal event takes a date from another clause only when it is an argument of the
    dated verb, directly or through a preposition ("restored sanctions in February 2025"); a noun
    further down ("Moscow, absorbed by its war, offered sympathy last June")
    names something whose time the sentence does not give.
    """
    trigger = candidate.trigger
    ancestors = [trigger, *trigger.ancestors]
    in_clause: list[when.EventDate] = []
    referred: list[when.EventDate] = []
    ranked: list[tuple[int, int, when.EventDate]] = []
    for found in dates:
        span = doc.char_span(found.start, found.end, alignment_mode="expand") if found.start >= 0 else None
        if span is None:
            continue
        root = span.root
        if _modifies_noun(root) and root.head != trigger and not _names_the_act(root.head, candidate, lexicon):
            if _argument_of(root.head, trigger):
                referred.append(found)
            continue
        if any(t.i in candidate.clause for t in span):
            in_clause.append(found)
        path = [root, *root.ancestors]
        governor = next((a for a in path if a in ancestors), None)
        distance = ancestors.index(governor) if governor is not None else len(ancestors)
        if candidate.pattern == "nominal" and distance > _ARGUMENT_DEPTH:
            continue
        # "Last week parliament voted to suspend cooperation, accusing the agency, and on Wednesday the
        # president signed it": a date inside a sibling clause ("signed") dates that clause, not ours
        aside = sum(1 for t in path[:path.index(governor)] if t.pos_ in {"VERB", "AUX"}) if governor is not None else 0
        gap = min(abs(found.start - trigger.idx), abs(found.end - trigger.idx))
        ranked.append((aside, distance, gap, found))
    return in_clause, [found for *_, found in sorted(ranked, key=lambda r: r[:3])], referred


def _argument_of(noun: Token, trigger: Token) -> bool:
    """Does the noun hang from the trigger through nouns and prepositions only ("blamed Iran for a
    2019 drone attack"), not through another clause?"""
    for token in noun.ancestors:
        if token == trigger:
            return True
        if token.pos_ in {"VERB", "AUX"}:
            return False
    return False


def _names_the_act(noun: Token, candidate: Candidate, lexicon: Lexicon) -> bool:
    """Is the noun the trigger's object and a word for an act of the event's own type ("signed the
    agreement", "launched the invasion")? Then whatever dates the noun dates the event."""
    entry = lexicon.noun_entry(noun) if noun.dep_ == "dobj" and noun.head == candidate.trigger else None
    return entry is not None and entry.type == candidate.coded.type


def _modifies_noun(root: Token) -> bool:
    """ "the 2015 agreement", "the May elections": the date names a thing rather than placing a clause."""
    return root.dep_ in {"amod", "compound", "nummod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}


def _names_a_thing(found: when.EventDate, doc: Doc) -> bool:
    """A date that tells the history of a thing, not the time the story has reached.

    That is a date modifying a noun ("the 2015 agreement") or one inside a relative clause ("talks
    that began on Monday", "the treaty signed in 1972"): the next undated event does not inherit it
    ("Wang Yi hailed the outcome" is the day of the agreement, not the day the talks began), though
    "a year later" may still count from it.
    """
    span = doc.char_span(found.start, found.end, alignment_mode="expand") if found.start >= 0 else None
    if span is None:
        return True
    root = span.root
    return _modifies_noun(root) or any(t.dep_ in {"relcl", "acl"} for t in [root, *root.ancestors])


def _paragraph_index(text: str):
    """A function from a character offset to its paragraph number (blank lines separate paragraphs)."""
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]

    def paragraph_of(offset: int) -> int:
        return sum(1 for b in breaks if b <= offset)

    return paragraph_of


def explain_candidate(candidate: Candidate) -> str:
    """The parse path actor -> trigger -> recipient, as `realpolitik code --explain` prints it."""
    parts = []
    for head in candidate.actors:
        parts.append(f"actor: {_path(head, candidate.trigger)}")
    for head in candidate.recipients:
        parts.append(f"recipient: {_path(candidate.trigger, head)}")
    return f"{candidate.rule}: " + ("; ".join(parts) or f"trigger {candidate.trigger.text} (no participants)")


def _path(source: Token, target: Token) -> str:
    """Dependency path between two tokens through their lowest common ancestor."""
    up = [source, *source.ancestors]
    down = [target, *target.ancestors]
    common = next((t for t in up if t in down), None)
    if common is None:
        return f"{source.text} ... {target.text}"
    rising = up[:up.index(common)]
    falling = list(reversed(down[:down.index(common)]))
    text = " ".join(f"{t.text} -{t.dep_}->" for t in rising)
    text += f" [{common.text}]"
    text += "".join(f" <-{t.dep_}- {t.text}" for t in falling)
    return text.strip()
