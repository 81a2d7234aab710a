"""The search index (build_tools.site.search and its modules): terms, names, records, files,
the post-build step.

The browser side (search.js) is tested against the built site in test_search_browser.py,
with the same terms (the browser's are compared with these there).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, BuiltSite

from build_tools.languages import site_languages
from build_tools.pages import DocumentInfo, Page
from build_tools.site import postbuild, search, search_names, search_records, search_text
from build_tools.site.built import BuiltSite as Staged
from build_tools.site.porter import porter
from build_tools.site.search import SEARCH_LABELS, build_index, document_weights, indexes, write_search_index
from build_tools.site.search_names import find_names
from build_tools.site.search_records import FACETS, indexed_document
from build_tools.site.search_text import STOP_WORDS, fold, han_table, record_terms, symbol_terms

# ---- reading an index back ------------------------------------------------------------------


def gunzip_json(data: bytes) -> Any:
    return json.loads(gzip.decompress(data))


def read_chunk(data: bytes) -> dict[str, dict[int, int]]:
    """``{term: {document: weight}}`` of a terms chunk (the format of search.py's docstring)."""
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

    found: dict[str, dict[int, int]] = {}
    for _ in range(varint()):
        length = varint()
        term = raw[position : position + length].decode("utf-8")
        position += length
        count, document, ids = varint(), 0, []
        for _ in range(count):
            document += varint()
            ids.append(document)
        found[term] = dict(zip(ids, raw[position : position + count], strict=True))
        position += count
    assert position == len(raw)
    return found


def postings(files: dict[str, bytes]) -> dict[str, dict[int, int]]:
    meta = gunzip_json(files["meta.json.gz"])
    found: dict[str, dict[int, int]] = {}
    for number, first in enumerate(meta["chunks"]):
        chunk = read_chunk(files[f"terms/{number}.gz"])
        assert min(chunk, key=search._utf16_order) == first
        found.update(chunk)
    return found


def document_pages(collection: tuple[Page, ...], lang: str) -> list[Page]:
    return [p for p in collection if p.lang == lang and p.info is not None]


# ---- terms ----------------------------------------------------------------------------------


def test_symbols_give_their_short_forms_and_what_they_revise() -> None:
    assert symbol_terms("a/res/77/96") == ("a/res/77/96", "77/96")
    assert symbol_terms("a/c.1/79/l.53/rev.1") == (
        "a/c.1/79/l.53/rev.1", "l.53/rev.1", "a/c.1/79/l.53", "l.53")
    assert symbol_terms("a/77/96") == ("a/77/96",)  # a report: never the resolution 77/96


@pytest.mark.parametrize(("text", "lang", "present", "absent"), [
    ("see A/77/96", "en", {"a/77/96"}, {"77/96"}),
    ("recalling resolution A/RES/77/96", "en", {"a/res/77/96", "77/96"}, {"a/77/96"}),
    ("第77/96号决议", "zh", {"77/96", "决议"}, {"a/77/96"}),
    ("A/C.1/79/L.53/Rev.1", "zh", {"a/c.1/79/l.53/rev.1", "l.53"}, {"a", "res"}),
    ("non-proliferation", "en", {porter("nonproliferation"), porter("proliferation")}, set()),
    ("of the Treaty", "en", {porter("treaty")}, {"the", "of"}),
])
def test_record_terms(text: str, lang: str, present: set[str], absent: set[str]) -> None:
    found, length = record_terms(text, lang)
    assert present <= set(found), (text, sorted(found))
    assert not absent & set(found), (text, sorted(found))
    assert length > 0


def test_traditional_characters_are_folded_with_opencc_s_table() -> None:
    assert fold("國際合作") == "国际合作"
    assert fold("國際原子能機構") == "国际原子能机构"
    assert fold("Ａ／ＲＥＳ") == "a/res"
    table = han_table()
    assert len(table) > 2000 and table["國"] == "国"
    assert record_terms("國際合作", "zh") == record_terms("国际合作", "zh")


def test_a_state_is_not_found_inside_a_longer_word() -> None:
    assert [term for _, _, term in find_names("中国", "zh")] == ["state:cn"]
    assert find_names("发展中国家", "zh") == []
    assert find_names("国际合作", "zh") == []
    # joined_words: a name's last character beginning 国家 or 国际 is not the State
    assert find_names("欧美国家", "zh") == []
    assert find_names("非法国际贩运", "zh") == []
    assert [term for _, _, term in find_names("美国和法国", "zh")] == ["state:us", "state:fr"]
    assert [term for _, _, term in find_names("China and Pakistan", "en")] == ["state:cn", "state:pk"]
    assert find_names("Chinaware", "en") == []


def test_names_are_found_run_by_run_as_character_by_character() -> None:
    """The stream names are matched in is the same whether made run by run (every character
    folding to one) or character by character (the way for any text), in both languages,
    for texts of letters, digits, Han characters, punctuation, spaces and underscores; a
    text with characters that fold to none or to several takes the second way."""
    rng = random.Random(3)
    alphabet = ["a", "B", "é", "7", "中", "國", "联", " ", "  ", ",", "-", "_", "(", "、", "，", "\u00a0", "Ⅳ", "²"]
    for trial in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        for spaced in (True, False):
            by_character = search_names._stream_by_character(search_text.fold_chars(text), spaced)
            stream, places = search_names._stream(text, spaced)
            assert (stream, list(places)) == by_character, (trial, text, spaced)
            assert len(places) == len(stream) and list(places[1:-1]) == by_character[1][1:-1]
    for text in ("ﬁnance of the Org\u0301anization", "½ of the Member States", "Ⅻ, e\u0301"):
        folded = search_text.fold_chars(text)
        assert search_text.folds_evenly(text) == ("".join(folded), False)
        stream, places = search_names._stream(text, True)
        assert (stream, list(places)) == search_names._stream_by_character(folded, True)
    assert search_text.folds_evenly("Member States, 中国") == ("member states, 中国", True)
    # the places are the original text's, both ways
    for text in ("The United Kingdom and France", "Fran\u0301ce and France"):
        assert [(text[s:e], term) for s, e, term in find_names(text, "en")][-1] == ("France", "state:fr")
    assert [text[s:e] for s, e, _ in find_names("Fran\u0301ce and France", "en")] == ["Fran\u0301ce", "France"]


def test_utf16_offsets_count_astral_characters_twice() -> None:
    for text in ("", "abc", "中文", "𠀀a𠀁", "a\U0001F600b"):
        expected = [0]
        for char in text:
            expected.append(expected[-1] + (2 if ord(char) > 0xFFFF else 1))
        assert search_text.utf16_offsets(text) == expected, text


def test_stop_words_are_english_function_words() -> None:
    assert {"the", "of", "and"} <= set(STOP_WORDS)
    assert not {"treaty", "nuclear", "states"} & set(STOP_WORDS)


# ---- records --------------------------------------------------------------------------------


def test_records_are_title_sponsors_metadata_paragraphs_footnotes_notes_and_cites(
    collection: tuple[Page, ...]
) -> None:
    for page in document_pages(collection, "zh") + document_pages(collection, "en"):
        indexed = indexed_document(page)
        document = page.document
        assert indexed is not None and document is not None and page.info is not None
        kinds = [r.kind for r in indexed.records]
        assert kinds[:3] == ["title", "sponsors", "meta"]
        paragraphs = [r for r in indexed.records if r.kind in ("pp", "op")]
        assert [(r.anchor, r.text) for r in paragraphs] == [(p.anchor, p.text) for p in document.paragraphs]
        assert [r.text for r in indexed.records if r.kind == "fn"] == [n.text for n in document.footnotes]
        assert "note" in kinds and "cites" in kinds
        sponsors = indexed.records[1]
        assert [e.term for e in sponsors.entities] == [f"state:{s.code.lower()}" for s in document.sponsors]
        assert set(indexed.facets) == set(FACETS)
        assert indexed.facets["sponsor"] == tuple(s.code.lower() for s in document.sponsors)
        meta = indexed.records[2].text
        assert str(page.info.agenda_item) in meta and "2024" in meta


def test_the_editor_s_notes_are_records_of_their_own(collection: tuple[Page, ...]) -> None:
    zh = indexed_document(document_pages(collection, "zh")[0])
    en = indexed_document(document_pages(collection, "en")[0])
    assert zh is not None and en is not None
    assert any("不是同一份文件" in r.text for r in zh.records if r.kind == "note")
    assert any("shares its number" in r.text for r in en.records if r.kind == "note")


def test_a_page_made_by_hand_has_its_title_and_facets_indexed() -> None:
    info = DocumentInfo(slug="a-res-78-1", symbol="A/RES/78/1", title="Title", kind="resolution",
                        kind_label="resolution", session=78, committee="Second Committee", agenda_item=None,
                        date=None, text_status="official")
    indexed = indexed_document(Page("en", "resolutions/a-res-78-1.md", "# Title", info))
    assert indexed is not None and indexed.url == "resolutions/a-res-78-1/"
    assert [(r.anchor, r.kind) for r in indexed.records] == [("title", "title"), ("title", "meta")]
    assert indexed.records[0].text == "A/RES/78/1 Title"
    assert indexed.facets["kind"] == ("resolution",) and indexed.facets["session"] == ("78",)
    assert indexed.facets["committee"] == ("second",)


def test_pages_that_are_not_documents_are_not_indexed(collection: tuple[Page, ...]) -> None:
    assert all(indexed_document(p) is None for p in collection if p.info is None)


# ---- index files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(collection: tuple[Page, ...]) -> dict[str, search.SearchIndex]:
    return {index.lang: index for index in indexes(collection)}


def test_postings_hold_every_document_s_weights(
    built: dict[str, search.SearchIndex], collection: tuple[Page, ...]
) -> None:
    assert sorted(built) == sorted(site_languages())
    for lang, index in built.items():
        documents = [indexed_document(p) for p in sorted(document_pages(collection, lang), key=lambda p: p.path)]
        meta = gunzip_json(index.files["meta.json.gz"])
        assert meta["lang"] == lang and meta["docs"] == index.documents == len(documents)
        expected: dict[str, dict[int, int]] = {}
        for number, document in enumerate(documents):
            assert document is not None
            assert gunzip_json(index.files[f"docs/{number}.json.gz"])["symbol"] == document.symbol
            for term, weight in document_weights(document, lang).items():
                expected.setdefault(term, {})[number] = min(255, weight)
        assert postings(index.files) == expected
        words = set(expected)
        assert {"state:cn", "treaty:npt", "a/res/77/96", "77/96", "kind=revised-draft-resolution",
                "sponsor=cn", "year=2024"} <= words
        assert ("扩散" in words) == (lang == "zh") and (porter("proliferation") in words) == (lang == "en")
        assert meta["fold"] == (lang == "zh")


def test_chunks_are_sorted_as_javascript_compares_strings(built: dict[str, search.SearchIndex]) -> None:
    for index in built.values():
        firsts = gunzip_json(index.files["meta.json.gz"])["chunks"]
        assert firsts == sorted(firsts, key=search._utf16_order)
    # Astral Han characters sort after the rest in UTF-16, before them in code points.
    assert sorted(["\U00020000", "\uffef"], key=search._utf16_order) == ["\U00020000", "\uffef"]


def test_filters_name_every_value_with_its_count(built: dict[str, search.SearchIndex]) -> None:
    zh = {f["name"]: f for f in gunzip_json(built["zh"].files["filters.json.gz"])}
    assert list(zh) == list(FACETS)
    assert ["revised-draft-resolution", "订正决议草案", 1] in zh["kind"]["values"]
    assert ["first", "第一委员会", 1] in zh["committee"]["values"]
    assert ["cn", "中国", 1] in zh["sponsor"]["values"]
    en = {f["name"]: f for f in gunzip_json(built["en"].files["filters.json.gz"])}
    assert ["79", "Seventy-ninth session", 1] in en["session"]["values"]
    assert ["pk", "Pakistan", 1] in en["sponsor"]["values"]


def test_the_fold_table_and_its_licence_are_shipped(built: dict[str, search.SearchIndex]) -> None:
    folded = gunzip_json(built["zh"].files["fold.json.gz"])
    pairs = folded["pairs"]
    assert dict(zip(pairs[::2], pairs[1::2], strict=True)) == han_table()
    assert "Apache" in built["zh"].files[search.OPENCC_LICENSE].decode("utf-8")


def test_the_index_is_the_same_bytes_on_every_build(collection: tuple[Page, ...]) -> None:
    first = [index.files for index in indexes(collection)]
    second = [index.files for index in indexes(reversed(collection))]
    assert first == second


def test_a_rebuild_takes_unchanged_pages_from_the_cache_and_gives_the_same_index(
    collection: tuple[Page, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNRES_JOBS", "1")  # in this process, so that the calls are counted here
    monkeypatch.delenv("UNRES_CACHE", raising=False)
    read: list[str] = []

    def counted(page: Page) -> Any:
        read.append(page.path)
        return indexed_document(page)

    monkeypatch.setattr(search, "indexed_document", counted)
    gzipped: list[bytes] = []
    real_gzip = search._gzip

    def gzip_counted(data: bytes) -> bytes:
        gzipped.append(data)
        return real_gzip(data)

    monkeypatch.setattr(search, "_gzip", gzip_counted)
    first = [index.files for index in indexes(collection, tmp_path)]
    assert len(read) == len(collection) and (tmp_path / "build" / "cache").is_dir()
    chunks = sum(1 for files in first for name in files if name.startswith("terms/"))
    assert chunks and len(gzipped) >= chunks
    read.clear()
    gzipped.clear()
    assert [index.files for index in indexes(collection, tmp_path)] == first
    assert read == []  # every page from the cache
    assert len(gzipped) == 3 * len(first)  # and every chunk: only filters, fold and meta are gzipped again
    # A document edited: its model changes, and with it its folder's conversion key.
    changed = next(p for p in collection if p.lang == "en" and p.document is not None and p.document.footnotes)
    assert changed.document is not None
    edited_document = dataclasses.replace(changed.document, footnotes=changed.document.footnotes[1:])
    edited = tuple(dataclasses.replace(p, document=edited_document, source=f"{p.source}, edited")
                   if p is changed else p for p in collection)
    made: list[int] = []
    real_of = search.Postings.of.__func__  # type: ignore[attr-defined]

    def of_counted(cls: type[search.Postings], prepared: Any, keys: Any) -> search.Postings:
        made.append(len(prepared))
        return real_of(cls, prepared, keys)  # type: ignore[no-any-return]

    monkeypatch.setattr(search.Postings, "of", classmethod(of_counted))
    rebuilt = [index.files for index in indexes(edited, tmp_path)]
    assert read == [changed.path]  # only the page that changed is read again
    assert made == [], "each language's postings are the last build's, updated"
    assert rebuilt == [index.files for index in indexes(edited)]  # the same as without a cache
    assert rebuilt != first
    assert [index.files for index in indexes(collection, tmp_path)] == first, "and back"


def _prepared(rng: random.Random, terms: list[str]) -> search.Prepared:
    document = search_records.IndexedDocument("resolutions/x/", "A/RES/1", "x", {name: () for name in FACETS}, ())
    chosen = rng.sample(terms, rng.randint(0, 12))
    return search.Prepared(document, rng.randint(0, 5), {term: rng.randint(1, 255) for term in chosen},
                           rng.randbytes(4))


def test_postings_updated_for_the_pages_that_changed_are_those_made_from_every_page() -> None:
    """Whatever pages change (a term gone, a new term, a term of every page, a page's terms
    all gone), the updated postings, and the index made from them, are those made from the
    pages themselves; an update that cannot be done says so."""
    rng = random.Random(5)
    terms = [f"t{n}" for n in range(40)] + ["决议", "ä", "Z"]
    for trial in range(200):
        count = rng.randint(1, 30)
        pages = [_prepared(rng, terms) for _ in range(count)]
        keys = [f"k{trial}-{n}" for n in range(count)]
        by_key = dict(zip(keys, pages, strict=True))
        postings = search.Postings.of(pages, keys)
        search.index_of(pages, "en", postings=postings)  # entries made, as a build keeps them
        changed = rng.sample(range(count), rng.randint(0, count))
        new_pages, new_keys = list(pages), list(keys)
        for number in changed:
            new_pages[number] = _prepared(rng, terms)
            new_keys[number] = f"k{trial}-{number}-new"
        assert postings.updated(new_pages, new_keys, by_key.get, count), f"trial {trial}"
        fresh = search.Postings.of(new_pages, new_keys)
        assert postings.lists == fresh.lists and postings.keys == fresh.keys, f"trial {trial}"
        assert search.index_of(new_pages, "en", postings=postings).files == search.index_of(new_pages, "en").files

    pages = [_prepared(rng, terms) for _ in range(8)]
    keys = [f"p{n}" for n in range(8)]
    by_key = dict(zip(keys, pages, strict=True))
    other = [*keys[:7], "p7-new"]
    assert not search.Postings.of(pages, keys).updated(pages[:7], keys[:7], by_key.get, 8), "a page fewer"
    assert not search.Postings.of(pages, keys).updated(pages, ["new"] * 8, by_key.get, 2), "more than the limit"
    assert not search.Postings.of(pages, keys).updated(pages, other, lambda key: None, 8), "the old page unknown"
    assert not search.Postings.of(pages, [None] * 8).updated(pages, keys, by_key.get, 8), "pages without a key"
    wrong = dict(by_key, p7=_prepared(random.Random(1), [f"u{n}" for n in range(5)]))
    assert not search.Postings.of(pages, keys).updated(pages, other, wrong.get, 8), "not these postings' page"
    same = search.Postings.of(pages, keys)
    assert same.updated(pages, keys, lambda key: None, 0) and same.lists == search.Postings.of(pages, keys).lists


def test_an_empty_language_still_gets_an_index() -> None:
    index = build_index([], "en")
    meta = gunzip_json(index.files["meta.json.gz"])
    assert meta["docs"] == 0 and meta["chunks"] == []


# ---- the post-build step and the site --------------------------------------------------------


def test_the_step_writes_each_language_s_index_in_its_folder(
    collection: tuple[Page, ...], tmp_path: Path
) -> None:
    (tmp_path / "en").mkdir()
    write_search_index(Staged(tmp_path, collection, "http://127.0.0.1/"))
    assert (tmp_path / "search" / "meta.json.gz").is_file()
    assert gunzip_json((tmp_path / "en" / "search" / "meta.json.gz").read_bytes())["lang"] == "en"
    with pytest.raises(FileExistsError):
        write_search_index(Staged(tmp_path, collection, "http://127.0.0.1/"))


def test_the_step_is_registered_and_material_search_is_not() -> None:
    assert write_search_index in postbuild.STEPS
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    plugins = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert "search" not in plugins and "material/search" not in plugins
    assert "assets/stylesheets/search.css" in config["extra_css"]
    assert any(s.get("path") == "assets/javascripts/search.js" for s in config["extra_javascript"])


def test_every_search_label_exists_in_every_language() -> None:
    for lang in site_languages():
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


def test_files_the_previous_site_holds_with_the_same_bytes_are_linked_from_it(
    collection: tuple[Page, ...], tmp_path: Path
) -> None:
    """A rebuild links the index files that did not change from the site it replaces (the
    same inode) and writes the others; either way the files are what a build from scratch
    writes."""
    old, new, scratch = tmp_path / "old", tmp_path / "new", tmp_path / "scratch"
    write_search_index(Staged(old, collection, "https://example.org/"))
    changed = next(p for p in collection if p.lang == "en" and p.document is not None)
    assert changed.document is not None
    first = changed.document.paragraphs[0]
    body = tuple(dataclasses.replace(item, text=item.text + " Anew.") if item is first else item
                 for item in changed.document.body)
    document = dataclasses.replace(changed.document, body=body)
    pages = tuple(dataclasses.replace(p, document=document) if p is changed else p for p in collection)
    write_search_index(Staged(new, pages, "https://example.org/", previous=old))
    write_search_index(Staged(scratch, pages, "https://example.org/"))
    files = sorted(p.relative_to(scratch) for p in scratch.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(new) for p in new.rglob("*") if p.is_file())
    assert all((new / f).read_bytes() == (scratch / f).read_bytes() for f in files)
    linked = [f for f in files if (old / f).exists() and (old / f).stat().st_ino == (new / f).stat().st_ino]
    written = [f for f in files if f not in linked]
    assert any(str(f).startswith("search/docs/") for f in linked)
    assert written and all((not (old / f).exists()) or (old / f).read_bytes() != (new / f).read_bytes()
                           for f in written)
