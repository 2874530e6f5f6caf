"""Benchmark (not a test): how long a warm run takes, against the floor it cannot beat, and how it grows.

Three measurements, side by side in one process so they share the machine's state (the floor and
the warm run in alternation):

1. **Kernel-start floor**: one kernel per notebook of the pipeline (five since notebook 5) started
   one after another, each importing what the pipeline's notebooks import, then shut down. No run
   of the notebooks can be faster than this
   without sharing a kernel.
2. **Warm reference run**: ``python -m helpers run --out <temporary folder>`` on the shipped data
   (one untimed run first, so disk caches and compiled bytecode are warm).
3. **Scale**: the same run on synthetic raw data with 10 and 100 times the shipped rows. Each
   model's daily tokens are split across k variants (``<slug>-synthN``), so every day's total,
   every author's total and the collector's daily totals are unchanged, only the rows multiply
   (more models per day, as a growing long tail would bring).

Nothing is written into the repository: the synthetic raw data and every run live in a temporary
folder. Prints a Markdown table; this machine's figures are in benchmarks/RESULTS.md.

    .venv/bin/python benchmarks/pipeline_benchmark.py [--repeat 3] [--factors 10 100]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from helpers.manifest import MANIFEST_NAME, load_manifest, manifest_entry, write_manifest
from helpers.paths import RAW_DIR, ROOT, rankings_dir
from helpers.runner import KERNEL_NAME, WARM_UP
from helpers.steps import load_steps

VARIANT_MARK = "-synth"


def kernel_floor(kernels: int | None = None) -> float:
    """Seconds to start ``kernels`` kernels one after another, each running the pipeline's imports."""
    from jupyter_client import KernelManager

    kernels = len(load_steps()) if kernels is None else kernels
    started = time.perf_counter()
    for _ in range(kernels):
        manager = KernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(Path(tempfile.mkdtemp()) / "kernel"))
        manager.start_kernel(cwd=str(ROOT / "notebooks"))
        client = manager.blocking_client()
        client.start_channels()
        client.wait_for_ready(timeout=120)
        client.execute_interactive(WARM_UP, silent=True, store_history=False, timeout=300)
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return time.perf_counter() - started


def timed_run(out: Path, raw_dir: Path | None = None) -> float:
    """Seconds for one whole pipeline run into ``out`` (a fresh folder each time)."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "helpers", "run", "--out", str(out)]
    command += ["--raw-dir", str(raw_dir)] if raw_dir else []
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def split_rows(rows: pd.DataFrame, factor: int) -> pd.DataFrame:
    """Each model's row as ``factor`` rows whose tokens add up to the original (the remainder stays
    with the first); the variants are named ``<slug>-synthN[:variant]``, so ``:free`` stays free.
    OpenRouter's single ``other`` row per day is kept as it is."""
    other = rows[rows["model_permaslug"] == "other"]
    models = rows[rows["model_permaslug"] != "other"]
    parts = models.loc[models.index.repeat(factor)].reset_index(drop=True)
    part = pd.Series(range(len(parts))) % factor
    base = parts["total_tokens"] // factor
    parts["total_tokens"] = base + (parts["total_tokens"] - base * factor).where(part == 0, 0)
    slugs = parts["model_permaslug"].str.extract(r"^(?P<slug>[^:]+)(?P<variant>:.*)?$").fillna("")
    parts["model_permaslug"] = parts["model_permaslug"].where(
        part == 0, slugs["slug"] + VARIANT_MARK + part.astype(str) + slugs["variant"]
    )
    return pd.concat([parts, other]).sort_values(["date", "total_tokens"], ascending=[True, False], kind="stable")


def synthetic_raw(scratch: Path, factor: int) -> tuple[Path, int]:
    """A copy of data/raw whose ranking rows are multiplied by ``factor``, resealed; and its row count."""
    raw = scratch / f"raw_x{factor}"
    shutil.copytree(RAW_DIR, raw)
    vintages = [p for p in rankings_dir(raw).iterdir() if p.is_dir()]
    rows = 0
    for vintage in vintages:
        for month in sorted(vintage.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].csv")):
            table = split_rows(pd.read_csv(month, dtype={"total_tokens": "int64"}), factor)
            table.to_csv(month, index=False)
            rows += len(table)
        reseal(vintage)
    return raw, rows


def reseal(vintage: Path) -> None:
    """Rewrite the scratch copy's manifest for its new bytes (``helpers seal`` rightly refuses to
    reseal fetched data; this is a throwaway copy, never the repository's)."""
    manifest_path = vintage / MANIFEST_NAME
    manifest = load_manifest(manifest_path)
    files = [
        manifest_entry(vintage / f["path"], **{k: v for k, v in f.items() if k not in ("path", "rows", "sha256")})
        for f in manifest.pop("files")
    ]
    manifest_path.unlink()
    write_manifest(vintage, manifest, files)


def shipped_rows() -> int:
    return sum(
        len(pd.read_csv(month))
        for vintage in rankings_dir(RAW_DIR).iterdir()
        if vintage.is_dir()
        for month in vintage.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9].csv")
    )


def median(times: list[float]) -> float:
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--factors", type=int, nargs="*", default=[10, 100])
    args = parser.parse_args()
    results: dict[str, object] = {"repeat": args.repeat}
    with tempfile.TemporaryDirectory(prefix="openrouter-audit-bench-") as scratch:
        scratch = Path(scratch)
        timed_run(scratch / "warm-up")
        # in alternation, so a change in the machine's load between measurements touches both
        pairs = [(kernel_floor(), timed_run(scratch / "reference")) for _ in range(args.repeat)]
        floor = [seconds for seconds, _ in pairs]
        reference = [seconds for _, seconds in pairs]
        base_rows = shipped_rows()
        rows = [("shipped data", base_rows, reference)]
        for factor in args.factors:
            raw, count = synthetic_raw(scratch, factor)
            rows.append(
                (f"{factor}x the rows", count, [timed_run(scratch / f"x{factor}", raw) for _ in range(args.repeat)])
            )
    print(f"| measurement | ranking rows | median s (of {args.repeat}) | min s | ratio |")
    print("|---|---|---|---|---|")
    print(
        f"| floor: {len(load_steps())} kernel starts with the pipeline's imports | | {median(floor):.2f} "
        f"| {min(floor):.2f} | 1.00 |"
    )
    print(
        f"| warm run, shipped data, vs the floor | {base_rows:,} | {median(reference):.2f} | {min(reference):.2f} "
        f"| {median(reference) / median(floor):.2f} |"
    )
    for name, count, times in rows[1:]:
        print(
            f"| warm run, {name}, vs shipped data | {count:,} | {median(times):.2f} | {min(times):.2f} "
            f"| {median(times) / median(reference):.2f} |"
        )
    results.update(
        floor_s=floor,
        runs={name: {"rows": count, "seconds": times} for name, count, times in rows},
    )
    print("\n<!-- raw timings: " + json.dumps(results) + " -->")


if __name__ == "__main__":
    main()
