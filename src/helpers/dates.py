"""A run's window of days, Monday-to-Sunday weeks inside it, and dates written for readers.

Every analysis is asked about one window (the run's start and end). Which weeks lie wholly inside
it, which are cut by its edges, and how a period is named in a sentence are rules used by every
notebook, so they live here once.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

DAY = pd.Timedelta(days=1)
WEEK = pd.Timedelta(days=7)


def week_start(dates: pd.Series) -> pd.Series:
    """The Monday on or before each date."""
    dates = pd.to_datetime(dates)
    return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()


def monday_of(day: pd.Timestamp) -> pd.Timestamp:
    """The Monday on or before one day (:func:`week_start` for a single date)."""
    return week_start(pd.Series([pd.Timestamp(day)])).iloc[0]


def full_weeks(dates: pd.Series) -> pd.DatetimeIndex:
    """Mondays of the weeks whose seven days all appear in ``dates`` (the days the data holds)."""
    days = pd.Series(pd.to_datetime(dates).unique())
    counts = week_start(days).value_counts()
    return pd.DatetimeIndex(sorted(counts.index[counts == 7]))


@dataclass(frozen=True)
class Window:
    """The run's days, ``start`` to ``end`` inclusive."""

    start: pd.Timestamp
    end: pd.Timestamp

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", pd.Timestamp(self.start).normalize())
        object.__setattr__(self, "end", pd.Timestamp(self.end).normalize())

    @property
    def days(self) -> int:
        return int((self.end - self.start) / DAY) + 1

    def contains(self, dates: pd.Series) -> pd.Series:
        """Which of ``dates`` fall inside the window."""
        return (dates >= self.start) & (dates <= self.end)

    def cut(self, rows: pd.DataFrame, column: str = "date") -> pd.DataFrame:
        """The rows whose ``column`` falls inside the window."""
        return rows[self.contains(rows[column])].reset_index(drop=True)

    def complete_weeks(self, observed: pd.Series | None = None) -> pd.DatetimeIndex:
        """Mondays of the complete weeks: the one rule every table, title and sentence uses.

        A week is complete when its seven days lie inside the window and, given the days the data
        holds (``observed``), all seven are in the data. Anything else is a partial week: shown
        marked as partial, never quoted as a week.
        """
        first = monday_of(self.start)
        if first < self.start:
            first += WEEK
        last = monday_of(self.end)
        if last + pd.Timedelta(days=6) > self.end:
            last -= WEEK
        weeks = pd.date_range(first, last, freq="7D") if first <= last else pd.DatetimeIndex([])
        return weeks if observed is None else weeks.intersection(full_weeks(observed))

    def complete_months(self) -> pd.DatetimeIndex:
        """First days of the calendar months lying wholly inside the window."""
        months = pd.period_range(self.start, self.end, freq="M")
        starts = [m.start_time for m in months if m.start_time >= self.start and m.end_time.normalize() <= self.end]
        return pd.DatetimeIndex(starts)

    def weeks(self) -> pd.DatetimeIndex:
        """Mondays of every week the window touches, partial ones included."""
        return pd.date_range(monday_of(self.start), monday_of(self.end), freq="7D")

    def days_in_week(self, monday: pd.Timestamp) -> int:
        """How many of a week's seven days lie inside the window."""
        first, last = max(monday, self.start), min(monday + pd.Timedelta(days=6), self.end)
        return max(int((last - first) / DAY) + 1, 0)

    def overlaps(self, start: pd.Series, end: pd.Series) -> pd.Series:
        """Which periods (``start``..``end``) share at least one day with the window."""
        return (start <= self.end) & (end >= self.start)

    def covers(self, start: pd.Series, end: pd.Series) -> pd.Series:
        """Which periods lie wholly inside the window."""
        return (start >= self.start) & (end <= self.end)

    def label(self) -> str:
        return span_label(self.start, self.end)


def day_label(day: pd.Timestamp) -> str:
    """``1 June 2026``: how a date is written in a finding."""
    day = pd.Timestamp(day)
    return f"{day.day} {day:%B %Y}"


def span_label(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A span in words, shortest form: ``1-7 June 2026``, ``25 May-7 June 2026``, ``3 June 2026``."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return day_label(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B}-{end.day} {end:%B %Y}"
    return f"{day_label(start)} to {day_label(end)}"


def week_span(monday: pd.Timestamp) -> str:
    """``1-7 June 2026``: a Monday-to-Sunday week as its days."""
    return span_label(monday, pd.Timestamp(monday) + pd.Timedelta(days=6))


def week_label(monday: pd.Timestamp) -> str:
    """``the week of 1-7 June 2026``."""
    return f"the week of {week_span(monday)}"


def period_phrase(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A period with the preposition a sentence needs: ``on 6 October 2026``, ``in June 2026``,
    ``over 3-5 June 2026``."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start == end:
        return f"on {day_label(start)}"
    name = period_name(start, end)
    return f"over {name}" if name == span_label(start, end) else f"in {name}"


def period_name(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A period as a reader names it: ``April 2026``, ``Q2 2026``, ``2025``, else the span."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if start.is_month_start and end == start + pd.offsets.MonthEnd(0):
        return f"{start:%B %Y}"
    if start.is_quarter_start and end == start + pd.offsets.QuarterEnd(0):
        return f"Q{start.quarter} {start.year}"
    if start.is_year_start and end == start + pd.offsets.YearEnd(0):
        return str(start.year)
    return span_label(start, end)
