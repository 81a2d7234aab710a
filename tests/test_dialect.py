"""The project's Markdown writer (build_tools/dialect.py): what each construct renders to in
MkDocs' Markdown (Python-Markdown with mkdocs.yml's extensions) and in the independent reader
(markdown-it-py, build_tools.verify), and that the page generators write no syntax of their own."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
import yaml
from conftest import ROOT

from build_tools import dialect as md
from build_tools.verify import markdown_parser

EXTENSIONS = ["attr_list", "def_list", "footnotes", "admonition", "tables", "toc", "build_tools.site.changes"]
GENERATORS = ("render", "crossref", "indexes", "versions", "collection_pages", "life", "notes", "site/home",
              "site/about", "site/search_records", "cli", "report")
"""The modules that write pages' Markdown, or read it back (the search's records)."""
SYNTAX = re.compile(r"\{: |\{ #|!!! |^\| | \|$|\[\^|\]\(|^---$|^\*\*|\{\+\+|\{--|^:   |^- |^## ")


def python_markdown(text: str) -> str:
    return str(markdown.markdown(text, extensions=EXTENSIONS))


def test_the_extensions_are_mkdocs_yml_s() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = config.split("\nmarkdown_extensions:\n", 1)[1]
    for extension in EXTENSIONS:
        assert f"  - {extension}" in listed


@pytest.mark.parametrize(
    ("written", "html"),
    [
        (md.block("Recalling", "pp1", ["un-pp"], [("lang", "en")]),
         '<p class="un-pp" id="pp1" lang="en">Recalling</p>'),
        (md.heading(2, "Cites", "cites", ["un-x"]), '<h2 class="un-x" id="cites">Cites'),
        ("\n".join(md.styled("Legend", ["un-cmp-legend"])), '<p class="un-cmp-legend">Legend</p>'),
        (md.span(md.emphasis("unofficial"), ["un-status"]), '<em class="un-status">unofficial</em>'),
        (md.span(md.link("text", "https://undocs.org/en/A/1"), ["un-official"], [("hreflang", "en")]),
         '<a class="un-official" href="https://undocs.org/en/A/1" hreflang="en">text</a>'),
        (md.link("A/RES/1", "a b.md#op1", 'say "x"'), '<a href="a%20b.md#op1" title="say \'x\'">A/RES/1</a>'),
        ("\n".join(md.admonition("warning", "Title", "Body.", ["un-not-aligned"])),
         '<div class="admonition warning un-not-aligned">\n<p class="admonition-title">Title</p>\n<p>Body.</p>'),
        (md.admonition_block("un-note", "Note", "One.\n\nTwo."),
         '<p class="admonition-title">Note</p>\n<p>One.</p>\n<p>Two.</p>'),
        ("\n".join(md.table(["", "a"], [["x", "y"]])), "<td>x</td>\n<td>y</td>"),
        ("\n".join(md.table(["a", "n"], [["x", "2"]], right=[1])), '<td>x</td>\n<td style="text-align: right;">2</td>'),
        (md.heading(2, "Totals"), '<h2 id="totals">Totals</h2>'),
        ("\n".join(md.definition("Symbol", "A/1")), "<dt>Symbol</dt>\n<dd>A/1</dd>"),
        (md.inserted("new") + " " + md.deleted("old"), '<ins class="un-ins">new</ins> <del class="un-del">old</del>'),
        (md.strong("A/1"), "<strong>A/1</strong>"),
        (md.escape("1. *not* a list [x](y)"), "<p>1&#46; *not* a list [x](y)</p>"),  # 1&#46; reads "1."
    ],
)
def test_each_construct_renders_as_meant(written: str, html: str) -> None:
    assert html in python_markdown(written)


def test_a_footnote_and_its_place() -> None:
    text = "\n".join([f"Text{md.footnote_ref(1)}", "", *md.footnote(1, "Note."), md.FOOTNOTES_HERE, "", "After."])
    html = python_markdown(text)
    assert html.index('class="footnote"') < html.index("<p>After.</p>")
    assert md.ids(text) == {"fn:1"} and md.has_footnotes(text)


@pytest.mark.parametrize(("text", "has"), [
    ("[^1]: A note at the very start.", True),
    ("Text[^1] and [^2]\n\n[^1]: Note.", True),
    ("Text[^1]\n[^x] not a definition\n[^2]: Note.", True),
    ("Text[^1] cites [^1]: inline, not at a line's start", False),
    ("Text\n[^]: an empty label\n", False),
    ("", False),
])
def test_a_footnote_definition_is_found_only_at_a_line_start(text: str, has: bool) -> None:
    assert md.has_footnotes(text) is has


def test_the_front_matter_is_yaml() -> None:
    data = {"title": 'A "quoted" title: with a colon', "sponsors": ["CN", "RU"]}
    assert yaml.safe_load(md.front_matter(data).strip("-\n")) == data
    title = "\n".join(md.front_matter_title('Say "x": y')).strip("-\n")
    assert yaml.safe_load(title) == {"title": 'Say "x": y'}


def test_what_is_written_is_read_back_by_the_checks() -> None:
    page = "\n\n".join([md.heading(1, "T", "title"), md.block("P " + md.link("x", "b.md#op1", "t"), "pp1"),
                        md.block("Q", "op1", ["un-op"], [("data-num", "1")])])
    assert md.ids(page) == {"title", "pp1", "op1"}
    assert md.link_targets(page) == ("b.md#op1",)
    tokens = markdown_parser().parse(page)
    opened = {t.attrGet("id"): t for t in tokens if t.type in ("paragraph_open", "heading_open")}
    assert set(opened) == {"title", "pp1", "op1"}
    assert opened["op1"].attrGet("data-num") == "1" and opened["op1"].attrGet("class") == "un-op"
    inline = [t.content for t in tokens if t.type == "inline"]
    assert inline == ["T", "P [x](b.md#op1 \"t\")", "Q"]


def test_the_readers_of_the_dialect_read_what_it_writes() -> None:
    note = md.admonition_block("un-note", "Note", "One.")
    lines = [md.block("P", "op2", ["un-op"]), "", *md.admonition("warning", "T", "B.", ["un-x"]), note,
             md.heading(2, "Cites", "cites"), md.item("A/RES/1"), ""]
    page = "\n".join(lines).split("\n")
    assert [md.block_anchor(line) for line in page if md.block_anchor(line)] == ["op2"]
    assert [md.admonition_kind(line) for line in page if md.admonition_kind(line)] == ["warning", "un-note"]
    assert [md.item_text(line) for line in page if md.item_text(line) is not None] == ["A/RES/1"]
    assert [line for line in page if md.is_any_heading(line, 2)] == [md.heading(2, "Cites", "cites")]
    assert md.block_anchor("P") is None and md.admonition_kind("!!! not an admonition") is None
    assert "<li>A/RES/1</li>" in python_markdown("\n".join([md.item("A/RES/1"), md.item("A/RES/2")]))


@pytest.mark.parametrize("module", GENERATORS)
def test_no_page_generator_spells_the_syntax_itself(module: str) -> None:
    """Outside the dialect, a string literal of a page generator holds no Markdown syntax
    (regular expressions and character sets that read editors' input aside)."""
    path = ROOT / "build_tools" / f"{module}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    patterns = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                and ((isinstance(node.func, ast.Attribute) and node.func.attr == "compile")
                     or (isinstance(node.func, ast.Name) and node.func.id == "frozenset")) for arg in node.args}
    found = [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docstrings | patterns and SYNTAX.search(node.value)]
    assert found == []


def test_the_syntax_check_finds_syntax(tmp_path: Path) -> None:
    assert SYNTAX.search('{: .un-x }') and SYNTAX.search("!!! info") and SYNTAX.search("[x](y)")
    assert SYNTAX.search("- A/RES/1") and SYNTAX.search("## Cites")
    assert not SYNTAX.search("Recalling its resolution 76/234")
