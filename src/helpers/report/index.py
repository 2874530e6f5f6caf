"""The report's first page: the verdict, the key charts, the notebooks, limits, data versions, how to cite."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlparse

import nbformat

from ..dates import span_label
from ..findings.claims import CLAIMS_TABLE, TALLY_TABLE
from ..findings.headline import WEEKS_TABLE
from ..manifest import describe_raw_folders
from ..paths import OutputLayout
from ..steps import ARTICLE_SUFFIX, load_steps, parameter_values
from ..tables.headline import HEADLINE_COLUMN
from .cite import figure_metadata, project_metadata
from .pages import REPORT_CSS, NotebookSummary, Pages, _esc, report_pages, summarise_notebook, write_assets
from .sources import sources_section

TITLE = "Is OpenRouter a representative sample of who uses which AI models?"
ANSWER_KEY = "answer"  # the finding that answers TITLE in one sentence
OWN_SECTIONS = (WEEKS_TABLE, TALLY_TABLE, CLAIMS_TABLE)  # tables the index shows in a section of their own


def _figure_block(name: str, meta: dict[str, str], width: int = 900, article: bool = False) -> str:
    notes = f" {_esc(meta['Notes'])}" if meta.get("Notes") else ""
    column = f' · <a href="figures/{name}{ARTICLE_SUFFIX}.png">PNG for a 640-pixel column</a>' if article else ""
    return (
        f'<figure id="fig-{name}"><a href="figures/{name}.png"><img src="figures/{name}.png" '
        f'alt="{_esc(meta["Alt"] or meta["Title"])}" width="{width}"></a>'
        f"<figcaption><strong>{_esc(meta['Title'])}</strong>{notes}<br>"
        f'<a href="data/{name}.csv">data (CSV)</a> · <a href="figures/{name}.svg">SVG</a> · '
        f'<a href="figures/{name}.png">PNG (200 dpi)</a>{column}'
        f"<br><small>{_esc(meta['Source']).replace(chr(10), '<br>')}</small></figcaption></figure>"
    )


def _finding_item(text: str, figure: str, figures: dict[str, dict]) -> str:
    link = f' <a class="see" href="#fig-{figure}">see the chart</a>' if figure in figures else ""
    return f"<li>{_esc(text)}{link}</li>"


def _table(rows: list[dict], caption: str = "", mark: tuple[str, str] | None = None) -> str:
    """A table of the strings a notebook published; rows whose ``mark`` column holds the value are
    highlighted (the headline's own weeks)."""
    if not rows:
        return ""
    columns = list(rows[0])
    head = "".join(f"<th>{_esc(c)}</th>" for c in columns)

    def cell(value: object) -> str:
        text = str(value)
        if text.startswith(("https://", "http://")):  # a page's address: linked by its site's name
            return f'<td><a href="{_esc(text)}">{_esc(urlparse(text).netloc)}</a></td>'
        return f"<td>{_esc(text)}</td>"

    def row(r: dict) -> str:
        marked = mark is not None and r.get(mark[0]) == mark[1]
        cells = "".join(cell(r.get(c, "")) for c in columns)
        return f'<tr class="mark">{cells}</tr>' if marked else f"<tr>{cells}</tr>"

    cap = f"<caption>{_esc(caption)}</caption>" if caption else ""
    body = "".join(row(r) for r in rows)
    return f'<div class="table-wrap"><table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _verdict(summaries: list[NotebookSummary], figures: dict[str, dict]) -> str:
    items = [(s, f) for s in summaries for f in s.findings.items if f.verdict]
    return '<ol class="verdict">' + "".join(_finding_item(f.text, f.figure, figures) for s, f in items) + "</ol>"


def _answer(summaries: list[NotebookSummary]) -> str:
    """The page's question answered in one sentence of words, then its numbers (notebook 4's answer)."""
    answers = [f.text for s in summaries for f in s.findings.items if f.key == ANSWER_KEY]
    if not answers:
        return ""
    gist, _, numbers = answers[0].removesuffix(".").partition(". ")
    numbers = f" {_esc(numbers)}." if numbers else ""
    return f'<p class="answer"><strong>{_esc(gist)}.</strong>{numbers}</p>'


def _notebook_sections(summaries: list[NotebookSummary], figures: dict[str, dict]) -> str:
    parts = []
    for summary in summaries:
        page = f"notebooks/{summary.stem}.html"
        own = [name for name in summary.figures if name in figures]
        items = "".join(_finding_item(f.text, f.figure, figures) for f in summary.findings.items if f.key != ANSWER_KEY)
        tables = "".join(
            _table(rows, caption) for caption, rows in summary.findings.tables.items() if caption not in OWN_SECTIONS
        )
        links = " · ".join(f'<a href="#fig-{n}">{_esc(figures[n]["Title"])}</a>' for n in own)
        parts.append(
            f'<section id="{summary.stem}"><h3><a href="{page}">{_esc(summary.title)}</a></h3>'
            + (f'<div class="question">{summary.question}</div>' if summary.question else "")
            + f"<ul>{items}</ul>{tables}"
            + f'<p class="links"><a href="{page}">Method, code and every table</a>'
            + (f" · Figures: {links}" if own else "")
            + "</p></section>"
        )
    return "\n".join(parts)


def _claims(summaries: list[NotebookSummary]) -> str:
    """The "Claims checked" section: notebook 5's tally, then every claim with its page and the
    project's figure (folded, as it is long)."""
    tables = next((s.findings.tables for s in summaries if CLAIMS_TABLE in s.findings.tables), {})
    if not tables:
        return "<p>No published claim's period lies inside these dates.</p>"
    rows = tables[CLAIMS_TABLE]
    return (
        _table(tables[TALLY_TABLE], TALLY_TABLE)
        + f"<details><summary>{_esc(CLAIMS_TABLE)} ({len(rows)} claims)</summary>{_table(rows)}</details>"
        + '<p class="links">With every column: <a href="../data/processed/claims_checked.csv">claims_checked.csv</a>; '
        "the ledger with the quoted words: <code>data/raw/reference/claims/claims.csv</code>; one claim again: "
        "<code>python -m helpers claims CLAIM_ID</code>.</p>"
    )


def _headline_weeks(summaries: list[NotebookSummary]) -> str:
    """The headline's count week by week, as notebook 2 published it for people, its weeks highlighted."""
    rows = next((s.findings.tables[WEEKS_TABLE] for s in summaries if WEEKS_TABLE in s.findings.tables), [])
    if not rows:
        return "<p>No complete week of the headline's count falls inside these dates.</p>"
    marked = any(r.get(HEADLINE_COLUMN) == "yes" for r in rows)
    caption = (
        "The weeks around the headline's six (highlighted): the week's nine largest models on OpenRouter, grouped "
        "by the origin of their maker"
        if marked
        else "The last complete weeks of these dates (the headline's six weeks are not among them): the week's nine "
        "largest models on OpenRouter, grouped by the origin of their maker"
    )
    return (
        _table(rows, caption, mark=(HEADLINE_COLUMN, "yes"))
        + '<p class="links">Every complete week: <a href="../data/processed/headline_weeks.csv">'
        "headline_weeks.csv</a> (token counts in tokens, changes in percent).</p>"
    )


LIMITS = [
    (
        "Requests.",
        "The rankings count tokens (prompt plus completion), not requests or API calls. The headline's "
        '"API call volume" can only have been a token count; the rankings page\'s request shares and the prediction '
        "markets that settle on them cannot be rebuilt from the licensed data.",
        "Every comparison here is in tokens or in estimated dollars, and says so.",
    ),
    (
        "Providers and apps.",
        "The data says which model served each token, not which provider hosted it nor which "
        "app sent it: a Chinese model served by a US host, or traffic from one coding app, cannot be separated.",
        "Findings speak of Chinese and US models (by the maker's headquarters), never of Chinese companies' revenue.",
    ),
    (
        "Private traffic.",
        "Only public models in the daily top 50 are named; private, enterprise and zero-data-retention "
        "traffic, if it is counted at all, is not identifiable, and models outside the top 50 form one anonymous row.",
        "The long tail is its own group in every share of tokens, never dropped. Shares of dollars are shares of the "
        "daily top 50's estimated spend, because the tail's models and prices are unknown; the tail's dollars are "
        "estimated only in the total, from the multiple measured on OpenRouter's bill.",
    ),
    (
        "Prices, checked against one bill.",
        "Spend is estimated from the prices OpenRouter charged and each model's tokens, scaled by how much of the "
        "list price it actually billed, measured model by model over four billed weeks of September-October 2026. "
        "Before and after those weeks the same ratios are assumed, and prices observed later are carried back to "
        "days no snapshot covers; caching and discounts change the ratio over time.",
        "Spend shares are bands that widen away from the billed weeks at the measured rate, and notebook 3 sets the "
        "estimate beside the bill week by week, including a week left out of the calibration.",
    ),
    (
        "One router.",
        "OpenRouter is a small, self-selected slice of all API traffic, weighted toward developers, "
        "coding agents and price-sensitive users.",
        "Notebook 4 sets its shares beside enterprise spend, adoption and "
        "other public lenses, each for the same period, and never averages across them.",
    ),
    (
        "Stealth models and restatements.",
        "Models under a code name have no maker until one is revealed, and "
        "OpenRouter may publish a day again with different numbers.",
        "Stealth traffic is its own group (moved to a "
        "lab only where a cited source names it), and restated days are listed with the size of the change.",
    ),
    (
        "A widely repeated number.",
        'No source was found for "DeepSeek at 0.1% on Ramp"; the only Ramp figure for '
        "DeepSeek found is 0.3% of businesses (June to August 2026, from a third party's reading of Ramp's export).",
        "The project uses only figures it could trace to a page, each cited in data/raw/enterprise.",
    ),
]


def _limits() -> str:
    return (
        '<dl class="limits">'
        + "".join(
            f"<dt>{_esc(a)}</dt><dd>{_esc(b)} <em>What the project does: {_esc(c)}</em></dd>" for a, b, c in LIMITS
        )
        + "</dl>"
    )


def _data_versions(versions: list[dict], data_version: str) -> str:
    return (
        f"<p>Data version <code>{_esc(data_version)}</code>: a fingerprint of every raw file's checksum, "
        "printed on every figure.</p>" + _table(versions)
    )


RERUN = """make report                                   # the reference run, on the data shipped in the repository
make report START=2026-06-01 END=2026-06-07   # other dates: a report of its own under runs/
python -m helpers run --start 2026-06-01 --end 2026-06-07 [--out DIR]"""


def build_index(
    summaries: list[NotebookSummary],
    figures: dict[str, dict],
    run: dict,
    versions: list[dict],
    sources: str,
    key_figures: tuple[str, ...] = (),
) -> str:
    project = project_metadata()
    key = [n for n in key_figures if n in figures]
    example = next(iter(figures), "")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{REPORT_CSS}">
<title>{_esc(TITLE)} Report, {_esc(run["start_date"])} to {_esc(run["end_date"])}</title>
</head>
<body data-start="{_esc(run["start_date"])}" data-end="{_esc(run["end_date"])}">
<header><h1>{_esc(TITLE)}</h1>
{_answer(summaries)}
<p class="lede">What OpenRouter's own rankings, {_esc(span_label(run["start_date"], run["end_date"]))}, say about
the June 2026 headline that Chinese models outpaced American ones "in total API call volume", and how OpenRouter
compares with what businesses pay for. OpenRouter's rankings count tokens (the text sent to and written by a
model), not calls, so the headline's "API call volume" is a count of tokens. T = trillion tokens; every number is
computed from the data shipped with the project.</p></header>
<section id="verdict"><h2>What the data show</h2>
{_verdict(summaries, figures)}
<p class="data">Data: OpenRouter's daily rankings, as of {_esc(run["as_of"])}, data version
<code>{_esc(run["data_version"])}</code>. <a href="#sources">Sources</a> ·
<a href="#limits">What this data cannot tell you</a> · <a href="#cite">How to cite</a></p>
</section>
<section id="key-charts"><h2>Key charts</h2>
{"".join(_figure_block(n, figures[n], article=True) for n in key) or "<p>No chart could be drawn for these dates.</p>"}
</section>
<section id="headline-weeks"><h2>The headline's numbers, week by week</h2>
{_headline_weeks(summaries)}
</section>
<section id="claims"><h2>Claims checked</h2>
<p>Every figure about OpenRouter's token and spend shares the project found in print, recomputed over the
claim's own period with the definition it states or implies.</p>
{_claims(summaries)}
</section>
<section id="method"><h2>Method and findings, notebook by notebook</h2>
{_notebook_sections(summaries, figures)}
</section>
<section id="sources"><h2>Sources</h2>
<p>Every publisher quoted on this page, with a link; each figure's own source line names the ones it uses.</p>
{sources}
</section>
<section id="limits"><h2>What this data cannot tell you</h2>
{_limits()}
</section>
<section id="figures"><h2>Every figure, with its data</h2>
<p>Each figure is saved as PNG (200 dpi) and SVG with its title, source line, parameters and the data version in
the file's metadata, beside a CSV of exactly what it plots.</p>
{"".join(_figure_block(n, meta, 760, n in key) for n, meta in figures.items())}
</section>
<section id="data-versions"><h2>Data versions</h2>
{_data_versions(versions, run["data_version"])}
</section>
<section id="rerun"><h2>Rerun</h2>
<pre>{_esc(RERUN)}</pre>
</section>
<section id="cite"><h2>How to cite</h2>
<p>The project: {_esc(project["authors"])}, <em>{_esc(project["title"])}</em>, version {_esc(project["version"])}
(see <code>CITATION.cff</code>). A figure: <code>python -m helpers cite reports/figures/{_esc(example)}.png</code>
prints its credit line (add <code>--bibtex</code> for BibTeX), for example:</p>
<pre>{_esc(figure_citation_for_index(figures, example))}</pre>
</section>
</body>
</html>
"""


def figure_citation_for_index(figures: dict[str, dict], name: str) -> str:
    meta = figures.get(name)
    return f'"{meta["Title"]}"\n{meta["Source"]}' if meta else ""


def build_report(
    layout: OutputLayout, raw_dir: Path, pages: Pages | None = None, rendered: Collection[str] = ()
) -> Path:
    """Render every executed notebook's page (but those in ``rendered``, already rendered with the
    same ``pages``) and write ``index.html`` into the run's ``reports/`` folder."""
    steps = load_steps()
    executed = [layout.base / step.executed for step in steps]
    summaries = [
        replace(summarise_notebook(path, layout.processed), figures=step.figures) for path, step in zip(executed, steps)
    ]
    figures = {
        name: figure_metadata(layout.figures / f"{name}.png")
        for step in steps
        for name in step.figures
        if (layout.figures / f"{name}.png").is_file()
    }
    if pages is None:
        # the run's parameters as the executed notebook holds them: the injected cell, else the defaults
        parameters = parameter_values(nbformat.read(executed[0], as_version=4), ("parameters", "injected-parameters"))
        pages = report_pages(steps, raw_dir, parameters["start_date"], parameters["end_date"])
    write_assets(layout.report)
    for step in steps:
        if step.notebook not in rendered:
            pages.render(layout, step)
    run = {
        "start_date": pages.start_date,
        "end_date": pages.end_date,
        "as_of": pages.as_of,
        "data_version": pages.data_version,
    }
    index = layout.report / "index.html"
    index.write_text(
        build_index(
            summaries,
            figures,
            run,
            describe_raw_folders(raw_dir),
            sources_section(raw_dir),
            tuple(name for step in steps for name in step.key_figures),
        ),
        encoding="utf-8",
    )
    return index
