"""The annotate stage: references as spans with links, on patterns and on the seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.annotate import PATTERNS, all_references, find_references
from build_tools.collection import convert_file
from build_tools.meta import load_meta
from build_tools.model import Document

SEED = Path(__file__).resolve().parent.parent / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"


def _document(lang: str) -> Document:
    meta, _ = load_meta(SEED / "meta.yml", "meta.yml")
    return convert_file(SEED / f"{lang}.txt", lang, meta, SEED.name, f"{lang}.txt").document


@pytest.mark.parametrize("pattern", PATTERNS, ids=[f"{p.name}-{p.lang}" for p in PATTERNS])
def test_every_pattern_matches_its_examples(pattern) -> None:  # type: ignore[no-untyped-def]
    assert pattern.examples
    for example in pattern.examples:
        assert pattern.regex.fullmatch(example), (pattern.name, example)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[f"{p.name}-{p.lang}" for p in PATTERNS])
def test_every_pattern_builds_what_its_sentences_cite(pattern) -> None:  # type: ignore[no-untyped-def]
    """A pattern is the whole of a kind of reference: its matches become the references its
    sentences list, found in them as in any paragraph."""
    if pattern.builds is None:
        assert pattern.name == "treaty-series"  # read by the footnotes' own pass, with Ibid.
        return
    assert pattern.cites
    for text, kind, target in pattern.cites:
        langs = ("zh", "en") if pattern.lang == "*" else (pattern.lang,)
        for lang in langs:
            found = [(r.kind, r.target) for r in find_references(text, lang)]
            assert (kind, target) in found, (text, lang, found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_references_link_to_their_sources(lang: str) -> None:
    document = _document(lang)
    undocs = "ch" if lang == "zh" else "en"
    pp1 = {r.target: r for r in document.preamble[0].references}
    assert set(pp1) == {"A/RES/76/234", "A/RES/77/96"}
    assert pp1["A/RES/76/234"].date == "2021-12-24"
    assert pp1["A/RES/77/96"].date == "2022-12-07"
    assert pp1["A/RES/76/234"].url == f"https://undocs.org/{undocs}/A/RES/76/234"
    assert pp1["A/RES/76/234"].url_printed  # the source printed this URL at the page foot
    treaties = [r.target for r in document.preamble[1].references]
    assert treaties == ["npt", "bwc", "cwc"]
    assert [r.target for r in document.preamble[2].references] == ["charter"]
    series = [r for n in document.footnotes for r in n.references if r.kind == "treaty-series"]
    assert [(r.target, r.ibid) for r in series] == [
        ("UNTS 729/10485", False), ("UNTS 1015/14860", True), ("UNTS 1974/33757", True)
    ]
    assert "Volume%20729/volume-729-I-10485" in series[0].url
    footnote4 = document.footnotes[3].references
    assert [(r.target, r.url) for r in footnote4] == [
        ("A/77/96", f"https://undocs.org/{undocs}/A/77/96")
    ]
    for ref in all_references(document):
        assert ref.url.startswith("https://"), ref
        assert ref.end > ref.start


def test_reference_spans_cover_the_printed_text() -> None:
    document = _document("zh")
    pp1 = document.preamble[0]
    shown = [pp1.text[r.start:r.end] for r in pp1.references]
    assert shown == ["2021年12月24日第76/234号", "2022年12月7日第77/96号"]
    pp2 = document.preamble[1]
    assert pp2.text[pp2.references[0].start:pp2.references[0].end] == "《不扩散核武器条约》"


def test_treaty_ids_exist() -> None:
    from build_tools.treaties import load_treaties

    registry = load_treaties()
    for treaty_id in ("npt", "bwc", "cwc", "charter"):
        assert registry.by_id(treaty_id).id == treaty_id


def _refs(text: str, lang: str) -> list[tuple[str, str, str]]:
    from build_tools.annotate import _find
    from build_tools.treaties import load_treaties

    return [(r.kind, r.target, text[r.start:r.end]) for r in _find(text, lang, load_treaties())]


def test_english_references_of_every_kind() -> None:
    text = ("Recalling its resolution 2758 (XXVI) and Security Council resolution 2325 (2016), "
            "its decision 78/552, documents A/C.1/80/L.21/Rev.1 and A/79/416, and article XI of "
            "the Chemical Weapons Convention,")
    assert _refs(text, "en") == [
        ("resolution", "A/RES/2758(XXVI)", "2758 (XXVI)"),
        ("resolution", "S/RES/2325(2016)", "2325 (2016)"),
        ("decision", "A/DEC/78/552", "78/552"),
        ("document", "A/C.1/80/L.21/Rev.1", "A/C.1/80/L.21/Rev.1"),
        ("document", "A/79/416", "A/79/416"),
        ("treaty", "cwc", "article XI of the Chemical Weapons Convention"),
    ]


def test_chinese_references_of_every_kind() -> None:
    text = "回顾安全理事会第2325(2016)号决议、第78/552号决定和《禁止化学武器公约》第十一条，见A/79/416。"
    assert _refs(text, "zh") == [
        ("resolution", "S/RES/2325(2016)", "第2325(2016)号"),
        ("decision", "A/DEC/78/552", "第78/552号"),
        ("treaty", "cwc", "《禁止化学武器公约》第十一条"),
        ("document", "A/79/416", "A/79/416"),
    ]


def test_a_number_that_is_not_a_resolution_is_not_linked() -> None:
    assert _refs("paragraph 76/234 of the report", "en") == []
    assert _refs("第76/234号文件", "zh") == []
