"""Interface labels in each site language (``data/labels.yml``)."""

from __future__ import annotations

import functools
from pathlib import Path

from build_tools.datafile import load_table

_FILE = Path(__file__).with_name("data") / "labels.yml"


@functools.cache
def _labels() -> dict[str, dict[str, str]]:
    """Every label, valid against ``schema/labels.schema.json`` (each in every site language)."""
    data: dict[str, dict[str, str]] = load_table(_FILE, "labels")
    return data


def label(key: str, lang: str) -> str:
    """The label ``key`` in ``lang``; a missing label is a programming error (KeyError)."""
    return _labels()[key][lang]


def has_label(key: str) -> bool:
    """Whether ``labels.yml`` has ``key`` (for labels with optional variants)."""
    return key in _labels()


def missing(lang: str) -> tuple[str, ...]:
    """The keys of ``labels.yml`` that have no label in ``lang``."""
    return tuple(key for key, texts in _labels().items() if lang not in texts)
