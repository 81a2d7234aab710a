"""Reading the project's YAML data tables (``build_tools/data/*.yml``).

Each table has a JSON Schema (draft 2020-12) in ``build_tools/data/schema/<table>.schema.json``
that says its shape: keys, types, patterns, which keys go together. :func:`load_table` reads a
table and validates it against its schema, so a malformed entry is reported as
``path:line:col: entry N (label), key: what is wrong; expected …``, the line being the one
the YAML has the value on. The modules that read a table (states, treaties, phrases, labels,
search names) then only build their records and check what a schema cannot say (a name used
twice, a code that names no State).

A language described outside the package brings its own entries of these tables: a folder
(:func:`add_supplements`) with files of the same names (and its own texts, such as
``about/<lang>.md``, :func:`data_file`), each holding only that language's
values, keyed as the table keys them (labels by key, phrases by language, States by ``code``,
treaties by ``id``, search names by ``state`` or ``body``). They are merged into the table
before it is validated, so the table's schema checks them too.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import jsonschema
import yaml

T = TypeVar("T")

SCHEMAS = Path(__file__).with_name("data") / "schema"
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the same nodes, marks and errors as
the pure-Python one, eight times faster (the phrase table: 16 ms against 151 ms)."""


_SUPPLEMENTS: list[Path] = []
_ENTRY_KEYS = ("id", "code", "state", "body", "not_names", "joined_words")
"""What names an entry of a list table, for the entries a supplement adds to."""


def add_supplements(folder: Path) -> None:
    """Merge the tables in ``folder`` into the package's tables of the same names, from the
    next time a table is read (the modules keep a table once read: call this first)."""
    if not folder.is_dir():
        raise ValueError(f"{folder}: expected a folder of data tables")
    _SUPPLEMENTS.append(folder)


def supplement_folders() -> tuple[Path, ...]:
    """The folders :func:`add_supplements` added, in order."""
    return tuple(_SUPPLEMENTS)


def data_file(relative: str) -> Path:
    """The package's data file ``relative`` (``about/en.md``) or, where one of the
    supplements has it and the package does not, the supplement's."""
    own = SCHEMAS.parent / relative
    found = next((folder / relative for folder in _SUPPLEMENTS if (folder / relative).is_file()), None)
    return own if own.is_file() or found is None else found


