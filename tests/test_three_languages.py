"""A site in three languages: French, described outside the package with its own short
lexicon, its data entries and its labels (tests/fixtures/third_language/, registered by
tests/third_language.py), is built by the command line beside Chinese and English from the
invented family of tests/fixtures/family/, two of whose documents have a French text.

Every page is built in every language, the French texts are converted by the French
lexicon (its sessions, committees, opening phrases, State names, treaty titles, Treaty
Series citations), the exports and the search index of each language are written, and the
published site keeps its two languages."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, SOURCE_DATE_EPOCH, BuiltSite, serving
from test_search import postings
from third_language import FIXTURE, write_data

from build_tools.treaties import unts_url

pytestmark = [pytest.mark.site]

FAMILY = ROOT / "tests" / "fixtures" / "family" / "resolutions"
FRENCH = ("a-c-1-81-l-7", "a-res-81-45")
"""The documents with a French text; the other two have none."""
LANGS = ("zh", "en", "fr")


def _project(folder: Path) -> Path:
    """A project: the published mkdocs.yml with French added to its i18n languages, the
    family's documents with the French texts, the package and theme linked."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "  # The project's own plugin"
    assert anchor in config
    added = (FIXTURE / "mkdocs-language.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace(anchor, added + anchor, 1), encoding="utf-8")
    for name in ("theme", "build_tools"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    shutil.copytree(FAMILY, folder / "content" / "resolutions")
    for slug in FRENCH:
        shutil.copy2(FIXTURE / "resolutions" / slug / "fr.txt", folder / "content" / "resolutions" / slug / "fr.txt")
    return folder


def _run(project: Path, *args: str, french: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "tests" / "third_language.py"), str(write_data(project / "fr-data"))]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*command, *args] if french else [sys.executable, "-m", "build_tools", *args],
                          cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("three-languages"))
    built = _run(project, "build", "--strict")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "4 document(s)" in built.stdout
    return project / "site"


def _pages(root: Path) -> set[str]:
    """The HTML pages of the default language (at the root), relative to it."""
    return {str(path.relative_to(root)) for path in root.rglob("index.html")
            if path.relative_to(root).parts[0] not in ("en", "fr", "assets")}


def _html(site: Path, lang: str, page: str) -> str:
    return (site / ("" if lang == "zh" else lang) / page).read_text(encoding="utf-8")


def test_every_page_is_built_in_each_language(site: Path) -> None:
    pages = _pages(site)
    assert {f"resolutions/{slug}/index.html" for slug in (*FRENCH, "a-c-1-81-l-7-rev-1", "a-res-82-31")} <= pages
    assert {"index.html", "about/index.html", "indexes/index.html"} <= pages
    assert any(page.startswith("compare/") for page in pages)
    for lang in ("en", "fr"):
        assert {str(p.relative_to(site / lang)) for p in (site / lang).rglob("index.html")} == pages, lang
    for page in pages:
        for lang in LANGS:
            assert f'<html lang="{lang}"' in _html(site, lang, page), (lang, page)
    assert (site / "sitemap-fr-1.xml").is_file()


def test_the_french_text_is_read_with_the_french_lexicon(site: Path) -> None:
    html = _html(site, "fr", "resolutions/a-c-1-81-l-7/index.html")
    assert [f'id="pp{n}"' in html for n in range(1, 6)] == [True] * 5
    assert [f'id="op{n}"' in html for n in range(1, 5)] == [True] * 4 and 'id="op5"' not in html
    assert "<em>Réaffirmant</em> l’importance du" in html and "<em>Décide</em> d’inscrire" in html
    assert "quatre-vingt-unième session" in html and "Première Commission" in html
    assert ">Chili</a>" in html and ">Norvège</a>" in html  # the sponsors, by their French names
    title = ("Traité sur les principes régissant les activités des États en matière d’exploration et "
             "d’utilisation de l’espace extra-atmosphérique, y compris la Lune et les autres corps célestes")
    assert f'href="{unts_url(610, 8843)}" title="{title}">{title}</a><sup id="fnref:1">' in html
    assert '<sup id="fnref:2"><a class="footnote-ref" href="#fn:2">2</a></sup>,' in html
    assert f'title="{title} — Nations Unies, Recueil des Traités, vol. 610, no 8843">Nations Unies, ' in html
    assert '<a href="https://undocs.org/fr/A/80/150" title="A/80/150">A/80/150</a>' in html
    assert 'résolution <a href="https://undocs.org/fr/A/RES/80/56" title="A/RES/80/56"' in html
    assert ">Cote<" in html and ">Auteurs<" in html  # the fixture's own labels


