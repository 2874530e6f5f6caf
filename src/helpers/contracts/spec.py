"""What a raw table must hold, written down as data: columns, their types and ranges, the key, rules.

A contract is read by one reader (:func:`helpers.contracts.read_raw_table`); no loader checks a
column by hand. Declaring the rules as values rather than code keeps each table's rules in one
place a reader can scan, and lets ``python -m helpers run`` check every raw table before any
notebook starts without calling into each domain module.

Kinds of column (what a cell must parse as):

- ``text``: any text; ``pattern`` (a regular expression the whole cell must match) and
  ``allowed`` (a closed list of words) narrow it.
- ``url``: a web address (``http://`` or ``https://``, no spaces).
- ``date``: ``YYYY-MM-DD``, a real calendar day.
- ``int``: a whole number written with digits only (a sign only if ``low`` is below 0).
- ``float``: a finite number (``inf``, ``nan`` and ``1e308`` beyond ``high`` are refused).
- ``bool``: the words ``true`` or ``false``.
- ``regex``: a regular expression that compiles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd

Kind = Literal["text", "url", "date", "int", "float", "bool", "regex"]


@dataclass(frozen=True)
class Bounds:
    """A plausible range for numbers in one unit, and why its edges sit where they do.

    Ranges are wide on purpose (several times the largest real value): they exist to stop a
    corrupted cell (``1e308``, a sign flipped, a value typed in the wrong unit), not to judge a
    figure that is merely surprising."""

    low: float
    high: float
    unit: str  # in words, as an error message says it
    why: str = ""


@dataclass(frozen=True)
class When:
    """A condition on a text column: its cell is one of ``values`` (or, with ``negate``, is not)."""

    column: str
    values: tuple[str, ...]
    negate: bool = False

    def mask(self, table: pd.DataFrame) -> pd.Series:
        hit = table[self.column].isin(self.values)
        return ~hit if self.negate else hit

    def words(self) -> str:
        listed = self.values[0] if len(self.values) == 1 else list(self.values)
        return f"where {self.column} is {'not ' if self.negate else ''}{listed}"


@dataclass(frozen=True)
class Reference:
    """A column whose values must appear in a column of another raw table (a lens named in the
    observations must be a row of the lens table). ``table`` is the path under the raw folder;
    ``where`` narrows the other table's rows (vendor names are the ``key`` rows whose
    ``key_type`` is ``vendor``)."""

    table: str
    column: str
    where: When | None = None


@dataclass(frozen=True)
class Column:
    """One column: its kind, whether it may be empty, and the values it may hold.

    ``say`` replaces the generic message ("must be a YYYY-MM-DD date") when a table's readers
    need to be told what to do ("every observation needs a URL"). ``keep_text`` checks a date
    but hands the text on unchanged, for columns shown to readers as written. ``sentinels`` are
    values allowed outside ``bounds`` with a meaning of their own (``-1``: a router's price)."""

    name: str
    kind: Kind = "text"
    required: bool = True
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    bounds: Bounds | None = None
    sentinels: tuple[float, ...] = ()
    references: Reference | None = None
    keep_text: bool = False
    say: str | None = None


@dataclass(frozen=True)
class Ordered:
    """Values that must not decrease along ``columns`` (low <= central <= high; a period's start
    before its end). Empty cells are skipped. An error names the later column of the first pair
    out of order, with ``message`` or a generic one."""

    columns: tuple[str, ...]
    message: str | None = None


@dataclass(frozen=True)
class BothOrNeither:
    """Columns that are filled together or left empty together (a period's two ends)."""

    columns: tuple[str, ...]
    message: str = "give both or neither"


@dataclass(frozen=True)
class RequiredWhen:
    """``column`` must not be empty on rows that meet ``when`` (a relay names what it relays)."""

    column: str
    when: When
    message: str | None = None


@dataclass(frozen=True)
class AllowedWhen:
    """``column`` must be one of ``allowed`` on rows that meet ``when`` (a revealed stealth model
    names the origin group it was revealed to belong to)."""

    column: str
    allowed: tuple[str, ...]
    when: When


@dataclass(frozen=True)
class BoundsWhen:
    """A numeric column's range on rows that meet ``when``, for columns whose unit is set by
    another column (a percentage from 0 to 100, a rank from 1). ``whole`` asks for whole numbers."""

    column: str
    bounds: Bounds
    when: When
    whole: bool = False
    message: str | None = None


@dataclass(frozen=True)
class Covers:
    """Values ``column`` must hold somewhere in the table (a ``general`` prompt-share class; one
    row for each calibration parameter)."""

    column: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class NoOverlap:
    """Within each ``key`` group (rows meeting ``when``), no two date ranges ``start``..``end``
    (``end`` empty: open-ended) cover the same day: two prices for one day would be a guess."""

    key: tuple[str, ...]
    start: str
    end: str
    when: When | None = None
    noun: str = "rows"


@dataclass(frozen=True)
class GroupTotal:
    """Within each ``group`` (rows meeting ``when``), ``column`` sums to at most ``at_most``: the
    shares of one table of shares cannot pass 100 percent."""

    column: str
    group: tuple[str, ...]
    at_most: float
    when: When | None = None
    what: str = "values"


@dataclass(frozen=True)
class RowRule:
    """A rule only one table has, as a function of the parsed table returning the rows that break
    it. Used sparingly: each is one line, and its message says the rule in words."""

    column: str
    message: str
    broken: Callable[[pd.DataFrame], pd.Series]


Rule = Ordered | BothOrNeither | RequiredWhen | AllowedWhen | BoundsWhen | Covers | NoOverlap | GroupTotal | RowRule


@dataclass(frozen=True)
class Contract:
    """Everything one raw table must satisfy.

    ``key``: columns whose values together are unique (checked per file; with ``key_scope`` set to
    ``"folder"`` the caller checks it across the files of one folder, as for a rankings vintage).
    ``file_dates``: a date column whose days must lie in the period the file's name gives
    (``2026-06.csv``: June 2026; ``2026-09-28.csv``: that day; ``2026-09-22_2026-09-28.csv``: that
    week). ``min_rows``: a table cut to its header holds nothing and is refused.
    ``files``: where the table lives under the raw folder (``fnmatch`` patterns, ``*`` matching
    across folders), so the raw folder can be checked table by table."""

    name: str
    columns: tuple[Column, ...]
    files: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    key_scope: Literal["file", "folder"] = "file"
    rules: tuple[Rule, ...] = ()
    file_dates: str | None = None
    min_rows: int = 1
    about: str = ""

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)
