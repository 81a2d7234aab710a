"""Shared fixtures: the real collection, a built site, a local HTTP server, a browser.

The site is built once per test session from the real ``content/`` (through the real
converter) into a temporary project, so tests never touch the working tree's ``build/`` or
``site/``. Tests that only read the built site share it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from build_tools.collection import convert_collection
from build_tools.diagnostics import errors
from build_tools.languages import site_languages
from build_tools.pages import Page
from build_tools.site import shards

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
SOURCE_DATE_EPOCH = "1700000000"
"""Fixed build date (2023-11-14) so that sitemap dates do not depend on the day."""


@dataclass(frozen=True)
class BuiltSite:
    """A site built from the real collection, and what it was built from."""

    project: Path
    """A project folder: mkdocs.yml copied, content/, theme/, build_tools/ linked."""
    site_dir: Path
    pages: tuple[Page, ...]
    site_url: str


def make_project(folder: Path) -> Path:
    """A throw-away project: the real configuration and sources, its own ``build/``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("content", "theme", "build_tools"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    return folder


def pages_given_to_mkdocs(monkeypatch: pytest.MonkeyPatch) -> list[frozenset[str]]:
    """The pages each MkDocs build of a rebuild in this process is given from here on
    (:func:`build_tools.site.shards.needed_pages`, one set per language's build)."""
    kept: list[frozenset[str]] = []
    real = shards.needed_pages

    def needed(*args: Any) -> frozenset[str]:
        kept.append(real(*args))
        return kept[-1]

    monkeypatch.setattr(shards, "needed_pages", needed)
    return kept


def page_url(page_path: str, lang: str) -> str:
    """``resolutions/x.md`` in ``en`` → ``en/resolutions/x/`` (relative to the site root)."""
    assert page_path.endswith(".md")
    stem = page_path.removesuffix(".md")
    directory = "" if stem == "index" else stem.removesuffix("/index") + "/"
    prefix = "" if lang == site_languages()[0] else f"{lang}/"
    return prefix + directory


def html_file(page_path: str, lang: str) -> str:
    """The built file of a page: ``en/resolutions/x/index.html``."""
    return page_url(page_path, lang) + "index.html"


@pytest.fixture(scope="session")
def collection() -> tuple[Page, ...]:
    """The converter's pages for the real ``content/``; the collection must have no errors."""
    pages, diagnostics = convert_collection(ROOT / "content")
    assert not errors(diagnostics), "\n".join(str(d) for d in errors(diagnostics))
    assert pages, "the converter produced no pages for content/"
    return tuple(pages)


@pytest.fixture(scope="session", autouse=True)
def _source_date_epoch() -> Iterator[None]:
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    yield
    if previous is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = previous


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class LocalServer:
    base_url: str
    """``http://127.0.0.1:<port>/``"""
    root: Path
    """The folder it serves (the site is built there)."""


@contextlib.contextmanager
def serving(root: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 (a free port) serving ``root`` by path (a folder swapped
    in later is what it serves), in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def http_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """An HTTP server serving the folder the site is built into (:func:`serving`), so a site
    swapped in later (by :func:`built_site`) is what it serves."""
    root = tmp_path_factory.mktemp("served") / "site"
    with serving(root) as base:
        yield LocalServer(base, root)


@pytest.fixture(scope="session")
def built_site(
    tmp_path_factory: pytest.TempPathFactory,
    collection: tuple[Page, ...],
    http_server: LocalServer,
) -> BuiltSite:
    """The real collection built once (strict) into the folder the local server serves."""
    from build_tools.site import build_site

    project = make_project(tmp_path_factory.mktemp("project"))
    build_site(collection, project, http_server.root, strict=True, site_url=http_server.base_url)
    return BuiltSite(project, http_server.root, collection, http_server.base_url)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (skipped when it is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """``test-artifacts/`` (gitignored): screenshots for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
