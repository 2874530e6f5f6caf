"""``fetch rankings``: validate every row of every window, compare with the raw data held, and
store new or restated days as one new vintage."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from ..errors import FetchError
from ..ingest import write_vintage
from ..manifest import find_manifests
from ..paths import RANKINGS_DIR, relative_to_root

# The row rules are the reader's own (helpers.rankings): a fetched row must pass exactly the checks
# applied when the raw files are read.
from ..rankings import (
    ATTRIBUTION,
    DATE_PATTERN,
    MAX_TOKEN_DIGITS,
    PERMASLUG_PATTERN,
    TOKENS_PATTERN,
    compare_rows,
    daily_totals,
    find_non_daily_days,
    load_rankings,
)
from .client import ApiClient, load_json
from .settings import (
    API_VERSION,
    CC_BY,
    RANKINGS_DOCS_URL,
    RANKINGS_PATH,
    Console,
    Tuning,
    Window,
    check_key_transport,
    clip,
    parse_day,
    read_api_key,
    resolve_base_url,
    split_windows,
)

# --------------------------------------------------------------------------- rankings: parse


def _iso_day(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not DATE_PATTERN.match(value[:10]):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _row_problem(row: Any, window: Window, secret: str | None = None) -> str | None:
    """Why one API row is unusable, or None when it is fine. Values the server sent are shown
    redacted and cut (:func:`clip`), so a row echoing the key cannot print any part of it."""
    if not isinstance(row, dict):
        return "not an object"
    missing = [k for k in ("date", "model_permaslug", "total_tokens") if k not in row]
    if missing:
        return f"lacks {', '.join(missing)}"
    date = row["date"]
    if not isinstance(date, str) or not DATE_PATTERN.match(date) or _iso_day(date) is None:
        return f"date {clip(date, 40, secret)!r} is not YYYY-MM-DD"
    if not window.start <= dt.date.fromisoformat(date) <= window.end:
        return f"date {date} is outside the requested window {window.label()}"
    slug = row["model_permaslug"]
    if not isinstance(slug, str) or not PERMASLUG_PATTERN.match(slug):
        return f"malformed model_permaslug {clip(slug, 80, secret)!r}"
    tokens = row["total_tokens"]
    if isinstance(tokens, bool) or not (
        (isinstance(tokens, str) and TOKENS_PATTERN.match(tokens)) or (isinstance(tokens, int) and tokens >= 0)
    ):
        return f"total_tokens {clip(tokens, 40, secret)!r} is not a whole non-negative number"
    if len(str(tokens).lstrip("0")) > MAX_TOKEN_DIGITS:
        return f"total_tokens {clip(tokens, 40, secret)!r} has more than {MAX_TOKEN_DIGITS} digits"
    return None


def check_meta(meta: dict[str, Any], window: Window, what: str, secret: str | None = None) -> None:
    """The response's ``meta``: the schema version this fetcher understands, a date as of, and the
    window that was asked for (values the server sent are shown redacted and cut)."""
    if meta.get("version") != API_VERSION:
        raise FetchError(
            f"{what}: meta.version is {clip(meta.get('version'), 40, secret)!r}, this fetcher "
            f"understands {API_VERSION!r} only; check the API changelog"
        )
    if _iso_day(meta.get("as_of")) is None:
        raise FetchError(f"{what}: meta.as_of {clip(meta.get('as_of'), 40, secret)!r} is not a date")
    for key in ("start_date", "end_date"):
        day = _iso_day(meta.get(key))
        if day is None or not window.start <= day <= window.end:
            raise FetchError(f"{what}: meta.{key} {clip(meta.get(key), 40, secret)!r} does not match the request")


def parse_rankings_response(
    body: bytes, window: Window, secret: str | None = None
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Validate one response and return its rows and ``meta``.

    Every row is checked, not a sample: one bad row would otherwise become a wrong share in a
    figure. Returns columns date (datetime), model_permaslug, total_tokens (the API's decimal
    string, kept verbatim for the raw file) and tokens (int64, for comparisons).
    """
    what = f"window {window.label()}"
    payload = load_json(body, what)
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("data"), list)
        or not isinstance(payload.get("meta"), dict)
    ):
        raise FetchError(f'{what}: malformed response, expected {{"data": [...], "meta": {{...}}}}')
    meta = payload["meta"]
    check_meta(meta, window, what, secret)
    problems = []
    for index, row in enumerate(payload["data"]):
        problem = _row_problem(row, window, secret)
        if problem:
            problems.append(f"data[{index}]: {problem}")
            if len(problems) == 5:
                break
    if problems:
        raise FetchError(f"{what}: invalid rows: " + "; ".join(problems))
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime([r["date"] for r in payload["data"]], format="%Y-%m-%d"),
            "model_permaslug": pd.Series([r["model_permaslug"] for r in payload["data"]], dtype=object),
            "total_tokens": pd.Series([str(r["total_tokens"]) for r in payload["data"]], dtype=object),
        }
    )
    rows["tokens"] = rows["total_tokens"].astype("int64")
    dup = rows.duplicated(["date", "model_permaslug"], keep=False)
    if dup.any():
        shown = "; ".join(f"{r.date:%Y-%m-%d} {r.model_permaslug}" for r in rows[dup].head(5).itertuples())
        raise FetchError(f"{what}: duplicate (date, model_permaslug) rows: {shown}")
    return rows, meta


