"""build_tools.site.lean: the inline patterns it leaves out change no page the build writes."""

from __future__ import annotations

from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from bench.generate import generate
from build_tools.collection import convert_collection
from build_tools.pages import Page
from build_tools.site.docs import generated_files
from build_tools.site.lean import UNUSED

LEAN = "build_tools.site.lean"


def _converter(lean: bool) -> markdown.Markdown:
    """Python-Markdown as the site's mkdocs.yml configures it, with or without ``lean``."""
    # any existing docs folder: build/docs exists only after a build
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "tests" / "fixtures"))
    assert LEAN in config.markdown_extensions
    names = [name for name in config.markdown_extensions if lean or name != LEAN]
    return markdown.Markdown(extensions=names, extension_configs=config.mdx_configs)


def _render(pages: tuple[Page, ...]) -> dict[str, tuple[str, str]]:
    with_lean, without = _converter(True), _converter(False)
    assert not any(name in with_lean.inlinePatterns for name in UNUSED)
    assert all(name in without.inlinePatterns for name in UNUSED)
    rendered = {}
    for name, data in generated_files(pages).items():
        if not name.endswith(".md"):
            continue
        text, _ = get_data(data.decode("utf-8"))
        rendered[name] = (with_lean.reset().convert(text), without.reset().convert(text))
    return rendered


def _assert_same(rendered: dict[str, tuple[str, str]]) -> None:
    assert [name for name, (lean, full) in rendered.items() if lean != full] == []


def test_every_page_of_the_real_collection_renders_the_same(collection: tuple[Page, ...]) -> None:
    rendered = _render(collection)
    assert {"zh/index.md", "en/index.md"} <= set(rendered)  # the home pages too
    assert any("notes" in full or "un-note" in full for _, full in rendered.values())
    _assert_same(rendered)


def test_every_page_of_a_generated_collection_renders_the_same(tmp_path: Path) -> None:
    """Comparisons, version lists, cited-by and every index, in both languages."""
    generate(12, tmp_path / "content")
    pages, diagnostics = convert_collection(tmp_path / "content")
    assert [str(d) for d in diagnostics] == []
    rendered = _render(tuple(pages))
    kinds = {name.split("/")[1] for name in rendered if name.count("/") > 1}
    assert {"resolutions", "compare", "indexes"} <= kinds
    _assert_same(rendered)


@pytest.mark.parametrize(("source", "expected"), [
    ("`<b>` code", "<code>&lt;b&gt;</code> code"),
    ("**strong** and _emphasis_", "<strong>strong</strong> and <em>emphasis</em>"),
    ("[a link][ref]\n\n[ref]: https://example.org/", '<a href="https://example.org/">a link</a>'),
    ("<https://example.org/>", '<a href="https://example.org/">https://example.org/</a>'),
    ("one  \ntwo", "one<br />\ntwo"),
])
def test_what_an_editorial_note_may_use_still_works(source: str, expected: str) -> None:
    assert expected in _converter(True).convert(source)


@pytest.mark.parametrize("source", [
    "![a chart](https://example.org/chart.png)",
    "![a chart][c]\n\n[c]: https://example.org/chart.png",
    "<b>bold</b> <!-- a comment -->",
    "<someone@example.org>",
])
def test_what_no_page_may_contain_does_not_become_markup(source: str) -> None:
    html = _converter(True).convert(source)
    assert "<img" not in html and "<b>" not in html and "mailto:" not in html and "<!--" not in html
