"""Build the site with MkDocs, in-process, into a staging folder that then replaces ``site_dir``.

A failed build (a configuration error, a broken link, any MkDocs warning in strict mode)
raises :class:`SiteBuildError` naming the problems and leaves the previous site untouched.
Builds of one project take turns (:data:`LOCK`): they share its docs folder, and ``make
serve`` may rebuild while ``make site`` runs. (The conversion caches are written file by
file, atomically, and need no lock.)
"""

from __future__ import annotations

import fcntl
import logging
import multiprocessing
import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from build_tools.pages import Page
from build_tools.site import incremental
from build_tools.site.docs import DocsError, DocsSync, write_docs
from build_tools.site.postbuild import BuiltSite, run_post_build
from build_tools.site.shards import SHARE_ENV, ShareError, jobs, merge
from build_tools.site.swap import remove_tree, replace_tree

DOCS_DIR = Path("build") / "docs"
"""Where the generated Markdown goes, relative to the project (``docs_dir`` in mkdocs.yml)."""

CONFIG_FILE = "mkdocs.yml"

LOCK = Path("build") / "cache" / "build.lock"
"""Relative to the project: held by the build that is running."""


class SiteBuildError(Exception):
    """The site could not be built; the message lists what MkDocs (or the docs) reported."""


@dataclass(frozen=True, slots=True)
class SiteBuild:
    """A finished build."""

    site_dir: Path
    docs: DocsSync
    """What changed in the docs folder."""
    warnings: tuple[str, ...]
    """MkDocs warnings (always empty in strict mode, where a warning fails the build)."""
    rendered: int = 0
    """Pages MkDocs rendered: all of them, or in a rebuild those whose Markdown changed
    (:mod:`build_tools.site.incremental`)."""


def build_site(
    pages: Iterable[Page],
    project_dir: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    site_url: str | None = None,
) -> SiteBuild:
    """Write the docs into ``project_dir/build/docs`` and build the site into ``site_dir``.

    ``site_url`` overrides mkdocs.yml (which reads the ``SITE_URL`` environment variable).
    """
    pages = tuple(pages)
    project_dir = project_dir.resolve()
    site_dir = site_dir.resolve()
    _check_site_dir(site_dir, project_dir)
    with _one_build_at_a_time(project_dir):
        return _build_site(pages, project_dir, site_dir, strict, site_url)


@contextmanager
def _one_build_at_a_time(project_dir: Path) -> Iterator[None]:
    """Hold the project's build lock, waiting (and saying so) while another build has it."""
    path = project_dir / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"Waiting for another build of this project to finish ({LOCK})...", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_site(pages: tuple[Page, ...], project_dir: Path, site_dir: Path, strict: bool,
                site_url: str | None) -> SiteBuild:
    docs_dir = project_dir / DOCS_DIR
    try:
        docs = write_docs(pages, docs_dir)
    except DocsError as error:
        raise SiteBuildError(str(error)) from None
    staging = site_dir.with_name(site_dir.name + ".tmp")
    remove_tree(staging)
    environment = incremental.environment(project_dir, site_url)
    state = incremental.previous(project_dir, site_dir, environment)
    plan = incremental.plan(state, site_dir, docs.digests)
    rendered = len(docs.digests) if plan.render is None else len(plan.render)
    listing = project_dir / LOCK.with_name("render-only.txt")
    try:
        try:
            shares = jobs(rendered)
        except ValueError as error:
            raise SiteBuildError(str(error)) from None
        if plan.render is not None:
            listing.write_text("".join(f"{page}\n" for page in sorted(plan.render)), encoding="utf-8")
            os.environ[incremental.ONLY_ENV] = str(listing)
        try:
            warnings, url = _run_mkdocs_shared(project_dir / CONFIG_FILE, docs_dir, staging, strict, site_url, shares)
        finally:
            os.environ.pop(incremental.ONLY_ENV, None)
            listing.unlink(missing_ok=True)
        incremental.reuse_pages(plan.reuse, site_dir, staging)
        exports = incremental.export_keys(pages)
        reused = incremental.reusable_exports(state, site_dir, exports)
        try:
            run_post_build(BuiltSite(staging, pages, url, site_dir if reused else None, reused))
        except SiteBuildError:
            raise
        except Exception as error:  # a post-build step failed: report it, keep the old site
            raise SiteBuildError(f"post-build step failed: {type(error).__name__}: {error}") from None
        replace_tree(staging, site_dir)
    finally:
        remove_tree(staging)
    incremental.save(project_dir, site_dir, docs.digests, environment, exports)
    return SiteBuild(site_dir=site_dir, docs=docs, warnings=warnings, rendered=rendered)


