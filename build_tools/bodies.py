"""The bodies whose resolutions and decisions a text cites, and the symbols they give them.

A resolution is cited by its number; the words just before ``resolution`` name the body that
adopted it, and the form of the number tells the rest:

* ``resolution 2117 (2013)``: a number with a year in brackets is always a Security Council
  resolution (``S/RES/2117(2013)``), whatever body the sentence speaks of;
* ``resolution 2758 (XXVI)``: a number with a Roman session is a General Assembly resolution
  of the first thirty sessions (``A/RES/2758(XXVI)``);
* ``resolution 78/5``, ``S-10/2``, ``ES-11/1``, ``48/74 B``: session and number. With no
  body named (``its resolution``, ``Assembly resolution``) it is the General Assembly's,
  from its thirty-first session on, when it began to number so; ``Human Rights Council
  resolution 51/35`` is ``A/HRC/RES/51/35``; a session that is a year (``2023/5``) is the
  Economic and Social Council's (or the Commission on Human Rights', when it is named);
  ``Council resolution 57/13`` alone is the Human Rights Council's;
* any other body named before the number (``Commission on Narcotic Drugs resolution 65/2``,
  ``United Nations Environment Assembly resolution 5/5``) adopts texts that no UN document
  symbol names: the reference is recognised, as ``external``, without a link.

Sources for the symbols: the UN Official Document System's symbol series (A/RES, A/DEC,
S/RES, E/RES, E/DEC, A/HRC/RES, A/HRC/DEC, E/CN.4/RES), as undocs.org resolves them, and the
UN Dag Hammarskjöld Library's guide "UN Documentation: Resolutions"
(https://research.un.org/en/docs/resolutions).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from .languages import language
from .phrases import table

BodyKey = Literal["ga", "sc", "ecosoc", "hrc", "chr"]


@dataclass(frozen=True, slots=True)
class Body:
    key: BodyKey
    names: Mapping[str, tuple[str, ...]]
    """Names in each language as printed before ``resolution`` (``决议``), the longest first."""
    resolution: str
    """The symbol of a resolution: ``{session}`` and ``{number}`` (``{year}`` for ``sc``)."""
    decision: str | None


BODIES: tuple[Body, ...] = (
    Body("ga", {"en": ("United Nations General Assembly", "General Assembly", "Assembly"),
                "zh": ("联合国大会", "大会")}, "A/RES/{session}/{number}", "A/DEC/{session}/{number}"),
    Body("sc", {"en": ("United Nations Security Council", "Security Council"), "zh": ("安全理事会", "安理会")},
         "S/RES/{number}({year})", None),
    Body("ecosoc", {"en": ("Economic and Social Council",), "zh": ("经济及社会理事会", "经社理事会")},
         "E/RES/{session}/{number}", "E/DEC/{session}/{number}"),
    Body("hrc", {"en": ("Human Rights Council",), "zh": ("人权理事会",)},
         "A/HRC/RES/{session}/{number}", "A/HRC/DEC/{session}/{number}"),
    Body("chr", {"en": ("Commission on Human Rights",), "zh": ("人权委员会",)},
         "E/CN.4/RES/{session}/{number}", "E/CN.4/DEC/{session}/{number}"),
)
_BY_KEY = {body.key: body for body in BODIES}
_MORE_NAMES: dict[str, dict[BodyKey, tuple[str, ...]]] = {}


def add_names(lang: str, names: Mapping[BodyKey, tuple[str, ...]]) -> None:
    """The bodies' names in a language described outside the package (``{"sc": ("Conseil
    de sécurité",)}``): a text in it names a body by them, just before its numbers."""
    _MORE_NAMES.setdefault(lang, {}).update(names)


def body_names(body: Body, lang: str) -> tuple[str, ...]:
    """The body's names in ``lang``, the longest first; none where the table has none."""
    return body.names.get(lang) or _MORE_NAMES.get(lang, {}).get(body.key, ())

GA_FIRST_NUMBERED_SESSION = 31
"""The first session whose resolutions the General Assembly numbered ``session/number``
(1976); before it, ``number (Roman session)``."""


@dataclass(frozen=True, slots=True)
class Named:
    """What the words before ``resolution`` name: a body of the table, the bare word
    ``Council`` (``council``), another body (``other``, with its name as printed), or none."""

    key: BodyKey | Literal["council", "other"] | None
    name: str = ""


