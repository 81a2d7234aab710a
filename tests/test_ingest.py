"""Ingest: undoing what PDF-to-text extraction did (build_tools/ingest.py, source.py).

Inline strings are written in the ``interleaved`` extraction format with :func:`interleave`;
the fixtures in ``tests/fixtures/interleaved/`` are small invented documents in the same
format. Expected values are read off the source text (line numbers, words around markers),
not copied from the converter's output.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from build_tools.clean_text import Block, CleanText
from build_tools.conservation import check_ingest
from build_tools.diagnostics import DiagnosticError, Severity
from build_tools.ingest import detect_format, ingest
from build_tools.source import Source, decode, read_source

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "interleaved"


def interleave(*lines: str) -> str:
    """Lines in the interleaved format: each followed by an empty line, except lines
    written with a leading ``|`` (the last line of a page, or a printed URL)."""
    return "".join(line[1:] + "\n" if line.startswith("|") else line + "\n\n" for line in lines)


def source(text: str, lang: str = "zh", path: str = "doc.txt") -> Source:
    return decode(text.encode("utf-8"), path, lang)


def clean(text: str, lang: str = "zh") -> CleanText:
    return ingest(source(text, lang))


def seed(lang: str) -> CleanText:
    path = SEED / f"{lang}.txt"
    return ingest(decode(path.read_bytes(), f"{lang}.txt", lang))


def fixture(name: str) -> CleanText:
    lang = name.split(".")[-2]
    return ingest(decode((FIXTURES / name).read_bytes(), name, lang))


def texts(text: CleanText) -> list[str]:
    return [block.text.text for block in text.blocks]


def block_with(text: CleanText, needle: str) -> Block:
    found = [block for block in text.blocks if needle in block.text.text]
    assert len(found) == 1, f"{needle!r} is in {len(found)} blocks"
    return found[0]


def before_markers(block: Block) -> list[tuple[int, str]]:
    return [(m.number, block.text.text[: m.offset]) for m in block.markers]


def line(text: str, number: int) -> str:
    return text.split("\n")[number - 1]


# --- interleaved lines and hard wraps -------------------------------------------------


def test_interleave_blank_lines_are_removed() -> None:
    result = clean(interleave(" 大会， ", " 回顾其以往的决议， ", " 1. 决定继续审议。 "))
    assert texts(result) == ["大会，", "回顾其以往的决议，", "1.决定继续审议。"]


def test_seed_has_one_block_per_heading_and_paragraph() -> None:
    # 7 front lines (session, committee, item, item title, sponsors, title, 大会，),
    # 22 preambular and 3 operative paragraphs, read off zh.txt.
    for lang in ("zh", "en"):
        blocks = texts(seed(lang))
        assert len(blocks) == 7 + 22 + 3, lang
        assert not any("\n" in block for block in blocks)
        assert not any(block != block.strip() for block in blocks)


def test_chinese_wraps_are_joined_without_a_space() -> None:
    result = clean(interleave(" 大会， ", " 强调必须加强全球海洋观", "测系统的合作， "))
    assert texts(result) == ["大会，", "强调必须加强全球海洋观测系统的合作，"]
    sponsors = block_with(seed("zh"), "订正决议草案").text.text
    # 赤道几 / 内亚 and 老挝人民民主共 / 和国 are wrapped in the middle of a name.
    assert "、赤道几内亚、" in sponsors
    assert "、老挝人民民主共和国、" in sponsors
    assert " " not in sponsors


def test_english_wraps_are_joined_with_one_space() -> None:
    result = clean(
        interleave(" The General Assembly, ", " Stressing the need to", "strengthen   cooperation, "),
        "en",
    )
    assert texts(result) == ["The General Assembly,", "Stressing the need to strengthen cooperation,"]
    pp2 = block_with(seed("en"), "Recalling also")
    assert "Non-Proliferation of Nuclear Weapons, the Convention" in pp2.text.text


def test_artefact_hyphen_is_joined_and_recorded() -> None:
    mini = fixture("mini.en.txt")
    block = block_with(mini, "ocean observation is essential")
    assert "essential to the implementation of the United Nations" in block.text.text
    hyphens = [a for a in mini.artefacts if a.kind == "hyphenation"]
    assert len(hyphens) == 1
    src = mini.source
    assert src.text[hyphens[0].start] == "-"
    row = line(src.text, 19)
    assert row.endswith("implementa-")
    assert src.locate(hyphens[0].start) == (19, len(row))
    # The seed splits equip- / ment.
    block = block_with(seed("en"), "Bearing in mind")
    assert "in materials, equipment and technology" in block.text.text


def test_compound_hyphen_at_a_line_end_is_kept() -> None:
    mini = fixture("mini.en.txt")
    # non- is a prefix; eighty-second is spelt with its hyphen elsewhere in the text.
    assert "contributes to non-proliferation and" in block_with(mini, "hydroacoustic").text.text
    assert "at its eighty-second session a report" in block_with(mini, "2. Requests").text.text
    result = clean(interleave(" The General Assembly, ", " Promoting the well-", "being of all, "), "en")
    assert texts(result) == ["The General Assembly,", "Promoting the well-being of all,"]
    assert not any(a.kind == "hyphenation" for a in result.artefacts)
    # A compound that is neither prefixed nor found joined elsewhere keeps its hyphen.
    result = clean(
        interleave(" The General Assembly, ", " Stressing capacity-", "building for all States, "),
        "en",
    )
    assert texts(result)[1] == "Stressing capacity-building for all States,"


def test_hyphen_before_a_suffix_or_a_word_spelt_whole_elsewhere_is_removed() -> None:
    result = clean(
        interleave(
            " The General Assembly, ",
            " Stressing the develop-",
            "ment of ocean science and its tech-",
            "nology, and technology transfer, ",
        ),
        "en",
    )
    # -ment is a suffix; "technology" stands whole later in the text.
    assert texts(result)[1] == (
        "Stressing the development of ocean science and its technology, and technology transfer,"
    )
    assert [a.kind for a in result.artefacts].count("hyphenation") == 2


def test_hyphen_after_digits_and_slash_join_without_a_space() -> None:
    result = clean(interleave(" Noting the plan for 2022-", "2023 in document A/C.1/79/", "L.53, "), "en")
    assert texts(result) == ["Noting the plan for 2022-2023 in document A/C.1/79/L.53,"]


# --- footnotes, printed URLs and markers -----------------------------------------------


def test_seed_footnote_bodies_move_to_footnotes_with_their_pages() -> None:
    # Page 1 ends after the URLs on lines 49-50, page 2 after line 117 (no empty line
    # follows it); footnotes 1-3 stand at the foot of page 1, footnote 4 of page 3.
    zh = seed("zh")
    assert [(f.number, f.page, f.text.text) for f in zh.footnotes] == [
        (1, 1, "联合国，《条约汇编》，第729卷，第10485号。"),
        (2, 1, "同上，第1015卷，第14860号。"),
        (3, 1, "同上，第1974卷，第33757号。"),
        (4, 3, "A/77/96。"),
    ]
    assert not any("条约汇编" in block or "____" in block for block in texts(zh))
    en = seed("en")
    assert [(f.number, f.page, f.text.text) for f in en.footnotes] == [
        (1, 1, "United Nations, Treaty Series, vol. 729, No. 10485."),
        (2, 1, "Ibid., vol. 1015, No. 14860."),
        (3, 1, "Ibid., vol. 1974, No. 33757."),
        (4, 3, "A/77/96."),
    ]


def test_footnote_body_points_back_at_its_line() -> None:
    zh = seed("zh")
    src = zh.source
    assert [src.locate(f.text.source_offset(0))[0] for f in zh.footnotes] == [43, 45, 47, 160]


def test_fixture_footnotes_on_two_pages() -> None:
    zh = fixture("mini.zh.txt")
    assert [(f.number, f.page, f.text.text) for f in zh.footnotes] == [
        (1, 1, "联合国，《条约汇编》，第1833卷，第31363号。"),
        (2, 2, "见A/80/100。"),
    ]
    en = fixture("mini.en.txt")
    assert [(f.number, f.page, f.text.text) for f in en.footnotes] == [
        (1, 1, "United Nations, Treaty Series, vol. 1833, No. 31363."),
        (2, 2, "See A/80/100."),
    ]


def test_printed_urls_are_recorded_with_their_page() -> None:
    zh = seed("zh")
    assert [(u.url, u.page, zh.source.locate(u.source)[0]) for u in zh.urls] == [
        ("https://undocs.org/ch/A/RES/76/234", 1, 49),
        ("https://undocs.org/ch/A/RES/77/96", 1, 50),
        ("https://undocs.org/ch/A/77/96", 3, 162),
    ]
    assert not any("undocs.org" in block for block in texts(zh))
    en = fixture("mini.en.txt")
    assert [(u.url, u.page) for u in en.urls] == [
        ("https://undocs.org/en/A/RES/78/123", 1),
        ("https://undocs.org/en/A/80/100", 2),
    ]


def test_paragraph_continues_across_a_page_break() -> None:
    zh = fixture("mini.zh.txt")
    block = block_with(zh, "强调必须加强")
    assert block.text.text.endswith("充分参与全球海洋观测系统的工作，")
    assert block.page == 1
    assert zh.source.locate(block.text.source_offset(len(block.text.text) - 1))[0] == 32
    en = fixture("mini.en.txt")
    assert block_with(en, "Stressing").text.text.endswith(
        "technology transfer so that all States can participate fully in the global ocean"
        " observing system,"
    )


def test_seed_markers_are_removed_and_point_after_their_word() -> None:
    zh = seed("zh")
    pp2 = block_with(zh, "又回顾")
    assert [n for n, _ in before_markers(pp2)] == [1, 2, 3]
    ends = [before for _, before in before_markers(pp2)]
    assert ends[0].endswith("又回顾《不扩散核武器条约》、")
    assert ends[1].endswith("毒素武器和销毁此种武器的公约》、")
    assert ends[2].endswith("使用化学武器及销毁此种武器的公约》")
    assert pp2.text.text[len(ends[2]):].startswith("以及联合国相关决议的规定")
    assert "》、《" in pp2.text.text and not any(c.isdigit() for c in pp2.text.text)
    # Each marker's source offset is its digit on the line where it is printed.
    src = zh.source
    assert [(src.text[m.source], src.locate(m.source)[0]) for m in pp2.markers] == [
        ("1", 25), ("2", 27), ("3", 29),
    ]
    pp21 = block_with(zh, "回顾秘书长")
    assert before_markers(pp21) == [(4, "回顾秘书长提交大会第七十七届会议的报告")]


def test_english_markers_glued_to_words_and_commas() -> None:
    en = seed("en")
    pp2 = block_with(en, "Recalling also")
    ends = [before for _, before in before_markers(pp2)]
    assert [n for n, _ in before_markers(pp2)] == [1, 2, 3]
    assert ends[0].endswith("Non-Proliferation of Nuclear Weapons,")
    assert ends[1].endswith("Toxin Weapons and on Their Destruction")
    assert ends[2].endswith("Chemical Weapons and on Their Destruction,")
    assert "Destruction and the Convention" in pp2.text.text
    pp21 = block_with(en, "Recalling the report")
    [(number, before)] = before_markers(pp21)
    assert number == 4 and before.endswith("to the General Assembly at its seventy-seventh session,")
    assert pp21.text.text[len(before):].startswith(" and the views and recommendations")


def test_marker_only_where_its_footnote_is_on_the_same_page() -> None:
    text = interleave(
        " 回顾《公约》1 的规定， ",
        "__________________ ",
        "| 1 联合国，《条约汇编》。 ",
        " 又回顾《议定书》1 的规定， ",
        " 还回顾《协定》2 的规定， ",
        "__________________ ",
        " 2 同上。 ",
    )
    result = clean(text)
    first, second, third = result.blocks
    assert before_markers(first) == [(1, "回顾《公约》")]
    # Footnote 1 stands on page 1 only: the 1 on page 2 is text, not a marker, and is
    # reported as a number that looks like a marker.
    assert second.markers == ()
    assert second.text.text == "又回顾《议定书》1的规定，"
    [warning] = result.diagnostics
    assert (warning.code, warning.severity) == ("ingest.marker-without-footnote", Severity.WARNING)
    assert (warning.line, warning.col) == (6, len(" 又回顾《议定书》") + 1)
    assert "expected footnote 1 at the foot of page 2" in str(warning)
    assert before_markers(third) == [(2, "还回顾《协定》")]
    assert [a.kind for a in result.artefacts].count("footnote-marker") == 2


def test_numbers_that_are_not_markers_stay_in_the_text() -> None:
    # 第1 段: a number after 第 is never a marker (footnote 1 is on page 1, this on page 2).
    zh = fixture("mini.zh.txt")
    op1 = block_with(zh, "扩大海洋观测网络")
    assert op1.markers == ()
    assert "第78/123号决议第1段扩大" in op1.text.text
    assert zh.diagnostics == ()
    en = fixture("mini.en.txt")
    op1 = block_with(en, "Encourages")
    assert op1.markers == ()
    assert op1.text.text.endswith("in line with paragraph 1 of resolution 78/123;")
    result = clean(interleave(" Noting the Law of the Sea,3 and paragraph 3 of it, "), "en")
    assert texts(result) == ["Noting the Law of the Sea,3 and paragraph 3 of it,"]


def test_fixture_marker_offsets() -> None:
    zh = fixture("mini.zh.txt")
    assert before_markers(block_with(zh, "认识到海洋观测"))[0] == (1, "认识到海洋观测对于执行《联合国海洋法公约》")
    op2 = block_with(zh, "请秘书长")
    assert before_markers(op2) == [(2, "2.请秘书长向大会第八十二届会议提交关于本决议执行情况的报告")]
    assert op2.text.text.endswith("执行情况的报告，并在其中列入各区域的经验；")
    en = fixture("mini.en.txt")
    op2 = block_with(en, "Requests")
    [(number, before)] = before_markers(op2)
    assert number == 2 and before.endswith("implementation of the present resolution,")
    assert op2.text.text[len(before):] == " including regional experiences;"


def test_marker_source_location_in_fixture() -> None:
    zh = fixture("mini.zh.txt")
    [marker] = block_with(zh, "认识到海洋观测").markers
    row = line(zh.source.text, 19)
    assert zh.source.locate(marker.source) == (19, row.index("》1 ") + 2)


# --- spaces -----------------------------------------------------------------------------


def test_spaces_inside_chinese_numbers_and_dates_are_removed() -> None:
    result = clean(interleave(" 回顾其 2022年 12月 7日第 77/96号决议， "))
    assert texts(result) == ["回顾其2022年12月7日第77/96号决议，"]
    assert block_with(seed("zh"), "回顾其").text.text == (
        "回顾其2021年12月24日第76/234号和2022年12月7日第77/96号决议，"
    )


def test_spaces_between_english_words_stay_single() -> None:
    result = clean(interleave(" Recalling  its resolution 77/96 of 7 December 2022, "), "en")
    assert texts(result) == ["Recalling its resolution 77/96 of 7 December 2022,"]


def test_chinese_text_keeps_spaces_between_latin_words_only() -> None:
    result = clean(interleave(" 回顾 United  Nations 的报告 A/77/96， "))
    assert texts(result) == ["回顾United Nations的报告A/77/96，"]


# --- Source -----------------------------------------------------------------------------


def test_locate_gives_one_based_line_and_column() -> None:
    src = source("ab\ncd\n\nef")
    assert src.locate(0) == (1, 1)
    assert src.locate(1) == (1, 2)
    assert src.locate(2) == (1, 3)  # the line break itself
    assert src.locate(3) == (2, 1)
    assert src.locate(4) == (2, 2)
    assert src.locate(6) == (3, 1)
    assert src.locate(8) == (4, 2)


def test_locate_counts_characters_not_bytes() -> None:
    src = source("大会，\n回顾其决议，")
    assert src.locate(src.text.index("决")) == (2, 4)


def test_detect_format() -> None:
    assert detect_format(seed("zh").source) == "interleaved"
    assert detect_format(seed("en").source) == "interleaved"
    for path in sorted(FIXTURES.glob("*.txt")):
        assert fixture(path.name).format == "interleaved", path.name
    assert detect_format(source("The General Assembly,\nRecalling\nits resolution,\n")) == "plain"
    # Fewer than three text lines are not enough to tell.
    assert detect_format(source("大会，\n\n决定。\n\n")) == "plain"
    assert detect_format(source(interleave("一", "二", "三"))) == "interleaved"


# --- encodings and line endings ----------------------------------------------------------


def same_clean_text(a: CleanText, b: CleanText) -> None:
    assert texts(a) == texts(b)
    assert [(f.number, f.page, f.text.text) for f in a.footnotes] == [
        (f.number, f.page, f.text.text) for f in b.footnotes
    ]
    assert [(u.url, u.page) for u in a.urls] == [(u.url, u.page) for u in b.urls]
    assert [[(m.number, m.offset) for m in x.markers] for x in a.blocks] == [
        [(m.number, m.offset) for m in x.markers] for x in b.blocks
    ]


@pytest.mark.parametrize("name", ["mini.zh.txt", "mini.en.txt"])
def test_utf8_bom_is_dropped(name: str) -> None:
    data = (FIXTURES / name).read_bytes()
    lang = name.split(".")[-2]
    src = decode(codecs.BOM_UTF8 + data, name, lang)
    assert src.encoding == "utf-8" and src.warnings == ()
    assert src.text == data.decode("utf-8")
    same_clean_text(ingest(src), fixture(name))


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    text = (FIXTURES / "mini.zh.txt").read_text(encoding="utf-8")
    data = text.encode(codec)
    if codec != "utf-16":
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    src = decode(data, "zh.txt", "zh")
    assert src.encoding == "utf-16"
    assert src.text == text
    same_clean_text(ingest(src), fixture("mini.zh.txt"))


def test_gb18030_is_decoded_with_a_warning() -> None:
    text = (FIXTURES / "mini.zh.txt").read_text(encoding="utf-8")
    src = decode(text.encode("gb18030"), "zh.txt", "zh")
    assert src.encoding == "gb18030"
    assert src.text == text
    [warning] = src.warnings
    assert warning.code == "read.encoding" and warning.severity is Severity.WARNING
    assert "GB18030" in str(warning) and "save the file as UTF-8" in str(warning)
    result = ingest(src)
    same_clean_text(result, fixture("mini.zh.txt"))
    assert warning in result.diagnostics


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
@pytest.mark.parametrize("path", [SEED / "zh.txt", SEED / "en.txt", FIXTURES / "mini.en.txt"])
def test_crlf_and_cr_give_the_same_clean_text_as_lf(path: Path, ending: str) -> None:
    lang = path.name.split(".")[-2]
    text = path.read_text(encoding="utf-8")
    lf = ingest(decode(text.encode(), path.name, lang))
    other = ingest(decode(text.replace("\n", ending).encode(), path.name, lang))
    same_clean_text(lf, other)
    # Line numbers do not change either.
    for a, b in zip(lf.blocks, other.blocks, strict=True):
        assert lf.source.locate(a.text.source_offset(0)) == other.source.locate(
            b.text.source_offset(0)
        )


# --- input that is not a document ------------------------------------------------------


def error_of(data: bytes, path: str = "content/x/zh.txt") -> str:
    with pytest.raises(DiagnosticError) as caught:
        ingest(decode(data, path, "zh"))
    return str(caught.value)


def test_empty_file() -> None:
    message = error_of(b"")
    assert message == (
        "content/x/zh.txt:1:1: error [read.empty] expected the text of a document, "
        "found an empty file"
    )
    assert "[read.empty]" in error_of(b" \n\n \r\n\t")


def test_binary_file() -> None:
    message = error_of(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert message.startswith("content/x/zh.txt:1:1: error [read.binary]")
    assert "expected a text file (UTF-8), found binary data (NUL bytes)" in message
    assert "put the PDF in as <lang>.pdf" in message


def test_pdf_saved_as_text() -> None:
    message = error_of(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n\x00")
    assert message.startswith("content/x/zh.txt:1:1: error [read.binary]")
    assert "found a PDF file named .txt" in message
    assert "rename it to zh.pdf" in message


def test_control_character_names_line_and_column() -> None:
    message = error_of("大会，\n\n回顾\x07决议，\n".encode())
    assert message.startswith("content/x/zh.txt:3:3: error [read.control-character]")
    assert "expected printable text, found control character '\\x07'" in message


def test_form_feed_is_not_a_control_character_error() -> None:
    src = source("大会，\f回顾其决议，\n")
    assert "\f" in src.text


def test_bytes_that_are_no_known_encoding() -> None:
    message = error_of(b"The General Assembly,\n\nRecalling \x80\xff")
    assert message.startswith("content/x/zh.txt:3:11: error [read.encoding]")  # after "Recalling "
    assert "expected UTF-8 text" in message


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_latin1_is_not_decoded_as_gb18030(lang: str) -> None:
    """Chinese falls back to GB18030 only where the bytes decode (``é.`` does not) to Han
    text; English has no legacy encoding to fall back to."""
    data = "Recalling the Café.\n".encode("latin-1")
    with pytest.raises(DiagnosticError) as caught:
        decode(data, f"content/x/{lang}.txt", lang)
    [problem] = caught.value.diagnostics
    assert (problem.code, problem.line, problem.col) == ("read.encoding", 1, 18)
    assert "expected UTF-8 text" in str(problem) and "Windows-1252/Latin-1" in str(problem)


def test_gb18030_bytes_that_are_not_han_text_are_refused() -> None:
    """GB18030 decodes these bytes, but to Latin letters: not a Chinese text (the language's
    ``script``), so the UTF-8 error stands."""
    data = "Recalling the Café résumé.\n".encode("gb18030")
    assert data.decode("gb18030").count("é") == 3
    with pytest.raises(DiagnosticError) as caught:
        decode(data, "content/x/zh.txt", "zh")
    [problem] = caught.value.diagnostics
    assert (problem.code, problem.line, problem.col) == ("read.encoding", 1, 18)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(DiagnosticError) as caught:
        read_source(tmp_path / "zh.txt", "zh", "content/x/zh.txt")
    [problem] = caught.value.diagnostics
    assert problem.code == "read.unreadable" and problem.path == "content/x/zh.txt"
    assert problem.hint == "check the path"


def test_no_body_text() -> None:
    message = error_of(interleave("__________________ ", " 1 只有脚注。 ").encode())
    assert "[ingest.no-text] expected the text of a document, found no body text" in message


def test_text_under_the_separator_must_start_with_a_number() -> None:
    data = interleave(" 大会， ", " 1. 决定。 ", "__________________ ", " 脚注没有编号。 ").encode()
    message = error_of(data)
    assert message.startswith("content/x/zh.txt:7:1: error [ingest.footnote-number]")
    assert "expected a footnote starting with its number after the separator line" in message
    assert "'脚注没有编号。'" in message


def test_duplicate_footnote_number_on_a_page() -> None:
    result = clean(
        interleave(" 回顾《公约》1 的规定， ", "__________________ ", " 1 第一条。 ", " 1 第二条。 ")
    )
    [problem] = [d for d in result.diagnostics if d.code == "ingest.footnote-duplicate"]
    assert problem.line == 7
    assert "one footnote numbered 1 on page 1" in str(problem)


def test_footnote_of_two_paragraphs_keeps_both() -> None:
    result = clean(
        interleave(
            " Recalling the Convention,1 ",
            "__________________ ",
            " 1 See A/80/100. ",
            " See also A/80/200. ",
        ),
        "en",
    )
    [note] = result.footnotes
    assert note.text.text == "See A/80/100. See also A/80/200."
    assert check_ingest(result) == []


# --- known bugs (see the final report) ------------------------------------------------


def test_footnote_continuation_line_starting_with_a_number() -> None:
    result = clean(
        interleave(
            " 回顾《公约》1 的规定， ",
            "__________________ ",
            " 1 联合国，《条约汇编》，第",
            "729 卷，第 10485 号。 ",
        )
    )
    assert [(f.number, f.text.text) for f in result.footnotes] == [
        (1, "联合国，《条约汇编》，第729卷，第10485号。")
    ]


def test_chinese_marker_at_the_end_of_a_wrapped_line() -> None:
    result = clean(
        interleave(" 回顾《公约》1", "以及相关决议， ", "__________________ ", " 1 联合国，《条约汇编》。 ")
    )
    assert result.diagnostics == ()
    assert before_markers(result.blocks[0]) == [(1, "回顾《公约》")]


def test_marker_on_the_first_line_after_a_form_feed() -> None:
    text = interleave(
        " 回顾《公约》1 的规定， ", "__________________ ", " 1 脚注一。 "
    ) + interleave("\f 又回顾《议定书》2 的规定， ", "__________________ ", " 2 脚注二。 ")
    result = clean(text)
    assert result.diagnostics == ()
    assert before_markers(result.blocks[1]) == [(2, "又回顾《议定书》")]


def test_form_feed_on_the_last_line_is_not_a_crash() -> None:
    text = interleave(" The General Assembly, ", " Recalling its resolutions, ", " 1. Decides to")
    result = clean(text + "remain\fseized.", "en")
    assert texts(result)[-1] == "1. Decides to remain seized."


def test_form_feed_on_the_last_line_is_conserved() -> None:
    text = interleave(" The General Assembly, ", " Recalling its resolutions, ", " 1. Decides to")
    assert check_ingest(clean(text + "remain\fseized.", "en")) == []


def test_form_feed_inside_a_wrapped_english_paragraph_is_conserved() -> None:
    text = interleave(
        " The General Assembly, ",
        " Recalling its resolutions, ",
        " 1. Decides to",
        "remain\fseized",
        "of the matter. ",
    )
    result = clean(text, "en")
    assert texts(result)[-1] == "1. Decides to remain seized of the matter."
    assert check_ingest(result) == []


def test_unreferenced_footnote_on_a_later_page_is_reported() -> None:
    text = interleave(
        " Recalling the Convention,1 ",
        "__________________ ",
        "| 1 First note. ",
        " Recalling also the Protocol, ",
        "__________________ ",
        " 1 Second note, with no marker on its page. ",
    )
    result = clean(text, "en")
    assert [d.code for d in result.diagnostics] == ["ingest.footnote-unreferenced"]
