"""Write the MANIFEST.json of a hand-curated raw folder (reference tables, enterprise data, prices).

Curated tables change only by a reviewed commit. To change one: edit the CSV, delete the
folder's MANIFEST.json by hand, and run this script again; the manifest is never rewritten in
place, so a checksum can only change together with a visible deletion in the diff.

    python scripts/seal_folder.py data/raw/reference scripts/metadata/reference.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from helpers.manifest import manifest_entry, write_manifest
from helpers.paths import MANIFEST_NAME


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("metadata", type=Path, help="JSON with the folder's top-level manifest fields "
                        "and an optional 'file_fields' mapping of file name to extra per-file fields")
    args = parser.parse_args()
    metadata = json.loads(args.metadata.read_text(encoding="utf-8"))
    per_file = metadata.pop("file_fields", {})
    files = sorted(p for p in args.folder.iterdir()
                   if p.is_file() and p.name != MANIFEST_NAME and not p.name.startswith("."))
    entries = [manifest_entry(p, **per_file.get(p.name, {})) for p in files]
    print(write_manifest(args.folder, metadata, entries))


if __name__ == "__main__":
    main()
