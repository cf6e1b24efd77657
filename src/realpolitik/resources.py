"""Where the bundled knowledge lives, and how it is read.

All gazetteers, lexicons and keyword lists are YAML under ``realpolitik/data``; code never repeats
what they say. Users point at their own files with the same schema (see README, "Extending").

Parsing several megabytes of YAML takes seconds, so each file's parsed content is also kept in a
cache folder (``$REALPOLITIK_CACHE``, else ``$XDG_CACHE_HOME/realpolitik``, else
``~/.cache/realpolitik``) under a key made of its path, size and modification time: editing a file
invalidates its entry, and deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"

#: libyaml's loader when PyYAML was built with it: much faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def cache_dir() -> Path:
    if os.environ.get("REALPOLITIK_CACHE"):
        return Path(os.environ["REALPOLITIK_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "realpolitik"


@lru_cache(maxsize=64)
def _read(path: Path, size: int, mtime_ns: int) -> Any:
    key = hashlib.sha256(f"{path}\0{size}\0{mtime_ns}".encode()).hexdigest()
    cached = cache_dir() / "yaml" / f"{key}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)  # our own cache of our own parse
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_LOADER)  # a safe loader (libyaml or pure Python)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cached)
    except OSError:
        pass  # a read-only home still works, only slower
    return data


def read_yaml(path: str | Path) -> Any:
    """Load a YAML file, cached in memory and on disk per file, size and modification time."""
    full = Path(path).resolve()
    stat = full.stat()
    return _read(full, stat.st_size, stat.st_mtime_ns)


def read_data(relative: str) -> Any:
    """Load one of the bundled YAML files, named relative to the data folder."""
    return read_yaml(DATA_DIR / relative)
