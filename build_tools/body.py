"""The body of a document: paragraphs and the lines among them, with stable anchors.

What follows the front matter is read as a sequence of blocks:

* the enacting formula (``The General Assembly,``), once or at the head of each part;
* part headings (``I``, ``II`` … or ``A``, ``B`` …, with the part's title), as the Fifth
  Committee adopts resolutions in parts; section headings (``I. Global context``);
* preambular paragraphs, then numbered operative paragraphs with their sub-paragraphs
  ``(a)``, ``(i)``; a part with no numbered paragraph may end with one unnumbered operative
  paragraph (``Takes note of the report …``);
* the closing lines (``48th plenary meeting``, the date) and annexes (``Annex``, its title,
  its headings and paragraphs), which are text of the document and get anchors too.

Anchors are the same in every language: ``pp1``, ``op1``, ``op2a``, ``op2a-i``; where the
numbering starts again in a later part, every part's anchors carry the part's label
(``ii-op1``, ``b-pp2``); annexes carry theirs (``annex-op3``, ``annex-ii-op1``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from .clean_text import Block, CleanText
from .diagnostics import Diagnostic, Severity, shorten
from .lexicon import SUBPARAGRAPH, opening_phrase, operative_verb
from .lexicon import lexicon as lexicon_of
from .model import FootnoteRef, FrontLine, FrontRole, Paragraph
from .phrases import listed

PART_LABEL = re.compile(r"(?:Section |Part )?([IVX]{1,6}|[A-Z])|(?:第)?([一二三四五六七八九十]+)(?:节|部分)?")
"""A part's label on a line of its own."""
ANNEX = re.compile(r"(Annex|ANNEX|Appendix|Attachment)(?: ([IVX]{1,6}|\d{1,2}|[A-Z]))?|附件([一二三四五六七八九十]*)")
SECTION = re.compile(r"(?:([IVX]{1,6}|[A-Z])\.|Article (\d{1,3})|Chapter ([IVX]{1,6}|\d{1,3}))(?:\s+\S.*)?")
"""A heading with its label in the text (``I. Introduction``, ``Article 3``)."""
_SEPARATOR = re.compile(r"\*(?:\s*\*){2,}")
"""``* * *`` between groups of paragraphs."""
_ENDS_SENTENCE = re.compile(r"[,;.:。；，：][”’\"')）]*$")


@dataclass(slots=True)
class _Part:
    """Where the walk through the body stands."""

    key: str = ""
    """The part's label as an anchor prefix (``ii``, ``annex``, ``annex-ii``)."""
    annex: bool = False
    section: str = ""
    """A section of an annex (``art38``, ``ii``): a prefix only where the annex's numbering
    starts again in its sections."""
    preambular: int = 0
    numbered: int = 0
    unnumbered: int = 0
    last_number: int = 0
    paragraphs: list[Paragraph] = field(default_factory=list)
    quoted: bool = False
    """Its numbered paragraphs begin after a line that introduces them (``… to read:``):
    quoted paragraphs keep the numbers they have elsewhere."""
    after_heading: bool = False
    """A heading stands after the part's last numbered paragraph (a table or list follows)."""


@dataclass(slots=True)
class _Walk:
    clean: CleanText
    diagnostics: list[Diagnostic]
    items: list[Paragraph | FrontLine] = field(default_factory=list)
    parts: list[_Part] = field(default_factory=lambda: [_Part()])
    restarts: set[str] = field(default_factory=set)
    """The groups (``""`` for the resolution's parts, an annex's key for its sections) whose
    numbering starts again in a later part: their anchors then carry the part."""
    last_numbers: dict[str, int] = field(default_factory=dict)
    expect_title: FrontRole | None = None
    """``part-title`` or ``annex-title`` right after a part or annex label."""

    @property
    def part(self) -> _Part:
        return self.parts[-1]


def parse_body(blocks: Sequence[Block], clean: CleanText, diagnostics: list[Diagnostic],
               kind: str) -> tuple[Paragraph | FrontLine, ...]:
    """The body blocks as paragraphs and lines, anchored."""
    walk = _Walk(clean, diagnostics)
    operative_verbs_end = set() if kind == "amendment" else _unnumbered_operatives(blocks, clean.source.lang)
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        _step(walk, block, following, index in operative_verbs_end, kind)
    _check_structure(walk)
    return tuple(_anchored(walk))


def _line(role: FrontRole, block: Block, anchor: str = "") -> FrontLine:
    return FrontLine(role, block.text.text, block.text.source_offset(0), _refs(block, 0), anchor=anchor)


