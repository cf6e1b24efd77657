"""Cutting long texts into parts the parser accepts, without losing or moving a character.

spaCy refuses texts longer than ``nlp.max_length`` (1,000,000 characters) and needs about a gigabyte
of memory per 100,000 characters for the parser and entity recogniser, so a very long document (a
report, a transcript, a whole book pasted into one file) is parsed in parts. The parts concatenate
back to the exact text, so character offsets found in a part become document offsets by adding the
part's start. Cuts fall on the strongest boundary available inside the limit: a paragraph break,
else a line break, else the end of a sentence, else a space; only a text with no space at all is cut
mid-word.
"""

from __future__ import annotations

import re

#: A part size that keeps spaCy's memory use around a gigabyte; well under ``nlp.max_length``.
PARSER_LIMIT = 100_000

# Boundaries from strongest to weakest; a cut is made just after the match.
_BOUNDARIES = (
    re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*"),
    re.compile(r"\n"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def split_for_parser(text: str, limit: int = PARSER_LIMIT) -> list[str]:
    """Parts of at most ``limit`` characters whose concatenation is ``text``; ``[text]`` when it fits.

    The empty text is one empty part, so callers can always parse ``parts[0]``.
    """
    if limit < 1:
        raise ValueError(f"limit must be positive, got {limit}")
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        cut = _cut(text, start, start + limit)
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


def part_offsets(parts: list[str]) -> list[int]:
    """Where each part starts in the original text: add it to offsets found within the part."""
    offsets, position = [], 0
    for part in parts:
        offsets.append(position)
        position += len(part)
    return offsets


def _cut(text: str, start: int, end: int) -> int:
    """The position after the last, strongest boundary in ``text[start:end]``; ``end`` when there is none.

    A boundary whose whitespace runs past ``end`` is cut at ``end``, inside the whitespace: the next
    part then starts with a few spaces, which the parser ignores.
    """
    window = text[start:end]
    for boundary in _BOUNDARIES:
        matches = list(boundary.finditer(window))
        if matches:
            return start + matches[-1].end()
    return end
