"""The YAML data tables: each valid against its JSON Schema, a bad entry named by line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT

from build_tools import treaties
from build_tools.cli import main
from build_tools.datafile import SCHEMAS, TableError, load_table
from build_tools.site import search_names

DATA = SCHEMAS.parent
EXPORT_SCHEMAS = {"document"}
"""Schemas of what the site publishes, not of a table (build_tools.export.model_json)."""


def test_every_table_has_a_schema_and_every_schema_a_table() -> None:
    tables = {path.stem for path in DATA.glob("*.yml")}
    schemas = {path.name.removesuffix(".schema.json") for path in SCHEMAS.glob("*.schema.json")}
    assert tables, "no tables found"
    assert schemas - EXPORT_SCHEMAS == tables


@pytest.mark.parametrize("table", sorted(path.stem for path in DATA.glob("*.yml")))
def test_the_shipped_table_is_valid(table: str) -> None:
    schema = json.loads((SCHEMAS / f"{table}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    data = load_table(DATA / f"{table}.yml", table)
    assert data == yaml.safe_load((DATA / f"{table}.yml").read_text(encoding="utf-8"))


def _table(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "table.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("schema", "text", "message"),
    [
        # block style: the line of the value itself
        ("treaties", "- id: a\n  en: A\n  zh: 甲\n  unts:\n    volume: 1\n    number: -2\n",
         ":6:13: entry 1 (a), unts.number: -2 is less than the minimum of 1; expected a positive integer"),
        ("member_states", "# States\n\n- code: NO\n  alpha3: NOR\n  status: member\n  en: Norway\n  zh: 挪威\n",
         ":3:9: entry 1 (Norway), code: False is not of type 'string'; expected two capital letters"),
        # a missing key: the line of the mapping that lacks it
        ("labels", "symbol: {zh: 文号, en: Symbol}\nkind:\n  zh: 文件类型\n",
         ":3:3: kind: 'en' is a required property; expected the label in every site language"),
        ("labels", "symbol: {zh: 文号, en: Symbol, french: Cote}\n",
         ":1:9: symbol: Additional properties are not allowed ('french' was unexpected); allowed: zh, en, "
         "or the code of another language"),
        ("phrases", "en:\n  openings:\n    - {phrase: Recalling, example: Recalling its resolution}\n  verbs: []\n",
         ":3:7: en.openings.0: 'source' is a dependency of 'example'"),
        ("phrases", "en:\n  openings: []\n",
         ":2:3: en: 'verbs' is a required property; expected {openings: [...], verbs: [...]}"),
        ("search_names", "- state: GB\n  en: [UK]\n- body: iaea\n  en: [International Atomic Energy Agency]\n",
         ":3:3: entry 2 (iaea), 'zh' is a required property; expected a body with names in every language"),
        ("search_names", "- {state: GB, body: uk, en: [UK], zh: [英国]}\n",
         ":1:3: entry 1 (GB), expected exactly one of 'state', 'body', 'not_names', 'joined_words'"),
        ("search_names", "- {state: FR, abbreviations: [FR]}\n",
         ":1:3: entry 1 (FR), 'body' is a required property; expected abbreviations only for a body"),
        ("treaties", "- id: a\n  en: A\n  zh: [甲\n", ":4:1: not valid YAML: while parsing a flow sequence"),
        ("treaties", "{id: a}\n", ":1:1: {'id': 'a'} is not of type 'array'; expected a list of treaties"),
    ],
)
def test_a_bad_entry_is_named_by_file_line_and_column(
    tmp_path: Path, schema: str, text: str, message: str
) -> None:
    path = _table(tmp_path, text)
    with pytest.raises(TableError) as raised:
        load_table(path, schema, lambda entry: entry.get("id") or entry.get("state") or entry.get("body")
                   or entry.get("en"))
    assert str(raised.value).startswith(str(path) + ":")
    assert message in str(raised.value)


def test_what_a_schema_cannot_say_is_named_by_entry(tmp_path: Path) -> None:
    path = _table(tmp_path, "- {state: GB, en: [UK]}\n- {state: XX, en: [Nowhere]}\n")
    with pytest.raises(TableError, match=r"table\.yml: entry 2 \(XX\): no Member or observer State has the code 'XX'"):
        search_names.entries(path)


def test_a_broken_table_stops_the_build_with_its_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An editor who adds a treaty and types its volume in quotes reads where, not a traceback."""
    broken = tmp_path / "treaties.yml"
    text = (DATA / "treaties.yml").read_text(encoding="utf-8")
    assert text.count("unts: {volume: 2056, number: 35597}") == 1
    broken.write_text(text.replace("unts: {volume: 2056, number: 35597}", 'unts: {volume: "2056", number: 35597}'),
                      encoding="utf-8")
    line = text[: text.index("unts: {volume: 2056")].count("\n") + 1
    monkeypatch.setattr(treaties, "_FILE", broken)
    # An edited table is a new code version (build_tools/data/ is part of it): nothing is
    # taken from the build's cache, which knows nothing of a table moved by the test.
    monkeypatch.setenv("UNRES_CACHE", "off")
    treaties.load_treaties.cache_clear()
    try:
        status = main(["check", "--content", str(ROOT / "content")])
    finally:
        treaties.load_treaties.cache_clear()
    err = capsys.readouterr().err
    assert status == 2
    assert f"{broken}:{line}:18: error [data.table] entry 1 (apmbc), unts.volume: '2056' is not of type" in err
    assert "Traceback" not in err


