"""The run's window: complete and partial weeks, overlaps, and dates written for readers."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.dates import Window, period_name, span_label, week_label


@pytest.mark.parametrize(
    "start, end, complete",
    [
        ("2026-06-01", "2026-06-07", ["2026-06-01"]),  # the headline week alone
        ("2026-06-03", "2026-06-05", []),  # part of one week
        ("2026-06-03", "2026-06-03", []),  # one day
        ("2026-05-27", "2026-06-16", ["2026-06-01", "2026-06-08"]),  # cut at both ends
        ("2025-01-01", "2026-10-06", None),  # the whole data: first and last weeks cut
    ],
)
def test_complete_weeks_lie_wholly_inside_the_window(start, end, complete):
    window = Window(start, end)
    weeks = window.complete_weeks()
    if complete is not None:
        assert weeks.strftime("%Y-%m-%d").tolist() == complete
    assert (weeks >= window.start).all() and (weeks + pd.Timedelta(days=6) <= window.end).all()
    assert all(window.days_in_week(w) == 7 for w in weeks)


def test_partial_weeks_count_only_their_days_inside():
    window = Window("2026-06-03", "2026-06-09")
    assert window.weeks().strftime("%Y-%m-%d").tolist() == ["2026-06-01", "2026-06-08"]
    assert [window.days_in_week(w) for w in window.weeks()] == [5, 2]


def test_overlap_and_cover():
    window = Window("2026-04-27", "2026-06-07")
    start = pd.Series(pd.to_datetime(["2026-04-01", "2026-04-01", "2026-05-01", "2026-07-01"]))
    end = pd.Series(pd.to_datetime(["2026-04-30", "2026-06-30", "2026-05-31", "2026-07-31"]))
    assert window.overlaps(start, end).tolist() == [True, True, True, False]
    assert window.covers(start, end).tolist() == [False, False, True, False]


def test_dates_are_written_for_readers():
    assert span_label(pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-07")) == "1-7 June 2026"
    assert span_label(pd.Timestamp("2026-04-27"), pd.Timestamp("2026-05-03")) == "27 April-3 May 2026"
    assert span_label(pd.Timestamp("2025-12-29"), pd.Timestamp("2026-01-04")) == "29 December 2025 to 4 January 2026"
    assert week_label(pd.Timestamp("2026-06-01")) == "the week of 1-7 June 2026"
    assert period_name(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-04-30")) == "April 2026"
    assert period_name(pd.Timestamp("2026-04-01"), pd.Timestamp("2026-06-30")) == "Q2 2026"
    assert period_name(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")) == "2025"
    assert period_name(pd.Timestamp("2025-06-30"), pd.Timestamp("2025-07-10")) == "30 June-10 July 2025"
