"""Annotate: find references in paragraph and footnote text and give each a link.

References are spans over the text (the text itself is never changed): resolutions and
decisions of every body that UN symbols name (whose a number is: :mod:`build_tools.bodies`),
texts of other bodies recognised without a link (``external``: ``GC(69)/RES/7``), document
symbols, treaties (from the registry in
``data/treaties.yml``), and Treaty Series citations in footnotes, where ``Ibid.`` / ``同上``
is resolved to the source it repeats. URLs printed at the foot of a page are matched to the
references they belong to; where none is printed, the link is built from the parsed symbol
in the page's language. The patterns are data (:data:`PATTERNS`): each carries what a match
builds and examples of what it matches and of what it must yield, which the tests check, so
that a new kind of reference is one entry of the table.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .bodies import Named, bracket_symbol, named_after, named_before, slash_symbol
from .dates import parse_printed_date
from .diagnostics import Diagnostic, Severity
from .lexicon import lexicon as lexicon_of
from .model import Document, Footnote, Paragraph, Reference, ReferenceKind
from .source import Source
from .symbols import SYMBOL_PATTERN, UNSymbol, symbol_from_url
from .treaties import Treaty, TreatyRegistry, load_treaties, unts_url

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_EN_DATE = r"\d{1,2} (?:" + "|".join(_MONTHS) + r") \d{4}"


Builder = Callable[[str, re.Match[str], str], Iterator[Reference]]
"""What a match of a pattern makes, given the text and its language: the references it
stands for (none where the words around it say it is not one)."""


@dataclass(frozen=True, slots=True)
class Pattern:
    """A kind of reference as the text prints it: a new kind is one entry of
    :data:`PATTERNS`, with its builder and examples."""

    name: str
    lang: str
    regex: re.Pattern[str]
    examples: tuple[str, ...]
    """Texts the pattern must match in full (checked by the tests)."""
    builds: Builder | None = None
    """The references a match makes in any paragraph or footnote; None for a pattern that a
    stage reads for itself (the Treaty Series citations of footnotes, with their ``Ibid.``)."""
    cites: tuple[tuple[str, ReferenceKind, str], ...] = ()
    """Sentences with what they must yield: ``(text, kind, target)`` (checked by the tests)."""


def resolution_builder(name: str) -> Builder:
    """The builder of a language's resolution pattern ``name`` (``resolution``: session and
    number, with ``letter`` and ``date`` groups; ``resolution-old``: ``number``, ``letter``
    and ``suffix``, the year or Roman session): the references of the numbers a
    :attr:`~build_tools.lexicon.Lexicon.numbers_word` says are resolutions or decisions."""
    return lambda text, match, lang: _resolution(text, match, lang, name)


PATTERNS: tuple[Pattern, ...] = (
    Pattern(
        "resolution", "zh",
        re.compile(r"(?P<date>\d{4}年\d{1,2}月\d{1,2}日)?"
                   r"第(?P<session>(?:E?S-)?\d{1,4})/(?P<number>\d{1,4})(?: ?(?P<letter>[A-Z]))?号"),
        ("2021年12月24日第76/234号", "第77/96号", "第ES-11/1号", "第48/74 B号", "第2023/5号"),
        builds=resolution_builder("resolution"),
        cites=(("回顾其2021年12月24日第76/234号决议", "resolution", "A/RES/76/234"),
               ("回顾大会第78/540号决定", "decision", "A/DEC/78/540"),
               ("联合国环境大会第5/5号决议", "external", "联合国环境大会第5/5号决议")),
    ),
    Pattern(
        "resolution-old", "zh",
        re.compile(r"第(?P<number>\d{1,4}) ?(?:(?P<letter>[A-Z]) ?)?[(（](?P<suffix>[IVXLC]+|\d{4})[)）]号"),
        ("第2758(XXVI)号", "第2325(2016)号", "第1540（2004）号", "第2200 A(XXI)号"),
        builds=resolution_builder("resolution-old"),
        cites=(("回顾大会第2758(XXVI)号决议", "resolution", "A/RES/2758(XXVI)"),
               ("安全理事会第2325(2016)号决议", "resolution", "S/RES/2325(2016)")),
    ),
    Pattern(
        "resolution", "en",
        re.compile(r"(?<![\w/.\-])(?P<session>(?:E?S-)?\d{1,4})/(?P<number>\d{1,4})"
                   r"(?: (?P<letter>[A-Z])(?![\w/]))?(?: of (?P<date>" + _EN_DATE + "))?"),
        ("76/234 of 24 December 2021", "77/96", "S-10/2", "ES-11/1", "48/74 B", "2023/5"),
        builds=resolution_builder("resolution"),
        cites=(("Recalling its resolution 76/234 of 24 December 2021", "resolution", "A/RES/76/234"),
               ("its decision 78/540", "decision", "A/DEC/78/540"),
               ("Human Rights Council resolution 51/35", "resolution", "A/HRC/RES/51/35")),
    ),
    Pattern(
        "resolution-old", "en",
        re.compile(r"(?<![\w/])(?P<number>\d{1,4})(?: (?P<letter>[A-Z]))? ?\((?P<suffix>[IVXLC]+|\d{4})\)"),
        ("2758 (XXVI)", "2325 (2016)", "2117(2013)", "2200 A (XXI)"),
        builds=resolution_builder("resolution-old"),
        cites=(("General Assembly resolution 2758 (XXVI)", "resolution", "A/RES/2758(XXVI)"),
               ("Security Council resolution 2325 (2016)", "resolution", "S/RES/2325(2016)")),
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
    Pattern("symbol", "*", SYMBOL_PATTERN,
            ("A/77/96", "A/C.1/79/L.53/Rev.1", "S/RES/2325(2016)", "S/RES/2117 (2013)", "A/RES/48/74B",
             "A/RES/ES-11/1", "A/RES/S-10/2", "A/HRC/RES/51/35"),
            builds=lambda text, match, lang: _symbol(match, lang),
            cites=(("the report of the Secretary-General (A/77/96)", "document", "A/77/96"),
                   ("resolution S/RES/2117 (2013)", "resolution", "S/RES/2117(2013)"))),
    Pattern(
        "iaea", "*",
        re.compile(r"(?<![\w/])GC\((?P<session>\d{1,3})\)/(?P<series>RES|DEC)/(?P<number>\d{1,3})"
                   r"(?: (?P<letter>[A-Z])(?![\w/]))?"),
        ("GC(69)/RES/7", "GC(68)/RES/11 C"),
        builds=lambda text, match, lang: _iaea(match),
        cites=(("General Conference resolution GC(69)/RES/7", "external", "IAEA GC(69)/RES/7"),),
    ),
)

_NUMBER_PATTERNS = ("resolution", "resolution-old")
"""The patterns of resolution numbers: a list of them is read as one (``5/1, 5/2 and 5/3``)."""


def add_patterns(*patterns: Pattern) -> None:
    """Add the patterns of a language described outside the package to :data:`PATTERNS`."""
    global PATTERNS
    PATTERNS = (*PATTERNS, *patterns)
    _lists.cache_clear()


@dataclass(frozen=True, slots=True)
class _Lists:
    """A language's lists of resolution numbers, from its patterns and its lexicon."""

    word_before: re.Pattern[str] | None
    """The word at the end of the text before a list (``resolutions ``)."""
    tail: re.Pattern[str] | None
    """From the end of a number: the rest of its list and the word after it (``和第5/2号决议``)."""
    items_before: re.Pattern[str]
    """The items of the list that end the text before a number (``第5/1号和``)."""
    next_item: re.Pattern[str]
    """The glue and the next item of a list, from the end of one (``, 5/2``)."""


