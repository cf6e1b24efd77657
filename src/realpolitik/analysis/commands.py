"""The command-line twins of the analysis functions: ``stories``, ``dyads``, ``network``, ``blocs``,
``sources``, ``timeline``, ``export``, ``import-events`` and ``plot``.

Each command parses its options into a :class:`~realpolitik.analysis.Filter`, calls one function of
:mod:`realpolitik.analysis` (or :mod:`realpolitik.plot`) and writes the result. ``realpolitik.cli``
registers :data:`COMMANDS` on the main group.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pandas as pd

from realpolitik.analysis.dyads import dyads as dyads_view
from realpolitik.analysis.exports import EXPORT_FORMATS, import_parquet
from realpolitik.analysis.exports import export as export_events
from realpolitik.analysis.frame import COUNTS, LEVELS, PERIODS, Filter, date_span
from realpolitik.analysis.network import blocs as blocs_view
from realpolitik.analysis.network import centrality, ties
from realpolitik.analysis.network import network as network_graph
from realpolitik.analysis.sources import disagreements
from realpolitik.analysis.sources import sources as sources_view
from realpolitik.analysis.stories import stories as stories_view
from realpolitik.analysis.timeline import timeline as timeline_view
from realpolitik.cli_options import db_option
from realpolitik.export import FRAME_FORMATS, write_frame
from realpolitik.store import Store

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _date(_: click.Context, __: click.Parameter, value: str | None) -> str | None:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD: the views compare periods, so a bound may be a whole month."""
    if value is None:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        date_span(value, "day")
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}") from exc
    return value


_FILTER_OPTIONS = (
    db_option,
    click.option("--since", callback=_date, metavar="DATE", help="Only events dated on or after DATE."),
    click.option("--until", callback=_date, metavar="DATE", help="Only events dated on or before DATE."),
    click.option("--source", "sources", multiple=True, help="Only documents of this source. Repeatable."),
    click.option("--type", "types", multiple=True, help="Only this PLOVER type. Repeatable."),
    click.option("--actor", "actors", multiple=True,
                 help="Only events involving this actor key or country code. Repeatable."),
    click.option("--level", type=click.Choice(LEVELS), default="actor", show_default=True,
                 help="actor: armed groups, parties and NGOs stand apart from their country; country: all fold in."),
)
_format_option = click.option("--format", "fmt", type=click.Choice(FRAME_FORMATS), default="table",
                              show_default=True)
_period_option = click.option("--period", type=click.Choice([*PERIODS, "all"]), default="all", show_default=True,
                              help="Split counts by month, quarter or year.")
_image_option = click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True,
                             help="Image file to write (.png, .svg or .pdf).")
_min_events_option = click.option("--min-events", type=int, default=1, show_default=True,
                                  help="Leave out pairs with fewer events.")


def _filtered(command: Callable[..., Any], count: str = "stories") -> Callable[..., Any]:
    """Add the filter options and ``--count`` (defaulting to ``count``) to a command."""
    command = click.option("--count", type=click.Choice(COUNTS), default=count, show_default=True,
                           help="Count each real event once (stories) or every report of it (mentions).")(command)
    for option in reversed(_FILTER_OPTIONS):
        command = option(command)
    return command


def _filter(options: dict[str, Any]) -> Filter:
    """The Filter of the shared options; removes them from ``options`` and leaves the command's own."""
    return Filter(since=options.pop("since"), until=options.pop("until"), sources=options.pop("sources"),
                  types=options.pop("types"), actors=options.pop("actors"), level=options.pop("level"))


def _period(value: str) -> str | None:
    return None if value == "all" else value


def _echo(frame: pd.DataFrame, fmt: str) -> None:
    write_frame(frame, fmt, sys.stdout)


@click.command()
@_filtered
@_format_option
def stories(db: Path | str | None, count: str, fmt: str, **options: Any) -> None:
    """Stories: the mentions of one real event across sentences and documents, with their counts.

    With --count mentions, lists every mention with the story it was merged into.
    """
    with Store(db) as store:
        _echo(stories_view(store, _filter(options), count), fmt)


@click.command()
@click.argument("pair", nargs=-1)
@_filtered
@_period_option
@click.option("--directed/--undirected", default=True, show_default=True,
              help="Keep actor -> recipient apart from recipient -> actor, or add them up.")
@click.option("--events", "show_events", is_flag=True,
              help="With two actors: list the events and sentences behind the dyad (drill-down).")
@_format_option
def dyads(pair: tuple[str, ...], db: Path | str | None, count: str, period: str, directed: bool, show_events: bool,
          fmt: str, **options: Any) -> None:
    """Actor pairs: events by quad class, net cooperation-conflict score, frequent types.

    PAIR is zero, one or two actor keys: all dyads, that actor's, or that dyad.
    """
    if len(pair) > 2:
        raise click.UsageError("give at most two actors")
    if show_events and len(pair) != 2:
        raise click.UsageError("--events needs two actors")
    with Store(db) as store:
        where = _filter(options)
        if show_events:
            frame = timeline_view(store, pair[0], pair[1], where, count=count, directed=directed)
        else:
            frame = dyads_view(store, where, period=_period(period), directed=directed, count=count, between=pair)
        _echo(frame, fmt)