_EN_RUN = re.compile(r"(?:(?:[A-Z][\w’'.-]*|on|of|the|and|for|against|to|in)\s+)*$")
_EN_CONNECTORS = frozenset("on of the and for against to in".split())
_EN_OPENINGS = frozenset("See Also Cf. Recalling Reaffirming Noting Welcoming Recalls Reaffirms "
                         "Notes Welcomes Takes".split())
_ZH_OTHER = re.compile(r"[\u4e00-\u9fff]{0,10}(?:委员会|会议|大会|理事会|执行局|论坛)$")
_ZH_OPENINGS = re.compile(r"^(?:又|还|并|也)?(?:回顾|注意到|欢迎|重申|铭记|根据|按照|赞赏|以及|和|及|与)")


def named_before(head: str, lang: str) -> Named:
    """The body named at the end of ``head``, the text just before ``resolution(s)``
    (``决议`` lists end the other way round: ``head`` is then the text before the first
    number): by the language's rules (:data:`NAMERS`), or else by the table's names in it."""
    namer = NAMERS.get(lang)
    return namer.before(head) if namer is not None else named_by_table(head, lang)


def named_after(tail: str, lang: str) -> Named:
    """The body named after a list of numbers, where the language's rules look there."""
    namer = NAMERS.get(lang)
    return namer.after(tail) if namer is not None and namer.after is not None else Named(None)


def named_by_table(head: str, lang: str) -> Named:
    """The body whose name in ``lang`` ends ``head`` (as a whole word in a spaced
    language), the longest name first; none else."""
    return _by_table(head.rstrip(), lang, at_end=True)


def named_first_by_table(tail: str, lang: str) -> Named:
    """The body whose name in ``lang`` begins ``tail`` (as a whole word in a spaced
    language), the longest name first; none else: for a language's :attr:`Namer.after`,
    once it has passed the words that join the list of numbers to the name."""
    return _by_table(tail.lstrip(), lang, at_end=False)


def _by_table(text: str, lang: str, *, at_end: bool) -> Named:
    found = [(name, body) for body in BODIES for name in body_names(body, lang)
             if (text.endswith(name) if at_end else text.startswith(name))]
    for name, body in sorted(found, key=lambda item: -len(item[0])):
        beside = text[-len(name) - 1:-len(name)] if at_end else text[len(name):len(name) + 1]
        if not (language(lang).spaced and beside.isalnum()):
            return Named(body.key, name)
    return Named(None)


_EN_IN_ITS = re.compile(r",?\s+in\s+(?:its|their)\s+$")


def _named_en(head: str) -> Named:
    tail = head[-160:]
    in_its = _EN_IN_ITS.search(tail)
    if in_its:  # "the Human Rights Council, in its resolution 4/4": a body of the table only
        named = _named_en(tail[: in_its.start()] + " ")
        return named if named.key not in (None, "other") else Named(None)
    match = _EN_RUN.search(tail)
    words = (match.group() if match else "").split()
    while words and (words[0] in _EN_CONNECTORS or words[0] in _EN_OPENINGS):
        words.pop(0)
    if not words or words[-1] in _EN_CONNECTORS:
        return Named(None)
    for start in range(len(words)):
        if start and words[start - 1] not in _EN_CONNECTORS:
            continue  # "Environment Assembly" is not the Assembly; "… and Assembly" is
        known = _known_en(" ".join(words[start:]))
        if known is not None:
            return known
    return Named("other", " ".join(words))


def _known_en(run: str) -> Named | None:
    for body in BODIES:
        if run in body.names["en"]:
            return Named(body.key, run)
    return Named("council", run) if run == "Council" else None


_EN_AFTER = re.compile(
    r"(?:,?\s+adopted\s+(?:by|at)|\s+of)\s+(?:the\s+)?"
    r"((?:[A-Z][\w’'-]*)(?:\s+(?:(?:on|of|the|and|for|against|to|in)\s+)*[A-Z][\w’'-]*)*)")


def _named_after_en(tail: str) -> Named:
    """The body a list of numbers names after it: ``resolutions 5/1 and 5/2 adopted by the
    Human Rights Council``, ``resolution 9/8 of the Conference of the States Parties …``."""
    match = _EN_AFTER.match(tail)
    if not match:
        return Named(None)
    run = " ".join(match.group(1).split())
    if not _BODY_NOUNS.intersection(run.split()):
        return Named(None)  # "resolution 77/301 of 29 June 2023 of the Independent Institution …"
    return _known_en(run) or Named("other", run)


