"""Publishing: the files a built site offers besides its pages, and each page's metadata.

The post-build step :func:`publish` (registered in :mod:`build_tools.site.postbuild`)
writes into the staging folder, next to the pages:

* per document page: ``<slug>.<lang>.md``, the page's Markdown as generated; per document
  text: ``<slug>.<lang>.json`` (the document model, :mod:`build_tools.export.model_json`)
  and ``<slug>.<lang>.akn.xml`` (Akoma Ntoso, :mod:`build_tools.export.akn`) in the folder
  of the page of that language;
* ``un-resolutions-json.zip``: every document's JSON and the schema, in one archive;
* ``schemas/document.schema.json``: the JSON Schema of the exports;
* ``feed.xml`` per language (``/feed.xml``, ``/en/feed.xml``): an Atom feed of the
  documents, newest first;
* ``robots.txt`` pointing at the sitemap;
* ``sitemap.xml`` (and ``sitemap.xml.gz``), a sitemap index, and the sitemaps it lists:
  every page of every language with its ``hreflang`` alternates (:func:`sitemaps`), in
  place of the one MkDocs writes (which, when the pages are rendered in several processes,
  lists only each process's share).

Every date in these files comes from the documents or from ``SOURCE_DATE_EPOCH`` (the
build's time otherwise), and every archive is byte-reproducible, so two builds of the same
content give the same site.

For the theme, :func:`page_meta` (called by :mod:`build_tools.site.plugin`) derives a
page's description, Open Graph properties and download links from its front matter; the
partials ``theme/partials/downloads.html`` and ``theme/partials/page-meta.html`` show them.
"""

from __future__ import annotations

import datetime
import functools
import gzip
import os
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from build_tools import cache as build_cache
from build_tools.export import Feed, FeedEntry, atom_feed, describe, reproducible_zip, to_akn
from build_tools.export.archive import Deflated, Member, deflate, deflated_entries
from build_tools.export.model_json import SCHEMA_FILE, dumps
from build_tools.labels import label
from build_tools.languages import language, site_languages
from build_tools.lexicon import lexicon
from build_tools.model import Document
from build_tools.pages import DocumentInfo, Page
from build_tools.parallel import fork_map
from build_tools.settings import source_date_epoch
from build_tools.site.built import BuiltSite
from build_tools.site.swap import link_files

ARCHIVE = "un-resolutions-json.zip"
SCHEMA = "schemas/document.schema.json"
FEED = "feed.xml"
FEED_ENTRIES = 100
"""How many documents a feed lists: the latest (by :func:`_last_change`). A feed reader
fetches the feed again and again; the whole collection is in the archive and the sitemap
(a feed of every document would be 4.7 MB at 5,000 documents a language)."""
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"
SITEMAP_URLS = 10_000
"""Pages per sitemap listed in the sitemap index."""
HOME = "index.md"
DOCUMENTS = "resolutions/"
"""Folder of the document pages inside each language."""

MEDIA_TYPES = {"json": "application/json", "akn.xml": "application/akn+xml", "md": "text/markdown"}


class PublishError(Exception):
    """The exports cannot be written (a name clash with the site's own files)."""


# ---- where things go ---------------------------------------------------------------------


def lang_prefix(lang: str) -> str:
    """``""`` for the default language (served at ``/``), ``"en/"`` for the others."""
    return "" if lang == site_languages()[0] else f"{lang}/"


def page_folder(path: str, lang: str) -> str:
    """``resolutions/x.md`` in ``en`` → ``en/resolutions/x/``: where the page is built."""
    stem = path.removesuffix(".md")
    folder = "" if stem == "index" else stem.removesuffix("/index") + "/"
    return lang_prefix(lang) + folder


