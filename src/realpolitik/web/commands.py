"""``realpolitik serve``: the web dashboard and REST API. ``realpolitik.cli`` registers :data:`COMMANDS`."""

from __future__ import annotations

from pathlib import Path

import click

from realpolitik.cli_options import db_option
from realpolitik.store import default_db_path


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--allow-writes", is_flag=True,
              help="Let the analyse page store pasted texts (each write also needs the token).")
@click.option("--token", envvar="REALPOLITIK_TOKEN", default=None,
              help="Token writes must send in the X-Realpolitik-Token header (default: a random one, printed).")
def serve(db: Path | str | None, host: str, port: int, allow_writes: bool, token: str | None) -> None:
    """Serve the dashboard (overview, network, dyads, events, documents, sources, analyse) and the JSON API."""
    try:
        import uvicorn

        from realpolitik.web import create_app
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise click.ClickException(f"the web app needs fastapi, uvicorn and jinja2 ({exc})") from exc
    path = db or default_db_path()
    if isinstance(path, Path) and not path.exists():  # a postgresql:// URL is checked by connecting
        raise click.ClickException(f"no database at {path}: run `realpolitik ingest` first")
    app = create_app(path, allow_writes=allow_writes, token=token)
    if allow_writes:
        click.echo(f"Writes allowed with header X-Realpolitik-Token: {app.state.token}", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}, reachable from other machines.", err=True)
    click.echo(f"Serving {path} on http://{host}:{port}/ (API description at /api)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info")


#: The commands ``realpolitik.cli`` adds to the main group.
COMMANDS: list[click.Command] = [serve]
