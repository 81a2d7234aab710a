"""The search index (build_tools.site.search): terms, stemming, records, files, the step.

The browser side (search.js) is tested against the built site in test_search_browser.py.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, BuiltSite, html_file

from build_tools.labels import label
from build_tools.pages import LANGUAGES, DocumentInfo, Page
from build_tools.site import postbuild, search
from build_tools.site.porter import porter
from build_tools.site.search import (
    SEARCH_LABELS,
    build_index,
    fold,
    indexed_document,
    indexes,
    quantise,
    terms,
    tokens,
    write_search_index,
)

# ---- reading an index back ------------------------------------------------------------------


def gunzip_json(data: bytes) -> Any:
    return json.loads(gzip.decompress(data))


def read_chunk(data: bytes) -> dict[str, list[tuple[int, int, int]]]:
    """``{term: [(record, frequency, quantised length), ...]}`` of a terms chunk."""
    raw = gzip.decompress(data)
    position = 0

    def varint() -> int:
        nonlocal position
        value = shift = 0
        while True:
            byte = raw[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    found: dict[str, list[tuple[int, int, int]]] = {}
    for _ in range(varint()):
        length = varint()
        term = raw[position : position + length].decode("utf-8")
        position += length
        record, postings = 0, []
        for _ in range(varint()):
            record += varint()
            frequency = varint()
            postings.append((record, frequency, raw[position]))
            position += 1
        found[term] = postings
    assert position == len(raw)
    return found


def postings(files: dict[str, bytes]) -> dict[str, list[tuple[int, int, int]]]:
    meta = gunzip_json(files["meta.json.gz"])
    found: dict[str, list[tuple[int, int, int]]] = {}
    for number, (first, last) in enumerate(meta["chunks"]):
        chunk = read_chunk(files[f"terms/{number}.gz"])
        assert min(chunk, key=search._utf16_order) == first and max(chunk, key=search._utf16_order) == last
        found.update(chunk)
    return found


# ---- text to terms --------------------------------------------------------------------------


def test_han_runs_give_bigrams_and_their_last_character() -> None:
    found, length = terms("《不扩散核武器条约》", "zh")
    assert found == Counter({"不扩": 1, "扩散": 1, "散核": 1, "核武": 1, "武器": 1, "器条": 1, "条约": 1, "约": 1})
    assert length == 8


def test_punctuation_digits_and_latin_letters_end_a_han_run() -> None:
    assert tokens("2021年12月24日第76/234号决议，A/C.1/79") == [
        "2021", "年", "12", "月", "24", "日第", "76", "234", "号决议", "a", "c", "1", "79"]
    found, _ = terms("日第76/234号", "zh")
    assert set(found) == {"日第", "第", "76", "234", "号"}


def test_each_character_is_folded_on_its_own() -> None:
    assert fold("７６／２３４") == "76/234"  # full-width forms, as Chinese input methods type them
    assert fold("Côte d’Ivoire") == "cote d’ivoire"
    assert fold("ＡＢＣ") == "abc"
    assert len(fold("国际合作")) == 4


def test_english_words_are_stemmed_and_stop_words_left_out() -> None:
    found, length = terms("the Treaty on the Non-Proliferation of Nuclear Weapons", "en")
    assert found == Counter({"treati": 1, "non": 1, "prolifer": 1, "nuclear": 1, "weapon": 1})
    assert length == 9  # stop words count in the length
    chinese, _ = terms("Rev.1 Weapons", "zh")  # the Chinese index keeps words as they are
    assert set(chinese) == {"rev", "1", "weapons"}


@pytest.mark.parametrize(("word", "stem"), [
    # From Porter's paper and the reference implementation's vocabulary.
    ("caresses", "caress"), ("ponies", "poni"), ("ties", "ti"), ("caress", "caress"), ("cats", "cat"),
    ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"),
    ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
    ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"),
    ("filing", "file"), ("happy", "happi"), ("sky", "sky"), ("relational", "relat"), ("conditional", "condit"),
    ("rational", "ration"), ("valenci", "valenc"), ("digitizer", "digit"), ("conformabli", "conform"),
    ("radicalli", "radic"), ("differentli", "differ"), ("vileli", "vile"), ("analogousli", "analog"),
    ("vietnamization", "vietnam"), ("predication", "predic"), ("operator", "oper"), ("feudalism", "feudal"),
    ("decisiveness", "decis"), ("hopefulness", "hope"), ("callousness", "callous"), ("formaliti", "formal"),
    ("sensitiviti", "sensit"), ("sensibiliti", "sensibl"), ("triplicate", "triplic"), ("formative", "form"),
    ("formalize", "formal"), ("electriciti", "electr"), ("electrical", "electr"), ("hopeful", "hope"),
    ("goodness", "good"), ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"),
    ("airliner", "airlin"), ("gyroscopic", "gyroscop"), ("adjustable", "adjust"), ("defensible", "defens"),
    ("irritant", "irrit"), ("replacement", "replac"), ("adjustment", "adjust"), ("dependent", "depend"),
    ("adoption", "adopt"), ("homologou", "homolog"), ("communism", "commun"), ("activate", "activ"),
    ("angulariti", "angular"), ("homologous", "homolog"), ("effective", "effect"), ("bowdlerize", "bowdler"),
    ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"), ("controll", "control"), ("roll", "roll"),
    # UN vocabulary: forms a reader types find the forms the text has.
    ("cooperation", "cooper"), ("cooperate", "cooper"), ("weapons", "weapon"), ("proliferation", "prolifer"),
    ("nations", "nation"), ("resolutions", "resolut"), ("is", "is"),
])
def test_porter_stems(word: str, stem: str) -> None:
    assert porter(word) == stem


def test_record_lengths_fit_in_one_byte() -> None:
    assert quantise(0) == 0 and quantise(1) == 11 and quantise(10**9) == 255
    assert all(0 <= quantise(n) <= 255 for n in range(0, 5000, 7))


# ---- records --------------------------------------------------------------------------------


def document_pages(collection: tuple[Page, ...], lang: str) -> list[Page]:
    return [p for p in collection if p.lang == lang and p.info is not None]


def test_records_are_the_paragraphs_footnotes_title_and_sponsors(collection: tuple[Page, ...]) -> None:
    for lang in LANGUAGES:
        for page in document_pages(collection, lang):
            assert page.document is not None and page.info is not None
            indexed = indexed_document(page)
            assert indexed is not None
            anchors = [r.anchor for r in indexed.records]
            paragraphs = [p.anchor for p in page.document.paragraphs]
            notes = [f"fn:{n.number}" for n in page.document.footnotes]
            assert anchors == ["title", "title", *paragraphs, *notes]
            assert [r.kind for r in indexed.records[:2]] == ["title", "sponsors"]
            assert indexed.records[0].text == f"{page.info.symbol} {page.info.title}"
            assert indexed.url == html_file(page.path, "zh").removesuffix("index.html")


def test_a_page_without_text_in_its_language_indexes_no_other_language(collection: tuple[Page, ...]) -> None:
    chinese = document_pages(collection, "zh")[0]
    assert chinese.document is not None and chinese.info is not None
    # An English page that shows the Chinese text (no English text yet).
    english = dataclasses.replace(chinese, lang="en")
    indexed = indexed_document(english)
    assert indexed is not None and indexed.title is None
    assert [r.kind for r in indexed.records] == ["title", "sponsors"]
    assert indexed.records[0].text == chinese.info.symbol
    assert "Russian Federation" in indexed.records[1].text  # sponsors in the page's language
    assert not any("\u4e00" <= ch <= "\u9fff" for r in indexed.records for ch in r.text)


def test_a_page_made_by_hand_has_its_title_and_filters_indexed() -> None:
    info = DocumentInfo(slug="a-res-78-1", symbol="A/RES/78/1", title="Title", kind="resolution",
                        kind_label="resolution", session=78, committee="Second Committee", agenda_item=None,
                        date=None, text_status="official")
    indexed = indexed_document(Page("en", "resolutions/a-res-78-1.md", "# Title", info))
    assert indexed is not None and indexed.url == "resolutions/a-res-78-1/"
    assert [(r.anchor, r.kind, r.text) for r in indexed.records] == [("title", "title", "A/RES/78/1 Title")]
    assert indexed.filters == {"kind": "resolution", "session": "78", "committee": "second"}


def test_pages_that_are_not_documents_are_not_indexed(collection: tuple[Page, ...]) -> None:
    others = [p for p in collection if p.info is None]
    assert all(indexed_document(p) is None for p in others)


# ---- index files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(collection: tuple[Page, ...]) -> dict[str, search.SearchIndex]:
    return {index.lang: index for index in indexes(collection)}


def test_one_index_per_language_of_that_language_only(
    built: dict[str, search.SearchIndex], collection: tuple[Page, ...]
) -> None:
    assert sorted(built) == sorted(LANGUAGES)
    for lang, index in built.items():
        meta = gunzip_json(index.files["meta.json.gz"])
        assert meta["lang"] == lang
        assert len(meta["docs"]) == index.documents == len(document_pages(collection, lang))
        texts = [r[2] for n in range(index.documents) for r in gunzip_json(index.files[f"docs/{n}.json.gz"])["records"]]
        assert len(texts) == meta["records"] == index.records
        han = [t for t in texts if any("\u4e00" <= ch <= "\u9fff" for ch in t)]
        if lang == "zh":
            assert len(han) >= len(texts) - 1  # all but the symbol alone
        else:
            assert han == []
        words = postings(index.files)
        assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in term) for term in words) == (lang == "en")


def test_every_term_of_every_record_is_in_the_postings(built: dict[str, search.SearchIndex]) -> None:
    for lang, index in built.items():
        meta = gunzip_json(index.files["meta.json.gz"])
        words = postings(index.files)
        record = 0
        expected: dict[str, list[tuple[int, int, int]]] = {}
        for number, row in enumerate(meta["docs"]):
            assert row[0] == record
            for _anchor, _kind, text in gunzip_json(index.files[f"docs/{number}.json.gz"])["records"]:
                found, length = terms(text, lang)
                for term, frequency in found.items():
                    expected.setdefault(term, []).append((record, frequency, quantise(length)))
                record += 1
        assert words == expected
        assert "扩散" in words if lang == "zh" else "prolifer" in words


def test_chunks_are_sorted_as_javascript_compares_strings(built: dict[str, search.SearchIndex]) -> None:
    for index in built.values():
        chunks = gunzip_json(index.files["meta.json.gz"])["chunks"]
        bounds = [term for chunk in chunks for term in chunk]
        assert bounds == sorted(bounds, key=search._utf16_order)
    # Astral Han characters sort after the rest in UTF-16, before them in code points.
    assert sorted(["\U00020000", "\uffef"], key=search._utf16_order) == ["\U00020000", "\uffef"]


def test_filters_name_every_document_s_kind_session_and_committee(built: dict[str, search.SearchIndex]) -> None:
    meta = gunzip_json(built["zh"].files["meta.json.gz"])
    filters = {f["name"]: f for f in meta["filters"]}
    assert [f["name"] for f in meta["filters"]] == ["kind", "session", "committee"]
    assert filters["kind"]["label"] == label("kind", "zh")
    assert ["revised-draft-resolution", "订正决议草案"] in filters["kind"]["values"]
    assert ["79", "第七十九届会议"] in filters["session"]["values"]
    assert ["first", "第一委员会"] in filters["committee"]["values"]
    for row in meta["docs"]:
        assert all(0 <= value < len(f["values"]) for value, f in zip(row[1:], meta["filters"], strict=True))
    english = gunzip_json(built["en"].files["meta.json.gz"])
    assert ["79", "Seventy-ninth session"] in english["filters"][1]["values"]


def test_the_index_is_the_same_bytes_on_every_build(collection: tuple[Page, ...]) -> None:
    first = [index.files for index in indexes(collection)]
    second = [index.files for index in indexes(reversed(collection))]
    assert first == second


def test_an_empty_language_still_gets_an_index() -> None:
    index = build_index([], "en")
    meta = gunzip_json(index.files["meta.json.gz"])
    assert meta["records"] == 0 and meta["chunks"] == [] and meta["docs"] == []


# ---- the post-build step and the site --------------------------------------------------------


def test_the_step_writes_each_language_s_index_in_its_folder(
    collection: tuple[Page, ...], tmp_path: Path
) -> None:
    (tmp_path / "en").mkdir()
    write_search_index(postbuild.BuiltSite(tmp_path, collection, "http://127.0.0.1/"))
    assert (tmp_path / "search" / "meta.json.gz").is_file()
    assert (tmp_path / "en" / "search" / "meta.json.gz").is_file()
    assert gunzip_json((tmp_path / "en" / "search" / "meta.json.gz").read_bytes())["lang"] == "en"
    with pytest.raises(FileExistsError):
        write_search_index(postbuild.BuiltSite(tmp_path, collection, "http://127.0.0.1/"))


def test_the_step_is_registered_and_material_search_is_not() -> None:
    assert write_search_index in postbuild.STEPS
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "search" not in plugins and "material/search" not in plugins
    assert "assets/stylesheets/search.css" in config["extra_css"]
    assert any(s.get("path") == "assets/javascripts/search.js" for s in config["extra_javascript"])


def test_every_search_label_exists_in_every_language() -> None:
    for lang in LANGUAGES:
        context = search.template_context(lang)
        assert set(context["labels"]) == set(SEARCH_LABELS)
        assert all(context["labels"].values())
    assert search.template_context("en")["root"] == "en/" and search.template_context("zh")["root"] == ""


@pytest.mark.site
def test_every_page_points_at_its_own_language_s_index(built_site: BuiltSite) -> None:
    import re
    from urllib.parse import urljoin

    site = built_site.site_dir
    assert not (site / "search" / "search_index.json").exists()  # no Material search
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        found = re.findall(r'data-un-search="([^"]+)"', html)
        assert len(found) == 1, path
        relative = path.relative_to(site).as_posix()
        lang = "en" if relative.startswith("en/") else "zh"
        index = urljoin(urljoin(built_site.site_url, relative), found[0])
        expected = built_site.site_url + ("en/" if lang == "en" else "") + "search/"
        assert index == expected, relative
        target = site / index.removeprefix(built_site.site_url) / "meta.json.gz"
        assert gunzip_json(target.read_bytes())["lang"] == lang
