"""Options shared by every group of commands, defined once.

They live apart from ``cli.py`` because the command modules of ``ingest``, ``analysis`` and ``web``
use them too, and ``cli.py`` imports those modules.
"""

from __future__ import annotations

from pathlib import Path

import click

db_option = click.option(
    "--db", type=click.Path(path_type=Path), default=None,
    help="Database file (default: $REALPOLITIK_DB or ~/.local/share/realpolitik/realpolitik.db).")
model_option = click.option(
    "--model", default=None, envvar="REALPOLITIK_MODEL",
    help="spaCy pipeline to use (default: the first installed en_core_web_* model).")
