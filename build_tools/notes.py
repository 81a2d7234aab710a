"""Editorial notes: a sidecar file per language, one note per paragraph anchor.

``content/resolutions/<slug>/notes.<lang>.md`` holds what an editor says about the text,
never the text itself (see ``docs/content-format.md``)::

    # Notes on A/C.1/79/L.53/Rev.1      (optional title line, ignored)

    ## pp21

    The report referred to is [A/77/96](https://undocs.org/en/A/77/96).

A line ``## <anchor>`` starts the note on that paragraph; the note runs to the next such
line. The page shows each note under its paragraph, labelled as an editor's note.

The note's Markdown is copied into the page, which Python-Markdown renders with
``attr_list``, ``footnotes`` and raw HTML enabled. So a note may only use a safe subset:
paragraphs, lists, quotes, emphasis, inline code, tables and links to ``https:`` addresses
or to paragraphs of the same page (``#op2``). Raw HTML, images, footnotes, headings,
attribute lists (``{: … }``), admonitions and code fences are errors, located at their
line, and so is an anchor the document does not have (with the nearest anchors as hint).
Each note is checked line by line and with markdown-it; then all the notes of the page are
rendered together as the page renders them (:mod:`build_tools.notes_html`), since a link in
one note can take its address from a definition in another.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from . import dialect as md
from .diagnostics import Diagnostic, DiagnosticError, Severity, shorten
from .notes_html import rendered_problems
from .reading import read_bytes
from .source import NOT_TEXT as _NOT_TEXT
from .source import not_text
from .verify import accept_every_link, markdown_parser

_SECTION = re.compile(r"^##(?!#)[ \t]*(?P<key>.*?)[ \t]*#*[ \t]*$")
_TITLE = re.compile(r"^#(?!#)[ \t]+\S")
_ANCHOR = re.compile(r"(?:pp|op)\d+(?:[a-z]{1,2}(?:-[ivxlc]+)?)?")
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!")
"""What a backslash escapes in Python-Markdown (CommonMark escapes more, e.g. ``<``)."""
_SETEXT = re.compile(r" {0,3}(?:=+|-+)\s*")
_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(?P<url>\S*)")
_SAFE_URL = re.compile(r"https://\S+|#[\w-]+")


@dataclass(frozen=True, slots=True)
class Note:
    """One editorial note on one paragraph."""

    anchor: str
    """The paragraph it is about: ``pp21``, ``op3a``."""
    markdown: str
    """The note's body as written (checked: only the safe subset), without surrounding blank lines."""
    line: int
    """Line of the ``## anchor`` heading in the notes file."""


def notes_file_name(lang: str) -> str:
    """The file name of the notes in ``lang``: ``notes.zh.md``."""
    return f"notes.{lang}.md"


def load_notes(path: Path, shown: str, anchors: Sequence[str]) -> tuple[tuple[Note, ...], tuple[Diagnostic, ...]]:
    """The notes in ``path`` (none when it does not exist) and every problem found in them.

    ``anchors`` are the paragraph anchors of the text the notes are shown with, in order.
    Notes with problems are dropped; every problem is an error.
    """
    if not os.path.lexists(path):
        return (), ()
    try:
        data = read_bytes(path, shown, "notes")
    except DiagnosticError as error:
        return (), error.diagnostics
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return (), (Diagnostic("notes.unreadable", Severity.ERROR, shown, line, 1, "a UTF-8 text file",
                               f"bytes {data[error.start:error.start + 4]!r}", "save the file as UTF-8"),)
    bad = _NOT_TEXT.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        return (), (Diagnostic("notes.control-character", Severity.ERROR, shown, line, col, "printable text",
                               not_text(bad.group()), "remove it"),)
    return parse_notes(text, shown, anchors)