def _refs(block: Block, shift: int) -> tuple[FootnoteRef, ...]:
    return tuple(FootnoteRef(m.offset - shift, m.number, m.mark) for m in block.markers)


def _step(walk: _Walk, block: Block, following: Block | None, unnumbered_operative: bool, kind: str) -> None:
    text = block.text.text
    lang = walk.clean.source.lang
    lexicon = lexicon_of(lang)
    if walk.expect_title is not None:
        role, walk.expect_title = walk.expect_title, None
        if not lexicon.operative.match(text) and not SUBPARAGRAPH.match(text) and not lexicon.enacting.fullmatch(text):
            walk.items.append(_line(role, block))
            return
    closing = _closing_role(text, lang)
    annex = ANNEX.fullmatch(text)
    if annex and (block.bold or following is None or not _is_paragraph_start(following.text.text, lang)):
        label = (annex.group(2) or annex.group(3) or "").lower()
        key = "annex" + (f"-{label}" if label else "")
        walk.parts.append(_Part(key=key, annex=True))
        walk.items.append(_line("annex", block, key))
        walk.expect_title = "annex-title"
    elif lexicon.enacting.fullmatch(text) or lexicon.enacting_alone.fullmatch(text):
        if walk.part.numbered or walk.part.preambular:
            walk.parts.append(_Part(key=_next_key(walk), annex=walk.part.annex))
        walk.items.append(_line("enacting", block, "enacting"))
    elif closing and not walk.part.annex:
        walk.items.append(_line(closing, block))
    elif PART_LABEL.fullmatch(text) and _is_part_label(block, following, lang):
        label = text.split()[-1]
        if walk.part.annex:
            walk.parts.append(_Part(key=walk.part.key, annex=True, section=label.lower()))
            walk.items.append(_line("heading", block))
        else:
            walk.parts.append(_Part(key=label.lower()))
            walk.items.append(_line("part", block, f"part-{label.lower()}"))
        walk.expect_title = "part-title"
    elif _SEPARATOR.fullmatch(text):
        walk.items.append(_line("separator", block))
    elif _is_heading(block, following, lang, walk.clean.format == "pdf"):
        section = _section_key(text)
        if walk.part.annex and section:
            walk.parts.append(_Part(key=walk.part.key, annex=True, section=section))
        walk.part.after_heading = True
        walk.items.append(_line("heading", block))
    else:
        walk.items.append(_paragraph(walk, block, unnumbered_operative, kind))


def _introduces(item: Paragraph | FrontLine) -> bool:
    return item.text.rstrip("”’\"' ").endswith(":")


def _section_key(text: str) -> str:
    """``Article 38 Transfer of …`` → ``art38``, ``II. Implementation …`` → ``ii``."""
    match = SECTION.fullmatch(text)
    if not match:
        return ""
    roman, article, chapter = match.groups()
    if article:
        return f"art{article}"
    if chapter:
        return f"ch{chapter.lower()}"
    return roman.lower()


def _next_key(walk: _Walk) -> str:
    """A part without a printed label (a second enacting formula): numbered in order."""
    return f"part{len(walk.parts) + 1}"


def _is_paragraph_start(text: str, lang: str) -> bool:
    return bool(lexicon_of(lang).operative.match(text) or SUBPARAGRAPH.match(text) or _ENDS_SENTENCE.search(text))


def _is_part_label(block: Block, following: Block | None, lang: str) -> bool:
    """``I`` or ``A`` alone on a line heads a part when it is set in bold or a title follows."""
    if block.bold:
        return True
    return following is not None and not _is_paragraph_start(following.text.text, lang)


def _is_heading(block: Block, following: Block | None, lang: str, styled: bool) -> bool:
    """A heading among paragraphs: bold and not a sentence, or a labelled section heading
    (``I. Introduction``) that does not end as a sentence does. A text extraction shows no
    bold: there a short line that is not a sentence, opens with a capital and stands before
    a numbered paragraph or a preambular one is a heading too."""
    text = block.text.text
    lexicon = lexicon_of(lang)
    if lexicon.operative.match(text) and not block.bold:
        return False
    if block.bold and not _ENDS_SENTENCE.search(text) and len(text) < 300:
        return True
    if SECTION.fullmatch(text) and not _ENDS_SENTENCE.search(text) and following is not None:
        return True
    if styled or following is None or _ENDS_SENTENCE.search(text) or len(text) > 200 or SUBPARAGRAPH.match(text) \
            or listed(text, lang):
        return False
    after = following.text.text
    return text[:1].isupper() and bool(lexicon.operative.match(after) or opening_phrase(after, lang))


