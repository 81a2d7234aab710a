"""Opening phrases of preambular paragraphs and operative verbs (``data/phrases.yml``).

UN style opens a preambular paragraph with a participle or adjective phrase (*Recalling*,
*Deeply concerned*, *Having considered*) and an operative paragraph with a verb in the third
person (*Decides*, *Calls upon*), set in italics. The PDF's italics say exactly where the
phrase ends (:mod:`build_tools.body` takes them); for text extractions, which have none,
the phrase is read here: the longest entry of the table that the paragraph opens with, else
the rule — a word in -ing or -ed (or one of a few adjectives) for the preamble, a word in
-s for the operative part, each with the modifiers UN texts add (also, further, again, with
concern, with appreciation …). Where neither applies the opening is empty: no opening is
better than a wrong one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from build_tools.datafile import load_table
from build_tools.languages import language

FILE = Path(__file__).with_name("data") / "phrases.yml"
KINDS = ("openings", "verbs")


@dataclass(frozen=True, slots=True)
class Phrase:
    phrase: str
    count: int
    example: str | None
    source: str | None


@functools.cache
def table() -> dict[str, dict[str, tuple[Phrase, ...]]]:
    """``{lang: {"openings": …, "verbs": …}}``, valid against ``schema/phrases.schema.json``."""
    data = load_table(FILE, "phrases")
    return {
        str(lang): {
            kind: tuple(Phrase(e["phrase"], e.get("count", 0), e.get("example"), e.get("source")) for e in groups[kind])
            for kind in KINDS
        }
        for lang, groups in data.items()
    }


@functools.cache
def _index(lang: str, kind: str) -> dict[str, tuple[str, ...]]:
    """Phrases by their first word (English) or first character (Chinese), longest first."""
    by_key: dict[str, list[str]] = {}
    for entry in table()[lang][kind]:
        by_key.setdefault(_key(entry.phrase, lang), []).append(entry.phrase)
    return {key: tuple(sorted(set(items), key=len, reverse=True)) for key, items in by_key.items()}


def _key(text: str, lang: str) -> str:
    if not language(lang).spaced:
        return text[:1]
    return text.split(" ", 1)[0].rstrip(",;:")


_EN_TAIL = re.compile(
    r"(?:\s+(?:also|again|once again|once more"
    r"|with (?:deep |grave |great |serious |particular |renewed )?(?:concern|appreciation|satisfaction"
    r"|interest|regret|alarm))\b)*"
)
_EN_OPENING_RULE = re.compile(
    r"(?:[A-Z][a-z]+ly |Also |Further |Ever |Being |Remaining )(?:[a-z]+ly )?[a-z]+(?:ing|ed)\b"
    r"|Having (?:also )?[a-z]+\b"
    r"|[A-Z][a-z]+(?:ing|ed)\b"
    r"|(?:Mindful|Aware|Conscious|Cognizant|Convinced|Desirous|Determined|Resolved)\b"
)
_EN_VERB_RULE = re.compile(
    r"(?:(?:[A-Z][a-z]+ly|Also|Further|Again|Once again|Once more) )[a-z]+s\b(?: (?:upon|on|for)\b)?"
    r"|[A-Z][a-z]+s\b(?: (?:upon|on|for)\b)?"
)
_ZH_PREFIXES = ("又", "还", "并", "再次", "进一步", "也")


@dataclass(frozen=True, slots=True)
class Rules:
    """What finds a language's phrases beyond its table: for a language whose words stand
    apart, the morphology of openings and verbs and the words that may follow one (``also``,
    ``with concern``); for one without spaces, the words that may come before a phrase (又,
    再次) and the pronoun that may follow an opening (其)."""

    opening: re.Pattern[str] | None = None
    verb: re.Pattern[str] | None = None
    tail: re.Pattern[str] | None = None
    prefixes: tuple[str, ...] = ()
    after_opening: str = ""


RULES = {"en": Rules(opening=_EN_OPENING_RULE, verb=_EN_VERB_RULE, tail=_EN_TAIL),
         "zh": Rules(prefixes=_ZH_PREFIXES, after_opening="其")}
"""Each language's rules; a language without finds only the phrases of its table."""
_NONE = Rules()


def opening_phrase(text: str, lang: str) -> str:
    """The opening phrase a preambular paragraph starts with, or ``""``."""
    rules = RULES.get(lang, _NONE)
    if not language(lang).spaced:
        return _unspaced_lead(text, lang, "openings", rules, rules.after_opening)
    return _spaced_lead(text, lang, "openings", rules.opening, rules)


def operative_verb(text: str, lang: str) -> str:
    """The verb an operative paragraph starts with (``敦促``, ``Also decides``), or ``""``."""
    rules = RULES.get(lang, _NONE)
    if not language(lang).spaced:
        return _unspaced_lead(text, lang, "verbs", rules, "")
    return _spaced_lead(text, lang, "verbs", rules.verb, rules)


def listed(text: str, lang: str) -> bool:
    """Whether ``text`` opens with a phrase of the table (an opening or a verb), not only by
    the rule."""
    if not language(lang).spaced:
        rules = RULES.get(lang, _NONE)
        return bool(_unspaced_lead(text, lang, "openings", rules, "") or _unspaced_lead(text, lang, "verbs", rules, ""))
    return any(
        text.startswith(phrase) and not text[len(phrase):len(phrase) + 1].isalpha()
        for kind in KINDS for phrase in _index(lang, kind).get(_key(text, lang), ())
    )


def _spaced_lead(text: str, lang: str, kind: str, rule: re.Pattern[str] | None, rules: Rules) -> str:
    """The longest phrase of ``lang``'s table that ``text`` opens with, as a whole word, with
    its tail (``also``, ``with concern``); else what ``rule`` (the language's morphology) finds."""
    for phrase in _index(lang, kind).get(_key(text, lang), ()):
        if text.startswith(phrase) and not text[len(phrase):len(phrase) + 1].isalpha():
            return _with_tail(text, len(phrase), rules)
    match = rule.match(text) if rule is not None else None
    return _with_tail(text, match.end(), rules) if match else ""


def _with_tail(text: str, end: int, rules: Rules) -> str:
    tail = rules.tail.match(text, end) if rules.tail is not None else None
    return text[: tail.end() if tail else end]


def _unspaced_lead(text: str, lang: str, kind: str, rules: Rules, after: str) -> str:
    index = _index(lang, kind)
    for prefix in ("", *rules.prefixes):
        if not text.startswith(prefix):
            continue
        rest = text[len(prefix):]
        for word in index.get(rest[:1], ()):
            if rest.startswith(word):
                lead = prefix + word
                if after and text[len(lead):len(lead) + len(after)] == after:
                    lead += after
                return lead
    return ""