def parse_notes(text: str, shown: str, anchors: Sequence[str]) -> tuple[tuple[Note, ...], tuple[Diagnostic, ...]]:
    """Split ``text`` into notes and check each (see :func:`load_notes`)."""
    problems: list[Diagnostic] = []
    notes: list[Note] = []
    seen: dict[str, int] = {}
    for key, line, body, body_line in _sections(text, shown, problems):
        found = _check_key(key, line, shown, anchors, seen)
        found += check_note_markdown(body, shown, body_line, anchors)
        if not body.strip():
            found.append(_error("notes.empty", shown, line, 1, f"the text of the note on {key}",
                                "nothing before the next note", "write the note or remove its heading"))
        problems += found
        if not found:
            notes.append(Note(key, body.strip("\n"), line))
        seen.setdefault(key, line)
    rendered = _check_rendered(notes, text, shown, anchors)
    if rendered:
        return (), (*problems, *rendered)
    return tuple(notes), tuple(problems)


def _check_rendered(notes: Sequence[Note], text: str, shown: str, anchors: Sequence[str]) -> list[Diagnostic]:
    """The notes as the page renders them, all together (:mod:`build_tools.notes_html`): a
    link may take its address from a definition in another note."""
    if not notes:
        return []
    page = "\n\n".join(note_markdown(note, "-") for note in notes)
    lines = text.split("\n")
    problems = []
    for found in rendered_problems(page, anchors):
        note = notes[min(found.note, len(notes) - 1)]
        line, col = _find_in_file(lines, found.found, note.line)
        if found.kind == "link":
            problems.append(_error("notes.link", shown, line, col, "a link to an https: address or to #anchor",
                                   shorten(found.found),
                                   "a link definition ([name]: address) serves every note of the page; "
                                   "only https:// links and links to paragraphs (#op2) are allowed"))
        else:
            problems.append(_error("notes.raw-html", shown, line, col, "Markdown of the safe subset",
                                   f"Markdown that renders as {shorten(found.found)}",
                                   "see the safe subset in docs/content-format.md"))
    return problems


def _find_in_file(lines: Sequence[str], needle: str, fallback: int) -> tuple[int, int]:
    """The 1-based line and column of ``needle`` in the notes file (a definition's address
    stands where it is written), else the line ``fallback``."""
    for number, line in enumerate(lines, 1):
        column = line.find(needle) if needle else -1
        if column != -1:
            return number, column + 1
    return fallback, 1


def _sections(text: str, shown: str, problems: list[Diagnostic]) -> Iterator[tuple[str, int, str, int]]:
    """``(key, line, body, first line of body)`` per ``## key`` section."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines) if _SECTION.match(line)]
    lead = lines[: starts[0]] if starts else lines
    titled = False
    for number, line in enumerate(lead, 1):
        if not line.strip():
            continue
        if _TITLE.match(line) and not titled:
            titled = True
            continue
        problems.append(_error("notes.outside", shown, number, 1, "a line '## <anchor>' before the first note",
                               shorten(line), "a note starts with '## pp1' (the anchor of its paragraph)"))
        break
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        match = _SECTION.match(lines[start])
        assert match is not None
        yield match["key"], start + 1, "\n".join(lines[start + 1:end]), start + 2


def _check_key(key: str, line: int, shown: str, anchors: Sequence[str], seen: dict[str, int]) -> list[Diagnostic]:
    if key in seen:
        return [_error("notes.duplicate", shown, line, 4, f"one note per paragraph ({key} has one on line {seen[key]})",
                       f"a second note on {key}", "merge the two notes")]
    if key in anchors:
        return []
    if not _ANCHOR.fullmatch(key):
        return [_error("notes.anchor", shown, line, 4, "one paragraph anchor (pp1…, op1…, op3a) after '##'",
                       shorten(key), _nearest_hint(key, anchors))]
    return [_error("notes.anchor", shown, line, 4, "the anchor of a paragraph of this document",
                   f"{key}, which the document does not have", _nearest_hint(key, anchors))]


def nearest_anchors(key: str, anchors: Sequence[str]) -> list[str]:
    """The anchors next to where ``key`` would stand in document order, else similar ones."""
    order = [_sort_key(anchor) for anchor in anchors]
    wanted = _sort_key(key)
    if wanted is not None and all(k is not None for k in order):
        position = sum(1 for k in order if k is not None and k < wanted)
        return list(anchors[max(position - 1, 0): position + 1])
    return difflib.get_close_matches(key, list(anchors), n=2, cutoff=0.3)


def _sort_key(anchor: str) -> tuple[int, int, str, int] | None:
    match = re.fullmatch(r"(pp|op)(\d+)([a-z]*)(?:-([ivxlc]+))?", anchor)
    if not match:
        return None
    part = 0 if match[1] == "pp" else 1
    return part, int(match[2]), match[3], _roman(match[4] or "")


def _roman(text: str) -> int:
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for index, char in enumerate(text):
        value = values[char]
        later = values[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < later else value
    return total


def _nearest_hint(key: str, anchors: Sequence[str]) -> str:
    near = nearest_anchors(key, anchors)
    if not near:
        return "the document has no paragraph anchors"
    return "nearest anchors: " + ", ".join(near)


def _error(code: str, shown: str, line: int, col: int, expected: str, found: str, hint: str = "") -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, shown, line, col, expected, found, hint)


# ---- the safe subset ---------------------------------------------------------------------


def check_note_markdown(body: str, shown: str, first_line: int, anchors: Sequence[str]) -> list[Diagnostic]:
    """Problems in a note's Markdown; ``first_line`` is the file line of its first line."""
    problems: list[Diagnostic] = []
    previous = ""
    for offset, line in enumerate(body.split("\n")):
        if previous.strip() and _SETEXT.fullmatch(line):
            problems.append(_error("notes.heading", shown, first_line + offset, 1, "no headings inside a note",
                                   f"{shorten(line)} under a line (a heading)",
                                   "leave a blank line before a rule, or remove the line"))
        else:
            problems += _check_line(line, shown, first_line + offset, anchors)
        previous = line
    # The parser locates inline problems at their block's first line only: it reports what
    # the line scan missed (a heading, a link to a missing anchor), not what it found again.
    found = {problem.code for problem in problems}
    problems += [p for p in _check_tokens(body, shown, first_line, anchors) if p.code not in found]
    unique: dict[tuple[str, int], Diagnostic] = {}
    for problem in problems:
        unique.setdefault((problem.code, problem.line), problem)
    return sorted(unique.values(), key=lambda d: (d.line, d.col))


