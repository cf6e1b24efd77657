"""Stories: the mentions of one real event, across sentences and documents, grouped together.

A treaty reported by ten articles is ten event mentions but one event. Every view can count either;
this module decides which mentions belong together and keeps the answer in the table
``stories(event_id, story_id)`` of the database (created with the others, see :mod:`realpolitik.store.schema`).

How mentions are grouped, in plain words:

1. Mentions are taken from the most precisely dated to the least (a day before a month before a year,
   undated last), those that name a recipient before those that do not.
2. Each mention joins the first story whose *anchor* (the story's first mention, so its most precise
   one) it matches; if it matches none it becomes the anchor of a new story. Comparing with the anchor
   only, never with the story's other members, stops chains from gluing unrelated events together.
3. A mention matches an anchor when all of these hold:

   - the same modality: a denied or hypothetical attack is never the same story as a real one;
   - the same type, or two near types of one quad class that reports mix up for one event
     (:data:`NEAR_TYPES`);
   - compatible parties: for directed types the actors overlap and so do the recipients, where both
     mentions name them, and at least one side overlaps; for types that actors do together
     (agree, consult, cooperate) the sets of all parties share two members, or one when either
     mention names only one party, so "Iran and Russia signed" matches "Russia signed with Iran";
   - compatible dates: both dated and the periods overlap, so the same day, or a day inside the
     month or year the other gives (the coarser precision decides), or both undated and reported
     by the same document or by documents published at most ``window_days`` apart.

The story's id is its anchor's event id, so it is stable while the anchor is stored.

The table is filled by :func:`assign_stories` and refreshed by :func:`ensure_stories` whenever an event
has no story yet or a story's anchor has gone (a document was replaced): views always see current
stories without anyone having to remember to rebuild them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from realpolitik.analysis.frame import (
    SYMMETRIC_TYPES,
    Count,
    Filter,
    date_span,
    joined,
    read_events,
    within,
)
from realpolitik.store import Store

#: Pairs of types of one quad class that reports of one event mix up.
NEAR_TYPES: tuple[frozenset[str], ...] = (
    frozenset({"AGREE", "SUPPORT"}),        # "agreed to" and "backed" the same ceasefire
    frozenset({"ACCUSE", "THREATEN"}),      # a warning read as a threat or as a condemnation
    frozenset({"COOPERATE", "AID"}),        # military cooperation and military aid
    frozenset({"SANCTION", "COERCE"}),      # sanctions and restrictions
    frozenset({"ASSAULT", "COERCE"}),       # a seizure by force, a raid
)

#: Undated mentions in documents published this many days apart can still be one story.
DEFAULT_WINDOW_DAYS = 3

_PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "decade": 4}


@dataclass(frozen=True)
class _Mention:
    """What the grouping needs to know about one event mention."""

    event_id: int
    doc_id: str
    published: date | None
    type: str
    quad_class: int
    modality: tuple[bool, bool, bool]
    actors: frozenset[str]
    recipients: frozenset[str]
    span: tuple[date, date] | None
    precision: int

    @property
    def parties(self) -> frozenset[str]:
        return self.actors | self.recipients

    def buckets(self) -> set[tuple]:
        """Index keys that any matching anchor shares: a party, the quad class (near types share one) and a
        month the date covers, or None for undated mentions."""
        if self.span is None:
            months: list[int | None] = [None]
        else:
            first, last = (day.year * 12 + day.month - 1 for day in self.span)
            months = list(range(first, last + 1))
        return {(party, self.quad_class, month) for party in self.parties for month in months}

    def matches(self, anchor: _Mention, window_days: int) -> bool:
        return (self.modality == anchor.modality and _near(self.type, anchor.type)
                and self._parties_match(anchor) and self._dates_match(anchor, window_days))

    def _parties_match(self, anchor: _Mention) -> bool:
        if self.type in SYMMETRIC_TYPES or anchor.type in SYMMETRIC_TYPES:
            mine, theirs = self.parties, anchor.parties
            return len(mine & theirs) >= max(1, min(2, len(mine), len(theirs)))
        shared = False
        for mine, theirs in ((self.actors, anchor.actors), (self.recipients, anchor.recipients)):
            if mine and theirs:
                if not mine & theirs:
                    return False
                shared = True
        return shared

    def _dates_match(self, anchor: _Mention, window_days: int) -> bool:
        if self.span and anchor.span:
            return self.span[0] <= anchor.span[1] and anchor.span[0] <= self.span[1]
        if self.span or anchor.span:
            return False
        if self.doc_id == anchor.doc_id:
            return True
        return (self.published is not None and anchor.published is not None
                and abs((self.published - anchor.published).days) <= window_days)


def _near(first: str, second: str) -> bool:
    return first == second or any(first in pair and second in pair for pair in NEAR_TYPES)


def assign_stories(store: Store, *, window_days: int = DEFAULT_WINDOW_DAYS) -> int:
    """Group every stored event mention into stories and rewrite the ``stories`` table; returns the count."""
    mentions = sorted((_mention(row) for row in read_events(store).itertuples(index=False)), key=_anchor_order)
    anchors: list[_Mention] = []
    index: dict[tuple, list[int]] = {}  # only anchors sharing a bucket can match: the others are never tried
    rows: list[tuple[int, int]] = []
    for mention in mentions:
        buckets = mention.buckets()
        candidates = sorted({i for bucket in buckets for i in index.get(bucket, ())})
        anchor = next((anchors[i] for i in candidates if mention.matches(anchors[i], window_days)), None)
        if anchor is None:
            anchor = mention
            for bucket in buckets:
                index.setdefault(bucket, []).append(len(anchors))
            anchors.append(mention)
        rows.append((mention.event_id, anchor.event_id))
    with store.db.transaction() as db:
        db.execute("DELETE FROM stories")
        db.executemany("INSERT INTO stories (event_id, story_id) VALUES (?, ?)", rows)
    return len(anchors)


def ensure_stories(store: Store) -> None:
    """Rebuild the stories table when it is missing or out of date with the stored events."""
    stale = store.db.one(
        "SELECT 1 FROM events e LEFT JOIN stories s ON s.event_id = e.id WHERE s.event_id IS NULL"
        " UNION ALL SELECT 1 FROM stories s LEFT JOIN events e ON e.id = s.story_id WHERE e.id IS NULL"
        " LIMIT 1")
    if stale:
        assign_stories(store)


def _mention(row: tuple) -> _Mention:
    published = date.fromisoformat(row.published) if isinstance(row.published, str) and row.published else None
    span = date_span(row.date, row.date_precision)
    return _Mention(
        event_id=int(row.event_id), doc_id=row.doc_id, published=published, type=row.type,
        quad_class=int(row.quad_class),
        modality=(bool(row.negated), bool(row.hypothetical), bool(row.future)),
        actors=frozenset(row.actors), recipients=frozenset(row.recipients), span=span,
        precision=_PRECISION_ORDER.get(row.date_precision, 5) if span else 5)


def _anchor_order(mention: _Mention) -> tuple:
    """Most precise date first, then mentions naming a recipient, then earliest published."""
    return (mention.precision, not mention.recipients, mention.published or date.max, mention.doc_id,
            mention.event_id)


def mentions(store: Store, where: Filter | None = None, count: Count = "stories") -> pd.DataFrame:
    """Event mentions that pass ``where``, each with its ``story_id``; what every view starts from.

    When counting stories, ``date`` and ``date_precision`` are the story's (its anchor's), so a story is
    placed in time, and kept or dropped by ``since``/``until``, once, wherever its reports put it; the
    mention's own date stays in ``mention_date`` and ``mention_precision``.
    """
    where = where or Filter()
    ensure_stories(store)
    frame = read_events(store, where)
    stories = store.db.frame(
        "SELECT s.event_id, s.story_id, a.date AS story_date, a.date_precision AS story_precision"
        " FROM stories s JOIN events a ON a.id = s.story_id")
    frame = frame.merge(stories, on="event_id", how="left")
    frame["mention_date"], frame["mention_precision"] = frame["date"], frame["date_precision"]
    if count == "stories":
        frame["date"] = frame["story_date"]
        frame["date_precision"] = frame["story_precision"]
    return within(frame.drop(columns=["story_date", "story_precision"]), where.since, where.until)


def stories(store: Store, where: Filter | None = None, count: Count = "stories") -> pd.DataFrame:
    """The stories behind the events that pass ``where``, with how many mentions, documents and sources.

    ``count="stories"`` gives one row per story (see :func:`story_rows`); ``count="mentions"`` lists the
    mentions themselves, grouped by story, to see exactly which reports were merged.
    """
    frame = mentions(store, where, count)
    if count == "mentions":
        return mention_rows(frame.sort_values(["story_id", "published", "doc_id", "sentence_idx", "event_id"]))
    return by_date(story_rows(frame))


#: Columns of :func:`story_rows` and :func:`mention_rows`, in order.
STORY_COLUMNS = ("story_id", "date", "date_precision", "historical", "type", "mode", "actors", "recipients",
                 "intensity", "flags", "mentions", "documents", "sources", "source_names", "doc_id",
                 "sentence_idx", "sentence")
MENTION_COLUMNS = ("story_id", "event_id", "date", "date_precision", "historical", "type", "mode", "actors",
                   "recipients", "intensity", "flags", "source", "doc_id", "sentence_idx", "trigger", "sentence")


def representatives(frame: pd.DataFrame, count: Count) -> pd.DataFrame:
    """One row per counted unit of a mention frame, with ``mentions``, ``documents``, ``sources`` counts.

    Counting mentions, every row stands for itself. Counting stories, a story is described by its anchor
    (or, when the filter dropped the anchor, by its first mention in the frame), with the mean intensity
    of its mentions, every actor and recipient any of them names, and ``source_names`` listing its sources.
    """
    if count == "mentions":
        named = frame["source"].map(lambda s: s if isinstance(s, str) and s else "")
        return frame.assign(mentions=1, documents=1, sources=(named != "").astype(int), source_names=named)
    first = frame.assign(_other=frame["event_id"] != frame["story_id"]).sort_values("_other", kind="stable")
    first = first.drop_duplicates("story_id").drop(columns="_other").set_index("story_id", drop=False)
    stats = frame.groupby("story_id", sort=False).agg(
        actors=("actors", _union), recipients=("recipients", _union), intensity=("intensity", "mean"),
        mentions=("event_id", "size"), documents=("doc_id", "nunique"), sources=("source", "nunique"),
        source_names=("source", _source_names))
    out = first.loc[stats.index].drop(columns=["actors", "recipients", "intensity"]).join(stats)
    out["intensity"] = out["intensity"].round(2)
    return out.reset_index(drop=True)[[*frame.columns, "mentions", "documents", "sources", "source_names"]]


def _source_names(sources: pd.Series) -> str:
    return "; ".join(sorted({s for s in sources if isinstance(s, str) and s}))


def story_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per story of a mention frame (see :func:`representatives`), as the story views show it.

    ``doc_id`` and ``sentence_idx`` point at the sentence of the mention that describes the story.
    """
    out = representatives(frame, "stories")
    return _tabled(out)[list(STORY_COLUMNS)].reset_index(drop=True)


def mention_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The mentions of a frame as a table, in the frame's order, each with its own date and story."""
    own = frame.assign(date=frame["mention_date"], date_precision=frame["mention_precision"])
    return _tabled(own)[list(MENTION_COLUMNS)].reset_index(drop=True)


def _tabled(frame: pd.DataFrame) -> pd.DataFrame:
    """Party tuples as "USA;FRA" cells and the modality flags as one ``flags`` cell, for display."""
    names = ("negated", "hypothetical", "future")
    flags = [",".join(n for n, on in zip(names, row, strict=True) if on)
             for row in zip(*(frame[n] for n in names), strict=True)]
    return frame.assign(actors=frame["actors"].map(joined), recipients=frame["recipients"].map(joined), flags=flags)


def by_date(table: pd.DataFrame) -> pd.DataFrame:
    """Rows in the order of their own dates (historical events in their own time), undated ones last."""
    undated = table["date"].isna()
    order = table.assign(_undated=undated).sort_values(["_undated", "date", "story_id"], kind="stable")
    return order.drop(columns="_undated").reset_index(drop=True)


def _union(groups: pd.Series) -> tuple[str, ...]:
    found: list[str] = []
    for keys in groups:
        found.extend(k for k in keys if k not in found)
    return tuple(found)
