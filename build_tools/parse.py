"""Parse: clean text blocks into a :class:`~build_tools.model.Document`.

The front matter (masthead, session, committee, agenda item, the adoption heading of a
resolution or the sponsors line of a draft, the title) is recognised by the patterns of
:mod:`build_tools.lexicon`; the body begins at the enacting formula (大会， / The General
Assembly,), at a decision's single paragraph (``The General Assembly approves …``), or,
for documents that have neither (amendments, notes), right after the title. The body is
read by :mod:`build_tools.body`. Footnote bodies, parsed where they stood at the foot of
each page, are attached to the paragraph whose marker names them. Every clean block ends up
in exactly one place of the model (:meth:`Document.printed_blocks` gives them back), so
nothing is dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from .body import PART_LABEL, parse_body
from .clean_text import Block, CleanText
from .dates import iso_date
from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .lexicon import (
    Lexicon,
    committee_id,
    kind_id,
    opening_phrase,
)
from .lexicon import lexicon as lexicon_of
from .meta import Meta
from .model import (
    Document,
    DocumentKind,
    Footnote,
    FootnoteRef,
    FrontLine,
    FrontRole,
    Paragraph,
    Sponsor,
    document_kind,
)
from .states import StateTable, load_states
from .symbols import SYMBOL_PATTERN, UNSymbol


def parse(clean: CleanText, meta: Meta, slug: str) -> Document:
    """Build the document model; raise :class:`DiagnosticError` when the text has no shape."""
    source = clean.source
    lexicon = lexicon_of(source.lang)
    diagnostics: list[Diagnostic] = list(clean.diagnostics)
    blocks = clean.blocks
    front, values, start = _front(blocks, lexicon, clean, diagnostics)
    _unknown_front_lines(front, clean, diagnostics)
    if start >= len(blocks):
        raise DiagnosticError([*diagnostics, source.diagnostic(
            "parse.no-body", blocks[-1].text.source_offset(0),
            f"the enacting formula ({lexicon.enacting_example}) "
            "or the paragraphs after the title", "nothing after the heading lines",
            "is the text truncated?",
        )])
    kind = _kind(meta, values, clean, diagnostics)
    body = parse_body(blocks[start:], clean, diagnostics, kind)
    if not any(item.kind == "operative" for item in _paragraphs(body)) and kind != "note":
        diagnostics.append(source.diagnostic(
            "parse.no-operative", blocks[-1].text.source_offset(0),
            "numbered operative paragraphs (1. …)", "none after the preamble",
            "is the text truncated? (an unnumbered operative paragraph opens with a verb such as Decides)",
        ))
    footnotes = tuple(
        Footnote(f.number, f.text.text, source=f.text.source_offset(0), mark=f.mark)
        for f in sorted(clean.footnotes, key=lambda f: (bool(f.mark), f.number, len(f.mark)))
    )
    if any(d.severity is Severity.ERROR for d in diagnostics):
        raise DiagnosticError(diagnostics)
    sponsors = _sponsors(values.get("sponsors", ""), front, clean, load_states(), diagnostics)
    adopted = iso_date(values.get("adoption"), source, _at(front, "adoption"), diagnostics)
    printed = iso_date(values.get("date"), source, _at(front, "date"), diagnostics)
    if meta.date and (adopted or printed) and meta.date != (adopted or printed):
        diagnostics.append(source.diagnostic(
            "parse.date-mismatch", 0, f"the date in meta.yml ({meta.date})",
            f"the text gives {adopted or printed}", "correct meta.yml", severity=Severity.WARNING,
        ))
    enacting = next((item.text for item in body if isinstance(item, FrontLine) and item.role == "enacting"), "")
    return Document(
        path=source.path,
        lang=source.lang,
        slug=slug,
        symbol=_symbol(meta, values, clean, diagnostics),
        kind=kind,
        session=_session(values.get("session"), source.lang),
        committee=committee_id(values["committee"], source.lang) if "committee" in values else None,
        agenda_item=values.get("agenda-item"),
        agenda_title=values.get("agenda-title"),
        title=values.get("title") or values.get("agenda-title", ""),
        enacting=enacting,
        sponsors=sponsors,
        front=front,
        body=body,
        footnotes=footnotes,
        printed_urls=tuple(u.url for u in clean.urls),
        date=meta.date or adopted or printed,
        distribution=values.get("distribution"),
        original_language=values.get("original"),
        adopted=adopted,
        report=values.get("report"),
        text_status=meta.text_status(source.lang),
        notes={"symbol_note": meta.symbol_note} if meta.symbol_note else {},
        diagnostics=tuple(diagnostics),
    )


def _paragraphs(body: Sequence[Paragraph | FrontLine]) -> list[Paragraph]:
    return [item for item in body if isinstance(item, Paragraph)]


def _at(front: Sequence[FrontLine], role: str) -> int:
    return next((line.source for line in front if line.role == role), 0)


def _kind(meta: Meta, values: dict[str, str], clean: CleanText, diagnostics: list[Diagnostic]) -> DocumentKind:
    """The kind: meta.yml's, else what the text says (an adoption heading makes a
    resolution; the words after the sponsors or on a line of their own), else the symbol's."""
    printed = document_kind(values.get("kind"))
    if values.get("adoption") or values.get("resolution-number"):
        printed = "resolution"
    if meta.kind and printed and meta.kind != printed:
        diagnostics.append(clean.source.diagnostic(
            "parse.kind-mismatch", 0, f"the kind given in meta.yml ({meta.kind})",
            f"the text says {printed}", severity=Severity.WARNING,
        ))
    if meta.kind:
        return meta.kind
    if printed:
        return printed
    symbol = values.get("symbol") or meta.symbol
    if symbol and "/RES/" in symbol:
        return "resolution"
    if symbol and "/Rev." in symbol:
        return "revised-draft-resolution"
    return "draft-resolution" if symbol and "/L." in symbol else "resolution"


