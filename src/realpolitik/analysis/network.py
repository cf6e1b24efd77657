"""The signed actor network, its central actors, and the camps (blocs) it divides into.

Each edge joins two actors that acted on each other in the filtered events; its ``weight`` is the net
cooperation-conflict score of their factual events (positive: they cooperate more than they fight),
with the counts behind it as further attributes.

How blocs are found, in plain words. Two actors belong in the same camp when they cooperate more than they
fight. A division into camps is judged by its *frustrated* ties: conflict inside a camp, or cooperation
across two camps, each counted by its weight. The method looks for the division with the least
frustration (structural balance), one connected part of the network at a time:

1. Start from a split in two given by the signs of the leading eigenvector of the signed adjacency
   matrix: in a perfectly balanced network those signs are exactly the two camps, and otherwise they are
   a good first guess that also places an actor by its enemies' enemies.
2. Improve it greedily: move any actor to the camp (or a new camp of its own) where it has the most net
   cooperation, and merge any two camps that cooperate on balance, until no move or merger lowers the
   frustration. This allows one camp, or more than two, when the ties say so.
3. Where the frustration cannot tell two choices apart, the enemy of an enemy counts as a friend: an
   actor, or a camp, with no direct net tie to a camp joins it when they share enemies (or friends).
   Parts of the network with no path between them stay in separate camps.

Actors are visited in alphabetical order, so the same network always gives the same camps. Each camp is
numbered by size, 1 being the largest. :func:`frustration` reports how far the network is from perfect
balance under the division found (0: no frustrated tie).
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from realpolitik.analysis.dyads import dyads
from realpolitik.analysis.frame import Count, Filter, actor_names
from realpolitik.store import Store

_EPSILON = 1e-9
_MAX_PASSES = 100


def network(store: Store, where: Filter | None = None, *, count: Count = "stories", directed: bool = False,
            min_events: int = 1) -> nx.Graph:
    """The signed, weighted actor graph of the factual events that pass ``where``.

    Edges carry ``weight`` (net score), ``events``, ``mentions``, ``cooperation`` and ``conflict`` (event
    counts by sign of quad class); pairs with fewer than ``min_events`` events are left out. Nodes carry
    ``name``. ``directed`` gives a :class:`networkx.DiGraph` of who acted on whom.
    """
    table = dyads(store, where, directed=directed, count=count)
    graph: nx.Graph = nx.DiGraph() if directed else nx.Graph()
    names = actor_names(store)
    for row in table.itertuples(index=False):
        if row.events < max(min_events, 1):
            continue
        for node in (row.a, row.b):
            graph.add_node(node, name=names.get(node, node))
        graph.add_edge(row.a, row.b, weight=float(row.net), events=int(row.events), mentions=int(row.mentions),
                       cooperation=int(row.verbal_coop + row.material_coop),
                       conflict=int(row.verbal_conflict + row.material_conflict))
    return graph


def centrality(graph: nx.Graph) -> pd.DataFrame:
    """Per actor: partners, events, cooperative and conflictual weight, net score and betweenness.

    Betweenness treats a strong tie, friendly or hostile, as a short path: an actor is central when it
    sits between many others, whichever way they relate.
    """
    paths = graph.copy()
    for _, _, tie in paths.edges(data=True):
        tie["length"] = 1.0 / max(abs(tie["weight"]), _EPSILON)
    between = nx.betweenness_centrality(paths, weight="length") if len(paths) else {}
    rows = []
    for node in graph.nodes:
        ties = [graph.edges[edge] for edge in _edges_of(graph, node)]
        weights = [tie["weight"] for tie in ties]
        rows.append({
            "actor": node, "name": graph.nodes[node].get("name", node),
            "partners": len(set(nx.all_neighbors(graph, node))), "events": sum(tie["events"] for tie in ties),
            "positive": round(sum(w for w in weights if w > 0), 2),
            "negative": round(sum(w for w in weights if w < 0), 2), "net": round(sum(weights), 2),
            "betweenness": round(between.get(node, 0.0), 4),
        })
    columns = ["actor", "name", "partners", "events", "positive", "negative", "net", "betweenness"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["events", "actor"], ascending=[False, True]).reset_index(drop=True)


def ties(graph: nx.Graph) -> pd.DataFrame:
    """The graph's edges as a table, the most eventful first; an undirected tie is written with ``a < b``."""
    columns = ["a", "b", "weight", "events", "mentions", "cooperation", "conflict"]
    ends = (lambda u, v: (u, v)) if graph.is_directed() else (lambda u, v: tuple(sorted((u, v))))
    rows = [dict(zip(("a", "b"), ends(u, v), strict=True), **tie) for u, v, tie in graph.edges(data=True)]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["events", "a", "b"], ascending=[False, True, True]).reset_index(drop=True)


