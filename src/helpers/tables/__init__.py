"""The tables each notebook shows, written for people: units in the headers, numbers rounded for
reading, words for codes and booleans, and no empty or infinite number on a page. One module per
notebook; the published CSVs (``data/processed/``) keep every digit and the code-friendly names of
the column dictionary (``src/helpers/columns.csv``).
"""

from . import claims, enterprise, headline, rankings, spend

__all__ = ["claims", "enterprise", "headline", "rankings", "spend"]