# --------------------------------------------------------------------------- rankings: checks


def check_daily_rows(fetched: pd.DataFrame, windows: list[Window], context: pd.DataFrame | None = None) -> None:
    """Refuse rows that look like weekly buckets rather than days.

    Two tests: every date of a window spanning two weeks or more is a Monday (the July 2026
    incident), and :func:`rankings.find_non_daily_days` on per-day totals, with the raw data
    already held as neighbours so even a short fetch is compared with real days.
    """
    if fetched.empty:
        return
    for window in windows:
        days = pd.DatetimeIndex(
            fetched.loc[fetched["date"].between(pd.Timestamp(window.start), pd.Timestamp(window.end)), "date"].unique()
        ).sort_values()
        if window.days >= 14 and len(days) >= 2 and (days.day_of_week == 0).all():
            steps = sorted({int(s) for s in (days[1:] - days[:-1]).days})
            raise FetchError(
                f"window {window.label()}: every date is a Monday ({len(days)} dates, steps of "
                f"{steps} days): these are weekly buckets, not daily rows (as served in July "
                "2026); nothing was written. Fetch again later or report it to OpenRouter."
            )
    totals = daily_totals(fetched)
    if context is not None and not context.empty:
        others = context[~context["date"].isin(totals["date"])]
        if not others.empty:
            totals = pd.concat([daily_totals(others), totals], ignore_index=True)
    flagged = find_non_daily_days(totals)
    flagged = flagged[flagged["date"].isin(fetched["date"])]
    if not flagged.empty:
        listing = ", ".join(
            f"{r.date:%Y-%m-%d} (total {r.total_tokens:,}, neighbours' median "
            f"{r.neighbour_median:,.0f}{', weekly spacing' if r.weekly_spacing else ''})"
            for r in flagged.head(5).itertuples()
        )
        raise FetchError(
            f"rows for {len(flagged)} day(s) do not look daily: {listing}. A day several times "
            "its neighbours, or dates a week apart, is a multi-day bucket (OpenRouter served "
            "weekly buckets in July 2026); nothing was written."
        )


@dataclass
class Comparison:
    """How fetched days relate to the raw data already held."""

    new_days: list[pd.Timestamp]
    unchanged_days: list[pd.Timestamp]
    restated_days: list[pd.Timestamp]
    differences: pd.DataFrame  # date, model, old, new, change

    def rows_to_write(self, fetched: pd.DataFrame) -> pd.DataFrame:
        keep = set(self.new_days) | set(self.restated_days)
        return fetched[fetched["date"].isin(keep)].reset_index(drop=True)


def load_existing(rankings_dir: Path) -> pd.DataFrame:
    """The rows currently used for each day (latest vintage), or an empty table if none exist."""
    if not Path(rankings_dir).is_dir() or not find_manifests(rankings_dir):
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "model_permaslug": pd.Series(dtype=object),
                "tokens": pd.Series(dtype="int64"),
            }
        )
    rows, _ = load_rankings(rankings_dir)
    return rows


