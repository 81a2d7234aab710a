"""English text as ``pdftotext -layout`` prints an official PDF."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

from bench import phrases as P
from bench import planned as G
from build_tools.numerals import to_en_ordinal

WIDTH = 86
"""Characters of body text per line."""
PAGE_LINES = 54
RIGHT = 82
"""Column of the right-hand masthead cells."""
_SPACED_AFTER = re.compile(r"(?:Protocol|and|or|to|of|No\.|vol\.)$")
"""Words after which a spaced marker would read as a number: glue the marker instead."""


@dataclass
class _Line:
    rel: int
    """Indent relative to the page's text margin (absolute when ``absolute``)."""
    text: str
    para: int
    first: bool = False
    last: bool = False
    markers: list[int] = field(default_factory=list)
    absolute: bool = False


def _tokens(para: G.Para, numbers: dict[int, int], rng: random.Random) -> tuple[list[str], dict[int, int]]:
    """Words of a paragraph; a spaced marker is kept with the word before it."""
    tokens: list[str] = []
    markers: dict[int, int] = {}
    for piece in para.pieces:
        if isinstance(piece, G.Note):
            number = numbers[id(piece)]
            markers[len(tokens) - 1] = number
            if rng.random() < 0.5 or _SPACED_AFTER.search(tokens[-1]):
                tokens[-1] += str(number)
            else:
                tokens[-1] += f" {number}"
        else:
            text = piece[1]
            words = text.split()
            if text.startswith((",", ";", ".")) and tokens:
                tokens[-1] += words.pop(0)
            tokens += words
    return tokens, markers


def _paragraph(para: G.Para, index: int, label: str, numbers: dict[int, int], rng: random.Random) -> list[_Line]:
    tokens, markers = _tokens(para, numbers, rng)
    rel = rng.choice((5, 6))
    prefix = ""
    if para.kind == "sub":
        label, tokens = tokens[0], tokens[1:]
        markers = {k - 1: v for k, v in markers.items()}
    if label:
        prefix = label + " " * rng.randint(3, 6)
    texts = G.en_wrap(tokens, WIDTH, WIDTH - rel - len(prefix))
    lines: list[_Line] = []
    count = 0
    for number, text in enumerate(texts):
        words = len(text.split(" ")) if text else 0
        # which token indexes fall on this line (a spaced marker token holds a space)
        span = 0
        taken = 0
        while count + taken < len(tokens) and span < len(text):
            span += len(tokens[count + taken]) + (1 if taken else 0)
            taken += 1
        line = _Line(rel if number == 0 else 0, (prefix + text) if number == 0 else text, index,
                     first=number == 0, last=number == len(texts) - 1)
        line.markers = [markers[k] for k in range(count, count + taken) if k in markers]
        count += taken
        del words
        lines.append(line)
    return lines


