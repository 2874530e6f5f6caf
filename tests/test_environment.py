"""The pip pins (requirements.txt) and the conda pins (environment.yml) must agree."""

from __future__ import annotations

import re

from helpers.paths import ROOT


def pip_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def conda_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.-]+)=([0-9][^\s=]*)\s*$", line)
        if match and match.group(1) != "python":
            pins[match.group(1).lower()] = match.group(2)
    return pins


def test_every_pip_pin_is_exact():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        assert not line or "==" in line, f"requirements.txt: {line!r} is not pinned with =="


def test_conda_and_pip_pins_agree():
    assert pip_pins() == conda_pins()


def test_environment_installs_the_package():
    assert "- -e ." in (ROOT / "environment.yml").read_text()


def test_python_floor_matches():
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()
    assert "python=3.11" in (ROOT / "environment.yml").read_text()


def test_every_package_dependency_is_pinned():
    """What `pip install .` needs (pyproject) is pinned too, so the two installs get the same versions."""
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    names = {re.split(r"[<>=!\[ ]", d)[0].lower().replace("-", "_") for d in declared}
    pinned = {name.replace("-", "_") for name in pip_pins()}
    assert names <= pinned, f"unpinned: {sorted(names - pinned)}"
