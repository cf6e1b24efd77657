"""Speed of the coder's components on the sample corpus, printed as figures (not a test).

    python benchmarks/bench_components.py [--repeat 3]

Prints: spaCy parsing alone (sentences/s), gazetteer matching (sentences/s, on parsed docs),
actor phrase look-ups (phrases/s), date finding (sentences/s), and the whole coder on parsed
docs and end to end (sentences/s). The gazetteer is compiled once before timing starts, as in
real use.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from realpolitik import default_coder
from realpolitik.evaluate import SAMPLE_CORPUS
from realpolitik.model import Document
from realpolitik.when import find_dates

PHRASES = ["the Iranian president", "Iran's foreign minister", "American warplanes", "the Kremlin", "Hezbollah",
           "the US secretary of state", "Israeli police", "rebels", "the weather", "the Obama administration"]


def timed(label: str, unit: str, count: int, work: Callable[[], object], repeat: int) -> float:
    best = min(_once(work) for _ in range(repeat))
    rate = count / best
    print(f"{label:<42} {rate:>10,.0f} {unit}/s   ({count} {unit} in {best:.3f} s)")
    return rate


def _once(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    coder = default_coder()
    records = [json.loads(line) for line in SAMPLE_CORPUS.read_text(encoding="utf-8").splitlines() if line]
    docs = [Document(r["id"], r["text"]) for r in records]
    parsed = list(coder.nlp.pipe([d.text for d in docs]))
    sentences = [s.text for doc in parsed for s in doc.sents]
    n = len(sentences)
    print(f"sample corpus: {len(docs)} documents, {n} sentences, model {coder.nlp.meta['name']}")
    parse = timed("spaCy parse (nlp.pipe)", "sentences", n, lambda: list(coder.nlp.pipe(d.text for d in docs)),
                  args.repeat)
    timed("gazetteer matching on parsed docs", "sentences", n, lambda: [coder.matcher(d) for d in parsed],
          args.repeat)
    timed("actor phrase look-ups (incl. tokenising+parse)", "phrases", len(PHRASES) * 10,
          lambda: [coder.actor(p) for _ in range(10) for p in PHRASES], args.repeat)
    timed("date finding", "sentences", n, lambda: [find_dates(s, None) for s in sentences], args.repeat)
    timed("coding parsed docs (actors, events, dates, places)", "sentences", n,
          lambda: [coder.code_parsed(p, d) for p, d in zip(parsed, docs, strict=True)], args.repeat)
    whole = timed("end to end (parse + code)", "sentences", n, lambda: list(coder.code_documents(docs)),
                  args.repeat)
    print(f"end-to-end / bare parsing: {whole / parse:.2f}")


if __name__ == "__main__":
    main()
