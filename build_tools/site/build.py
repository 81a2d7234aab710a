"""Build the site with MkDocs, in-process, into a staging folder that then replaces ``site_dir``.

A failed build (a configuration error, a broken link, any MkDocs warning in strict mode)
raises :class:`SiteBuildError` naming the problems and leaves the previous site untouched.
Builds of one project take turns (:data:`LOCK`): they share its docs folder, and ``make
serve`` may rebuild while ``make site`` runs. (The conversion caches are written file by
file, atomically, and need no lock.)
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import multiprocessing
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from build_tools.diagnostics import Diagnostic, Severity
from build_tools.pages import Page
from build_tools.parallel import cores, frozen, max_jobs
from build_tools.site import incremental, spare
from build_tools.site.built import BuiltSite, Handover
from build_tools.site.docs import DocsError, DocsSync, write_docs
from build_tools.site.folder import (
    MARKER,
    check_site_folder,
    marker_text,
    remove_leftovers,
    spare_folder,
    staging_folder,
)
from build_tools.site.plugin import NAME as plugin_name
from build_tools.site.plugin import UnresPlugin
from build_tools.site.postbuild import run_post_build
from build_tools.site.publish import carried_exports
from build_tools.site.shards import ShareError, jobs, merge
from build_tools.site.swap import move_into, remove_tree, replace_tree

DOCS_DIR = Path("build") / "docs"
"""Where the generated Markdown goes, relative to the project (``docs_dir`` in mkdocs.yml)."""

CONFIG_FILE = "mkdocs.yml"

LOCK = Path("build") / "cache" / "build.lock"
"""Relative to the project: held by the build that is running."""


class SiteBuildError(Exception):
    """The site could not be built; the message lists what MkDocs (or the docs) reported."""


class SiteFolderError(SiteBuildError):
    """The site folder is not one the build may replace (:mod:`build_tools.site.folder`)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


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
    leftovers: tuple[str, ...] = ()
    """Folders of earlier sites and staging folders that could not be removed (the new site
    is in place all the same)."""


def build_site(
    pages: Iterable[Page] | Handover,
    project_dir: Path,
    site_dir: Path,
    *,
    strict: bool = True,
    site_url: str | None = None,
) -> SiteBuild:
    """Write the docs into ``project_dir/build/docs`` and build the site into ``site_dir``.

    ``site_url`` overrides mkdocs.yml (which reads the ``SITE_URL`` environment variable).
    Pages given as a :class:`~build_tools.site.built.Handover` are let go of before MkDocs
    renders every page (a cold build), when the caller holds no other reference to them.
    """
    held = pages if isinstance(pages, Handover) else Handover(pages)
    del pages
    project_dir = project_dir.resolve()
    shown = str(site_dir)
    site_dir = site_dir.resolve()
    _check_site_dir(site_dir, shown, project_dir)
    with _one_build_at_a_time(project_dir):
        problem = check_site_folder(site_dir, shown, built_before=incremental.built_before(project_dir, site_dir))
        if problem is not None:
            raise SiteFolderError(problem)
        return _build_site(held, project_dir, site_dir, strict, site_url)


def site_folder_problem(project_dir: Path, site_dir: Path) -> Diagnostic | None:
    """Why a build of ``project_dir`` may not replace ``site_dir`` (it overlaps the sources,
    or it is not a site a build wrote and not empty), or None."""
    try:
        _check_site_dir(site_dir.resolve(), str(site_dir), project_dir.resolve())
    except SiteFolderError as error:
        return error.diagnostic
    return check_site_folder(site_dir.resolve(), str(site_dir),
                             built_before=incremental.built_before(project_dir.resolve(), site_dir.resolve()))


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


