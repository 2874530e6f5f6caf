"""Provenance manifests for raw data, and the checks every run makes against them.

Each folder of raw files under ``data/raw`` holds a ``MANIFEST.json`` written once, when the
folder's files were obtained. It records where the files came from, their licence and
attribution, and per file the date range, row count and sha256. A pipeline run verifies every
checksum before it reads anything, so an edited or corrupted raw file stops the run with the
file's name instead of silently changing a result.

Raw files are never rewritten: :func:`write_new_file` refuses to replace an existing file and
writes through a temporary file and a rename, so an interrupted write leaves no half file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import RawDataError
from .paths import MANIFEST_NAME, relative_to_root

REQUIRED_TOP_LEVEL = ("dataset", "source", "licence", "attribution", "obtained", "files")
REQUIRED_PER_FILE = ("path", "sha256", "rows")


@dataclass(frozen=True)
class ManifestFile:
    """One file entry of a manifest, resolved to an absolute path."""

    folder: Path
    entry: dict[str, Any]

    @property
    def path(self) -> Path:
        return self.folder / self.entry["path"]


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file's bytes (read in blocks; raw files can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def count_data_rows(path: Path) -> int:
    """Rows of a CSV file, header excluded; other files count as one record."""
    if path.suffix != ".csv":
        return 1
    with open(path, "rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(lines - 1, 0)


def load_manifest(manifest_path: Path) -> dict[str, Any]:
    """Read and structurally check one manifest; errors name the manifest file."""
    where = relative_to_root(manifest_path)
    try:
        manifest = json.loads(Path(manifest_path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RawDataError(f"{where}: not valid JSON (line {exc.lineno}): {exc.msg}") from exc
    missing = [key for key in REQUIRED_TOP_LEVEL if key not in manifest]
    if missing:
        raise RawDataError(f"{where}: missing manifest field(s): {', '.join(missing)}")
    for index, entry in enumerate(manifest["files"]):
        lacking = [key for key in REQUIRED_PER_FILE if key not in entry]
        if lacking:
            raise RawDataError(f"{where}: files[{index}] lacks {', '.join(lacking)}")
    return manifest


def find_manifests(raw_dir: Path) -> list[Path]:
    """All manifests under a raw-data folder, in a stable order."""
    return sorted(Path(raw_dir).rglob(MANIFEST_NAME))


def manifest_files(manifest_path: Path) -> list[ManifestFile]:
    manifest = load_manifest(manifest_path)
    return [ManifestFile(Path(manifest_path).parent, entry) for entry in manifest["files"]]


def _unlisted_files(folder: Path, listed: set[str]) -> list[Path]:
    """Files in a manifest's own folder (not subfolders) that the manifest does not list."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".") and p.name not in listed
    )


def folders_without_manifest(raw_dir: Path) -> list[Path]:
    """Folders under ``raw_dir`` that hold data files but no manifest: their files would be read
    without provenance or checksum, so every run refuses them."""
    raw_dir = Path(raw_dir)
    folders = {
        p.parent
        for p in raw_dir.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw_dir).parts)
    }
    return sorted(f for f in folders if not (f / MANIFEST_NAME).is_file())


