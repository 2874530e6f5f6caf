"""The claims ledger and its checks: each metric against a published number, the status rules, the
loader's refusals, which claims a run covers, and the command line."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import claims, headline, market
from helpers.cli import main
from helpers.dates import Window
from helpers.errors import RawDataError
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table

LEDGER = claims.ledger_path(RAW_DIR)
DSV4_FLASH = "deepseek/deepseek-v4-flash-20260423"


@pytest.fixture(scope="module")
def ledger() -> pd.DataFrame:
    return claims.load_ledger(LEDGER)


@pytest.fixture(scope="module")
def data(history) -> claims.ClaimData:
    return claims.claim_data(history, read_table(PROCESSED_DIR / "daily_model_spend.csv", ("date",)))


def claim(definition_id, start, end, value, unit, count="", subject="") -> pd.Series:
    """A ledger row as the loader returns it, with only what a check reads."""
    return pd.Series(
        {
            "claim_id": "test",
            "publisher": "a test",
            "url": "https://example.org",
            "metric": "a figure",
            "definition_id": definition_id,
            "count": count,
            "subject": subject,
            "period_start": pd.Timestamp(start) if start else pd.NaT,
            "period_end": pd.Timestamp(end) if end else pd.NaT,
            "value": float(value),
            "unit": unit,
        }
    )


def measure(data, *args, **kwargs) -> float:
    row = claim(*args, **kwargs)
    return claims.DEFINITIONS[row["definition_id"]].measure(data, row).value


# ---- the ledger's loader ------------------------------------------------------------------------------


def _row(claim_id, unit, value, definition_id, count="", subject="", **fields) -> dict:
    row = dict.fromkeys(claims.LEDGER_COLUMNS, "")
    row.update(
        claim_id=claim_id,
        publisher="A publisher",
        url=f"https://example.org/{claim_id}",
        evidence="primary",
        period_start="2026-06-01",
        period_end="2026-06-07",
        dated_by="page",
        metric="a figure",
        unit=unit,
        value=value,
        quote="the page's words",
        definition_id=definition_id,
        count=count,
        subject=subject,
    )
    return {**row, **fields}


SAMPLE = [
    _row("week_total", "tokens", "36.1e12", "origin_tokens", "top9_models", "TOTAL"),
    _row("week_cn", "tokens", "14.19e12", "origin_tokens", "top9_models", "CN"),
    _row(
        "week_cn_relay", "tokens", "14.19e12", "origin_tokens", "top9_models", "CN", evidence="relay", relayed_from="B"
    ),
    _row("week_cn_change", "percent", "27.49", "origin_change_pct", "top9_models", "CN"),
    _row("week_model", "tokens", "3.69e12", "model_tokens", subject=DSV4_FLASH),
    _row("week_share", "percent", "78", "token_share_pct", "CN+anthropic+openai", "CN"),
    _row("week_streak", "weeks", "6", "lead_streak_weeks", "top9_models", "CN"),
    _row(
        "undated", "percent", "33", "token_share_pct", "all", "US", period_start="", period_end="", dated_by="undated"
    ),
]


def _write(tmp_path, edit=None) -> str:
    table = pd.DataFrame(SAMPLE, columns=claims.LEDGER_COLUMNS)
    table = edit(table) if edit else table
    path = tmp_path / "claims.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    return str(path)


def _set(row, column, value):
    def edit(table):
        table.loc[row, column] = value
        return table

    return edit


def test_the_loader_reads_a_good_ledger(tmp_path):
    table = claims.load_ledger(_write(tmp_path))
    assert len(table) == len(SAMPLE) and table["value"].dtype == float
    assert table.loc[0, "period_start"] == pd.Timestamp("2026-06-01") and pd.isna(table.loc[7, "period_start"])


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set(0, "unit", "weeks"), r"line 2, column unit: is not the unit of the row's definition_id"),
        (_set(3, "value", "27.49%"), r"line 5, column value: must be a number"),
        (_set(6, "value", "6.5"), r"line 8, column value: weeks, ranks and models are whole numbers"),
        (_set(4, "period_end", "2026-06-31"), r"line 6, column period_end: must be a YYYY-MM-DD date"),
        (_set(4, "period_end", ""), r"line 6, column period_end: give both ends of the period or neither"),
        (_set(4, "period_end", "2026-05-01"), r"line 6, column period_end: before period_start"),
        (_set(5, "dated_by", "undated"), r"line 7, column dated_by: 'undated' exactly when the period"),
        (_set(7, "dated_by", "page"), r"line 9, column dated_by: 'undated' exactly when the period"),
        (_set(2, "quote", " "), r"line 4, column quote: must not be empty"),
        (_set(2, "url", "example.org/week"), r"line 4, column url"),
        (_set(2, "relayed_from", ""), r"line 4, column relayed_from: a relay names what it relays"),
        (_set(2, "evidence", "secondary"), r"line 4, column evidence: must be one of"),
        (_set(2, "definition_id", "chinese_share"), r"line 4, column definition_id: must be one of"),
        (_set(2, "count", "top99_models"), r"line 4, column count: a headline count"),
        (_set(2, "subject", "China"), r"line 4, column subject: one of"),
        (_set(5, "count", "CN+Anthropic"), r"line 7, column count: a group expression"),
        (_set(4, "subject", "deepseek-v4-flash"), r"line 6, column subject: a model's permaslug"),
        (_set(1, "claim_id", "Week CN"), r"line 3, column claim_id"),
    ],
)
def test_the_loader_refuses_a_bad_row_naming_file_line_and_column(tmp_path, edit, message):
    with pytest.raises(RawDataError, match=r"claims\.csv: " + message):
        claims.load_ledger(_write(tmp_path, edit))


def test_the_loader_refuses_a_duplicate_id_and_a_changed_header(tmp_path):
    with pytest.raises(RawDataError, match=r"claims\.csv: duplicate claim_id: 'week_total'"):
        claims.load_ledger(_write(tmp_path, _set(1, "claim_id", "week_total")))
    with pytest.raises(RawDataError, match=r"claims\.csv: columns .* expected"):
        claims.load_ledger(_write(tmp_path, lambda t: t.rename(columns={"quote": "quoted"})))


def test_definitions_are_described_in_words(tmp_path):
    for _, row in claims.load_ledger(_write(tmp_path)).iterrows():
        words = claims.describe(row)
        assert words and "_" not in words and "{" not in words and "top9" not in words


# ---- one test per metric, each against a published number -------------------------------------------


def test_a_period_ranking_of_one_week_is_the_headline_weekly_ranking(history):
    week = pd.Timestamp("2026-06-22")
    ours = claims.period_model_ranks(
        history[(history["date"] >= week) & (history["date"] <= week + pd.Timedelta(6, "D"))]
    )
    theirs = headline.weekly_model_ranks(history).query("week_start == @week")
    assert (
        ours[["model_permaslug", "tokens", "rank"]]
        .reset_index(drop=True)
        .equals(theirs[["model_permaslug", "tokens", "rank"]].reset_index(drop=True))
    )


def test_top9_by_origin_for_1_7_june_2026_is_the_headline(data):
    """The headline week: 14.19T Chinese, 3.2T US, 36.1T in all (gogoai.xin, relaying NBD)."""
    week = ("2026-06-01", "2026-06-07")
    assert measure(data, "origin_tokens", *week, 14.19e12, "tokens", "top9_models", "CN") == pytest.approx(
        14.19e12, rel=0.01
    )
    assert measure(data, "origin_tokens", *week, 3.2e12, "tokens", "top9_models", "US") == pytest.approx(
        3.2e12, rel=0.01
    )
    assert measure(data, "origin_tokens", *week, 36.1e12, "tokens", "top9_models", "TOTAL") == pytest.approx(
        36.1e12, rel=0.01
    )


def test_all_traffic_is_the_headline_modules_own_count(data, history):
    week = pd.Timestamp("2026-06-01")
    ours = measure(data, "origin_tokens", "2026-06-01", "2026-06-07", 1, "tokens", "all_traffic", "CN")
    assert ours == headline.all_traffic(history).set_index("week_start").loc[week, "cn_tokens"]


def test_week_on_week_changes_for_1_7_june_2026(data):
    """+27.49% China, -24.53% US, +13.5% in all (within a point)."""
    week = ("2026-06-01", "2026-06-07")
    assert measure(data, "origin_change_pct", *week, 27.49, "percent", "top9_models", "CN") == pytest.approx(
        27.49, abs=1
    )
    assert measure(data, "origin_change_pct", *week, -24.53, "percent", "top9_models", "US") == pytest.approx(
        -24.53, abs=1
    )
    assert measure(data, "origin_change_pct", *week, 13.5, "percent", "top9_models", "TOTAL") == pytest.approx(
        13.5, abs=1
    )


def test_chinese_share_of_the_five_largest_models_16_22_february_2026(data):
    """udn.com (NBD): four Chinese models held 85.7% of the top five's tokens."""
    value = measure(data, "origin_share_pct", "2026-02-16", "2026-02-22", 85.7, "percent", "top5_models", "CN")
    assert value == pytest.approx(85.7, abs=0.05)


