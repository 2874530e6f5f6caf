"""The secret scan (scripts/scan_secrets.py, run by CI and pre-commit) catches keys and passes on the repo.

Every key below is assembled at run time, so this file holds no key-like string itself.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import scan_secrets

SCAN = ROOT / "scripts" / "scan_secrets.py"
OPENROUTER_KEY = "sk-or-v1-" + "0123456789abcdef" * 4  # the shape of a real OpenRouter key


def scan(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """The command as CI runs it."""
    return subprocess.run([sys.executable, str(SCAN), *map(str, args)], cwd=cwd, capture_output=True, text=True)


def test_a_planted_openrouter_key_is_caught_and_not_printed(tmp_path: Path):
    planted = tmp_path / "settings.py"
    planted.write_text(f'import os\n\nOPENROUTER_API_KEY = "{OPENROUTER_KEY}"\n')
    result = scan(planted)
    assert result.returncode == 1
    assert f"{planted}:3:" in result.stdout
    assert "OpenRouter API key" in result.stdout
    assert OPENROUTER_KEY[9:15] not in result.stdout + result.stderr  # the finding never shows the key


@pytest.mark.parametrize(
    ("kind", "line"),
    [
        ("OpenRouter API key", "curl -H 'Authorization: x' # " + OPENROUTER_KEY),
        ("Anthropic API key", "key: sk-ant-" + "api03-" + "A1b2C3d4" * 4),
        ("OpenAI-style API key", "OPENAI_API_KEY=sk-" + "proj-" + "Zx9" * 10),
        ("GitHub token", "token = ghp_" + "a1B2" * 9),
        ("AWS access key id", "aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE"),
        ("bearer token", '"Authorization": "Bearer ' + "eyJhbGciOi.JIUzI1NiJ9.x" * 2 + '"'),
        ("private key", "-----BEGIN " + "OPENSSH PRIVATE KEY-----"),
    ],
)
def test_other_kinds_of_key_are_caught(tmp_path: Path, kind: str, line: str):
    planted = tmp_path / "notes.md"
    planted.write_text(f"Some notes.\n{line}\n")
    found = scan_secrets.findings(planted)
    assert len(found) == 1 and found[0].startswith(f"{planted}:2:") and found[0].endswith(kind), found


def test_marked_fake_keys_short_test_keys_images_and_base64_pass(tmp_path: Path):
    marked = tmp_path / "test_fake.py"
    marked.write_text(
        f'KEY = "{OPENROUTER_KEY}"  # a test\'s fake key (secret-scan: allow)\nSHORT = "sk-or-test-1"\n# disk-or-memory-constraints-in-long-words\n'
    )
    image = tmp_path / "figure.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\0\0" + OPENROUTER_KEY.encode())
    embedded = tmp_path / "notebook.ipynb"  # key-like runs inside base64 image data are not keys
    embedded.write_text(
        '{"image/png": "iVBORw0KGgoAAAANSUhEUgAAAKIA' + "QUJDREVGR0hJSktMTU5P" + "AIza" + "Q" * 35 + 'gg=="}\n'
    )
    assert scan_secrets.main([str(marked), str(image), str(embedded)]) == 0


def test_the_repository_holds_no_key_like_strings():
    files = scan_secrets.candidate_files(ROOT)
    assert len(files) > 100
    assert [line for path in files for line in scan_secrets.findings(path)] == []
