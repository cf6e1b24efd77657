"""Throughput and query speed at scale, printed as figures (not a test).

    python benchmarks/bench_scale.py                 # 5,000 documents, 1,000,000 events
    python benchmarks/bench_scale.py --quick         # 200 documents, 100,000 events: under two minutes
    python benchmarks/bench_scale.py --docs 2000 --events 500000 --skip-workers
    python benchmarks/bench_scale.py --skip-ingest --db postgresql://USER@HOST/EMPTY_DATABASE

What it measures, in order:

1. **Corpus.** The sample corpus (``src/realpolitik/data/corpus/sample.jsonl``) is too small to time, so
   a bigger one is built from its own sentences: the sample documents are split into sentences with the
   coder's own spaCy model, then each synthetic document draws 4 to 12 of those sentences at random
   (seeded, so every run builds the same corpus), groups them into paragraphs of one to three sentences,
   and borrows the publication date and source of the document its first sentence came from. Texts are
   distinct, so every document has its own content hash and is coded, not skipped. The language is real
   news prose; the documents are not coherent articles, which matters little for throughput.
2. **End to end vs bare parsing.** The same texts are parsed by ``coder.nlp.pipe`` alone (the floor that
   no coder on this model can beat), then ingested by ``Store.ingest_items`` into a fresh SQLite file
   (parse, code, write). Prints documents/s, sentences/s and the ratio end-to-end / bare parsing.
3. **Workers.** The same corpus through :func:`realpolitik.parallel.ingest_parallel` on a Dask
   LocalCluster with 1 and then 2 worker processes, set up as ``realpolitik ingest --workers N`` sets them
   up (:func:`realpolitik.parallel.local_cluster`). Each cluster is started and its coders loaded before
   the clock starts (steady-state throughput); the start-up cost is printed separately.
4. **Queries.** A SQLite store (or the empty database ``--db`` names, e.g. a ``postgresql://`` URL) is
   filled with synthetic events (realistic country codes, weighted towards the actors news is about;
   PLOVER types with their scores; dates over 1990-2025; one or two actors and zero or one recipient
   each) inserted directly into the ``events`` and ``participants`` tables, with the documents and
   sentences they point to. Then: a dyad query through
   ``Store.events(EventFilter(actor=..., recipient=...))``, a dyad time series in SQL (events and net
   score per year for one directed pair), and the network aggregation (every directed country pair's
   event count and net score, as ``Store.top_dyads`` computes it).

Peak memory is the process's maximum resident set size (``resource.getrusage``); for the worker runs,
each worker's resident memory at the end of the run is printed too. On a shared or small machine the
figures are noisy: run twice.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psutil
from distributed import Client

from realpolitik import Coder, Document, EventFilter, Store, default_coder
from realpolitik.evaluate import SAMPLE_CORPUS
from realpolitik.events.scores import score
from realpolitik.model import PLOVER_TYPES, Entity
from realpolitik.parallel import ingest_parallel, local_cluster
from realpolitik.store import Database

#: Countries news is mostly about, with rough weights (a few dominate, as in any event data set).
COUNTRIES: dict[str, float] = {
    "USA": 20, "RUS": 12, "CHN": 10, "ISR": 8, "IRN": 8, "UKR": 7, "GBR": 5, "FRA": 5, "DEU": 4, "TUR": 4,
    "SYR": 4, "PSE": 4, "IND": 3, "PAK": 3, "AFG": 3, "IRQ": 3, "SAU": 3, "PRK": 3, "KOR": 2, "JPN": 2,
    "EGY": 2, "LBN": 2, "YEM": 2, "VEN": 2, "BRA": 1.5, "MEX": 1.5, "NGA": 1.5, "ETH": 1, "SDN": 1, "LBY": 1,
    "QAT": 1, "ARE": 1, "POL": 1, "BLR": 1, "GEO": 0.8, "ARM": 0.8, "AZE": 0.8, "TWN": 0.8, "CUB": 0.5,
    "COL": 0.5, "ZAF": 0.5, "KEN": 0.5, "SOM": 0.5, "MLI": 0.5, "IGO": 1.5, "UNO": 2, "EUR": 1.5,
}
#: How often each PLOVER type occurs, roughly as in coded news (talk is commoner than war).
TYPE_WEIGHTS: dict[str, float] = {
    "AGREE": 6, "CONSULT": 16, "SUPPORT": 8, "CONCEDE": 2, "COOPERATE": 5, "AID": 4, "RETREAT": 3,
    "REQUEST": 9, "ACCUSE": 12, "REJECT": 4, "THREATEN": 5, "PROTEST": 5, "SANCTION": 4, "MOBILIZE": 3,
    "COERCE": 6, "ASSAULT": 8,
}
SECTORS = ("GOV", "GOV", "GOV", "MIL", "LEG", "JUD", "COP", "OPP", "BUS", "CVL")
EVENTS_PER_DOCUMENT = 20
FIRST_DAY, DAYS = date(1990, 1, 1), (date(2025, 12, 31) - date(1990, 1, 1)).days


# -- 1. corpus -------------------------------------------------------------------------------------

def build_corpus(coder: Coder, n: int, seed: int) -> list[Document]:
    """``n`` distinct documents recombined from the sample corpus's sentences (see the module docstring)."""
    records = [json.loads(line) for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines() if line]
    pool: list[tuple[str, dict[str, Any]]] = []
    for record, doc in zip(records, coder.nlp.pipe(r["text"] for r in records), strict=True):
        pool.extend((s.text.strip(), record) for s in doc.sents if len(s.text.split()) >= 4)
    rng = random.Random(seed)
    documents: list[Document] = []
    seen: set[str] = set()
    while len(documents) < n:
        chosen = rng.sample(pool, rng.randint(4, 12))
        paragraphs: list[str] = []
        while chosen:
            size = rng.randint(1, 3)
            paragraphs.append(" ".join(text for text, _ in chosen[:size]))
            chosen = chosen[size:]
        text = "\n\n".join(paragraphs)
        if text in seen:
            continue
        seen.add(text)
        origin = rng.choice(records)
        published = date.fromisoformat(origin["published"]) if origin.get("published") else None
        documents.append(Document(f"synthetic-{len(documents):06d}", text, title=f"Synthetic {len(documents)}",
                                  source=origin.get("source"), published=published))
    return documents


