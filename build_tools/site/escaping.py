"""Autoescaping for the templates that print the model's text.

MkDocs' Jinja environment does not escape: Material's templates print ``page.content``
(HTML) as it is, and also ``page.meta.title`` and ``page.meta.description`` (text from
the document) in ``<title>``, ``<meta>`` attributes and the header. Every text of a page's
front matter reaches those places, so the project turns Jinja's autoescaping on for

* every template of the project's theme (``theme/``: the overrides of Material's
  partials and the project's own), and
* Material's ``base.html``, whose ``<head>`` prints the title, the description and the
  canonical URL (``SITE_URL``).

Within those templates every ``{{ … }}`` is escaped for HTML text and attribute values
(``&``, ``<``, ``>``, ``"`` and ``'``) unless it is already markup (``| safe``,
``| tojson``, the output of ``{% include %}``). The pages' HTML is printed by Material's
``partials/content.html``, which is not autoescaped. A theme template that prints HTML
from a variable marks it ``| safe``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

MATERIAL_TEMPLATES = frozenset({"base.html"})
"""Material's templates that are escaped too (they print page metadata)."""


def theme_templates(custom_dir: Path) -> frozenset[str]:
    """The template names the project's theme folder provides (``partials/header.html``)."""
    if not custom_dir.is_dir():
        return frozenset()
    return frozenset(path.relative_to(custom_dir).as_posix() for path in custom_dir.rglob("*.html"))


def autoescape_for(names: Iterable[str]) -> Callable[[str | None], bool]:
    """Jinja's ``autoescape`` setting: True for the templates ``names`` and
    :data:`MATERIAL_TEMPLATES`."""
    escaped = frozenset(names) | MATERIAL_TEMPLATES

    def autoescape(name: str | None) -> bool:
        return name in escaped

    return autoescape
