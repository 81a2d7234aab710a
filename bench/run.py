"""``make bench``: how fast and how light the build is at the size of a real collection.

For each N (documents per language; 100 and 1,000 by default, 5,000 when the time budget
allows), in a throw-away project under ``--work``:

1. :func:`bench.generate.generate` writes the collection (the real input formats);
2. conversion throughput per stage, one process, no cache (:mod:`bench.stages`);
3. the full build as ``make site`` runs it (``python -m build_tools build --strict``) with an
   empty cache ("cold"), then again with nothing changed ("warm"), then after one
   document changed ("rebuild"): wall time, peak memory (all the build's processes
   together, and the largest one), and how many documents the rebuild converted again;
4. the built site: total size, files, the HTML of every document page against the size
   of its own text, and the bytes a browser downloads for a first search;
5. the baseline: the same document pages as plain Markdown built by plain mkdocs-material
   (its default navigation and search), and the ratio of the two build times; and the same
   without navigation or search, the least time the stack takes to render those pages.

Every timing is the median of ``--runs`` runs. The results replace the part of
``BENCHMARKS.md`` between its ``bench:results`` markers.

    python -m bench.run [--sizes 100,1000] [--runs 3] [--budget-minutes 15]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.generate import generate
from build_tools.parallel import cores

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"
KB = 1024


# --------------------------------------------------------------------------- processes


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    """The largest single process (``wait4``)."""
    output: str
    max_tree_kb: int = 0
    """All the build's processes together (the build forks workers): the peak of the sum of
    their proportional set sizes (PSS, shared pages split between the processes sharing
    them), sampled every 50 ms or as often as :data:`SAMPLER_SHARE` allows."""


def _tree_pss_kb(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    stack += [int(child) for child in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


SAMPLER_SHARE = 0.01
"""The share of one core the memory sampler may take: reading every process's PSS walks its
page tables, and sampling every 50 ms took 8 CPU-s of a one-minute build on two cores,
slowing the build it measured by several seconds."""


def _sample_memory(pid: int, peak: list[int], done: threading.Event) -> None:
    """Sample the tree's PSS every 50 ms, or less often when a sample costs more than
    :data:`SAMPLER_SHARE` of that interval's CPU."""
    while not done.is_set():
        start = time.thread_time()
        peak[0] = max(peak[0], _tree_pss_kb(pid))
        done.wait(max(0.05, (time.thread_time() - start) / SAMPLER_SHARE))


def run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None,
        statuses: tuple[int, ...] = (0,)) -> Run:
    """Run ``command`` in ``cwd`` (whose ``build_tools`` and ``bench`` it imports); its wall
    time and peak resident memory (``wait4``). An exit status not in ``statuses`` is an error."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(cwd),
                   "SOURCE_DATE_EPOCH": "1700000000", **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    peak, done = [0], threading.Event()
    sampler = threading.Thread(target=_sample_memory, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in statuses:
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{output[-4000:]}")
    return Run(seconds, usage.ru_maxrss, output, peak[0])


def median_run(runs: list[Run]) -> dict[str, float]:
    return {
        "seconds": statistics.median(r.seconds for r in runs),
        "min_seconds": min(r.seconds for r in runs),
        "max_seconds": max(r.seconds for r in runs),
        "max_rss_mb": max(r.max_rss_kb for r in runs) / KB,
        "max_tree_mb": max(r.max_tree_kb for r in runs) / KB,
        "runs": len(runs),
    }


# --------------------------------------------------------------------------- projects


CODE = ("mkdocs.yml", "theme", "build_tools", "bench")


def snapshot(folder: Path) -> Path:
    """A copy of the project's code as it is now: edits made while the benchmark runs (a
    shared working tree) change neither its results nor the converter's cache keys."""
    return _copy_code(ROOT, folder)


def make_project(folder: Path, n: int, code: Path) -> Path:
    """A project like the real one (the snapshot of its code), with a generated
    ``content/`` of ``n`` documents per language."""
    _copy_code(code, folder)
    generate(n, folder / "content")
    return folder


