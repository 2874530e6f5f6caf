"""The raw tables' contracts: every shipped table declared and passing, the declarations complete
(every number has a plausible range, every band and period is ordered), and the one reader's
refusals of malformed files and senseless values, each in one line naming file, line and column."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.contracts import (
    ALL_CONTRACTS,
    check_raw_tables,
    contract_for,
    csvtext,
    named_period,
    raw_tables,
    read_raw_table,
    units,
)
from helpers.contracts.spec import (
    AllowedWhen,
    BothOrNeither,
    BoundsWhen,
    Column,
    Contract,
    Covers,
    GroupTotal,
    NoOverlap,
    Ordered,
    Reference,
    RequiredWhen,
    When,
)
from helpers.errors import RawDataError
from helpers.paths import RAW_DIR

CONTRACTS_DIR = Path(__file__).resolve().parents[1] / "src" / "helpers" / "contracts"


# ---- the shipped data and the declarations -------------------------------------------------------


def test_every_raw_table_is_declared_and_passes_its_contract():
    tables = check_raw_tables(RAW_DIR)
    assert len(tables) == len(list(RAW_DIR.rglob("*.csv"))) > 50
    assert all(len(t) > 0 for t in tables.values())


def test_every_contract_describes_shipped_tables():
    used = {contract.name for _, contract in raw_tables(RAW_DIR)}
    assert used == {c.name for c in ALL_CONTRACTS}
    assert len({c.name for c in ALL_CONTRACTS}) == len(ALL_CONTRACTS)


def test_a_table_nobody_declared_is_refused(raw_copy):
    (raw_copy / "prices" / "notes.csv").write_text("a,b\n1,2\n")
    with pytest.raises(RawDataError, match=r"prices/notes\.csv: no contract declares this table"):
        check_raw_tables(raw_copy)


def _bounded(contract: Contract, column: Column) -> bool:
    ruled = any(isinstance(r, BoundsWhen) and r.column == column.name for r in contract.rules)
    return column.bounds is not None or ruled


def test_every_number_has_a_plausible_range():
    loose = [
        f"{c.name}.{col.name}"
        for c in ALL_CONTRACTS
        for col in c.columns
        if col.kind in ("int", "float") and not _bounded(c, col)
    ]
    assert loose == []


PAIRS = [("_low", "_high"), ("period_start", "period_end"), ("valid_from", "valid_to"), ("_low", "_central")]


def _ordered_pairs(contract: Contract) -> set[tuple[str, str]]:
    pairs = set()
    for rule in contract.rules:
        if isinstance(rule, Ordered):
            pairs |= {(a, b) for i, a in enumerate(rule.columns) for b in rule.columns[i + 1 :]}
    return pairs


def test_every_band_and_period_is_declared_in_order():
    """low <= central <= high for every band, start <= end for every period, wherever a table has both."""
    missing = []
    for contract in ALL_CONTRACTS:
        names = contract.header
        for first, second in PAIRS:
            for name in names:
                if not name.endswith(first):
                    continue
                partner = name[: -len(first)] + second
                if partner in names and (name, partner) not in _ordered_pairs(contract):
                    missing.append(f"{contract.name}: {name} <= {partner}")
    assert missing == []


def test_shares_are_fractions_and_pct_are_percentages_as_the_names_say():
    for contract in ALL_CONTRACTS:
        for column in contract.columns:
            if re.search(r"_share(_|$)", column.name) and column.kind == "float":
                assert column.bounds == units.FRACTION, column.name
            if column.name.endswith("_pct"):
                assert column.bounds == units.PERCENT, column.name


def test_price_bounds_hold_the_dearest_real_price_with_headroom():
    prices = read_raw_table(RAW_DIR / "prices" / "prices.csv", contract_for("prices/prices.csv"))
    dearest = prices[["prompt_usd_per_mtok", "completion_usd_per_mtok"]].max().max()
    assert units.USD_PER_MTOK.high >= 3 * 600 > dearest  # 600: the dearest catalogue price of 2026
    assert units.USD_PER_TOKEN.high * 1e6 == units.USD_PER_MTOK.high


def test_contract_modules_stay_small():
    for module in CONTRACTS_DIR.glob("*.py"):
        assert len(module.read_text().splitlines()) <= 450, module.name


def test_reading_changes_nothing_on_disk():
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in RAW_DIR.rglob("*.csv")}
    check_raw_tables(RAW_DIR)
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in RAW_DIR.rglob("*.csv")} == before


# ---- the reader on small files -------------------------------------------------------------------

SMALL = Contract(
    name="small",
    columns=(
        Column("id", pattern=r"[a-z]+"),
        Column("day", kind="date"),
        Column("count", kind="int", bounds=units.TOKENS),
        Column("price", kind="float", required=False, bounds=units.USD_PER_MTOK, sentinels=(-1.0,)),
        Column("flag", kind="bool"),
        Column("kind", allowed=("a", "b")),
        Column("note", required=False),
    ),
    key=("id",),
)
HEADER = "id,day,count,price,flag,kind,note\n"
GOOD = 'x,2026-06-01,5,1.5,true,a,\ny,2026-06-02,7,-1,false,b,"quoted, with a comma"\n'


def write(tmp_path: Path, body: str | bytes, name: str = "small.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    if isinstance(body, bytes):
        path.write_bytes(header.encode() + body)
    else:
        path.write_text(header + body)
    return path


def test_a_good_table_is_parsed_into_types(tmp_path):
    table = read_raw_table(write(tmp_path, GOOD), SMALL)
    assert table["day"].tolist() == [pd.Timestamp("2026-06-01"), pd.Timestamp("2026-06-02")]
    assert table["count"].dtype == "int64" and table["price"].tolist() == [1.5, -1.0]
    assert table["flag"].tolist() == [True, False] and table["note"].tolist() == ["", "quoted, with a comma"]


@pytest.mark.parametrize(
    "body",
    [
        b"\xef\xbb\xbf",  # a byte-order mark before the header
        b"",
    ],
)
def test_a_byte_order_mark_crlf_and_trailing_blank_lines_are_tolerated(tmp_path, body):
    path = tmp_path / "small.csv"
    path.write_bytes(body + (HEADER + GOOD).replace("\n", "\r\n").encode() + b"\r\n\r\n")
    assert len(read_raw_table(path, SMALL)) == 2


@pytest.mark.parametrize(
    "body, message",
    [
        (GOOD + "z,2026-06-03,1\n", r"line 4: 3 fields where the header has 7 \(a field missing\)"),
        (GOOD + "z,2026-06-03,1,1,true,a,,\n", r"line 4: 8 fields where the header has 7 \(an extra comma"),
        ("x,2026-06-01,5,1,true,a,\n\ny,2026-06-02,7,1,true,a,\n", r"line 3: a blank line inside the table"),
        ('x,2026-06-01,5,1,true,a,"no end\ny,2026-06-02,7,1,true,a,\n', r"line 2: .*(unbalanced quote|runs on)"),
        ('x,2026-06-01,5,1,true,a,"two\nlines"\n', r"line 2: a quoted cell runs on to line 3"),
        (b"x,2026-06-01,5,1,true,a,caf\xe9\n", r"line 2: byte 0xe9 at position 28 is not UTF-8"),
        ("", r"line 1: the table holds only its header, no rows"),
    ],
)
def test_malformed_files_are_refused_naming_the_line(tmp_path, body, message):
    with pytest.raises(RawDataError, match=r"small\.csv: " + message):
        read_raw_table(write(tmp_path, body), SMALL)


def test_a_changed_header_names_what_is_missing_and_unexpected(tmp_path):
    path = write(tmp_path, GOOD.replace("x,", "x,", 1), header=HEADER.replace("count", "tokens"))
    with pytest.raises(
        RawDataError, match=r"columns .* expected .*header is line 1; missing \['count'\]; not expected"
    ):
        read_raw_table(path, SMALL)


@pytest.mark.parametrize(
    "row, message",
    [
        ("X,2026-06-01,5,1,true,a,", r"column id: must be text matching \[a-z\]\+ \(values: 'X'\)"),
        ("x,2026-06-31,5,1,true,a,", r"column day: must be a YYYY-MM-DD date \(values: '2026-06-31'\)"),
        ("x,,5,1,true,a,", r"column day: must be a YYYY-MM-DD date$"),
        ("x,2026-06-01,abc,1,true,a,", r"column count: must be a whole number from 0 to 1e\+17 \(tokens\)"),
        ("x,2026-06-01,-3,1,true,a,", r"column count: must be a whole number from 0"),
        ("x,2026-06-01,5,nan,true,a,", r"column price: must be a number from 0 to 2,000 .* or empty \(values: 'nan'\)"),
        ("x,2026-06-01,5,-2,true,a,", r"column price: outside the plausible range"),
        ("x,2026-06-01,5,1e308,true,a,", r"column price: outside the plausible range: .*'1e308'"),
        ("x,2026-06-01,5,1,yes,a,", r"column flag: must be true or false \(values: 'yes'\)"),
        ("x,2026-06-01,5,1,true,c,", r"column kind: must be one of \['a', 'b'\] \(values: 'c'\)"),
        (
            "x,2026-06-01,5,1,true,a,\nx,2026-06-02,5,1,true,a,",
            r"duplicate id: 'x' \(lines 2, 3, column id\)",
        ),
    ],
)
def test_a_bad_cell_is_refused_naming_line_and_column(tmp_path, row, message):
    with pytest.raises(
        RawDataError, match=r"small\.csv: " + (r"line 2, " if "duplicate" not in message else "") + message
    ):
        read_raw_table(write(tmp_path, row + "\n"), SMALL)


RULED = Contract(
    name="ruled",
    columns=(
        Column("group"),
        Column("kind", allowed=("share", "rank")),
        Column("low", kind="float", bounds=units.PERCENT),
        Column("high", kind="float", required=False, bounds=units.PERCENT),
        Column("start", kind="date"),
        Column("end", kind="date", required=False),
        Column("ref", required=False, references=Reference("other.csv", "name", When("type", ("x",)))),
    ),
    rules=(
        Ordered(("low", "high")),
        BothOrNeither(("high", "end"), "give both or neither"),
        RequiredWhen("ref", When("kind", ("rank",))),
        AllowedWhen("group", ("g1", "g2"), When("kind", ("rank",))),
        BoundsWhen("low", units.RANK, When("kind", ("rank",)), whole=True),
        Covers("kind", ("share",)),
        NoOverlap(("group",), "start", "end", noun="ranges"),
        GroupTotal("low", ("group",), 100.0, When("kind", ("share",)), what="shares"),
    ),
)
RULED_HEADER = "group,kind,low,high,start,end,ref\n"


@pytest.mark.parametrize(
    "rows, message",
    [
        (
            ["g1,share,50,40,2026-01-01,2026-01-31,"],
            r"line 2, column high: is below low .*\(low '50', high '40'\)",
        ),
        (["g1,share,50,,2026-01-01,2026-01-31,"], r"line 2, column end: give both or neither"),
        (
            ["g1,share,50,60,2026-01-01,2026-01-31,", "g1,rank,2,3,2026-03-01,2026-03-31,"],
            r"line 3, column ref: must not",
        ),
        (
            ["g1,share,5,,2026-01-01,,", "g3,rank,2,,2026-01-01,,a"],
            r"line 3, column group: must be one of \['g1', 'g2'\]",
        ),
        (
            ["g1,share,5,,2026-01-01,,", "g2,rank,2.5,,2026-01-01,,a"],
            r"line 3, column low: must be a whole number from 1",
        ),
        (["g1,rank,2,,2026-01-01,,a"], r"column kind: needs a row for each of \['share'\]; none for \['share'\]"),
        (
            ["g1,share,5,6,2026-01-01,2026-01-31,", "g1,share,5,6,2026-01-31,2026-02-28,"],
            r"line 2, column start: g1 has two ranges covering 2026-01-31",
        ),
        (
            ["g1,share,60,70,2026-01-01,2026-01-31,", "g1,share,50,60,2027-01-01,2027-01-31,"],
            r"lines 2, 3, column low: shares of one group sum to 110",
        ),
        (
            ["g1,share,5,,2026-01-01,,", "g2,rank,2,,2027-01-01,,b"],
            r"line 3, column ref: not in other\.csv \(column name where",
        ),
    ],
)
def test_rules_across_cells_and_rows_name_their_lines(tmp_path, rows, message):
    path = write(tmp_path, "\n".join(rows) + "\n", name="ruled.csv", header=RULED_HEADER)
    with pytest.raises(RawDataError, match=r"ruled\.csv: .*" + message):
        read_raw_table(path, RULED, {"ref": ["a"]})


@pytest.mark.parametrize(
    "name, period",
    [
        ("2026-06.csv", ("2026-06-01", "2026-06-30")),
        ("2024-02.csv", ("2024-02-01", "2024-02-29")),
        ("2026-09-28.csv", ("2026-09-28", "2026-09-28")),
        ("2026-09-22_2026-09-28.csv", ("2026-09-22", "2026-09-28")),
        ("daily_2026-07-22_2026-08-23.csv", ("2026-07-22", "2026-08-23")),
        ("prices.csv", None),
    ],
)
def test_a_files_name_gives_its_period(name, period):
    expected = None if period is None else tuple(pd.Timestamp(d) for d in period)
    assert named_period(Path(name)) == expected


def test_a_month_named_in_a_file_must_exist(tmp_path):
    contract = contract_for("openrouter/rankings-daily/v/2026-13.csv")
    path = write(tmp_path, "2026-06-01,a/b,1\n", name="2026-13.csv", header="date,model_permaslug,total_tokens\n")
    with pytest.raises(RawDataError, match=r"2026-13\.csv: the file's name gives no real date"):
        read_raw_table(path, contract)


def test_plain_files_read_through_pandas_exactly_as_through_the_csv_module():
    """Quote-free files (the rankings) take pandas' C reader; it must give what the csv module gives."""
    plain = 0
    for path in sorted(RAW_DIR.rglob("*.csv")):
        text = csvtext.decode(path, path.read_bytes())
        fast = csvtext._plain_table(text)
        if fast is None:
            continue
        plain += 1
        records = csvtext._records(path, text)
        header, rows = records[0], records[1:]
        assert fast[0] == header
        assert fast[1].values.tolist() == rows and fast[1].dtypes.tolist() == [
            pd.StringDtype(na_value=float("nan"))
        ] * len(header)
    assert plain > 30


@pytest.mark.parametrize(
    "body, message",
    [
        ("x,2026-06-01,5,1,true,a,\nx,2026-06-01\n", r"line 3: 2 fields where the header has 7"),
        ("x,2026-06-01,5,1,true,a,,,\ny,2026-06-01,5,1,true,a\n", r"line 2: 9 fields where the header has 7"),
    ],
)
def test_a_line_with_too_many_fields_and_one_with_too_few_are_both_found(tmp_path, body, message):
    with pytest.raises(RawDataError, match=message):
        read_raw_table(write(tmp_path, body), SMALL)


def test_an_edited_file_is_read_afresh(tmp_path):
    path = write(tmp_path, "x,2026-06-01,5,1,true,a,\n")
    assert read_raw_table(path, SMALL)["count"].tolist() == [5]
    path.write_text(HEADER + "x,2026-06-01,6,1,true,a,\n")  # same size, same moment
    assert read_raw_table(path, SMALL)["count"].tolist() == [6]
    table = read_raw_table(path, SMALL)
    table.loc[0, "count"] = 99  # a caller changing its copy changes nobody else's
    assert read_raw_table(path, SMALL)["count"].tolist() == [6]
