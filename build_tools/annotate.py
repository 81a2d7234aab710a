"""Annotate: find references in paragraph and footnote text and give each a link.

References are spans over the text (the text itself is never changed): General Assembly
and Security Council resolutions, document symbols, treaties (from the registry in
``data/treaties.yml``), and Treaty Series citations in footnotes, where ``Ibid.`` / ``同上``
is resolved to the source it repeats. URLs printed at the foot of a page are matched to the
references they belong to; where none is printed, the link is built from the parsed symbol
in the page's language. The patterns are data (:data:`PATTERNS`), each with examples that a
test proves it matches.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .dates import parse_printed_date
from .diagnostics import Diagnostic, Severity
from .model import Document, Footnote, Paragraph, Reference
from .source import Source
from .symbols import SYMBOL_PATTERN, UNSymbol, symbol_from_url
from .treaties import Treaty, TreatyRegistry, load_treaties, unts_url

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_EN_DATE = r"\d{1,2} (?:" + "|".join(_MONTHS) + r") \d{4}"


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str
    lang: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    """Texts the pattern must match in full (checked by the tests)."""


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "resolution", "zh",
        re.compile(r"(?:(\d{4})年(\d{1,2})月(\d{1,2})日)?第(\d{1,3})/(\d{1,4})号"),
        ("2021年12月24日第76/234号", "第77/96号"),
    ),
    Pattern(
        "resolution-old", "zh",
        re.compile(r"第(\d{1,4}) ?\(([IVXLC]+|\d{4})\)号"),
        ("第2758(XXVI)号", "第2325(2016)号"),
    ),
    Pattern(
        "resolution", "en",
        re.compile(r"(?<![\w/])(\d{1,3})/(\d{1,4})(?: of (" + _EN_DATE + "))?"),
        ("76/234 of 24 December 2021", "77/96"),
    ),
    Pattern(
        "resolution-old", "en",
        re.compile(r"(?<![\w/])(\d{1,4}) \(([IVXLC]+|\d{4})\)"),
        ("2758 (XXVI)", "2325 (2016)"),
    ),
    Pattern(
        "treaty-series", "zh",
        re.compile(r"(联合国，《条约汇编》|同上)，第(\d+)卷，第(\d+)号"),
        ("联合国，《条约汇编》，第729卷，第10485号", "同上，第1015卷，第14860号"),
    ),
    Pattern(
        "treaty-series", "en",
        re.compile(r"(United Nations, Treaty Series|Ibid\.), vol\. (\d+), No\. (\d+)"),
        ("United Nations, Treaty Series, vol. 729, No. 10485", "Ibid., vol. 1015, No. 14860"),
    ),
    Pattern("symbol", "*", SYMBOL_PATTERN, ("A/77/96", "A/C.1/79/L.53/Rev.1", "S/RES/2325(2016)")),
)

# After a resolution number, what may stand before the word that says what it numbers.
_ZH_LIST_TAIL = re.compile(
    r"(?:[和、及与或]|以及|(?:\d{4}年\d{1,2}月\d{1,2}日)?第\d{1,4}(?:/\d{1,4}| ?\([IVXLC\d]+\))号)*"
    r"(决议|决定)"
)
_EN_LIST_HEAD = re.compile(r"\b(?:[Rr]esolutions?|[Dd]ecisions?)\s+$")
_EN_LIST_GLUE = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+)$")


def _patterns(name: str, lang: str) -> re.Pattern[str]:
    return next(p.regex for p in PATTERNS if p.name == name and p.lang in (lang, "*"))


def annotate(document: Document, source: Source) -> Document:
    """Add references to every paragraph and footnote; warn about unmatched URLs."""
    registry = load_treaties()
    lang = document.lang
    found = {id(p): _find(p.text, lang, registry) for p in document.paragraphs}
    footnotes = _footnote_references(document.footnotes, lang, registry)
    everything = [r for refs in found.values() for r in refs]
    everything += [r for f in footnotes for r in f.references]
    printed, diagnostics = _match_urls(document, everything, source)
    texts = [(p.text, p.source) for p in document.paragraphs] + [(f.text, f.source) for f in document.footnotes]
    diagnostics += _impossible_dates(texts, source)

    def relink(refs: tuple[Reference, ...]) -> tuple[Reference, ...]:
        return tuple(
            dataclasses.replace(r, url=printed[r.target.lower()], url_printed=True)
            if r.target.lower() in printed else r
            for r in refs
        )

    body = tuple(
        dataclasses.replace(item, references=relink(found[id(item)])) if isinstance(item, Paragraph) else item
        for item in document.body
    )
    footnotes = tuple(dataclasses.replace(f, references=relink(f.references)) for f in footnotes)
    return dataclasses.replace(
        document,
        body=body,
        footnotes=footnotes,
        diagnostics=document.diagnostics + tuple(diagnostics),
    )


def find_references(text: str, lang: str) -> tuple[Reference, ...]:
    """The references in any text in ``lang`` (resolutions, symbols, treaties), as
    :func:`annotate` finds them in a paragraph: for texts outside the model, such as
    editorial notes (the site search indexes what they cite)."""
    return _find(text, lang, load_treaties())


def _find(text: str, lang: str, registry: TreatyRegistry) -> tuple[Reference, ...]:
    found: list[Reference] = []
    found += _resolutions(text, lang)
    found += [_treaty_reference(text, lang, start, end, treaty)
              for start, end, treaty in registry.find_all(text, lang)]
    found += symbol_references(text, lang)
    return _non_overlapping(found)


_ARTICLE_BEFORE = re.compile(r"\b[Aa]rticles? ([IVXLC]+|\d{1,3}) of the $")
_ARTICLE_AFTER = re.compile(r"第([一二三四五六七八九十百]+|\d{1,3})条")


def _treaty_reference(text: str, lang: str, start: int, end: int, treaty: Treaty) -> Reference:
    """A treaty, with the article cited where the text names one (``article X of the …``,
    ``《…》第十条``): the link's span and title then include the article."""
    title = treaty.title(lang)
    before = _ARTICLE_BEFORE.search(text, 0, start) if lang == "en" else None
    after = _ARTICLE_AFTER.match(text, end) if lang == "zh" else None
    if before:
        start, title = before.start(), f"{title}, article {before.group(1)}"
    elif after:
        end, title = after.end(), f"{title}第{after.group(1)}条"
    return Reference(start, end, "treaty", treaty.id, treaty.url(lang), title)


