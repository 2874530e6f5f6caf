"""The project's charts: each builder takes tables and the run's window and returns a
:class:`~helpers.figures.Chart` whose title states what it shows, or ``None`` (with the reason
printed) when the window cannot show it.

Rules every chart follows, in one place: the x axis is the run's days (``figures.date_axis``);
weeks cut by the window are drawn hatched and lighter; the headline's six weeks are shaded and
labelled wherever they fall inside the run; legends sit outside the data; labels are words, not
code names.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from . import figures
from .dates import Window, span_label, week_span
from .figures import ORIGIN_COLOURS, ORIGIN_LABELS, Chart

PARTIAL_NOTE = "Hatched, lighter bars: weeks cut by the run's first or last day (partial weeks)."
WIDE = (10, 5.4)


def _legend_below(ax: plt.Axes, handles, labels, ncol: int = 3) -> None:
    """A legend under the axes, never on the data."""
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=ncol, frameon=False)


def _shade_headline(ax: plt.Axes, window: Window, span: tuple[pd.Timestamp, pd.Timestamp] | None) -> list[str]:
    """Shade the headline's six weeks where they fall in the run; return the note saying so."""
    if span is None or not figures.mark_span(ax, window, span[0], span[1], "the headline's six weeks"):
        return []
    return [f"Yellow band: the six weeks the June 2026 headline counted ({span_label(*span)})."]


def _stacked_week_bars(ax: plt.Axes, wide: pd.DataFrame, spans: pd.DataFrame) -> None:
    """Weekly bars stacked by origin group, each as wide as its days in the run; partial weeks
    hatched and lighter."""
    bottom = pd.Series(0.0, index=wide.index)
    for origin, colour in ORIGIN_COLOURS.items():
        for partial, part in spans.groupby("partial"):
            figures.bars(
                ax,
                part["left"],
                wide.loc[part.index, origin],
                part["days"],
                bottom.loc[part.index],
                colors=colour,
                alpha=0.45 if partial else 1.0,
                hatch="///" if partial else None,
                edgecolor="white",
                linewidth=0.3,
            )
        bottom += wide[origin]


def weekly_tokens_by_origin(
    weekly: pd.DataFrame, window: Window, headline_span: tuple[pd.Timestamp, pd.Timestamp] | None
) -> Chart:
    """Stacked weekly bars of all tokens by origin group (trillions), partial weeks marked."""
    wide = (
        weekly.pivot(index="week_start", columns="origin", values="tokens").reindex(
            columns=list(ORIGIN_COLOURS), fill_value=0
        )
        / 1e12
    )
    spans = figures.week_spans(wide.index.to_series(), window).set_index("week_start")
    fig, ax = plt.subplots(figsize=WIDE)
    _stacked_week_bars(ax, wide, spans)
    notes = _shade_headline(ax, window, headline_span)
    if spans["partial"].any():
        notes.append(PARTIAL_NOTE)
    figures.date_axis(ax, window)
    ax.set_ylabel("tokens per week (trillions)")
    _legend_below(ax, [Patch(color=c) for c in ORIGIN_COLOURS.values()], list(ORIGIN_LABELS.values()))
    share = wide.div(wide.sum(axis=1), axis=0)
    complete = spans.index[~spans["partial"]]
    title = _share_title(share, complete, window)
    ax.set_title(title, loc="left", wrap=True)
    data = weekly.assign(
        days_in_run=weekly["week_start"].map(spans["days"]).astype(int), tokens_trillions=weekly["tokens"] / 1e12
    )
    return Chart(
        "01_weekly_tokens_by_origin",
        title,
        "Stacked bar chart of OpenRouter's weekly tokens by the origin of each model's maker: China, United "
        "States, European Union, rest of world, undisclosed (stealth) and the long tail. " + title,
        fig,
        data[["week_start", "days_in_run", "origin", "tokens", "tokens_trillions", "share"]],
        notes=notes,
    )