@functools.cache
def _lists(lang: str) -> _Lists:
    words = lexicon_of(lang)
    items = [re.sub(r"\?P<\w+>", "", p.regex.pattern) for p in PATTERNS
             if p.lang == lang and p.name in _NUMBER_PATTERNS]
    item = "(?:" + "|".join(items or ["(?!)"]) + ")"
    glue = f"(?:{words.numbers_glue.pattern})"
    word = f"(?:{words.numbers_word.pattern})"
    return _Lists(
        word_before=None if words.numbers_word_after else re.compile(word + r"\s+$"),
        tail=re.compile(f"(?:{glue}|{item})*{word}") if words.numbers_word_after else None,
        items_before=re.compile(f"(?:{item}{glue})*$"),
        next_item=re.compile(glue + item),
    )


def _patterns(name: str, lang: str) -> re.Pattern[str] | None:
    """The pattern ``name`` of ``lang``; None where the language has none (it then has no
    such references)."""
    return next((p.regex for p in PATTERNS if p.name == name and p.lang in (lang, "*")), None)


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
    """Every pattern's references (:data:`PATTERNS`) and the registry's treaties, the
    longest first where two overlap."""
    found: list[Reference] = []
    for pattern in PATTERNS:
        if pattern.builds is not None and pattern.lang in (lang, "*"):
            for match in pattern.regex.finditer(text):
                found += pattern.builds(text, match, lang)
    found += [_treaty_reference(text, lang, start, end, treaty)
              for start, end, treaty in registry.find_all(text, lang)]
    return _non_overlapping(found)


