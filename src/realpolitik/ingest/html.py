"""The article inside an HTML page: main text, title, date, site name.

trafilatura does the real work (boilerplate removal, metadata from ``<meta>`` tags and JSON-LD). It
declines short pages and can fail on badly broken markup; the fallback here then keeps the visible
text of the page's block elements, because a page with some boilerplate in it is better than an
article lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import trafilatura

# Elements whose content is never article text.
_INVISIBLE = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "button", "select",
})
# Elements that end a paragraph.
_BLOCKS = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "article", "section",
    "blockquote", "tr", "table", "pre", "dd", "dt", "figcaption", "main",
})


@dataclass(frozen=True)
class Extracted:
    """What a page says about itself; ``text`` has one paragraph per block, separated by blank lines."""

    text: str
    title: str | None = None
    date: str | None = None
    sitename: str | None = None
    url: str | None = None


def extract_html(html: str, url: str | None = None) -> Extracted | None:
    """The page's article, or None when it has no visible text at all."""
    found = _trafilatura(html, url)
    if found is not None:
        return found
    fallback = _VisibleText.of(html)
    if not fallback.text:
        return None
    return Extracted(fallback.text, fallback.title)


def _trafilatura(html: str, url: str | None) -> Extracted | None:
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    except Exception:  # a third-party parser on hostile input: the fallback takes over
        return None
    if result is None or not (result.text or "").strip():
        return None
    lines = [line.strip() for line in result.text.split("\n") if line.strip()]
    if lines and result.title and lines[0] == result.title.strip():
        lines = lines[1:]
    if not lines:
        return None
    return Extracted("\n\n".join(lines), result.title, result.date, result.sitename, result.url)


class _VisibleText(HTMLParser):
    """Text of the block elements outside scripts, styles and navigation, and the ``<title>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.hidden = 0
        self.in_title = False
        self.title_parts: list[str] = []

    @classmethod
    def of(cls, html: str) -> _VisibleText:
        parser = cls()
        # No close(): it would emit an unterminated comment or tag as text. The closing <br> flushes
        # trailing text that the parser holds back in case it ends in a half-written "&amp".
        parser.feed(html + "<br>")
        parser._end_paragraph()
        return parser

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def title(self) -> str | None:
        return " ".join("".join(self.title_parts).split()) or None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag == "body" or tag in _BLOCKS:
            self.in_title = False  # a <title> left open must not swallow the page
        if tag in _INVISIBLE:
            self.hidden += 1
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self._end_paragraph()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.hidden:
            self.current.append(data)

    def _end_paragraph(self) -> None:
        paragraph = " ".join("".join(self.current).split())
        if paragraph:
            self.paragraphs.append(paragraph)
        self.current = []
