"""Helpers for the OpenRouter representativeness notebooks.

The notebooks stay thin; every rule (validation, classification, week bucketing, definitions of
"Chinese vs US volume") lives here, once, with tests in ``tests/``.
"""

__version__ = "0.1.0"