def _paragraph(walk: _Walk, block: Block, unnumbered_operative: bool, kind: str) -> Paragraph:
    text = block.text.text
    lang = walk.clean.source.lang
    part = walk.part
    start = block.text.source_offset(0)
    number = lexicon_of(lang).operative.match(text)
    sub = SUBPARAGRAPH.match(text)
    if number:
        label = number.group()
        value = int(number.group(1))
        preceding = [item for item in walk.items if not (isinstance(item, FrontLine) and item.role == "heading")]
        if not part.numbered and preceding and _introduces(preceding[-1]):
            part.quoted = True
        group = part.key if part.annex else ""
        if value <= walk.last_numbers.get(group, 0):
            walk.restarts.add(group)
        walk.last_numbers[group] = value
        part.numbered += 1
        part.after_heading = False
        part.last_number = value
        paragraph = Paragraph(f"op{value}", "operative", value, label,
                              _opening(block, len(label), operative_verb(text[len(label):], lang), part.annex),
                              text[len(label):], _refs(block, len(label)), source=start)
    elif sub and any(p.kind != "paragraph" for p in part.paragraphs):
        paragraph = _subparagraph(part.paragraphs, sub, text, block, start)
    elif part.annex:
        part.unnumbered += 1
        paragraph = Paragraph(f"p{part.unnumbered}", "paragraph", part.unnumbered, "", "", text,
                              _refs(block, 0), source=start)
    elif unnumbered_operative or (not part.numbered and not part.preambular and (
            kind == "amendment" or lexicon_of(lang).decision.fullmatch(text))):
        part.numbered += 1
        part.last_number = part.numbered
        verb = "" if lexicon_of(lang).decision.fullmatch(text) else _opening(block, 0, operative_verb(text, lang))
        paragraph = Paragraph(f"op{part.numbered}", "operative", part.numbered, "", verb,
                              text, _refs(block, 0), source=start)
    elif not part.numbered:
        part.preambular += 1
        paragraph = Paragraph(f"pp{part.preambular}", "preambular", part.preambular, "",
                              _opening(block, 0, opening_phrase(text, lang)), text, _refs(block, 0), source=start)
    else:
        owner = next(p for p in reversed(part.paragraphs) if p.level == 0 and p.kind == "operative")
        count = sum(1 for p in part.paragraphs if p.level == 0 and p.anchor.startswith(owner.anchor + "-p"))
        paragraph = Paragraph(f"{owner.anchor}-p{count + 1}", "paragraph", count + 1, "", "", text,
                              _refs(block, 0), source=start)
        introduced = owner.text.rstrip("”’\"' ").endswith(":") or part.after_heading
        if not introduced and kind != "amendment":
            walk.diagnostics.append(walk.clean.source.diagnostic(
                "parse.unnumbered-paragraph", start,
                "a numbered operative paragraph, a sub-paragraph (a) or the closing lines",
                shorten(text), f"kept as a paragraph of {owner.anchor}", severity=Severity.WARNING,
            ))
    part.paragraphs.append(paragraph)
    return paragraph


def _opening(block: Block, label: int, guess: str, annex: bool = False) -> str:
    """The opening phrase: the italic run the PDF opens the paragraph with, else (text
    extractions) the lexicon's guess; none in annexes, which do not set one."""
    text = block.text.text
    if block.lead is not None:
        lead = text[label:block.lead].rstrip()
        return lead if block.lead > label and _WORDS.fullmatch(lead) else ""
    return "" if annex else guess


_WORDS = re.compile(r"[^\W\d_][\w’'-]*(?: [\w’'-]+)*")
"""An opening phrase: words only (an italic run that holds a number or a sign is a title)."""


_DOUBLE = re.compile(r"\(([a-z]{1,2})\)\s*\(([ivx]{1,6})\)\s*")
"""``(a) (i)``: a sub-paragraph whose text opens with its own first item."""


