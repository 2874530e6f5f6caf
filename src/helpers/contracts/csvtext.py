"""A raw CSV file to a table of text cells, refusing any file that is not well-formed CSV.

``pandas.read_csv`` forgives too much for raw data: a row with a field missing is padded with
empty cells, a stray quote swallows the lines after it into one cell, and its errors count rows
rather than lines or name no line at all (a non-UTF-8 byte). Here the file is decoded and split
with the standard ``csv`` module, line by line, so every malformed line is named by its number
in the file, and nothing is guessed.

A record must sit on one line: no raw table holds a line break inside a cell, so a record that
runs onto a second line is an unbalanced quote. That also keeps line numbers simple: the row at
index ``i`` of the table is line ``i + 2`` of the file (line 1 is the header).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from ..errors import RawDataError
from ..paths import relative_to_root


def decode(path: Path, data: bytes) -> str:
    """The text of the file ``path`` whose bytes are ``data``; a byte that is not UTF-8 is refused
    naming its line and position."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        position = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RawDataError(
            f"{relative_to_root(path)}: line {line}: byte 0x{data[exc.start]:02x} at position {position} is not "
            "UTF-8 (raw tables are UTF-8 text; was the file saved in another encoding?)"
        ) from None
    return text.removeprefix("\ufeff")


def _line_count(text: str) -> int:
    """Lines as the ``csv`` module counts them (ended by ``\n``, ``\r\n`` or ``\r``)."""
    if "\r" in text:
        return len(io.StringIO(text, newline="").readlines())
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def _records(path: Path, text: str) -> list[list[str]]:
    """Every record, record ``i`` on line ``i + 1``; refuses a quote that is not closed on its line."""
    try:  # the usual case, fast: as many records as lines means every record sits on one line
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        records = None
    if records is not None and len(records) == _line_count(text):
        return records
    return _records_line_by_line(path, text)


def _records_line_by_line(path: Path, text: str) -> list[list[str]]:
    """As :func:`_records`, one record at a time, to name the line where a record goes wrong."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    while True:
        start = len(records) + 1
        try:
            record = next(reader)
        except StopIteration:
            return records
        except csv.Error as exc:
            raise RawDataError(
                f"{relative_to_root(path)}: line {start}: not valid CSV ({exc}; an unbalanced quote?)"
            ) from None
        if reader.line_num > start:
            raise RawDataError(
                f"{relative_to_root(path)}: line {start}: a quoted cell runs on to line {reader.line_num} "
                "(an unbalanced quote? raw tables hold no line breaks inside a cell)"
            )
        records.append(record)


def _check_widths(path: Path, records: list[list[str]]) -> None:
    """Every line has as many fields as the header (a blank line has none)."""
    width = len(records[0])
    if set(map(len, records)) == {width}:
        return
    where = relative_to_root(path)
    line, record = next((i + 1, r) for i, r in enumerate(records) if len(r) != width)
    if not record:
        raise RawDataError(f"{where}: line {line}: a blank line inside the table (a row lost?)")
    cause = "an extra comma, or a comma in a cell that is not quoted" if len(record) > width else "a field missing"
    raise RawDataError(f"{where}: line {line}: {len(record)} fields where the header has {width} ({cause})")


def _plain_table(text: str) -> tuple[list[str], pd.DataFrame] | None:
    """The table through pandas' C reader when that is exact: no quotes (so a comma always ends a
    cell), no carriage returns, and every line holding as many commas as the header. Rankings files
    are such text, and large; anything else returns None and goes through the ``csv`` module."""
    if '"' in text or "\r" in text:
        return None
    body = text.rstrip("\n")
    lines = body.split("\n")
    header = lines[0].split(",")
    if not body or len(set(header)) != len(header) or {line.count(",") for line in lines} != {len(header) - 1}:
        return None
    frame = pd.read_csv(
        io.StringIO(body + "\n"),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        quoting=csv.QUOTE_NONE,
        index_col=False,
    )
    if list(frame.columns) != header or len(frame) != len(lines) - 1:
        return None
    return header, frame


def read_text_table(path: Path, data: bytes | None = None) -> tuple[list[str], pd.DataFrame]:
    """The header and the rows of a CSV file (its bytes ``data``, if read already) as text (row
    ``i`` is line ``i + 2``).

    Refused, naming the line: bytes that are not UTF-8, an unbalanced quote, a blank line inside
    the table, and a line with more or fewer fields than the header. Blank lines at the end of the
    file are ignored."""
    path = Path(path)
    text = decode(path, path.read_bytes() if data is None else data)
    plain = _plain_table(text)
    if plain is not None:
        return plain
    records = _records(path, text)
    while records and not records[-1]:
        records.pop()
    if not records:
        raise RawDataError(f"{relative_to_root(path)}: line 1: the file is empty (no header)")
    _check_widths(path, records)
    header, rows = records[0], records[1:]
    columns = {i: pd.array([row[i] for row in rows], dtype=str) for i in range(len(header))}
    return header, pd.DataFrame(columns).set_axis(header, axis=1)
