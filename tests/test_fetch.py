"""Offline tests of ``helpers.fetch`` against a scripted server on 127.0.0.1.

Every test works on a copy of a small synthetic vintage under ``tmp_path``; nothing under
``data/`` is read or written. Sleeps and clocks are fakes, so retries and rate limits cost no time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import cli, fetch
from helpers.errors import FetchError, ProjectError
from helpers.ingest import write_vintage
from helpers.manifest import load_manifest, verify_raw_data
from helpers.rankings import load_rankings

try:
    from fake_openrouter import FakeOpenRouter, Reply, Seen, rankings_body
except ImportError:  # tests/ imported as a package
    from tests.fake_openrouter import FakeOpenRouter, Reply, Seen, rankings_body

pytestmark = pytest.mark.network_local

KEY = "sk-or-test-SECRET123"
ENV = {fetch.API_KEY_ENV: KEY}
NOW = dt.datetime(2027, 3, 1, 12, 30, 45, tzinfo=dt.UTC)
MODELS = ["openai/gpt-4o", "anthropic/claude-3-5-haiku", "google/gemini-2.0-flash"]
EXISTING = ("2025-01-01", "2025-01-10")


# --------------------------------------------------------------------------- helpers


def day_rows(day: dt.date, scale: int = 1) -> list[dict[str, str]]:
    """Rows of one synthetic day: three models and the ``other`` row, values vary a little."""
    base = 1_000_000 + (day.toordinal() % 7) * 10_000
    values = [3 * base, 2 * base, base, base // 2]
    return [
        {"date": f"{day:%Y-%m-%d}", "model_permaslug": slug, "total_tokens": str(v * scale)}
        for slug, v in zip([*MODELS, "other"], values)
    ]


def days(start: str, end: str) -> list[dt.date]:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def api_rows(start: str, end: str) -> list[dict[str, str]]:
    return [row for day in days(start, end) for row in day_rows(day)]


def serve_window(seen: Seen) -> Reply:
    """A well-behaved server: daily rows for exactly the requested window."""
    start, end = seen.query["start_date"], seen.query["end_date"]
    return Reply(200, rankings_body(api_rows(start, end), start, end))


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (hidden ones too) with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def all_paths(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


class FakeTime:
    """A clock that only moves when something sleeps; records every sleep."""

    def __init__(self) -> None:
        self.now = 10_000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def tuning(fake_time: FakeTime) -> fetch.Tuning:
    return fetch.Tuning(timeout=2.0, sleep=fake_time.sleep, clock=fake_time.clock, now=lambda: NOW)


@pytest.fixture
def server():
    with FakeOpenRouter() as fake:
        yield fake
    assert fake.unscripted == 0, "the client made more requests than the test scripted"


@pytest.fixture
def rankings_dir(tmp_path: Path) -> Path:
    """A rankings folder holding one small synthetic vintage (2025-01-01..10)."""
    folder = tmp_path / "rankings-daily"
    rows = pd.DataFrame(api_rows(*EXISTING))
    metadata = {
        "dataset": "openrouter/rankings-daily",
        "vintage": "2025-01-10_synthetic",
        "source": "synthetic test rows",
        "licence": "CC BY 4.0",
        "as_of": "2025-01-10",
        "attribution": "synthetic",
        "obtained": {"how": "test", "retrieved_at": "2025-01-11"},
        "request_window": {"start_date": EXISTING[0], "end_date": EXISTING[1]},
    }
    write_vintage(folder / "2025-01-10_synthetic", rows, metadata)
    return folder


def run(server: FakeOpenRouter, rankings_dir: Path, tuning: fetch.Tuning, start: str, end: str, **kwargs) -> int:
    return fetch.fetch_rankings(
        start,
        end,
        base_url=server.base_url,
        rankings_dir=rankings_dir,
        env=kwargs.pop("env", ENV),
        tuning=tuning,
        **kwargs,
    )


def new_vintages(rankings_dir: Path) -> list[Path]:
    return sorted(p for p in rankings_dir.iterdir() if p.name != "2025-01-10_synthetic")


def assert_no_key(tmp_path: Path, captured: pytest.CaptureResult | None = None) -> None:
    for name, data in tree(tmp_path).items():
        assert KEY.encode() not in data, f"key written to {name}"
    if captured is not None:
        assert KEY not in captured.out and KEY not in captured.err


# --------------------------------------------------------------------------- units


def test_split_windows_covers_range_in_chunks_of_at_most_366_days():
    start = dt.date(2024, 1, 1)
    windows = fetch.split_windows(start, start + dt.timedelta(days=799))
    assert [w.days for w in windows] == [366, 366, 68]
    assert windows[0].start == start and windows[-1].end == start + dt.timedelta(days=799)
    for left, right in zip(windows, windows[1:]):
        assert right.start == left.end + dt.timedelta(days=1)
    assert len(fetch.split_windows(start, start)) == 1
    with pytest.raises(FetchError, match="before"):
        fetch.split_windows(start, start - dt.timedelta(days=1))


@pytest.mark.parametrize("text", ["2025-1-01", "2025-02-30", "yesterday", ""])
def test_bad_dates_are_refused(text):
    with pytest.raises(FetchError):
        fetch.parse_day(text, "start")


def test_base_url_precedence_and_validation():
    env = {fetch.BASE_URL_ENV: "https://env.example/api/v1/"}
    assert fetch.resolve_base_url("https://cli.example/v1", env) == "https://cli.example/v1"
    assert fetch.resolve_base_url(None, env) == "https://env.example/api/v1"
    assert fetch.resolve_base_url(None, {}) == fetch.DEFAULT_BASE_URL
    with pytest.raises(FetchError):
        fetch.resolve_base_url("ftp://x", {})


def test_key_is_never_sent_in_clear_text_to_a_remote_host(tmp_path):
    with pytest.raises(FetchError, match="plain http"):
        fetch.fetch_rankings(
            "2025-01-01", "2025-01-02", base_url="http://example.com/api/v1", rankings_dir=tmp_path, env=ENV
        )


def test_rate_limiter_waits_for_the_minute_and_stops_at_the_daily_budget(fake_time):
    limiter = fetch.RateLimiter(per_minute=2, per_day=5, clock=fake_time.clock, sleep=fake_time.sleep)
    limiter.wait_turn()
    limiter.wait_turn()
    assert fake_time.sleeps == []
    limiter.wait_turn()
    assert fake_time.sleeps == [60]
    limiter.wait_turn()
    limiter.wait_turn()
    with pytest.raises(FetchError, match="5 requests a day"):
        limiter.wait_turn()


def test_retry_after_accepts_seconds_and_http_dates():
    assert fetch.parse_retry_after("7") == 7
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert fetch.parse_retry_after("Fri, 01 Jan 2027 00:00:30 GMT", now) == 30
    assert fetch.parse_retry_after("soon") is None


WINDOW = fetch.Window(dt.date(2025, 2, 1), dt.date(2025, 2, 3))


def body(rows, **meta) -> bytes:
    return json.dumps(rankings_body(rows, "2025-02-01", "2025-02-03", **meta)).encode()


@pytest.mark.parametrize(
    "row, message",
    [
        ({"date": "2025-03-01", "model_permaslug": "a/b", "total_tokens": "1"}, "outside"),
        ({"date": "2025-02-01", "model_permaslug": "no slash", "total_tokens": "1"}, "permaslug"),
        ({"date": "2025-02-01", "model_permaslug": "a/b", "total_tokens": "-5"}, "non-negative"),
        ({"date": "2025-02-01", "model_permaslug": "a/b", "total_tokens": "1.5"}, "non-negative"),
        ({"date": "2025-02-01", "model_permaslug": "a/b", "total_tokens": 2.0}, "non-negative"),
        ({"date": "02/01/2025", "model_permaslug": "a/b", "total_tokens": "1"}, "YYYY-MM-DD"),
        ({"date": "2025-02-01", "model_permaslug": "a/b"}, "lacks total_tokens"),
    ],
)
def test_every_row_is_validated(row, message):
    with pytest.raises(FetchError, match=message):
        fetch.parse_rankings_response(body([row]), WINDOW)


def test_duplicates_wrong_version_and_wrong_shape_are_refused():
    row = {"date": "2025-02-01", "model_permaslug": "a/b", "total_tokens": "1"}
    with pytest.raises(FetchError, match="duplicate"):
        fetch.parse_rankings_response(body([row, row]), WINDOW)
    with pytest.raises(FetchError, match="version"):
        fetch.parse_rankings_response(body([row], version="v2"), WINDOW)
    with pytest.raises(FetchError, match="malformed"):
        fetch.parse_rankings_response(json.dumps({"rows": []}).encode(), WINDOW)
    rows, meta = fetch.parse_rankings_response(body([row]), WINDOW)
    assert rows["tokens"].tolist() == [1] and meta["version"] == "v1"


# --------------------------------------------------------------------------- rankings end to end


def test_multi_window_range_is_fetched_validated_and_written(server, rankings_dir, tuning, capsys, tmp_path):
    start, end = "2025-01-01", "2027-03-11"  # 800 days -> 3 requests
    assert len(days(start, end)) == 800
    server.add(serve_window, serve_window, serve_window)
    assert run(server, rankings_dir, tuning, start, end) == 0
    out = capsys.readouterr()
    assert [s.query for s in server.seen] == [
        {"start_date": "2025-01-01", "end_date": "2026-01-01"},
        {"start_date": "2026-01-02", "end_date": "2027-01-02"},
        {"start_date": "2027-01-03", "end_date": "2027-03-11"},
    ]
    assert all(s.path == "/api/v1/datasets/rankings-daily" for s in server.seen)
    assert all(s.headers["Authorization"] == f"Bearer {KEY}" for s in server.seen)
    assert "window 2/3 2026-01-02..2027-01-02: 1,464 rows" in out.out
    assert "790 new day(s), 0 restated day(s), 10 unchanged day(s) skipped" in out.out

    [vintage] = new_vintages(rankings_dir)
    assert vintage.name == "2027-03-01_api-20270301T123045Z"
    manifest = load_manifest(vintage / "MANIFEST.json")
    assert manifest["as_of"] == "2027-03-01"
    assert manifest["request_window"] == {"start_date": start, "end_date": end}
    assert manifest["obtained"]["retrieved_at"] == "2027-03-01T12:30:45Z"
    assert manifest["obtained"]["how"] == "OpenRouter Data API via python -m helpers fetch rankings"
    assert manifest["attribution"] == (
        "Source: OpenRouter (openrouter.ai/rankings), as of 2027-03-01. Licensed under CC BY 4.0."
    )
    assert [w["rows"] for w in manifest["windows"]] == [366 * 4, 366 * 4, 68 * 4]
    assert manifest["restated_days"] == []
    assert len(manifest["unchanged_days_skipped"]) == 10

    rows, restated = load_rankings(rankings_dir)
    assert rows["date"].nunique() == 800 and len(rows) == 3200
    assert rows["date"].min() == pd.Timestamp(start) and rows["date"].max() == pd.Timestamp(end)
    assert restated.empty
    verify_raw_data(rankings_dir)
    assert_no_key(tmp_path, out)


def test_429_with_retry_after_is_honoured(server, rankings_dir, tuning, fake_time):
    server.add(Reply(429, {"error": "slow down"}, headers={"Retry-After": "3"}), serve_window)
    assert run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12") == 0
    assert fake_time.sleeps == [3]
    assert len(server.seen) == 2 and len(new_vintages(rankings_dir)) == 1


def test_retry_after_beyond_the_cap_stops(server, rankings_dir, tuning, tmp_path):
    before = tree(tmp_path)
    server.add(Reply(429, b"", headers={"Retry-After": "86400"}))
    with pytest.raises(FetchError, match="try again later"):
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12")
    assert tree(tmp_path) == before


def test_server_error_is_retried_with_backoff(server, rankings_dir, tuning, fake_time):
    server.add(Reply(500, b"oops"), Reply(503, b"busy"), serve_window)
    assert run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12") == 0
    assert fake_time.sleeps == [1.0, 2.0]
    assert len(new_vintages(rankings_dir)) == 1


def test_rejected_key_is_a_clear_error_that_does_not_show_the_key(server, rankings_dir, tuning, tmp_path, capsys):
    before = tree(tmp_path)
    server.add(Reply(401, {"error": {"message": f"Invalid key {KEY}"}}))
    with pytest.raises(FetchError) as caught:
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12")
    message = str(caught.value)
    assert "rejected the key" in message and fetch.API_KEY_ENV in message
    assert KEY not in message and "[redacted]" in message
    assert len(server.seen) == 1  # not retried
    assert tree(tmp_path) == before
    assert_no_key(tmp_path, capsys.readouterr())


def test_cli_prints_rejected_key_error_without_key(server, rankings_dir, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(fetch.API_KEY_ENV, KEY)
    monkeypatch.setattr(fetch.rankings, "RANKINGS_DIR", rankings_dir)
    before = tree(tmp_path)
    server.add(Reply(403, f"forbidden for Bearer {KEY}".encode()))
    code = cli.main(
        ["fetch", "rankings", "--start", "2025-01-11", "--end", "2025-01-12", "--base-url", server.base_url]
    )
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("error: the API rejected the key (HTTP 403)")
    assert KEY not in captured.err and KEY not in captured.out
    assert tree(tmp_path) == before


def test_missing_key_is_a_clear_error(server, rankings_dir, tuning):
    with pytest.raises(FetchError, match=fetch.API_KEY_ENV):
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12", env={})
    assert server.seen == []


def test_truncated_json_is_refused_and_nothing_written(server, rankings_dir, tuning, tmp_path):
    before = tree(tmp_path)
    whole = json.dumps(rankings_body(api_rows("2025-01-11", "2025-01-12"), "2025-01-11", "2025-01-12"))
    server.add(Reply(200, whole[: len(whole) // 2].encode()))
    with pytest.raises(FetchError, match="malformed response, not complete JSON"):
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12")
    assert tree(tmp_path) == before and all_paths(rankings_dir) == set(tree(rankings_dir)) | {"2025-01-10_synthetic"}


def test_a_failure_in_a_later_window_writes_nothing(server, rankings_dir, tuning, tmp_path):
    before = tree(tmp_path)
    server.add(serve_window, Reply(200, b'{"data": ['))
    with pytest.raises(FetchError, match="window 2026-01-02..2026-03-01"):
        run(server, rankings_dir, tuning, "2025-01-01", "2026-03-01")
    assert tree(tmp_path) == before


def test_weekly_buckets_are_refused(server, rankings_dir, tuning, tmp_path):
    start, end = "2025-02-03", "2025-03-09"  # five weeks, Monday to Sunday
    mondays = [d for d in days(start, end) if d.weekday() == 0]
    rows = [row for d in mondays for row in day_rows(d, scale=7)]
    server.add(Reply(200, rankings_body(rows, start, end)))
    before = tree(tmp_path)
    with pytest.raises(FetchError, match="weekly buckets"):
        run(server, rankings_dir, tuning, start, end)
    assert tree(tmp_path) == before


def test_a_day_several_times_its_neighbours_is_refused(server, rankings_dir, tuning, tmp_path):
    # Two days only: the spike is judged against the days already held.
    rows = day_rows(dt.date(2025, 1, 11), scale=7) + day_rows(dt.date(2025, 1, 12))
    server.add(Reply(200, rankings_body(rows, "2025-01-11", "2025-01-12")))
    before = tree(tmp_path)
    with pytest.raises(FetchError, match="2025-01-11.*do not look daily|do not look daily.*2025-01-11"):
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12")
    assert tree(tmp_path) == before


def test_restated_day_is_reported_and_stored_in_a_new_vintage(server, rankings_dir, tuning, capsys, tmp_path):
    old_files = tree(rankings_dir)
    rows = api_rows("2025-01-04", "2025-01-12")
    changed = next(r for r in rows if r["date"] == "2025-01-05" and r["model_permaslug"] == MODELS[1])
    old_value = int(changed["total_tokens"])
    changed["total_tokens"] = str(old_value + 12_345)
    server.add(Reply(200, rankings_body(rows, "2025-01-04", "2025-01-12")))
    assert run(server, rankings_dir, tuning, "2025-01-04", "2025-01-12") == 0
    out = capsys.readouterr()

    assert "2 new day(s), 1 restated day(s), 6 unchanged day(s) skipped" in out.out
    table = out.out.split("restated values")[1]
    assert "date" in table and "model" in table and "old" in table and "change" in table
    line = next(row for row in table.splitlines() if MODELS[1] in row)
    assert "2025-01-05" in line and f"{old_value:,}" in line and f"{old_value + 12_345:,}" in line
    assert "+12,345" in line

    # Existing files untouched; the new vintage holds the restated day in full plus the new days.
    assert {k: v for k, v in tree(rankings_dir).items() if k in old_files} == old_files
    [vintage] = new_vintages(rankings_dir)
    manifest = load_manifest(vintage / "MANIFEST.json")
    assert manifest["restated_days"] == ["2025-01-05"]
    stored = pd.read_csv(vintage / "2025-01.csv", dtype=str)
    assert sorted(stored["date"].unique()) == ["2025-01-05", "2025-01-11", "2025-01-12"]
    assert len(stored[stored["date"] == "2025-01-05"]) == 4

    loaded, restated = load_rankings(rankings_dir)
    value = loaded[(loaded["date"] == "2025-01-05") & (loaded["model_permaslug"] == MODELS[1])]
    assert value["tokens"].tolist() == [old_value + 12_345]
    assert restated.set_index("date").loc[pd.Timestamp("2025-01-05"), "change_tokens"] == 12_345
    assert_no_key(tmp_path, out)


def test_nothing_new_writes_nothing(server, rankings_dir, tuning, capsys, tmp_path):
    before = tree(tmp_path)
    server.add(serve_window)
    assert run(server, rankings_dir, tuning, "2025-01-02", "2025-01-09") == 0
    assert "nothing new or restated; nothing written" in capsys.readouterr().out
    assert tree(tmp_path) == before


def test_interrupted_transfers_are_retried_then_fail_without_leftovers(
    server, rankings_dir, tuning, fake_time, tmp_path, capsys
):
    before_paths = all_paths(tmp_path)
    whole = rankings_body(api_rows("2025-01-11", "2025-01-12"), "2025-01-11", "2025-01-12")
    server.add(*[Reply(200, whole, truncate_to=100) for _ in range(4)], Reply(drop=True))
    with pytest.raises(FetchError, match="no complete response after 5 attempts") as caught:
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12")
    assert "connection problem" in str(caught.value)  # the last attempt was dropped outright
    assert "transfer interrupted" in capsys.readouterr().err
    assert len(server.seen) == 5
    assert fake_time.sleeps == [1.0, 2.0, 4.0, 8.0]
    assert all_paths(tmp_path) == before_paths  # no partial file, no hidden staging folder


def test_interrupted_transfer_then_success(server, rankings_dir, tuning):
    whole = rankings_body(api_rows("2025-01-11", "2025-01-12"), "2025-01-11", "2025-01-12")
    server.add(Reply(200, whole, truncate_to=50), serve_window)
    assert run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12") == 0
    assert len(new_vintages(rankings_dir)) == 1


def test_timeout_is_retried(server, rankings_dir, fake_time):
    tuning = fetch.Tuning(timeout=0.2, sleep=fake_time.sleep, clock=fake_time.clock, now=lambda: NOW)
    server.add(Reply(200, b"{}", delay=0.5), serve_window)
    assert run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12") == 0
    assert fake_time.sleeps == [1.0]


def test_dry_run_requests_nothing_and_writes_nothing(server, rankings_dir, capsys, tmp_path):
    before = tree(tmp_path)
    args = argparse.Namespace(
        what="rankings", start="2025-01-01", end="2027-03-11", base_url=server.base_url, dry_run=True
    )
    assert fetch.main(args, env={}, rankings_dir=rankings_dir) == 0  # no key needed
    out = capsys.readouterr().out
    assert "window 3/3 2027-01-03..2027-03-11 (68 days)" in out and "nothing written" in out
    assert server.seen == [] and tree(tmp_path) == before


# --------------------------------------------------------------------------- models


MODELS_BODY = json.dumps(
    {
        "data": [
            {
                "id": "openai/gpt-4o",
                "canonical_slug": "openai/gpt-4o-2024-05-13",
                "pricing": {"prompt": "0.0000025", "completion": "0.00001"},
            },
            {
                "id": "meta-llama/llama-3-8b",
                "canonical_slug": "meta-llama/llama-3-8b",
                "pricing": {"prompt": "0", "completion": "0"},
            },
        ]
    },
    indent=1,
).encode()


def test_models_snapshot_is_saved_byte_for_byte_with_a_manifest(server, tuning, tmp_path, capsys):
    models_dir = tmp_path / "raw" / "openrouter" / "models"
    server.add(Reply(200, MODELS_BODY))
    args = argparse.Namespace(what="models", base_url=server.base_url, dry_run=False)
    assert fetch.main(args, env=ENV, tuning=tuning, models_dir=models_dir) == 0
    [folder] = list(models_dir.iterdir())
    assert folder.name == "2027-03-01_api-20270301T123045Z"
    assert (folder / "models.json").read_bytes() == MODELS_BODY
    manifest = load_manifest(folder / "MANIFEST.json")
    assert manifest["dataset"] == "openrouter/models"
    assert manifest["files"][0]["models"] == 2
    assert manifest["obtained"]["retrieved_at"] == "2027-03-01T12:30:45Z"
    assert len(verify_raw_data(tmp_path / "raw")) == 1
    assert server.seen[0].path == "/api/v1/models"
    assert server.seen[0].headers["Authorization"] == f"Bearer {KEY}"
    assert_no_key(tmp_path, capsys.readouterr())

    # Same timestamp again: refused, the first snapshot untouched.
    before = tree(tmp_path)
    server.add(Reply(200, MODELS_BODY))
    with pytest.raises(ProjectError, match="already exists"):
        fetch.main(args, env=ENV, tuning=tuning, models_dir=models_dir)
    assert tree(tmp_path) == before


def test_models_without_key_and_with_a_bad_shape(server, tuning, tmp_path):
    models_dir = tmp_path / "models"
    bad = json.dumps({"data": [{"id": "x/y", "canonical_slug": "x/y", "pricing": {"prompt": "1"}}]})
    server.add(Reply(200, bad.encode()))
    with pytest.raises(FetchError, match="pricing"):
        fetch.fetch_models(base_url=server.base_url, models_dir=models_dir, env={}, tuning=tuning)
    assert "Authorization" not in server.seen[0].headers
    assert not models_dir.exists() or list(models_dir.iterdir()) == []


def test_models_dry_run(server, tmp_path, capsys):
    assert fetch.fetch_models(base_url=server.base_url, dry_run=True, models_dir=tmp_path / "m", env={}) == 0
    assert "nothing written" in capsys.readouterr().out
    assert server.seen == [] and not (tmp_path / "m").exists()


def test_redirects_are_not_followed(server, rankings_dir, tuning, tmp_path):
    before = tree(tmp_path)
    server.add(Reply(302, b"", headers={"Location": "http://127.0.0.2:1/steal"}))
    with pytest.raises(FetchError, match="unexpected redirect"):
        run(server, rankings_dir, tuning, "2025-01-11", "2025-01-12")
    assert len(server.seen) == 1 and tree(tmp_path) == before


def test_a_token_count_beyond_64_bits_is_refused_in_one_line():
    window = fetch.Window(dt.date(2026, 6, 1), dt.date(2026, 6, 1))
    row = {"date": "2026-06-01", "model_permaslug": "a/b", "total_tokens": 2**64}
    assert "more than 18 digits" in fetch._row_problem(row, window)


# --------------------------------------------------------------------------- the key never leaks, not even in part


def key_offsets(cut: int) -> range:
    """Where the key starts so that every cut through it is tried: wholly before the cut, across it
    at each of its characters, and wholly after it."""
    return range(max(0, cut - len(KEY) - 1), cut + 2)


def rankings_echo(field: str, value: str) -> Reply:
    """A rankings response whose ``field`` (a row's value or meta.version) is ``value``."""
    row = {"date": "2025-01-11", "model_permaslug": "openai/gpt-4o", "total_tokens": "1"}
    meta = {}
    if field == "version":
        meta["version"] = value
    else:
        row[field] = value
    return Reply(200, rankings_body([row], "2025-01-11", "2025-01-12", **meta))


ECHOES = {
    # where the server echoes the key -> (the cut it must survive, the reply with the key at an offset)
    "error body": (200, lambda pad: Reply(404, ("x" * pad + KEY + " and more").encode())),
    "error body read up to its limit": (500, lambda pad: Reply(403, (" " * pad + KEY + " and more").encode())),
    "rejected-key body": (200, lambda pad: Reply(401, ("y" * pad + KEY).encode())),
    "Location header": (200, lambda pad: Reply(302, b"", headers={"Location": "z" * pad + KEY})),
    "model_permaslug field": (80, lambda pad: rankings_echo("model_permaslug", "m" * pad + KEY)),
    "total_tokens field": (40, lambda pad: rankings_echo("total_tokens", "9" * pad + KEY)),
    "date field": (40, lambda pad: rankings_echo("date", "d" * pad + KEY)),
    "meta.version field": (40, lambda pad: rankings_echo("version", "v" * pad + KEY)),
}


@pytest.mark.parametrize("place", list(ECHOES))
def test_no_beginning_of_the_key_is_ever_printed_whatever_the_server_echoes(
    place, server, rankings_dir, tuning, capsys, tmp_path
):
    """The key is redacted before anything is cut: with the key at every offset around every cut,
    no output (the error, the printed lines) holds it or any beginning of it of three or more
    characters, and where its beginning fell inside what is shown, the redaction shows instead."""
    cut, reply = ECHOES[place]
    args = argparse.Namespace(what="rankings", start="2025-01-11", end="2025-01-12", base_url=server.base_url)
    args.dry_run = False
    for pad in key_offsets(cut):
        server.add(reply(pad))
        with pytest.raises(FetchError) as caught:
            fetch.main(args, env=ENV, tuning=tuning, rankings_dir=rankings_dir)
        captured = capsys.readouterr()
        shown = f"{caught.value}\n{captured.out}\n{captured.err}"
        assert KEY[:3] not in shown, f"{place}, key at offset {pad}: {shown}"
        if pad <= cut - 3:  # the key's beginning fell inside what is shown: the marker shows instead
            assert "[redacted]"[: cut - pad] in shown, f"{place}, key at offset {pad}: nothing redacted: {shown}"
    assert_no_key(tmp_path)


def test_a_model_id_echoing_the_key_shows_no_beginning_of_it(server, tuning, tmp_path):
    for pad in key_offsets(60):
        model = {"id": "i" * pad + KEY, "canonical_slug": "x/y", "pricing": {}}
        server.add(Reply(200, {"data": [model]}))
        with pytest.raises(FetchError, match="lacks pricing") as caught:
            fetch.fetch_models(base_url=server.base_url, models_dir=tmp_path / "m", env=ENV, tuning=tuning)
        assert KEY[:3] not in str(caught.value), f"key at offset {pad}: {caught.value}"


@pytest.mark.parametrize("text", [KEY, f"a{KEY}b", KEY[:3], f"x {KEY[:12]}", f"{KEY}{KEY[:5]}"])
def test_redact_removes_the_key_and_every_beginning_of_it(text):
    assert KEY[:3] not in fetch.redact(text, KEY) and "[redacted]" in fetch.redact(text, KEY)
    assert fetch.redact("nothing secret", KEY) == "nothing secret"
