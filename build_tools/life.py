"""A document's life in the collection: what it revises, what it became, what amends it.

:func:`lives` gathers, for every document, the relations its ``meta.yml`` states
(:mod:`build_tools.relations`) and those the collection shows:

* a symbol ending in ``/Rev.N`` is a revision of the same symbol with ``/Rev.N-1`` (or with
  none, for ``Rev.1``);
* in a family of versions of one text (:func:`build_tools.versions.families`), the last draft
  of a session before a resolution or decision of that session was adopted as it;
* the other side of every relation to a document the collection holds (``revised-as``,
  ``adopted-from``, ``amends``), and the dates of the related documents it holds.

What ``meta.yml`` states wins over what is inferred. A document page shows its relations
under its title (:func:`life_markdown`): ``Revised draft of A/C.1/79/L.53 · adopted as
A/RES/79/80 on 2 December 2024``, and a draft that a later text replaced gets a banner
pointing to that text. A related document the collection holds is linked to its page;
any other to undocs.org in the reader's language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from . import dialect as md
from .dialect import escape, escape_inner
from .labels import has_label, label
from .languages import language
from .library import Entry, Library, document_path, relative, symbol_key
from .model import RELATION_KINDS, Relation, RelationKind
from .render import format_iso_date
from .symbols import UNSymbol
from .versions import Family

DRAFTS = ("draft-resolution", "revised-draft-resolution", "draft-decision", "revised-draft-decision")
ADOPTED = ("resolution", "decision")
INVERSE: Mapping[RelationKind, RelationKind] = {
    "revises": "revised-as", "adopted-as": "adopted-from", "amended-by": "amends",
    "revised-as": "revises", "adopted-from": "adopted-as", "amends": "amended-by"}
"""Each relation seen from the other document."""

FROM_SYMBOL = "inferred from the symbol"
FROM_VERSIONS = "inferred from the collection: the last draft of the session in the versions of this text"
FROM_OTHER = "inferred from the collection: stated or inferred for {symbol}"

_REVISION = re.compile(r"Rev\.(\d+)")

Lives = Mapping[str, tuple[Relation, ...]]
"""Per slug, the document's relations in :data:`RELATION_KINDS` order."""


def revised_symbol(symbol: str) -> str | None:
    """``A/C.1/79/L.53/Rev.2`` → ``A/C.1/79/L.53/Rev.1``; ``…/Rev.1`` → ``A/C.1/79/L.53``."""
    try:
        parts = UNSymbol.parse(symbol).parts
    except ValueError:
        return None
    match = _REVISION.fullmatch(parts[-1])
    if match is None or len(parts) < 3:
        return None
    number = int(match.group(1))
    return "/".join(parts[:-1] + ((f"Rev.{number - 1}",) if number > 1 else ()))


def own_date(entry: Entry) -> str | None:
    """The date of the document itself: its adoption, else the date it bears."""
    model = entry.any
    return model.adopted or model.date


class _Found:
    """Relations per slug, one per kind and symbol; the first one known stays, later ones
    only add a missing date."""

    def __init__(self, library: Library) -> None:
        self.by_slug: dict[str, dict[tuple[str, str], Relation]] = {slug: {} for slug in library.entries}

    def add(self, slug: str, relation: Relation) -> None:
        key = (relation.kind, symbol_key(relation.symbol))
        known = self.by_slug[slug].get(key)
        if known is None:
            self.by_slug[slug][key] = relation
        elif known.date is None and relation.date is not None:
            self.by_slug[slug][key] = replace(known, date=relation.date)

    def has(self, slug: str, kind: str) -> bool:
        return any(relation.kind == kind for relation in self.by_slug[slug].values())


