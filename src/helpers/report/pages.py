"""One HTML page per executed notebook, offline, sharing one stylesheet and footer."""

from __future__ import annotations

import functools
import html
import threading
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupyter_core.paths import jupyter_path
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

from ..citation import source_line
from ..errors import ProjectError
from ..findings import Findings, read_findings
from ..manifest import data_version
from ..paths import OutputLayout, rankings_dir
from ..pipeline import describe_vintages
from ..steps import Step

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"


STYLE_DIR = Path(__file__).parent.parent / "style"


NOTEBOOK_CSS = "assets/notebook.css"


REPORT_CSS = "assets/report.css"


@dataclass(frozen=True)
class NotebookSummary:
    """What the index needs from one executed notebook."""

    stem: str
    title: str
    question: str
    findings: Findings
    figures: tuple[str, ...] = ()  # the figures pipeline.toml declares for the notebook


def notebook_title(notebook: nbformat.NotebookNode, name: str) -> str:
    markdown = [c for c in notebook.cells if c.cell_type == "markdown"]
    if not markdown:
        raise ProjectError(f"{name}: no markdown title cell")
    return markdown[0].source.splitlines()[0].lstrip("#").strip()


def summarise_notebook(executed: Path, processed: Path) -> NotebookSummary:
    """Title and question of an executed notebook, and the findings it published."""
    notebook = nbformat.read(executed, as_version=4)
    first = next(c for c in notebook.cells if c.cell_type == "markdown")
    question = next((p for p in first.source.split("\n\n") if p.startswith("**Question.**")), "")
    question_html = markdown2html_mistune(" ".join(question.replace("**Question.**", "").split()))
    try:
        findings = read_findings(processed, executed.stem)
    except FileNotFoundError:
        raise ProjectError(f"{executed.stem} published no findings; execute the notebook first") from None
    if not findings.items:
        raise ProjectError(f"{executed.stem}: its findings are empty")
    return NotebookSummary(executed.stem, notebook_title(notebook, executed.name), question_html, findings)


def link_figures_for_pages(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Point the notebook's figure links (relative to ``notebooks/``) at the report's own folders
    (relative to ``reports/notebooks/``): the figures are stored once, in ``reports/``."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/markdown" in data:
                data["text/markdown"] = data["text/markdown"].replace("](../reports/", "](../")
    return notebook


@functools.cache
def _page_exporter() -> HTMLExporter:
    """One exporter for every page of a process: a new one compiles nbconvert's templates again,
    which cost more CPU than rendering a page."""
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    return exporter


# Pages are rendered from the threads that watch each notebook; the exporter registers per-page
# filters on itself, so one page renders at a time.
_RENDERING = threading.Lock()


def render_notebook(executed: Path, out: Path, navigation: str, footer: str, title: str) -> Path:
    """One executed notebook as an offline HTML page, code folded, outputs and prose kept."""
    notebook = link_figures_for_pages(nbformat.read(executed, as_version=4))
    notebook.metadata["title"] = title
    resources = {"report_nav": navigation, "report_footer": html.escape(footer), "report_css": f"../{NOTEBOOK_CSS}"}
    with _RENDERING:
        body, _ = _page_exporter().from_notebook_node(notebook, resources=resources)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def write_assets(report_dir: Path) -> None:
    """The two stylesheets every page links: nbconvert's lab style (once, not inlined per page) and
    the index's own."""
    lab = _lab_static()
    notebook_css = "\n".join((lab / name).read_text(encoding="utf-8") for name in ("index.css", "theme-light.css"))
    assets = report_dir / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "notebook.css").write_text(
        notebook_css + "\n" + (STYLE_DIR / "notebook-extra.css").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (assets / "report.css").write_text((STYLE_DIR / "report.css").read_text(encoding="utf-8"), encoding="utf-8")


def _lab_static() -> Path:
    """nbconvert's lab template folder (its stylesheets)."""
    for base in jupyter_path("nbconvert", "templates"):
        folder = Path(base) / "lab" / "static"
        if (folder / "index.css").is_file():
            return folder
    raise ProjectError("nbconvert's lab template was not found; reinstall nbconvert")


def _esc(text: object) -> str:
    return html.escape(str(text))


@dataclass(frozen=True)
class Pages:
    """What every notebook page of a run shares: its dates, data version, footer and navigation.

    Built from the notebooks' plain-text twins and the raw data, not from executed notebooks, so
    the runner can render a notebook's page as soon as that notebook has run, while later ones
    are still running; :func:`build_report` renders any page left and writes the index.
    """

    start_date: str
    end_date: str
    as_of: str
    data_version: str
    titles: dict[str, str]

    @property
    def footer(self) -> str:
        return source_line(self.as_of, self.start_date, self.end_date, self.data_version)

    @property
    def navigation(self) -> str:
        return " ".join(
            ['<a href="../index.html">Report</a>']
            + [f'<a href="{stem}.html">{_esc(title.split(".")[0])}</a>' for stem, title in self.titles.items()]
        )

    def render(self, layout: OutputLayout, step: Step) -> Path:
        """The page of one executed notebook."""
        title = f"{self.titles[step.notebook]} ({self.start_date} to {self.end_date})"
        return render_notebook(
            layout.base / step.executed, layout.base / step.page, self.navigation, self.footer, title
        )


def report_pages(steps: list[Step], raw_dir: Path, start_date: str, end_date: str) -> Pages:
    """The shared parts of a run's notebook pages (titles from the notebooks' twins)."""
    titles = {step.notebook: notebook_title(jupytext.read(step.source()), step.source().name) for step in steps}
    as_of = str(describe_vintages(rankings_dir(raw_dir)).iloc[-1]["as_of"])
    return Pages(start_date, end_date, as_of, data_version(raw_dir), titles)
