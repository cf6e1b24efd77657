"""Pages and feeds over HTTP: fetched politely and safely, turned into documents or errors.

:class:`Fetcher` is the one way realpolitik touches the network. Every request

- is http or https (anything else, including a redirect to ``file:`` or ``ftp:``, is refused);
- goes through :class:`~realpolitik.ingest.safety.GuardedTransport` (no private, loopback or
  link-local addresses unless allowed), one redirect hop at a time, at most ``max_redirects`` hops;
- has a timeout, a size cap (checked on ``Content-Length`` and again while reading), and a content
  type realpolitik can read (HTML, plain text, RSS, Atom, XML): a PDF or a video is refused before
  its body is downloaded;
- names realpolitik and its version in the ``User-Agent`` and waits ``host_interval`` seconds
  between two requests to the same host;
- ignores proxy settings and ``.netrc`` in the environment (``trust_env=False``), so that the address
  checks apply to the real destination.

:func:`read_url` turns a URL into documents: an article page becomes one document; a feed becomes one
document per item, each item's page fetched and its main text extracted.
"""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib.metadata import PackageNotFoundError, version

import feedparser
import httpx

from realpolitik.ingest.decoding import NotText, decode_as
from realpolitik.ingest.documents import DEFAULT_MAX_BYTES, Item, make_document, max_bytes_setting
from realpolitik.ingest.html import extract_html
from realpolitik.ingest.safety import AddressPolicy, AddressRefused, GuardedTransport
from realpolitik.model import IngestError
from realpolitik.when import parse_published, published_from_dateline


def _version() -> str:
    try:
        return version("realpolitik")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "dev"


USER_AGENT = f"realpolitik/{_version()} (PLOVER news event coder; polite crawler)"

