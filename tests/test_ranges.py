"""Every valid date range: the analysis behind every notebook runs, its numbers add up, its sentences
are true for the window, and its figures stay inside it.

A seeded grid of more than 200 start/end pairs, biased toward week edges, the published weeks, the
data's first and last days and spans of one to fourteen days, runs the same helpers the notebooks
call (without papermill, so it fits the test budget); the ranges named in the any-dates issue are
always among them. ``test_ranges_slow.py`` runs the whole pipeline on a handful.
"""

from __future__ import annotations

import random
import re

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers import charts, clean, enterprise, headline, market, spend
from helpers.dates import DAY, Window
from helpers.findings import enterprise as enterprise_findings
from helpers.findings import headline as headline_findings
from helpers.findings import market as market_findings
from helpers.findings import rankings as rankings_findings
from helpers.findings import spend as spend_findings
from helpers.paths import RAW_DIR

FIRST, LAST = pd.Timestamp("2025-01-01"), pd.Timestamp("2026-10-09")
NAMED = [
    ("2026-06-01", "2026-06-28"),
    ("2026-06-01", "2026-10-06"),
    ("2026-06-01", "2026-06-07"),
    ("2026-01-05", "2026-03-29"),
    ("2026-03-02", "2026-06-03"),
    ("2026-06-03", "2026-06-05"),
    ("2026-04-27", "2026-06-07"),
    ("2026-03-02", "2026-06-28"),
    ("2025-01-01", "2026-10-09"),
    ("2026-10-09", "2026-10-09"),
    ("2025-01-01", "2025-01-01"),
    ("2026-09-28", "2026-10-09"),
]
ANCHORS = [
    pd.Timestamp(d)
    for d in (
        "2025-01-01",
        "2025-01-06",
        "2025-06-30",
        "2026-02-09",
        "2026-03-09",
        "2026-04-27",
        "2026-06-01",
        "2026-06-22",
        "2026-08-01",
        "2026-09-28",
        "2026-10-09",
    )
]
SPANS = [1, 2, 3, 5, 6, 7, 8, 9, 13, 14, 21, 28, 45, 90, 120, 200, 365, 640]
LOOKED_BACK = (
    "before the run",
    "outside this run",
    "raw data",
    "not tested here",
    "not a complete week of this run",
    "data as a whole",
    "outside the run",
)
WEEK_MENTION = re.compile(
    r"the week of (?:\d{1,2}(?: [A-Z][a-z]+)?(?: \d{4})?)(?:-| to )(\d{1,2}) ([A-Z][a-z]+) (\d{4})"
)


def ranges(n: int = 204, seed: int = 20261203) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = {(pd.Timestamp(a), pd.Timestamp(b)) for a, b in NAMED}
    while len(pairs) < n:
        anchor = rng.choice(ANCHORS) + pd.Timedelta(
            days=rng.choice([-8, -7, -6, -1, 0, 1, 6, 7, 8, rng.randint(-60, 60)])
        )
        span = rng.choice(SPANS) if rng.random() < 0.6 else rng.randint(1, 14)
        start = min(max(anchor, FIRST), LAST)
        end = min(start + pd.Timedelta(days=span - 1), LAST)
        pairs.add((start, end))
    return sorted((f"{a:%Y-%m-%d}", f"{b:%Y-%m-%d}") for a, b in pairs)


RANGES = ranges()


@pytest.fixture(scope="module")
def world(history, priced):
    """What every window shares: the cleaned data, the audit's weeks, the priced rows, the enterprise tables."""
    data = clean.clean_rankings(RAW_DIR)
    claim = headline.load_claim(RAW_DIR / "reference" / "headline_claim.csv")
    groups = enterprise.load_vendor_groups(RAW_DIR / "reference" / "vendor_groups.csv")
    lenses = enterprise.load_lenses(RAW_DIR / "enterprise" / "lenses.csv")
    sources = enterprise.load_sources(RAW_DIR / "enterprise" / "sources.csv")
    weeks = headline.audit_weeks(history)
    return {
        "data": data,
        "claim": claim,
        "weeks": weeks,
        "headline": headline.run_audit(history, Window(FIRST, LAST), claim, weeks).headline,
        "cache": {},
        "groups": groups,
        "lenses": lenses,
        "sources": sources,
        "observations": enterprise.load_observations(
            RAW_DIR / "enterprise" / "observations.csv", lenses, sources, groups
        ),
        "market": market.load_market(RAW_DIR / "market" / "lenses.csv"),
        "dollars": spend.dollar_streaks(priced, history),
    }


