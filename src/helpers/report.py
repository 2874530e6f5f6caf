"""The reader-facing report: every executed notebook as an HTML page, and one index page.

Readers should not need Jupyter. The index states the question, the key findings (taken from each
notebook's computed "Findings" cell, never retyped), the data's range, as-of date and version,
every figure with its source line, and how to rerun and cite. Pages are built from the executed
notebooks and the saved figures only, work offline (no CDN scripts) and contain no timestamps,
so an unchanged run gives byte-identical HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from PIL import Image

from .errors import ProjectError
from .figures import source_line
from .pipeline import read_run_info

TEMPLATE_DIR = Path(__file__).with_name("templates")
FINDINGS_HEADINGS = ("## Findings", "## What was found")
PAGES_FOLDER = "notebooks"
FIGURES_FOLDER = "figures"


@dataclass(frozen=True)
class NotebookSummary:
    """What the index needs from one executed notebook."""

    stem: str
    title: str
    question: str
    findings: list[str]
    findings_anchor: str


def _heading_anchor(heading: str) -> str:
    """The id nbconvert gives a markdown heading (spaces become hyphens)."""
    return heading.lstrip("#").strip().replace(" ", "-")


def _cell_stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")


def summarise_notebook(path: Path) -> NotebookSummary:
    """Title, question and the computed findings of an executed notebook.

    The findings are the ``- `` lines printed by the code cells under the notebook's findings
    heading, so the index always says what the executed notebook says.
    """
    notebook = nbformat.read(path, as_version=4)
    markdown = [c for c in notebook.cells if c.cell_type == "markdown"]
    if not markdown:
        raise ProjectError(f"{path.name}: no markdown title cell")
    title = markdown[0].source.splitlines()[0].lstrip("#").strip()
    question = next((line.strip() for line in markdown[0].source.split("\n\n")
                     if line.startswith("**Question.**")), "")
    question = markdown2html_mistune(" ".join(question.replace("**Question.**", "").split()))
    starts = [i for i, c in enumerate(notebook.cells)
              if c.cell_type == "markdown" and c.source.startswith(FINDINGS_HEADINGS)]
    if not starts:
        raise ProjectError(f"{path.name}: no findings section ({' or '.join(FINDINGS_HEADINGS)})")
    heading = notebook.cells[starts[-1]].source.splitlines()[0]
    following = notebook.cells[starts[-1] + 1:]
    lines = [line[2:] for cell in following if cell.cell_type == "code"
             for line in _cell_stdout(cell).splitlines() if line.startswith("- ")]
    if not lines:
        raise ProjectError(f"{path.name}: the findings section printed nothing; execute the notebook first")
    return NotebookSummary(path.stem, title, question, lines, _heading_anchor(heading))


def figure_metadata(png: Path) -> dict[str, str]:
    """The title, source line and parameters written into a figure's PNG text chunks."""
    with Image.open(png) as image:
        text = dict(getattr(image, "text", {}))
    return {key: text.get(key, "") for key in ("Title", "Source", "Description", "Comment")}


def figure_citation(path: Path) -> str:
    """How to cite a figure file: its title, file name, the source line and parameters it carries.

    Read from the PNG's own metadata (an SVG is cited through its PNG twin), so the citation is
    always the one the figure was saved with.
    """
    png = Path(path).with_suffix(".png")
    if not png.is_file():
        raise ProjectError(f"{path}: no such figure (expected a PNG saved by the notebooks)")
    meta = figure_metadata(png)
    if not meta["Source"]:
        raise ProjectError(f"{png}: the file carries no source metadata; was it saved by helpers.figures?")
    return (f"{meta['Title']}\nFile: {png.name} (and {png.with_suffix('.svg').name})\n{meta['Source']}\n"
            f"Parameters: {meta['Description']}; {meta['Comment']}")


def _navigation(summaries: list[NotebookSummary], prefix: str) -> str:
    links = [f'<a href="{prefix}index.html">Report index</a>']
    links += [f'<a href="{prefix}{PAGES_FOLDER}/{s.stem}.html">{html.escape(s.title)}</a>' for s in summaries]
    return " ".join(links)


def render_notebook(notebook: Path, out: Path, navigation: str, footer: str) -> Path:
    """One executed notebook as an offline HTML page, code folded, outputs and prose kept."""
    exporter = HTMLExporter(template_name="report", extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(
        nbformat.read(notebook, as_version=4),
        resources={"report_nav": navigation, "report_footer": html.escape(footer)})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, encoding="utf-8")
    return out


def _figure_section(figures: dict[Path, dict[str, str]]) -> str:
    rows = []
    for png, meta in figures.items():
        name = png.stem
        rows.append(
            f'<figure id="{name}"><a href="{FIGURES_FOLDER}/{png.name}"><img src="{FIGURES_FOLDER}/{png.name}" '
            f'alt="{html.escape(meta["Title"])}" width="640"></a>'
            f'<figcaption><strong>{html.escape(meta["Title"])}</strong><br>'
            f'<code>{FIGURES_FOLDER}/{png.name}</code> · <a href="{FIGURES_FOLDER}/{name}.svg">SVG</a> · '
            f'<a href="{FIGURES_FOLDER}/{png.name}">PNG (200 dpi)</a><br>'
            f'<small>{html.escape(meta["Source"]).replace(chr(10), "<br>")}</small></figcaption></figure>')
    return "\n".join(rows)