#: Content types by what realpolitik does with them; anything else is refused unread.
_KINDS = {
    "text/html": "html", "application/xhtml+xml": "html", "text/plain": "text",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed", "application/feed+json": "feed",
}
_ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.1"
# Optional byte-order mark, XML declaration, processing instructions and comments, then the root element.
_PROLOG = rb"^(?:\xef\xbb\xbf)?\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*)*"
_FEED_START = re.compile(_PROLOG + rb"<(?:rss|feed|rdf:RDF)[\s>]", re.DOTALL)
_HTML_START = re.compile(_PROLOG + rb"<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_TRUE = {"1", "true", "yes", "on"}


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` and ``detail`` become the error row."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class FetchOptions:
    """The network rules; the defaults are safe for a machine inside a private network."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    timeout: float = 20.0
    max_redirects: int = 5
    max_bytes: int = DEFAULT_MAX_BYTES
    host_interval: float = 1.0
    user_agent: str = USER_AGENT

    @classmethod
    def from_env(cls, *, max_bytes: int | None = None, allow_private: bool = False,
                 allowed_networks: tuple[str, ...] = ()) -> FetchOptions:
        """Options from arguments, then ``$REALPOLITIK_ALLOW_PRIVATE`` (1/true/yes),
        ``$REALPOLITIK_ALLOW_NETWORKS`` (comma-separated CIDR) and ``$REALPOLITIK_USER_AGENT``.
        """
        env_networks = tuple(n for n in os.environ.get("REALPOLITIK_ALLOW_NETWORKS", "").split(",") if n.strip())
        return cls(
            allow_private=allow_private or os.environ.get("REALPOLITIK_ALLOW_PRIVATE", "").lower() in _TRUE,
            allowed_networks=allowed_networks + env_networks,
            max_bytes=max_bytes_setting(max_bytes),
            user_agent=os.environ.get("REALPOLITIK_USER_AGENT") or USER_AGENT,
        )


@dataclass(frozen=True)
class Page:
    """A fetched response: the final URL after redirects, what it is, and its body."""

    url: str
    kind: str  # "html", "text" or "feed"
    charset: str | None
    body: bytes
    retrieved: datetime


class HostRateLimiter:
    """At most one request per ``interval`` seconds to each host; the clock is injectable for tests."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self.next_allowed: dict[str, float] = {}

    def wait(self, host: str) -> None:
        now = self.clock()
        ready = self.next_allowed.get(host, now)
        if ready > now:
            self.sleep(ready - now)
        self.next_allowed[host] = max(now, ready) + self.interval


class Fetcher:
    """A polite, guarded HTTP client. Use as a context manager or call ``close()``."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions()
        policy = AddressPolicy.build(self.options.allow_private, self.options.allowed_networks)
        self.limiter = HostRateLimiter(self.options.host_interval)
        self.client = httpx.Client(
            transport=GuardedTransport(policy), timeout=self.options.timeout,
            follow_redirects=False, trust_env=False,
            headers={"User-Agent": self.options.user_agent, "Accept": _ACCEPT},
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def get(self, url: str) -> Page:
        """The page at ``url`` after redirects; FetchError with a clear reason otherwise."""
        current = url
        for _hop in range(self.options.max_redirects + 1):
            target = _checked_url(current, url)
            self.limiter.wait(target.host)
            try:
                with self.client.stream("GET", target) as response:
                    if response.is_redirect:
                        current = str(target.join(response.headers["location"]))
                        continue
                    return self._page(response)
            except httpx.InvalidURL as exc:
                raise FetchError("invalid URL", f"redirect from {current}: {exc}") from exc
            except AddressRefused as exc:
                raise FetchError("refused address", f"{exc}; use --allow-private for intranet sources") from exc
            except httpx.TimeoutException as exc:
                raise FetchError("timeout", f"no answer from {target.host} within {self.options.timeout:g}s") from exc
            except httpx.HTTPError as exc:
                raise FetchError("network error", str(exc) or type(exc).__name__) from exc
        raise FetchError("too many redirects", f"more than {self.options.max_redirects}")

    def _page(self, response: httpx.Response) -> Page:
        if not response.is_success:
            raise FetchError(f"HTTP {response.status_code}", response.reason_phrase)
        mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
        kind = _KINDS.get(mime, "unknown" if not mime else None)
        if kind is None:
            raise FetchError("unsupported content type", f"{mime}: realpolitik reads HTML, plain text and feeds")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.options.max_bytes:
            raise FetchError("too large", f"{int(declared):,} bytes; the limit is {self.options.max_bytes:,}")
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > self.options.max_bytes:
                raise FetchError("too large", f"more than {self.options.max_bytes:,} bytes")
        return Page(str(response.url), _sniff(kind, bytes(body)), response.charset_encoding, bytes(body),
                    datetime.now(UTC))


def _checked_url(current: str, original: str) -> httpx.URL:
    try:
        target = httpx.URL(current)
    except httpx.InvalidURL as exc:
        raise FetchError("invalid URL", f"{current}: {exc}") from exc
    if target.scheme not in ("http", "https"):
        where = f"redirected to {current}" if current != original else current
        raise FetchError("unsupported URL scheme", f"{where}: only http and https are fetched")
    if not target.host:
        raise FetchError("invalid URL", f"{current}: no host")
    return target


def _sniff(kind: str, body: bytes) -> str:
    """What the body really is when the server was vague (no type, or generic XML served as a page)."""
    head = body[:4096]
    if kind in ("feed", "unknown", "text") and _FEED_START.match(head):
        return "feed"
    if kind in ("feed", "unknown", "text") and _HTML_START.match(head):
        return "html"
    return "text" if kind == "unknown" else kind


# -- documents from pages and feeds -----------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: ``key`` identifies it across runs (its guid, else its link, else its title)."""

    key: str
    link: str | None
    title: str | None = None
    published: date | None = None
    text: str = field(default="", repr=False)


def url_id(url: str) -> str:
    """A readable document id for a URL: host and path, without scheme, ``www.``, fragment or final slash."""
    parsed = httpx.URL(url)
    host = parsed.host.removeprefix("www.")
    port = f":{parsed.port}" if parsed.port else ""
    query = f"?{parsed.query.decode('ascii', 'replace')}" if parsed.query else ""
    return f"{host}{port}{parsed.path.rstrip('/')}{query}" or url


def read_url(url: str, fetcher: Fetcher, *, published: date | None = None, source: str | None = None,
             english_only: bool = True) -> Iterator[Item]:
    """Documents and errors from one URL: an article page, or every item of a feed."""
    try:
        page = fetcher.get(url)
    except FetchError as exc:
        yield IngestError(url, exc.reason, detail=exc.detail)
        return
    if page.kind != "feed":
        yield page_item(url, page, published=published, source=source, english_only=english_only)
        return
    entries = feed_entries(url, page)
    if isinstance(entries, IngestError):
        yield entries
        return
    for entry in entries:
        yield entry_item(entry, fetcher, origin=url, published=published, source=source, english_only=english_only)


def page_item(url: str, page: Page, *, published: date | None = None, source: str | None = None,
              english_only: bool = True) -> Item:
    """A document from an article page (HTML main text, or plain text), or an error."""
    try:
        text = decode_as(page.body, page.charset, html=page.kind == "html")
    except NotText as exc:
        return IngestError(url, "not text", detail=str(exc))
    if page.kind == "text":
        return make_document(url, url_id(url), text, source=source,
                             published=published_from_dateline(text, page.retrieved) or published, url=page.url,
                             path=url, english_only=english_only)
    extracted = extract_html(text, url=page.url)
    if extracted is None:
        return IngestError(url, "no main text", detail="no article text found in the page")
    when = ((parse_published(extracted.date, retrieved=page.retrieved) if extracted.date else None)
            or published_from_dateline(extracted.text, page.retrieved))
    return make_document(url, url_id(url), extracted.text, title=extracted.title, source=source or extracted.sitename,
                         published=when or published, url=extracted.url or page.url, path=url,
                         english_only=english_only)


def feed_entries(url: str, page: Page) -> list[FeedEntry] | IngestError:
    """The items of a fetched feed (RSS 0.9x-2.0, RSS 1.0, Atom, JSON Feed), or an error."""
    headers = {"content-type": f"application/xml; charset={page.charset}" if page.charset else "application/xml",
               "content-location": page.url}  # the base for relative item links
    # A stream, never bytes or str: feedparser treats a string as a URL or file name and would open it.
    parsed = feedparser.parse(io.BytesIO(page.body), response_headers=headers, resolve_relative_uris=True,
                              sanitize_html=True)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        if problem is not None:
            return IngestError(url, "invalid feed", detail=str(problem))
        return IngestError(url, "empty feed", detail="the feed has no items", skipped=True)
    entries = []
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        title = entry.get("title") or None
        key = entry.get("id") or link or title or f"item {number}"
        stamp = entry.get("published") or entry.get("updated")
        when = parse_published(stamp, retrieved=page.retrieved) if isinstance(stamp, str) else None
        bodies = [c.get("value", "") for c in entry.get("content") or []] + [entry.get("summary") or ""]
        html = max(bodies, key=len)
        extracted = extract_html(html) if html.strip() else None
        entries.append(FeedEntry(str(key), link, title, when, extracted.text if extracted else ""))
    return entries


def entry_item(entry: FeedEntry, fetcher: Fetcher, *, origin: str, published: date | None = None,
               source: str | None = None, english_only: bool = True) -> Item:
    """A document for a feed item: its page's main text, else the text the feed itself carries.

    The feed's text is used only when the item has no link or its page holds no readable article; a
    page that cannot be fetched is an error (and is tried again on the next watch run).
    """
    when = entry.published or published
    if entry.link:
        try:
            page = fetcher.get(entry.link)
        except FetchError as exc:
            return IngestError(entry.link, exc.reason, detail=exc.detail)
        item = page_item(entry.link, page, published=when, source=source, english_only=english_only)
        if isinstance(item, IngestError) and item.reason in ("no main text", "not text") and entry.text:
            item = make_document(entry.link, url_id(entry.link), entry.text, title=entry.title, source=source,
                                 published=when, url=entry.link, path=entry.link, english_only=english_only)
        elif not isinstance(item, IngestError):
            item.title = item.title or entry.title
            if entry.published:  # the feed's date is metadata the publisher chose; the page's can be a guess
                item.published = entry.published
        return item
    if not entry.text:
        return IngestError(origin, "empty", detail=f"feed item {entry.key!r} has neither link nor text")
    return make_document(origin, f"{url_id(origin)}#{entry.key}", entry.text, title=entry.title, source=source,
                         published=when, path=origin, english_only=english_only)