def _subparagraph(part: list[Paragraph], match: re.Match[str], text: str, block: Block, start: int) -> Paragraph:
    """``(a)`` under the last numbered paragraph, ``(i)`` under the last ``(a)``."""
    token = match.group(1)
    parent = next(p for p in reversed(part) if p.level == 0 and (p.kind != "paragraph" or _introduces(p)))
    letters = [p for p in part[part.index(parent) + 1:] if p.level == 1 or _DOUBLE.match(p.label)]
    expected = _next_letter(_letter_anchor(letters[-1])) if letters else "a"
    is_roman = bool(re.fullmatch(r"[ivxl]+", token)) and token != expected and bool(letters)
    double = _DOUBLE.match(text)
    label = double.group() if double else match.group()
    body = text[len(label):]
    if double:
        anchor, level, number = f"{parent.anchor}{double.group(1)}-{double.group(2)}", 2, 1
    elif is_roman:
        owner = letters[-1]
        siblings = [p for p in part[part.index(owner):] if p.level == 2]
        anchor, level, number = f"{_letter_anchor(owner)}-{token}", 2, len(siblings) + 1
    else:
        anchor, level, number = f"{parent.anchor}{token}", 1, len(letters) + 1
    return Paragraph(anchor, "subparagraph", number, label, "", body, _refs(block, len(label)),
                     source=start, level=level)


def _letter_anchor(paragraph: Paragraph) -> str:
    """The anchor of the lettered sub-paragraph: ``op1a`` for (a), and for (a) (i) too."""
    return paragraph.anchor.rsplit("-", 1)[0] if _DOUBLE.match(paragraph.label) else paragraph.anchor


def _next_letter(anchor: str) -> str:
    """The letter expected after a sub-paragraph's (its anchor or its letter): after ``(z)``
    come ``(aa)``, ``(bb)`` …"""
    tail = re.search(r"([a-z]+)$", anchor)
    token = tail.group(1) if tail else "a"
    if token == "z":
        return "aa"
    if len(set(token)) == 1 and token[0] != "z":
        return chr(ord(token[0]) + 1) * len(token)
    return token + "?"


def _closing_role(text: str, lang: str) -> FrontRole | None:
    for role, pattern in lexicon_of(lang).closing:
        if role != "annex" and pattern.fullmatch(text):
            return role
    return None


def _unnumbered_operatives(blocks: Sequence[Block], lang: str) -> set[int]:
    """Indexes of unnumbered operative paragraphs: in a stretch of paragraphs (between
    enacting formulas, part headings, closing lines) with no numbered paragraph, the first
    one that opens with an operative verb, not a preambular phrase, and those after it that
    do too."""
    lexicon = lexicon_of(lang)
    found: set[int] = set()
    stretch: list[int] = []

    def close() -> None:
        texts = [blocks[i].text.text for i in stretch]
        if any(lexicon.operative.match(t) for t in texts):
            return
        started = False
        for index, text in zip(stretch, texts, strict=True):
            verb = operative_verb(text, lang)
            if verb and not opening_phrase(text, lang) and not SUBPARAGRAPH.match(text):
                started = True
            if started and (verb or SUBPARAGRAPH.match(text)):
                found.add(index)

    for index, block in enumerate(blocks):
        text = block.text.text
        boundary = (lexicon.enacting.fullmatch(text) or lexicon.enacting_alone.fullmatch(text)
                    or _closing_role(text, lang) or ANNEX.fullmatch(text) or PART_LABEL.fullmatch(text))
        if boundary:
            close()
            stretch = []
            if ANNEX.fullmatch(text):
                break  # annex paragraphs are never operative paragraphs of the resolution
        else:
            stretch.append(index)
    else:
        close()
        return found
    close()
    return found


def _anchored(walk: _Walk) -> list[Paragraph | FrontLine]:
    """Final anchors: a part's label before its paragraphs' anchors where numbering starts
    again in a later part, and always in annexes; the lines among the paragraphs get ids by
    their role (``enacting``, ``part-ii``, ``part-ii-title``, ``h3``, ``meeting``); any
    anchor left twice made unique."""
    keys = {}
    for part in walk.parts:
        for paragraph in part.paragraphs:
            if part.annex:
                sectioned = part.section and part.key in walk.restarts
                keys[id(paragraph)] = part.key + (f"-{part.section}" if sectioned else "")
            else:
                keys[id(paragraph)] = part.key if "" in walk.restarts else ""
    seen: dict[str, int] = {}
    result: list[Paragraph | FrontLine] = []
    current, last_heading, headings = "", "", 0
    for item in walk.items:
        if isinstance(item, Paragraph):
            key = keys.get(id(item), "")
            result.append(replace(item, anchor=_unique(f"{key}-{item.anchor}" if key else item.anchor, seen)))
            continue
        prefix = current + "-" if current and (current.startswith("annex") or "" in walk.restarts) else ""
        if item.role in ("part", "annex"):
            current = item.anchor.removeprefix("part-")
            anchor = item.anchor
        elif item.role in ("part-title", "annex-title"):
            anchor = f"{last_heading}-title"
        elif item.role == "heading":
            headings += 1
            anchor = f"{prefix}h{headings}"
        else:
            anchor = prefix + item.role
        anchor = _unique(anchor, seen)
        last_heading = anchor if item.role in ("part", "annex", "heading") else last_heading
        result.append(replace(item, anchor=anchor))
    return result


