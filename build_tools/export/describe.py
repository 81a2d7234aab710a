"""One-line descriptions of a document from its metadata (page meta, Open Graph, feeds)."""

from __future__ import annotations

from build_tools.labels import label
from build_tools.languages import language
from build_tools.render import format_iso_date, session_name


def describe(
    *,
    lang: str,
    symbol: str,
    title: str,
    kind_label: str,
    session: int | None = None,
    committee: str | None = None,
    agenda_item: str | None = None,
    date: str | None = None,
) -> str:
    """``A/C.1/79/L.53/Rev.1 (revised draft resolution, Seventy-ninth session, First
    Committee, agenda item 106): Promoting …`` / ``A/C.1/79/L.53/Rev.1（订正决议草案，
    第七十九届会议，第一委员会，议程项目106）：在国际安全领域……``

    ``committee`` is the committee's name in ``lang``.
    """
    facts = [kind_label]
    if session:
        facts.append(session_name(session, lang))
    if committee:
        facts.append(committee)
    if agenda_item:
        facts.append(label("describe.agenda_item", lang).format(item=agenda_item))
    if date:
        facts.append(format_iso_date(date, lang))
    facts = [fact for fact in facts if fact]
    joined = language(lang).clause_separator.join(facts)
    return label("describe.line", lang).format(symbol=symbol, facts=joined, title=title)
