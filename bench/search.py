"""The search at the size of a real collection: build time, size, bytes and latency.

    python -m bench.search [--n 5000] [--seed 0] [--work DIR] [--repeat 3] [--json FILE] [--no-write]

Generates ``n`` documents per language (:func:`bench.generate.generate`), converts them
and builds the site (MkDocs and every post-build step, as ``make site`` does), then reports:

* index build time: the search step alone (:func:`build_tools.site.search.write_search_index`
  on the converted pages, into an empty folder), median of ``--repeat`` runs;
* index size on disk, per language: files, bytes, disk usage, the largest file;
* in Debian's chromium against the site on a local HTTP server (plain files, no
  compression, as the worst static host would serve them), for each query of a list drawn
  from the collection (phrases, two words, traditional characters, treaties and their
  abbreviations, States, symbols and short numbers, metadata, one character, stop words):
  - bytes downloaded for a first query: a fresh browser (empty cache) opens a document
    page; everything fetched from the moment the reader clicks into the search box until
    the results show (the search's own script and style load with the page, reported
    apart);
  - time from the last keystroke to the results shown, typed at 30 ms a key: for that
    first query (cold), and for the same queries typed one after the other on one page
    (warm), as a reader refines a search.

It asserts nothing (timings are no test): it prints a summary, writes it into
``BENCHMARKS.md`` between its ``bench-search`` markers (not with ``--no-write``) and, with
``--json``, every figure. ``--work`` keeps the collection, the conversion cache and the
site between runs: the generator and the MkDocs build are skipped when they are there
already, and the search index, script and style sheet are written anew into that site.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import re
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench import phrases
from bench.generate import generate
from build_tools.collection import convert_collection
from build_tools.diagnostics import errors
from build_tools.languages import site_languages
from build_tools.pages import Page
from build_tools.site import build_site
from build_tools.site.built import BuiltSite
from build_tools.site.search import FOLDER, language_root, write_search_index
from build_tools.treaties import load_treaties

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
TYPING_DELAY_MS = 30
TARGETS = {"first_query_bytes": 100_000, "median_latency_ms": 300}
START = "<!-- bench-search:results:start -->"
END = "<!-- bench-search:results:end -->"


# ---- the collection and the site --------------------------------------------------------


def prepare(work: Path, n: int, seed: int) -> tuple[tuple[Page, ...], Path, float | None]:
    """Generate, convert and build (each only when not done before); the pages, the site
    folder and the build time (None when the site was there already)."""
    content = work / "content"
    marker = work / f".generated-{n}-{seed}"
    if not marker.exists():
        shutil.rmtree(work / "site", ignore_errors=True)
        generate(n, content, seed)
        marker.touch()
    pages, diagnostics = convert_collection(content)
    if errors(diagnostics):
        raise SystemExit("\n".join(str(d) for d in errors(diagnostics)))
    site = work / "site"
    if (site / FOLDER / "meta.json.gz").exists():
        refresh(tuple(pages), site)
        return tuple(pages), site, None
    project = work / "project"
    project.mkdir(exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("theme", "build_tools"):
        if not (project / name).exists():
            (project / name).symlink_to(ROOT / name, target_is_directory=True)
    if not (project / "content").exists():  # mkdocs.yml watches content/
        (project / "content").symlink_to(content.resolve(), target_is_directory=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    start = time.perf_counter()
    build_site(pages, project, site, site_url="http://127.0.0.1:8000/")
    return tuple(pages), site, time.perf_counter() - start


def refresh(pages: tuple[Page, ...], site: Path) -> None:
    """The current search index, script and style sheet in a site built before."""
    for lang in site_languages():
        shutil.rmtree(language_root(site, lang) / FOLDER, ignore_errors=True)
    write_search_index(BuiltSite(site, pages, "http://127.0.0.1:8000/"))
    for name in ("javascripts/search.js", "stylesheets/search.css"):
        shutil.copy2(ROOT / "theme" / "assets" / name, site / "assets" / name)


def index_build_time(pages: tuple[Page, ...], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            for lang in site_languages()[1:]:
                (root / lang).mkdir()
            start = time.perf_counter()
            write_search_index(BuiltSite(root, pages, "http://127.0.0.1:8000/"))
            times.append(time.perf_counter() - start)
    return times


def index_size(site: Path) -> dict[str, Any]:
    sizes = {}
    for lang in site_languages():
        files = [p for p in (language_root(site, lang) / FOLDER).rglob("*") if p.is_file()]
        largest = max(files, key=lambda p: p.stat().st_size)
        sizes[lang] = {
            "files": len(files),
            "bytes": sum(p.stat().st_size for p in files),
            "disk_bytes": sum(p.stat().st_blocks * 512 for p in files),
            "largest": [largest.relative_to(site).as_posix(), largest.stat().st_size],
            "meta_bytes": (language_root(site, lang) / FOLDER / "meta.json.gz").stat().st_size,
        }
    return sizes


# ---- the queries ------------------------------------------------------------------------


def queries(pages: Sequence[Page], lang: str) -> list[str]:
    """Queries a reader would type, each found in the collection: phrases, two words apart,
    traditional characters, a treaty (title and abbreviation), States, symbols and short
    numbers, metadata, a single character, and a query of stop words only."""
    texts = [p.markdown for p in pages if p.lang == lang and p.info is not None]
    body = "\n".join(texts)
    zh = lang == "zh"
    chosen: list[str] = [
        "国际合作", "发展中国家", "核武器 扩散", "國際合作", "核", "第一委员会", "议程项目"] if zh else [
        "international cooperation", "developing countries", "weapons proliferation", "nonproliferation",
        "first committee", "agenda item", "the"]
    subjects = [zh_subject if zh else en_subject for zh_subject, en_subject, _ in phrases.SUBJECTS]
    chosen += [subject for subject in subjects if subject in body][:3]
    treaties = [t for t in load_treaties().treaties if getattr(t, lang) in body]
    if treaties:
        chosen += [treaties[0].title(lang), *[n for n in treaties[0].short("en") if n.isupper()][:1]]
    states = re.findall(r"(?m)^提案国\n:\s+(.+)$" if zh else r"(?m)^Sponsors\n:\s+(.+)$", body)
    names = re.findall(r"\[([^\]]+)\]", states[0]) if states else []
    chosen += names[:2]
    symbols = sorted({p.info.symbol for p in pages if p.lang == lang and p.info and "/RES/" in p.info.symbol})
    if symbols:
        chosen += [symbols[len(symbols) // 2], symbols[len(symbols) // 2].split("/RES/")[1]]
    return [q for q in dict.fromkeys(chosen) if q == "the" or all(w.lower() in body.lower() for w in q.split())
            or q == "國際合作" or q == "nonproliferation"]


# ---- the browser ------------------------------------------------------------------------


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


WATCH = """() => {
  window.__bench = {lastKey: 0, shown: 0};
  const key = () => { window.__bench.lastKey = performance.now(); };
  document.addEventListener('keydown', key, true);
  document.addEventListener('input', key, true);  // characters typed without a key event (CJK)
  document.addEventListener('un-search:results', () => { window.__bench.shown = performance.now(); });
}"""
RESOURCES = """since => performance.getEntriesByType('resource')
  .filter(e => e.startTime >= since)
  .map(e => [e.name, e.encodedBodySize, e.transferSize])"""


def _type(page: Any, query: str) -> float:
    """Type ``query`` into the header search box; the time from its last key to the results."""
    box = page.locator(".md-search__input")
    box.fill("")
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    page.wait_for_function(
        "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q",
        arg=query, timeout=30_000)
    return float(page.evaluate("window.__bench.shown - window.__bench.lastKey"))


def measure_queries(site: Path, pages: Sequence[Page], lang: str, browser: Any) -> list[dict[str, Any]]:
    document = next(p for p in sorted(pages, key=lambda p: p.path) if p.lang == lang and p.info is not None)
    path = ("" if lang == site_languages()[0] else f"{lang}/") + document.path.removesuffix(".md") + "/"
    results = []
    with served(site) as base:
        for query in queries(pages, lang):  # cold: a fresh browser for each first query
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.evaluate(WATCH)
            page_assets = page.evaluate(RESOURCES, 0)
            since = page.evaluate("performance.now()")
            page.locator(".md-search__input").click()
            latency = _type(page, query)
            fetched = page.evaluate(RESOURCES, since)
            hits = page.locator("a.un-search__hit").count()
            status = page.locator(".un-search__status").inner_text()
            context.close()
            own = [a for a in page_assets if re.search(r"/search\.(js|css)$", a[0])]
            results.append({
                "query": query, "cold_ms": latency, "bytes": sum(e[1] for e in fetched),
                "transfer_bytes": sum(e[2] for e in fetched), "requests": len(fetched),
                "files": [e[0].removeprefix(base) for e in fetched], "hits_shown": hits, "status": status,
                "script_and_style_bytes": sum(e[1] for e in own),
            })
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()  # warm: one page, the queries one after the other
        page.goto(base + path, wait_until="networkidle")
        page.evaluate(WATCH)
        page.locator(".md-search__input").click()
        for result in results:
            result["warm_ms"] = _type(page, result["query"])
        context.close()
    return results


# ---- the report -------------------------------------------------------------------------


def summary(report: dict[str, Any]) -> str:
    load = ", ".join(f"{a:.1f}" for a in report["load_average_before"] + report["load_average_after"])
    lines = [f"Search benchmark: {report['n']} documents per language, {report['machine']}, {report['date']} "
             f"(load average before and after: {load})", ""]
    if report["site_build_s"] is not None:
        lines.append(f"Site build (MkDocs and every post-build step): {report['site_build_s']:.1f} s")
    times = report["index_build_s"]
    lines.append(f"Index build (search step alone, both languages): median {statistics.median(times):.2f} s "
                 f"of {len(times)} ({', '.join(f'{t:.2f}' for t in times)})")
    for lang, size in report["index_size"].items():
        lines.append(f"Index {lang}: {size['files']} files, {size['bytes'] / 1e6:.2f} MB "
                     f"({size['disk_bytes'] / 1e6:.2f} MB on disk), meta {size['meta_bytes'] / 1e3:.1f} KB, "
                     f"largest {size['largest'][0]} {size['largest'][1] / 1e3:.1f} KB")
    lines += ["", "| lang | query | first-query bytes | requests | cold ms | warm ms | shown |",
              "|---|---|---:|---:|---:|---:|---|"]
    for lang, rows in report["queries"].items():
        for row in rows:
            lines.append(f"| {lang} | {row['query']} | {row['bytes']:,} | {row['requests']} | "
                         f"{row['cold_ms']:.0f} | {row['warm_ms']:.0f} | {row['status']} |")
    rows = [row for rows in report["queries"].values() for row in rows]
    first = [row["bytes"] for row in rows]
    warm = [row["warm_ms"] for row in rows]
    cold = [row["cold_ms"] for row in rows]
    lines += [
        "",
        f"Queries per language: {len(rows) // max(1, len(report['queries']))}; a fresh browser for each first query.",
        f"First query bytes: median {statistics.median(first):,.0f}, max {max(first):,} "
        f"(target < {TARGETS['first_query_bytes']:,}); search.js and search.css, loaded with every page: "
        f"{rows[0]['script_and_style_bytes']:,} bytes",
        f"Last keystroke to results: median {statistics.median(warm):.0f} ms warm, "
        f"{statistics.median(cold):.0f} ms for a first query (max {max(cold):.0f}); "
        f"target: median < {TARGETS['median_latency_ms']} ms",
    ]
    return "\n".join(lines)


def write_benchmarks(text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """The summary into ``BENCHMARKS.md`` between the ``bench-search`` markers (added at the
    end the first time)."""
    current = path.read_text(encoding="utf-8")
    block = f"{START}\n{text}\n{END}"
    if START in current and END in current:
        head, rest = current.split(START, 1)
        current = head + block + rest.split(END, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n## Search (`make bench-search`)\n\n" + block + "\n"
    path.write_text(current, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="documents per language")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work", type=Path, help="folder kept between runs (default: a temporary one)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--no-write", action="store_true", help="do not write the summary into BENCHMARKS.md")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        work = args.work or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        pages, site, build_time = prepare(work, args.n, args.seed)
        report: dict[str, Any] = {
            "n": args.n, "seed": args.seed, "site_build_s": build_time,
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
            "date": time.strftime("%Y-%m-%d"),
            "load_average_before": os.getloadavg(),
            "index_build_s": index_build_time(pages, args.repeat),
            "index_size": index_size(site),
            "queries": {},
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for lang in site_languages():
                    report["queries"][lang] = measure_queries(site, pages, lang, browser)
            finally:
                browser.close()
        report["load_average_after"] = os.getloadavg()
    text = summary(report)
    print(text)
    if not args.no_write:
        write_benchmarks(text)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