def _share_title(share: pd.DataFrame, complete: pd.Index, window: Window) -> str:
    """The weekly-tokens chart's title: how the Chinese and US shares moved across the run."""
    if len(complete) == 0:
        total = share.mean()
        return (
            f"Over {window.label()}, Chinese models had about {total['CN']:.0%} of OpenRouter's tokens, "
            f"US models {total['US']:.0%}"
        )
    first, last = complete.min(), complete.max()
    if first == last:
        return (
            f"In the week of {week_span(first)}, Chinese models had "
            f"{share.loc[first, 'CN']:.0%} of OpenRouter's tokens and US models {share.loc[first, 'US']:.0%}"
        )
    return (
        f"Chinese models went from {share.loc[first, 'CN']:.0%} to {share.loc[last, 'CN']:.0%} of OpenRouter's "
        f"weekly tokens, US models from {share.loc[first, 'US']:.0%} to {share.loc[last, 'US']:.0%} "
        f"({span_label(first, last + pd.Timedelta(days=6))})"
    )


# --------------------------------------------------------------------------- notebook 2: the headline audit

COMPLETE_ONLY_NOTE = "Only complete Monday-to-Sunday weeks inside the run are shown."
SHORT_RUN_WEEKS = 4  # fewer complete weeks than this: points and bars, never two-point lines


def _no_weeks(name: str, window: Window) -> None:
    print(f"{name}: not drawn, because {window.label()} holds no complete Monday-to-Sunday week.")


def cn_vs_us_weekly(audit, span) -> Chart | None:
    """China and the US per complete week: the headline's count (solid) and all traffic (dashed)."""
    from .headline import definition_label

    weeks, window = audit.run_weeks, audit.window
    if len(weeks) == 0:
        return _no_weeks("02_cn_vs_us_weekly", window)
    names = list(dict.fromkeys([n for n in [audit.headline, "all_traffic"] if n]))
    rows = audit.in_run()
    rows = rows[rows["definition"].isin(names)].sort_values("week_start")
    fig, ax = plt.subplots(figsize=WIDE)
    short = len(weeks) < SHORT_RUN_WEEKS
    handles, labels = [], []
    for name, style in zip(names, ["-", "--"]):
        part = rows[rows["definition"] == name].set_index("week_start")
        middle = part.index + pd.Timedelta(days=3.5)
        for column, origin in (("cn_tokens", "CN"), ("us_tokens", "US")):
            values = part[column] / 1e12
            if short:
                line = ax.plot(
                    middle,
                    values,
                    "o" if style == "-" else "s",
                    color=ORIGIN_COLOURS[origin],
                    markersize=8,
                    markerfacecolor=ORIGIN_COLOURS[origin] if style == "-" else "white",
                )[0]
            else:
                line = ax.plot(middle, values, style, color=ORIGIN_COLOURS[origin], linewidth=1.8)[0]
            handles.append(line)
            labels.append(f"{ORIGIN_LABELS[origin]}, {definition_label(name)}")
    notes = _shade_headline(ax, window, span)
    if len(window.weeks()) > len(weeks):
        notes.append(COMPLETE_ONLY_NOTE)
    figures.date_axis(ax, window)
    ax.set_ylabel("tokens per week (trillions)")
    ax.set_ylim(bottom=0)
    _legend_below(ax, handles, labels, ncol=2)
    led = {n: int(rows[(rows["definition"] == n)]["cn_leads"].sum()) for n in names}
    title = (
        f"Chinese models out-used US models on OpenRouter in {led['all_traffic']} of the run's {len(weeks)} complete "
        f"weeks counting all traffic"
        + (
            f", and in {led[audit.headline]} counting {definition_label(audit.headline)}"
            if audit.headline and audit.headline != "all_traffic"
            else ""
        )
    )
    ax.set_title(title, loc="left", wrap=True)
    data = rows.assign(count=rows["definition"].map(definition_label))[
        ["week_start", "definition", "count", "cn_tokens", "us_tokens", "total_tokens", "cn_leads", "streak_weeks"]
    ]
    return Chart(
        "02_cn_vs_us_weekly",
        title,
        "Line chart of weekly tokens of Chinese and US models on OpenRouter, under the headline's count and "
        "under all traffic. " + title,
        fig,
        data,
        notes=notes,
    )


