"""Editorial notes: the sidecar format, its checks, and where notes land in the pages."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown  # type: ignore[import-untyped]
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.collection import convert_folder, known_files
from build_tools.diagnostics import Severity
from build_tools.notes import Note, note_markdown, parse_notes, unescaped
from build_tools.notes_html import EXTENSIONS
from build_tools.pages import Page
from build_tools.verify import check_page

ROOT = Path(__file__).resolve().parent.parent
FIRST = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
ANCHORS = [*(f"pp{n}" for n in range(1, 23)), "op1", "op2", "op3", "op3a", "op3b", "op3b-i", "op3b-ii"]
FILE = "content/resolutions/x/notes.zh.md"


def parse(text: str) -> tuple[tuple[Note, ...], list[str]]:
    notes, problems = parse_notes(text, FILE, ANCHORS)
    assert all(p.severity is Severity.ERROR for p in problems)
    return notes, [str(p) for p in problems]


def only_problem(text: str) -> str:
    notes, problems = parse(text)
    assert len(problems) == 1, problems
    assert notes == () or len(notes) < text.count("\n## ") + 1
    return problems[0]


# ---- the format ----------------------------------------------------------------------------


def test_notes_are_keyed_by_anchor_with_their_lines() -> None:
    text = "# 编者注\n\n## pp21\n\n报告是 A/77/96。\n\n另一段。\n\n## op3b-i\n\n- 一\n- 二\n"
    notes, problems = parse(text)
    assert problems == []
    assert notes == (
        Note("pp21", "报告是 A/77/96。\n\n另一段。", 3),
        Note("op3b-i", "- 一\n- 二", 9),
    )


def test_unknown_anchor_is_an_error_with_file_line_and_nearest_anchors() -> None:
    problem = only_problem("## pp21\n\nfine\n\n## pp23\n\nno such paragraph\n")
    assert problem.startswith(f"{FILE}:5:4: error [notes.anchor]")
    assert "pp23, which the document does not have" in problem
    assert "(hint: nearest anchors: pp22, op1)" in problem


@pytest.mark.parametrize(
    ("key", "nearest"),
    [("op4", "op3b-ii"), ("pp0", "pp1"), ("op3c", "op3b-ii"), ("pp30", "pp22, op1"), ("op3a-i", "op3a, op3b")],
)
def test_nearest_anchors_are_the_neighbours_in_document_order(key: str, nearest: str) -> None:
    problem = only_problem(f"## {key}\n\ntext\n")
    assert f"nearest anchors: {nearest}" in problem


def test_a_heading_that_is_not_an_anchor_gets_similar_anchors_as_hint() -> None:
    problem = only_problem("## p21\n\ntext\n")
    assert "[notes.anchor] expected one paragraph anchor" in problem
    assert "nearest anchors: pp21" in problem


def test_duplicate_empty_and_stray_text_are_errors() -> None:
    assert "[notes.duplicate]" in only_problem("## pp1\n\na\n\n## pp1\n\nb\n")
    assert "[notes.empty]" in only_problem("## pp1\n\n\n## pp2\n\nb\n")
    problem = only_problem("stray words\n\n## pp1\n\nb\n")
    assert problem.startswith(f"{FILE}:1:1: error [notes.outside]")


# ---- the safe subset: nothing can become raw HTML, attributes, images or footnotes ---------


@pytest.mark.parametrize(
    ("line", "code", "col"),
    [
        ("<script>alert(1)</script>", "notes.raw-html", 1),
        ("text <b onclick=alert(1)>x</b>", "notes.raw-html", 6),
        ("text <a/onclick=alert(1)>x", "notes.raw-html", 6),  # Python-Markdown passes it on
        ("<!-- a comment -->", "notes.raw-html", 1),
        ("\\<b>escaped in CommonMark, not in Python-Markdown", "notes.raw-html", 2),
        ("*x*{: onclick=\"alert(1)\" }", "notes.attribute-list", 4),
        ("text {#id}", "notes.attribute-list", 6),
        ("\\\\{: .x }", "notes.attribute-list", 3),  # an escaped backslash, then a real brace
        ("![pixel](https://example.org/p.png)", "notes.image", 1),
        ("see[^1]", "notes.footnote", 4),
        ("[x](javascript:alert(1))", "notes.link", 5),
        ("[x](http://example.org)", "notes.link", 5),
        ("[x](#pp1 onerror=x)", "notes.link", 5),
        ("a [x](#pp99)", "notes.link", 7),
        ("#1 is not a heading in CommonMark", "notes.heading", 1),
        ("- > #x", "notes.heading", 1),
        (":   a definition", "notes.definition-list", 1),
        ("### A heading", "notes.heading", 1),
        ("!!! note", "notes.admonition", 1),
        ("```", "notes.code-fence", 1),
    ],
)
def test_unsafe_markdown_is_an_error_at_its_line_and_column(line: str, code: str, col: int) -> None:
    problem = only_problem(f"## pp2\n\nfirst line\n{line}\n")
    assert f"[{code}]" in problem, problem
    assert problem.startswith(f"{FILE}:4:{col}: error"), problem


def test_reference_definitions_and_autolinks_must_be_safe_too() -> None:
    assert "[notes.link]" in only_problem("## pp2\n\n[x][y]\n\n[y]: javascript:alert(1)\n")
    _, problems = parse("## pp2\n\n<javascript:alert(1)>\n")
    assert any("[notes.raw-html]" in p for p in problems)
    notes, problems = parse("## pp2\n\n<https://undocs.org/en/A/77/96>\n")
    assert problems == [] and len(notes) == 1


@pytest.mark.parametrize("url", ["javascript:alert(document.domain)", "data:text/html;base64,PHNjcmlwdD4=",
                                 "vbscript:msgbox(1)", "file:///etc/passwd", "//evil.example/", "JavaScript:alert(1)"])
@pytest.mark.parametrize("container", ["> ", "- ", "1. ", "> - "])
def test_a_link_defined_in_one_note_and_used_in_another_is_checked_as_the_page_renders_it(
        url: str, container: str) -> None:
    """Python-Markdown resolves link definitions across the page, in quotes and list items too."""
    text = f"## pp1\n\nSee [the source][evil].\n\n## pp2\n\n{container}[evil]: {url}\n"
    notes, problems = parse(text)
    assert notes == ()
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{FILE}:7:{len(container) + 9}: error [notes.link] expected a link to an https: "
                                  "address or to #anchor"), problems


def test_a_safe_link_defined_in_another_note_is_kept() -> None:
    text = "## pp1\n\nSee [the source][ref].\n\n## pp2\n\n> [ref]: https://undocs.org/en/A/77/96\n"
    notes, problems = parse(text)
    assert problems == [] and [n.anchor for n in notes] == ["pp1", "pp2"]


def test_notes_are_rendered_with_the_sites_markdown_extensions() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Config)
    names = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    assert [n for n in names if not n.startswith("build_tools.site.")] == list(EXTENSIONS)


class _Config(yaml.SafeLoader):
    """mkdocs.yml with its ``!ENV`` tags read as plain values."""


_Config.add_constructor("!ENV", lambda loader, node: None)


def test_escapes_may_show_markup_characters_code_spans_may_not() -> None:
    text = ("## pp2\n\n&lt;b> and \\{ and \\[x\\] and `code` and "
            "[A/77/96](https://undocs.org/en/A/77/96) and [pp1](#pp1)\n")
    notes, problems = parse(text)
    assert problems == []
    assert notes[0].anchor == "pp2"
    # Python-Markdown pairs ``…` differently from CommonMark: code is no shelter for markup.
    assert "[notes.raw-html]" in only_problem("## pp2\n\n``/x=`<b>`\n")
    assert "[notes.attribute-list]" in only_problem("## pp2\n\n`{: .x }`\n")


def test_unescaped_blanks_python_markdown_escapes_only() -> None:
    assert unescaped("a \\{ c") == "a    c"
    assert unescaped("a \\<b>") == "a \\<b>"  # '<' is not escapable in Python-Markdown
    assert unescaped("\\\\{") == "  {"  # an escaped backslash, then a real brace
    assert unescaped("a `<b>` c") == "a `<b>` c"


# Characters that make Markdown markup, and letters to spell tags and attributes with.
MARKUP = st.one_of(
    st.text(alphabet=list("<>{}[]()!^:#`*_\\\"'=/ .-+|~&;\n\t") + list("abilnoscrptfhjv1"), max_size=60),
    st.lists(st.sampled_from([
        "<a", "<b>", "/onclick=", " onerror=", "alert(1)", "{:", "{", " .x", "}", "[x](", "[x]", "[x]: ",
        "javascript:", "https://undocs.org/en/A/77/96", "#pp1", "#pp99", ")", "![", "[^1]", "#", "- ", "> ",
        ": ", "1. ", "`", "``", "\\", "    ", "<https://a.b>", "<!--", "-->", "\n", "\n\n", "=", "*", "!!! ",
        "~~~", "|", "---", "&lt;", "text",
    ]), max_size=14).map("".join),
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


SAFE_TAGS = {"div", "p", "a", "em", "strong", "code", "ul", "ol", "li", "blockquote", "hr", "br",
             "pre", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td"}


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP)
def test_any_accepted_note_renders_to_harmless_html(body: str) -> None:
    """Whatever an accepted note says, MkDocs' Markdown makes only safe tags and attributes of it."""
    notes, problems = parse_notes(f"## pp2\n\n{body}\n", FILE, ANCHORS)
    if problems or not notes:
        return
    source = note_markdown(notes[0], "编者注")
    rendered = markdown.markdown(
        source, extensions=["attr_list", "def_list", "footnotes", "admonition", "tables", "sane_lists", "toc"]
    )
    parser = _Tags()
    parser.feed(rendered)
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, (body, rendered)
        for name, value in attrs.items():
            assert name in {"href", "class", "title", "align", "start", "style"}, (body, rendered)
            if name == "href":
                assert value and (value.startswith("https://") or value in {f"#{a}" for a in ANCHORS}), rendered
            if name == "style":
                assert re.fullmatch(r"text-align: (left|right|center);", value or ""), rendered
            if name == "class":
                assert value in {"admonition un-note", "admonition-title"}, rendered
    page = Page("zh", "resolutions/x.md", f"# T {{ #title }}\n\nx\n{{: #pp2 .un-pp }}\n\n{source}\n")
    assert [p for p in check_page(page) if p.startswith("raw HTML")] == []


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKUP, MARKUP)
def test_accepted_notes_render_to_harmless_html_together(first: str, second: str) -> None:
    """Two notes the check accepts, rendered as the page holds them, make only safe links:
    neither can take an unsafe address from the other."""
    notes, problems = parse_notes(f"## pp2\n\n{first}\n\n## pp3\n\n{second}\n", FILE, ANCHORS)
    if problems or len(notes) < 2:
        return
    source = "\n\n".join(note_markdown(note, "编者注") for note in notes)
    parser = _Tags()
    parser.feed(markdown.markdown(source, extensions=list(EXTENSIONS)))
    for tag, attrs in parser.tags:
        assert tag in SAFE_TAGS, (first, second)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("https://") or href in {f"#{a}" for a in ANCHORS}, (first, second)


