# %% [markdown]
# # 4. OpenRouter beside enterprise spend, adoption and the whole market
#
# **Question.** Critics of the headline say OpenRouter is one router, not the market: enterprise data
# (Ramp's AI Index, Menlo Ventures' surveys) shows Anthropic and OpenAI dominating and Chinese labs near
# zero. How far is OpenRouter's picture of vendor shares from each enterprise source, for the same
# vendors and the same periods, how much of the distance comes from *what* is counted (tokens,
# dollars, businesses) rather than *who* is counted, and where does OpenRouter sit in the whole market?
#
# **Method.** Every enterprise figure is a row of `data/raw/enterprise/observations.csv` with its
# source, URL, publication date and vintage, period, population, unit and evidence level (`primary`:
# read on the publisher's page or a verbatim copy; `secondary`: reported by others or derived from a
# publisher's export by a third party), and a word on where the publisher's own page is. Vendors are
# reduced to eight groups defined once in `data/raw/reference/vendor_groups.csv`: OpenAI, Anthropic,
# Google, xAI, Meta, Mistral, Chinese labs (every developer the origin registry places in China) and
# Other. For each enterprise figure whose period overlaps the dates, OpenRouter's token share (all
# traffic) and estimated spend share (notebook 3's pricing, with its band) are computed over exactly
# that figure's period, reading the raw data outside the dates when the period extends beyond it.
# Within one source a group's share is the sum of its vendors' shares; adoption (businesses paying a
# vendor) is not a share and cannot be summed, so a group takes its largest member's figure. Sources
# list only some vendors, so the tables say which were counted (on Ramp, "Chinese labs" is DeepSeek).

# %% tags=["parameters"]
start_date = "2025-01-01"
end_date = "2026-10-09"
raw_dir = "data/raw"
output_dir = "."

# %%
from helpers import charts, enterprise, market, pipeline, spend, tables
from helpers.findings import enterprise as enterprise_findings
from helpers.findings import market as market_findings

run = pipeline.open_run("04_enterprise_comparison", start_date, end_date, raw_dir, output_dir)
groups = enterprise.load_vendor_groups(run.raw / "reference" / "vendor_groups.csv")
lenses = enterprise.load_lenses(run.raw / "enterprise" / "lenses.csv")
sources = enterprise.load_sources(run.raw / "enterprise" / "sources.csv")
observations = enterprise.load_observations(run.raw / "enterprise" / "observations.csv", lenses, sources, groups)
enterprise.check_share_totals(observations)
lenses_market = market.load_market(run.raw / "market" / "lenses.csv")
priced = spend.with_daily_spend(run.history, run.read("daily_model_spend.csv", ("date",)))
print(
    f"Run: {run.window.label()}; {len(observations)} enterprise observations from {observations['source_id'].nunique()} sources"
)

# %% [markdown]
# ## 1. The enterprise data
#
# One row per source: how many figures, their evidence, lenses and periods. Figures whose period does
# not overlap the dates are listed after it.

# %%
tables.enterprise.sources_table(enterprise.source_summary(observations), sources)

# %%
tables.enterprise.outside_table(enterprise.outside_run(observations, run.window), lenses, sources)

# %% [markdown]
# ## 2. The comparison table
#
# `lens_comparison.csv` holds, for every period with an enterprise figure overlapping the dates, each
# measure's value per vendor group (percent; OpenRouter's spend with `value_low` and `value_high`), with the
# `source_id`, vintage and `observation_ids` that trace it back to `data/raw/enterprise/`.
# `openrouter_period` says which days OpenRouter's value covers and `read_outside_window` whether they
# extend beyond the dates.

# %%
comparison = enterprise.lens_comparison(observations, priced, groups, run.window)
run.write("lens_comparison.csv", comparison)
tables.enterprise.measures_table(comparison, lenses)

# %%
monthly = enterprise.monthly_openrouter_shares(priced, groups, run.window)
run.write("openrouter_monthly_vendor_shares.csv", monthly)

