"""Render: a document (in one language) to annotated Markdown.

The Markdown is a safe subset that Python-Markdown (what MkDocs renders) and markdown-it-py
(what :mod:`build_tools.verify` checks with) read the same way: one line per paragraph, ids
as a trailing ``{: #pp1 }`` attribute line, opening phrases in ``*…*`` that never touch
punctuation, footnotes as ``[^n]``, references as ``[text](url "title")``, and every other
character of the source escaped so that no text can become markup or HTML. The syntax
itself is written by :mod:`build_tools.dialect`, as for every other page.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from babel.dates import format_date

from . import dialect as md
from .annotate import symbol_references
from .dates import parse_iso_date
from .dialect import escape, escape_inner
from .labels import label
from .languages import language
from .lexicon import lexicon
from .library import agenda_anchor, document_path, index_path, relative, session_anchor, sponsor_path
from .model import Document, FootnoteRef, FrontLine, Paragraph, Reference
from .notes import Note, note_markdown
from .pages import DocumentInfo, Page
from .states import load_states
from .symbols import UNSymbol


@dataclass(frozen=True, slots=True)
class _Event:
    offset: int
    order: int
    markdown: str


def inline(
    text: str,
    references: Sequence[Reference] = (),
    footnotes: Sequence[FootnoteRef] = (),
    emphasis: int = 0,
) -> str:
    """``text`` as inline Markdown with links, footnote references and an italic lead."""
    events: list[_Event] = []
    for ref in references:
        if not ref.url:
            continue  # recognised, with no address to link to (an external text)
        events.append(_Event(ref.start, 2, md.link_open()))
        events.append(_Event(ref.end, 0, md.link_close(ref.url, escape(ref.title))))
    for note in footnotes:
        marker = md.link(escape(note.mark), f"#{mark_anchor(note.mark)}") if note.mark else md.footnote_ref(note.number)
        events.append(_Event(note.offset, 1, marker))
    lead = _emphasis_end(text, emphasis, references, footnotes)
    if lead:
        events.append(_Event(0, 3, "*"))
        events.append(_Event(lead, -1, "*"))
    events.sort(key=lambda e: (e.offset, e.order))
    out: list[str] = []
    position = 0
    for event in events:
        out.append(escape_inner(text[position:event.offset], position == 0))
        out.append(event.markdown)
        position = event.offset
    out.append(escape_inner(text[position:], position == 0))
    return "".join(out)


def _emphasis_end(
    text: str, length: int, references: Sequence[Reference], footnotes: Sequence[FootnoteRef]
) -> int:
    """Where the italic opening phrase ends: before any link or marker, never at punctuation."""
    end = min([length, *(r.start for r in references), *(f.offset for f in footnotes)])
    lead = text[:end].rstrip()
    while lead and not lead[-1].isalnum():
        lead = lead[:-1].rstrip()
    if not lead or not lead[0].isalnum():
        return 0
    return len(lead)


def mark_anchor(mark: str) -> str:
    """The id of the note a printed mark (``*``, ``**``) refers to."""
    return f"mark-{len(mark)}"


def _paragraph(paragraph: Paragraph, preambular: bool, lang_attr: md.Pairs = ()) -> str:
    body = inline(paragraph.text, paragraph.references, paragraph.footnotes, len(paragraph.opening))
    label_text = paragraph.label.strip()
    if label_text:
        body = escape(label_text) + " " + body
    classes = ["un-pp" if preambular else "un-op"]
    if paragraph.level:  # (a) and (i): classed by the part they belong to
        classes.append(f"un-sub{paragraph.level}")
    elif paragraph.kind == "paragraph":
        classes.append("un-para")
    number = [("data-num", str(paragraph.number))] if paragraph.kind == "operative" and paragraph.label else []
    return md.block(body, paragraph.anchor, classes, [*number, *lang_attr])


_HEADING_LEVEL = {"part": 2, "annex": 2, "part-title": 3, "annex-title": 3, "heading": 3}


def _body_line(line: FrontLine, lang_attr: md.Pairs) -> str:
    """A line among the paragraphs: a heading, the enacting formula or a closing line."""
    text = inline(line.text, line.references, line.footnotes)
    level = _HEADING_LEVEL.get(line.role)
    if level is not None:
        return md.heading(level, text, line.anchor, [f"un-{line.role}"], lang_attr)
    return md.block(text, line.anchor, [f"un-{line.role}"], lang_attr)


def session_name(session: int, lang: str) -> str:
    return lexicon(lang).session_name(session)


@functools.lru_cache(maxsize=8192)
def format_iso_date(iso: str, lang: str) -> str:
    """``2024-12-02`` → ``2024年12月2日`` / ``2 December 2024`` (babel, cached: index and
    version tables repeat the same dates thousands of times). Every date in the model was
    checked where it was read (:mod:`build_tools.dates`, :mod:`build_tools.meta`); one that
    is not a date is shown as it is rather than failing the page."""
    day = parse_iso_date(iso)
    if day is None:
        return iso
    described = language(lang)
    return format_date(day, described.date_format, locale=described.date_locale)


def official_url(document: Document, lang: str) -> str | None:
    return UNSymbol.parse(document.symbol).url(lang) if document.symbol else None


def status_mark(status: str, symbol: str | None, lang: str) -> str:
    """What follows a title in a table of documents (home page, indexes): nothing for an
    official text; `` *unofficial translation*{: .un-status }``; and for a document with no
    text in ``lang``, the mark and a link to its official text in ``lang`` on undocs.org
    (``*暂无中文文本* [正式中文文本](https://undocs.org/zh/…)``), so that a reader of
    the Chinese site reaches the Chinese text of a document published here in English only.
    Attribute lists, not raw HTML (:mod:`build_tools.site.lean`)."""
    if status == "official":
        return ""
    mark = " " + md.span(md.emphasis(escape(label(f"home.status.{status}", lang))), ["un-status"])
    if status != "missing" or not symbol:
        return mark
    try:
        url = UNSymbol.parse(symbol).url(lang)
    except ValueError:  # a document named by its slug only: no official address to give
        return mark
    official = md.link(escape(label("home.official_text", lang)), url)
    return mark + " " + md.span(official, ["un-official"], [("hreflang", lang)])


def info(document: Document, lang: str, text_status: str) -> DocumentInfo:
    return DocumentInfo(
        slug=document.slug,
        symbol=document.symbol or document.slug,
        title=document.title,
        kind=document.kind,
        kind_label=label(f"kind.{document.kind}", lang),
        session=document.session,
        committee=lexicon(lang).committees[document.committee] if document.committee else None,
        agenda_item=document.agenda_item,
        date=document.date,
        text_status=text_status,
    )


def _metadata(document: Document, lang: str, title: str | None) -> list[str]:
    rows: list[tuple[str, str]] = []
    official = official_url(document, lang)
    if document.symbol:
        rows.append(("symbol", md.link(escape(document.symbol), str(official), label("official_text", lang))))
    # Kind, session, committee, agenda item and sponsors link to the indexes that list the
    # other documents sharing them (generated by build_tools.indexes).
    here = document_path(document.slug)

    def indexed(text: str, name: str, anchor: str) -> str:
        return md.link(escape(text), relative(here, index_path(name), anchor))

    rows.append(("kind", indexed(label(f"kind.{document.kind}", lang), "kinds", document.kind)))
    if document.session:
        rows.append(("session", indexed(session_name(document.session, lang), "sessions",
                                        session_anchor(document.session))))
    if document.committee:
        rows.append(("committee", indexed(lexicon(lang).committees[document.committee], "committees",
                                          document.committee)))
    if document.agenda_item:
        item = document.agenda_item + (f" {title}" if title else "")
        rows.append(("agenda_item", indexed(item, "agenda-items",
                                            agenda_anchor(document.session, document.agenda_item))))
    if document.adopted:
        rows.append(("adopted", escape(format_iso_date(document.adopted, lang))))
    elif document.date:
        rows.append(("date", escape(format_iso_date(document.date, lang))))
    if document.report and lang == document.lang:
        refs = list(symbol_references(document.report, lang))
        rows.append(("report", inline(document.report, refs)))
    if document.distribution:
        rows.append(("distribution", escape(label(f"distribution.{document.distribution}", lang))))
    if document.sponsors:
        states = load_states()
        names = [md.link(escape(states.by_code(s.code).name(lang)), relative(here, sponsor_path(s.code)))
                 for s in document.sponsors]
        joined = language(lang).list_separator.join(names)
        rows.append(("sponsors", joined + f" ({len(names)})"))
    lines: list[str] = []
    for key, value in rows:
        lines += md.definition(escape(label(key, lang)), value)
    return lines


def _front_matter(
    document: Document, lang: str, text_status: str, title: str, pairing: Pairing | None = None
) -> str:
    data: dict[str, object] = {
        "symbol": document.symbol,
        "title": title,
        "lang": lang,
        "kind": document.kind,
        "session": document.session,
        "committee": document.committee,
        "agenda_item": document.agenda_item,
        "date": document.date,
        "sponsors": [s.code for s in document.sponsors],
        "text_status": text_status,
    }
    if document.notes.get("symbol_note"):
        data["symbol_note"] = document.notes["symbol_note"]
    if pairing is not None:
        data["languages"] = dict(pairing.languages)
        if pairing.unpaired:
            data["unpaired"] = list(pairing.unpaired)
    return md.front_matter(data)


@dataclass(frozen=True, slots=True)
class Pairing:
    """How a page's text pairs with the other languages' texts (set by :func:`render_all`)."""

    languages: Mapping[str, str]
    """Per site language, the status of its page's text: ``official`` |
    ``unofficial-translation`` | ``missing`` (written to the front matter as ``languages``)."""
    difference: str | None = None
    """The first paragraph anchor at which the texts' anchor sequences differ, if they do."""
    unpaired: tuple[str, ...] = ()
    """Anchors of this page's text that another language's text lacks."""


def anchor_difference(first: Sequence[str], second: Sequence[str]) -> str | None:
    """The first anchor at which two anchor sequences differ; None when they are equal.

    Of the two anchors at the first differing position, the one the other text lacks is
    named (``pp23`` when only one text has 23 preambular paragraphs).
    """
    if list(first) == list(second):
        return None
    index = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
                 min(len(first), len(second)))
    here = first[index] if index < len(first) else None
    there = second[index] if index < len(second) else None
    if here is None or (there is not None and there not in first and here in second):
        return there
    return here


def render(
    document: Document,
    lang: str | None = None,
    text: Document | None = None,
    *,
    notes: Sequence[Note] = (),
    pairing: Pairing | None = None,
) -> Page:
    """The page of ``document`` in ``lang``.

    ``text`` is the document whose paragraphs are shown; normally ``document`` itself. A
    language with no text file gets a page whose metadata is in ``lang`` and whose text is
    the other language's, marked with its ``lang`` attribute. ``notes`` (editorial notes
    in ``lang``) are placed under their paragraphs; ``pairing`` says how the text pairs
    with the other language's (front matter, and a notice when the paragraphs differ).
    """
    lang = lang or document.lang
    body = text or document
    status = document.text_status if body.lang == lang else "missing"
    title = body.title if body.lang == lang else document.title
    lines = [_front_matter(document, lang, status, title, pairing), md.heading(1, escape(title), "title"), ""]
    official = official_url(document, lang)
    if status == "unofficial-translation":
        lines += _notice("warning", "unofficial_title", "unofficial_body", lang, official)
    elif status == "missing":
        lines += _notice("info", "missing_title", "missing_body", lang, official)
    if pairing is not None and pairing.difference:
        lines += _not_aligned_notice(pairing.difference, lang)
    lines += _metadata(document, lang, document.agenda_title if body.lang == lang else None)
    lang_attr = [] if body.lang == lang else [("lang", body.lang)]
    if status == "missing":
        shown = label(f"language.{body.lang}", lang)
        lines += [escape(label("other_language_text", lang).format(language=shown)), ""]
    lines += _front_text(body, lang_attr)
    by_anchor = {note.anchor: note for note in notes}
    preamble = {id(p) for p in body.preamble}
    for item in body.body:
        if isinstance(item, FrontLine):
            lines += [_body_line(item, lang_attr), ""]
            continue
        lines += [_paragraph(item, id(item) in preamble, lang_attr), ""]
        if item.anchor in by_anchor:
            lines += [note_markdown(by_anchor[item.anchor], label("note.title", lang)), ""]
    for note in body.numbered_notes:
        lines += md.footnote(note.number, inline(note.text, note.references))
    markdown = "\n".join(lines).rstrip("\n") + "\n"
    return Page(lang, f"resolutions/{document.slug}.md", markdown, info(document, lang, status), body)


def insert_under_title(markdown: str, lines: Sequence[str]) -> str:
    """A page that :func:`render` made, with ``lines`` right under its title."""
    return _insert(markdown, lines, _under_title)


def insert_after_metadata(markdown: str, lines: Sequence[str]) -> str:
    """A page that :func:`render` made, with ``lines`` right after its metadata (the first
    definition list: one ``label`` line, one ``:   value`` line and a blank line a row)."""
    return _insert(markdown, lines, _after_metadata)


_HEAD_LINES = 200
"""How many lines of a page :func:`_insert` looks for its place in first: the title and the
metadata are at the top, and the collection stage inserts into every document page."""


def _insert(markdown: str, lines: Sequence[str], where: Callable[[list[str], bool], int]) -> str:
    if not lines:
        return markdown
    block = list(lines[:-1]) if lines[-1] == "" else list(lines)
    page = markdown.split("\n", _HEAD_LINES)
    at = None
    if len(page) > _HEAD_LINES:  # a long page: its place, when its head shows it
        with contextlib.suppress(LookupError):
            at = where(page[:-1], False)
        if at is None or at > _HEAD_LINES - 4:
            page = markdown.split("\n")
            at = None
    if at is None:
        at = where(page, True)
    if at >= len(page):  # after the last line
        return "\n".join([*page, *block, ""])
    offset = sum(map(len, page[:at])) + at  # where line ``at`` starts: the lines before it and their ends
    return markdown[:offset] + "".join(line + "\n" for line in block) + "\n" + markdown[offset:]


def _under_title(page: list[str], whole: bool) -> int:
    """Where the lines under the title go; LookupError when ``page`` has no title (with
    ``whole``, a page from :func:`render` always has one)."""
    title = next((i for i, line in enumerate(page) if md.is_heading(line, 1, "title")), None)
    if title is None:
        raise LookupError("no title")
    return title + 2


def _after_metadata(page: list[str], whole: bool) -> int:
    """Where the lines after the metadata go (under the title when there is none); when
    ``page`` is the head of a page (not ``whole``), LookupError if it shows no metadata."""
    at = next((i for i, line in enumerate(page) if md.is_definition(line)), None)
    if at is None:
        if not whole:
            raise LookupError("no metadata in the head")
        return _under_title(page, whole)
    while at + 3 < len(page) and page[at + 1] == "" and md.is_definition(page[at + 3]):
        at += 3
    return at + 2


_SHOWN_IN_METADATA = frozenset(
    "symbol distribution date original session committee agenda-item agenda-title adoption report "
    "resolution-number sponsors kind title".split()
)


def _front_text(document: Document, lang_attr: md.Pairs) -> list[str]:
    """Front lines the metadata does not show (an officer's submission line, an introduction),
    then the notes marked with asterisks, each as a paragraph of its own."""
    lines: list[str] = []
    for index, line in enumerate(document.front):
        if line.role not in _SHOWN_IN_METADATA:
            text = inline(line.text, line.references, line.footnotes)
            lines += [md.block(text, f"front-{index + 1}", ["un-front"], lang_attr), ""]
    for note in document.marked_notes:
        text = escape(note.mark) + " " + inline(note.text, note.references)
        lines += [md.block(text, mark_anchor(note.mark), ["un-mark-note"], lang_attr), ""]
    return lines


def _notice(kind: str, title_key: str, body_key: str, lang: str, official: str | None) -> list[str]:
    link = " " + md.link(official, official) if official else ""
    stop = language(lang).full_stop
    return md.admonition(kind, label(title_key, lang), f"{escape(label(body_key, lang))}{link}{stop}")


def _not_aligned_notice(anchor: str, lang: str) -> list[str]:
    body = escape(label("not_aligned_body", lang).format(anchor=anchor))
    return md.admonition("warning", label("not_aligned_title", lang), body, ["un-not-aligned"])


def pairings(documents: Mapping[str, Document], languages: Sequence[str]) -> dict[str, Pairing]:
    """Per site language, how its page's text pairs with the others' (see :class:`Pairing`)."""
    statuses = {lang: documents[lang].text_status if lang in documents else "missing" for lang in languages}
    anchors = {lang: [p.anchor for p in doc.paragraphs] for lang, doc in documents.items()}
    result: dict[str, Pairing] = {}
    for lang in languages:
        own = anchors.get(lang)
        others = [anchors[other] for other in languages if other != lang and other in anchors]
        difference = next((d for d in (anchor_difference(own, o) for o in others) if d), None) if own else None
        unpaired = tuple(a for a in own or () if any(a not in other for other in others))
        result[lang] = Pairing(statuses, difference, unpaired)
    return result


def render_all(
    documents: Iterable[Document],
    languages: Sequence[str],
    notes: Mapping[str, Sequence[Note]] | None = None,
) -> list[Page]:
    """One page per language for a document given in one or more languages.

    ``notes`` are the editorial notes per language (:mod:`build_tools.notes`).
    """
    by_lang = {d.lang: d for d in documents}
    if not by_lang:
        return []
    pairing = pairings(by_lang, languages)
    pages = []
    for lang in languages:
        own = by_lang.get(lang)
        shown = own if own is not None else next(iter(by_lang.values()))
        pages.append(render(shown, lang, shown, notes=(notes or {}).get(lang, ()), pairing=pairing[lang]))
    return pages