# ---- in the collection -------------------------------------------------------------------------


def copy_first(tmp_path: Path) -> Path:
    folder = tmp_path / "content" / "resolutions" / FIRST.name
    shutil.copytree(FIRST, folder)
    return folder


def test_sidecar_files_are_known_files() -> None:
    assert {"notes.zh.md", "notes.en.md"} <= known_files()


def test_notes_appear_under_their_paragraph_in_each_language(tmp_path: Path) -> None:
    folder = copy_first(tmp_path)
    (folder / "notes.zh.md").write_text("## op2\n\n中文的注。\n", encoding="utf-8")
    (folder / "notes.en.md").write_text("## pp3\n\nAn *English* note.\n", encoding="utf-8")
    pages, diagnostics, _ = convert_folder(folder, tmp_path)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    assert [d.code for d in diagnostics if d.code.startswith("content.unknown")] == []
    zh, en = (next(p for p in pages if p.lang == lang) for lang in ("zh", "en"))
    assert '{: #op2 .un-op data-num="2" }\n\n!!! un-note "编者注"\n\n    中文的注。\n' in zh.markdown
    assert '{: #pp3 .un-pp }\n\n!!! un-note "Editor\'s note"\n\n    An *English* note.\n' in en.markdown
    assert "中文的注" not in en.markdown and "English* note" not in zh.markdown
    assert check_page(zh) == [] and check_page(en) == []


