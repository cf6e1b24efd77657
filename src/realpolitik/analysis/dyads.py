"""Dyads: what each pair of actors did to each other, per period, and how cooperative it was on balance.

A mention with several actors and recipients ("the US and France accused Russia") counts for every
actor-recipient pair it names (USA-RUS and FRA-RUS). For the types actors do together (agree, consult,
cooperate) the co-actors are a pair too: "Iran and Russia signed a pact" ties Iran and Russia. An actor is
never paired with itself.

The net score of a dyad is the sum of the PLOVER intensities of its factual events (-10 for the worst
violence, +10 for material aid). Negated, hypothetical and future events are never counted as fact: they
appear only in the ``flagged`` column, so that "Iran did not attack" adds no conflict.
"""

from __future__ import annotations

import pandas as pd

from realpolitik.analysis.frame import (
    QUADS,
    SYMMETRIC_TYPES,
    Count,
    Filter,
    Period,
    top_types,
    units,
    with_periods,
)
from realpolitik.analysis.stories import mentions
from realpolitik.store import Store

#: Columns of :func:`dyads` after the group keys.
DYAD_COLUMNS = ("events", "mentions", "flagged", *QUADS.values(), "net", "mean", "types")


def pairs(frame: pd.DataFrame, directed: bool = True) -> pd.DataFrame:
    """One row per mention and actor pair it names, with the pair in columns ``a`` and ``b``.

    Directed pairs run actor -> recipient; undirected ones are sorted (``a < b``), and a mention naming the
    pair in both directions still counts once for it.
    """
    index: list[int] = []
    firsts: list[str] = []
    seconds: list[str] = []
    for position, (actors, recipients, kind) in enumerate(
            zip(frame["actors"], frame["recipients"], frame["type"], strict=True)):
        found = {(a, r) for a in actors for r in recipients if a != r}
        if kind in SYMMETRIC_TYPES:
            found |= {(a, b) for a in actors for b in actors if a != b}
        if not directed:
            found = {(min(a, b), max(a, b)) for a, b in found}
        for a, b in sorted(found):
            index.append(position)
            firsts.append(a)
            seconds.append(b)
    expanded = frame.iloc[index].reset_index(drop=True)
    return expanded.assign(a=firsts, b=seconds)


def dyad_table(expanded: pd.DataFrame, keys: list[str], count: Count) -> pd.DataFrame:
    """Counts by quad class and type, net and mean score for each group of ``keys`` of a pair frame."""
    counted = units(expanded, keys, count)
    fact = counted[counted["factual"]]
    fact = fact.assign(**{name: (fact["quad_class"] == quad).astype(int) for quad, name in QUADS.items()})
    table = fact.groupby(keys).agg(events=("intensity", "size"), mentions=("mentions", "sum"),
                                   **{name: (name, "sum") for name in QUADS.values()},
                                   net=("intensity", "sum"), types=("type", top_types))
    flagged = counted[~counted["factual"]].groupby(keys).size().rename("flagged")
    table = table.join(flagged, how="outer")
    numbers = ["events", "mentions", "flagged", *QUADS.values()]
    table[numbers] = table[numbers].fillna(0).astype(int)
    table["net"] = table["net"].fillna(0.0).round(2)
    table["mean"] = (table["net"] / table["events"].where(table["events"] > 0)).fillna(0.0).round(2)
    table["types"] = table["types"].fillna("")
    return table.reset_index()[[*keys, *DYAD_COLUMNS]]


def dyads(store: Store, where: Filter | None = None, *, period: Period | None = None, directed: bool = True,
          count: Count = "stories", between: tuple[str, ...] = ()) -> pd.DataFrame:
    """Actor pairs per period: events by quad class, net cooperation-conflict score, most frequent types.

    ``a`` acts on ``b`` when ``directed``; otherwise the pair is unordered and sorted. ``between`` keeps
    the pairs that include every key it names (one key: that actor's dyads; two: that dyad). Drill down to
    the events and sentences behind a row with :func:`realpolitik.analysis.timeline`.
    """
    expanded = pairs(with_periods(mentions(store, where, count), period), directed)
    table = dyad_table(expanded, ["period", "a", "b"], count)
    for key in between:
        table = table[(table["a"] == key) | (table["b"] == key)]
    return table.sort_values(["period", "events", "a", "b"], ascending=[True, False, True, True],
                             kind="stable").reset_index(drop=True)
