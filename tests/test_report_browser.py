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
import re
import shutil
import threading
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pandas as pd
import pytest

from helpers.cli import main
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


# --- what a reader meets on the first screen and in every table ----------------------------------

READER_JS = """
const cells = Array.from(document.querySelectorAll('td, th')).map(c => c.textContent.trim());
const answer = document.querySelector('p.answer');
const box = answer ? answer.getBoundingClientRect() : null;
const sentences = Array.from(document.querySelectorAll('p.answer, #verdict li, figcaption strong'))
  .map(e => e.textContent);
return {cells: cells, answer: answer ? answer.textContent : '', answerTop: box ? box.top : -1,
        answerBottom: box ? box.bottom : -1, height: window.innerHeight,
        scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        start: document.body.dataset.start, end: document.body.dataset.end, sentences: sentences};
"""
RAW_CELL = re.compile(
    r"^(nan|NaN|inf|-inf|None|True|False|NaT)$"  # a missing value or a boolean as the code writes it
    r"|^[a-z]+(_[a-z0-9]+)+$"  # a snake_case name
    r"|^-?\d{7,}(\.\d+)?$"  # a count of millions or more, unformatted
    r"|\d[eE][+-]?\d"  # exponent form
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEK_SPAN = re.compile(rf"(\d{{1,2}})(?: ({MONTHS}))?(?: (\d{{4}}))?-(\d{{1,2}}) ({MONTHS}) (\d{{4}})")


def quoted_weeks(text: str) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Every Monday-to-Sunday span a sentence quotes ("28 September-4 October 2026")."""
    found = []
    for day1, month1, year1, day2, month2, year2 in WEEK_SPAN.findall(text):
        end = pd.Timestamp(f"{day2} {month2} {year2}")
        start = pd.Timestamp(f"{day1} {month1 or month2} {year1 or year2}")
        if start > end:  # "29 December-4 January 2026": the start is in the year before
            start -= pd.DateOffset(years=1)
        if (end - start).days == 6 and start.day_of_week == 0:
            found.append((start, end))
    return found


def reader_problems(browser, url: str, width: int) -> list[str]:
    """What a reader of ``url`` at ``width`` pixels would trip over, as far as a machine can tell:
    no answer on the first screen, a raw value in a table cell, a page wider than the screen, a
    week quoted in an answer, finding or title that is only partly inside the dates."""
    browser.set_window_size(width, 900)
    open_and_wait(browser, url)
    page = browser.execute_script(READER_JS)
    problems = []
    if not page["answer"] or not (0 <= page["answerTop"] < page["height"] * 0.5):
        problems.append(f"{width}px: the answer does not start on the first screen")
    if not page["answer"].strip().startswith(("No: ", "Not by these measures", "These dates cannot answer")):
        problems.append(f"{width}px: the answer does not open with a plain verdict: {page['answer'][:80]!r}")
    problems += [f"{width}px: table cell {c!r}" for c in page["cells"] if RAW_CELL.search(c)][:10]
    if page["scroll"] > page["client"] + 1:
        problems.append(f"{width}px: the page is {page['scroll']}px wide on a {page['client']}px screen")
    start, end = pd.Timestamp(page["start"]), pd.Timestamp(page["end"])
    for sentence in page["sentences"]:
        for week_start, week_end in quoted_weeks(sentence):
            if week_start < start <= week_end or week_start <= end < week_end:
                problems.append(f"a partial week quoted as a week ({week_start:%Y-%m-%d}): {sentence[:100]!r}")
    return problems


def test_quoted_weeks_reads_week_spans_as_sentences_write_them():
    text = "in the week of 28 September-4 October 2026; 1-7 June 2026; 29 December 2025-4 January 2026; 1-3 May 2026"
    assert quoted_weeks(text) == [
        (pd.Timestamp("2026-09-28"), pd.Timestamp("2026-10-04")),
        (pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-07")),
        (pd.Timestamp("2025-12-29"), pd.Timestamp("2026-01-04")),
    ]
    assert RAW_CELL.search("True") and RAW_CELL.search("cn_tokens") and RAW_CELL.search("14182000000000")
    assert not RAW_CELL.search("14.18") and not RAW_CELL.search("gogoai.xin") and not RAW_CELL.search("+27.3")


@pytest.mark.parametrize("width", [1400, PHONE_WIDTH])
def test_a_reader_of_the_index_meets_an_answer_and_tables_for_people(browser, server, width):
    problems = reader_problems(browser, server + "index.html", width)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"reader-first-screen-{width}.png"))
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_a_reader_of_a_rerun_of_the_last_two_weeks_meets_the_same(browser, tmp_path):
    """A rerun over the last two weeks of data (partial weeks at both ends, no business figure on
    Chinese labs inside them): the same checks, on its own report."""
    out = tmp_path / "run"
    assert main(["run", "--start", "2026-09-26", "--end", "2026-10-09", "--out", str(out)]) == 0
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/reports/index.html"
        problems = [p for width in (1400, PHONE_WIDTH) for p in reader_problems(browser, url, width)]
    finally:
        httpd.shutdown()
    assert not problems, "\n".join(problems)
