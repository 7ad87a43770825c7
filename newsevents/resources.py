"""The one loader for data files shipped inside the package (newsevents/data/...)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import yaml


def data_path(*parts: str):
    """A Traversable for newsevents/data/<parts>."""
    node = resources.files("newsevents") / "data"
    for part in parts:
        node = node / part
    return node


@cache
def load_data(*parts: str) -> Any:
    """Parse a JSON, JSONL or YAML data file once per process; callers must not mutate the result."""
    node = data_path(*parts)
    name = parts[-1]
    text = node.read_text(encoding="utf-8")
    if name.endswith(".jsonl"):
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    if name.endswith(".json"):
        return json.loads(text)
    if name.endswith((".yaml", ".yml")):
        return yaml.safe_load(text)
    return text