def streak_grid(audit, span, names: list[str]) -> Chart | None:
    """A week-by-count grid: which side led each complete week under each count."""
    from .headline import definition_label

    weeks, window = audit.run_weeks, audit.window
    if len(weeks) == 0:
        return _no_weeks("02_streaks_by_definition", window)
    rows = audit.in_run()
    rows = rows[rows["definition"].isin(names)]
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(names) + 2.2))
    for position, name in enumerate(names):
        part = rows[rows["definition"] == name]
        colours = part["cn_leads"].map({True: ORIGIN_COLOURS["CN"], False: ORIGIN_COLOURS["US"]})
        figures.bars(ax, part["week_start"], 0.8, 6.6, position - 0.4, colors=colours.tolist())
    ax.set_yticks(range(len(names)), [definition_label(n) for n in names])
    ax.invert_yaxis()
    ax.grid(False)
    notes = _shade_headline(ax, window, span)
    figures.date_axis(ax, window)
    reference = audit.claim_week if audit.claim_week in weeks else weeks.max()
    at = rows[rows["week_start"] == reference]
    title = (
        f"Who leads depends on what is counted: in the week of {week_span(reference)}, "
        f"China led the US under {int(at['cn_leads'].sum())} of the {len(names)} counts shown"
    )
    ax.set_title(title, loc="left", wrap=True)
    _legend_below(
        ax,
        [Patch(color=ORIGIN_COLOURS["CN"]), Patch(color=ORIGIN_COLOURS["US"])],
        ["China led that week", "the United States led (or tied)"],
        ncol=2,
    )
    data = rows.assign(count=rows["definition"].map(definition_label))[
        ["week_start", "definition", "count", "cn_tokens", "us_tokens", "cn_leads", "streak_weeks"]
    ]
    return Chart(
        "02_streaks_by_definition",
        title,
        "Grid of weeks by counting rule, each cell coloured by whether Chinese or US models had more tokens "
        "that week. " + title,
        fig,
        data,
        notes=notes,
    )


def origin_shares(weekly: pd.DataFrame, window: Window, span) -> Chart:
    """Each origin group's share of all tokens per week (areas; bars for short runs), partial weeks marked."""
    shares = weekly.pivot(index="week_start", columns="origin", values="share").reindex(
        columns=list(ORIGIN_COLOURS), fill_value=0
    )
    spans = figures.week_spans(shares.index.to_series(), window).set_index("week_start")
    fig, ax = plt.subplots(figsize=WIDE)
    notes = []
    if len(shares) < SHORT_RUN_WEEKS:
        _stacked_week_bars(ax, shares, spans)
    else:
        middle = spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")
        ax.stackplot(middle, *(shares[o] for o in ORIGIN_COLOURS), colors=list(ORIGIN_COLOURS.values()), linewidth=0)
    if spans["partial"].any():
        notes.append("Weeks cut by the run's edges are shares of the days inside the run.")
    notes = _shade_headline(ax, window, span) + notes
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(ax, [Patch(color=c) for c in ORIGIN_COLOURS.values()], list(ORIGIN_LABELS.values()))
    last = shares.index.max()
    title = (
        f"Share of all OpenRouter tokens by the maker's origin, week of {week_span(last)}: "
        f"China {shares.loc[last, 'CN']:.0%}, US {shares.loc[last, 'US']:.0%}, stealth {shares.loc[last, 'UNDISCLOSED']:.0%}, "
        f"long tail {shares.loc[last, 'LONG_TAIL']:.0%}"
    )
    ax.set_title(title, loc="left", wrap=True)
    data = weekly.assign(days_in_run=weekly["week_start"].map(spans["days"]).astype(int))[
        ["week_start", "days_in_run", "origin", "tokens", "share"]
    ]
    return Chart(
        "02_origin_shares_stacked",
        title,
        "Stacked area chart of each origin group's share of OpenRouter's weekly tokens, stealth models and the "
        "long tail included. " + title,
        fig,
        data,
        notes=notes,
    )


