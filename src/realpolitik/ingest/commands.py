"""Command-line commands for ingestion: ``realpolitik errors`` and ``realpolitik watch``.

They are plain click commands collected in :data:`COMMANDS`; the main group registers them with
``main.add_command``. ``realpolitik ingest`` itself lives in the main CLI and reaches URLs through
:func:`realpolitik.ingest.read_paths`; its network rules come from the environment there
(``REALPOLITIK_ALLOW_PRIVATE=1``, ``REALPOLITIK_ALLOW_NETWORKS``, ``REALPOLITIK_MAX_BYTES``).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import click

from realpolitik.cli_options import db_option as _db_option
from realpolitik.cli_options import model_option
from realpolitik.ingest.feeds import read_feed_list, watch_once
from realpolitik.ingest.web import Fetcher, FetchOptions
from realpolitik.model import IngestError
from realpolitik.store import Store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}



def parse_duration(value: str) -> float:
    """Seconds from ``"90"``, ``"30s"``, ``"15m"``, ``"2h"``, ``"1d"``; ValueError otherwise."""
    found = _DURATION.match(value)
    if not found or float(found[1]) <= 0:
        raise ValueError(f"expected a duration such as 15m, 1h or 90s, got {value!r}")
    return float(found[1]) * _SECONDS[found[2].lower()]


def _duration(_: click.Context, __: click.Parameter, value: str) -> float:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def format_error(error: IngestError) -> str:
    """``error: path:line: reason (detail)``, or ``skipped: ...`` for inputs passed over on purpose."""
    where = f"{error.path}:{error.line}" if error.line else error.path
    detail = f" ({error.detail})" if error.detail else ""
    return f"{'skipped' if error.skipped else 'error'}: {where}: {error.reason}{detail}"


@click.command(name="errors")
@_db_option
@click.option("--failed-only", is_flag=True, help="Leave out inputs skipped on purpose (other languages...).")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table")
def errors_command(db: Path | str | None, failed_only: bool, fmt: str) -> None:
    """List the inputs that did not become documents, and why."""
    with Store(db) as store:
        rows = [e for e in store.errors() if not (failed_only and e.skipped)]
    for error in rows:
        if fmt == "jsonl":
            click.echo(json.dumps({"path": error.path, "line": error.line, "reason": error.reason,
                                   "detail": error.detail, "skipped": error.skipped}, ensure_ascii=False))
        else:
            click.echo(format_error(error))
    if fmt == "table":
        skipped = sum(e.skipped for e in rows)
        click.echo(f"{len(rows) - skipped} failed, {skipped} skipped")


@click.command(name="watch")
@click.argument("feeds_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--every", default="15m", callback=_duration, show_default=True,
              help="Time between runs: 90s, 15m, 2h, 1d.")
@click.option("--once", is_flag=True, help="Run once and exit (for cron); exits 1 when anything failed.")
@click.option("--allow-private", is_flag=True,
              help="Also fetch from private, loopback and link-local addresses (intranet feeds).")
@click.option("--allow-network", "allowed_networks", multiple=True, metavar="CIDR",
              help="Also fetch from this network only, e.g. 10.1.0.0/16. Repeatable.")
@_db_option
@model_option
def watch_command(feeds_file: Path, every: float, once: bool, allow_private: bool,
                  allowed_networks: tuple[str, ...], db: Path | str | None, model: str | None) -> None:
    """Poll the RSS/Atom feeds listed in FEEDS_FILE (one URL per line) and ingest new items."""
    from realpolitik import default_coder
    from realpolitik.nlp import ModelNotFound

    feeds = read_feed_list(feeds_file)
    if not feeds:
        raise click.ClickException(f"{feeds_file} lists no feed URLs")
    try:
        options = FetchOptions.from_env(allow_private=allow_private, allowed_networks=allowed_networks)
        coder = default_coder(model)
    except (ValueError, ModelNotFound) as exc:
        raise click.ClickException(str(exc)) from exc
    with Store(db) as store, Fetcher(options) as fetcher:
        try:
            while True:
                started = time.monotonic()
                report = watch_once(store, feeds, fetcher, coder=coder)
                for error in report.errors:
                    click.echo(format_error(error), err=True)
                click.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {report.line()}")
                if once:
                    sys.exit(1 if report.failed else 0)
                time.sleep(max(0.0, every - (time.monotonic() - started)))
        except KeyboardInterrupt:  # each document is committed atomically: stopping here loses nothing
            click.echo("stopped", err=True)

COMMANDS: list[click.Command] = [errors_command, watch_command]