def _copy_code(source: Path, folder: Path) -> Path:
    """``folder``, emptied, with a copy of the :data:`CODE` of ``source``."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in CODE:
        if (source / name).is_dir():
            shutil.copytree(source / name, folder / name, ignore=ignore)
        else:
            shutil.copy2(source / name, folder / name)
    return folder


def clean_build(project: Path) -> None:
    """Remove what builds left: the caches, the site, its staging folders and the site kept
    for the next rebuild (``.site.spare.unres-staging``), as ``make clean`` does."""
    kept = sorted(path.name for path in project.glob(".site.*.unres-staging*"))
    for name in ("build", "site", "site.tmp", "site.old", *kept):
        path = project / name
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.exists():
            shutil.rmtree(path)


def build(project: Path, env: dict[str, str] | None = None) -> Run:
    """``python -m build_tools build --strict`` (as ``make site``), timed phase by phase."""
    return run([PYTHON, "-m", "bench.phases", "--content", "content", "--site", "site"], project, env)


def phases(runs: list[Run]) -> dict[str, Any]:
    """Median seconds of each build phase, and the cache's counts of the median run."""
    found = []
    for r in runs:
        try:
            found.append(json.loads(r.output.strip().splitlines()[-1]))
        except (ValueError, IndexError):
            continue
    if not found:
        return {}
    names = {name for f in found for name in f["phases"]}
    middle = sorted(found, key=lambda f: f["total"])[len(found) // 2]
    return {"phases": {name: statistics.median(f["phases"].get(name, 0.0) for f in found) for name in sorted(names)},
            "cache": middle.get("cache", {})}


def change_one_document(project: Path, variant: int) -> Path:
    """Change a word of one document's English text (a different change each time)."""
    folders = sorted((project / "content" / "resolutions").iterdir())
    folder = folders[len(folders) // 2]
    path = folder / "en.txt"
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(r"\bimplementation\b", f"implementation{' and review' * (variant + 1)}", text, count=1)
    if not count:
        changed = text.replace("The General Assembly,", "The General Assembly,", 1) + " " * (variant + 1)
    path.write_text(changed, encoding="utf-8")
    return folder


def cache_entries(project: Path) -> dict[str, float]:
    folder = project / "build" / "cache" / "convert"
    return {p.name: p.stat().st_mtime for p in folder.glob("*.pickle")} if folder.is_dir() else {}


# --------------------------------------------------------------------------- the site


def site_size(site: Path) -> dict[str, Any]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files)}


