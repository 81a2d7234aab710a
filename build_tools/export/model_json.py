"""The document model as JSON: the published export, and what ``unres convert --stage model``
prints and the golden model files hold (one serializer for all three).

The JSON Schema in :data:`SCHEMA_FILE` describes it field for field; a test validates every
export of the real collection against it and checks that the schema names exactly the
model's fields, so the schema cannot drift from :mod:`build_tools.model`.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from build_tools.diagnostics import Severity
from build_tools.model import Document
from build_tools.source import Source
from build_tools.textmap import MappedText

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "schema" / "document.schema.json"
"""JSON Schema (draft 2020-12) of :func:`document_json`'s output."""

EXCLUDED = frozenset({"diagnostics"})
"""Fields of :class:`~build_tools.model.Document` left out: build messages, not the document."""


def document_json(document: Document) -> dict[str, Any]:
    """The document as a JSON-ready dict, fields in the model's order."""
    return {
        field.name: plain(getattr(document, field.name))
        for field in dataclasses.fields(document)
        if field.name not in EXCLUDED
    }


def dumps(document: Document) -> str:
    """Indented UTF-8 JSON text (Chinese stays readable), ending in a newline."""
    return json.dumps(document_json(document), ensure_ascii=False, indent=2) + "\n"


def plain(value: Any) -> Any:
    """Any value of the model or of an earlier stage (:class:`~build_tools.clean_text.CleanText`)
    as JSON-ready data: dataclasses as dicts in field order, mapped text as its plain string, a
    source as its path, language and encoding."""
    if isinstance(value, MappedText):
        return value.text
    if isinstance(value, Source):
        return {"path": value.path, "lang": value.lang, "encoding": value.encoding}
    if isinstance(value, Severity):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value
