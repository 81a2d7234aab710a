"""The site folder: which folder a build may replace, and where it stages the next site.

A build replaces the whole site folder (``site/``, or what ``--site`` names), so it must
never take a folder that is not a site it wrote: ``--site .git`` or ``--site tests`` would
be gone. Every site a build writes holds :data:`MARKER`, a small text file that says so and
names the rebuild state that describes the site (:mod:`build_tools.site.incremental`);
:func:`check_site_folder` says why any other folder may not be replaced, unless it is empty.

The next site is built in a staging folder beside the site (:func:`staging_folder`: a
hidden name of its own per build, on the same file system, so that it can be swapped in
with one rename). Staging folders that an interrupted build left behind are removed by the
next build (:func:`remove_leftovers`), as far as they can be. The site a rebuild swapped
out is kept beside them (:func:`spare_folder`) as the next rebuild's starting point.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from build_tools.diagnostics import Diagnostic, Severity
from build_tools.site.swap import remove_tree

MARKER = ".unres-site"
"""In every site a build writes: the line ``state <id>`` names its rebuild state."""
_STATE_LINE = re.compile(r"^state (?P<id>[0-9a-f]{64})$", re.MULTILINE)
STAGING_SUFFIX = ".unres-staging"


def marker_text(state: str) -> bytes:
    return (f"This folder is a site written by 'unres build' (build_tools), which replaces all of it.\n"
            f"state {state}\n").encode("ascii")


def read_marker(site_dir: Path) -> str | None:
    """The state id the site's marker names; ``""`` for a marker without one, None when the
    folder has no marker."""
    try:
        text = (site_dir / MARKER).read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    match = _STATE_LINE.search(text)
    return match["id"] if match else ""


def check_site_folder(site_dir: Path, shown: str, *, built_before: bool = False) -> Diagnostic | None:
    """Why the build may not replace ``site_dir``, or None when it may: when it is missing,
    an empty folder, or a site a build wrote (it holds :data:`MARKER`; or ``built_before``:
    the project keeps a rebuild state of an earlier build into it, from before sites had a
    marker)."""
    if not (site_dir.exists() or site_dir.is_symlink()):
        return None
    hint = ("a build replaces the whole folder: name another --site, or empty or remove this one "
            "if nothing in it is needed")
    if not site_dir.is_dir():
        return Diagnostic("site.folder", Severity.ERROR, shown, 1, 1, "a folder for the site", "a file", hint)
    if read_marker(site_dir) is not None or built_before:
        return None
    try:
        entries = len(os.listdir(site_dir))
    except OSError as error:
        return Diagnostic("site.folder", Severity.ERROR, shown, 1, 1, "a folder the build can read",
                          error.strerror or type(error).__name__, hint)
    if not entries:
        return None
    return Diagnostic("site.folder", Severity.ERROR, shown, 1, 1,
                      f"an empty folder or a site written by unres build (with its {MARKER} file)",
                      f"a folder of {entries} file(s) or folder(s) that no build wrote", hint)


def staging_folder(site_dir: Path) -> Path:
    """A new, unused staging path beside ``site_dir`` (not created)."""
    return site_dir.with_name(f".{site_dir.name}.{os.getpid()}-{secrets.token_hex(4)}{STAGING_SUFFIX}")


def spare_folder(site_dir: Path) -> Path:
    """Where the site a rebuild swapped out is kept, for the next rebuild to start from
    (:mod:`build_tools.site.spare`): beside ``site_dir``, hidden, not a staging folder of
    any build (so :func:`remove_leftovers` leaves it)."""
    return site_dir.with_name(f".{site_dir.name}.spare{STAGING_SUFFIX}")


def remove_leftovers(site_dir: Path) -> list[str]:
    """Remove the staging folders of ``site_dir`` that builds no longer running left behind
    (and the old sites they swapped out); return a message for each that could not be."""
    problems = []
    pattern = re.compile(rf"^\.{re.escape(site_dir.name)}\.(?P<pid>\d+)-[0-9a-f]{{8}}{re.escape(STAGING_SUFFIX)}")
    try:
        entries = sorted(site_dir.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _running(int(match["pid"])):
            continue
        try:
            remove_tree(entry)
        except OSError as error:
            problems.append(f"{entry}: could not remove this folder left by an earlier build "
                            f"({error.strerror or error}); remove it by hand")
    return problems


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process's earlier builds are finished
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
