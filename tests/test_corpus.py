"""Real UN documents from ../shared/corpus: every extraction of a document gives one model.

The expected facts below were read off the official PDFs by hand. The corpus is not part
of the project; these tests skip where it is absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_tools.collection import convert_file
from build_tools.conservation import check_ingest, check_model
from build_tools.meta import Meta
from build_tools.model import Document

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real-document corpus is not present at {CORPUS}"
)


@dataclass(frozen=True)
class Expected:
    symbol: str
    kind: str
    date: str
    session: int
    committee: str | None
    agenda_item: str
    sponsors: int
    preambular: int
    operative: int
    footnotes: int
    references: frozenset[str]
    """Targets of the references in paragraphs and footnotes."""


DOCUMENTS = {
    "A_C.1_80_L.21": Expected(
        "A/C.1/80/L.21", "draft-resolution", "2025-10-13", 80, "first", "98", 29, 12, 7, 4,
        frozenset({"bwc", "ccw", "UNTS 1015/14860", "UNTS 1342/22495", "BWC/CONF.IX/9", "A/80/237"}),
    ),
    "A_RES_80_22": Expected(
        "A/RES/80/22", "resolution", "2025-12-01", 80, None, "98", 0, 12, 7, 4,
        frozenset({"bwc", "ccw", "UNTS 1015/14860", "UNTS 1342/22495", "BWC/CONF.IX/9", "A/80/237"}),
    ),
    "A_RES_73_8": Expected(
        "A/RES/73/8", "resolution", "2018-11-01", 73, None, "43", 0, 8, 5, 1,
        frozenset({"charter", "A/73/85"} | {f"A/RES/{s}" for s in (
            "47/19 48/16 49/9 50/10 51/17 52/10 53/4 54/21 55/20 56/9 57/11 58/7 59/11 60/12 "
            "61/11 62/3 63/7 64/6 65/6 66/6 67/4 68/8 69/5 70/5 71/5 72/4").split()}),
    ),
    "A_RES_76_234": Expected(
        "A/RES/76/234", "resolution", "2021-12-24", 76, None, "100", 0, 14, 4, 3,
        frozenset({"npt", "bwc", "cwc", "UNTS 729/10485", "UNTS 1015/14860", "UNTS 1974/33757"}),
    ),
    "A_RES_77_96": Expected(
        "A/RES/77/96", "resolution", "2022-12-07", 77, None, "107", 0, 19, 3, 4,
        frozenset({"A/RES/76/234", "npt", "bwc", "cwc", "UNTS 729/10485", "UNTS 1015/14860",
                   "UNTS 1974/33757", "A/77/96"}),
    ),
}
FILES = sorted(p.name for p in CORPUS.glob("*.en.*") if p.suffix in (".txt", ".pdf")) if CORPUS.is_dir() else []


def _convert(name: str) -> tuple[Document, list[str]]:
    path = CORPUS / name
    lang = "en"
    converted = convert_file(path, lang, Meta(name), "corpus", name)
    problems = [str(d) for d in check_ingest(converted.clean) + check_model(converted.clean, converted.document)]
    return converted.document, problems


@pytest.mark.parametrize("name", FILES)
def test_each_extraction_gives_the_expected_model(name: str) -> None:
    expected = DOCUMENTS[name.split(".en.")[0]]
    document, problems = _convert(name)
    assert problems == []
    assert document.symbol == expected.symbol
    assert document.kind == expected.kind
    assert document.date == expected.date
    assert document.session == expected.session
    assert document.committee == expected.committee
    assert document.agenda_item == expected.agenda_item
    assert len(document.sponsors) == expected.sponsors
    assert len(document.preamble) == expected.preambular
    assert len([p for p in document.operative if p.level == 0]) == expected.operative
    assert len(document.footnotes) == expected.footnotes
    markers = sorted(ref.number for p in document.paragraphs for ref in p.footnotes)
    assert markers == list(range(1, expected.footnotes + 1)), "every footnote attached once"
    targets = {r.target for p in document.paragraphs for r in p.references}
    targets |= {r.target for n in document.footnotes for r in n.references}
    assert targets == expected.references
    text = " ".join(p.text for p in document.paragraphs)
    for furniture in ("(E)", "*", "United Nations General Assembly", "Distr."):
        assert furniture not in text, f"page furniture {furniture!r} in the text"


def _squeezed(document: Document) -> list[tuple[str, str, tuple[int, ...]]]:
    return [(p.anchor, re.sub(r"\s+", "", p.text), tuple(f.number for f in p.footnotes))
            for p in document.paragraphs]


@pytest.mark.parametrize("stem", sorted(DOCUMENTS))
def test_pdf_and_text_extractions_agree(stem: str) -> None:
    names = [n for n in FILES if n.startswith(stem + ".en.")]
    if len(names) < 2:
        pytest.skip(f"only one form of {stem} in the corpus")
    models = {name: _convert(name)[0] for name in names}
    first, *rest = names
    for other in rest:
        assert _squeezed(models[other]) == _squeezed(models[first]), (first, other)
        notes = [re.sub(r"\s+", "", n.text) for n in models[other].footnotes]
        assert notes == [re.sub(r"\s+", "", n.text) for n in models[first].footnotes]
