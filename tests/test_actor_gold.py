"""The actor gold set (tests/gold/actors.jsonl, described in tests/gold/ACTORS.md).

Each line is a short phrase, a date and what a careful analyst says the phrase names on that date. The
phrases are resolved with ``realpolitik.actor`` and scored as a whole: the test asks for an overall
accuracy of at least ``THRESHOLD`` and prints the accuracy per category and every wrong line, so a failing
run says exactly which phrases the resolver or the gazetteer gets wrong.

A line is right when
  * it is a negative (country, sector and person all null) and the resolver returns None, or
  * the resolver returns an entity whose country and sector equal the expected ones (null = None) and,
    when ``person`` is given, whose name equals it.

Run ``pytest tests/test_actor_gold.py -s`` to see the report on a passing run too.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import realpolitik

GOLD = Path(__file__).resolve().parent / "gold" / "actors.jsonl"
THRESHOLD = 0.9
KEYS = {"text", "date", "country", "sector", "person"}
OPTIONAL = {"category", "note"}
CODE = re.compile(r"^[A-Z0-9]{3}$")


def load_gold() -> list[dict]:
    rows = []
    with GOLD.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                row = json.loads(line)
                row["line"] = number
                rows.append(row)
    return rows


def is_negative(row: dict) -> bool:
    return row["country"] is None and row["sector"] is None and row["person"] is None


def judge(row: dict, found: dict | None) -> bool:
    """Whether the resolver's answer for one gold line is right."""
    if is_negative(row):
        return found is None
    if found is None:
        return False
    if found["country"] != row["country"] or found["sector"] != row["sector"]:
        return False
    return not row["person"] or found["name"] == row["person"]


def describe(row: dict, found: dict | None) -> str:
    expected = f"{row['country']} {row['sector']}" + (f" {row['person']}" if row["person"] else "")
    if found is None:
        got = "None"
    else:
        got = f"{found['country']} {found['sector']} {found['name']!r} (kind={found['kind']}, role={found['role']})"
    return f"  line {row['line']:>3} [{row.get('category', '?')}] {row['text']!r} @ {row['date']}: " \
           f"expected {expected}; got {got}"


def test_gold_file_is_well_formed():
    rows = load_gold()
    assert len(rows) >= 280
    for row in rows:
        keys = set(row) - {"line"}
        assert KEYS <= keys <= KEYS | OPTIONAL, (row["line"], sorted(keys))
        date.fromisoformat(row["date"])
        assert row["text"] and row["text"] == row["text"].strip(), row["line"]
        assert row["country"] is None or CODE.match(row["country"]), row["line"]
        assert row["sector"] is None or CODE.match(row["sector"]), row["line"]
    pairs = Counter((row["text"], row["date"]) for row in rows)
    assert not [pair for pair, count in pairs.items() if count > 1], "a phrase is listed twice on one date"
    assert sum(is_negative(row) for row in rows) >= 25


def test_actor_gold_accuracy():
    rows = load_gold()
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong = []
    for row in rows:
        found = realpolitik.actor(row["text"], row["date"])
        category = row.get("category", "?")
        total[category] += 1
        if judge(row, found):
            right[category] += 1
        else:
            wrong.append(describe(row, found))

    accuracy = sum(right.values()) / len(rows)
    lines = [f"actor gold accuracy: {sum(right.values())}/{len(rows)} = {accuracy:.3f} (threshold {THRESHOLD})"]
    lines += [f"  {category:<11} {right[category]:>3}/{total[category]:<3}" for category in sorted(total)]
    if wrong:
        lines.append(f"{len(wrong)} wrong lines:")
        lines += wrong
    report = "\n".join(lines)
    print(report)
    assert accuracy >= THRESHOLD, report
