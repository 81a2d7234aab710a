"""Every kind of document a session publishes, as a small UN-style PDF of our own making
(tests/un_pdf.py), converted from the PDF, from its PyMuPDF text and from its
``pdftotext -layout`` text: each gives the same model, the one the fixture describes.

A fixture is the smallest document that shows its kind: the masthead, the heading lines,
the front lines of its kind, and a few paragraphs.
"""

from __future__ import annotations

import pytest
from un_fixture import FORMS, Expected, Fixtures, check, draft, resolution
from un_pdf import PITCH, Doc, closing, enacting, heading, line, para, sponsors

G77 = "On behalf of the States Members of the United Nations that are members of the Group of 77 and China."
CHANGES = "Any changes to the list of sponsors will be reflected in the official record of the meeting."


CLOSING = closing("52nd plenary meeting", "4 December 2023")

KINDS: dict[str, tuple[Doc, Expected]] = {
    "one-unnumbered-operative": (
        resolution(
            "78/250", "Report of the Economic and Social Council",
            enacting(),
            para("_Takes note_ of the report of the Economic and Social Council for 2023.{1}"),
            *CLOSING,
            footnotes={"1": "_Official Records of the General Assembly, Seventy-eighth Session, Supplement No. 3_"
                            " (A/78/3)."},
        ),
        Expected("resolution", ("<enacting>", "op1 Takes note", "<meeting>", "<date>"),
                 markers=(("op1", "1", "2023."),)),
    ),
    "parts-i-ii": (
        resolution(
            "78/247", "Report on the activities of the Office of Internal Oversight Services",
            enacting(),
            heading("I", gap=24.0),
            heading("Activities of the Office of Internal Oversight Services", gap=PITCH),
            para("_Recalling_ its resolutions 48/218 B of 29 July 1994 and 54/244 of 23 December 1999,"),
            para("_Having considered_ the report of the Office of Internal Oversight Services on its activities,"),
            para("_Reaffirms_ its primary role in the consideration of and action taken on reports submitted to it;",
                 "1."),
            para("_Requests_ the Secretary-General to ensure the full implementation of the recommendations of the "
                 "Office;", "2."),
            heading("II", gap=24.0),
            heading("Activities of the Independent Audit Advisory Committee", gap=PITCH),
            para("_Recalling_ its resolution 61/275 of 29 June 2007,"),
            para("_Takes note_ of the report of the Independent Audit Advisory Committee;", "1."),
            para("_Decides_ to keep the matter under review.", "2."),
            *CLOSING,
            committee="on the report of the Fifth Committee (A/78/645, para. 6)",
        ),
        Expected("resolution", (
            "<enacting>", "<part>", "<part-title>", "i-pp1 Recalling", "i-pp2 Having considered", "i-op1 Reaffirms",
            "i-op2 Requests", "<part>", "<part-title>", "ii-pp1 Recalling", "ii-op1 Takes note", "ii-op2 Decides",
            "<meeting>", "<date>")),
    ),
    "parts-a-b": (
        resolution(
            "78/253", "Special subjects relating to the proposed programme budget for 2024",
            heading("A", gap=24.0),
            heading("Revised estimates relating to the Human Rights Council", gap=PITCH),
            enacting(gap=PITCH + 6.0),
            para("_Having considered_ the report of the Secretary-General on the revised estimates,"),
            para("_Approves_ the revised estimates for 2024;", "1."),
            heading("B", gap=24.0),
            heading("Unforeseen and extraordinary expenses for 2024", gap=PITCH),
            enacting(gap=PITCH + 6.0),
            para("_Having considered_ the report of the Secretary-General on unforeseen expenses,"),
            para("_Authorizes_ the Secretary-General to enter into commitments;", "1."),
            para("_Decides_ that the commitments shall be reported to it.", "2."),
            *CLOSING,
            committee="on the report of the Fifth Committee (A/78/650, para. 7)",
        ),
        Expected("resolution", (
            "<part>", "<part-title>", "<enacting>", "a-pp1 Having considered", "a-op1 Approves",
            "<part>", "<part-title>", "<enacting>", "b-pp1 Having considered", "b-op1 Authorizes", "b-op2 Decides",
            "<meeting>", "<date>")),
    ),
    "declaration-annex": (
        resolution(
            "79/2", "Political declaration of the high-level meeting on antimicrobial resistance",
            enacting("The General Assembly"),
            para("_Adopts_ the following political declaration of the high-level meeting on antimicrobial "
                 "resistance:"),
            *closing("5th plenary meeting", "7 October 2024"),
            heading("Annex", gap=24.0),
            heading("Political declaration of the high-level meeting on antimicrobial resistance"),
            para("We, Heads of State and Government, assembled at United Nations Headquarters on 26 September "
                 "2024, commit to act:", "1."),
            heading("I. Global context"),
            para("Recognize that antimicrobial resistance is one of the most urgent global health threats;", "2."),
            para("Commit to sustained action at the national, regional and global levels;", "3."),
        ),
        Expected("resolution", (
            "<enacting>", "op1 Adopts", "<meeting>", "<date>", "<annex>", "<annex-title>", "annex-op1",
            "<heading>", "annex-op2", "annex-op3")),
    ),
    "plenary-draft-group-of-77": (
        draft(
            "A/80/L.23", sponsors("Iraq:{*} draft resolution"),
            "International cooperation on humanitarian assistance in the field of natural disasters",
            enacting(),
            para("_Reaffirming_ its resolution 46/182 of 19 December 1991,"),
            para("_Recognizing_ the importance of international cooperation in support of the efforts of "
                 "affected States,"),
            para("_Calls upon_ States to implement the Sendai Framework for Disaster Risk Reduction 2015–2030;",
                 "1."),
            para("_Requests_ the Secretary-General to report to it at its eighty-first session.", "2."),
            footnotes={"*": G77},
        ),
        Expected("draft-resolution", (
            "<enacting>", "pp1 Reaffirming", "pp2 Recognizing", "op1 Calls upon", "op2 Requests"),
            sponsors=("Iraq",), markers=(("sponsors", "*", "Iraq:"),)),
    ),
    "vice-chair-draft": (
        draft(
            "A/C.2/80/L.44",
            line("Draft resolution submitted by the Vice-Chair of the Committee, Weronika Garbacz (Poland), on the "
                 "basis of informal consultations on draft resolution A/C.2/80/L.21", style="b", gap=30.0,
                 role="front"),
            "Financial inclusion for sustainable development",
            enacting(),
            para("_Guided_ by the purposes and principles enshrined in the Charter of the United Nations,"),
            para("_Recognizes_ that financial inclusion is a key enabler of sustainable development;", "1."),
            para("_Decides_ to include the sub-item in the provisional agenda of its eighty-second session.", "2."),
            committee="Second Committee",
        ),
        Expected("draft-resolution", ("<enacting>", "pp1 Guided", "op1 Recognizes", "op2 Decides")),
    ),
    "revised-draft": (
        draft(
            "A/C.1/80/L.53/Rev.1", sponsors("China, Pakistan and Russian Federation: revised draft resolution"),
            "Promoting international cooperation on peaceful uses in the context of international security",
            enacting(),
            para("_Recalling_ its resolution 76/234 of 24 December 2021,"),
            para("_Encourages_ all States to promote international cooperation on peaceful uses;", "1."),
            para("_Decides_ to include in the provisional agenda of its eighty-first session the item.", "2."),
            committee="First Committee",
        ),
        Expected("revised-draft-resolution", ("<enacting>", "pp1 Recalling", "op1 Encourages", "op2 Decides"),
                 sponsors=("China", "Pakistan", "Russian Federation")),
    ),
    "draft-decision": (
        draft(
            "A/C.3/80/L.61",
            line("Draft decision submitted by the Chair of the Committee", style="b", gap=30.0, role="front"),
            "Report of the Human Rights Council",
            para("The General Assembly, taking note of the report of the Secretary-General,{1} decides to defer "
                 "consideration of the question to its eighty-first session."),
            footnotes={"1": "A/80/310."},
            committee="Third Committee",
        ),
        Expected("draft-decision", ("op1",), markers=(("op1", "1", "Secretary-General,"),)),
    ),
    "amendment": (
        draft(
            "A/80/L.30", sponsors("Belarus:{*} amendment to draft resolution A/80/L.27"),
            "Promoting international cooperation on peaceful uses",
            para("In the second preambular paragraph, replace “welcomes” with “notes”.", "1.", hung=True),
            para("After operative paragraph 4, insert a new operative paragraph reading:", "2.", hung=True),
            para("_Encourages_ all States to strengthen their cooperation on peaceful uses;"),
            para("In operative paragraph 6, delete “and welcomes”.", "3.", hung=True),
            footnotes={"*": CHANGES},
        ),
        Expected("amendment", ("op1", "op2", "op2-p1", "op3"), sponsors=("Belarus",),
                 markers=(("sponsors", "*", "Belarus:"),)),
    ),
}

