"""The report in a real browser: headless Chromium opens the index and every notebook page,
every image must load, every link inside the report must lead somewhere, the first screen holds
the verdict, and on a 390-pixel-wide phone screen nothing overflows sideways. Screenshots are kept
as test artifacts (``test-artifacts/``, or ``$TEST_ARTIFACTS``).

Chromium and ChromeDriver come from Debian's ``chromium`` and ``chromium-driver`` packages, which
``.ci/run`` installs where missing. Without them the test is skipped locally, but CI sets
``REQUIRE_BROWSER=1`` so a missing browser fails instead of passing silently.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest

from helpers.paths import ROOT

REPORTS = ROOT / "reports"
PHONE_WIDTH = 390
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(os.environ.get("TEST_ARTIFACTS", ROOT / "test-artifacts"))
# Flags for a closed network: no sandbox (root in CI), no GPU, no background connections.
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,2000",
]

IMAGES_JS = """return Array.from(document.images).map(i => [i.getAttribute('src').slice(0, 80), i.complete && i.naturalWidth > 0]);"""
LINKS_JS = """return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);"""
READY_JS = """return document.readyState === 'complete' && Array.from(document.images).every(i => i.complete);"""
IDS_JS = """return Array.from(document.querySelectorAll('[id]')).map(e => e.id);"""


def _browser_available() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed"
    for program in (CHROMIUM, CHROMEDRIVER):
        if not Path(program).exists():
            return f"{program} not found (Debian packages chromium and chromium-driver)"
    return None


@pytest.fixture(scope="module")
def server():
    """The report folder served on 127.0.0.1, as a reader's browser would fetch it."""
    handler = functools.partial(_QuietHandler, directory=str(ROOT))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/reports/"
    httpd.shutdown()


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a browser closing a connection early is not a failure
        pass


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = _browser_available()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test required but {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def open_and_wait(browser, url: str, timeout: float = 30) -> None:
    """Open a page and wait until it and every image on it have finished loading.

    ``get()`` can return before the load event on a busy machine; asserting right away made the
    test fail by chance, so it waits for exactly what the assertions then check.
    """
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    WebDriverWait(browser, timeout).until(lambda b: b.execute_script(READY_JS))


def report_pages() -> list[str]:
    return ["index.html"] + [f"notebooks/{p.name}" for p in sorted((REPORTS / "notebooks").glob("*.html"))]


def test_every_report_page_loads_its_images_and_links_in_chromium(browser, server):
    visited_ids: dict[str, set[str]] = {}
    internal_links: set[str] = set()
    for page in report_pages():
        open_and_wait(browser, server + page)
        images = browser.execute_script(IMAGES_JS)
        assert images, f"{page}: no images"
        broken = [src for src, loaded in images if not loaded]
        assert not broken, f"{page}: images that did not load: {broken}"
        visited_ids[server + page] = set(browser.execute_script(IDS_JS))
        severe = [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
        assert not severe, f"{page}: browser errors: {severe}"
        internal_links |= {link for link in browser.execute_script(LINKS_JS) if link.startswith(server)}
        if page == "index.html":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "report-index.png"
            assert browser.save_screenshot(str(shot))
            assert shot.stat().st_size > 10_000
    assert len(internal_links) >= len(report_pages()) + 3 * len(list((REPORTS / "figures").glob("*.png")))
    for link in sorted(internal_links):
        target, fragment = urldefrag(link)
        with urllib.request.urlopen(target.replace(" ", "%20"), timeout=10) as response:
            assert response.status == 200, link
        if fragment and target in visited_ids:
            assert fragment in visited_ids[target], f"{link}: no element with id {fragment!r}"


def test_a_figure_page_opens_as_an_image(browser, server):
    figure = sorted((REPORTS / "figures").glob("*.png"))[0]
    open_and_wait(browser, server + f"figures/{figure.name}")
    size = browser.execute_script("const i = document.images[0]; return [i.naturalWidth, i.naturalHeight];")
    assert size[0] > 1000 and size[1] > 500
    assert urlparse(browser.current_url).path.endswith(figure.name)


OVERFLOW_JS = """return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"""
VERDICT_JS = """const a = document.querySelector('p.answer').getBoundingClientRect();
const v = document.querySelector('#verdict ol');
return [a.top, a.bottom, v.children.length, v.getBoundingClientRect().top, window.innerHeight];"""


def test_the_first_screen_holds_the_verdict(browser, server):
    browser.set_window_size(1400, 900)
    open_and_wait(browser, server + "index.html")
    top, bottom, items, list_top, height = browser.execute_script(VERDICT_JS)
    assert top < height * 0.2 and bottom < height, "the one-sentence answer does not open the page"
    assert items >= 4 and list_top < height, "the findings do not start on the first screen"
    answer = browser.execute_script("return document.querySelector('p.answer strong').textContent")
    assert answer.startswith(("No: ", "Not by these measures", "These dates cannot answer"))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTIFACTS / "report-first-screen.png"))


def test_every_page_reads_on_a_phone_without_sideways_scrolling(browser, server):
    browser.set_window_size(PHONE_WIDTH, 844)
    try:
        for page in report_pages():
            open_and_wait(browser, server + page)
            scroll, client = browser.execute_script(OVERFLOW_JS)
            assert scroll <= client + 1, f"{page}: {scroll} px wide on a {client} px screen"
            if page == "index.html":
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                assert browser.save_screenshot(str(ARTIFACTS / "report-index-phone.png"))
    finally:
        browser.set_window_size(1280, 2000)