def _build_site(held: Handover, project_dir: Path, site_dir: Path, strict: bool,
                site_url: str | None) -> SiteBuild:
    """Build the next site into a staging folder, write its rebuild state, then swap it in:
    the swap is the only step that changes the published site, and the last one that can
    fail; what follows it (keeping the old site for the next rebuild or removing it,
    removing older states) is cleanup that cannot undo it. Any failure or interrupt before
    it leaves the site and its state as they were."""
    docs_dir = project_dir / DOCS_DIR
    try:
        docs = write_docs(held.pages, docs_dir)
    except DocsError as error:
        raise SiteBuildError(str(error)) from None
    leftovers = remove_leftovers(site_dir)
    staging = staging_folder(site_dir)
    environment = incremental.environment(project_dir, site_url)
    state = incremental.previous(project_dir, site_dir, environment)
    plan = incremental.plan(state, site_dir, docs.digests)
    rendered = len(docs.digests) if plan.render is None else len(plan.render)
    try:
        staged = _stage(held, project_dir, docs_dir, (site_dir, staging), strict, site_url, state, plan, rendered)
        warnings = staged.warnings
        leftovers += staged.problems
        new_state, data = incremental.new_state(docs.digests, environment, staged.exports)
        (staging / MARKER).unlink(missing_ok=True)  # a spare's would be a link to the current site's
        (staging / MARKER).write_bytes(marker_text(new_state))
        try:
            incremental.save(project_dir, site_dir, new_state, data)
        except OSError as error:
            raise SiteBuildError(f"could not save the rebuild state in {project_dir / incremental.STATES}: "
                                 f"{error.strerror or error}; the site was not replaced") from None
        old = replace_tree(staging, site_dir)  # the commit
    except BaseException:
        with contextlib.suppress(OSError):
            remove_tree(staging)  # else removed by the next build
        raise
    incremental.forget_others(project_dir, site_dir, new_state)
    leftovers += _after_swap(old, site_dir, staged.from_current)
    return SiteBuild(site_dir=site_dir, docs=docs, warnings=warnings, rendered=rendered, leftovers=tuple(leftovers))


def _after_swap(old: Path | None, site_dir: Path, keep_old: bool) -> list[str]:
    """After the swap: keep the site swapped out (``old``) as the spare of ``site_dir`` when
    ``keep_old`` (the build took its files from the current site, so the next one can start
    from it: :mod:`build_tools.site.spare`), else remove it and any spare; a message for
    each folder that could not be moved or removed."""
    problems = []
    if old is not None and keep_old:
        try:
            spare.keep(old, site_dir)
            return []
        except OSError:
            pass  # removed instead, below
    for folder, what in ((old, "the previous site"), (spare_folder(site_dir), "the site kept for rebuilds")):
        if folder is None:
            continue
        try:
            remove_tree(folder)
        except OSError as error:
            problems.append(f"{folder}: {what} could not be removed ({error.strerror or error}); "
                            "the next build tries again, or remove it by hand")
    return problems


@dataclass(frozen=True, slots=True)
class _Staged:
    """The next site, complete in the staging folder."""

    warnings: tuple[str, ...]
    """MkDocs' warnings."""
    exports: dict[str, str]
    """Its export keys (:func:`~build_tools.site.incremental.export_keys`)."""
    from_current: bool
    """Whether it took the pages it did not render from the current site, in a staging
    folder made from the spare (a rebuild of a few pages): the site it replaces is then
    kept as the next spare."""
    problems: tuple[str, ...] = ()
    """Folders that could not be used or removed (the site is complete all the same)."""


