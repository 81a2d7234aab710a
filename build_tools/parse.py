"""Parse: clean text blocks into a :class:`~build_tools.model.Document`.

The front matter (session, committee, agenda item, sponsors, title) is recognised by the
patterns of :mod:`build_tools.lexicon`; after the enacting formula (大会， / The General
Assembly,) come the preambular paragraphs, then the numbered operative paragraphs.
Footnote bodies, parsed where they stood at the foot of each page, are attached to the
paragraph whose marker names them. Every clean block ends up in exactly one place of the
model (:meth:`Document.printed_blocks` gives them back), so nothing is dropped.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .ingest import Block, CleanText
from .lexicon import (
    CLOSING_PATTERNS,
    FRONT_PATTERNS,
    LEXICONS,
    SUBPARAGRAPH,
    Lexicon,
    committee_id,
    kind_id,
    opening_phrase,
    operative_verb,
)
from .meta import Meta
from .model import Document, Footnote, FootnoteRef, FrontLine, Paragraph, Sponsor
from .numerals import en_ordinal, zh_number
from .states import StateTable, load_states
from .symbols import SYMBOL_PATTERN, UNSymbol


def parse(clean: CleanText, meta: Meta, slug: str) -> Document:
    """Build the document model; raise :class:`DiagnosticError` when the text has no shape."""
    source = clean.source
    lexicon = LEXICONS[source.lang]
    diagnostics: list[Diagnostic] = list(clean.diagnostics)
    blocks = clean.blocks
    enacting_at = next(
        (i for i, b in enumerate(blocks) if lexicon.enacting.fullmatch(b.text.text)), None
    )
    if enacting_at is None:
        raise DiagnosticError(
            [*diagnostics, source.diagnostic(
                "parse.no-enacting", blocks[0].text.source_offset(0),
                f"the enacting formula ({'大会，' if source.lang == 'zh' else 'The General Assembly,'})"
                " before the paragraphs", "no such line",
                "a resolution's paragraphs follow the line naming the body that acts",
            )]
        )
    front, values = _front(blocks[: enacting_at + 1], lexicon, clean, diagnostics)
    preamble, operative, closing = _body(blocks[enacting_at + 1:], clean, diagnostics)
    footnotes = tuple(
        Footnote(f.number, f.text.text, source=f.text.source_offset(0)) for f in clean.footnotes
    )
    kind = meta.kind or values.get("kind") or ("resolution" if not values.get("sponsors") else "draft-resolution")
    if meta.kind and values.get("kind") and meta.kind != values["kind"]:
        diagnostics.append(source.diagnostic(
            "parse.kind-mismatch", 0, f"the kind given in meta.yml ({meta.kind})",
            f"the text says {values['kind']}", severity=Severity.WARNING,
        ))
    blocking = [d for d in diagnostics if d.severity is Severity.ERROR]
    if blocking:
        raise DiagnosticError(diagnostics)
    sponsors = _sponsors(values.get("sponsors", ""), front, clean, load_states(), diagnostics)
    title = values.get("title") or values.get("agenda-title", "")
    symbol = _symbol(meta, values, clean, diagnostics)
    adopted = _iso_date(values.get("adoption"), source.lang)
    printed_date = adopted or _iso_date(values.get("date"), source.lang)
    if meta.date and printed_date and meta.date != printed_date:
        diagnostics.append(source.diagnostic(
            "parse.date-mismatch", 0, f"the date in meta.yml ({meta.date})",
            f"the text gives {printed_date}", "correct meta.yml", severity=Severity.WARNING,
        ))
    if values.get("adoption") or values.get("resolution-number"):
        kind = meta.kind or "resolution"
    return Document(
        path=source.path,
        lang=source.lang,
        slug=slug,
        symbol=symbol,
        kind=kind,
        session=_session(values.get("session"), source.lang),
        committee=committee_id(values["committee"], source.lang) if "committee" in values else None,
        agenda_item=values.get("agenda-item"),
        agenda_title=values.get("agenda-title"),
        title=title,
        enacting=blocks[enacting_at].text.text,
        sponsors=sponsors,
        front=front,
        preamble=preamble,
        operative=operative,
        closing=closing,
        footnotes=footnotes,
        printed_urls=tuple(u.url for u in clean.urls),
        date=meta.date or adopted or _iso_date(values.get("date"), source.lang),
        distribution=values.get("distribution"),
        original_language=values.get("original"),
        adopted=adopted,
        report=values.get("report"),
        text_status=meta.text_status(source.lang),
        notes={"symbol_note": meta.symbol_note} if meta.symbol_note else {},
        diagnostics=tuple(diagnostics),
    )


def _symbol(meta: Meta, values: dict[str, str], clean: CleanText, diagnostics: list[Diagnostic]) -> str | None:
    """The symbol: printed in the masthead, or from the resolution number, or from meta.yml."""
    printed = values.get("symbol")
    if not printed and values.get("resolution-number"):
        session, number = values["resolution-number"].split("/")
        printed = str(UNSymbol.resolution(session, number))
    if meta.symbol and printed and meta.symbol != printed:
        at = next((b.text.source_offset(0) for b in clean.blocks if printed in b.text.text), 0)
        diagnostics.append(clean.source.diagnostic(
            "parse.symbol-mismatch", at, f"the symbol in meta.yml ({meta.symbol})",
            f"the text prints {printed}", "correct meta.yml, or check that the file is the right one",
            severity=Severity.WARNING,
        ))
    return meta.symbol or printed


def _iso_date(text: str | None, lang: str) -> str | None:
    if not text:
        return None
    if lang == "zh":
        year, month, day = (int(n) for n in re.findall(r"\d+", text))
        return f"{year:04d}-{month:02d}-{day:02d}"
    return datetime.datetime.strptime(text, "%d %B %Y").date().isoformat()


def _session(text: str | None, lang: str) -> int | None:
    """The session number, or None for a heading such as "Resumed session"."""
    if text is None:
        return None
    try:
        return zh_number(text) if lang == "zh" else en_ordinal(text)
    except ValueError:
        return None


def _front(
    blocks: Sequence[Block], lexicon: Lexicon, clean: CleanText, diagnostics: list[Diagnostic]
) -> tuple[tuple[FrontLine, ...], dict[str, str]]:
    """Give each block before the paragraphs its role; return the roles' values."""
    lines: list[FrontLine] = []
    values: dict[str, str] = {}
    for block in blocks:
        text = block.text.text
        role = _front_role(text, lexicon, values, lines)
        if role == "other":
            diagnostics.append(clean.source.diagnostic(
                "parse.unknown-front-line", block.text.source_offset(0),
                "a heading line (session, committee, agenda item, sponsors, title)",
                shorten(text), severity=Severity.WARNING,
            ))
        lines.append(FrontLine(role, text, block.text.source_offset(0), _refs(block, 0)))
    return tuple(lines), values


