"""Bad input: every case gets a clear message naming file, line and what was expected.

The cases are document folders in tests/fixtures/bad/ (made by make_cases.py there); their
expected diagnostics are in cases.yml. No case may raise anything but the project's own
diagnostics, and a broken document must not hide the others' problems.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from build_tools.collection import convert_collection, convert_folder
from build_tools.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = Path(__file__).parent / "fixtures" / "bad"
CASES = yaml.safe_load((CASES_DIR / "cases.yml").read_text(encoding="utf-8"))
SEED = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"


def _shown(diagnostic: Diagnostic, case: str) -> tuple[str, str, str, int, int]:
    """The diagnostic with its path relative to the document folder ("" for the folder)."""
    folder = f"content/resolutions/{case}"
    assert diagnostic.path.startswith(folder), diagnostic.path
    path = diagnostic.path[len(folder) + 1:]
    return (diagnostic.code, diagnostic.severity.value, path, diagnostic.line, diagnostic.col)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_case(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "content" / "resolutions" / case
    shutil.copytree(CASES_DIR / case, folder)
    pages, diagnostics, documents = convert_folder(folder, tmp_path)
    expected = CASES[case]["diagnostics"]
    shown = [_shown(d, case) for d in diagnostics]
    assert shown == [tuple(e[:5]) for e in expected], [str(d) for d in diagnostics]
    for diagnostic, wanted in zip(diagnostics, expected, strict=True):
        assert wanted[5] in str(diagnostic), str(diagnostic)
        assert str(diagnostic).startswith(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}: ")
    counts = CASES[case].get("converts")
    if counts is None:
        assert pages == [], "a document with errors is not published"
    else:
        assert len(pages) == 2
        document = next(iter(documents.values()))
        operative = [p for p in document.operative if p.level == 0]
        assert (len(document.preamble), len(operative), len(document.footnotes)) == (
            counts["preambular"], counts["operative"], counts["footnotes"]
        )


def test_every_case_folder_has_expectations() -> None:
    folders = {p.name for p in CASES_DIR.iterdir() if p.is_dir()}
    assert folders == set(CASES)


def test_encodings_and_line_endings_give_the_same_text(tmp_path: Path) -> None:
    texts = {}
    for case in ("valid", "gb18030", "utf16-bom", "utf8-bom", "crlf", "cr"):
        _, _, documents = convert_folder(CASES_DIR / case, ROOT)
        texts[case] = [p.text for p in documents["zh"].paragraphs]
    assert all(text == texts["valid"] for text in texts.values())


def test_a_broken_document_does_not_hide_the_others(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for case in ("empty", "skipped-number", "valid"):
        shutil.copytree(CASES_DIR / case, content / "resolutions" / case)
    pages, diagnostics = convert_collection(content)
    codes = {(Path(d.path).parts[2], d.code) for d in diagnostics}
    assert {("empty", "read.empty"), ("skipped-number", "parse.operative-number")} <= codes
    assert {p.info.slug for p in pages if p.info is not None} == {"valid"}


def test_very_long_document_and_very_long_line(tmp_path: Path) -> None:
    seed = (CASES_DIR / "valid" / "zh.txt").read_text(encoding="utf-8")
    head, marker, tail = seed.partition(" 认识到")
    paragraph = " 又认识到" + "裁军和不扩散教育" * 20 + "，\n\n"
    repeat = 5_000_000 // len(paragraph.encode())
    long_line = " 还认识到" + "和平" * 175_000 + "， \n\n"  # one line of 1 MB
    text = head + paragraph.replace("，\n\n", "， \n\n") * repeat + long_line + marker + tail
    folder = tmp_path / "content" / "resolutions" / "long"
    folder.mkdir(parents=True)
    (folder / "zh.txt").write_text(text, encoding="utf-8")
    assert (folder / "zh.txt").stat().st_size > 5_000_000
    pages, diagnostics, documents = convert_folder(folder, tmp_path)
    assert [d for d in diagnostics if d.severity.value == "error"] == []
    document = documents["zh"]
    assert len(document.preamble) == 2 + repeat + 1 + 1
    assert max(len(p.text) for p in document.preamble) == len("还认识到") + 350_000 + 1
    assert len(pages) == 2


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "resolutions" / "unreadable"
    (folder / "zh.txt").mkdir(parents=True)  # a folder where the text file should be
    _, diagnostics, _ = convert_folder(folder, tmp_path)
    assert [d.code for d in diagnostics] == ["read.unreadable"]
    assert "expected a readable file" in str(diagnostics[0])
    assert diagnostics[0].path.endswith("unreadable/zh.txt")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    folder = tmp_path / "content" / "resolutions" / "locked"
    shutil.copytree(CASES_DIR / "valid", folder)
    (folder / "zh.txt").chmod(0)
    _, diagnostics, _ = convert_folder(folder, tmp_path)
    assert [d.code for d in diagnostics] == ["read.unreadable"]
    assert "Permission denied" in str(diagnostics[0])


@pytest.mark.parametrize("case", ["empty", "skipped-number", "pdf-encrypted", "unpaired-surrogate", "marker-repeated",
                                  "meta-alias", "meta-kind-list", "latin1-english", "noncharacter"])
def test_the_cli_reports_without_a_traceback(case: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CASES_DIR / case, content / "resolutions" / case)
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "check", "--content", str(content), "--strict"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    code = CASES[case]["diagnostics"][0][0]
    assert f"[{code}]" in result.stderr
    assert "1 error(s)" in result.stderr


def test_a_bug_met_in_one_document_is_a_diagnostic_at_its_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a converter stage raises for one document, the others are converted and
    reported in the same run, and the one is reported at its folder (no traceback)."""
    import build_tools.collection as collection

    content = tmp_path / "content"
    for case in ("valid", "skipped-number", "deep"):
        shutil.copytree(CASES_DIR / ("valid" if case == "deep" else case), content / "resolutions" / case)
    real = collection.parse  # type: ignore[attr-defined]  # the name the module calls

    def parse(clean: object, meta: object, slug: str) -> object:
        if slug == "deep":
            raise RecursionError("maximum recursion depth exceeded")
        return real(clean, meta, slug)  # type: ignore[arg-type]

    monkeypatch.setattr(collection, "parse", parse)
    monkeypatch.setenv("UNRES_CACHE", "off")
    pages, diagnostics = convert_collection(content)
    shown = [str(d) for d in diagnostics]
    assert any(d.startswith("content/resolutions/deep:1:1: error [convert.internal] expected a document the "
                            "converter can read, found RecursionError at ") for d in shown), shown
    assert any("[parse.operative-number]" in d for d in shown)
    assert {p.info.slug for p in pages if p.info is not None} == {"valid"}
