"""Replace a folder by another in one step, so that readers never see half a site; carry
files of the current site over into the next."""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def replace_tree(new: Path, target: Path) -> Path | None:
    """Put folder ``new`` in the place of ``target`` in one step; return where the old
    ``target`` is now (for the caller to remove), or None when there was none.

    On Linux the two are exchanged atomically (``renameat2(RENAME_EXCHANGE)``: the old site
    is then at ``new``); elsewhere, or where the file system refuses, ``target`` is moved
    aside (to ``new`` + ``.old``) and ``new`` renamed in its place (restored if that fails).
    Until this returns, ``target`` is the old site; once it has, the new one.
    """
    if not (target.exists() or target.is_symlink()):
        os.replace(new, target)
        return None
    if _exchange(new, target):
        return new  # now holds the old target
    old = new.with_name(new.name + ".old")
    remove_tree(old)
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    return old


def remove_tree(path: Path) -> None:
    """Delete a folder, file or symlink if there is one."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _exchange(first: Path, second: Path) -> bool:
    """Exchange two paths atomically; False where the system cannot."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def link_files(files: Iterable[str], old_site: Path, new_site: Path) -> None:
    """Put the current site's ``files`` (site paths) into the new site: hard links where the
    file system allows them, copies elsewhere."""
    for relative in files:
        target = new_site / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(old_site / relative, target)
        except OSError:
            shutil.copy2(old_site / relative, target)
