"""The ``realpolitik`` command: a thin layer over the Python API.

Every command parses its options, calls one public function or method, and prints the result.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import click

from realpolitik import actor as actor_lookup
from realpolitik import default_coder
from realpolitik.analysis.commands import COMMANDS as ANALYSIS_COMMANDS
from realpolitik.cli_options import db_option as _db_option
from realpolitik.cli_options import model_option as _model_option
from realpolitik.evaluate import SAMPLE_CORPUS, evaluate
from realpolitik.export import WRITERS
from realpolitik.ingest import FetchOptions, read_paths
from realpolitik.ingest.commands import COMMANDS as INGEST_COMMANDS
from realpolitik.ingest.counting import count_documents
from realpolitik.ingest.documents import Item
from realpolitik.nlp import ModelNotFound
from realpolitik.pipeline import Coder
from realpolitik.store import EventFilter, IngestReport, Store
from realpolitik.web.commands import COMMANDS as WEB_COMMANDS

_actors_option = click.option(
    "--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
    help="Extra gazetteer: YAML with the bundled files' keys, or a TABARI/PETRARCH .txt dictionary. Repeatable.")


def _published(_: click.Context, __: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from exc


_published_option = click.option("--published", callback=_published, metavar="YYYY-MM-DD",
                                  help="Publication date (anchors 'on Monday', 'last week').")


def _coder(model: str | None, min_confidence: float | None = None, actor_files: tuple[str, ...] = ()) -> Coder:
    try:
        coder = default_coder(model, tuple(actor_files))
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    if min_confidence is not None:
        coder.min_confidence = min_confidence
    return coder


@click.group()
@click.version_option(package_name="realpolitik")
def main() -> None:
    """Code news and analysis articles into PLOVER events: who did what to whom, when, where."""


@main.command()
@click.argument("text")
@_published_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table")
@click.option("--explain", is_flag=True, help="Show the rule and parse path behind each event.")
@click.option("--min-confidence", type=float, default=None, help="Keep events at or above this confidence.")
@_actors_option
@_model_option
def code(text: str, published: date | None, fmt: str, explain: bool, min_confidence: float | None,
         actor_files: tuple[str, ...], model: str | None) -> None:
    """Code one TEXT without storing it ("-" reads standard input)."""
    if text == "-":
        text = sys.stdin.read()
    coded = _coder(model, min_confidence, actor_files).code_text(text, published, explain=explain)
    WRITERS[fmt](coded.events, sys.stdout)
    if explain:
        for event, path in zip(coded.events, coded.explanations, strict=True):
            click.echo(f"{event.type} '{event.trigger.text}': {path}")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_db_option
@_published_option
@click.option("--source", default=None, help="Source name for documents that do not give one.")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach private, loopback and link-local addresses (intranets).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Code documents in N local worker processes (Dask).")
@click.option("--scheduler", default=None, metavar="URL",
              help="Code on a running Dask cluster (tcp://HOST:PORT); its workers need realpolitik and the model.")
@click.option("--quiet", is_flag=True, help="No progress line.")
@_actors_option
@_model_option
def ingest(paths: tuple[str, ...], db: Path | str | None, published: date | None, source: str | None,
           allow_private: bool, workers: int, scheduler: str | None, quiet: bool,
           actor_files: tuple[str, ...], model: str | None) -> None:
    """Ingest .txt, .html, .json(l) files, directories of them and http(s) URLs; code and store them."""
    items = read_paths(paths, published=published, source=source,
                       fetch=FetchOptions.from_env(allow_private=allow_private))
    report = IngestReport()
    progress = None if quiet else _Progress(count_documents(paths), report)
    with Store(db) as store:
        # Errors and texts already stored are sorted out here, as they are read, so that the progress line
        # counts them as done at once; the coding call below finds nothing more to skip.
        new = store.new_documents(items if progress is None else progress.reading(items), report)
        if workers > 1 or scheduler:
            from realpolitik.parallel import ingest_parallel

            coded = ingest_parallel(store, new, workers, scheduler, model=model, actor_files=actor_files,
                                    progress=progress)
        else:
            coded = store.ingest_items(new, coder=_coder(model, actor_files=actor_files), progress=progress)
    report.ingested, report.events = coded.ingested, coded.events
    if progress is not None:
        progress.done()
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        click.echo(f"{'skipped' if error.skipped else 'error'}: {where}: {error.reason}"
                   f"{' (' + error.detail + ')' if error.detail else ''}", err=True)
    click.echo(report.line())
    if report.failed:
        sys.exit(1)


class _Progress:
    """The progress line on standard error, redrawn in place: inputs done (out of how many, when that can be
    counted beforehand), documents coded per second, and the time left.

    Inputs settled without coding (texts already stored, inputs that could not be read) count as done as
    soon as they are read, so a resumed run starts where the killed one stopped. The rate counts coded
    documents only, from the first input read (the model and the workers are loaded by then): skipping
    stored texts takes next to no time and must not make the ETA promise too much.
    """

    #: Seconds between redraws while inputs are only read and skipped (thousands a second on a resumed run).
    SKIPPING_REDRAW = 0.2

    def __init__(self, total: int | None, report: IngestReport) -> None:
        self.total = total
        self.report = report
        self.written = 0
        self.started: float | None = None
        self.drawn_at = 0.0
        self.width = 0

    def reading(self, items: Iterable[Item]) -> Iterator[Item]:
        """``items`` as they are read, redrawing the line now and then while nothing is being written."""
        for item in items:
            now = time.monotonic()
            if self.started is None:
                self.started = now
            elif now - self.drawn_at >= self.SKIPPING_REDRAW:
                self._draw(now)
            yield item

    def __call__(self, written: int) -> None:
        """The ingest calls' ``progress`` hook: ``written`` documents coded and stored so far."""
        self.written = written
        self._draw(time.monotonic())

    def done(self) -> None:
        """End the line (when one was drawn) with the final counts and the time up to its last update:
        stopping local Dask workers afterwards takes seconds that coding did not."""
        if self.width:
            self._draw(self.drawn_at, final=True)
            click.echo("", err=True)

    def _draw(self, now: float, *, final: bool = False) -> None:
        report = self.report
        done = self.written + report.unchanged + report.failed + report.skipped
        parts = [f"{done:,}/{max(self.total, done):,} documents" if self.total is not None else f"{done:,} documents"]
        elapsed = now - (self.started or now)
        if self.written and elapsed > 0:
            rate = self.written / elapsed
            parts.append(f"{rate:.1f} documents/s")
            if final:
                parts.append(f"done in {_duration(elapsed)}")
            elif self.total is not None:
                parts.append(f"ETA {_duration(max(self.total - done, 0) / rate)}")
        line = ", ".join(parts)
        self.width = max(self.width, len(line))
        click.echo("\r" + line.ljust(self.width), err=True, nl=False)
        self.drawn_at = now