_BODY_NOUNS = frozenset("Assembly Council Commission Conference Committee Board Forum".split())


def _named_zh(head: str) -> Named:
    for body in BODIES:
        for name in body.names["zh"]:
            if head.endswith(name):
                before = head[: -len(name)]
                if name in ("大会", "人权委员会") and before and _han(before[-1]) and not before.endswith("联合国") \
                        and not _zh_lead_ends(before):
                    continue  # 环境大会, 妇女地位委员会 …: another body; 回顾大会 is the Assembly
                return Named(body.key, name)
    if head.endswith("理事会") and not (len(head) > 3 and _han(head[-4])):
        return Named("council", "理事会")
    other = _ZH_OTHER.search(head)
    return Named("other", _ZH_OPENINGS.sub("", other.group())) if other else Named(None)


def _zh_lead_ends(text: str) -> bool:
    """Whether ``text`` ends with the words that lead up to a body's name in a paragraph: an
    opening phrase or operative verb (回顾, 注意到, 请, 决定 …, from data/phrases.yml), perhaps
    after 又/还/并/也, or a connective (和, 以及, 根据 …)."""
    return _zh_leads().search(text) is not None


@functools.cache
def _zh_leads() -> re.Pattern[str]:
    words = {phrase.phrase for kind in ("openings", "verbs") for phrase in table()["zh"][kind]}
    words |= {"以及", "和", "及", "与", "或", "根据", "按照", "依照", "依据", "遵循", "通过", "其"}
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alternatives})$")


def _han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


@dataclass(frozen=True, slots=True)
class Namer:
    """A language's rules for the body a text names with resolution numbers."""

    before: Callable[[str], Named]
    """The body named at the end of the text before the numbers (:func:`named_before`)."""
    after: Callable[[str], Named] | None = None
    """The body named after the list (``resolutions 5/1 and 5/2 adopted by the Human Rights
    Council``); None where the language's texts do not name it there."""


NAMERS: dict[str, Namer] = {"en": Namer(_named_en, _named_after_en), "zh": Namer(_named_zh)}
"""Each language's naming rules; a language without them names a body only by the names
the table has in it (:func:`body_names`, :func:`add_names`), just before the numbers."""


def add_namer(lang: str, namer: Namer) -> None:
    """The naming rules of a language described outside the package."""
    NAMERS[lang] = namer


def slash_symbol(named: Named, session: str, number: str, letter: str, decision: bool) -> str | None:
    """The symbol of ``session/number`` (with a part's ``letter``) cited after ``named``;
    None when the citation is of no body the table knows (an ``other`` body, or a General
    Assembly number it never gave)."""
    year = len(session) == 4
    key: BodyKey | None
    if named.key == "other":
        return None
    if session.startswith(("S-", "ES-")):
        key = "ga" if named.key in (None, "ga") else None
        if session.startswith("S-") and named.key in ("hrc", "council"):
            key = "hrc"  # the Human Rights Council's special sessions: A/HRC/RES/S-35/1
    elif year:
        key = "chr" if named.key == "chr" else ("ecosoc" if named.key in (None, "council", "ecosoc") else None)
        if not 1946 <= int(session) <= 2099:
            key = None
    elif named.key in ("council", "hrc"):
        key = "hrc"
    elif named.key in (None, "ga"):
        key = "ga" if int(session) >= GA_FIRST_NUMBERED_SESSION else None
    else:
        key = None
    if key is None:
        return None
    body = _BY_KEY[key]
    template = body.decision if decision else body.resolution
    return template.format(session=session, number=number + letter) if template else None


def bracket_symbol(named: Named, number: str, suffix: str, decision: bool) -> str | None:
    """``2117 (2013)`` (the Security Council) or ``2758 (XXVI)`` (the General Assembly's
    first sessions); None for a Roman session after another body's name."""
    if suffix.isdigit():
        return None if decision else f"S/RES/{number}({suffix})"
    if named.key not in (None, "ga"):
        return None
    series = "DEC" if decision else "RES"
    return f"A/{series}/{number}({suffix})"  # the parts of one (2200 A (XXI)) share its symbol
