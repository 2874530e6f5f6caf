# %% [markdown]
# # 3. Tokens or dollars: free traffic and estimated spend, checked against OpenRouter's bill
#
# **Question.** Critics of the headline say OpenRouter's rankings count tokens, and tokens are skewed
# by free variants, promotions and very cheap models, while enterprise data counts money. What share
# of the money spent through OpenRouter goes to Chinese and to US models, how does it differ from
# their share of tokens, and how much of each group's volume was free?
#
# **Method.** Each model's daily tokens from notebook 1 are priced at what OpenRouter charged that
# day: the hand-typed table `data/raw/prices/prices.csv` (dated ranges, each with its source), with
# every price that a machine-collected snapshot of OpenRouter's catalogue saw laid over it
# (`data/raw/prices/observed/`: daily prices for late July-August 2026, and the whole catalogue on
# 28 September and 5 October 2026). Two things the rankings do not give are **measured from what
# OpenRouter actually billed** in four archived weeks (22 September-9 October 2026,
# `data/raw/openrouter/billed-usage/`): each model's **prompt share** (prompt tokens over all its
# tokens) and its **billed-to-list ratio** (dollars billed over what its tokens cost at the
# catalogue price: caching and discounts). A model the bill does not hold takes the pooled value of
# its class (prompt share by model class; ratio by origin and price class), with the measured spread
# of that class as its band. Away from the billed weeks each band widens at the rate the ratios
# moved between them. `:free` variants and stealth models cost $0. The **long tail** (every model
# outside the day's top 50, and `:batch` traffic) is priced in total, at the named models' dollars
# per token that day times the multiple the bill measures for it.
#
# **Which dollars a share is of.** Spend shares by origin are of the spend on the **daily top 50**
# models the rankings name, and the token shares set beside them are of the same models' tokens
# (like with like). The long tail's dollars are estimated in total only: its mix of makers is not
# in the data. **Bands** take the billed-to-list ratio and the prompt share at their edges, each
# group's ratio at one edge while the others sit at the other, and the most unpriced models could
# cost; the full charged and list prices (no caching, no discount) are the upper edge.

# %% tags=["parameters"]
start_date = "2025-01-01"
end_date = "2026-10-09"
raw_dir = "data/raw"
output_dir = "."
prompt_share = None  # None: measured and per-class shares; a number from 0 to 1 replaces every central value

# %%
from helpers import charts, enterprise, headline, pipeline, registry, spend, tables
from helpers.findings import spend as spend_findings

run = pipeline.open_run("03_spend_lens", start_date, end_date, raw_dir, output_dir, prompt_share=prompt_share)
pricing = spend.load_pricing(run.raw, run.history, prompt_share)
span = run.headline_span
vendors = enterprise.load_vendor_groups(run.raw / "reference" / "vendor_groups.csv")
tables.spend.pricing_summary(pricing)

# %% [markdown]
# ## 1. What the bill measures
#
# Billed-to-list ratio per origin and price class (the models the bill holds; a model's own ratio
# is used where it is measured), the prompt share per model class, and the long tail's dollars per
# token as a multiple of the named models', window by window:

# %%
tables.spend.ratio_table(pricing.calibration)

# %%
tables.spend.prompt_share_table(pricing.calibration)

# %%
tables.spend.tail_table(pricing.calibration)

# %% [markdown]
# ## 2. Coverage: how much of the paid traffic has a price?
#
# Targets: at least 90% of paid, attributed tokens priced in every week of 2026, 80% in 2025. Days
# priced with a price observed later, and the most the unpriced models could add to a week's spend:

# %%
priced_all = spend.price_rows(run.history, pricing.prices, pricing.shares, calibration=pricing.calibration)
priced = run.window.cut(priced_all)
coverage = spend.weekly_coverage(priced)

# %%
tables.spend.coverage_table(spend.coverage_by_year(coverage))

# %%
unpriced = spend.unpriced_models(priced)
tables.spend.unpriced_table(unpriced)

# %% [markdown]
# ## 3. The estimate against the bill
#
# For every billed week the dates overlap: the estimated dollars (central, and the band) against
# what OpenRouter billed, for the daily top 50 by origin, outside it, and for all token models
# (`spend_against_bill.csv`; a week's seven days are read whole, even beyond the dates). Then the
# steps from the list-price estimate this project published before the check to the bill, one
# cause at a time; the largest models; and the estimate for the first billed week from a
# calibration that never saw it.

# %%
check = spend.check_against_bill(priced_all, run.history, pricing, run.window)
run.write("spend_against_bill.csv", check.comparison)
tables.spend.comparison_table(check)

