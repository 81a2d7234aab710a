"""Conservation: nothing but extraction artefacts leaves the text (build_tools/conservation.py).

``check_ingest`` proves every source character is in the clean text or in a recorded
artefact; ``check_model`` proves the model gives the clean blocks back. Both must hold for
the seed and the fixtures, and must catch a text that was tampered with. Property-based
tests generate documents in the interleaved format and check that they come through whole.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.clean_text import CleanText
from build_tools.conservation import check_ingest, check_model
from build_tools.diagnostics import Diagnostic, DiagnosticError
from build_tools.ingest import ingest
from build_tools.meta import Meta
from build_tools.model import Document
from build_tools.parse import parse
from build_tools.source import decode
from build_tools.textmap import MappedText

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interleaved"
ALL_FIXTURES = sorted(path.name for path in FIXTURES.glob("*.txt"))
PARSED_FIXTURES = ["mini.zh.txt", "mini.en.txt", "marker-without-body.zh.txt"]


def load(path: Path) -> CleanText:
    lang = path.name.split(".")[-2]
    return ingest(decode(path.read_bytes(), path.name, lang))


@functools.cache
def seed(lang: str) -> tuple[CleanText, Document]:
    clean = load(SEED / f"{lang}.txt")
    return clean, parse(clean, Meta("meta.yml"), SEED.name)


def conservation(found: list[Diagnostic]) -> Diagnostic:
    assert len(found) == 1, found
    [problem] = found
    assert problem.code == "verify.conservation"
    assert "this is a bug in the converter" in problem.hint
    return problem


def line_of(clean: CleanText, needle: str) -> int:
    """1-based number of the first source line containing ``needle``."""
    return clean.source.text[: clean.source.text.index(needle)].count("\n") + 1


# --- the seed and the fixtures hold -----------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_is_conserved(lang: str) -> None:
    clean, document = seed(lang)
    assert check_ingest(clean) == []
    assert check_model(clean, document) == []


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_fixture_ingest_is_conserved(name: str) -> None:
    assert check_ingest(load(FIXTURES / name)) == []


@pytest.mark.parametrize("name", PARSED_FIXTURES)
def test_fixture_model_is_conserved(name: str) -> None:
    clean = load(FIXTURES / name)
    assert check_model(clean, parse(clean, Meta("meta.yml"), "x")) == []


def test_artefacts_of_the_seed() -> None:
    clean, _ = seed("zh")
    kinds = [a.kind for a in clean.artefacts]
    # Read off zh.txt: 2 separators, 4 footnote numbers, 4 markers, 3 printed URLs.
    assert kinds.count("footnote-separator") == 2
    assert kinds.count("footnote-number") == 4
    assert kinds.count("footnote-marker") == 4
    assert kinds.count("printed-url") == 3
    assert "hyphenation" not in kinds  # Chinese wraps drop no character


# --- tampering is caught ----------------------------------------------------------------


def replace_char(text: MappedText, index: int, char: str) -> MappedText:
    return dataclasses.replace(text, text=text.text[:index] + char + text.text[index + 1 :])


def test_changed_character_in_a_block() -> None:
    clean, _ = seed("zh")
    blocks = list(clean.blocks)
    index = next(i for i, b in enumerate(blocks) if b.text.text.startswith("又重申"))
    block = blocks[index]
    at = block.text.text.index("威胁")  # 全构成威胁， on line 39
    blocks[index] = dataclasses.replace(block, text=replace_char(block.text, at, "危"))
    problem = conservation(check_ingest(dataclasses.replace(clean, blocks=tuple(blocks))))
    assert problem.line == 39
    assert problem.col == clean.source.text.split("\n")[38].index("威胁") + 1
    assert "'危' where the source has '威'" in problem.found


def test_dropped_block() -> None:
    clean, _ = seed("en")
    index = next(i for i, b in enumerate(clean.blocks) if b.text.text.startswith("Reiterating"))
    tampered = dataclasses.replace(clean, blocks=clean.blocks[:index] + clean.blocks[index + 1 :])
    problem = conservation(check_ingest(tampered))
    assert problem.line == line_of(clean, " Reiterating that") == 83
    assert "'Reiterating' missing from the text" in problem.found


def test_dropped_footnote() -> None:
    clean = load(FIXTURES / "mini.zh.txt")
    tampered = dataclasses.replace(clean, footnotes=clean.footnotes[:1])
    problem = conservation(check_ingest(tampered))
    assert problem.line == 46  # " 2 见 A/80/100。"
    assert "missing from the text" in problem.found


def test_unrecorded_artefact() -> None:
    clean = load(FIXTURES / "mini.en.txt")
    tampered = dataclasses.replace(
        clean, artefacts=tuple(a for a in clean.artefacts if a.kind != "printed-url")
    )
    problem = conservation(check_ingest(tampered))
    assert problem.line == 35  # https://undocs.org/en/A/RES/78/123
    assert "https://undocs.org/en/A/RES/78/123" in problem.found


def test_text_used_twice() -> None:
    clean = load(FIXTURES / "mini.zh.txt")
    first = clean.blocks[0]
    tampered = dataclasses.replace(clean, blocks=(first, *clean.blocks))
    problem = conservation(check_ingest(tampered))
    assert problem.line == 1 and "used twice" in problem.found


def test_model_with_a_changed_paragraph() -> None:
    clean, document = seed("zh")
    pp3 = document.preamble[2]
    at = pp3.text.index("履行")  # 履 ends line 31, 行 starts line 33
    changed = dataclasses.replace(pp3, text=pp3.text[:at] + "执" + pp3.text[at + 1 :])
    body = tuple(changed if item is pp3 else item for item in document.body)
    problem = conservation(check_model(clean, dataclasses.replace(document, body=body)))
    line31 = clean.source.text.split("\n")[30]
    assert line31.endswith("国际法，履")
    assert (problem.line, problem.col) == (31, len(line31))
    assert "执行" in problem.found


def test_model_with_a_dropped_paragraph() -> None:
    clean = load(FIXTURES / "mini.en.txt")
    document = parse(clean, Meta("meta.yml"), "x")
    third = document.operative[2]
    tampered = dataclasses.replace(document, body=tuple(item for item in document.body if item is not third))
    problem = conservation(check_model(clean, tampered))
    assert problem.line == 48  # " 3. Decides …", the block the model lacks
    assert "13 blocks in the model for 14" in problem.found  # 6 front lines, the enacting formula, 4 pp, 3 op


def test_model_with_a_changed_footnote() -> None:
    clean = load(FIXTURES / "mini.en.txt")
    document = parse(clean, Meta("meta.yml"), "x")
    notes = (document.footnotes[0], dataclasses.replace(document.footnotes[1], text="See A/80/101."))
    problem = conservation(check_model(clean, dataclasses.replace(document, footnotes=notes)))
    assert problem.line == 54  # " 2 See A/80/100."
    assert problem.found == "footnote 'See A/80/101.'"


# --- generated documents ------------------------------------------------------------------

ZH_CHARS = "海洋观测数据共享技术转让持续发展国际合作安全和平利用会员秘书长报告执行情况区域经验能力建设，、《》"
ZH_LATIN = "ABCxyz"
ZH_OPENINGS = ("回顾", "又回顾", "重申", "认识到", "强调", "关切地注意到")
ZH_VERBS = ("敦促", "鼓励", "决定", "请")
EN_OPENINGS = ("Recalling", "Reaffirming", "Recognizing", "Stressing", "Bearing in mind")
EN_VERBS = ("Urges", "Encourages", "Decides", "Requests")


def is_cjk(char: str) -> bool:
    return ord(char) >= 0x2E80


@dataclass
class Para:
    """One generated paragraph: pieces of text, each optionally followed by a marker."""

    label: str
    pieces: list[str]
    markers: list[int | None]
    lang: str

    def source(self) -> str:
        """As printed: zh markers take a space after them, en markers are glued."""
        out = self.label
        for index, (piece, number) in enumerate(zip(self.pieces, self.markers, strict=True)):
            if self.lang == "en" and index:
                out += " "
            out += piece
            if number is not None:
                out += f"{number} " if self.lang == "zh" else str(number)
        return out.rstrip(" ")

    def clean(self, upto: int | None = None) -> str:
        """The expected clean text (without the label) of pieces[:upto]."""
        pieces = self.pieces[:upto] if upto is not None else self.pieces
        if self.lang == "en":
            return " ".join(pieces)
        out = ""
        for index, piece in enumerate(pieces):
            spaced = (
                index
                and self.markers[index - 1] is not None
                and not is_cjk(out[-1])
                and not is_cjk(piece[0])
            )
            out += (" " if spaced else "") + piece
        return out

    def notes(self) -> list[tuple[int, str]]:
        return [(n, self.clean(i + 1)) for i, n in enumerate(self.markers) if n is not None]


@dataclass
class Generated:
    lang: str
    text: str
    preamble: list[Para]
    operative: list[Para]
    footnotes: list[tuple[int, int, str]] = field(default_factory=list)
    urls: list[tuple[str, int]] = field(default_factory=list)


# Strategies are built once: building them inside the draws is what makes generation slow.
WORDS = {
    "zh": st.lists(st.text(st.sampled_from(ZH_CHARS + ZH_LATIN), min_size=1, max_size=8),
                   min_size=1, max_size=6),
    "en": st.lists(
        st.builds(
            lambda word, comma: word + ("," if comma else ""),
            st.text(st.sampled_from("abcdefgimnoprstuvw"), min_size=1, max_size=7),
            st.booleans(),
        ),
        min_size=1, max_size=6,
    ),
}
MARKS = st.lists(st.integers(0, 3), min_size=7, max_size=7)
"""One value per piece: 0 puts a footnote marker after it."""
WRAPS = st.lists(st.integers(0, 10_000), max_size=4)
OPENINGS = {"zh": st.sampled_from(ZH_OPENINGS), "en": st.sampled_from(EN_OPENINGS)}
VERBS = {"zh": st.sampled_from(ZH_VERBS), "en": st.sampled_from(EN_VERBS)}
LANGS = st.sampled_from(["zh", "en"])
COUNTS = {name: st.integers(low, high) for name, low, high in (
    ("preamble", 1, 4), ("operative", 1, 3), ("urls", 0, 2))}
CUTS = st.lists(st.integers(0, 10_000), max_size=2)


def wraps(draw: st.DrawFn, text: str, lang: str) -> list[str]:
    """Split one printed paragraph into lines at random allowed points."""
    if lang == "en":
        points = [i for i, c in enumerate(text) if c == " "]
    else:
        # Not next to a space (a trailing space ends a paragraph) and not after a digit (a
        # marker at a line end is a known bug, see test_ingest).
        points = [
            i for i in range(1, len(text))
            if text[i - 1] != " " and text[i] != " " and not text[i - 1].isdigit()
        ]
    chosen = sorted({points[i % len(points)] for i in draw(WRAPS)}) if points else []
    lines, start = [], 0
    for point in chosen:
        lines.append(text[start:point])
        start = point + 1 if lang == "en" else point
    lines.append(text[start:])
    return lines


def pieces(
    draw: st.DrawFn, lang: str, first: str, numbers: list[int]
) -> tuple[list[str], list[int | None]]:
    """Random pieces after ``first``; footnote numbers continue ``numbers``."""
    texts = [first, *draw(WORDS[lang])]
    markers: list[int | None] = []
    for mark in draw(MARKS)[: len(texts)]:
        if mark == 0:
            numbers.append(len(numbers) + 1)
        markers.append(numbers[-1] if mark == 0 else None)
    return texts, markers


@st.composite
def documents(draw: st.DrawFn) -> Generated:
    lang = draw(LANGS)
    numbers: list[int] = []
    preamble, operative = [], []
    for _ in range(draw(COUNTS["preamble"])):
        texts, markers = pieces(draw, lang, draw(OPENINGS[lang]), numbers)
        preamble.append(Para("", texts, markers, lang))
    for number in range(1, draw(COUNTS["operative"]) + 1):
        texts, markers = pieces(draw, lang, draw(VERBS[lang]), numbers)
        operative.append(Para(f"{number}. ", texts, markers, lang))

    # Body lines, with the markers printed on each.
    lines: list[tuple[str, list[int]]] = [(" 大会， " if lang == "zh" else " The General Assembly, ", [])]
    for para in preamble + operative:
        source = para.source()
        wrapped = wraps(draw, source, lang)
        offset = 0
        for index, text in enumerate(wrapped):
            start = source.index(text, offset)
            offset = start + len(text)
            on_line = [
                n for n, m in zip(para.markers, _marker_spans(para, source), strict=True)
                if n is not None and m is not None and start <= m < offset
            ]
            first, last = index == 0, index == len(wrapped) - 1
            lines.append((" " * first + text + " " * last, on_line))

    # Pages of at least 4 lines, so that the empty lines that follow most lines still tell
    # the format apart (detect_format needs 60 % of them).
    bounds = [0]
    for cut in sorted(4 + c % max(1, len(lines) - 7) for c in draw(CUTS)):
        if cut - bounds[-1] >= 4 and len(lines) - cut >= 4:
            bounds.append(cut)
    bounds.append(len(lines))
    out: list[str] = []
    generated = Generated(lang, "", preamble, operative)
    for page, (start, end) in enumerate(itertools.pairwise(bounds), start=1):
        last_page = end == len(lines)
        page_lines = [text for text, _ in lines[start:end]]
        if page > 1 and not page_lines[0].startswith(" "):
            page_lines[0] = "  " + page_lines[0]  # continued paragraph, indented
        notes = sorted(n for _, on_line in lines[start:end] for n in on_line)
        foot: list[str] = []
        if notes:
            foot.append("__________________ ")
            for number in notes:
                words = pieces(draw, lang, "同上" if lang == "zh" else "Ibid.", [])[0]
                body = Para("", words, [None] * len(words), lang)
                wrapped = wraps(draw, body.source(), lang)
                foot += [
                    (f" {number} " if i == 0 else "") + text + (" " if i == len(wrapped) - 1 else "")
                    for i, text in enumerate(wrapped)
                ]
                generated.footnotes.append((number, page, body.clean()))
        urls = [
            f"https://undocs.org/{'ch' if lang == 'zh' else 'en'}/A/RES/7{page}/{i}"
            for i in range(draw(COUNTS["urls"]))
        ]
        generated.urls += [(url, page) for url in urls]
        block = page_lines + foot
        for i, text in enumerate(block):
            ends_page = i == len(block) - 1 and not urls and not last_page
            out.append(text + ("\n" if ends_page else "\n\n"))
        out += [url + "\n" for url in urls]
    generated.text = "".join(out)
    return generated


def _marker_spans(para: Para, source: str) -> list[int | None]:
    """Source offset (within ``source``) of each piece's marker digits."""
    spans: list[int | None] = []
    offset = len(para.label)
    for index, (piece, number) in enumerate(zip(para.pieces, para.markers, strict=True)):
        if para.lang == "en" and index:
            offset += 1
        offset += len(piece)
        if number is None:
            spans.append(None)
            continue
        spans.append(offset)
        offset += len(str(number)) + (1 if para.lang == "zh" else 0)
    assert source.startswith(para.label)
    return spans


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_come_through_whole(doc: Generated) -> None:
    clean = ingest(decode(doc.text.encode("utf-8"), f"gen.{doc.lang}.txt", doc.lang))
    assert clean.format == "interleaved"
    assert clean.diagnostics == ()
    assert check_ingest(clean) == []
    model = parse(clean, Meta("meta.yml"), "gen")
    assert check_model(clean, model) == []
    assert [p.text for p in model.preamble] == [p.clean() for p in doc.preamble]
    labels = [p.label.strip() for p in doc.operative]
    assert [p.label.strip() for p in model.operative] == labels
    assert [p.text for p in model.operative] == [p.clean() for p in doc.operative]
    assert [p.anchor for p in model.paragraphs] == [
        *(f"pp{i}" for i in range(1, len(doc.preamble) + 1)),
        *(f"op{i}" for i in range(1, len(doc.operative) + 1)),
    ]
    for got, want in zip(model.paragraphs, doc.preamble + doc.operative, strict=True):
        assert got.opening.startswith(want.pieces[0]) and got.text.startswith(got.opening)
        assert [(r.number, got.text[: r.offset]) for r in got.footnotes] == want.notes()
    assert [(f.number, f.page, f.text.text) for f in clean.footnotes] == doc.footnotes
    assert [(u.url, u.page) for u in clean.urls] == doc.urls


