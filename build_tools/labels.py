"""Interface labels in each site language (``data/labels.yml``)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

_FILE = Path(__file__).with_name("data") / "labels.yml"


@functools.cache
def _labels() -> dict[str, dict[str, str]]:
    with _FILE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {str(key): {str(k): str(v) for k, v in value.items()} for key, value in data.items()}


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``; a missing label is a programming error (KeyError)."""
    return _labels()[key][lang]


def has_label(key: str) -> bool:
    """Whether ``labels.yml`` has ``key`` (for labels with optional variants)."""
    return key in _labels()
