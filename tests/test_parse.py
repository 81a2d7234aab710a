"""Parse: clean text to the document model (build_tools/parse.py, lexicon.py, meta.py).

The seed document (content/resolutions/a-c-1-79-l-53-rev-1) goes through
``collection.convert_file``; the invented fixtures in ``tests/fixtures/interleaved/`` go
through ``ingest`` and ``parse``. Every expected value was read off the source text.
"""

from __future__ import annotations

import dataclasses
import functools
import shutil
from pathlib import Path

import pytest

from build_tools.collection import Converted, convert_file, convert_folder
from build_tools.diagnostics import Diagnostic, DiagnosticError, Severity, errors
from build_tools.ingest import ingest
from build_tools.meta import Meta, load_meta
from build_tools.model import Document, FrontLine, Paragraph
from build_tools.parse import parse
from build_tools.source import decode

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interleaved"

SPONSOR_CODES = (
    "BY BI KH CM CN CG CU DM GQ ER GA GM GN KG LA ML NR NI NE NG PK RU RW SB SO SY VE ZW"
).split()

# The opening of each preambular paragraph of zh.txt (lines 23-132), in order.
ZH_OPENINGS = (
    "回顾其", "又回顾", "重申", "又重申", "还重申", "认识到", "又认识到", "重申", "强调", "重申",
    "铭记", "确认", "又确认", "欢迎", "又欢迎", "还欢迎", "认识到", "关切地注意到", "强调",
    "又强调", "回顾", "强调",
)
# The same paragraphs in en.txt (lines 23-202).
EN_OPENINGS = (
    "Recalling", "Recalling also", "Reaffirming", "Reaffirming also", "Reaffirming further",
    "Recognizing", "Recognizing also", "Reiterating", "Stressing", "Reaffirming",
    "Bearing in mind", "Acknowledging", "Acknowledging also", "Welcoming", "Welcoming also",
    "Welcoming further", "Recognizing", "Noting with concern", "Emphasizing",
    "Emphasizing also", "Recalling", "Underlining",
)


@functools.cache
def seed(lang: str) -> Converted:
    meta, _ = load_meta(SEED / "meta.yml", "meta.yml")
    return convert_file(SEED / f"{lang}.txt", lang, meta, SEED.name, f"{lang}.txt")


def seed_doc(lang: str) -> Document:
    return seed(lang).document


def fixture_doc(name: str, meta: Meta | None = None) -> Document:
    lang = name.split(".")[-2]
    source = decode((FIXTURES / name).read_bytes(), name, lang)
    return parse(ingest(source), meta or Meta("meta.yml"), "fixture")


def fixture_error(name: str) -> tuple[Diagnostic, ...]:
    with pytest.raises(DiagnosticError) as caught:
        fixture_doc(name)
    return caught.value.diagnostics


def one(diagnostics: tuple[Diagnostic, ...], code: str) -> Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [str(d) for d in diagnostics]
    return found[0]


def notes(paragraph: Paragraph) -> list[tuple[int, str]]:
    """(number, text before the marker) for each footnote of a paragraph."""
    return [(ref.number, paragraph.text[: ref.offset]) for ref in paragraph.footnotes]


# --- the seed -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_front_matter(lang: str) -> None:
    doc = seed_doc(lang)
    assert doc.session == 79
    assert doc.committee == "first"
    assert doc.agenda_item == "106"
    assert doc.kind == "revised-draft-resolution"
    assert doc.symbol == "A/C.1/79/L.53/Rev.1"
    assert doc.enacting == ("大会，" if lang == "zh" else "The General Assembly,")
    title = (
        "在国际安全领域促进和平利用国际合作" if lang == "zh"
        else "Promoting international cooperation on peaceful uses in the context of "
        "international security"
    )
    assert doc.title == title and doc.agenda_title == title
    assert doc.closing == ()
    assert errors(doc.diagnostics) == ()