def document_pages(project: Path) -> dict[str, Any]:
    """HTML size of every document page against the size of its own text (bench/sizes.py,
    run with the project's own code and cache)."""
    result = run([PYTHON, "-m", "bench.sizes", "content", "site"], project)
    return json.loads(result.output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def search_bytes(site: Path, query_zh: str, query_en: str) -> dict[str, Any]:
    """Bytes a browser downloads for search up to the results of a first query."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"error": "playwright is not installed"}
    if not Path("/usr/bin/chromium").exists():
        return {"error": "no /usr/bin/chromium"}
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict[str, Any] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"])
            for lang, url, query in (("zh", base, query_zh), ("en", base + "en/", query_en)):
                results[lang] = _one_search(browser, url, query)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def _one_search(browser: Any, url: str, query: str) -> dict[str, Any]:
    page = browser.new_page()
    seen: list[tuple[str, str, int]] = []
    phase = ["load"]

    def on_response(response: Any) -> None:
        try:
            size = len(response.body())
        except Exception:
            size = 0
        seen.append((phase[0], response.url, size))

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    phase[0] = "query"
    box = page.locator("input.md-search__input, input[type=search]").first
    box.click()
    box.fill(query)
    page.keyboard.press("End")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    items = page.locator(".md-search-result__item, .pagefind-ui__result, [data-md-component=search-result] li")
    found = items.count()
    page.close()
    searchy = [s for s in seen if re.search(r"search|pagefind", s[1]) or s[0] == "query"]
    return {
        "query": query,
        "results_shown": found,
        "bytes": sum(s[2] for s in searchy),
        "requests": len(searchy),
        "page_load_bytes": sum(s[2] for s in seen if s[0] == "load"),
        "files": sorted({re.sub(r"^https?://[^/]+/", "", s[1]).split("?")[0] for s in searchy})[:12],
    }


# --------------------------------------------------------------------------- the baseline


BASELINE_CONFIG = """\
site_name: UN resolutions (plain mkdocs-material)
site_url: http://127.0.0.1:8000/
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
  - def_list
  - footnotes
  - admonition
  - tables
  - sane_lists
  - toc:
      permalink: true
"""


FLOOR_CONFIG = BASELINE_CONFIG.replace("plugins:\n  - search\n", "nav:\n  - index.md\nplugins: []\n")
"""The baseline without its navigation and search: the least time mkdocs-material takes to
render the document pages, in one process (the lower bound of any build with this stack)."""


def make_baseline(project: Path, folder: Path, config: str = BASELINE_CONFIG) -> int:
    """The document pages of ``project``'s last build as a plain mkdocs-material project:
    Chinese at the root, English under ``en/``, the default navigation and search (or
    ``config``)."""
    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    count = 0
    for lang, target in (("zh", docs), ("en", docs / "en")):
        for page in sorted((project / "build" / "docs" / lang / "resolutions").glob("*.md")):
            out = target / "resolutions" / page.name
            out.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(page, out)
            count += 1
    (docs / "index.md").write_text("# UN resolutions\n", encoding="utf-8")
    (docs / "en" / "index.md").write_text("# UN resolutions (English)\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return count


def build_baseline(folder: Path) -> Run:
    shutil.rmtree(folder / "site", ignore_errors=True)
    return run([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"], folder)


def make_floor(project: Path, folder: Path, shares: int) -> int:
    """The stack's floor as the speed issue defines it: every Markdown page of ``project``'s
    last build (``build/docs``: the document pages, comparisons, version lists, cited-by
    lists, indexes and home pages of both languages) as ``shares`` plain mkdocs-material
    projects without navigation or search, page ``i`` (in path order) in share
    ``i % shares``, so that they can render side by side, one per core. The pages' count."""
    if folder.exists():
        shutil.rmtree(folder)
    docs_root = project / "build" / "docs"
    pages = sorted(path for path in docs_root.rglob("*.md") if path.is_file())
    for share in range(shares):
        docs = folder / f"share-{share}" / "docs"
        docs.mkdir(parents=True)
        (docs / "index.md").write_text("# UN resolutions\n", encoding="utf-8")
        (folder / f"share-{share}" / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    for position, page in enumerate(pages):
        target = folder / f"share-{position % shares}" / "docs" / page.relative_to(docs_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(page, target)
    return len(pages)


def build_floor(folder: Path) -> Run:
    """The shares of :func:`make_floor` built side by side (one ``mkdocs build`` each, started
    together); the time until the last one ends. Links to pages of another share are
    reported by MkDocs as missing (``--quiet`` keeps them out of the output): checking a
    link costs the same whether its target is there or not."""
    shares = sorted(folder.glob("share-*"))
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    processes = []
    for share in shares:
        shutil.rmtree(share / "site", ignore_errors=True)
        processes.append(subprocess.Popen([PYTHON, "-m", "mkdocs", "build", "--quiet", "--site-dir", "site"],
                                          cwd=share, env=environment, stdout=subprocess.PIPE,
                                          stderr=subprocess.STDOUT, text=True))
    outputs = []
    for process in processes:
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"the floor's mkdocs build failed ({process.returncode}):\n{output[-4000:]}")
        outputs.append(output)
    return Run(time.perf_counter() - start, 0, "".join(outputs))


# --------------------------------------------------------------------------- one size


@dataclass
class Size:
    n: int
    results: dict[str, Any] = field(default_factory=dict)


def bench_size(n: int, runs: int, work: Path, log: Any, minutes: float = 40.0) -> dict[str, Any]:
    """Everything for one N. When one cold build shows that ``runs`` repetitions of every
    measurement would take more than ``minutes``, the later measurements run once."""
    out: dict[str, Any] = {"n": n}
    project = make_project(work / f"n{n}" / "project", n, work / "code")
    content = project / "content"
    texts = list(content.rglob("*.txt"))
    out["input"] = {"documents": n, "files": len(texts), "bytes": sum(p.stat().st_size for p in texts)}
    log(f"N={n}: generated {len(texts)} files, {out['input']['bytes'] / 1e6:.1f} MB")

    stages = run([PYTHON, "-m", "bench.stages", "content", "--repeat", str(runs)], project)
    out["stages"] = json.loads(stages.output[stages.output.index("{"):])
    log(f"N={n}: conversion {out['stages']['stages']['total']['seconds']:.1f} s")

    cold: list[Run] = []
    later_runs = runs
    for _ in range(runs):
        clean_build(project)
        cold.append(build(project))
        log(f"N={n}: cold build {cold[-1].seconds:.1f} s, {cold[-1].max_rss_kb / KB:.0f} MB")
        if len(cold) == 1 and cold[0].seconds * (4 * runs + 2) > minutes * 60 and runs > 1:
            out["reduced_runs"] = (f"at N = {n:,}, {runs} runs of the empty-cache build, one run of each "
                                   f"other measurement: a build took {cold[0].seconds:.0f} s, {runs} runs "
                                   f"of everything would exceed {minutes:.0f} minutes")
            later_runs = 1
            log(out["reduced_runs"])
    runs = later_runs
    out["cold"] = median_run(cold) | phases(cold)
    warm = [build(project) for _ in range(runs)]
    out["warm"] = median_run(warm) | phases(warm)
    log(f"N={n}: warm build {out['warm']['seconds']:.1f} s")
    rebuilt: list[Run] = []
    converted: list[int] = []
    for variant in range(runs):
        before = cache_entries(project)
        change_one_document(project, variant)
        rebuilt.append(build(project))
        after = cache_entries(project)
        converted.append(sum(1 for name, mtime in after.items() if before.get(name) != mtime))
        log(f"N={n}: rebuild after one change {rebuilt[-1].seconds:.1f} s, {converted[-1]} converted")
    out["rebuild"] = median_run(rebuilt) | phases(rebuilt) | {"documents_converted": converted}
    no_cache = [build(project, {"UNRES_CACHE": "off"}) for _ in range(1)]
    out["no_cache"] = median_run(no_cache) | phases(no_cache)

    out["site"] = site_size(project / "site")
    out["pages"] = document_pages(project)
    out["search"] = search_bytes(project / "site", "外层空间", "outer space")
    log(f"N={n}: site {out['site']['bytes'] / 1e6:.1f} MB, search {json.dumps(out['search'])[:200]}")

    baseline = work / f"n{n}" / "baseline"
    out["baseline_pages"] = make_baseline(project, baseline)
    plain = [build_baseline(baseline) for _ in range(runs)]
    out["baseline"] = median_run(plain)
    out["baseline_site"] = site_size(baseline / "site")
    out["baseline_page_html"] = statistics.median(
        p.stat().st_size for p in (baseline / "site" / "resolutions").glob("*/index.html"))
    out["baseline_search"] = {
        "bytes": sum(p.stat().st_size for p in (baseline / "site" / "search").glob("*"))
        if (baseline / "site" / "search").is_dir() else 0,
    }
    log(f"N={n}: plain mkdocs-material {out['baseline']['seconds']:.1f} s")
    floor = work / f"n{n}" / "floor"
    make_baseline(project, floor, FLOOR_CONFIG)
    out["floor"] = median_run([build_baseline(floor) for _ in range(runs)])
    log(f"N={n}: plain mkdocs-material without navigation or search {out['floor']['seconds']:.1f} s")
    shares = cores()
    every = work / f"n{n}" / "floor-every-page"
    out["floor_every_page"] = {"pages": make_floor(project, every, shares), "shares": shares}
    out["floor_every_page"] |= median_run([build_floor(every) for _ in range(runs)])
    log(f"N={n}: the floor, every page over {shares} processes {out['floor_every_page']['seconds']:.1f} s")
    return out


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    model = ""
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        model = platform.processor()
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        memory = f"{kb / KB / KB:.0f} GB"
    except (OSError, StopIteration):
        pass
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": model,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "load": os.getloadavg(),
    }


def _mb(value: float) -> str:
    return f"{value / 1e6:.1f} MB"


def report(results: list[dict[str, Any]], info: dict[str, Any], budget_note: str) -> str:
    lines = [
        f"Measured on {info['date']}: {info['cores']} cores ({info['cpu']}), {info['memory']} RAM, "
        f"{info['system']}, Python {info['python']}. Load average at the start: "
        f"{', '.join(f'{x:.1f}' for x in info['load_start'])}, at the end: "
        f"{', '.join(f'{x:.1f}' for x in info['load_end'])} (a shared machine: timings are noisy, "
        "hence medians).",
        "",
        "N is the number of documents per language: every document has a Chinese and an English "
        "text, so N = 1,000 is 2,000 text files and 2,000 document pages. Timings are medians of "
        f"{', '.join(str(r['cold']['runs']) for r in results)} runs (per N; min–max in brackets).",
    ]
    if budget_note:
        lines += ["", budget_note]
    lines += [f"Note: {r['reduced_runs']}." for r in results if r.get("reduced_runs")]
    lines += ["", "### Conversion, one process, no cache", "",
              "| stage | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
              "|---|" + "---|" * len(results)]
    stage_names = list(results[0]["stages"]["stages"]) if results else []
    for stage in stage_names:
        cells = []
        for r in results:
            s = r["stages"]["stages"][stage]
            cells.append(f"{s['seconds']:.2f} s · {s['files_per_s']:.0f} files/s · {s['mb_per_s']:.2f} MB/s")
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| **texts/s (a document in one language)** | " + " | ".join(
        f"{r['stages']['stages']['total']['files_per_s']:.0f}" for r in results) + " |")
    lines.append("| **documents/s (both languages)** | " + " | ".join(
        f"{r['stages']['stages']['total']['documents_per_s']:.0f}" for r in results) + " |")
    lines += ["", "### Build (`python -m build_tools build --strict`, as `make site`)", "",
              "| | " + " | ".join(f"N = {r['n']:,}" for r in results) + " |",
              "|---|" + "---|" * len(results)]

    def timing(entry: dict[str, Any]) -> str:
        return f"{entry['seconds']:.1f} s ({entry['min_seconds']:.1f}–{entry['max_seconds']:.1f})"

    rows: list[tuple[str, Callable[[dict[str, Any]], str]]] = [
        ("full build, empty cache", lambda r: timing(r["cold"])),
        ("full build, cache off (`UNRES_CACHE=off`, 1 run)", lambda r: timing(r["no_cache"])),
        ("build again, nothing changed", lambda r: timing(r["warm"])),
        ("rebuild after one document changed", lambda r: timing(r["rebuild"])),
        ("documents converted by that rebuild", lambda r: ", ".join(map(str, r["rebuild"]["documents_converted"]))),
        ("peak memory: all processes together (PSS) / largest process", lambda r: (
            f"{max(r['cold']['max_tree_mb'], r['warm']['max_tree_mb']):.0f} MB / "
            f"{max(r['cold']['max_rss_mb'], r['warm']['max_rss_mb']):.0f} MB")),
        ("per-document cost, full build", lambda r: f"{r['cold']['seconds'] / r['n'] * 1000:.0f} ms"),
        ("site size", lambda r: f"{_mb(r['site']['bytes'])}, {r['site']['files']:,} files"),
        ("document page HTML, median (its own text)", lambda r: (
            f"{r['pages'].get('median_html', 0) / KB:.1f} KB ({r['pages'].get('median_text', 0) / KB:.1f} KB)")),
        ("page HTML minus its own text: median / max", lambda r: (
            f"{r['pages'].get('median_overhead', 0) / KB:.1f} KB / {r['pages'].get('max_overhead', 0) / KB:.1f} KB")),
        ("search: bytes for a first query (zh / en)", lambda r: _search_cell(r["search"])),
        ("plain mkdocs-material, same pages", lambda r: timing(r["baseline"])),
        ("plain: site size / page HTML / search index", lambda r: (
            f"{_mb(r['baseline_site']['bytes'])} / {r['baseline_page_html'] / KB:.0f} KB / "
            f"{_mb(r['baseline_search']['bytes'])}")),
        ("**full build ÷ plain mkdocs-material**", lambda r: (
            f"**{r['cold']['seconds'] / r['baseline']['seconds']:.2f}×**")),
        ("plain mkdocs-material without navigation or search, one process", lambda r: (
            f"{timing(r['floor'])}, {r['floor']['seconds'] / r['baseline_pages'] * 1000:.0f} ms a page"
            if "floor" in r else "n/a")),
        ("the floor: every page of the site, plain mkdocs-material without navigation or search, "
         "over the cores", lambda r: (
            f"{timing(r['floor_every_page'])}, {r['floor_every_page']['pages']:,} pages in "
            f"{r['floor_every_page']['shares']} processes" if "floor_every_page" in r else "n/a")),
        ("**full build ÷ that floor**", lambda r: (
            f"**{r['cold']['seconds'] / r['floor_every_page']['seconds']:.2f}×**" if "floor_every_page" in r
            else "n/a")),
    ]
    for title, cell in rows:
        lines.append(f"| {title} | " + " | ".join(cell(r) for r in results) + " |")
    lines += ["", "### Where a build's time goes (medians, seconds)", "",
              "| phase | " + " | ".join(f"N = {r['n']:,}: empty cache / nothing changed / one changed"
                                        for r in results) + " |",
              "|---|" + "---|" * len(results)]
    names = sorted({name for r in results for kind in ("cold", "warm", "rebuild")
                    for name in r[kind].get("phases", {})})
    for name in names:
        lines.append(f"| {name} | " + " | ".join(
            " / ".join(f"{r[kind].get('phases', {}).get(name, 0.0):.1f}" for kind in ("cold", "warm", "rebuild"))
            for r in results) + " |")
    if len(results) >= 2:
        small, large = results[0], results[-1]
        ratio = (large["cold"]["seconds"] / large["n"]) / (small["cold"]["seconds"] / small["n"])
        conv = (large["stages"]["stages"]["total"]["seconds"] / large["n"]) / (
            small["stages"]["stages"]["total"]["seconds"] / small["n"])
        lines += ["", f"Per-document cost at N = {large['n']:,} ÷ at N = {small['n']:,}: full build "
                      f"{ratio:.2f}×, conversion {conv:.2f}×."]
    lines += ["", "<details><summary>raw results (JSON)</summary>", "", "```json",
              json.dumps(results, indent=1, default=str)[:60000], "```", "", "</details>"]
    return "\n".join(lines)


