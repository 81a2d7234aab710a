"""Conversion throughput per stage, in one process, on one core.

Runs the converter's stages one after the other on every text file of a collection, the
way :func:`build_tools.collection.convert_folder` does (read → ingest → conservation of
ingest → parse → annotate → conservation of the model → render → verify), and adds up the
time each stage takes. No cache is used: this is the cost of converting from scratch.

    python -m bench.stages CONTENT_DIR [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from build_tools.annotate import annotate
from build_tools.conservation import check_ingest, check_model
from build_tools.ingest import ingest
from build_tools.languages import site_languages
from build_tools.meta import load_meta
from build_tools.parse import parse
from build_tools.render import render_all
from build_tools.source import read_source
from build_tools.verify import check_page

STAGES = ("read", "ingest", "check_ingest", "parse", "annotate", "check_model", "render", "verify")
T = TypeVar("T")


def _timed(totals: dict[str, float], stage: str, call: Callable[..., T], *args: Any) -> T:
    start = time.perf_counter()
    result = call(*args)
    totals[stage] += time.perf_counter() - start
    return result


def measure(content: Path) -> dict[str, Any]:
    """One pass over ``content``: seconds per stage, files, documents and input bytes."""
    totals = dict.fromkeys(STAGES, 0.0)
    files = documents = size = 0
    folders = sorted(p for p in (content / "resolutions").iterdir() if p.is_dir())
    for folder in folders:
        meta, _ = _timed(totals, "read", load_meta, folder / "meta.yml", "meta.yml")
        models = {}
        for lang in site_languages():
            path = folder / f"{lang}.txt"
            if not path.exists():
                continue
            size += path.stat().st_size
            files += 1
            source = _timed(totals, "read", read_source, path, lang, str(path))
            clean = _timed(totals, "ingest", ingest, source)
            _timed(totals, "check_ingest", check_ingest, clean)
            parsed = _timed(totals, "parse", parse, clean, meta, folder.name)
            document = _timed(totals, "annotate", annotate, parsed, source)
            _timed(totals, "check_model", check_model, clean, document)
            models[lang] = document
        documents += 1
        pages = _timed(totals, "render", render_all, list(models.values()), site_languages())
        for page in pages:
            shown = models.get(page.lang) or next(iter(models.values()))
            _timed(totals, "verify", check_page, page, shown)
    return {"seconds": totals, "files": files, "documents": documents, "bytes": size}


def summarise(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Median seconds per stage over runs, with files/s, documents/s and MB/s."""
    first = runs[0]
    files, documents, size = first["files"], first["documents"], first["bytes"]
    stages = {}
    for stage in (*STAGES, "total"):
        seconds = statistics.median(
            sum(r["seconds"].values()) if stage == "total" else r["seconds"][stage] for r in runs
        )
        stages[stage] = {
            "seconds": seconds,
            "files_per_s": files / seconds if seconds else float("inf"),
            "documents_per_s": documents / seconds if seconds else float("inf"),
            "mb_per_s": size / 1e6 / seconds if seconds else float("inf"),
        }
    return {"files": files, "documents": documents, "bytes": size, "runs": len(runs), "stages": stages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    measure(args.content)  # warm-up: data tables loaded, regexes compiled
    runs = [measure(args.content) for _ in range(args.repeat)]
    print(json.dumps(summarise(runs), indent=2))


if __name__ == "__main__":
    main()