def export_file(path: str, lang: str, extension: str) -> str:
    """``resolutions/x.md``, ``zh``, ``json`` → ``resolutions/x/x.zh.json`` (site-relative)."""
    name = path.rpartition("/")[2]
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # PurePosixPath(path).stem, in a tenth of the time
    return f"{page_folder(path, lang)}{stem}.{lang}.{extension}"


def build_time() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), else now; in UTC, whole seconds."""
    epoch = source_date_epoch()  # ValueError naming the variable when it is not a time
    if epoch is not None:
        return epoch
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0)


# ---- the post-build step -----------------------------------------------------------------


def publish(site: BuiltSite) -> None:
    """Write the exports, the archive, the schema, the feeds, robots.txt and the sitemap."""
    when = build_time()
    pages = [page for page in site.pages if page.info is not None]
    taken = list(site.taken) if site.taken is not None else carried_exports(pages, site.previous, site.reused_exports)
    exported = write_exports(site.root, pages, when, site.previous, taken, link=not site.carried)
    schema = SCHEMA_FILE.read_bytes()
    members: dict[str, Member] = dict(sorted(archived_exports(exported, site, taken).items()))
    members["document.schema.json"] = schema
    kept = build_cache.for_project(site.project) if site.project is not None else None
    # A build that takes no entry from the last archive compresses each once for the same
    # bytes, kept in the build's cache; a rebuild compresses the few it does not take and
    # leaves that cache as it is, for the next build of every page.
    again = not any(isinstance(member, Deflated) for member in members.values())
    entries = kept.memo("archive") if kept is not None and again else build_cache.Memo.open(None)
    compress = functools.partial(build_cache.by_content, entries, f"deflate {zlib.ZLIB_RUNTIME_VERSION}", deflate)
    files = {SCHEMA: schema, ARCHIVE: reproducible_zip(members, when, compress)}
    entries.save()
    for lang in site_languages():
        files[lang_prefix(lang) + FEED] = feed(pages, lang, site.site_url, when)
    files[ROBOTS] = robots(site.site_url)
    write_files(site.root, files)
    paths = {lang: sorted({HOME, *(p.path for p in site.pages if p.lang == lang)},
                          key=lambda path: (path != HOME, path)) for lang in site_languages()}
    for name, data in sitemaps(paths, site.site_url, when).items():  # in place of MkDocs' sitemap
        (site.root / name).write_bytes(data)
        if name == SITEMAP:
            (site.root / (SITEMAP + ".gz")).write_bytes(gzip.compress(data, mtime=int(when.timestamp())))


def archived_exports(exported: Iterable[str], site: BuiltSite, taken: Sequence[str]) -> dict[str, Member]:
    """The archive's entries of the JSON exports ``exported`` (site paths), by name in the
    archive. An export taken from the site this build replaces (``taken``) is taken as that
    site's archive holds it compressed, when it holds it at the file's size
    (:func:`~build_tools.export.archive.deflated_entries`); every other is read."""
    before: dict[str, Deflated] = {}
    previous = site.previous
    if previous is not None and taken and (previous / ARCHIVE).is_file():
        before = deflated_entries((previous / ARCHIVE).read_bytes())
    taken_names = set(taken)
    from_previous = taken_names if site.carried else set()
    members: dict[str, Member] = {}
    for name in exported:
        if not name.endswith(".json"):
            continue
        entry = _archive_name(name)
        found = before.get(entry) if name in taken_names else None
        where = os.path.join((previous or site.root) if name in from_previous else site.root, name)
        if found is not None and found.size == os.stat(where).st_size:
            members[entry] = found
        else:
            with open(where, "rb") as handle:
                members[entry] = handle.read()
    return members


def _archive_name(site_path: str) -> str:
    """``en/resolutions/x/x.en.json`` → ``x/x.en.json``."""
    parts = PurePosixPath(site_path).parts
    return "/".join(parts[-2:])


def write_exports(root: Path, pages: Iterable[Page], when: datetime.datetime,
                  previous: Path | None = None, taken: Sequence[str] = (), link: bool = True) -> list[str]:
    """Write every document page's Markdown, and JSON and AKN of each text, under ``root``
    (over the cores: :func:`build_tools.parallel.fork_map`); return their site paths, sorted.
    The exports ``taken`` (:func:`carried_exports`) come from the site ``previous``: linked
    into ``root``, or, without ``link``, left for the build to put into the next site."""
    if link and previous is not None:
        link_files(taken, previous, root)
    kept = set(taken)
    made = [page for page in pages if not kept.issuperset(export_names(page))]
    names = [*taken, *(name for found in fork_map(_write_page_exports, made, (root, when.date().isoformat()))
                       for name in found)]
    return sorted(names)


def carried_exports(pages: Iterable[Page], previous: Path | None, reused: frozenset[str]) -> list[str]:
    """The site paths of the exports the site ``previous`` holds for the pages ``reused``
    names, as this build would make them: those of each such page that has them all."""
    if previous is None or not reused:
        return []
    found: list[str] = []
    folder = os.fspath(previous)
    for page in pages:
        if page.info is not None and f"{page.lang}/{page.path}" in reused:
            expected = export_names(page)
            if all(os.path.isfile(os.path.join(folder, name)) for name in expected):
                found += expected
    return found


def export_names(page: Page) -> list[str]:
    """The site paths of a document page's exports (what :func:`export_files` makes)."""
    extensions = ("md", "json", "akn.xml") if _own_text(page) is not None else ("md",)
    return [export_file(page.path, page.lang, extension) for extension in extensions]


