"""The dashboard in a real browser: Playwright drives Debian's Chromium against uvicorn on a free local port.

Skipped, with the reason, when Playwright or ``/usr/bin/chromium`` is missing (``apt-get install chromium``;
Playwright's own browser downloads are never used). Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytest.importorskip("fastapi", reason="the web app needs fastapi, uvicorn and jinja2")
uvicorn = pytest.importorskip("uvicorn", reason="the browser tests serve the app with uvicorn")
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install playwright)")
if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's Chromium at /usr/bin/chromium (apt-get install chromium)",
                allow_module_level=True)

from realpolitik.web import create_app  # noqa: E402
from tests.test_web_api import PAYLOAD_TITLE, build_store  # noqa: E402

PAGES = ["/", "/network", "/events", "/documents", "/documents/pact", "/documents/payload", "/sources", "/analyse",
         "/api", "/actor/RUS", "/dyad/RUS/UKR"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory, coder):
    db = build_store(tmp_path_factory.mktemp("browser"), coder)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, coder=coder), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors, uncaught exceptions and failed requests."""
    context = browser.new_context(viewport={"width": 1366, "height": 820})
    tab = context.new_page()
    tab.problems = []
    tab.on("console", lambda message: tab.problems.append(f"console {message.type}: {message.text}")
           if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    # A request the browser abandons because the page moved on (net::ERR_ABORTED) is not a fault.
    tab.on("requestfailed", lambda request: tab.problems.append(f"request failed: {request.url}")
           if "ERR_ABORTED" not in (request.failure or "") else None)
    yield tab
    context.close()


def _shot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_errors(page, base_url, path):
    response = page.goto(base_url + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    _shot(page, path.strip("/").replace("/", "-") or "overview")
    assert page.locator("h1").count() == 1
    assert page.problems == []


def test_network_draws_nodes_and_a_click_navigates(page, base_url):
    page.goto(base_url + "/network")
    page.wait_for_selector("#graph svg a.node circle")
    nodes = page.locator("#graph svg a.node")
    assert nodes.count() >= 4
    assert page.locator("#graph svg a.edge line").count() >= 3
    radii = {float(r) for r in page.locator("#graph svg a.node circle").evaluate_all(
        "cs => cs.map(c => c.getAttribute('r'))")}
    assert len(radii) > 1  # sized by activity
    colours = set(page.locator("#graph svg a.edge line").evaluate_all("ls => ls.map(l => l.getAttribute('stroke'))"))
    assert {"#2e7d4f", "#b23a48"} <= colours  # cooperation and conflict
    _shot(page, "network-graph")
    page.locator("#graph svg a.node[data-actor='RUS'] circle").click()
    page.wait_for_url("**/actor/RUS")
    assert page.locator("h1").inner_text() == "Actor RUS"
    page.locator("a[href='/dyad/RUS/UKR']").first.click()
    page.wait_for_url("**/dyad/RUS/UKR")
    assert page.locator("svg.chart circle.dot").count() >= 1
    _shot(page, "dyad-after-click")
    assert page.problems == []


def test_filters_change_the_event_list(page, base_url):
    page.goto(base_url + "/events")
    before = page.locator("table.events tbody tr").count()
    page.select_option("#type", "ASSAULT")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**type=ASSAULT**")
    rows = page.locator("table.events tbody tr")
    assert 0 < rows.count() < before
    assert set(page.locator("table.events tbody span.type").all_inner_texts()) == {"ASSAULT"}
    page.select_option("#type", "")
    page.fill("#q", "shelling")
    page.keyboard.press("Enter")  # the form works from the keyboard
    page.wait_for_url("**q=shelling**")
    assert 0 < page.locator("table.events tbody tr").count() < before
    _shot(page, "events-search")
    assert page.problems == []


def test_payloads_do_not_run(page, base_url):
    page.goto(base_url + "/documents/payload")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("h1").inner_text() == PAYLOAD_TITLE  # shown as text, not run
    assert "<img src=x onerror=" in page.locator("article.text").inner_text()
    assert page.locator("article.text img, article.text script").count() == 0
    page.goto(base_url + "/")
    page.goto(base_url + "/events?q=thanked")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    _shot(page, "payload-document")
    assert page.problems == []


def test_analyse_page_highlights_a_pasted_text(page, base_url):
    page.goto(base_url + "/analyse")
    page.fill("#text", "Egypt hosted talks with Israel on Monday. <img src=x onerror=\"window.__pwned=3\">")
    page.fill("#published", "2025-05-05")
    page.get_by_role("button", name="Code it").click()
    page.wait_for_selector("#result mark.trigger")
    assert page.locator("#result mark.actor").first.inner_text() == "Egypt"
    assert page.locator("#result-events tbody tr").count() == 1
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#result img").count() == 0
    _shot(page, "analyse")
    assert page.problems == []


def test_keyboard_reaches_the_graph(page, base_url):
    page.goto(base_url + "/network")
    page.wait_for_selector("#graph svg a.node")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.closest('#graph') !== null"):
            break
    else:
        pytest.fail("Tab never reached the graph")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dyad/**")
    assert page.problems == []
