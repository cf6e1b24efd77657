"""Timelines: what an actor, or a pair of actors, did, in the order it happened.

Events are ordered by their own dates, not by when they were reported, so a 1979 revolution recalled in a
2024 article sits in 1979 (and is marked ``historical``). Events the text does not date cannot be placed:
they are listed apart, after the dated ones, with ``section`` "undated". Flagged events (negated,
hypothetical, future) are listed too, with the reason in ``flags``: a timeline is for reading, and
leaving out "Iran denied attacking" would hide part of the record.

This is also the drill-down of the other views: the rows name the document and sentence of each event.
"""

from __future__ import annotations

import pandas as pd

from realpolitik.analysis.dyads import pairs
from realpolitik.analysis.frame import Count, Filter, involving
from realpolitik.analysis.stories import by_date, mention_rows, mentions, story_rows
from realpolitik.store import Store


def timeline(store: Store, actor: str, other: str | None = None, where: Filter | None = None, *,
             count: Count = "stories", directed: bool = False) -> pd.DataFrame:
    """Events of ``actor`` (its key or any entity of that country), or of the dyad ``actor``-``other``,
    among those ``where`` selects.

    For a dyad, ``directed`` keeps only ``actor`` acting on ``other``; otherwise both directions.
    ``count="stories"`` gives one row per story, ``"mentions"`` one per report.
    """
    frame = involving(mentions(store, where, count), (actor,))
    if other is not None:
        expanded = pairs(frame, directed)
        wanted = {(actor, other)} if directed else {(min(actor, other), max(actor, other))}
        hits = {event for event, a, b in zip(expanded["event_id"], expanded["a"], expanded["b"], strict=True)
                if (a, b) in wanted}
        frame = frame[frame["event_id"].isin(hits)]
    table = story_rows(frame) if count == "stories" else mention_rows(frame)
    table = by_date(table)
    table.insert(0, "section", ["undated" if pd.isna(value) else "dated" for value in table["date"]])
    return table
