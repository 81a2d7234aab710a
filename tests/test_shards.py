"""MkDocs in several processes (build_tools.site.shards): the same site, byte for byte."""

from __future__ import annotations

import dataclasses
import gc
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import BuiltSite, make_project, pages_given_to_mkdocs
from mkdocs.structure.files import File, InclusionLevel
from test_site import snapshot

from bench.generate import generate
from build_tools.collection import convert_collection
from build_tools.pages import Page
from build_tools.parallel import JOBS_ENV, fork_map, frozen
from build_tools.site import build as site_build
from build_tools.site import build_site, shards
from build_tools.site.build import Rendering, SiteBuildError
from build_tools.site.built import Handover
from build_tools.site.shards import PAGES_PER_SHARE, ShareError, exclude_other_shares, jobs, merge, needed_pages


def _files(names: list[str]) -> list[File]:
    return [File(name, "/docs", "/site", use_directory_urls=True) for name in names]


def test_jobs_follow_the_environment_then_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(JOBS_ENV, "3")
    assert jobs(10) == 3
    monkeypatch.delenv(JOBS_ENV)
    assert jobs(PAGES_PER_SHARE - 1) == 1  # too few pages for a second process
    monkeypatch.setattr("build_tools.parallel.cores", lambda: 2)
    assert jobs(100 * PAGES_PER_SHARE) == 2
    for bad in ("0", "two", "-1"):
        monkeypatch.setenv(JOBS_ENV, bad)
        with pytest.raises(ValueError, match=f"{JOBS_ENV}='{bad}': expected a whole number"):
            jobs(10)


def test_every_page_is_in_exactly_one_share() -> None:
    names = [f"zh/resolutions/r{n:02}.md" for n in range(11)] + ["zh/index.md", "assets/x.css"]
    rendered: list[str] = []
    for index in range(3):
        files = _files(names)
        excluded = exclude_other_shares(files, (index, 3))
        kept = [f.src_uri for f in files if f.is_documentation_page() and not f.inclusion.is_excluded()]  # type: ignore[no-untyped-call]
        assert excluded == 12 - len(kept)
        assert 3 <= len(kept) <= 4  # balanced
        rendered += kept
        assert next(f for f in files if f.src_uri == "assets/x.css").inclusion != InclusionLevel.EXCLUDED
    assert sorted(rendered) == sorted(n for n in names if n.endswith(".md"))