_LINE_RULES = (
    # (code, pattern on the line without its escapes, expected, hint)
    # Python-Markdown makes a heading of '#x' too (CommonMark needs '# x').
    # Also inside quotes, list items and definitions: '- #x', '> #x'.
    ("notes.heading", re.compile(r"^\s*(?:(?:>|[-*+]\s|\d+[.)]\s|:\s)\s*)*#"), "no headings inside a note",
     "a line '## <anchor>' starts the next note; write '\\#' for a literal '#'"),
    # A definition would take the label of the note (or the paragraph before it) as its term.
    ("notes.definition-list", re.compile(r"^\s*(?:(?:>|[-*+]\s|\d+[.)]\s)\s*)*:\s"),
     "no definition lists in a note", "do not start a line with ': '"),
    ("notes.raw-html", re.compile(r"<(?!https://[^\s<>]*>)[A-Za-z/!?]"), "Markdown text without raw HTML",
     "write '&lt;' for a literal '<'"),
    ("notes.attribute-list", re.compile(r"\{"), "text without attribute lists",
     "write '\\{' for a literal brace"),
    ("notes.image", re.compile(r"!\["), "no images (the site loads nothing from elsewhere)",
     "link to the image instead"),
    ("notes.footnote", re.compile(r"\[\^"), "no footnotes in a note", "put the reference in the note's text"),
)
_INLINE_LINK = re.compile(r"\]\(\s*<?(?P<url>[^\s<>)]*)>?(?P<after>.*)")
_LINK_END = re.compile(r"\)|\s+[\"'(]")


def _check_line(line: str, shown: str, number: int, anchors: Sequence[str]) -> list[Diagnostic]:
    if _FENCE.match(line):
        return [_error("notes.code-fence", shown, number, 1, "no fenced code (Python-Markdown does not read it)",
                       shorten(line), "indent code by four spaces")]
    definition = _REFERENCE_DEFINITION.match(line)
    if definition and not _SAFE_URL.fullmatch(definition["url"]):
        return [_error("notes.link", shown, number, 1, "a link to an https: address or to #anchor",
                       shorten(definition["url"]), "only https:// links and links to paragraphs are allowed")]
    visible = unescaped(line)
    for code, pattern, expected, hint in _LINE_RULES:
        match = pattern.search(visible)
        if match:
            found = shorten(line[match.start():match.start() + 30])
            return [_error(code, shown, number, match.start() + 1, expected, found, hint)]
    for link in _INLINE_LINK.finditer(visible):
        url, after = link["url"], link["after"]
        target_ok = bool(_SAFE_URL.fullmatch(url)) and (not url.startswith("#") or url[1:] in anchors)
        if not target_ok or not _LINK_END.match(after):
            return [_error("notes.link", shown, number, link.start("url") + 1,
                           "a link to an https: address or to a paragraph (#op2), then ')'",
                           shorten(line[link.start():link.start() + 40]),
                           "only https:// links and links to paragraphs of this document are allowed")]
    return []


