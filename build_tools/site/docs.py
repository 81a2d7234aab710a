"""Write the MkDocs docs folder (``build/docs``) from the converter's pages.

The folder is generated: every file in it comes from :func:`write_docs`. Files whose bytes
did not change are left alone (so ``mkdocs serve`` does not rebuild in a loop), and files
that are no longer generated are deleted. A marker file guards against pointing the
function at a folder that holds anything else.

Whether a file changed is decided without reading it when it is as the last write left it:
:data:`DIGESTS` records each file's size, modification time and digest, and a file whose
size and time are the recorded ones holds the recorded bytes. Any other file (edited by
hand, touched, not recorded) is read and compared, and so is a file whose recorded time is
less than :data:`~build_tools.cache.SETTLED_NS` before the record was written (an edit in the same tick of the
file system's clock would leave the time as it was). At 5,000 documents per language that
spares reading back 20,000 pages (190 MB) in every build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from build_tools import cache
from build_tools.languages import site_languages
from build_tools.pages import Page
from build_tools.site.about import ABOUT, about_page
from build_tools.site.home import home_page

MARKER = ".generated-by-build-tools"
"""Present in every docs folder written here; MkDocs ignores files starting with a dot."""

DIGESTS = ".generated-digests.json"
"""``{"files": {"zh/x.md": [size, mtime_ns, sha256]}}`` of the files as last written or
found the same (beside :data:`MARKER`; MkDocs ignores it too)."""

HOME = "index.md"


class DocsError(Exception):
    """The pages cannot be written: bad page paths, or a docs folder that is not ours."""


@dataclass(frozen=True, slots=True)
class DocsSync:
    """What :func:`write_docs` did, as paths relative to the docs folder."""

    written: tuple[str, ...]
    deleted: tuple[str, ...]
    unchanged: int
    digests: Mapping[str, str] = field(default_factory=dict)
    """SHA-256 of every generated file, by path (``zh/resolutions/x.md``)."""


def write_docs(pages: Iterable[Page], docs_dir: Path) -> DocsSync:
    """Write ``docs_dir/<lang>/<page.path>`` for every page plus a home and an About page per
    language."""
    texts = _generated(tuple(pages))
    _claim(docs_dir)
    digests = {path: digest for path, (_, digest) in texts.items()}
    recorded = _trusted(docs_dir)
    (docs_dir / DIGESTS).unlink(missing_ok=True)  # until the files are as a new record says
    written, found = _write_changed(texts, recorded, docs_dir)
    deleted = _delete_stale(set(texts), docs_dir)
    _record(docs_dir, {path: [*found[path], digests[path]] for path in texts})
    return DocsSync(written=written, deleted=deleted, unchanged=len(texts) - len(written), digests=digests)


def generated_files(pages: tuple[Page, ...]) -> dict[str, bytes]:
    """Every generated file as ``{"zh/resolutions/x.md": bytes}``, home and About pages included."""
    return {path: text.encode("utf-8") for path, (text, _) in _generated(pages).items()}


def _generated(pages: tuple[Page, ...]) -> dict[str, tuple[str, str]]:
    """Every generated file's text and the digest of its bytes, by path, in order. The
    pages' digests are theirs (:attr:`Page.digest`): a file is encoded only when it is
    written or compared with the one in the folder."""
    files: dict[str, tuple[str, str]] = {}
    for page in pages:
        relative = _page_file(page)
        if relative in files:
            raise DocsError(f"{relative}: two pages have the same language and path")
        files[relative] = (page.markdown, page.digest)
    for lang in site_languages():
        in_lang = [page for page in pages if page.lang == lang]
        for name, text in ((HOME, home_page(in_lang, lang)), (ABOUT, about_page(pages, lang))):
            files[f"{lang}/{name}"] = (text, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return dict(sorted(files.items()))


_PLAIN_PATH = re.compile(r"(?:[\w-][\w.-]*/)*[\w-][\w.-]*\.md")
"""A page path that :class:`~pathlib.PurePosixPath` leaves as it is and that is relative,
ends in ``.md`` and has no ``..`` (every page the build makes): checked without it."""


def _page_file(page: Page) -> str:
    if page.lang not in site_languages():
        raise DocsError(f"{page.path}: language {page.lang!r} is not one of {site_languages()}")
    if _PLAIN_PATH.fullmatch(page.path):
        path, name = page.path, page.path.rpartition("/")[2]
    else:
        pure = PurePosixPath(page.path)
        if pure.is_absolute() or ".." in pure.parts or pure.suffix != ".md" or "\\" in page.path:
            raise DocsError(f"{page.path}: expected a relative path ending in .md")
        path, name = str(pure), pure.name
    if path in (HOME, ABOUT) or name.startswith((".", "_")):
        raise DocsError(f"{page.path}: this name is reserved for the site's own pages")
    return f"{page.lang}/{path}"


def _claim(docs_dir: Path) -> None:
    """Create ``docs_dir`` with its marker; refuse a non-empty folder that has no marker."""
    marker = docs_dir / MARKER
    if docs_dir.is_dir() and not marker.exists() and any(docs_dir.iterdir()):
        raise DocsError(
            f"{docs_dir}: expected an empty or generated docs folder, found other files "
            f"(no {MARKER}); refusing to overwrite it"
        )
    docs_dir.mkdir(parents=True, exist_ok=True)
    if not marker.exists():
        marker.write_text("Generated by build_tools.site.write_docs; do not edit.\n")


def _write_changed(texts: Mapping[str, tuple[str, str]], recorded: Mapping[str, list[Any]],
                   docs_dir: Path) -> tuple[tuple[str, ...], dict[str, tuple[int, int]]]:
    """Write the files whose bytes differ from those in ``docs_dir``; the ones written, and
    the size and modification time of every file as it now is."""
    written: list[str] = []
    found: dict[str, tuple[int, int]] = {}
    root = os.fspath(docs_dir)
    for relative, (text, digest) in texts.items():
        target = os.path.join(root, relative)
        try:
            status = os.stat(target)
        except FileNotFoundError:
            status = None
        data = None
        if status is not None and stat.S_ISREG(status.st_mode):
            now = (status.st_size, status.st_mtime_ns)
            if recorded.get(relative) == [*now, digest]:
                found[relative] = now
                continue
            data = text.encode("utf-8")
            if status.st_size == len(data) and _holds(target, data):
                found[relative] = now
                continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        partial = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.partial")
        with open(partial, "wb") as handle:
            handle.write(text.encode("utf-8") if data is None else data)
        os.replace(partial, target)
        status = os.stat(target)
        found[relative] = (status.st_size, status.st_mtime_ns)
        written.append(relative)
    return tuple(written), found


def _holds(path: str, data: bytes) -> bool:
    """Whether the file ``path`` holds ``data``."""
    with open(path, "rb") as handle:
        return handle.read() == data


def _trusted(docs_dir: Path) -> dict[str, list[Any]]:
    """The entries of the :data:`DIGESTS` record of ``docs_dir`` whose time is :data:`~build_tools.cache.SETTLED_NS`
    before the record's own; empty when there is none or it is unreadable."""
    path = docs_dir / DIGESTS
    try:
        written = path.stat().st_mtime_ns
        files = json.loads(path.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    if not isinstance(files, dict):
        return {}
    return {name: entry for name, entry in files.items()
            if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[1], int)
            and entry[1] < written - cache.SETTLED_NS}


def _record(docs_dir: Path, files: Mapping[str, list[Any]]) -> None:
    target = docs_dir / DIGESTS
    partial = target.with_name(f"{target.name}.partial")
    partial.write_text(json.dumps({"files": dict(files)}, separators=(",", ":")), encoding="utf-8")
    os.replace(partial, target)


def _delete_stale(keep: set[str], docs_dir: Path) -> tuple[str, ...]:
    """Delete the files of ``docs_dir`` that are not in ``keep`` (nor its own records), then
    the folders left empty."""
    deleted: list[str] = []
    own = {MARKER, DIGESTS, f"{DIGESTS}.partial"}
    root = os.fspath(docs_dir)
    for folder, folders, names in os.walk(root, topdown=False):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        for name in names:
            path = prefix + name
            if path not in keep and path not in own:
                os.unlink(os.path.join(folder, name))
                deleted.append(path)
        for name in folders:
            child = os.path.join(folder, name)
            if os.path.islink(child):
                if prefix + name not in keep:
                    os.unlink(child)
                    deleted.append(prefix + name)
            elif not os.listdir(child):
                os.rmdir(child)
    return tuple(sorted(deleted))
