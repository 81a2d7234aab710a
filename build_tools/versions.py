"""Versions of a text: families of documents, their timeline, and comparison pages.

A family is the documents that are versions of one text: a draft, its revisions, the
resolution adopted from it, the next session's resolution on the same subject. Two documents
are in the same family when their titles are the same after normalisation (Unicode NFKC,
one kind of apostrophe and hyphen, spacing, letter case; see :func:`title_key`) in a
language both have; documents of the same session must also stand under the same agenda
item (agenda item numbers change from one session to the next, so they are not compared
across sessions). A family is ordered by session, then draft → revisions → adopted text.

Each member's page shows the timeline, or, in a family of more than :data:`SHOWN_VERSIONS`,
the versions around it and a link to the family's page that lists them all
(:func:`versions_page`): a page's size must not grow with the collection. Each pair of
consecutive versions gets a comparison page per language (:func:`comparison_page`) with the
paragraphs and footnotes aligned and the changes within them marked (:mod:`build_tools.diff`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from . import dialect as md
from .crossref import paragraph_name
from .dialect import escape, escape_inner
from .diff import Row, align, summary
from .labels import label
from .languages import site_languages
from .library import Entry, Library, compare_path, document_path, relative, versions_path
from .model import Document
from .pages import Page
from .render import format_iso_date
from .states import load_states, name_key

STAGES = {"draft-resolution": 0, "draft-decision": 0, "revised-draft-resolution": 1,
          "resolution": 2, "decision": 2}
"""Order of the versions within a session: drafts, then revisions, then the adopted text."""

SHOWN_VERSIONS = 9
"""A document's page lists at most this many versions: itself and those nearest to it."""



def title_key(title: str, lang: str) -> str:
    """The title as families compare it."""
    return name_key(title, lang).rstrip(".。 ")


@dataclass(frozen=True, slots=True)
class Family:
    members: tuple[str, ...]
    """Slugs, oldest version first."""

    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Consecutive versions: (older, newer)."""
        return tuple(zip(self.members, self.members[1:], strict=False))


def version_order(entry: Entry) -> tuple[int, int, int, tuple[tuple[int, int | str], ...]]:
    model = entry.any
    revision = re.search(r"/Rev\.(\d+)", entry.symbol)
    natural = tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", entry.symbol))
    return (model.session or 0, STAGES.get(model.kind, 1), int(revision.group(1)) if revision else 0, natural)


def _title_keys(entry: Entry) -> set[tuple[str, str]]:
    return {(lang, title_key(m.title, lang)) for lang, m in entry.models.items() if m.title}


def _compatible(a: Entry, b: Entry) -> bool:
    """Documents of one session are versions of one text only under the same agenda item."""
    first, second = a.any, b.any
    if first.session is None or first.session != second.session:
        return True
    items = (first.agenda_item, second.agenda_item)
    return None in items or _item(items[0]) == _item(items[1])


def _item(item: str | None) -> str:
    return re.sub(r"\s+", "", item or "")


def families(library: Library) -> tuple[Family, ...]:
    """Every family of two or more documents, ordered by their oldest member.

    Pairs of documents with the same title are joined nearest first: the same session, then
    consecutive sessions, an adopted resolution before a draft as the one the next session
    continues. A join that would put two agenda items of one session in a family is refused.
    """
    groups: dict[str, list[Entry]] = {entry.slug: [entry] for entry in library}
    owner = {entry.slug: entry.slug for entry in library}
    listed = list(library)
    orders = [version_order(entry) for entry in listed]
    placed = sorted(range(len(listed)), key=orders.__getitem__)
    entries = [listed[k] for k in placed]
    # Each entry's place among the distinct version orders, compared as the orders are.
    rank = [0] * len(placed)
    for index in range(1, len(placed)):
        rank[index] = rank[index - 1] + (orders[placed[index]] != orders[placed[index - 1]])
    by_title: dict[tuple[str, str], list[int]] = {}
    for index, entry in enumerate(entries):
        for key in _title_keys(entry):
            by_title.setdefault(key, []).append(index)
    related = sorted({(i, j) for same in by_title.values() for n, i in enumerate(same) for j in same[n + 1:]})
    related.sort(key=lambda p: (abs((entries[p[1]].any.session or 0) - (entries[p[0]].any.session or 0)),
                                -STAGES.get(entries[p[0]].any.kind, 1), rank[p[0]], rank[p[1]]))
    for first, second in ((entries[i], entries[j]) for i, j in related):
        one, other = owner[first.slug], owner[second.slug]
        if one == other or not all(_compatible(x, y) for x in groups[one] for y in groups[other]):
            continue
        for entry in groups.pop(other):
            owner[entry.slug] = one
            groups[one].append(entry)
    found = [Family(tuple(e.slug for e in sorted(group, key=version_order)))
             for group in groups.values() if len(group) > 1]
    return tuple(sorted(found, key=lambda f: version_order(library.entries[f.members[0]])))


def text_language(older: Entry, newer: Entry, lang: str) -> str | None:
    """The language whose texts a comparison in ``lang`` compares: ``lang`` when both
    versions have it, else another language both have, else None (nothing to compare)."""
    for code in (lang, *site_languages()):
        if code in older.models and code in newer.models:
            return code
    return None


# ---- the timeline on a document's page -------------------------------------------------


def timeline_section(library: Library, family: Family, slug: str, lang: str) -> list[str]:
    """The versions section of ``slug``'s page: the family's timeline, or the
    :data:`SHOWN_VERSIONS` versions nearest to it and a link to :func:`versions_page`."""
    page = document_path(slug)
    members = family.members
    here = members.index(slug)
    start = max(0, min(here - SHOWN_VERSIONS // 2, len(members) - SHOWN_VERSIONS))
    shown = set(members[start:start + SHOWN_VERSIONS])
    lines = [md.heading(2, escape(label("section.versions", lang)), "versions"), ""]
    lines += _timeline(library, family, page, lang, slug, shown)
    if len(shown) < len(members):
        text = label("versions.all", lang).format(count=len(members))
        lines += md.styled(md.link(escape(text), relative(page, versions_path(members[0]))), ["un-versions-all"])
    return lines


def versions_page(library: Library, family: Family, lang: str) -> Page:
    """Every version of the family's text, oldest first, with the links to the comparisons."""
    path = versions_path(family.members[0])
    newest = library.entries[family.members[-1]]
    title = label("versions.page_title", lang).format(symbol=newest.symbol)
    lines = [*md.front_matter_title(title), md.heading(1, escape(title), "title"), ""]
    lines += _timeline(library, family, path, lang, None, set(family.members))
    return Page(lang, path, "\n".join(lines).rstrip("\n") + "\n")