# -- 2. and 3. throughput --------------------------------------------------------------------------

def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size so far, in MB (``ru_maxrss`` is in kilobytes on Linux)."""
    return resource.getrusage(who).ru_maxrss / 1024


def resident_mb() -> float:
    """Resident set size now, in MB. Used for workers, whose ``ru_maxrss`` would include the memory of
    the parent they were forked from (Linux keeps the high-water mark across fork and exec)."""
    return psutil.Process().memory_info().rss / 2**20


def rate_line(label: str, seconds: float, documents: int, sentences: int) -> str:
    return (f"{label:<34} {documents / seconds:>8.1f} docs/s {sentences / seconds:>9.1f} sentences/s"
            f"   ({documents} docs, {sentences} sentences in {seconds:.1f} s)")


def throughput(coder: Coder, documents: list[Document], folder: Path) -> tuple[float, int]:
    """Bare parsing, then end to end; returns (end-to-end sentences/s, sentence count)."""
    texts = [d.text for d in documents]
    parse_s, parsed = timed(lambda: sum(sum(1 for _ in doc.sents) for doc in coder.nlp.pipe(texts, batch_size=16)))
    print(rate_line("bare spaCy parsing (nlp.pipe)", parse_s, len(texts), parsed))
    print(f"  peak memory after parsing: {peak_mb():.0f} MB")
    with Store(folder / "serial.db") as store:
        whole_s, report = timed(lambda: store.ingest_items(documents, coder=coder))
        sentences = store.counts()["sentences"]
    print(rate_line("end to end (Store.ingest_items)", whole_s, report.ingested, sentences))
    print(f"  {report.line()}")
    print(f"  peak memory after end to end: {peak_mb():.0f} MB")
    print(f"end-to-end / bare parsing: {(sentences / whole_s) / (parsed / parse_s):.2f}  (target >= 0.75)")
    return sentences / whole_s, sentences


def workers(documents: list[Document], folder: Path, counts: tuple[int, ...], batch_size: int,
            sentences: int) -> None:
    """The corpus through ``ingest_parallel`` on warmed LocalClusters of each size."""
    rates: dict[int, float] = {}
    for n in counts:
        start = time.perf_counter()
        with local_cluster(n) as cluster, Client(cluster) as client:
            with Store(folder / f"warm-{n}.db") as store:  # starts the workers' coders before timing
                ingest_parallel(store, documents[:n * 2], scheduler=cluster.scheduler_address, batch_size=1)
            startup = time.perf_counter() - start
            with Store(folder / f"workers-{n}.db") as store:
                seconds, report = timed(lambda store=store: ingest_parallel(
                    store, documents, scheduler=cluster.scheduler_address, batch_size=batch_size))
            workers_mb = sorted(client.run(resident_mb).values())
        rates[n] = report.ingested / seconds
        print(rate_line(f"ingest_parallel, {n} worker(s)", seconds, report.ingested, sentences)
              + f"  [cluster start + model load {startup:.1f} s]")
        print(f"  memory: parent peak {peak_mb():.0f} MB; workers resident at the end"
              f" {', '.join(f'{m:.0f}' for m in workers_mb)} MB")
    if 1 in rates and 2 in rates:
        print(f"2 workers / 1 worker: {rates[2] / rates[1]:.2f}  (target >= 1.7)")


# -- 4. queries over synthetic events --------------------------------------------------------------

def fill_events(target: str | Path, n: int, seed: int) -> None:
    """``n`` synthetic events with their documents, sentences and participants, inserted in bulk into an empty
    database (a SQLite file or a ``postgresql://`` URL), in one transaction."""
    with Store(target) as store:
        with store.db.transaction() as db:
            _insert_synthetic(db, n, random.Random(seed))
        store.db.execute("ANALYZE")


def _insert_synthetic(db: Database, n: int, rng: random.Random) -> None:
    codes, code_weights = list(COUNTRIES), list(COUNTRIES.values())
    kinds, kind_weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    scores = {kind: score(kind) for kind in PLOVER_TYPES}
    documents: list[tuple] = []
    sentences: list[tuple] = []
    events: list[tuple] = []
    participants: list[tuple] = []
    for event_id in range(1, n + 1):
        doc_number, index = divmod(event_id - 1, EVENTS_PER_DOCUMENT)
        doc_id = f"doc-{doc_number:07d}"
        day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        if index == 0:
            documents.append((doc_id, f"hash-{doc_number}", None, rng.choice(("Wire A", "Wire B", "Daily C")),
                              (day + timedelta(days=1)).isoformat(), None, None, "", EVENTS_PER_DOCUMENT,
                              EVENTS_PER_DOCUMENT, "2026-01-01T00:00:00"))
        kind = rng.choices(kinds, kind_weights)[0]
        actors = _entities(rng, codes, code_weights, rng.choice((1, 1, 1, 2)))
        recipients = [e for e in _entities(rng, codes, code_weights, rng.choice((0, 1, 1, 1)))
                      if all(e.country != a.country for a in actors)]
        s = scores[kind]
        negated, future = rng.random() < 0.03, rng.random() < 0.05
        sentences.append((doc_id, index, index, 0, 10, f"Sentence {index} of {doc_id}."))
        events.append((event_id, doc_id, index, kind, "", "[]", json.dumps([e.to_dict() for e in actors]),
                       json.dumps([e.to_dict() for e in recipients]), "|".join(e.country for e in actors),
                       "|".join(e.country for e in recipients), day.isoformat(), "day", "", day.isoformat(), 0,
                       int(negated), 0, int(future), int(not (negated or future)), s.intensity, s.quad_class,
                       s.cameo_root, s.cameo_code, s.goldstein, "trigger", 0, 7, "synthetic", 1.0, None))
        participants.extend((event_id, role, position, e.text, e.name, e.country, e.sector, None, 0, 1)
                            for role, side in (("actor", actors), ("recipient", recipients))
                            for position, e in enumerate(side))
        if len(events) >= 50_000 or event_id == n:
            db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)", documents)
            db.executemany("INSERT INTO sentences (doc_id, idx, paragraph, start_char, end_char, text)"
                           " VALUES (?,?,?,?,?,?)", sentences)
            db.executemany(f"INSERT INTO events VALUES ({','.join('?' * 30)})", events)
            db.executemany("INSERT INTO participants VALUES (?,?,?,?,?,?,?,?,?,?)", participants)
            documents, sentences, events, participants = [], [], [], []


