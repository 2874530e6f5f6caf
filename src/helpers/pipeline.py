"""Run-level plumbing shared by the notebooks: parameters, date checks, loading, table writing.

Each notebook starts from the same few calls, so the rules (how a relative path resolves, what
date range is valid, how tables are written so reruns are byte-identical) live here once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .errors import ParameterError, RawDataError
from .manifest import data_version, find_manifests, load_manifest, verify_raw_data
from .paths import ROOT, relative_to_root
from .rankings import available_range

DATE_FORMAT = "%Y-%m-%d"


def resolve(path: str | Path) -> Path:
    """A parameter path: absolute as given, relative to the repository root otherwise.

    Notebooks run with their own folder as working directory (papermill and nbval both do
    that), so relative paths are anchored at the root rather than at the working directory.
    """
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def parse_date(value: str, name: str) -> pd.Timestamp:
    """A YYYY-MM-DD parameter, or an error naming the parameter."""
    try:
        return pd.Timestamp(pd.to_datetime(value, format=DATE_FORMAT))
    except (ValueError, TypeError) as exc:
        raise ParameterError(f"{name}={value!r} is not a date in YYYY-MM-DD form") from exc


def check_run_dates(start: str, end: str, rankings_dir: Path) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Validate a run's dates against the raw data's range; errors name the valid range."""
    first, last = available_range(rankings_dir)
    valid = f"the raw data covers {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    start_ts, end_ts = parse_date(start, "start_date"), parse_date(end, "end_date")
    if start_ts > end_ts:
        raise ParameterError(f"start_date {start} is after end_date {end}; {valid}")
    if start_ts < first or end_ts > last:
        raise ParameterError(f"dates {start}..{end} fall outside the data: {valid}")
    return start_ts, end_ts


@dataclass(frozen=True)
class Provenance:
    """What a figure or table must say about the data it came from."""

    as_of: str
    data_version: str
    attribution: str


def verify_and_describe(raw_dir: Path, rankings_dir: Path) -> tuple[pd.DataFrame, Provenance]:
    """Verify every raw checksum, then summarise the rankings vintages and their as-of date."""
    verify_raw_data(raw_dir)
    vintages = []
    for manifest_path in find_manifests(rankings_dir):
        manifest = load_manifest(manifest_path)
        ranking_files = [f for f in manifest["files"] if f.get("kind", "rankings") == "rankings"]
        vintages.append({
            "vintage": manifest_path.parent.name,
            "as_of": manifest.get("as_of", ""),
            "first_day": min(f["start_date"] for f in ranking_files),
            "last_day": max(f["end_date"] for f in ranking_files),
            "files": len(ranking_files),
            "rows": sum(int(f["rows"]) for f in ranking_files),
            "licence": manifest["licence"],
            "attribution": manifest["attribution"],
        })
    table = pd.DataFrame(vintages).sort_values("as_of").reset_index(drop=True)
    if table.empty:
        raise RawDataError(f"{relative_to_root(rankings_dir)}: no rankings vintages")
    latest = table.iloc[-1]
    provenance = Provenance(as_of=str(latest["as_of"]), data_version=data_version(raw_dir),
                            attribution=str(latest["attribution"]))
    return table.drop(columns="attribution"), provenance


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """Write a processed table as CSV with ISO dates and LF endings (stable bytes across reruns)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime(DATE_FORMAT)
    out.to_csv(path, index=False, lineterminator="\n", float_format="%.10g")
    return path


def read_table(path: Path, date_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a processed table written by :func:`write_table`, parsing its date columns."""
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in date_columns:
        frame[column] = pd.to_datetime(frame[column], format=DATE_FORMAT)
    return frame


def run_info(path: Path, **fields: str) -> None:
    """Record a run's parameters and provenance beside its tables, so a table can be traced to its run."""
    Path(path).write_text(json.dumps(fields, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def add_run_info(processed_dir: Path, **fields) -> None:
    """Add the parameters a later notebook's tables depend on (the spend notebook's prompt share) to
    the run record notebook 1 started, so each assumption is stated once and read back by the rest."""
    run_info(Path(processed_dir) / "run_info.json", **{**read_run_info(processed_dir), **fields})


def read_run_info(processed_dir: Path) -> dict:
    """The run record written beside a run's tables (``run_info.json``)."""
    return json.loads((Path(processed_dir) / "run_info.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Run:
    """Everything an analysis notebook starts from: resolved folders, checked dates, provenance and
    the cleaned daily table cut to the run's dates."""

    raw: Path
    processed: Path
    figures: Path
    start: pd.Timestamp
    end: pd.Timestamp
    provenance: Provenance
    daily: pd.DataFrame


def load_run(start_date: str, end_date: str, raw_dir: str, processed_dir: str, figures_dir: str) -> Run:
    """Check the parameters, verify every raw checksum and read notebook 1's daily table.

    The analysis notebooks (2 onwards) share this start so that a bad date or a changed raw file
    stops each of them the same way, before any table or figure is written.
    """
    raw, processed, figures = resolve(raw_dir), resolve(processed_dir), resolve(figures_dir)
    rankings = raw / "openrouter" / "rankings-daily"
    start, end = check_run_dates(start_date, end_date, rankings)
    _, provenance = verify_and_describe(raw, rankings)
    daily = read_table(processed / "daily_model_tokens.csv", ("date",))
    daily = daily[(daily["date"] >= start) & (daily["date"] <= end)].reset_index(drop=True)
    return Run(raw, processed, figures, start, end, provenance, daily)