def test_the_french_patterns_build_what_they_cite(tmp_path: Path) -> None:
    """The French resolution numbers, with the body named after them, by the fixture's own
    lexicon, patterns and body names: the package's list grammar, no French branch in it."""
    checked = _run(_project(tmp_path), "patterns")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "2 patterns, every example and citation found" in checked.stdout


def test_a_document_without_french_text_shows_another_language_s_marked(site: Path) -> None:
    html = _html(site, "fr", "resolutions/a-c-1-81-l-7-rev-1/index.html")
    assert "Le texte ci-dessous est le texte chinois du document." in html
    assert 'lang="zh"' in html and 'id="op1"' in html


def test_the_exports_are_written_in_french(site: Path) -> None:
    schema = json.loads((site / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    folder = site / "fr" / "resolutions" / "a-res-81-45"
    model = json.loads((folder / "a-res-81-45.fr.json").read_text(encoding="utf-8"))
    jsonschema.validate(model, schema)
    assert (model["lang"], model["session"], model["date"]) == ("fr", 81, "2026-12-03")
    assert [item["anchor"] for item in model["body"] if item.get("anchor", "").startswith("op")] == \
        ["op1", "op2", "op3"]
    akn = (folder / "a-res-81-45.fr.akn.xml").read_text(encoding="utf-8")
    assert 'FRBRlanguage language="fra"' in akn
    assert not (site / "fr" / "resolutions" / "a-res-82-31" / "a-res-82-31.fr.json").exists()  # no French text


def _index(root: Path) -> dict[str, dict[int, int]]:
    folder = root / "search"
    return postings({str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*.gz")})


def test_each_language_has_its_own_search_index(site: Path) -> None:
    french, english = _index(site / "fr"), _index(site / "en")
    assert "lancements" in french and "lancements" not in english
    assert "launches" in english or "launch" in english
    docs = site / "fr" / "search" / "docs"
    urls = {json.loads(gzip.decompress((docs / f"{number}.json.gz").read_bytes()))["url"]
            for number in french["lancements"]}
    assert {f"resolutions/{slug}/" for slug in FRENCH} <= urls


def test_the_language_switcher_offers_the_three_languages(site: Path) -> None:
    html = _html(site, "fr", "resolutions/a-res-81-45/index.html")
    assert [f'hreflang="{lang}" class="md-select__link"' in html for lang in LANGS] == [True] * 3


def test_a_language_the_package_does_not_describe_is_refused_by_name(tmp_path: Path) -> None:
    """Without the description, the same project's mkdocs.yml names a language the build
    cannot make: it says so, and builds nothing."""
    project = _project(tmp_path)
    refused = _run(project, "build", french=False)
    assert refused.returncode == 2
    assert "error [cli.languages] unsupported language 'fr'; expected one of ('zh', 'en')" in refused.stderr
    assert not (project / "site").exists()


def test_the_published_site_keeps_its_two_languages(built_site: BuiltSite) -> None:
    assert not (built_site.site_dir / "fr").exists()
    html = (built_site.site_dir / "index.html").read_text(encoding="utf-8")
    assert 'hreflang="en" class="md-select__link"' in html and 'hreflang="fr"' not in html


# ---- in a browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serving(site) as base:
        yield base


@pytest.mark.browser
def test_a_reader_searches_the_french_site_in_french(browser: Any, served: str) -> None:
    page = browser.new_page()
    try:
        page.goto(served + "fr/")
        box = page.locator(".md-search__input")
        box.click()
        page.keyboard.type("lancements")
        page.wait_for_function(
            "q => document.querySelector('[data-un-search]').getAttribute('data-un-results') === q", arg="lancements")
        links = page.eval_on_selector_all("a.un-search__hit", "links => links.map(a => a.href)")
        assert links and all("/fr/resolutions/" in link for link in links)
        assert any("/fr/resolutions/a-c-1-81-l-7/" in link for link in links)
    finally:
        page.close()