SIGNIFICANT = [
    *"大会，回顾决定1234. \n\n\n\f_____ab,:：、()《》Tk",
    "The General Assembly,", "大会，", "__________", "https://undocs.org/en/A/1", "Decides",
    " session", "决议草案", ": draft resolution", "(a)", "(i)",
]
"""Characters and words the converter reacts to, for text that is more than noise."""
TEXTS = st.one_of(st.text(), st.lists(st.sampled_from(SIGNIFICANT), max_size=60).map("".join))


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS, lang=st.sampled_from(["zh", "en"]))
def test_arbitrary_text_fails_only_with_diagnostics(text: str, lang: str) -> None:
    try:
        clean = ingest(decode(text.encode("utf-8"), "any.txt", lang))
        parse(clean, Meta("meta.yml"), "any")
    except DiagnosticError as error:
        assert error.diagnostics
        assert all(d.path == "any.txt" and d.line >= 1 and d.col >= 1 for d in error.diagnostics)


LINES = {
    "zh": [" 第七十九届会议 ", "第一委员会 ", "议程项目 106 ", " 大会， ", " 回顾《公约》1 的规定， ",
           " 1. 决定继续审议。 ", "__________________ ", " 1 联合国，《条约汇编》。 ",
           "https://undocs.org/ch/A/77/96", "中国和巴西：决议草案 ", "(a) 分段 ", "2024年11月4日",
           "附件", "", " ", "  2. 请秘书长", "报告3 以及"],
    "en": [" Seventy-ninth session ", "First Committee ", "Agenda item 106 ", " The General Assembly, ",
           " Recalling the Convention,1 ", " 1. Decides to remain seized. ", "__________________ ",
           " 1 United Nations, Treaty Series. ", "https://undocs.org/en/A/77/96",
           "China and Brazil: draft resolution ", "(a) A sub-paragraph; ", "4 November 2024",
           "44th plenary meeting", "Annex", "", " ", " 2. Requests the", "Secretary-General,3 and"],
}


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data(), lang=st.sampled_from(["zh", "en"]))
def test_shuffled_document_lines_fail_only_with_diagnostics(data: st.DataObject, lang: str) -> None:
    """Lines a resolution is made of, in any order: structure errors are diagnostics."""
    lines = data.draw(st.lists(st.sampled_from(LINES[lang]), min_size=1, max_size=25))
    text = "\n".join(lines) + "\n"
    try:
        clean = ingest(decode(text.encode("utf-8"), "any.txt", lang))
        assert check_ingest(clean) == []
        document = parse(clean, Meta("meta.yml"), "any")
        assert check_model(clean, document) == []
    except DiagnosticError as error:
        assert error.diagnostics


def test_form_feed_inside_a_line_of_layout_text_is_conserved() -> None:
    clean = ingest(decode(b"Recalling its resolutions\nand decisions\fon the matter\nof peace,\n",
                          "layout.txt", "en"))
    assert clean.format == "layout"
    assert [b.text.text for b in clean.blocks] == [
        "Recalling its resolutions and decisions on the matter of peace,"
    ]
    assert check_ingest(clean) == []
