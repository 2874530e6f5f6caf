"""Build data/raw/prices/prices.csv (dated price ranges) from the price table before the audit and
the December 2026 audit of every model carrying more than 0.5% of estimated spend in any month.

Run once, by hand, from the repository root; the output is then reviewed and sealed
(``python -m helpers seal data/raw/prices --reason ...``). Kept here so the transformation can be
read and repeated:

1. Rows before the audit are observations of one day's price. A row quoting OpenRouter (its
   catalog snapshots archived by gpu-tracker, models.dev's OpenRouter provider files, pages that
   name OpenRouter) is a ``charged`` price; any other is the lab's ``list`` price.
2. For a model and basis the audit covered, the audit's rows replace the earlier ones.
3. Rows the audit marks as outside the data's window, as a proxy for another date, or as an
   uncertain aggregate are left out (listed in EXCLUDED below, with the reason).
4. Each row is valid from its documented start (``valid_from``) or, failing that, from the day
   it was observed, until the day before the next row starts (or its documented end). A model's
   first row is carried back to the model's first day in the rankings when no earlier start is
   documented, but never across a documented change of the lab's list price: before that change
   the list price stands in for the unobserved charged price (the row's note says so).
   ``carried_back`` marks rows valid before they were observed. Consecutive rows at the same
   price are merged.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
COLUMNS = ["model_permaslug", "basis", "price_kind", "valid_from", "valid_to", "prompt_usd_per_mtok",
           "completion_usd_per_mtok", "observed_date", "carried_back", "source", "source_url", "evidence", "note"]
TIERS = ("long_context_tier", "batch_tier", "cache_tier")
EXCLUDED = [  # (model, basis, prompt price, reason)
    ("anthropic/claude-3.5-sonnet", "charged", "6", "AWS extended-access price from 2025-12-01, after the model's last day"),
    ("moonshotai/kimi-k3-20260715", "charged", "1.7955", "possibly an aggregate over hosts, not OpenRouter's price"),
]
EXCLUDE_NOTE = r"NOT applicable|outside data window|do not apply"


def before_audit() -> pd.DataFrame:
    old = pd.read_csv(HERE / "prices_before_audit.csv", dtype=str, keep_default_na=False)
    openrouter = (old["source"].str.contains("gpu-tracker|providers/openrouter", regex=True)
                  | old["note"].str.contains("OpenRouter", case=False))
    return pd.DataFrame({
        "model_permaslug": old["model_permaslug"], "basis": openrouter.map({True: "charged", False: "list"}),
        "price_kind": old["price_kind"].map({"list": "standard", "promo": "promotion"}), "valid_from": "",
        "valid_to": "", "prompt_usd_per_mtok": old["prompt_usd_per_mtok"],
        "completion_usd_per_mtok": old["completion_usd_per_mtok"], "observed_date": old["observed_date"],
        "source": old["source"], "source_url": old["source_url"],
        "evidence": old["source"].str.contains("gpu-tracker").map({True: "primary", False: "secondary"}),
        "note": old["note"]})


def audited() -> pd.DataFrame:
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted(HERE.glob("audit_*.csv"))]
    rows = pd.concat(frames, ignore_index=True)
    drop = rows["note"].str.contains(EXCLUDE_NOTE, case=False, regex=True) | (rows["valid_from"] >= "2027")
    for model, basis, prompt, _ in EXCLUDED:
        drop |= (rows["model_permaslug"] == model) & (rows["basis"] == basis) & (rows["prompt_usd_per_mtok"] == prompt)
    return rows[~drop]


def first_days() -> pd.Series:
    daily = pd.read_csv(ROOT / "data" / "processed" / "daily_model_tokens.csv", usecols=["date", "model_permaslug"])
    return daily.groupby(daily["model_permaslug"].str.partition(":")[0])["date"].min()


def ranges(rows: pd.DataFrame, first_day: str | None, floor: str = "") -> pd.DataFrame:
    """Dated, non-overlapping ranges for one model and basis (see the module docstring)."""
    tiers = rows[rows["price_kind"].isin(TIERS)]
    base = rows[~rows["price_kind"].isin(TIERS)].copy()
    base["start"] = base["valid_from"].where(base["valid_from"] != "", base["observed_date"])
    if (base["start"] != "").any():
        base = base[base["start"] != ""]
    else:  # only undated rows: the first one stands for the model's whole life
        base = base.head(1).assign(start=first_day or "2025-01-01")
    base = base.assign(_documented=base["valid_from"] != "", _primary=base["evidence"] == "primary")
    base = base.sort_values(["start", "_documented", "_primary"], ascending=[True, False, False])
    base = base.drop_duplicates("start")
    same = (base["prompt_usd_per_mtok"].astype(float).eq(base["prompt_usd_per_mtok"].astype(float).shift())
            & base["completion_usd_per_mtok"].astype(float).eq(base["completion_usd_per_mtok"].astype(float).shift())
            & (base["valid_to"].shift().fillna("") == "") & ~base["_documented"])
    base = base[~same.fillna(False)].copy()
    next_start = pd.to_datetime(base["start"].shift(-1))
    own_end = pd.to_datetime(base["valid_to"].replace("", None))
    end = pd.concat([own_end, next_start - pd.Timedelta(days=1)], axis=1).min(axis=1)
    base["valid_to"] = end.dt.strftime("%Y-%m-%d").fillna("")
    base["valid_from"] = base["start"]
    first = base.index[0]
    if first_day and not base.loc[first, "_documented"] and first_day < base.loc[first, "valid_from"]:
        base.loc[first, "valid_from"] = max(first_day, floor) if floor < base.loc[first, "valid_from"] else base.loc[first, "valid_from"]
    tiers = tiers.assign(valid_from=tiers["valid_from"].where(tiers["valid_from"] != "", tiers["observed_date"]))
    tiers = tiers[tiers["valid_from"] != ""]
    return pd.concat([base, tiers])[[c for c in COLUMNS if c != "carried_back"]]


def documented_list_changes(rows: pd.DataFrame) -> pd.Series:
    """Per model, the dates its list price is documented to have changed (after its first list row)."""
    listed = rows[(rows["basis"] == "list") & ~rows["price_kind"].isin(TIERS) & (rows["valid_from"] != "")]
    starts = listed.groupby("model_permaslug")["valid_from"].apply(lambda s: sorted(set(s))[1:])
    return starts


def list_before(list_rows: pd.DataFrame, floor: str) -> pd.DataFrame:
    """The list rows in force before ``floor``, restated as the charged price (no charged price was
    observed before the change)."""
    before = list_rows[(list_rows["valid_from"] < floor) & ~list_rows["price_kind"].isin(TIERS)].copy()
    end = (pd.Timestamp(floor) - pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    before["valid_to"] = before["valid_to"].where((before["valid_to"] != "") & (before["valid_to"] <= end), end)
    before["basis"] = "charged"
    before["note"] = "no OpenRouter price observed before the lab's documented price change; the list price stands in. " + before["note"]
    return before


def build() -> pd.DataFrame:
    old, new, first = before_audit(), audited(), first_days()
    covered = set(zip(new["model_permaslug"], new["basis"]))
    old = old[[(m, b) not in covered for m, b in zip(old["model_permaslug"], old["basis"])]]
    rows = pd.concat([old, new], ignore_index=True)
    changes = documented_list_changes(rows)
    out = []
    for (model, basis), group in rows.groupby(["model_permaslug", "basis"], sort=True):
        first_day = first.get(model.partition(":")[0])
        if basis == "list":
            out.append(ranges(group, first_day))
            continue
        base = group[~group["price_kind"].isin(TIERS)]
        observed = base["valid_from"].where(base["valid_from"] != "", base["observed_date"])
        earliest = observed[observed != ""].min() if (observed != "").any() else ""
        documented = (base["valid_from"] != "").any() and base["valid_from"][base["valid_from"] != ""].min() <= (earliest or "9")
        floor = max([d for d in changes.get(model, []) if earliest and d <= earliest], default="")
        charged = ranges(group, first_day, floor)
        out.append(charged)
        if floor and not documented:
            out.append(list_before(rows[(rows["model_permaslug"] == model) & (rows["basis"] == "list")]
                                   .pipe(lambda t: ranges(t, first_day)), floor))
    table = pd.concat(out, ignore_index=True)
    table["carried_back"] = ((table["observed_date"] != "") & (table["valid_from"] < table["observed_date"])).map(
        {True: "true", False: "false"})
    return table[COLUMNS].sort_values(["model_permaslug", "basis", "valid_from", "price_kind"]).reset_index(drop=True)


if __name__ == "__main__":
    table = build()
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "raw" / "prices" / "prices.csv"
    table.to_csv(target, index=False, lineterminator="\n")
    print(f"{target}: {len(table)} rows, {table['model_permaslug'].nunique()} models")
