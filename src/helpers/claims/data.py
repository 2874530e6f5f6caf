"""What a claim is checked against: the cleaned daily rankings and notebook 3's spend estimate.

Several claims need the same derived tables (every week's ranks, every count's lead streaks, the
daily top-50 counts); :class:`ClaimData` computes each once, on first use, so checking a hundred
claims costs about as much as checking the few kinds they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ..errors import ProjectError
from ..headline import weekly_model_ranks
from .ranks import lead_streaks, period_rows
from .top50 import daily_top50_counts


class CannotCheck(ProjectError):
    """The data cannot give the project's value for this claim (raised with the reason in words)."""


@dataclass
class Measured:
    """The project's value for a claim in the claim's unit, with its band where the value is an
    estimate (spend), and sentences explaining a difference (filled only when one is asked for)."""

    value: float
    low: float | None = None
    high: float | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ClaimData:
    """The cleaned daily table over every day of the raw data (``history``), and notebook 3's daily
    spend joined to it (``priced``, None when a check does not need dollars)."""

    history: pd.DataFrame
    priced: pd.DataFrame | None = None

    @property
    def first_day(self) -> pd.Timestamp:
        return self.history["date"].min()

    @property
    def last_day(self) -> pd.Timestamp:
        return self.history["date"].max()

    def rows(self, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        return period_rows(self.history, start, end)

    def priced_rows(self, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
        if self.priced is None:
            raise CannotCheck("the spend estimate (daily_model_spend.csv) was not given")
        return period_rows(self.priced, start, end)

    @cached_property
    def weekly_ranks(self) -> pd.DataFrame:
        return weekly_model_ranks(self.history)

    @cached_property
    def lead_streaks(self) -> pd.DataFrame:
        return lead_streaks(self.history)

    @cached_property
    def top50_counts(self) -> pd.DataFrame:
        return daily_top50_counts(self.history)
