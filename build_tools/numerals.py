"""Numbers as the documents print them: sessions (第七十九届会议, Seventy-ninth session) and
the Roman numerals of sections and annexes (II, 二)."""

from __future__ import annotations

import re

_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN_ORDINAL = {"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9,
               "twelfth": 12}


def zh_number(text: str) -> int:
    """``七十九`` → 79, ``一百零五`` → 105, ``十一`` → 11; ValueError otherwise."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in _ZH_DIGITS and c not in _ZH_UNITS for c in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, digit = 0, None
    for char in text:
        if char in _ZH_DIGITS:
            digit = _ZH_DIGITS[char]
        else:
            total += (1 if digit is None else digit) * _ZH_UNITS[char]
            digit = None
    return total + (digit or 0)


def _en_cardinal(word: str) -> int:
    word = word.lower()
    if word in _EN_UNITS:
        return _EN_UNITS.index(word)
    if word in _EN_TENS:
        return 20 + 10 * _EN_TENS.index(word)
    raise ValueError(word)


def en_ordinal(text: str) -> int:
    """``Seventy-ninth`` → 79, ``First`` → 1, ``Eightieth`` → 80; ValueError otherwise."""
    words = re.split(r"[-\s]+", text.strip().lower())
    last = words[-1]
    if last in _EN_ORDINAL:
        value = _EN_ORDINAL[last]
    elif last.endswith("ieth"):
        value = _en_cardinal(last[:-4] + "y")
    elif last.endswith("th"):
        value = _en_cardinal(last[:-2])
    else:
        raise ValueError(f"not an English ordinal: {text!r}")
    if len(words) == 2:
        value += _en_cardinal(words[0])
    elif len(words) > 2:
        raise ValueError(f"not an English ordinal: {text!r}")
    return value


def to_zh(number: int) -> str:
    """79 → ``七十九``, 105 → ``一百零五``, 10 → ``十``."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number < 20:
        return "十" + (digits[number % 10] if number % 10 else "")
    if number < 100:
        return digits[number // 10] + "十" + (digits[number % 10] if number % 10 else "")
    rest = number % 100
    head = digits[number // 100] + "百"
    if not rest:
        return head
    return head + ("零" + digits[rest] if rest < 10 else ("一" + to_zh(rest) if rest < 20 else to_zh(rest)))


def to_en_ordinal(number: int) -> str:
    """79 → ``Seventy-ninth``; 80 → ``Eightieth``; 1 → ``First``."""
    special = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth",
               12: "twelfth"}

    def ordinal(n: int) -> str:
        if n in special:
            return special[n]
        if n < 20:
            return _EN_UNITS[n] + "th"
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _EN_TENS[tens - 2][:-1] + "ieth"
        return f"{_EN_TENS[tens - 2]}-{ordinal(unit)}"

    if number >= 100:
        hundreds, rest = divmod(number, 100)
        words = f"{_EN_UNITS[hundreds]} hundred" + (f" and {ordinal(rest)}" if rest else "th")
    else:
        words = ordinal(number)
    return words[0].upper() + words[1:]


def roman_value(text: str) -> int:
    """``ii`` → 2, ``xiv`` → 14 (either case); ValueError for any other text."""
    try:
        values = [_ROMAN[c] for c in text.lower()]
    except KeyError:
        raise ValueError(f"not a Roman numeral: {text!r}") from None
    if not values:
        raise ValueError("not a Roman numeral: ''")
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