def top_models_weekly(ranks: pd.DataFrame, totals: pd.Series, audit, span, n: int = 9) -> Chart | None:
    """OpenRouter's weekly top-models view: each week's ``n`` largest models stacked, coloured by the
    maker's origin, with every other token in grey on top."""
    weeks, window = audit.run_weeks, audit.window
    if len(weeks) == 0:
        return _no_weeks("02_top9_models_weekly", window)
    top = ranks[ranks["week_start"].isin(weeks) & (ranks["rank"] <= n)].sort_values(["week_start", "rank"])
    fig, ax = plt.subplots(figsize=WIDE)
    bottom = pd.Series(0.0, index=weeks)
    for rank in range(1, n + 1):
        part = top[top["rank"] == rank].set_index("week_start")
        heights = (part["tokens"] / 1e12).reindex(weeks, fill_value=0)
        colours = part["origin"].map(ORIGIN_COLOURS).reindex(weeks, fill_value="#ffffff")
        figures.bars(ax, weeks, heights, 6.4, bottom, colors=colours.tolist(), edgecolor="white", linewidth=0.4)
        bottom += heights
    rest = (totals.reindex(weeks) / 1e12) - bottom
    figures.bars(ax, weeks, rest, 6.4, bottom, colors="#E8E8E8", edgecolor="white", linewidth=0.4)
    notes = _shade_headline(ax, window, span)
    figures.date_axis(ax, window)
    ax.set_ylabel("tokens per week (trillions)")
    origins = [o for o in ORIGIN_COLOURS if o in set(top["origin"])]
    _legend_below(
        ax,
        [Patch(color=ORIGIN_COLOURS[o]) for o in origins] + [Patch(color="#E8E8E8")],
        [
            f"model from {ORIGIN_LABELS[o]}" if o not in ("UNDISCLOSED", "LONG_TAIL") else ORIGIN_LABELS[o]
            for o in origins
        ]
        + ["all other tokens ('Others')"],
    )
    reference = audit.claim_week if audit.claim_week in weeks else weeks.max()
    places = int((top[top["week_start"] == reference]["origin"] == "CN").sum())
    title = (
        f"The {n} largest models each week, coloured by the maker's origin: Chinese models held {places} of the "
        f"{n} places in the week of {week_span(reference)}"
    )
    ax.set_title(title, loc="left", wrap=True)
    data = top.assign(tokens_trillions=top["tokens"] / 1e12)[
        ["week_start", "rank", "model_permaslug", "origin", "tokens", "tokens_trillions"]
    ]
    return Chart(
        "02_top9_models_weekly",
        title,
        f"Stacked bar chart of the {n} models with the most OpenRouter tokens each week, each segment coloured "
        "by the origin of the model's maker, with all other tokens in grey. " + title,
        fig,
        data,
        notes=notes,
    )


# --------------------------------------------------------------------------- notebook 3: the spend lens