def analyse(window: Window, world: dict, history: pd.DataFrame, priced: pd.DataFrame) -> dict:
    """The helpers each notebook calls, for one window."""
    data, claim = world["data"], world["claim"]
    weekly, quality = clean.weekly_tables(data, window)
    audit = headline.run_audit(history, window, claim, world["weeks"], world["headline"])
    in_window = window.cut(priced)
    weekly_spend = spend.weekly_origin_spend(in_window)
    coverage = spend.weekly_coverage(in_window)
    vendor = enterprise.openrouter_vendor_group(in_window, world["groups"])
    comparison = enterprise.lens_comparison(world["observations"], priced, world["groups"], window, world["cache"])
    chinese = enterprise.with_nearest_chinese_labs(comparison, world["observations"], priced, world["groups"], window)
    monthly = enterprise.monthly_openrouter_shares(priced, world["groups"], window)
    lenses = market.chinese_share_lenses(comparison, world["market"], monthly, world["lenses"], world["sources"])
    findings = [
        rankings_findings.findings(data, window, weekly, quality),
        headline_findings.findings(audit, history),
        spend_findings.findings(
            window,
            in_window,
            coverage,
            world["dollars"],
            spend.unpriced_models(in_window),
            spend.carried_back_points(in_window, vendor, 2026),
            pd.DataFrame(),
            headline.claim_week(claim),
        ),
        enterprise_findings.findings(
            comparison, world["lenses"], world["sources"], world["observations"], window, chinese
        ),
    ]
    headline.audit_table(audit), headline.headline_weeks(audit), headline.lead_summary(audit)
    market_findings.findings(pd.DataFrame(), lenses, pd.DataFrame(), pd.DataFrame())
    return {
        "weekly": weekly,
        "quality": quality,
        "audit": audit,
        "weekly_spend": weekly_spend,
        "comparison": comparison,
        "monthly": monthly,
        "findings": findings,
    }


def week_mentions_outside(text: str, window: Window) -> list[pd.Timestamp]:
    mondays = [pd.Timestamp(f"{d} {m} {y}") - pd.Timedelta(days=6) for d, m, y in WEEK_MENTION.findall(text)]
    return [m for m in mondays if m < window.start - pd.Timedelta(days=6) or m > window.end]


def test_the_grid_has_enough_ranges_of_every_kind():
    spans = [(pd.Timestamp(b) - pd.Timestamp(a)).days + 1 for a, b in RANGES]
    assert len(RANGES) >= 200 and set(NAMED) <= set(RANGES)
    assert sum(s <= 14 for s in spans) >= 60 and sum(s >= 90 for s in spans) >= 20
    assert sum(a == "2025-01-01" for a, _ in RANGES) >= 3 and sum(b == "2026-10-09" for _, b in RANGES) >= 3


def problems_of(window: Window, out: dict, history: pd.DataFrame) -> list[str]:
    """What is wrong with one window's analysis: sums, reconciliation, and sentences."""
    label = f"{window.start:%Y-%m-%d}..{window.end:%Y-%m-%d}"
    problems = []
    shares = out["weekly"].groupby("week_start")["share"].sum()
    if not (shares - 1).abs().lt(1e-9).all():
        problems.append(f"{label}: weekly token shares do not sum to 1")
    spend_sums = out["weekly_spend"].groupby("week_start")["spend_share"].sum()
    if not ((spend_sums - 1).abs().lt(1e-9) | spend_sums.eq(0)).all():
        problems.append(f"{label}: weekly spend shares do not sum to 1")
    if out["weekly"]["tokens"].sum() != window.cut(history)["tokens"].sum():
        problems.append(f"{label}: weekly tokens do not reconcile with the daily table")
    for found in out["findings"]:
        problems += [f"{label}: {found.notebook} found nothing to say"] if not found.items else []
        for item in found.items:
            outside = week_mentions_outside(item.text, window)
            if outside and not any(marker in item.text for marker in LOOKED_BACK):
                problems.append(f"{label}: a week outside the run without saying so: {item.text}")
            if "from 2 to 2" in item.text or "(s)" in item.text or re.search(r"\bnan\b|\bNaT\b", item.text):
                problems.append(f"{label}: {item.text}")
    return problems


def check_ranges(ranges: list[tuple[str, str]], world: dict, history: pd.DataFrame, priced: pd.DataFrame) -> None:
    problems = []
    for start, end in ranges:
        window = Window(start, end)
        try:
            problems += problems_of(window, analyse(window, world, history, priced), history)
        except Exception as exc:  # collect every failing range, then report them together
            problems.append(f"{start}..{end}: {type(exc).__name__}: {exc}")
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} problems)"


FAST_RANGES = sorted(set(NAMED) | set(RANGES[::6]))  # the named ranges and every sixth of the grid
HALVES = [FAST_RANGES[i::2] for i in range(2)]
QUARTERS = [RANGES[i::4] for i in range(4)]