def _timeline(library: Library, family: Family, page: str, lang: str, this: str | None,
              shown: set[str]) -> list[str]:
    columns = ("version", "kind", "date", "changes")
    header = [escape(label(f"versions.column.{c}", lang)) for c in columns]
    rows = []
    previous: Entry | None = None
    for member in family.members:
        entry = library.entries[member]
        if member in shown:
            rows.append(_timeline_row(entry, previous, page, lang, member == this))
        previous = entry
    return [*md.table(header, rows), ""]


def _timeline_row(entry: Entry, previous: Entry | None, page: str, lang: str, this: bool) -> list[str]:
    model = entry.shown(lang)
    if this:
        name = f"{md.strong(escape(entry.symbol))} ({escape(label('versions.this', lang))})"
    else:
        name = md.link(escape(entry.symbol), relative(page, document_path(entry.slug)))
    iso = model.adopted or model.date
    date = format_iso_date(iso, lang) if iso else ""
    changes = ""
    if previous is not None and text_language(previous, entry, lang):
        text = label("versions.changes_since", lang).format(symbol=previous.symbol)
        changes = md.link(escape(text), relative(page, compare_path(previous.slug, entry.slug)))
    kind = escape(label(f"kind.{model.kind}", lang))
    return [name, kind, escape(date), changes]


# ---- comparison pages ------------------------------------------------------------------