def _entities(rng: random.Random, codes: list[str], weights: list[float], k: int) -> list[Entity]:
    found: dict[str, Entity] = {}
    for code in rng.choices(codes, weights, k=k):
        found[code] = Entity(code, code, code, rng.choice(SECTORS))
    return list(found.values())


def queries(target: str | Path, repeat: int) -> None:
    """Time the dyad and network queries (best of ``repeat``)."""
    with Store(target) as store:
        n = store.db.one("SELECT count(*) AS n FROM events")["n"]
        size = f", {store.path.stat().st_size / 2**20:.0f} MB" if store.path else f" on {store.db.dialect}"
        print(f"synthetic store: {n:,} events{size}")

        def best(label: str, work: Callable[[], Any], size: Callable[[Any], str]) -> None:
            runs = [timed(work) for _ in range(repeat)]
            seconds = min(s for s, _ in runs)
            print(f"{label:<58} {seconds:>7.3f} s   ({size(runs[0][1])})")

        best("dyad USA->RUS, Store.events(EventFilter) as Event objects",
             lambda: store.events(EventFilter(actor="USA", recipient="RUS")), lambda r: f"{len(r):,} events")
        best("dyad ISR->LBN, Store.events(EventFilter) as Event objects",
             lambda: store.events(EventFilter(actor="ISR", recipient="LBN")), lambda r: f"{len(r):,} events")
        best("dyad USA->RUS, events and net score per year (SQL)",
             lambda: store.db.query(DYAD_BY_YEAR, ("USA", "RUS")), lambda r: f"{len(r)} years")
        best("network: all directed country pairs (Store.top_dyads)",
             lambda: store.top_dyads(limit=100_000), lambda r: f"{len(r):,} edges")


