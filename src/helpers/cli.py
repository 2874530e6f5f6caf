"""Command line: ``python -m helpers run|verify|cite|fetch``.

User-facing errors (bad dates, altered raw files, unknown authors, network failures) print one
clear message and exit non-zero; they never print a traceback or change a file.
"""

from __future__ import annotations

import argparse
import sys

from .errors import ProjectError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute the notebooks in order (papermill)")
    run.add_argument("--start", help="first day, YYYY-MM-DD (default: the notebooks' reference run)")
    run.add_argument("--end", help="last day, YYYY-MM-DD")
    run.add_argument("--out", help="output folder (default: runs/<start>_<end> for non-default dates)")
    run.add_argument("--raw-dir", help="raw data folder (default: data/raw); a different one is never the reference run")
    sub.add_parser("verify", help="check every raw file against its manifest")
    cite = sub.add_parser("cite", help="print how to cite a figure, from the metadata in its file")
    cite.add_argument("figure", help="a figure file, e.g. reports/figures/04_chinese_labs_by_lens.png")
    fetch = sub.add_parser("fetch", help="fetch new raw data from OpenRouter")
    fetch_sub = fetch.add_subparsers(dest="what", required=True)
    rankings = fetch_sub.add_parser("rankings", help="rankings-daily rows for a date range")
    rankings.add_argument("--start", required=True)
    rankings.add_argument("--end", required=True)
    rankings.add_argument("--base-url", default=None)
    rankings.add_argument("--dry-run", action="store_true")
    models = fetch_sub.add_parser("models", help="a dated snapshot of the model catalog")
    models.add_argument("--base-url", default=None)
    models.add_argument("--dry-run", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "run":
            from .runner import run

            run(args.start, args.end, args.out, args.raw_dir)
        elif args.command == "verify":
            from .manifest import verify_raw_data
            from .paths import RAW_DIR

            checked = verify_raw_data(RAW_DIR)
            print(f"{len(checked)} raw files match their manifests")
        elif args.command == "cite":
            from pathlib import Path

            from .report import figure_citation

            print(figure_citation(Path(args.figure)))
        elif args.command == "fetch":
            from . import fetch

            return fetch.main(args)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
