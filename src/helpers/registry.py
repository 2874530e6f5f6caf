"""The origin registry: which country group each model's developer belongs to.

OpenRouter publishes no developer country, so origin is keyed on the author slug (the part of
the permaslug before ``/``) and mapped by a hand-curated, sourced table. Model-level tables
handle what an author key cannot: stealth models (and the lab a source later named), derivatives
of another country's base model, and models whose open-weight status differs from their author's
usual policy. Nothing is guessed: an author missing from the table stops the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .contracts import read_raw_table, refuse
from .contracts import reference as contracts
from .errors import ClassificationError
from .paths import REFERENCE_DIR
from .rankings import OTHER_ROW, per_distinct

ORIGIN_GROUPS = list(contracts.ORIGIN_GROUPS)
OPEN_WEIGHT_VALUES = list(contracts.OPEN_WEIGHT_VALUES)
POLICY_TO_OPEN_WEIGHT = {"open": "true", "closed": "false", "mixed": "unknown", "unknown": "unknown"}
OVERRIDE_KINDS = list(contracts.OVERRIDE_KINDS)

AUTHOR_COLUMNS = contracts.AUTHORS.header
OVERRIDE_COLUMNS = contracts.MODEL_OVERRIDES.header
OPEN_WEIGHT_COLUMNS = contracts.MODEL_OPEN_WEIGHT.header


@dataclass(frozen=True)
class Registry:
    """The three reference tables, validated."""

    authors: pd.DataFrame
    overrides: pd.DataFrame
    open_weight: pd.DataFrame


def check_unique(table: pd.DataFrame, key: str, path: Path) -> None:
    """A key unique once model variants are folded (``x`` and ``x:free`` name one model)."""
    duplicated = table[key].duplicated(keep=False)
    refuse(path, table, duplicated, key, f"duplicate {key} once the variant is dropped (one row per model)")


def strip_variant(permaslugs: pd.Series) -> pd.Series:
    """``author/model:free`` -> ``author/model``: model-level facts hold for every variant."""
    return permaslugs.str.partition(":")[0]


def load_registry(reference_dir: Path = REFERENCE_DIR) -> Registry:
    """Read and validate the author table and the two model-level tables (see
    :mod:`helpers.contracts.reference`); model-level facts hold for every variant of a model."""
    authors = read_raw_table(reference_dir / "authors.csv", contracts.AUTHORS)
    overrides_path = reference_dir / "model_overrides.csv"
    overrides = read_raw_table(overrides_path, contracts.MODEL_OVERRIDES)
    overrides["model_permaslug"] = strip_variant(overrides["model_permaslug"])
    check_unique(overrides, "model_permaslug", overrides_path)
    open_path = reference_dir / "model_open_weight.csv"
    open_weight = read_raw_table(open_path, contracts.MODEL_OPEN_WEIGHT)
    open_weight["model_permaslug"] = strip_variant(open_weight["model_permaslug"])
    open_weight = open_weight.drop_duplicates(["model_permaslug", "open_weight"])
    check_unique(open_weight, "model_permaslug", open_path)
    return Registry(authors, overrides, open_weight)


def split_permaslug(permaslugs: pd.Series) -> pd.DataFrame:
    """Author (before ``/``) and variant (after ``:``, empty for the default) of each permaslug."""
    return per_distinct(permaslugs, _split_distinct)


def _split_distinct(permaslugs: pd.Series) -> pd.DataFrame:
    base = strip_variant(permaslugs)
    variant = permaslugs.str.partition(":")[2]
    author = base.str.split("/", n=1).str[0].str.lstrip("~")
    return pd.DataFrame({"author": author, "variant": variant, "base_slug": base}, index=permaslugs.index)


def unknown_authors(rows: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Authors absent from the registry, with the permaslugs that carry them."""
    parts = split_permaslug(rows["model_permaslug"])
    missing = ~parts["author"].isin(registry.authors["author"])
    return (
        pd.DataFrame({"author": parts.loc[missing, "author"], "model_permaslug": rows.loc[missing, "model_permaslug"]})
        .drop_duplicates()
        .sort_values(["author", "model_permaslug"])
        .reset_index(drop=True)
    )


def classify(rows: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """Add author, variant, origin, attributed_origin, base_origin and open_weight to ranking rows.

    ``origin`` is the publisher's group (stealth stays UNDISCLOSED); ``attributed_origin`` moves a
    stealth model to the lab a cited source later named; ``base_origin`` is the base model's group
    for derivatives (else the row's own origin).
    """
    unknown = unknown_authors(rows, registry)
    if not unknown.empty:
        listing = "; ".join(f"{a} ({', '.join(g['model_permaslug'].head(3))})" for a, g in unknown.groupby("author"))
        raise ClassificationError(
            f"{unknown['author'].nunique()} author(s) not in data/raw/reference/authors.csv: {listing}. "
            "Add each with a sourced origin; nothing is guessed."
        )
    parts = split_permaslug(rows["model_permaslug"])
    authors = registry.authors.set_index("author")
    origin = parts["author"].map(authors["origin"])
    origin = origin.where(rows["model_permaslug"] != OTHER_ROW, "LONG_TAIL")
    overrides = registry.overrides.set_index("model_permaslug")
    kind = parts["base_slug"].map(overrides["kind"])
    revealed = parts["base_slug"].map(overrides["revealed_origin"])
    attributed = origin.where(kind != "stealth_revealed", revealed)
    base = parts["base_slug"].map(overrides["base_origin"])
    base_origin = origin.where(kind != "derivative", base)
    model_open = parts["base_slug"].map(registry.open_weight.set_index("model_permaslug")["open_weight"])
    author_open = parts["author"].map(authors["open_weight_policy"].map(POLICY_TO_OPEN_WEIGHT))
    open_weight = model_open.fillna(author_open).fillna("unknown")
    return rows.assign(
        author=parts["author"],
        variant=parts["variant"],
        origin=origin,
        attributed_origin=attributed,
        base_origin=base_origin,
        open_weight=open_weight,
        override_kind=kind.fillna(""),
    )


_NAME_WORDS = {
    "gpt": "GPT",
    "glm": "GLM",
    "mimo": "MiMo",
    "deepseek": "DeepSeek",
    "minimax": "MiniMax",
    "qwen": "Qwen",
    "kimi": "Kimi",
    "grok": "Grok",
    "llama": "Llama",
    "hy": "Hy",
    "oss": "OSS",
}


def organisation_names(reference_dir: Path = REFERENCE_DIR) -> pd.Series:
    """Author slug -> organisation as ``authors.csv`` names it (for sentences about a lab)."""
    return read_raw_table(reference_dir / "authors.csv", contracts.AUTHORS).set_index("author")["organisation"]


def model_title(permaslug: str) -> str:
    """A model as a sentence names it: ``Claude Opus 5.5``. The name is the slug after the author,
    without a date suffix or variant, its words capitalised."""
    slug = permaslug.partition(":")[0].partition("/")[2]
    words = [w for w in slug.split("-") if not (w.isdigit() and len(w) >= 6)]
    return " ".join(_NAME_WORDS.get(w, w[:1].upper() + w[1:]) for w in words)


def model_name(permaslug: str) -> str:
    """A model as a table names it, with its identifier: ``Claude Opus 5.5 (anthropic/claude-opus-5.5-20260921)``."""
    return f"{model_title(permaslug)} ({permaslug})"
