"""The site stage: docs folder, home pages, and real MkDocs builds of the real content."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import BuiltSite, html_file, make_project, page_url

from build_tools import cache
from build_tools.languages import site_languages
from build_tools.pages import DocumentInfo, Page
from build_tools.render import format_iso_date
from build_tools.site import DocsError, SiteBuildError, build_site, home_page, swap, write_docs
from build_tools.site import docs as docs_module
from build_tools.site.about import about_page
from build_tools.site.docs import MARKER
from build_tools.site.home import session_heading
from build_tools.site.permalinks import add_permalinks
from build_tools.site.publish import export_file

FIRST = "resolutions/a-c-1-79-l-53-rev-1.md"
"""The first document of the collection (A/C.1/79/L.53/Rev.1)."""

CDN_HOSTS = ("googleapis", "gstatic", "jsdelivr", "unpkg", "cdnjs", "cloudflare", "bootstrapcdn")


# ---- helpers ---------------------------------------------------------------------------


class _Tags(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def tags(path: Path) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def html_files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def info(symbol: str, session: int | None, lang: str = "zh", **changes: object) -> DocumentInfo:
    base = DocumentInfo(
        slug=symbol.lower().replace("/", "-").replace(".", "-"),
        symbol=symbol,
        title=f"Title of {symbol}",
        kind="draft-resolution",
        kind_label="决议草案" if lang == "zh" else "draft resolution",
        session=session,
        committee=None,
        agenda_item=None,
        date=None,
        text_status="official",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def page(symbol: str, session: int | None, lang: str = "zh", body: str = "", **kw: object) -> Page:
    doc = info(symbol, session, lang, **kw)
    markdown = f"# {doc.title} {{ #title }}\n\n{body}\n"
    return Page(lang, f"resolutions/{doc.slug}.md", markdown, doc)


def switcher_target(site: Path, page_path: str, lang: str, to: str, base: str) -> str:
    """Absolute URL the language switcher of a page links to for language ``to``."""
    here = urljoin(base, page_url(page_path, lang))
    links = [
        attrs["href"]
        for tag, attrs in tags(site / html_file(page_path, lang))
        if tag == "a" and "md-select__link" in attrs.get("class", "") and attrs.get("hreflang") == to
    ]
    assert len(links) == 1, f"expected one switcher link to {to}, found {links}"
    return urljoin(here, links[0])


# ---- home page and docs folder (no MkDocs) ---------------------------------------------


def test_dates_use_un_style_in_both_languages() -> None:
    assert format_iso_date("2021-12-24", "zh") == "2021年12月24日"
    assert format_iso_date("2021-12-24", "en") == "24 December 2021"


def test_home_page_groups_by_session_newest_first() -> None:
    pages = [
        page("A/C.1/78/L.2", 78),
        page("A/RES/9/1", None, title="No session"),
        page("A/C.1/79/L.10", 79, date="2024-11-04"),
        page("A/C.1/79/L.9", 79, text_status="unofficial-translation"),
    ]
    markdown = home_page(pages, "zh")
    headings = re.findall(r"^## (.+) \{ #([\w-]+) \}$", markdown, flags=re.MULTILINE)
    assert headings == [
        ("第七十九届会议", "session-79"),
        ("第七十八届会议", "session-78"),
        ("其他文件", "other"),
    ]
    links = re.findall(r"\]\((resolutions/[^)]+)\)", markdown)
    assert links == [
        "resolutions/a-c-1-79-l-9.md",  # L.9 before L.10: symbols in natural order
        "resolutions/a-c-1-79-l-10.md",
        "resolutions/a-c-1-78-l-2.md",
        "resolutions/a-res-9-1.md",
    ]
    assert "2024年11月4日" in markdown
    assert "非官方译文" in markdown
    assert "共 4 份文件。" in markdown


def test_home_page_in_english_uses_english_labels() -> None:
    markdown = home_page([page("A/C.1/79/L.9", 79, "en", date="2024-11-04")], "en")
    assert "## Seventy-ninth session { #session-79 }" in markdown
    assert "| Symbol | Title | Document type | Date |" in markdown
    assert "4 November 2024" in markdown
    assert "1 document." in markdown


def test_home_page_has_a_date_column_only_for_sessions_with_dates() -> None:
    markdown = home_page([page("A/C.1/79/L.9", 79, date="2024-11-04"), page("A/C.1/78/L.9", 78)], "zh")
    headers = [line for line in markdown.splitlines() if line.startswith("| 文号")]
    assert headers == ["| 文号 | 标题 | 文件类型 | 日期 |", "| 文号 | 标题 | 文件类型 |"]


def test_home_page_escapes_titles() -> None:
    markdown = home_page([page("A/C.1/79/L.9", 79, title="a | b *c* <d>")], "zh")
    row = next(line for line in markdown.splitlines() if "a-c-1-79-l-9" in line)
    assert "a \\| b \\*c\\* &lt;d&gt;" in row
    assert row.count(" | ") == 2  # three cells (no date column): the title's bar is escaped


def test_write_docs_writes_only_changed_files_and_deletes_stale(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = write_docs([page("A/C.1/79/L.9", 79), page("A/C.1/79/L.9", 79, "en")], docs)
    assert set(first.written) == {
        "zh/index.md",
        "en/index.md",
        "zh/about.md",
        "en/about.md",
        "zh/resolutions/a-c-1-79-l-9.md",
        "en/resolutions/a-c-1-79-l-9.md",
    }
    mtime = (docs / "zh/resolutions/a-c-1-79-l-9.md").stat().st_mtime_ns

    again = write_docs([page("A/C.1/79/L.9", 79), page("A/C.1/79/L.9", 79, "en")], docs)
    assert again.written == () and again.deleted == () and again.unchanged == 6
    assert (docs / "zh/resolutions/a-c-1-79-l-9.md").stat().st_mtime_ns == mtime

    changed = write_docs([page("A/C.1/79/L.10", 79), page("A/C.1/79/L.9", 79, "en")], docs)
    # Each About page now lists a document whose other language has no text.
    assert set(changed.written) == {"zh/index.md", "zh/about.md", "en/about.md", "zh/resolutions/a-c-1-79-l-10.md"}
    assert changed.deleted == ("zh/resolutions/a-c-1-79-l-9.md",)
    assert not (docs / "zh/resolutions/a-c-1-79-l-9.md").exists()
    assert (docs / MARKER).exists()


def test_write_docs_reads_back_only_the_files_not_as_it_left_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    pages = [page("A/C.1/79/L.9", 79), page("A/C.1/79/L.9", 79, "en")]
    reads: list[str] = []
    real_holds = docs_module._holds

    def holds(path: str, data: bytes) -> bool:
        reads.append(Path(path).relative_to(docs).as_posix())
        return real_holds(path, data)

    monkeypatch.setattr(docs_module, "_holds", holds)
    write_docs(pages, docs)
    target = docs / "zh/resolutions/a-c-1-79-l-9.md"
    # Just written: the record is too recent to trust (an edit in the same tick of the
    # file system's clock leaves the time as it was), so each file is read back once
    text = target.read_text(encoding="utf-8")
    edited = text.replace("79", "80", 1)
    assert len(edited) == len(text) and edited != text
    before = target.stat()
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    again = write_docs(pages, docs)
    assert again.written == ("zh/resolutions/a-c-1-79-l-9.md",) and len(reads) == 6
    assert target.read_text(encoding="utf-8") == text

    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    os.utime(docs / docs_module.DIGESTS, ns=(time.time_ns() + 10**9,) * 2)  # the record now settled
    reads.clear()
    assert write_docs(pages, docs).written == () and reads == []  # nothing read back
    # an edit by hand changes the time: that file is read, and written again
    os.utime(docs / docs_module.DIGESTS, ns=(time.time_ns() + 10**9,) * 2)
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
    assert write_docs(pages, docs).written == ("zh/resolutions/a-c-1-79-l-9.md",)
    assert reads == ["zh/resolutions/a-c-1-79-l-9.md"] and target.read_text(encoding="utf-8") == text
    (docs / docs_module.DIGESTS).write_text("not json", encoding="utf-8")  # a broken record: read everything
    reads.clear()
    assert write_docs(pages, docs).written == () and len(reads) == 6


def test_write_docs_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("mine")
    with pytest.raises(DocsError, match="refusing to overwrite"):
        write_docs([page("A/C.1/79/L.9", 79)], tmp_path)
    assert (tmp_path / "notes.md").read_text() == "mine"


@pytest.mark.parametrize("path", ["index.md", "../x.md", "/abs.md", "resolutions/x.txt", "a/../../x.md", ".md",
                                  "resolutions/_x.md", "resolutions/.x.md", "a\\b.md", "about.md", "./about.md"])
def test_write_docs_rejects_bad_page_paths(tmp_path: Path, path: str) -> None:
    bad = dataclasses.replace(page("A/C.1/79/L.9", 79), path=path)
    with pytest.raises(DocsError, match=r"expected a relative path|reserved"):
        write_docs([bad], tmp_path / "docs")


@pytest.mark.parametrize(("path", "file"), [("resolutions/a-c-1-79-l-9.md", "en/resolutions/a-c-1-79-l-9.md"),
                                            ("compare/x.y.md", "en/compare/x.y.md"), ("./x.md", "en/x.md"),
                                            ("a//b.md", "en/a/b.md"), ("索引/会议.md", "en/索引/会议.md")])
def test_a_page_path_gives_its_file_as_a_posix_path_would(path: str, file: str) -> None:
    assert docs_module._page_file(dataclasses.replace(page("A/C.1/79/L.9", 79), path=path, lang="en")) == file


def test_a_pages_digest_is_that_of_its_markdown_and_a_changed_copy_has_its_own() -> None:
    first = page("A/C.1/79/L.9", 79)
    assert first.digest == hashlib.sha256(first.markdown.encode("utf-8")).hexdigest()
    changed = dataclasses.replace(first, markdown=first.markdown + "More.\n")
    assert changed.digest == hashlib.sha256(changed.markdown.encode("utf-8")).hexdigest() != first.digest
    again = pickle.loads(pickle.dumps(first))
    assert again == first and again.digest == first.digest
    assert dataclasses.replace(changed, markdown=first.markdown) == first  # the digest is not compared


def test_write_docs_rejects_duplicate_pages(tmp_path: Path) -> None:
    with pytest.raises(DocsError, match="same language and path"):
        write_docs([page("A/C.1/79/L.9", 79), page("A/C.1/79/L.9", 79)], tmp_path / "docs")


def test_permalinks_only_on_un_paragraphs_with_ids() -> None:
    html = (
        '<p class="un-pp" id="pp1"><em>Recalling</em> x</p>'
        '<p id="op2" class="un-op" data-num="2">2. y</p>'
        '<p class="un-pp">no id</p><p id="other">plain</p>'
    )
    result = add_permalinks(html, "en")
    assert re.findall(r'<a class="un-permalink" href="(#[\w-]+)"', result) == ["#pp1", "#op2"]
    assert result.count("¶</a></p>") == 2
    assert '<p class="un-pp">no id</p><p id="other">plain</p>' in result
    assert 'title="本段链接"' in add_permalinks(html, "zh")


def test_session_heading_without_session() -> None:
    assert session_heading(None, "en") == "Other documents"
    assert session_heading(80, "zh") == "第八十届会议"


@pytest.mark.parametrize("atomic", [True, False])
def test_replace_tree_puts_the_new_folder_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, atomic: bool
) -> None:
    if not atomic:
        monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    new, target = tmp_path / "new", tmp_path / "site"
    for folder, name in ((new, "fresh.html"), (target, "stale.html")):
        (folder / "sub").mkdir(parents=True)
        (folder / "sub" / name).write_text(name)
    old = swap.replace_tree(new, target)
    assert snapshot(target) == {"sub/fresh.html": b"fresh.html"}
    assert old is not None and snapshot(old) == {"sub/stale.html": b"stale.html"}  # for the caller to remove
    swap.remove_tree(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]

    newer = tmp_path / "newer"
    newer.mkdir()
    assert swap.replace_tree(newer, tmp_path / "absent") is None
    assert (tmp_path / "absent").is_dir() and not newer.exists()


class _Idle:
    """A process that does nothing (an ``rm`` that removed nothing)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def wait(self) -> int:
        return 0