class TestFirstHalfOfTheFastGrid:
    """Two interleaved halves of the fast grid, so the two test workers share it evenly; the whole
    grid (every range checked, none discarded) runs with the slow tests in CI."""

    def test_every_range_runs_adds_up_and_says_only_true_things(self, world, history, priced):
        check_ranges(HALVES[0], world, history, priced)


class TestSecondHalfOfTheFastGrid:
    def test_every_range_runs_adds_up_and_says_only_true_things(self, world, history, priced):
        check_ranges(HALVES[1], world, history, priced)


@pytest.mark.slow
@pytest.mark.parametrize("quarter", range(4))
def test_the_whole_grid_runs_adds_up_and_says_only_true_things(quarter, world, history, priced):
    check_ranges(QUARTERS[quarter], world, history, priced)


FIGURE_RANGES = [  # what readers try: a day, a partial week, the headline's weeks, a month, the end, everything
    ("2026-06-03", "2026-06-05"),
    ("2026-04-27", "2026-06-07"),
    ("2025-07-01", "2025-07-31"),
    ("2026-09-26", "2026-10-09"),
    ("2026-10-09", "2026-10-09"),
    ("2025-01-01", "2026-10-09"),
]


@pytest.mark.parametrize(
    "chosen",
    [
        pytest.param(FIGURE_RANGES, id="ranges-readers-try"),
        pytest.param(sorted(set(RANGES[::40]) | set(NAMED)), id="grid", marks=pytest.mark.slow),
    ],
)
def test_every_figure_stays_inside_its_window(chosen, world, history, priced):
    """Charts are slower than tables: the ranges readers try in the fast suite; every fortieth range of
    the grid and every named one with the slow tests."""
    matplotlib.use("Agg")
    span = headline.claimed_streak_span(world["claim"])
    problems = []
    for start, end in chosen:
        window = Window(start, end)
        out = analyse(window, world, history, priced)
        built = [
            charts.weekly_tokens_by_origin(out["weekly"], window, span),
            charts.cn_vs_us_weekly(out["audit"], span),
            charts.streak_grid(out["audit"], span, headline.KEY_DEFINITIONS),
            charts.top_models_weekly(
                headline.weekly_model_ranks(history), headline.week_totals(history), out["audit"], span
            ),
            charts.origin_shares(out["weekly"], window, span),
            charts.spend_vs_token_share(
                out["weekly_spend"],
                spend.weekly_token_shares(window.cut(priced)),
                window,
                span,
                spend.promotions(spend.load_prices(RAW_DIR / "prices" / "prices.csv")),
                "t",
            ),
            charts.free_share_by_origin(out["weekly_spend"], window, span, "t"),
            charts.labs_timeline(
                out["monthly"],
                enterprise.lab_points(out["comparison"], world["lenses"], ["Anthropic", "OpenAI"]),
                world["sources"],
                window,
            ),
        ]
        for chart in [c for c in built if c is not None]:
            for ax in chart.fig.axes:
                low, high = (pd.Timestamp(mdates.num2date(x)).tz_localize(None) for x in ax.get_xlim())
                if low < window.start - pd.Timedelta(hours=1) or high > window.end + DAY + pd.Timedelta(hours=1):
                    problems.append(f"{start}..{end} {chart.name}: x axis {low:%Y-%m-%d}..{high:%Y-%m-%d}")
            plt.close(chart.fig)
    assert not problems, "\n".join(problems[:20])


def test_a_comparison_over_a_period_longer_than_the_run_says_so(world, history, priced):
    """A week in June compared over the whole of Q2 2026: the headline sentence says that OpenRouter's
    share covers the whole quarter, beyond the run; over the reference run it has no need to."""
    short = {
        f.key: f.text for f in analyse(Window("2026-06-24", "2026-06-30"), world, history, priced)["findings"][3].items
    }
    assert short["lab_spend"].startswith("In Q2 2026, Anthropic had")
    assert short["lab_spend"].endswith(
        "(That period extends beyond these dates; OpenRouter's shares are for all of it.)"
    )
    full = {f.key: f.text for f in analyse(Window(FIRST, LAST), world, history, priced)["findings"][3].items}
    assert "beyond this run" not in full["lab_spend"]


def test_a_range_of_one_value_is_said_as_one_value(world, history, priced):
    """One complete week has one stealth share: the sentence gives it, not 'between 25% and 25%'."""
    items = {
        f.key: f.text for f in analyse(Window("2026-09-28", "2026-10-09"), world, history, priced)["findings"][0].items
    }
    assert "took 25% of a week's tokens" in items["stealth_long_tail"] and "and 25%" not in items["stealth_long_tail"]
    full = {f.key: f.text for f in analyse(Window(FIRST, LAST), world, history, priced)["findings"][0].items}
    assert "took between " in full["stealth_long_tail"]
