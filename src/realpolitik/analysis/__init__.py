"""The relations system: what the coded events add up to.

Events are the atoms; these functions show the system they form. Each returns a pandas DataFrame (or a
networkx graph) and has a command-line twin (:mod:`realpolitik.analysis.commands`):

- :func:`stories`: mentions of one real event across sentences and documents, grouped;
- :func:`dyads`: what each pair of actors did to each other per period, with a net score;
- :func:`network`, :func:`centrality`, :func:`blocs`: the signed actor graph and its camps;
- :func:`sources`, :func:`disagreements`: how each outlet tells it;
- :func:`timeline`: an actor's or a dyad's events in the order they happened.

Every view takes a :class:`Filter` and ``count="stories"`` (a treaty reported ten times counts once) or
``count="mentions"`` (every report counts).
"""

from realpolitik.analysis.dyads import dyads, pairs
from realpolitik.analysis.frame import Filter, actor_key, period_of
from realpolitik.analysis.network import blocs, centrality, frustration, network, partition, ties
from realpolitik.analysis.sources import disagreements, sources
from realpolitik.analysis.stories import assign_stories, ensure_stories, mentions, stories
from realpolitik.analysis.timeline import timeline

__all__ = [
    "Filter", "actor_key", "assign_stories", "blocs", "centrality", "disagreements", "dyads", "ensure_stories",
    "frustration", "mentions", "network", "pairs", "partition", "period_of", "sources", "stories", "ties",
    "timeline",
]
