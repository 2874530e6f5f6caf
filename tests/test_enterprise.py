"""Enterprise comparison: the raw enterprise data's schema, vendor grouping, period alignment and
facts about the committed lens comparison table."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import enterprise
from helpers.dates import Window
from helpers.errors import RawDataError
from helpers.findings import enterprise as enterprise_findings
from helpers.paths import PROCESSED_DIR, RAW_DIR
from helpers.pipeline import read_table, write_table
from helpers.registry import load_registry
from helpers.spend import SPEND_SCENARIO_COLUMNS

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


# --- schema of the shipped enterprise data ---------------------------------------------------


def test_every_observation_has_a_url_dates_a_unit_and_a_word_on_its_primary_source(observations):
    assert observations["url"].str.match(r"https?://\S+$").all()
    assert observations[["published", "vintage", "period_start", "period_end"]].notna().all().all()
    assert set(observations["unit"]) <= set(enterprise.UNITS)
    assert set(observations["evidence"]) <= {"primary", "secondary"}
    assert (observations["period_end"] >= observations["period_start"]).all()
    assert (observations["primary_status"].str.len() > 20).all()


def test_shares_lie_within_0_and_100_and_never_sum_past_100(observations):
    percent = observations[observations["unit"] != enterprise.RANK_UNIT]
    assert percent["value"].between(0, 100).all()
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


def test_both_vintages_of_ramps_april_2026_are_kept(observations):
    april = observations[(observations["period_start"] == "2026-04-01") & (observations["lens"] == "ramp_adoption")]
    first = april[april["unit"] == enterprise.ADOPTION_UNIT].set_index("vendor")
    assert first["value"].to_dict() == {"Anthropic": 34.4, "OpenAI": 32.3}
    assert set(first["vintage"].dt.strftime("%Y-%m-%d")) == {"2026-05-13"}
    revised = april[april["unit"] == enterprise.RANK_UNIT].set_index("vendor")
    assert revised["value"].to_dict() == {"OpenAI": 1, "Anthropic": 2}
    assert set(revised["vintage"].dt.strftime("%Y-%m-%d")) == {"2026-10-07"}


def test_new_sources_and_recoded_points_are_in_the_data(observations):
    vercel = observations[
        (observations["source_id"] == "vercel_ai_gateway_index_2026_05")
        & (observations["lens"] == "vercel_gateway_spend")
        & (observations["period_start"] == "2026-04-01")
    ].set_index("vendor")["value"]
    assert vercel.to_dict() == {"Anthropic": 61, "Google": 21, "OpenAI": 12}
    assert (observations["lens"] == "state_of_ai_tokens").sum() == 1
    menlo = observations[
        (observations["source_id"] == "menlo_2025_12")
        & (observations["vendor"] == "Anthropic")
        & (observations["period_start"].dt.year == 2025)
    ]
    assert menlo["period_kind"].tolist() == ["point"] and menlo["period_end"].dt.strftime("%Y-%m-%d").tolist() == [
        "2025-11-25"
    ]
    assert "pulse.bot" in observations.set_index("observation_id").loc["ent062", "url"]


@pytest.mark.parametrize(
    "column, bad, message",
    [
        ("url", "", "column url: every observation needs a URL"),
        ("published", "", "column published: must be a YYYY-MM-DD date"),
        ("value", "16.7%", "column value: must be a number"),
        ("value", "120", "column value: must be a number"),
        ("unit", "percent", "column unit: must be one of"),
        ("vendor", "Acme AI", "column vendor:.*not in vendor_groups.csv"),
        ("primary_status", "", "column primary_status"),
    ],
)
def test_bad_enterprise_rows_are_refused_naming_the_line(tmp_path, lenses, sources, groups, column, bad, message):
    table = pd.read_csv(ENTERPRISE / "observations.csv", dtype=str, keep_default_na=False)
    table.loc[4, column] = bad
    path = tmp_path / "observations.csv"
    table.to_csv(path, index=False)
    with pytest.raises(RawDataError, match=message) as caught:
        enterprise.load_observations(path, lenses, sources, groups)
    assert ": line 6, " in str(caught.value)  # row index 4 is line 6 of the file (after the header)


def test_a_duplicate_vendor_group_key_is_refused(tmp_path):
    table = pd.read_csv(GROUPS_PATH, dtype=str, keep_default_na=False)
    path = tmp_path / "vendor_groups.csv"
    pd.concat([table, table.iloc[[0]]]).to_csv(path, index=False)
    with pytest.raises(RawDataError, match="duplicate"):
        enterprise.load_vendor_groups(path)


# --- vendor grouping -------------------------------------------------------------------------


def test_openrouter_rows_fall_into_the_shared_vendor_groups(groups):
    rows = pd.DataFrame(
        {
            "author": [
                "openai",
                "anthropic",
                "google",
                "x-ai",
                "meta-llama",
                "mistralai",
                "deepseek",
                "qwen",
                "openrouter",
                "other",
                "nvidia",
            ],
            "origin": ["US", "US", "US", "US", "US", "EU", "CN", "CN", "UNDISCLOSED", "LONG_TAIL", "US"],
        }
    )
    assert enterprise.openrouter_vendor_group(rows, groups).tolist() == [
        "OpenAI",
        "Anthropic",
        "Google",
        "xAI",
        "Meta",
        "Mistral",
        "Chinese labs",
        "Chinese labs",
        "Other",
        "Other",
        "Other",
    ]


def test_every_chinese_author_in_the_registry_counts_as_chinese_labs(groups):
    authors = load_registry().authors
    grouped = enterprise.openrouter_vendor_group(authors, groups)
    assert (grouped[authors["origin"] == "CN"] == "Chinese labs").all()
    assert not (grouped[authors["origin"] != "CN"] == "Chinese labs").any()


def test_shares_are_summed_but_adoption_takes_the_largest_member():
    rows = pd.DataFrame(
        {
            "observation_id": ["a", "b", "c", "d"],
            "source_id": "s",
            "lens": ["gw", "gw", "adopt", "adopt"],
            "period_start": pd.Timestamp("2026-08-01"),
            "period_end": pd.Timestamp("2026-08-31"),
            "vintage": pd.Timestamp("2026-09-01"),
            "evidence": "primary",
            "unit": [enterprise.SHARE_UNIT, enterprise.SHARE_UNIT, enterprise.ADOPTION_UNIT, enterprise.ADOPTION_UNIT],
            "vendor": ["DeepSeek", "Z.ai", "DeepSeek", "Moonshot AI"],
            "vendor_group": "Chinese labs",
            "value": [2.9, 4.8, 0.3, 0.5],
        }
    )
    grouped = enterprise.group_observations(rows).set_index("lens")
    assert grouped.loc["gw", "value"] == pytest.approx(7.7)
    assert grouped.loc["adopt", "value"] == pytest.approx(0.5)
    assert grouped.loc["gw", "observation_ids"] == "a b"
    assert grouped.loc["adopt", "vendors"] == "DeepSeek; Moonshot AI"


# --- period alignment ------------------------------------------------------------------------


def test_period_labels_name_months_quarters_years_and_other_spans():
    start = pd.to_datetime(pd.Series(["2026-08-01", "2026-04-01", "2025-01-01", "2025-06-30"]))
    end = pd.to_datetime(pd.Series(["2026-08-31", "2026-06-30", "2025-12-31", "2025-07-10"]))
    assert enterprise.period_label(start, end).tolist() == ["August 2026", "Q2 2026", "2025", "30 June-10 July 2025"]


def test_periods_that_overlap_the_run_count_and_are_read_whole(observations, priced, groups):
    """The headline's six weeks: Ramp's April 2026 and Q2 2026 figures overlap them."""
    window = Window("2026-04-27", "2026-06-07")
    table = enterprise.lens_comparison(observations, priced, groups, window)
    periods = set(table["period"])
    starts = table.drop_duplicates("period").set_index("period")["period_start"]
    ends = table.drop_duplicates("period").set_index("period")["period_end"]
    assert (starts <= window.end).all() and (ends >= window.start).all()  # every period overlaps the six weeks
    assert {"April 2026", "Q2 2026"} <= periods
    april = table[(table["period"] == "April 2026") & (table["source_id"] == enterprise.OPENROUTER_SOURCE_ID)]
    assert april["read_outside_window"].all() and april["openrouter_period"].iat[0] == "2026-04-01..2026-04-30"
    found = enterprise_findings.findings(
        table,
        enterprise.load_lenses(ENTERPRISE / "lenses.csv"),
        enterprise.load_sources(ENTERPRISE / "sources.csv"),
        observations,
        window,
    )
    assert any("reading its rankings outside them" in f.text for f in found.items)


def test_a_run_no_figure_overlaps_names_the_nearest(observations, priced, groups, lenses, sources):
    window = Window("2026-09-28", "2026-10-06")
    table = enterprise.lens_comparison(observations, priced, groups, window)
    assert table.empty
    text = enterprise_findings.findings(table, lenses, sources, observations, window).items[0].text
    assert text.startswith("No business figure's period falls within these dates. The nearest is")


def test_openrouter_shares_cover_exactly_the_period_asked(groups):
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-07-31", "2026-08-01", "2026-08-01", "2026-08-31", "2026-09-01"]),
            "author": ["deepseek", "deepseek", "openai", "anthropic", "anthropic"],
            "origin": ["CN", "CN", "US", "US", "US"],
            "tokens": [1000, 600, 300, 100, 5000],
        }
    )
    spend_columns = {c: [1.0, 1.0, 3.0, 6.0, 100.0] for c in SPEND_SCENARIO_COLUMNS}
    rows = rows.assign(**spend_columns, unpriced_max_usd=0.0)
    shares = enterprise.openrouter_shares(rows, groups, pd.Timestamp("2026-08-01"), pd.Timestamp("2026-08-31"))
    shares = shares.set_index(["lens", "vendor_group"])["value"]
    assert shares[("openrouter_tokens", "Chinese labs")] == pytest.approx(60.0)
    assert shares[("openrouter_spend", "Anthropic")] == pytest.approx(60.0)
    assert shares[("openrouter_spend_two_way", "Anthropic")] == pytest.approx(100 * 6 / 9)
    assert shares.xs("openrouter_tokens").sum() == pytest.approx(100.0)


# --- the committed comparison table ----------------------------------------------------------


def test_comparison_table_has_its_columns_and_groups(comparison):
    assert list(comparison.columns) == enterprise.COMPARISON_COLUMNS
    assert set(comparison["vendor_group"]) <= set(enterprise.VENDOR_GROUPS)
    assert {"vercel_gateway_spend", "vercel_gateway_tokens", "state_of_ai_tokens"} <= set(comparison["lens"])


def test_every_enterprise_number_traces_to_a_raw_row(comparison, observations):
    rows = comparison[comparison["source_id"] != enterprise.OPENROUTER_SOURCE_ID]
    ids = rows["observation_ids"].str.split().explode()
    assert set(ids) <= set(observations["observation_id"])
    by_id = observations.set_index("observation_id")
    singles = rows[~rows["observation_ids"].str.contains(" ")]
    assert (singles["value"].to_numpy() == by_id.loc[singles["observation_ids"], "value"].to_numpy()).all()


def test_openrouter_shares_sum_to_100_and_bands_hold_their_centre(comparison):
    shares = comparison[comparison["lens"].isin(["openrouter_tokens", "openrouter_spend"])]
    sums = shares.groupby(["period", "lens"])["value"].sum()
    assert (sums - 100).abs().max() < 0.05
    assert (shares["value_low"] <= shares["value"] + 0.01).all() and (
        shares["value"] <= shares["value_high"] + 0.01
    ).all()


def test_openrouter_chinese_token_share_in_august_2026_matches_the_daily_table(comparison, history):
    august = history[(history["date"] >= "2026-08-01") & (history["date"] <= "2026-08-31")]
    expected = 100 * august.loc[august["origin"] == "CN", "tokens"].sum() / august["tokens"].sum()
    row = comparison[
        (comparison["period"] == "August 2026")
        & (comparison["lens"] == "openrouter_tokens")
        & (comparison["vendor_group"] == "Chinese labs")
    ]
    assert row["value"].iat[0] == pytest.approx(expected, abs=0.01)


def test_known_enterprise_values_in_the_comparison(comparison):
    key = comparison.set_index(["period", "lens", "vendor_group"])["value"]
    assert key[("January 2026", "ramp_adoption", "Anthropic")] == 19.5
    assert key[("August 2026", "vercel_gateway_spend", "Chinese labs")] == pytest.approx(12.2)
    assert key[("August 2026", "ramp_adoption", "Chinese labs")] == 0.3
    assert key[("April 2026", "vercel_gateway_spend", "Anthropic")] == 61


def test_the_comparison_is_rebuilt_identically_from_raw_data(observations, groups, priced, tmp_path):
    rebuilt = enterprise.lens_comparison(observations, priced, groups, Window("2025-01-01", "2026-10-09"))
    written = write_table(rebuilt, tmp_path / "lens_comparison.csv")
    assert written.read_bytes() == (PROCESSED_DIR / "lens_comparison.csv").read_bytes()


def test_findings_and_tables_quote_the_comparison(comparison, lenses, sources, observations):
    found = enterprise_findings.findings(comparison, lenses, sources, observations, Window("2025-01-01", "2026-10-09"))
    text = " ".join(f.text for f in found.items)
    assert (
        "in August 2026, Chinese labs had 31% (19-49%) of OpenRouter's estimated spend on its daily top 50 against "
        "12.2% of the spend through Vercel's AI Gateway" in text
    )
    answer = next(f.text for f in found.items if f.key == "answer")
    assert answer.startswith(
        "No: compared with what businesses buy, OpenRouter's traffic gives a larger share to Chinese labs and a "
        "smaller share to Anthropic"
    )
    assert "_" not in text.replace("data/raw", "")
    table = found.tables["Chinese labs under each measure"]
    assert {"period", "measure", "value", "source", "evidence", "vendors counted"} == set(table[0])


def test_where_the_business_measures_disagree_the_answer_shows_each(observations, groups, priced, lenses, sources):
    """For 1-7 June 2026, Ramp's token spend on Anthropic (64.9%) falls inside OpenRouter's spend band and
    Ramp's token volume (52.5%) far above OpenRouter's token share. With no other group measured for
    those dates, the answer says the measures disagree (never that they all fall inside) and quotes both,
    not only the one that agrees."""
    window = Window("2026-06-01", "2026-06-07")
    comparison = enterprise.lens_comparison(observations, priced, groups, window)
    found = enterprise_findings.findings(comparison, lenses, sources, observations, window)
    answer = next(f.text for f in found.items if f.key == "answer")
    assert answer.startswith("Not clearly: the business measures disagree on Anthropic.")
    assert "against 64.9% of the API token spend of US businesses on Ramp (Q2 2026)" in answer
    assert "of OpenRouter's tokens against 52.5% of the API tokens of US businesses on Ramp (Q2 2026)" in answer


def test_the_answer_notes_an_outside_period_only_for_a_figure_it_quotes(observations, groups, priced, lenses, sources):
    """24 December 2025-10 January 2026: no business figure of spend or tokens on Chinese labs is near
    enough to quote, so neither the answer nor the Chinese-labs finding speaks of "that period"."""
    window = Window("2025-12-24", "2026-01-10")
    comparison = enterprise.lens_comparison(observations, priced, groups, window)
    chinese = enterprise.with_nearest_chinese_labs(comparison, observations, priced, groups, window)
    found = enterprise_findings.findings(comparison, lenses, sources, observations, window, chinese)
    answer = next(f.text for f in found.items if f.key == "answer")
    assert "Chinese labs" not in answer
    lead = next(f.text for f in found.items if f.key == "chinese_labs")
    assert lead.startswith("No business measure of spend or tokens") and "That period" not in lead


def test_lab_points_are_the_other_sources_figures_on_those_labs(comparison, lenses):
    points = enterprise.lab_points(comparison, lenses, ["Anthropic", "OpenAI"])
    assert set(points["vendor_group"]) == {"Anthropic", "OpenAI"}
    assert not (points["source_id"] == enterprise.OPENROUTER_SOURCE_ID).any()
    assert not points["lens"].str.endswith("_two_way").any() and not (points["unit"] == enterprise.RANK_UNIT).any()
