"""What happened: the lexicon (knowledge), the extractor (patterns over the parse), modality
(negated, hypothetical, future), contexts from keywords, and PLOVER/CAMEO scores."""

from realpolitik.events.extract import Candidate, Extractor
from realpolitik.events.lexicon import Entry, Lexicon

__all__ = ["Candidate", "Entry", "Extractor", "Lexicon"]
