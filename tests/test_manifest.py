"""Raw files are verified against their manifests and never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers.errors import RawDataError
from helpers.manifest import seal_folder, verify_raw_data, write_new_file
from helpers.paths import RAW_DIR

MONTH = Path("openrouter/rankings-daily/2026-10-06_gpu-tracker-00559ab/2026-06.csv")


def test_shipped_raw_data_matches_every_checksum():
    checked = verify_raw_data(RAW_DIR)
    assert len(checked) >= 24  # 22 monthly files + daily totals + reference tables
    assert checked["file"].str.endswith("2026-06.csv").any()


def test_one_changed_digit_fails_naming_the_file(raw_copy: Path):
    path = raw_copy / MONTH
    text = path.read_text()
    line = text.splitlines()[5]
    changed = line[:-1] + ("1" if line[-1] != "1" else "2")
    path.write_text(text.replace(line, changed, 1))
    with pytest.raises(RawDataError, match=r"2026-06\.csv: sha256"):
        verify_raw_data(raw_copy)


def test_unlisted_file_is_refused(raw_copy: Path):
    (raw_copy / MONTH).with_name("2026-11.csv").write_text("date,model_permaslug,total_tokens\n")
    with pytest.raises(RawDataError, match="2026-11.csv: not listed"):
        verify_raw_data(raw_copy)


def test_missing_file_is_named(raw_copy: Path):
    (raw_copy / MONTH).unlink()
    with pytest.raises(RawDataError, match="2026-06.csv: listed in the manifest but missing"):
        verify_raw_data(raw_copy)


def test_write_new_file_never_overwrites(tmp_path: Path):
    target = tmp_path / "a.csv"
    write_new_file(target, b"x\n")
    with pytest.raises(RawDataError, match="never overwritten"):
        write_new_file(target, b"y\n")
    assert target.read_bytes() == b"x\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]  # no temporary file left behind


def test_a_folder_without_a_manifest_is_refused(raw_copy: Path):
    (raw_copy / "prices" / "MANIFEST.json").unlink()
    with pytest.raises(RawDataError, match=r"prices: data files but no MANIFEST.json"):
        verify_raw_data(raw_copy)


def test_a_data_file_dropped_into_a_new_folder_is_refused(raw_copy: Path):
    (raw_copy / "extra").mkdir()
    (raw_copy / "extra" / "more.csv").write_text("a\n1\n")
    with pytest.raises(RawDataError, match=r"extra: data files but no MANIFEST.json"):
        verify_raw_data(raw_copy)


def test_windows_line_endings_get_a_hint(raw_copy: Path):
    for path in raw_copy.rglob("*.csv"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(RawDataError, match=r"line endings.*core.autocrlf"):
        verify_raw_data(raw_copy)


def test_sealing_a_curated_folder_records_what_changed_and_keeps_history(raw_copy: Path):
    folder = raw_copy / "assumptions"
    before = json.loads((folder / "MANIFEST.json").read_text())
    table = folder / "prompt_share.csv"
    table.write_text(table.read_text().replace("general,0.9,", "general,0.88,"))
    with pytest.raises(RawDataError, match="prompt_share.csv: sha256"):
        verify_raw_data(raw_copy)
    seal_folder(folder, "test edit", "2026-12-04")
    after = json.loads((folder / "MANIFEST.json").read_text())
    assert after["history"][:-1] == before["history"]
    assert after["history"][-1]["changed"] == ["prompt_share.csv"] and after["history"][-1]["reason"] == "test edit"
    assert after["dataset"] == before["dataset"]
    verify_raw_data(raw_copy)


def test_fetched_data_is_never_resealed(raw_copy: Path):
    vintage = next((raw_copy / "openrouter" / "rankings-daily").iterdir())
    with pytest.raises(RawDataError, match="fetched data is never resealed"):
        seal_folder(vintage, "no", "2026-12-04")