def test_lead_streaks_of_the_weekly_series(data):
    """Four weeks to 18-24 May, six to 1-7 June, nine to 22-28 June, two to 9-15 March (after a break)."""
    for start, weeks in (("2026-05-18", 4), ("2026-06-01", 6), ("2026-06-22", 9), ("2026-03-09", 2)):
        end = (pd.Timestamp(start) + pd.Timedelta(days=6)).strftime("%Y-%m-%d")
        assert measure(data, "lead_streak_weeks", start, end, weeks, "weeks", "top9_models", "CN") == weeks


def test_deepseek_v4_flash_first_22_28_june_2026(data):
    """haberlergpt: DeepSeek V4 Flash first for the sixth week with about 4.66T; GLM-5.2 seventh at 2.11T (+66%)."""
    week = ("2026-06-22", "2026-06-28")
    assert measure(data, "model_tokens", *week, 4.66e12, "tokens", subject=DSV4_FLASH) == pytest.approx(
        4.66e12, rel=0.01
    )
    assert measure(data, "model_rank", *week, 1, "rank", subject=DSV4_FLASH) == 1
    assert measure(data, "model_first_streak_weeks", *week, 6, "weeks", subject=DSV4_FLASH) == 6
    assert measure(data, "model_rank", *week, 7, "rank", subject="z-ai/glm-5.2-20260616") == 7
    change = measure(data, "model_change_pct", *week, 66, "percent", subject="z-ai/glm-5.2-20260616")
    assert change == pytest.approx(66, abs=1)


