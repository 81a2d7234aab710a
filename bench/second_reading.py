"""What the second reading costs (build_tools/second_reading.py), on the real PDFs of
``../shared/corpus-dev``.

Every PDF is first converted as the build converts it (not timed); then its second reading
is timed on its own, one PDF after the other in this process: poppler's ``pdftotext
-bbox-layout`` (a child process: its CPU time from ``getrusage`` of the children, and the
wall time of the call) and the zoning and word-by-word comparison in Python
(``time.process_time``). Medians per PDF and totals; the figures go between the
``bench:second-reading`` markers of ``BENCHMARKS.md``.

    python -m bench.second_reading [--corpus ../shared/corpus-dev]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.real import CORPUS, pdfs
from bench.run import ROOT, machine

START = "<!-- bench:second-reading:start -->"
END = "<!-- bench:second-reading:end -->"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(files: Sequence[tuple[str, Path]]) -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from build_tools import second_reading
    from build_tools.layout import ingest_layout
    from build_tools.pdf import read_pdf
    from build_tools.second_reading_pages import parse, run_poppler, zone

    poppler_cpu, poppler_wall, python_cpu, differing = [], [], [], []
    for name, path in files:
        source, pages = read_pdf(path, "en", f"{name}/en.pdf")
        clean = ingest_layout(source, "pdf", pages)
        children, wall = _children_cpu(), time.perf_counter()
        xhtml = run_poppler(path)
        poppler_cpu.append(_children_cpu() - children)
        poppler_wall.append(time.perf_counter() - wall)
        start = time.process_time()
        found = second_reading.compare(zone(parse(xhtml)), clean)
        python_cpu.append(time.process_time() - start)
        if found:
            differing.append(name)
    whole = [a + b for a, b in zip(poppler_cpu, python_cpu, strict=True)]
    return {
        "pdfs": len(files), "differing": differing,
        "median_ms": {key: statistics.median(values) * 1000 for key, values in
                      (("poppler", poppler_cpu), ("poppler_wall", poppler_wall), ("python", python_cpu),
                       ("whole", whole))},
        "total_s": {"poppler": sum(poppler_cpu), "python": sum(python_cpu), "whole": sum(whole)},
        "max_ms": max(whole) * 1000 if whole else 0.0,
    }


def report(result: dict[str, Any], info: dict[str, Any]) -> str:
    median, total = result["median_ms"], result["total_s"]
    return "\n".join([
        f"Measured on {info['date']}: {info['cores']} cores ({info['cpu']}), Python {info['python']}; load average "
        f"{', '.join(f'{x:.1f}' for x in info['load'])}. {result['pdfs']} official English PDFs of "
        "`../shared/corpus-dev`, one after the other in one process; CPU time (poppler's from its process).",
        "",
        "| second reading | median per PDF | all PDFs |",
        "|---|---:|---:|",
        f"| poppler `pdftotext -bbox-layout` | {median['poppler']:.0f} ms (wall {median['poppler_wall']:.0f} ms) "
        f"| {total['poppler']:.1f} s |",
        f"| zones and comparison (Python) | {median['python']:.0f} ms | {total['python']:.1f} s |",
        f"| whole (slowest PDF {result['max_ms']:.0f} ms) | {median['whole']:.0f} ms | {total['whole']:.1f} s |",
        f"| documents with a difference | | {len(result['differing'])}"
        + (f" ({', '.join(result['differing'])})" if result["differing"] else "") + " |",
    ])


def write_report(text: str, path: Path) -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START not in current:
        current += f"\n## The second reading of PDFs\n\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not pdfs(args.corpus):
        print(f"bench.second_reading: skipped: {args.corpus} is not here (the real documents are not part of the "
              "project)")
        return 0
    text = report(measure(pdfs(args.corpus)), machine())
    write_report(text, args.report)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