def _iaea(match: re.Match[str]) -> Iterator[Reference]:
    """A resolution or decision of the IAEA General Conference (``GC(69)/RES/7``):
    recognised, without a link (no address of the Agency's is known for every one)."""
    letter = f" {match.group('letter')}" if match.group("letter") else ""
    target = f"IAEA GC({match.group('session')})/{match.group('series')}/{match.group('number')}{letter}"
    yield Reference(match.start(), match.end(), "external", target, "", target)


def _treaty_reference(text: str, lang: str, start: int, end: int, treaty: Treaty) -> Reference:
    """A treaty, with the article cited where the text names one (``article X of the …``,
    ``《…》第十条``): the link's span and title then include the article."""
    title = treaty.title(lang)
    words = lexicon_of(lang)
    before = words.article_before.search(text, 0, start) if words.article_before is not None else None
    after = words.article_after.match(text, end) if words.article_after is not None else None
    if before:
        start, title = before.start(), words.article_title.format(title=title, article=before.group(1))
    elif after:
        end, title = after.end(), words.article_title.format(title=title, article=after.group(1))
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
        yield from _symbol(match, lang)


def _symbol(match: re.Match[str], lang: str) -> Iterator[Reference]:
    printed = match.group().rstrip(".")
    if " (" in printed and not printed.startswith("S/RES/"):
        printed = printed[: printed.index(" (")]  # a year in brackets after a symbol: S/RES only
    try:
        symbol = UNSymbol.parse(printed)
    except ValueError:
        return
    kind: ReferenceKind = "resolution" if symbol.is_resolution else "document"
    yield Reference(match.start(), match.start() + len(printed), kind, str(symbol), symbol.url(lang), str(symbol))


def _resolution(text: str, match: re.Match[str], lang: str, name: str) -> Iterator[Reference]:
    """A resolution number (``第76/234号…决议`` / ``resolutions 76/234 of 24 December 2021``)
    of whichever body the words before it name (:mod:`build_tools.bodies`); nothing where
    no ``resolution(s)`` / ``决议`` says that it is one."""
    head = _resolution_head(text, match, lang)
    if head is not None:
        decision, named = head
        yield from _resolution_reference(match, name, lang, decision, named)


def _resolution_reference(
    match: re.Match[str], name: str, lang: str, decision: bool, named: Named
) -> Iterator[Reference]:
    kind: ReferenceKind = "decision" if decision else "resolution"
    letter = match.group("letter") or ""
    if name == "resolution-old":
        target = bracket_symbol(named, match.group("number"), match.group("suffix"), decision)
        date = None
    else:
        target = slash_symbol(named, match.group("session"), match.group("number"), letter, decision)
        date = _iso(_printed_date(match), lang)
    if target is not None:
        symbol = UNSymbol.parse(target)
        title = f"{symbol} {letter}" if name == "resolution-old" and letter else str(symbol)
        yield Reference(match.start(), match.end(), kind, target, symbol.url(lang), title, date)
    elif named.key == "other":
        words = lexicon_of(lang)
        word = words.kinds["decision" if decision else "resolution"]
        cited = _without_trailing_date(match)
        title = words.cited_resolution.format(body=named.name, word=word, number=cited)
        yield Reference(match.start(), match.end(), "external", title, "", title, date)