def lives(library: Library, families: Sequence[Family]) -> dict[str, tuple[Relation, ...]]:
    """Every document's relations: stated in ``meta.yml``, then inferred (see the module)."""
    found = _Found(library)
    for entry in library:
        for relation in entry.any.relations:
            found.add(entry.slug, relation)
    for entry in library:
        revised = revised_symbol(entry.symbol)
        if revised is not None and not found.has(entry.slug, "revises"):
            found.add(entry.slug, Relation("revises", revised, None, FROM_SYMBOL, True))
    for family in families:
        _adoptions(library, family, found)
    for slug in library.entries:
        entry = library.entries[slug]
        for relation in list(found.by_slug[slug].values()):
            other = library.slug_of(relation.symbol)
            if other is not None and other != slug and relation.kind in INVERSE:
                source = FROM_OTHER.format(symbol=entry.symbol)
                found.add(other, Relation(INVERSE[relation.kind], entry.symbol, own_date(entry), source, True))
    result = {}
    for slug, relations in found.by_slug.items():
        dated = [_dated(library, relation) for relation in relations.values()]
        result[slug] = tuple(sorted(dated, key=lambda r: (RELATION_KINDS.index(r.kind), _natural(r.symbol))))
    return result


def _dated(library: Library, relation: Relation) -> Relation:
    """The relation with the related document's date, when the collection holds it."""
    other = library.slug_of(relation.symbol)
    if relation.date is not None or other is None:
        return relation
    return replace(relation, date=own_date(library.entries[other]))


def _adoptions(library: Library, family: Family, found: _Found) -> None:
    """In a family, the last draft of a session before its resolution was adopted as it."""
    members = [library.entries[slug] for slug in family.members]
    for index, adopted in enumerate(members):
        session = adopted.any.session
        if adopted.any.kind not in ADOPTED or session is None or found.has(adopted.slug, "adopted-from"):
            continue
        drafts = [m for m in members[:index] if m.any.kind in DRAFTS and m.any.session == session]
        if drafts and not found.has(drafts[-1].slug, "adopted-as"):
            found.add(drafts[-1].slug, Relation("adopted-as", adopted.symbol, own_date(adopted), FROM_VERSIONS, True))


