"""Writing events out: JSONL (the full contract), CSV (one flat row per event) and a text table.

The analysis views (:mod:`realpolitik.analysis`) are written by the second half of this module: any
DataFrame as a table, CSV, JSONL or JSON; GDELT-style tab-separated rows; Parquet; and the actor network
as GraphML or GEXF for Gephi.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from realpolitik.model import Entity, Event

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

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


# -- analysis views ------------------------------------------------------------------------------

#: Formats :func:`write_frame` writes.
FRAME_FORMATS = ("table", "csv", "jsonl", "json")
#: Formats :func:`write_graph` writes.
GRAPH_FORMATS = ("graphml", "gexf")

#: The GDELT 1.0 event columns that realpolitik fills, in GDELT's order, then realpolitik's own columns.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "SOURCEURL",
    "DatePrecision", "PloverType", "PloverMode", "Intensity", "StoryID", "DocID", "SentenceIndex",
)

_TABLE_CELL = 60


def write_frame(frame: pd.DataFrame, fmt: str, out: TextIO) -> int:
    """Write a view as an aligned text table, CSV, JSON lines or one JSON array; returns the row count."""
    match fmt:
        case "table":
            if frame.empty:
                out.write("(nothing matches)\n")
            else:
                cells = frame.map(lambda v: v[:_TABLE_CELL - 3] + "..." if isinstance(v, str) and len(v) > _TABLE_CELL
                                  else v)
                out.write(cells.to_string(index=False, na_rep="") + "\n")
        case "csv":
            frame.to_csv(out, index=False, lineterminator="\n")
        case "jsonl":
            for record in _records(frame):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        case "json":
            out.write(json.dumps(_records(frame), ensure_ascii=False, indent=2) + "\n")
        case _:
            raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FRAME_FORMATS)}")
    return len(frame)


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as plain JSON-ready dicts: numpy numbers become Python ones and missing values null."""
    return json.loads(frame.to_json(orient="records", force_ascii=False))


def write_gdelt(rows: pd.DataFrame, out: TextIO) -> int:
    """GDELT-style tab-separated rows with a header line: the columns of :data:`GDELT_COLUMNS`.

    ``rows`` must have those columns (:func:`realpolitik.analysis.exports.gdelt_rows` builds them). GDELT
    readers that index columns by name find theirs; realpolitik's extra columns come last.
    """
    rows[list(GDELT_COLUMNS)].to_csv(out, sep="\t", index=False, lineterminator="\n", na_rep="")
    return len(rows)


def write_parquet(frame: pd.DataFrame, path: str | Path | BinaryIO) -> int:
    """A Parquet file through pyarrow; tuple columns (actor lists) become list columns."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    listed = frame.map(lambda v: list(v) if isinstance(v, tuple) else v)
    pq.write_table(pa.Table.from_pandas(listed, preserve_index=False), path)
    return len(frame)


def write_graph(graph: nx.Graph, fmt: str, path: str | Path | BinaryIO) -> int:
    """The actor network as GraphML or GEXF for Gephi; returns the number of edges.

    Gephi sizes edges by ``weight`` and its layouts cannot use negative weights, so in the file ``weight``
    is the strength of a tie (the absolute net score), ``net`` keeps the signed score and ``sign`` is +1
    for a cooperative tie, -1 for a conflictual one. Missing attributes are left out (both formats
    reject null values).
    """
    import networkx as nx

    written = graph.copy()
    ties = [tie for *_, tie in written.edges(data=True)]
    for tie in ties:
        net = float(tie.get("weight", 0.0))
        tie.update(weight=abs(net), net=net, sign=(net > 0) - (net < 0))
    for attributes in [*(node for _, node in written.nodes(data=True)), *ties]:
        for key in [k for k, v in attributes.items() if v is None]:
            del attributes[key]
    match fmt:
        case "graphml":
            nx.write_graphml(written, path)
        case "gexf":
            nx.write_gexf(written, path)
        case _:
            raise ValueError(f"unknown graph format {fmt!r}; expected one of {', '.join(GRAPH_FORMATS)}")
    return written.number_of_edges()
