"""URLs and feeds against a local HTTP server: safety rules, limits, feeds, seen items, the commands.

The server listens on 127.0.0.1 only and is started and stopped by the fixture; no test sends traffic
anywhere else (addresses such as 127.0.0.2 or 10.0.0.7 appear only to be refused before connecting).
"""

from __future__ import annotations

import contextlib
import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from realpolitik.ingest import FetchOptions, read_paths
from realpolitik.ingest.commands import COMMANDS, parse_duration
from realpolitik.ingest.feeds import MAX_ATTEMPTS, SeenItems, read_feed_list, watch_once
from realpolitik.ingest.safety import AddressPolicy, AddressRefused, GuardedTransport
from realpolitik.ingest.web import Fetcher, FetchError, HostRateLimiter, url_id
from realpolitik.model import Document, IngestError
from realpolitik.store import Store

LOCAL = FetchOptions(allow_private=True, host_interval=0.0, timeout=2.0)


def _page(title: str, *paragraphs: str, date: str = "2024-03-05") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>"
            f'<meta property="article:published_time" content="{date}"></head>'
            f"<body><nav>Home | World | Markets</nav><article><h1>{title}</h1>{body}</article>"
            f"<footer>All rights reserved</footer></body></html>").encode()


ARTICLE_A = _page(
    "Border talks open",
    "Negotiators from Armenia and Azerbaijan opened a new round of border talks in Almaty on Monday, "
    "according to officials from both delegations.",
    "The two foreign ministers are expected to join the discussions later in the week, the host "
    "government said in a statement.",
)
ARTICLE_B = _page(
    "Grain corridor extended",
    "Turkey said on Tuesday that the grain shipping arrangement with Ukraine would be extended for another "
    "four months after overnight negotiations.",
    "Officials in Ankara described the extension as a relief for importers in Africa and the Middle East.",
)
ARTICLE_C = _page(
    "Sanctions widened",
    "The European Union added twelve companies to its sanctions list on Wednesday, accusing them of "
    "supplying drone parts.",
    "Diplomats said that the measure had been agreed after weeks of talks between member states.",
)
FRENCH = _page(
    "Sommet à Genève",
    "Les dirigeants des deux pays se sont retrouvés mardi à Genève pour un sommet consacré à la sécurité "
    "régionale et aux échanges commerciaux.",
    "Selon la présidence, les discussions se poursuivront au niveau des ministres dans les prochaines semaines.",
)


