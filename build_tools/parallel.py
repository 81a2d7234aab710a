"""Work spread over the cores: forked processes that inherit what the work needs.

The collection stage (:mod:`build_tools.collection_pages`) and the site build
(:mod:`build_tools.site.shards`) run independent pieces of work side by side.
``UNRES_JOBS`` caps the processes (``UNRES_JOBS=1``: everything in the build's own process);
by default there is one per core this process may run on. What the processes inherit is
kept out of the garbage collector's reach meanwhile (:func:`frozen`), and so is, in a
build, what it has loaded.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

JOBS_ENV = "UNRES_JOBS"

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")

_WORK: tuple[Callable[[Any, Any], Any], Any, Sequence[Any]] | None = None
"""The function, context and items of the current :func:`fork_map`, inherited by its processes."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def max_jobs() -> int:
    """``UNRES_JOBS`` when set, else :func:`cores`; ValueError naming the variable when it is
    not a whole number of 1 or more."""
    configured = os.environ.get(JOBS_ENV, "").strip()
    if not configured:
        return cores()
    if not configured.isdigit() or int(configured) < 1:
        raise ValueError(f"{JOBS_ENV}={configured!r}: expected a whole number of processes, 1 or more")
    return int(configured)


def fork_map(function: Callable[[C, T], R], items: Sequence[T], context: C, *, minimum: int = 16) -> list[R]:
    """``[function(context, item) for item in items]``, in order, over the cores when there are
    at least ``minimum`` items. The processes are forked, so neither ``context`` nor the
    items are copied (a process is sent the positions of its items: pickling pages with
    their document models to send them cost time and, at thousands of pages, hundreds of
    megabytes); the results come back pickled."""
    workers = min(max_jobs(), cores(), len(items))
    if workers < 2 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return [function(context, item) for item in items]
    global _WORK
    _WORK = (function, context, items)
    try:
        with frozen():  # the pool's processes are forked when it is made
            pool = multiprocessing.get_context("fork").Pool(workers)
        with pool:
            return pool.map(_call, range(len(items)), chunksize=max(1, len(items) // (workers * 8)))
    finally:
        _WORK = None


@contextmanager
def frozen() -> Iterator[None]:
    """Meanwhile, the objects this process holds now out of the garbage collector's reach
    (:func:`gc.freeze`), and back in it after, unless they were out of it before (in a
    forked child, whose inherited objects stay out of reach).

    Around forking processes: the children inherit the objects frozen, and their
    collections leave them alone, where they would write to every one of them and so copy
    the memory they share with the parent page by page. Around a stage that works on much
    that is loaded already (the document models of a build: 750,000 tracked objects at
    5,000 documents, acyclic, so freed by their reference counts as ever when let go of):
    the collections its own allocations set off leave those alone, where each collection
    of the oldest generation would examine them all again. Forks within such a stage leave
    what they froze out of reach until it ends."""
    inherited = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not inherited:
            gc.unfreeze()


def _call(position: int) -> Any:
    assert _WORK is not None
    function, context, items = _WORK
    return function(context, items[position])
