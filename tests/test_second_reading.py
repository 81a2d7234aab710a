"""The second reading (build_tools/second_reading.py): a PDF read again by poppler and held
against the published text. A line the converter drops, a running header it keeps and a
footnote it leaves in a paragraph are each reported with their page and line; what the two
readings may legitimately differ in (hyphenation, quotes, markers, a word split in two) is
not. Fixtures are small UN-style PDFs (tests/un_pdf.py); the converter is made to go wrong
by changing one of its zone rules for the test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from un_fixture import resolution
from un_pdf import Block, Doc, closing, enacting, heading, page_break, para, write_pdf

from build_tools import second_reading, zones
from build_tools.clean_text import CleanText
from build_tools.collection import convert_file
from build_tools.diagnostics import Diagnostic
from build_tools.layout import ingest_layout
from build_tools.meta import Meta
from build_tools.pdf import read_pdf
from build_tools.second_reading_pages import available, parse, run_poppler, zone

pytestmark = pytest.mark.skipif(not available(), reason="pdftotext (Debian's poppler-utils) is not installed")

NAME = "Promotion of a culture of peace"
DOC = resolution(
    "78/130", NAME,
    enacting(),
    para("_Recalling_ its resolutions on a culture of peace, in particular its resolution 53/243 of 13 September "
         "1999,{1} by which it adopted the “Declaration and Programme of Action on a Culture of Peace”, and the "
         "inter-\nnational days for a culture of peace, and the reports of the Secretary-General,"),
    para("_Noting_ the ‘high-level forums’ on the culture of peace convened by the President of the General "
         "Assembly, which have brought together Member States and civil society,"),
    page_break(),
    para("_Recognizing_ the importance of the entities of the United Nations system in the promotion of a culture "
         "of peace at the national, regional and international levels, and of the role of civil society,{2}"),
    para("_Invites_ Member States to continue to place greater emphasis on and expand their activities promoting "
         "a culture of peace.", "1."),
    *closing("52nd plenary meeting", "4 December 2023"),
    footnotes={"1": "See resolution 53/243 A and B.", "2": "See A/78/254, sect. II."},
)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_pdf(DOC, tmp_path_factory.mktemp("reading") / "en.pdf")


def _clean(path: Path) -> CleanText:
    source, pages = read_pdf(path, "en", "doc/en.pdf")
    return ingest_layout(source, "pdf", pages)


def _found(path: Path) -> list[tuple[str, str, str]]:
    """``(code, where, words)`` of each difference: where is ``PDF page N, line M``."""
    found = []
    for diagnostic in second_reading.check(path, _clean(path)):
        where = re.search(r"PDF page \d+, line \d+", diagnostic.expected)
        found.append((diagnostic.code, where.group() if where else "", diagnostic.found))
    return found


def _line_of(path: Path, page: int, text: str) -> int:
    """The number poppler's reading gives the printed line of ``page`` that holds ``text``."""
    rows = zone(parse(run_poppler(path)))[page - 1].rows
    return next(row.number for row in rows if text in row.text)


def test_a_faithful_conversion_differs_in_nothing(pdf: Path) -> None:
    # hyphenation at a line's end, curly quotes, raised markers, the masthead, the footers
    assert _found(pdf) == []
    text = " ".join(block.text.text for block in _clean(pdf).blocks)
    assert "“Declaration" in text and "‘high-level forums’" in text
    assert "inter-national days" in text  # poppler reads "inter-" and "national" on two lines
    assert ">inter-</word>" in run_poppler(pdf)