def _search_cell(search: dict[str, Any]) -> str:
    if "error" in search or not search:
        return f"n/a ({search.get('error', 'no search')})"
    parts = []
    for lang in ("zh", "en"):
        entry = search.get(lang, {})
        parts.append(f"{entry.get('bytes', 0) / KB:.0f} KB ({entry.get('results_shown', 0)} results)")
    return " / ".join(parts)


def write_report(text: str, path: Path) -> None:
    current = path.read_text(encoding="utf-8") if path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in current:
        current += f"\n{START}\n{END}\n"
    head, rest = current.split(START, 1)
    _, tail = rest.split(END, 1)
    path.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000", help="documents per language, comma-separated")
    parser.add_argument("--extra", default="5000", help="sizes run only if the budget allows")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--budget-minutes", type=float, default=15.0,
                        help="skip the --extra sizes that would not finish within this time")
    parser.add_argument("--minutes-per-size", type=float, default=40.0,
                        help="measure once instead of --runs times where that would take longer")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--report", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--json", type=Path, default=None, help="also write the raw results here")
    args = parser.parse_args(argv)
    began = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - began:6.0f} s] {message}", flush=True)

    info = machine()
    info["load_start"] = os.getloadavg()
    snapshot(args.work / "code")
    results = []
    for n in (int(x) for x in args.sizes.split(",") if x):
        results.append(bench_size(n, args.runs, args.work, log, args.minutes_per_size))
    budget_note = ""
    for n in (int(x) for x in args.extra.split(",") if x):
        last = results[-1]
        spent = time.perf_counter() - began
        estimate = (time.perf_counter() - began) / sum(r["n"] for r in results) * n
        if spent + estimate > args.budget_minutes * 60:
            budget_note = (f"N = {n:,} was not run: at the measured cost per document it would take "
                           f"about {estimate / 60:.0f} more minutes, beyond the {args.budget_minutes:.0f}-minute "
                           f"budget (`python -m bench.run --sizes {last['n']},{n}` runs it).")
            log(budget_note)
            continue
        results.append(bench_size(n, args.runs, args.work, log, args.minutes_per_size))
    info["load_end"] = os.getloadavg()
    text = report(results, info, budget_note)
    write_report(text, args.report)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "results": results}, indent=1, default=str))
    log(f"results written to {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