def _findings_section(summaries: list[NotebookSummary], figures: dict[Path, dict[str, str]]) -> str:
    parts = []
    for summary in summaries:
        own = [f for f in figures if f.stem.startswith(summary.stem[:3])]
        page = f"{PAGES_FOLDER}/{summary.stem}.html"
        items = "".join(f"<li>{html.escape(line)}</li>" for line in summary.findings)
        figure_links = " · ".join(f'<a href="#{f.stem}">{html.escape(figures[f]["Title"])}</a>' for f in own)
        parts.append(
            f'<section><h3><a href="{page}">{html.escape(summary.title)}</a></h3>'
            + (f'<div class="question">{summary.question}</div>' if summary.question else "")
            + f'<ul>{items}</ul><p class="links">Read: <a href="{page}#{summary.findings_anchor}">the findings in '
            f"context</a>" + (f" · Figures: {figure_links}" if own else "") + "</p></section>")
    return "\n".join(parts)


INDEX_STYLE = """
body { font: 16px/1.55 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.7rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; } h3 { margin-bottom: .3rem; }
figure { margin: 1.5rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .9rem; } code, pre { background: #f5f5f5; } pre { padding: .6rem; overflow-x: auto; }
p.links { font-size: .9rem; } small { color: #555; } div.question { font-style: italic; }
"""


def build_index(summaries: list[NotebookSummary], figures: dict[Path, dict[str, str]], run: dict[str, str],
                citation: str, rerun: str) -> str:
    """The index page: question, findings with links, data, figures (with their metadata), rerun and citation."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>Is OpenRouter a representative sample of who uses which AI models?</title>
<style>{INDEX_STYLE}</style>
</head>
<body>
<h1>Is OpenRouter a representative sample of who uses which AI models?</h1>
<p>In June 2026 a headline said that for six consecutive weeks Chinese AI models had outpaced American
ones in total API call volume on OpenRouter. This report rebuilds that claim from OpenRouter's published
daily rankings, shows which definition produced it, re-measures it under the critics' objections (all
traffic against the top models, free against paid, tokens against estimated spend) and sets OpenRouter's
vendor shares beside enterprise spend and adoption data. Every number below is computed by the notebooks
from the raw data shipped with the project.</p>
<p><strong>Data:</strong> OpenRouter <code>rankings-daily</code>, {html.escape(run["start_date"])} to
{html.escape(run["end_date"])}, as of {html.escape(run["as_of"])}; data version
<code>{html.escape(run["data_version"])}</code> (a fingerprint of every raw file's checksum).</p>
<h2 id="findings">Key findings</h2>
{_findings_section(summaries, figures)}
<h2 id="figures">Figures</h2>
<p>Each figure is saved as PNG (200 dpi) and SVG; its title, source line, parameters and the raw data's
checksum are written into the file's metadata.</p>
{_figure_section(figures)}
<h2 id="rerun">Rerun</h2>
<pre>{html.escape(rerun)}</pre>
<h2 id="cite">How to cite</h2>
<p>Cite a figure by its file, its source line and the data version, for example:</p>
<pre>{html.escape(citation)}</pre>
<p>The project itself has a <code>CITATION.cff</code> at the root of the repository.
<code>python -m helpers cite FIGURE.png</code> prints the citation stored in a figure file.</p>
</body>
</html>
"""


RERUN = """make report                                   # the reference run, on the data shipped in the repository
make report START=2026-03-02 END=2026-06-28   # other dates: a report of its own under runs/
python -m helpers run --start 2026-03-02 --end 2026-06-28 [--out DIR]"""


def build_report(notebooks_dir: Path, figures_dir: Path, processed_dir: Path, report_dir: Path) -> Path:
    """Render every executed notebook and write ``index.html`` into ``report_dir``.

    ``figures_dir`` must be ``report_dir / "figures"`` so the pages' relative links hold wherever
    the report is copied.
    """
    if figures_dir.resolve() != (report_dir / FIGURES_FOLDER).resolve():
        raise ProjectError(f"figures must sit in {report_dir / FIGURES_FOLDER} for the report's links, "
                           f"got {figures_dir}")
    run = read_run_info(processed_dir)
    notebooks = sorted(notebooks_dir.glob("[0-9][0-9]_*.ipynb"))
    summaries = [summarise_notebook(n) for n in notebooks]
    figures = {png: figure_metadata(png) for png in sorted(figures_dir.glob("*.png"))}
    citation = source_line(run["as_of"], run["start_date"], run["end_date"], run["data_version"])
    for notebook in notebooks:
        render_notebook(notebook, report_dir / PAGES_FOLDER / f"{notebook.stem}.html",
                        _navigation(summaries, "../"), citation)
    index = report_dir / "index.html"
    index.write_text(build_index(summaries, figures, run, citation, RERUN), encoding="utf-8")
    return index
