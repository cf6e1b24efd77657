"""``realpolitik export``: the filtered events, or the network they form, in a format other tools read.

- ``jsonl`` and ``csv``: the events themselves, exactly as ``realpolitik events`` writes them;
- ``gdelt``: GDELT-style tab-separated rows, one per actor-recipient pair of each factual event, with the
  CAMEO codes, Goldstein score and quad class, and GDELT's mention, source and article counts;
- ``parquet``: one flat row per event (lists of actor keys as list columns) with the whole event nested in
  its ``event`` column, through pyarrow; :func:`import_parquet` loads such a file into another store;
- ``graphml`` and ``gexf``: the signed actor network with each actor's bloc, for Gephi.

Counting stories, each story is exported once, as the mention that describes it; the default for export
is every mention, since an export is the raw material of someone else's analysis.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
import pandas as pd

from realpolitik.analysis.frame import Count, Filter, date_span
from realpolitik.analysis.network import network, partition
from realpolitik.analysis.stories import mentions, representatives
from realpolitik.export import GDELT_COLUMNS, WRITERS, write_gdelt, write_graph, write_parquet
from realpolitik.model import Document, Event, Sentence
from realpolitik.pipeline import CodedDocument
from realpolitik.store import Store

#: Formats of :func:`export`.
EXPORT_FORMATS = ("jsonl", "csv", "gdelt", "parquet", "graphml", "gexf")
#: Formats that need a file to write to.
FILE_FORMATS = ("parquet", "graphml", "gexf")

#: Columns of :func:`event_rows`.
EVENT_COLUMNS = (
    "event_id", "story_id", "doc_id", "sentence_idx", "source", "published", "url", "date", "date_precision",
    "historical", "type", "mode", "quad_class", "intensity", "goldstein", "cameo_root", "cameo_code", "factual",
    "negated", "hypothetical", "future", "actors", "recipients", "mentions", "documents", "sources", "trigger",
    "trigger_start", "sentence", "sentence_start", "event",
)
#: The columns :func:`import_parquet` reads; ``event`` holds what the JSON output contract holds, less the
#: document, sentence and index that the flat columns carry.
IMPORT_COLUMNS = ("doc_id", "sentence_idx", "sentence", "sentence_start", "source", "published", "url", "event")
#: Keys of :meth:`Event.to_dict` that are flat columns of an export rather than part of ``event``.
_FLAT_KEYS = ("doc_id", "sentence_index", "sentence")


def export(store: Store, fmt: str, out: str | Path | None = None, where: Filter | None = None, *,
           count: Count = "mentions", min_events: int = 1) -> int:
    """Write what ``where`` selects in ``fmt`` to the file ``out`` (standard output for text formats when
    None); returns the number of events, rows or edges written."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
    if fmt in FILE_FORMATS and out is None:
        raise ValueError(f"{fmt} needs a file to write to")
    if fmt == "parquet":
        return write_parquet(event_rows(store, where, count), out)
    if fmt in ("graphml", "gexf"):
        return write_graph(bloc_network(store, where, count, min_events), fmt, out)
    if out is None:
        return _write_text(store, fmt, sys.stdout, where, count)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        return _write_text(store, fmt, handle, where, count)


def _write_text(store: Store, fmt: str, handle: TextIO, where: Filter | None, count: Count) -> int:
    if fmt == "gdelt":
        return write_gdelt(gdelt_rows(store, where, count), handle)
    return WRITERS[fmt](selected_events(store, where, count), handle)


def event_rows(store: Store, where: Filter | None = None, count: Count = "mentions") -> pd.DataFrame:
    """One flat row per exported event (per story when counting stories), for Parquet and DataFrame users.

    The flat columns are what analysis needs (a story's mean intensity, the actor keys of the views); the
    ``event`` column keeps the stored mention itself, every field of the output contract, so that
    :func:`import_parquet` can rebuild it exactly.
    """
    rows = representatives(mentions(store, where, count), count).reset_index(drop=True)
    stored = dict(store.numbered_events())
    rows["event"] = [{key: value for key, value in stored[int(i)].to_dict().items() if key not in _FLAT_KEYS}
                     for i in rows["event_id"]]
    return rows[list(EVENT_COLUMNS)]


def selected_events(store: Store, where: Filter | None = None, count: Count = "mentions") -> list[Event]:
    """The stored :class:`~realpolitik.model.Event` objects of the exported rows, in store order."""
    wanted = set(representatives(mentions(store, where, count), count)["event_id"])
    return [event for event_id, event in store.numbered_events() if event_id in wanted]


def import_parquet(store: Store, path: str | Path) -> int:
    """Load the events of a Parquet file written by ``export(..., "parquet")`` into ``store``; returns how
    many were new.

    Importing is idempotent: an event is skipped when the store has one in the same document and sentence
    with the same trigger start and type, so a file can be imported twice, or into the store it came from.
    A document the store lacks is created as a stub whose text holds the exported sentences at their own
    offsets (spaces between), so every character span still points at its words; ingesting the article
    itself under the same id later replaces the stub (see :meth:`Store.merge`).
    """
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    missing = sorted(set(IMPORT_COLUMNS) - set(table.column_names))
    if missing:
        raise ValueError(f"{path} has no column {', '.join(missing)}: not an event export of this realpolitik"
                         " (write it with `realpolitik export --format parquet`)")
    documents: dict[str, list[dict[str, Any]]] = {}
    for row in table.select(list(IMPORT_COLUMNS)).to_pylist():
        documents.setdefault(row["doc_id"], []).append(row)
    return sum(store.merge(_coded_document(doc_id, rows)) for doc_id, rows in documents.items())


