"""The prompt-share assumption: what fraction of a model's tokens are prompt tokens, per model class.

The rankings give total tokens only, so prompt and completion prices are blended with a prompt
share taken per model class from ``data/raw/assumptions/prompt_share.csv`` (a central value and a
range, each with its sources); ``model_classes.csv`` says which models belong to which class.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import ParameterError, RawDataError
from ..paths import relative_to_root
from ..rankings import per_distinct
from ..registry import read_curated_table, split_permaslug
from .prices import _fail

PROMPT_SHARE_COLUMNS = [
    "model_class",
    "prompt_share_central",
    "prompt_share_low",
    "prompt_share_high",
    "evidence",
    "source_urls",
    "note",
]


MODEL_CLASS_COLUMNS = ["match", "key", "model_class", "note"]


DEFAULT_CLASS = "general"


@dataclass(frozen=True)
class PromptShares:
    """The prompt-share assumption: a central value and range per model class, and how models map
    to classes (``match`` is ``author`` or ``pattern``, a regular expression on the model slug)."""

    shares: pd.DataFrame
    classes: pd.DataFrame
    override: float | None = None

    def model_class(self, rows: pd.DataFrame) -> pd.Series:
        """Each row's model class (the rules are matched once per distinct permaslug)."""
        return per_distinct(rows["model_permaslug"], self._classes_of)

    def _assumptions_of(self, permaslugs: pd.Series) -> pd.DataFrame:
        cls = self._classes_of(permaslugs)
        table = self.shares.set_index("model_class")
        return pd.DataFrame(
            {
                "model_class": cls,
                "central": cls.map(table["prompt_share_central"]),
                "low": cls.map(table["prompt_share_low"]),
                "high": cls.map(table["prompt_share_high"]),
            }
        )

    def _classes_of(self, permaslugs: pd.Series) -> pd.Series:
        parts = split_permaslug(permaslugs)
        base, author = parts["base_slug"], parts["author"]
        cls = pd.Series(DEFAULT_CLASS, index=permaslugs.index)
        for rule in self.classes.itertuples():  # a few rules, applied in table order (later wins)
            hit = (author == rule.key) if rule.match == "author" else base.str.contains(rule.key, regex=True)
            cls = cls.mask(hit, rule.model_class)
        return cls

    def for_rows(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Each row's model class and its central, low and high prompt share (looked up once per
        distinct permaslug)."""
        out = per_distinct(rows["model_permaslug"], self._assumptions_of)
        if self.override is not None:
            out["central"] = self.override
            out["low"] = out[["low", "central"]].min(axis=1)
            out["high"] = out[["high", "central"]].max(axis=1)
        return out


def load_prompt_shares(folder: Path, override: float | None = None) -> PromptShares:
    """The prompt-share tables (``prompt_share.csv``, ``model_classes.csv``); ``override`` replaces
    every central value (the notebook parameter), keeping each class's range around it."""
    folder = Path(folder)
    shares = read_curated_table(folder / "prompt_share.csv", PROMPT_SHARE_COLUMNS)
    for column in ("prompt_share_central", "prompt_share_low", "prompt_share_high"):
        values = pd.to_numeric(shares[column], errors="coerce")
        bad = values.isna() | (values < 0) | (values > 1)
        if bad.any():
            _fail(folder / "prompt_share.csv", bad, column, "must be a share from 0 to 1")
        shares[column] = values
    disorder = (shares["prompt_share_low"] > shares["prompt_share_central"]) | (
        shares["prompt_share_central"] > shares["prompt_share_high"]
    )
    if disorder.any():
        _fail(folder / "prompt_share.csv", disorder, "prompt_share_central", "must lie between low and high")
    if DEFAULT_CLASS not in set(shares["model_class"]):
        raise RawDataError(f"{relative_to_root(folder / 'prompt_share.csv')}: needs a '{DEFAULT_CLASS}' row")
    classes = read_curated_table(folder / "model_classes.csv", MODEL_CLASS_COLUMNS)
    unknown = ~classes["model_class"].isin(shares["model_class"])
    if unknown.any():
        _fail(folder / "model_classes.csv", unknown, "model_class", "is not a class of prompt_share.csv")
    bad_match = ~classes["match"].isin(["author", "pattern"])
    if bad_match.any():
        _fail(folder / "model_classes.csv", bad_match, "match", "must be author or pattern")
    if override is not None and not 0 <= float(override) <= 1:
        raise ParameterError(f"prompt_share={override} must lie between 0 and 1")
    return PromptShares(shares, classes, None if override is None else float(override))
