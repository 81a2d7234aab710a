"""The render stage: escaped, annotated Markdown that both Markdown parsers read alike."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.dialect import escape
from build_tools.model import FootnoteRef, Reference
from build_tools.render import format_iso_date, inline, session_name
from build_tools.verify import markdown_parser

EXTENSIONS = ["attr_list", "def_list", "footnotes", "admonition", "tables", "toc", "sane_lists"]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def python_markdown(source: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return "".join(parser.parts), parser.tags


def markdown_it_text(source: str) -> str:
    tokens = markdown_parser().parse(source)
    return "".join(
        child.content
        for token in tokens if token.children
        for child in token.children if child.type == "text"
    )


# Text as documents have it: one logical line, no leading or trailing spaces, single spaces.
document_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\t"),
    min_size=1, max_size=80,
).map(lambda s: " ".join(s.split())).filter(bool)


@settings(max_examples=300, deadline=None)
@given(document_text)
def test_escaped_text_renders_as_itself_in_both_parsers(text: str) -> None:
    source = escape(text)
    shown, tags = python_markdown(source)
    assert shown == text
    assert tags == ["p"], f"{text!r} became markup {tags}"
    assert markdown_it_text(source) == text


PAYLOADS = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "# not a heading",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "*not emphasis* and _not_ and `not code`",
    "a | b | c",
    "{: #injected .class }",
    "[^1] is not a footnote",
    "&lt;b&gt; stays an entity",
    "<img src=x onerror=alert(1)>",
    "!!! warning",
    ":   not a definition",
]


def test_injection_payloads_are_text() -> None:
    for payload in PAYLOADS:
        shown, tags = python_markdown(escape(payload))
        assert shown == payload, payload
        assert tags == ["p"], (payload, tags)
        assert markdown_it_text(escape(payload)) == payload


def test_inline_links_footnotes_and_opening_phrase() -> None:
    text = "回顾其2021年12月24日第76/234号决议，并注意到"
    start = text.index("2021")
    end = text.index("号") + 1
    ref = Reference(start, end, "resolution", "A/RES/76/234", "https://undocs.org/ch/A/RES/76/234",
                    "A/RES/76/234")
    source = inline(text, [ref], [FootnoteRef(text.index("并"), 1)], emphasis=3)
    assert source.startswith("*回顾其*[2021年12月24日第76/234号](https://undocs.org/ch/A/RES/76/234 ")
    assert source.endswith("[^1]并注意到")
    rendered = markdown.markdown(source + "\n\n[^1]: x", extensions=EXTENSIONS)
    assert "<em>回顾其</em>" in rendered
    assert '<a href="https://undocs.org/ch/A/RES/76/234" title="A/RES/76/234">' in rendered
    assert re.search(r'<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"', rendered)


def test_opening_phrase_never_ends_at_punctuation() -> None:
    # CommonMark would not close "*…，*" before a letter: the phrase is cut before the comma.
    source = inline("Recalling, also the text", emphasis=10)
    assert source.startswith("*Recalling*,")
    assert html.unescape(python_markdown(source)[0]) == "Recalling, also the text"


def test_dates_and_sessions_in_each_language() -> None:
    assert format_iso_date("2021-12-24", "zh") == "2021年12月24日"
    assert format_iso_date("2021-12-24", "en") == "24 December 2021"
    assert session_name(79, "zh") == "第七十九届会议"
    assert session_name(79, "en") == "Seventy-ninth session"


def test_a_caret_before_a_footnote_marker_stays_a_caret() -> None:
    """``又重申^2 核武器``: ``^`` then the marker ``[^2]`` would read as markdown-it's inline
    footnote ``^[…]``."""
    text = "又重申^ 核武器"
    source = inline(text, footnotes=[FootnoteRef(text.index(" "), 2)])
    assert source == "又重申&#94;[^2] 核武器"
    tokens = markdown_parser().parse(source + "\n\n[^2]: x")
    children = [c for t in tokens if t.children for c in t.children]
    assert [c.meta.get("label") for c in children if c.type == "footnote_ref"] == ["2"]
    assert "".join(c.content for c in children if c.type == "text").startswith("又重申^ 核武器")
    assert '又重申^<sup id="fnref:2">' in html.unescape(markdown.markdown(source + "\n\n[^2]: x",
                                                                       extensions=EXTENSIONS))
