"""A build whose input did not change since the build that wrote the site ends at once,
reporting what that build reported (build_tools.site.unchanged); any change builds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project
from test_site import snapshot

from build_tools.site.incremental import html_file

pytestmark = pytest.mark.site

UP_TO_DATE = "is up to date"


def _build(project: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "build_tools", "build", *extra], cwd=project, capture_output=True,
                          text=True, check=False, env={**os.environ, **(env or {})})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The invented family of tests/fixtures/family, copied (the tests change it)."""
    project = make_project(tmp_path / "project")
    (project / "content").unlink()
    shutil.copytree(ROOT / "tests" / "fixtures" / "family", project / "content")
    return project


def test_nothing_changed_reports_the_same_and_leaves_the_site_as_it_is(project: Path) -> None:
    first = _build(project)
    assert first.returncode == 0, first.stderr
    assert UP_TO_DATE not in first.stdout
    before = snapshot(project / "site")
    report = (project / "build" / "build-report.txt").read_text(encoding="utf-8")
    again = _build(project)
    assert again.returncode == first.returncode
    assert UP_TO_DATE in again.stdout
    assert again.stderr == first.stderr  # the same messages, in the same order
    assert snapshot(project / "site") == before
    assert (project / "build" / "build-report.txt").read_text(encoding="utf-8") == report


def test_a_document_left_out_is_reported_again_with_the_same_status(project: Path) -> None:
    broken = project / "content" / "resolutions" / "a-res-82-31" / "en.txt"
    broken.write_text(broken.read_text(encoding="utf-8").replace("The General Assembly,", "The Assembly,", 1),
                      encoding="utf-8")
    first = _build(project, "--strict")
    assert first.returncode == 1 and "a-res-82-31" in first.stderr
    again = _build(project, "--strict")
    assert UP_TO_DATE in again.stdout
    assert (again.returncode, again.stderr) == (first.returncode, first.stderr)


@pytest.mark.parametrize("change", ["content", "new file", "theme", "page removed", "strict", "site url", "cache off"])
def test_any_change_builds_again(project: Path, change: str) -> None:
    assert _build(project).returncode == 0
    env: dict[str, str] = {}
    extra: tuple[str, ...] = ()
    if change == "content":
        path = project / "content" / "resolutions" / "a-res-82-31" / "en.txt"
        path.write_text(path.read_text(encoding="utf-8").replace("Recalling", "Recalling also", 1), encoding="utf-8")
    elif change == "new file":
        (project / "content" / "resolutions" / "a-res-82-31" / "notes.en.md").write_text(
            "## pp1\n\nAn editor's note.\n", encoding="utf-8")
    elif change == "theme":
        (project / "theme").unlink()
        shutil.copytree(ROOT / "theme", project / "theme")
        css = next((project / "theme").rglob("*.css"))
        css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    elif change == "page removed":
        (project / "site" / html_file("en/index.md")).unlink()
    elif change == "strict":
        extra = ("--strict",)
    elif change == "site url":
        env = {"SITE_URL": "https://example.org/"}
    else:
        env = {"UNRES_CACHE": "off"}
    again = _build(project, *extra, env=env)
    assert again.returncode == 0, again.stderr
    assert UP_TO_DATE not in again.stdout
    assert "Site written to" in again.stdout
    if change == "content":
        assert "Recalling also" in (project / "site" / "en" / "resolutions" / "a-res-82-31" / "index.html").read_text(
            encoding="utf-8")
    if change == "page removed":
        assert (project / "site" / html_file("en/index.md")).is_file()