def comparison_page(library: Library, older_slug: str, newer_slug: str, lang: str) -> Page | None:
    """The page comparing two consecutive versions in ``lang``; None if no common text."""
    older, newer = library.entries[older_slug], library.entries[newer_slug]
    text_lang = text_language(older, newer, lang)
    if text_lang is None:
        return None
    old, new = older.models[text_lang], newer.models[text_lang]
    path = compare_path(older_slug, newer_slug)
    title = label("compare.title", lang).format(old=older.symbol, new=newer.symbol)
    rows = _aligned(tuple(p.text for p in old.paragraphs), tuple(p.text for p in new.paragraphs), text_lang)
    notes = _aligned(tuple(f.text for f in old.footnotes), tuple(f.text for f in new.footnotes), text_lang)
    lines = [*md.front_matter_title(title), md.heading(1, escape(title), "title"), ""]
    lines += _versions_table(older, newer, path, lang)
    lines += _summary(rows, notes, older.symbol, lang)
    lines += _sponsor_changes(older.shown(lang), newer.shown(lang), lang)
    lines += md.styled(escape(label("compare.legend", lang)), ["un-cmp-legend"])
    if text_lang != lang:
        lines += [escape(label(f"compare.text_language.{text_lang}", lang)), ""]
    attr: md.Pairs = [("lang", text_lang)] if text_lang != lang else []
    lines += [md.heading(2, escape(label("compare.paragraphs", lang)), "paragraphs"), ""]
    for run in _runs(rows):
        if run[0].status == "unchanged":
            lines += _unchanged_paragraphs(run, old, new, newer, path, lang)
        else:
            lines += _paragraph_row(run[0], old, new, older, newer, path, lang, attr)
    if old.footnotes or new.footnotes:
        lines += [md.heading(2, escape(label("compare.footnotes", lang)), "footnotes"), ""]
        for run in _runs(notes):
            if run[0].status == "unchanged":
                lines += _unchanged_footnotes(run, old, new, lang)
            else:
                lines += _footnote_row(run[0], old, new, lang, attr)
    markdown = "\n".join(lines).rstrip("\n") + "\n"
    return Page(lang, path, markdown)


@functools.lru_cache(maxsize=8)
def _aligned(old: tuple[str, ...], new: tuple[str, ...], lang: str) -> tuple[Row, ...]:
    """:func:`~build_tools.diff.align`, kept for the next few comparisons: the pages of one
    comparison in the languages that have no text of their own (a document published in
    one language) compare the same two texts, whose rows are then worked out once where
    the same process makes them one after the other (the collection stage lists a
    comparison's languages together, and its processes take neighbouring items)."""
    return align(old, new, lang)


def _versions_table(older: Entry, newer: Entry, page: str, lang: str) -> list[str]:
    head = (label("compare.older", lang), label("compare.newer", lang))
    symbols = [md.link(escape(entry.symbol), relative(page, document_path(entry.slug))) for entry in (older, newer)]
    kinds = [escape(label(f"kind.{e.shown(lang).kind}", lang)) for e in (older, newer)]
    dates = []
    for entry in (older, newer):
        model = entry.shown(lang)
        iso = model.adopted or model.date
        dates.append(escape(format_iso_date(iso, lang)) if iso else "")
    rows = [[escape(label("symbol", lang)), *symbols], [escape(label("kind", lang)), *kinds],
            [escape(label("date", lang)), *dates]]
    return [*md.table(["", escape(head[0]), escape(head[1])], rows), ""]


def _counts(counts: dict[str, int], unit: str, lang: str) -> str:
    order = ("changed", "moved", "added", "removed", "unchanged")
    parts = [label(f"compare.count.{s}", lang).format(n=counts[s], unit=label(f"compare.unit.{unit}", lang))
             for s in order if counts[s]]
    return label("compare.list_separator", lang).join(parts)


def _summary(rows: Sequence[Row], notes: Sequence[Row], older: str, lang: str) -> list[str]:
    counts, note_counts = summary(rows), summary(notes)
    if all(counts[s] == 0 for s in ("changed", "moved", "added", "removed")) and \
            all(note_counts[s] == 0 for s in ("changed", "moved", "added", "removed")):
        text = label("compare.no_changes", lang).format(old=older)
        return md.styled(escape(text), ["un-cmp-summary"])
    text = label("compare.summary", lang).format(old=older, paragraphs=_counts(counts, "paragraph", lang))
    if notes:
        text += label("compare.summary_notes", lang).format(notes=_counts(note_counts, "footnote", lang))
    return md.styled(escape(text), ["un-cmp-summary"])


def _sponsor_changes(old: Document, new: Document, lang: str) -> list[str]:
    if not old.sponsors or not new.sponsors:
        return []
    states = load_states()
    before = [s.code for s in old.sponsors]
    after = [s.code for s in new.sponsors]
    lines = []
    for key, codes in (("compare.sponsors_added", [c for c in after if c not in before]),
                       ("compare.sponsors_removed", [c for c in before if c not in after])):
        if codes:
            names = label("compare.name_separator", lang).join(states.by_code(c).name(lang) for c in codes)
            lines += md.styled(escape(label(key, lang).format(names=names)), ["un-cmp-sponsors"])
    return lines