def compare_with_existing(fetched: pd.DataFrame, existing: pd.DataFrame) -> Comparison:
    """Classify each fetched day as new, unchanged or restated, listing restated values.

    A day is compared as a whole (all its models): the pipeline uses one vintage per day, so a
    day that differs in any row is stored again in full.
    """
    fetched_days = pd.DatetimeIndex(fetched["date"].unique()).sort_values()
    held = set(existing["date"].unique())
    new = [d for d in fetched_days if d not in held]
    overlap = [d for d in fetched_days if d in held]
    merged = compare_rows(existing[existing["date"].isin(overlap)], fetched[fetched["date"].isin(overlap)])
    old = merged["tokens_old"].astype("Int64")
    new_values = merged["tokens_new"].astype("Int64")
    differs = merged["changed"]
    diff = pd.DataFrame(
        {
            "date": merged["date"],
            "model": merged["model_permaslug"],
            "old": old,
            "new": new_values,
            "change": new_values - old,
        }
    )[differs.to_numpy()]
    diff = diff.sort_values(["date", "model"]).reset_index(drop=True)
    restated = sorted(set(diff["date"]))
    unchanged = [d for d in overlap if d not in set(restated)]
    return Comparison(new, unchanged, restated, diff)


def format_differences(diff: pd.DataFrame, limit: int = 40) -> str:
    """The restatement table as aligned text (a missing value shows as '-')."""

    def num(value: Any, sign: bool = False) -> str:
        if pd.isna(value):
            return "-"
        return f"{int(value):+,}" if sign else f"{int(value):,}"

    table = pd.DataFrame(
        {
            "date": diff["date"].dt.strftime("%Y-%m-%d"),
            "model": diff["model"],
            "old": [num(v) for v in diff["old"]],
            "new": [num(v) for v in diff["new"]],
            "change": [num(v, sign=True) for v in diff["change"]],
        }
    )
    text = table.head(limit).to_string(index=False)
    if len(table) > limit:
        text += f"\n... and {len(table) - limit} more row(s)"
    return text


# --------------------------------------------------------------------------- rankings: command


def vintage_id(as_of: str, retrieved: dt.datetime) -> str:
    """``<as_of>_api-<UTC retrieval time>``: sorts like the pipeline orders vintages."""
    return f"{as_of}_api-{retrieved.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def rankings_metadata(
    *,
    vintage: str,
    as_of: str,
    source_url: str,
    retrieved: dt.datetime,
    request: Window,
    windows: list[dict[str, Any]],
    comparison: Comparison,
    requests_made: int,
) -> dict[str, Any]:
    """The new vintage's manifest fields, in the shape of the shipped vintage's manifest."""

    def days(values: list[pd.Timestamp]) -> list[str]:
        return [f"{d:%Y-%m-%d}" for d in values]

    return {
        "dataset": "openrouter/rankings-daily",
        "vintage": vintage,
        "publisher": "OpenRouter",
        "source": f"OpenRouter Data API, GET {source_url} (schema {API_VERSION})",
        "source_url": source_url,
        "docs_url": RANKINGS_DOCS_URL,
        "licence": CC_BY[0],
        "licence_url": CC_BY[1],
        "attribution": ATTRIBUTION.format(as_of=as_of),
        "as_of": as_of,
        "obtained": {
            "how": "OpenRouter Data API via python -m helpers fetch rankings",
            "retrieved_at": iso_utc(retrieved),
            "requests": requests_made,
            "note": "Rows are stored as served (total_tokens verbatim), split by month; only days "
            "new to the raw data or restated by the API are stored.",
        },
        "request_window": request.params(),
        "windows": windows,
        "new_days": len(comparison.new_days),
        "unchanged_days_skipped": days(comparison.unchanged_days),
        "restated_days": days(comparison.restated_days),
    }


def _refuse_secret(blob: str | bytes, secret: str | None, what: str) -> None:
    """Last line of defence: the key must never reach a file, whatever the server sent."""
    if secret and (secret.encode() in blob if isinstance(blob, bytes) else secret in blob):
        raise FetchError(f"{what} would contain the API key; refusing to write it")


