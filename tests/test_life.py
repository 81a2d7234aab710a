"""A document's life: relations stated in meta.yml, those the collection shows, and how a
page shows them (the line under the title, the banner on a superseded draft, table dates).

The family of tests/fixtures/family (a draft, its revision, the resolution adopted from it,
the next session's resolution) states no relation in its meta.yml: everything it shows here
is inferred. The seed states what is known of its own life.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest
from test_versions import ADOPTED, DRAFT, NEXT, REVISION, family_models

from build_tools import render
from build_tools.collection import convert_folder
from build_tools.collection_pages import collection_pages
from build_tools.diagnostics import DiagnosticError
from build_tools.languages import site_languages
from build_tools.library import Library
from build_tools.life import date_text, life_markdown, lives, revised_symbol
from build_tools.meta import load_meta
from build_tools.model import Document, Relation
from build_tools.render import insert_after_metadata, insert_under_title, render_all
from build_tools.versions import families

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"


def meta_of(tmp_path: Path, text: str) -> tuple[Relation, ...]:
    (tmp_path / "meta.yml").write_text(text, encoding="utf-8")
    meta, _ = load_meta(tmp_path / "meta.yml", "content/resolutions/x/meta.yml")
    return meta.relations


# ---- meta.yml ------------------------------------------------------------------------------


def test_meta_states_relations_as_symbols_mappings_or_lists(tmp_path: Path) -> None:
    relations = meta_of(tmp_path, """\
