"""The shared ground of every view: which events a filter keeps, who "an actor" is, which period a date is in.

Every view (stories, dyads, network, blocs, sources, timelines) reads events through this module, so they
all agree on three choices that would otherwise drift apart:

- **Actors.** At the default ``level="actor"`` an armed group, opposition movement, party or NGO that the
  gazetteer knows by id (Hezbollah, the Houthis) is an actor of its own, because it often acts against its
  home state; everything else (officials, ministries, armed forces, state bodies) folds into its country
  code. At ``level="country"`` everything folds into its country code.
- **Filters.** :class:`Filter` keeps events by date, source, type and actor. Dates are compared as periods:
  an event dated only "2013" passes ``since="2013-06-01"`` because its year reaches past that day; an
  undated event passes no date bound, since nothing says it falls inside it.
- **Periods.** A date falls into the month, quarter or year that contains it, unless the date is coarser
  than the period asked for: an event known only to the year is counted in the row for that year ("2013"),
  never pushed into January. Undated events fall into :data:`UNDATED`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

import pandas as pd

from realpolitik.store import Store

Count = Literal["stories", "mentions"]
Period = Literal["month", "quarter", "year"]
Level = Literal["actor", "country"]

COUNTS: tuple[str, ...] = ("stories", "mentions")
PERIODS: tuple[str, ...] = ("month", "quarter", "year")
LEVELS: tuple[str, ...] = ("actor", "country")

#: The period label of events the text does not date.
UNDATED = "undated"
#: The period label of every dated event when no period is asked for.
ALL_TIME = "all"

#: Sectors of organisations that act on their own account rather than as organs of a state.
OWN_ACTOR_SECTORS = frozenset({"REB", "OPP", "PTY", "NGO"})

#: Types whose actors act together: "Iran and Russia signed a pact" ties Iran and Russia to each other.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})

#: Quad class numbers and the column names the views give them.
QUADS: dict[int, str] = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}

# How fine each precision is; quarter sits between month and year.
_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "decade": 5}


@dataclass(frozen=True)
class Filter:
    """Which events a view looks at. Empty tuples mean "all"; ``actors`` match a key or a country code.

    ``actors=("LBN",)`` keeps events involving Lebanon or a Lebanese group such as Hezbollah, while
    ``actors=("HEZBOLLAH",)`` keeps only the group's.
    """

    since: str | None = None
    until: str | None = None
    sources: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    level: Level = "actor"


def actor_key(country: str | None, entity_id: str | None, sector: str | None, level: Level) -> str | None:
    """The node an entity counts as in the views (see the module docstring); None for unplaceable entities."""
    if level == "actor" and entity_id and sector in OWN_ACTOR_SECTORS and entity_id != country:
        return entity_id
    return country or (entity_id if level == "actor" else None)


def read_events(store: Store, where: Filter | None = None) -> pd.DataFrame:
    """One row per stored event that passes ``where``, with ``actors`` and ``recipients`` as tuples of keys.

    Also carries ``countries`` (every participant's country code), which the actor filter and callers
    that need country-level facts use.
    """
    where = where or Filter()
    clauses, params = _sql_filter(where)
    condition = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    frame = store.db.frame(
        "SELECT e.id AS event_id, e.doc_id, e.sentence_idx, e.trigger_start, d.source, d.published, e.type,"
        " e.mode, e.quad_class, e.intensity, e.factual, e.negated, e.hypothetical, e.future, e.historical,"
        " e.date, e.date_precision, e.cameo_root, e.cameo_code, e.goldstein, e.trigger_text AS trigger,"
        " d.url, t.text AS sentence, t.start_char AS sentence_start"
        " FROM events e JOIN documents d ON d.id = e.doc_id"
        " LEFT JOIN sentences t ON t.doc_id = e.doc_id AND t.idx = e.sentence_idx" + condition +
        " ORDER BY e.id", params)
    people = store.db.frame(
        "SELECT p.event_id, p.role, p.country, p.entity_id, p.sector FROM participants p"
        " JOIN events e ON e.id = p.event_id JOIN documents d ON d.id = e.doc_id" + condition +
        " ORDER BY p.event_id, p.role, p.position", params)
    sides: dict[tuple[int, str], list[str]] = {}
    countries: dict[int, set[str]] = {}
    for row in people.itertuples(index=False):
        key = actor_key(_text(row.country), _text(row.entity_id), _text(row.sector), where.level)
        found = sides.setdefault((row.event_id, row.role), [])
        if key and key not in found:
            found.append(key)
        if _text(row.country):
            countries.setdefault(row.event_id, set()).add(row.country)
    frame["actors"] = [tuple(sides.get((i, "actor"), ())) for i in frame["event_id"]]
    frame["recipients"] = [tuple(sides.get((i, "recipient"), ())) for i in frame["event_id"]]
    frame["countries"] = [frozenset(countries.get(i, ())) for i in frame["event_id"]]
    for flag in ("factual", "negated", "hypothetical", "future", "historical"):
        frame[flag] = frame[flag].astype(bool)
    return involving(frame, where.actors) if where.actors else frame


def involving(frame: pd.DataFrame, actors: tuple[str, ...]) -> pd.DataFrame:
    """Rows in which any of ``actors`` takes part, named by its key or by its country code."""
    wanted = set(actors)
    keep = [bool(wanted & (set(a) | set(r) | c))
            for a, r, c in zip(frame["actors"], frame["recipients"], frame["countries"], strict=True)]
    return _rows(frame, keep).reset_index(drop=True)


def _rows(frame: pd.DataFrame, keep: list[bool]) -> pd.DataFrame:
    """The rows where ``keep`` is true (a plain empty list would select no *columns* instead)."""
    return frame[pd.Series(keep, index=frame.index, dtype=bool)]


def _sql_filter(where: Filter) -> tuple[list[str], list[Any]]:
    """The SQL conditions for sources and types; dates and actors are checked in pandas (see above)."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, values in (("d.source", where.sources), ("e.type", tuple(t.upper() for t in where.types))):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' for _ in values)})")
            params.extend(values)
    return clauses, params


