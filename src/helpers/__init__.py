"""Helpers for the OpenRouter representativeness notebooks.

The notebooks stay thin; every rule (validation, classification, week bucketing, definitions of
"Chinese vs US volume") lives here, once, with tests in ``tests/``.
"""

import sys

__version__ = "0.2.0"  # pyproject.toml's version (a test keeps them equal)


def _skip_iri_grammar() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax``.

    nbformat validates notebooks with jsonschema, whose optional IRI format checker builds a parsing
    grammar when imported: 1.2 s on the project's machine, on every run, for a format the notebook
    schema never uses. Marking the module absent makes jsonschema skip that checker (it guards the
    import), and changes nothing else.
    """
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None marks it absent


_skip_iri_grammar()
