"""Parallel ingest on Dask: code batches of documents on workers, write them from this process.

Why this shape:

- **Coding is the slow part, writing is not.** Parsing and coding take milliseconds per sentence; a
  document's database write takes a fraction of that. So workers only code, and the process that owns the
  :class:`~realpolitik.store.Store` writes every result. One writer means SQLite never sees two writers
  fighting over its lock, and a PostgreSQL store needs no connection on the workers either.
- **Each worker loads the coder once.** :func:`realpolitik.default_coder` is cached per process, so the
  spaCy model and the compiled gazetteer are loaded on the first batch a worker codes (or up front, when
  the pool is warmed) and reused for every later batch.
- **Order does not matter, and a rerun is safe.** Batches are written as they complete, in any order. A
  document is keyed by its content hash, and the store skips texts it already holds, so a run that is
  killed midway and run again codes only what is missing.
- **Memory stays flat.** Only a bounded number of batches is in flight at once, so a corpus of millions
  of documents is streamed, never held in memory.

Local workers are separate processes (the parser holds the GIL, so threads would not help); an existing
cluster is reached by its scheduler address (``tcp://HOST:PORT``), and its workers must have realpolitik
and the spaCy model installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from distributed import Client, LocalCluster, as_completed

from realpolitik import default_coder
from realpolitik.model import Document, IngestError
from realpolitik.pipeline import CodedDocument
from realpolitik.store import IngestReport, Store

#: Documents per task: big enough that scheduling costs little next to parsing, small enough to spread
#: a modest corpus over every worker.
DEFAULT_BATCH_SIZE = 32

#: Batches in flight per worker: one being coded and one queued, so no worker waits for the next.
IN_FLIGHT_PER_WORKER = 2


def ingest_parallel(store: Store, items: Iterable[Document | IngestError], workers: int = 2,
                    scheduler: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE, *,
                    model: str | None = None, actor_files: tuple[str, ...] = (),
                    progress: Callable[[int], None] | None = None) -> IngestReport:
    """Store ``items`` as :meth:`Store.ingest_items` does, coding the new documents on Dask workers.

    ``workers`` local processes are started unless ``scheduler`` names a running cluster, whose own
    workers are used. ``progress`` is called with the number of documents written after each batch (a
    progress bar hooks in here). Returns the same report a serial ingest would.
    """
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    report = IngestReport()
    if scheduler:
        with Client(scheduler) as client:
            _run(client, store, items, report, batch_size, model, actor_files, progress)
        return report
    # Dashboard on any free port: a fixed one clashes with another cluster on the same machine.
    with (LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
          Client(cluster) as client):
        _run(client, store, items, report, batch_size, model, actor_files, progress)
    return report


def code_batch(documents: list[Document], model: str | None = None,
               actor_files: tuple[str, ...] = ()) -> list[CodedDocument]:
    """Code a batch on a worker with that process's cached coder (loaded on its first batch)."""
    return list(default_coder(model, actor_files).code_documents(documents))


def _load_coder(model: str | None, actor_files: tuple[str, ...]) -> None:
    """Load the coder on a worker before the first batch arrives, so all workers start coding at once."""
    default_coder(model, actor_files)


def _run(client: Client, store: Store, items: Iterable[Document | IngestError], report: IngestReport,
         batch_size: int, model: str | None, actor_files: tuple[str, ...],
         progress: Callable[[int], None] | None) -> None:
    """Submit batches, keeping a bounded number in flight, and write each result as it completes."""
    client.run(_load_coder, model, actor_files)
    limit = IN_FLIGHT_PER_WORKER * max(len(client.scheduler_info(n_workers=-1)["workers"]), 1)
    pending = as_completed()

    def write_next() -> None:
        for coded in next(pending).result():
            store.add(coded)
            report.ingested += 1
            report.events += len(coded.events)
        if progress is not None:
            progress(report.ingested)

    for batch in _batches(store.new_documents(items, report), batch_size):
        pending.add(client.submit(code_batch, batch, model, actor_files, pure=False))
        while pending.count() >= limit:
            write_next()
    while pending.count():
        write_next()


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch
