"""Notebook 5's chart: how many of each day's 50 named models come from each origin group."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .. import figures
from ..dates import Window
from ..figures import ORIGIN_COLOURS, ORIGIN_LABELS, Chart
from .base import WIDE, _legend_below, set_title

SHOWN = ["CN", "US", "EU", "ROW", "UNDISCLOSED"]  # the long tail is not a model: it is the `other` row


def top50_models_by_origin(counts: pd.DataFrame, window: Window, title: str) -> Chart:
    """One line per origin group: its models among the day's 50 named models, every day of the run
    (points instead of lines when the run is a single day)."""
    wide = counts.pivot(index="date", columns="origin", values="models").reindex(columns=SHOWN, fill_value=0)
    fig, ax = plt.subplots(figsize=WIDE)
    single = len(wide) == 1
    handles = []
    for origin in SHOWN:
        style = {"marker": "o", "linestyle": "none", "markersize": 8} if single else {"linewidth": 1.4}
        handles.append(ax.plot(wide.index, wide[origin], color=ORIGIN_COLOURS[origin], **style)[0])
    figures.date_axis(ax, window)
    ax.set_ylim(0, 50)
    ax.set_ylabel("models among the day's 50 named models")
    _legend_below(ax, handles, [ORIGIN_LABELS[o] for o in SHOWN])
    set_title(ax, title)
    data = counts.assign(origin_label=counts["origin"].map(ORIGIN_LABELS))
    return Chart(
        "05_top50_models_by_origin",
        title,
        "Line chart of the number of models from Chinese, US, European Union, rest-of-world and undisclosed "
        "(stealth) labs among the 50 models OpenRouter's rankings name each day. " + title,
        fig,
        data[["date", "origin", "origin_label", "models"]],
        notes=["A free variant is counted as its own model, as OpenRouter lists it."],
    )
