"""A build that fails, however it fails, leaves the published site and its rebuild state as
they were; a build that got as far as the swap leaves the new site with the state true to it.

Failures are injected where they hurt: a full disk when the state is saved, an exception in
a post-build step, SIGKILL and SIGINT of a build process right before and right after the
swap, SIGKILL once the site kept from the last rebuild is the staging folder and before the
site swapped out is kept in its place (build_tools.site.spare), a file in the old site that
cannot be deleted. After each, the editor reverts the content and builds again: that build
must give exactly the site a build from scratch gives (a stale state would make it say "0
rendered again" and keep the reverted text online).
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project
from test_site import snapshot

from build_tools.collection import convert_collection
from build_tools.diagnostics import errors
from build_tools.pages import Page
from build_tools.site import SiteBuildError, build_site, incremental
from build_tools.site.folder import MARKER, read_marker, spare_folder

pytestmark = pytest.mark.site

VALID = ROOT / "tests" / "fixtures" / "bad" / "valid"
TEXT = "content/resolutions/valid/zh.txt"
OLD, NEW = "认识到裁军教育有助于和平与安全", "认识到裁军教育有助于持久和平与安全"

# Runs ``unres build --strict`` with one step of the build wrapped: ``when`` the wrapped
# function is called ("before") or has returned ("after"), the process sends itself ``signal``.
WRAPPER = """
import os, signal, sys
import build_tools.site.build as build
from build_tools.cli import main

# Ctrl+C raises KeyboardInterrupt, as at a terminal, even when the tests were started where
# SIGINT is ignored (a background job of a shell), which Python would otherwise inherit.
signal.signal(signal.SIGINT, signal.default_int_handler)
module, name, when, number = sys.argv[1:5]
target = build if module == "build" else __import__(f"build_tools.site.{module}", fromlist=["x"])
real = getattr(target, name)

def wrapped(*args, **kwargs):
    if when == "before":
        os.kill(os.getpid(), int(number))
    result = real(*args, **kwargs)
    if when == "after":
        os.kill(os.getpid(), int(number))
    return result

setattr(target, name, wrapped)
sys.exit(main(["build", "--strict"]))
"""


def _project(tmp_path: Path, name: str = "project") -> Path:
    project = make_project(tmp_path / name)
    (project / "content").unlink()
    shutil.copytree(VALID, project / "content" / "resolutions" / "valid")
    return project


def _edit(project: Path, old: str, new: str) -> None:
    path = project / TEXT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build(project: Path, *wrapped: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", WRAPPER, *wrapped] if wrapped else [
        sys.executable, "-m", "build_tools", "build", "--strict"]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600, check=False)


def _pages_of(content: Path) -> list[Page]:
    pages, diagnostics = convert_collection(content)
    assert not errors(diagnostics)
    return pages


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The site of the original text and of the edited text, each built from scratch."""
    found = {}
    for label, text in (("old", OLD), ("new", NEW)):
        project = _project(tmp_path_factory.mktemp(label))
        if text == NEW:
            _edit(project, OLD, NEW)
        _ok(_build(project))
        found[label] = snapshot(project / "site")
    assert found["old"] != found["new"]
    return found


def _staging_folders(project: Path) -> list[str]:
    """The staging folders beside the site, but the site kept for the next rebuild."""
    return sorted(p.name for p in project.iterdir() if "staging" in p.name and p != spare_folder(project / "site"))


def _state_is_true(project: Path) -> None:
    """The site's marker names a state that describes the site: its pages' HTML is there."""
    site = project / "site"
    state = read_marker(site)
    assert state, "the site has its marker"
    saved = incremental.state_file(project, site)
    assert saved.is_file(), "the state the marker names exists"
    assert saved.name == f"{state}.json"


@pytest.mark.parametrize(("module", "name", "when", "number", "swapped"), [
    ("build", "replace_tree", "after", signal.SIGKILL, True),
    ("build", "replace_tree", "after", signal.SIGINT, True),
    ("build", "replace_tree", "before", signal.SIGKILL, False),
    ("build", "replace_tree", "before", signal.SIGINT, False),
    ("incremental", "forget_others", "before", signal.SIGKILL, True),
    ("incremental", "save", "after", signal.SIGKILL, False),
    ("spare", "take", "after", signal.SIGKILL, False),  # the kept site is the staging folder now
    ("spare", "keep", "before", signal.SIGKILL, True),
])
def test_a_build_killed_at_the_swap_leaves_a_site_and_a_state_that_agree(
        tmp_path: Path, sites: dict[str, dict[str, bytes]], module: str, name: str, when: str, number: int,
        swapped: bool) -> None:
    project = _project(tmp_path)
    _ok(_build(project))
    for text, other in ((OLD, NEW), (NEW, OLD)):  # two rebuilds: the killed one starts from the site kept
        _edit(project, text, other)
        _ok(_build(project))
    assert spare_folder(project / "site").is_dir()
    _edit(project, OLD, NEW)
    killed = _build(project, module, name, when, str(int(number)))
    assert killed.returncode != 0 and "Traceback" not in killed.stderr, killed.stderr
    assert snapshot(project / "site") == sites["new" if swapped else "old"]
    _state_is_true(project)
    _edit(project, NEW, OLD)  # the editor reverts the text
    rebuilt = _ok(_build(project))
    assert snapshot(project / "site") == sites["old"], rebuilt.stderr
    assert _staging_folders(project) == []


