"""Opening phrases and operative verbs: the table's entries, the rule, and the PDFs' italics."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from build_tools.collection import convert_file
from build_tools.meta import Meta
from build_tools.phrases import opening_phrase, operative_verb, table

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus-dev"
READERS = {"openings": opening_phrase, "verbs": operative_verb}


@pytest.mark.parametrize(("lang", "kind"), [(lang, kind) for lang in ("en", "zh") for kind in READERS])
def test_every_entry_is_read_from_its_example(lang: str, kind: str) -> None:
    entries = table()[lang][kind]
    assert entries
    for entry in entries:
        if entry.example is None:
            continue
        found = READERS[kind](entry.example, lang)
        assert found.startswith(entry.phrase), (entry.phrase, entry.example, found)


def test_every_english_entry_has_an_example_and_its_source() -> None:
    for kind in READERS:
        for entry in table()["en"][kind]:
            assert entry.example and entry.source and entry.count >= 1, entry


@pytest.mark.parametrize(("text", "expected"), [
    ("Recalling its resolution 77/96 of 7 December 2022,", "Recalling"),
    ("Noting with concern that undue restrictions persist,", "Noting with concern"),
    ("Welcoming also the report,", "Welcoming also"),
    ("Deeply disturbed by the reports,", "Deeply disturbed"),
    ("Solemnly proclaiming the principles,", "Solemnly proclaiming"),
    ("Mindful of the need,", "Mindful"),
    ("Having heard the statement,", "Having heard"),
    ("The situation remains grave,", ""),
])
def test_openings_from_the_table_and_the_rule(text: str, expected: str) -> None:
    assert opening_phrase(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Decides to include in the provisional agenda,", "Decides"),
    ("Calls upon all States to act;", "Calls upon"),
    ("Also decides to remain seized;", "Also decides"),
    ("Emphatically rejects the claim;", "Emphatically rejects"),
    ("Resolutely supports the process;", "Resolutely supports"),
    ("Exhorts all parties to act;", "Exhorts"),
    ("Further exhorts all parties;", "Further exhorts"),
    ("International cooperation is essential;", ""),
])
def test_verbs_from_the_table_and_the_rule(text: str, expected: str) -> None:
    assert operative_verb(text, "en") == expected


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus-dev is not here")
def test_the_text_reading_agrees_with_the_pdfs_italics(tmp_path: Path) -> None:
    """Where a PDF sets a paragraph's opening in italics, reading the same paragraph as
    plain text (as for a text extraction) finds the same phrase, nearly always."""
    agreements = []
    for pdf in sorted(CORPUS.glob("*.en.pdf"))[::8]:
        document = convert_file(pdf, "en", Meta("meta.yml"), "x", pdf.name).document
        preamble = {id(p) for p in document.preamble}
        for paragraph in document.paragraphs:
            if paragraph.level or not paragraph.opening or "annex" in paragraph.anchor:
                continue
            read = (opening_phrase if id(paragraph) in preamble else operative_verb)(paragraph.text, "en")
            agreements.append(read == paragraph.opening)
    assert len(agreements) > 1000
    assert statistics.mean(agreements) > 0.97, statistics.mean(agreements)


def test_a_language_without_rules_finds_only_the_phrases_of_its_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """English morphology (Recalling, Notes) and its tails (also, with concern) are English's
    rules: a language with no rules of its own gets none of them."""
    import dataclasses

    from build_tools import languages, phrases

    assert phrases.opening_phrase("Recalling also its resolution", "en") == "Recalling also"
    monkeypatch.setitem(languages._BY_CODE, "xx", dataclasses.replace(languages.language("en"), code="xx"))
    monkeypatch.setattr(phrases, "table", lambda: {"xx": {"openings": (phrases.Phrase("Rappelant", 0, None, None),),
                                                          "verbs": (phrases.Phrase("Décide", 0, None, None),)}})
    phrases._index.cache_clear()
    try:
        assert phrases.opening_phrase("Rappelant sa résolution", "xx") == "Rappelant"
        assert phrases.operative_verb("Décide également", "xx") == "Décide"
        assert phrases.opening_phrase("Recalling also its resolution", "xx") == ""
        assert phrases.operative_verb("Encourages all States", "xx") == ""
        assert phrases.opening_phrase("Rappelant also", "xx") == "Rappelant"  # no English tail
    finally:
        phrases._index.cache_clear()
