"""The site a rebuild swaps out, kept as the starting point of the next rebuild.

A rebuild of a few pages takes almost every file of the next site from the current one:
at N = 5,000 documents a language, 61,000 files, once hard-linked one by one into an empty
staging folder (2.3–4.1 s on a slow disk), after which the swap left the previous site to
be removed (about 2 s more). Yet the site a rebuild swaps out was made the same way: all
but the few files its own build wrote are hard links to the files the published site has.

So a rebuild keeps the site it swapped out as the *spare*
(:func:`~build_tools.site.folder.spare_folder`, beside the site: :func:`keep`), and the
next rebuild starts from it (:func:`take`: it becomes that build's staging folder).
:func:`bring` then makes it hold the files the build takes from the current site, and no
other: a file of the spare that is the very file the current site has (the same device
and inode) stays; any other file is removed, and any folder that holds none of those
files (so that the build's own files move in a folder at a time where they can, as into
an empty folder), and what is still missing is linked in.

Nothing is ever written through a file of the spare, which may be the published site's
own file under another name: MkDocs and the post-build steps write into folders of their
own, whose files are moved in by rename (:func:`~build_tools.site.swap.move_into`), and a
file of the spare that differs from the current site's is removed before another takes its
place. A build that renders every page takes nothing from the current site, so it removes
the spare after the swap, with the site it replaced: it would share nothing with the next
site. A build that
stops while the spare is its staging folder leaves it as any staging folder, for the next
build to remove (:func:`~build_tools.site.folder.remove_leftovers`); one that cannot bring
the spare up to date (a file it may not remove) sets it aside the same way and starts
again from an empty folder (:func:`bring_or_start_over`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from build_tools.site.folder import spare_folder
from build_tools.site.swap import link_files, remove_tree


@dataclass(frozen=True, slots=True)
class Brought:
    """What :func:`bring` did to a staging folder."""

    kept: int
    """Files of the spare that were already the current site's."""
    linked: int
    """Files linked (or copied) in from the current site."""
    removed: int
    """Files, links and folders of the spare removed."""
    problem: str | None = None
    """Why the spare could not be brought up to date, when it could not (the build then
    started from an empty folder)."""


def take(site_dir: Path, staging: Path) -> bool:
    """Make the spare of ``site_dir`` the staging folder ``staging`` (which does not exist
    yet), by rename; False when there is no spare (or it cannot be moved)."""
    spare = spare_folder(site_dir)
    if spare.is_symlink() or not spare.is_dir():
        return False
    try:
        os.rename(spare, staging)
    except OSError:
        return False
    return True


def keep(old: Path, site_dir: Path) -> None:
    """After the swap: keep ``old``, the site swapped out, as the spare of ``site_dir`` (in
    place of any other). OSError when it cannot be moved there."""
    spare = spare_folder(site_dir)
    remove_tree(spare)
    os.rename(old, spare)


def bring(files: Iterable[str], current: Path, folder: Path) -> Brought:
    """Make ``folder`` hold the current site's ``files`` (site paths) and nothing else: what
    it holds that is the current site's file stays, anything else goes (a folder that holds
    none of ``files`` too, so that the build's own files can be moved in a folder at a time,
    as into an empty staging folder), and the files still missing are linked in
    (:func:`~build_tools.site.swap.link_files`). OSError when a file cannot be removed or
    linked."""
    wanted = set(files)
    found, others, folders = _listing(folder)
    kept: set[str] = set()
    removed = 0
    base, source = os.fspath(folder), os.fspath(current)
    for relative in found:
        path = os.path.join(base, relative)
        if relative in wanted and _same_file(path, os.path.join(source, relative)):
            kept.add(relative)
            continue
        os.unlink(path)
        removed += 1
    for relative in others:  # symbolic links, sockets, pipes: nothing a build writes
        os.unlink(os.path.join(base, relative))
        removed += 1
    needed = _ancestors(wanted)
    for relative in sorted(folders - needed, key=lambda path: (-path.count("/"), path)):
        os.rmdir(os.path.join(base, relative))  # deepest first: empty by now
        removed += 1
    missing = sorted(wanted - kept)
    link_files(missing, current, folder)
    return Brought(len(kept), len(missing), removed)


def bring_or_start_over(files: Iterable[str], current: Path, folder: Path, aside: Path) -> Brought:
    """:func:`bring`; when it fails on a spare (a file it may not remove), the spare is moved
    to ``aside`` (a staging path of its own, which a later build removes if it can) and
    ``folder`` is made again from nothing. OSError when that fails too."""
    files = list(files)
    try:
        return bring(files, current, folder)
    except OSError as error:
        os.rename(folder, aside)
        folder.mkdir()
        brought = bring(files, current, folder)
        problem = (f"{aside}: the previous site could not be made into the next one "
                   f"({error.strerror or error}); it was set aside, and the next build tries to remove it")
        return Brought(brought.kept, brought.linked, brought.removed, problem)


def _ancestors(paths: Iterable[str]) -> set[str]:
    """The folders (site paths) that hold ``paths``, at any depth; not ``""``."""
    found: set[str] = set()
    for path in paths:
        folder = os.path.dirname(path)
        while folder and folder not in found:
            found.add(folder)
            folder = os.path.dirname(folder)
    return found


def _same_file(first: str, second: str) -> bool:
    """Whether two paths name the same file (device and inode)."""
    try:
        one, other = os.lstat(first), os.lstat(second)
    except OSError:
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _listing(folder: Path) -> tuple[list[str], list[str], set[str]]:
    """What ``folder`` holds, as site paths: its regular files, anything else that is not a
    folder, and its folders."""
    files: list[str] = []
    others: list[str] = []
    folders: set[str] = set()
    pending = [("", os.fspath(folder))]
    while pending:
        prefix, path = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.add(relative)
                    pending.append((relative + "/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    files.append(relative)
                else:
                    others.append(relative)
    return files, others, folders