# %% [markdown]
# ## 3. Chinese labs under every measure
#
# When no enterprise figure on Chinese labs overlaps the dates, the nearest one is compared instead,
# over its own period, and the findings say so.

# %%
chinese = enterprise.with_nearest_chinese_labs(comparison, observations, priced, groups, run.window)
run.figure(charts.chinese_labs_by_lens(chinese[0], lenses, sources))

# %%
enterprise.group_table(chinese[0], lenses, sources, "Chinese labs")

# %% [markdown]
# ## 4. Anthropic and OpenAI under the same lenses

# %%
run.figure(
    charts.labs_timeline(
        monthly, enterprise.lab_points(comparison, lenses, ["Anthropic", "OpenAI"]), sources, run.window
    )
)

# %%
enterprise.group_table(comparison, lenses, sources, "Anthropic")

# %%
enterprise.group_table(comparison, lenses, sources, "OpenAI")

# %% [markdown]
# ## 5. How far is OpenRouter from each source?
#
# Each enterprise or gateway share beside OpenRouter's comparable measure for the same group and
# period (tokens for usage and volume lenses, estimated spend for spend lenses). `gap_points` is
# OpenRouter minus the source, in percentage points.

# %%
tables.enterprise.gaps_table(enterprise.gaps_to_openrouter(comparison, lenses), lenses)

# %% [markdown]
# ## 6. A check against OpenRouter's own study
#
# OpenRouter and a16z's *State of AI* study (December 2025) gives Chinese open-weight models a mean of
# 13% of weekly tokens over its year to November 2025, peaking near 30% in some weeks. The same
# statistic from this project's data over the part of that year it covers, counted four ways (the
# study's basis, its exact weeks and its handling of the long tail and stealth models are not stated):

# %%
study_check = market.state_of_ai_check(run.history)
run.write("state_of_ai_check.csv", study_check)
tables.enterprise.state_of_ai_table(study_check)

# %% [markdown]
# ## 7. OpenRouter in the whole market
#
# OpenRouter's Chinese share beside the other public lenses (enterprise spend and adoption, gateways,
# open-weight downloads, chatbot web traffic), each for its own period, population and unit, and how
# large OpenRouter is against the providers that publish their volumes (`data/raw/market/`).

# %%
market_share = market.openrouter_share_of_market(run.history, lenses_market)
run.write("openrouter_market_share.csv", market_share)

# %%
lens_rows = market.chinese_share_lenses(comparison, lenses_market, monthly, lenses, sources)
run.figure(charts.market_lenses(lens_rows, market_share, market_findings.chart_title(lens_rows), run.window))

# %% [markdown]
# ## Discussion: what is counted, and who is counted
#
# - **What is counted.** Tokens reward cheap, high-volume models; dollars reward expensive ones. On
#   OpenRouter alone, moving from tokens to estimated spend cuts the Chinese labs' share sharply in
#   every period, before any other population is involved. Adoption counts businesses, so a $20 seat
#   weighs as much as a large API contract and labs bought through clouds or gateways are invisible;
#   it is not a share and is never compared with one here.
# - **Who is counted.** With the measure held fixed, the populations still differ. Vercel's gateway,
#   the population closest to OpenRouter's (developers using a router), gives Chinese labs a spend
#   share between OpenRouter's and the enterprise sources'. Menlo's enterprise survey and Ramp's
#   adoption put them near zero.
# - **Limits.** Many enterprise figures are secondary, cover a few months only, and each source names
#   a different subset of vendors (Ramp reports six labs; Moonshot, Z.ai, Alibaba and MiniMax are
#   absent, which is not zero). Ramp revises past months (its October 2026 import reverses the order
#   of OpenAI and Anthropic in April 2026). Menlo invests in Anthropic and in OpenRouter; Ramp sells
#   spend-management tools.

# %% [markdown]
# ## Findings

# %%
findings = enterprise_findings.findings(comparison, lenses, sources, observations, run.window, chinese)
study = observations[observations["lens"] == "state_of_ai_tokens"]
run.publish(findings.extended(market_findings.findings(market_share, lens_rows, study_check, study, run.window)))
