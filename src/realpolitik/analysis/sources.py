"""Sources: how each outlet portrays each actor, and where outlets tell a dyad in opposite ways.

Portrayal counts an actor's factual events in one source's documents, split by whether the actor is the
one acting or the one acted upon, and by cooperation (quad classes 1-2) or conflict (3-4): an outlet that
reports Iran mostly as the recipient of conflict tells a different story from one that reports it mostly
as its actor. When counting stories, a story is counted once per source however often that source
repeats it.

A disagreement is a dyad in one period whose net score is positive in one source and negative in another.
Undated events are left out of it when periods are asked for: two undated reports need not be about the
same time.
"""

from __future__ import annotations

import pandas as pd

from realpolitik.analysis.dyads import dyad_table, pairs
from realpolitik.analysis.frame import UNDATED, Count, Filter, Period, top_types, units, with_periods
from realpolitik.analysis.stories import mentions
from realpolitik.store import Store

#: How documents without a source are listed.
UNKNOWN_SOURCE = "(unknown)"

_SIDES = {"actor": "actors", "recipient": "recipients"}


def sources(store: Store, where: Filter | None = None, count: Count = "stories") -> pd.DataFrame:
    """Per source and actor: cooperation and conflict as actor and as recipient, net scores, frequent types."""
    frame = _sourced(mentions(store, where, count))
    frame = frame[frame["factual"]]
    index, actors, roles = [], [], []
    for position, row in enumerate(frame[list(_SIDES.values())].itertuples(index=False)):
        for role, column in _SIDES.items():
            for key in getattr(row, column):
                index.append(position)
                actors.append(key)
                roles.append(role)
    expanded = frame.iloc[index].reset_index(drop=True).assign(actor=actors, role=roles)
    counted = units(expanded, ["source", "actor", "role"], count)
    counted["cooperative"] = counted["quad_class"] <= 2
    rows = []
    for (source, actor), group in counted.groupby(["source", "actor"], sort=True):
        row: dict[str, object] = {"source": source, "actor": actor, "events": len(group)}
        for role in _SIDES:
            side = group[group["role"] == role]
            row[f"as_{role}_coop"] = int(side["cooperative"].sum())
            row[f"as_{role}_conflict"] = int((~side["cooperative"]).sum())
            row[f"net_as_{role}"] = round(float(side["intensity"].sum()), 2)
            row[f"types_as_{role}"] = top_types(side["type"])
        rows.append(row)
    columns = ["source", "actor", "events"] + [
        f"{part}{role}{suffix}" for role in _SIDES
        for part, suffix in (("as_", "_coop"), ("as_", "_conflict"), ("net_as_", ""), ("types_as_", ""))]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["source", "events", "actor"], ascending=[True, False, True]).reset_index(drop=True)


def disagreements(store: Store, where: Filter | None = None, *, period: Period | None = None,
                  directed: bool = False, count: Count = "stories") -> pd.DataFrame:
    """Dyads and periods that one source scores as net cooperative and another as net conflictual.

    One row per such pair of sources, the widest gap first: ``source_pos`` and ``net_pos`` for the
    cooperative telling, ``source_neg`` and ``net_neg`` for the conflictual one.
    """
    expanded = pairs(with_periods(_sourced(mentions(store, where, count)), period), directed)
    expanded = expanded[expanded["period"] != UNDATED]  # undated reports need not be of the same time
    table = dyad_table(expanded, ["period", "a", "b", "source"], count)
    ends = ["period", "a", "b"]
    wanted = [*ends, "source", "net", "events"]
    both = table[table["net"] > 0][wanted].merge(table[table["net"] < 0][wanted], on=ends, suffixes=("_pos", "_neg"))
    both["gap"] = (both["net_pos"] - both["net_neg"]).round(2)
    columns = [*ends, "source_pos", "net_pos", "events_pos", "source_neg", "net_neg", "events_neg", "gap"]
    out = both[columns]
    return out.sort_values(["gap", *ends], ascending=[False, True, True, True]).reset_index(drop=True)


def _sourced(frame: pd.DataFrame) -> pd.DataFrame:
    """Documents without a source are grouped under UNKNOWN_SOURCE rather than dropped by groupby."""
    return frame.assign(source=frame["source"].fillna(UNKNOWN_SOURCE).replace("", UNKNOWN_SOURCE))
