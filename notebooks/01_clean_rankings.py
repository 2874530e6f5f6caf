# %% [markdown]
# # 1. From raw OpenRouter rankings to cleaned, classified tables
#
# **Question.** Before anyone can say whether "Chinese models outpaced American ones on OpenRouter",
# every token in OpenRouter's published rankings has to be counted once, checked, and assigned to the
# country group of the lab that made the model. This notebook is the methods section for that step.
#
# **Data.** OpenRouter's official `rankings-daily` dataset (Data API, schema v1, CC BY 4.0): for every
# UTC day, the 50 public models with the most tokens (prompt + completion, each provider's own
# tokenizer), one row each, plus one `other` row that sums every model outside that day's top 50.
# Variants such as `:free` are separate rows. The rows count **tokens, not requests**.
#
# **Method.** (1) verify every raw file against its manifest checksum; (2) validate the rows (schema,
# duplicates, whole non-negative tokens, missing days, days that do not look daily); (3) reconcile
# each vintage of the data with the totals that describe it, and list the days a later vintage
# restated; (4) classify every row by the origin registry in `data/raw/reference/`; (5) write the
# cleaned daily table (every day of the raw data, so later steps can look back before the first
# day of the dates) and the weekly and data-quality tables for the dates.

# %% tags=["parameters"]
start_date = "2025-01-01"
end_date = "2026-10-09"
raw_dir = "data/raw"
output_dir = "."

# %%
import pandas as pd

from helpers import charts, clean, pipeline, tables
from helpers.findings import rankings as rankings_findings

pd.set_option("display.width", 120)
run = pipeline.open_run("01_clean_rankings", start_date, end_date, raw_dir, output_dir)
print(f"Run: {run.window.label()}; data version {run.provenance.data_version}")

# %% [markdown]
# ## Step 1. Provenance: every raw file matches its manifest
#
# Each folder under `data/raw/` has a `MANIFEST.json` with source, licence, attribution, how and when
# the files were obtained, and per file the date range, row count and sha256. The run stopped before
# this cell, naming the file, if any byte of any raw file had changed. The rankings vintages:

# %%
print(run.provenance.attribution)
tables.rankings.vintages_table(run.vintages)

# %% [markdown]
# ## Step 2. Validation and reconciliation
#
# Each file is parsed with every field as text, then checked: header, ISO dates inside the file's
# declared range, well-formed permaslugs, `total_tokens` a whole non-negative number, no duplicate
# (date, model) pair, exactly one `other` row per day, and no day that looks like a multi-day bucket
# (OpenRouter briefly served weekly buckets in July 2026). Each vintage is then reconciled with the
# totals that describe it: the archive's own per-day sums must equal ours to the token. When a later
# vintage holds a day again with different numbers (a restatement), the latest is used for that whole
# day and the change is listed.

# %%
data = run.clean_rankings()
tables.rankings.reconciliation_table(data.reconciliation)

# %%
tables.rankings.validation_summary(data, run.window)

# %% [markdown]
# ## Step 3. Classification by origin
#
# Origin is keyed on the author slug (the part of the permaslug before `/`): OpenRouter publishes no
# developer country. `authors.csv` maps each author to its organisation, headquarters country and
# origin group (`CN`, `US`, `EU`, `ROW`, `UNDISCLOSED`, and `LONG_TAIL` for the `other` row), with a
# source per row. `model_overrides.csv` marks stealth models (and the lab a source later named:
# `attributed_origin`) and derivatives of another country's base model (`base_origin`);
# `model_open_weight.csv` settles open weights where an author's policy is mixed. An author missing
# from the registry stops the run with its name. Tokens by origin within the dates (trillions and
# percent):

# %%
tables.rankings.tokens_by_group(run.window.cut(data.classified))

# %%
tables.rankings.tokens_by_group(run.window.cut(data.classified), "open_weight")

# %%
tables.rankings.variant_share(run.window.cut(data.classified))

# %% [markdown]
# ## Step 4. Cleaned tables and data quality
#
# `daily_model_tokens.csv` holds one row per day and model (every day of the raw data) with its
# author, variant, origin, open-weight status and tokens. `weekly_origin_tokens.csv` sums the dates'
# Monday-to-Sunday weeks by origin group; `share` is of all tokens that week (0 to 1), long tail
# included; `observed_days` counts the days observed, so a partial week is visible. `data_quality_weekly.csv`
# flags partial weeks, missing and restated days; `restated_days.csv` lists every restated day.

# %%
run.write("daily_model_tokens.csv", clean.daily_model_tokens(data.classified))
run.write("restated_days.csv", data.restated)
tables.rankings.restated_table(run.window.cut(data.restated))

# %%
weekly, quality = clean.weekly_tables(data, run.window)
run.write("weekly_origin_tokens.csv", weekly)
run.write("data_quality_weekly.csv", quality)

# %%
tables.rankings.flagged_weeks(quality)

# %%
tables.rankings.weekly_share_ranges(quality)

# %%
run.figure(charts.weekly_tokens_by_origin(weekly, run.window, run.headline_span))

# %% [markdown]
# ## Findings
#
# Computed from the tables above, so they stay true when the notebook is rerun on other dates.

# %%
run.publish(rankings_findings.findings(data, run.window, weekly, quality))

# %% [markdown]
# The long tail and the stealth models are large enough to matter: any comparison of Chinese and US
# volume has to say where they went. The next notebook (`02_headline_audit`) takes these tables and
# tests the June 2026 headline under several definitions.
#
# *Source: OpenRouter (openrouter.ai/rankings); licensed under CC BY 4.0. The as-of date and data
# version are printed in Step 1.*
