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

Local clusters are started without the Dask defaults that cost coding time (see
:data:`LOCAL_CLUSTER_CONFIG`). A cluster started elsewhere keeps its own settings; the same ones in a Dask
configuration file on its machines give it the same speed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import dask
from distributed import Client, LocalCluster, as_completed

from realpolitik import default_coder
from realpolitik.model import Document, IngestError
from realpolitik.pipeline import CodedDocument
from realpolitik.store import IngestReport, Store

#: Documents per task: big enough that scheduling and spaCy's batching cost little (8 documents per task
#: took about 15 % more worker CPU than 32), small enough to spread a modest corpus over every worker.
DEFAULT_BATCH_SIZE = 32

#: Batches in flight per worker: one being coded and one queued, so no worker waits for the next.
IN_FLIGHT_PER_WORKER = 2

#: Dask settings for the clusters :func:`ingest_parallel` starts itself, which all buy back coding time.
#: Measured with benchmarks/bench_scale.py's corpus on two cores:
#:
#: - ``MALLOC_TRIM_THRESHOLD_``: Dask sets it to 64 KiB so that workers hand freed memory back to the
#:   system at once. spaCy allocates and frees many small arrays per sentence, so glibc then trims and
#:   faults pages back in all the time: 50 times the page faults and about a quarter more CPU per
#:   document (13.4 s against 10.0 s for 200 documents). Unset, glibc's own adaptive default applies;
#:   a worker then keeps some 80 MB more of freed memory for reuse (410 MB against 330 MB).
#: - The worker profiler samples every thread's stack a hundred times a second for the dashboard's
#:   profile page, which nobody opens during an ingest: about 4 % of a worker's CPU.
#: - The event-loop health check (every 20 ms) and the system monitor (every 500 ms) of the scheduler,
#:   the nannies and the workers only feed warnings and the dashboard. Idle, a two-worker cluster spent
#:   8 % of a core on housekeeping with Dask's defaults and 4 % with these; a core shared with coding.
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


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
    with local_cluster(workers) as cluster, Client(cluster) as client:
        _run(client, store, items, report, batch_size, model, actor_files, progress)
    return report


def local_cluster(workers: int) -> LocalCluster:
    """A LocalCluster of ``workers`` single-threaded processes set up for coding (:data:`LOCAL_CLUSTER_CONFIG`).

    The settings are read when the workers are spawned, so they need to hold only while the cluster starts.
    The dashboard takes any free port: a fixed one clashes with another cluster on the same machine.
    """
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")


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
