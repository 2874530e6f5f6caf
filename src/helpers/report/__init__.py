"""The reader-facing report: the answer first, then the charts, the method and the limits.

Readers should not need Jupyter. The index opens with the verdict (the sentences the notebooks
marked as such, every number computed by them), then the key charts, the headline's week-by-week
numbers, one section per notebook, what the data cannot tell, every figure with its data and
source line, the data versions, and how to rerun and cite. Each notebook is also rendered as its
own page. Pages work offline (no CDN scripts), share one stylesheet, read on a phone, and contain
no timestamps, so an unchanged run gives byte-identical HTML. The rooms: :mod:`.pages` (one page
per notebook), :mod:`.index` (the first page), :mod:`.cite` (credit lines for figures).
"""

from .cite import figure_citation, figure_metadata, project_metadata
from .index import LIMITS, RERUN, TITLE, build_index, build_report, figure_citation_for_index
from .pages import (
    NOTEBOOK_CSS,
    REPORT_CSS,
    STYLE_DIR,
    TEMPLATE_DIR,
    NotebookSummary,
    Pages,
    link_figures_for_pages,
    notebook_title,
    render_notebook,
    report_pages,
    summarise_notebook,
    write_assets,
)

__all__ = [
    "TEMPLATE_DIR",
    "STYLE_DIR",
    "NOTEBOOK_CSS",
    "REPORT_CSS",
    "NotebookSummary",
    "notebook_title",
    "summarise_notebook",
    "link_figures_for_pages",
    "render_notebook",
    "write_assets",
    "Pages",
    "report_pages",
    "figure_metadata",
    "project_metadata",
    "figure_citation",
    "TITLE",
    "LIMITS",
    "RERUN",
    "build_index",
    "figure_citation_for_index",
    "build_report",
]
