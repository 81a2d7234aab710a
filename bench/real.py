"""The benchmark on real documents: the official PDFs of ``../shared/corpus-dev``.

Generated collections are what the converter was built for; real documents are longer,
have more footnotes and page breaks, and come as PDFs. When the folder is present (it is
not part of the project), this measures, in a throw-away project under ``--work``:

1. PDF reading: every PDF read with :func:`build_tools.pdf.read_pdf` in this process, one
   after the other; PDFs per CPU-second (``time.process_time``: the figure a core gives,
   whatever else the machine runs) and the median per PDF;
2. the build as ``make site`` runs it, but without ``--strict`` (a real batch has documents
   in error, which the build leaves out and names): with an empty cache ("cold"), again with
   nothing changed, and after one PDF changed (bytes appended after its end, as a corrected
   file replaces the old one); wall time and peak memory of all the build's processes;
3. how many documents were published and left out.

The figures are written between the ``bench:real`` markers of ``BENCHMARKS.md``.

    python -m bench.real [--corpus ../shared/corpus-dev] [--runs 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.run import KB, PYTHON, ROOT, Run, _copy_code, clean_build, machine, median_run, run

CORPUS = ROOT.parent / "shared" / "corpus-dev"
START = "<!-- bench:real:start -->"
END = "<!-- bench:real:end -->"


def pdfs(corpus: Path) -> list[tuple[str, Path]]:
    """``(folder name, PDF)`` of every English PDF of ``corpus`` (``A_RES_78_17.en.pdf``)."""
    found = []
    for path in sorted(corpus.glob("*.en.pdf")):
        symbol = path.name.removesuffix(".en.pdf")
        found.append((symbol.lower().replace("_", "-").replace(".", "-"), path))
    return found


def reading(files: Sequence[tuple[str, Path]]) -> dict[str, Any]:
    """PDFs per CPU-second and the median CPU time per PDF of :func:`build_tools.pdf.read_pdf`."""
    sys.path.insert(0, str(ROOT))
    from build_tools.pdf import read_pdf

    times = []
    for name, path in files:
        start = time.process_time()
        read_pdf(path, "en", f"{name}/en.pdf")
        times.append(time.process_time() - start)
    total = sum(times)
    return {"pdfs": len(times), "cpu_seconds": total, "per_cpu_second": len(times) / total if total else 0.0,
            "median_ms": statistics.median(times) * 1000 if times else 0.0}


def make_project(folder: Path, files: Sequence[tuple[str, Path]]) -> Path:
    """A project with the code as it is now and one document folder per PDF."""
    _copy_code(ROOT, folder)
    for name, path in files:
        target = folder / "content" / "resolutions" / name
        target.mkdir(parents=True)
        shutil.copyfile(path, target / "en.pdf")
    return folder


def build(project: Path) -> Run:
    return run([PYTHON, "-m", "bench.phases", "--content", "content", "--site", "site", "--lenient"], project,
               statuses=(0, 1))  # 1: documents in error were left out


def change_one(project: Path, variant: int) -> Path:
    """Append bytes after the end of one PDF: readers ignore them, its hash changes."""
    folders = sorted((project / "content" / "resolutions").iterdir())
    path = folders[len(folders) // 2] / "en.pdf"
    with path.open("ab") as handle:
        handle.write(f"\n% corrected {variant}\n".encode("ascii"))
    return path


def bench(corpus: Path, runs: int, work: Path, log: Any) -> dict[str, Any]:
    files = pdfs(corpus)
    out: dict[str, Any] = {"documents": len(files), "bytes": sum(p.stat().st_size for _, p in files)}
    out["reading"] = reading(files)
    log(f"real: read {len(files)} PDFs, {out['reading']['per_cpu_second']:.1f} per CPU-second")
    project = make_project(work / "real" / "project", files)
    cold = []
    for _ in range(runs):
        clean_build(project)
        cold.append(build(project))
        log(f"real: cold build {cold[-1].seconds:.1f} s, {cold[-1].max_tree_kb / KB:.0f} MB")
    out["cold"] = median_run(cold)
    warm = [build(project) for _ in range(runs)]
    out["warm"] = median_run(warm)
    log(f"real: nothing changed {out['warm']['seconds']:.1f} s")
    changed = []
    for variant in range(runs):
        change_one(project, variant)
        changed.append(build(project))
    out["changed"] = median_run(changed)
    log(f"real: one PDF changed {out['changed']['seconds']:.1f} s")
    report = project / "build" / "build-report.txt"
    out["left_out"] = _left_out(report)
    out["published"] = len(list((project / "site" / "en" / "resolutions").glob("*/index.html")))
    return out


def _left_out(report: Path) -> list[str]:
    """The documents the build left out, as its report names them."""
    if not report.is_file():
        return []
    names = []
    for line in report.read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and not line.startswith("    ") and ": " in line:
            names.append(Path(line.strip().split(": ", 1)[0]).name)  # "  <folder>: 1 error(s), …"
    return names


def _timing(entry: dict[str, Any]) -> str:
    spread = f" [{entry['min_seconds']:.1f}–{entry['max_seconds']:.1f}]" if entry["runs"] > 1 else ""
    return f"{entry['seconds']:.1f} s{spread} · {entry['max_tree_mb']:.0f} MB"


def report(result: dict[str, Any], info: dict[str, Any]) -> str:
    reading = result["reading"]
    lines = [
        f"Measured on {info['date']}: {info['cores']} cores ({info['cpu']}), {info['memory']} RAM, "
        f"Python {info['python']}; load average {', '.join(f'{x:.1f}' for x in info['load'])}. "
        f"{result['documents']} official English PDFs of `../shared/corpus-dev` "
        f"({result['bytes'] / 1e6:.1f} MB); timings are medians of {result['cold']['runs']} runs "
        "(min–max in brackets), memory the peak of all the build's processes together (PSS).",
        "",
        "| measure | figure |",
        "|---|---|",
        f"| PDF reading (PDFium, one process) | {reading['per_cpu_second']:.1f} PDFs per CPU-second · "
        f"median {reading['median_ms']:.0f} ms per PDF · {reading['cpu_seconds']:.1f} CPU-s in all |",
        f"| cold build (empty cache) | {_timing(result['cold'])} |",
        f"| nothing changed | {_timing(result['warm'])} |",
        f"| one PDF changed | {_timing(result['changed'])} |",
        f"| published / left out | {result['published']} / {len(result['left_out'])}"
        + (f" ({', '.join(result['left_out'])})" if result["left_out"] else "") + " |",
    ]
    return "\n".join(lines)


def write_report(text: str, path: Path) -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START not in current:
        current += f"\n## Real documents\n\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not pdfs(args.corpus):
        print(f"bench.real: skipped: {args.corpus} is not here (the real documents are not part of the project)")
        return 0
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {message}", flush=True)

    info = machine()
    result = bench(args.corpus, args.runs, args.work, log)
    text = report(result, info)
    write_report(text, args.report)
    print(text)
    log(f"results written to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
