"""Command line: ``python -m helpers run|verify|seal|cite|claims|fetch`` (also installed as ``openrouter-audit``).

User-facing errors (bad dates, altered raw files, unknown authors, network failures, a refused
output folder, Ctrl-C) print one clear line and exit non-zero; they never print a traceback or
leave a changed file behind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import sys
from pathlib import Path

from .errors import ParameterError, ProjectError
from .interrupts import interruption, stopping_like_ctrl_c
from .parameters import given, parse_day
from .paths import PROCESSED_DIR, RAW_DIR, relative_to_root


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "run", help="execute the notebooks (declared in notebooks/pipeline.toml) and render the report"
    )
    run.add_argument("--start", help="first day, YYYY-MM-DD (default: the notebooks' reference run)")
    run.add_argument("--end", help="last day, YYYY-MM-DD")
    run.add_argument(
        "--out",
        help="output folder, relative to the current directory (default: runs/<start>_<end> "
        "for non-default dates); must be new, empty or an earlier run",
    )
    run.add_argument(
        "--raw-dir", help="raw data folder (default: data/raw); a different one is never the reference run"
    )
    run.add_argument(
        "--cell-timeout", default="600", metavar="SECONDS", help="how long one cell may run (default: 600)"
    )
    run.add_argument(
        "--notebook-timeout", default="1800", metavar="SECONDS", help="how long one notebook may run (default: 1800)"
    )
    sub.add_parser("verify", help="check every raw file against its manifest")
    seal = sub.add_parser(
        "seal", help="write a curated raw folder's manifest after a reviewed edit (keeps its history)"
    )
    seal.add_argument("folder", help="e.g. data/raw/prices")
    seal.add_argument("--reason", required=True, help="what changed and why (recorded in the manifest's history)")
    seal.add_argument("--date", default=None, help="the sealing date, YYYY-MM-DD (default: today, UTC)")
    seal.add_argument(
        "--metadata", default=None, help="JSON with the top-level fields, for a folder sealed the first time"
    )
    cite = sub.add_parser("cite", help="print a ready credit line for a figure, from the metadata in its file")
    cite.add_argument("figure", help="a figure file, e.g. reports/figures/04_chinese_labs_by_lens.png")
    cite.add_argument("--bibtex", action="store_true", help="print a BibTeX entry instead")
    claims = sub.add_parser(
        "claims", help="re-check one published claim of the ledger, or all of them, against the reference run's data"
    )
    claims.add_argument("claim_id", nargs="?", help="a claim_id of data/raw/reference/claims/claims.csv (default: all)")
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


def _run(args: argparse.Namespace) -> int:
    from .runner import Limits, run  # here and below, not at the top: a command loads only what it uses

    limits = Limits(seconds(args.cell_timeout, "--cell-timeout"), seconds(args.notebook_timeout, "--notebook-timeout"))
    run(args.start, args.end, args.out, args.raw_dir, limits=limits)
    return 0


def seconds(text: str, name: str) -> float:
    """A positive number of seconds (``90``, ``2.5``), or an error naming the option."""
    try:
        value = float(text)
    except ValueError:
        raise ParameterError(f"{name} must be a positive number of seconds, got {text!r}") from None
    if not 0 < value < float("inf"):
        raise ParameterError(f"{name} must be a positive number of seconds, got {text!r}")
    return value


def _verify(args: argparse.Namespace) -> int:
    from .manifest import verify_raw_data  # pandas

    checked = verify_raw_data(RAW_DIR)
    print(f"{len(checked)} raw files match their manifests")
    return 0


def _seal(args: argparse.Namespace) -> int:
    from .manifest import seal_folder  # pandas

    given(args.reason, "--reason", "say what changed and why; it is recorded in the manifest's history")
    date = given(args.date, "--date", "give a day as YYYY-MM-DD, or leave --date out for today (UTC)")
    sealed = f"{parse_day(date, '--date')}" if date is not None else f"{dt.datetime.now(dt.UTC):%Y-%m-%d}"
    metadata = json.loads(Path(args.metadata).read_text(encoding="utf-8")) if args.metadata else None
    print(f"wrote {seal_folder(Path(args.folder), args.reason, sealed, metadata)}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from .report import figure_citation  # nbconvert, pandas

    print(figure_citation(Path(args.figure), bibtex=args.bibtex))
    return 0


def _claims(args: argparse.Namespace) -> int:
    from . import claims  # pandas

    path = claims.ledger_path(RAW_DIR)
    ledger = claims.load_ledger(path)
    if args.claim_id is not None:
        if args.claim_id not in set(ledger["claim_id"]):
            near = difflib.get_close_matches(args.claim_id, ledger["claim_id"].tolist(), n=3)
            hint = f"; did you mean {', '.join(near)}?" if near else "; run without an id to list them all"
            raise ProjectError(f"no claim {args.claim_id!r} in {relative_to_root(path)}{hint}")
        ledger = ledger[ledger["claim_id"] == args.claim_id]
    checked = claims.check_claims(ledger, claims.load_claim_data(PROCESSED_DIR))
    for _, row in checked.iterrows():
        print(claims.claim_line(row))
    if args.claim_id is None:
        tally = claims.status_counts(checked)
        print("; ".join(f"{status}: {n}" for status, n in tally.items()))
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from . import fetch  # pandas

    return fetch.main(args)


COMMANDS = {"run": _run, "verify": _verify, "seal": _seal, "cite": _cite, "claims": _claims, "fetch": _fetch}


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure a reader can act on is one ``error:`` line (exit 2), an
    interruption (Ctrl-C, SIGTERM, SIGHUP) one ``interrupted`` line (exit 128 + the signal)."""
    args = build_parser().parse_args(argv)
    try:
        with stopping_like_ctrl_c():
            return COMMANDS[args.command](args)
    except ProjectError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        line, status = interruption(exc)
        print(line, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        # a notebook thread may still be waiting on its killed kernel: leave without waiting for it
        os._exit(status)
    except OSError as exc:
        print(f"error: {os_error_line(exc)}", file=sys.stderr)
        return 2


def os_error_line(exc: OSError) -> str:
    """``No space left on device: runs/x/data/processed/t.csv``: the problem and the file it concerns."""
    where = relative_to_root(Path(exc.filename)) if exc.filename else ""
    return f"{exc.strerror or exc}: {where}".rstrip(": ")
