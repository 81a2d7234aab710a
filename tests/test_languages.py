"""The site languages, described once (build_tools/languages.py), and what asks them."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT

from build_tools import lexicon
from build_tools.languages import (
    DEFAULT_SITE,
    DESCRIBED,
    language,
    mkdocs_languages,
    set_site_languages,
    site_languages,
    using_site_languages,
)
from build_tools.render import format_iso_date
from build_tools.symbols import UNSymbol


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's own tags (!ENV) read as plain values."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_mkdocs_yml_lists_the_same_languages_in_the_same_order() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    (i18n,) = [plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin]
    listed = i18n["languages"]
    assert [entry["locale"] for entry in listed] == list(DEFAULT_SITE)
    assert [entry["name"] for entry in listed] == [language(code).name for code in DEFAULT_SITE]
    assert [entry.get("default", False) for entry in listed] == [True] + [False] * (len(listed) - 1)
    assert config["theme"]["language"] == DEFAULT_SITE[0]
    assert mkdocs_languages(ROOT / "mkdocs.yml") == DEFAULT_SITE == tuple(lang.code for lang in DESCRIBED)


def test_the_site_languages_are_the_mkdocs_i18n_languages_default_first(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nplugins:\n  - search\n  - i18n:\n      languages:\n"
                      "        - {locale: en, name: English}\n        - {locale: zh, name: 中文, default: true}\n"
                      "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.x\n",
                      encoding="utf-8")
    assert mkdocs_languages(config) == ("zh", "en")
    config.write_text("site_name: x\n", encoding="utf-8")
    assert mkdocs_languages(config) == DEFAULT_SITE
    config.write_text("plugins:\n  - i18n:\n      languages: [zh, en]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"mkdocs.yml: plugins → i18n → languages: expected a list of entries"):
        mkdocs_languages(config)
    assert site_languages() == DEFAULT_SITE
    with using_site_languages(("en",)):
        assert site_languages() == ("en",)
    assert site_languages() == DEFAULT_SITE
    for wrong, reason in (((), "one or more distinct"), (("en", "en"), "one or more distinct"),
                          (("zh", "fr"), "unsupported language 'fr'")):
        with pytest.raises(ValueError, match=reason):
            set_site_languages(wrong)
    assert site_languages() == DEFAULT_SITE


def test_every_language_has_one_complete_lexicon() -> None:
    """A language's words and patterns are one value: every committee and kind named, every
    kind line of a known kind, a session number read back from the name the pages print."""
    assert tuple(lexicon.LEXICONS) == DEFAULT_SITE
    for code in DEFAULT_SITE:
        words = lexicon.lexicon(code)
        assert words.lang == code
        assert tuple(words.committees) == lexicon.COMMITTEE_IDS
        assert tuple(words.kinds) == lexicon.KIND_IDS
        assert {kind for kind, _ in words.kind_lines} <= set(lexicon.KIND_IDS)
        assert all(lexicon.kind_id(words.kinds[kind], code) == kind
                   for kind in ("draft-resolution", "revised-draft-resolution", "draft-decision"))
        for session in (1, 10, 21, 79, 80, 99):
            printed = words.session.fullmatch(words.session_name(session).capitalize())
            assert printed is not None, (code, session)
            assert words.session_number(printed.group(1)) == session
            assert all(isinstance(alias, str) and alias for alias in words.session_aliases(session))
        assert words.enacting.fullmatch(words.enacting_example)
        assert words.submitted.groups >= words.submitted_kind
    assert lexicon.lexicon("en").session_aliases(79) == ("79th session",)
    assert lexicon.lexicon("en").session_aliases(11) == ("11th session",)
    with pytest.raises(ValueError, match="no lexicon for language 'fr'"):
        lexicon.lexicon("fr")


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
    """The published languages' names and labels are required by each table's schema; another
    language's are allowed beside them (a supplement brings them, see test_three_languages)."""
    schemas = ROOT / "build_tools" / "data" / "schema"

    def schema(name: str) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads((schemas / f"{name}.schema.json").read_text(encoding="utf-8"))
        return loaded

    assert set(DEFAULT_SITE) <= set(schema("member_states")["items"]["required"])
    assert set(DEFAULT_SITE) <= set(schema("treaties")["items"]["required"])
    assert set(schema("labels")["additionalProperties"]["required"]) == set(DEFAULT_SITE)
    for name in ("member_states", "treaties"):
        described = schema(name)["items"]["properties"]
        assert set(DEFAULT_SITE) <= set(described), name
        assert list(schema(name)["items"]["patternProperties"]) == ["^(?!zh$|en$)[a-z]{2}$"], name


