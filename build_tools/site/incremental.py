"""Rebuilds that render only the pages whose Markdown changed.

A page's HTML depends on its own Markdown, on which pages exist (links and the language
switcher resolve against them), and on the configuration, the theme, the plugin and the
packages that render it. Every build writes a state for the site it makes (:func:`save`;
``site/`` and the preview's ``build/serve/`` each have their own :func:`state_dir`): a
digest of the latter (:func:`environment`) and the digest of every page's Markdown. The
state is written before the new site replaces the old one, under an id that the new
site's marker file names (:mod:`build_tools.site.folder`), so the site and the state that
describes it change together, in the one rename that swaps the site in: a build that
fails or is killed at any point leaves the old site with the state that is true to it.
The next build compares: when the environment and the set of pages are the same,
MkDocs renders only the pages whose Markdown changed (the plugin excludes the others, as it
does for :mod:`build_tools.site.shards`, and leaves out before mkdocs-static-i18n sees
them the pages those do not depend on: :func:`~build_tools.site.shards.needed_pages`), and
the HTML of every other page is taken from the current site. Anything else (another
environment, a page added or removed, no state, a page missing from the site,
``UNRES_CACHE=off``) renders every page. The post-build steps
always run, but the exports of a document page (Markdown, JSON, Akoma Ntoso) are taken
from the current site when the page's Markdown and the conversion cache's key of its
document folder are unchanged (:func:`export_keys`). ``tests/test_incremental.py`` shows
that a rebuild gives the same site, byte for byte, as a build from scratch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from build_tools import cache
from build_tools.pages import Page
from build_tools.site.folder import read_marker
from build_tools.site.publish import page_folder
from build_tools.site.swap import link_files

STATES = Path("build") / "cache" / "site-state"
"""Relative to the project: one state file per site folder."""
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "Jinja2", "pymdown-extensions")
ENVIRONMENT_VARIABLES = ("SITE_URL", "SOURCE_DATE_EPOCH")
STATE_VERSION = 2


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build renders: ``render`` None means every page."""

    render: frozenset[str] | None
    reuse: tuple[str, ...]
    """Pages whose HTML is taken from the current site."""


FULL = Plan(None, ())


def environment(project_dir: Path, site_url: str | None) -> str:
    """A digest of everything besides a page's Markdown that its HTML depends on."""
    digest = hashlib.sha256(f"{STATE_VERSION}\0{cache.code_version()}\0{site_url}\0".encode())
    for name in ENVIRONMENT_VARIABLES:
        digest.update(f"{name}={os.environ.get(name)}\0".encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    paths = [project_dir / "mkdocs.yml", *sorted((project_dir / "theme").rglob("*"))]
    for path in paths:
        if path.is_file():
            digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def state_dir(project_dir: Path, site_dir: Path) -> Path:
    """The states of the builds into ``site_dir``: ``build/cache/site-state/<name>-<digest>/``
    (``site-…``, ``serve-…``), the digest of the folder's absolute path."""
    folder = str(site_dir.resolve())
    return project_dir / STATES / f"{site_dir.name}-{hashlib.sha256(folder.encode()).hexdigest()[:16]}"


def state_file(project_dir: Path, site_dir: Path, state: str | None = None) -> Path:
    """The state file ``<id>.json`` in :func:`state_dir`: of the state ``state``, else of the
    one the site's marker names (:mod:`build_tools.site.folder`)."""
    state = state if state is not None else read_marker(site_dir)
    return state_dir(project_dir, site_dir) / f"{state or 'none'}.json"


def built_before(project_dir: Path, site_dir: Path) -> bool:
    """Whether an earlier build of this project wrote ``site_dir`` before sites had a marker
    (its state file then was ``site-state/<name>-<digest>.json``)."""
    return state_dir(project_dir, site_dir).with_suffix(".json").is_file()


def html_file(page: str) -> str:
    """``en/resolutions/x.md`` → ``en/resolutions/x/index.html``: where a page is built."""
    lang, _, path = page.partition("/")
    return page_folder(path, lang) + "index.html"


def previous(project_dir: Path, site_dir: Path, env: str) -> dict[str, Any]:
    """The state of the site in ``site_dir`` (the one its marker names) when the build that
    wrote it had the environment ``env``; else (no marker or state, another environment,
    ``UNRES_CACHE=off``) empty."""
    if not cache.enabled():
        return {}
    try:
        state = json.loads(state_file(project_dir, site_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) and state.get("environment") == env else {}


def plan(state: Mapping[str, Any], site_dir: Path, digests: Mapping[str, str]) -> Plan:
    """What to render, given the :func:`previous` state of ``site_dir``."""
    before = state.get("pages")
    if not isinstance(before, dict) or set(before) != set(digests):
        return FULL
    reuse = tuple(sorted(page for page, value in digests.items() if before[page] == value))
    root = os.fspath(site_dir)
    if not all(os.path.isfile(os.path.join(root, html_file(page))) for page in reuse):
        return FULL
    return Plan(frozenset(digests) - set(reuse), reuse)


def export_keys(pages: Iterable[Page]) -> dict[str, str]:
    """Per document page made through the cache, a key of what its exports are made from:
    its document folder's cache key and its Markdown."""
    return {f"{page.lang}/{page.path}": hashlib.sha256(f"{page.source}\0{page.digest}".encode(
                "utf-8", "surrogatepass")).hexdigest()
            for page in pages if page.info is not None and page.source is not None}


def reusable_exports(state: Mapping[str, Any], site_dir: Path, keys: Mapping[str, str]) -> frozenset[str]:
    """The pages whose exports the current site holds as this build would make them, given
    the :func:`previous` state of ``site_dir``."""
    before = state.get("exports")
    if not isinstance(before, dict) or not site_dir.is_dir():
        return frozenset()
    return frozenset(page for page, key in keys.items() if before.get(page) == key)


def new_state(digests: Mapping[str, str], env: str, exports: Mapping[str, str]) -> tuple[str, bytes]:
    """The state of a site built with ``env`` from pages with ``digests`` and ``exports``:
    its id (the digest of its content, so the same site has the same id) and its JSON."""
    data = json.dumps({"environment": env, "pages": dict(sorted(digests.items())),
                       "exports": dict(sorted(exports.items()))}).encode("utf-8")
    return hashlib.sha256(data).hexdigest(), data


def save(project_dir: Path, site_dir: Path, state: str, data: bytes) -> None:
    """Write the state ``state`` of the next site of ``site_dir``, before that site replaces
    the current one: until the swap, the current site's marker still names its own state.
    OSError when it cannot be written (then the site must not be replaced)."""
    if not cache.enabled():
        return
    target = state_file(project_dir, site_dir, state)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def forget_others(project_dir: Path, site_dir: Path, state: str) -> None:
    """After the swap: remove the states of ``site_dir`` but ``state`` (and the state file of
    a build made before sites had a marker). Best effort: a state left over is never used,
    since the site's marker names the one that describes it."""
    folder = state_dir(project_dir, site_dir)
    keep = f"{state}.json"
    for path in [folder.with_suffix(".json"), *(folder.iterdir() if folder.is_dir() else ())]:
        if path.name != keep:
            with contextlib.suppress(OSError):
                path.unlink()


def reuse_pages(pages: Iterable[str], old_site: Path, new_site: Path) -> None:
    """Put the current site's HTML of ``pages`` into the new site (hard links where possible)."""
    link_files((html_file(page) for page in pages), old_site, new_site)
