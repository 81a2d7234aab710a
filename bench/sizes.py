"""The HTML size of every document page of a built site against the size of its own text.

    python -m bench.sizes CONTENT_DIR SITE_DIR

Prints one JSON object: the number of pages, the median HTML and text sizes, and the
median and largest HTML overhead (HTML bytes minus the UTF-8 bytes of the page's own text:
paragraphs with their labels, footnotes, title), with the page that has the largest.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

from build_tools.collection import convert_collection
from build_tools.languages import site_languages


def measure(content: Path, site: Path) -> dict[str, Any]:
    pages, _ = convert_collection(content)  # from the cache the build filled
    rows = []
    for page in pages:
        if page.info is None or page.document is None:
            continue
        stem = page.path.removesuffix(".md")
        html = site / ("" if page.lang == site_languages()[0] else page.lang) / stem / "index.html"
        if not html.exists():
            continue
        doc = page.document
        text = sum(len(p.text.encode()) + len(p.label.encode()) for p in doc.paragraphs)
        text += sum(len(f.text.encode()) for f in doc.footnotes) + len(doc.title.encode())
        size = html.stat().st_size
        rows.append((size - text, size, text, f"{page.lang}/{stem}"))
    if not rows:
        return {}
    rows.sort()
    return {
        "pages": len(rows),
        "median_html": statistics.median(r[1] for r in rows),
        "median_text": statistics.median(r[2] for r in rows),
        "median_overhead": statistics.median(r[0] for r in rows),
        "max_overhead": rows[-1][0],
        "max_overhead_page": rows[-1][3],
        "max_html": max(r[1] for r in rows),
    }


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), Path(sys.argv[2]))))