def test_the_script_rules_are_read_from_the_description(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cutting text into words, a comparison's tokens, the search's names and stems, the
    space in a paragraph's label and the separators of a facts line follow the description's
    rules, not the language's code: English described as a script whose words stand side
    by side, without a stemmer, is cut as Chinese is."""
    from build_tools import crossref, diff, languages
    from build_tools.site import search_names, search_text

    assert diff.tokens("Recalling its resolution", "en") == ["Recalling", " ", "its", " ", "resolution"]
    assert diff.tokens("回顾其决议", "zh") == ["回", "顾", "其", "决", "议"]
    assert search_names._key(("Névé", "Île"), "en") == "Névé Île"
    assert search_names._key(("联合国", "大会"), "zh") == "联合国大会"
    assert search_text.word_stem("recalling", "en") == "recal"
    assert crossref.paragraph_name("op2a-i", "en") == "para. 2 (a) (i)"
    assert crossref.paragraph_name("op2a-i", "zh") == "第2(a)(i)段"
    side_by_side = dataclasses.replace(languages.EN, spaced=False, facts_separator="/", stemmer=None, word_space="")
    monkeypatch.setitem(languages._BY_CODE, "en", side_by_side)
    assert search_text.word_stem("recalling", "en") == "recalling"
    assert crossref.paragraph_name("op2a-i", "en") == "para. 2(a)(i)"
    assert diff.tokens("its resolution", "en") == ["its", " ", "resolution"]  # Latin runs stay whole
    assert search_names._key(("Névé", "Île"), "en") == "NévéÎle"
    assert language("en").facts_separator == "/"


def test_a_language_with_title_marks_finds_treaties_between_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where treaty titles stand in running text comes from the description: between the
    language's title marks (《…》), or as whole words where it has none (English)."""
    from build_tools import languages, treaties

    registry = treaties.load_treaties()
    text = "Recalling the «Chemical Weapons Convention» and the Chemical Weapons Convention,"
    assert [(text[s:e], t.id) for s, e, t in registry.find_all(text, "en")] == [
        ("Chemical Weapons Convention", "cwc"), ("Chemical Weapons Convention", "cwc")]
    assert [t.id for *_, t in registry.find_all("回顾《禁止化学武器公约》", "zh")] == ["cwc"]
    monkeypatch.setitem(languages._BY_CODE, "en", dataclasses.replace(languages.EN, title_marks=("«", "»")))
    marked = treaties.TreatyRegistry(registry.treaties)
    assert [(text[s:e], t.id) for s, e, t in marked.find_all(text, "en")] == [
        ("«Chemical Weapons Convention»", "cwc")]
    assert marked.find("«Chemical Weapons Convention»", "en") is registry.find("Chemical Weapons Convention", "en")


def test_a_language_is_registered_once_and_needs_a_lexicon_and_every_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A language described elsewhere joins with :func:`languages.register`; one the build
    cannot make a site in is refused before anything is read, naming what it lacks."""
    from build_tools import cli, languages

    english = language("en")
    with pytest.raises(ValueError, match="language 'en' is already described differently"):
        languages.register(dataclasses.replace(english, name="Anglais"))
    with pytest.raises(ValueError, match="language 'en' already has a lexicon"):
        lexicon.register(dataclasses.replace(lexicon.lexicon("en")))
    languages.register(english)  # the same description again: nothing changes
    monkeypatch.setitem(languages._BY_CODE, "xx", dataclasses.replace(english, code="xx", name="X"))
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - i18n:\n      languages:\n        - {locale: zh, default: true}\n"
                      "        - {locale: xx}\n", encoding="utf-8")
    with using_site_languages(DEFAULT_SITE):
        assert cli._site_languages(config) == "no lexicon for language 'xx'; expected one of ('zh', 'en')"
        monkeypatch.setitem(lexicon.LEXICONS, "xx", dataclasses.replace(lexicon.lexicon("en"), lang="xx"))
        problem = cli._site_languages(config)
        assert problem is not None and problem.startswith(
            f"{config}: the site language 'xx' has no label for symbol, kind, session, committee, agenda_item …")
    assert site_languages() == DEFAULT_SITE