def _natural(symbol: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", symbol))


# ---- on the page -------------------------------------------------------------------------


def link(library: Library, page: str, symbol: str, lang: str) -> str:
    """``[A/RES/79/80](…)``: the document's page here, else its official text on undocs.org."""
    slug = library.slug_of(symbol)
    if slug is not None:
        return md.link(escape_inner(symbol, False), relative(page, document_path(slug)))
    try:
        url = UNSymbol.parse(symbol).url(lang)
    except ValueError:
        return escape_inner(symbol, False)
    return md.link(escape_inner(symbol, False), url, escape_inner(label("official_text", lang), False))


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` (a label) as Markdown: its own text escaped, ``{name}`` replaced by the
    Markdown in ``values``."""
    out = []
    for index, piece in enumerate(re.split(r"(\{\w+\})", template)):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if name is not None and name in values:
            out.append(values[name])
        else:
            out.append(escape(piece) if index == 0 else escape_inner(piece, False))
    return "".join(out)


def series(symbol: str, lang: str) -> str:
    """What a symbol names, for Chinese sentences: 决议 (A/RES/…), 决定 (A/DEC/…), 文件."""
    parts = symbol.split("/")
    name = parts[1] if len(parts) > 1 and parts[1] in ("RES", "DEC") else "other"
    return label(f"life.series.{name}", lang)


def phrase(library: Library, page: str, relation: Relation, lang: str) -> str:
    """One relation as Markdown: ``adopted as [A/RES/79/80](…) on 2 December 2024``."""
    dated = f"life.{relation.kind}.dated"
    key = dated if relation.date and has_label(dated) else f"life.{relation.kind}"
    values = {"symbol": link(library, page, relation.symbol, lang),
              "series": escape_inner(series(relation.symbol, lang), False)}
    if relation.date:
        values["date"] = escape_inner(format_iso_date(relation.date, lang), False)
    return fill(label(key, lang), values)


def life_markdown(library: Library, all_lives: Lives, slug: str, lang: str) -> list[str]:
    """The lines under the document's title: its relations, and a banner when it is a draft
    that a later text replaced."""
    relations = all_lives.get(slug, ())
    if not relations:
        return []
    page = document_path(slug)
    phrases = [phrase(library, page, relation, lang) for relation in relations]
    line = label("life.separator", lang).join(phrases)
    if language(lang).cased and line[:1].islower():
        line = line[0].upper() + line[1:]
    lines = md.styled(line, ["un-life"])
    if library.entries[slug].any.kind in DRAFTS:
        lines += _banner(library, all_lives, slug, lang)
    return lines


def _banner(library: Library, all_lives: Lives, slug: str, lang: str) -> list[str]:
    """``!!! info``: the text that replaced this draft (its newest revision, and what that
    became), or the resolution it was adopted as."""
    page = document_path(slug)
    relations = all_lives[slug]
    revision = _latest_revision(library, all_lives, relations)
    if revision is not None:
        body = fill(label("life.superseded.revised", lang), {"symbol": link(library, page, revision.symbol, lang)})
        adopted = _adoption_of(library, all_lives, revision.symbol)
        if adopted is not None:
            body += _adoption_sentence(library, adopted, page, lang, "life.superseded.then_adopted")
        title = label("life.superseded.title", lang)
    else:
        adopted = _newest(relations, "adopted-as")
        if adopted is None:
            return []
        body = _adoption_sentence(library, adopted, page, lang, "life.superseded.adopted")
        title = label("life.adopted.title", lang)
    return md.admonition("info", escape_inner(title, False), body, ["un-superseded"])


def _adoption_sentence(library: Library, adopted: Relation, page: str, lang: str, key: str) -> str:
    values = {"symbol": link(library, page, adopted.symbol, lang),
              "series": escape_inner(series(adopted.symbol, lang), False)}
    if adopted.date:
        values["date"] = escape_inner(format_iso_date(adopted.date, lang), False)
        key += ".dated"
    return fill(label(key, lang), values)


def _newest(relations: Sequence[Relation], kind: str) -> Relation | None:
    found = [relation for relation in relations if relation.kind == kind]
    return max(found, key=lambda r: _natural(r.symbol)) if found else None


def _latest_revision(library: Library, all_lives: Lives, relations: Sequence[Relation]) -> Relation | None:
    """The newest revision of a text: its ``revised-as``, followed through the documents the
    collection holds (``L.7`` → ``L.7/Rev.1`` → ``L.7/Rev.2``)."""
    revision = _newest(relations, "revised-as")
    seen: set[str] = set()
    while revision is not None:
        slug = library.slug_of(revision.symbol)
        later = _newest(all_lives.get(slug, ()), "revised-as") if slug is not None and slug not in seen else None
        if slug is None or later is None:
            return revision
        seen.add(slug)
        revision = later
    return None


def _adoption_of(library: Library, all_lives: Lives, symbol: str) -> Relation | None:
    """The ``adopted-as`` of the document ``symbol``, when the collection holds it."""
    slug = library.slug_of(symbol)
    return _newest(all_lives.get(slug, ()), "adopted-as") if slug is not None else None


def date_text(iso: str | None, relations: Sequence[Relation], lang: str) -> str:
    """A table's date of a document: its own (``iso``); for a draft without one, the day it
    was adopted as a resolution, said so (``2 December 2024 (adopted as A/RES/79/80)``)."""
    if iso:
        return format_iso_date(iso, lang)
    adopted = next((r for r in relations if r.kind == "adopted-as" and r.date), None)
    if adopted is None or adopted.date is None:
        return ""
    return label("life.date_adopted_as", lang).format(date=format_iso_date(adopted.date, lang), symbol=adopted.symbol)


def date_cell(entry: Entry, relations: Sequence[Relation], lang: str) -> str:
    """:func:`date_text` of a document of the collection, as Markdown."""
    return escape_inner(date_text(own_date(entry), relations, lang), False)
