"""Rebuilds render only the pages whose Markdown changed, and give the same site as a build
from scratch (build_tools.site.incremental)."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite, make_project, pages_given_to_mkdocs
from test_site import snapshot
from test_spare import refuse_first_bring

from build_tools.pages import Page
from build_tools.site import build as build_module
from build_tools.site import build_site, spare
from build_tools.site.folder import STAGING_SUFFIX, spare_folder
from build_tools.site.incremental import html_file, state_file


def _changed(built_site: BuiltSite) -> tuple[tuple[Page, ...], str]:
    """The collection with one word of the English document page changed."""
    pages = list(built_site.pages)
    index = next(i for i, p in enumerate(pages) if p.lang == "en" and p.info is not None)
    page = pages[index]
    assert "Recalling" in page.markdown
    pages[index] = dataclasses.replace(page, markdown=page.markdown.replace("Recalling", "Recalling also", 1))
    return tuple(pages), f"en/{page.path}"


@pytest.mark.site
@pytest.mark.parametrize("beside", [True, False], ids=["post-build beside MkDocs", "post-build before MkDocs"])
def test_a_rebuild_renders_only_the_changed_page_and_gives_the_same_site(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, beside: bool
) -> None:
    """Whether the post-build steps run in a process beside MkDocs or before it, the rebuild
    gives the site a build from scratch gives (the scratch build runs them before MkDocs)."""
    mode = {"beside": beside}
    calls: list[int] = []
    real = build_module._mkdocs_beside_post_build

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(build_module, "beside_mkdocs", lambda shares: mode["beside"])
    monkeypatch.setattr(build_module, "_mkdocs_beside_post_build", counted)
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    first = build_site(built_site.pages, project, site, site_url=built_site.site_url)
    assert first.rendered == len(first.docs.digests)  # no state yet: every page
    assert state_file(project, site).is_file()
    assert list((project / "build" / "cache" / "templates").glob("*/__jinja2_*.cache"))  # the later builds use them
    again = build_site(built_site.pages, project, site, site_url=built_site.site_url)
    assert again.rendered == 0
    assert snapshot(site) == snapshot(built_site.site_dir)

    pages, changed = _changed(built_site)
    kept = pages_given_to_mkdocs(monkeypatch)
    rebuilt = build_site(pages, project, site, site_url=built_site.site_url)
    assert rebuilt.rendered == 1
    # MkDocs was given the changed page and the pages it links to (here its sponsors'
    # indexes), not every page (tests/test_shards.py: nor the other documents)
    assert kept and all(changed in pages_kept and len(pages_kept) < len(rebuilt.docs.digests) for pages_kept in kept)
    assert len(calls) == (3 if beside else 0)  # the three builds
    mode["beside"] = False
    scratch = tmp_path / "scratch"
    build_site(pages, make_project(tmp_path / "scratch-project"), scratch, site_url=built_site.site_url)
    assert snapshot(site) == snapshot(scratch)
    assert "Recalling also" in (site / html_file(changed)).read_text(encoding="utf-8")


@pytest.mark.site
def test_anything_but_page_text_renders_every_page(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    build_site(built_site.pages, project, site, site_url=built_site.site_url)
    total = len(build_site(built_site.pages, project, site, site_url=built_site.site_url).docs.digests)
    # another site URL, another build date, a page added then removed, a page missing from the site
    assert build_site(built_site.pages, project, site, site_url="https://example.org/").rendered == total
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert build_site(built_site.pages, project, site, site_url="https://example.org/").rendered == total
    first = next(p for p in built_site.pages if p.info is not None)
    more = [*built_site.pages, dataclasses.replace(first, path="resolutions/a-c-1-79-l-1001.md")]
    assert build_site(more, project, site, site_url="https://example.org/").rendered == total + 1
    assert build_site(built_site.pages, project, site, site_url="https://example.org/").rendered == total
    (site / html_file("zh/index.md")).unlink()
    assert build_site(built_site.pages, project, site, site_url="https://example.org/").rendered == total
    monkeypatch.setenv("UNRES_CACHE", "off")
    assert build_site(built_site.pages, project, site, site_url="https://example.org/").rendered == total


@pytest.mark.site
def test_a_rebuild_takes_unchanged_exports_from_the_current_site(tmp_path: Path) -> None:
    """Through the command line (the conversion cache sets each page's source key): after
    one document changed, the exports of the unchanged one are the current site's files
    (hard links), the changed one's are made again, and the site equals a build from scratch."""
    import shutil
    import subprocess
    import sys

    from conftest import ROOT

    content = tmp_path / "project" / "content"
    project = make_project(tmp_path / "project")
    (project / "content").unlink()
    shutil.copytree(ROOT / "tests" / "fixtures" / "family", content)

    def build(where: Path) -> None:
        result = subprocess.run([sys.executable, "-m", "build_tools", "build", "--strict"], cwd=where,
                                capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr

    build(project)
    site = project / "site"
    json_files = sorted(site.rglob("*.json"))
    assert json_files
    before = {p: p.stat().st_ino for p in json_files}
    changed = content / "resolutions" / "a-res-82-31" / "en.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Recalling", "Recalling also", 1),
                       encoding="utf-8")
    build(project)
    kept = {p for p in json_files if p.stat().st_ino == before[p]}
    assert kept and all("a-res-82-31.en" not in p.name for p in kept)
    assert any("a-res-82-31.en" in p.name for p in json_files if p not in kept)
    scratch = make_project(tmp_path / "scratch")
    (scratch / "content").unlink()
    shutil.copytree(content, scratch / "content")
    build(scratch)
    assert snapshot(site) == snapshot(scratch / "site")