def _front(doc: G.Doc, base: int) -> list[str]:
    symbol_at = 104 - len(doc.symbol)
    lines = [
        " " * base + "United Nations" + " " * (symbol_at - base - 14) + doc.symbol,
        " " * base + "General Assembly" + " " * (RIGHT - base - 16)
        + ("Distr.: General" if doc.kind == "resolution" else "Distr.: Limited"),
        " " * RIGHT + G.en_date(doc.date),
        "",
    ]
    if doc.kind != "resolution":
        lines += [" " * RIGHT + "Original: English", ""]
    lines += ["", "", ""]
    lines.append(f"{to_en_ordinal(doc.session)} session")
    if doc.kind != "resolution" and doc.topic.committee:
        lines.append(P.COMMITTEE_REPORT[doc.topic.committee][1])
    lines.append(f"Agenda item {doc.topic.agenda_item}")
    width = 62 if doc.kind != "resolution" else 46
    lines += G.en_wrap(doc.topic.title[1].split(), width, width)
    lines += ["", ""]
    if doc.kind == "resolution":
        assert doc.adopted is not None
        lines.append(" " * base + "Resolution adopted by the General Assembly")
        lines.append(" " * base + f"on {G.en_date(doc.adopted)}")
        if doc.report and doc.topic.committee:
            committee = P.COMMITTEE_REPORT[doc.topic.committee][1]
            report = f"[on the report of the {committee} ({doc.report}, para. {doc.report_para})]"
        else:
            report = f"[without reference to a Main Committee ({doc.draft_symbol})]"
        lines += [" " * base + t for t in G.en_wrap(report.split(), WIDTH, WIDTH)]
        lines.append("")
        label = f"{doc.res_number}."
        title = G.en_wrap(doc.topic.title[1].split(), WIDTH - 4, WIDTH - 4)
        lines.append(" " * 4 + label + " " * (base - 4 - len(label)) + title[0])
        lines += [" " * base + t for t in title[1:]]
    else:
        kind = "revised draft resolution" if doc.kind == "revised-draft-resolution" else "draft resolution"
        names = G.sponsor_line([s[1] for s in doc.sponsors], " and ", ", ")
        lines += [" " * base + t for t in G.en_wrap(f"{names}: {kind}".split(), WIDTH, WIDTH)]
        lines.append("")
        lines += [" " * base + t for t in G.en_wrap(doc.topic.title[1].split(), WIDTH, WIDTH)]
    lines.append("")
    return lines


def render_en(doc: G.Doc) -> str:
    rng = random.Random(f"{doc.symbol}:en")
    paragraphs, numbers, notes = G.numbered(doc)
    note_texts = [t[1] for t in G.note_texts(notes)]
    body = [_Line(5, "The General Assembly,", -1, True, True)]
    operative = 0
    for index, para in enumerate(paragraphs):
        label = ""
        if para.kind == "op":
            operative += 1
            label = f"{operative}."
        body += _paragraph(para, index, label, numbers, rng)
    if doc.kind == "resolution" and doc.adopted:
        body.append(_Line(RIGHT, f"{doc.meeting}{G.ordinal_suffix(doc.meeting)} plenary meeting",
                          10_000, True, True, absolute=True))
        body.append(_Line(RIGHT + 3, G.en_date(doc.adopted), 10_001, True, True, absolute=True))
    base1 = 15 if doc.kind == "resolution" else 16
    front = _front(doc, base1)
    for shrink in range(0, 30, 2):
        pages = _paginate(body, front, note_texts, shrink, base1)
        if pages is not None:
            return _render(doc, front, body, pages, note_texts, base1)
    raise ValueError(f"{doc.symbol}: no page layout that the converter reads back")


def _note_lines(number: int, text: str, base: int) -> list[str]:
    wrapped = G.en_wrap(text.split(), WIDTH - 4, WIDTH - 4)
    return [" " * base + str(number), *(" " * (base + 2) + t for t in wrapped)]


def _base(page: int, base1: int) -> int:
    return base1 if page == 0 else (20 if page % 2 == 1 else 17)


def _paginate(
    body: list[_Line], front: list[str], notes: list[str], shrink: int, base1: int
) -> list[tuple[int, int]] | None:
    pages: list[tuple[int, int]] = []
    start = 0
    first_words: set[str] = set()
    while start < len(body):
        cap = PAGE_LINES - shrink - (len(front) + 6 if not pages else 8)
        used, end, has_notes = 0, start, False
        while end < len(body):
            line = body[end]
            cost = 1 + sum(1 + len(_note_lines(n, notes[n - 1], 0)) - 1 for n in line.markers)
            cost += 3 if line.markers and not has_notes else 0
            if used + cost > cap and end > start:
                break
            used += cost
            has_notes = has_notes or bool(line.markers)
            end += 1
        if end < len(body):
            page_words = _words(front, body[:end], notes) if not pages else first_words
            while end > start + 1 and not _break_ok(body, end, page_words):
                end -= 1
            if not pages:
                first_words = _words(front, body[:end], notes)
        pages.append((start, end))
        start = end
    for number, (a, b) in enumerate(pages):
        indents = Counter((line.rel if line.absolute else _base(number, base1) + line.rel) for line in body[a:b])
        if number == 0:
            for text in front:
                stripped = text.strip()
                if stripped and not stripped.startswith(("United Nations", "General Assembly")):
                    indents[len(text) - len(text.lstrip())] += 1
                elif stripped:
                    indents[RIGHT] += 1
        if indents.most_common(1)[0][0] != _base(number, base1):
            return None
    for a, _ in pages[1:]:
        if not _break_ok(body, a, first_words):
            return None
    return pages