class TableError(ValueError):
    """A data table is malformed; the message names the file, line and entry.

    ``where`` is ``path:line:col`` (or the path alone), ``problem`` the rest."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem

    def report(self) -> str:
        """The problem as the build reports every problem: ``path:line:col: error [data.table] …``."""
        return (f"{self.where}: error [data.table] {self.problem} (hint: each table's form is in "
                "build_tools/data/schema/; the comment at the top of the table says what an entry holds)")


@functools.cache
def _validator(schema: str) -> jsonschema.Draft202012Validator:
    path = SCHEMAS / f"{schema}.schema.json"
    loaded = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(loaded)
    return jsonschema.Draft202012Validator(loaded)


def load_table(path: Path, schema: str, label: Callable[[dict[str, Any]], Any] = lambda entry: None) -> Any:
    """The data of the YAML file ``path``, valid against ``data/schema/<schema>.schema.json``.

    :class:`TableError` (a ``ValueError``) for a file that is not YAML or not valid: the first
    problem (the one that goes deepest, :func:`jsonschema.exceptions.best_match`), with the
    line and column of the value it concerns, the entry's number when the table is a list and
    ``label(entry)`` when that gives a name."""
    try:
        text = path.read_text(encoding="utf-8")
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as problem:
        mark = problem.problem_mark or problem.context_mark
        place = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        reason = " ".join(part for part in (problem.context, problem.problem) if part)
        raise TableError(place, f"not valid YAML: {reason}") from None
    except yaml.YAMLError as problem:
        raise TableError(str(path), f"not valid YAML: {problem}") from None
    own = data
    added = [folder / path.name for folder in _SUPPLEMENTS if (folder / path.name).is_file()]
    for supplement in added:
        data = _merged(data, _read(supplement), supplement)
    error = jsonschema.exceptions.best_match(_validator(schema).iter_errors(data))
    if error is None:
        return data
    where = list(error.absolute_path)
    line, column = _position(node, where)
    place = f"{path}:{line}:{column}"
    if added and not _holds(own, where):  # a value a supplement brought: named by its file
        place = ", ".join(map(str, added))
    parts: list[str] = []
    if isinstance(data, list) and where and isinstance(where[0], int):
        entry = data[where[0]]
        name = label(entry) if isinstance(entry, dict) else None
        parts.append(f"entry {where[0] + 1}" + (f" ({name})" if name else ""))
        where = where[1:]
    message = _message(error)
    if where:
        message = ".".join(map(str, where)) + ": " + message
    raise TableError(place, ", ".join([*parts, message]))


def _holds(data: Any, where: Sequence[Any]) -> bool:
    """Whether ``data`` has a value at the JSON path ``where``."""
    for step in where:
        if (isinstance(data, dict) and step in data) or (
                isinstance(data, list) and isinstance(step, int) and step < len(data)):
            data = data[step]
        else:
            return False
    return True


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as problem:
        raise TableError(str(path), f"not valid YAML: {problem}") from None


def _merged(data: Any, extra: Any, path: Path) -> Any:
    """``data`` with the values of the supplement ``extra`` (read from ``path``) added: a
    mapping's keys (recursively), a list's entries to the entries with the same key."""
    if isinstance(data, dict) and isinstance(extra, dict):
        merged = dict(data)
        for key, value in extra.items():
            merged[key] = _merged(merged[key], value, path) if key in merged else value
        return merged
    if isinstance(data, list) and isinstance(extra, list):
        merged_list = list(data)
        for number, entry in enumerate(extra, start=1):
            name = next((key for key in _ENTRY_KEYS if isinstance(entry, dict) and key in entry), None)
            found = next((i for i, old in enumerate(merged_list)
                          if name is not None and isinstance(old, dict) and old.get(name) == entry[name]), None)
            if found is None:
                raise TableError(str(path), f"entry {number}: expected one of {', '.join(_ENTRY_KEYS)} naming an "
                                 "entry of the table it adds to")
            merged_list[found] = _merged(merged_list[found], entry, path)
        return merged_list
    if data == extra:
        return data
    raise TableError(str(path), f"{extra!r}: the table already has {data!r} there; a supplement only adds values")


def _message(error: jsonschema.exceptions.ValidationError) -> str:
    """jsonschema's message, with what the schema's ``description`` says is expected; for a
    rule over several keys (oneOf, if/then) that description alone, not the whole entry."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    expected = str(schema.get("description") or "")
    message = str(error.message)
    if error.validator == "additionalProperties":
        allowed = ", ".join(schema.get("properties", {}))
        if schema.get("patternProperties") and isinstance(error.instance, dict):
            unexpected = [key for key in error.instance if key not in schema.get("properties", {})
                          and not any(re.search(pattern, str(key)) for pattern in schema["patternProperties"])]
            return (f"Additional properties are not allowed ({', '.join(map(repr, unexpected))} "
                    f"{'was' if len(unexpected) == 1 else 'were'} unexpected); allowed: {allowed}, "
                    "or the code of another language the site is built in (two lower-case letters)")
        return message + (f"; allowed: {allowed}" if allowed else "")
    if error.validator in ("enum", "const", "dependentRequired") or not expected:
        return message
    if error.validator in ("oneOf", "anyOf", "allOf", "not", "if", "then"):
        return f"expected {expected}"
    return f"{message}; expected {expected}"


def _position(node: yaml.Node | None, where: list[Any]) -> tuple[int, int]:
    """Line and column (from 1) of the YAML node at the JSON path ``where``: as deep as the
    path goes (a missing key is reported at the mapping that lacks it)."""
    if node is None:
        return 1, 1
    for step in where:
        child: yaml.Node | None = None
        if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        elif isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == str(step)), None)
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_entries(
    path: Path, schema: str, parse: Callable[[dict[str, Any]], T], label: Callable[[dict[str, Any]], Any]
) -> list[T]:
    """The entries of a list table, validated against ``schema`` (:func:`load_table`), each
    made a record by ``parse``; a ``ValueError`` ``parse`` raises names the entry too."""
    entries: list[T] = []
    for number, entry in enumerate(load_table(path, schema, label), start=1):
        try:
            entries.append(parse(entry))
        except (ValueError, KeyError) as error:
            name = label(entry)
            where = f"entry {number}" + (f" ({name})" if name else "")
            reason = error.args[0] if error.args else type(error).__name__
            raise TableError(str(path), f"{where}: {reason}") from None
    return entries