def test_the_cut_off_that_gives_a_figure_the_top9_count_misses(history):
    """CGTN's 2.7T for US models in 16-22 February 2026 is the week's eight largest models."""
    rows = history[(history["date"] >= "2026-02-16") & (history["date"] <= "2026-02-22")]
    assert claims.nearest_top_n(rows, "US", 2.7e12, 0.01) == [8]


def test_daily_top50_counts_by_origin(data, history):
    """Our World in Data: 5 Chinese models in the daily top 50 at the start of 2025, 20 in May 2026."""
    counts = claims.daily_top50_counts(history)
    assert list(counts.columns) == claims.TOP50_COLUMNS
    per_day = counts.groupby("date")["models"].sum()
    assert (per_day == 50).mean() > 0.95  # a day restated across vintages may name a few more
    assert counts.set_index(["date", "origin"]).loc[(pd.Timestamp("2025-01-01"), "CN"), "models"] == 5
    may = measure(data, "top50_model_count", "2026-05-01", "2026-05-31", 20, "models", subject="CN")
    assert round(may) == 20


def test_lab_shares_against_openrouters_blog(data):
    """OpenRouter: DeepSeek from 9% (January 2026) to 18% (June 2026) of tokens, 5% at its low."""
    january = measure(data, "token_share_pct", "2026-01-01", "2026-01-31", 9, "percent", "all", "deepseek")
    june = measure(data, "token_share_pct", "2026-06-01", "2026-06-30", 18, "percent", "all", "deepseek")
    low = measure(data, "token_share_weekly_low_pct", "2026-02-02", "2026-04-05", 5, "percent", "all", "deepseek")
    assert january == pytest.approx(9, abs=1) and june == pytest.approx(18, abs=1) and low == pytest.approx(5, abs=0.5)


