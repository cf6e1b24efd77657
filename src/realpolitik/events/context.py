"""PLOVER contexts (the "why" of an event) from keywords in its sentence and paragraph.

Keyword lists are ``data/events/contexts.yaml``. A keyword in the event's own sentence counts
once; keywords found only elsewhere in the paragraph need two hits, because a paragraph about a
nuclear deal can mention one soldier without the deal becoming military.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from realpolitik.resources import DATA_DIR, read_yaml


class ContextTagger:
    """Compiled keyword matcher for every context."""

    def __init__(self, nlp: Language, extra: Iterable[str | Path] = ()) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.contexts: dict[str, list[str]] = {}
        sources = [DATA_DIR / "events" / "contexts.yaml", *extra]
        for path in sources:
            if Path(path).exists():
                for context, words in ((read_yaml(path) or {}).get("contexts") or {}).items():
                    self.contexts.setdefault(context, []).extend(words)
        for context, words in self.contexts.items():
            self._matcher.add(context, [nlp.make_doc(w) for w in words])
        self._strings = nlp.vocab.strings

    def counts(self, span: Doc | Span) -> Counter[str]:
        return Counter(self._strings[key] for key, _, _ in self._matcher(span))

    def tag(self, sentence: Counter[str], paragraph: Counter[str]) -> list[str]:
        """Contexts for an event, from keyword counts of its sentence and of its paragraph."""
        found = {c for c, n in sentence.items() if n >= 1}
        found |= {c for c, n in paragraph.items() if n - sentence.get(c, 0) >= 2}
        return sorted(found)