def spend_vs_token_share(
    weekly_spend: pd.DataFrame, weekly_tokens: pd.DataFrame, window: Window, span, promotions: pd.DataFrame, title: str
) -> Chart:
    """Chinese and US share of tokens (dashed) against share of estimated spend (solid, with its band)."""
    spend = weekly_spend.set_index(["week_start", "origin"])
    tokens = weekly_tokens.set_index(["week_start", "origin"])["share"]
    weeks = sorted(weekly_spend["week_start"].unique())
    spans = figures.week_spans(pd.Series(weeks), window).set_index("week_start")
    middle = spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")
    short = len(weeks) < SHORT_RUN_WEEKS
    fig, ax = plt.subplots(figsize=WIDE)
    handles, labels = [], []
    for origin in ("CN", "US"):
        colour = ORIGIN_COLOURS[origin]
        share = spend.xs(origin, level="origin").reindex(weeks)
        token = tokens.xs(origin, level="origin").reindex(weeks)
        if short:
            ax.errorbar(
                middle,
                share["spend_share"],
                yerr=[
                    share["spend_share"] - share["spend_share_low"],
                    share["spend_share_high"] - share["spend_share"],
                ],
                fmt="o",
                color=colour,
                capsize=4,
            )
            handles.append(ax.plot(middle, token, "s", color=colour, markerfacecolor="white")[0])
        else:
            ax.fill_between(
                middle, share["spend_share_low"], share["spend_share_high"], color=colour, alpha=0.18, linewidth=0
            )
            handles.append(ax.plot(middle, token, "--", color=colour, linewidth=1.4)[0])
            ax.plot(middle, share["spend_share"], "-", color=colour, linewidth=1.8)
        labels.append(f"{ORIGIN_LABELS[origin]}: share of tokens")
        handles.append(plt.Line2D([], [], color=colour, linewidth=1.8, marker="o" if short else None))
        labels.append(f"{ORIGIN_LABELS[origin]}: share of estimated spend (band: list prices, prompt share, unpriced)")
    notes = _shade_headline(ax, window, span)
    starts = promotions[window.contains(promotions["valid_from"])]["valid_from"].drop_duplicates()
    for day in starts:
        ax.axvline(day, color="#999999", linewidth=0.6, linestyle=":")
    if len(starts):
        notes.append(f"Dotted lines: start of a promotion or introductory price ({len(starts)} inside the run).")
    if spans["partial"].any():
        notes.append("Weeks cut by the run's edges are shares of the days inside the run.")
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(ax, handles, labels, ncol=2)
    ax.set_title(title, loc="left", wrap=True)
    data = weekly_spend[weekly_spend["origin"].isin(["CN", "US"])].merge(
        weekly_tokens[["week_start", "origin", "share"]].rename(columns={"share": "token_share"}),
        on=["week_start", "origin"],
    )
    return Chart(
        "03_spend_vs_token_share",
        title,
        "Line chart of the weekly share of OpenRouter tokens (dashed) and of estimated spend (solid, with a "
        "shaded band) for Chinese and US models. " + title,
        fig,
        data[
            [
                "week_start",
                "origin",
                "token_share",
                "spend_share",
                "spend_share_low",
                "spend_share_high",
                "est_spend_usd",
            ]
        ],
        sources=["prices: OpenRouter model catalog and cited sources (data/raw/prices)"],
        notes=notes,
    )


def free_share_by_origin(weekly_spend: pd.DataFrame, window: Window, span, title: str) -> Chart:
    """The share of each origin group's weekly tokens that cost nothing."""
    free = weekly_spend.assign(
        free_share=weekly_spend["free_tokens"] / weekly_spend["tokens"].where(weekly_spend["tokens"] > 0)
    )
    wide = free.pivot(index="week_start", columns="origin", values="free_share")
    spans = figures.week_spans(wide.index.to_series(), window).set_index("week_start")
    middle = spans["left"] + pd.to_timedelta(spans["days"] / 2, unit="D")
    short = len(wide) < SHORT_RUN_WEEKS
    fig, ax = plt.subplots(figsize=WIDE)
    origins = ["CN", "US", "EU", "UNDISCLOSED"]
    for origin in origins:
        ax.plot(middle, wide[origin], "o" if short else "-", color=ORIGIN_COLOURS[origin], linewidth=1.6)
    notes = _shade_headline(ax, window, span)
    ax.set_ylim(0, 1.02)
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    figures.date_axis(ax, window)
    _legend_below(
        ax, [plt.Line2D([], [], color=ORIGIN_COLOURS[o]) for o in origins], [ORIGIN_LABELS[o] for o in origins], ncol=4
    )
    ax.set_title(title, loc="left", wrap=True)
    data = free[free["origin"].isin(origins)][["week_start", "origin", "tokens", "free_tokens", "free_share"]]
    return Chart(
        "03_free_share_by_origin",
        title,
        "Line chart of the weekly share of each origin group's OpenRouter tokens that were free (:free variants "
        "and stealth models). " + title,
        fig,
        data,
        notes=notes,
    )