def verify_raw_data(raw_dir: Path) -> pd.DataFrame:
    """Check every raw file against its manifest before anything reads it.

    Returns one row per verified file. Raises :class:`RawDataError` naming every file whose
    checksum or row count differs, that is missing, that sits in a manifest folder unlisted, or
    that sits in a folder without a manifest (a file without provenance is never read).
    """
    manifests = find_manifests(raw_dir)
    if not manifests:
        raise RawDataError(f"{relative_to_root(raw_dir)}: no {MANIFEST_NAME} found")
    problems = [
        f"{relative_to_root(folder)}: data files but no {MANIFEST_NAME} (every raw folder needs one; "
        "curated folders are sealed with: python -m helpers seal FOLDER --reason ...)"
        for folder in folders_without_manifest(raw_dir)
    ]
    records: list[dict[str, Any]] = []
    mismatched = 0
    for manifest_path in manifests:
        files = manifest_files(manifest_path)
        listed = {f.entry["path"] for f in files}
        for extra in _unlisted_files(manifest_path.parent, listed):
            problems.append(f"{relative_to_root(extra)}: not listed in {relative_to_root(manifest_path)}")
        for item in files:
            found = _check_one(item)
            mismatched += any("sha256" in p for p in found)
            problems.extend(found)
            records.append(
                {
                    "manifest": relative_to_root(manifest_path),
                    "file": relative_to_root(item.path),
                    "rows": item.entry["rows"],
                    "sha256": item.entry["sha256"],
                }
            )
    if problems:
        hint = _line_ending_hint(manifests) if mismatched >= max(2, len(records) // 2) else ""
        shown = problems[:8] + ([f"and {len(problems) - 8} more"] if len(problems) > 8 else [])
        raise RawDataError("raw data check failed: " + "; ".join(shown) + hint)
    return pd.DataFrame.from_records(records)


def _line_ending_hint(manifests: list[Path]) -> str:
    """When most checksums fail and the files carry CRLF line endings, say what probably happened."""
    for manifest_path in manifests:
        for item in manifest_files(manifest_path):
            if item.path.is_file() and b"\r\n" in item.path.read_bytes()[:65536]:
                return (
                    ". Most checksums fail and the files have Windows (CRLF) line endings: git probably "
                    "converted them (core.autocrlf). The repository's .gitattributes keeps data/raw byte-exact; "
                    "clone again with: git clone -c core.autocrlf=false ..."
                )
    return ""


def _check_one(item: ManifestFile) -> list[str]:
    where = relative_to_root(item.path)
    if not item.path.is_file():
        return [f"{where}: listed in the manifest but missing"]
    problems = []
    actual = sha256_of(item.path)
    if actual != item.entry["sha256"]:
        problems.append(f"{where}: sha256 {actual} does not match the manifest ({item.entry['sha256']})")
    rows = count_data_rows(item.path)
    if rows != int(item.entry["rows"]):
        problems.append(f"{where}: {rows} rows, manifest says {item.entry['rows']}")
    return problems


def data_version(raw_dir: Path) -> str:
    """A short fingerprint of all raw data: sha256 over the manifests' file checksums.

    Printed on every figure and notebook so a citation names the exact data it came from.
    """
    digest = hashlib.sha256()
    for manifest_path in find_manifests(raw_dir):
        for item in manifest_files(manifest_path):
            digest.update(f"{relative_to_root(item.path)}:{item.entry['sha256']}\n".encode())
    return digest.hexdigest()[:12]


def write_new_file(path: Path, data: bytes) -> None:
    """Write a new raw file atomically; refuse to replace an existing one.

    The bytes go to a temporary file in the same folder, are flushed to disk, and are then
    linked into place, so a crash leaves either no file or the whole file.
    """
    path = Path(path)
    if path.exists():
        raise RawDataError(f"{relative_to_root(path)}: already exists; raw files are never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(tmp_name, path)  # fails if the target appeared meanwhile: never overwrites
    finally:
        os.unlink(tmp_name)


def manifest_entry(path: Path, **extra: Any) -> dict[str, Any]:
    """The per-file manifest record for a file already written."""
    return {"path": Path(path).name, **extra, "rows": count_data_rows(path), "sha256": sha256_of(path)}


def write_manifest(folder: Path, metadata: dict[str, Any], files: list[dict[str, Any]]) -> Path:
    """Write a folder's manifest once; it is raw data too and is never rewritten."""
    manifest = {**metadata, "files": files}
    missing = [key for key in REQUIRED_TOP_LEVEL if key not in manifest]
    if missing:
        raise RawDataError(f"manifest for {relative_to_root(folder)} lacks {', '.join(missing)}")
    target = Path(folder) / MANIFEST_NAME
    write_new_file(target, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return target


def write_new_folder(target: Path, files: dict[str, tuple[bytes, dict[str, Any]]], metadata: dict[str, Any]) -> Path:
    """Create the raw folder ``target`` with ``files`` (name -> bytes, manifest fields) and its manifest.

    Everything is written into a hidden staging folder beside ``target`` and renamed into place
    in one step, so a reader never sees a half-written folder and an interruption leaves nothing.
    """
    target = Path(target)
    if target.exists():
        raise RawDataError(f"{relative_to_root(target)}: already exists; raw data is never overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    try:
        entries = []
        for name, (data, fields) in files.items():
            path = staging / name
            write_new_file(path, data)
            entries.append(manifest_entry(path, **fields))
        write_manifest(staging, metadata, entries)
        os.rename(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return target


CURATED_REFUSED = ("openrouter/rankings-daily", "openrouter/models")


def describe_raw_folders(raw_dir: Path) -> list[dict[str, Any]]:
    """One line per raw folder for the report's data-versions section: what it holds, its as-of or
    retrieval date, the days it covers (rankings) and its files."""
    records = []
    for manifest_path in find_manifests(raw_dir):
        manifest = load_manifest(manifest_path)
        days = [(f["start_date"], f["end_date"]) for f in manifest["files"] if "start_date" in f]
        obtained = manifest.get("obtained", {})
        records.append(
            {
                "folder": Path(manifest_path.parent).relative_to(raw_dir).as_posix(),
                "dataset": manifest.get("dataset", ""),
                "as of / sealed": manifest.get("as_of")
                or (manifest.get("history") or [{}])[-1].get("sealed", "")
                or obtained.get("retrieved_at", ""),
                "days covered": f"{min(d[0] for d in days)} to {max(d[1] for d in days)}" if days else "",
                "files": len(manifest["files"]),
            }
        )
    return records


def seal_folder(folder: Path, reason: str, sealed: str, metadata: dict[str, Any] | None = None) -> Path:
    """Write a curated folder's manifest after a reviewed edit, keeping its history.

    The new manifest keeps the old one's top-level fields (or takes ``metadata`` for a new folder),
    lists every file with its row count and sha256 (per-file descriptions carried over), and
    appends to ``history`` the date, the reason, the old manifest's sha256 and the files that
    changed. Fetched data (rankings vintages, catalog snapshots) is never resealed: it is stored
    again as a new folder instead.
    """
    folder = Path(folder)
    target = folder / MANIFEST_NAME
    old = load_manifest(target) if target.is_file() else None
    if old is None and metadata is None:
        raise RawDataError(f"{relative_to_root(folder)}: no {MANIFEST_NAME} to carry over; pass --metadata FILE")
    base = dict(metadata or old or {})
    if any(str(base.get("dataset", "")).startswith(kind) for kind in CURATED_REFUSED):
        raise RawDataError(
            f"{relative_to_root(folder)}: fetched data is never resealed; fetch it again as a new vintage"
        )
    per_file = {
        e["path"]: {k: v for k, v in e.items() if k not in ("path", "rows", "sha256")}
        for e in (old or {}).get("files", [])
    }
    per_file.update(base.pop("file_fields", {}))
    files = sorted(
        p for p in folder.iterdir() if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith(".")
    )
    entries = [manifest_entry(p, **per_file.get(p.name, {})) for p in files]
    before = {e["path"]: e["sha256"] for e in (old or {}).get("files", [])}
    changed = sorted(
        {e["path"] for e in entries if before.get(e["path"]) != e["sha256"]}
        | (set(before) - {e["path"] for e in entries})
    )
    history = [
        *base.pop("history", []),
        {
            "sealed": sealed,
            "reason": reason,
            "changed": changed,
            "previous_manifest_sha256": sha256_of(target) if old else "",
        },
    ]
    manifest = {**{k: v for k, v in base.items() if k != "files"}, "history": history, "files": entries}
    missing = [key for key in REQUIRED_TOP_LEVEL if key not in manifest]
    if missing:
        raise RawDataError(f"manifest for {relative_to_root(folder)} lacks {', '.join(missing)}")
    fd, tmp = tempfile.mkstemp(prefix=f".{MANIFEST_NAME}.", dir=folder)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    os.replace(tmp, target)
    return target
