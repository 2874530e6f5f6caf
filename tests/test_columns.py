"""The column dictionary (``src/helpers/columns.csv``): every published column is described, and
names follow the conventions (docs/conventions.md) so a reader can guess a unit from a name."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from helpers.display import column_dictionary, describe_column
from helpers.paths import PROCESSED_DIR, REPORTS_DIR

TABLES = sorted([*PROCESSED_DIR.glob("*.csv"), *(REPORTS_DIR / "data").glob("*.csv")])
SUFFIX_UNITS = {  # a name's ending and the unit it promises
    "_tokens": {"tokens"},
    "_usd": {"usd"},
    "_share": {"share"},
    "_pct": {"percent", "change_percent"},
    "_points": {"points"},
    "_trillions": {"trillion_tokens"},
    "_per_day": {"tokens_per_day"},
    "_days": {"days"},
    "_weeks": {"weeks"},
}


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_published_column_is_in_the_dictionary_and_named_by_the_conventions(path):
    table = pd.read_csv(path)
    for column in table.columns:
        entry = describe_column(column, path.name)
        assert entry is not None, f"{path.name}: {column} is not in src/helpers/columns.csv"
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", column), f"{path.name}: {column} is not snake_case"
        for suffix, units in SUFFIX_UNITS.items():
            if column.endswith(suffix):
                assert entry["unit"] in units, f"{path.name}: {column} ends in {suffix} but its unit is {entry['unit']}"
        values = table[column].dropna()
        if entry["unit"] == "share" and len(values):
            assert values.between(0, 1).all(), f"{path.name}: {column} holds values outside 0..1"
        if entry["unit"] == "bool" and len(values):
            assert set(values.astype(str)) <= {"True", "False"}, f"{path.name}: {column} is not a true/false column"


def test_the_dictionary_has_one_entry_per_table_and_column_and_says_what_each_means():
    entries = column_dictionary()
    assert not entries.duplicated(["table", "column"]).any()
    assert (entries["meaning"].str.len() > 10).all() and (entries["label"] != "").all()
