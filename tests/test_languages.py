"""The site languages, described once (build_tools/languages.py), and what asks them."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from conftest import ROOT

from build_tools import pages, states
from build_tools.languages import CODES, LANGUAGES, language
from build_tools.render import format_iso_date
from build_tools.symbols import UNSymbol


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV) read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_mkdocs_yml_lists_the_same_languages_in_the_same_order() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    (i18n,) = [plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin]
    listed = i18n["languages"]
    assert [entry["locale"] for entry in listed] == list(CODES)
    assert [entry["name"] for entry in listed] == [lang.name for lang in LANGUAGES]
    assert [entry.get("default", False) for entry in listed] == [True] + [False] * (len(listed) - 1)
    assert config["theme"]["language"] == CODES[0]


def test_every_table_of_languages_is_the_description() -> None:
    assert pages.LANGUAGES == CODES
    assert states.LANGS == CODES


def test_an_unknown_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"unsupported language 'fr'; expected one of \('zh', 'en'\)"):
        language("fr")
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        UNSymbol.parse("A/RES/76/234").url("fr")


@pytest.mark.parametrize(
    ("code", "url", "date"),
    [("zh", "https://undocs.org/ch/A/RES/76/234", "2024年12月2日"),
     ("en", "https://undocs.org/en/A/RES/76/234", "2 December 2024")],
)
def test_each_fact_of_a_language_is_used_where_it_is_needed(code: str, url: str, date: str) -> None:
    assert UNSymbol.parse("A/RES/76/234").url(code) == url
    assert format_iso_date("2024-12-02", code) == date
    assert language(code).code == code


def test_the_tables_schemas_ask_for_every_language() -> None:
    """A language added to the description is missing from the data until its names and labels
    are there: each table's schema requires them (and the shipped tables are valid)."""
    schemas = ROOT / "build_tools" / "data" / "schema"

    def schema(name: str) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
        return loaded

    assert set(CODES) <= set(schema("member_states")["items"]["required"])
    assert set(CODES) <= set(schema("treaties")["items"]["required"])
    assert set(schema("labels")["additionalProperties"]["required"]) == set(CODES)
    for name in ("member_states", "treaties"):
        described = schema(name)["items"]["properties"]
        assert set(CODES) <= set(described), name
