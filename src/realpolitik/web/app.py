"""The FastAPI application: HTML pages under ``/``, JSON under ``/api``, files under ``/static``.

Design notes:

- **One store per request.** Each handler opens :class:`realpolitik.Store` and closes it before returning,
  so a long ``realpolitik ingest`` in another process never blocks or confuses the server (WAL readers see
  the last committed document). Handlers are plain functions: FastAPI runs them in a thread pool.
- **Escaping.** Pages are Jinja2 templates with autoescaping on for everything; the scripts build the DOM
  with ``textContent`` and ``setAttribute`` only. The Content-Security-Policy allows scripts and styles
  from this app alone, so even a missed escape could not run an inline script.
- **Limits.** Request bodies above :data:`MAX_BODY_BYTES` are refused, a pasted text above
  :data:`MAX_TEXT_CHARS` too, and list endpoints cap their rows at :data:`MAX_ROWS`.
- **Writes.** The app is read-only unless built with ``allow_writes=True``; storing a pasted text then
  also needs the token in the :data:`TOKEN_HEADER` header (compared in constant time).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import pandas as pd
from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape

from realpolitik.analysis.dyads import dyads as dyads_view
from realpolitik.analysis.frame import Filter, actor_key
from realpolitik.analysis.network import blocs as blocs_view
from realpolitik.analysis.network import centrality, ties
from realpolitik.analysis.network import network as network_graph
from realpolitik.analysis.sources import disagreements
from realpolitik.analysis.sources import sources as sources_view
from realpolitik.analysis.stories import stories as stories_view
from realpolitik.analysis.timeline import timeline as timeline_view
from realpolitik.model import Document, Event
from realpolitik.pipeline import Coder
from realpolitik.store import BadSearch, EventFilter, Store, is_url

HERE = Path(__file__).resolve().parent
TOKEN_HEADER = "X-Realpolitik-Token"
MAX_BODY_BYTES = 1_000_000
MAX_TEXT_CHARS = 200_000
MAX_ROWS = 1000
DEFAULT_ROWS = 200

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
       " object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")

DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
Many = Annotated[list[str] | None, Query(description="repeatable")]


# -- middleware -------------------------------------------------------------------------------------------

class Guard:
    """ASGI middleware: refuse oversized bodies and add security headers to every response."""

    def __init__(self, app: Callable, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, b"request body too large")
            return
        seen = 0

        async def limited_receive() -> dict:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:  # a chunked body that grows past the limit: drop the connection
                    return {"type": "http.disconnect"}
            return message

        async def secured_send(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, limited_receive, secured_send)


async def _plain(send: Callable, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# -- helpers ----------------------------------------------------------------------------------------------

def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A DataFrame as JSON-ready rows (NaN as None, tuples as lists)."""
    return json.loads(frame.to_json(orient="records", force_ascii=False, date_format="iso")) if len(frame) else []


def event_json(event: Event) -> dict[str, Any]:
    data = event.to_dict()
    data["factual"] = event.factual
    return data


