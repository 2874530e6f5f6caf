"""Findings: the sentences a notebook computes, shown as prose and handed to the report as data.

A finding is a sentence a journalist could quote, true for the run's own dates, with the figure it
rests on. Notebooks publish their findings as ``data/processed/findings/<notebook>.json``; the
report reads those files, so the index always says exactly what the notebooks computed.
Sentences marked ``verdict`` open the report.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

FINDINGS_FOLDER = "findings"


@dataclass(frozen=True)
class Finding:
    """One computed sentence; ``figure`` names the figure it rests on (a file stem), if any."""

    text: str
    figure: str = ""
    verdict: bool = False
    key: str = ""


@dataclass(frozen=True)
class Findings:
    """A notebook's findings, plus any tables of plain-language rows it wants the report to show."""

    notebook: str
    items: list[Finding]
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def extended(self, items: list[Finding]) -> Findings:
        """The same findings with more sentences after them (a notebook with two analyses)."""
        return Findings(self.notebook, [*self.items, *items], self.tables)

    def markdown(self) -> str:
        """The findings as a bulleted list (rendered as prose in the notebook and its page)."""
        return "\n".join(f"- {item.text}" for item in self.items)

    def to_json(self) -> str:
        payload = {"notebook": self.notebook, "findings": [asdict(item) for item in self.items], "tables": self.tables}
        # keys keep their order: a table's columns are in the order a reader should meet them
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def count(n: int, word: str, plural: str | None = None) -> str:
    """``1 day``, ``3 days``: a number with its noun, never "day(s)"."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def join_names(names: list[str]) -> str:
    """``["a", "b", "c"]`` as ``a, b and c``: a list as a sentence says it."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def band_text(value: float, low: float, high: float, narrow_digits: int) -> str:
    """A percentage with its band: ``30% (29-34%)``; a band narrower than a point is left out and
    the value shown with ``narrow_digits`` decimals (``0.3%``)."""
    if high - low >= 1:
        return f"{value:.0f}% ({low:.0f}-{high:.0f}%)"
    return f"{value:.{narrow_digits}f}%"


def capitalised(text: str) -> str:
    """A phrase made to open a sentence (only its first letter changes: "in June" -> "In June")."""
    return text[:1].upper() + text[1:]


def findings_path(processed_dir: Path, notebook: str) -> Path:
    return Path(processed_dir) / FINDINGS_FOLDER / f"{notebook}.json"


def write_findings(findings: Findings, processed_dir: Path) -> Path:
    path = findings_path(processed_dir, findings.notebook)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(findings.to_json(), encoding="utf-8")
    return path


def read_findings(processed_dir: Path, notebook: str) -> Findings:
    payload = json.loads(findings_path(processed_dir, notebook).read_text(encoding="utf-8"))
    return Findings(payload["notebook"], [Finding(**item) for item in payload["findings"]], payload.get("tables", {}))