def _front_role(text: str, lexicon: Lexicon, values: dict[str, str], lines: list[FrontLine]) -> str:
    if "symbol" not in values and SYMBOL_PATTERN.fullmatch(text):
        values["symbol"] = text
        return "symbol"
    for role, pattern in FRONT_PATTERNS[lexicon.lang]:
        match = pattern.fullmatch(text)
        if match and role not in values and (role != "date" or "session" not in values):
            values[role] = next((g for g in match.groups() if g), text)
            if role == "resolution-number":
                values["title"] = match.group(2)
            return role
    checks = (
        ("session", lexicon.session),
        ("agenda-item", lexicon.agenda),
        ("enacting", lexicon.enacting),
        ("sponsors", lexicon.sponsors),
    )
    for role, pattern in checks:
        match = pattern.fullmatch(text)
        if match and role not in values:
            values[role] = match.group(1) if match.groups() else text
            if role == "sponsors":
                kind = kind_id(match.group(2), lexicon.lang)
                if kind:
                    values["kind"] = kind
            return role
    if "committee" not in values and committee_id(text, lexicon.lang):
        values["committee"] = text
        return "committee"
    previous = lines[-1].role if lines else None
    if previous == "agenda-item" and "agenda-title" not in values:
        values["agenda-title"] = text
        return "agenda-title"
    if previous in ("sponsors", "agenda-title") and "title" not in values:
        values["title"] = text
        return "title"
    return "other"


def _refs(block: Block, shift: int) -> tuple[FootnoteRef, ...]:
    return tuple(FootnoteRef(m.offset - shift, m.number) for m in block.markers)


def _body(
    blocks: Sequence[Block], clean: CleanText, diagnostics: list[Diagnostic]
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...], tuple[FrontLine, ...]]:
    """Preambular paragraphs, then numbered operative ones (with sub-paragraphs), then the
    closing lines (meeting, date) and annexes."""
    lang = clean.source.lang
    lexicon = LEXICONS[lang]
    preamble: list[Paragraph] = []
    operative: list[Paragraph] = []
    closing: list[FrontLine] = []
    for block in blocks:
        text = block.text.text
        start = block.text.source_offset(0)
        number = lexicon.operative.match(text)
        sub = SUBPARAGRAPH.match(text)
        role = _closing_role(text, lang) if operative else None
        if closing or role:
            closing.append(FrontLine(role or "annex-text", text, start, _refs(block, 0)))
        elif number:
            label = number.group()
            body = text[len(label):]
            count = sum(1 for p in operative if p.level == 0)
            if int(number.group(1)) != count + 1:
                diagnostics.append(clean.source.diagnostic(
                    "parse.operative-number", start, f"operative paragraph {count + 1}",
                    f"paragraph number {number.group(1)}",
                    "operative paragraphs are numbered 1, 2, 3 … without gaps or repeats",
                ))
            operative.append(Paragraph(
                f"op{count + 1}", "operative", int(number.group(1)), label,
                operative_verb(body, lang), body, _refs(block, len(label)), source=start,
            ))
        elif sub and (operative or preamble):
            part = operative or preamble
            part.append(_subparagraph(part, sub, text, block, start))
        elif not operative:
            preamble.append(Paragraph(
                f"pp{len(preamble) + 1}", "preambular", len(preamble) + 1, "",
                opening_phrase(text, lang), text, _refs(block, 0), source=start,
            ))
        else:
            diagnostics.append(clean.source.diagnostic(
                "parse.unnumbered-paragraph", start,
                "a numbered operative paragraph, a sub-paragraph (a) or the closing lines",
                shorten(text), "kept after the operative part", severity=Severity.WARNING,
            ))
            closing.append(FrontLine("closing", text, start, _refs(block, 0)))
    if operative and not re.search(r"[。.．][”’\"')）]*$", operative[-1].text):
        last = operative[-1]
        diagnostics.append(clean.source.diagnostic(
            "parse.truncated", last.source + len(last.label) + len(last.text),
            "the last operative paragraph to end with a full stop",
            f"…{shorten(last.text[-30:])}", "is the text truncated?", severity=Severity.WARNING,
        ))
    if not operative:
        at = blocks[-1].text.source_offset(0) if blocks else 0
        diagnostics.append(clean.source.diagnostic(
            "parse.no-operative", at, "numbered operative paragraphs (1. …)",
            "none after the preamble", "is the text truncated?",
        ))
    return tuple(preamble), tuple(operative), tuple(closing)


