"""OpenRouter in the whole market: its Chinese share beside other public lenses, its own size
against the largest providers, and a check against OpenRouter's own State of AI study.

Lenses measure different things (tokens on a router, dollars, businesses paying, downloads, web
visits), so they are shown side by side, each with its period, population and unit, and never
averaged or converted into each other. The whole-market figures are in ``data/raw/market/``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .contracts import enterprise as contracts
from .contracts import read_raw_table
from .dates import Window, full_weeks, period_name, week_start
from .enterprise import OPENROUTER_CITE, OPENROUTER_SOURCE_ID, SHARE_UNIT

MARKET_COLUMNS = contracts.MARKET.header
FAMILIES = list(contracts.MARKET_FAMILIES)
PER_DAY = {"tokens_per_day": 1.0, "tokens_per_minute": 1440.0}
STUDY_WINDOW = (
    pd.Timestamp("2024-12-01"),
    pd.Timestamp("2025-11-30"),
)  # OpenRouter/a16z State of AI: a year to Nov 2025


def load_market(path: Path) -> pd.DataFrame:
    """The whole-market figures, checked against :data:`helpers.contracts.enterprise.MARKET` (known
    family and unit, a number in the unit's range, dates in order, a URL)."""
    return read_raw_table(Path(path), contracts.MARKET)


def tokens_per_day(market: pd.DataFrame) -> pd.DataFrame:
    """Token volumes converted to tokens a day (a month's volume spread over its days)."""
    volume = market[market["lens_family"] == "token_volume"].copy()
    month_days = volume["period_start"].dt.days_in_month
    factor = volume["unit"].map(PER_DAY)
    per_day = volume["value"] * factor
    per_day = per_day.where(volume["unit"] != "tokens_per_month", volume["value"] / month_days)
    return volume.assign(tokens_per_day=per_day)


def openrouter_share_of_market(history: pd.DataFrame, market: pd.DataFrame) -> pd.DataFrame:
    """For every month a large provider's volume is published: OpenRouter's tokens a day that month
    (from the rankings) and the most OpenRouter could be of those providers plus itself.

    The share is an upper bound: the whole market also includes every provider that publishes no
    volume (Anthropic, the clouds, Chinese platforms). Google's all-product count and the API-only
    counts are kept apart.
    """
    volume = tokens_per_day(market)
    volume = volume[volume["counts_as"] == "provider"].assign(month=volume["period_start"].dt.to_period("M"))
    daily = history.groupby("date")["tokens"].sum()
    openrouter = daily.groupby(daily.index.to_period("M")).mean()
    records = []
    for month, rows in volume.groupby("month"):
        if month not in openrouter.index:
            continue
        ours = openrouter[month]
        api = rows[rows["subject"].str.contains("API")]
        google_all = rows[rows["subject"] == "Google"]
        for label, subset in (
            ("API tokens of the providers that publish them", api),
            ("tokens Google reports across all its products", google_all),
        ):
            if subset.empty:
                continue
            others = subset.groupby("subject")["tokens_per_day"].max().sum()
            records.append(
                {
                    "month": month.start_time,
                    "compared_with": label,
                    "providers": "; ".join(sorted(subset["subject"].unique())),
                    "openrouter_tokens_per_day": ours,
                    "providers_tokens_per_day": others,
                    "openrouter_share_at_most_pct": 100 * ours / (ours + others),
                    "sources": " ".join(subset["url"].unique()),
                }
            )
    return pd.DataFrame(records)


def chinese_share_lenses(
    comparison: pd.DataFrame, market: pd.DataFrame, monthly: pd.DataFrame, lenses: pd.DataFrame, sources: pd.DataFrame
) -> pd.DataFrame:
    """The Chinese share under every public lens, one row each, with its family, period and unit:
    OpenRouter's latest complete month (tokens and spend band), every enterprise figure on Chinese
    labs in the comparison, and the downloads and web-traffic figures."""
    rows = []
    if not monthly.empty:
        latest = monthly["period_start"].max()
        last = monthly[(monthly["period_start"] == latest) & (monthly["vendor_group"] == "Chinese labs")].set_index(
            "lens"
        )
        month_end = last["period_end"].iat[0]
        for lens, label in (
            ("openrouter_tokens", "OpenRouter: share of tokens"),
            ("openrouter_spend", "OpenRouter: share of estimated spend"),
        ):
            rows.append(
                {
                    "family": "share of tokens or dollars",
                    "label": label,
                    "period": period_name(latest, month_end),
                    "period_start": latest,
                    "period_end": month_end,
                    "value": last.loc[lens, "value"],
                    "value_low": last.loc[lens, "value_low"],
                    "value_high": last.loc[lens, "value_high"],
                    "evidence": "primary",
                    "source": OPENROUTER_CITE,
                    "population": "developers and apps routing through OpenRouter",
                }
            )
    label = lenses.set_index("lens")["label"]
    cite = sources.set_index("source_id")["cite_as"]
    china = comparison[
        (comparison["vendor_group"] == "Chinese labs") & (comparison["source_id"] != OPENROUTER_SOURCE_ID)
    ]
    for _, row in china.iterrows():
        family = "share of businesses or respondents" if row["unit"] != SHARE_UNIT else "share of tokens or dollars"
        rows.append(
            {
                "family": family,
                "label": f"{label[row['lens']]} ({row['vendors']})",
                "period": row["period"],
                "period_start": row["period_start"],
                "period_end": row["period_end"],
                "value": row["value"],
                "value_low": row["value"],
                "value_high": row["value"],
                "evidence": row["evidence"],
                "source": cite[row["source_id"]],
                "population": row["vendors"],
            }
        )
    shares = market[(market["counts_as"] == "chinese") & (market["unit"] == "percent")]
    for _, row in shares.iterrows():
        family = {
            "open_model_downloads": "share of open-model downloads",
            "chatbot_web_visits": "share of chatbot web visits",
        }[row["lens_family"]]
        rows.append(
            {
                "family": family,
                "label": f"{row['subject']} ({row['publisher'].split(' ')[0]})",
                "period": period_name(row["period_start"], row["period_end"]),
                "period_start": row["period_start"],
                "period_end": row["period_end"],
                "value": row["value"],
                "value_low": row["value"],
                "value_high": row["value"],
                "evidence": row["evidence"],
                "source": row["publisher"],
                "population": row["population"],
            }
        )
    counts = market[(market["unit"] == "downloads")]
    if len(counts):
        pair = counts.groupby("counts_as")["value"].sum()
        if {"chinese", "us"} <= set(pair.index):
            share = 100 * pair["chinese"] / (pair["chinese"] + pair["us"])
            first = counts.iloc[0]
            rows.append(
                {
                    "family": "share of open-model downloads",
                    "label": "Chinese vs US open models, cumulative (ATOM)",
                    "period": f"to {first['period_end']:%B %Y}",
                    "period_start": counts["period_start"].min(),
                    "period_end": counts["period_end"].max(),
                    "value": share,
                    "value_low": share,
                    "value_high": share,
                    "evidence": first["evidence"],
                    "source": first["publisher"],
                    "population": "downloads of Chinese and US open models only (share of the two)",
                }
            )
    return pd.DataFrame(rows)


def state_of_ai_check(history: pd.DataFrame, window: Window | None = None) -> pd.DataFrame:
    """This project's share of Chinese open-weight models over the State of AI study's window, where
    the data covers it, counted four ways to show what moves the number.

    ``mean_weekly_pct`` is the mean of complete weeks' shares (the study's statistic); ``peak`` the
    largest week; ``pooled`` the share of all tokens in the period.
    """
    start, end = max(STUDY_WINDOW[0], history["date"].min()), min(STUDY_WINDOW[1], history["date"].max())
    rows = history[(history["date"] >= start) & (history["date"] <= end)]
    if rows.empty:
        return pd.DataFrame()
    rows = rows.assign(week=week_start(rows["date"]))
    complete = full_weeks(rows["date"])
    open_cn = (rows["origin"] == "CN") & (rows["open_weight"] == "true")
    variants = {
        "Chinese open-weight models, share of all tokens": (open_cn, pd.Series(True, index=rows.index)),
        "all Chinese models (open and closed), share of all tokens": (
            rows["origin"] == "CN",
            pd.Series(True, index=rows.index),
        ),
        "Chinese open-weight models, share of named models (long tail left out)": (
            open_cn,
            rows["origin"] != "LONG_TAIL",
        ),
        "Chinese open-weight models with stealth models attributed": (
            (rows["attributed_origin"] == "CN") & ((rows["open_weight"] == "true") | (rows["origin"] == "UNDISCLOSED")),
            pd.Series(True, index=rows.index),
        ),
    }
    records = []
    for label, (numerator, denominator) in variants.items():
        top = rows[numerator].groupby("week")["tokens"].sum()
        bottom = rows[denominator].groupby("week")["tokens"].sum()
        weekly = (top.reindex(bottom.index, fill_value=0) / bottom).reindex(complete)
        records.append(
            {
                "count": label,
                "period_start": start,
                "period_end": end,
                "complete_weeks": len(complete),
                "mean_weekly_pct": 100 * weekly.mean(),
                "peak_weekly_pct": 100 * weekly.max(),
                "peak_week": weekly.idxmax() if weekly.notna().any() else pd.NaT,
                "pooled_pct": 100 * rows.loc[numerator, "tokens"].sum() / rows.loc[denominator, "tokens"].sum(),
            }
        )
    return pd.DataFrame(records)