# --------------------------------------------------------------------------- notebook 4: enterprise and market

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


def draw_range(ax, row: pd.Series, y: float) -> None:
    """A horizontal error bar from ``low_pct`` to ``high_pct`` around ``value_pct`` (when the range
    is at least half a point wide: narrower ones would only blur the bar's end)."""
    if row["high_pct"] - row["low_pct"] >= 0.5:
        ax.errorbar(
            row["value_pct"],
            y,
            xerr=[[row["value_pct"] - row["low_pct"]], [row["high_pct"] - row["value_pct"]]],
            fmt="none",
            ecolor="#333333",
            capsize=4,
            linewidth=1,
        )


def chinese_labs_by_lens(
    comparison: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame, max_periods: int = 4
) -> Chart | None:
    """One panel per period with enterprise figures on Chinese labs: OpenRouter's token and spend
    shares (spend with its band) against every other measure of that period; businesses paying on
    a separate axis; secondary evidence drawn lighter."""
    from .enterprise import OPENROUTER_SOURCE_ID, RANK_UNIT, SHARE_UNIT

    rows = comparison[
        (comparison["vendor_group"] == "Chinese labs")
        & ~comparison["lens"].str.endswith("_two_way")
        & (comparison["unit"] != RANK_UNIT)
    ]
    enterprise = rows[rows["source_id"] != OPENROUTER_SOURCE_ID]
    if enterprise.empty:
        print("04_chinese_labs_by_lens: not drawn, because no enterprise figure on Chinese labs overlaps this run.")
        return None
    periods = enterprise.drop_duplicates("period").sort_values("period_end")["period"].tolist()[-max_periods:]
    rows = rows[rows["period"].isin(periods)].merge(lenses[["lens", "label", "is_share"]], on="lens")
    numbers, notes, urls = _numbered_sources(rows["source_id"], sources)
    colour = figures.VENDOR_COLOURS["Chinese labs"]
    heights = [max(2, len(rows[rows["period"] == p])) for p in periods]
    fig, axes = plt.subplots(
        len(periods),
        1,
        figsize=(10, 0.36 * sum(heights) + 0.95 * len(periods) + 0.6),
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    for ax, period in zip(axes[:, 0], periods):
        part = rows[rows["period"] == period].assign(
            _order=lambda t: (
                t["lens"].map({"openrouter_tokens": 0, "openrouter_spend": 1}).fillna(2 + (t["unit"] != SHARE_UNIT))
            )
        )
        part = part.sort_values(["_order", "lens"]).reset_index(drop=True)
        top = max(part["high_pct"].max(), 5) * 1.3
        for y, row in part.iterrows():
            label = row["label"] + (f" [{numbers[row['source_id']]}]" if row["source_id"] in numbers else "")
            secondary = row["evidence"] == "secondary"
            share = row["unit"] == SHARE_UNIT
            ax.barh(
                y,
                max(row["value_pct"], top * 0.012),
                color=colour if share else "white",
                edgecolor=colour,
                alpha=0.5 if secondary else 1.0,
                hatch=None if share else "///",
                linewidth=1.0,
            )
            draw_range(ax, row, y)
            unit = "" if share else " of businesses" if row["unit"] == "percent_of_businesses" else " of respondents"
            ax.text(
                max(row["high_pct"], row["value_pct"]) + top * 0.015,
                y,
                f"{row['value_pct']:.1f}%{unit}" + (" (secondary)" if secondary else ""),
                va="center",
                fontsize=8.5,
            )
            ax.text(-top * 0.01, y, label, ha="right", va="center", fontsize=8.5)
        ax.set_yticks([])
        ax.set_xlim(0, top)
        ax.set_axisbelow(True)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(100))
        ax.grid(axis="y", visible=False)
        covered = part["openrouter_days"].iat[0]
        ax.set_title(
            f"{period}" + ("" if part["openrouter_covers"].astype(bool).all() else f" (OpenRouter: {covered} only)"),
            loc="left",
            fontsize=10,
        )
    latest = rows[rows["period"] == periods[-1]]
    tokens = latest.loc[latest["lens"] == "openrouter_tokens", "value_pct"]
    lowest = latest.loc[latest["source_id"] != OPENROUTER_SOURCE_ID, "value_pct"].min()
    title = (
        (
            f"Chinese labs: {tokens.iat[0]:.0f}% of OpenRouter's tokens in {periods[-1]}, against {lowest:.1f}% in the "
            "lowest other measure of the same period"
        )
        if len(tokens)
        else f"Chinese labs under every measure, {periods[-1]}"
    )
    fig.suptitle(title, x=0.01, y=0.995, ha="left", fontsize=11, fontweight="bold")
    fig.subplots_adjust(left=0.36, hspace=0.75, top=1 - 0.55 / fig.get_figheight())
    data = rows[
        [
            "period",
            "label",
            "lens",
            "value_pct",
            "low_pct",
            "high_pct",
            "unit",
            "evidence",
            "source_id",
            "vendors",
            "openrouter_days",
        ]
    ].rename(columns={"label": "measure"})
    return Chart(
        "04_chinese_labs_by_lens",
        title,
        "Horizontal bar charts, one per period, of the Chinese labs' share under each measure: OpenRouter's tokens "
        "and estimated spend, developer gateways, enterprise surveys, and businesses paying. " + title,
        fig,
        data,
        sources=[n.split("] ", 1)[1] for n in notes],
        notes=[
            "Solid bars: shares of a market; hatched: share of businesses or respondents (not a share of a market); "
            "lighter: secondary evidence (a relay or a third party's reading). Whiskers: OpenRouter spend band.",
            "Sources: " + "; ".join(notes) + ".",
        ],
        source_urls=urls,
    )