def test_seed_text_status_comes_from_meta() -> None:
    assert seed_doc("zh").text_status == "official"
    assert seed_doc("en").text_status == "unofficial-translation"
    assert "Rev.1" in seed_doc("zh").notes["symbol_note"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seed_sponsors_in_order(lang: str) -> None:
    sponsors = seed_doc(lang).sponsors
    assert [s.code for s in sponsors] == SPONSOR_CODES
    names = [s.name for s in sponsors]
    if lang == "zh":
        # Names wrapped over two lines (赤道几/内亚) and the final 和 pair.
        assert names[8] == "赤道几内亚" and names[14] == "老挝人民民主共和国"
        assert names[-3:] == ["阿拉伯叙利亚共和国", "委内瑞拉玻利瓦尔共和国", "津巴布韦"]
    else:
        assert names[14] == "Lao People’s Democratic Republic"
        assert names[23] == "Solomon Islands"  # Solomon / Islands on two lines
        assert names[-2:] == ["Venezuela (Bolivarian Republic of)", "Zimbabwe"]


def test_seed_sponsors_line_is_a_front_line() -> None:
    doc = seed_doc("zh")
    assert [line.role for line in doc.front] == [
        "session", "committee", "agenda-item", "agenda-title", "sponsors", "title",
    ]
    assert isinstance(doc.body[0], FrontLine)
    assert (doc.body[0].role, doc.body[0].text) == ("enacting", "大会，")  # the body opens with it


def test_seed_preamble_openings() -> None:
    zh, en = seed_doc("zh"), seed_doc("en")
    assert tuple(p.opening for p in zh.preamble) == ZH_OPENINGS
    assert tuple(p.opening for p in en.preamble) == EN_OPENINGS
    for doc in (zh, en):
        assert [p.anchor for p in doc.preamble] == [f"pp{i}" for i in range(1, 23)]
        assert all(p.text.startswith(p.opening) and p.label == "" for p in doc.preamble)


def test_seed_operative_paragraphs() -> None:
    for lang, verbs in (("zh", ["敦促", "鼓励", "决定"]), ("en", ["Urges", "Encourages", "Decides"])):
        operative = seed_doc(lang).operative
        assert [p.anchor for p in operative] == ["op1", "op2", "op3"]
        assert [p.number for p in operative] == [1, 2, 3]
        assert [p.opening for p in operative] == verbs
        assert [p.label.strip() for p in operative] == ["1.", "2.", "3."]
        assert all(p.text.startswith(p.opening) for p in operative)
    assert seed_doc("zh").operative[2].text.endswith("列入大会第八十一届会议临时议程。")
    assert seed_doc("en").operative[2].text.endswith(
        "“Promoting international cooperation on peaceful uses in the context of international "
        "security”."
    )


def test_seed_footnotes_attach_where_their_markers_stand_zh() -> None:
    doc = seed_doc("zh")
    with_notes = {p.anchor: notes(p) for p in doc.paragraphs if p.footnotes}
    assert set(with_notes) == {"pp2", "pp21"}
    [(one_, a), (two, b), (three, c)] = with_notes["pp2"]
    assert (one_, two, three) == (1, 2, 3)
    assert a == "又回顾《不扩散核武器条约》、"
    assert b.endswith("《关于禁止发展、生产和储存细菌(生物)及毒素武器和销毁此种武器的公约》、")
    assert c.endswith("《关于禁止发展、生产、储存和使用化学武器及销毁此种武器的公约》")
    assert with_notes["pp21"] == [(4, "回顾秘书长提交大会第七十七届会议的报告")]
    assert [(f.number, f.text) for f in doc.footnotes] == [
        (1, "联合国，《条约汇编》，第729卷，第10485号。"),
        (2, "同上，第1015卷，第14860号。"),
        (3, "同上，第1974卷，第33757号。"),
        (4, "A/77/96。"),
    ]


def test_seed_footnotes_attach_where_their_markers_stand_en() -> None:
    doc = seed_doc("en")
    with_notes = {p.anchor: notes(p) for p in doc.paragraphs if p.footnotes}
    assert set(with_notes) == {"pp2", "pp21"}
    [(_, a), (_, b), (_, c)] = with_notes["pp2"]
    assert [n for n, _ in with_notes["pp2"]] == [1, 2, 3]
    assert a.endswith("the Treaty on the Non-Proliferation of Nuclear Weapons,")
    assert b.endswith("Bacteriological (Biological) and Toxin Weapons and on Their Destruction")
    assert c.endswith("Stockpiling and Use of Chemical Weapons and on Their Destruction,")
    [(four, d)] = with_notes["pp21"]
    assert four == 4 and d.endswith("General Assembly at its seventy-seventh session,")
    assert [f.number for f in doc.footnotes] == [1, 2, 3, 4]


def test_seed_translation_has_the_same_anchors_and_counts() -> None:
    zh, en = seed_doc("zh"), seed_doc("en")
    assert [p.anchor for p in zh.paragraphs] == [p.anchor for p in en.paragraphs]
    assert (len(zh.preamble), len(zh.operative), len(zh.footnotes)) == (22, 3, 4)
    assert (len(en.preamble), len(en.operative), len(en.footnotes)) == (22, 3, 4)
    assert [[r.number for r in p.footnotes] for p in zh.paragraphs] == [
        [r.number for r in p.footnotes] for p in en.paragraphs
    ]


def test_seed_printed_urls() -> None:
    assert seed_doc("zh").printed_urls == (
        "https://undocs.org/ch/A/RES/76/234",
        "https://undocs.org/ch/A/RES/77/96",
        "https://undocs.org/ch/A/77/96",
    )
    assert seed_doc("en").printed_urls[2] == "https://undocs.org/en/A/77/96"


def test_seed_paragraph_source_points_at_its_first_line() -> None:
    converted = seed("zh")
    locate = converted.clean.source.locate
    doc = converted.document
    # pp1 on line 23, pp5 (after the page break) on line 51, pp19 on line 118, op1 on 138.
    assert locate(doc.preamble[0].source)[0] == 23
    assert locate(doc.preamble[4].source)[0] == 51
    assert locate(doc.preamble[18].source)[0] == 118
    assert locate(doc.operative[0].source)[0] == 138


# --- the invented fixtures -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fixture_front_matter(lang: str) -> None:
    doc = fixture_doc(f"mini.{lang}.txt")
    assert (doc.session, doc.committee, doc.agenda_item) == (80, "second", "19")
    assert doc.kind == "draft-resolution"
    assert [s.code for s in doc.sponsors] == ["BR", "CN", "EG", "ZA", "VN"]
    names = ["巴西", "中国", "埃及", "南非", "越南"] if lang == "zh" else [
        "Brazil", "China", "Egypt", "South Africa", "Viet Nam"
    ]
    assert [s.name for s in doc.sponsors] == names
    assert doc.title == ("海洋观测促进可持续发展" if lang == "zh" else
                         "Ocean observation for sustainable development")
    assert doc.diagnostics == ()


def test_fixture_paragraphs_zh() -> None:
    doc = fixture_doc("mini.zh.txt")
    assert [p.opening for p in doc.preamble] == ["回顾其", "认识到", "又认识到", "强调"]
    assert [p.opening for p in doc.operative] == ["鼓励", "请", "决定"]
    assert [p.anchor for p in doc.paragraphs] == ["pp1", "pp2", "pp3", "pp4", "op1", "op2", "op3"]
    assert doc.preamble[0].text == "回顾其2023年12月19日第78/123号决议，"
    assert doc.preamble[3].text.endswith("以便各国能够充分参与全球海洋观测系统的工作，")
    assert doc.operative[0].text == "鼓励会员国根据第78/123号决议第1段扩大海洋观测网络；"
    assert doc.operative[2].text == "决定将题为“海洋观测促进可持续发展”的项目列入大会第八十二届会议临时议程。"


def test_fixture_footnotes_zh() -> None:
    doc = fixture_doc("mini.zh.txt")
    assert {p.anchor: notes(p) for p in doc.paragraphs if p.footnotes} == {
        "pp2": [(1, "认识到海洋观测对于执行《联合国海洋法公约》")],
        "op2": [(2, "请秘书长向大会第八十二届会议提交关于本决议执行情况的报告")],
    }
    assert [(f.number, f.text) for f in doc.footnotes] == [
        (1, "联合国，《条约汇编》，第1833卷，第31363号。"),
        (2, "见A/80/100。"),
    ]
    assert doc.printed_urls == ("https://undocs.org/ch/A/RES/78/123", "https://undocs.org/ch/A/80/100")


def test_fixture_paragraphs_en() -> None:
    doc = fixture_doc("mini.en.txt")
    assert [p.opening for p in doc.preamble] == [
        "Recalling", "Recognizing", "Recognizing also", "Stressing",
    ]
    assert [p.opening for p in doc.operative] == ["Encourages", "Requests", "Decides"]
    pp2 = doc.preamble[1]
    assert "the implementation of the United Nations Convention" in pp2.text
    assert "contributes to non-proliferation and" in doc.preamble[2].text
    [(number, before)] = notes(pp2)
    assert number == 1 and before.endswith("the Law of the Sea,")
    [(number, before)] = notes(doc.operative[1])
    assert number == 2 and before.endswith("the present resolution,")
    assert doc.operative[0].footnotes == ()
    assert doc.operative[0].text.endswith("paragraph 1 of resolution 78/123;")


def test_fixture_languages_agree() -> None:
    zh, en = fixture_doc("mini.zh.txt"), fixture_doc("mini.en.txt")
    assert [p.anchor for p in zh.paragraphs] == [p.anchor for p in en.paragraphs]
    assert [[r.number for r in p.footnotes] for p in zh.paragraphs] == [
        [r.number for r in p.footnotes] for p in en.paragraphs
    ]


def test_gb18030_warning_reaches_the_model() -> None:
    data = (FIXTURES / "mini.zh.txt").read_text(encoding="utf-8").encode("gb18030")
    doc = parse(ingest(decode(data, "zh.txt", "zh")), Meta("meta.yml"), "x")
    [warning] = doc.diagnostics
    assert warning.code == "read.encoding" and warning.severity is Severity.WARNING


def test_kind_in_meta_that_the_text_contradicts_is_a_warning() -> None:
    doc = fixture_doc("mini.zh.txt", Meta("meta.yml", kind="resolution"))
    assert doc.kind == "resolution"
    warning = one(doc.diagnostics, "parse.kind-mismatch")
    assert warning.severity is Severity.WARNING
    assert "meta.yml (resolution)" in warning.expected and "draft-resolution" in warning.found


# --- broken fixtures -----------------------------------------------------------------------


def test_no_operative_paragraphs() -> None:
    problem = one(fixture_error("no-operative.zh.txt"), "parse.no-operative")
    assert problem.line == 23  # the last paragraph: 强调必须加强数据共享和技术转让，
    assert "expected numbered operative paragraphs (1. …), found none after the preamble" in str(
        problem
    )


def test_skipped_operative_number() -> None:
    problem = one(fixture_error("skipped-number.zh.txt"), "parse.operative-number")
    assert (problem.path, problem.line) == ("skipped-number.zh.txt", 29)
    assert str(problem).startswith("skipped-number.zh.txt:29:")
    assert "expected operative paragraph 3, found paragraph number 4" in str(problem)


def test_unknown_sponsor_suggests_the_official_name() -> None:
    problem = one(fixture_error("unknown-sponsor.zh.txt"), "parse.sponsor-unknown")
    assert problem.found == "'俄罗斯联帮'"
    assert problem.hint.startswith("did you mean 俄罗斯联邦")
    assert "expected a UN Member State or observer State name" in str(problem)


def test_unknown_sponsor_points_at_its_line() -> None:
    problem = one(fixture_error("unknown-sponsor.zh.txt"), "parse.sponsor-unknown")
    # Line 11 of the file starts with 俄罗斯联帮.
    assert (problem.line, problem.col) == (11, 1)


def test_no_enacting_formula() -> None:
    problem = one(fixture_error("no-enacting.en.txt"), "parse.no-enacting")
    assert problem.line == 13  # the first paragraph after the title, where the formula belongs
    assert "expected the enacting formula (The General Assembly,) before the first paragraph" in str(
        problem
    )


def test_footnote_body_without_a_marker() -> None:
    problem = one(fixture_error("body-without-marker.zh.txt"), "ingest.footnote-unreferenced")
    assert (problem.line, problem.col) == (25, 4)  # " 2 同上，…": the footnote's text
    assert "expected a marker 2 after a word on page 1" in str(problem)
    assert "found footnote 2 '同上，第1760卷，第30619号。' with no marker in the text" in str(problem)


def test_marker_without_a_body_stays_in_the_text_with_a_warning() -> None:
    doc = fixture_doc("marker-without-body.zh.txt")
    [pp1] = doc.preamble
    assert notes(pp1) == [
        (1, "回顾《联合国海洋法公约》、"),
        (3, "回顾《联合国海洋法公约》、《生物多样性公约》2和《巴黎协定》"),
    ]
    assert [f.number for f in doc.footnotes] == [1, 3]
    [warning] = doc.diagnostics
    assert (warning.code, warning.severity) == ("ingest.marker-without-footnote", Severity.WARNING)
    row = (FIXTURES / "marker-without-body.zh.txt").read_text(encoding="utf-8").split("\n")[16]
    assert (warning.line, warning.col) == (17, row.index("》2 ") + 2)
    assert "expected footnote 2 at the foot of page 1" in str(warning)


def test_last_operative_paragraph_without_a_full_stop_is_a_warning() -> None:
    text = (FIXTURES / "mini.zh.txt").read_text(encoding="utf-8").replace("时议程。 ", "时议程 ")
    doc = parse(ingest(decode(text.encode(), "zh.txt", "zh")), Meta("meta.yml"), "x")
    warning = one(doc.diagnostics, "parse.truncated")
    assert warning.severity is Severity.WARNING and warning.line == 42  # 时议程
    assert "expected the last operative paragraph to end with a full stop" in str(warning)


def test_unknown_front_line_is_a_warning() -> None:
    text = (FIXTURES / "mini.en.txt").read_text(encoding="utf-8")
    text = text.replace("Second Committee \n", "Second Committee \n\nSomething unexpected \n")
    doc = parse(ingest(decode(text.encode(), "en.txt", "en")), Meta("meta.yml"), "x")
    warning = one(doc.diagnostics, "parse.unknown-front-line")
    assert warning.severity is Severity.WARNING and warning.line == 5


def test_session_heading_that_is_not_an_ordinal() -> None:
    text = (FIXTURES / "mini.en.txt").read_text(encoding="utf-8")
    text = text.replace("Eightieth session", "Resumed session")
    doc = parse(ingest(decode(text.encode(), "en.txt", "en")), Meta("meta.yml"), "x")
    assert doc.session is None
    assert doc.front[0].text == "Resumed session"
    assert [p.anchor for p in doc.operative] == ["op1", "op2", "op3"]


def test_sponsors_line_without_names() -> None:
    text = (FIXTURES / "mini.zh.txt").read_text(encoding="utf-8")
    text = text.replace("巴西、中国、埃及、南", "、").replace("非和越南：决议草案", "：决议草案")
    with pytest.raises(DiagnosticError) as caught:
        parse(ingest(decode(text.encode(), "zh.txt", "zh")), Meta("meta.yml"), "x")
    problem = one(caught.value.diagnostics, "parse.sponsor-unknown")
    assert problem.line == 9
    assert "expected the names of the sponsoring States" in str(problem)


# --- whole folders and meta.yml -------------------------------------------------------------


def folder_copy(tmp_path: Path, meta: str | None = None, fixtures: bool = False) -> Path:
    folder = tmp_path / "content" / "resolutions" / ("a-c-2-80-l-99" if fixtures else SEED.name)
    folder.mkdir(parents=True)
    if fixtures:
        shutil.copy(FIXTURES / "mini.zh.txt", folder / "zh.txt")
        shutil.copy(FIXTURES / "mini.en.txt", folder / "en.txt")
    else:
        for name in ("zh.txt", "en.txt", "meta.yml"):
            shutil.copy(SEED / name, folder / name)
    if meta is not None:
        (folder / "meta.yml").write_text(meta, encoding="utf-8")
    return folder


def test_seed_folder_converts_without_errors(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path)
    pages, diagnostics, documents = convert_folder(folder, tmp_path)
    assert errors(diagnostics) == ()
    assert set(documents) == {"zh", "en"} and pages


def test_fixture_folder_converts_and_languages_agree(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path, "symbol: A/C.2/80/L.99\nkind: draft-resolution\n", True)
    _, diagnostics, documents = convert_folder(folder, tmp_path)
    assert errors(diagnostics) == (), [str(d) for d in diagnostics]
    assert not [d for d in diagnostics if d.code in ("content.languages-disagree", "content.slug")]
    assert documents["zh"].symbol == documents["en"].symbol == "A/C.2/80/L.99"


def test_symbol_glued_to_chinese_text_is_linked(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path, "symbol: A/C.2/80/L.99\nkind: draft-resolution\n", True)
    _, diagnostics, documents = convert_folder(folder, tmp_path)
    assert [(r.target, r.url) for r in documents["en"].footnotes[1].references] == [
        ("A/80/100", "https://undocs.org/en/A/80/100")
    ]
    assert not [d for d in diagnostics if d.code == "annotate.url-unmatched"]
    assert [(r.target, r.url) for r in documents["zh"].footnotes[1].references] == [
        ("A/80/100", "https://undocs.org/ch/A/80/100")
    ]


def test_meta_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path, "kind: revised-draft-resolution\nsymbl: A/C.1/79/L.53/Rev.1\n")
    pages, diagnostics, documents = convert_folder(folder, tmp_path)
    assert (pages, documents) == ([], {})
    [problem] = diagnostics
    assert problem.severity is Severity.ERROR
    assert problem.path.endswith(f"{SEED.name}/meta.yml") and problem.line == 2
    assert "found unknown key 'symbl'" in str(problem)
    assert problem.hint == "did you mean 'symbol'?"


