"""Classification by origin: rules on small frames, and the shipped registry's coverage."""

from __future__ import annotations

import pytest
from conftest import make_rows

from helpers.errors import ClassificationError, RawDataError
from helpers.paths import RANKINGS_DIR, REFERENCE_DIR
from helpers.rankings import load_rankings
from helpers.registry import ORIGIN_GROUPS, classify, load_registry, split_permaslug


def test_split_permaslug_variants():
    rows = make_rows(
        [("2026-06-01", "deepseek/v4:free", 1), ("2026-06-01", "other", 1), ("2026-06-01", "~openai/gpt-latest", 1)]
    )
    parts = split_permaslug(rows["model_permaslug"])
    assert parts["author"].tolist() == ["deepseek", "other", "openai"]
    assert parts["variant"].tolist() == ["free", "", ""]


def test_classify_applies_author_stealth_derivative_and_open_weight(tiny_registry):
    rows = make_rows(
        [
            ("2026-06-01", "deepseek/deepseek-v4-flash-20260423", 10),
            ("2026-06-01", "openai/gpt-oss-120b:free", 5),
            ("2026-06-01", "openai/gpt-5", 5),
            ("2026-06-01", "openrouter/pony-alpha", 3),
            ("2026-06-01", "openrouter/owl-alpha", 3),
            ("2026-06-01", "tngtech/deepseek-r1t2-chimera:free", 2),
            ("2026-06-01", "other", 7),
        ]
    )
    out = classify(rows, tiny_registry).set_index("model_permaslug")
    assert out.loc["deepseek/deepseek-v4-flash-20260423", ["origin", "open_weight"]].tolist() == ["CN", "true"]
    assert out.loc["openai/gpt-oss-120b:free", ["origin", "variant", "open_weight"]].tolist() == ["US", "free", "true"]
    assert out.loc["openai/gpt-5", "open_weight"] == "unknown"  # mixed author, model not listed
    assert out.loc["openrouter/pony-alpha", ["origin", "attributed_origin"]].tolist() == ["UNDISCLOSED", "CN"]
    assert out.loc["openrouter/owl-alpha", ["origin", "attributed_origin"]].tolist() == ["UNDISCLOSED", "UNDISCLOSED"]
    assert out.loc["tngtech/deepseek-r1t2-chimera:free", ["origin", "base_origin"]].tolist() == ["EU", "CN"]
    assert out.loc["other", "origin"] == "LONG_TAIL"


def test_unknown_author_stops_with_its_name(tiny_registry):
    rows = make_rows(
        [("2026-06-01", "newlab/model-1", 1), ("2026-06-01", "mystery/m", 1), ("2026-06-01", "deepseek/x", 1)]
    )
    with pytest.raises(ClassificationError, match=r"2 author\(s\).*mystery \(mystery/m\); newlab \(newlab/model-1\)"):
        classify(rows, tiny_registry)


def test_shipped_registry_classifies_every_raw_permaslug():
    rows, _ = load_rankings(RANKINGS_DIR)
    out = classify(rows, load_registry(REFERENCE_DIR))
    assert out["origin"].isin(ORIGIN_GROUPS).all()
    assert out["attributed_origin"].isin(ORIGIN_GROUPS).all()
    assert set(out.loc[out["model_permaslug"] == "other", "origin"]) == {"LONG_TAIL"}
    assert set(out.loc[out["author"] == "stealth", "origin"]) == {"UNDISCLOSED"}


def test_registry_rows_all_carry_a_source_and_date():
    reg = load_registry(REFERENCE_DIR)
    assert (reg.authors["date_checked"] != "").all()
    assert (reg.authors["source_url"] != "").all()
    assert reg.authors["evidence"].isin(["verified", "secondary", "unverified"]).all()
    revealed = reg.overrides[reg.overrides["kind"] == "stealth_revealed"]
    assert (revealed["source_url"] != "").all()


def test_bad_origin_value_is_refused_with_line(tmp_path):
    for name in ("authors.csv", "model_overrides.csv", "model_open_weight.csv"):
        (tmp_path / name).write_text((REFERENCE_DIR / name).read_text())
    text = (tmp_path / "authors.csv").read_text().replace(",CN,CN,", ",CN,China,", 1)
    (tmp_path / "authors.csv").write_text(text)
    with pytest.raises(RawDataError, match=r"authors.csv: line \d+, column origin: must be one of"):
        load_registry(tmp_path)