def _words(front: list[str], lines: list[_Line], notes: list[str]) -> set[str]:
    """Every word that may stand on the first page (a superset: all footnotes count)."""
    words = {w.lower() for text in [*front, *notes] for w in re.findall(r"\w+", text)}
    words |= {w.lower() for line in lines for w in re.findall(r"\w+", line.text)}
    return words


def _break_ok(body: list[_Line], at: int, page1_words: set[str]) -> bool:
    """Whether the converter reads a page break before ``body[at]`` as printed."""
    before, after = body[at - 1], body[at]
    # A paragraph continued on the next page: the line before must not look like its end.
    if not after.first and re.search(r"[,;.:]$", before.text) and not re.search(r"\d$", before.text):
        return False
    words = [w.lower() for w in re.findall(r"\w+", after.text)]
    # The converter drops the first lines of a page as a running title when all their words
    # occur on the first page (layout._running_header): keep such a line off the top.
    looks_like_title = (len(words) >= 3 and all(w in page1_words for w in words)
                        and not after.text.endswith((",", ";")) and "   " not in after.text)
    return not looks_like_title


def _render(doc: G.Doc, front: list[str], body: list[_Line], pages: list[tuple[int, int]],
            notes: list[str], base1: int) -> str:
    total = len(pages)
    out: list[str] = []
    for number, (a, b) in enumerate(pages):
        base = _base(number, base1)
        lines: list[str] = []
        if number == 0:
            lines += front
        else:
            lines += _header(doc, number)
        for line in body[a:b]:
            if line.absolute:
                lines += ["", " " * line.rel + line.text] if line.para == 10_000 else [" " * line.rel + line.text]
            else:
                lines.append(" " * (base + line.rel) + line.text)
        numbers = [n for line in body[a:b] for n in line.markers]
        if numbers:
            lines += ["", "", " " * (base - 6) + "__________________"]
            for n in numbers:
                lines += _note_lines(n, notes[n - 1], base)
        lines += ["", ""]
        if number == 0:
            compact = doc.job.replace("-", "")
            lines += ["", f" {doc.job} (E)     {doc.date.strftime('%d%m%y')}", f" *{compact}*"]
        elif number % 2 == 1:
            lines.append(f"{number + 1}/{total}" + " " * (108 - len(doc.job) - len(f"{number + 1}/{total}")) + doc.job)
        else:
            lines.append(doc.job + " " * (108 - len(doc.job) - len(f"{number + 1}/{total}")) + f"{number + 1}/{total}")
        out.append("\n".join(lines) + "\n")
    return "\f".join(out) + "\f"


def _header(doc: G.Doc, number: int) -> list[str]:
    even = number % 2 == 1  # page 2, 4, … (number is 0-based)
    if doc.kind != "resolution":
        return [doc.symbol if even else " " * (103 - len(doc.symbol)) + doc.symbol, ""]
    words = doc.topic.title[1].split()
    if len(words) < 6:
        title = " ".join(words)
        line = (doc.symbol + " " * 20 + title) if even else (title + " " * 20 + doc.symbol)
        return [line, "", ""]
    half = len(words) // 2
    first, second = " ".join(words[:half]), " ".join(words[half:])
    if even:
        return [" " * 82 + first, doc.symbol + " " * max(3, 82 - len(doc.symbol)) + second, "", ""]
    return [first, second + " " * max(3, 100 - len(second)) + doc.symbol, "", ""]