def _rss(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Test Wire</title><link>{base}/</link><description>Test feed</description>
<item><title>Border talks open</title><link>{base}/articles/a</link><guid isPermaLink="false">wire-1</guid>
<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate></item>
<item><title>Sommet</title><link>{base}/articles/fr</link><guid isPermaLink="false">wire-2</guid></item>
<item><title>Gone</title><link>{base}/articles/gone</link><guid isPermaLink="false">wire-3</guid></item>
<item><title>Brief</title><guid isPermaLink="false">wire-4</guid><description>&lt;p&gt;Kenya and Ethiopia agreed
on Friday to reopen a border crossing that had been closed for two years, officials from both governments
said.&lt;/p&gt;</description></item>
</channel></rss>""".encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Atom</title><id>urn:test:atom</id>
<updated>2024-03-06T10:00:00Z</updated>
<entry><title>Grain corridor extended</title><id>urn:test:b</id><link href="articles/b"/>
<updated>2024-03-05T08:00:00Z</updated></entry>
<entry><title>Sanctions widened</title><id>urn:test:c</id><link href="/articles/c"/>
<published>2024-03-06T07:30:00Z</published></entry>
</feed>"""

Route = tuple[int, dict[str, str], bytes]


@dataclass
class Site:
    """The local server: routes by path, and a log of (path, headers) for every request it got."""

    base: str
    port: int
    routes: dict[str, Route | Callable[[], Route]] = field(default_factory=dict)
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [path for path, _ in self.log]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.log.append((self.path, dict(self.headers)))
            route = site.routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not here"))
            status, headers, body = route() if callable(route) else route
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up on purpose
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def site() -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Site("", 0)))
    port = server.server_address[1]
    state = Site(f"http://127.0.0.1:{port}", port)
    server.RequestHandlerClass = _handler(state)
    server.daemon_threads = True
    html = {"Content-Type": "text/html; charset=utf-8"}
    state.routes.update({
        "/articles/a": (200, html, ARTICLE_A),
        "/articles/b": (200, html, ARTICLE_B),
        "/articles/c": (200, html, ARTICLE_C),
        "/articles/fr": (200, html, FRENCH),
        "/rss.xml": (200, {"Content-Type": "application/rss+xml"}, _rss(state.base)),
        "/atom.xml": (200, {"Content-Type": "application/atom+xml; charset=utf-8"}, ATOM),
        "/to-loopback": (302, {"Location": f"http://127.0.0.2:{port}/articles/a"}, b""),
        "/moved": (301, {"Location": "/articles/a"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/report.pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 not really"),
        "/huge": (200, {"Content-Type": "text/html", "Content-Length": str(50_000_000)}, b""),
        "/plain": (200, {"Content-Type": "text/plain; charset=iso-8859-1"},
                   "Officials in Zürich said the café talks between Serbia and Kosovo ended without a deal "
                   "on Thursday evening.".encode("latin-1")),
        "/untyped": (200, {}, ARTICLE_B),
        "/broken": (500, {"Content-Type": "text/plain"}, b"oops"),
        "/slow": lambda: (time.sleep(1.5), (200, html, ARTICLE_A))[1],
    })
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _read(urls: list[str], options: FetchOptions = LOCAL) -> list[Document | IngestError]:
    return list(read_paths(urls, fetch=options))


def _only_error(items: list[Document | IngestError]) -> IngestError:
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    return items[0]


# -- address safety -------------------------------------------------------------------------


@pytest.mark.parametrize(("address", "why"), [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("2002:7f00:1::", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"),
    ("192.168.1.1", "private"), ("fc00::1", "private"), ("169.254.169.254", "link-local"),
    ("fe80::1", "link-local"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("0.0.0.0", "unspecified"), ("100.64.0.1", "non-public"), ("64:ff9b::7f00:1", "reserved"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None),
])
def test_address_policy_refuses_every_non_public_range(address, why):
    assert AddressPolicy().refusal(ipaddress.ip_address(address)) == why
    assert AddressPolicy(allow_private=True).refusal(ipaddress.ip_address(address)) is None


def test_allowed_networks_open_only_the_named_network():
    policy = AddressPolicy.build(allowed_networks=["10.1.0.0/16"])
    assert policy.refusal(ipaddress.ip_address("10.1.9.9")) is None
    assert policy.refusal(ipaddress.ip_address("10.2.0.1")) == "private"
    with pytest.raises(ValueError, match="not an IP network"):
        AddressPolicy.build(allowed_networks=["intranet"])


def test_loopback_is_refused_by_default_and_nothing_is_sent(site, monkeypatch):
    monkeypatch.delenv("REALPOLITIK_ALLOW_PRIVATE", raising=False)
    error = _only_error(list(read_paths([f"{site.base}/articles/a"])))
    assert error.reason == "refused address" and "127.0.0.1" in error.detail and "loopback" in error.detail
    assert site.log == []


def test_a_host_name_is_checked_after_resolution(site):
    error = _only_error(_read([f"http://localhost:{site.port}/articles/a"], FetchOptions(host_interval=0)))
    assert error.reason == "refused address" and "loopback" in error.detail
    assert site.log == []


def test_a_redirect_to_a_loopback_address_is_refused(site):
    # 127.0.0.1 stands in for a public server here; the redirect then points at another loopback address.
    trusting = FetchOptions(allowed_networks=("127.0.0.1/32",), host_interval=0)
    assert isinstance(_read([f"{site.base}/articles/a"], trusting)[0], Document)
    site.log.clear()
    error = _only_error(_read([f"{site.base}/to-loopback"], trusting))
    assert error.reason == "refused address" and "127.0.0.2" in error.detail
    assert site.paths() == ["/to-loopback"]  # the target was never contacted
    error = _only_error(_read([f"{site.base}/to-loopback"], LOCAL))  # --allow-private: 127.0.0.2 is fine...
    assert error.reason == "network error"  # ...but nothing listens there


def test_the_checked_address_is_the_one_connected_to(site):
    """A name resolved once, checked, and pinned: the Host header keeps the name (DNS rebinding defence)."""
    local = ipaddress.ip_address("127.0.0.1")
    transport = GuardedTransport(AddressPolicy.build(allowed_networks=["127.0.0.1/32"]),
                                 resolver=lambda host, port: [local])
    with httpx.Client(transport=transport) as client:
        response = client.get(f"http://news.invalid:{site.port}/articles/a")
    assert response.status_code == 200 and b"Border talks" in response.content
    assert site.log[-1][1]["Host"] == f"news.invalid:{site.port}"
    rebinding = GuardedTransport(AddressPolicy(), resolver=lambda host, port: [ipaddress.ip_address("8.8.8.8"),
                                                                               ipaddress.ip_address("10.0.0.7")])
    with httpx.Client(transport=rebinding) as client, pytest.raises(AddressRefused, match=r"10\.0\.0\.7"):
        client.get("http://news.invalid/")


def test_only_http_and_https_are_fetched(site):
    for url in ("ftp://127.0.0.1/x.txt", "file:///etc/passwd", "gopher://127.0.0.1:70/"):
        assert _only_error(_read([url])).reason == "unsupported URL scheme"
    error = _only_error(_read([f"{site.base}/to-file"]))
    assert error.reason == "unsupported URL scheme" and "redirected to file:" in error.detail


# -- limits and content ---------------------------------------------------------------------


def test_allow_private_fetches_the_local_article_with_a_polite_user_agent(site):
    (doc,) = _read([f"{site.base}/articles/a"])
    assert isinstance(doc, Document)
    assert doc.title == "Border talks open" and "Almaty" in doc.text and "Home | World" not in doc.text
    assert str(doc.published) == "2024-03-05" and doc.path == f"{site.base}/articles/a"
    assert doc.id == f"127.0.0.1:{site.port}/articles/a"
    agent = site.log[0][1]["User-Agent"]
    assert agent.startswith("realpolitik/") and "polite" in agent


def test_redirects_are_followed_up_to_a_limit(site):
    (doc,) = _read([f"{site.base}/moved"])
    assert isinstance(doc, Document) and "Almaty" in doc.text
    assert site.paths() == ["/moved", "/articles/a"]
    site.log.clear()
    error = _only_error(_read([f"{site.base}/loop"]))
    assert error.reason == "too many redirects" and len(site.log) == LOCAL.max_redirects + 1


def test_content_type_size_status_and_timeout_are_errors(site):
    cases = {
        "/report.pdf": "unsupported content type",
        "/huge": "too large",
        "/broken": "HTTP 500",
        "/nowhere": "HTTP 404",
    }
    for path, reason in cases.items():
        assert _only_error(_read([site.base + path])).reason == reason, path
    small = FetchOptions(allow_private=True, host_interval=0, max_bytes=300)
    error = _only_error(_read([f"{site.base}/articles/a"], small))  # no lying header: capped while reading
    assert error.reason == "too large"
    hasty = FetchOptions(allow_private=True, host_interval=0, timeout=0.3)
    assert _only_error(_read([f"{site.base}/slow"], hasty)).reason == "timeout"


def test_declared_charset_plain_text_and_missing_content_type(site):
    plain, untyped = _read([f"{site.base}/plain", f"{site.base}/untyped"])
    assert isinstance(plain, Document) and "Zürich said the café talks" in plain.text
    assert isinstance(untyped, Document) and "grain shipping arrangement" in untyped.text


def test_per_host_rate_limit_waits_between_requests_to_one_host():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = HostRateLimiter(2.0, clock=lambda: now[0], sleep=sleep)
    limiter.wait("a.example")
    limiter.wait("b.example")  # another host: no wait
    now[0] += 0.5
    limiter.wait("a.example")  # 0.5 s after the first request to a.example
    limiter.wait("a.example")
    assert slept == [1.5, 2.0]


def test_fetcher_waits_between_requests_to_the_same_host(site):
    with Fetcher(FetchOptions(allow_private=True, host_interval=0.3)) as fetcher:
        started = time.monotonic()
        fetcher.get(f"{site.base}/articles/a")
        fetcher.get(f"{site.base}/articles/b")
        assert time.monotonic() - started >= 0.3
        with pytest.raises(FetchError, match="HTTP 404"):
            fetcher.get(f"{site.base}/nowhere")


# -- feeds ----------------------------------------------------------------------------------


def test_an_rss_feed_url_yields_its_articles(site):
    items = _read([f"{site.base}/rss.xml"])
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.title for d in docs] == ["Border talks open", "Brief"]
    assert str(docs[0].published) == "2024-03-04"  # the feed's date wins over the page's
    assert "reopen a border crossing" in docs[1].text  # an item without a link: the feed's own text
    assert [(e.reason, e.detail, e.skipped) for e in errors] == [("not English", "fr", True),
                                                                 ("HTTP 404", "Not Found", False)]


def test_an_atom_feed_with_relative_links(site):
    docs = _read([f"{site.base}/atom.xml"])
    assert [d.title for d in docs] == ["Grain corridor extended", "Sanctions widened"]
    assert docs[0].path == f"{site.base}/articles/b" and str(docs[1].published) == "2024-03-06"


def test_watch_remembers_seen_items_across_runs(site, tmp_path, coder):
    feeds = [f"{site.base}/rss.xml", f"{site.base}/atom.xml"]
    with Store(tmp_path / "w.db") as store, Fetcher(LOCAL) as fetcher:
        first = watch_once(store, feeds, fetcher, coder=coder)
    assert (first.ingested, first.failed, first.skipped) == (4, 1, 1)
    for run in range(2, MAX_ATTEMPTS + 2):
        site.log.clear()
        with Store(tmp_path / "w.db") as store, Fetcher(LOCAL) as fetcher:  # a new process, the same database
            again = watch_once(store, feeds, fetcher, coder=coder)
        retried = ["/articles/gone"] if run <= MAX_ATTEMPTS else []
        assert sorted(site.paths()) == sorted(["/rss.xml", "/atom.xml", *retried]), run
        assert (again.ingested, again.failed, again.skipped) == (0, len(retried), 0)
    with Store(tmp_path / "w.db") as store:
        assert store.counts()["documents"] == 4
        assert SeenItems(store.db).done(feeds[0], "wire-3")


def test_watch_and_errors_commands(site, tmp_path, coder, monkeypatch):
    import realpolitik

    monkeypatch.setattr(realpolitik, "default_coder", lambda *args: coder)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{site.base}/rss.xml   # the wire\n\n{site.base}/atom.xml\n", encoding="utf-8")
    assert read_feed_list(feeds) == [f"{site.base}/rss.xml", f"{site.base}/atom.xml"]
    commands = {c.name: c for c in COMMANDS}
    db = str(tmp_path / "c.db")
    runner = CliRunner()
    refused = runner.invoke(commands["watch"], [str(feeds), "--once", "--db", db])
    assert refused.exit_code == 1 and "0 ingested, 2 failed" in refused.output
    result = runner.invoke(commands["watch"], [str(feeds), "--once", "--allow-private", "--db", db, "--every", "1h"])
    assert result.exit_code == 1 and "4 ingested, 1 failed, 1 skipped" in result.output
    listed = runner.invoke(commands["errors"], ["--db", db])
    assert listed.exit_code == 0
    assert f"error: {site.base}/articles/gone: HTTP 404 (Not Found)" in listed.output
    assert f"skipped: {site.base}/articles/fr: not English (fr)" in listed.output
    assert listed.output.strip().endswith("3 failed, 1 skipped")
    only_failed = runner.invoke(commands["errors"], ["--db", db, "--failed-only", "--format", "jsonl"])
    assert only_failed.output.count("\n") == 3 and '"skipped": true' not in only_failed.output
    assert runner.invoke(commands["watch"], [str(feeds), "--every", "soon"]).exit_code == 2


def test_realpolitik_ingest_accepts_a_url(site, tmp_path, coder, monkeypatch):
    import realpolitik.cli

    monkeypatch.setattr(realpolitik.cli, "default_coder", lambda *args: coder)
    monkeypatch.setenv("REALPOLITIK_ALLOW_PRIVATE", "1")
    result = CliRunner().invoke(realpolitik.cli.main, ["ingest", f"{site.base}/articles/c", "--db",
                                                       str(tmp_path / "i.db")])
    assert result.exit_code == 0, result.output
    assert "1 ingested, 0 failed, 0 skipped" in result.output
    with Store(tmp_path / "i.db") as store:
        (doc,) = store.documents()
    assert doc["url"] == f"{site.base}/articles/c"


def test_durations_and_url_ids():
    assert [parse_duration(v) for v in ("90", "30s", "15m", "2h", "1d", "1.5m")] == [90, 30, 900, 7200, 86400, 90]
    for bad in ("", "soon", "-5m", "0"):
        with pytest.raises(ValueError):
            parse_duration(bad)
    assert url_id("https://www.example.org/news/item/?id=7#top") == "example.org/news/item?id=7"
    assert url_id("http://127.0.0.1:8080/a/") == "127.0.0.1:8080/a"


def test_feed_list_ignores_comments_and_blank_lines(tmp_path):
    path = Path(tmp_path / "f.txt")
    path.write_text("\ufeff# comment\n\n  https://a.example/rss  \nhttps://b.example/atom#frag trailing words\n",
                    encoding="utf-8")
    assert read_feed_list(path) == ["https://a.example/rss", "https://b.example/atom#frag"]


def test_ingest_command_refuses_loopback_urls_unless_allowed(site, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from realpolitik.cli import main

    monkeypatch.delenv("REALPOLITIK_ALLOW_PRIVATE", raising=False)
    db = str(tmp_path / "web.db")
    refused = CliRunner().invoke(main, ["ingest", f"{site.base}/articles/a", "--db", db])
    assert refused.exit_code == 1 and "0 ingested, 1 failed" in refused.output
    assert site.log == []  # refused before any connection
    allowed = CliRunner().invoke(main, ["ingest", f"{site.base}/articles/a", "--db", db, "--allow-private"])
    assert allowed.exit_code == 0, allowed.output
    assert "1 ingested, 0 failed" in allowed.output