def _unique(anchor: str, seen: dict[str, int]) -> str:
    seen[anchor] = seen.get(anchor, 0) + 1
    return anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"


def _check_structure(walk: _Walk) -> None:
    """Structural checks: in every part, numbered paragraphs 1…N (a part may also go on
    from the number the part before it ended with), sub-paragraph letters and numerals in
    order under their paragraph."""
    source = walk.clean.source
    last: dict[str, int] = {}
    for part in walk.parts:
        group = part.key if part.annex else ""
        numbered = [p for p in part.paragraphs if p.kind == "operative" and p.label]
        if numbered:
            first = numbered[0].number
            if first not in (1, last.get(group, 0) + 1) and not part.quoted:
                _numbering(walk, numbered[0], 1)
            for before, after in pairwise(numbered):
                if after.number != before.number + 1:
                    _numbering(walk, after, before.number + 1)
            last[group] = numbered[-1].number
        _check_labels(walk, part.paragraphs)
    resolution = [p for part in walk.parts if not part.annex for p in part.paragraphs]
    annexed = any(part.annex for part in walk.parts)
    if resolution and any(p.kind == "operative" for p in resolution) and resolution[-1].kind != "paragraph" and \
            not (annexed and _introduces(resolution[-1])) and \
            not re.search(r"[。.．][”’\"')）]*$", resolution[-1].text):
        final = resolution[-1]
        walk.diagnostics.append(source.diagnostic(
            "parse.truncated", final.source + len(final.label) + len(final.text),
            "the last operative paragraph to end with a full stop",
            f"…{shorten(final.text[-30:])}", "is the text truncated?", severity=Severity.WARNING,
        ))


def _check_labels(walk: _Walk, paragraphs: Sequence[Paragraph]) -> None:
    expected: dict[int, str] = {}
    for paragraph in paragraphs:
        if paragraph.level == 0:
            if paragraph.kind != "paragraph" or _introduces(paragraph):
                opens = SUBPARAGRAPH.match(paragraph.text)  # "3. (a) Each State …": (a) stands in 3.
                expected = {1: _next_letter(opens.group(1)) if opens else "a", 2: "i"}
            continue
        double = _DOUBLE.match(paragraph.label)
        if double:
            letter, roman = double.groups()
            if letter != expected.get(1, "a") or roman != "i":
                _structure(walk, paragraph, f"sub-paragraph ({expected.get(1, 'a')}) (i)",
                           f"({letter}) ({roman})", "structure.subparagraph")
            expected[1], expected[2] = _next_letter(letter), _next_roman(roman)
            continue
        token = paragraph.label.strip().strip("()")
        wanted = expected.get(paragraph.level, "a" if paragraph.level == 1 else "i")
        if token != wanted:
            _structure(walk, paragraph, f"sub-paragraph ({wanted})", f"({token})", "structure.subparagraph")
        if paragraph.level == 1:
            expected[1] = _next_letter(token)
            expected[2] = "i"
        else:
            expected[2] = _next_roman(token)


_ROMAN = ("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi xvii xviii xix xx xxi xxii xxiii xxiv xxv "
          "xxvi xxvii xxviii xxix xxx").split()


def _next_roman(token: str) -> str:
    return _ROMAN[_ROMAN.index(token) + 1] if token in _ROMAN[:-1] else token + "?"


def _numbering(walk: _Walk, paragraph: Paragraph, expected: int) -> None:
    walk.diagnostics.append(walk.clean.source.diagnostic(
        "parse.operative-number", paragraph.source, f"operative paragraph {expected}",
        f"paragraph number {paragraph.number}",
        "operative paragraphs are numbered 1, 2, 3 … without gaps or repeats",
    ))


def _structure(walk: _Walk, paragraph: Paragraph, expected: str, found: str, code: str) -> None:
    walk.diagnostics.append(walk.clean.source.diagnostic(
        code, paragraph.source, expected, found,
        "sub-paragraphs go (a), (b) … and (i), (ii) … without gaps or repeats: is one missing or split?",
        severity=Severity.WARNING,
    ))
