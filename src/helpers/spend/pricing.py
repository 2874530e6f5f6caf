"""Everything the spend estimate reads, loaded once: prices, prompt shares, the bill and its calibration."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..rankings import OTHER_ROW
from ..registry import load_registry
from .bill import load_bill
from .calibration import Calibration, calibrate, load_calibration_parameters
from .observed import load_observations, overlay_observations
from .prices import load_prices
from .prompt_share import PromptShares, load_prompt_shares

BILL_FOLDER = ("openrouter", "billed-usage")
OBSERVED_FOLDER = ("prices", "observed")


@dataclass(frozen=True)
class Pricing:
    """The inputs of the spend estimate: the hand-typed price table, the same with machine-collected
    snapshots laid over (what the estimate uses), the prompt-share assumption, the bill, the
    calibration measured from it, and the registry's authors (for origins in the bill)."""

    hand_prices: pd.DataFrame
    prices: pd.DataFrame
    shares: PromptShares
    bill: pd.DataFrame
    calibration: Calibration | None
    parameters: dict
    authors: pd.DataFrame
    named: pd.DataFrame


def named_history(history: pd.DataFrame) -> pd.DataFrame:
    """The cleaned daily rows of the models the rankings name (the ``other`` row left out)."""
    return history.loc[history["model_permaslug"] != OTHER_ROW, ["date", "model_permaslug", "tokens"]]


def load_pricing(raw: Path, history: pd.DataFrame, prompt_share: float | None = None) -> Pricing:
    """Load and check every input of the estimate and calibrate it on the bill.

    ``history`` is the cleaned daily table over every day of the data (the bill's windows need the
    rankings of their own days, whatever the run's window). A raw folder without a bill gives no
    calibration: the estimate then prices at list value, and the findings say so.
    """
    raw = Path(raw)
    hand = load_prices(raw / "prices" / "prices.csv")
    observed_folder = raw.joinpath(*OBSERVED_FOLDER)
    prices = overlay_observations(hand, load_observations(observed_folder)) if observed_folder.is_dir() else hand
    shares = load_prompt_shares(raw / "assumptions", prompt_share)
    parameters = load_calibration_parameters(raw / "assumptions" / "billing_calibration.csv")
    authors = load_registry(raw / "reference").authors
    named = named_history(history)
    bill_folder = raw.joinpath(*BILL_FOLDER)
    bill = load_bill(bill_folder) if bill_folder.is_dir() else pd.DataFrame()
    calibration = calibrate(bill, prices, named, authors, shares.model_class, parameters) if len(bill) else None
    return Pricing(hand, prices, shares, bill, calibration, parameters, authors, named)
