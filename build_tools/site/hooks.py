"""MkDocs hooks (``hooks:`` in mkdocs.yml).

* Every build: paragraph permalinks (:mod:`build_tools.site.permalinks`); footnote
  back-link titles in the page's language; one ``404.html``, from the default language's
  build (mkdocs-static-i18n would let the last language's overwrite it).
* ``mkdocs serve`` / ``mkdocs build`` from the command line: regenerate ``build/docs`` from
  ``content/`` before each build, in a fresh Python process (so edits to the converter take
  effect), and only when a file under ``content/`` or ``build_tools/`` changed since the
  last time (mkdocs-static-i18n runs one build per language). :func:`build_site` writes the
  docs itself and does not start MkDocs through its command line, so this stays off there.

MkDocs loads this file by path; its state lives in this module object.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from build_tools.labels import label
from build_tools.pages import LANGUAGES
from build_tools.site.permalinks import add_permalinks

log = logging.getLogger("mkdocs.hooks.build_tools")

WATCHED = ("content", "build_tools")
"""Folders whose changes make the docs stale."""

NOT_FOUND = "404.html"

Fingerprint = tuple[tuple[str, int, int], ...]


@dataclass(slots=True)
class _State:
    regenerate: bool = False
    fingerprint: Fingerprint = ()


_STATE = _State()


def on_startup(*, command: str, dirty: bool) -> None:
    _STATE.regenerate = command in ("build", "serve", "gh-deploy")
    _STATE.fingerprint = ()


def on_shutdown() -> None:
    _STATE.regenerate = False


def on_pre_build(*, config: MkDocsConfig) -> None:
    if not _STATE.regenerate:
        return
    root = Path(config.config_file_path).parent
    fingerprint = _fingerprint(root)
    if fingerprint == _STATE.fingerprint:
        return
    _regenerate(root, Path(config.docs_dir))
    _STATE.fingerprint = fingerprint


@event_priority(-200)  # after mkdocs-static-i18n (-100) has set the build's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Per language: the footnote back-link's title; ``404.html`` from the default only."""
    lang = str(config.theme["language"])
    footnotes = config.mdx_configs.setdefault("footnotes", {})
    footnotes["BACKLINK_TITLE"] = label("footnote.backlink", lang)
    templates = config.theme.static_templates
    if lang == LANGUAGES[0]:
        templates.add(NOT_FOUND)
    else:
        templates.discard(NOT_FOUND)
    return config


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return add_permalinks(html, str(config.theme["language"]))


def _fingerprint(root: Path) -> Fingerprint:
    entries = []
    for folder in WATCHED:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                stat = path.stat()
                entries.append((path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def _regenerate(root: Path, docs_dir: Path) -> None:
    command = [sys.executable, "-m", "build_tools.site.regenerate", "content", str(docs_dir)]
    result = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    for line in result.stderr.splitlines():
        log.warning(line)
    if result.returncode != 0:
        raise PluginError(f"content/: could not regenerate {docs_dir} (see the messages above)")
    log.info(result.stdout.strip())