def _resolution_head(text: str, match: re.Match[str], lang: str) -> tuple[bool, Named] | None:
    """Whether the number is of a decision, and the body named with it; None when no word
    of the language's :attr:`~build_tools.lexicon.Lexicon.numbers_word` says that it is
    one: the word before its list (``resolutions 5/1 and 5/2``) or after it (``第5/1和5/2号决议``)."""
    lists = _lists(lang)
    if lists.tail is not None:
        tail = lists.tail.match(text, match.end())
        if not tail:
            return None
        before = text[: match.start()]
        items = lists.items_before.search(before)
        head = before[: items.start()] if items else before
        return tail.group("decision") is not None, named_before(head, lang)
    assert lists.word_before is not None
    head = text[: match.start()]
    while True:
        word = lists.word_before.search(head)
        if word:
            before = head[: word.start()]
            named = named_before(before, lang)
            if named.key is None and not before.endswith(lexicon_of(lang).possessives):
                named = named_after(text[_list_end(text, match.end(), lists):], lang)
            return word.group("decision") is not None, named
        previous = _last_item(head, lang)
        if previous is None:
            return None
        head = head[:previous]


def _list_end(text: str, end: int, lists: _Lists) -> int:
    """The end of the list of numbers whose item ends at ``end`` (``5/1, 5/2 and 5/3``)."""
    while True:
        more = lists.next_item.match(text, end)
        if not more:
            return end
        end = more.end()


def _last_item(head: str, lang: str) -> int | None:
    """Start of the list item just before ``head``'s end (``76/234 of … and ``), if any."""
    glue = lexicon_of(lang).numbers_glue
    for name in _NUMBER_PATTERNS:
        pattern = _patterns(name, lang)
        for match in pattern.finditer(head) if pattern is not None else ():
            if glue.fullmatch(head, match.end()):
                return match.start()
    return None


def _without_trailing_date(match: re.Match[str]) -> str:
    """The number as printed, without a date that follows it and the word that joins them
    (``5/5 of 24 December 2021`` → ``5/5``); a date before the number stays (``2021年12月24日第5/5号``)."""
    if "date" not in match.re.groupindex or match.group("date") is None or match.end("date") != match.end():
        return match.group()
    return re.sub(r"\s*\S+\s*$", "", match.string[match.start() : match.start("date")])


def _printed_date(match: re.Match[str]) -> str | None:
    """The date a resolution match prints (``24 December 2021``, ``2021年12月24日``), if any:
    every language's resolution pattern names it ``date``."""
    return match.group("date")


def _iso(printed: str | None, lang: str) -> str | None:
    """A printed date as ISO; None when there is none or it does not exist (reported by
    :func:`_impossible_dates`)."""
    day = parse_printed_date(printed, lang) if printed else None
    return day.isoformat() if day is not None else None


def _impossible_dates(texts: Sequence[tuple[str, int]], source: Source) -> Iterator[Diagnostic]:
    """A warning for each resolution cited with a date that does not exist (``76/234 of 31
    February 2021``, ``2021年2月31日第76/234号``): it is linked without the date."""
    lang = source.lang
    pattern = _patterns("resolution", lang)
    if pattern is None:
        return
    for text, start in texts:
        for match in pattern.finditer(text):
            printed = _printed_date(match)
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
    series = _patterns("treaty-series", lang)
    for note in footnotes:
        refs = list(_find(note.text, lang, registry))
        for match in series.finditer(note.text) if series is not None else ():
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
    return lexicon_of(lang).treaty_series.format(volume=volume, number=number)


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

