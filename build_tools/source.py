"""Reading an input file: bytes to text, with line numbers for messages.

Decoding is the only place that looks at bytes. Line endings (Windows ``\\r\\n``, old Mac
``\\r``) are normalised to ``\\n``: line numbers stay the same, and every later offset
refers to the normalised text.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .languages import language
from .reading import read_bytes

NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
"""Characters that are not text: controls (``\\f``, a page break, is allowed), lone
surrogates and the noncharacters U+FFFE, U+FFFF (which XML, and so the feeds and the Akoma
Ntoso export, cannot hold)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One decoded input file."""

    path: str
    """Path as shown in messages (relative to the project when possible)."""
    lang: str
    """``zh`` or ``en``: the language of the text, from the file name."""
    text: str
    encoding: str = "utf-8"
    warnings: tuple[Diagnostic, ...] = ()
    line_starts: tuple[int, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.line_starts:
            starts = [0, *(m.end() for m in re.finditer("\n", self.text))]
            object.__setattr__(self, "line_starts", tuple(starts))

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based ``(line, column)`` of a character offset."""
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def diagnostic(
        self,
        code: str,
        offset: int,
        expected: str,
        found: str,
        hint: str = "",
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        line, col = self.locate(offset)
        return Diagnostic(code, severity, self.path, line, col, expected, found, hint)


_ENCODING_NAMES = {"gb18030": "GB18030/GBK"}
"""How a warning names a legacy encoding: GB18030 decodes GBK (and GB2312) texts too."""


def decode(data: bytes, path: str, lang: str) -> Source:
    """Decode ``data``; raise :class:`DiagnosticError` for input that is not text."""

    def fail(code: str, expected: str, found: str, hint: str = "") -> DiagnosticError:
        return DiagnosticError([Diagnostic(code, Severity.ERROR, path, 1, 1, expected, found, hint)])

    if not data.strip():
        raise fail("read.empty", "the text of a document", "an empty file")
    if data.lstrip().startswith(b"%PDF-"):
        raise fail("read.binary", "a text file (UTF-8)", "a PDF file named .txt",
                   f"rename it to {lang}.pdf: the build reads official PDFs")
    encoding = "utf-8"
    warnings: list[Diagnostic] = []
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data[:4096]:
        raise fail(
            "read.binary",
            "a text file (UTF-8)",
            "binary data (NUL bytes)",
            "export the document as plain text, or put the PDF in as <lang>.pdf",
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        try:
            described = language(lang)
            legacy = described.legacy_encoding
            if legacy is None:
                raise UnicodeDecodeError("utf-8", data, 0, 1, "no other encoding in this language")
            text = data.decode(legacy)
            if not _mostly_in_script(text, described.script):
                raise UnicodeDecodeError(legacy, data, 0, 1, "not a text in the language's script")
        except UnicodeDecodeError:
            line = data[: error.start].count(b"\n") + 1
            line_start = data.rfind(b"\n", 0, error.start) + 1
            col = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
            raise DiagnosticError(
                [
                    Diagnostic(
                        "read.encoding", Severity.ERROR, path, line, col,
                        "UTF-8 text", f"bytes {data[error.start:error.start + 4]!r}",
                        "save the file as UTF-8" + _legacy_hint(data, error.start),
                    )
                ]
            ) from None
        encoding = legacy
        shown = _ENCODING_NAMES.get(legacy, legacy.upper())
        warnings.append(
            Diagnostic(
                "read.encoding", Severity.WARNING, path, 1, 1, "UTF-8 text",
                f"{shown}-encoded text (decoded as {legacy.upper()})", "save the file as UTF-8",
            )
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    source = Source(path, lang, text, encoding, ())
    bad = NOT_TEXT.search(text)
    if bad:
        raise DiagnosticError(
            [
                source.diagnostic(
                    "read.control-character", bad.start(), "printable text",
                    not_text(bad.group()),
                    "remove it; PDF tools sometimes leave form feeds or NULs",
                )
            ]
        )
    return Source(path, lang, text, encoding, tuple(warnings))


def not_text(char: str) -> str:
    """How a message names a character of :data:`NOT_TEXT`."""
    if "\ud800" <= char <= "\udfff":
        return f"a lone surrogate {shorten(char)}"
    if ord(char) < 0xA0:
        return f"control character {shorten(char)}"
    return f"the noncharacter U+{ord(char):04X}"


def _legacy_hint(data: bytes, start: int) -> str:
    """``; it reads as Windows-1252/Latin-1 text: 'Cafés'`` when the line around ``start`` does."""
    line_start = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", start)
    line = data[line_start: end if end != -1 else len(data)]
    if len(line) > 60:
        line = data[max(line_start, start - 25): start + 25]
    try:
        shown = line.decode("cp1252").strip()
    except UnicodeDecodeError:
        return ""
    return f"; it reads as Windows-1252/Latin-1 text: {shorten(shown, 60)}"


def _mostly_in_script(text: str, script: str) -> bool:
    """Whether text decoded in a legacy encoding reads as the language's script (any bytes
    decode as GB18030): nine in ten of its non-ASCII characters are in ``script``."""
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not letters or not script:
        return False
    in_script = re.compile(script)
    return sum(1 for c in letters if in_script.fullmatch(c)) / len(letters) > 0.9


def read_source(path: Path, lang: str, display: str | None = None) -> Source:
    """The decoded text of the file at ``path`` (a bounded read: :mod:`build_tools.reading`)."""
    return decode(read_bytes(path, display or str(path), "text"), display or str(path), lang)