def _openrouter_lines(ax: plt.Axes, series: pd.DataFrame, colour: str, handles: dict) -> None:
    """OpenRouter's monthly token share (dashed) and spend share with its band (solid); points with
    whiskers when the run holds too few months for a line."""
    labels = {
        "openrouter_tokens": "OpenRouter, share of tokens (monthly)",
        "openrouter_spend": "OpenRouter, share of estimated spend with its band (monthly)",
    }
    for lens, style in (("openrouter_tokens", "--"), ("openrouter_spend", "-")):
        part = series[series["lens"] == lens].sort_values("month")
        middle = part["month"] + pd.Timedelta(days=14)
        if len(part) < SHORT_RUN_WEEKS:
            handles[labels[lens]] = ax.errorbar(
                middle,
                part["value_pct"],
                fmt="o" if lens.endswith("spend") else "s",
                yerr=[part["value_pct"] - part["low_pct"], part["high_pct"] - part["value_pct"]],
                color=colour,
                capsize=3,
            )
            continue
        handles[labels[lens]] = ax.plot(middle, part["value_pct"], style, color=colour, linewidth=1.8)[0]
        if lens == "openrouter_spend":
            ax.fill_between(middle, part["low_pct"], part["high_pct"], color=colour, alpha=0.18, linewidth=0)


