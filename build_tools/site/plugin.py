"""The project's MkDocs plugin, ``unres`` (``plugins:`` in mkdocs.yml; registered by the
``mkdocs.plugins`` entry point in pyproject.toml).

* Every build: paragraph permalinks (:mod:`build_tools.site.permalinks`); the reader bar,
  hanging numbers and other-language links (:mod:`build_tools.site.reader`); the titles of
  footnote back-links and heading permalinks in the page's language, and the labels the
  templates show (``un_labels``); a 404 page per language: ``404.html`` from the
  default language's build (the one static hosts serve for every missing path, so it speaks
  both languages) and ``<lang>/404.html`` from each other language's (mkdocs-static-i18n
  would let the last language's overwrite the first); each page's description, Open Graph
  properties, feed and download links (:func:`build_tools.site.publish.page_meta`).
* In a rebuild that renders only the changed pages (:mod:`build_tools.site.incremental`)
  or a build that renders one share of the pages (:mod:`build_tools.site.shards`), the
  other pages are excluded: :func:`build_tools.site.build_site` says which in the plugin's
  typed configuration (:class:`UnresConfig`), set on the loaded configuration before the
  build; mkdocs.yml leaves it at its defaults (every page). A rebuild also leaves out,
  before mkdocs-static-i18n sees them, the pages that the rendered ones do not depend on
  (:func:`build_tools.site.shards.needed_pages`).
* Each page's Markdown and HTML are let go once its file is written.
* The file lookup of each link target is answered once per build (it is the same for
  every page that links there).
* Jinja's autoescaping for the theme's templates and Material's ``base.html``, which print
  the front matter's text (the title, the description) in the head and the header
  (:mod:`build_tools.site.escaping`).
* ``mkdocs serve`` / ``mkdocs build`` from the command line: regenerate ``build/docs`` from
  ``content/`` before each build, in a fresh Python process (so edits to the converter take
  effect), and only when a file under ``content/`` or ``build_tools/`` changed since the
  last time (mkdocs-static-i18n runs one build per language). :func:`build_site` writes the
  docs itself and does not start MkDocs through its command line, so this stays off there.

The plugin is persistent across the rebuilds of ``mkdocs serve`` (it has ``on_startup``), so
the fingerprint of the last regeneration lives in its instance.
"""

from __future__ import annotations

import functools
import logging
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemBytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from build_tools.cache import template_folder
from build_tools.labels import label
from build_tools.languages import site_languages
from build_tools.site import shards
from build_tools.site.escaping import autoescape_for, theme_templates
from build_tools.site.permalinks import add_permalinks
from build_tools.site.publish import page_meta
from build_tools.site.reader import add_reader_tools, other_language
from build_tools.site.search import template_context as search_template_context
from build_tools.site.shards import exclude_other_shares, exclude_unlisted

log = logging.getLogger("mkdocs.plugins.unres")


NAME = "unres"
"""The plugin's name: its entry point, and its key in ``config.plugins``."""


WATCHED = ("content", "build_tools")
"""Folders whose changes make the docs stale."""


NOT_FOUND = "404.html"

Fingerprint = tuple[tuple[str, int, int], ...]


class UnresConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs leaves __init_subclass__ untyped
    """What one MkDocs build renders. mkdocs.yml leaves both at their defaults;
    :func:`build_tools.site.build_site` sets them on the loaded configuration."""

    render_only = c.Optional(c.ListOfItems(c.Type(str)))
    """The pages (``zh/resolutions/x.md``) this build renders, the others staying known for
    links; None: every page."""
    share = c.Type(int, default=0)
    """Which share of the pages this build renders (0 ≤ share < shares)."""
    shares = c.Type(int, default=1)
    """In how many shares the pages are rendered (:mod:`build_tools.site.shards`)."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        if not failed and not 0 <= self.share < self.shares:
            failed.append(("share", base.ValidationError(
                f"expected 0 <= share < shares, found share {self.share} of {self.shares}")))
        return failed, warnings


class UnresPlugin(BasePlugin[UnresConfig]):  # type: ignore[no-untyped-call]  # as above
    def __init__(self) -> None:
        self.regenerate = False
        """Whether to regenerate the docs before each build: from the command line only."""
        self.fingerprint: Fingerprint = ()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.regenerate = command in ("build", "serve", "gh-deploy")
        self.fingerprint = ()

    def on_shutdown(self) -> None:
        self.regenerate = False

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.regenerate:
            return
        root = Path(config.config_file_path).parent
        fingerprint = _fingerprint(root)
        if fingerprint == self.fingerprint:
            return
        _regenerate(root, Path(config.docs_dir))
        self.fingerprint = fingerprint

    @event_priority(-200)  # after mkdocs-static-i18n (-100) has set the build's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Per language: the titles of footnote back-links and of headings' permalinks;
        ``404.html`` from the default only."""
        lang = str(config.theme["language"])
        footnotes = config.mdx_configs.setdefault("footnotes", {})
        footnotes["BACKLINK_TITLE"] = label("footnote.backlink", lang)
        toc = config.mdx_configs.setdefault("toc", {})
        toc["permalink_title"] = label("heading.permalink", lang)
        templates = config.theme.static_templates
        if lang == site_languages()[0]:
            templates.add(NOT_FOUND)
        else:
            templates.discard(NOT_FOUND)
            templates.add(f"{lang}/{NOT_FOUND}")
        return config

    @event_priority(100)  # before mkdocs-static-i18n (-100) makes each language's files of them
    def _keep_needed(self, files: Files, *, config: MkDocsConfig) -> Files:
        """In a rebuild that renders only the changed pages (:mod:`build_tools.site.incremental`),
        drop the Markdown pages their HTML does not depend on
        (:func:`~build_tools.site.shards.needed_pages`); every other file stays."""
        if self.config.render_only is None:
            return files
        needed = shards.needed_pages(files, frozenset(self.config.render_only), site_languages(), config.nav)
        return Files([file for file in files if not file.is_documentation_page() or file.src_uri in needed])

    @event_priority(-200)  # after mkdocs-static-i18n has chosen the build language's files
    def _exclude_others(self, files: Files, *, config: MkDocsConfig) -> Files:
        """In a rebuild that renders only the changed pages or a build that renders one share
        of them (:mod:`build_tools.site.shards`), exclude the others: they stay known, for
        links, but are not rendered."""
        if self.config.render_only is not None:
            exclude_unlisted(files, frozenset(self.config.render_only))
        if self.config.shares > 1:
            exclude_other_shares(files, (self.config.share, self.config.shares))
        _remember_lookups(files)
        return files

    on_files = CombinedEvent(_keep_needed, _exclude_others)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """``<lang>/404.html``: the theme's 404 page, rendered in that language's build. The
        header search's labels in the build's language (``un_search``, theme/partials/search.html).
        Autoescaping for the theme's templates and Material's ``base.html``
        (:mod:`build_tools.site.escaping`). The compiled templates kept in the build's cache
        (:func:`build_tools.cache.template_folder`)."""
        others = {f"{lang}/{NOT_FOUND}": '{% extends "404.html" %}' for lang in site_languages()[1:]}
        custom_dir = config.theme.custom_dir
        env.autoescape = autoescape_for({*(theme_templates(Path(custom_dir)) if custom_dir else ()), *others})
        env.loader = ChoiceLoader([env.loader, DictLoader(others)]) if env.loader else DictLoader(others)
        env.globals["un_search"] = search_template_context(str(config.theme["language"]))
        env.globals["un_labels"] = template_labels(str(config.theme["language"]))
        compiled = template_folder(Path(config.config_file_path).parent)
        if compiled is not None:  # the theme's templates compiled once, not in every build
            env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        return env

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """A 404 page is served at any missing path: its links must not be relative, and its
        language switcher leads to the home pages (not to the last page built)."""
        if template_name.rsplit("/", 1)[-1] != NOT_FOUND:
            return context
        root = urlsplit(config.site_url or "/").path
        context["base_url"] = root
        # mkdocs-static-i18n sets the switcher per page as an attribute, which templates read
        alternates = getattr(config.extra, "alternate", None)
        if isinstance(alternates, list):
            home = {lang: root + ("" if lang == site_languages()[0] else f"{lang}/") for lang in site_languages()}
            switcher = [{**alternate, "link": home.get(alternate.get("lang"), root)} for alternate in alternates]
            setattr(config.extra, "alternate", switcher)  # noqa: B010 (an attribute, not a key)
        return context

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Description, Open Graph properties and download links, from the front matter."""
        lang = str(config.theme["language"])
        path = page.file.src_uri.removeprefix(f"{lang}/")
        page.meta.update(page_meta(page.meta, lang, path))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        lang = str(config.theme["language"])
        html = add_permalinks(html, lang)
        return add_reader_tools(html, page.meta, lang, other_language(page.meta, lang, _alternates(page)))

    @event_priority(-200)  # the last plugin to see the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Let go of the page's Markdown and HTML once its file is written. MkDocs converts
        every page before it writes any and keeps both to the end of the build: at 10,000
        pages a process, hundreds of megabytes that no later page reads (the navigation and
        the sitemap use titles and URLs)."""
        page.markdown = None
        page.content = None
        return output


def _remember_lookups(files: Files) -> None:
    """Answer each link target's file lookup once per build. MkDocs looks up the target of
    every link on every page; mkdocs-static-i18n's lookup builds and compares several paths
    each time, 7 % of the MkDocs time with 250,000 links. The answer depends only on the path
    while this build's files are fixed, as they are from here on (this event runs last)."""
    lookup = files.get_file_from_path
    files.get_file_from_path = functools.lru_cache(maxsize=None)(lookup)  # type: ignore[method-assign]


TEMPLATE_LABELS = ("print.address", "print.date", "reader.unofficial_column")
"""The labels the theme's templates show (``un_labels.print_address`` …)."""


def template_labels(lang: str) -> dict[str, str]:
    return {key.split(".", 1)[1]: label(key, lang) for key in TEMPLATE_LABELS}


def _alternates(page: Page) -> dict[str, str]:
    """mkdocs-static-i18n's pages of ``page`` in each language, as URLs relative to it."""
    alternates = getattr(page.file, "alternates", None) or {}
    return {lang: get_relative_url(file.url, page.url) for lang, file in alternates.items()}


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