def export_files(page: Page, generated: str) -> dict[str, bytes]:
    """A document page's Markdown, and JSON and AKN of its text, by site path."""
    files = {export_file(page.path, page.lang, "md"): page.markdown.encode("utf-8")}
    document = _own_text(page)
    if document is not None:
        files[export_file(page.path, page.lang, "json")] = dumps(document).encode("utf-8")
        files[export_file(page.path, page.lang, "akn.xml")] = to_akn(document, generated)
    return files


def _own_text(page: Page) -> Document | None:
    """The document whose text the page exports: None for pages made by hand, and for a
    page that shows the other language's text (exported with that language's page)."""
    document = page.document
    if document is None:
        return None
    if page.info is not None:  # as rendered: the model of an unchanged document stays unread
        return document if page.info.text_status != "missing" else None
    return document if document.lang == page.lang else None


def _write_page_exports(where: tuple[Path, str], page: Page) -> list[str]:
    root, generated = where
    files = export_files(page, generated)
    write_files(root, files)
    return list(files)


def feed(pages: Iterable[Page], lang: str, site_url: str, when: datetime.datetime) -> bytes:
    """The Atom feed of the :data:`FEED_ENTRIES` latest document pages in ``lang`` (in the
    feed's order: the latest change first, then by address)."""
    stamp = _rfc3339(when)
    candidates = [(_last_change(info) or stamp, site_url + page_folder(page.path, lang), page, info)
                  for page in pages if page.lang == lang and (info := page.info) is not None]
    by_address = sorted(candidates, key=lambda item: item[1])
    latest = sorted(by_address, key=lambda item: item[0], reverse=True)[:FEED_ENTRIES]
    entries = []
    for updated, url, page, info in latest:
        text_lang = page.document.lang if page.document is not None else lang
        dated = f"{info.date}T00:00:00Z" if info.date else None
        summary = describe(lang=lang, symbol=info.symbol, title=info.title, kind_label=info.kind_label,
                           session=info.session, committee=info.committee,
                           agenda_item=info.agenda_item, date=info.date)
        if info.text_status != "official":
            summary += label(f"feed.status.{info.text_status}", lang)
        entries.append(FeedEntry(
            url=url,
            title=f"{info.symbol} {info.title}",
            summary=summary,
            updated=updated,
            published=dated,
            category=info.kind,
            category_label=info.kind_label,
            alternates=tuple((MEDIA_TYPES[ext], site_url + export_file(page.path, text_lang, ext))
                             for ext in ("json", "akn.xml")),
        ))
    home = site_url + lang_prefix(lang)
    return atom_feed(Feed(
        lang=lang, title=label("feed.title", lang), subtitle=label("home.intro", lang),
        url=home + FEED, home=home, author=label("home.title", lang), updated=stamp,
    ), entries)