def _run_mkdocs_shared(
    config_file: Path, docs_dir: Path, site_dir: Path, strict: bool, site_url: str | None, shares: int
) -> tuple[tuple[str, ...], str]:
    """MkDocs in ``shares`` processes (:mod:`build_tools.site.shards`), merged into ``site_dir``:
    this process renders the first share while the others run in forked processes."""
    if shares <= 1:
        return _run_mkdocs(config_file, docs_dir, site_dir, strict, site_url)
    folders = [site_dir] + [site_dir.with_name(f"{site_dir.name}.{index}") for index in range(1, shares)]
    context = multiprocessing.get_context("fork")
    workers = []
    for index in range(1, shares):
        remove_tree(folders[index])
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_share_process, args=(
            send, config_file, docs_dir, folders[index], strict, site_url, index, shares), daemon=True)
        process.start()
        send.close()
        workers.append((process, receive))
    try:
        os.environ[SHARE_ENV] = f"0/{shares}"
        try:
            warnings, url = _run_mkdocs(config_file, docs_dir, site_dir, strict, site_url)
        finally:
            del os.environ[SHARE_ENV]
        problems: list[str] = []
        for process, receive in workers:
            try:
                outcome, value = receive.recv()
            except EOFError:
                outcome, value = "error", f"a MkDocs process ended without a result (exit code {process.exitcode})"
            process.join()
            if outcome == "error":
                problems.append(value)
            else:
                warnings += tuple(w for w in value if w not in warnings)
        if problems:
            raise SiteBuildError("\n".join(problems))
        try:
            merge(folders)
        except ShareError as error:
            raise SiteBuildError(str(error)) from None
        return warnings, url
    finally:
        for process, _ in workers:
            if process.is_alive():
                process.terminate()
                process.join()
        for folder in folders[1:]:
            remove_tree(folder)


def _share_process(send: Any, config_file: Path, docs_dir: Path, site_dir: Path, strict: bool,
                   site_url: str | None, index: int, shares: int) -> None:
    """The body of a forked MkDocs process: build one share, send back its warnings or its error."""
    os.environ[SHARE_ENV] = f"{index}/{shares}"
    try:
        warnings, _ = _run_mkdocs(config_file, docs_dir, site_dir, strict, site_url)
        send.send(("ok", warnings))
    except SiteBuildError as error:
        send.send(("error", str(error)))
    except BaseException as error:  # a bug: report it in the build's error, not as a lost process
        last = traceback.extract_tb(error.__traceback__)[-1:]
        where = f" ({last[0].filename}:{last[0].lineno})" if last else ""
        send.send(("error", f"MkDocs process {index}: {type(error).__name__}: {error}{where}"))
    finally:
        send.close()


def _run_mkdocs(
    config_file: Path, docs_dir: Path, site_dir: Path, strict: bool, site_url: str | None
) -> tuple[tuple[str, ...], str]:
    """Build; return the warnings and the site URL the configuration resolved to."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    overrides: dict[str, Any] = {
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "strict": strict,
    }
    if site_url is not None:
        overrides["site_url"] = site_url
    with _collected_warnings() as messages:
        try:
            config = load_config(config_file=str(config_file), **overrides)
            build(config)
        except MkDocsException as error:
            raise SiteBuildError(_describe(error, messages)) from None
    url = str(config.site_url or "")
    return tuple(messages), url if url.endswith("/") else url + "/"


def _describe(error: MkDocsException, messages: list[str]) -> str:
    lines = [f"MkDocs build failed: {error}"]
    lines += [f"  {message}" for message in messages]
    return "\n".join(lines)


class _Collector(logging.Handler):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(level=logging.WARNING)
        self.messages = messages

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")


@contextmanager
def _collected_warnings() -> Iterator[list[str]]:
    """Collect every warning and error that MkDocs and its plugins log meanwhile."""
    messages: list[str] = []
    handler = _Collector(messages)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield messages
    finally:
        logger.removeHandler(handler)


def _check_site_dir(site_dir: Path, project_dir: Path) -> None:
    """Refuse a site folder that overlaps the project's sources (the build replaces it)."""
    names = ("content", "build_tools", "theme", CONFIG_FILE, str(DOCS_DIR))
    for protected in ((project_dir / name).resolve() for name in names):
        if site_dir == protected or site_dir in protected.parents or protected in site_dir.parents:
            raise SiteBuildError(
                f"{site_dir}: expected a site folder apart from the project's sources, "
                f"found one that overlaps {protected}"
            )