@click.command()
@_filtered
@_min_events_option
@click.option("--edges", "show_edges", is_flag=True, help="List the ties instead of the actors.")
@_format_option
def network(db: Path | str | None, count: str, min_events: int, show_edges: bool, fmt: str, **options: Any) -> None:
    """The signed actor network: each actor's partners, cooperation, conflict and centrality (or its ties)."""
    with Store(db) as store:
        graph = network_graph(store, _filter(options), count=count, min_events=min_events)
    _echo(ties(graph) if show_edges else centrality(graph), fmt)


@click.command()
@_filtered
@_min_events_option
@_format_option
def blocs(db: Path | str | None, count: str, min_events: int, fmt: str, **options: Any) -> None:
    """Camps of the signed network (structural balance): who sides with whom."""
    with Store(db) as store:
        table = blocs_view(network_graph(store, _filter(options), count=count, min_events=min_events))
    _echo(table, fmt)
    if fmt == "table" and not table.empty:
        click.echo(f"frustration: {table.attrs['frustration']:.1%} of tie weight contradicts the camps")


@click.command()
@_filtered
@click.option("--disagreements", "show_disagreements", is_flag=True,
              help="List dyads that one source tells as cooperative and another as conflictual.")
@_period_option
@click.option("--directed/--undirected", default=False, show_default=True, help="For --disagreements.")
@_format_option
def sources(db: Path | str | None, count: str, show_disagreements: bool, period: str, directed: bool, fmt: str,
            **options: Any) -> None:
    """How each source portrays each actor: as actor or recipient of cooperation and conflict."""
    with Store(db) as store:
        where = _filter(options)
        if show_disagreements:
            frame = disagreements(store, where, period=_period(period), directed=directed, count=count)
        else:
            frame = sources_view(store, where, count)
    _echo(frame, fmt)


@click.command()
@click.argument("actor")
@click.argument("other", required=False)
@_filtered
@click.option("--directed", is_flag=True, help="With OTHER: only ACTOR acting on OTHER.")
@_format_option
def timeline(actor: str, other: str | None, db: Path | str | None, count: str, directed: bool, fmt: str,
             **options: Any) -> None:
    """ACTOR's events, or the dyad ACTOR-OTHER's, in the order they happened; undated events apart."""
    with Store(db) as store:
        frame = timeline_view(store, actor, other, _filter(options), count=count, directed=directed)
    if fmt != "table":
        _echo(frame, fmt)
        return
    for section, title in (("dated", None), ("undated", "undated (the text does not say when):")):
        part = frame[frame["section"] == section].drop(columns="section")
        if title and part.empty:
            continue
        if title:
            click.echo(f"\n{title}")
        _echo(part, fmt)


@click.command(name="export")
@functools.partial(_filtered, count="mentions")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (standard output for jsonl, csv and gdelt when left out).")
@_min_events_option
def export(db: Path | str | None, count: str, fmt: str, out: Path | None, min_events: int, **options: Any) -> None:
    """Export events (jsonl, csv, gdelt, parquet) or the actor network (graphml, gexf for Gephi).

    Every mention is exported unless --count stories asks for one row per story.
    """
    with Store(db) as store:
        try:
            written = export_events(store, fmt, out, _filter(options), count=count, min_events=min_events)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    if out is not None:
        click.echo(f"{written} {'edges' if fmt in ('graphml', 'gexf') else 'rows'} written to {out}", err=True)


@click.command(name="import-events")
@click.argument("path", metavar="FILE.parquet", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
def import_events(path: Path, db: Path | str | None) -> None:
    """Load events written by `export --format parquet` into a store; importing twice adds nothing."""
    with Store(db) as store:
        try:
            added = import_parquet(store, path)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"{added} new events imported from {path}", err=True)


@click.group()
def plot() -> None:
    """Pictures: a dyad over time, or the signed network with its blocs."""


@plot.command(name="dyad")
@click.argument("first")
@click.argument("second")
@_filtered
@click.option("--period", type=click.Choice(PERIODS), default="month", show_default=True)
@_image_option
def plot_dyad_command(first: str, second: str, db: Path | str | None, count: str, period: str, out: Path,
                      **options: Any) -> None:
    """Net score each way and event counts per period for FIRST and SECOND."""
    from realpolitik.plot import plot_dyad

    with Store(db) as store:
        try:
            path = plot_dyad(store, first, second, out, _filter(options), period=period, count=count)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(str(path))


@plot.command(name="network")
@_filtered
@_min_events_option
@_image_option
def plot_network_command(db: Path | str | None, count: str, min_events: int, out: Path, **options: Any) -> None:
    """The signed actor network, blocs coloured."""
    from realpolitik.plot import plot_network

    with Store(db) as store:
        try:
            path = plot_network(store, out, _filter(options), count=count, min_events=min_events)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(str(path))


#: The commands ``realpolitik.cli`` adds to the main group.
COMMANDS: list[click.Command] = [stories, dyads, network, blocs, sources, timeline, export, import_events, plot]