def _last_change(info: DocumentInfo) -> str | None:
    """The latest day of the document's life the collection knows (its own date, or that of
    a step such as its adoption as a resolution), as an RFC 3339 time."""
    days = [day for day in (info.date, *(r.date for r in info.relations)) if day]
    return f"{max(days)}T00:00:00Z" if days else None


def sitemaps(paths: Mapping[str, Iterable[str]], site_url: str, when: datetime.datetime) -> dict[str, bytes]:
    """``sitemap.xml``, a sitemap index, and the sitemaps it lists (``sitemap-<lang>-<n>.xml``,
    at most :data:`SITEMAP_URLS` pages each): every page of every language, with its last
    change (the build date) and the same page in every language that has it.

    An index, not one sitemap: the protocol allows 50,000 addresses per sitemap, and
    Material's script downloads the ``sitemap.xml`` of the language root of each feed link
    (``/sitemap.xml``, ``/en/sitemap.xml``) with the first page a reader opens (for an index,
    a few hundred bytes). ``<lang>/sitemap.xml`` is the index of that language's sitemaps."""
    have = {lang: set(found) for lang, found in paths.items()}
    lastmod = when.date().isoformat()
    files: dict[str, bytes] = {}
    for lang, found in paths.items():
        ordered = list(found)
        for start in range(0, max(len(ordered), 1), SITEMAP_URLS):
            lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                     '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                     'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
            for path in ordered[start:start + SITEMAP_URLS]:
                lines += ["    <url>", f"        <loc>{xml_escape(site_url + page_folder(path, lang))}</loc>",
                          f"        <lastmod>{lastmod}</lastmod>", "        <changefreq>daily</changefreq>"]
                lines += [f'        <xhtml:link rel="alternate" hreflang="{other}" '
                          f"href={quoteattr(site_url + page_folder(path, other))}/>"
                          for other in paths if path in have[other]]
                lines.append("    </url>")
            lines.append("</urlset>")
            files[f"sitemap-{lang}-{start // SITEMAP_URLS + 1}.xml"] = ("\n".join(lines) + "\n").encode("utf-8")
    indexes = {SITEMAP: _sitemap_index(list(files), site_url, lastmod)}
    for lang in paths:
        if lang_prefix(lang):
            mine = [name for name in files if name.startswith(f"sitemap-{lang}-")]
            indexes[lang_prefix(lang) + SITEMAP] = _sitemap_index(mine, site_url, lastmod)
    return {**indexes, **files}


def _sitemap_index(names: Iterable[str], site_url: str, lastmod: str) -> bytes:
    index = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for name in names:
        index += ["    <sitemap>", f"        <loc>{xml_escape(site_url + name)}</loc>",
                  f"        <lastmod>{lastmod}</lastmod>", "    </sitemap>"]
    index.append("</sitemapindex>")
    return ("\n".join(index) + "\n").encode("utf-8")


def robots(site_url: str) -> bytes:
    return (
        "# Every page may be indexed; the sitemap lists them with their other-language versions.\n"
        "User-agent: *\n"
        "Allow: /\n"
        "\n"
        f"Sitemap: {site_url}sitemap.xml\n"
    ).encode()