def _duration(seconds: float) -> str:
    """``45s``, ``4m 09s``, ``2h 05m``: as precise as a wait needs, short enough for one line."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, whole = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {whole:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table")
@click.option("--doc", "doc_id", default=None, help="Only events of this document id.")
@click.option("--type", "event_type", default=None, help="Only this PLOVER type.")
@click.option("--actor", default=None, help="Only events with this actor country code or entity id.")
@click.option("--recipient", default=None, help="Only events with this recipient country code or entity id.")
@click.option("--source", default=None, help="Only events from documents of this source.")
@click.option("--since", default=None, metavar="DATE", help="Only events dated on or after DATE.")
@click.option("--until", default=None, metavar="DATE", help="Only events dated on or before DATE.")
@click.option("--search", default=None, help="Full-text search in the event's sentence (FTS5 syntax).")
@click.option("--factual", is_flag=True, help="Leave out negated, hypothetical and future events.")
@click.option("--limit", type=int, default=None)
def events(db: Path | str | None, fmt: str, doc_id: str | None, event_type: str | None, actor: str | None,
           recipient: str | None, source: str | None, since: str | None, until: str | None,
           search: str | None, factual: bool, limit: int | None) -> None:
    """Print stored events."""
    where = EventFilter(doc_id=doc_id, type=event_type, actor=actor, recipient=recipient, source=source,
                        since=since, until=until, search=search, factual_only=factual, limit=limit)
    with Store(db) as store:
        WRITERS[fmt](store.events(where), sys.stdout)


@main.command()
@_db_option
@_model_option
def demo(db: Path | str | None, model: str | None) -> None:
    """Ingest the bundled sample corpus and print a summary of what was coded."""
    with Store(db) as store:
        report = store.ingest([SAMPLE_CORPUS], coder=_coder(model))
        click.echo(f"database: {store.target}")
        click.echo(report.line())
        click.echo(summary(store))


def summary(store: Store) -> str:
    """Documents, sentences, events by type and top dyads, as the demo prints them."""
    counts = store.counts()
    lines = [f"documents: {counts['documents']}   sentences: {counts['sentences']}   "
             f"actor mentions: {counts['mentions']}   events: {counts['events']}", "",
             "factual events by type (negated, hypothetical and future events left out):"]
    lines += [f"  {kind:<10} {n:>4}" for kind, n in store.events_by_type().items()]
    lines += ["", "top dyads (actor -> recipient: events, net intensity):"]
    lines += [f"  {a} -> {r}: {n} events, net {net:+.1f}" for a, r, n, net in store.top_dyads()]
    return "\n".join(lines)


@main.command()
@click.argument("texts", nargs=-1, required=True)
@click.option("--date", "on", callback=_published, metavar="YYYY-MM-DD",
              help="Resolve offices to their holder on this day (default: today).")
@_actors_option
@_model_option
def actor(texts: tuple[str, ...], on: date | None, actor_files: tuple[str, ...], model: str | None) -> None:
    """Print what each TEXT names, one JSON object per line (null when it names no political entity)."""
    _coder(model, actor_files=actor_files)
    for text in texts:
        click.echo(json.dumps(actor_lookup(text, on, model=model, actor_files=tuple(actor_files))))


@main.command(name="evaluate")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--documents", type=click.Path(exists=True, path_type=Path), default=None,
              help="JSONL documents for document gold (default: the bundled sample corpus).")
@click.option("--min-confidence", type=float, default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", is_flag=True, help="First list each missed gold event and each spurious prediction.")
@_model_option
def evaluate_command(gold: Path, documents: Path | None, min_confidence: float | None, as_json: bool,
                     errors: bool, model: str | None) -> None:
    """Score the coder against a gold file (sentence or document gold): P, R, F1 per type."""
    result = evaluate(gold, _coder(model, min_confidence), documents)
    if errors:
        click.echo(result.errors())
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else result.report())


for _command in [*INGEST_COMMANDS, *ANALYSIS_COMMANDS, *WEB_COMMANDS]:
    main.add_command(_command)


if __name__ == "__main__":
    main()