def _symbol(meta: Meta, values: dict[str, str], clean: CleanText, diagnostics: list[Diagnostic]) -> str | None:
    """The symbol: printed in the masthead, or from the resolution number, or from meta.yml."""
    printed = values.get("symbol")
    if printed and printed.endswith("*"):
        printed = printed.rstrip("*")
    if not printed and values.get("resolution-number"):
        session, number = values["resolution-number"].split("/", 1)
        printed = str(UNSymbol.resolution(session, number.replace(" ", "")))
    if meta.symbol and printed and meta.symbol != printed:
        at = next((b.text.source_offset(0) for b in clean.blocks if printed in b.text.text), 0)
        diagnostics.append(clean.source.diagnostic(
            "parse.symbol-mismatch", at, f"the symbol in meta.yml ({meta.symbol})",
            f"the text prints {printed}", "correct meta.yml, or check that the file is the right one",
            severity=Severity.WARNING,
        ))
    return meta.symbol or printed


def _session(text: str | None, lang: str) -> int | None:
    """The session number, or None for a heading such as "Resumed session"."""
    if text is None:
        return None
    try:
        return lexicon_of(lang).session_number(text)
    except ValueError:
        return None


# --- Front matter ------------------------------------------------------------------------


def _front(
    blocks: Sequence[Block], lexicon: Lexicon, clean: CleanText, diagnostics: list[Diagnostic]
) -> tuple[tuple[FrontLine, ...], dict[str, str], int]:
    """Give each block before the body its role; return the roles' values and where the
    body starts."""
    lines: list[FrontLine] = []
    values: dict[str, str] = {}
    for index, block in enumerate(blocks):
        text = block.text.text
        if lexicon.enacting.fullmatch(text) or lexicon.decision.fullmatch(text):
            return tuple(lines), values, index
        if lexicon.enacting_alone.fullmatch(text) and index + 1 < len(blocks):
            return tuple(lines), values, index
        if "title" in values and _body_starts_after_title(lines, values):
            return tuple(lines), values, index
        if "title" in values and PART_LABEL.fullmatch(text):
            return tuple(lines), values, index  # the first part's label: "A", "I"
        if "title" in values and not block.bold and (opening_phrase(text, lexicon.lang)
                                                     or lexicon.operative.match(text)):
            diagnostics.append(clean.source.diagnostic(
                "parse.no-enacting", block.text.source_offset(0),
                f"the enacting formula ({lexicon.enacting_example}) "
                "before the first paragraph", shorten(text),
                "a resolution's paragraphs follow the line naming the body that acts",
            ))
            return tuple(lines), values, index
        role = _front_role(text, lexicon, values, lines)
        if role == "kind" and lines and lines[-1].role == "other" and "title" not in values:
            # A note's title stands before the line that says what the document is.
            lines[-1] = dataclasses.replace(lines[-1], role="title")
            values["title"] = lines[-1].text
        if role == "other" and block.bold and lines and lines[-1].role in ("title", "resolution-number"):
            values["title"] += " " + text  # the title goes on in a block of its own
            role = "title"
        lines.append(FrontLine(role, text, block.text.source_offset(0), _refs(block)))
    return tuple(lines), values, len(blocks)


def _unknown_front_lines(front: Sequence[FrontLine], clean: CleanText, diagnostics: list[Diagnostic]) -> None:
    for line in front:
        if line.role == "other":
            diagnostics.append(clean.source.diagnostic(
                "parse.unknown-front-line", line.source,
                "a heading line (session, committee, agenda item, sponsors, title)",
                shorten(line.text), severity=Severity.WARNING,
            ))


def _body_starts_after_title(lines: Sequence[FrontLine], values: dict[str, str]) -> bool:
    """Documents without an enacting formula (amendments, notes) begin right after the title."""
    return values.get("kind") in ("amendment", "note") and lines[-1].role in ("title", "kind")


def _refs(block: Block) -> tuple[FootnoteRef, ...]:
    return tuple(FootnoteRef(m.offset, m.number, m.mark) for m in block.markers)


