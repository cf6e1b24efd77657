"""Shared fixtures. The spaCy model and the compiled gazetteer are loaded once per test session."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from realpolitik import Coder, default_coder

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def coder() -> Coder:
    return default_coder()


@pytest.fixture()
def code(coder: Coder):
    """Code a text and return its events (``published`` as ISO text or a date)."""

    def run(text: str, published: str | date | None = None):
        if isinstance(published, str):
            published = date.fromisoformat(published)
        return coder.code_text(text, published).events

    return run