def fetch_rankings(
    start: str,
    end: str,
    *,
    base_url: str | None = None,
    dry_run: bool = False,
    rankings_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    tuning: Tuning | None = None,
    out: TextIO | None = None,
) -> int:
    """Fetch ``start..end`` and store new or restated days as one new vintage; return 0.

    Order matters for safety: arguments and the existing raw data are checked before any
    request (a broken raw folder should not cost API budget), all windows are fetched and
    validated before anything is written, and the write is one atomic :func:`write_vintage`.
    """
    env = os.environ if env is None else env
    tuning = tuning or Tuning()
    rankings_dir = Path(rankings_dir if rankings_dir is not None else RANKINGS_DIR)
    request = Window(parse_day(start, "start"), parse_day(end, "end"))
    windows = split_windows(request.start, request.end)
    base = resolve_base_url(base_url, env)
    key = read_api_key(env, required=not dry_run)
    check_key_transport(base, key)
    console = Console(key, out)
    source_url = f"{base}{RANKINGS_PATH}"
    if dry_run:
        console.say(f"dry run: would request {len(windows)} window(s) from {source_url}:")
        for i, window in enumerate(windows, 1):
            console.say(f"  window {i}/{len(windows)} {window.label()} ({window.days} days)")
        console.say(
            f"and write new or restated days as one new vintage under "
            f"{relative_to_root(rankings_dir)}/<as_of>_api-<UTC timestamp>; nothing written"
        )
        return 0

    existing = load_existing(rankings_dir)
    client = ApiClient(base, key, tuning)
    retrieved = tuning.now()
    frames, window_records, as_ofs = [], [], []
    for i, window in enumerate(windows, 1):
        body = client.get(RANKINGS_PATH, window.params())
        rows, meta = parse_rankings_response(body, window, key)
        check_daily_rows(rows, [window])
        frames.append(rows)
        as_ofs.append(str(meta["as_of"])[:10])  # its first ten characters are a date (check_meta)
        window_records.append({**window.params(), "rows": len(rows), "meta": meta})
        console.say(f"window {i}/{len(windows)} {window.label()}: {len(rows):,} rows")
    fetched = pd.concat(frames, ignore_index=True)
    check_daily_rows(fetched, windows, context=existing)
    if len(set(as_ofs)) > 1:
        console.warn(
            f"note: meta.as_of changed between windows ({', '.join(sorted(set(as_ofs)))}); the latest is recorded"
        )
    gaps = pd.date_range(request.start, request.end).difference(pd.DatetimeIndex(fetched["date"].unique()))
    if len(gaps):
        console.warn(
            f"note: the API returned no rows for {len(gaps)} day(s) of the window, "
            f"first {gaps[0]:%Y-%m-%d}, last {gaps[-1]:%Y-%m-%d}"
        )

    comparison = compare_with_existing(fetched, existing)
    console.say(
        f"{len(comparison.new_days)} new day(s), {len(comparison.restated_days)} restated "
        f"day(s), {len(comparison.unchanged_days)} unchanged day(s) skipped"
    )
    if comparison.restated_days:
        console.say("restated values (old = raw data held now, new = this fetch):")
        console.say(format_differences(comparison.differences))
    to_write = comparison.rows_to_write(fetched)
    if to_write.empty:
        console.say("nothing new or restated; nothing written")
        return 0

    as_of = max(as_ofs)
    vintage = vintage_id(as_of, retrieved)
    metadata = rankings_metadata(
        vintage=vintage,
        as_of=as_of,
        source_url=source_url,
        retrieved=retrieved,
        request=request,
        windows=window_records,
        comparison=comparison,
        requests_made=client.requests_made,
    )
    _refuse_secret(json.dumps(metadata), key, "the manifest")
    _refuse_secret(to_write["model_permaslug"].str.cat(sep="\n"), key, "the rows")
    target = write_vintage(rankings_dir / vintage, to_write, metadata)
    console.say(f"wrote {relative_to_root(target)}: {len(to_write):,} rows for {to_write['date'].nunique()} day(s)")
    return 0
