"""Where the bundled knowledge lives, and how it is read.

All gazetteers, lexicons and keyword lists are YAML under ``realpolitik/data``; code never repeats
what they say. Users point at their own files with the same schema (see README, "Extending").
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=64)
def _read(path: Path, mtime: float) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_yaml(path: str | Path) -> Any:
    """Load a YAML file, cached per file and modification time (several components read the same files)."""
    full = Path(path).resolve()
    return _read(full, full.stat().st_mtime)


def read_data(relative: str) -> Any:
    """Load one of the bundled YAML files, named relative to the data folder."""
    return read_yaml(DATA_DIR / relative)


def data_files(folder: str) -> list[Path]:
    """Every YAML file below a data sub-folder, sorted so that loading order is stable."""
    return sorted((DATA_DIR / folder).rglob("*.yaml"))