def _source_points(ax: plt.Axes, points: pd.DataFrame, window: Window, numbers: dict[str, int], handles: dict) -> None:
    """Each source's figure as a marker spanning its period (clipped to the run): colour by
    publisher, shape by kind of measure, hollow when the evidence is secondary."""
    for _, point in points.iterrows():
        start, end = max(point["period_start"], window.start), min(point["period_end"], window.end)
        middle = start + (end - start) / 2
        colour = _publisher_colour(point["source_id"])
        number = numbers.get(point["source_id"], "?")
        ax.hlines(point["value_pct"], start, end + pd.Timedelta(days=1), color=colour, linewidth=1.2)
        marker = ax.scatter(
            middle,
            point["value_pct"],
            s=46,
            zorder=3,
            edgecolor=colour,
            linewidth=1.3,
            marker=_lens_marker(point["lens"]),
            facecolor=colour if point["evidence"] == "primary" else "white",
        )
        ax.annotate(
            f"[{number}]",
            (middle, point["value_pct"]),
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
            "04_anthropic_openai_by_lens: not drawn, because the run holds no complete month and no enterprise figure "
            "on these labs."
        )
        return None
    from .enterprise import OPENROUTER_SOURCE_ID, SHARE_UNIT

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
            _source_points(ax, subset[subset["vendor_group"] == lab], window, numbers, handles)
            ax.set_title(f"{lab}: {caption}", loc="left", fontsize=10)
            ax.set_ylim(0, 100)
            figures.date_axis(ax, window)
            ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(100))
    handles["filled marker: primary evidence"] = plt.Line2D([], [], marker="o", linestyle="", color="#555555")
    handles["hollow marker: secondary evidence"] = plt.Line2D(
        [], [], marker="o", linestyle="", markerfacecolor="white", color="#555555"
    )
    fig.legend(
        list(handles.values()),
        list(handles.keys()),
        loc="upper center",
        bbox_to_anchor=(0.5, 0.02),
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    title = _labs_title(monthly, labs)
    fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
    data = pd.concat(
        [
            monthly[monthly["vendor_group"].isin(labs)].assign(source_id=OPENROUTER_SOURCE_ID, evidence="primary"),
            points.assign(month=points["period_start"])[
                [
                    "month",
                    "vendor_group",
                    "lens",
                    "value_pct",
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
    month = latest["month"].max()
    values = latest[latest["month"] == month].set_index("vendor_group")["value_pct"]
    return (
        f"In {month:%B %Y}, Anthropic had {values.get('Anthropic', 0):.0f}% and OpenAI {values.get('OpenAI', 0):.0f}% of "
        "OpenRouter's estimated spend; every enterprise figure on the two labs beside it"
    )


def market_lenses(lenses: pd.DataFrame, market_share: pd.DataFrame, title: str) -> Chart | None:
    """The Chinese share under every public lens, one panel per kind of measure (never on one axis),
    and OpenRouter's bound on its share of all tokens."""
    if lenses.empty:
        print("04_market_lenses: not drawn, because no lens has a figure for this run.")
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
            ax.barh(y, max(row["value_pct"], 0.3), color=colour, alpha=0.5 if secondary else 1.0)
            draw_range(ax, row, y)
            ax.text(
                max(row["value_pct"], row["high_pct"]) + 1.5,
                y,
                f"{row['value_pct']:.1f}%, {row['period']}",
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
    fig.suptitle(title, x=0.01, y=0.995, ha="left", fontsize=11, fontweight="bold")
    fig.subplots_adjust(left=0.38, hspace=0.9, top=1 - 0.55 / fig.get_figheight())
    data = lenses.copy()
    if extra:
        data = pd.concat(
            [
                data,
                market_share.assign(
                    family="OpenRouter's share of the market (upper bound)",
                    label=market_share["compared_with"],
                    value_pct=market_share["openrouter_share_at_most_pct"],
                    period=market_share["month"].dt.strftime("%B %Y"),
                )[["family", "label", "period", "value_pct"]],
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
        notes=[
            "Lighter bars: secondary evidence. Measures of different things are kept in separate panels and never averaged."
        ],
        source_urls=urls,
    )
