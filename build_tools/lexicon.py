"""How each language prints the parts of a resolution: the tables that ``parse`` reads.

Rules are written for the United Nations' document formats, not for one file. Sources:
UN Editorial Manual (preambular and operative paragraphs, opening phrases), the General
Assembly's Rules of Procedure (committees), and the documents themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .model import DOCUMENT_KINDS, DocumentKind, FrontRole
from .numerals import en_ordinal, roman_value, to_en_ordinal, to_zh, zh_number
from .phrases import opening_phrase, operative_verb

__all__ = [
    "COMMITTEE_IDS",
    "KIND_IDS",
    "LEXICONS",
    "SUBPARAGRAPH",
    "Lexicon",
    "committee_id",
    "kind_id",
    "lexicon",
    "opening_phrase",
    "operative_verb",
    "register",
]


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    session: re.Pattern[str]
    """Group 1: the session number in words or digits."""
    agenda: re.Pattern[str]
    """Group 1: the item(s) as printed."""
    sponsors: re.Pattern[str]
    """Group 1: the names; group 2: the document kind printed after the colon."""
    enacting: re.Pattern[str]
    enacting_alone: re.Pattern[str]
    """The body's name without the comma, before ``Adopts the following Declaration:``."""
    decision: re.Pattern[str]
    """A decision's single paragraph: the body's name and what it does in one sentence
    (``The General Assembly approves …``, ``The General Assembly, taking note …, decides …``)."""
    operative: re.Pattern[str]
    """Group 1: the number; the whole match is the printed label."""
    list_separators: re.Pattern[str]
    """Between sponsor names (the last pair is split by ``final_conjunction``)."""
    final_conjunction: str
    leading_conjunction: str
    """What may open the last name of a list after its separator (``…, Cuba, and Fiji``);
    empty where a language does not do that."""
    session_number: Callable[[str], int]
    """The number of the session a heading names (group 1 of ``session``): ``seventy-ninth``,
    ``七十九``; ValueError for any other text."""
    session_name: Callable[[int], str]
    """A session's name as the pages print it (``Seventy-ninth session``, ``第七十九届会议``)."""
    session_aliases: Callable[[int], tuple[str, ...]]
    """Other names readers search a session by (``79th session``)."""
    section_numeral: Callable[[str], str]
    """The number of a section or an annex, written in Roman numerals in an anchor (``ii``),
    as a citation prints it (``II``, ``二``)."""
    enacting_example: str
    """The enacting formula as a message shows it (``The General Assembly,``)."""
    committees: Mapping[str, str]
    """The name of each committee of :data:`COMMITTEE_IDS`."""
    kinds: Mapping[str, str]
    """The word for each kind of :data:`KIND_IDS` (``draft resolution``, ``决议草案``); the
    lines that name a kind are ``kind_lines``."""
    kind_lines: tuple[tuple[DocumentKind, re.Pattern[str]], ...]
    """A kind's line in full, the first that matches: kind, pattern."""
    submitted: re.Pattern[str]
    """A draft an officer submits (``Draft resolution submitted by the Vice-Chair …``)."""
    submitted_kind: int
    """The group of ``submitted`` that names the kind."""
    front: tuple[tuple[FrontRole, re.Pattern[str]], ...]
    """Lines of the masthead and of an adopted resolution's heading; group 1 is the value kept
    in the model. The first pattern that matches wins."""
    closing: tuple[tuple[FrontRole, re.Pattern[str]], ...]
    """The closing lines (meeting, date, annex), as ``front``."""
    footnote_marker: re.Pattern[str]
    """A footnote marker: digits glued to the end of a word or punctuation mark."""
    marker_followers: str
    """Punctuation that may follow a marker (``word,1 and``); a marker is else followed by a
    space or the end of the line."""
    article_before: re.Pattern[str] | None
    """The article of a treaty cited before its title (``article 10 of the``), matching up to
    the title; group 1 the article."""
    article_after: re.Pattern[str] | None
    """The article cited after the title (``第十条``), group 1 the article."""
    article_title: str
    """A treaty's title with the article cited (``{title}``, ``{article}``)."""
    cited_resolution: str
    """The title of a resolution of another body cited by number (``{body}``, ``{word}``:
    resolution or decision, ``{number}``)."""
    treaty_series: str
    """The title of a Treaty Series citation (``{volume}``, ``{number}``)."""
    standalone: re.Pattern[str]
    """A line that is a block of its own in a text extraction: the session, committee and
    agenda headings, the enacting formula, an annex's label, the meeting line (part labels,
    I, II, A, B, are the same in every language)."""
    masthead: re.Pattern[str]
    """The organ's name in the first page's masthead: furniture, not kept."""
    printed_date: re.Pattern[str]
    """A date in running text, with the groups ``day``, ``month`` (its number, or its name as
    :func:`build_tools.dates.month_names` gives it) and ``year``: the AKN export's date spans."""
    numbers_word: re.Pattern[str]
    """The word that says that numbers are resolutions or decisions, with a group
    ``decision`` that takes part for decisions: before the list (``resolutions 5/1 and 5/2``,
    spaces after it) or, where :attr:`numbers_word_after`, right after it (``第5/1和5/2号决议``).
    Without it a number is not taken for a resolution."""
    numbers_word_after: bool
    numbers_glue: re.Pattern[str]
    """What joins two numbers of a list (``, ``, `` and ``; ``和``, ``、``)."""
    possessives: tuple[str, ...]
    """What ends the text before the word when a body cites its own (``its ``): the body is
    then not looked for after the list."""


