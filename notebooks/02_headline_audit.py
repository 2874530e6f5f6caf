# %% [markdown]
# # 2. The headline audit: what did "six consecutive weeks" count?
#
# **Question.** In June 2026 a headline said: *"For six consecutive weeks, Chinese AI models have
# outpaced their American counterparts in total API call volume on OpenRouter."* Which count of
# OpenRouter's data produces the published numbers, and does the claim survive the critics'
# objections (all traffic rather than the top models, paid traffic only, stealth models attributed)?
#
# **The claim.** For the week of 1 to 7 June 2026 it gave: total volume 36.1T tokens (+13.5% on the
# week before; T = trillion), Chinese models 14.19T (+27.49%), US models 3.2T (-24.53%), DeepSeek V4
# Flash first at 3.69T (+19%). The published figures are kept, with their sources, in
# `data/raw/reference/headline_claim.csv`, together with two earlier reports of the same series
# (9-15 February and 9-15 March 2026).
#
# **Method.** From the cleaned daily table of notebook 1, Monday-to-Sunday weekly volumes are built
# under a grid of named counts of "Chinese vs US volume" (defined in `src/helpers/headline.py`):
#
# | count (code name) | what counts as Chinese / US volume |
# |---|---|
# | all traffic (`all_traffic`) | every token of models from Chinese / US labs; the long tail and stealth models count for neither |
# | share of named models (`all_excl_others`) | as all traffic, but shares leave the long tail ("Others") out of the total, as a Metaculus question does |
# | paid traffic only (`all_paid`) | as all traffic, without `:free` variants |
# | stealth attributed (`all_attributed`) | as all traffic, with stealth models moved to the lab a cited source later named |
# | the week's N largest models (`topN_models`, N = 1..50) | the week's N largest models (a `:free` variant ranked as its own entry, as OpenRouter lists it; the `other` row never ranked) |
#
# A count *reproduces* the headline when China, US and total are all within 1% of the published
# levels. Leads and streaks are counted over every complete week of the data, so a streak that began
# before the first day of the dates is measured in full and said to be so. **Requests are not in the
# data**: `rankings-daily` counts tokens only.

# %% tags=["parameters"]
start_date = "2025-01-01"
end_date = "2026-10-09"
raw_dir = "data/raw"
output_dir = "."

# %%
from helpers import charts, headline, pipeline, tables
from helpers.findings import headline as headline_findings

run = pipeline.open_run("02_headline_audit", start_date, end_date, raw_dir, output_dir)
audit = headline.run_audit(run.history, run.window, run.claim)
span = run.headline_span
print(f"{run.window.label()}: {len(audit.run_weeks)} complete week(s)")

# %% [markdown]
# ## 1. Which count reproduces the published figures?
#
# Our numbers for each published week within these dates, under the main counts, and how far each is
# from the published figure (a count reproduces a week when China, the US and the total are all within
# 1%). Then the largest models of the headline's week, with their change on the week before.

# %%
tables.headline.reproduction(headline.reproduction_table(audit), run.claim)

# %%
tables.headline.largest_models(headline.claim_week_models(run.history, audit))

# %% [markdown]
# ## 2. The headline's numbers, week by week
#
# The count that reproduces the published weeks, week by week: who led, China's lead streak, the
# volumes and each one's change on the week before. Shown: the weeks around the headline's six (or the
# last twelve complete weeks); [`headline_weeks.csv`](../../data/processed/headline_weeks.csv) holds
# every complete week.

# %%
weeks = headline.headline_weeks(audit)
run.write("headline_weeks.csv", weeks)
tables.headline.headline_weeks(weeks, span)

# %% [markdown]
# ## 3. Who leads, under each count
#
# For each count, a week counts when Chinese volume is strictly above US volume; a tie, an
# incomplete week or a missing week ends a streak.

# %%
tables.headline.leads(headline.lead_summary(audit))

# %%
run.write("headline_audit.csv", headline.audit_table(audit))
# %%
run.figure(charts.cn_vs_us_weekly(audit, span))

# %%
run.figure(charts.streak_grid(audit, span, headline.KEY_DEFINITIONS))

# %%
run.figure(
    charts.top_models_weekly(headline.weekly_model_ranks(run.history), headline.week_totals(run.history), audit, span)
)

# %%
run.figure(charts.origin_shares(run.read("weekly_origin_tokens.csv", ("week_start",)), run.window, span))

# %% [markdown]
# ## Findings

# %%
run.publish(headline_findings.findings(audit, run.history))

# %% [markdown]
# **Reading.** The headline's numbers are real OpenRouter numbers, but they come from the few
# largest models of the week, a count that magnifies whichever side holds the biggest models, while
# the long tail, stealth models and smaller US models drop out. Whether "six consecutive weeks"
# survives depends on the count: the findings above give the answer for each objection. None of this
# says anything about requests (not in the data), about who serves the tokens (the rankings carry no
# provider), or about the market beyond OpenRouter: notebooks 3 and 4 turn to spend and to
# enterprise data.
#
# *Source: OpenRouter (openrouter.ai/rankings); licensed under CC BY 4.0. Headline figures: see
# `data/raw/reference/headline_claim.csv` for each figure's source.*