def _front_role(text: str, lexicon: Lexicon, values: dict[str, str], lines: list[FrontLine]) -> FrontRole:
    lang = lexicon.lang
    if "symbol" not in values and SYMBOL_PATTERN.fullmatch(text.rstrip("*")):
        values["symbol"] = text
        return "symbol"
    if text in ("Original:", "原文："):
        return "original"  # the label, with its language in a line of its own (the PDF set them apart)
    for role, pattern in lexicon.front:
        match = pattern.fullmatch(text)
        if match and role not in values and (role != "date" or "session" not in values):
            values[role] = next((g for g in match.groups() if g), text)
            if role == "resolution-number":
                values["title"] = match.group(2)
            return role
    for role, pattern in (("session", lexicon.session), ("agenda-item", lexicon.agenda)):
        match = pattern.fullmatch(text)
        if match and role not in values:
            values[role] = match.group(1) if match.groups() else text
            return role
    if "committee" not in values and committee_id(text, lang):
        values["committee"] = text
        return "committee"
    kind_role = _kind_role(text, lexicon, values)
    if kind_role:
        return kind_role
    previous = lines[-1].role if lines else None
    if previous in ("agenda-item", "agenda-title") and "kind" not in values and "adoption" not in values:
        values.setdefault("agenda-title", text)
        return "agenda-title"
    if previous in ("sponsors", "submitted", "kind", "agenda-title", "resolution-number") and "title" not in values:
        values["title"] = text
        return "title"
    return "other"


def _kind_role(text: str, lexicon: Lexicon, values: dict[str, str]) -> FrontRole | None:
    """The line that says what the document is: sponsors and kind, an officer's submission,
    or the kind alone (``Draft decision``, ``Note by the Secretariat``)."""
    if "kind" in values:
        return None
    lang = lexicon.lang
    submitted = lexicon.submitted.fullmatch(text)
    if submitted:
        kind = kind_id(submitted.group(lexicon.submitted_kind), lang)
        values["kind"] = kind or "draft-resolution"
        values["submitted"] = text
        return "submitted"
    kind = kind_id(text, lang)
    if kind:
        values["kind"] = kind
        return "kind"
    match = lexicon.sponsors.fullmatch(text)
    if match:
        kind = kind_id(match.group(2), lang)
        if kind:
            values["sponsors"] = match.group(1)
            values["kind"] = kind
            return "sponsors"
    return None


def _sponsors(
    names: str, front: Sequence[FrontLine], clean: CleanText, states: StateTable,
    diagnostics: list[Diagnostic],
) -> tuple[Sponsor, ...]:
    """Split the sponsors list and resolve every name in the Member States table."""
    if not names:
        return ()
    lang = clean.source.lang
    lexicon = lexicon_of(lang)
    line = next(f for f in front if f.role == "sponsors")
    parts = [p.strip() for p in lexicon.list_separators.split(names) if p.strip()]
    if not parts:
        raise DiagnosticError([*diagnostics, clean.source.diagnostic(
            "parse.sponsor-unknown", line.source, "the names of the sponsoring States",
            repr(line.text), "the names stand before the colon",
        )])
    *head, last = parts
    sponsors: list[Sponsor] = []
    for name in [*head, *_split_last(last, lexicon, states)]:
        state = states.resolve(name, lang)
        if state is None:
            block = next(b for b in clean.blocks if b.text.source_offset(0) == line.source)
            offset = block.text.source_offset(max(0, line.text.find(name)))
            nearest = states.nearest(name, lang)
            raise DiagnosticError([*diagnostics, clean.source.diagnostic(
                "parse.sponsor-unknown", offset,
                "a UN Member State or observer State name", repr(name),
                ("did you mean " + " or ".join(nearest) + "?") if nearest else
                "add the name as printed to build_tools/data/member_states.yml (aliases)",
            )])
        sponsors.append(Sponsor(name, state.code))
    return tuple(sponsors)


def _split_last(last: str, lexicon: Lexicon, states: StateTable) -> list[str]:
    """``委内瑞拉玻利瓦尔共和国和津巴布韦`` → two names: split where both halves are States."""
    lang, conjunction, leading = lexicon.lang, lexicon.final_conjunction, lexicon.leading_conjunction
    if states.resolve(last, lang):
        return [last]
    position = last.find(conjunction)
    while position != -1:
        left, right = last[:position].strip(), last[position + len(conjunction):].strip()
        if states.resolve(left, lang) and states.resolve(right, lang):
            return [left, right]
        position = last.find(conjunction, position + 1)
    if leading and last.startswith(leading):
        return [last[len(leading):]]
    position = last.find(conjunction)
    while position != -1:  # one half is a State: the other half is the unknown name
        left, right = last[:position].strip(), last[position + len(conjunction):].strip()
        if left and right and (states.resolve(left, lang) or states.resolve(right, lang)):
            return [left, right]
        position = last.find(conjunction, position + 1)
    return [last]
