"""The reader-facing report and the citable figures: up to date, complete, accessible, self-describing."""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from PIL import Image

import helpers
from helpers import figures, report
from helpers.citation import project_metadata, source_line
from helpers.cli import main
from helpers.findings import read_findings
from helpers.manifest import data_version, find_manifests
from helpers.paths import PROCESSED_DIR, RAW_DIR, ROOT, OutputLayout
from helpers.steps import ARTICLE_SUFFIX, load_steps

REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
PNGS = sorted(p for p in FIGURES.glob("*.png") if not p.stem.endswith(ARTICLE_SUFFIX))  # article copies: tested apart
PAGES = [REPORTS / "index.html", *sorted((REPORTS / "notebooks").glob("*.html"))]


class PageParser(HTMLParser):
    """Every href, img (src and alt), title and meta tag of a page, and the text of list items."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.images: list[tuple[str, str]] = []
        self.metas: list[dict] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "link" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img" and attrs.get("src"):
            self.images.append((attrs["src"], attrs.get("alt") or ""))
        if tag == "meta":
            self.metas.append(attrs)
        self._in_title = tag == "title"

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False if tag == "title" else self._in_title


def parse(page: Path) -> PageParser:
    parser = PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_the_committed_report_matches_the_committed_notebooks(tmp_path):
    """The report is rebuilt by every run: from the committed notebooks, tables and figures it must
    give the committed bytes, page for page."""
    base = tmp_path / "run"
    shutil.copytree(ROOT / "notebooks", base / "notebooks", ignore=shutil.ignore_patterns("*.py", "*.toml"))
    shutil.copytree(PROCESSED_DIR, base / "data" / "processed")
    for folder in ("figures", "data"):
        shutil.copytree(REPORTS / folder, base / "reports" / folder)
    report.build_report(OutputLayout(base), RAW_DIR)
    built = sorted(p.relative_to(base / "reports") for p in (base / "reports").rglob("*.html"))
    assert built == sorted(p.relative_to(REPORTS) for p in PAGES)
    for name in [*built, Path("assets/report.css"), Path("assets/notebook.css")]:
        assert (base / "reports" / name).read_bytes() == (REPORTS / name).read_bytes(), name


def test_index_leads_to_every_notebook_every_figure_and_its_data():
    found = parse(REPORTS / "index.html")
    targets = {link.split("#")[0] for link in found.links}
    for step in load_steps():
        assert f"notebooks/{step.notebook}.html" in targets
    for png in PNGS:
        for target in (f"figures/{png.name}", f"figures/{png.stem}.svg", f"data/{png.stem}.csv"):
            assert target in targets, target
    assert "../data/processed/headline_weeks.csv" in targets


def test_every_relative_link_and_image_in_the_report_resolves():
    for page in PAGES:
        found = parse(page)
        for target in found.links + [src for src, _ in found.images]:
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            assert (page.parent / target.split("#")[0]).resolve().is_file(), f"{page.name}: {target}"


def test_pages_load_nothing_from_the_network_and_share_one_stylesheet():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'<script[^>]+src="https?://', text), page.name
        assert not re.search(r'<link[^>]+href="https?://', text), page.name
        assert len(text) < 200_000, f"{page.name}: {len(text)} bytes (stylesheet inlined?)"
        assert "data:image/png;base64" not in text, f"{page.name}: a figure stored inline instead of linked"


def test_every_page_has_its_own_title_a_viewport_and_alt_text_on_every_image():
    titles = []
    for page in PAGES:
        found = parse(page)
        titles.append(found.title.strip())
        assert any(m.get("name") == "viewport" for m in found.metas), page.name
        assert found.images, f"{page.name}: no images"
        assert all(alt.strip() for _, alt in found.images), f"{page.name}: an image without alt text"
    assert len(set(titles)) == len(titles) and all(titles)


def test_the_verdict_opens_the_index_with_the_notebooks_computed_sentences():
    index = (REPORTS / "index.html").read_text(encoding="utf-8")
    verdict = index[index.index('<section id="verdict">') : index.index('<section id="key-charts">')]
    expected = [f.text for step in load_steps() for f in read_findings(PROCESSED_DIR, step.notebook).items if f.verdict]
    assert len(expected) >= 4
    for sentence in expected:
        assert html.escape(sentence) in verdict
    assert index.index('<section id="verdict">') < index.index('<section id="method">')


def test_findings_on_the_index_are_plain_words():
    for step in load_steps():
        for finding in read_findings(PROCESSED_DIR, step.notebook).items:
            text = finding.text.replace("data/raw", "")
            assert not re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", text), f"code name in: {text}"
            assert "True" not in text and "False" not in text and "(s)" not in text, text


def test_the_index_has_the_sections_readers_expect():
    index = (REPORTS / "index.html").read_text(encoding="utf-8")
    for section in ("verdict", "key-charts", "headline-weeks", "method", "limits", "figures", "data-versions", "cite"):
        assert f'<section id="{section}">' in index
    assert "DeepSeek at 0.1% on Ramp" in index  # the widely repeated figure no source was found for
    for manifest in find_manifests(RAW_DIR):
        assert manifest.parent.relative_to(RAW_DIR).as_posix() in index


def test_notebook_pages_fold_code_and_link_their_figures():
    page = (REPORTS / "notebooks" / "04_enterprise_comparison.html").read_text(encoding="utf-8")
    assert page.count('<details class="code-fold">') >= 5
    assert 'src="../figures/04_chinese_labs_by_lens.png"' in page
    assert "Source: OpenRouter (openrouter.ai/rankings), data as of" in page


# --- citable figures -------------------------------------------------------------------------


@pytest.mark.parametrize("png", PNGS, ids=lambda p: p.stem)
def test_every_figure_carries_title_alt_source_range_checksum_and_data(png):
    meta = report.figure_metadata(png)
    assert meta["Title"] and len(meta["Alt"]) > len(meta["Title"])
    assert meta["Source"].startswith("Source: OpenRouter (openrouter.ai/rankings), data as of ")
    assert "licensed CC BY 4.0" in meta["Source"]
    assert re.search(r"Dates \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\.", meta["Source"])
    assert "start_date=" in meta["Description"] and "end_date=" in meta["Description"]
    assert meta["Comment"] == f"raw data checksum {data_version(RAW_DIR)}"
    assert "https://openrouter.ai/rankings" in meta["Sources"]
    with Image.open(png) as image:
        assert round(image.info["dpi"][0]) >= 200
    svg = png.with_suffix(".svg").read_text(encoding="utf-8")
    assert f"<dc:title>{html.escape(meta['Title'], quote=False)}</dc:title>" in svg
    data = (REPORTS / "data" / f"{png.stem}.csv").read_text(encoding="utf-8").splitlines()
    assert not data[0].startswith("#") and "," in data[0]  # the header comes first: a spreadsheet opens it as it is
    sidecar = json.loads((REPORTS / "data" / f"{png.stem}.json").read_text(encoding="utf-8"))
    assert sidecar["title"] == meta["Title"] and sidecar["source"].startswith("Source: OpenRouter")
    assert not re.search(r"\d[eE][+-]?\d", "\n".join(data)), "a number in exponent form"


def test_figures_citing_enterprise_data_name_their_sources():
    for png in FIGURES.glob("04_*_by_lens.png"):
        meta = report.figure_metadata(png)
        assert (
            "Menlo Ventures" in meta["Source"] and "menlovc.com" in meta["Sources"] or "vercel.com" in meta["Sources"]
        )


def test_saving_the_same_figure_twice_gives_identical_bytes(tmp_path):
    figures.use_project_style()

    def draw(folder):
        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2], color=figures.ORIGIN_COLOURS["CN"])
        figures.add_footer(fig, source_line("2026-10-06", "2025-01-01", "2026-10-06", "abc"))
        paths = figures.save_figure(fig, folder, "f", title="t", source="s", parameters={"a": "1"}, data_checksum="abc")
        plt.close(fig)
        return [p.read_bytes() for p in paths]

    assert draw(tmp_path / "one") == draw(tmp_path / "two")


def test_vendor_and_origin_colours_are_distinct_and_greys_are_neutral():
    vendor = figures.VENDOR_COLOURS
    assert len(set(vendor.values())) == len(vendor)
    assert vendor["Chinese labs"] == figures.ORIGIN_COLOURS["CN"]
    for grey in (vendor["Other"], figures.ORIGIN_COLOURS["UNDISCLOSED"], figures.ORIGIN_COLOURS["LONG_TAIL"]):
        assert grey[1:3] == grey[3:5] == grey[5:7]


def test_cite_prints_a_ready_credit_line_and_bibtex(capsys):
    png = FIGURES / "04_chinese_labs_by_lens.png"
    assert main(["cite", str(png)]) == 0
    out = capsys.readouterr().out
    meta = report.figure_metadata(png)
    assert meta["Title"] in out and meta["Source"] in out
    project = project_metadata()
    assert f"{project['name']} {project['version']} ({project['released']})" in out and data_version(RAW_DIR) in out
    assert "https://openrouter.ai/rankings" in out and "menlovc.com" in out
    assert main(["cite", str(png), "--bibtex"]) == 0
    bibtex = capsys.readouterr().out
    assert bibtex.startswith("@misc{04_chinese_labs_by_lens,") and f"author = {{{{{project['authors']}}}}}" in bibtex
    assert main(["cite", str(FIGURES / "no_such_figure.png")]) == 2
    assert "no such figure" in capsys.readouterr().err


def test_citation_file_agrees_with_the_project_metadata_and_names_an_author():
    """CITATION.cff repeats pyproject.toml's author, version and release date (a credit line prints
    those), and keeps the repository placeholder that credit lines leave out until it is filled."""
    text = (ROOT / "CITATION.cff").read_text()
    project = project_metadata()
    assert f'name: "{project["authors"]}"' in text and project["authors"]
    assert f"\nversion: {project['version']}\n" in text and helpers.__version__ == project["version"]
    assert f'date-released: "{project["released"]}"' in text
    assert "repository-code:" in text and "OWNER" in text and project["url"] == ""
    assert "repository" in (ROOT / "README.md").read_text().lower()


def test_every_figure_credits_the_project_with_version_and_date():
    meta = report.figure_metadata(FIGURES / "02_cn_vs_us_weekly.png")
    project = project_metadata()
    assert f"Chart: {project['authors']}, version {project['version']} ({project['released']})." in meta["Source"]


def test_the_run_record_names_code_environment_parameters_and_every_output():
    record = json.loads((PROCESSED_DIR / "run_record.json").read_text())
    assert record["parameters"]["reference_run"] and record["parameters"]["start_date"] == "2025-01-01"
    assert len(record["environment"]["requirements_sha256"]) == 64
    assert {"code_commit", "code_uncommitted_changes"} <= set(record["code"])
    assert (
        "reports/index.html" in record["outputs_sha256"]
        and "notebooks/01_clean_rankings.ipynb" in record["outputs_sha256"]
    )


def test_every_key_figure_has_an_article_width_copy_that_stays_legible():
    """A key figure pasted into a 640-pixel column: its copy is drawn about 6.4 inches wide (so
    7.5-point type reads at about 10 pixels), carries the same source line, and is linked."""
    index = (REPORTS / "index.html").read_text(encoding="utf-8")
    keys = [name for step in load_steps() for name in step.key_figures]
    assert len(keys) >= 4
    for name in keys:
        png = FIGURES / f"{name}_640.png"
        with Image.open(png) as image:
            width, _ = image.size
            source = image.info["Source"]
        assert 1100 <= width <= 1800, f"{png.name}: {width} px wide at 200 dpi is not an article-width figure"
        assert source == report.figure_metadata(FIGURES / f"{name}.png")["Source"]
        assert f'href="figures/{name}_640.png"' in index
