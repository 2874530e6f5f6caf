"""Notebook 5's tables as a reader sees them: the tally by verdict and each claim beside the
project's figure for the same definition and period."""

from __future__ import annotations

import pandas as pd

from .. import display as show
from ..claims.check import show as in_unit
from ..claims.check import status_counts


def tally(checked: pd.DataFrame) -> pd.DataFrame:
    """How many claims got each verdict (every verdict listed)."""
    counts = status_counts(checked)
    return show.for_people(pd.DataFrame({"verdict": counts.index, "claims": counts.to_numpy()}), "verdict")


def _each_in_unit(values: pd.Series, units: pd.Series) -> pd.Series:
    return pd.Series(
        [in_unit(v, u) if pd.notna(v) else show.EMPTY for v, u in zip(values, units)], index=values.index, dtype=object
    )


def claims_table(checked: pd.DataFrame, links: bool = False) -> pd.DataFrame:
    """Each claim: who published it, for which days, what it says, its figure and the project's,
    the verdict and why (and, with ``links``, the page's address, for the report to link)."""
    dated = checked["period_start"].notna()
    period = pd.Series("no period", index=checked.index, dtype=object)
    period[dated] = show.span(checked.loc[dated, "period_start"], checked.loc[dated, "period_end"])
    return show.for_people(
        pd.DataFrame(
            {
                "publisher": checked["publisher"],
                "period": period,
                "what it counts": checked["metric"],
                "published": _each_in_unit(checked["published_value"], checked["unit"]),
                "this project": _each_in_unit(checked["project_value"], checked["unit"]),
                "verdict": checked["status"],
                "why": checked["why"],
                **({"page": checked["url"]} if links else {}),
            }
        )
    )