def test_a_rebuild_keeps_the_pages_the_rendered_ones_link_to_their_versions_and_the_nav(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    pages = {
        "zh/resolutions/a.md": "见[决议](b.md#pp-2)和[索引](../sessions/80.md)。\n",
        "en/resolutions/a.md": "[r](b.md)\n",
        "zh/resolutions/b.md": "", "en/resolutions/b.md": "", "zh/sessions/80.md": "", "en/sessions/80.md": "",
        "zh/resolutions/c.md": "[a](a.md)\n", "en/resolutions/c.md": "", "zh/index.md": "", "en/index.md": "",
        "zh/about.md": "", "en/about.md": "",
        "zh/resolutions/d.md": "<a href=\"e.md\">x</a> [reference]: %66.md\n", "zh/resolutions/e.md": "",
        "zh/resolutions/f.md": "", "en/resolutions/f.md": "", "zh/resolutions/g.md": "[f](https://example.org/f.md)",
    }
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    files = [File(name, str(docs), "/site", use_directory_urls=True) for name in [*pages, "assets/x.css"]]
    nav = [{"首页": "index.md"}, {"关于本网站": "about.md"}, {"外部": "https://example.org/"}]

    needed = needed_pages(files, frozenset({"zh/resolutions/a.md"}), ("zh", "en"), nav)
    assert needed == {"zh/resolutions/a.md", "en/resolutions/a.md",  # the page and its other version
                      "zh/resolutions/b.md", "en/resolutions/b.md", "zh/sessions/80.md", "en/sessions/80.md",  # links
                      "zh/index.md", "en/index.md", "zh/about.md", "en/about.md"}  # the navigation
    # links in raw HTML and reference definitions, percent-encoded, count too (more kept
    # than needed costs little); absolute URLs name no page, and pages that do not exist are dropped
    assert needed_pages(files, frozenset({"zh/resolutions/d.md"}), ("zh", "en"), []) == {
        "zh/resolutions/d.md", "zh/resolutions/e.md", "zh/resolutions/f.md", "en/resolutions/f.md"}
    assert needed_pages(files, frozenset({"zh/resolutions/g.md"}), ("zh", "en"), []) == {"zh/resolutions/g.md"}
    # without a navigation in mkdocs.yml, MkDocs lists every page in each page's navigation
    assert needed_pages(files, frozenset({"zh/resolutions/g.md"}), ("zh", "en"), None) == set(pages)


def test_merge_moves_pages_and_refuses_disagreeing_copies(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, page in ((first, "one"), (second, "two")):
        (folder / page).mkdir(parents=True)
        (folder / page / "index.html").write_text(page)
        (folder / "assets").mkdir()
        (folder / "assets" / "x.css").write_text("same")
        (folder / "sitemap.xml").write_text(page)  # rewritten after the merge
    merge([first, second])
    assert snapshot(first) == {"assets/x.css": b"same", "one/index.html": b"one",
                               "sitemap.xml": b"one", "two/index.html": b"two"}
    assert not second.exists()
    (second / "assets").mkdir(parents=True)
    (second / "assets" / "x.css").write_text("other")
    with pytest.raises(ShareError, match=r"assets/x\.css: expected the same file from every MkDocs process"):
        merge([first, second])


def _merges(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record how many folders each merge got: proof that the build did run several processes."""
    calls: list[int] = []
    original = shards.merge

    def recording(folders: list[Path]) -> None:
        calls.append(len(folders))
        original(folders)

    monkeypatch.setattr(site_build, "merge", recording)
    return calls


@pytest.mark.site
def test_the_real_collection_in_two_processes_gives_the_same_site(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merges = _merges(monkeypatch)
    monkeypatch.setenv(JOBS_ENV, "2")
    site = tmp_path / "site"
    build_site(built_site.pages, make_project(tmp_path / "project"), site, site_url=built_site.site_url)
    assert merges == [2]
    first, second = snapshot(built_site.site_dir), snapshot(site)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no share left behind


@pytest.mark.site
@pytest.mark.parametrize("count", ["1", "2"])
def test_a_cold_build_lets_go_of_the_pages_before_mkdocs_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, count: str
) -> None:
    """The pages (and the models they hold) are let go of once the post-build steps have
    read them: MkDocs and its forked shares render from the docs folder without them."""
    content = tmp_path / "content"
    generate(3, content)
    converted, diagnostics = convert_collection(content)
    assert [str(d) for d in diagnostics] == []
    marker = f"let-go-{count}"
    handover = Handover(dataclasses.replace(page, source=marker) for page in converted)
    del converted
    live: list[int] = []
    run = site_build._run_mkdocs_shared

    def counting(*args: Any, **kwargs: Any) -> Any:
        gc.collect()
        live.append(sum(1 for o in gc.get_objects() if type(o) is Page and o.source == marker))
        return run(*args, **kwargs)

    monkeypatch.setattr(site_build, "_run_mkdocs_shared", counting)
    monkeypatch.setenv(JOBS_ENV, count)
    site = tmp_path / "site"
    built = build_site(handover, make_project(tmp_path / "project"), site, site_url="https://example.org/")
    assert live == [0]
    assert (site / "robots.txt").is_file() and (site / "en" / "search").is_dir()  # the steps' files, moved in
    assert built.rendered == len(built.docs.digests) > 0
    with pytest.raises(RuntimeError, match="let go"):
        assert handover.pages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build", "content", "project", "site"]  # nothing left behind


@pytest.mark.site
def test_a_generated_collection_in_three_processes_gives_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Versions, comparisons, cited-by links and indexes: links between pages that different
    processes render."""
    content = tmp_path / "content"
    generate(12, content)
    pages, diagnostics = convert_collection(content)
    assert [str(d) for d in diagnostics] == []
    sites: dict[str, dict[str, bytes]] = {}
    merges = _merges(monkeypatch)
    for count in ("1", "3"):
        monkeypatch.setenv(JOBS_ENV, count)
        site = tmp_path / f"site-{count}"
        build_site(pages, make_project(tmp_path / f"project-{count}"), site, site_url="https://example.org/")
        sites[count] = snapshot(site)
    assert merges == [3]
    assert sorted(sites["1"]) == sorted(sites["3"])
    assert [name for name in sites["1"] if sites["1"][name] != sites["3"][name]] == []
    assert sum(name.startswith("compare/") for name in sites["1"]) > 0
    # A rebuild in three processes that renders only the changed pages (build_tools.site.incremental)
    changed = [dataclasses.replace(p, markdown=p.markdown + "\nAn added line.\n") if n % 5 == 0 else p
               for n, p in enumerate(pages)]
    rebuilt = build_site(changed, tmp_path / "project-3", tmp_path / "site-3", site_url="https://example.org/")
    assert merges == [3, 3] and 0 < rebuilt.rendered < len(rebuilt.docs.digests)
    monkeypatch.setenv(JOBS_ENV, "1")
    build_site(changed, make_project(tmp_path / "scratch"), tmp_path / "site-scratch", site_url="https://example.org/")
    assert snapshot(tmp_path / "site-3") == snapshot(tmp_path / "site-scratch")
    # One document page changed, the one with the most links: MkDocs is given the pages it
    # links to and their versions, not the other documents, and the site is the one a
    # build from scratch gives
    kept = pages_given_to_mkdocs(monkeypatch)
    cited = max((i for i, p in enumerate(changed) if p.info is not None and p.lang == "zh"),
                key=lambda i: changed[i].markdown.count(".md"))  # a draft: its resolution, comparisons, indexes
    changed[cited] = dataclasses.replace(changed[cited], markdown=changed[cited].markdown + "\n又一行。\n")
    rebuilt = build_site(changed, tmp_path / "project-3", tmp_path / "site-3", site_url="https://example.org/")
    assert rebuilt.rendered == 1
    documents = {name for name in rebuilt.docs.digests if "/resolutions/" in name}
    assert len(kept) == 2 and all(3 <= len(pages_kept & documents) < len(documents) for pages_kept in kept)
    build_site(changed, make_project(tmp_path / "scratch-2"), tmp_path / "site-scratch-2", site_url="https://example.org/")
    assert snapshot(tmp_path / "site-3") == snapshot(tmp_path / "site-scratch-2")


@pytest.mark.site
def test_a_warning_in_any_process_fails_a_strict_build(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken link on one page: whichever process renders it, the build fails naming it."""
    monkeypatch.setenv(JOBS_ENV, "2")
    first = next(p for p in built_site.pages if p.info is not None and p.lang == "en")
    sound = dataclasses.replace(first, path="resolutions/zz-a.md")
    # the broken page last in its language's order, then one place further: one in each share
    for name, extra in (("a", []), ("b", [sound])):
        broken = dataclasses.replace(first, path=f"resolutions/zz-{name}.md",
                                     markdown=first.markdown + f"\nSee [the annex](missing-{name}.md).\n")
        with pytest.raises(SiteBuildError, match=f"missing-{name}.md"):
            build_site([*built_site.pages, *extra, broken], make_project(tmp_path / f"project-{name}"),
                       tmp_path / f"site-{name}")
        assert not (tmp_path / f"site-{name}").exists()


@pytest.mark.site
def test_a_failing_process_fails_the_build_and_leaves_nothing(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(JOBS_ENV, "2")
    original = site_build._run_mkdocs

    def failing_in_the_second(*args: Any) -> Any:
        if next(a for a in args if isinstance(a, Rendering)).share == 1:  # the second share
            raise RuntimeError("disk full")
        return original(*args)

    monkeypatch.setattr(site_build, "_run_mkdocs", failing_in_the_second)
    with pytest.raises(SiteBuildError, match="MkDocs process 1: RuntimeError: disk full"):
        build_site(built_site.pages, make_project(tmp_path / "project"), tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]


def _frozen_in_child(_: None, item: int) -> tuple[int, bool]:
    return item * 2, gc.get_freeze_count() > 0


def test_forked_workers_inherit_the_objects_out_of_the_collectors_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    """The work that fork_map forks sees the parent's objects frozen (its collections leave
    them alone), and the parent has them back after; a process whose objects are frozen
    already keeps them so."""
    monkeypatch.setattr("build_tools.parallel.cores", lambda: 2)
    monkeypatch.setenv(JOBS_ENV, "2")
    assert gc.get_freeze_count() == 0
    found = fork_map(_frozen_in_child, list(range(20)), None)
    assert found == [(item * 2, True) for item in range(20)]
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        with frozen():
            pass
        assert gc.get_freeze_count() > 0  # inherited: still out of reach
    finally:
        gc.unfreeze()


def test_a_stage_within_frozen_keeps_what_it_holds_out_of_reach_and_gives_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Within frozen(), what the process held on entering, and what forks froze meanwhile,
    stay out of the collector's reach; after it, they are back, also after an error; a
    process whose objects were frozen before keeps them so."""
    monkeypatch.setattr("build_tools.parallel.cores", lambda: 2)
    monkeypatch.setenv(JOBS_ENV, "2")
    assert gc.get_freeze_count() == 0
    with frozen():
        assert gc.get_freeze_count() > 0
        assert fork_map(_frozen_in_child, list(range(20)), None) == [(item * 2, True) for item in range(20)]
        assert gc.get_freeze_count() > 0  # the fork did not give them back (some may have been freed)
    assert gc.get_freeze_count() == 0
    with pytest.raises(RuntimeError), frozen():
        raise RuntimeError
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        with frozen():
            pass
        assert gc.get_freeze_count() > 0  # frozen before: left so
    finally:
        gc.unfreeze()


def _called_in_child(offset: int, item: Any) -> tuple[int, int]:
    return item() + offset, os.getpid()


def test_forked_workers_are_sent_positions_not_pickled_items(monkeypatch: pytest.MonkeyPatch) -> None:
    """Items that cannot be pickled (here functions made on the spot; in a build, pages with
    their models, which are costly to pickle) reach the forked processes all the same: they
    inherit the items and are sent only their positions."""
    monkeypatch.setattr("build_tools.parallel.cores", lambda: 2)
    monkeypatch.setenv(JOBS_ENV, "2")
    items = [(lambda value=value: value * 3) for value in range(40)]
    found = fork_map(_called_in_child, items, 1)
    assert [value for value, _ in found] == [value * 3 + 1 for value in range(40)]
    assert os.getpid() not in {pid for _, pid in found}  # done in the forked processes
