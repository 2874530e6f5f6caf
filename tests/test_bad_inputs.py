"""The bad-input corpus: every way the input can be wrong, run through the command a reader types.

Each case edits a private copy of data/raw (re-sealing the edited file where the point is a bad
row rather than a changed checksum), runs ``python -m helpers run`` on it, and checks the exit
code, that the message is one line naming what is wrong, and that neither the shipped raw data
nor the committed outputs changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import digest

from helpers import spend
from helpers.cli import main
from helpers.manifest import manifest_entry
from helpers.paths import NOTEBOOKS_DIR, PROCESSED_DIR, RAW_DIR, REPORTS_DIR

VINTAGE = Path("openrouter/rankings-daily/2026-10-06_gpu-tracker-00559ab")
MONTH = VINTAGE / "2026-06.csv"


def reseal(path: Path) -> None:
    """Record an edited file's new checksum in its folder's manifest (as a curator or a fetch would)."""
    manifest_path = path.parent / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text())
    for i, entry in enumerate(manifest["files"]):
        if entry["path"] == path.name:
            extra = {k: v for k, v in entry.items() if k not in ("path", "rows", "sha256")}
            manifest["files"][i] = manifest_entry(path, **extra)
    manifest_path.write_text(json.dumps(manifest, indent=2))


def edit_lines(path: Path, change) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join(change(lines)) + "\n")


def edit_line(number: int, change):
    """Change line ``number`` of a file (line 1 is the header), as text."""
    return lambda p: edit_lines(p, lambda ls: [*ls[: number - 1], change(ls[number - 1]), *ls[number:]])


def put_byte(number: int, byte: bytes):
    """Put ``byte`` (not UTF-8) in the middle of line ``number``: a file saved in another encoding."""

    def edit(path: Path) -> None:
        lines = path.read_bytes().split(b"\n")
        line = lines[number - 1]
        lines[number - 1] = line[: len(line) // 2] + byte + line[len(line) // 2 :]
        path.write_bytes(b"\n".join(lines))

    return edit


def edit_table(path: Path, change) -> None:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    change(table)
    table.to_csv(path, index=False, lineterminator="\n")


def set_cell(row: int, column: str, value: str):
    def change(table: pd.DataFrame) -> None:
        table.loc[row, column] = value

    return change


CASES = {
    "corrupt line": (
        MONTH,
        lambda p: edit_lines(p, lambda ls: [*ls[:5], ls[5].rsplit(",", 1)[0] + ",12x", *ls[6:]]),
        True,
        r"2026-06\.csv: line 6, column total_tokens: must be a whole number from 0",
    ),
    "duplicate row": (
        MONTH,
        lambda p: edit_lines(p, lambda ls: [*ls, ls[1]]),
        True,
        r"duplicate \(date, model_permaslug\) rows",
    ),
    "token count beyond 64 bits": (
        MONTH,
        lambda p: edit_lines(p, lambda ls: [*ls[:5], ls[5].rsplit(",", 1)[0] + "," + "9" * 25, *ls[6:]]),
        True,
        r"more than 18 digits",
    ),
    "weekly buckets": (
        MONTH,
        lambda p: edit_lines(
            p,
            lambda ls: (
                [ls[0]]
                + [
                    ",".join([*line.split(",")[:2], str(int(line.split(",")[2]) * 7)])
                    if line.startswith("2026-06-10")
                    else line
                    for line in ls[1:]
                ]
            ),
        ),
        True,
        r"do not look daily",
    ),
    "unknown author": (
        MONTH,
        lambda p: edit_lines(
            p, lambda ls: [*ls[:5], ls[5].replace(ls[5].split(",")[1].split("/")[0], "acme-ai", 1), *ls[6:]]
        ),
        True,
        r"not in data/raw/reference/authors\.csv: acme-ai",
    ),
    "edited file, not resealed": (
        MONTH,
        lambda p: edit_lines(p, lambda ls: [*ls[:5], ls[5][:-1] + "7", *ls[6:]]),
        False,
        r"2026-06\.csv: sha256 .* does not match the manifest",
    ),
    "enterprise row without a URL": (
        Path("enterprise/observations.csv"),
        lambda p: edit_table(p, set_cell(3, "url", "")),
        True,
        r"observations\.csv: line 5, column url",
    ),
    "enterprise value with a percent sign": (
        Path("enterprise/observations.csv"),
        lambda p: edit_table(p, set_cell(3, "value", "16.7%")),
        True,
        r"observations\.csv: line 5, column value",
    ),
    "price with a bad date": (
        Path("prices/prices.csv"),
        lambda p: edit_table(p, set_cell(7, "valid_from", "2026-13-01")),
        True,
        r"prices\.csv: line 9, column valid_from",
    ),
    "claim with a unit its definition does not have": (
        Path("reference/claims/claims.csv"),
        lambda p: edit_table(p, set_cell(6, "unit", "percent")),  # a streak of 6 weeks, said to be 6 percent
        True,
        r"claims\.csv: line 8, column unit: is not the unit of the row's definition_id",
    ),
    "prompt share above 1": (
        Path("assumptions/prompt_share.csv"),
        lambda p: edit_table(p, set_cell(0, "prompt_share_high", "1.4")),
        True,
        r"prompt_share\.csv: line 2, column prompt_share_high",
    ),
}

PRICES = Path("prices/prices.csv")

# Values that parse but make no sense, and files that are not well-formed CSV: each must stop the
# run in one line naming the file and line (and the column, where a cell is at fault).
CASES |= {
    "infinite price": (
        PRICES,
        lambda p: edit_table(p, set_cell(3, "prompt_usd_per_mtok", "inf")),
        True,
        r"prices\.csv: line 5, column prompt_usd_per_mtok: must be a number from 0 to 2,000 "
        r"\(US dollars per million tokens\) \(values: 'inf'\)",
    ),
    "price of 1e308": (
        PRICES,
        lambda p: edit_table(p, set_cell(3, "completion_usd_per_mtok", "1e308")),
        True,
        r"prices\.csv: line 5, column completion_usd_per_mtok: outside the plausible range: "
        r"must be a number from 0 to 2,000 \(US dollars per million tokens\) \(values: '1e308'\)",
    ),
    "negative market volume": (
        Path("market/lenses.csv"),
        lambda p: edit_table(p, set_cell(1, "value", "-8.6e12")),
        True,
        r"market/lenses\.csv: line 3, column value: outside the plausible range: must be a number from 0",
    ),
    "a period that ends before it starts": (
        Path("market/lenses.csv"),
        lambda p: edit_table(p, set_cell(1, "period_end", "2025-09-30")),
        True,
        r"market/lenses\.csv: line 3, column period_end: before period_start "
        r"\(period_start '2025-10-01', period_end '2025-09-30'\)",
    ),
    "low above high": (
        Path("prices/spend_checks.csv"),
        lambda p: edit_table(p, set_cell(0, "value_low", "40")),
        True,
        r"spend_checks\.csv: line 2, column value_high: is below value_low \(value_low '40', value_high '37\.5'\)",
    ),
    "central outside its range": (
        Path("assumptions/prompt_share.csv"),
        lambda p: edit_table(p, set_cell(1, "prompt_share_low", "0.95")),
        True,
        r"prompt_share\.csv: line 3, column prompt_share_central: must lie between low and high",
    ),
    "extra field in prices.csv": (
        PRICES,
        edit_line(5, lambda line: line + ",surplus"),
        True,
        r"prices\.csv: line 5: 14 fields where the header has 13",
    ),
    "extra field in authors.csv": (
        Path("reference/authors.csv"),
        edit_line(7, lambda line: line.replace(",", ",,", 1)),
        True,
        r"authors\.csv: line 7: 10 fields where the header has 9",
    ),
    "unbalanced quote in observations.csv": (
        Path("enterprise/observations.csv"),
        edit_line(4, lambda line: line.replace(",", ',"', 1)),
        True,
        r"observations\.csv: line 4: .*(unbalanced quote|runs on to line)",
    ),
    "byte that is not UTF-8": (
        Path("reference/model_overrides.csv"),
        put_byte(3, b"\xff"),
        True,
        r"model_overrides\.csv: line 3: byte 0xff at position \d+ is not UTF-8",
    ),
    "a claim value of abc": (
        Path("reference/claims/claims.csv"),
        lambda p: edit_table(p, set_cell(4, "value", "abc")),
        True,
        r"claims\.csv: line 6, column value: must be a number \(tokens written out",
    ),
    "rankings month cut to its header": (
        MONTH,
        lambda p: edit_lines(p, lambda ls: ls[:1]),
        True,
        r"2026-06\.csv: line 1: the table holds only its header, no rows",
    ),
    "rankings month holding a day of another month": (
        MONTH,
        edit_line(3, lambda line: line.replace("2026-06-", "2026-07-", 1)),
        True,
        r"2026-06\.csv: line 3, column date: outside 2026-06-01 to 2026-06-30, the period the file's name",
    ),
    "a regular expression that does not compile": (
        Path("assumptions/model_classes.csv"),
        lambda p: edit_table(p, set_cell(0, "key", "(?:coder|codex")),
        True,
        r"model_classes\.csv: line 2, column key: must be a regular expression that compiles",
    ),
}


@pytest.fixture(scope="module")
def untouched():
    return digest(RAW_DIR), digest(PROCESSED_DIR, NOTEBOOKS_DIR, REPORTS_DIR)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_the_run_in_one_line_and_changes_nothing(case, raw_copy, tmp_path, capsys, untouched):
    relative, edit, seal, message = CASES[case]
    edit(raw_copy / relative)
    if seal:
        reseal(raw_copy / relative)
    code = main(
        [
            "run",
            "--start",
            "2026-06-01",
            "--end",
            "2026-06-07",
            "--raw-dir",
            str(raw_copy),
            "--out",
            str(tmp_path / "out"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert re.search(message, err), err
    assert not (tmp_path / "out").exists()
    assert (digest(RAW_DIR), digest(PROCESSED_DIR, NOTEBOOKS_DIR, REPORTS_DIR)) == untouched


def run_one_week(raw_copy: Path) -> int:
    """The CLI's exit code for a one-week run on ``raw_copy`` into a scratch folder."""
    args = [
        "--raw-dir",
        str(raw_copy),
        "--start",
        "2026-06-01",
        "--end",
        "2026-06-07",
        "--out",
        str(raw_copy.parent / "o"),
    ]
    return main(["run", *args])


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda m: m["files"].pop(0), r"not listed in"),
        (
            lambda m: m["files"].append({**m["files"][0], "path": "2031-01.csv"}),
            r"2031-01\.csv: listed in the manifest but missing",
        ),
    ],
)
def test_a_manifest_missing_or_inventing_an_entry_is_refused(edit, message, raw_copy, capsys):
    path = raw_copy / VINTAGE / "MANIFEST.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    path.write_text(json.dumps(manifest))
    assert run_one_week(raw_copy) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and re.search(message, err), err