def test_a_full_disk_when_the_state_is_saved_keeps_the_old_site_and_state(
        tmp_path: Path, sites: dict[str, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    _ok(_build(project))
    before, state = snapshot(project / "site"), read_marker(project / "site")
    _edit(project, OLD, NEW)

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(incremental, "save", full)
    monkeypatch.chdir(project)
    with pytest.raises(SiteBuildError, match=r"could not save the rebuild state .*No space left on device; "
                                             r"the site was not replaced"):
        build_site(_pages_of(project / "content"), project, project / "site")
    assert snapshot(project / "site") == before and read_marker(project / "site") == state
    assert sorted(p.name for p in project.iterdir() if "staging" in p.name) == []
    monkeypatch.undo()
    _edit(project, NEW, OLD)
    _ok(_build(project))
    assert snapshot(project / "site") == sites["old"]


@pytest.mark.parametrize("beside", [True, False], ids=["post-build beside MkDocs", "post-build before MkDocs"])
def test_a_failing_post_build_step_keeps_the_old_site_and_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool) -> None:
    from build_tools.site import build as build_module

    monkeypatch.setattr(build_module, "beside_mkdocs", lambda shares: beside)
    project = _project(tmp_path)
    _ok(_build(project))
    before, state = snapshot(project / "site"), read_marker(project / "site")
    saved = incremental.state_file(project, project / "site").read_bytes()
    _edit(project, OLD, NEW)
    monkeypatch.setattr(build_module, "run_post_build", lambda site: (_ for _ in ()).throw(MemoryError()))
    with pytest.raises(SiteBuildError, match="post-build step failed: MemoryError"):
        build_site(_pages_of(project / "content"), project, project / "site")
    assert snapshot(project / "site") == before and read_marker(project / "site") == state
    assert incremental.state_file(project, project / "site").read_bytes() == saved
    assert [p.name for p in project.iterdir() if "staging" in p.name] == []  # nor the steps' own folder


def _immutable(path: Path, on: bool) -> bool:
    result = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True, check=False)
    return result.returncode == 0


def test_an_undeletable_file_in_the_old_site_does_not_fail_this_build_or_the_next(
        tmp_path: Path, sites: dict[str, dict[str, bytes]]) -> None:
    project = _project(tmp_path)
    _ok(_build(project))
    stuck = project / "site" / "robots.txt"
    if shutil.which("chattr") is None or not _immutable(stuck, True):
        pytest.skip("chattr +i is not available here (it needs root and a file system that supports it)")
    try:
        _edit(project, OLD, NEW)
        _ok(_build(project))  # the old site is kept, for the next rebuild to start from
        assert snapshot(project / "site") == sites["new"]
        _state_is_true(project)
        _edit(project, NEW, OLD)
        built = _ok(_build(project))  # the kept site cannot be cleared: it is set aside
        assert "warning [site.leftover]" in built.stderr and "could not be made into the next one" in built.stderr
        assert snapshot(project / "site") == sites["old"]
        _state_is_true(project)
        again = _ok(_build(project))  # the leftover does not block later builds
        assert snapshot(project / "site") == sites["old"]
        assert "could not remove this folder left by an earlier build" in again.stderr
    finally:
        for path in project.glob(f".site.*/{stuck.name}"):
            _immutable(path, False)
    _ok(_build(project))
    assert _staging_folders(project) == []


def test_the_site_option_refuses_folders_no_build_wrote(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "repository" / "objects").mkdir(parents=True)  # as --site .git would find it
    (project / "repository" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (project / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(project / "repository")
    for target, found in (("repository", "found a folder of"), ("notes.txt", "found a file"),
                          ("content", "found one that overlaps"), (".", "found one that overlaps")):
        result = subprocess.run([sys.executable, "-m", "build_tools", "build", "--site", target], cwd=project,
                                capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"{target}:1:1: error [site.folder] expected "), result.stderr
        assert found in result.stderr
    assert snapshot(project / "repository") == before
    assert (project / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    (project / "empty").mkdir()
    _ok(subprocess.run([sys.executable, "-m", "build_tools", "build", "--site", "empty"], cwd=project,
                       capture_output=True, text=True, timeout=600, check=False))
    assert (project / "empty" / MARKER).is_file()
    _ok(subprocess.run([sys.executable, "-m", "build_tools", "build", "--site", "empty"], cwd=project,
                       capture_output=True, text=True, timeout=600, check=False))


def test_a_site_built_before_sites_had_a_marker_is_still_replaced(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _ok(_build(project))
    site = project / "site"
    (site / MARKER).unlink()
    legacy = incremental.state_dir(project, site).with_suffix(".json")
    legacy.write_text("{}", encoding="utf-8")
    _ok(_build(project))
    assert (site / MARKER).is_file() and not legacy.exists()


def test_a_folder_named_like_the_old_staging_folder_is_left_alone(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "site.tmp").mkdir()
    (project / "site.tmp" / "mine.txt").write_text("mine\n", encoding="utf-8")
    os.symlink("site.tmp", project / "site.old")
    _ok(_build(project))
    assert (project / "site.tmp" / "mine.txt").read_text(encoding="utf-8") == "mine\n"
    assert (project / "site.old").is_symlink()
