"""How OpenRouter's data is credited: the source line every figure and report page carries.

OpenRouter's rankings are licensed CC BY 4.0, so every figure says where its numbers come from,
as of when, over which dates and from which data version. The wording lives here once; the
figures (``helpers.figures``) print it under each chart and the report under each page. It has no
plotting dependency, so the runner can render pages without importing matplotlib.
"""

from __future__ import annotations

from collections.abc import Iterable

OPENROUTER_SOURCE = "Source: OpenRouter (openrouter.ai/rankings), data as of {as_of}; licensed CC BY 4.0"
OPENROUTER_URL = "https://openrouter.ai/rankings"


def source_line(as_of: str, start: str, end: str, version: str, extra_sources: Iterable[str] = ()) -> str:
    """The footer every OpenRouter-based figure carries: source, licence, range, data version."""
    parts = [OPENROUTER_SOURCE.format(as_of=as_of), *extra_sources]
    return "; ".join(parts) + f".\nDates {start} to {end}. Data version {version}."