def changes_markdown(row: Row) -> str:
    """The paragraph's text with its changes marked: ``{++inserted++}`` ``{--deleted--}``.

    Spaces at the edges of a change stay outside its marks (``Noting {++with concern++}
    that``); a change of spaces only is shown as the newer text has it."""
    out = []
    for index, segment in enumerate(row.segments):
        if segment.op == "equal":
            out.append(escape_inner(segment.text, index == 0))
            continue
        core = segment.text.strip()
        if not core:
            out.append(segment.text if segment.op == "insert" else "")
            continue
        mark = md.inserted if segment.op == "insert" else md.deleted
        lead = segment.text[: len(segment.text) - len(segment.text.lstrip())]
        trail = segment.text[len(segment.text.rstrip()):]
        out.append(lead + mark(escape_inner(core, False)) + trail)
    return "".join(out)


def _runs(rows: Sequence[Row]) -> list[list[Row]]:
    """Consecutive unchanged rows together (shown as one line); every other row alone."""
    runs: list[list[Row]] = []
    for row in rows:
        if runs and row.status == "unchanged" and runs[-1][-1].status == "unchanged":
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _unchanged_paragraphs(run: Sequence[Row], old: Document, new: Document, newer: Entry,
                          page: str, lang: str) -> list[str]:
    """``Unchanged in A/RES/81/45: preambular para. 1, para. 2 (formerly para. 3)``, linked:
    the text of unchanged paragraphs is not repeated, so that the changes stand out."""
    target = document_path(newer.slug)
    names = []
    for row in run:
        assert row.old is not None and row.new is not None
        before, after = old.paragraphs[row.old], new.paragraphs[row.new]
        name = md.link(_name(after.anchor, lang), relative(page, target, after.anchor))
        if before.anchor != after.anchor:
            name += escape_inner(label("compare.formerly", lang).format(name=paragraph_name(before.anchor, lang)),
                                 False)
        names.append(name)
    head = escape(label("compare.unchanged_in", lang).format(symbol=newer.symbol))
    return md.styled(head + label("compare.list_separator", lang).join(names), ["un-cmp-label", "un-cmp-unchanged"])


def _unchanged_footnotes(run: Sequence[Row], old: Document, new: Document, lang: str) -> list[str]:
    names = []
    for row in run:
        assert row.old is not None and row.new is not None
        before, after = old.footnotes[row.old], new.footnotes[row.new]
        name = label("para.footnote", lang).format(n=after.number)
        if before.number != after.number:
            name += label("compare.formerly", lang).format(name=label("para.footnote", lang).format(n=before.number))
        names.append(name)
    text = label("compare.unchanged", lang) + label("compare.list_separator", lang).join(names)
    return md.styled(escape(text), ["un-cmp-label", "un-cmp-unchanged"])


def _paragraph_row(row: Row, old: Document, new: Document, older: Entry, newer: Entry,
                   page: str, lang: str, attr: md.Pairs) -> list[str]:
    before = old.paragraphs[row.old] if row.old is not None else None
    after = new.paragraphs[row.new] if row.new is not None else None
    links = []
    if before is not None:
        links.append(md.link(f"{escape(older.symbol)} {_name(before.anchor, lang)}",
                             relative(page, document_path(older.slug), before.anchor)))
    if after is not None:
        links.append(md.link(f"{escape(newer.symbol)} {_name(after.anchor, lang)}",
                             relative(page, document_path(newer.slug), after.anchor)))
    status = "moved_changed" if row.status == "moved" and row.edited else row.status
    head = f"{escape(label(f'compare.status.{status}', lang))} · " + " → ".join(links)
    shown = after or before
    assert shown is not None
    number = escape(shown.label.strip()) + " " if shown.label.strip() else ""
    body = number + (changes_markdown(row) if row.segments else escape(shown.text))
    return [*md.styled(head, ["un-cmp-label", f"un-cmp-{row.status}"]),
            *md.styled(body, ["un-cmp", f"un-cmp-{row.status}"], attr)]


def _footnote_row(row: Row, old: Document, new: Document, lang: str, attr: md.Pairs) -> list[str]:
    before = old.footnotes[row.old] if row.old is not None else None
    after = new.footnotes[row.new] if row.new is not None else None
    names = [label("compare.footnote", lang).format(n=n.number) for n in (before, after) if n is not None]
    status = "moved_changed" if row.status == "moved" and row.edited else row.status
    head = f"{escape(label(f'compare.status.{status}', lang))} · " + escape(" → ".join(names))
    shown = after or before
    assert shown is not None
    body = changes_markdown(row) if row.segments else escape(shown.text)
    return [*md.styled(head, ["un-cmp-label", f"un-cmp-{row.status}"]),
            *md.styled(body, ["un-cmp", "un-cmp-note", f"un-cmp-{row.status}"], attr)]


def _name(anchor: str, lang: str) -> str:
    return escape(paragraph_name(anchor, lang))
