"""Options shared by every group of commands, defined once.

They live apart from ``cli.py`` because the command modules of ``ingest``, ``analysis`` and ``web``
use them too, and ``cli.py`` imports those modules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from realpolitik.store import is_url


class DatabaseParam(click.ParamType):
    """A SQLite file as a :class:`Path`, or a ``postgresql://`` URL kept as text (a Path would fold its ``//``)."""

    name = "database"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        return value if isinstance(value, Path) or is_url(value) else Path(value)


db_option = click.option(
    "--db", type=DatabaseParam(), default=None, metavar="FILE|URL",
    help="SQLite file or postgresql://USER@HOST/NAME URL (default: $REALPOLITIK_DB, else"
         " ~/.local/share/realpolitik/realpolitik.db).")
model_option = click.option(
    "--model", default=None, envvar="REALPOLITIK_MODEL",
    help="spaCy pipeline to use (default: the first installed en_core_web_* model).")
