"""UN document symbols, parsed once into objects; links are built from the object."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .languages import language

# Series and bodies: A (General Assembly), S (Security Council), E (ECOSOC), ST (Secretariat),
# followed by slash-separated components such as C.1, 79, L.53, Rev.1, RES, Add.2, Corr.1,
# ES-11 and S-10 (emergency special and special sessions), 74B (a resolution's part) and
# 2117(2013) (a Security Council resolution; printed 2117 (2013) too).
SYMBOL_PATTERN = re.compile(
    r"(?<![A-Za-z0-9_/])(?:A|S|E|ST|T|UNEP|TD|CD|CCPR|CRC|HRC|DP|ICCD|NPT|BWC|CWC)"
    r"(?:/(?:E?S-\d{1,2}|[A-Z][a-z]{1,4}\.\d{1,3}|[A-Z]{1,6}(?:\.(?:\d{1,4}|[IVXL]{1,5}))?"
    r"|\d{1,4}[A-Z]?(?:\((?:[A-Z]+|\d{4})\)| \(\d{4}\))?))+(?![A-Za-z0-9])"
)


@dataclass(frozen=True, slots=True)
class UNSymbol:
    parts: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> UNSymbol:
        """Parse ``A/C.1/79/L.53/Rev.1``; raise ValueError if it is not a symbol."""
        cleaned = text.strip()
        match = SYMBOL_PATTERN.fullmatch(cleaned)
        if not match or "/" not in cleaned:
            raise ValueError(f"not a UN document symbol: {text!r}")
        return cls(tuple(cleaned.replace(" (", "(").split("/")))  # S/RES/2117 (2013) as printed

    @classmethod
    def resolution(cls, session: int | str, number: int | str, body: str = "A") -> UNSymbol:
        return cls((body, "RES", str(session), str(number)))

    def __str__(self) -> str:
        return "/".join(self.parts)

    @property
    def is_resolution(self) -> bool:
        return len(self.parts) > 1 and self.parts[1] == "RES"

    @property
    def session(self) -> int | None:
        """Session of a General Assembly symbol (``A/C.1/79/L.53`` → 79)."""
        if self.parts[0] != "A":
            return None
        for part in self.parts[1:]:
            if part.isdigit():
                return int(part)
        return None

    @property
    def slug(self) -> str:
        """``A/C.1/79/L.53/Rev.1`` → ``a-c-1-79-l-53-rev-1``: the content folder name."""
        return re.sub(r"[^a-z0-9]+", "-", str(self).lower()).strip("-")

    def url(self, lang: str) -> str:
        """The ODS link for ``lang`` (undocs.org prints ``/ch/`` for Chinese)."""
        return f"https://undocs.org/{language(lang).undocs}/{self}"


def symbol_from_url(url: str) -> UNSymbol | None:
    """The symbol an ``https://undocs.org/<lang>/<symbol>`` URL points at, if any."""
    match = re.fullmatch(r"https?://(?:www\.)?undocs\.org/(?:[a-z]{2}/)?(.+?)/?", url.strip())
    if not match:
        return None
    try:
        return UNSymbol.parse(match.group(1))
    except ValueError:
        return None