def test_chinese_labs_against_anthropic_and_openai_28_september_2026(data):
    """cache-register: three-way, Chinese labs 78% of the tokens; two-way, Anthropic 25% of Anthropic + OpenAI;
    Chinese labs ahead of the two combined for 35 weeks."""
    week = ("2026-09-28", "2026-10-04")
    three = measure(data, "token_share_pct", *week, 78, "percent", "CN+anthropic+openai", "CN")
    two = measure(data, "token_share_pct", *week, 25, "percent", "anthropic+openai", "anthropic")
    streak = measure(data, "group_lead_streak_weeks", *week, 35, "weeks", "anthropic+openai", "CN")
    assert three == pytest.approx(78, abs=1) and two == pytest.approx(25, abs=1) and streak == 35


def test_closed_models_tokens_by_lab(data):
    """cache-register's open-middle receipt: OpenAI's closed models 16.0T in the week of 28 September 2026."""
    value = measure(data, "closed_tokens", "2026-09-28", "2026-10-04", 16e12, "tokens", subject="openai")
    assert value == pytest.approx(16e12, rel=0.01)


def test_open_weight_shares_follow_the_state_of_ai_check(data, history):
    """State of AI: Chinese open-source models peaked near 30% of weekly tokens in 2025; the weekly share
    is notebook 4's statistic, counted the same way."""
    peak = measure(data, "open_weight_weekly_peak_pct", "2025-01-01", "2025-11-30", 30, "percent", "all", "CN")
    mean = measure(data, "open_weight_weekly_mean_pct", "2025-01-01", "2025-11-30", 13, "percent", "all", "CN")
    study = market.state_of_ai_check(history).iloc[0]
    assert peak == pytest.approx(study["peak_weekly_pct"]) and mean == pytest.approx(study["mean_weekly_pct"])
    assert abs(peak - 30) <= 3  # "nearly 30 percent": close
    pooled = measure(
        data, "open_weight_share_pct", "2026-05-25", "2026-05-31", 69.1, "percent", "open_or_closed", "ALL"
    )
    assert 0 < pooled < 100


def test_spend_shares_use_notebook_3s_estimate_with_its_band(data):
    """cache-register: Chinese labs 33% of the three groups' estimated spend in the week of 28 September 2026."""
    row = claim("spend_share_pct", "2026-09-28", "2026-10-04", 33, "percent", "CN+anthropic+openai", "CN")
    measured = claims.DEFINITIONS["spend_share_pct"].measure(data, row)
    assert measured.value == pytest.approx(33, abs=1)
    assert measured.low <= 33 <= measured.high


# ---- statuses, reasons and the run's window ---------------------------------------------------------


