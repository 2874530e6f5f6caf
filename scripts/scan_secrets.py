"""Scan files for strings that look like API keys, tokens or private keys, before they are committed.

    python scripts/scan_secrets.py            # every tracked file and every new file git does not ignore
    python scripts/scan_secrets.py FILE...    # these files (pre-commit passes the staged ones)

CI runs it on every submission (``.ci/run``). The project reads its one secret, ``OPENROUTER_API_KEY``,
from the environment only; a key that lands in a file is a key to revoke. A finding prints the file,
the line, the column and the kind of key (never the key: logs are read by others), and the
command exits 1.

A line holding a deliberately fake key (a test's) says so with the marker ``secret-scan: allow``.
Binary files (any NUL byte: images) are skipped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from worktree import working_tree_files

REPO = Path(__file__).resolve().parents[1]
ALLOW = "secret-scan: allow"
# A key starts where a word does (so "disk-or-memory-..." is no key) and ends where its characters
# stop. The two kinds written only in base64's letters also need a non-base64 character before them:
# a run inside an embedded image (notebooks, SVGs) is not a finding.
_START = r"(?<![A-Za-z0-9_])"
_B64_START = r"(?<![A-Za-z0-9+/])"
_END = r"(?![A-Za-z0-9_-])"
PATTERNS = {
    "OpenRouter API key": rf"{_START}sk-or-(?:v\d+-)?[A-Za-z0-9_-]{{20,}}{_END}",
    "Anthropic API key": rf"{_START}sk-ant-[A-Za-z0-9_-]{{20,}}{_END}",
    "OpenAI-style API key": rf"{_START}sk-(?!or-|ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{{20,}}{_END}",
    "GitHub token": rf"{_START}(?:gh[pousr]_[A-Za-z0-9]{{36,}}|github_pat_[A-Za-z0-9_]{{22,}}){_END}",
    "AWS access key id": rf"{_B64_START}(?:AKIA|ASIA)[0-9A-Z]{{16}}{_END}",
    "Google API key": rf"{_B64_START}AIza[0-9A-Za-z_-]{{35}}{_END}",
    "Hugging Face token": rf"{_START}hf_[A-Za-z0-9]{{30,}}{_END}",
    "Slack token": rf"{_START}xox[abprs]-[A-Za-z0-9-]{{10,}}{_END}",
    "bearer token": r"\bBearer\s+[A-Za-z0-9._~+/-]{24,}=*",
    "private key": r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----",
}
FINDERS = [(kind, re.compile(pattern)) for kind, pattern in PATTERNS.items()]
# What every pattern starts with: files without any of these are not searched line by line.
ANCHORS = re.compile(r"sk-|gh[pousr]_|github_pat_|AKIA|ASIA|AIza|hf_|xox[abprs]-|Bearer|PRIVATE KEY")


def candidate_files(repo: Path = REPO) -> list[Path]:
    """Tracked files plus new files git does not ignore; every file below ``repo`` outside git."""
    return [repo / n for n in working_tree_files(repo)]


def findings(path: Path) -> list[str]:
    """``path:line:column: kind`` for each key-like string in a text file (never the string itself,
    which would put the key in the log)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:  # removed since it was listed
        return []
    except OSError as exc:
        return [f"{path}: cannot be read ({exc.strerror})"]
    if b"\0" in data:
        return []
    text = data.decode("utf-8", "replace")
    if not ANCHORS.search(text):
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if ALLOW in line or not ANCHORS.search(line):
            continue
        for kind, finder in FINDERS:
            for match in finder.finditer(line):
                found.append(f"{path}:{number}:{match.start() + 1}: {kind}")
    return found


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] if argv else candidate_files()
    found = [line for path in files for line in findings(path)]
    for line in found:
        print(line)
    if found:
        print(
            f"secret scan: {len(found)} key-like string(s); remove them (and revoke any real key), or mark a "
            f"deliberately fake one with '{ALLOW}' on its line",
            file=sys.stderr,
        )
        return 1
    print(f"secret scan: {len(files)} files, no key-like strings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
