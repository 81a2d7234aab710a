"""Chinese text in the interleaved format of the first document (see docs/content-format.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench import phrases as P
from bench import planned as G
from build_tools.numerals import to_zh

WIDTH = 34.0
PAGE_LINES = 27


@dataclass
class _Line:
    text: str
    markers: list[int] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


def _unit(text: str, lead: str = " ", markers: dict[int, int] | None = None,
          urls: list[str] | None = None) -> list[_Line]:
    """One paragraph as printed lines: ``lead`` before the first, a space after the last."""
    pieces = G.zh_wrap(text, WIDTH, WIDTH - len(lead) * 0.5)
    lines: list[_Line] = []
    offset = 0
    for piece in pieces:
        line = _Line(piece)
        for position, number in (markers or {}).items():
            if offset <= position < offset + len(piece):
                line.markers.append(number)
        offset += len(piece)
        lines.append(line)
    lines[0].text = lead + lines[0].text
    lines[-1].text += " "
    lines[0].urls = list(urls or [])
    return lines


def _paragraph(para: G.Para, label: str, numbers: dict[int, int]) -> list[_Line]:
    text = label
    markers: dict[int, int] = {}
    urls = list(para.urls)
    for piece in para.pieces:
        if isinstance(piece, G.Note):
            markers[len(text)] = numbers[id(piece)]
            text += f"{numbers[id(piece)]} "
            if piece.symbol:
                urls.append(piece.symbol)
        else:
            text += G.zh_spaced(piece[0])
    return _unit(text, " ", markers, urls)


def _front(doc: G.Doc) -> list[_Line]:
    lines = _unit(f"第{to_zh(doc.session)}届会议")
    if doc.kind != "resolution" and doc.topic.committee:
        lines += _unit(P.COMMITTEE_REPORT[doc.topic.committee][0], "")
    lines += _unit(f"议程项目 {doc.topic.agenda_item}", "")
    lines += _unit(doc.topic.title[0], "")
    if doc.kind == "resolution":
        assert doc.adopted is not None
        lines += _unit(G.zh_spaced(f"{G.zh_date(doc.adopted)}大会决议"))
        if doc.report and doc.topic.committee:
            committee = P.COMMITTEE_REPORT[doc.topic.committee][0]
            report = f"[根据{committee}的报告({doc.report}，第{doc.report_para}段)]"
        else:
            report = f"[未经发交主要委员会({doc.draft_symbol})]"
        lines += _unit(G.zh_spaced(report))
        lines += _unit(f"{doc.res_number}. {doc.topic.title[0]}")
    else:
        kind = "订正决议草案" if doc.kind == "revised-draft-resolution" else "决议草案"
        names = G.sponsor_line([s[0] for s in doc.sponsors], "和", "、")
        lines += _unit(f"{names}：{kind}", "  ")
        lines += _unit(doc.topic.title[0], "  ")
    lines += _unit("大会，")
    return lines


def render_zh(doc: G.Doc) -> str:
    paragraphs, numbers, notes = G.numbered(doc)
    note_texts = G.note_texts(notes)
    lines = _front(doc)
    operative = 0
    letter = 0
    for para in paragraphs:
        label = ""
        if para.kind == "op":
            operative += 1
            letter = 0
            label = f"{operative}. "
        elif para.kind == "sub":
            letter += 1
        lines += _paragraph(para, label, numbers)
    if doc.kind == "resolution" and doc.adopted:
        lines += _unit(G.zh_spaced(f"第{doc.meeting}次全体会议"))
        lines += _unit(G.zh_spaced(G.zh_date(doc.adopted)))
    return _pages(lines, note_texts)


def _pages(lines: list[_Line], note_texts: list[tuple[str, str]]) -> str:
    pages: list[list[_Line]] = [[]]
    used = 0.0
    for line in lines:
        cost = 1 + len(line.markers) + (1 if line.markers and not any(x.markers for x in pages[-1]) else 0)
        if pages[-1] and used + cost > PAGE_LINES:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += cost
    out: list[str] = []
    pending_urls: list[str] = []
    for index, page in enumerate(pages):
        printed: list[str] = []
        for line in page:
            printed += [line.text, ""]
            pending_urls += [u for u in line.urls if u not in pending_urls]
        numbers = [n for line in page for n in line.markers]
        if numbers:
            printed += ["__________________ ", ""]
            for number in numbers:
                printed += [f" {number} {note_texts[number - 1][0]} ", ""]
            printed += [f"https://undocs.org/ch/{symbol}" for symbol in pending_urls]
            pending_urls = []
        if index < len(pages) - 1 and printed[-1] == "":
            printed.pop()  # no empty line after the last line of a page: a page break
        out += printed
    return "\n".join(out) + "\n\n"
