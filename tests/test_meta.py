"""``meta.yml`` as an attacker or a careless editor writes it: every value of the wrong type,
aliases, deep nesting, a huge file; each a located error of a few words, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.diagnostics import DiagnosticError
from build_tools.meta import Meta, load_meta


def _bomb(levels: int) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, levels):
        name, previous = chr(ord("a") + index), chr(ord("a") + index - 1)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + f"\nsymbol_note: *{chr(ord('a') + levels - 1)}\n"


CASES = [
    ("kind: [x]\n", "meta.kind", 1, 7, "found a list"),
    ("kind: {a: 1}\n", "meta.kind", 1, 7, "found a mapping"),
    ("date: 2024-11-04 10:00:00\n", "meta.date", 1, 7, "found '2024-11-04 10:00:00'"),
    ("date: 20241104\n", "meta.date", 1, 7, "found '20241104'"),
    ("date: 2021-02-31\n", "meta.date", 1, 7, "found '2021-02-31'"),
    ("date: 0001-01-01\n", "meta.date", 1, 7, "found '0001-01-01'"),
    ("date: '2024-13-01'\n", "meta.date", 1, 7, "found '2024-13-01'"),
    ("symbol_note: [1, 2]\n", "meta.symbol_note", 1, 14, "found a list"),
    ("symbol_note: 12\n", "meta.symbol_note", 1, 14, "found '12'"),
    ('symbol_note: "a\\x01b"\n', "meta.symbol_note", 1, 14, "found control character '\\x01'"),
    ('symbol_note: "a\\uFFFEb"\n', "meta.symbol_note", 1, 14, "found the noncharacter U+FFFE"),
    ("symbol: 123\n", "meta.symbol", 1, 9, "found '123'"),
    ("symbol: [A/RES/1/1]\n", "meta.symbol", 1, 9, "found a list"),
    ("languages: [zh]\n", "meta.languages", 1, 12, "found a list"),
    ("languages: {zh: official, fr: official}\n", "meta.languages", 1, 27, "found the language 'fr'"),
    ("languages: {zh: [official]}\n", "meta.languages", 1, 17, "found the status a list"),
    ("symbol_note: " + "[" * 5000 + "]" * 5000 + "\n", "meta.too-deep", 1, 16, "nesting"),
    (_bomb(9), "meta.alias", 1, 4, "found an anchor or alias"),
    ("symbol: *alias\n", "meta.alias", 1, 9, "found an anchor or alias"),
    ("- a\n", "meta.not-mapping", 1, 1, "found a list"),
    ("kind: decision\nkind: resolution\n", "meta.duplicate-key", 2, 1, "found it a second time"),
    ("? [a]\n: b\n", "meta.unknown-key", 1, 3, "found unknown key a list"),
    ("zzzzz: 1\n", "meta.unknown-key", 1, 1, "found unknown key 'zzzzz'"),
    ("symbol: A/1\n\x07\n", "meta.yaml", 2, 1, "expected valid YAML"),
]


@pytest.mark.parametrize(("text", "code", "line", "col", "words"), CASES)
def test_bad_meta_is_a_located_error_of_a_few_words(tmp_path: Path, text: str, code: str, line: int, col: int,
                                                   words: str) -> None:
    path = tmp_path / "meta.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DiagnosticError) as raised:
        load_meta(path, "meta.yml")
    [problem] = raised.value.diagnostics
    assert (problem.code, problem.line, problem.col) == (code, line, col), str(problem)
    assert words in str(problem), str(problem)
    assert len(str(problem)) < 400


def test_empty_values_and_a_good_file(tmp_path: Path) -> None:
    path = tmp_path / "meta.yml"
    path.write_text("kind:\nsymbol_note:\n", encoding="utf-8")
    assert load_meta(path, "meta.yml") == (Meta("meta.yml"), ())
    path.write_text("symbol: A/RES/79/80\nkind: resolution\ndate: 2024-12-02\nsymbol_note: >-\n  Two\n  lines.\n"
                    "languages:\n  zh: official\n  en: unofficial-translation\n", encoding="utf-8")
    meta, found = load_meta(path, "meta.yml")
    assert found == ()
    assert meta == Meta("meta.yml", "A/RES/79/80", "Two lines.", "resolution", "2024-12-02",
                        {"zh": "official", "en": "unofficial-translation"})


def test_a_huge_meta_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "meta.yml"
    path.write_text("symbol_note: " + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(DiagnosticError) as raised:
        load_meta(path, "meta.yml")
    assert [d.code for d in raised.value.diagnostics] == ["read.too-large"]
    assert "expected a file of at most 64 KB, found a file of 195 KB" in str(raised.value)