COMMITTEE_IDS = ("first", "second", "third", "fourth", "fifth", "sixth")
"""The General Assembly's Main Committees, in their order."""

KIND_IDS = DOCUMENT_KINDS
"""Kinds of document (:data:`build_tools.model.DocumentKind`)."""


def committee_id(text: str, lang: str) -> str | None:
    wanted = re.sub(r"[\s（）()]", "", text)
    for key, name in lexicon(lang).committees.items():
        if re.sub(r"[\s（）()]", "", name) == wanted:
            return key
    return None


def kind_id(text: str, lang: str) -> DocumentKind | None:
    """The kind a text names in full (``draft resolution``, ``amendment to draft resolution
    A/80/L.3``, ``Note by the Secretariat``), or None."""
    wanted = " ".join(text.split())
    for key, pattern in lexicon(lang).kind_lines:
        if pattern.fullmatch(wanted):
            return key
    return None


def register(words: Lexicon) -> None:
    """Make ``words`` the lexicon of its language (one described outside this module, see
    :func:`build_tools.languages.register`); another lexicon for a language that has one is
    a ValueError."""
    known = LEXICONS.get(words.lang)
    if known is not None and known is not words:
        raise ValueError(f"language {words.lang!r} already has a lexicon")
    LEXICONS[words.lang] = words


def lexicon(code: str) -> Lexicon:
    """The lexicon of the language ``code``; ValueError for one without a lexicon."""
    try:
        return LEXICONS[code]
    except KeyError:
        raise ValueError(f"no lexicon for language {code!r}; expected one of {tuple(LEXICONS)}") from None


_EN_DATE = (r"\d{1,2}[ \u00a0\u202f](?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December)[ \u00a0\u202f]\d{4}")
_ZH_DATE = r"\d{4}年\d{1,2}月\d{1,2}日"

def _zh_session_name(session: int) -> str:
    return f"第{to_zh(session)}届会议"


def _en_session_name(session: int) -> str:
    return f"{to_en_ordinal(session)} session"


def _en_session_aliases(session: int) -> tuple[str, ...]:
    """``79`` → ``79th session``, as English readers also write a session."""
    suffix = "th" if 10 <= session % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(session % 10, "th")
    return (f"{session}{suffix} session",)


