"""Import actor dictionaries in the TABARI / PETRARCH text format.

Users of the CAMEO world have years of curated dictionaries in this format::

    # comment
    IRAN_ [IRN]
    +ISLAMIC_REPUBLIC_OF_IRAN_
    MAHMOUD_AHMADINEJAD_ [IRNGOV 050803-130803]
    +AHMADINEJAD_
    ALI_LARIJANI_
    [IRNGOV >20000218]
    [IRNLEG 080528-200527]

A name line holds words joined by ``_``; ``+`` lines are synonyms; codes stand in brackets after
the name or on following lines. A code is a country (or IGO, NGO, IMG) and optionally a sector
(``IRNGOV``); a date restriction is ``>DATE`` (from), ``<DATE`` (until) or ``DATE-DATE``, with
dates as YYMMDD or YYYYMMDD. This module turns such a file into the gazetteer's own data shape:
entries with dated codes become people with terms, the others named actors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_CODE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*([<>]?\d{6,8}(?:-\d{6,8})?|\d{6,8}-)?\s*\]")


def read_tabari(text: str) -> dict[str, Any]:
    """Gazetteer data (``actors`` and ``people`` keys) from a TABARI/PETRARCH dictionary text."""
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("+") and current is not None:
            current["aliases"].append(_words(line[1:].split("[", 1)[0]))
        elif line.startswith("[") and current is not None:
            current["codes"].extend(_codes(line))
        else:
            current = {"name": _words(line.split("[", 1)[0]), "aliases": [], "codes": _codes(line)}
            entries.append(current)
    return _as_gazetteer([e for e in entries if e["codes"] and e["name"]])


def _as_gazetteer(entries: list[dict[str, Any]]) -> dict[str, Any]:
    actors, people = [], []
    for entry in entries:
        names = _variants([entry["name"], *entry["aliases"]])
        first = entry["codes"][0]
        if any(code["start"] or code["end"] for code in entry["codes"]):
            people.append({"name": entry["name"], "country": first["country"], "aliases": names[1:],
                           "roles": [{"role": "office", "country": c["country"], "sector": c["sector"],
                                      "start": c["start"], "end": c["end"]} for c in entry["codes"]]})
        else:
            actors.append({"name": entry["name"], "country": first["country"], "sector": first["sector"],
                           "aliases": names[1:], "id": None})
    return {"actors": actors, "people": people}


def _codes(line: str) -> list[dict[str, Any]]:
    found = []
    for country, sector, restriction in _CODE.findall(line):
        start = end = None
        if restriction.startswith(">"):
            start = _day(restriction[1:])
        elif restriction.startswith("<"):
            end = _day(restriction[1:])
        elif "-" in restriction:
            first, _, last = restriction.partition("-")
            start, end = _day(first), _day(last) if last else None
        found.append({"country": country, "sector": sector or None, "start": start, "end": end})
    return found


def _words(text: str) -> str:
    """``ISLAMIC_REPUBLIC_OF_IRAN_`` -> ``Islamic Republic of Iran`` (news capitalisation)."""
    words = [w for w in text.strip().split("_") if w]
    small = {"of", "the", "and", "for", "al", "de", "bin", "ibn"}
    return " ".join(w.lower() if i and w.lower() in small else "-".join(p.capitalize() for p in w.split("-"))
                    for i, w in enumerate(words))


def _variants(names: list[str]) -> list[str]:
    """Short one-word names may be acronyms ("NATO", "IRGC"): keep an upper-case variant too."""
    extra = [n.upper() for n in names if " " not in n and len(n) <= 5 and n.upper() != n]
    return names + extra


def _day(text: str) -> date | None:
    if not text:
        return None
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year < 50 else 1900
        return date(year, int(text[2:4]), int(text[4:6]))
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