@pytest.mark.parametrize("rm", ["system", "absent", "failing"])
def test_remove_tree_removes_the_folder_but_not_what_its_links_point_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rm: str
) -> None:
    if rm == "absent":
        monkeypatch.setattr(shutil, "which", lambda name: None)
    elif rm == "failing":  # rm ran and removed nothing: shutil.rmtree does it all
        monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: None)
        monkeypatch.setattr(subprocess, "Popen", _Idle)
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "page.html").write_text("kept")
    tree = tmp_path / "-old site"  # a name rm could take for an option
    for index in range(30):
        (tree / f"d{index}" / "sub").mkdir(parents=True)
        (tree / f"d{index}" / "sub" / "index.html").write_text(str(index))
    (tree / "link").symlink_to(kept, target_is_directory=True)
    os.link(kept / "page.html", tree / "hard.html")
    swap.remove_tree(tree)
    assert not tree.exists()
    assert snapshot(kept) == {"page.html": b"kept"}
    link = tmp_path / "site-link"
    link.symlink_to(kept, target_is_directory=True)
    swap.remove_tree(link)  # a symlink is unlinked, its target stays
    assert not link.exists() and not link.is_symlink() and (kept / "page.html").is_file()


@pytest.mark.parametrize("links", [True, False])
def test_link_files_puts_the_old_sites_files_into_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    def refuse(*args: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    if not links:  # another file system: copies
        monkeypatch.setattr(os, "link", refuse)
    old, new = tmp_path / "old", tmp_path / "new"
    names = [f"en/resolutions/d{index}/index.html" for index in range(5)] + ["index.html", "en/index.html"]
    for name in names:
        (old / name).parent.mkdir(parents=True, exist_ok=True)
        (old / name).write_text(name)
    (new / "en").mkdir(parents=True)  # folders the new site has already are kept
    (new / "en" / "other.html").write_text("other")
    swap.link_files(names[1:], old, new)
    assert snapshot(new) == {**{name: name.encode() for name in names[1:]}, "en/other.html": b"other"}
    assert all(((old / name).stat().st_ino == (new / name).stat().st_ino) == links for name in names[1:])


def test_move_into_merges_folders_and_replaces_files(tmp_path: Path) -> None:
    source, target = tmp_path / "post", tmp_path / "staging"
    files = {"sitemap.xml": "steps", "en/resolutions/x/x.en.json": "json", "search/index.json": "index"}
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text)
    for name, text in {"sitemap.xml": "mkdocs", "en/resolutions/x/index.html": "page"}.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text)
    moved_folder = (source / "search").stat().st_ino
    swap.move_into(source, target)
    assert snapshot(target) == {"sitemap.xml": b"steps", "en/resolutions/x/x.en.json": b"json",
                                "search/index.json": b"index", "en/resolutions/x/index.html": b"page"}
    assert (target / "search").stat().st_ino == moved_folder  # a folder the target lacked moves whole
    assert snapshot(source) == {}


