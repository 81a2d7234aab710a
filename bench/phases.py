"""``python -m build_tools build --strict`` with the time of each phase.

Runs the command line's ``build`` (what ``make site`` runs) in this process, with timers
around its phases: converting the documents (:func:`build_tools.collection.convert_folder`
and the cache), the collection stage (:func:`build_tools.collection_pages.collection_pages`),
writing the docs, MkDocs itself and the post-build steps (search index and the like; in a
rebuild of a few pages the two as one phase, the steps running beside MkDocs). A phase
whose function is not found (renamed) is left out; the total is always measured.
Prints one JSON object as the last line.

    python -m bench.phases --content content --site site
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import sys
import time
from collections.abc import Callable
from typing import Any

PHASES = (
    ("collection stage", "build_tools.collection", "collection_pages"),
    ("write docs", "build_tools.site.build", "write_docs"),
    ("mkdocs", "build_tools.site.build", "_run_mkdocs_shared"),
    ("post-build steps", "build_tools.site.build", "run_post_build"),
    # a rebuild of a few pages: MkDocs with the post-build steps beside it, in a process of their own
    ("mkdocs and post-build beside it", "build_tools.site.build", "_mkdocs_beside_post_build"),
)


def _wrap(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    return timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", default="content")
    parser.add_argument("--site", default="site")
    parser.add_argument("--lenient", action="store_true",
                        help="build without --strict (a batch with documents in error)")
    args = parser.parse_args()
    start = time.perf_counter()
    from build_tools import cli, collection

    imported = time.perf_counter() - start
    spent: dict[str, float] = {}
    for name, module_name, attribute in PHASES:
        try:
            module = importlib.import_module(module_name)
            setattr(module, attribute, _wrap(spent, name, getattr(module, attribute)))
        except (ImportError, AttributeError):
            continue
    convert = collection.convert_collection
    stats: dict[str, Any] = {}

    def convert_collection(*a: Any, **k: Any) -> Any:
        began = time.perf_counter()
        from build_tools import cache

        original = cache.ConversionCache.prune

        def prune(self: cache.ConversionCache) -> int:
            stats.update(vars(self.stats))
            return original(self)

        cache.ConversionCache.prune = prune  # type: ignore[method-assign]
        try:
            return convert(*a, **k)
        finally:
            spent["convert + collection stage"] = time.perf_counter() - began

    collection.convert_collection = convert_collection
    cli.convert_collection = convert_collection  # type: ignore[attr-defined]
    strict = [] if args.lenient else ["--strict"]
    status = cli.main(["build", *strict, "--content", args.content, "--site", args.site])
    total = time.perf_counter() - start
    phases = {"imports": imported, **spent}
    if "convert + collection stage" in phases:
        phases["convert documents"] = phases.pop("convert + collection stage") - spent.get("collection stage", 0.0)
    print(json.dumps({"status": status, "total": total, "phases": phases, "cache": stats}))
    return status


if __name__ == "__main__":
    sys.exit(main())
