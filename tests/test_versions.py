"""Versions of a text: families, alignment of paragraphs, changes within them, comparison pages.

The family in tests/fixtures/family is invented for these tests (a draft, its revision, the
resolution adopted from it and the next session's resolution, each in Chinese in the
interleaved format and in English as ``pdftotext -layout`` prints it). Between the draft and
its revision a preambular paragraph changes, one moves, one is added, an operative paragraph
changes, one is removed, a footnote changes and two sponsors join; the revision and the
resolution have the same text; the next session's resolution changes four paragraphs.
"""

from __future__ import annotations

import dataclasses
import html as html_module
import re
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from build_tools.collection import convert_folder
from build_tools.collection_pages import collection_pages
from build_tools.dialect import escape
from build_tools.diff import align, inline_diff, summary, tokens
from build_tools.library import Library
from build_tools.model import Document
from build_tools.pages import Page
from build_tools.verify import check_page
from build_tools.versions import SHOWN_VERSIONS, comparison_page, families, timeline_section, title_key, versions_page

ROOT = Path(__file__).resolve().parent.parent
FAMILY = Path(__file__).parent / "fixtures" / "family"
DRAFT, REVISION, ADOPTED, NEXT = "a-c-1-81-l-7", "a-c-1-81-l-7-rev-1", "a-res-81-45", "a-res-82-31"


def family_models() -> dict[str, dict[str, Document]]:
    models = {}
    for folder in sorted((FAMILY / "resolutions").iterdir()):
        _, diagnostics, documents = convert_folder(folder, FAMILY)
        assert not diagnostics, [str(d) for d in diagnostics]
        models[folder.name] = documents
    return models


@pytest.fixture(scope="module")
def models() -> dict[str, dict[str, Document]]:
    return family_models()


@pytest.fixture(scope="module")
def library(models: dict[str, dict[str, Document]]) -> Library:
    return Library.of(models)