def _stage(held: Handover, project_dir: Path, docs_dir: Path, folders: tuple[Path, Path],
           strict: bool, site_url: str | None, state: dict[str, Any], plan: incremental.Plan,
           rendered: int) -> _Staged:
    """The next site in the staging folder (``folders``: the site's, the staging one):
    MkDocs rendering ``rendered`` pages, the pages taken from the current site, the
    post-build steps.

    A rebuild of a few pages runs the steps beside MkDocs (:func:`beside_mkdocs`), in a
    staging folder made from the spare (:mod:`build_tools.site.spare`); any other build
    runs them first, into a folder of their own, and lets go of the pages before MkDocs and
    its forked shares start: they read the docs folder, not the pages."""
    site_dir, staging = folders
    try:
        shares = jobs(rendered)
    except ValueError as error:
        raise SiteBuildError(str(error)) from None
    only = None if plan.render is None else tuple(sorted(plan.render))
    config_file = project_dir / CONFIG_FILE
    rendering = Rendering(only, 0, shares)
    exports = incremental.export_keys(held.pages)
    reused = incremental.reusable_exports(state, site_dir, exports)

    def built(root: Path, url: str, carried: bool = False, taken: tuple[str, ...] | None = None) -> BuiltSite:
        return BuiltSite(root, held.pages, url, site_dir if reused else None, reused, carried, project_dir, taken)

    if beside_mkdocs(shares):
        # The pages' HTML and the exports that the current site holds are taken into the
        # staging folder (made from the spare, where there is one) by a process of their
        # own beside MkDocs.
        carried = carried_exports(held.pages, site_dir if reused else None, reused)
        warnings, problem = _mkdocs_beside_post_build(
            config_file, docs_dir, staging, strict, site_url, rendering,
            functools.partial(built, carried=True, taken=tuple(carried)),
            ([*map(incremental.html_file, plan.reuse), *carried], site_dir), plan.render is not None)
        return _Staged(warnings, exports, plan.render is not None, () if problem is None else (problem,))
    else:
        loaded = _load_config(config_file, docs_dir, staging, strict, site_url)
        post = _empty_folder(staging.with_name(f"{staging.name}.post"))
        try:
            _post_build(built(post, _site_url(loaded[0])))
            held.let_go()
            warnings, _ = _run_mkdocs_shared(config_file, docs_dir, staging, strict, site_url, rendering, loaded)
            incremental.reuse_pages(plan.reuse, site_dir, staging)
            move_into(post, staging)  # the steps' files in place of any MkDocs wrote (the sitemap is theirs)
        finally:
            remove_tree(post)
    return _Staged(warnings, exports, False)


def _post_build(site: BuiltSite) -> None:
    """The post-build steps; :class:`SiteBuildError` naming the step's failure, if one fails."""
    try:
        run_post_build(site)
    except SiteBuildError:
        raise
    except Exception as error:  # a post-build step failed: report it, keep the old site
        raise SiteBuildError(f"post-build step failed: {type(error).__name__}: {error}") from None


def beside_mkdocs(shares: int) -> bool:
    """Whether the post-build steps run in a process of their own while MkDocs renders: when
    MkDocs renders in one process (a rebuild of a few pages), which leaves a core free. They
    read the converter's pages, not MkDocs' output, so they need not wait for it."""
    return shares == 1 and max_jobs() >= 2 and cores() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _mkdocs_beside_post_build(config_file: Path, docs_dir: Path, staging: Path, strict: bool,
                              site_url: str | None, rendering: Rendering, built: Callable[[Path, str], BuiltSite],
                              reuse: tuple[Iterable[str], Path],
                              from_spare: bool) -> tuple[tuple[str, ...], str | None]:
    """MkDocs into a folder of its own while two forked processes work: one makes ``staging``
    (the spare when ``from_spare`` and there is one, else a new folder:
    :mod:`build_tools.site.spare`) hold the files ``reuse`` takes from the current site,
    the other runs the post-build steps into a folder of their own. Then MkDocs' files are
    moved into ``staging`` (a folder ``staging`` lacks in one step), but for those taken
    from the current site, and the steps' files in place of any (as when the steps run
    before MkDocs: the sitemap is theirs). MkDocs' warnings, and why the spare could not be
    used, if it could not."""
    files, current = reuse
    files = list(files)
    fresh, post = (staging.with_name(f"{staging.name}.{name}") for name in ("mkdocs", "post"))
    for folder in (fresh, post):
        _empty_folder(folder)
    if not (from_spare and spare.take(current, staging)):
        staging.mkdir()
    loaded = _load_config(config_file, docs_dir, fresh, strict, site_url)
    url = _site_url(loaded[0])
    context = multiprocessing.get_context("fork")
    aside = staging_folder(current)
    jobs = [_forked(context, _carry_process, (files, current, staging, aside), "taking the current site's files"),
            _forked(context, _post_build_process, (built(post, url),), "the post-build steps")]
    try:
        warnings, _ = _run_mkdocs(config_file, docs_dir, fresh, strict, site_url, rendering, loaded)
        values = []
        for process, receive, what in jobs:
            outcome, value = _result(process, receive, f"the process of {what}")
            if outcome == "error":
                raise SiteBuildError(value)
            values.append(value)
        brought: spare.Brought = values[0]
        move_into(fresh, staging, keep=frozenset(files))
        move_into(post, staging)
        return warnings, brought.problem
    finally:
        for process, receive, _ in jobs:
            if process.is_alive():
                process.terminate()
                process.join()
            receive.close()
        for folder in (fresh, post):
            remove_tree(folder)


