"""Writing events out: JSONL (the full contract), CSV (one flat row per event) and a text table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from realpolitik.model import Entity, Event

#: CSV columns, in order. Participant lists are joined with ";" (codes) and "; " (names).
CSV_COLUMNS = (
    "doc_id", "sentence_index", "date", "date_precision", "type", "mode", "actor", "actor_names",
    "recipient", "recipient_names", "trigger", "negated", "hypothetical", "future", "historical",
    "intensity", "quad_class", "cameo_root", "cameo_code", "goldstein", "context", "confidence",
    "rule", "sentence",
)


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """One JSON object per event: exactly ``Event.to_dict()`` (the README's output contract)."""
    count = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_row(event: Event) -> dict[str, object]:
    return {
        "doc_id": event.doc_id, "sentence_index": event.sentence_index, "date": event.date or "",
        "date_precision": event.date_precision, "type": event.type, "mode": event.mode,
        "actor": ";".join(event.actor_codes()), "actor_names": "; ".join(e.name for e in event.actor),
        "recipient": ";".join(event.recipient_codes()),
        "recipient_names": "; ".join(e.name for e in event.recipient),
        "trigger": event.trigger.text, "negated": int(event.negated), "hypothetical": int(event.hypothetical),
        "future": int(event.future), "historical": int(event.historical), "intensity": event.intensity,
        "quad_class": event.quad_class, "cameo_root": event.cameo_root, "cameo_code": event.cameo_code,
        "goldstein": event.goldstein, "context": ";".join(event.context), "confidence": event.confidence,
        "rule": event.rule, "sentence": event.sentence,
    }


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for event in events:
        writer.writerow(csv_row(event))
        count += 1
    return count


def write_table(events: Iterable[Event], out: TextIO) -> int:
    """A readable table for the terminal: date, type, who, to whom, trigger, flags."""
    rows = [("date", "type", "actor", "recipient", "trigger", "flags", "where")]
    for event in events:
        flags = ",".join(f for f, on in (("neg", event.negated), ("hyp", event.hypothetical),
                                         ("fut", event.future), ("hist", event.historical)) if on)
        rows.append((event.date or "?", f"{event.type}{'/' + event.mode if event.mode else ''}",
                     _names(event.actor), _names(event.recipient), event.trigger.text, flags,
                     f"{event.doc_id}:{event.sentence_index}"))
    widths = [min(max(len(r[i]) for r in rows), 40) for i in range(len(rows[0]))]
    for row in rows:
        out.write("  ".join(cell[:40].ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() + "\n")
    return len(rows) - 1


def _names(entities: list[Entity]) -> str:
    return " + ".join(f"{e.country or '?'}{'/' + e.sector if e.sector else ''}" for e in entities) or "-"


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "table": write_table}