KNOWN_WRONG: dict[tuple[str, str], str] = {
}
"""Fixtures the converter gets wrong today, by (fixture, form): what it does instead."""


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> Fixtures:
    return Fixtures(tmp_path_factory.mktemp("kinds"))


def _cases() -> list[object]:
    cases: list[object] = []
    for name in KINDS:
        for form in FORMS:
            reason = KNOWN_WRONG.get((name, form))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(name, form, id=f"{name}-{form}", marks=marks))
    return cases


@pytest.mark.parametrize(("name", "form"), _cases())
def test_each_kind_converts_to_its_model(fixtures: Fixtures, name: str, form: str) -> None:
    doc, expected = KINDS[name]
    check(fixtures.convert(name, doc, form), doc, expected, form)


def test_the_fixture_pdfs_are_set_as_un_pdfs(fixtures: Fixtures) -> None:
    """The generated PDF is laid out as the official ones: a masthead above the rules on
    page 1, the body in 10 pt Times with italic openings, footnote markers raised."""
    from build_tools.pdf import read_pdf

    doc, _ = KINDS["one-unnumbered-operative"]
    source, pages = read_pdf(fixtures.files("one-unnumbered-operative", doc)["pdf"], "en", "x")
    first = pages[0]
    assert first[0].text.text == "United Nations    A/RES/78/250"
    assert first[0].geometry is not None and len(first[0].geometry.rules) == 3
    body = next(line for line in first if line.text.text.startswith("Takes note"))
    assert body.size == 10.0 and body.italic == ((0, 10),) and body.x0 == pytest.approx(147.0, abs=1.0)
    assert body.superscripts and body.text.text[body.superscripts[0][0]:] == "1"
    assert "\f" in source.text


def test_fixture_files_are_written_once(fixtures: Fixtures) -> None:
    doc, _ = KINDS["amendment"]
    first = fixtures.files("amendment", doc)
    stamp = first["pdf"].stat().st_mtime_ns
    again = fixtures.files("amendment", doc)
    assert again == first and again["pdf"].stat().st_mtime_ns == stamp
