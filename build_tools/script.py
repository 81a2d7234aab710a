"""Character classes for Chinese text handling."""

from __future__ import annotations

import unicodedata


def is_cjk_or_fullwidth(char: str) -> bool:
    """Han ideographs, CJK punctuation (、。《》…) and full-width forms (，：；（）)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK symbols and punctuation
        or 0x3400 <= code <= 0x9FFF  # CJK unified ideographs (+ extension A)
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF  # half-width and full-width forms
        or 0x20000 <= code <= 0x3FFFF
        or (code in (0x2014, 0x2026, 0x201C, 0x201D, 0x2018, 0x2019, 0x00B7)
        and unicodedata.east_asian_width(char) in ("A", "W", "F"))
    )


def has_cjk(text: str) -> bool:
    return any(0x3400 <= ord(c) <= 0x9FFF for c in text)