def _non_overlapping(found: list[Reference]) -> tuple[Reference, ...]:
    kept: list[Reference] = []
    for ref in sorted(found, key=lambda r: (r.start, -(r.end - r.start))):
        if not kept or ref.start >= kept[-1].end:
            kept.append(ref)
    return tuple(kept)


def symbol_references(text: str, lang: str) -> Iterator[Reference]:
    """Document symbols in ``text`` as references linking to undocs.org."""
    for match in SYMBOL_PATTERN.finditer(text):
        try:
            symbol = UNSymbol.parse(match.group().rstrip("."))
        except ValueError:
            continue
        end = match.start() + len(str(symbol))
        kind = "resolution" if symbol.is_resolution else "document"
        yield Reference(match.start(), end, kind, str(symbol), symbol.url(lang), str(symbol))


def _resolutions(text: str, lang: str) -> Iterator[Reference]:
    """Resolution numbers: ``第76/234号…决议`` / ``resolutions 76/234 of 24 December 2021``."""
    for name in ("resolution", "resolution-old"):
        for match in _patterns(name, lang).finditer(text):
            kind = _resolution_kind(text, match, lang)
            if kind is None:
                continue
            symbol, date = _resolution_symbol(match, name, lang, kind)
            yield Reference(match.start(), match.end(), kind, str(symbol), symbol.url(lang),
                            str(symbol), date)


def _resolution_kind(text: str, match: re.Match[str], lang: str) -> str | None:
    if lang == "zh":
        tail = _ZH_LIST_TAIL.match(text, match.end())
        return None if not tail else ("decision" if tail.group(1) == "决定" else "resolution")
    head = text[: match.start()]
    while True:
        if _EN_LIST_HEAD.search(head):
            word = _EN_LIST_HEAD.search(head)
            return "decision" if word and "ecision" in word.group() else "resolution"
        previous = _last_item(head, lang)
        if previous is None:
            return None
        head = head[:previous]


def _last_item(head: str, lang: str) -> int | None:
    """Start of the list item just before ``head``'s end (``76/234 of … and ``), if any."""
    for name in ("resolution", "resolution-old"):
        for match in _patterns(name, lang).finditer(head):
            if _EN_LIST_GLUE.match(head[match.end():]):
                return match.start()
    return None