def _text(value: Any) -> str | None:
    """SQL NULLs arrive from pandas as None or NaN; both mean "no value"."""
    return value if isinstance(value, str) and value else None


def within(frame: pd.DataFrame, since: str | None, until: str | None) -> pd.DataFrame:
    """Rows whose ``date`` period reaches into [since, until]; undated rows go whenever a bound is set."""
    if not since and not until:
        return frame
    low = _bounds(since, "day")[0] if since else date.min
    high = _bounds(until, "day")[1] if until else date.max
    keep = []
    for value, precision in zip(frame["date"], frame["date_precision"], strict=True):
        span = _bounds(value, precision) if _text(value) else None
        keep.append(span is not None and span[1] >= low and span[0] <= high)
    return _rows(frame, keep).reset_index(drop=True)


def date_span(value: str | None, precision: str) -> tuple[date, date] | None:
    """The first and last day a stored date covers, or None when undated."""
    return _bounds(value, precision) if _text(value) else None


def _bounds(value: str, precision: str) -> tuple[date, date]:
    """First and last day of an ISO date of any precision; a bound like "2013-06" covers the month."""
    parts = [int(p) for p in value.split("-")]
    if precision == "decade":
        return date(parts[0], 1, 1), date(parts[0] + 9, 12, 31)
    if precision == "week":
        first = date(*parts)
        return first, first + timedelta(days=6)
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date(parts[0], parts[1], 1), following - timedelta(days=1)
    day = date(*parts)
    return day, day


def period_of(value: str | None, precision: str, period: Period | None) -> str:
    """The label of the period a date falls into: "2024-04", "2024-Q2", "2024", "1980s" or UNDATED.

    Without a period every event, dated or not, falls into ALL_TIME: totals leave nothing out.
    """
    if period is None:
        return ALL_TIME
    if not _text(value) or precision not in _RANK:
        return UNDATED
    first = _bounds(value, precision)[0]
    unit = period if _RANK[precision] <= _RANK[period] else precision
    match unit:
        case "month":
            return f"{first.year:04d}-{first.month:02d}"
        case "quarter":
            return f"{first.year:04d}-Q{(first.month - 1) // 3 + 1}"
        case "year":
            return f"{first.year:04d}"
        case _:
            return f"{first.year // 10 * 10:04d}s"


def with_periods(frame: pd.DataFrame, period: Period | None) -> pd.DataFrame:
    """A copy of ``frame`` with a ``period`` column."""
    frame = frame.copy()
    frame["period"] = [period_of(v, p, period) for v, p in zip(frame["date"], frame["date_precision"], strict=True)]
    return frame


def units(frame: pd.DataFrame, keys: list[str], count: Count) -> pd.DataFrame:
    """What a view counts: the rows themselves, or one row per story within each group of ``keys``.

    A story's intensity is the mean of its mentions' (two reports of one strike are one strike, scored
    once), its type and quad class the most frequent among them; ``mentions`` and ``documents`` say how
    often it was reported.
    """
    if count == "mentions":
        frame = frame.copy()
        frame["mentions"] = 1
        frame["documents"] = 1
        return frame
    grouped = frame.groupby([*keys, "story_id"], sort=False, dropna=False)
    return grouped.agg(type=("type", _mode), quad_class=("quad_class", _mode), intensity=("intensity", "mean"),
                       factual=("factual", "all"), mentions=("event_id", "nunique"),
                       documents=("doc_id", "nunique")).reset_index()


def _mode(values: pd.Series) -> Any:
    """The most frequent value; ties go to the first seen, so results do not depend on hash order."""
    return Counter(values).most_common(1)[0][0]


def top_types(types: pd.Series, limit: int = 3) -> str:
    """The most frequent types with their counts, as "ASSAULT:4 ACCUSE:2"."""
    return " ".join(f"{kind}:{n}" for kind, n in Counter(types).most_common(limit))


def actor_names(store: Store) -> dict[str, str]:
    """A display name per key: the most frequent name given to the entity with that id (countries, groups)."""
    rows = store.db.query(
        "SELECT entity_id, name, count(*) AS n FROM participants WHERE entity_id IS NOT NULL"
        " GROUP BY entity_id, name ORDER BY entity_id, n DESC, name")
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row["entity_id"], row["name"])
    return names


def joined(keys: tuple[str, ...]) -> str:
    """A tuple of actor keys as one cell ("USA;FRA"), for tables and CSV."""
    return ";".join(keys)
