"""FRBR identifiers in the Akoma Ntoso naming convention, for the UN (``/akn/un/…``).

A work is named from its UN symbol, never from matched text::

    /akn/un/statement/<subtype>/unga/<date>/<number>     a General Assembly document
    /akn/un/doc/unga/<number>                            any other UN document it cites
    /akn/un/act/treaty/<number>                          a treaty
    /akn/int/doc/<number>                                a text of another organisation

* ``<subtype>`` is the document's kind (``resolution``, ``draftResolution``, …);
* ``unga`` (the General Assembly) is the author component of every ``A/…`` symbol but the
  Human Rights Council's (``A/HRC/…``); other series (``S/…``, ``E/…``) and those carry no
  author component;
* ``<date>`` is the ISO date of adoption or issue when it is known, and left out otherwise
  (the symbol alone identifies the work; no date is made up);
* ``<number>`` is the symbol in the site's slug form (``A/RES/76/234`` → ``a-res-76-234``);
* a treaty registered in the United Nations Treaty Series is numbered by its record
  (``unts-729-10485`` for vol. 729, No. 10485); others by the site's treaty id
  (``charter``).

An expression adds ``/<language>@`` (ISO 639-2: ``zho``, ``eng``); a manifestation adds
``/!main.xml``.
"""

from __future__ import annotations

import re
from typing import assert_never

from build_tools.languages import language
from build_tools.model import Document, Reference
from build_tools.symbols import UNSymbol
from build_tools.treaties import load_treaties

COUNTRY = "un"
EXTERNAL = "int"
"""The jurisdiction component of a text that no UN document symbol names (``/akn/int/doc/
iaea-gc-69-res-7``): another organisation's, not the UN's."""

SUBTYPES = {
    "resolution": "resolution",
    "decision": "decision",
    "draft-resolution": "draftResolution",
    "revised-draft-resolution": "revisedDraftResolution",
    "draft-decision": "draftDecision",
}
"""The model's document kinds as AKN document subtypes (``statement`` ``name`` attribute)."""

_UNTS = re.compile(r"UNTS (\d+)/(\d+)")


def subtype(kind: str) -> str:
    return SUBTYPES.get(kind, re.sub(r"-(\w)", lambda m: m.group(1).upper(), kind))


def symbol_work(symbol: str, doc_type: str, doc_subtype: str | None, date: str | None) -> str:
    """The work URI of a UN document known by its symbol."""
    try:
        parsed: UNSymbol | None = UNSymbol.parse(symbol)
    except ValueError:
        parsed = None
    number = parsed.slug if parsed else _slug(symbol)
    parts = ["", "akn", COUNTRY, doc_type]
    if doc_subtype:
        parts.append(doc_subtype)
    if parsed and parsed.parts[0] == "A" and parsed.parts[1:2] != ("HRC",):
        parts.append("unga")
    if date:
        parts.append(date)
    parts.append(number)
    return "/".join(parts)


def work_uri(document: Document) -> str:
    """``/akn/un/statement/revisedDraftResolution/unga/a-c-1-79-l-53-rev-1``"""
    date = document.adopted or document.date
    return symbol_work(document.symbol or document.slug, "statement", subtype(document.kind), date)


def expression_uri(document: Document) -> str:
    return f"{work_uri(document)}/{language(document.lang).iso639_2}@"


def manifestation_uri(document: Document) -> str:
    return f"{expression_uri(document)}/!main.xml"


def reference_href(reference: Reference) -> str:
    """The work URI a reference points at (the same for every language and citation form)."""
    kind = reference.kind
    if kind == "resolution" or kind == "decision":
        return symbol_work(reference.target, "statement", kind, reference.date)
    if kind == "document":
        return symbol_work(reference.target, "doc", None, reference.date)
    if kind == "external":
        return f"/akn/{EXTERNAL}/doc/{_slug(reference.target)}"
    if kind == "treaty" or kind == "treaty-series":
        return treaty_work(reference)
    assert_never(kind)


def treaty_work(reference: Reference) -> str:
    """A treaty or a Treaty Series citation: numbered by its UNTS record when it has one."""
    match = _UNTS.fullmatch(reference.target)
    if match:
        return f"/akn/{COUNTRY}/act/treaty/unts-{match.group(1)}-{match.group(2)}"
    registry = load_treaties()
    try:
        treaty = registry.by_id(reference.target)
    except KeyError:
        return f"/akn/{COUNTRY}/act/treaty/{_slug(reference.target)}"
    if treaty.unts is not None:
        return f"/akn/{COUNTRY}/act/treaty/unts-{treaty.unts.volume}-{treaty.unts.number}"
    return f"/akn/{COUNTRY}/act/treaty/{_slug(treaty.id)}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unknown"
