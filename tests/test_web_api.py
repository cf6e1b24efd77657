"""The web app's JSON API and pages, through FastAPI's TestClient, over a small store of texts written here."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

fastapi = pytest.importorskip("fastapi", reason="the web app needs fastapi (pip install fastapi uvicorn jinja2)")
pytest.importorskip("jinja2", reason="the web app needs jinja2")

from fastapi.testclient import TestClient  # noqa: E402

from realpolitik import Store  # noqa: E402
from realpolitik.web import TOKEN_HEADER, create_app  # noqa: E402

PAYLOAD_TITLE = "<script>window.__pwned=1</script> Summit"

#: Three short articles written for these tests; the third carries script payloads in its title and text.
ARTICLES = [
    {"id": "pact", "title": "A pact in Moscow", "source": "Harbour Gazette", "published": "2025-03-10",
     "text": "Iran and Russia signed a defence pact on Monday in Moscow.\n\nThe United States condemned the"
             " agreement on Tuesday. France sent humanitarian aid to Ukraine."},
    {"id": "front", "title": "Shelling in the east", "source": "Northern Ledger", "published": "2025-04-02",
     "text": "Russian forces attacked Ukraine on Wednesday. Ukraine accused Russia of shelling Kharkiv. Germany"
             " praised Ukraine for its resilience. Russia and Iran held talks in Tehran on Thursday."},
    {"id": "payload", "title": PAYLOAD_TITLE, "source": "Harbour Gazette", "published": "2025-04-20",
     "text": "The United States praised Japan on Friday. <script>window.__pwned = 1</script>"
             " <img src=x onerror=\"window.__pwned=2\"> Japan thanked the United States for the support."
             " Iran criticised Russia over the delay."},
]


def build_store(folder: Path, coder, articles: list[dict] = ARTICLES) -> Path:
    """Ingest ``articles`` (as a JSON Lines file) into a new database in ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(article) + "\n" for article in articles), encoding="utf-8")
    db = folder / "web.db"
    with Store(db) as store:
        report = store.ingest([source], coder=coder)
    assert report.ingested == len(articles), report.line()
    return db


@pytest.fixture(scope="module")
def web_db(tmp_path_factory, coder) -> Path:
    return build_store(tmp_path_factory.mktemp("web"), coder)


@pytest.fixture(scope="module")
def client(web_db, coder) -> TestClient:
    return TestClient(create_app(web_db, coder=coder))


@pytest.fixture()
def writable(tmp_path, web_db, coder) -> TestClient:
    copy = tmp_path / "copy.db"
    with Store(web_db) as store:
        store.db.execute("VACUUM INTO ?", (str(copy),))
    return TestClient(create_app(copy, allow_writes=True, token="s3cret", coder=coder))


