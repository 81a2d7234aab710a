"""Reading the project's YAML data tables (``build_tools/data/*.yml``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


def load_entries(
    path: Path, what: str, parse: Callable[[Any], T], label: Callable[[dict[str, Any]], Any]
) -> list[T]:
    """The entries of a YAML list, each parsed by ``parse``; a ``ValueError`` naming the file
    and the entry (its number, and ``label(entry)`` when it has one) if any is malformed."""
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of {what}, found {type(data).__name__}")
    entries: list[T] = []
    for number, entry in enumerate(data, start=1):
        try:
            entries.append(parse(entry))
        except ValueError as error:
            name = label(entry) if isinstance(entry, dict) else None
            where = f"entry {number}" + (f" ({name})" if name else "")
            raise ValueError(f"{path}: {where}: {error}") from None
    return entries
