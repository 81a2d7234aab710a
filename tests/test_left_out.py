"""A broken document does not stop the others: it is left out, named, and its last good
version stays published; the build still fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from build_tools import cache
from build_tools.collection import convert_collection, left_out
from build_tools.diagnostics import Severity
from build_tools.pages import Page

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "fixtures" / "bad"


def _project(tmp_path: Path, cases: dict[str, str]) -> Path:
    """A project whose content holds the fixture folders ``cases`` (slug → case)."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("theme", "build_tools"):
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    for slug, case in cases.items():
        shutil.copytree(CASES / case, project / "content" / "resolutions" / slug)
    return project


def _slugs(pages: Sequence[Page]) -> set[str]:
    return {page.info.slug for page in pages if page.info is not None}


def test_a_document_with_errors_is_left_out_and_named(tmp_path: Path) -> None:
    project = _project(tmp_path, {"good": "valid", "bad": "skipped-number"})
    pages, diagnostics = convert_collection(project / "content")
    assert _slugs(pages) == {"good"}
    [item] = left_out(diagnostics, strict=False)
    assert item.folder == "content/resolutions/bad" and item.errors == 1 and not item.kept
    assert item.diagnostics[0].code == "parse.operative-number"


def test_strict_leaves_out_a_document_with_warnings(tmp_path: Path) -> None:
    project = _project(tmp_path, {"good": "valid", "warned": "truncated"})
    pages, diagnostics = convert_collection(project / "content", strict=True)
    assert _slugs(pages) == {"good"}
    assert [(i.folder, i.errors, i.warnings) for i in left_out(diagnostics, strict=True)] == [
        ("content/resolutions/warned", 0, 1)]
    assert _slugs(convert_collection(project / "content")[0]) == {"good", "warned"}  # not strict: published


def test_the_last_good_version_stays_published(tmp_path: Path) -> None:
    project = _project(tmp_path, {"doc": "valid"})
    text = project / "content" / "resolutions" / "doc" / "zh.txt"
    first, _ = convert_collection(project / "content")
    good = [page.markdown for page in first if page.info is not None]
    text.write_text(text.read_text(encoding="utf-8").replace(" 2. ", " 4. ", 1), encoding="utf-8")
    pages, diagnostics = convert_collection(project / "content")
    assert [page.markdown for page in pages if page.info is not None] == good
    codes = [(d.code, d.severity) for d in diagnostics]
    assert ("parse.operative-number", Severity.ERROR) in codes
    assert ("content.kept-previous", Severity.WARNING) in codes
    assert left_out(diagnostics, strict=False)[0].kept


def test_the_published_versions_are_written_when_they_change_and_a_stopped_build_leaves_no_stale_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path, {"doc": "valid", "other": "valid"})
    published = project / cache.CACHE_DIR / "published"
    text = project / "content" / "resolutions" / "doc" / "zh.txt"
    original = text.read_text(encoding="utf-8")
    first, _ = convert_collection(project / "content")
    good = [page.markdown for page in first if page.info is not None and page.info.slug == "doc"]
    (published / ("0" * 32 + ".key")).write_text("a marker of the former layout", encoding="ascii")
    (published / cache.PUBLISHED_KEYS).unlink()  # as a cache of the former layout has none
    convert_collection(project / "content")
    assert sorted(path.suffix for path in published.iterdir()) == [".json", ".pickle", ".pickle"]
    times = {path.name: path.stat().st_mtime_ns for path in published.iterdir()}
    convert_collection(project / "content")  # nothing changed: nothing written
    assert {path.name: path.stat().st_mtime_ns for path in published.iterdir()} == times
    # A build stopped after keeping a new version of "doc", before writing the record ...
    text.write_text(original.replace("请秘书长提交报告", "请秘书长提交一份报告", 1), encoding="utf-8")
    monkeypatch.setattr(cache.ConversionCache, "save_published", lambda self: None)
    convert_collection(project / "content")
    assert not (published / cache.PUBLISHED_KEYS).exists()
    monkeypatch.undo()
    # ... then the text as it was, then broken: the version kept is the one last converted.
    text.write_text(original, encoding="utf-8")
    convert_collection(project / "content")
    text.write_text(original.replace(" 2. ", " 4. ", 1), encoding="utf-8")
    pages, diagnostics = convert_collection(project / "content")
    assert left_out(diagnostics, strict=False)[0].kept
    assert [page.markdown for page in pages if page.info is not None and page.info.slug == "doc"] == good


@pytest.mark.site
def test_the_build_publishes_the_others_and_fails(tmp_path: Path) -> None:
    project = _project(tmp_path, {"good": "valid", "bad": "skipped-number"})
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "UNRES_JOBS": "1"}
    result = subprocess.run([sys.executable, "-m", "build_tools", "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env=environment, check=False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "resolutions" / "good" / "index.html").is_file()
    assert not (project / "site" / "resolutions" / "bad").exists()
    tail = result.stderr.strip().splitlines()[-3:]
    assert tail[0].startswith("Left out of the site: 1 document(s)")
    assert tail[1].startswith("  content/resolutions/bad: 1 error(s)")
    report = (project / "build" / "build-report.txt").read_text(encoding="utf-8")
    assert "content/resolutions/bad/zh.txt:" in report and "[parse.operative-number]" in report