def _forked(context: Any, target: Callable[..., None], args: tuple[Any, ...], what: str,
            daemon: bool = False) -> tuple[Any, Any, str]:
    """``target(send, *args)`` started in a forked process (by default not a daemon: the
    post-build steps spread their work over forked processes of their own); the process,
    the end of the pipe its result comes through, and what it does (for messages)."""
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(send, *args), daemon=daemon)
    with frozen():
        process.start()
    send.close()
    return process, receive, what


def _result(process: Any, receive: Any, what: str) -> tuple[str, Any]:
    """What a forked process sent back (``("ok", value)`` or ``("error", message)``), once it
    has ended; an error naming ``what`` when it ended without sending anything."""
    try:
        outcome, value = receive.recv()
    except EOFError:
        outcome, value = "error", f"{what} ended without a result (exit code {process.exitcode})"
    process.join()
    return outcome, value


def _carry_process(send: Any, files: list[str], current: Path, folder: Path, aside: Path) -> None:
    """The body of the forked process that makes ``folder`` hold the current site's ``files``
    (:func:`~build_tools.site.spare.bring_or_start_over`); it sends back what it did."""
    try:
        send.send(("ok", spare.bring_or_start_over(files, current, folder, aside)))
    except BaseException as error:
        send.send(("error", f"could not take the current site's files: {type(error).__name__}: {error}"))
    finally:
        send.close()


def _post_build_process(send: Any, site: BuiltSite) -> None:
    """The body of the forked post-build process: run the steps, send back ``ok`` or the error."""
    try:
        _post_build(site)
        send.send(("ok", None))
    except SiteBuildError as error:
        send.send(("error", str(error)))
    except BaseException as error:  # an interrupt, or a failure outside the steps
        send.send(("error", f"post-build step failed: {type(error).__name__}: {error}"))
    finally:
        send.close()


def _site_url(config: MkDocsConfig) -> str:
    """The site URL the configuration resolved to, ending in ``/``."""
    url = str(config.site_url or "")
    return url if url.endswith("/") else url + "/"


def _empty_folder(folder: Path) -> Path:
    """``folder``, made empty (what an earlier, interrupted build left there removed)."""
    remove_tree(folder)
    folder.mkdir()
    return folder


@dataclass(frozen=True, slots=True)
class Rendering:
    """What one MkDocs build renders: the plugin's options (:class:`~build_tools.site.plugin.UnresConfig`)."""

    only: tuple[str, ...] | None
    """The pages it renders (``zh/resolutions/x.md``); None: every page."""
    share: int
    shares: int


