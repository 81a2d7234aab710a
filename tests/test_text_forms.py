"""What text extractions do to a UN document that its PDF does not show: each case is a
small UN-style PDF (tests/un_pdf.py), its PyMuPDF text and its ``pdftotext -layout`` text,
the text edited the way the extraction garbles real documents, then converted. The PDF's
glyph sizes are lost in text, so footnote markers are decided from the footnote numbering
(with a located warning where that is a guess), paragraphs from indentation and sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from un_doc import sponsors
from un_fixture import Expected, Located, Result, check, draft, resolution
from un_pdf import Doc, closing, enacting, heading, page_break, para, write_layout, write_pdf, write_pymupdf

from build_tools.collection import convert_file
from build_tools.diagnostics import DiagnosticError
from build_tools.meta import Meta
from build_tools.source import read_source
from build_tools.zones import is_furniture

TEXT_FORMS = ("pymupdf", "layout")
CLOSING = closing("52nd plenary meeting", "4 December 2023")

Edit = Callable[[str], str]


def _convert(tmp_path: Path, doc: Doc, form: str, edit: Edit | None = None) -> Result:
    pdf = write_pdf(doc, tmp_path / "en.pdf")
    path = tmp_path / form / "en.txt"
    path.parent.mkdir()
    if form == "pymupdf":
        write_pymupdf(doc, path)
    elif write_layout(pdf, path) is None:
        pytest.skip("pdftotext (Debian's poppler-utils) is not installed")
    if edit is not None:
        original = path.read_text(encoding="utf-8")
        edited = edit(original)
        assert edited != original, "the edit must find the extraction's text to garble"
        path.write_text(edited, encoding="utf-8")
    shown = f"{form}/en.txt"
    source = read_source(path, "en", shown).text
    try:
        converted = convert_file(path, "en", Meta("meta.yml"), "doc", shown)
    except DiagnosticError as error:
        return Result(None, error.diagnostics, source)
    return Result(converted.document, converted.document.diagnostics, source)


def _replace(*pairs: tuple[str, str]) -> Edit:
    """Each ``old`` (whitespace between its words as the extraction has it) made ``new``."""
    def edit(text: str) -> str:
        for old, new in pairs:
            pattern = r"\s+".join(re.escape(word) for word in old.split(" "))
            text, count = re.subn(pattern, new, text, count=1)
            assert count == 1, f"{old!r} is not in the extracted text"
        return text
    return edit


MARKERS = resolution(
    "78/140", "Sustainable development",
    enacting(),
    para("_Reaffirming_ the Agenda 21{1} and the principles set out therein, and the Paris Agreement{2} and "
         "its early entry into force,"),
    para("_Recalling_ the report of the Board of Inquiry{3} into the strikes, which found that 5.3 million "
         "persons had been displaced,"),
    para("_Calls upon_ States to implement the Agreement.", "1."),
    *CLOSING,
    footnotes={"1": "Report of the Conference on Environment and Development, annex II.",
               "2": "Adopted under the Framework Convention, decision 1/CP.21.",
               "3": "See S/2020/278, annex."},
)
MARKERS_EXPECTED = Expected(
    "resolution", ("<enacting>", "pp1 Reaffirming", "pp2 Recalling", "op1 Calls upon", "<meeting>", "<date>"),
    markers=(("pp1", "1", "21"), ("pp1", "2", "Agreement"), ("pp2", "3", "Inquiry")),
    diagnostics=(Located("ingest.marker-inferred", "warning", "1 and the principles"),
                 Located("ingest.marker-inferred", "warning", "2and its")),
)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_markers_glued_to_the_next_word_or_to_a_number(tmp_path: Path, form: str) -> None:
    """The raised digit glued to the word after it (``Agreement 2and``: the space went
    before the digit), to a number (``Agenda 211``: 21 and the marker 1), and a decimal
    (``5.3 million``) that is no marker though footnote 3 is on the page: each footnote
    gets its own marker, the text keeps every word, the guesses are reported where they are."""
    edit = _replace(("Agreement2 and", "Agreement 2and"), ("Inquiry3 into", "Inquiry 3 into"))
    check(_convert(tmp_path, MARKERS, form, edit), MARKERS, MARKERS_EXPECTED, form)


HEADED = resolution(
    "79/314", "Our ocean, our future",
    enacting(),
    para("_Recalling_ its resolution 78/1 of 2024,"),
    para("_Adopts_ the declaration annexed to the present resolution.", "1."),
    heading("Promoting sustainable ocean-based economies"),
    para("_Recognizes_ the opportunities offered by sustainable ocean-based economies for States, especially "
         "developing countries and particularly small island developing States.", "2."),
    para("_Decides_ to remain seized of the matter.", "3."),
    *CLOSING,
)
HEADED_EXPECTED = Expected(
    "resolution", ("<enacting>", "pp1 Recalling", "op1 Adopts", "<heading>", "op2 Recognizes", "op3 Decides",
                   "<meeting>", "<date>"),
)
HEADING_ON_THE_NUMBERED_LINE = {
    # PyMuPDF: the number on the line of the text, no blank line under the heading
    "pymupdf": (r"(Promoting sustainable ocean-based economies) \n \n2\. \n", r"\1 \n2. "),
    # pdftotext -layout: a blank line over the heading, the paragraph at the heading's indent
    "layout": (r"\n( +)(Promoting sustainable ocean-based economies)\n +2\. +", r"\n\n\1\2\n\g<1>2. "),
}


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_numbered_paragraph_right_under_a_subheading(tmp_path: Path, form: str) -> None:
    """A subheading of a declaration's numbered paragraphs, with the paragraph on the next
    line at the same indent and no blank line between: the heading is a line of its own and
    the paragraph keeps its number (not ``op2`` run into the heading, then a numbering gap)."""
    pattern, replacement = HEADING_ON_THE_NUMBERED_LINE[form]

    def edit(text: str) -> str:
        return re.sub(pattern, replacement, text, count=1)
    check(_convert(tmp_path, HEADED, form, edit), HEADED, HEADED_EXPECTED, form)


@pytest.mark.parametrize(("line", "furniture"), [
    ("25-17755 (E)    121125", True),
    ("25-17755* (E)    121125", True),  # a reissue: the job number carries the asterisk of its note
    ("*2517755*", True),
    ("2/5", True),
    ("25-17755* of the States concerned", False),  # never body text that resembles furniture
])
def test_footer_furniture_by_its_exact_form(line: str, furniture: bool) -> None:
    """In text, where no position tells the footer (a PDF's footer is found by where it stands)."""
    assert is_furniture(line, reissue=True) is furniture


HUNG = resolution(
    "80/4", "Landlocked developing countries",
    enacting(),
    para("_Recalling_ its resolution 78/1 of 2024,"),
    para("We welcome the convening of the Conference.", "1."),
    heading("II. Implementation of the Awaza Programme of Action for Landlocked Developing Countries for the "
            "Decade 2024–2034"),
    para("We strongly commit ourselves to the full implementation of the Awaza Programme of Action.", "2."),
    para("We reaffirm our commitment to the deliverables.", "3."),
    *CLOSING,
)


def test_labelled_heading_on_two_lines_then_a_numbered_paragraph(tmp_path: Path) -> None:
    """``pdftotext -layout`` of a labelled heading that wraps: its second line stands under
    the heading's text, the numbered paragraph right under it at the label's indent. The
    heading is one line of the model and the paragraph keeps its number."""
    def edit(text: str) -> str:
        return re.sub(
            r"\n( +)II\. Implementation of the Awaza Programme of Action for Landlocked Developing\n"
            r" +Countries for the Decade 2024–2034\n +2\. +",
            "\n\n\\1II.   Implementation of the Awaza Programme of Action for Landlocked\n"
            "\\1      Developing Countries for the Decade 2024–2034\n\\g<1>2. ", text, count=1)
    expected = Expected("resolution", ("<enacting>", "pp1 Recalling", "op1", "<heading>", "op2", "op3",
                                       "<meeting>", "<date>"))
    check(_convert(tmp_path, HUNG, "layout", edit), HUNG, expected, "layout")


NUMBER_ATOP_A_PAGE = draft(
    "A/80/L.4", sponsors("Turkmenistan: draft resolution"), "Awaza Political Declaration",
    enacting(),
    para("_Endorses_ the Awaza Political Declaration annexed to the present resolution;", "1."),
    para("_Decides_ to remain seized of the matter.", "2."),
    page_break(),
    heading("Annex", gap=24.0),
    heading("Awaza Political Declaration"),
    para("We, the Heads of State and Government, met in Awaza in August 2025.", "1."),
    page_break(),
    para("We welcome the Awaza Programme of Action for Landlocked Developing Countries.", "2."),
    para("We gather at a critical juncture marked by overlapping global challenges.", "3."),
)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_paragraph_number_atop_a_page_is_no_running_header(tmp_path: Path, form: str) -> None:
    """A draft has no running title: its later pages print only the symbol at the top. A
    paragraph number that opens a page (``2.``, as PyMuPDF sets it on a line of its own) is
    text even where the first page has a line ``2.`` too; only a title of two words or more
    is taken for a running title from the first page."""
    expected = Expected("draft-resolution", ("<enacting>", "op1 Endorses", "op2 Decides", "<annex>",
                                             "<annex-title>", "annex-op1", "annex-op2", "annex-op3"),
                        sponsors=("Turkmenistan",))
    check(_convert(tmp_path, NUMBER_ATOP_A_PAGE, form), NUMBER_ATOP_A_PAGE, expected, form)


REPEATED_LINE = draft(
    "A/80/L.6", sponsors("Turkmenistan: draft resolution"), "Cooperation on transit corridors",
    enacting(),
    para("_Bearing in mind_ the Charter of the United Nations,"),
    para("_Noting_ the work of the landlocked developing countries on transit,"),
    page_break(),
    para("_Bearing in mind_ the Charter of the United Nations,"),
    para("_Decides_ to remain seized of the matter.", "1."),
)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_a_page_opening_with_a_line_of_the_first_page_s_text_keeps_it(tmp_path: Path, form: str) -> None:
    """A draft's later page prints only the symbol at the top. When its first line is the
    same as a line of the first page's text (the same words, or the same wrap of a sentence
    the text repeats), that line is text, not a running title taken from the first page: a
    running title is looked for only above the enacting formula."""
    expected = Expected("draft-resolution", ("<enacting>", "pp1 Bearing in mind", "pp2 Noting",
                                             "pp3 Bearing in mind", "op1 Decides"),
                        sponsors=("Turkmenistan",))
    check(_convert(tmp_path, REPEATED_LINE, form), REPEATED_LINE, expected, form)


CONVENTION = resolution(
    "79/243", "Convention against Cybercrime",
    enacting(),
    para("_Adopts_ the Convention annexed to the present resolution.", "1."),
    *CLOSING,
    heading("Annex", gap=24.0),
    heading("Convention against Cybercrime"),
    heading("Article 1"),
    heading("Statement of purpose"),
    para("The purposes of this Convention are to promote and strengthen measures to prevent crime.", "1."),
    para("This Convention applies to the prevention of the offences it establishes.", "2."),
    page_break(),
    heading("Article 2"),
    heading("Use of terms"),
    para("For the purposes of this Convention, the terms have the meanings given here.", "1."),
    para("Nothing in this Convention affects the obligations of States under other treaties.", "2."),
)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_article_label_atop_a_page(tmp_path: Path, form: str) -> None:
    """An annexed convention's ``Article 2`` opening a page after a paragraph that ended:
    the article begins there (its paragraphs numbered from 1 again), it is not run into the
    last paragraph of the page before."""
    result = _convert(tmp_path, CONVENTION, form)
    assert result.document is not None, "\n".join(str(d) for d in result.diagnostics)
    anchors = [p.anchor for p in result.document.paragraphs]
    assert anchors[-2:] == ["annex-art2-op1", "annex-art2-op2"], anchors
    last = result.document.paragraphs[-3].text
    assert "Article 2" not in last and last.endswith("the offences it establishes."), last


RUNNING_LIST = resolution(
    "80/141", "Education for sustainable development",
    enacting(),
    para("_Recalling_ its resolution 77/1 of 2022,"),
    para("_Encourages_ Governments and other relevant stakeholders to commit to building resilient, inclusive, "
         "quality education systems by (a) providing increased support to teachers and educational personnel; "
         "(b) investing in skills development, decent work and enhanced employability, and full and productive "
         "employment; (c) eradicating poverty and bridging the digital divide; and (d) building emergency "
         "preparedness;", "1."),
    para("_Decides_ to remain seized of the matter.", "2."),
    *CLOSING,
)


@pytest.mark.parametrize("form", TEXT_FORMS)
def test_running_list_item_wrapped_to_a_line_start(tmp_path: Path, form: str) -> None:
    """A paragraph that lists its items in its own sentence (``by (a) providing …; (b) …``),
    where the wrap puts ``(c)`` at the start of a line right after ``employment;``: the item
    continues the paragraph (one label space, at the margin of the wrapped lines), it is no
    sub-paragraph (c) with (a) and (b) missing before it."""
    def edit(text: str) -> str:
        # the line breaks before "(c)", at the indent of the paragraph's wrapped lines
        indent = re.search(r"\n( *)\S[^\n]*\n *\S[^\n]*\(b\) investing", text)
        assert indent is not None
        spaces = "" if form == "pymupdf" else indent.group(1)
        tail = " " if form == "pymupdf" else ""
        return re.sub(r"employment; +\(c\) ", f"employment;{tail}\n{spaces}(c) ", text, count=1)
    expected = Expected("resolution", ("<enacting>", "pp1 Recalling", "op1 Encourages", "op2 Decides",
                                       "<meeting>", "<date>"))
    check(_convert(tmp_path, RUNNING_LIST, form, edit), RUNNING_LIST, expected, form)
