"""Notebook 4's charts: OpenRouter beside enterprise spend, adoption and whole-market figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .. import figures
from ..dates import Window, period_phrase, span_label
from ..enterprise.data import OPENROUTER_SOURCE_ID, RANK_UNIT, SHARE_UNIT, measure_words
from ..figures import Chart
from ..findings import capitalised
from .base import SHORT_RUN_WEEKS, draw_range, set_suptitle

PUBLISHER_COLOURS = {
    "ramp": "#009E73",
    "menlo": "#E69F00",
    "a16z": "#56B4E9",
    "vercel": "#000000",
    "rbc": "#999933",
    "state": "#CC79A7",
    "cache": "#009E73",
    "groundy": "#009E73",
    "tisram": "#009E73",
    "georgesdem": "#009E73",
}


SHARE_FAMILY = "share of tokens or dollars"


def _lens_marker(lens: str) -> str:
    """One marker shape per kind of measure, so spend, tokens and adoption read apart at a glance."""
    if "spend" in lens or "wallet" in lens:
        return "o"
    if "token" in lens or "volume" in lens or "usage" in lens:
        return "s"
    return "D" if "adoption" in lens or "use" in lens else "^"


def _publisher_colour(source_id: str) -> str:
    return PUBLISHER_COLOURS.get(source_id.split("_")[0], "#555555")


def _numbered_sources(source_ids, sources: pd.DataFrame) -> tuple[dict[str, int], list[str], list[str]]:
    """Short numbered notes for the sources a chart uses: number per source, the notes, their URLs."""
    used = [s for s in dict.fromkeys(source_ids) if s in set(sources["source_id"])]
    table = sources.set_index("source_id")
    numbers = {s: i + 1 for i, s in enumerate(used)}
    notes = [f"[{numbers[s]}] {table.loc[s, 'cite_as']}" for s in used]
    return numbers, notes, [table.loc[s, "url"] for s in used]


BUSINESS_PANEL = "Businesses or respondents: not a share of money or tokens"


def _panels(rows: pd.DataFrame, periods: list[str], share_unit: str) -> list[tuple[str, pd.DataFrame]]:
    """One panel per period of shares of money or tokens, and one for shares of businesses or
    respondents (every period), so the two are never drawn on one axis."""
    panels = []
    for period in periods:
        part = rows[(rows["period"] == period) & (rows["unit"] == share_unit)]
        if len(part):
            covered = part["openrouter_covers"].astype(bool).all()
            first, last = (pd.Timestamp(d) for d in part["openrouter_period"].iat[0].split(".."))
            note = "" if covered else f"\n(OpenRouter's rankings cover {span_label(first, last)} of it)"
            panels.append((f"{period}: shares of money or tokens{note}", part))
    business = rows[rows["unit"] != share_unit]
    if len(business):
        panels.append((BUSINESS_PANEL, business.assign(label=business["label"] + ", " + business["period"])))
    return panels


def _bar_row(ax: plt.Axes, y: int, row: pd.Series, top: float, colour: str, numbers: dict, share_unit: str) -> None:
    """One measure as a bar (hatched when it counts businesses), its range and its value in words."""
    label = row["label"] + (f" [{numbers[row['source_id']]}]" if row["source_id"] in numbers else "")
    secondary = row["evidence"] == "secondary"
    share = row["unit"] == share_unit
    ax.barh(y, max(row["value"], top * 0.012), color=colour if share else "white", edgecolor=colour,
            alpha=0.5 if secondary else 1.0, hatch=None if share else "///", linewidth=1.0)  # fmt: skip
    draw_range(ax, row, y)
    unit = "" if share else " of businesses" if row["unit"] == "percent_of_businesses" else " of respondents"
    ax.text(max(row["value_high"], row["value"]) + top * 0.015, y,
            f"{row['value']:.1f}%{unit}" + (" (secondary)" if secondary else ""), va="center", fontsize=8.5)  # fmt: skip
    ax.text(-top * 0.01, y, label, ha="right", va="center", fontsize=8.5)


def _chinese_title(rows: pd.DataFrame, lenses: pd.DataFrame, periods: list[str], or_source: str) -> str:
    """Like with like: OpenRouter's spend beside another measure of spend (or tokens beside tokens)
    for the latest period that has one; never a share of businesses."""
    counterpart = lenses.set_index("lens")["openrouter_counterpart"]
    for period in reversed(periods):
        part = rows[rows["period"] == period]
        others = part[(part["source_id"] != or_source) & part["lens"].map(counterpart).fillna("").ne("")]
        for _, other in others.iterrows():
            ours = part[part["lens"] == counterpart[other["lens"]]]
            if len(ours):
                what = "estimated spend" if counterpart[other["lens"]] == "openrouter_spend" else "tokens"
                return (
                    f"Chinese labs in {period}: {ours['value'].iat[0]:.0f}% of OpenRouter's {what} against "
                    f"{other['value']:.1f}% of {measure_words(other['lens'], lenses)}"
                )
    return "Chinese labs' share of OpenRouter's tokens and estimated spend, beside other measures of the same periods"


def chinese_labs_by_lens(
    comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame, max_periods: int = 4
) -> Chart | None:
    """One panel per period with figures on Chinese labs: OpenRouter's token and spend shares (spend
    with its band) beside every other share of money or tokens of that period; shares of businesses
    or respondents in a panel of their own; secondary evidence drawn lighter."""
    rows = comparison[
        (comparison["vendor_group"] == "Chinese labs")
        & ~comparison["lens"].str.endswith("_two_way")
        & (comparison["unit"] != RANK_UNIT)
    ]
    enterprise = rows[rows["source_id"] != OPENROUTER_SOURCE_ID]
    if enterprise.empty:
        print("04_chinese_labs_by_lens: not drawn, because no other figure on Chinese labs falls in these dates.")
        return None
    periods = enterprise.drop_duplicates("period").sort_values("period_end")["period"].tolist()[-max_periods:]
    rows = rows[rows["period"].isin(periods)].merge(lenses[["lens", "label", "is_share"]], on="lens")
    numbers, notes, urls = _numbered_sources(rows["source_id"], sources)
    colour = figures.VENDOR_COLOURS["Chinese labs"]
    panels = _panels(rows, periods, SHARE_UNIT)
    heights = [max(2, len(part)) for _, part in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(10, 0.34 * sum(heights) + 0.8 * len(panels) + 0.7),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)  # fmt: skip
    for ax, (caption, part) in zip(axes[:, 0], panels):
        order = part["lens"].map({"openrouter_tokens": 0, "openrouter_spend": 1}).fillna(2)
        part = part.assign(_order=order).sort_values(["_order", "lens"]).reset_index(drop=True)
        top = max(part["value_high"].max(), 5) * 1.3
        for y, row in part.iterrows():
            _bar_row(ax, y, row, top, colour, numbers, SHARE_UNIT)
        ax.set_yticks([])
        ax.set_xlim(0, top)
        ax.set_axisbelow(True)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(100))
        ax.grid(axis="y", visible=False)
        ax.set_title(caption, loc="left", fontsize=10)
    title = _chinese_title(rows, lenses, periods, OPENROUTER_SOURCE_ID)
    fig.subplots_adjust(left=0.36, hspace=0.75, bottom=0.35 / fig.get_figheight())
    set_suptitle(fig, title)
    data = rows[
        [
            "period",
            "label",
            "lens",
            "value",
            "value_low",
            "value_high",
            "unit",
            "evidence",
            "source_id",
            "vendors",
            "openrouter_period",
        ]
    ].rename(columns={"label": "measure"})
    return Chart(
        "04_chinese_labs_by_lens",
        title,
        "Horizontal bar charts, one per period, of the Chinese labs' share of money or tokens under each measure: "
        "OpenRouter's tokens and estimated spend, developer gateways, enterprise surveys; then, apart, the share of "
        "businesses or respondents paying or using them. " + title,
        fig,
        data,
        sources=[n.split("] ", 1)[1] for n in notes],
        notes=[
            "Solid bars: shares of money or tokens; hatched, in their own panel: shares of businesses or respondents "
            "(never compared with a share of money or tokens); lighter: secondary evidence (a relay or a third "
            "party's reading). Whiskers: OpenRouter's spend band.",
            "Sources: " + "; ".join(notes) + ".",
        ],
        source_urls=urls,
        dates=(rows["period_start"].min(), rows["period_end"].max()),
    )


def _openrouter_lines(ax: plt.Axes, series: pd.DataFrame, colour: str, handles: dict) -> None:
    """OpenRouter's monthly token share (dashed) and spend share with its band (solid); points with
    whiskers when the run holds too few months for a line."""
    labels = {
        "openrouter_tokens": "OpenRouter, share of tokens (monthly)",
        "openrouter_spend": "OpenRouter, share of estimated spend with its band (monthly)",
    }
    for lens, style in (("openrouter_tokens", "--"), ("openrouter_spend", "-")):
        part = series[series["lens"] == lens].sort_values("period_start")
        middle = part["period_start"] + (part["period_end"] - part["period_start"]) / 2
        if len(part) < SHORT_RUN_WEEKS:
            handles[labels[lens]] = ax.errorbar(
                middle,
                part["value"],
                fmt="o" if lens.endswith("spend") else "s",
                yerr=[part["value"] - part["value_low"], part["value_high"] - part["value"]],
                color=colour,
                capsize=3,
            )
            continue
        handles[labels[lens]] = ax.plot(middle, part["value"], style, color=colour, linewidth=1.8)[0]
        if lens == "openrouter_spend":
            ax.fill_between(middle, part["value_low"], part["value_high"], color=colour, alpha=0.18, linewidth=0)


def _source_points(ax: plt.Axes, points: pd.DataFrame, window: Window, numbers: dict[str, int], handles: dict) -> None:
    """Each source's figure as a marker spanning its period (clipped to the run): colour by
    publisher, shape by kind of measure, hollow when the evidence is secondary."""
    for _, point in points.iterrows():
        start, end = max(point["period_start"], window.start), min(point["period_end"], window.end)
        middle = start + (end - start) / 2
        colour = _publisher_colour(point["source_id"])
        number = numbers.get(point["source_id"], "?")
        ax.hlines(point["value"], start, end + pd.Timedelta(days=1), color=colour, linewidth=1.2)
        marker = ax.scatter(
            middle,
            point["value"],
            s=46,
            zorder=3,
            edgecolor=colour,
            linewidth=1.3,
            marker=_lens_marker(point["lens"]),
            facecolor=colour if point["evidence"] == "primary" else "white",
        )
        ax.annotate(
            f"[{number}]",
            (middle, point["value"]),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=7,
            color="#333333",
        )
        handles.setdefault(f"{point['label']} [{number}]", marker)


def labs_timeline(
    monthly: pd.DataFrame,
    points: pd.DataFrame,
    sources: pd.DataFrame,
    window: Window,
    labs: tuple[str, ...] = ("Anthropic", "OpenAI"),
) -> Chart | None:
    """Per lab: OpenRouter's monthly token and spend shares against every other source's share (top
    row), and businesses paying (bottom row, its own axis, never mixed with shares)."""
    if monthly.empty and points.empty:
        print(
            "04_anthropic_openai_by_lens: not drawn, because these dates hold no OpenRouter share and no other "
            "figure on these labs."
        )
        return None
    panels = [("shares (%)", points[points["unit"] == SHARE_UNIT])]
    if (points["unit"] != SHARE_UNIT).any():
        panels.append(("businesses or CIOs paying or using (%, not a share)", points[points["unit"] != SHARE_UNIT]))
    fig, axes = plt.subplots(len(panels), len(labs), figsize=(12, 4.2 * len(panels) + 1.2), sharey="row", squeeze=False)
    numbers, notes, urls = _numbered_sources(points["source_id"], sources)
    handles: dict[str, object] = {}
    for column, lab in enumerate(labs):
        _openrouter_lines(
            axes[0, column], monthly[monthly["vendor_group"] == lab], figures.VENDOR_COLOURS[lab], handles
        )
        for row, (caption, subset) in enumerate(panels):
            ax = axes[row, column]
            mine = subset[subset["vendor_group"] == lab]
            _source_points(ax, mine, window, numbers, handles)
            if mine.empty:  # a panel never stands empty without saying why
                ax.text(0.02, 0.96, f"No other source reports on {lab} for these dates.", transform=ax.transAxes,
                        fontsize=8, va="top", color="#555555")  # fmt: skip
            ax.set_title(f"{lab}: {caption}", loc="left", fontsize=10)
            ax.set_ylim(0, 100)
            figures.date_axis(ax, window)
            ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(100))
    handles["filled marker: primary evidence"] = plt.Line2D([], [], marker="o", linestyle="", color="#555555")
    handles["hollow marker: secondary evidence"] = plt.Line2D(
        [], [], marker="o", linestyle="", markerfacecolor="white", color="#555555"
    )
    fig.legend(  # type: ignore[call-overload]  # handles include errorbar containers, which the stub omits
        list(handles.values()),
        list(handles.keys()),
        loc="upper center",
        bbox_to_anchor=(0.5, 0.02),
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    title = _labs_title(monthly, labs)
    set_suptitle(fig, title, y=0.98)
    data = pd.concat(
        [
            monthly[monthly["vendor_group"].isin(labs)].assign(source_id=OPENROUTER_SOURCE_ID, evidence="primary"),
            points[
                [
                    "vendor_group",
                    "lens",
                    "value",
                    "source_id",
                    "evidence",
                    "period_start",
                    "period_end",
                    "unit",
                ]
            ],
        ],
        ignore_index=True,
    )
    return Chart(
        "04_anthropic_openai_by_lens",
        title,
        "Panels per lab: OpenRouter's monthly token and spend shares as lines, each enterprise or gateway share as a "
        "coloured marker spanning its period (hollow when secondary), and businesses paying in a separate panel. "
        + title,
        fig,
        data,
        sources=[n.split("] ", 1)[1] for n in notes],
        notes=["Sources: " + "; ".join(notes) + "."],
        source_urls=urls,
    )


def _labs_title(monthly: pd.DataFrame, labs: tuple[str, ...]) -> str:
    latest = monthly[(monthly["lens"] == "openrouter_spend") & monthly["vendor_group"].isin(labs)]
    if latest.empty:
        return "Anthropic and OpenAI under every enterprise and gateway measure"
    start = latest["period_start"].max()
    values = latest[latest["period_start"] == start].set_index("vendor_group")["value"]
    end = latest.loc[latest["period_start"] == start, "period_end"].iat[0]
    return (
        f"{capitalised(period_phrase(start, end))}, Anthropic had {values.get('Anthropic', 0):.0f}% and OpenAI {values.get('OpenAI', 0):.0f}% of "
        "OpenRouter's estimated spend; every enterprise figure on the two labs beside it"
    )


def market_lenses(lenses: pd.DataFrame, market_share: pd.DataFrame, title: str, window: Window) -> Chart | None:
    """The Chinese share under every public lens, one panel per kind of measure (never on one axis),
    and OpenRouter's bound on its share of all tokens. Each bar is labelled with its own period; the
    footer's dates are those of everything plotted, and a note says when some lie outside ``window``."""
    if lenses.empty:
        print("04_market_lenses: not drawn, because no measure has a figure for these dates.")
        return None
    families = list(dict.fromkeys(lenses["family"]))
    heights = [len(lenses[lenses["family"] == f]) for f in families]
    extra = 1 if len(market_share) else 0
    fig, axes = plt.subplots(
        len(families) + extra,
        1,
        figsize=(10, 0.34 * (sum(heights) + len(market_share)) + 0.95 * (len(families) + extra) + 0.6),
        gridspec_kw={"height_ratios": heights + ([max(2, len(market_share))] if extra else [])},
        squeeze=False,
    )
    colour = figures.VENDOR_COLOURS["Chinese labs"]
    for ax, family in zip(axes[:, 0], families):
        part = lenses[lenses["family"] == family].reset_index(drop=True)
        for y, row in part.iterrows():
            secondary = row["evidence"] == "secondary"
            ax.barh(y, max(row["value"], 0.3), color=colour, alpha=0.5 if secondary else 1.0)
            draw_range(ax, row, y)
            ax.text(
                max(row["value"], row["value_high"]) + 1.5,
                y,
                f"{row['value']:.1f}%, {row['period']}",
                va="center",
                fontsize=8,
            )
            ax.text(-1.5, y, row["label"], ha="right", va="center", fontsize=8.5)
        ax.set_yticks([])
        ax.set_xlim(0, 100)
        ax.set_axisbelow(True)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(100))
        ax.set_title(f"Chinese share: {family}", loc="left", fontsize=10)
    if extra:
        ax = axes[-1, 0]
        part = market_share.reset_index(drop=True)
        for y, row in part.iterrows():
            ax.barh(y, row["openrouter_share_at_most_pct"], color="#7F7F7F")
            ax.text(
                row["openrouter_share_at_most_pct"] + 0.3,
                y,
                f"at most {row['openrouter_share_at_most_pct']:.1f}%, {row['month']:%B %Y}",
                va="center",
                fontsize=8,
            )
            ax.text(
                -0.3,
                y,
                f"vs {row['providers']} ({row['compared_with'].split(' of ')[0].split(' Google')[0]})",
                ha="right",
                va="center",
                fontsize=8.5,
            )
        ax.set_yticks([])
        ax.set_xlim(0, max(10, part["openrouter_share_at_most_pct"].max() * 1.6))
        ax.set_axisbelow(True)
        ax.invert_yaxis()
        ax.grid(axis="y", visible=False)
        ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(100))
        ax.set_title(
            "OpenRouter's own size: the most it could be of the tokens it and the largest providers served",
            loc="left",
            fontsize=10,
        )
    fig.subplots_adjust(left=0.38, hspace=0.9)
    set_suptitle(fig, title)
    starts = pd.concat([lenses["period_start"], market_share.get("month", pd.Series(dtype="datetime64[ns]"))])
    ends = pd.concat(
        [lenses["period_end"], market_share.get("month", pd.Series(dtype="datetime64[ns]")) + pd.offsets.MonthEnd(0)]
    )
    outside = (ends < window.start) | (starts > window.end)
    notes = [
        "Lighter bars: secondary evidence. Measures of different things are kept in separate panels and never averaged."
    ]
    if outside.any():
        notes.append(
            f"{int(outside.sum())} of the bars are for periods outside {window.label()}: each is labelled with its own period."
        )
    data = lenses.copy()
    if extra:
        data = pd.concat(
            [
                data,
                market_share.assign(
                    family="OpenRouter's share of the market (upper bound)",
                    label=market_share["compared_with"],
                    value=market_share["openrouter_share_at_most_pct"],
                    period=market_share["month"].dt.strftime("%B %Y"),
                )[["family", "label", "period", "value"]],
            ],
            ignore_index=True,
        )
    urls = list(dict.fromkeys(" ".join(market_share.get("sources", pd.Series(dtype=str))).split()))
    return Chart(
        "04_market_lenses",
        title,
        "Horizontal bar charts of the Chinese share under each public lens, one panel per kind of measure (tokens and "
        "dollars, businesses paying, open-model downloads, chatbot web visits), and a panel bounding OpenRouter's share of "
        "all tokens. " + title,
        fig,
        data,
        sources=["enterprise, gateway, download and web-traffic sources in data/raw/enterprise and data/raw/market"],
        notes=notes,
        source_urls=urls,
        dates=(starts.min(), ends.max()),
    )
