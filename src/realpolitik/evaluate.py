"""Measure the coder against hand-coded gold: precision, recall, F1, per type, with confusions.

Two gold shapes are read (one JSON object per line):

- *sentence gold*, like ``../shared/data/plover_gsr_dev.jsonl``: ``id``, ``text``, ``published``,
  ``actor``, ``recipient``, ``type``: each text is coded on its own;
- *document gold*, like ``tests/gold/documents.jsonl``: ``doc_id``, ``sentence`` (a substring of
  the sentence that states the event), ``actor``, ``recipient``, ``type``, ``date``: the documents
  (the bundled sample corpus unless another JSONL is given) are coded whole, so pronouns, dates
  and paragraphs work as in real use, and every event the coder finds in them is scored. Each
  real event counts once per document, however often the article repeats it.

An event matches a gold event when the type is the same and the sets of actor and recipient
country codes are equal ("strict", the headline figure); "partial" asks only that each side
shares a code. Agreeing, meeting and cooperating are mutual: their two sides may be swapped.
A bloc code counts as its members (the gazetteer's ``blocs.yaml``), so "the P5+1" matches the six
states a gold line lists. Matching is one-to-one. When a gold file never uses ``UNO`` or ``EUR`` (the
PLOVER gold standard codes every intergovernmental body ``IGO``), those codes count as ``IGO``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from realpolitik.events.scores import mutual
from realpolitik.model import Document, Event
from realpolitik.pipeline import Coder
from realpolitik.resources import DATA_DIR

SAMPLE_CORPUS = DATA_DIR / "corpus" / "sample.jsonl"
NONE = "(none)"


@dataclass
class Scores:
    """Counts behind precision and recall, for one type or overall."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.gold, "predicted": self.predicted, "correct": self.correct,
                "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3)}