def _coded_document(doc_id: str, rows: list[dict[str, Any]]) -> CodedDocument:
    """The document (a stub), sentences and events that the exported rows of one document describe."""
    sentences = {int(row["sentence_idx"]): _sentence(row) for row in rows}
    first = rows[0]
    published = date.fromisoformat(first["published"]) if first["published"] else None
    document = Document(doc_id, _stub_text(sentences.values()), source=first["source"], published=published,
                        url=first["url"])
    events = [Event.from_dict({**row["event"], "doc_id": doc_id, "sentence_index": int(row["sentence_idx"]),
                               "sentence": row["sentence"]}) for row in rows]
    return CodedDocument(document, sorted(sentences.values(), key=lambda s: s.index), [], events)


def _sentence(row: dict[str, Any]) -> Sentence:
    start = int(row["sentence_start"])
    return Sentence(int(row["sentence_idx"]), row["sentence"], start, start + len(row["sentence"]), paragraph=0)


def _stub_text(sentences: Iterable[Sentence]) -> str:
    """Sentences at their offsets in the document, the gaps filled with spaces."""
    text = ""
    for sentence in sorted(sentences, key=lambda s: s.start):
        text = text.ljust(sentence.start) + sentence.text
    return text


def gdelt_rows(store: Store, where: Filter | None = None, count: Count = "stories") -> pd.DataFrame:
    """GDELT-style rows (see :data:`realpolitik.export.GDELT_COLUMNS`) for the factual events selected.

    One row per actor-recipient pair of an event (GDELT's rows are dyadic), or one row with an empty
    Actor2 when the event has no recipient. Actor codes follow CAMEO's habit of country plus sector
    ("IRNMIL"). SQLDATE is the first day of the event's date; DatePrecision says how much of it is known.
    """
    frame = mentions(store, where, count)
    units = representatives(frame[frame["factual"]], count)
    people = store.db.frame("SELECT event_id, role, name, country, sector FROM participants"
                            " ORDER BY event_id, role, position")
    people = people[people["event_id"].isin(set(units["event_id"]))]
    sides: dict[tuple[int, str], list[dict]] = {}
    for person in people.to_dict("records"):
        sides.setdefault((person["event_id"], person["role"]), []).append(person)
    rows = []
    for unit in units.to_dict("records"):
        recipients = sides.get((unit["event_id"], "recipient")) or [None]
        for actor in sides.get((unit["event_id"], "actor")) or [None]:
            for recipient in recipients:
                rows.append({**_gdelt_event(unit), **_gdelt_actor(1, actor), **_gdelt_actor(2, recipient)})
    return pd.DataFrame(rows, columns=list(GDELT_COLUMNS))


def _gdelt_event(unit: dict) -> dict:
    span = date_span(unit["date"], unit["date_precision"])
    first = span[0] if span else None
    code = str(unit["cameo_code"])
    return {
        "GLOBALEVENTID": int(unit["event_id"]),
        "SQLDATE": first.strftime("%Y%m%d") if first else "",
        "MonthYear": first.strftime("%Y%m") if first else "",
        "Year": first.year if first else "",
        "FractionDate": round(first.year + (first.timetuple().tm_yday - 1) / 365, 4) if first else "",
        "IsRootEvent": 1, "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": unit["cameo_root"],
        "QuadClass": int(unit["quad_class"]), "GoldsteinScale": float(unit["goldstein"]),
        "NumMentions": int(unit["mentions"]), "NumSources": int(unit["sources"]),
        "NumArticles": int(unit["documents"]), "SOURCEURL": unit["url"] or "",
        "DatePrecision": unit["date_precision"] if first else "unknown", "PloverType": unit["type"],
        "PloverMode": unit["mode"], "Intensity": float(unit["intensity"]), "StoryID": int(unit["story_id"]),
        "DocID": unit["doc_id"], "SentenceIndex": int(unit["sentence_idx"]),
    }


def _gdelt_actor(number: int, person: dict | None) -> dict:
    if person is None:
        return {f"Actor{number}Code": "", f"Actor{number}Name": "", f"Actor{number}CountryCode": ""}
    country = person["country"] if isinstance(person["country"], str) else ""
    sector = person["sector"] if isinstance(person["sector"], str) else ""
    return {f"Actor{number}Code": country + sector, f"Actor{number}Name": person["name"],
            f"Actor{number}CountryCode": country}


def bloc_network(store: Store, where: Filter | None = None, count: Count = "stories",
                 min_events: int = 1) -> nx.Graph:
    """The signed network with each actor's ``bloc`` as a node attribute, ready to colour in Gephi."""
    graph = network(store, where, count=count, min_events=min_events)
    nx.set_node_attributes(graph, partition(graph), "bloc")
    return graph