def _resolution_symbol(
    match: re.Match[str], name: str, lang: str, kind: str
) -> tuple[UNSymbol, str | None]:
    groups = match.groups()
    if name == "resolution-old":
        number, suffix = groups[0], groups[1]
        body = "S" if suffix.isdigit() else "A"
        series = "RES" if kind == "resolution" else "DEC"
        return UNSymbol((body, series, f"{number}({suffix})")), None
    series = "RES" if kind == "resolution" else "DEC"
    if lang == "zh":
        *_, session, number = groups
        date = _iso(_printed_date(match, lang), lang)
    else:
        session, number, printed = groups
        date = _iso(printed, lang)
    return UNSymbol(("A", series, session, number)), date


def _printed_date(match: re.Match[str], lang: str) -> str | None:
    """The date a resolution match prints (``24 December 2021``, ``2021年12月24日``), if any."""
    if lang == "zh":
        year, month, day = match.group(1, 2, 3)
        return f"{year}年{month}月{day}日" if year else None
    return match.group(3)


def _iso(printed: str | None, lang: str) -> str | None:
    """A printed date as ISO; None when there is none or it does not exist (reported by
    :func:`_impossible_dates`)."""
    day = parse_printed_date(printed, lang) if printed else None
    return day.isoformat() if day is not None else None


def _impossible_dates(texts: Sequence[tuple[str, int]], source: Source) -> Iterator[Diagnostic]:
    """A warning for each resolution cited with a date that does not exist (``76/234 of 31
    February 2021``, ``2021年2月31日第76/234号``): it is linked without the date."""
    lang = source.lang
    for text, start in texts:
        for match in _patterns("resolution", lang).finditer(text):
            printed = _printed_date(match, lang)
            if printed is None or _iso(printed, lang) is not None:
                continue
            spaced = r"\s*".join(re.escape(char) for char in match.group(0) if not char.isspace())
            found = re.compile(spaced).search(source.text, start)
            yield source.diagnostic(
                "annotate.date", found.start() if found else start,
                "a date that exists (day, month, year from 1945)", repr(printed),
                "the resolution is linked without its date; check the day and the month",
                severity=Severity.WARNING)


def _footnote_references(
    footnotes: tuple[Footnote, ...], lang: str, registry: TreatyRegistry
) -> tuple[Footnote, ...]:
    """Treaty Series citations, with ``Ibid.`` resolved to the source it repeats."""
    result = []
    last_source: str | None = None
    for note in footnotes:
        refs = list(_find(note.text, lang, registry))
        for match in _patterns("treaty-series", lang).finditer(note.text):
            ibid = match.group(1) in ("同上", "Ibid.")
            if not ibid:
                last_source = "unts"
            elif last_source != "unts":
                continue  # ibid of something that is not the Treaty Series
            volume, number = int(match.group(2)), int(match.group(3))
            treaty = registry.by_unts(volume, number)
            title = _unts_title(volume, number, lang)
            if treaty:
                title = f"{treaty.title(lang)} — {title}"
            refs.append(Reference(match.start(), match.end(), "treaty-series",
                                  f"UNTS {volume}/{number}", unts_url(volume, number), title,
                                  ibid=ibid))
        if refs and not any(r.kind == "treaty-series" for r in refs):
            last_source = "document"
        result.append(dataclasses.replace(note, references=_non_overlapping(refs)))
    return tuple(result)


def _unts_title(volume: int, number: int, lang: str) -> str:
    if lang == "zh":
        return f"联合国，《条约汇编》，第{volume}卷，第{number}号"
    return f"United Nations, Treaty Series, vol. {volume}, No. {number}"


def _match_urls(
    document: Document, references: list[Reference], source: Source
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Printed URLs by the lower-cased symbol they point at; warn about URLs with no reference."""
    targets = {r.target.lower() for r in references}
    printed: dict[str, str] = {}
    diagnostics: list[Diagnostic] = []
    for url in document.printed_urls:
        symbol = symbol_from_url(url)
        key = str(symbol).lower() if symbol else None
        if key and key in targets:
            printed[key] = url
        else:
            offset = source.text.find(url)
            diagnostics.append(source.diagnostic(
                "annotate.url-unmatched", max(offset, 0),
                "a reference in the text for each printed link URL",
                f"{url} with no reference on the page", severity=Severity.WARNING,
            ))
    return printed, diagnostics


def all_references(document: Document) -> Iterator[Reference]:
    for paragraph in document.paragraphs:
        yield from paragraph.references
    for note in document.footnotes:
        yield from note.references

