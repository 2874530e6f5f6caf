# %% [markdown]
# # 5. Every published claim, checked
#
# **Question.** The June 2026 headline is one of many figures drawn from OpenRouter's rankings: the
# same weekly press series' other weeks, week-on-week changes and "N consecutive weeks", single
# models' tokens and ranks, lab shares, Chinese labs against Anthropic and OpenAI, Our World in
# Data's count of Chinese models in the daily top 50, open-weight shares, estimated spend. Which
# count produced each of them, and does it hold?
#
# **Method.** Each published figure is a row of the claims ledger
# (`data/raw/reference/claims/claims.csv`): its page, publisher, date, period, the quoted words,
# whether the page is the primary publication or a relay, and the definition the project checks it
# with (a stable id, with the models or tokens it counts and whose figure it is; the folder's
# `README.md` lists them). The project computes each figure over the claim's own period from the
# cleaned daily rankings (notebook 1) and, for spend, from notebook 3's estimate, never re-priced.
#
# | status | rule |
# |---|---|
# | reproduced | token counts within 1% of the published figure, percentages within 1 point, streaks, ranks and model counts exactly (a count over a month: the mean per day, rounded) |
# | close | within 5% or 3 points: published figures are rounded ("2.7 trillion" spans 2%) or hedged ("about", "nearly"), so a gap this size says the count is near, not the same |
# | not reproduced | further apart; the reason where the data can tell (a slipped decimal point, the count of models that does give the figure, another denominator, the spend estimate's band) |
# | cannot be checked with licensed data | no period given, days outside the data, or a figure the rankings do not hold (model sizes, the 100 largest models, an unstated set of models) |
#
# Over any dates, the claims whose period lies inside them are checked, and the page says how many
# it leaves out.
# Requests are not in the data: "API calls" in the press are read as tokens, as notebook 2 shows
# they were.

# %% tags=["parameters"]
start_date = "2025-01-01"
end_date = "2026-10-09"
raw_dir = "data/raw"
output_dir = "."

# %%
from helpers import charts, claims, pipeline, tables
from helpers.findings import claims as claims_findings

run = pipeline.open_run("05_claims_checked", start_date, end_date, raw_dir, output_dir)
ledger = claims.load_ledger(claims.ledger_path(run.raw))
data = claims.claim_data(run.history, run.read("daily_model_spend.csv", ("date",)))
print(
    f"Dates: {run.window.label()}; the ledger holds {len(ledger)} claims from {ledger['publisher'].nunique()} "
    f"publishers ({(ledger['evidence'] == 'primary').sum()} primary, {(ledger['evidence'] == 'relay').sum()} relays)"
)

# %% [markdown]
# ## 1. Each claim, checked
#
# The project's value under the claim's definition and period, the difference (in the claim's unit,
# and relative to the published figure) and the verdict with its reason. `claims_checked.csv` holds
# the same table with every column.

# %%
checked = claims.check_claims(ledger, data, run.window)
run.write("claims_checked.csv", checked)
tables.claims.tally(checked)

# %%
tables.claims.claims_table(checked)

# %% [markdown]
# ## 2. Models in the daily top 50, by origin
#
# Our World in Data counted China-based companies' models among the 50 models OpenRouter names each
# day. The same count for every origin group and every day of the dates (`top50_models_by_origin.csv`):

# %%
top50 = claims.daily_top50_counts(run.daily)
run.write("top50_models_by_origin.csv", top50)
run.figure(charts.top50_models_by_origin(top50, run.window, claims_findings.chart_title(top50, run.window)))

# %% [markdown]
# ## Findings

# %%
run.publish(claims_findings.findings(checked, ledger, top50, run.window))

# %% [markdown]
# **Reading.** Most figures in circulation are OpenRouter's own numbers under a definition their
# publishers rarely state: the weekly press series counts the week's nine largest models, analysts
# take shares of all tokens, of the named models or of two or three labs only, and spend shares
# depend on the price assumptions behind them. Where a figure fails, the table says whether it is a
# relay's slip, another cut-off, another denominator or an estimate's band; where it cannot be
# checked, it says what is missing. None of this measures requests, providers or the market beyond
# OpenRouter (notebooks 2 to 4).
#
# *Source: OpenRouter (openrouter.ai/rankings); licensed under CC BY 4.0. Each claim's source is
# the page in its `url` column of `data/raw/reference/claims/claims.csv`.*