def test_a_dropped_line_is_reported_with_its_page_and_line(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the converter takes page 2's first line of text for running header
    first = _line_of(pdf, 2, "Recognizing")
    real = zones._header_bottom
    monkeypatch.setattr(zones, "_header_bottom", lambda pages, size: real(pages, size) + 12.0)
    found = _found(pdf)
    assert found and all(code == "reading.dropped" for code, _, _ in found), found
    assert found[0][1] == f"PDF page 2, line {first}"
    assert "Recognizing the importance" in found[0][2]


def test_a_kept_running_header_is_reported(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zones, "_header_bottom", lambda pages, size: 0.0)
    found = _found(pdf)
    assert [(code, where) for code, where, _ in found] == [("reading.kept-furniture", "PDF page 2, line 1")], found
    assert "A/RES/78/130" in found[0][2] and NAME.split()[0] in found[0][2]


def test_a_footnote_left_in_a_paragraph_is_reported(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the converter sees no separator: the notes are read as body text
    monkeypatch.setattr(zones, "SEPARATOR", re.compile(r"(?!)"))
    found = _found(pdf)
    codes = {code for code, _, _ in found}
    assert "reading.footnote-in-text" in codes, found
    notes = [(where, words) for code, where, words in found if code == "reading.footnote-in-text"]
    assert any("See resolution 53/243" in words and where.startswith("PDF page 1, line ")
               for where, words in notes), notes
    assert any("A/78/254" in words and where.startswith("PDF page 2, line ") for where, words in notes), notes


def test_a_word_split_otherwise_is_no_difference(pdf: Path) -> None:
    # poppler may split a word PDFium reads whole (``w omen``), or glue two: the same letters
    xhtml = run_poppler(pdf)
    split, count = re.subn(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">Programme</word>',
                           r'<word xMin="\1" yMin="\2" xMax="\3" yMax="\4">Progr</word>'
                           r'<word xMin="\1" yMin="\2" xMax="\3" yMax="\4">amme</word>', xhtml)
    assert count == 1
    assert second_reading.compare(zone(parse(split)), _clean(pdf)) == []
    # a word on the same printed line that the published text does not have
    dropped = re.sub(r'(<word xMin="[\d.]+" (yMin="[\d.]+") xMax="[\d.]+" (yMax="[\d.]+")>Programme</word>)',
                     r'\1<word xMin="500" \2 xMax="510" \3>Lost</word>', xhtml)
    differences = second_reading.compare(zone(parse(dropped)), _clean(pdf))
    assert [(d.code, d.found) for d in differences] == [("reading.dropped", "'Lost' left out")]


def test_it_runs_in_every_conversion_of_a_pdf(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zones, "_header_bottom", lambda pages, size: 0.0)
    document = convert_file(pdf, "en", Meta("doc/meta.yml"), "doc", "doc/en.pdf").document
    assert [d.code for d in document.diagnostics if d.code.startswith("reading.")] == ["reading.kept-furniture"]
    assert all(d.severity.value == "warning" for d in document.diagnostics)


def test_without_poppler_it_is_said_once_and_nothing_fails(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(second_reading, "available", lambda: False)
    assert second_reading.check(pdf, _clean(pdf)) == []
    notice = second_reading.unavailable_notice()
    assert notice is not None and "poppler-utils" in notice and "apt-get install" in notice


def test_a_reading_that_takes_too_long_is_stopped(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools import second_reading_pages

    monkeypatch.setattr(second_reading, "read", lambda path: second_reading_pages.read(path, 1e-6))
    found: list[Diagnostic] = second_reading.check(pdf, _clean(pdf))
    assert [(d.code, d.severity.value) for d in found] == [("reading.failed", "warning")]
    assert "took more than" in found[0].found


# --- the converter: a table's rules and notes are not a footnote separator -------------------

_TABLE = ("Gross", "Estimated appropriation for 2024 63 930 800", "Revised estimates 3 704 800",
          "Net contributions assessed on Member States 55 107 500")


def _small(text: str, gap: float) -> Block:
    """A line of a table, in the notes' type size."""
    return Block(text, first=123.5, gap=gap, size=8.5, pitch=10.5, justify=False)


def _table_doc() -> Doc:
    rows = [_small(text, gap=14.0) for text in _TABLE]
    body = (
        enacting(),
        para("_Recalling_ its resolution 77/262 of 30 December 2022,{1}"),
        para("_Decides_ to appropriate the amounts set out in the annex to the present resolution.", "1."),
        *closing("50th plenary meeting", "22 December 2023"),
        page_break(),
        *(para(f"_Noting_ paragraph {n} of the report of the Advisory Committee on Administrative and Budgetary "
               "Questions on the financing of the Mechanism for the biennium,") for n in range(1, 13)),
        heading("Annex"),
        *rows,
        _small("a See A/78/534.", gap=24.0),
    )
    doc = resolution("78/249", "Financing of the Mechanism", *body,
                     footnotes={"1": "Resolution 77/262 of the General Assembly."})
    return doc


def test_a_tables_rules_and_notes_are_not_a_footnote_separator(tmp_path: Path) -> None:
    from un_layout import layout

    doc = _table_doc()
    page = layout(doc)[-1]
    y = {next(text for text in (*_TABLE, "a See") if text in "".join(ln.text)): ln.runs[0].y for ln in page.body
         if any(text in "".join(ln.text) for text in (*_TABLE, "a See"))}
    # a row of column rules under the heading "Gross", a centred rule above the table's note
    drawn = ((y["Gross"] + 3.0, 123.5, 380.0), (y["Gross"] + 3.0, 390.0, 440.0),
             (y["a See"] - 12.0, 270.0, 342.0))
    path = write_pdf(Doc(doc.symbol, doc.blocks, doc.footnotes, running_title=doc.running_title,
                         drawn={2: drawn}), tmp_path / "en.pdf")
    clean = _clean(path)
    assert [note.text.text for note in clean.footnotes] == ["Resolution 77/262 of the General Assembly."]
    texts = [block.text.text for block in clean.blocks]
    assert all(any(row in text for text in texts) for row in _TABLE[1:]), texts
    assert second_reading.check(path, clean) == []


# --- real documents ---------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-dev"


def _sample() -> list[Path]:
    if not CORPUS.is_dir():
        pytest.skip(f"../shared/corpus-dev (400 real documents) is not here: {CORPUS}")
    return sorted(CORPUS.glob("*.en.pdf"))[::16]


def _differences(pdf: Path) -> list[Diagnostic]:
    from build_tools.report import convert_one

    row = convert_one((pdf.name.removesuffix(".en.pdf"), pdf, "pdf", "en"))
    return [d for d in row.diagnostics if d.code in second_reading.DIFFERENCES]


def test_real_documents_read_twice_agree() -> None:
    """A sample of the 400 real PDFs: the published text is what poppler reads, word for word."""
    found = {pdf.name: _differences(pdf) for pdf in _sample()}
    assert len(found) >= 20
    assert not any(found.values()), "\n".join(str(d) for ds in found.values() for d in ds)


def test_real_documents_show_a_line_the_converter_drops(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same sample with the converter's running-header rule set a line too low: every
    document of more than one page is reported, at the line it lost."""
    real = zones._header_bottom
    monkeypatch.setattr(zones, "_header_bottom", lambda pages, size: real(pages, size) + 12.0)
    for pdf in _sample():
        pages = len(run_poppler(pdf).split("<page ")) - 1
        codes = {d.code for d in _differences(pdf)}
        assert ("reading.dropped" in codes) == (pages > 1), (pdf.name, pages, codes)
