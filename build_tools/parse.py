"""Parse: clean text blocks into a :class:`~build_tools.model.Document`.

The front matter (session, committee, agenda item, sponsors, title) is recognised by the
patterns of :mod:`build_tools.lexicon`; after the enacting formula (大会， / The General
Assembly,) come the preambular paragraphs, then the numbered operative paragraphs.
Footnote bodies, parsed where they stood at the foot of each page, are attached to the
paragraph whose marker names them. Every clean block ends up in exactly one place of the
model (:meth:`Document.printed_blocks` gives them back), so nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .ingest import Block, CleanText
from .lexicon import LEXICONS, Lexicon, committee_id, kind_id, opening_phrase, operative_verb
from .meta import Meta
from .model import Document, Footnote, FootnoteRef, FrontLine, Paragraph, Sponsor
from .numerals import en_ordinal, zh_number
from .states import StateTable, load_states


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
    title = next((line.text for line in front if line.role == "title"), values.get("agenda-title", ""))
    return Document(
        path=source.path,
        lang=source.lang,
        slug=slug,
        symbol=meta.symbol,
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
        date=meta.date,
        text_status=meta.text_status(source.lang),
        notes={"symbol_note": meta.symbol_note} if meta.symbol_note else {},
        diagnostics=tuple(diagnostics),
    )


def _session(text: str | None, lang: str) -> int | None:
    if text is None:
        return None
    return zh_number(text) if lang == "zh" else en_ordinal(text)


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
    lang = clean.source.lang
    lexicon = LEXICONS[lang]
    preamble: list[Paragraph] = []
    operative: list[Paragraph] = []
    closing: list[FrontLine] = []
    for block in blocks:
        text = block.text.text
        start = block.text.source_offset(0)
        number = lexicon.operative.match(text)
        if number:
            label = number.group()
            body = text[len(label):]
            expected = len(operative) + 1
            if int(number.group(1)) != expected:
                diagnostics.append(clean.source.diagnostic(
                    "parse.operative-number", start, f"operative paragraph {expected}",
                    f"paragraph number {number.group(1)}",
                    "operative paragraphs are numbered 1, 2, 3 … without gaps or repeats",
                ))
            operative.append(Paragraph(
                f"op{len(operative) + 1}", "operative", int(number.group(1)), label,
                operative_verb(body, lang), body, _refs(block, len(label)), source=start,
            ))
        elif not operative:
            preamble.append(Paragraph(
                f"pp{len(preamble) + 1}", "preambular", len(preamble) + 1, "",
                opening_phrase(text, lang), text, _refs(block, 0), source=start,
            ))
        else:
            closing.append(FrontLine("closing", text, start, _refs(block, 0)))
    if not operative:
        at = blocks[-1].text.source_offset(0) if blocks else 0
        diagnostics.append(clean.source.diagnostic(
            "parse.no-operative", at, "numbered operative paragraphs (1. …)",
            "none after the preamble", "is the text truncated?",
        ))
    return tuple(preamble), tuple(operative), tuple(closing)


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
    *head, last = parts
    sponsors: list[Sponsor] = []
    for name in [*head, *_split_last(last, lexicon.final_conjunction, states, lang)]:
        state = states.resolve(name, lang)
        if state is None:
            offset = line.source + max(0, line.text.find(name))
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
    return [last]