def test_a_note_on_a_missing_anchor_stops_the_document(tmp_path: Path) -> None:
    folder = copy_first(tmp_path)
    (folder / "notes.en.md").write_text("# Notes\n\n## op4\n\nThere is no op4.\n", encoding="utf-8")
    pages, diagnostics, _ = convert_folder(folder, tmp_path)
    assert pages == []
    errors = [str(d) for d in diagnostics if d.severity is Severity.ERROR]
    assert errors == [
        f"content/resolutions/{FIRST.name}/notes.en.md:3:4: error [notes.anchor] expected the anchor "
        "of a paragraph of this document, found op4, which the document does not have "
        "(hint: nearest anchors: op3)"
    ]


def test_notes_of_a_language_without_text_are_checked_against_the_text_shown(tmp_path: Path) -> None:
    folder = copy_first(tmp_path)
    (folder / "en.txt").unlink()
    (folder / "notes.en.md").write_text("## pp21\n\nShown beside the Chinese text.\n", encoding="utf-8")
    pages, diagnostics, _ = convert_folder(folder, tmp_path)
    assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
    en = next(p for p in pages if p.lang == "en")
    assert "Shown beside the Chinese text." in en.markdown


def test_the_first_document_has_a_real_note_on_pp21() -> None:
    for lang, symbol_link in (("zh", "https://undocs.org/ch/A/77/96"), ("en", "https://undocs.org/en/A/77/96")):
        text = (FIRST / f"notes.{lang}.md").read_text(encoding="utf-8")
        notes, problems = parse_notes(text, "x", [f"pp{n}" for n in range(1, 23)] + ["op1", "op2", "op3"])
        assert problems == ()
        assert [n.anchor for n in notes] == ["pp21"]
        assert symbol_link in notes[0].markdown and "#pp1" in notes[0].markdown


@pytest.mark.parametrize("link", ["[x][e]\n\n> [e]: javascript:alert(1)", "[x](//evil.example/)",
                                  "[x](vbscript:msgbox)", "[x](data:text/html,x)", "[x](/\\evil.example)"])
def test_the_page_check_sees_every_link_the_renderer_makes(link: str) -> None:
    """markdown-it drops javascript: links (and the definitions that give them) by default;
    the check of a generated page keeps them, so that it reports them."""
    page = Page("zh", "resolutions/x.md", f"# T {{ #title }}\n\n{link}\n")
    assert [p for p in check_page(page) if p.startswith("link that is neither https: nor internal")], link