def _run_mkdocs_shared(
    config_file: Path, docs_dir: Path, site_dir: Path, strict: bool, site_url: str | None, rendering: Rendering,
    loaded: tuple[MkDocsConfig, tuple[str, ...]] | None = None,
) -> tuple[tuple[str, ...], str]:
    """MkDocs in ``rendering.shares`` processes (:mod:`build_tools.site.shards`), merged into
    ``site_dir``: this process renders the first share (with the configuration ``loaded``
    already, if given) while the others run in forked processes."""
    shares = rendering.shares
    if shares <= 1:
        return _run_mkdocs(config_file, docs_dir, site_dir, strict, site_url, rendering, loaded)
    folders = [site_dir] + [site_dir.with_name(f"{site_dir.name}.{index}") for index in range(1, shares)]
    context = multiprocessing.get_context("fork")
    workers = []
    for index in range(1, shares):
        remove_tree(folders[index])
        process, receive, _ = _forked(context, _share_process, (
            config_file, docs_dir, folders[index], strict, site_url, replace(rendering, share=index)),
            "a MkDocs process", daemon=True)
        workers.append((process, receive))
    try:
        warnings, url = _run_mkdocs(config_file, docs_dir, site_dir, strict, site_url, rendering, loaded)
        problems: list[str] = []
        for process, receive in workers:
            outcome, value = _result(process, receive, "a MkDocs process")
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
                   site_url: str | None, rendering: Rendering) -> None:
    """The body of a forked MkDocs process: build one share, send back its warnings or its error."""
    index = rendering.share
    try:
        warnings, _ = _run_mkdocs(config_file, docs_dir, site_dir, strict, site_url, rendering)
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
    config_file: Path, docs_dir: Path, site_dir: Path, strict: bool, site_url: str | None, rendering: Rendering,
    loaded: tuple[MkDocsConfig, tuple[str, ...]] | None = None,
) -> tuple[tuple[str, ...], str]:
    """Build (with the configuration ``loaded`` already, if given); return the warnings and
    the site URL the configuration resolved to."""
    config, warned = loaded or _load_config(config_file, docs_dir, site_dir, strict, site_url)
    with _collected_warnings() as messages:
        try:
            _configure_plugin(config, config_file, rendering)
            build(config)
        except MkDocsException as error:
            raise SiteBuildError(_describe(error, [*warned, *messages])) from None
    return (*warned, *messages), _site_url(config)


def _load_config(config_file: Path, docs_dir: Path, site_dir: Path, strict: bool,
                 site_url: str | None) -> tuple[MkDocsConfig, tuple[str, ...]]:
    """mkdocs.yml with the build's folders, strictness and URL (``site_url`` overrides
    ``SITE_URL``), and the warnings its loading logged."""
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
        except MkDocsException as error:
            raise SiteBuildError(_describe(error, messages)) from None
    return config, tuple(messages)


def _configure_plugin(config: MkDocsConfig, config_file: Path, rendering: Rendering) -> None:
    """Tell the project's plugin what this build renders (in its typed configuration)."""
    plugin = config.plugins.get(plugin_name)
    if not isinstance(plugin, UnresPlugin):
        raise SiteBuildError(f"{config_file}: the plugin {plugin_name!r} is not in its plugins list; the site "
                             "needs it (paragraph links, reader tools, excluded pages)")
    plugin.config.render_only = None if rendering.only is None else list(rendering.only)
    plugin.config.share = rendering.share
    plugin.config.shares = rendering.shares
    failed, _ = plugin.config.validate()
    if failed:
        raise SiteBuildError(f"plugin {plugin_name!r}: " + "; ".join(f"{key}: {error}" for key, error in failed))


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


def _check_site_dir(site_dir: Path, shown: str, project_dir: Path) -> None:
    """Refuse a site folder that overlaps the project's sources (the build replaces it)."""
    names = ("content", "build_tools", "theme", CONFIG_FILE, str(DOCS_DIR))
    for protected in ((project_dir / name).resolve() for name in names):
        if site_dir == protected or site_dir in protected.parents or protected in site_dir.parents:
            raise SiteFolderError(Diagnostic(
                "site.folder", Severity.ERROR, shown, 1, 1, "a site folder apart from the project's sources",
                f"one that overlaps {protected}", "a build replaces the whole folder: name another --site"))
