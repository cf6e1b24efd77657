"""Which language a document is written in, so that non-English input is skipped and said to be.

The coder's lexicon, gazetteer and date grammar are English: coding a French article would produce
noise, not events. Detection uses py3langid (a naive Bayes model over byte n-grams, 97 languages,
offline, deterministic) on the start of the document, guarded on both sides because realpolitik's
documents are mostly English and a wrong "skip" loses an article:

- a text with too few letters to judge (a headline, a list of names) counts as English;
- a text where common English function words are frequent counts as English whatever the model
  says (an English article that quotes a foreign speech);
- otherwise the model's answer is taken only when it is confident.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

ENGLISH = "en"

#: Fewer bytes of letters than this in the sample: too short to judge, treated as English. Bytes, not
#: characters, because the model reads byte n-grams: 15 Chinese characters say as much as 45 Latin letters.
MIN_LETTER_BYTES = 45

#: The model's probability for another language must reach this before a document is skipped.
MIN_CONFIDENCE = 0.8

#: Share of words that are English function words above which a text is English regardless.
FUNCTION_WORD_SHARE = 0.06

#: Only the start of a document is examined: enough to decide, and the cost stays flat for long texts.
SAMPLE_CHARS = 4000

# Frequent English words that are not also frequent words of other European languages ("in", "is",
# "was", "die", "a", "on", "to" are left out for that reason).
_FUNCTION_WORDS = frozenset({
    "the", "of", "and", "that", "with", "from", "have", "has", "had", "said", "which", "would", "were",
    "this", "their", "they", "been", "its", "after", "also", "into", "who", "than", "about", "there",
    "these", "those", "while", "such", "because",
})
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """Loaded on first use (about a second), then shared by every call in the process."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language; ``"en"`` unless another language is clearly evident."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample)
    if sum(len(word.encode()) for word in words) < MIN_LETTER_BYTES:
        return ENGLISH
    if sum(word.lower() in _FUNCTION_WORDS for word in words) >= FUNCTION_WORD_SHARE * len(words):
        return ENGLISH
    language, probability = _identifier().classify(sample)
    if language != ENGLISH and probability >= MIN_CONFIDENCE:
        return language
    return ENGLISH
