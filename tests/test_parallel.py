"""Parallel ingest on a Dask LocalCluster stores exactly what a serial ingest stores."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import dask
import pytest
from distributed import Client

from realpolitik import Coder, Document, IngestError, Store
from realpolitik.parallel import ingest_parallel, local_cluster
from tests.helpers import canonical_dump

# Short texts written for this test; several code into events, some into none.
TEXTS = [
    "Iran and Russia signed a defence agreement in Moscow on Monday.",
    "The United States imposed new sanctions on Venezuela's oil ministry.",
    "Chinese warships were deployed near Taiwan, the island's defence ministry said.",
    "Protesters marched through Nairobi on Tuesday to demand lower food prices.",
    "The French president met the German chancellor in Berlin to discuss energy.",
    "Israel accused Hezbollah of firing rockets into the north of the country.",
    "Japan will send emergency aid to the Philippines after the typhoon.",
    "India rejected Pakistan's call for talks over Kashmir.",
    "The weather in Lisbon was mild for most of the week.",
    "Turkey released two detained Greek soldiers on Friday.",
    "Brazil praised the new trade deal between Mercosur and the European Union.",
]

PUBLISHED = date(2024, 3, 4)


def _items(*, with_copy: bool = False) -> list[Document | IngestError]:
    documents: list[Document | IngestError] = [
        Document(f"doc-{i}", text, published=PUBLISHED, source="Test Wire") for i, text in enumerate(TEXTS)]
    if with_copy:  # the same text under another id, in the same run: stored once
        documents.append(Document("copy-of-0", TEXTS[0], published=PUBLISHED))
    documents.append(IngestError("broken.html", "unreadable", detail="test input"))
    return documents


def test_parallel_ingest_matches_serial(tmp_path: Path, coder: Coder) -> None:
    with Store(tmp_path / "serial.db") as store:
        serial = store.ingest_items(_items(), coder=coder)
    seen: list[int] = []
    with Store(tmp_path / "parallel.db") as store:
        parallel = ingest_parallel(store, _items(with_copy=True), workers=2, batch_size=3, progress=seen.append)

    assert (parallel.ingested, parallel.failed, parallel.events) == (serial.ingested, serial.failed, serial.events)
    assert parallel.ingested == len(TEXTS)
    assert parallel.unchanged == serial.unchanged + 1
    assert parallel.events > 0
    assert seen == sorted(seen) and seen[-1] == len(TEXTS)
    assert canonical_dump(tmp_path / "parallel.db") == canonical_dump(tmp_path / "serial.db")

    # A rerun codes nothing: every text is already stored.
    with Store(tmp_path / "parallel.db") as store:
        again = ingest_parallel(store, _items(with_copy=True), workers=2, batch_size=3)
    assert again.ingested == 0
    assert again.unchanged == len(TEXTS) + 1


def test_workers_must_be_positive(tmp_path: Path) -> None:
    with Store(tmp_path / "x.db") as store, pytest.raises(ValueError, match="workers"):
        ingest_parallel(store, [], workers=0)


def test_local_workers_run_without_the_dask_defaults_that_slow_parsing() -> None:
    if "MALLOC_TRIM_THRESHOLD_" in os.environ:
        pytest.skip("MALLOC_TRIM_THRESHOLD_ is set here, and workers inherit it")
    with local_cluster(1) as cluster, Client(cluster) as client:
        (trim,) = client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_").values()
        (profiler,) = client.run(dask.config.get, "distributed.worker.profile.enabled").values()
    assert (trim, profiler) == (None, False)