@pytest.mark.site
def test_each_site_folder_has_its_own_state(built_site: BuiltSite, tmp_path: Path) -> None:
    """The preview (build/serve/) and site/ are built from the same docs: a build into one
    must not make the other take its stale HTML for current."""
    project = make_project(tmp_path / "project")
    published, preview = tmp_path / "site", project / "build" / "serve"
    total = len(build_site(built_site.pages, project, published, site_url=built_site.site_url).docs.digests)
    pages, changed = _changed(built_site)
    assert build_site(pages, project, preview, site_url=built_site.site_url).rendered == total  # no state there yet
    again = build_site(pages, project, published, site_url=built_site.site_url)
    assert again.rendered == 1  # its own state: the changed page, and only that
    assert "Recalling also" in (published / html_file(changed)).read_text(encoding="utf-8")
    assert snapshot(published) == snapshot(preview)
    assert state_file(project, published) != state_file(project, preview)


@pytest.mark.site
def test_builds_of_one_project_take_turns(
    built_site: BuiltSite, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl
    import threading

    from build_tools.site.build import LOCK

    project = make_project(tmp_path / "project")
    (project / LOCK).parent.mkdir(parents=True)
    finished = threading.Event()

    def build() -> None:
        build_site(built_site.pages, project, tmp_path / "site", site_url=built_site.site_url)
        finished.set()

    with (project / LOCK).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another build is running
        waiting = threading.Thread(target=build)
        waiting.start()
        assert not finished.wait(3)
        assert not (tmp_path / "site").exists() and not (project / "build" / "docs").exists()
        fcntl.flock(held, fcntl.LOCK_UN)
    waiting.join(timeout=300)
    assert finished.is_set() and (tmp_path / "site" / "index.html").is_file()
    assert "Waiting for another build of this project to finish (build/cache/build.lock)" in capsys.readouterr().err


def _folders(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


@pytest.mark.site
def test_a_rebuild_makes_the_next_site_from_the_one_it_swapped_out(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The site a rebuild swaps out is kept (build_tools.site.spare) and made into the next
    one: that site is the same as a build from scratch, to its folders, however the kept one
    was spoilt meanwhile; and no build writes through a file the kept site shares with the
    published one."""
    monkeypatch.setattr(build_module, "beside_mkdocs", lambda shares: True)
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    url = built_site.site_url
    build_site(built_site.pages, project, site, site_url=url)
    first, first_folder = snapshot(site), (site / "en").stat().st_ino
    assert not spare_folder(site).exists()  # a build of every page keeps nothing
    pages, changed = _changed(built_site)
    assert build_site(pages, project, site, site_url=url).rendered == 1
    kept = spare_folder(site)
    assert snapshot(kept) == first  # the site swapped out, as it was published
    second = snapshot(site)
    stale = next(name for name in second if name.endswith(".json") and "/resolutions/" in name)
    (kept / stale).unlink()
    (kept / stale).write_bytes(b"{}")  # a file of its own where the current site's was
    (kept / "stray" / "folder").mkdir(parents=True)
    (kept / "stray.txt").write_text("stray", encoding="utf-8")
    (kept / "en" / "stray-link").symlink_to(site, target_is_directory=True)
    taken: list[bool] = []
    real_take = spare.take

    def take(site_dir: Path, staging: Path) -> bool:
        taken.append(real_take(site_dir, staging))
        return taken[-1]

    monkeypatch.setattr(spare, "take", take)
    again = build_site(built_site.pages, project, site, site_url=url)
    assert again.rendered == 1 and taken == [True] and not again.leftovers
    assert (site / "en").stat().st_ino == first_folder  # made from the first site's folders
    assert snapshot(site) == snapshot(built_site.site_dir)
    assert _folders(site) == _folders(built_site.site_dir)  # and no folder more
    assert snapshot(kept) == second  # the site it replaced, untouched
    pages_html = [name for name in second if name.endswith("index.html") and (site / name).is_file()]
    shared = [name for name in pages_html if os.path.samefile(site / name, kept / name)]
    assert sorted(set(pages_html) - set(shared)) == [html_file(changed)]  # but the page rendered again

    monkeypatch.setenv("UNRES_CACHE", "off")  # every page rendered: the kept site would share nothing
    build_site(pages, project, site, site_url=url)
    assert not kept.exists()


@pytest.mark.site
def test_a_kept_site_that_cannot_be_used_is_set_aside_and_removed_later(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept site that cannot be cleared (here a file it may not remove) costs the rebuild
    nothing but the time to start from an empty folder: the site is complete, a warning
    names the folder set aside, and the next build removes it."""
    monkeypatch.setattr(build_module, "beside_mkdocs", lambda shares: True)
    project = make_project(tmp_path / "project")
    site = tmp_path / "site"
    url = built_site.site_url
    build_site(built_site.pages, project, site, site_url=url)
    pages, _ = _changed(built_site)
    build_site(pages, project, site, site_url=url)
    real = spare.bring
    refuse_first_bring(monkeypatch, "robots.txt")  # in the forked process that calls it
    again = build_site(built_site.pages, project, site, site_url=url)
    assert len(again.leftovers) == 1 and "could not be made into the next one" in again.leftovers[0]
    assert "Operation not permitted" in again.leftovers[0]
    assert snapshot(site) == snapshot(built_site.site_dir)
    aside = [p for p in tmp_path.iterdir() if p.name.endswith(STAGING_SUFFIX) and ".spare." not in p.name]
    assert len(aside) == 1
    monkeypatch.setattr(spare, "bring", real)
    build_site(pages, project, site, site_url=url)
    assert not aside[0].exists()  # the next build removed it
