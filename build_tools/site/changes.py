"""Python-Markdown extension: changes marked on comparison pages (``markdown_extensions``).

``{++text++}`` becomes ``<ins class="un-ins">text</ins>`` and ``{--text--}`` becomes
``<del class="un-del">text</del>`` (CriticMarkup's insertion and deletion marks), so that the
generated Markdown has no raw HTML. Document text can never produce these marks: the
converter escapes every ``{`` and ``}`` (:func:`build_tools.dialect.escape`), and this
pattern runs after Python-Markdown's backslash escapes (priority 180) have taken escaped
braces out of its way. No other syntax is added: text with ``~~``, ``^^`` or ``==`` stays
text (tests/test_versions.py proves both).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown  # type: ignore[import-untyped]
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.inlinepatterns import InlineProcessor  # type: ignore[import-untyped]

from build_tools.dialect import DELETE, INSERT

PRIORITY = 175
"""After ``escape`` (180), before links (160)."""


class _Change(InlineProcessor):  # type: ignore[misc]
    def __init__(self, pattern: str, tag: str, css: str, md: Markdown) -> None:
        super().__init__(pattern, md)
        self.tag = tag
        self.css = css

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        element = etree.Element(self.tag)
        element.set("class", self.css)
        element.text = m.group(1)
        return element, m.start(0), m.end(0)


class ChangesExtension(Extension):  # type: ignore[misc]
    def extendMarkdown(self, md: Markdown) -> None:
        md.inlinePatterns.register(_Change(_between(INSERT), "ins", "un-ins", md), "un_ins", PRIORITY)
        md.inlinePatterns.register(_Change(_between(DELETE), "del", "un-del", md), "un_del", PRIORITY - 1)


def _between(marks: tuple[str, str]) -> str:
    """The pattern of a text between the marks the writer puts around it (:mod:`build_tools.dialect`)."""
    return re.escape(marks[0]) + "(.+?)" + re.escape(marks[1])


def makeExtension(**kwargs: Any) -> ChangesExtension:
    return ChangesExtension(**kwargs)