def test_status_rules_and_reasons(data):
    week = ("2026-03-09", "2026-03-15")
    ok = claims.check_claim(claim("origin_tokens", *week, 4.69e12, "tokens", "top9_models", "CN"), data)
    assert ok["status"] == claims.REPRODUCED and "within 1%" in ok["why"]
    slip = claims.check_claim(claim("origin_tokens", *week, 46.9e12, "tokens", "top9_models", "CN"), data)
    assert slip["status"] == claims.NOT_REPRODUCED and "slipped decimal point" in slip["why"]
    near = claims.check_claim(claim("origin_tokens", *week, 4.55e12, "tokens", "top9_models", "CN"), data)
    assert near["status"] == claims.CLOSE
    streak = claims.check_claim(claim("lead_streak_weeks", *week, 3, "weeks", "top9_models", "CN"), data)
    assert streak["status"] == claims.NOT_REPRODUCED and streak["project_value"] == 2
    undated = claims.check_claim(claim("origin_tokens", "", "", 18e12, "tokens", "top9_models", "CN"), data)
    assert undated["status"] == claims.CANNOT and "no period" in undated["why"]
    early = claims.check_claim(claim("token_share_pct", "2024-12-01", "2025-01-31", 5, "percent", "all", "CN"), data)
    assert early["status"] == claims.CANNOT and "outside the data" in early["why"]
    sizes = claims.check_claim(claim("model_size_band", *week, 1e12, "tokens", subject="mid-size open"), data)
    assert sizes["status"] == claims.CANNOT and "parameter counts" in sizes["why"]


def test_a_run_checks_only_the_claims_inside_its_dates(tmp_path, data):
    sample = claims.load_ledger(_write(tmp_path))
    june = Window(pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-28"))
    checked = claims.check_claims(sample, data, june)
    assert list(checked["claim_id"]) == list(sample["claim_id"][:7])  # the undated claim: only over every day
    cut = Window(pd.Timestamp("2026-06-02"), pd.Timestamp("2026-06-28"))
    assert claims.check_claims(sample, data, cut).empty  # a week the run cuts is not checked
    everything = Window(data.first_day, data.last_day)
    assert len(claims.check_claims(sample, data, everything)) == len(sample)


# ---- the shipped ledger, the reference run's table and the command line ---------------------------------------------------------


def test_the_shipped_ledger_loads(ledger):
    assert len(ledger) >= 15 and ledger["publisher"].nunique() >= 6
    assert set(ledger["evidence"]) == {"primary", "relay"}
    # the headline's figures are in the ledger too, from the page that carries them, dated by the series
    week = ledger[ledger["claim_id"].str.startswith("gogoai_2026w23")]
    assert set(week["period_start"]) == {pd.Timestamp("2026-06-01")} and set(week["dated_by"]) == {"series"}


def test_the_reference_run_table(ledger):
    table = read_table(PROCESSED_DIR / "claims_checked.csv", ("period_start", "period_end"))
    assert list(table.columns) == claims.CHECKED_COLUMNS
    assert list(table["claim_id"]) == list(ledger["claim_id"]) and set(table["status"]) <= set(claims.STATUSES)
    reproduced = table[table["status"] == claims.REPRODUCED]
    tokens = reproduced[reproduced["unit"] == "tokens"]
    assert ((tokens["project_value"] / tokens["published_value"] - 1).abs() <= 0.01).all()
    assert table.loc[table["status"] != claims.REPRODUCED, "why"].str.len().gt(20).all()


def test_the_command_rechecks_one_claim_in_one_line(capsys):
    assert main(["claims", "haberlergpt_2026w26_dsv4flash_tokens"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and out[0].startswith("haberlergpt_2026w26_dsv4flash_tokens [reproduced]")


def test_the_command_rechecks_every_claim(capsys, ledger):
    assert main(["claims"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == len(ledger) + 1 and out[-1].startswith("reproduced: ")


def test_a_bad_claim_id_is_one_error_line(capsys):
    assert main(["claims", "gogoai_2026w23_cn_strea"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and len(lines) == 1 and lines[0].startswith("error: no claim 'gogoai_2026w23_cn_strea'")
    assert "gogoai_2026w23_cn_streak" in lines[0]


def test_a_change_from_nothing_cannot_be_checked(data):
    """A count with no tokens the week before (no model from the rest of the world among the nine
    largest): a change from nothing is no percentage, and the claim says so instead of failing the
    run (synthetic data at ten times the rows met it)."""
    row = claim("origin_change_pct", "2025-03-10", "2025-03-16", 10.0, "percent", "top9_models", "ROW")
    checked = claims.check_claim(row, data)
    assert checked["status"] == claims.CANNOT and "change from nothing" in checked["why"]
