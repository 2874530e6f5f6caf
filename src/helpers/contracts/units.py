"""Plausible ranges per unit, each with the largest real value it was set against.

A range here is a sanity check, not a judgement: its edges sit well past anything the shipped
data holds (the headroom is stated), so a real figure that is merely surprising passes, while a
cell that cannot be right (``1e308`` dollars, a negative volume, a share of 140 percent, a price
typed per token into a per-million column) stops the run naming its line. If a real figure ever
falls outside, widen the range here with the new largest value in the comment; never edit the
raw row to fit.
"""

from __future__ import annotations

from .spec import Bounds

# Prices. The dearest price in the raw data is 600 USD per million completion tokens (OpenRouter's
# 2026 catalogue snapshots, an o1-pro-class model); prices.csv tops out at 75. 2,000 leaves more
# than three times the dearest price ever listed, while a per-token price typed into a
# per-million column (or 1e308) is far outside.
USD_PER_MTOK = Bounds(0.0, 2000.0, "US dollars per million tokens", "over 3x the dearest listed price (600)")
# The catalogue gives prices per token: the same ceiling divided by a million.
USD_PER_TOKEN = Bounds(0.0, 0.002, "US dollars per token", "2,000 US dollars per million tokens")

# Token counts. The largest token figure in the raw data is Google's 3.2e15 tokens a month across
# all its products (market/lenses.csv); a whole day of OpenRouter is about 5e12 (autumn 2026).
# 1e17 is 30 times the largest figure and stops a corrupted cell (1e308) or an overflowed count.
TOKENS = Bounds(0.0, 1e17, "tokens", "30x the largest token figure published (3.2e15 a month)")
TOKENS_PER_DAY = Bounds(0.0, 1e17 / 30, "tokens a day", "the token ceiling spread over a month")
TOKENS_PER_MINUTE = Bounds(0.0, 1e17 / 30 / 1440, "tokens a minute", "the token ceiling spread over a month")

# Dollars. The largest dollar figure is a published 1e8 US dollars a year through OpenRouter
# (spend_checks.csv); the largest billed row is 3.9e6 dollars in a week. 1e11 (a hundred billion)
# is above any AI company's yearly revenue.
USD = Bounds(0.0, 1e11, "US dollars", "a thousand times the largest published figure (1e8 a year)")

# Counts of requests and downloads: the largest are 1e9 requests to one model in a week (billed
# usage) and 1.15e9 cumulative downloads (ATOM, market/lenses.csv).
REQUESTS = Bounds(0.0, 1e13, "requests", "ten thousand times the largest weekly count (1e9)")
DOWNLOADS = Bounds(0.0, 1e13, "downloads", "ten thousand times the largest cumulative count (1.15e9)")

# Shares, written as the unit says: percentages from 0 to 100, fractions from 0 to 1.
PERCENT = Bounds(0.0, 100.0, "percent")
FRACTION = Bounds(0.0, 1.0, "fraction")
# Changes can be negative down to -100% (all gone); the largest rise in the raw data is +27.5%, and
# a hundredfold rise (+10,000%) is the ceiling.
CHANGE_PERCENT = Bounds(-100.0, 10_000.0, "percent change", "a fall of at most 100%, a rise of at most 100x")
CHANGE_FRACTION = Bounds(-1.0, 100.0, "fraction change", "a fall of at most 100%, a rise of at most 100x")

# Whole numbers that count from one: a rank among labs, a run of weeks, a number of models.
RANK = Bounds(1.0, 1000.0, "rank", "far more labs or models than any ranking lists")
COUNT_FROM_ONE = Bounds(1.0, 1e17, "count")

# Seconds since 1970 of a catalogue entry's creation: from 2015 (before any model OpenRouter lists)
# to 2100.
UNIX_SECONDS = Bounds(1_420_070_400.0, 4_102_444_800.0, "seconds since 1970-01-01", "2015 to 2100")
