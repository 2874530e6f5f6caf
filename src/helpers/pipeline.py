"""Run-level plumbing shared by the notebooks: parameters, date checks, loading, writing.

Every notebook opens its run with :func:`open_run` and then makes one call per table, figure and
set of findings, so the rules (how a path resolves, what dates are valid, where outputs go, how
files are written so reruns are byte-identical) live here once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .citation import source_line
from .clean import CleanRankings, checked_rankings, clean_rankings
from .dates import Window
from .errors import ParameterError, ProjectError, RawDataError, naming_file
from .findings import Findings, write_findings
from .headline import claimed_streak_span, load_claim
from .manifest import data_version, load_manifest, verify_raw_data
from .parameters import parse_day
from .paths import STAGING_ENV, OutputLayout, rankings_dir, reference_dir, relative_to_root, resolve
from .rankings import available_range, per_distinct, rankings_manifests
from .steps import PIPELINE_FILE, load_steps

if TYPE_CHECKING:
    from .figures import Chart

DATE_FORMAT = "%Y-%m-%d"
DAILY_TABLE = "daily_model_tokens.csv"
PROCESSED_PREFIX = "data/processed/"


def output_layout(output_dir: str | Path) -> OutputLayout:
    """Where a notebook writes. The runner builds every run in a staging folder and moves it into
    place only when the whole run succeeded; it says so through ``$OPENROUTER_AUDIT_STAGING``, so
    the notebooks' parameters (and their printed paths) name the run's real destination."""
    staging = os.environ.get(STAGING_ENV)
    return OutputLayout(Path(staging) if staging else resolve(output_dir))


def parse_date(value: str, name: str) -> pd.Timestamp:
    """A YYYY-MM-DD parameter (strictly: see :func:`helpers.parameters.parse_day`), or an error naming it."""
    return pd.Timestamp(parse_day(value, name))


def check_run_dates(start: str, end: str, rankings: Path) -> Window:
    """Validate a run's dates against the raw data's range; errors name the valid range."""
    first, last = available_range(rankings)
    valid = f"the raw data covers {first:%Y-%m-%d} to {last:%Y-%m-%d}"
    start_ts, end_ts = parse_date(start, "start_date"), parse_date(end, "end_date")
    if start_ts > end_ts:
        raise ParameterError(f"start_date {start} is after end_date {end}; {valid}")
    if start_ts < first or end_ts > last:
        raise ParameterError(f"dates {start}..{end} fall outside the data: {valid}")
    return Window(start_ts, end_ts)


@dataclass(frozen=True)
class Provenance:
    """What a figure or table must say about the data it came from."""

    as_of: str
    data_version: str
    attribution: str


def describe_vintages(rankings: Path) -> pd.DataFrame:
    """One row per rankings vintage, oldest first in the order the cleaning uses (so the last row is
    the vintage whose as-of date the figures cite): its as-of date, days covered, files and rows."""
    vintages = []
    for manifest_path in rankings_manifests(rankings):
        manifest = load_manifest(manifest_path)
        ranking_files = [f for f in manifest["files"] if f.get("kind", "rankings") == "rankings"]
        vintages.append(
            {
                "vintage": manifest_path.parent.name,
                "as_of": manifest.get("as_of", ""),
                "first_day": min(f["start_date"] for f in ranking_files),
                "last_day": max(f["end_date"] for f in ranking_files),
                "files": len(ranking_files),
                "rows": sum(int(f["rows"]) for f in ranking_files),
                "licence": manifest["licence"],
                "attribution": manifest["attribution"],
            }
        )
    return pd.DataFrame(vintages)


def verify_and_describe(raw_dir: Path) -> tuple[pd.DataFrame, Provenance]:
    """Verify every raw checksum, then summarise the rankings vintages and their as-of date."""
    verify_raw_data(raw_dir)
    table = describe_vintages(rankings_dir(raw_dir))
    latest = table.iloc[-1]
    provenance = Provenance(
        as_of=str(latest["as_of"]), data_version=data_version(raw_dir), attribution=str(latest["attribution"])
    )
    return table.drop(columns="attribution"), provenance


SIGNIFICANT_DIGITS = 10
NEEDS_QUOTING = (",", '"', "\n", "\r")


def plain_number(value: float) -> str:
    """A float with 10 significant digits as a plain decimal, never in exponent form: a spreadsheet
    or a reader sees ``36392600`` and ``0.000012``, not ``3.63926e+07`` or ``1.2e-05``."""
    text = f"{value:.10g}"  # the same digits, fast; only exponent forms are rewritten
    if "e" not in text:
        return text
    return np.format_float_positional(value, precision=SIGNIFICANT_DIGITS, unique=False, fractional=False, trim="-")


FLOAT_FORMAT = plain_number  # what every table is written with (pandas takes a callable too)


def write_table(frame: pd.DataFrame, path: Path) -> Path:
    """Write a table as CSV with ISO dates and LF endings (stable bytes across reruns), atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = per_distinct(out[column], lambda days: days.dt.strftime(DATE_FORMAT))
    partial = path.with_name(f".{path.name}.partial")
    with naming_file(path):  # a full disk names the table
        partial.write_text(csv_text(out), encoding="utf-8")
    os.replace(partial, path)  # whole or not at all: a notebook waiting for this table may start now
    return path


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text: exactly the bytes of ``frame.to_csv(index=False, lineterminator="\\n",
    float_format=plain_number)``, built a column at a time.

    pandas formats a CSV row by row in Python; for the largest tables (hundreds of thousands of
    rows) joining whole columns of strings takes half the time. Anything this does not cover (a
    field that needs quoting, a nullable or other dtype, a one-column table) goes to pandas.
    """
    columns = [_csv_column(frame[name]) for name in frame.columns]
    header = [str(name) for name in frame.columns]
    if len(header) < 2 or any(c is None for c in columns) or _needs_quoting(header):
        return frame.to_csv(index=False, lineterminator="\n", float_format=FLOAT_FORMAT)
    return "\n".join([",".join(header), *map(",".join, zip(*columns))]) + "\n"


def _csv_column(values: pd.Series) -> list[str] | None:
    """One column's fields as pandas would write them, or None where pandas must do it."""
    dtype = values.dtype
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        numbers = values.to_numpy()
        fields = list(map(plain_number, numbers.tolist()))
        missing = np.isnan(numbers)
        return np.where(missing, "", np.array(fields, dtype=object)).tolist() if missing.any() else fields
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        return list(map(str, values.tolist()))
    if pd.api.types.is_object_dtype(dtype) or isinstance(dtype, pd.StringDtype):
        missing = values.isna().to_numpy()
        present = values.to_numpy(dtype=object)[~missing]
        if pd.api.types.infer_dtype(present, skipna=False) not in ("string", "empty") or _needs_quoting(
            pd.unique(present)
        ):
            return None
        return values.astype(object).where(~missing, "").tolist()
    return None


