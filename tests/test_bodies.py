"""References to the texts of every body: whose resolution a number is, from the words
before it and the form of the number (build_tools.bodies), in both languages."""

from __future__ import annotations

import typing

import pytest

from build_tools.annotate import _find
from build_tools.bodies import Named, named_by_table, named_first_by_table
from build_tools.crossref import Target, target_of
from build_tools.export.frbr import reference_href
from build_tools.model import Reference, ReferenceKind
from build_tools.render import inline
from build_tools.treaties import load_treaties


def _refs(text: str, lang: str = "en") -> list[tuple[str, str, str]]:
    return [(r.kind, r.target, text[r.start:r.end]) for r in _find(text, lang, load_treaties())]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recalling Security Council resolution 2117 (2013) of 26 September 2013,",
         [("resolution", "S/RES/2117(2013)", "2117 (2013)")]),
        # a number with a year in brackets is the Council's, even where the Assembly speaks
        ("Recalling its resolution 78/5 and resolution 2117 (2013),",
         [("resolution", "A/RES/78/5", "78/5"), ("resolution", "S/RES/2117(2013)", "2117 (2013)")]),
        ("in S/RES/2117 (2013) and S/RES/2325(2016),",
         [("resolution", "S/RES/2117(2013)", "S/RES/2117 (2013)"),
          ("resolution", "S/RES/2325(2016)", "S/RES/2325(2016)")]),
        ("Council resolutions 1540 (2004) and 2325 (2016),",
         [("resolution", "S/RES/1540(2004)", "1540 (2004)"), ("resolution", "S/RES/2325(2016)", "2325 (2016)")]),
        ("Human Rights Council resolutions 51/35 of 7 October 2022, 5/1 and 5/2,",
         [("resolution", "A/HRC/RES/51/35", "51/35 of 7 October 2022"),
          ("resolution", "A/HRC/RES/5/1", "5/1"), ("resolution", "A/HRC/RES/5/2", "5/2")]),
        ("water and sanitation, inter alia, Council resolution 57/13,",
         [("resolution", "A/HRC/RES/57/13", "57/13")]),
        ("Economic and Social Council resolution 2023/5 and Council resolution 2021/30,",
         [("resolution", "E/RES/2023/5", "2023/5"), ("resolution", "E/RES/2021/30", "2021/30")]),
        ("Economic and Social Council decision 2024/213,", [("decision", "E/DEC/2024/213", "2024/213")]),
        ("Commission on Human Rights resolution 2005/74,", [("resolution", "E/CN.4/RES/2005/74", "2005/74")]),
        ("its resolutions S-10/2 and ES-11/1 of 2 March 2022,",
         [("resolution", "A/RES/S-10/2", "S-10/2"), ("resolution", "A/RES/ES-11/1", "ES-11/1 of 2 March 2022")]),
        ("Resolution S-10/2.", [("resolution", "A/RES/S-10/2", "S-10/2")]),
        ("its resolutions 48/74 B of 16 December 1993 and 53/77 D,",
         [("resolution", "A/RES/48/74B", "48/74 B of 16 December 1993"), ("resolution", "A/RES/53/77D", "53/77 D")]),
        ("See resolution 2200 A (XXI), annex.", [("resolution", "A/RES/2200(XXI)", "2200 A (XXI)")]),
        ("its decisions 78/540 and 77/512,",
         [("decision", "A/DEC/78/540", "78/540"), ("decision", "A/DEC/77/512", "77/512")]),
        # the body named after the list, or after "and" within the words before it
        ("resolutions 57/36, 58/17 and 60/21 adopted by the Human Rights Council,",
         [("resolution", "A/HRC/RES/57/36", "57/36"), ("resolution", "A/HRC/RES/58/17", "58/17"),
          ("resolution", "A/HRC/RES/60/21", "60/21")]),
        ("the functioning of the Commission and Assembly resolution 61/98,", [("resolution", "A/RES/61/98", "61/98")]),
        ("resolutions S-35/1 and 51/29 adopted by the Human Rights Council,",
         [("resolution", "A/HRC/RES/S-35/1", "S-35/1"), ("resolution", "A/HRC/RES/51/29", "51/29")]),
        ("and the Human Rights Council, in its resolution 4/4 of 30 March 2007,",
         [("resolution", "A/HRC/RES/4/4", "4/4 of 30 March 2007")]),
        ("the work of the Committee, in its resolution 78/5,", [("resolution", "A/RES/78/5", "78/5")]),
        # what follows "of the" is no body: the resolution stays the Assembly's
        ("by its resolution 77/301 of 29 June 2023 of the Independent Institution on Missing Persons,",
         [("resolution", "A/RES/77/301", "77/301 of 29 June 2023")]),
        ("pursuant to resolution 72/55, of the Group of Governmental Experts",
         [("resolution", "A/RES/72/55", "72/55")]),
        ("See A/ES-10/273 and A/RES/ES-11/1.",
         [("document", "A/ES-10/273", "A/ES-10/273"), ("resolution", "A/RES/ES-11/1", "A/RES/ES-11/1")]),
    ],
)
def test_resolutions_of_every_body_link_to_their_symbols(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _refs(text) == expected


def test_the_letter_of_a_part_stays_in_the_label() -> None:
    (ref,) = _find("its resolution 2200 A (XXI),", "en", load_treaties())
    assert (ref.target, ref.title) == ("A/RES/2200(XXI)", "A/RES/2200(XXI) A")
    (ref,) = _find("its resolution 48/74 B,", "en", load_treaties())
    assert (ref.title, ref.url) == ("A/RES/48/74B", "https://undocs.org/en/A/RES/48/74B")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Takes note of resolutions GC(68)/RES/8 and GC(67)/RES/10 A, entitled",
         [("external", "IAEA GC(68)/RES/8", "GC(68)/RES/8"), ("external", "IAEA GC(67)/RES/10 A", "GC(67)/RES/10 A")]),
        ("Commission on Narcotic Drugs resolution 65/2 of 18 March 2022,",
         [("external", "Commission on Narcotic Drugs resolution 65/2", "65/2 of 18 March 2022")]),
        ("in line with United Nations Environment Assembly resolution 5/5,",
         [("external", "United Nations Environment Assembly resolution 5/5", "5/5")]),
        ("Commission on the Status of Women resolutions 51/2 and 49/7,",
         [("external", "Commission on the Status of Women resolution 51/2", "51/2"),
          ("external", "Commission on the Status of Women resolution 49/7", "49/7")]),
        ("Recalling resolution 9/8 of 17 December 2021 of the Conference of the States Parties,",
         [("external", "Conference of the States Parties resolution 9/8", "9/8 of 17 December 2021")]),
        ("paragraph (d) of Statistical Commission decision 53/113,",
         [("external", "Statistical Commission decision 53/113", "53/113")]),
    ],
)
def test_texts_of_other_bodies_are_recognised_without_a_link(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    found = _find(text, "en", load_treaties())
    assert [(r.kind, r.target, text[r.start:r.end]) for r in found] == expected
    assert all(r.url == "" for r in found)
    assert "](" not in inline(text, found)  # shown as printed, not as a link


@pytest.mark.parametrize(
    "text",
    [
        "paragraph 5 (a) of the report",
        "operative paragraph 5 (2013)",
        "document CBD/COP/15/17, decision 15/4, annex",  # another body's decision, unnamed
        "its resolution 5/1",  # the Assembly numbered so only from its thirty-first session
        "General Assembly resolution 2023/5",  # no Assembly resolution has a year for session
    ],
)
def test_numbers_that_are_no_known_resolution_are_not_linked(text: str) -> None:
    assert [r for r in _find(text, "en", load_treaties()) if r.url] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("回顾安全理事会第2117(2013)号决议", [("resolution", "S/RES/2117(2013)", "第2117(2013)号")]),
        ("安全理事会第1540（2004）号和第2325（2016）号决议",
         [("resolution", "S/RES/1540(2004)", "第1540（2004）号"),
          ("resolution", "S/RES/2325(2016)", "第2325（2016）号")]),
        ("人权理事会第51/35号和第5/1号决议",
         [("resolution", "A/HRC/RES/51/35", "第51/35号"), ("resolution", "A/HRC/RES/5/1", "第5/1号")]),
        ("经济及社会理事会第2023/5号决议", [("resolution", "E/RES/2023/5", "第2023/5号")]),
        ("大会第S-10/2号和第ES-11/1号决议",
         [("resolution", "A/RES/S-10/2", "第S-10/2号"), ("resolution", "A/RES/ES-11/1", "第ES-11/1号")]),
        ("第48/74 B号决议", [("resolution", "A/RES/48/74B", "第48/74 B号")]),
        ("第78/540号决定", [("decision", "A/DEC/78/540", "第78/540号")]),
        ("联合国环境大会第5/5号决议", [("external", "联合国环境大会第5/5号决议", "第5/5号")]),
        ("回顾联合国环境大会第5/5号决议", [("external", "联合国环境大会第5/5号决议", "第5/5号")]),
        # the Assembly named after the paragraph's opening phrase, verb or a connective
        ("回顾大会2021年12月24日第76/234号决议", [("resolution", "A/RES/76/234", "2021年12月24日第76/234号")]),
        ("又回顾大会第2758(XXVI)号决议", [("resolution", "A/RES/2758(XXVI)", "第2758(XXVI)号")]),
        ("注意到大会第78/1号和第78/2号决议",
         [("resolution", "A/RES/78/1", "第78/1号"), ("resolution", "A/RES/78/2", "第78/2号")]),
        ("根据大会第78/3号决议", [("resolution", "A/RES/78/3", "第78/3号")]),
        ("回顾人权委员会第2005/69号决议", [("resolution", "E/CN.4/RES/2005/69", "第2005/69号")]),
        ("妇女地位委员会第60/2号决议", [("external", "妇女地位委员会第60/2号决议", "第60/2号")]),
    ],
)
def test_chinese_forms(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = _find(text, "zh", load_treaties())
    assert [(r.kind, r.target, text[r.start:r.end]) for r in found] == expected
    assert all(r.url.startswith("https://undocs.org/ch/") for r in found if r.kind != "external")


def _reference(kind: ReferenceKind, target: str, url: str = "") -> Reference:
    return Reference(0, 1, kind, target, url, target)


def test_every_kind_has_its_own_place_in_exports_and_cites() -> None:
    """Each kind reaches a branch of its own: an external text is no treaty in the AKN
    export and is filed with the documents, not the treaties, in the "Cites" list."""
    registry = load_treaties()
    external = _reference("external", "IAEA GC(69)/RES/7")
    assert reference_href(external) == "/akn/int/doc/iaea-gc-69-res-7"
    assert target_of(external, registry) == Target("external", "IAEA GC(69)/RES/7")
    assert Target("external", "IAEA GC(69)/RES/7").group == "documents"
    hrc = _reference("resolution", "A/HRC/RES/51/35", "https://undocs.org/en/A/HRC/RES/51/35")
    assert reference_href(hrc) == "/akn/un/statement/resolution/a-hrc-res-51-35"
    sc = _reference("resolution", "S/RES/2117(2013)", "https://undocs.org/en/S/RES/2117(2013)")
    assert reference_href(sc) == "/akn/un/statement/resolution/s-res-2117-2013"
    groups = {kind: Target(kind, "x").group for kind in typing.get_args(ReferenceKind)}
    assert groups == {"resolution": "resolutions", "decision": "resolutions", "document": "documents",
                      "external": "documents", "treaty": "treaties", "treaty-series": "treaties"}


@pytest.mark.parametrize(
    ("head", "lang", "named"),
    [
        ("Recalling Security Council ", "en", Named("sc", "Security Council")),
        ("Recalling the United Nations Security Council ", "en",
         Named("sc", "United Nations Security Council")),  # the longest name
        ("Recalling the ASecurity Council ", "en", Named(None)),  # a whole word, in a spaced language
        ("回顾安全理事会", "zh", Named("sc", "安全理事会")),  # not spaced: after any character
        ("Recalling its ", "en", Named(None)),
    ],
)
def test_a_language_without_rules_names_a_body_by_the_table(head: str, lang: str, named: Named) -> None:
    """What a language described without naming rules gets (:func:`named_by_table`), shown
    on the table's English and Chinese names."""
    assert named_by_table(head, lang) == named


@pytest.mark.parametrize(
    ("tail", "lang", "named"),
    [
        (" Security Council, adopted", "en", Named("sc", "Security Council")),
        ("United Nations Security Council", "en", Named("sc", "United Nations Security Council")),
        ("Security Councils", "en", Named(None)),  # a whole word, in a spaced language
        ("安全理事会第", "zh", Named("sc", "安全理事会")),  # not spaced: before any character
        ("the Council", "en", Named(None)),
    ],
)
def test_a_name_after_the_numbers_is_found_by_the_table(tail: str, lang: str, named: Named) -> None:
    """The same, where a language names the body after the numbers (:func:`named_first_by_table`)."""
    assert named_first_by_table(tail, lang) == named