# %%
tables.spend.steps_table(check)

# %%
tables.spend.largest_table(check)

# %%
tables.spend.holdout_table(check)

# %%
run.figure(charts.spend_against_bill(check, run.window))

# %% [markdown]
# ## 4. Estimated spend by origin group, against token share
#
# `weekly_origin_spend.csv`: per week and origin group, tokens (paid, free, priced), central
# estimated spend, the spend share (0 to 1, of the daily top 50's dollars) with its low and high
# edge, and the spend priced with a price carried back in time; the long tail's row holds its
# estimated dollars and no share. `daily_model_spend.csv` holds the per-model daily estimate under
# every scenario of the band, for every day of the data (notebook 4 reads it).

# %%
run.write("daily_model_spend.csv", spend.daily_spend_table(priced_all))
weekly = spend.weekly_origin_spend(priced)
run.write("weekly_origin_spend.csv", weekly)

# %% [markdown]
# Token and spend shares of the daily top 50 (percent, spend with its band) by origin group in the
# last complete month of the dates (or over the days when they hold no complete month):

# %%
period_start, period_end, period = spend.reference_period(run.window, priced)
tables.spend.period_table(spend.period_bands(priced, period_start, period_end, "origin", spend.ORIGIN_GROUPS), period)

# %%
titles = spend_findings.chart_titles(run.window, priced)
run.figure(
    charts.spend_vs_token_share(
        weekly,
        spend.weekly_token_shares(priced),
        run.window,
        span,
        spend.promotions(pricing.hand_prices),
        titles["spend"],
    )
)

# %%
run.figure(charts.free_share_by_origin(weekly, run.window, span, titles["free"]))

# %% [markdown]
# ## 5. How much of each vendor's share rests on prices carried back in time
#
# Per month of 2026 (inside the dates) and vendor group: points of the month's spend share priced with
# a price observed only later (carried back to days before it was seen).

# %%
vendor = enterprise.openrouter_vendor_group(priced, vendors)
carried = spend.carried_back_points(priced, vendor, 2026)
tables.spend.carried_table(carried)

# %% [markdown]
# ## 6. The headline's comparison redone in dollars
#
# The same streak rule as notebook 2 (complete, consecutive weeks; a tie is not a lead), applied to
# central estimated spend instead of tokens.

# %%
dollar_streaks = spend.dollar_streaks(priced_all, run.history)
tables.spend.last_weeks_table(spend.last_weeks(dollar_streaks, run.window))

# %% [markdown]
# ## 7. How the answer moves with the assumptions
#
# In the reference period: the Chinese and US share of central spend if every model had one prompt
# share, and with and without what the bill measures.

# %%
period_rows = run.history[(run.history["date"] >= period_start) & (run.history["date"] <= period_end)]
spend.prompt_share_sensitivity(period_rows, pricing.prices, pricing.shares, pricing.calibration)

# %%
spend.calibration_sensitivity(period_rows, pricing)

# %% [markdown]
# ## 8. Checks against independent estimates
#
# Every published figure of OpenRouter spend found (`data/raw/prices/spend_checks.csv`) beside this
# project's band for the same lab and period (shares in percent; yearly spend in USD).

# %%
checks = spend.compare_with_checks(
    priced_all,
    spend.load_spend_checks(run.raw / "prices" / "spend_checks.csv"),
    registry.organisation_names(run.raw / "reference"),
)
tables.spend.checks_table(checks)

# %%
tables.spend.annual_checks_table(checks)

# %% [markdown]
# ## Findings

# %%
run.publish(
    spend_findings.findings(
        run.window,
        priced,
        coverage,
        dollar_streaks,
        unpriced,
        carried,
        checks,
        headline.claim_week(run.claim),
        check,
        pricing,
    )
)

# %% [markdown]
# **Reading.** Measured in money rather than tokens, OpenRouter looks very different: a token of a
# Chinese model is priced at a fraction of a token of a US frontier model, so a lead in tokens need
# not be a lead in dollars. Checked against what OpenRouter billed, list prices overstate its
# revenue several times over (caching and discounts), for Chinese and US models alike; the bill
# also shows how much money sits outside the daily top 50. The bands say how far the estimate could
# move away from the billed weeks.
#
# *Sources: OpenRouter (openrouter.ai/rankings), CC BY 4.0; billed usage from OpenRouter's rankings
# pages as archived by pickmiu/llm-market-data; prices from OpenRouter's model catalogue and the
# sources cited per row in `data/raw/prices/`; prompt-share evidence in `data/raw/assumptions/`.*