ZH = Lexicon(
    lang="zh",
    session=re.compile(r"第([〇零一二两三四五六七八九十百千\d]+)届会议"),
    agenda=re.compile(r"议程项目\s*(\d.*)"),
    sponsors=re.compile(r"(.+)[:：]\s*((?:订正)?决(?:议|定)草案|对.+的修正案?)"),
    enacting=re.compile(r"(?:大会|安全理事会|经济及社会理事会)[，,]"),
    enacting_alone=re.compile(r"大会"),
    decision=re.compile(r"大会[^，,].+|大会[，,].+[。.]"),
    operative=re.compile(r"(\d{1,3})\.\s*"),
    list_separators=re.compile(r"、"),
    final_conjunction="和",
    leading_conjunction="",
    session_number=zh_number,
    session_name=_zh_session_name,
    session_aliases=lambda session: (),  # readers write a session as the pages print it
    section_numeral=lambda roman: to_zh(roman_value(roman)),
    enacting_example="大会，",
    committees={
        "first": "第一委员会",
        "second": "第二委员会",
        "third": "第三委员会",
        "fourth": "特别政治和非殖民化委员会(第四委员会)",
        "fifth": "第五委员会",
        "sixth": "第六委员会",
    },
    kinds={
        "draft-resolution": "决议草案",
        "revised-draft-resolution": "订正决议草案",
        "resolution": "决议",
        "draft-decision": "决定草案",
        "revised-draft-decision": "订正决定草案",
        "decision": "决定",
        "amendment": "修正案",
        "note": "说明",
    },
    kind_lines=(
        ("amendment", re.compile(r"对.+的修正案?")),
        ("revised-draft-resolution", re.compile(r"订正决议草案")),
        ("revised-draft-decision", re.compile(r"订正决定草案")),
        ("draft-resolution", re.compile(r"决议草案")),
        ("draft-decision", re.compile(r"决定草案")),
        ("note", re.compile(r"(?:秘书处|秘书长|大会主席)的说明")),
    ),
    submitted=re.compile(r"(.+?)提交的((?:订正)?决(?:议|定)草案)"),
    submitted_kind=2,
    front=(
        ("distribution", re.compile(r"Distr\.:\s*(General|Limited|Restricted)|(普遍|限制)分发")),
        ("original", re.compile(r"(?:Original|原文)[:：]\s*(\S+)")),
        ("adoption", re.compile(r"(" + _ZH_DATE + r")大会决议")),
        ("report", re.compile(r"\[(根据.+|未经发交主要委员会.+)\]")),
        ("resolution-number", re.compile(r"(\d{1,3}/\d{1,4})\.\s*(.+)")),
        ("date", re.compile("(" + _ZH_DATE + ")")),
    ),
    closing=(
        ("meeting", re.compile(r"(\d+次(?:\(续\))?全体会议|第\d+次(?:\(续\))?全体会议)")),
        ("date", re.compile("(" + _ZH_DATE + ")")),
        ("annex", re.compile(r"(附件(?:[一二三四五六七八九十]+)?)")),
    ),
    footnote_marker=re.compile(r"(?<=[^\s\d/.\-:第])\d{1,3}(?!\d)"),
    marker_followers="",
    article_before=None,
    article_after=re.compile(r"第([一二三四五六七八九十百]+|\d{1,3})条"),
    article_title="{title}第{article}条",
    cited_resolution="{body}{number}{word}",
    treaty_series="联合国，《条约汇编》，第{volume}卷，第{number}号",
    standalone=re.compile(r"第[〇零一二三四五六七八九十百]+届会议|议程项目\s*\d.*|第[一二三五六]委员会|大会[，,]?"
                          r"|附件(?:[一二三四五六七八九十]+)?|第\d+次(?:\(续\))?全体会议"),
    masthead=re.compile(r"联合国|大会|United Nations|General Assembly|Security Council"),  # it may print both
    printed_date=re.compile(r"(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
    numbers_word=re.compile(r"决议|(?P<decision>决定)"),
    numbers_word_after=True,
    numbers_glue=re.compile(r"[和、及与或]|以及"),
    possessives=("其",),
)

EN = Lexicon(
    lang="en",
    session=re.compile(r"(?:Resumed )?([A-Z][a-z]+(?:-[a-z]+)?)(?: (?:emergency )?special)? session"),
    agenda=re.compile(r"Agenda items? (\d.*)"),
    sponsors=re.compile(r"(.+?):[\s,]*((?:[Rr]evised )?[Dd]raft (?:resolution|decision)|[Aa]mendments? to .+)"),
    enacting=re.compile(r"The (?:General Assembly|Security Council|Economic and Social Council),"),
    enacting_alone=re.compile(r"The General Assembly"),
    decision=re.compile(r"The General Assembly(?: [a-z]|, [a-z]).+"),
    operative=re.compile(r"(\d{1,3})\.\s+"),
    list_separators=re.compile(r",\s*"),
    final_conjunction=" and ",
    leading_conjunction="and ",
    session_number=en_ordinal,
    session_name=_en_session_name,
    session_aliases=_en_session_aliases,
    section_numeral=str.upper,
    enacting_example="The General Assembly,",
    committees={
        "first": "First Committee",
        "second": "Second Committee",
        "third": "Third Committee",
        "fourth": "Special Political and Decolonization Committee (Fourth Committee)",
        "fifth": "Fifth Committee",
        "sixth": "Sixth Committee",
    },
    kinds={
        "draft-resolution": "draft resolution",
        "revised-draft-resolution": "revised draft resolution",
        "resolution": "resolution",
        "draft-decision": "draft decision",
        "revised-draft-decision": "revised draft decision",
        "decision": "decision",
        "amendment": "amendment",
        "note": "note",
    },
    kind_lines=(
        ("amendment", re.compile(r"[Aa]mendments? to (?:the )?(?:revised )?draft (?:resolution|decision)s?\b.*")),
        ("revised-draft-resolution", re.compile(r"[Rr]evised draft resolution")),
        ("revised-draft-decision", re.compile(r"[Rr]evised draft decision")),
        ("draft-resolution", re.compile(r"[Dd]raft resolution")),
        ("draft-decision", re.compile(r"[Dd]raft decision")),
        ("note", re.compile(r"Note by the (?:Secretariat|Secretary-General|President of the General Assembly"
                            r"|Chair|Bureau)")),
    ),
    # A draft an officer submits: "Draft resolution submitted by the Vice-Chair of the
    # Committee, Name (State), on the basis of informal consultations on draft resolution X".
    submitted=re.compile(r"((?:Revised d|D)raft (?:resolution|decision)) submitted by (?:the )?(.+?)(?::\s*(.+))?"),
    submitted_kind=1,
    front=(
        ("distribution", re.compile(r"Distr\.:\s*(General|Limited|Restricted)")),
        ("original", re.compile(r"Original:\s*(\w+)|(Arabic|Chinese|English|French|Russian|Spanish)")),
        ("adoption", re.compile(r"(?:Resolution|Decision) adopted by the General Assembly on (" + _EN_DATE + ")")),
        ("report", re.compile(r"\[(on the reports? of the .+|without reference to a Main Committee.*)\]")),
        ("resolution-number", re.compile(r"((?:ES-\d{1,2}/|S-\d{1,2}/)?\d{1,3}/\d{1,4}(?: ?[A-Z])?)\.\s+(.+)")),
        ("date", re.compile("(" + _EN_DATE + ")")),
    ),
    closing=(
        ("meeting", re.compile(r"(\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting)")),
        ("date", re.compile("(" + _EN_DATE + ")")),
        ("annex", re.compile(r"(Annex(?: [IVX]+)?)")),
    ),
    footnote_marker=re.compile(r"(?<=[A-Za-z)\],;:’”'\"])\d{1,3}(?!\d)"),
    marker_followers=",;.:)",
    article_before=re.compile(r"\b[Aa]rticles? ([IVXLC]+|\d{1,3}) of the $"),
    article_after=None,
    article_title="{title}, article {article}",
    cited_resolution="{body} {word} {number}",
    treaty_series="United Nations, Treaty Series, vol. {volume}, No. {number}",
    standalone=re.compile(r"[A-Z][a-z]+(?:-[a-z]+)? session|(?:Resumed|Special|Emergency special) .*session.*"
                          r"|Agenda items? \d.*|(?:First|Second|Third|Fifth|Sixth) Committee|The General Assembly,?"
                          r"|(?:Annex|ANNEX|Appendix|Attachment)(?: [IVX]+| \d+)?"
                          r"|\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting"),
    masthead=re.compile(r"United Nations|General Assembly|Security Council"),
    printed_date=re.compile(r"\b(?P<day>\d{1,2}) (?P<month>January|February|March|April|May|June|July|August"
                            r"|September|October|November|December) (?P<year>\d{4})\b"),
    numbers_word=re.compile(r"\b(?:[Rr]esolutions?|(?P<decision>[Dd]ecisions?))"),
    numbers_word_after=False,
    numbers_glue=re.compile(r",\s*(?:and\s+)?|\s+and\s+"),
    possessives=("its ", "their "),
)

LEXICONS: dict[str, Lexicon] = {lexicon.lang: lexicon for lexicon in (ZH, EN)}
"""Each described language's lexicon, by code (:func:`register` adds one; a test holds them to
:data:`build_tools.languages.DESCRIBED`)."""

# Sub-paragraphs: (a), (b) … and within them (i), (ii) …
SUBPARAGRAPH = re.compile(r"\(([a-z]{1,2}|[ivxl]{1,6})\)\s*")