def write_files(root: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` under ``root``; never over a file the build already made."""
    for relative, data in files.items():
        target = root / relative
        if target.exists():
            raise PublishError(f"{relative}: the site already has a file of this name")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _rfc3339(when: datetime.datetime) -> str:
    return when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- page metadata for the theme (through the plugin) ------------------------------------


def page_meta(meta: Mapping[str, Any], lang: str, path: str) -> dict[str, Any]:
    """What the theme shows for the page at ``path`` (inside its language's docs folder)
    with front matter ``meta``: ``description`` (when the page has none) and ``un_publish``
    (Open Graph properties, the feed, download links; site-relative URLs)."""
    result: dict[str, Any] = {}
    published: dict[str, Any] = {
        "feed": {"href": lang_prefix(lang) + FEED, "title": label("feed.title", lang)},
        "og": [("og:type", "website"), *_locales(lang)],
    }
    if path == HOME:
        published["downloads"] = _home_downloads(lang)
    elif _is_document(meta, path):
        description = _description(meta, lang)
        result["description"] = meta.get("description") or description
        published["og"] = [("og:type", "article"), *_locales(lang)]
        if meta.get("date"):
            published["og"].append(("article:published_time", str(meta["date"])))
        published["downloads"] = _document_downloads(meta, lang, path)
    result["un_publish"] = published
    return result


def _is_document(meta: Mapping[str, Any], path: str) -> bool:
    return path.startswith(DOCUMENTS) and bool(meta.get("symbol")) and "text_status" in meta


def _locales(lang: str) -> list[tuple[str, str]]:
    others = [("og:locale:alternate", language(other).og_locale) for other in site_languages() if other != lang]
    return [("og:locale", language(lang).og_locale), *others]


def _description(meta: Mapping[str, Any], lang: str) -> str:
    committee = meta.get("committee")
    return describe(
        lang=lang,
        symbol=str(meta["symbol"]),
        title=str(meta.get("title") or ""),
        kind_label=label(f"kind.{meta.get('kind')}", lang) if meta.get("kind") else "",
        session=meta.get("session"),
        committee=lexicon(lang).committees.get(str(committee)) if committee is not None else None,
        agenda_item=str(meta["agenda_item"]) if meta.get("agenda_item") else None,
        date=str(meta["date"]) if meta.get("date") else None,
    )


def text_language(meta: Mapping[str, Any], lang: str) -> str:
    """The language of the text a document page shows: its own, or (when it has none) the
    first site language whose text there is, as :func:`build_tools.render.render_all`
    chooses it."""
    if meta.get("text_status") != "missing":
        return lang
    statuses = meta.get("languages") or {}
    return next((other for other in site_languages() if other != lang and statuses.get(other, "official") != "missing"),
                lang)


def _document_downloads(meta: Mapping[str, Any], lang: str, path: str) -> dict[str, Any]:
    text_lang = text_language(meta, lang)
    note = "" if text_lang == lang else label("downloads.text_in", lang).format(
        language=label(f"language.{text_lang}", lang))
    links = [
        _link(label("downloads.json", lang), export_file(path, text_lang, "json"), "json", note),
        _link(label("downloads.akn", lang), export_file(path, text_lang, "akn.xml"), "akn.xml", note),
        _link(label("downloads.markdown", lang), export_file(path, lang, "md"), "md", ""),
    ]
    return {"title": label("downloads.title", lang), "links": links}


def _home_downloads(lang: str) -> dict[str, Any]:
    links = [
        _link(label("downloads.collection", lang), ARCHIVE, "zip", ""),
        _link(label("downloads.schema", lang), SCHEMA, "json", ""),
        _link(label("downloads.feed", lang), lang_prefix(lang) + FEED, "atom", ""),
    ]
    return {"title": label("downloads.title", lang), "links": links}


def _link(text: str, href: str, kind: str, note: str) -> dict[str, str]:
    media = {**MEDIA_TYPES, "zip": "application/zip", "atom": "application/atom+xml"}[kind]
    filename = "" if kind == "atom" else PurePosixPath(href).name  # a feed is opened, not saved
    return {"label": text, "href": href, "type": media, "filename": filename, "note": note}