def _closing_role(text: str, lang: str) -> str | None:
    for role, pattern in CLOSING_PATTERNS[lang]:
        if pattern.fullmatch(text):
            return role
    return None


def _subparagraph(
    part: list[Paragraph], match: re.Match[str], text: str, block: Block, start: int
) -> Paragraph:
    """``(a)`` under the last numbered paragraph, ``(i)`` under the last ``(a)``."""
    token = match.group(1)
    parent = next(p for p in reversed(part) if p.level == 0)
    letters = [p for p in part[part.index(parent) + 1:] if p.level == 1]
    expected = chr(ord(letters[-1].anchor[-1]) + 1) if letters else "a"
    is_roman = bool(re.fullmatch(r"[ivxl]+", token)) and token != expected and bool(letters)
    label = match.group()
    body = text[len(label):]
    if is_roman:
        owner = letters[-1]
        siblings = [p for p in part[part.index(owner) + 1:] if p.level == 2]
        anchor, level, number = f"{owner.anchor}-{token}", 2, len(siblings) + 1
    else:
        anchor, level, number = f"{parent.anchor}{token}", 1, len(letters) + 1
    return Paragraph(anchor, "subparagraph", number, label, "", body, _refs(block, len(label)),
                     source=start, level=level)


def _sponsors(
    names: str, front: Sequence[FrontLine], clean: CleanText, states: StateTable,
    diagnostics: list[Diagnostic],
) -> tuple[Sponsor, ...]:
    """Split the sponsors list and resolve every name in the Member States table."""
    if not names:
        return ()
    lang = clean.source.lang
    lexicon = LEXICONS[lang]
    line = next(f for f in front if f.role == "sponsors")
    parts = [p.strip() for p in lexicon.list_separators.split(names) if p.strip()]
    if not parts:
        raise DiagnosticError([*diagnostics, clean.source.diagnostic(
            "parse.sponsor-unknown", line.source, "the names of the sponsoring States",
            repr(line.text), "the names stand before the colon",
        )])
    *head, last = parts
    sponsors: list[Sponsor] = []
    for name in [*head, *_split_last(last, lexicon.final_conjunction, states, lang)]:
        state = states.resolve(name, lang)
        if state is None:
            block = next(b for b in clean.blocks if b.text.source_offset(0) == line.source)
            offset = block.text.source_offset(max(0, line.text.find(name)))
            raise DiagnosticError([*diagnostics, clean.source.diagnostic(
                "parse.sponsor-unknown", offset,
                "a UN Member State or observer State name", repr(name),
                "did you mean " + " or ".join(states.nearest(name, lang)) + "?",
            )])
        sponsors.append(Sponsor(name, state.code))
    return tuple(sponsors)


def _split_last(last: str, conjunction: str, states: StateTable, lang: str) -> list[str]:
    """``委内瑞拉玻利瓦尔共和国和津巴布韦`` → two names: split where both halves are States."""
    if states.resolve(last, lang):
        return [last]
    position = last.find(conjunction)
    while position != -1:
        left, right = last[:position].strip(), last[position + len(conjunction):].strip()
        if states.resolve(left, lang) and states.resolve(right, lang):
            return [left, right]
        position = last.find(conjunction, position + 1)
    if lang == "en" and last.startswith("and "):
        return [last[4:]]
    position = last.find(conjunction)
    while position != -1:  # one half is a State: the other half is the unknown name
        left, right = last[:position].strip(), last[position + len(conjunction):].strip()
        if left and right and (states.resolve(left, lang) or states.resolve(right, lang)):
            return [left, right]
        position = last.find(conjunction, position + 1)
    return [last]