# ---- supplements: a language's entries from a folder of its own ----------------------------


@pytest.fixture
def supplements(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of supplements, added for this test only."""
    from build_tools import datafile

    monkeypatch.setattr(datafile, "_SUPPLEMENTS", [])
    folder = tmp_path / "fr-data"
    folder.mkdir()
    datafile.add_supplements(folder)
    return folder


def _tables(tmp_path: Path, name: str, table: str, supplement: str, folder: Path) -> Path:
    (tmp_path / "tables").mkdir(exist_ok=True)
    path = tmp_path / "tables" / name
    path.write_text(table, encoding="utf-8")
    (folder / name).write_text(supplement, encoding="utf-8")
    return path


def test_a_supplement_adds_its_language_s_values_to_each_entry(tmp_path: Path, supplements: Path) -> None:
    labels = _tables(tmp_path, "labels.yml", "symbol: {zh: 文号, en: Symbol}\nkind: {zh: 类型, en: Kind}\n",
                     "symbol: {fr: Cote}\nkind: {fr: Type}\nlanguage.fr: {zh: 法文, en: French, fr: français}\n",
                     supplements)
    assert load_table(labels, "labels") == {"symbol": {"zh": "文号", "en": "Symbol", "fr": "Cote"},
                                            "kind": {"zh": "类型", "en": "Kind", "fr": "Type"},
                                            "language.fr": {"zh": "法文", "en": "French", "fr": "français"}}
    states = _tables(tmp_path, "member_states.yml",
                     '- {code: "CL", alpha3: CHL, status: member, en: Chile, zh: 智利}\n'
                     '- {code: "NO", alpha3: NOR, status: member, en: Norway, zh: 挪威, aliases: {en: [Norge]}}\n',
                     '- {code: "NO", fr: Norvège, aliases: {fr: [Norge]}}\n', supplements)
    assert load_table(states, "member_states") == [
        {"code": "CL", "alpha3": "CHL", "status": "member", "en": "Chile", "zh": "智利"},
        {"code": "NO", "alpha3": "NOR", "status": "member", "en": "Norway", "zh": "挪威",
         "aliases": {"en": ["Norge"], "fr": ["Norge"]}, "fr": "Norvège"}]


@pytest.mark.parametrize(
    ("supplement", "message"),
    [
        ('- {code: "XX", fr: Nulle part}\n',
         "fr-data/member_states.yml: entry 1: expected one of id, code, state, body, not_names, joined_words "
         "naming an entry"),
        ('- {code: "NO", en: Norge}\n',
         "fr-data/member_states.yml: 'Norge': the table already has 'Norway' there; a supplement only adds values"),
        ('- {code: "NO", fr: " Norvège"}\n', "fr-data/member_states.yml: entry 1, fr: ' Norvège' does not match"),
        ("- {code: [NO\n", "fr-data/member_states.yml: not valid YAML"),
    ],
)
def test_a_supplement_that_changes_or_misses_the_table_is_named(
    tmp_path: Path, supplements: Path, supplement: str, message: str
) -> None:
    table = '- {code: "NO", alpha3: NOR, status: member, en: Norway, zh: 挪威}\n'
    states = _tables(tmp_path, "member_states.yml", table, supplement, supplements)
    with pytest.raises(TableError) as raised:
        load_table(states, "member_states")
    assert message in str(raised.value)


def test_a_data_file_is_the_package_s_unless_only_a_supplement_has_it(supplements: Path) -> None:
    from build_tools.datafile import add_supplements, data_file

    (supplements / "about").mkdir()
    for name in ("en.md", "fr.md"):
        (supplements / "about" / name).write_text("# x\n", encoding="utf-8")
    assert data_file("about/en.md") == DATA / "about" / "en.md"
    assert data_file("about/fr.md") == supplements / "about" / "fr.md"
    assert not data_file("about/de.md").exists()
    with pytest.raises(ValueError, match="expected a folder of data tables"):
        add_supplements(supplements / "missing")