def mkdocs_extensions() -> list[Any]:
    """``markdown_extensions`` of mkdocs.yml, as Python-Markdown takes them."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            (name, options), = item.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(item)
    return [names, configs]


def to_html(text: str) -> str:
    names, configs = mkdocs_extensions()
    return str(markdown.Markdown(extensions=names, extension_configs=configs).convert(text))


# ---- changes within a paragraph ---------------------------------------------------------


def test_english_changes_are_marked_by_word() -> None:
    segments = inline_diff("Encourages all States to notify the Secretary-General in advance",
                           "Encourages all States to inform the Secretary-General well in advance", "en")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Encourages all States to "),
        ("delete", "notify"),
        ("insert", "inform"),
        ("equal", " the Secretary-General "),
        ("insert", "well "),
        ("equal", "in advance"),
    ]


def test_adjacent_word_changes_read_as_one_replacement() -> None:
    segments = inline_diff("the quick brown fox", "a slow brown fox", "en")
    assert [(s.op, s.text) for s in segments] == [
        ("delete", "the quick"), ("insert", "a slow"), ("equal", " brown fox")]


def test_chinese_changes_are_marked_by_character_run() -> None:
    segments = inline_diff("鼓励所有国家在每次发射之前通知秘书长；",
                           "鼓励所有国家至少提前24小时将每次发射通知秘书长；", "zh")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "鼓励所有国家"),
        ("delete", "在"),
        ("insert", "至少提前24小时将"),
        ("equal", "每次发射"),
        ("delete", "之前"),
        ("equal", "通知秘书长；"),
    ]
    assert tokens("第76/234号", "zh") == ["第", "76", "/", "234", "号"]


@given(st.text(alphabet="ab 甲乙,.x7", max_size=40), st.text(alphabet="ab 甲乙,.x7", max_size=40),
       st.sampled_from(["en", "zh"]))
def test_segments_give_back_both_texts(old: str, new: str, lang: str) -> None:
    segments = inline_diff(old, new, lang)
    assert "".join(s.text for s in segments if s.op != "insert") == old
    assert "".join(s.text for s in segments if s.op != "delete") == new
    assert all(s.text for s in segments)


# ---- alignment -------------------------------------------------------------------------


def test_alignment_finds_moved_added_removed_and_changed_paragraphs() -> None:
    old = ["Recalling its resolution 1/1,", "Noting the report,", "Welcoming the plan,",
           "Convinced of the need,", "Decides to remain seized of the matter."]
    new = ["Recalling its resolution 1/1,", "Welcoming the plan,", "Noting with concern the report,",
           "Mindful of the risks,", "Decides to remain seized of the matter."]
    rows = align(old, new, "en")
    # A removed paragraph stands right after the paragraph that preceded it and stayed.
    assert [(r.status, r.old, r.new) for r in rows] == [
        ("unchanged", 0, 0),
        ("unchanged", 2, 1),
        ("removed", 3, None),
        ("moved", 1, 2),
        ("added", None, 3),
        ("unchanged", 4, 4),
    ]
    moved = rows[3]
    assert moved.edited and [s.text for s in moved.segments if s.op == "insert"] == [" with concern"]
    assert summary(rows) == {"unchanged": 3, "changed": 0, "moved": 1, "added": 1, "removed": 1}


def test_alignment_of_identical_texts_is_all_unchanged() -> None:
    texts = ["A first paragraph,", "a second one,", "a third."]
    assert [r.status for r in align(texts, list(texts), "en")] == ["unchanged"] * 3
    assert align([], [], "en") == ()


def test_a_rewritten_paragraph_is_removed_and_added_not_changed() -> None:
    rows = align(["Decides to convene a conference in 2030;"],
                 ["Requests a report on the financial implications of everything;"], "en")
    assert [r.status for r in rows] == ["removed", "added"]


# ---- families --------------------------------------------------------------------------


def test_the_fixture_family_is_one_family_in_version_order(library: Library) -> None:
    assert [f.members for f in families(library)] == [(DRAFT, REVISION, ADOPTED, NEXT)]
    assert families(library)[0].pairs() == ((DRAFT, REVISION), (REVISION, ADOPTED), (ADOPTED, NEXT))


def test_titles_are_compared_after_normalisation() -> None:
    assert title_key("Role  of science and\u00a0Technology.", "en") == title_key(
        "role of science and technology", "en")
    assert title_key("在国际安全领域 促进和平利用国际合作", "zh") == title_key(
        "在国际安全领域促进和平利用国际合作", "zh")


def test_a_different_title_or_agenda_item_makes_another_family(
    models: dict[str, dict[str, Document]]
) -> None:
    import dataclasses

    other = {lang: dataclasses.replace(doc, title=doc.title + " (other)", slug="other")
             for lang, doc in models[DRAFT].items()}
    same_title_other_item = {lang: dataclasses.replace(doc, agenda_item="12", slug="item-12")
                             for lang, doc in models[REVISION].items()}
    library = Library.of({**models, "other": other, "item-12": same_title_other_item})
    members = [f.members for f in families(library)]
    assert (DRAFT, REVISION, ADOPTED, NEXT) in members
    assert not any("other" in m or "item-12" in m for m in members)


def test_documents_with_one_language_each_are_related_only_through_a_shared_language(
    models: dict[str, dict[str, Document]]
) -> None:
    split = {DRAFT: {"zh": models[DRAFT]["zh"]}, REVISION: {"en": models[REVISION]["en"]}}
    assert families(Library.of(split)) == ()
    joined = {**split, ADOPTED: models[ADOPTED]}  # has both: links the other two
    assert [f.members for f in families(Library.of(joined))] == [(DRAFT, REVISION, ADOPTED)]


# ---- comparison pages -------------------------------------------------------------------


def test_comparison_of_draft_and_revision_in_english(library: Library) -> None:
    page = comparison_page(library, DRAFT, REVISION, "en")
    assert page is not None and page.path == f"compare/{DRAFT}--{REVISION}.md" and page.info is None
    md = page.markdown
    assert "# Changes in A/C.1/81/L.7/Rev.1 since A/C.1/81/L.7 { #title }" in md
    assert ("Since A/C.1/81/L.7, paragraphs: 2 changed, 1 moved, 1 added, 1 removed, 5 unchanged. "
            "Footnotes: 1 changed, 1 unchanged.") in md
    assert "Sponsors added: Kenya, Viet Nam" in md
    assert "Noting {++with concern++} that the number" in md
    assert "{++and that most launches are not notified in advance,++}" in md
    assert "Secretary-General{++, at least 24 hours++} in advance{++,++} of each" in md
    assert "A/80/150 {++and A/80/151++}." in md  # the footnote's change
    assert re.search(r"^Removed · \[A/C\.1/81/L\.7 para\. 2\]\(\.\./resolutions/a-c-1-81-l-7\.md#op2\)$", md, re.M)
    assert re.search(r"^Moved · \[A/C\.1/81/L\.7 preambular para\. 5\]\(\.\./resolutions/a-c-1-81-l-7\.md#pp5\) → "
                     r"\[A/C\.1/81/L\.7/Rev\.1 preambular para\. 4\]\(\.\./resolutions/a-c-1-81-l-7-rev-1\.md#pp4\)$",
                     md, re.M)
    assert check_page(page) == []


def test_comparison_in_chinese_marks_character_runs(library: Library) -> None:
    page = comparison_page(library, DRAFT, REVISION, "zh")
    assert page is not None
    md = page.markdown
    assert "与A/C.1/81/L.7相比，段落：修改2段，移动1段，新增1段，删除1段，未变5段。脚注：修改1个，未变1个。" in md
    assert "{++关切地++}注意到" in md
    assert "鼓励所有国家{--在--}{++至少提前24小时将++}每次计划进行{++的++}空间发射{--之前--}通知秘书长；" in md
    assert "新增提案国：肯尼亚、越南" in md


def test_identical_versions_say_so(library: Library) -> None:
    page = comparison_page(library, REVISION, ADOPTED, "en")
    assert page is not None
    assert "The text is unchanged since A/C.1/81/L.7/Rev.1." in page.markdown
    assert "{++" not in page.markdown and "{--" not in page.markdown
    assert "Sponsors" not in page.markdown  # a resolution lists no sponsors: nothing to compare


def test_comparison_without_a_common_language_is_not_made(models: dict[str, dict[str, Document]]) -> None:
    library = Library.of({DRAFT: {"zh": models[DRAFT]["zh"]}, REVISION: {"en": models[REVISION]["en"]}})
    assert comparison_page(library, DRAFT, REVISION, "zh") is None
    one_sided = Library.of({DRAFT: models[DRAFT], REVISION: {"en": models[REVISION]["en"]}})
    page = comparison_page(one_sided, DRAFT, REVISION, "zh")
    assert page is not None and 'lang="en"' in page.markdown
    assert "以下比较两份文件的英文文本。" in page.markdown


def test_the_pages_that_compare_the_same_texts_align_them_once(
        models: dict[str, dict[str, Document]], monkeypatch: pytest.MonkeyPatch) -> None:
    import build_tools.versions as versions_module

    english = Library.of({slug: {"en": models[slug]["en"]} for slug in (DRAFT, REVISION)})
    fresh = {lang: comparison_page(english, DRAFT, REVISION, lang) for lang in ("en", "zh")}
    calls: list[tuple[str, ...]] = []

    def counted(old: tuple[str, ...], new: tuple[str, ...], lang: str) -> Any:
        calls.append(old)
        return align(old, new, lang)

    monkeypatch.setattr(versions_module, "align", counted)
    versions_module._aligned.cache_clear()
    shown = {lang: comparison_page(english, DRAFT, REVISION, lang) for lang in ("en", "zh")}
    assert len(calls) == 2  # the paragraphs and the footnotes, for the English page; the Chinese took them
    assert shown == fresh  # the same pages as each aligned on its own
    zh = shown["zh"]
    assert zh is not None and 'lang="en"' in zh.markdown and "以下比较两份文件的英文文本。" in zh.markdown
    both = Library.of({slug: models[slug] for slug in (DRAFT, REVISION)})
    calls.clear()
    versions_module._aligned.cache_clear()
    for lang in ("en", "zh"):
        comparison_page(both, DRAFT, REVISION, lang)
    assert len(calls) == 4  # texts of their own: each language's aligned
    versions_module._aligned.cache_clear()


def test_timeline_on_every_member_links_the_comparisons(models: dict[str, dict[str, Document]]) -> None:
    from build_tools.render import render_all

    pages = [page for docs in models.values() for page in render_all(list(docs.values()), ("zh", "en"))]
    result, diagnostics = collection_pages(models, pages)
    assert diagnostics == []
    by_path = {(p.lang, p.path): p.markdown for p in result}
    page = by_path[("en", f"resolutions/{ADOPTED}.md")]
    timeline = page[page.index("## Versions of this text { #versions }"):page.index("## Cites")]
    assert "| **A/RES/81/45** (this document) | resolution | 3 December 2026 |" in timeline
    assert f"[Changes since A/RES/81/45](../compare/{ADOPTED}--{NEXT}.md)" in timeline
    assert [line.split(" | ")[0] for line in timeline.splitlines() if line.startswith("| [") or "**" in line] == [
        "| [A/C.1/81/L.7](a-c-1-81-l-7.md)", "| [A/C.1/81/L.7/Rev.1](a-c-1-81-l-7-rev-1.md)",
        "| **A/RES/81/45** (this document)", "| [A/RES/82/31](a-res-82-31.md)"]
    assert "## 本文本的各个版本 { #versions }" in by_path[("zh", f"resolutions/{DRAFT}.md")]
    compares = sorted(p for lang, p in by_path if p.startswith("compare/") and lang == "zh")
    pairs = ((DRAFT, REVISION), (REVISION, ADOPTED), (ADOPTED, NEXT))
    assert compares == sorted(f"compare/{a}--{b}.md" for a, b in pairs)


def test_a_long_family_shows_the_nearest_versions_and_links_them_all(
    models: dict[str, dict[str, Document]],
) -> None:
    """A text adopted every session for twelve sessions: each page lists nine versions, so
    its size does not grow with the family; the family's page lists all twelve."""
    long = {}
    for session in range(70, 82):
        slug = f"a-res-{session}-45"
        long[slug] = {lang: dataclasses.replace(doc, slug=slug, symbol=f"A/RES/{session}/45", session=session)
                      for lang, doc in models[ADOPTED].items()}
    library = Library.of(long)
    (family,) = families(library)
    members = family.members
    assert len(members) == 12 and SHOWN_VERSIONS == 9

    def rows(lines: list[str]) -> list[str]:
        return [line.split(" | ")[0].removeprefix("| ") for line in lines if line.startswith(("| [", "| **"))]

    for here, first in ((0, 0), (4, 0), (6, 2), (11, 3)):
        section = timeline_section(library, family, members[here], "en")
        symbols = [f"A/RES/{70 + n}/45" for n in range(first, first + 9)]
        assert [re.sub(r"[\[\]*]|\(.*", "", row).strip() for row in rows(section)] == symbols
        assert f"**A/RES/{70 + here}/45** (this document)" in "\n".join(section)
        assert "[All 12 versions](../versions/a-res-70-45.md)" in section
        page = Page("en", f"resolutions/{members[here]}.md", "\n".join(section))
        assert check_page(page) == []
    for lang, heading in (("en", "# Versions of A/RES/81/45 { #title }"), ("zh", "# A/RES/81/45的各个版本 { #title }")):
        full = versions_page(library, family, lang)
        assert full.path == "versions/a-res-70-45.md" and heading in full.markdown
        assert len(rows(full.markdown.splitlines())) == 12
        assert "[Changes since A/RES/80/45](../compare/a-res-80-45--a-res-81-45.md)" in full.markdown or lang == "zh"
        assert check_page(full) == []
    short = Library.of({slug: long[slug] for slug in members[:SHOWN_VERSIONS]})
    (whole,) = families(short)
    assert "versions/" not in "\n".join(timeline_section(short, whole, whole.members[4], "en"))
    from build_tools.render import render_all

    rendered = [page for docs in long.values() for page in render_all(list(docs.values()), ("zh", "en"))]
    pages, diagnostics = collection_pages(long, rendered)
    assert [str(d) for d in diagnostics] == []
    assert sorted(p.path for p in pages if p.path.startswith("versions/")) == ["versions/a-res-70-45.md"] * 2


# ---- Markdown for the marks --------------------------------------------------------------


def test_change_marks_render_as_ins_and_del() -> None:
    html = to_html("Noting {++with concern++} that {--all--} States\n{: .un-cmp }")
    assert '<ins class="un-ins">with concern</ins>' in html
    assert '<del class="un-del">all</del>' in html
    assert 'class="un-cmp"' in html


@pytest.mark.parametrize("text", ["{++added++}", "{--gone--}", "~~struck~~", "^^inserted^^", "==marked==",
                                  "x^2^ and H~2~O", "a {++b++} c"])
def test_document_text_cannot_trigger_any_inline_extension(text: str) -> None:
    html = to_html(escape(text))
    for tag in ("<ins", "<del", "<mark", "<sup", "<sub", "<s>", "<strong", "<em"):
        assert tag not in html, (text, html)
    plain = html_module.unescape(re.sub(r"<[^>]+>", "", html))
    assert plain == text
