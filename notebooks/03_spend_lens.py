# %% [markdown]
# # 3. The spend lens: tokens, free traffic and estimated dollars
#
# **Question.** Critics of the headline say OpenRouter's rankings count tokens, and tokens are skewed
# by free variants, promotions and very cheap models, while enterprise data counts money. What share
# of OpenRouter's *estimated spend* goes to Chinese and to US models, how does it differ from their
# token share, and how much of each group's volume was free?
#
# **Method.** Each model's daily tokens from notebook 1 are priced twice: at the price OpenRouter
# charged that day (promotions and permanent reductions included; the central estimate) and at the
# lab's list price (`data/raw/prices/prices.csv`: USD per million prompt and completion tokens, each
# row valid over a documented date range, with its source). `:free` variants and stealth models cost
# $0; the long tail (`other`) cannot be priced and stays out of the spend totals. A price observed
# later is applied back only to the last documented price change, and such days are flagged. The
# rankings give total tokens only, so prompt and completion prices are blended with a **prompt
# share** per model class (`data/raw/assumptions/prompt_share.csv`: coding models 0.935, others 0.9,
# roleplay fine-tunes 0.84, each with a range and its sources). Every spend share is a **band**: its
# edges take the list price instead of the charged one, the prompt-share range, and the most an
# unpriced model could cost. These are estimates from published prices, not invoices: caching,
# bulk discounts and bring-your-own-key traffic are not in the data.

# %% tags=["parameters"]
start_date = "2025-01-01"
end_date = "2026-10-06"
raw_dir = "data/raw"
output_dir = "."
prompt_share = None  # None: the per-class table; a number from 0 to 1 replaces every central value

# %%
from helpers import charts, enterprise, headline, pipeline, registry, spend

run = pipeline.open_run("03_spend_lens", start_date, end_date, raw_dir, output_dir, prompt_share=prompt_share)
prices = spend.load_prices(run.raw / "prices" / "prices.csv")
shares = spend.load_prompt_shares(run.raw / "assumptions", prompt_share)
span = run.headline_span
vendors = enterprise.load_vendor_groups(run.raw / "reference" / "vendor_groups.csv")
print(f"Run: {run.window.label()}; {len(prices)} price rows for {prices['model_permaslug'].nunique()} models")
shares.shares[["model_class", "prompt_share_central", "prompt_share_low", "prompt_share_high", "evidence"]]

# %% [markdown]
# ## 1. Coverage: how much of the paid traffic has a price?
#
# Targets: at least 90% of paid, attributed tokens priced in every week of 2026, 80% in 2025. Days
# priced with a price observed later, and the most the unpriced models could add to a week's spend:

# %%
priced_all = spend.price_rows(run.history, prices, shares)
priced = run.window.cut(priced_all)
coverage = spend.weekly_coverage(priced)

# %%
spend.coverage_by_year(coverage)

# %%
unpriced = spend.unpriced_models(priced)
unpriced.head(8).round(2)

# %% [markdown]
# ## 2. Estimated spend by origin group, against token share
#
# `weekly_origin_spend.csv`: per week and origin group, tokens (paid, free, priced), central
# estimated spend, the spend share (0 to 1) with its low and high edge, and the spend priced with a
# price carried back in time. `daily_model_spend.csv` holds the per-model daily estimate under every
# scenario of the band, for every day of the data (notebook 4 reads it).

# %%
run.write("daily_model_spend.csv", spend.daily_spend_table(priced_all))
weekly = run.write("weekly_origin_spend.csv", spend.weekly_origin_spend(priced))

# %% [markdown]
# Token and spend shares (percent, spend with its band) by origin group in the run's last complete
# month (or over its days when it holds no complete month):

# %%
period_start, period_end, period = spend.reference_period(run.window, priced)
spend.period_bands(priced, period_start, period_end, "origin", spend.ORIGIN_GROUPS).round(1).rename_axis(period)

# %%
titles = spend.chart_titles(run.window, priced)
tokens = run.read("weekly_origin_tokens.csv", ("week_start",))
run.figure(charts.spend_vs_token_share(weekly, tokens, run.window, span, spend.promotions(prices), titles["spend"]))

# %%
run.figure(charts.free_share_by_origin(weekly, run.window, span, titles["free"]))

# %% [markdown]
# ## 3. How much of each vendor's share rests on prices carried back in time
#
# Per month of 2026 (inside the run) and vendor group: points of the month's spend share priced with
# a price observed only later (carried back to days before it was seen).

# %%
vendor = enterprise.openrouter_vendor_group(priced, vendors)
carried = spend.carried_back_points(priced, vendor, 2026)
carried

# %% [markdown]
# ## 4. The headline's comparison redone in dollars
#
# The same streak rule as notebook 2 (complete, consecutive weeks; a tie is not a lead), applied to
# central estimated spend instead of tokens.

# %%
dollar_streaks = spend.dollar_streaks(priced_all, run.history)
spend.last_weeks(dollar_streaks, run.window)

# %% [markdown]
# ## 5. How the answer moves with the assumptions
#
# In the reference period: the Chinese and US share of central spend if every model had one prompt
# share, and if caching cut every prompt price (cached prompt tokens cost 10% to 25% of the prompt
# price, and gateways report hit rates from 10% to 77%; see `data/raw/assumptions/README.md`).

# %%
period_rows = run.history[(run.history["date"] >= period_start) & (run.history["date"] <= period_end)]
spend.prompt_share_sensitivity(period_rows, prices, shares)

# %%
spend.caching_sensitivity(period_rows, prices, shares)

# %% [markdown]
# ## 6. Checks against independent estimates
#
# Every published figure of OpenRouter spend found (`data/raw/prices/spend_checks.csv`) beside this
# project's band for the same lab and period (shares in percent; yearly spend in USD).

# %%
checks = spend.compare_with_checks(
    priced_all,
    spend.load_spend_checks(run.raw / "prices" / "spend_checks.csv"),
    registry.organisation_names(run.raw / "reference"),
)
checks.round(1)

# %% [markdown]
# ## Findings

# %%
run.publish(
    spend.findings(
        run.window, priced, coverage, dollar_streaks, unpriced, carried, checks, headline.claim_week(run.claim)
    )
)

# %% [markdown]
# **Reading.** Measured in money rather than tokens, OpenRouter looks very different: a token of a
# Chinese model is priced at a fraction of a token of a US frontier model, so a lead in tokens need
# not be a lead in dollars. The band says how far the estimate could move with what is not known
# (the price actually paid, the split of prompt and completion tokens, unpriced models); prices
# carried back in time are counted above, month by month.
#
# *Sources: OpenRouter (openrouter.ai/rankings), CC BY 4.0; prices from OpenRouter's model catalog and
# the sources cited per row in `data/raw/prices/prices.csv`; prompt-share evidence in
# `data/raw/assumptions/`.*