def highlight(text: str, events: list[Event], offset: int = 0) -> list[dict[str, str]]:
    """``text`` cut into segments marked "trigger", "actor", "recipient" or "" from the events' offsets.

    Offsets are document offsets; ``offset`` is where ``text`` starts in the document. Where spans of
    different events overlap the trigger wins over the actor, the actor over the recipient.
    """
    marks = bytearray(len(text))
    rank = {"recipient": 1, "actor": 2, "trigger": 3}
    for event in events:
        spans = [("trigger", event.trigger.start, event.trigger.end)]
        spans += [("actor", e.start, e.end) for e in event.actor]
        spans += [("recipient", e.start, e.end) for e in event.recipient]
        for kind, start, end in spans:
            if start is None or end is None or start < 0 or end <= start:
                continue
            start, end = max(start - offset, 0), min(end - offset, len(text))
            for i in range(start, end):
                marks[i] = max(marks[i], rank[kind])
    names = {0: "", 1: "recipient", 2: "actor", 3: "trigger"}
    segments: list[dict[str, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or marks[i] != marks[start]:
            segments.append({"text": text[start:i], "kind": names[marks[start]] if text else ""})
            start = i
    return segments


def paragraphs(segments: list[dict[str, str]]) -> list[list[dict[str, str]]]:
    """Segments split at blank lines, so a document page shows its paragraphs."""
    out: list[list[dict[str, str]]] = [[]]
    for segment in segments:
        parts = re.split(r"\n\s*\n", segment["text"])
        for number, part in enumerate(parts):
            if number:
                out.append([])
            if part:
                out[-1].append({"text": part, "kind": segment["kind"]})
    return [p for p in out if p]


def parties(entities: list[dict[str, Any]]) -> str:
    return ", ".join(str(e.get("name") or e.get("text") or "") for e in entities)


def _filter(since: str | None = None, until: str | None = None, source: list[str] | None = None,
            type_: list[str] | None = None, actor: list[str] | None = None, level: str = "actor") -> Filter:
    return Filter(since=since or None, until=until or None, sources=tuple(s for s in source or () if s),
                  types=tuple(t for t in type_ or () if t), actors=tuple(a for a in actor or () if a),
                  level=level)  # type: ignore[arg-type]


def _search_variants(query: str) -> list[str]:
    """The FTS5 query as typed, then with every word quoted (so stray syntax cannot fail the search)."""
    words = [w for w in re.split(r"\s+", query.strip()) if w]
    quoted = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return [query, quoted] if quoted != query else [query]


# -- the application --------------------------------------------------------------------------------------

def create_app(db: str | Path, *, allow_writes: bool = False, token: str | None = None,
               coder: Coder | Callable[[], Coder] | None = None) -> FastAPI:
    """The dashboard over the database ``db``: a SQLite file or a ``postgresql://`` URL.

    ``coder`` (a :class:`Coder`, or a function returning one) codes pasted texts; by default the
    process-wide :func:`realpolitik.default_coder`, loaded on first use. With ``allow_writes`` and no
    ``token`` a random token is made; it is in ``app.state.token``.
    """
    target = db if is_url(db) else Path(db)
    if allow_writes and not token:
        token = secrets.token_urlsafe(24)
    coder_lock = threading.Lock()
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["q"] = lambda value: quote(str(value), safe="")
    env.filters["parties"] = parties
    env.filters["key"] = lambda e: actor_key(e.country, e.id, e.sector, "actor")
    env.globals.update(quads=QUAD_NAMES, plover_types=PLOVER_TYPES, allow_writes=allow_writes)

    app = FastAPI(title="realpolitik", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Documents, PLOVER events and the relations they add up to.")
    app.state.token = token
    app.state.db = target
    app.add_middleware(Guard)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @contextmanager
    def opened() -> Iterator[Store]:
        if isinstance(target, Path) and not target.exists():  # a file is not created by merely looking
            raise HTTPException(503, f"no database at {target}")
        store = Store(target)
        try:
            yield store
        finally:
            store.close()

    def get_coder() -> Coder:
        if coder is None:
            from realpolitik import default_coder

            return default_coder()
        return coder if isinstance(coder, Coder) else coder()

    def page(name: str, request: Request, **context: Any) -> HTMLResponse:
        template = env.get_template(name)
        return HTMLResponse(template.render(request_path=request.url.path, **context))

    def find_events(store: Store, where: EventFilter) -> list[Event]:
        if not where.search:
            return store.events(where)
        error: BadSearch | None = None
        for variant in _search_variants(where.search):
            try:
                return store.events(EventFilter(**{**where.__dict__, "search": variant}))
            except BadSearch as exc:
                error = exc
        raise HTTPException(400, f"bad search: {error}")

    # -- JSON API -----------------------------------------------------------------------------------------

    @app.get("/api/counts", tags=["overview"])
    def api_counts() -> dict[str, Any]:
        """How many documents, sentences, mentions, events and ingest errors the store holds."""
        with opened() as store:
            return {"counts": store.counts(), "by_type": store.events_by_type(),
                    "top_dyads": [dict(zip(("actor", "recipient", "events", "net"), row, strict=True))
                                  for row in store.top_dyads(20)]}

    @app.get("/api/documents", tags=["documents"])
    def api_documents(source: str | None = None, limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = DEFAULT_ROWS,
                      offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        """Stored documents (without their text), by publication date."""
        with opened() as store:
            docs = [d for d in store.documents() if not source or d["source"] == source]
        return {"total": len(docs), "documents": docs[offset:offset + limit]}

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def api_document(doc_id: str) -> dict[str, Any]:
        """One document with its text, its events and the highlighted segments of its text."""
        with opened() as store:
            doc = store.document(doc_id)
            if doc is None:
                raise HTTPException(404, "no such document")
            events = store.events(EventFilter(doc_id=doc_id))
        return {"document": doc, "events": [event_json(e) for e in events],
                "segments": highlight(doc["text"], events)}

    @app.get("/api/events", tags=["events"])
    def api_events(actor: str | None = None, recipient: str | None = None,
                   type: Annotated[str | None, Query(description="PLOVER type")] = None,
                   quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
                   since: DateParam = None, until: DateParam = None, source: str | None = None,
                   q: Annotated[str | None, Query(max_length=500, description="full-text search")] = None,
                   doc_id: str | None = None, factual_only: bool = False,
                   limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = DEFAULT_ROWS) -> dict[str, Any]:
        """Events matching every given filter; ``q`` searches their sentences (full-text, stemmed)."""
        where = EventFilter(doc_id=doc_id or None, type=type or None, actor=actor or None,
                            recipient=recipient or None, quad_class=quad_class, source=source or None,
                            since=since or None, until=until or None, factual_only=factual_only,
                            search=q or None, limit=limit)
        with opened() as store:
            events = find_events(store, where)
        return {"count": len(events), "events": [event_json(e) for e in events]}

    @app.get("/api/stories", tags=["analysis"])
    def api_stories(since: DateParam = None, until: DateParam = None, source: Many = None,
                    type: Many = None,
                    actor: Many = None, count: str = "stories",
                    limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = DEFAULT_ROWS) -> dict[str, Any]:
        """Real events grouped across their mentions (``count=mentions`` lists every mention)."""
        _count(count)
        with opened() as store:
            table = stories_view(store, _filter(since, until, source, type, actor), count)  # type: ignore[arg-type]
        return {"total": len(table), "rows": records(table.head(limit))}

    @app.get("/api/dyads", tags=["analysis"])
    def api_dyads(since: DateParam = None, until: DateParam = None, source: Many = None,
                  type: Many = None,
                  actor: Many = None,
                  between: Annotated[list[str] | None, Query(description="one or two actor keys")] = None,
                  period: str | None = None, directed: bool = True, count: str = "stories") -> dict[str, Any]:
        """Actor pairs per period: counts by quad class and net cooperation-conflict score."""
        _count(count)
        if period not in (None, "", "month", "quarter", "year"):
            raise HTTPException(422, "period must be month, quarter or year")
        with opened() as store:
            table = dyads_view(store, _filter(since, until, source, type, actor), period=period or None,
                               directed=directed, count=count, between=tuple(between or ()))  # type: ignore[arg-type]
        return {"rows": records(table.head(MAX_ROWS))}

    def network_data(store: Store, where: Filter, count: str, min_events: int) -> dict[str, Any]:
        graph = network_graph(store, where, count=count, min_events=min_events)  # type: ignore[arg-type]
        if len(graph) == 0:
            return {"nodes": [], "edges": [], "frustration": 0.0}
        nodes = records(centrality(graph))
        camps = blocs_view(graph)
        bloc_of = dict(zip(camps["actor"], camps["bloc"], strict=True))
        for node in nodes:
            node["bloc"] = int(bloc_of.get(node["actor"], 0))
        return {"nodes": nodes, "edges": records(ties(graph)), "frustration": camps.attrs.get("frustration")}

    @app.get("/api/network", tags=["analysis"])
    def api_network(since: DateParam = None, until: DateParam = None,
                    source: Many = None,
                    type: Many = None,
                    actor: Many = None, level: str = "actor",
                    count: str = "stories", min_events: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """The signed actor network: nodes with activity and bloc, edges with net score and counts."""
        _count(count)
        _level(level)
        with opened() as store:
            return network_data(store, _filter(since, until, source, type, actor, level), count, min_events)

    @app.get("/api/blocs", tags=["analysis"])
    def api_blocs(since: DateParam = None, until: DateParam = None, level: str = "actor", count: str = "stories",
                  min_events: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """The camps the signed network divides into, and how frustrated that division is."""
        _count(count)
        _level(level)
        with opened() as store:
            graph = network_graph(store, _filter(since, until, level=level), count=count,  # type: ignore[arg-type]
                                  min_events=min_events)
        if len(graph) == 0:
            return {"rows": [], "frustration": 0.0}
        table = blocs_view(graph)
        return {"rows": records(table), "frustration": table.attrs.get("frustration")}

    @app.get("/api/sources", tags=["analysis"])
    def api_sources(since: DateParam = None, until: DateParam = None, count: str = "stories",
                    period: str | None = "month") -> dict[str, Any]:
        """How each source portrays each actor, and the dyads sources score in opposite ways."""
        _count(count)
        with opened() as store:
            where = _filter(since, until)
            portrayal = sources_view(store, where, count)  # type: ignore[arg-type]
            gaps = disagreements(store, where, period=period or None, count=count)  # type: ignore[arg-type]
        return {"portrayal": records(portrayal), "disagreements": records(gaps)}

    @app.get("/api/timeline/{actor}", tags=["analysis"])
    def api_timeline(actor: str, other: str | None = None, since: DateParam = None, until: DateParam = None,
                     count: str = "stories", directed: bool = False) -> dict[str, Any]:
        """An actor's (or, with ``other``, a dyad's) events in the order they happened."""
        _count(count)
        with opened() as store:
            table = timeline_view(store, actor, other or None, _filter(since, until), count=count,  # type: ignore[arg-type]
                                  directed=directed)
        return {"rows": records(table.head(MAX_ROWS))}

    @app.post("/api/analyse", tags=["coding"])
    def api_analyse(request: Request, text: Annotated[str, Body(max_length=MAX_TEXT_CHARS)],
                    published: Annotated[str | None, Body(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
                    store: Annotated[bool, Body(description="keep the text in the database")] = False,
                    title: Annotated[str | None, Body(max_length=500)] = None,
                    source: Annotated[str | None, Body(max_length=200)] = None) -> dict[str, Any]:
        """Code a pasted text: its events and highlighted segments. ``store`` needs write access and the token."""
        if not text.strip():
            raise HTTPException(422, "empty text")
        if store:
            if not allow_writes:
                raise HTTPException(403, "this server is read-only (start it with --allow-writes)")
            given = request.headers.get(TOKEN_HEADER, "")
            if not token or not secrets.compare_digest(given.encode(), token.encode()):
                raise HTTPException(403, f"missing or wrong {TOKEN_HEADER} header")
        day = date.fromisoformat(published) if published else None
        active = get_coder()
        doc_id = "pasted"
        stored = None
        with coder_lock:
            if store:
                document = Document("pasted", text.strip(), title=title or None, source=source or None, published=day)
                document.id = f"pasted-{document.content_hash[:12]}"
                doc_id = document.id
                with opened() as db:
                    report = db.ingest_items([document], coder=active)
                stored = {"doc_id": doc_id, "new": bool(report.ingested)}
                with opened() as db:
                    events = db.events(EventFilter(doc_id=doc_id))
                    kept = db.document(doc_id)
                coded_text = kept["text"] if kept else text
            else:
                coded = active.code_text(text, day, doc_id=doc_id)
                events, coded_text = coded.events, coded.document.text
        return {"doc_id": doc_id, "stored": stored, "events": [event_json(e) for e in events],
                "segments": highlight(coded_text, events)}

    # -- pages --------------------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview(request: Request) -> HTMLResponse:
        with opened() as store:
            counts = store.counts()
            top = store.top_dyads(10)
            by_type = store.events_by_type()
            latest: list[Event] = []
            documents = sorted(store.documents(), key=lambda d: (d["published"] or "", d["id"]), reverse=True)
            for doc in documents:
                if len(latest) >= 15:
                    break
                latest.extend(store.events(EventFilter(doc_id=doc["id"])))
        return page("overview.html", request, counts=counts, top=top, by_type=by_type, latest=latest[:15],
                    documents=documents[:10], title="Overview")

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(request: Request, since: DateParam = None, until: DateParam = None, level: str = "actor",
                     min_events: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:
        _level(level)
        query = urlencode({k: v for k, v in {"since": since, "until": until, "level": level,
                                             "min_events": min_events}.items() if v})
        with opened() as store:
            data = network_data(store, _filter(since, until, level=level), "stories", min_events)
        return page("network.html", request, data=data, query=query, since=since or "", until=until or "",
                    level=level, min_events=min_events, title="Network")

    @app.get("/actor/{key}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(request: Request, key: str) -> HTMLResponse:
        _key(key)
        with opened() as store:
            rows = records(timeline_view(store, key, count="mentions"))
            partners = records(dyads_view(store, directed=False, between=(key,)))
        return page("actor.html", request, key=key, rows=rows, partners=partners, title=f"Actor {key}")

    @app.get("/dyad/{first}/{second}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(request: Request, first: str, second: str, period: str = "month") -> HTMLResponse:
        _key(first)
        _key(second)
        if period not in ("month", "quarter", "year"):
            raise HTTPException(422, "period must be month, quarter or year")
        with opened() as store:
            table = records(dyads_view(store, period=period, directed=True, between=(first, second)))  # type: ignore[arg-type]
            rows = records(timeline_view(store, first, second, count="mentions"))
        chart = dyad_chart(table, first, second)
        return page("dyad.html", request, first=first, second=second, table=table, rows=rows, chart=chart,
                    period=period, title=f"{first} and {second}")

    @app.get("/events", response_class=HTMLResponse, include_in_schema=False)
    def events_page(request: Request, actor: str = "", recipient: str = "", type: str = "",
                    quad_class: str = "", since: str = "", until: str = "", source: str = "",
                    q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
        form = {"actor": actor, "recipient": recipient, "type": type, "quad_class": quad_class, "since": since,
                "until": until, "source": source, "q": q}
        problems = []
        for name in ("since", "until"):
            if form[name] and not re.fullmatch(DATE_PATTERN[1:-1], form[name]):
                problems.append(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD")
                form[name] = ""
        quad = int(quad_class) if quad_class in ("1", "2", "3", "4") else None
        where = EventFilter(actor=actor.strip() or None, recipient=recipient.strip() or None, type=type or None,
                            quad_class=quad, since=form["since"] or None, until=form["until"] or None,
                            source=source or None, search=q.strip() or None, limit=DEFAULT_ROWS)
        with opened() as store:
            sources = sorted({d["source"] for d in store.documents() if d["source"]})
            try:
                events = find_events(store, where)
            except HTTPException as exc:
                problems.append(str(exc.detail))
                events = []
        return page("events.html", request, form=form, events=events, sources=sources, problems=problems,
                    limit=DEFAULT_ROWS, title="Events")

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request) -> HTMLResponse:
        with opened() as store:
            documents = store.documents()
        return page("documents.html", request, documents=documents, title="Documents")

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc_id: str) -> HTMLResponse:
        with opened() as store:
            doc = store.document(doc_id)
            if doc is None:
                raise HTTPException(404, "no such document")
            events = store.events(EventFilter(doc_id=doc_id))
        return page("document.html", request, doc=doc, events=events,
                    paragraphs=paragraphs(highlight(doc["text"], events)), title=doc["title"] or doc_id)

    @app.get("/sources", response_class=HTMLResponse, include_in_schema=False)
    def sources_page(request: Request) -> HTMLResponse:
        data = api_sources(count="stories", period="month")
        return page("sources.html", request, portrayal=data["portrayal"], gaps=data["disagreements"],
                    title="Sources")

    @app.get("/analyse", response_class=HTMLResponse, include_in_schema=False)
    def analyse_page(request: Request) -> HTMLResponse:
        return page("analyse.html", request, token_header=TOKEN_HEADER, title="Analyse a text")

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request) -> HTMLResponse:
        spec = app.openapi()
        endpoints = [{"path": path, "method": method.upper(), "summary": op.get("summary", ""),
                      "description": op.get("description", ""),
                      "parameters": [p["name"] for p in op.get("parameters", [])]}
                     for path, methods in spec["paths"].items() for method, op in methods.items()]
        return page("api.html", request, endpoints=endpoints, title="API")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response((HERE / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    @app.exception_handler(HTTPException)
    def http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        body = env.get_template("error.html").render(status=exc.status_code, detail=str(exc.detail),
                                                     request_path=request.url.path, title="Error")
        return HTMLResponse(body, status_code=exc.status_code)

    return app


def _count(value: str) -> None:
    if value not in ("stories", "mentions"):
        raise HTTPException(422, "count must be stories or mentions")


def _level(value: str) -> None:
    if value not in ("actor", "country"):
        raise HTTPException(422, "level must be actor or country")


def _key(value: str) -> None:
    if not KEY_PATTERN.match(value):
        raise HTTPException(404, "no such actor")


def dyad_chart(table: list[dict[str, Any]], first: str, second: str, width: int = 720,
               height: int = 300) -> dict[str, Any]:
    """SVG geometry for a dyad's net score per period, one line per direction, and event counts as bars below."""
    periods = sorted({row["period"] for row in table if row["period"] not in ("undated", "all")})
    if not periods:
        return {"periods": [], "width": width, "height": height}
    left, right, top, bottom, strip = 48, 16, 16, 28, 48
    plot_w, plot_h = width - left - right, height - top - bottom - strip - 12
    base = height - bottom
    net = {(row["period"], row["a"], row["b"]): row["net"] for row in table}
    events = {p: sum(row["events"] for row in table if row["period"] == p) for p in periods}
    values = [net.get((p, a, b), 0.0) for p in periods for a, b in ((first, second), (second, first))]
    span = max(max(abs(v) for v in values), 1.0)
    step = plot_w / max(len(periods) - 1, 1)

    def x(i: int) -> float:
        return round(left + (i * step if len(periods) > 1 else plot_w / 2), 1)

    def y(value: float) -> float:
        return round(top + plot_h / 2 - value / span * plot_h / 2, 1)

    most = max(events.values()) or 1
    bar_w = max(min(step * 0.5, 24), 4)
    bars = []
    for i, p in enumerate(periods):
        tall = round(events[p] / most * strip, 1)
        bars.append({"x": round(x(i) - bar_w / 2, 1), "w": round(bar_w, 1), "y": round(base - tall, 1), "h": tall,
                     "n": events[p], "period": p})
    lines = []
    for a, b, css in ((first, second, "forward"), (second, first, "backward")):
        points = [(x(i), y(net.get((p, a, b), 0.0)), net.get((p, a, b), 0.0), p) for i, p in enumerate(periods)]
        lines.append({"label": f"{a} → {b}", "css": css,
                      "points": " ".join(f"{px},{py}" for px, py, _, _ in points),
                      "dots": [{"x": px, "y": py, "v": v, "period": p} for px, py, v, p in points]})
    ticks = [{"y": y(v), "label": f"{v:+.1f}" if v else "0"} for v in (span, span / 2, 0, -span / 2, -span)]
    every = max(1, len(periods) // 8)
    labels = [{"x": x(i), "text": p} for i, p in enumerate(periods) if i % every == 0]
    return {"periods": periods, "width": width, "height": height, "bars": bars, "lines": lines, "ticks": ticks,
            "labels": labels, "left": left, "right": width - right, "zero": y(0), "base": base,
            "label_y": base + 18, "strip_label_y": base - strip / 2 + 4, "most": most}