def test_a_deleted_manifest_stops_verify_and_every_run_naming_the_folder(raw_copy, capsys, monkeypatch):
    (raw_copy / "prices" / "MANIFEST.json").unlink()
    assert run_one_week(raw_copy) == 2
    assert "prices: data files but no MANIFEST.json" in capsys.readouterr().err


@pytest.mark.parametrize("layout, message", [("empty", "does not exist"), ("no-reference", "lacks reference/")])
def test_a_raw_dir_without_its_parts_is_one_line(layout, message, raw_copy, tmp_path, capsys):
    import shutil

    target = tmp_path / "nowhere"
    if layout == "no-reference":
        shutil.rmtree(raw_copy / "reference")
        target = raw_copy
    assert (
        main(
            [
                "run",
                "--raw-dir",
                str(target),
                "--start",
                "2026-06-01",
                "--end",
                "2026-06-07",
                "--out",
                str(tmp_path / "o"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_run_already_writing_to_the_same_place_refuses_the_second(tmp_path, capsys):
    from helpers import runner

    out = tmp_path / "out"
    with runner.run_lock(runner.plan_run("2026-06-01", "2026-06-07", str(out))):
        assert main(["run", "--start", "2026-06-01", "--end", "2026-06-07", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "another run (process" in err and len(err.strip().splitlines()) == 1


def test_an_unpriced_model_is_weighed_by_what_it_could_cost(history, shares):
    prices = spend.load_prices(RAW_DIR / "prices" / "prices.csv")
    without = prices[~prices["model_permaslug"].str.startswith("anthropic/claude-4.7-opus")]
    window = history[(history["date"] >= "2026-05-01") & (history["date"] <= "2026-05-31")]
    unpriced = spend.unpriced_models(spend.price_rows(window, without, shares)).set_index("model_permaslug")
    assert unpriced.loc["anthropic/claude-4.7-opus-20260416", "moves_share"]
    assert unpriced.loc["anthropic/claude-4.7-opus-20260416", "max_points"] > 5
