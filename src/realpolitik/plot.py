"""Pictures of the relations system, drawn with matplotlib into image files.

- :func:`plot_dyad`: how two actors related over time: the net cooperation-conflict score each way per
  period (bars above zero cooperate, below fight), and the number of events per quad class;
- :func:`plot_network`: the signed actor network, cooperative ties green, conflictual ones red, line width
  by strength, each actor coloured by its bloc and the blocs drawn apart.

Figures are built on matplotlib's object API with the Agg canvas, never pyplot, so plotting works on
servers without a display and leaves no global state behind.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from realpolitik.analysis import Filter, dyads, network, partition
from realpolitik.analysis.frame import QUADS, UNDATED, Count, Period
from realpolitik.store import Store

COOPERATION = "#2e8b57"
CONFLICT = "#c0392b"
_QUAD_COLOURS = {"verbal_coop": "#9fd8b4", "material_coop": COOPERATION, "verbal_conflict": "#f1a99b",
                 "material_conflict": CONFLICT}
_BLOC_COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")


def plot_dyad(store: Store, first: str, second: str, out: str | Path, where: Filter | None = None, *,
              period: Period = "month", count: Count = "stories") -> Path:
    """Net score each way and event counts by quad class, per period, for two actors; returns the file.

    Events the text does not date cannot be placed on a time axis and are left out of the picture (the
    ``dyads`` and ``timeline`` views list them). Raises ValueError when the two never met in the events.
    """
    table = dyads(store, where, period=period, directed=True, count=count, between=(first, second))
    table = table[(table["period"] != UNDATED) & (table["events"] > 0)]
    if table.empty:
        raise ValueError(f"no dated factual events between {first} and {second}")
    periods = sorted(set(table["period"]))
    position = {label: i for i, label in enumerate(periods)}
    figure = Figure(figsize=(max(6.0, 0.6 * len(periods) + 3), 6.5), layout="constrained")
    FigureCanvasAgg(figure)
    net_axes, count_axes = figure.subplots(2, 1, sharex=True)
    width = 0.4
    for offset, (a, b) in ((-width / 2, (first, second)), (width / 2, (second, first))):
        rows = table[(table["a"] == a) & (table["b"] == b)]
        xs = [position[p] + offset for p in rows["period"]]
        net_axes.bar(xs, rows["net"], width, label=f"{a} → {b}",
                     color=[COOPERATION if v >= 0 else CONFLICT for v in rows["net"]],
                     edgecolor="black", hatch="" if a == first else "//", linewidth=0.6)
    net_axes.axhline(0, color="black", linewidth=0.8)
    net_axes.set_ylabel("net score (sum of intensities)")
    net_axes.set_title(f"{first} and {second}: cooperation (up) and conflict (down) per {period}")
    net_axes.legend(loc="best")
    totals = table.groupby("period")[list(QUADS.values())].sum().reindex(periods)
    bottom = [0] * len(periods)
    for name in QUADS.values():
        count_axes.bar(range(len(periods)), totals[name], 0.8, bottom=bottom, color=_QUAD_COLOURS[name],
                       label=name.replace("_", " "))
        bottom = [b + v for b, v in zip(bottom, totals[name], strict=True)]
    count_axes.set_ylabel(f"{count} (both ways)")
    count_axes.set_xticks(range(len(periods)), periods, rotation=45, ha="right")
    count_axes.legend(loc="best", fontsize="small")
    return _save(figure, out)


def plot_network(store: Store, out: str | Path, where: Filter | None = None, *, count: Count = "stories",
                 min_events: int = 1) -> Path:
    """The signed network with blocs coloured and placed apart; returns the file.

    Raises ValueError when the filtered events tie no two actors together.
    """
    graph = network(store, where, count=count, min_events=min_events)
    if graph.number_of_edges() == 0:
        raise ValueError("no actor pairs in the selected events")
    camps = partition(graph)
    positions = _layout(graph, camps)
    figure = Figure(figsize=(10, 8), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots()
    strongest = max(abs(w) for *_, w in graph.edges(data="weight")) or 1.0
    for u, v, weight in graph.edges(data="weight"):
        (x1, y1), (x2, y2) = positions[u], positions[v]
        axes.plot([x1, x2], [y1, y2], color=COOPERATION if weight > 0 else CONFLICT,
                  linewidth=0.8 + 5 * abs(weight) / strongest, alpha=0.75, zorder=1,
                  linestyle="-" if weight != 0 else ":")
    events = {node: sum(tie["events"] for *_, tie in graph.edges(node, data=True)) for node in graph}
    for node, (x, y) in positions.items():
        axes.scatter([x], [y], s=250 + 120 * math.sqrt(events[node]), color=_bloc_colour(camps[node]),
                     edgecolors="black", linewidths=0.8, zorder=2)
        axes.annotate(node, (x, y), ha="center", va="center", fontsize=8, fontweight="bold", zorder=3)
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=_bloc_colour(number),
                      markeredgecolor="black", label=f"bloc {number}: {', '.join(_members(camps, number))}")
               for number in sorted(set(camps.values()))]
    handles += [Line2D([], [], color=COOPERATION, linewidth=3, label="net cooperation"),
                Line2D([], [], color=CONFLICT, linewidth=3, label="net conflict")]
    axes.legend(handles=handles, loc="upper left", fontsize="small", framealpha=0.9)
    axes.set_title(f"Signed actor network ({count}; edge width: |net score|)")
    axes.set_axis_off()
    axes.margins(0.15)
    return _save(figure, out)


def _layout(graph: nx.Graph, camps: dict[str, int]) -> dict[str, tuple[float, float]]:
    """Blocs on a circle, each laid out by its own cooperative ties, so the camps read at a glance."""
    numbers = sorted(set(camps.values()))
    positions: dict[str, tuple[float, float]] = {}
    for index, number in enumerate(numbers):
        angle = 2 * math.pi * index / len(numbers)
        centre = (0.0, 0.0) if len(numbers) == 1 else (3 * math.cos(angle), 3 * math.sin(angle))
        members = _members(camps, number)
        inside = nx.Graph()
        inside.add_nodes_from(members)
        inside.add_edges_from((u, v, {"weight": w}) for u, v, w in graph.subgraph(members).edges(data="weight")
                              if w > 0)
        local = nx.spring_layout(inside, seed=7, center=centre, scale=min(1.2, 0.35 * len(members)))
        positions.update({node: (float(x), float(y)) for node, (x, y) in local.items()})
    return positions


def _members(camps: dict[str, int], number: int) -> list[str]:
    return sorted(node for node, camp in camps.items() if camp == number)


def _bloc_colour(number: int) -> str:
    return _BLOC_COLOURS[(number - 1) % len(_BLOC_COLOURS)]


def _save(figure: Figure, out: str | Path) -> Path:
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    return path