def _edges_of(graph: nx.Graph, node: str) -> list[tuple[str, str]]:
    if graph.is_directed():
        return [*graph.out_edges(node), *graph.in_edges(node)]
    return list(graph.edges(node))


def signed(graph: nx.Graph) -> nx.Graph:
    """The undirected signed graph: a directed graph's two directions add up into one tie."""
    if not graph.is_directed():
        return graph
    merged = nx.Graph()
    merged.add_nodes_from(graph.nodes(data=True))
    for u, v, weight in graph.edges(data="weight"):
        previous = merged.edges[u, v]["weight"] if merged.has_edge(u, v) else 0.0
        merged.add_edge(u, v, weight=previous + weight)
    return merged


def partition(graph: nx.Graph) -> dict[str, int]:
    """The camp of each actor (1 = the largest camp), found as the module docstring explains."""
    graph = signed(graph)
    camp: dict[str, int] = {}
    for component in sorted(nx.connected_components(graph), key=lambda c: sorted(c)[0]):
        nodes = sorted(component)
        offset = max(camp.values(), default=-1) + 1
        camp.update({node: offset + side for node, side in _spectral_split(graph, nodes).items()})
    _improve(graph, camp)
    sizes: dict[int, list[str]] = {}
    for node in sorted(camp):
        sizes.setdefault(camp[node], []).append(node)
    order = sorted(sizes, key=lambda c: (-len(sizes[c]), sizes[c][0]))
    number = {old: new for new, old in enumerate(order, start=1)}
    return {node: number[camp[node]] for node in sorted(camp)}


def _spectral_split(graph: nx.Graph, nodes: list[str]) -> dict[str, int]:
    """Two sides by the signs of the leading eigenvector of the signed adjacency matrix."""
    if len(nodes) < 2:
        return dict.fromkeys(nodes, 0)
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight="weight")
    _, vectors = np.linalg.eigh(matrix)
    leading = vectors[:, -1]
    if leading[np.argmax(np.abs(leading))] < 0:
        leading = -leading
    return {node: 0 if value >= -_EPSILON else 1 for node, value in zip(nodes, leading, strict=True)}


def _improve(graph: nx.Graph, camp: dict[str, int]) -> None:
    """Greedy moves and mergers, each strictly lowering the frustration, until none does."""
    for _ in range(_MAX_PASSES):
        changed = False
        for node in sorted(graph.nodes):
            target = _best_move(graph, camp, node)
            if target is not None:
                camp[node] = target
                changed = True
        changed = _merge_best(graph, camp) or changed
        if not changed:
            return


def _best_move(graph: nx.Graph, camp: dict[str, int], node: str) -> int | None:
    """The camp the node should move to, or None when no move improves the division.

    A move improves it when it lowers the frustration or, leaving it equal, strengthens the two-step ties
    inside camps (see :func:`_two_step`): an actor at odds with Russia and without any direct tie to
    Russia's opponents joins them, rather than standing alone. Only camps within two steps of the node, and
    a camp of its own, are considered: joining a camp it has no path to can never help.
    """
    pull: dict[int, float] = {}
    for other, tie in graph[node].items():
        if other != node:
            pull[camp[other]] = pull.get(camp[other], 0.0) + tie["weight"]
    steps = _two_step(graph, camp, node)
    here, here_step = pull.get(camp[node], 0.0), steps.get(camp[node], 0.0)
    options = []
    for number in [max(camp.values()) + 1, *sorted(set(pull) | set(steps))]:  # a camp of its own first
        if number == camp[node]:
            continue
        gain, step = pull.get(number, 0.0) - here, steps.get(number, 0.0) - here_step
        if gain > _EPSILON or (gain >= -_EPSILON and step > _EPSILON):
            options.append((gain, step, number))
    if not options:
        return None
    best = max(gain for gain, _, _ in options)
    tied = [option for option in options if option[0] >= best - _EPSILON]
    return max(tied, key=lambda option: option[1])[2]


