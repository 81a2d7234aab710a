"""The site a rebuild swapped out is made into the next one in place (build_tools.site.spare):
what it shares with the current site stays, anything else goes, nothing is written through
a file it shares with the published site."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_site import snapshot

from build_tools.site import spare, swap
from build_tools.site.folder import remove_leftovers, spare_folder, staging_folder

WANTED = ["index.html", "en/index.html", "en/resolutions/a/index.html", "en/resolutions/a/a.en.json",
          "en/resolutions/b/index.html", "en/resolutions/c"]


def _write(root: Path, name: str, text: str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _folders(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def _current(tmp_path: Path) -> Path:
    current = tmp_path / "site"
    for name in WANTED:
        _write(current, name, f"current {name}")
    _write(current, "sitemap.xml", "current sitemap")  # the build writes this one again
    return current


def _spare(tmp_path: Path, current: Path) -> Path:
    """A spare as a rebuild would find it, and worse: files shared with the current site,
    a stale copy, files and folders the next site does not have, a link, a folder where the
    site has a file and a file where it has a folder."""
    folder = tmp_path / "spare"
    for name in ("index.html", "en/resolutions/a/a.en.json", "sitemap.xml"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(current / name, folder / name)
    _write(folder, "en/index.html", "stale: the page the previous build rendered")
    _write(folder, "old/only/here.txt", "gone from the site")
    _write(folder, "en/resolutions/b", "a file where the site has a folder")
    _write(folder, "en/resolutions/c/inside.html", "a folder where the site has a file")
    (folder / "en" / "link").symlink_to(current, target_is_directory=True)
    (folder / "empty" / "folder").mkdir(parents=True)
    return folder


def refuse_first_bring(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the next :func:`spare.bring` fail as on a file ``name`` it may not remove (a
    forked process that calls it inherits that); the calls after it work."""
    real = spare.bring
    calls: list[Path] = []

    def refused(files: list[str], current: Path, folder: Path) -> spare.Brought:
        calls.append(folder)
        if len(calls) == 1:
            raise PermissionError(1, "Operation not permitted", str(folder / name))
        return real(files, current, folder)

    monkeypatch.setattr(spare, "bring", refused)


def test_bring_keeps_what_the_spare_shares_with_the_current_site_and_replaces_the_rest(tmp_path: Path) -> None:
    current = _current(tmp_path)
    before = snapshot(current)
    folder = _spare(tmp_path, current)
    shared = (folder / "index.html").stat().st_ino
    brought = spare.bring(WANTED, current, folder)
    assert snapshot(folder) == {name: f"current {name}".encode() for name in WANTED}
    assert all(os.path.samefile(folder / name, current / name) for name in WANTED)
    assert (folder / "index.html").stat().st_ino == shared
    assert (brought.kept, brought.linked) == (2, 4)
    assert not (folder / "old").exists() and not (folder / "empty").exists()
    assert _folders(folder) == _folders(current)
    assert snapshot(current) == before  # nothing written through a shared file


def test_bring_into_an_empty_folder_links_every_file(tmp_path: Path) -> None:
    current = _current(tmp_path)
    folder = tmp_path / "new"
    folder.mkdir()
    brought = spare.bring(WANTED, current, folder)
    assert (brought.kept, brought.linked, brought.removed) == (0, len(WANTED), 0)
    assert snapshot(folder) == {name: f"current {name}".encode() for name in WANTED}


def test_a_spare_that_cannot_be_brought_up_to_date_is_set_aside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    current = _current(tmp_path)
    folder = _spare(tmp_path, current)
    aside = tmp_path / "aside"
    refuse_first_bring(monkeypatch, "old/only/here.txt")
    brought = spare.bring_or_start_over(WANTED, current, folder, aside)
    assert brought.problem is not None and str(aside) in brought.problem
    assert "Operation not permitted" in brought.problem
    assert (aside / "old" / "only" / "here.txt").is_file()  # the spare, whole, for a later build to remove
    assert snapshot(folder) == {name: f"current {name}".encode() for name in WANTED}
    assert brought.kept == 0 and brought.linked == len(WANTED)


def test_take_and_keep_move_the_spare_beside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    staging = staging_folder(site)
    assert not spare.take(site, staging) and not staging.exists()  # no spare yet
    old = tmp_path / "swapped-out"
    _write(old, "index.html", "previous")
    spare.keep(old, site)
    assert not old.exists() and snapshot(spare_folder(site)) == {"index.html": b"previous"}
    assert remove_leftovers(site) == [] and spare_folder(site).is_dir()  # not a leftover of a build
    assert spare.take(site, staging)
    assert snapshot(staging) == {"index.html": b"previous"} and not spare_folder(site).exists()
    spare.keep(staging, site)
    swap.remove_tree(spare_folder(site))
    assert not spare_folder(site).exists()
    spare_folder(site).symlink_to(site, target_is_directory=True)  # not a folder a build left: not taken
    assert not spare.take(site, staging) and site.is_dir()


def test_move_into_leaves_the_files_kept_out(tmp_path: Path) -> None:
    source, target = tmp_path / "mkdocs", tmp_path / "staging"
    _write(source, "en/index.html", "rendered again")
    _write(source, "en/resolutions/x/index.html", "rendered")
    _write(source, "assets/main.css", "css")
    _write(target, "en/index.html", "taken from the current site")
    swap.move_into(source, target, keep=frozenset({"en/index.html"}))
    assert snapshot(target) == {"en/index.html": b"taken from the current site",
                                "en/resolutions/x/index.html": b"rendered", "assets/main.css": b"css"}
    assert snapshot(source) == {"en/index.html": b"rendered again"}
