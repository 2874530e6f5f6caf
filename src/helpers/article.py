"""The article-width copy of a key figure: the same chart laid out again for a 640-pixel column.

A full-width figure shrunk into an article's column makes its type unreadably small; re-laying it
out at the column's own width keeps every type size the one chosen in points.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.legend import Legend

# The article-width copy of a key figure: drawn 6.4 inches wide, it is pasted into a 640-pixel
# column at its own scale (its 200-dpi PNG is 1,280 pixels, sharp on high-density screens), so every
# type size is the one chosen in points: the 7.5-point source line reads at about 10 pixels, where
# the full-width figure shrunk into the column gives it about 5.
ARTICLE_WIDTH = 6.4
ARTICLE_TITLE_CHARACTERS = 56
ARTICLE_FOOTER_CHARACTERS = 105
ARTICLE_LEGEND_CHARACTERS = 80  # a legend row's characters at article width


def _rewrap(text: str, width: int) -> str:
    return textwrap.fill(" ".join(text.split()), width)


def _title_characters(fig: plt.Figure, ax: plt.Axes, title: plt.Text) -> int:
    """How many characters of a panel's title fit between the panel's left edge and the figure's
    right edge (an average character is about 0.55 of the type size wide)."""
    room = (1 - ax.get_position().x0) * fig.get_figwidth() * 72
    return max(20, int(room / (0.55 * float(title.get_fontsize()))))


def _legend_anchors(fig: plt.Figure) -> list[tuple[Axes | plt.Figure, Legend, np.ndarray]]:
    """Each legend with its owner and its anchor in the owner's own coordinates (axes or figure),
    read before a resize moves the display coordinates under it."""
    found: list[tuple[Axes | plt.Figure, Legend, np.ndarray]] = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            found.append((ax, legend, ax.transAxes.inverted().transform(legend.get_bbox_to_anchor().p0)))
    for legend in fig.legends:
        found.append((fig, legend, fig.transFigure.inverted().transform(legend.get_bbox_to_anchor().p0)))
    return found


def _narrow_legends(fig: plt.Figure, legends: list[tuple[Axes | plt.Figure, Legend, np.ndarray]]) -> None:
    """Each legend again, with as many columns as the narrower figure holds."""
    for owner, legend, anchor in legends:
        labels = [t.get_text() for t in legend.get_texts()]
        # matplotlib has no public getter for a legend's columns or location
        before, loc = legend._ncols, legend._loc  # type: ignore[attr-defined]
        columns = max(1, min(before, ARTICLE_LEGEND_CHARACTERS // max(map(len, labels), default=1)))
        if columns == before:
            continue
        legend.remove()
        owner.legend(
            [h for h in legend.legend_handles if h is not None],
            labels,
            loc=loc,
            bbox_to_anchor=tuple(anchor),
            bbox_transform=owner.transAxes if isinstance(owner, Axes) else fig.transFigure,
            ncol=columns,
            frameon=False,
        )


def _rewrap_titles(fig: plt.Figure) -> None:
    """Panel titles re-wrapped to the room they have, with space between panels for extra lines;
    the figure's title re-wrapped, with the panels moved down under it."""
    most_lines = 1
    for ax in fig.axes:
        # the left and centre titles as Text objects (matplotlib keeps no public handle on the
        # left one), so their size and weight stay as each chart set them
        for title in (ax.title, ax._left_title):  # type: ignore[attr-defined]
            if title.get_text():
                title.set_text(_rewrap(title.get_text(), _title_characters(fig, ax, title)))
                most_lines = max(most_lines, title.get_text().count("\n") + 1)
    if len(fig.axes) > 1 and most_lines > 1:
        fig.subplots_adjust(hspace=fig.subplotpars.hspace * (1 + 0.45 * (most_lines - 1)))
    suptitle = fig.get_suptitle()
    if suptitle:
        wrapped = _rewrap(suptitle, ARTICLE_TITLE_CHARACTERS + 8)
        fig._suptitle.set_text(wrapped)  # type: ignore[attr-defined]  # the Text fig.suptitle made, its style kept
        fig.subplots_adjust(top=1 - (0.3 + 0.2 * (wrapped.count("\n") + 1)) / fig.get_figheight())


def relayout_for_article(fig: plt.Figure, footer: plt.Text) -> None:
    """Re-lay a drawn figure out at article width: taller in proportion so panels keep their shape,
    titles re-wrapped to the narrower column, legends with as many columns as fit; the source line
    is taken off, for the caller to print again re-wrapped (``ARTICLE_FOOTER_CHARACTERS``)."""
    legends = _legend_anchors(fig)
    width, height = fig.get_size_inches()
    fig.set_size_inches(ARTICLE_WIDTH, height * ARTICLE_WIDTH / width * 1.3)
    _rewrap_titles(fig)
    _narrow_legends(fig, legends)
    footer.remove()
