"""One-off import of the archived ``rankings-daily`` dataset into ``data/raw`` (kept for provenance).

The archive (public repository roblevinson-cloud/gpu-tracker, commit 00559ab) stores the API's
rows as ``date,model,tokens``; this script renames the header to the API's own field names
(``date,model_permaslug,total_tokens``), splits the rows by month without reordering or
changing any value, and writes the vintage with its manifest. It refuses to run twice.

    python scripts/import_archive.py ../shared/data/openrouter-rankings-daily
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import pandas as pd

from helpers.ingest import write_vintage
from helpers.manifest import sha256_of
from helpers.paths import RANKINGS_DIR
from helpers.rankings import ATTRIBUTION

VINTAGE = "2026-10-06_gpu-tracker-00559ab"
UPSTREAM = "https://github.com/roblevinson-cloud/gpu-tracker/tree/00559aba20a2899871fdfbfc88e5aabef12217cd/data"
SOURCE_SHA256 = {
    "tokens_by_model.csv": "ebe11634ea144a9b6f8fafee14b22c6badf6459a3c417de429cd5d279d33783b",
    "tokens_daily.csv": "60e6c05d22a95d8b273033487573c5729e196b6f1ee1d4d5cd666f4d15bf33f4",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder holding tokens_by_model.csv and tokens_daily.csv")
    args = parser.parse_args()
    for name, expected in SOURCE_SHA256.items():
        actual = sha256_of(args.source / name)
        if actual != expected:
            raise SystemExit(f"{args.source / name}: sha256 {actual} is not the documented {expected}")
    rows = pd.read_csv(args.source / "tokens_by_model.csv", dtype=str, keep_default_na=False)
    rows = rows.rename(columns={"model": "model_permaslug", "tokens": "total_tokens"})
    totals = (args.source / "tokens_daily.csv").read_bytes()
    metadata = {
        "dataset": "openrouter/rankings-daily",
        "vintage": VINTAGE,
        "publisher": "OpenRouter",
        "source": "OpenRouter Data API, GET https://openrouter.ai/api/v1/datasets/rankings-daily (schema v1)",
        "source_url": "https://openrouter.ai/api/v1/datasets/rankings-daily",
        "docs_url": "https://openrouter.ai/docs/api/api-reference/datasets/get-rankings-daily",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": ATTRIBUTION.format(as_of="2026-10-06"),
        "as_of": "2026-10-06",
        "as_of_note": "The archive does not record the API's meta.as_of; the last day of data is used.",
        "obtained": {
            "how": (
                "Pulled from the Data API by a public collector and archived in "
                "roblevinson-cloud/gpu-tracker (data/tokens_by_model.csv, data/tokens_daily.csv); "
                "copied with CRLF converted to LF; imported by scripts/import_archive.py, which "
                "renamed the header to the API's field names and split rows by month, values unchanged."
            ),
            "archive_url": UPSTREAM,
            "archive_sha256": SOURCE_SHA256,
            "retrieved_at": "2026-11-29",
            "cross_check": (
                "clarkkuang/ck-trading-system data/monitoring/openrouter_daily_tokens.parquet "
                "holds identical values for 2026-06-03..2026-07-05"
            ),
        },
        "request_window": {"start_date": "2025-01-01", "end_date": "2026-10-06"},
    }
    extra = {
        "daily_totals.csv": (
            totals,
            {
                "kind": "collector_daily_totals",
                "description": "Per-day sums kept by the collector: date,total_tokens,top50_tokens,other_tokens",
                "start_date": "2025-01-01",
                "end_date": "2026-10-06",
            },
        )
    }
    target = write_vintage(RANKINGS_DIR / VINTAGE, rows, metadata, extra)
    print(f"wrote {target} ({dt.date.today()})")


if __name__ == "__main__":
    main()