def test_remove_tree_says_why_it_could_not_remove(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(subprocess, "run", lambda *args, **kwargs: None)
    monkeypatch.setattr(shutil, "rmtree", refuse)
    (tmp_path / "old" / "sub").mkdir(parents=True)
    with pytest.raises(PermissionError, match="Permission denied"):
        swap.remove_tree(tmp_path / "old")


# ---- the real site -----------------------------------------------------------------------


@pytest.mark.site
def test_exactly_the_expected_pages_are_built(built_site: BuiltSite) -> None:
    built = html_files(built_site.site_dir)
    # Spelled out for the first document; every other document adds its two pages. The
    # collection stage adds, per language, the indexes, one page per sponsoring State (China
    # sponsored the first document) and a comparison per pair of consecutive versions.
    indexes = ("index", "sessions", "committees", "agenda-items", "kinds", "sponsors", "treaties",
               "sponsors/cn")
    assert {
        "index.html",
        "en/index.html",
        "404.html",
        "en/404.html",
        "resolutions/a-c-1-79-l-53-rev-1/index.html",
        "en/resolutions/a-c-1-79-l-53-rev-1/index.html",
        *(html_file(f"indexes/{name}.md", lang) for lang in site_languages() for name in indexes),
    } <= built
    generated = {html_file(p.path, p.lang) for p in built_site.pages}
    assert {p.lang for p in built_site.pages} == set(site_languages())
    assert built == {"index.html", "en/index.html", "about/index.html", "en/about/index.html", "404.html",
                     "en/404.html"} | generated
    documents = [p for p in built_site.pages if p.info is not None]
    others = {p.path.split("/")[0] for p in built_site.pages if p.info is None}
    assert {p.path.split("/")[0] for p in documents} == {"resolutions"}
    assert others <= {"indexes", "compare"}
    # Every other file but the theme's assets and the search indexes: what publishing adds
    # (build_tools.site.publish), the sitemap index and its sitemaps included, and the
    # marker that says a build wrote the folder (build_tools.site.folder).
    site = built_site.site_dir
    files = {
        path.relative_to(site).as_posix() for path in site.rglob("*")
        if path.is_file() and path.suffix != ".html"
        and not {"assets", "search"} & set(path.relative_to(site).parts)
    }
    exports = {export_file(p.path, p.lang, "md") for p in documents}
    exports |= {export_file(p.path, p.lang, ext) for p in documents for ext in ("json", "akn.xml")
                if p.document is not None and p.document.lang == p.lang}
    assert files == {
        "sitemap.xml", "sitemap.xml.gz", "sitemap-zh-1.xml", "sitemap-en-1.xml", "en/sitemap.xml",
        "robots.txt", "feed.xml", "en/feed.xml",
        "un-resolutions-json.zip", "schemas/document.schema.json", ".unres-site",
    } | exports
    assert {
        "resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1.zh.json",
        "en/resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1.en.akn.xml",
        "en/resolutions/a-c-1-79-l-53-rev-1/a-c-1-79-l-53-rev-1.en.md",
    } <= exports


@pytest.mark.site
def test_html_lang_is_the_page_language(built_site: BuiltSite) -> None:
    for name in sorted(html_files(built_site.site_dir)):
        expected = "en" if name.startswith("en/") else "zh"
        html = [attrs for tag, attrs in tags(built_site.site_dir / name) if tag == "html"]
        assert html == [{"lang": expected, "class": "no-js"}], name


@pytest.mark.site
def test_language_switcher_lands_on_the_same_document(built_site: BuiltSite) -> None:
    site, base = built_site.site_dir, built_site.site_url
    for doc in {p.path for p in built_site.pages} | {"index.md"}:
        assert switcher_target(site, doc, "zh", "en", base) == urljoin(base, page_url(doc, "en"))
        assert switcher_target(site, doc, "en", "zh", base) == urljoin(base, page_url(doc, "zh"))


@pytest.mark.site
def test_home_pages_link_every_document(built_site: BuiltSite) -> None:
    for lang in site_languages():
        home = built_site.site_dir / html_file("index.md", lang)
        here = urljoin(built_site.site_url, page_url("index.md", lang))
        hrefs = {urljoin(here, a["href"]) for tag, a in tags(home) if tag == "a" and "href" in a}
        text = home.read_text(encoding="utf-8")
        for doc in (p for p in built_site.pages if p.lang == lang and p.info is not None):
            assert urljoin(built_site.site_url, page_url(doc.path, lang)) in hrefs
            assert doc.info is not None
            assert doc.info.symbol in text and doc.info.kind_label in text
        # The indexes are linked from the home page; no other generated page is listed.
        for name in ("index", "sessions", "committees", "agenda-items", "kinds", "sponsors", "treaties"):
            assert urljoin(built_site.site_url, page_url(f"indexes/{name}.md", lang)) in hrefs
        assert not [h for h in hrefs if "/compare/" in h or re.search(r"/indexes/sponsors/[a-z]{2}/$", h)]


@pytest.mark.site
def test_paragraphs_have_permalinks(built_site: BuiltSite) -> None:
    for doc in (p for p in built_site.pages if p.info is not None):
        ids = re.findall(r"\{: #((?:pp|op)[\w-]*) ", doc.markdown)
        assert ids, f"{doc.lang}/{doc.path}: no paragraphs"
        html = (built_site.site_dir / html_file(doc.path, doc.lang)).read_text(encoding="utf-8")
        links = re.findall(r'<a class="un-permalink" href="#([\w-]+)"', html)
        assert links == ids


@pytest.mark.site
def test_no_asset_is_loaded_from_the_network(built_site: BuiltSite) -> None:
    site_host = urlsplit(built_site.site_url).netloc
    for path in sorted(built_site.site_dir.rglob("*.html")):
        for tag, attrs in tags(path):
            for name in ("src", "href", "srcset", "data"):
                url = attrs.get(name, "")
                if not re.match(r"(?:https?:)?//", url) or (tag, name) == ("a", "href"):
                    continue
                # Only the canonical and alternate links may be absolute: they name pages of
                # this site (site_url), they are not loaded.
                assert tag == "link" and attrs.get("rel") in ("canonical", "alternate"), (path, url)
                assert urlsplit(url).netloc == site_host, (path, url)
    for path in sorted(built_site.site_dir.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css), path
        assert not re.search(r"@import\s+(?:url\()?\s*['\"]?(?:https?:)?//", css), path
    for path in [*built_site.site_dir.rglob("*.html"), *built_site.site_dir.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        assert not [host for host in CDN_HOSTS if host in text], path


@pytest.mark.site
def test_document_page_size_does_not_grow_with_the_collection(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    extra = []
    for number in range(1, 41):
        for original in (p for p in built_site.pages if p.path == FIRST):
            slug = f"a-c-1-79-l-{1000 + number}"
            extra.append(dataclasses.replace(original, path=f"resolutions/{slug}.md"))
    site = tmp_path / "site"
    build_site([*built_site.pages, *extra], make_project(tmp_path / "project"), site,
               site_url=built_site.site_url)
    assert len(html_files(site)) == len(html_files(built_site.site_dir)) + len(extra)
    for lang in site_languages():
        small = (built_site.site_dir / html_file(FIRST, lang)).stat().st_size
        large = (site / html_file(FIRST, lang)).stat().st_size
        assert large == small, f"{lang}: {small} bytes with the collection, {large} with 40 more"
        assert (site / html_file("index.md", lang)).stat().st_size > (
            built_site.site_dir / html_file("index.md", lang)
        ).stat().st_size


@pytest.mark.site
def test_build_is_deterministic(built_site: BuiltSite, tmp_path: Path) -> None:
    again = tmp_path / "site"
    build_site(built_site.pages, make_project(tmp_path / "project"), again,
               site_url=built_site.site_url)
    first, second = snapshot(built_site.site_dir), snapshot(again)
    assert sorted(first) == sorted(second)
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    # The comparison covers what publishing adds: exports, the archive, feeds, robots.txt,
    # the 404 page of each language and the sitemap (dates from SOURCE_DATE_EPOCH).
    published = ("un-resolutions-json.zip", "feed.xml", "en/feed.xml", "robots.txt", "en/404.html",
                 "sitemap.xml.gz", "schemas/document.schema.json")
    assert set(published) <= set(first)
    for ext in (".json", ".akn.xml", ".md"):
        assert any(name.startswith(("resolutions/", "en/resolutions/")) and name.endswith(ext) for name in first)


@pytest.mark.site
def test_failed_build_leaves_the_previous_site_untouched(
    built_site: BuiltSite, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site.site_dir, site)
    before = snapshot(site)
    broken = page("A/C.1/79/L.9", 79, body="See [the annex](missing-annex.md).")
    with pytest.raises(SiteBuildError) as failure:
        build_site([*built_site.pages, broken], make_project(tmp_path / "project"), site)
    message = str(failure.value)
    assert "missing-annex.md" in message and "strict" in message
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]


@pytest.mark.site
def test_bad_pages_fail_the_build_with_a_site_build_error(tmp_path: Path) -> None:
    bad = dataclasses.replace(page("A/C.1/79/L.9", 79), path="index.md")
    with pytest.raises(SiteBuildError, match="reserved"):
        build_site([bad], make_project(tmp_path / "project"), tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.site
def test_site_folder_may_not_overlap_the_sources(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    for site in (project, project / "build", project / "build" / "docs" / "site", tmp_path):
        with pytest.raises(SiteBuildError, match="overlaps"):
            build_site([], project, site)


@pytest.mark.site
def test_mkdocs_command_line_regenerates_the_docs(tmp_path: Path) -> None:
    """``mkdocs build`` (as ``mkdocs serve`` does) converts content/ through the plugin."""
    project = make_project(tmp_path / "project")
    (project / "build" / "docs").mkdir(parents=True)  # MkDocs checks that docs_dir exists
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "out"]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (project / "build" / "docs" / "zh" / FIRST).is_file()
    assert (project / "out" / html_file(FIRST, "en")).is_file()


# ---- the About page ------------------------------------------------------------------------


def test_about_page_names_the_texts_that_are_not_official() -> None:
    pages = [page("A/C.1/79/L.9", 79), page("A/C.1/79/L.9", 79, "en", text_status="unofficial-translation"),
             page("A/C.1/79/L.10", 79), page("A/C.1/79/L.10", 79, "en")]
    zh = about_page(pages, "zh")
    assert "目前收录2份文件。" in zh and "{" + "official}" not in zh and "{" + "report}" not in zh
    assert "| [A/C.1/79/L.9](resolutions/a-c-1-79-l-9.md) | 正式文本 | 非正式译文 |" in zh
    assert "L.10" not in zh  # both of its texts are official
    assert "[索引]" not in zh and "索引" in zh  # no index pages among these: no link to one
    en = about_page(pages[2:], "en", report_to="mailto:editors@example.org")
    assert "Every text this site holds is an official text" in en
    assert "Send your report to: <mailto:editors@example.org>" in en


@pytest.mark.site
def test_about_pages_are_built_and_linked_from_the_home_pages(built_site: BuiltSite) -> None:
    for lang, words in (("zh", "哪些文本是正式文本"), ("en", "Which texts are official")):
        html = (built_site.site_dir / html_file("about.md", lang)).read_text(encoding="utf-8")
        assert words in html and 'id="report"' in html
        home = (built_site.site_dir / html_file("index.md", lang)).read_text(encoding="utf-8")
        assert re.search(r'<a href="about/">[^<]+</a>', home), lang