PAGES = ["/", "/network", "/events", "/documents", "/documents/pact", "/documents/payload", "/sources", "/analyse",
         "/api", "/actor/RUS", "/dyad/RUS/UKR", "/dyad/IRN/RUS?period=year"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_load(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_counts_and_documents(client):
    counts = client.get("/api/counts").json()
    assert counts["counts"]["documents"] == 3
    assert counts["counts"]["events"] >= 6
    documents = client.get("/api/documents").json()
    assert documents["total"] == 3
    assert {d["id"] for d in documents["documents"]} == {"pact", "front", "payload"}
    assert "text" not in documents["documents"][0]
    assert client.get("/api/documents?source=Northern%20Ledger").json()["total"] == 1


def test_document_has_events_and_highlights(client):
    data = client.get("/api/documents/pact").json()
    assert data["document"]["title"] == "A pact in Moscow"
    assert "".join(s["text"] for s in data["segments"]) == data["document"]["text"]
    kinds = {s["kind"]: s["text"] for s in data["segments"] if s["kind"]}
    assert {"actor", "trigger", "recipient"} <= set(kinds)
    triggers = [s["text"] for s in data["segments"] if s["kind"] == "trigger"]
    assert "signed" in triggers
    assert client.get("/api/documents/nope").status_code == 404


def test_event_filters(client):
    every = client.get("/api/events").json()["events"]
    assault = client.get("/api/events", params={"type": "ASSAULT"}).json()["events"]
    assert assault and all(e["type"] == "ASSAULT" for e in assault)
    by_russia = client.get("/api/events", params={"actor": "RUS"}).json()["events"]
    assert by_russia and all("RUS" in [a["country"] for a in e["actor"]] for e in by_russia)
    to_ukraine = client.get("/api/events", params={"recipient": "UKR"}).json()["events"]
    assert to_ukraine and all("UKR" in [r["country"] for r in e["recipient"]] for e in to_ukraine)
    conflict = client.get("/api/events", params={"quad_class": 4}).json()["events"]
    assert conflict and all(e["quad_class"] == 4 for e in conflict)
    ledger = client.get("/api/events", params={"source": "Northern Ledger"}).json()["events"]
    assert ledger and {e["doc_id"] for e in ledger} == {"front"}
    april = client.get("/api/events", params={"since": "2025-04"}).json()["events"]
    assert april and len(april) < len(every)
    assert all(e["date"] >= "2025-04" for e in april)
    assert client.get("/api/events", params={"limit": 2}).json()["count"] == 2


def test_full_text_search(client):
    found = client.get("/api/events", params={"q": "shelling"}).json()["events"]
    assert found and all("shelling" in e["sentence"] for e in found)
    assert client.get("/api/events", params={"q": "zeppelin"}).json()["count"] == 0
    # stray FTS5 syntax is searched as words instead of failing
    assert client.get("/api/events", params={"q": '"Kharkiv'}).status_code == 200


def test_bad_parameters_are_refused(client):
    assert client.get("/api/events", params={"since": "last week"}).status_code == 422
    assert client.get("/api/events", params={"quad_class": 9}).status_code == 422
    assert client.get("/api/events", params={"limit": 10**6}).status_code == 422
    assert client.get("/api/network", params={"count": "everything"}).status_code == 422
    assert client.get("/api/events", params={"actor": "x' OR 1=1 --"}).json()["count"] == 0


def test_analysis_endpoints(client):
    network = client.get("/api/network").json()
    actors = {n["actor"] for n in network["nodes"]}
    assert {"RUS", "UKR", "IRN"} <= actors
    assert all({"a", "b", "weight", "events"} <= set(e) for e in network["edges"])
    tie = next(e for e in network["edges"] if {e["a"], e["b"]} == {"RUS", "UKR"})
    assert tie["weight"] < 0
    assert {r["actor"] for r in client.get("/api/blocs").json()["rows"]} == actors
    dyads = client.get("/api/dyads", params={"between": ["RUS", "UKR"]}).json()["rows"]
    assert dyads and all({d["a"], d["b"]} == {"RUS", "UKR"} for d in dyads)
    assert client.get("/api/stories").json()["total"] >= 6
    sources = client.get("/api/sources").json()
    assert {r["source"] for r in sources["portrayal"]} == {"Harbour Gazette", "Northern Ledger"}
    timeline = client.get("/api/timeline/RUS", params={"other": "UKR"}).json()["rows"]
    assert timeline and all("RUS" in r["actors"] + r["recipients"] for r in timeline)


def test_openapi_is_served_without_cdn_docs(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/documents", "/api/stories", "/api/dyads", "/api/network", "/api/blocs",
                 "/api/sources", "/api/timeline/{actor}", "/api/analyse"):
        assert path in spec["paths"]
    assert client.get("/docs").status_code == 404  # the stock docs page loads its script from a CDN
    assert "/api/events" in client.get("/api").text


def test_analyse_without_storing(client):
    response = client.post("/api/analyse", json={"text": "Egypt hosted talks with Israel on Monday.",
                                                 "published": "2025-05-05"})
    assert response.status_code == 200
    data = response.json()
    assert data["stored"] is None
    assert [e["type"] for e in data["events"]] == ["CONSULT"]
    assert data["events"][0]["date"] == "2025-05-05"
    assert {"actor", "trigger", "recipient"} <= {s["kind"] for s in data["segments"]}
    assert client.get("/api/counts").json()["counts"]["documents"] == 3


def test_storing_needs_writes_and_token(client, writable):
    text = {"text": "Egypt hosted talks with Israel on Monday.", "store": True}
    assert client.post("/api/analyse", json=text).status_code == 403  # read-only server
    assert writable.post("/api/analyse", json=text).status_code == 403  # no token
    assert writable.post("/api/analyse", json=text, headers={TOKEN_HEADER: "wrong"}).status_code == 403
    response = writable.post("/api/analyse", json=text, headers={TOKEN_HEADER: "s3cret"})
    assert response.status_code == 200
    doc_id = response.json()["stored"]["doc_id"]
    assert writable.get(f"/api/documents/{doc_id}").json()["events"]
    assert writable.get("/api/counts").json()["counts"]["documents"] == 4


def test_request_size_limits(client):
    huge = b'{"text": "' + b"a" * 2_000_000 + b'"}'
    response = client.post("/api/analyse", content=huge, headers={"content-type": "application/json"})
    assert response.status_code == 413
    long_text = "Iran praised Iraq. " * 12_000
    assert client.post("/api/analyse", json={"text": long_text}).status_code == 422
    assert client.get("/api/events", params={"q": "x" * 600}).status_code == 422


def test_payloads_are_escaped_in_html(client):
    page = client.get("/documents/payload").text
    assert "<script>window" not in page
    assert "onerror=\"window" not in page
    assert "&lt;script&gt;window.__pwned" in page
    assert "&lt;img src=x onerror=" in page
    assert "<script>window" not in client.get("/").text
    assert "<script>window" not in client.get("/documents").text


def test_unknown_pages(client):
    assert client.get("/documents/missing").status_code == 404
    assert client.get("/actor/<x>").status_code == 404
    assert "no such document" in client.get("/documents/missing").text


def test_missing_database(tmp_path):
    client = TestClient(create_app(tmp_path / "none.db"))
    assert client.get("/api/counts").status_code == 503
    assert not (tmp_path / "none.db").exists()


MORE = [{"id": f"later-{n}", "title": f"Later {n}", "source": "Northern Ledger", "published": f"2025-05-{n + 1:02d}",
         "text": f"Turkey and Greece held talks in Ankara on day {n}. Greece praised Turkey for the offer number {n}."}
        for n in range(24)]


def test_serving_while_ingest_writes(tmp_path, web_db, coder):
    """``realpolitik ingest`` in another process writes while the API answers every request (WAL)."""
    db = tmp_path / "live.db"
    with Store(web_db) as store:
        store.db.execute("VACUUM INTO ?", (str(db),))
    more = tmp_path / "more.jsonl"
    more.write_text("".join(json.dumps(article) + "\n" for article in MORE), encoding="utf-8")
    client = TestClient(create_app(db, coder=coder))
    process = subprocess.Popen([sys.executable, "-c", "from realpolitik.cli import main; main()", "ingest",
                                str(more), "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen: set[int] = set()
    requests_during = 0
    deadline = time.monotonic() + 240
    try:
        while process.poll() is None and time.monotonic() < deadline:
            for url in ("/api/counts", "/api/events?limit=5", "/events", "/api/network"):
                response = client.get(url)
                assert response.status_code == 200, (url, response.text)
            seen.add(client.get("/api/counts").json()["counts"]["documents"])
            requests_during += 1
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
        _out, err = process.communicate()
    assert process.returncode == 0, err.decode()
    assert requests_during >= 3
    assert client.get("/api/counts").json()["counts"]["documents"] == 3 + len(MORE)
    assert min(seen) >= 3