def test_meta_unknown_key_has_a_stable_code(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path, "symbl: A/C.1/79/L.53/Rev.1\n")
    [problem] = convert_folder(folder, tmp_path)[1]
    assert "symbl" not in problem.code


def test_meta_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    meta = "symbol: A/C.1/79/L.53/Rev.1\nkind: revised-draft-resolution\nlanguages:\n  zh: official\n en: official\n"
    folder = folder_copy(tmp_path, meta)
    [problem] = convert_folder(folder, tmp_path)[1]
    assert problem.code == "meta.yaml"
    assert problem.line == 5  # " en: official" is indented less than "  zh:"
    assert str(problem).startswith(f"content/resolutions/{SEED.name}/meta.yml:5:")
    assert "expected valid YAML" in str(problem)


def test_meta_bad_values_are_named(tmp_path: Path) -> None:
    meta = "symbol: not a symbol\nkind: draft\ndate: 31 November\n"
    folder = folder_copy(tmp_path, meta)
    diagnostics = convert_folder(folder, tmp_path)[1]
    assert {d.code: d.line for d in diagnostics} == {"meta.symbol": 1, "meta.kind": 2, "meta.date": 3}
    assert "expected an ISO date such as 2024-11-04, found '31 November'" in str(diagnostics[2])


def test_meta_impossible_iso_date_is_a_diagnostic(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path, "symbol: A/C.1/79/L.53/Rev.1\ndate: 2024-13-45\n")
    [problem] = convert_folder(folder, tmp_path)[1]
    assert problem.code == "meta.date" and problem.severity is Severity.ERROR
    assert "expected an ISO date such as 2024-11-04" in str(problem)


def test_meta_impossible_iso_date_names_its_line(tmp_path: Path) -> None:
    folder = folder_copy(tmp_path, "symbol: A/C.1/79/L.53/Rev.1\ndate: 2024-13-45\n")
    [problem] = convert_folder(folder, tmp_path)[1]
    assert problem.line == 2


def test_meta_is_read_into_the_document() -> None:
    meta, found = load_meta(SEED / "meta.yml", "meta.yml")
    assert found == ()
    assert (meta.symbol, meta.kind) == ("A/C.1/79/L.53/Rev.1", "revised-draft-resolution")
    assert meta.languages == {"zh": "official", "en": "unofficial-translation"}
    changed = dataclasses.replace(meta, languages={})
    assert changed.text_status("en") == "official"
