"""A build whose input has not changed since the build that wrote the site ends at once.

The site is a function of its input: the files under ``content/``, the converter's code and
data (:func:`build_tools.cache.code_version`), the configuration, theme and packages that
render it (:func:`build_tools.site.incremental.environment`), ``--strict`` and the site's
address. After every build that wrote a site, :func:`remember` keeps, beside that site's
rebuild state, the digest of that input (:func:`input_key`) and what the build reported
(its messages, the documents it left out). The next build into the same folder computes the
digest first, which costs hashing the content files (those whose status changed since
the last build: :func:`build_tools.cache.file_digests_kept`) and nothing in proportion to
rendering; when it is the same, the site its marker names is the one the build would write
and every page of it is in place, the build reports what the last one reported and stops.
Anything else (another digest, another site in the folder, a page missing, no record,
``UNRES_CACHE=off``) builds as usual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools import cache
from build_tools.collection import LeftOut
from build_tools.diagnostics import Diagnostic
from build_tools.site import incremental
from build_tools.site.folder import read_marker

RECORD = "unchanged.pickle"
"""In the site's :func:`build_tools.site.incremental.state_dir`."""
VERSION = 1


@dataclass(frozen=True, slots=True)
class Record:
    """What a build that wrote a site reported, and the digest of its input."""

    version: int
    key: str
    state: str
    """The rebuild state the site's marker named when the build ended."""
    diagnostics: tuple[Diagnostic, ...]
    left: tuple[LeftOut, ...]
    documents: int
    pages: int


def input_key(project_dir: Path, content: Path, site_url: str | None, strict: bool) -> str:
    """The digest of everything a build's site is made from."""
    digest = hashlib.sha256(f"{VERSION}\0{strict}\0{cache.code_version()}\0".encode())
    digest.update(incremental.environment(project_dir, site_url).encode())
    root = os.fspath(content)  # as pathlib writes it: the digests are remembered by these paths
    for folder, names, files in os.walk(root, followlinks=False):
        names.sort()
        inside = os.path.relpath(folder, root)
        prefix = "" if inside == os.curdir else inside.replace(os.sep, "/") + "/"
        for name in sorted(names + files):
            digest.update(os.fsencode(prefix + name) + b"\0" + cache.entry_digest(os.path.join(folder, name)))
    return digest.hexdigest()


def _path(project_dir: Path, site_dir: Path) -> Path:
    return incremental.state_dir(project_dir, site_dir) / RECORD


def recall(project_dir: Path, site_dir: Path, key: str) -> Record | None:
    """The record of the build that wrote ``site_dir`` when its input had the digest ``key``
    and the site is still the one it wrote, whole; else None."""
    if not cache.enabled():
        return None
    try:
        with _path(project_dir, site_dir).open("rb") as handle:
            record = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(record, Record) or record.version != VERSION or record.key != key:
        return None
    if not record.state or read_marker(site_dir) != record.state:
        return None
    pages = _state_pages(project_dir, site_dir)
    if pages is None or not all((site_dir / incremental.html_file(page)).is_file() for page in pages):
        return None
    return record


def _state_pages(project_dir: Path, site_dir: Path) -> Sequence[str] | None:
    """The pages the site's rebuild state lists, or None when it has none."""
    try:
        state = json.loads(incremental.state_file(project_dir, site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pages = state.get("pages") if isinstance(state, dict) else None
    return sorted(pages) if isinstance(pages, dict) else None


def remember(project_dir: Path, site_dir: Path, key: str, diagnostics: Sequence[Diagnostic],
             left: Sequence[LeftOut], documents: int, pages: int) -> None:
    """Keep what the build that has just written ``site_dir`` reported (best effort: without
    the record, the next build builds as usual)."""
    if not cache.enabled():
        return
    state = read_marker(site_dir)
    if not state:
        return
    record = Record(VERSION, key, state, tuple(diagnostics), tuple(left), documents, pages)
    target = _path(project_dir, site_dir)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    with contextlib.suppress(OSError, pickle.PicklingError):
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