def _two_step(graph: nx.Graph, camp: dict[str, int], node: str) -> dict[int, float]:
    """The node's ties through one intermediary into each camp: friends' friends and enemies' enemies count
    positive, friends' enemies negative (each tie's weight times that partner's tie to the camp's members)."""
    steps: dict[int, float] = {}
    for partner, tie in graph[node].items():
        for other, onward in graph[partner].items():
            if other not in (node, partner):
                steps[camp[other]] = steps.get(camp[other], 0.0) + tie["weight"] * onward["weight"]
    return steps


def _merge_best(graph: nx.Graph, camp: dict[str, int]) -> bool:
    """Merge the two camps that belong together most: net cooperation between them first, then, between
    camps with no net direct tie, two-step ties (a common enemy). Returns whether it merged."""
    direct: dict[tuple[int, int], float] = {}
    for u, v, weight in graph.edges(data="weight"):
        if camp[u] != camp[v]:
            key = (min(camp[u], camp[v]), max(camp[u], camp[v]))
            direct[key] = direct.get(key, 0.0) + weight
    steps: dict[tuple[int, int], float] = {}
    for node in graph.nodes:
        for number, step in _two_step(graph, camp, node).items():
            if number != camp[node]:
                key = (min(camp[node], number), max(camp[node], number))
                steps[key] = steps.get(key, 0.0) + step
    options = []
    for key in sorted(set(direct) | set(steps)):
        weight, step = direct.get(key, 0.0), steps.get(key, 0.0)
        if weight > _EPSILON or (weight >= -_EPSILON and step > _EPSILON):
            options.append((max(weight, 0.0), step, key))
    if not options:
        return False
    keep, absorb = max(options, key=lambda option: option[:2])[2]
    for node, current in camp.items():
        if current == absorb:
            camp[node] = keep
    return True


def frustration(graph: nx.Graph, camps: dict[str, int]) -> float:
    """The share of tie weight that the division contradicts: conflict inside camps, cooperation across."""
    graph = signed(graph)
    total = frustrated = 0.0
    for u, v, weight in graph.edges(data="weight"):
        total += abs(weight)
        if (camps[u] == camps[v]) != (weight > 0) and weight != 0:
            frustrated += abs(weight)
    return frustrated / total if total else 0.0


def blocs(graph: nx.Graph) -> pd.DataFrame:
    """Each actor's camp, with its net ties inside its camp and towards the others.

    ``inside`` is the sum of its tie weights to its own camp (positive when it fits), ``across`` towards
    every other camp (negative when it fits); rows are ordered by camp, then by how firmly the actor sits in
    it. The division's :func:`frustration` is in ``attrs["frustration"]``.
    """
    graph = signed(graph)
    camps = partition(graph)
    rows = []
    for node, number in camps.items():
        ties = [(other, tie["weight"]) for other, tie in graph[node].items() if other != node]
        rows.append({
            "bloc": number, "actor": node, "name": graph.nodes[node].get("name", node),
            "inside": round(sum(w for other, w in ties if camps[other] == number), 2),
            "across": round(sum(w for other, w in ties if camps[other] != number), 2),
        })
    table = pd.DataFrame(rows, columns=["bloc", "actor", "name", "inside", "across"])
    table["firmness"] = table["inside"] - table["across"]
    table = table.sort_values(["bloc", "firmness", "actor"], ascending=[True, False, True]).drop(columns="firmness")
    table = table.reset_index(drop=True)
    table.attrs["frustration"] = round(frustration(graph, camps), 4)
    return table