symbol: A/C.1/81/L.7/Rev.1
revises: A/C.1/81/L.7
adopted_as: {symbol: A/RES/81/45, date: 2026-12-03, source: "the Journal of 4 December"}
amended_by: [A/C.1/81/L.70, {symbol: A/C.1/81/L.71, date: 2026-10-30}]
meeting: {symbol: A/81/PV.45, date: 2026-12-03}
report: A/81/410
""")
    assert relations == (
        Relation("revises", "A/C.1/81/L.7"),
        Relation("adopted-as", "A/RES/81/45", "2026-12-03", "the Journal of 4 December"),
        Relation("amended-by", "A/C.1/81/L.70"),
        Relation("amended-by", "A/C.1/81/L.71", "2026-10-30"),
        Relation("report", "A/81/410"),
        Relation("meeting", "A/81/PV.45", "2026-12-03"),
    )


@pytest.mark.parametrize(("text", "line", "found"), [
    ("revises: not a symbol", 2, "'not a symbol'"),
    ("adopted_as: {symbol: A/RES/81/45, when: 2026-12-03}", 2, "unknown field 'when'"),
    ("adopted_as: {symbol: A/RES/81/45, date: '2026-13-03'}", 2, "'2026-13-03'"),
    ("adopted_as: {symbol: A/RES/81/45, date: '20261203'}", 2, "'20261203'"),
    ("adopted_as: A/C.1/81/L.8", 2, "A/C.1/81/L.8"),
    ("adopted_from: A/RES/81/45", 2, "A/RES/81/45"),
    ("meeting: A/81/410", 2, "A/81/410"),
    ("revises: A/C.1/81/L.7/Rev.1", 2, "A/C.1/81/L.7/Rev.1, this document's own"),
    ("revises: [A/C.1/81/L.7, A/C.1/81/L.6]", 2, "a list of 2"),
    ("report: [1]", 2, "int"),
])
def test_a_malformed_relation_is_an_error_at_its_key(tmp_path: Path, text: str, line: int, found: str) -> None:
    with pytest.raises(DiagnosticError) as raised:
        meta_of(tmp_path, f"symbol: A/C.1/81/L.7/Rev.1\n{text}\n")
    [problem] = raised.value.diagnostics
    key = text.split(":")[0]
    assert (problem.code, problem.line, problem.found) == (f"meta.{key}", line, found)
    assert str(problem).startswith(f"content/resolutions/x/meta.yml:{line}:1: error [meta.{key}] expected ")


def test_the_seed_states_what_is_known_of_its_life_and_where_it_comes_from() -> None:
    meta, _ = load_meta(SEED / "meta.yml", "meta.yml")
    by_kind = {r.kind: r for r in meta.relations}
    assert by_kind["revises"].symbol == "A/C.1/79/L.53" and by_kind["revises"].date is None
    assert (by_kind["adopted-as"].symbol, by_kind["adopted-as"].date) == ("A/RES/79/80", "2024-12-02")
    assert all(r.source and not r.inferred for r in meta.relations)
    # The seed's own text recalls the two earlier resolutions of the series that the
    # project's corpus holds, with the dates its source gives.
    recalled = (SEED / "en.txt").read_text(encoding="utf-8")
    assert "76/234 of 24 December 2021 and 77/96 of 7 December 2022" in recalled
    assert "76/234 (24 December 2021)" in by_kind["adopted-as"].source


# ---- what the collection shows -------------------------------------------------------------


@pytest.fixture(scope="module")
def models() -> dict[str, dict[str, Document]]:
    return family_models()


def test_revisions_are_read_from_symbols() -> None:
    assert revised_symbol("A/C.1/79/L.53/Rev.1") == "A/C.1/79/L.53"
    assert revised_symbol("A/C.1/79/L.53/Rev.3") == "A/C.1/79/L.53/Rev.2"
    assert revised_symbol("A/C.1/79/L.53") is None
    assert revised_symbol("A/RES/79/80") is None


def test_the_family_shows_revision_and_adoption(models: dict[str, dict[str, Document]]) -> None:
    library = Library.of(models)
    found = lives(library, families(library))

    def kinds(slug: str) -> list[tuple[str, str, str | None, bool]]:
        return [(r.kind, r.symbol, r.date, r.inferred) for r in found[slug]]

    assert kinds(DRAFT) == [("revised-as", "A/C.1/81/L.7/Rev.1", "2026-10-29", True)]
    assert kinds(REVISION) == [("revises", "A/C.1/81/L.7", "2026-10-15", True),
                               ("adopted-as", "A/RES/81/45", "2026-12-03", True)]
    assert kinds(ADOPTED) == [("adopted-from", "A/C.1/81/L.7/Rev.1", "2026-10-29", True)]
    assert kinds(NEXT) == []  # the next session's text: a version, not a step of this one's life


def test_what_meta_yml_states_wins_over_what_is_inferred(models: dict[str, dict[str, Document]]) -> None:
    stated = Relation("adopted-as", "A/RES/81/99", "2026-12-04", "stated")
    changed = {slug: dict(docs) for slug, docs in models.items()}
    changed[REVISION] = {lang: dataclasses.replace(doc, relations=(stated,)) for lang, doc in models[REVISION].items()}
    library = Library.of(changed)
    found = lives(library, families(library))
    assert [r for r in found[REVISION] if r.kind == "adopted-as"] == [stated]
    assert found[ADOPTED] == ()  # 81/45 is no longer said to come from Rev.1


def test_the_line_under_the_title_and_the_banner(models: dict[str, dict[str, Document]]) -> None:
    library = Library.of(models)
    found = lives(library, families(library))
    line, _, _, *banner = life_markdown(library, found, REVISION, "en")
    assert line == ("Revised draft of [A/C.1/81/L.7](a-c-1-81-l-7.md) · adopted as [A/RES/81/45](a-res-81-45.md) "
                    "on 3 December 2026")
    assert banner[0] == '!!! info un-superseded "Draft adopted"'
    zh = life_markdown(library, found, DRAFT, "zh")
    assert zh[0] == "2026年10月29日订正为[A/C.1/81/L.7/Rev.1](a-c-1-81-l-7-rev-1.md)"
    assert zh[3] == '!!! info un-superseded "本草案已被取代"'
    assert zh[5] == ("    本草案已经订正，取代它的文本是[A/C.1/81/L.7/Rev.1](a-c-1-81-l-7-rev-1.md)。"
                     "该文本于2026年12月3日通过，成为[A/RES/81/45](a-res-81-45.md)号决议。")
    # A resolution is never "superseded": no banner.
    assert [x for x in life_markdown(library, found, ADOPTED, "en") if x.startswith("!!!")] == []


def test_documents_outside_the_collection_link_to_undocs_in_the_readers_language() -> None:
    _, diagnostics, documents = convert_folder(SEED, ROOT)
    assert not diagnostics
    library = Library.of({SEED.name: documents})
    found = lives(library, families(library))
    zh, en = (life_markdown(library, found, SEED.name, lang)[0] for lang in ("zh", "en"))
    assert zh == ('[A/C.1/79/L.53](https://undocs.org/ch/A/C.1/79/L.53 "正式文本")的订正本 · '
                  '2024年12月2日通过，成为[A/RES/79/80](https://undocs.org/ch/A/RES/79/80 "正式文本")号决议')
    assert en == ('Revised draft of [A/C.1/79/L.53](https://undocs.org/en/A/C.1/79/L.53 "Official text") · '
                  'adopted as [A/RES/79/80](https://undocs.org/en/A/RES/79/80 "Official text") on 2 December 2024')


def test_a_draft_without_a_date_is_dated_by_its_adoption_in_tables() -> None:
    adopted = (Relation("adopted-as", "A/RES/79/80", "2024-12-02"),)
    assert date_text(None, adopted, "en") == "2 December 2024 (adopted as A/RES/79/80)"
    assert date_text(None, adopted, "zh") == "2024年12月2日（通过，成为A/RES/79/80）"
    assert date_text("2024-10-30", adopted, "en") == "30 October 2024"
    assert date_text(None, (), "en") == ""


def test_the_collection_stage_puts_life_under_the_title_and_versions_after_the_metadata(
    models: dict[str, dict[str, Document]]
) -> None:
    rendered = [p for docs in models.values() for p in render_all(list(docs.values()), site_languages())]
    pages, diagnostics = collection_pages(models, rendered)
    assert diagnostics == []
    page = next(p for p in pages if p.path == f"resolutions/{REVISION}.md" and p.lang == "en")
    body = page.markdown
    order = [body.index(s) for s in ("{ #title }", "{: .un-life }", "!!! info un-superseded", "\nSymbol\n",
                                     "\nSponsors\n", "## Versions of this text { #versions }", "{: #enacting ",
                                     "## Cites { #cites }")]
    assert order == sorted(order)
    assert page.info is not None and [r.kind for r in page.info.relations] == ["revises", "adopted-as"]
    assert page.document is not None and page.document.relations == page.info.relations


def test_inserting_keeps_the_page_as_it_was_around_the_lines() -> None:
    page = "---\nx: 1\n---\n\n# T { #title }\n\nA\n:   1\n\nB\n:   2\n\nText\n{: #pp1 .un-pp }\n"
    assert insert_under_title(page, ["L", ""]) == page.replace("{ #title }\n\n", "{ #title }\n\nL\n\n")
    assert insert_after_metadata(page, ["## V", ""]) == page.replace(":   2\n\n", ":   2\n\n## V\n\n")
    assert insert_after_metadata(page, []) == page
    assert insert_under_title(page, [""]) == page.replace("{ #title }\n\n", "{ #title }\n\n\n")
    assert insert_under_title("# T { #title }", ["L", ""]) == "# T { #title }\nL\n"  # the title the last line
    assert insert_under_title("# T { #title }\n", ["L"]) == "# T { #title }\n\nL\n"


def test_inserting_gives_what_joining_the_lines_gives_on_random_pages() -> None:
    # The straightforward way: split the whole page, put the lines in, join them again.
    rng = random.Random(7)
    kinds = ["# T { #title }", ":   value", "", "", "Label", "text", "## H { #h }"]
    for _ in range(400):
        page = "\n".join(rng.choice(kinds) for _ in range(rng.choice([1, 3, 30, 250, 600])))
        if "{ #title }" not in page:
            page = "# T { #title }\n" + page
        block = [rng.choice(["L", "M", ""]) for _ in range(rng.randrange(1, 4))]
        for insert, where in ((insert_under_title, render._under_title),
                              (insert_after_metadata, render._after_metadata)):
            lines = page.split("\n")
            at = where(lines, True)
            body = block[:-1] if block[-1] == "" else block
            assert insert(page, block) == "\n".join([*lines[:at], *body, "", *lines[at:]])


@pytest.mark.parametrize("before", [0, 195, 198, 394, 2000])
def test_inserting_finds_its_place_in_a_long_page_wherever_it_is(before: int) -> None:
    # Where the title and the metadata are looked for in the head of a page first, then in
    # all of it: a page of many lines, with its metadata near the end of the head or past it.
    notices = "".join(f"notice {i}\n\n" for i in range(before // 2))
    text = "".join(f"Paragraph {i}\n{{: #op{i} .un-op }}\n\n" for i in range(600))
    page = f"---\nx: 1\n---\n\n# T {{ #title }}\n\n{notices}A\n:   1\n\nB\n:   2\n\n{text}"
    assert insert_under_title(page, ["L", ""]) == page.replace("{ #title }\n\n", "{ #title }\n\nL\n\n")
    assert insert_after_metadata(page, ["## V", ""]) == page.replace(":   2\n\n", ":   2\n\n## V\n\n")
    bare = page.replace("A\n:   1\n\nB\n:   2\n\n", "")  # no metadata: under the title
    assert insert_after_metadata(bare, ["## V", ""]) == bare.replace("{ #title }\n\n", "{ #title }\n\n## V\n\n")