def _needs_quoting(texts) -> bool:
    return any(mark in text for text in texts for mark in NEEDS_QUOTING)


def read_table(path: Path, date_columns: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read a table written by :func:`write_table`, parsing its date columns."""
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""])
    for column in date_columns:
        frame[column] = pd.to_datetime(frame[column], format=DATE_FORMAT)
    return frame


def _display(obj) -> None:
    """Show an object in the notebook (a no-op outside IPython, e.g. in tests)."""
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython comes with the kernel
        return
    display(obj)


@dataclass
class Run:
    """Everything a notebook starts from: its parameters, folders, checked dates and provenance.

    ``history`` is the cleaned daily table over every day of the raw data (notebook 1 writes it),
    so a notebook can look back before its window for a week-on-week change or a streak that
    began earlier; ``daily`` is that table cut to the window.
    """

    notebook: str
    parameters: dict
    raw: Path
    layout: OutputLayout
    window: Window
    provenance: Provenance
    vintages: pd.DataFrame

    @property
    def start(self) -> pd.Timestamp:
        return self.window.start

    @property
    def end(self) -> pd.Timestamp:
        return self.window.end

    @property
    def processed(self) -> Path:
        return self.layout.processed

    @cached_property
    def history(self) -> pd.DataFrame:
        return self.read(DAILY_TABLE, ("date",))

    @cached_property
    def claim(self) -> pd.DataFrame:
        """The figures the June 2026 headline published (``reference/headline_claim.csv``)."""
        return load_claim(reference_dir(self.raw) / "headline_claim.csv")

    @cached_property
    def headline_span(self) -> tuple[pd.Timestamp, pd.Timestamp]:
        """First and last day of the headline's six weeks (shaded on every weekly chart)."""
        return claimed_streak_span(self.claim)

    @cached_property
    def steps(self) -> dict:
        """The declared pipeline, by notebook (read once per notebook, not once per table read)."""
        return {step.notebook: step for step in load_steps()}

    @cached_property
    def daily(self) -> pd.DataFrame:
        return self.window.cut(self.history)

    def clean_rankings(self) -> CleanRankings:
        """The raw rankings validated, reconciled and classified (:func:`helpers.clean.clean_rankings`).

        The runner cleans them once already, checking every input before any notebook starts, and
        leaves the result in its staging folder: notebook 1 reuses it instead of doing the same
        work twice. Only a result for this raw folder and data version, in this run's own staging
        folder, is used; outside the runner the rankings are cleaned here.
        """
        if os.environ.get(STAGING_ENV):
            checked = checked_rankings(self.layout.base, self.raw, self.provenance.data_version)
            if checked is not None:
                return checked
        return clean_rankings(self.raw)

    def show_path(self, path: Path) -> str:
        """A written file as the notebook prints it: relative to the run's folder."""
        try:
            return Path(path).relative_to(self.layout.base).as_posix()
        except ValueError:
            return relative_to_root(path)

    def read(self, name: str, date_columns: tuple[str, ...] = ()) -> pd.DataFrame:
        """A table an earlier notebook of this run wrote to ``data/processed``, if this notebook
        declares it in ``notebooks/pipeline.toml``: the runner starts a notebook as soon as the
        tables it declares exist, so reading any other could race the notebook writing it."""
        declared = f"{PROCESSED_PREFIX}{name}"
        steps = self.steps
        step = steps.get(self.notebook)
        if step is not None and declared not in step.reads:
            raise ProjectError(f"{self.notebook} reads {declared} but does not declare it in {PIPELINE_FILE}")
        path = self.layout.processed / name
        if not path.is_file():
            writer = next((s.notebook for s in steps.values() if declared in s.writes), "the notebook that writes it")
            raise RawDataError(f"{name} is missing from {self.show_path(path.parent)}: run notebook {writer} first")
        return read_table(path, date_columns)

    def write(self, name: str, frame: pd.DataFrame) -> None:
        """Write a published table to ``data/processed``. It is not shown: a page shows tables
        written for people (:mod:`helpers.tables`), and links the full CSV."""
        path = write_table(frame, self.layout.processed / name)
        print(f"wrote {self.show_path(path)}: {len(frame):,} rows")

    def footer(self, extra_sources: list[str] | tuple[str, ...] = (), dates=None) -> str:
        """The source line: the data's as-of date, the days plotted (the run's, unless a chart
        plots other days) and the data version."""
        start, end = dates if dates is not None else (self.start, self.end)
        return source_line(
            self.provenance.as_of, f"{start:%Y-%m-%d}", f"{end:%Y-%m-%d}", self.provenance.data_version, extra_sources
        )

    def figure(self, chart: Chart | None) -> None:
        """Save a chart (PNG, SVG and the CSV of what it plots) and show it, linked, in the notebook.

        A chart that cannot be drawn for this window comes back as ``None`` from its builder
        with a reason already printed; nothing is saved then.
        """
        if chart is None:
            return
        from . import figures  # here, not at the top: matplotlib; the runner imports this module without plotting

        step = self.steps.get(self.notebook)
        figures.save_chart(
            chart,
            self.layout,
            self.footer(chart.sources, chart.dates),
            self.figure_parameters(),
            self.provenance.data_version,
            article=step is not None and chart.name in step.key_figures,
        )
        _display(figures.notebook_markdown(chart, self.layout))

    def figure_parameters(self) -> dict[str, str]:
        return {key: str(value) for key, value in self.parameters.items() if key not in ("raw_dir", "output_dir")}

    def publish(self, findings: Findings) -> None:
        """Write the notebook's findings for the report and show them as prose."""
        write_findings(findings, self.layout.processed)
        _display(markdown(findings.markdown()))


def markdown(text: str):
    """Markdown for the notebook (prose, not printed output)."""
    from IPython.display import Markdown  # here, not at the top: IPython; the runner imports this module too

    return Markdown(text)


def open_run(notebook: str, start_date: str, end_date: str, raw_dir: str, output_dir: str, **extra) -> Run:
    """Check the parameters and verify every raw checksum, before anything is read or written.

    Every notebook starts here, so a bad date or a changed raw file stops each of them the same
    way, before any table or figure is written.
    """
    raw = resolve(raw_dir)
    window = check_run_dates(start_date, end_date, rankings_dir(raw))
    vintages, provenance = verify_and_describe(raw)
    from .figures import use_project_style  # here, not at the top: the runner imports this module without plotting

    use_project_style()
    parameters = {"start_date": start_date, "end_date": end_date, "raw_dir": raw_dir, "output_dir": output_dir, **extra}
    return Run(notebook, parameters, raw, output_layout(output_dir), window, provenance, vintages)