@dataclass
class Evaluation:
    strict: Scores = field(default_factory=Scores)
    partial: Scores = field(default_factory=Scores)
    by_type: dict[str, Scores] = field(default_factory=lambda: defaultdict(Scores))
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    dates_checked: int = 0
    dates_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    #: Predicted events that matched no gold event (strict): the false positives, to read.
    spurious: list[Event] = field(default_factory=list)
    #: Sentence gold only: sentences scored as units (see ``_evaluate_sentences``); None for documents.
    per_sentence: Scores | None = None

    @property
    def date_accuracy(self) -> float | None:
        return self.dates_right / self.dates_checked if self.dates_checked else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.as_dict(), "partial": self.partial.as_dict(),
            "by_type": {t: s.as_dict() for t, s in sorted(self.by_type.items())},
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "date_accuracy": self.date_accuracy, "dates_checked": self.dates_checked,
            "per_sentence": self.per_sentence.as_dict() if self.per_sentence else None,
        }

    def report(self) -> str:
        """The printed report: per-type table, confusions, then the headline lines last."""
        lines = [f"{'type':<10} {'gold':>5} {'pred':>5} {'ok':>5} {'P':>6} {'R':>6} {'F1':>6}"]
        for kind, s in sorted(self.by_type.items()):
            lines.append(f"{kind:<10} {s.gold:>5} {s.predicted:>5} {s.correct:>5} "
                         f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")
        if self.confusion:
            lines.append("")
            lines.append("confusion (gold -> predicted, on the same sentence; (none) = not found):")
            for (gold, predicted), n in self.confusion.most_common():
                lines.append(f"  {gold:<10} -> {predicted:<10} {n}")
        lines.append("")
        if self.date_accuracy is not None:
            lines.append(f"dates: {self.dates_right}/{self.dates_checked} matched events dated right "
                         f"({self.date_accuracy:.3f})")
        if self.per_sentence is not None:
            t = self.per_sentence
            lines.append(f"per sentence: P={t.precision:.3f} R={t.recall:.3f} F1={t.f1:.3f} "
                         f"(sentences {t.gold}, with events {t.predicted}, right {t.correct})")
        p = self.partial
        lines.append(f"partial: P={p.precision:.3f} R={p.recall:.3f} F1={p.f1:.3f}")
        s = self.strict
        lines.append(f"strict: P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
                     f"(gold {s.gold}, predicted {s.predicted}, correct {s.correct})")
        return "\n".join(lines)

    def errors(self) -> str:
        """Every gold event missed and every predicted event matching no gold, one per line: the
        reading list for whoever improves the coder."""
        lines = [f"missed ({len(self.misses)}):"]
        for miss in self.misses:
            g = miss["gold"]
            where = g.get("doc_id") or g.get("id")
            lines.append(f"  {where} {g['type']} {_codes(g.get('actor', []))}->{_codes(g.get('recipient', []))}"
                         f" | {g.get('sentence') or g.get('text')}")
            for p in miss["predicted"]:
                lines.append(f"      coded {p['type']} {_codes(a.get('country') for a in p['actor'])}->"
                             f"{_codes(r.get('country') for r in p['recipient'])} ({p['rule']})")
        lines.append(f"spurious ({len(self.spurious)}):")
        for event in self.spurious:
            lines.append(f"  {event.doc_id} {event.type} {_codes(event.actor_codes())}->"
                         f"{_codes(event.recipient_codes())} {event.trigger.text!r} ({event.rule})"
                         f" | {event.sentence}")
        return "\n".join(lines)


def _codes(codes: Iterable[str | None]) -> str:
    return ",".join(code or "?" for code in codes) or "-"


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(gold_path: str | Path, coder: Coder, documents: str | Path | None = None) -> Evaluation:
    """Score the coder on a gold file of either shape."""
    gold = read_gold(gold_path)
    merge = not any(code in {"UNO", "EUR"} for g in gold for code in [*g.get("actor", []), *g.get("recipient", [])])
    normalise = _normaliser(merge, coder.gazetteer.bloc_members())
    if gold and "doc_id" in gold[0]:
        return _evaluate_documents(gold, coder, Path(documents or SAMPLE_CORPUS), normalise)
    return _evaluate_sentences(gold, coder, normalise)


def _evaluate_sentences(gold: list[dict[str, Any]], coder: Coder, normalise: Callable) -> Evaluation:
    """Score each sentence's events against its gold event.

    The strict figures count every event the coder finds, so a second real event in a sentence whose
    gold codes only one ("attacked the camp, killing 156") is a false positive there. The PLOVER gold
    standard codes one event per sentence, not every event, so the per-sentence figures are given too:
    a sentence is right when one of its events matches the gold (type, actors and recipients all
    equal), precision is over the sentences where the coder found anything.
    """
    evaluation = Evaluation(per_sentence=Scores())
    docs = [Document(g["id"], g["text"], published=_date(g.get("published"))) for g in gold]
    for record, coded in zip(gold, coder.code_documents(docs), strict=True):
        before = evaluation.strict.correct
        _score_group([record], coded.events, evaluation, normalise)
        evaluation.per_sentence.gold += 1
        evaluation.per_sentence.predicted += bool(coded.events)
        evaluation.per_sentence.correct += evaluation.strict.correct > before
    return evaluation


def _evaluate_documents(gold: list[dict[str, Any]], coder: Coder, corpus: Path, normalise: Callable) -> Evaluation:
    evaluation = Evaluation()
    wanted = {g["doc_id"] for g in gold}
    docs = []
    for record in read_gold(corpus):
        if record["id"] in wanted:
            docs.append(Document(record["id"], record["text"], record.get("title"), record.get("source"),
                                 _date(record.get("published"))))
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in gold:
        by_doc[record["doc_id"]].append(record)
    for coded in coder.code_documents(docs):
        _score_document(by_doc[coded.document.id], coded, evaluation, normalise)
    return evaluation


def _score_document(gold: list[dict[str, Any]], coded, evaluation: Evaluation, normalise: Callable) -> None:
    """Score one document: each real event counts once, however many sentences repeat it.

    Predictions are merged when type, actors, recipients and date agree (the article telling the same
    event twice), unless they are two acts of one sentence ("abandoned the deal and reimposed
    sanctions"); a gold event is then matched anywhere in its document, preferring a prediction from
    the sentence its ``sentence`` substring points at.
    """
    sentence_of = {}
    for record in gold:
        start = coded.document.text.find(record["sentence"])
        sentence_of[id(record)] = next((s.index for s in coded.sentences if s.start <= start < s.end), -1)
    merged: dict[tuple, list[Event]] = {}
    for event in coded.events:
        key = (event.type, normalise(event.actor_codes()), normalise(event.recipient_codes()), event.date)
        told = merged.setdefault(key, [])
        # a retelling is in another sentence; two acts of one kind in one sentence ("abandoned the deal
        # and reimposed sanctions") are two events
        if not told or (event.sentence_index == told[0].sentence_index
                        and all(e.trigger.start != event.trigger.start for e in told)):
            told.append(event)
    _score_group(gold, [e for told in merged.values() for e in told], evaluation, normalise,
                 prefer=lambda record, event: event.sentence_index == sentence_of[id(record)])


def _score_group(gold: list[dict[str, Any]], events: list[Event], evaluation: Evaluation,
                 normalise: Callable, prefer: Callable[[dict[str, Any], Event], bool] | None = None) -> None:
    """One-to-one matching of gold and predicted events (of one sentence, or of one document)."""
    for scores in (evaluation.strict, evaluation.partial):
        scores.gold += len(gold)
        scores.predicted += len(events)
    for record in gold:
        evaluation.by_type[record["type"]].gold += 1
    for event in events:
        evaluation.by_type[event.type].predicted += 1
    keys = [(e.type, normalise(e.actor_codes()), normalise(e.recipient_codes())) for e in events]
    wants = [(r["type"], normalise(r.get("actor", [])), normalise(r.get("recipient", []))) for r in gold]
    free = list(range(len(events)))
    matched: dict[int, int] = {}
    # Two passes: first pairs that also agree on the date, so that two gold events of the same
    # kind on different days take the predictions with their days; then the rest.
    for same_date in (True, False):
        for g, record in enumerate(gold):
            if g in matched:
                continue
            hits = [i for i in free if _same(keys[i], wants[g])
                    and (not same_date or events[i].date == record.get("date", events[i].date))]
            hits.sort(key=lambda i: prefer is not None and not prefer(record, events[i]))
            if hits:
                matched[g] = hits[0]
                free.remove(hits[0])
    for g, record in enumerate(gold):
        want = wants[g]
        if g in matched:
            evaluation.strict.correct += 1
            evaluation.by_type[want[0]].correct += 1
            _check_date(record, events[matched[g]], evaluation)
            continue
        here = [i for i in range(len(events)) if prefer is None or prefer(record, events[i])]
        near = [i for i in here if _same((want[0], *keys[i][1:]), want)]
        evaluation.confusion[(want[0], events[near[0]].type if near else NONE)] += 1
        evaluation.misses.append({"gold": record, "predicted": [events[i].to_dict() for i in here]})
    spent = set(matched.values())
    evaluation.spurious.extend(event for i, event in enumerate(events) if i not in spent)
    partial_free = list(range(len(events)))
    for want in wants:
        partial = next((i for i in partial_free if _same(keys[i], want, partial=True)), None)
        if partial is not None:
            partial_free.remove(partial)
            evaluation.partial.correct += 1


def _same(got: tuple, want: tuple, *, partial: bool = False) -> bool:
    """Do a predicted and a gold event agree on type, actors and recipients?

    Mutual events (agreeing, meeting, cooperating) are coded in one direction by convention, so
    for them the two sides may be swapped. ``partial`` asks only that each side shares a code.
    """
    kind, actors, recipients = got
    if kind != want[0]:
        return False
    if mutual(kind) and not partial and actors | recipients == want[1] | want[2]:
        return True  # "Iran and the six powers agreed" = Iran agreed with the six powers
    sides = [(actors, recipients)]
    if mutual(kind):
        sides.append((recipients, actors))
    for a, r in sides:
        if partial and a & want[1] and (r & want[2] or not (r or want[2])):
            return True
        if not partial and a == want[1] and r == want[2]:
            return True
    return False


def _check_date(record: dict[str, Any], event: Event, evaluation: Evaluation) -> None:
    if "date" not in record:
        return
    evaluation.dates_checked += 1
    if (record["date"] or None) == event.date:
        evaluation.dates_right += 1


def _normaliser(merge_igo: bool, blocs: dict[str, tuple[str, ...]]) -> Callable[[Iterable[str]], frozenset[str]]:
    """Codes as compared: blocs stand for their members ("the P5+1" = the six states), and when the
    gold codes every intergovernmental body IGO, so do we."""

    def normalise(codes: Iterable[str]) -> frozenset[str]:
        expanded = [m for c in codes for m in (blocs.get(c) or (c,))]
        return frozenset("IGO" if merge_igo and c in {"UNO", "EUR"} else c for c in expanded)

    return normalise


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
