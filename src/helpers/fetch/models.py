"""``fetch models``: a dated, byte-for-byte snapshot of OpenRouter's model catalog."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from ..errors import FetchError
from ..manifest import write_new_folder
from ..paths import relative_to_root
from .client import ApiClient, load_json
from .rankings import _refuse_secret, iso_utc, vintage_id
from .settings import (
    MODELS_DIR,
    MODELS_DOCS_URL,
    MODELS_PATH,
    Console,
    Tuning,
    check_key_transport,
    clip,
    read_api_key,
    resolve_base_url,
)

# --------------------------------------------------------------------------- models


def parse_models_response(body: bytes, secret: str | None = None) -> int:
    """Check the catalog's shape (id, canonical_slug, pricing.prompt/completion); return its size.
    An id shown in a message is redacted before it is cut (:func:`clip`)."""
    payload = load_json(body, "models")
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list) or not payload["data"]:
        raise FetchError('models: malformed response, expected a non-empty {"data": [...]}')
    problems = []
    for index, model in enumerate(payload["data"]):
        pricing = model.get("pricing") if isinstance(model, dict) else None
        if not isinstance(model, dict):
            problems.append(f"data[{index}] is not an object")
        elif not isinstance(model.get("id"), str) or not isinstance(model.get("canonical_slug"), str):
            problems.append(f"data[{index}] lacks a string id or canonical_slug")
        elif not isinstance(pricing, dict) or any(
            not isinstance(pricing.get(k), (str, int, float)) or isinstance(pricing.get(k), bool)
            for k in ("prompt", "completion")
        ):
            problems.append(f"data[{index}] ({clip(model['id'], 60, secret)}) lacks pricing.prompt/completion")
        if len(problems) == 5:
            break
    if problems:
        raise FetchError("models: invalid entries: " + "; ".join(problems))
    return len(payload["data"])


def write_snapshot(target: Path, name: str, data: bytes, metadata: dict[str, Any], fields: dict[str, Any]) -> Path:
    """Create ``target`` holding one file and its manifest, atomically; never overwrite."""
    target = Path(target)
    if target.exists():
        raise FetchError(f"{relative_to_root(target)}: already exists; raw data is never overwritten")
    return write_new_folder(target, {name: (data, fields)}, metadata)


def fetch_models(
    *,
    base_url: str | None = None,
    dry_run: bool = False,
    models_dir: Path | None = None,
    env: Mapping[str, str] | None = None,
    tuning: Tuning | None = None,
    out: TextIO | None = None,
) -> int:
    """Save today's model catalog byte for byte as a new dated snapshot; return 0.

    The bytes are kept unchanged (not re-serialised) so the snapshot's sha256 is that of what
    the API sent. The key is optional here and sent only if set.
    """
    env = os.environ if env is None else env
    tuning = tuning or Tuning()
    models_dir = Path(models_dir if models_dir is not None else MODELS_DIR)
    base = resolve_base_url(base_url, env)
    key = read_api_key(env, required=False)
    check_key_transport(base, key)
    console = Console(key, out)
    source_url = f"{base}{MODELS_PATH}"
    if dry_run:
        console.say(
            f"dry run: would request {source_url} and write "
            f"{relative_to_root(models_dir)}/<date>_api-<UTC timestamp>/models.json; "
            "nothing written"
        )
        return 0
    client = ApiClient(base, key, tuning)
    retrieved = tuning.now()
    body = client.get(MODELS_PATH)
    count = parse_models_response(body, key)
    _refuse_secret(body, key, "the models snapshot")
    day = f"{retrieved.astimezone(dt.UTC):%Y-%m-%d}"
    folder = vintage_id(day, retrieved)
    metadata = {
        "dataset": "openrouter/models",
        "vintage": folder,
        "publisher": "OpenRouter",
        "source": f"OpenRouter API, GET {source_url}",
        "source_url": source_url,
        "docs_url": MODELS_DOCS_URL,
        "licence": "not stated by OpenRouter for the model catalog; OpenRouter's terms apply",
        "licence_url": "https://openrouter.ai/terms",
        "attribution": f"Source: OpenRouter model catalog (openrouter.ai/models), retrieved {day}.",
        "as_of": day,
        "obtained": {
            "how": "OpenRouter API via python -m helpers fetch models",
            "retrieved_at": iso_utc(retrieved),
            "requests": client.requests_made,
            "note": "Response body saved byte for byte.",
        },
    }
    target = write_snapshot(models_dir / folder, "models.json", body, metadata, {"kind": "models", "models": count})
    console.say(f"wrote {relative_to_root(target)}/models.json: {count:,} models, {len(body):,} bytes")
    return 0
