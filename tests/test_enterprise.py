"""Enterprise comparison: the raw enterprise data's schema, vendor grouping, period alignment and
facts about the committed lens comparison table."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from helpers import enterprise
from helpers.errors import RawDataError
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table
from helpers.registry import load_registry

ENTERPRISE = RAW_DIR / "enterprise"
GROUPS_PATH = RAW_DIR / "reference" / "vendor_groups.csv"


@pytest.fixture(scope="module")
def groups():
    return enterprise.load_vendor_groups(GROUPS_PATH)


@pytest.fixture(scope="module")
def lenses():
    return enterprise.load_lenses(ENTERPRISE / "lenses.csv")


@pytest.fixture(scope="module")
def sources():
    return enterprise.load_sources(ENTERPRISE / "sources.csv")


@pytest.fixture(scope="module")
def observations(lenses, sources, groups):
    return enterprise.load_observations(ENTERPRISE / "observations.csv", lenses, sources, groups)


@pytest.fixture(scope="module")
def comparison():
    return read_table(PROCESSED_DIR / "lens_comparison.csv", ("period_start", "period_end"))


@pytest.fixture(scope="module")
def daily():
    return read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",))


# --- schema of the shipped enterprise data ---------------------------------------------------

def test_every_observation_has_a_url_dates_and_a_valid_unit(observations):
    assert observations["url"].str.match(r"https?://\S+$").all()
    assert observations[["published", "period_start", "period_end"]].notna().all().all()
    assert set(observations["unit"]) <= set(enterprise.UNITS)
    assert set(observations["evidence"]) <= {"primary", "secondary"}
    assert (observations["period_end"] >= observations["period_start"]).all()


def test_shares_lie_within_0_and_100_and_never_sum_past_100(observations):
    assert observations["value"].between(0, 100).all()
    totals = enterprise.check_share_totals(observations)
    assert (totals["total"] <= 100).all()
    stated = totals.set_index(["source_id", "lens"]).loc[("menlo_2025_12", "menlo_api_spend")]
    assert stated["total"].max() == pytest.approx(100.0)  # Menlo 2025: 40 + 27 + 21 + 12


def test_every_observation_names_a_known_source_and_lens(observations, sources, lenses):
    assert set(observations["source_id"]) <= set(sources["source_id"])
    assert set(observations["lens"]) <= set(lenses["lens"])
    assert observations["observation_id"].is_unique


def test_adoption_is_never_labelled_a_share(observations, lenses):
    adoption = observations[observations["metric"] == "business_adoption"]
    assert (adoption["unit"] == enterprise.ADOPTION_UNIT).all()
    assert not lenses.set_index("lens").loc["ramp_adoption", "is_share"]


def test_conflicting_ramp_figures_are_kept_as_separate_rows(observations):
    april = observations[(observations["period_start"] == "2026-04-01") & (observations["lens"] == "ramp_adoption")]
    assert april.set_index("vendor")["value"].to_dict() == {"Anthropic": 34.4, "OpenAI": 32.3}
    january = observations[(observations["period_start"] == "2026-01-01") & (observations["vendor"] == "Anthropic")
                           & (observations["lens"] == "ramp_adoption")]
    assert january["value"].tolist() == [19.5]
    assert january["evidence"].tolist() == ["primary"]


@pytest.mark.parametrize("column, bad, message", [
    ("url", "", "needs a URL"),
    ("published", "", "published must be a YYYY-MM-DD date"),
    ("value", "120", "percentage from 0 to 100"),
    ("unit", "percent", "unit must be one of"),
    ("vendor", "Acme AI", "not in vendor_groups.csv"),
])
def test_bad_enterprise_rows_are_refused_naming_the_line(tmp_path, lenses, sources, groups, column, bad, message):
    table = pd.read_csv(ENTERPRISE / "observations.csv", dtype=str, keep_default_na=False)
    table.loc[4, column] = bad
    path = tmp_path / "observations.csv"
    table.to_csv(path, index=False)
    with pytest.raises(RawDataError, match=message) as caught:
        enterprise.load_observations(path, lenses, sources, groups)
    assert "[6]" in str(caught.value)  # row index 4 is line 6 of the file (after the header)


def test_a_duplicate_vendor_group_key_is_refused(tmp_path):
    table = pd.read_csv(GROUPS_PATH, dtype=str, keep_default_na=False)
    path = tmp_path / "vendor_groups.csv"
    pd.concat([table, table.iloc[[0]]]).to_csv(path, index=False)
    with pytest.raises(RawDataError, match="duplicate"):
        enterprise.load_vendor_groups(path)


# --- vendor grouping -------------------------------------------------------------------------

def test_openrouter_rows_fall_into_the_shared_vendor_groups(groups):
    rows = pd.DataFrame({"author": ["openai", "anthropic", "google", "x-ai", "meta-llama", "mistralai", "deepseek",
                                    "qwen", "openrouter", "other", "nvidia"],
                         "origin": ["US", "US", "US", "US", "US", "EU", "CN", "CN", "UNDISCLOSED", "LONG_TAIL", "US"]})
    assert enterprise.openrouter_vendor_group(rows, groups).tolist() == [
        "OpenAI", "Anthropic", "Google", "xAI", "Meta", "Mistral", "Chinese labs", "Chinese labs", "Other", "Other",
        "Other"]


def test_every_chinese_author_in_the_registry_counts_as_chinese_labs(groups):
    authors = load_registry().authors
    grouped = enterprise.openrouter_vendor_group(authors, groups)
    assert (grouped[authors["origin"] == "CN"] == "Chinese labs").all()
    assert not (grouped[authors["origin"] != "CN"] == "Chinese labs").any()


def test_shares_are_summed_but_adoption_takes_the_largest_member():
    rows = pd.DataFrame({
        "observation_id": ["a", "b", "c", "d"], "source_id": "s", "lens": ["gw", "gw", "adopt", "adopt"],
        "period_start": pd.Timestamp("2026-08-01"), "period_end": pd.Timestamp("2026-08-31"),
        "unit": [enterprise.SHARE_UNIT, enterprise.SHARE_UNIT, enterprise.ADOPTION_UNIT, enterprise.ADOPTION_UNIT],
        "vendor": ["DeepSeek", "Z.ai", "DeepSeek", "Moonshot AI"], "vendor_group": "Chinese labs",
        "value": [2.9, 4.8, 0.3, 0.5]})
    grouped = enterprise.group_observations(rows).set_index("lens")
    assert grouped.loc["gw", "value"] == pytest.approx(7.7)
    assert grouped.loc["adopt", "value"] == pytest.approx(0.5)
    assert grouped.loc["gw", "observation_ids"] == "a b"
    assert grouped.loc["adopt", "vendors"] == "DeepSeek; Moonshot AI"


# --- period alignment ------------------------------------------------------------------------

def test_period_labels_name_months_quarters_years_and_other_spans():
    start = pd.to_datetime(pd.Series(["2026-08-01", "2026-04-01", "2025-01-01", "2025-06-30", "2026-07-01"]))
    end = pd.to_datetime(pd.Series(["2026-08-31", "2026-06-30", "2025-12-31", "2025-07-10", "2026-09-27"]))
    assert enterprise.period_label(start, end).tolist() == [
        "2026-08", "2026-Q2", "2025", "2025-06-30..2025-07-10", "2026-07-01..2026-09-27"]


def test_only_periods_wholly_inside_the_run_are_compared(observations):
    grouped = enterprise.group_observations(observations)
    periods = enterprise.periods_in_run(grouped, pd.Timestamp("2026-03-02"), pd.Timestamp("2026-06-28"))
    # March 2026 starts before the run (2026-03-01) and Q2 ends after it: only April fits.
    assert periods["period_start"].dt.strftime("%Y-%m").tolist() == ["2026-04"]
    outside = enterprise.outside_run(observations, pd.Timestamp("2025-01-01"), pd.Timestamp("2026-10-06"))
    assert set(outside["period_start"].dt.year) == {2023, 2024}


def test_openrouter_shares_cover_exactly_the_period_asked(groups):
    rows = pd.DataFrame({
        "date": pd.to_datetime(["2026-07-31", "2026-08-01", "2026-08-01", "2026-08-31", "2026-09-01"]),
        "author": ["deepseek", "deepseek", "openai", "anthropic", "anthropic"],
        "origin": ["CN", "CN", "US", "US", "US"],
        "tokens": [1000, 600, 300, 100, 5000],
        "est_spend_usd": [1.0, 1.0, 3.0, 6.0, 100.0]})
    shares = enterprise.openrouter_shares(rows, groups, pd.Timestamp("2026-08-01"), pd.Timestamp("2026-08-31"))
    shares = shares.set_index(["lens", "vendor_group"])["value"]
    assert shares[("openrouter_tokens", "Chinese labs")] == pytest.approx(60.0)
    assert shares[("openrouter_spend", "Anthropic")] == pytest.approx(60.0)
    assert shares[("openrouter_spend_two_way", "Anthropic")] == pytest.approx(100 * 6 / 9)
    assert shares.xs("openrouter_tokens").sum() == pytest.approx(100.0)


# --- the committed comparison table ----------------------------------------------------------

def test_comparison_table_has_the_issue_columns(comparison):
    assert {"period", "lens", "vendor_group", "value", "unit", "source_id"} <= set(comparison.columns)
    assert set(comparison["vendor_group"]) <= set(enterprise.VENDOR_GROUPS)


def test_every_enterprise_number_traces_to_a_raw_row(comparison, observations):
    rows = comparison[comparison["source_id"] != enterprise.OPENROUTER_SOURCE_ID]
    ids = rows["observation_ids"].str.split().explode()
    assert set(ids) <= set(observations["observation_id"])
    by_id = observations.set_index("observation_id")
    singles = rows[~rows["observation_ids"].str.contains(" ")]
    assert (singles["value"].to_numpy() == by_id.loc[singles["observation_ids"], "value"].to_numpy()).all()


def test_openrouter_shares_sum_to_100_in_every_period(comparison):
    shares = comparison[comparison["lens"].isin(["openrouter_tokens", "openrouter_spend"])]
    sums = shares.groupby(["period", "lens"])["value"].sum()
    assert (sums - 100).abs().max() < 0.05
    assert shares.groupby(["period", "lens"]).size().eq(len(enterprise.VENDOR_GROUPS)).all()


def test_openrouter_chinese_token_share_in_august_2026_matches_the_daily_table(comparison, daily):
    august = daily[(daily["date"] >= "2026-08-01") & (daily["date"] <= "2026-08-31")]
    expected = 100 * august.loc[august["origin"] == "CN", "tokens"].sum() / august["tokens"].sum()
    row = comparison[(comparison["period"] == "2026-08") & (comparison["lens"] == "openrouter_tokens")
                     & (comparison["vendor_group"] == "Chinese labs")]
    assert row["value"].iat[0] == pytest.approx(expected, abs=0.005)


def test_known_enterprise_values_in_the_comparison(comparison):
    def value(period, lens, group):
        hit = comparison[(comparison["period"] == period) & (comparison["lens"] == lens)
                         & (comparison["vendor_group"] == group)]
        assert len(hit) == 1
        return hit["value"].iat[0]

    assert value("2026-08", "vercel_gateway_spend", "Chinese labs") == pytest.approx(12.2)  # Z.ai + Moonshot + DeepSeek
    assert value("2026-08", "ramp_adoption", "Chinese labs") == pytest.approx(0.3)  # DeepSeek only
    assert value("2025", "menlo_api_spend", "Anthropic") == pytest.approx(40.0)
    assert value("2026-01", "ramp_api_spend_two_way", "Anthropic") == pytest.approx(80.0)


def test_the_comparison_is_rebuilt_identically_from_raw_data(comparison, observations, groups):
    from helpers import spend
    daily = read_table(PROCESSED_DIR / "daily_model_tokens.csv", ("date",))
    priced = spend.price_rows(daily, spend.load_prices(RAW_DIR / "prices" / "prices.csv"), spend.DEFAULT_PROMPT_SHARE)
    rebuilt = enterprise.lens_comparison(observations, priced, groups, daily["date"].min(), daily["date"].max())
    pd.testing.assert_frame_equal(rebuilt.reset_index(drop=True), comparison.fillna({"observation_ids": "", "vendors": ""}),
                                  check_dtype=False)


# --- findings --------------------------------------------------------------------------------

def test_findings_quote_the_comparison_table(comparison, lenses):
    lines = enterprise.findings(comparison, lenses)
    chinese = [line for line in lines if line.startswith("Chinese labs, 2026-08:")]
    assert len(chinese) == 1 and "Vercel AI Gateway spend 12.2% (Z.ai; Moonshot AI; DeepSeek)" in chinese[0]
    assert "Ramp adoption 0.3% of businesses (DeepSeek)" in chinese[0]
    assert any(line.startswith("Cross-check:") for line in lines)


def test_findings_never_come_out_empty(comparison, lenses):
    adoption_only = comparison[(comparison["period"] == "2026-04")
                               & comparison["lens"].isin(["ramp_adoption", "openrouter_spend", "openrouter_tokens"])]
    lines = enterprise.findings(adoption_only, lenses)
    assert lines == [line for line in lines if line.startswith("Ramp adoption, 2026-04")] and len(lines) == 1
    assert enterprise.findings(comparison.iloc[0:0], lenses) == [
        "No enterprise figure falls inside this run's dates: nothing to compare."]


def test_lab_points_are_the_other_sources_figures_on_those_labs(comparison, lenses):
    points = enterprise.lab_points(comparison, lenses, ["Anthropic", "OpenAI"])
    assert set(points["vendor_group"]) == {"Anthropic", "OpenAI"}
    assert list(dict.fromkeys(points["vendor_group"])) == ["Anthropic", "OpenAI"]
    assert not (points["source_id"] == enterprise.OPENROUTER_SOURCE_ID).any()
    assert not points["lens"].str.endswith("_two_way").any()
    assert set(points["lens"]) <= set(figures_markers())


def figures_markers():
    from helpers.figures import LENS_MARKERS
    return LENS_MARKERS