def unescaped(line: str) -> str:
    """``line`` with Python-Markdown's backslash escapes blanked out (same length).

    Only what Python-Markdown escapes counts (``\\<b>`` is still a tag there). Code spans
    get no exemption: Python-Markdown and CommonMark pair backticks differently (a run may
    close on a shorter one, across lines), so markup characters are refused in code too.
    """
    out = list(line)
    index = 0
    while index < len(line) - 1:
        if line[index] == "\\" and line[index + 1] in _ESCAPABLE:
            out[index] = out[index + 1] = " "
            index += 2
            continue
        index += 1
    return "".join(out)


def _check_tokens(body: str, shown: str, first_line: int, anchors: Sequence[str]) -> list[Diagnostic]:
    """What the verify parser (markdown-it, every link accepted) finds in the note."""
    md = markdown_parser()
    md.validateLink = accept_every_link  # type: ignore[method-assign]  # see javascript: links too
    tokens = md.parse(body, {})
    problems: list[Diagnostic] = []
    lines = body.split("\n")
    block = 0
    for token in _walk(tokens):
        if token.map:
            block = token.map[0]
        problem = _token_problem(token, anchors)
        if problem:
            code, expected, found, hint = problem
            line, col = _locate(lines, block, str(token.attrGet("href") or "") if token.type == "link_open" else "")
            problems.append(_error(code, shown, first_line + line, col, expected, found, hint))
    return problems


def _locate(lines: Sequence[str], block: int, needle: str) -> tuple[int, int]:
    """The 0-based line and 1-based column of ``needle`` from line ``block`` on (else the block)."""
    if needle:
        for index in range(block, len(lines)):
            column = lines[index].find(needle)
            if column != -1:
                return index, column + 1
    return block, 1


def _token_problem(token: Token, anchors: Sequence[str]) -> tuple[str, str, str, str] | None:
    kind = token.type
    if kind in ("html_inline", "html_block"):
        return ("notes.raw-html", "Markdown text without raw HTML", shorten(token.content.strip()),
                "write '&lt;' for a literal '<'")
    if kind == "image":
        return ("notes.image", "no images", shorten(str(token.attrGet("src"))), "link to the image instead")
    if kind in ("footnote_ref", "footnote_block_open"):
        return ("notes.footnote", "no footnotes in a note", "a footnote", "put the reference in the note's text")
    if kind == "heading_open":
        return ("notes.heading", "no headings inside a note", f"a heading ({token.markup})",
                "a line '## <anchor>' starts the next note; use **bold** for emphasis")
    if kind.startswith("admonition"):
        return ("notes.admonition", "no admonitions inside a note", "'!!!'", "write the text as a paragraph")
    if kind == "fence":
        return ("notes.code-fence", "no fenced code", token.markup, "indent code by four spaces")
    if kind == "link_open":
        href = str(token.attrGet("href") or "")
        if href.startswith("#") and href[1:] in anchors:
            return None
        if href.startswith("#"):
            return ("notes.link", "a link to a paragraph of this document", href,
                    _nearest_hint(href[1:], anchors))
        if not _SAFE_URL.fullmatch(href):
            return ("notes.link", "a link to an https: address or to #anchor", shorten(href),
                    "only https:// links and links to paragraphs (#op2) are allowed")
    return None


def _walk(tokens: Sequence[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def note_markdown(note: Note, title: str) -> str:
    """The note as an admonition block of class ``un-note`` for the page's Markdown."""
    return md.admonition_block("un-note", title, note.markdown)
