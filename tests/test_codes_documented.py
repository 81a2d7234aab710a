"""Every diagnostic code the build can print is explained in docs/content-format.md.

An editor who meets ``[parse.operative-number]`` looks it up there; a code that is printed
but not documented leaves them with a name and nothing else.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "content-format.md"
STAGES = ("read", "ingest", "parse", "structure", "annotate", "meta", "notes", "content", "reading",
          "convert", "verify", "cli", "site", "data", "serve", "report")
"""The stages a code begins with (``stage.what``)."""
CODE = re.compile(rf"(?<![\w./-])(?:{'|'.join(STAGES)})\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?![\w./-])")
FILE_NAMES = frozenset({"meta.yml"})
"""Words of the code's form that are file names, not codes."""


def _strings(tree: ast.AST) -> list[str]:
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _sources() -> list[Path]:
    return sorted((ROOT / "build_tools").rglob("*.py"))


def printed_codes() -> set[str]:
    """Every code that a string of the build's source holds (messages and f-string parts too)."""
    codes: set[str] = set()
    for path in _sources():
        for text in _strings(ast.parse(path.read_text(encoding="utf-8"))):
            codes.update(m.group(0) for m in CODE.finditer(text))
    return codes - FILE_NAMES


PRINTED = re.compile(r"\b(?:error|warning) \[([a-z][a-z0-9_-]*\.[a-z0-9.<>_-]+)\]")
"""A code as a message prints it (``error [serve.build] …``), whatever its stage."""


def bracketed_codes() -> set[str]:
    """Every code a message string of the build's source prints in brackets."""
    return {m.group(1) for path in _sources() for text in _strings(ast.parse(path.read_text(encoding="utf-8")))
            for m in PRINTED.finditer(text)}


def diagnostic_first_arguments() -> set[str]:
    """The literal first argument of every ``Diagnostic(...)`` call: the code it is made with."""
    found: set[str] = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Diagnostic"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


def documented_codes() -> set[str]:
    return {m.group(0) for m in CODE.finditer(DOCS.read_text(encoding="utf-8"))} - FILE_NAMES


def test_the_scan_finds_the_codes_it_should() -> None:
    codes = printed_codes()
    # Codes made in three different ways: a Diagnostic's argument, a helper's, a printed line.
    assert {"parse.operative-number", "meta.unknown-key", "cli.environment", "reading.unavailable"} <= codes
    assert "meta.yml" not in codes and not any(code.endswith((".md", ".pdf", ".txt")) for code in codes)


def test_every_code_made_by_a_diagnostic_has_a_known_stage() -> None:
    made = diagnostic_first_arguments()
    assert made, "no Diagnostic(...) call with a literal code was found"
    unknown = sorted(code for code in made if not CODE.fullmatch(code))
    assert unknown == [], f"codes outside the stages {STAGES} (add the stage here and to the docs): {unknown}"


def test_every_code_printed_in_brackets_has_a_known_stage() -> None:
    """A message that prints its own code (``error [report.empty] …``) is found by the scan
    of the known stages, so a new stage cannot leave its codes undocumented unnoticed."""
    printed = bracketed_codes()
    assert {"serve.build", "report.empty", "cli.report"} <= printed
    unknown = sorted(code for code in printed if not CODE.fullmatch(code))
    assert unknown == [], f"codes outside the stages {STAGES} (add the stage here and to the docs): {unknown}"


def test_every_printed_code_is_documented() -> None:
    missing = sorted(printed_codes() - documented_codes())
    assert missing == [], f"codes the build prints that docs/content-format.md does not explain: {missing}"


def test_every_documented_code_is_printed() -> None:
    stale = sorted(documented_codes() - printed_codes())
    assert stale == [], f"codes docs/content-format.md explains that the build no longer prints: {stale}"