#: One directed dyad's factual events and net score per year: what a dyad chart plots.
DYAD_BY_YEAR = (
    "SELECT substr(e.sort_date, 1, 4) AS year, count(DISTINCT e.id) AS n, sum(e.intensity) AS net"
    " FROM participants a JOIN participants r ON r.event_id = a.event_id AND r.role = 'recipient'"
    " JOIN events e ON e.id = a.event_id"
    " WHERE a.role = 'actor' AND a.country = ? AND r.country = ? AND e.factual = 1"
    " GROUP BY year ORDER BY year")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, help="documents in the corpus (default 5000; --quick 200)")
    parser.add_argument("--events", type=int, help="synthetic events (default 1,000,000; --quick 100,000)")
    parser.add_argument("--quick", action="store_true", help="small sizes, for a run under two minutes")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--batch-size", type=int, default=32, help="documents per Dask task")
    parser.add_argument("--skip-ingest", action="store_true", help="only the query benchmark")
    parser.add_argument("--skip-workers", action="store_true", help="no Dask runs")
    parser.add_argument("--skip-queries", action="store_true", help="no synthetic event store")
    parser.add_argument("--repeat", type=int, default=3, help="query timings: best of this many")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the databases here instead of a temporary folder")
    parser.add_argument("--db", help="fill and query this empty database instead of a new SQLite file"
                                     " (e.g. postgresql://USER@HOST/NAME)")
    args = parser.parse_args()
    n_docs = args.docs or (200 if args.quick else 5000)
    n_events = args.events or (100_000 if args.quick else 1_000_000)

    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.skip_ingest:
            coder = default_coder()
            seconds, documents = timed(lambda: build_corpus(coder, n_docs, args.seed))
            chars = sum(len(d.text) for d in documents)
            print(f"corpus: {len(documents)} documents ({chars / len(documents):.0f} characters on average)"
                  f" recombined from the sample corpus in {seconds:.1f} s; model {coder.nlp.meta['name']}")
            _, sentences = throughput(coder, documents, folder)
            if not args.skip_workers:
                counts = tuple(int(c) for c in args.workers.split(","))
                workers(documents, folder, counts, args.batch_size, sentences)
        if not args.skip_queries:
            target = args.db or folder / "events.db"
            seconds, _ = timed(lambda: fill_events(target, n_events, args.seed))
            print(f"filled the synthetic store in {seconds:.1f} s")
            queries(target, args.repeat)


if __name__ == "__main__":
    main()
