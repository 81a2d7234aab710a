"""The search index: one per language, paragraph by paragraph, built after MkDocs.

:func:`write_search_index` (a post-build step, see :mod:`build_tools.site.postbuild`)
writes, under each language's root (``search/`` for Chinese, ``en/search/`` for English),
an index of that language's document pages only; ``theme/assets/javascripts/search.js``
queries it from the header search box of the pages of the same language.

What is indexed: per document page, one record per paragraph (``pp1``, ``op2``, ``op2a``),
footnote (``fn:4``), the title (with the symbol) and the sponsors, each with the anchor the
result links to. Only text in the page's language: a page showing the other language's
text (none in its own yet) has its symbol and sponsors indexed, not that text.

How text becomes terms, the same in Python and in the browser (``search.js`` mirrors
:func:`fold`, :func:`tokens`, :func:`terms` and :func:`build_tools.site.porter.porter`; a
browser test compares them on every record of the collection):

* each character is folded on its own (NFKC, lower case, NFD, combining marks dropped), so
  full-width ``７６／２３４`` is ``76/234`` and offsets map back to the text;
* a run of Han characters gives its overlapping bigrams (``国际合作``: 国际 际合 合作) and its
  last character alone: a query of two or more characters is found by its bigrams wherever
  it stands, whatever the words around it (no dictionary, nothing to disagree on); a query
  of one character by the terms that start with it;
* a run of letters and digits (not Han) is a word: stemmed with Porter's algorithm in the
  English index, kept as it is in the Chinese one (symbols, numbers); stop words are not
  indexed (a query skips them when it looks terms up, and still matches them in phrases).

Files (all gzip, fixed mtime, so two builds give the same bytes):

* ``search/meta.json.gz``: record count, mean record length, the terms' chunk boundaries,
  each document's first record and filter values, filter labels, stop words;
* ``search/terms/<n>.gz``: a range of the sorted terms with their postings (record, term
  frequency, quantised record length), about :data:`CHUNK_BYTES` each: a query downloads
  the chunks of its terms only;
* ``search/docs/<n>.json.gz``: a document's symbol, title, address and records' text, for
  the results shown (downloaded for those only).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import itertools
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.labels import label
from build_tools.lexicon import COMMITTEES, KINDS, committee_id
from build_tools.pages import LANGUAGES, Page
from build_tools.parallel import fork_map
from build_tools.render import session_name
from build_tools.site.porter import porter
from build_tools.states import load_states

if TYPE_CHECKING:
    from build_tools.site.postbuild import BuiltSite

FORMAT = 1
FOLDER = "search"
CHUNK_BYTES = 12_000
"""Target size of a chunk of postings before compression."""
STOP_WORDS = tuple(sorted("""
a an and are as at be by for from has have in into is it its of on or that the their these
this those to was were which with
""".split()))
"""Not indexed; a query looks its other words up and matches these in phrases only."""
HAN_RANGES = (
    (0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F), (0x30000, 0x323AF),
)
"""Han characters (``search.js`` has the same ranges)."""
_HAN = "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES)
_TOKEN = re.compile(f"[{_HAN}]+|[^\\W_{_HAN}]+")
_HAN_RUN = re.compile(f"[{_HAN}]+")
_WORD = re.compile("[a-z]+")


# ---- text to terms ------------------------------------------------------------------------


class _FoldTable(dict[int, str]):
    """``str.translate`` table folding each character on its own, filled as characters come."""

    def __missing__(self, code: int) -> str:
        text = unicodedata.normalize("NFKC", chr(code)).lower()
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M"))
        self[code] = text
        return text


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Each character folded on its own: NFKC, lower case, NFD without combining marks."""
    return text.translate(_FOLD)


def tokens(text: str) -> list[str]:
    """Runs of Han characters and runs of other letters and digits, folded, in order."""
    return _TOKEN.findall(fold(text))


def terms(text: str, lang: str) -> tuple[Counter[str], int]:
    """The index terms of ``text`` with their frequencies, and its length in tokens
    (a Han character or a word each)."""
    found: list[str] = []
    length = 0
    for token in tokens(text):
        made, size = _token_terms(token, lang)
        found += made
        length += size
    return Counter(found), length


@functools.lru_cache(maxsize=1 << 16)
def _token_terms(token: str, lang: str) -> tuple[tuple[str, ...], int]:
    if _HAN_RUN.fullmatch(token):
        return (*(token[i : i + 2] for i in range(len(token) - 1)), token[-1]), len(token)
    if token in STOP_WORDS:
        return (), 1
    return (porter(token) if lang == "en" and _WORD.fullmatch(token) else token,), 1


# ---- what is indexed ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Record:
    """A passage a result points at."""

    anchor: str
    """``title``, ``pp3``, ``op2a``, ``fn:4``: the element id the result opens."""
    kind: str
    """``title`` | ``sponsors`` | ``pp`` | ``op`` | ``fn``."""
    text: str


@dataclass(frozen=True, slots=True)
class IndexedDocument:
    url: str
    """Address of the page relative to its language's root (``resolutions/x/``)."""
    symbol: str
    title: str | None
    """None when the page shows no text in its own language (the title would be the other's)."""
    filters: dict[str, str]
    """``kind``, ``session``, ``committee``: filter values (ids)."""
    records: tuple[Record, ...]


def page_url(page: Page) -> str:
    """``resolutions/x.md`` → ``resolutions/x/`` (MkDocs' directory URLs)."""
    stem = page.path.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def indexed_document(page: Page) -> IndexedDocument | None:
    """The records of a document page in its own language; None for other pages."""
    info = page.info
    if info is None:
        return None
    text = page.document if page.document is not None and page.document.lang == page.lang else None
    title = info.title if text is not None or page.document is None else None
    records = [Record("title", "title", f"{info.symbol} {title}" if title else info.symbol)]
    sponsors = page.document.sponsors if page.document is not None else ()
    if sponsors:
        states = load_states()
        names = [states.by_code(s.code).name(page.lang) for s in sponsors]
        records.append(Record("title", "sponsors", ("、" if page.lang == "zh" else ", ").join(names)))
    if text is not None:
        for paragraph in text.paragraphs:
            kind = "op" if paragraph.anchor.startswith("op") else "pp"
            records.append(Record(paragraph.anchor, kind, paragraph.text))
        records += [Record(f"fn:{note.number}", "fn", note.text) for note in text.footnotes]
    if page.document is not None:
        committee = page.document.committee
    else:  # a page made by hand: its committee's name
        committee = committee_id(info.committee, page.lang) if info.committee else None
    filters = {"kind": info.kind, "session": str(info.session or ""), "committee": committee or ""}
    return IndexedDocument(page_url(page), info.symbol, title, filters, tuple(records))


def filter_label(name: str, value: str, lang: str) -> str:
    """How a filter value reads in ``lang``."""
    if name == "kind":
        return label(f"kind.{value}", lang)
    if name == "session":
        return session_name(int(value), lang) if value else label("home.no_session", lang)
    if value in COMMITTEES:
        return str(COMMITTEES[value][lang])
    return label("index.committee.plenary" if value == "plenary" else "index.committee.not-stated", lang)


def _filter_order(name: str, value: str) -> tuple[int, int | str]:
    if name == "session":
        return (1, 0) if not value else (0, -int(value))
    known = list(KINDS) if name == "kind" else [*COMMITTEES, "plenary"]
    return (known.index(value), 0) if value in known else (len(known), value)


# ---- the index files ----------------------------------------------------------------------


@functools.cache
def _varint_bytes(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _varint(out: bytearray, value: int) -> None:
    out += _varint_bytes(value)


_BYTES = tuple(bytes([value]) for value in range(256))


def quantise(length: int) -> int:
    """A record length in one byte (``search.js``: ``exp(q / 16) - 1``)."""
    return min(255, round(16 * math.log1p(length)))


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


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


def build_index(documents: Sequence[IndexedDocument], lang: str) -> SearchIndex:
    """The index files of ``documents`` (all pages of ``lang``)."""
    pairs: dict[str, list[int]] = {}  # term: [record, frequency, record, frequency, ...]
    lengths: list[int] = []
    total = 0
    for document in documents:
        for record in document.records:
            found, length = terms(record.text, lang)
            total += length
            number = len(lengths)
            for term, frequency in found.items():
                listed = pairs.get(term)
                if listed is None:
                    pairs[term] = [number, frequency]
                else:
                    listed += (number, frequency)
            lengths.append(quantise(length))
    postings = {term: _postings(listed[0::2], listed[1::2], lengths) for term, listed in pairs.items()}
    chunks, files = _chunks(postings, {term: len(listed) // 2 for term, listed in pairs.items()})
    files.update(_document_files(documents))
    build = hashlib.sha256(b"".join(files[name] for name in sorted(files))).hexdigest()[:12]
    meta = _meta(documents, lang, len(lengths), total, chunks, build)
    files["meta.json.gz"] = _gzip(_json(meta))
    return SearchIndex(lang, files, len(documents), len(lengths), len(postings))


def _postings(ids: list[int], frequencies: list[int], lengths: list[int]) -> bytes:
    """(record delta, frequency, quantised length) per record, varints but the length."""
    deltas = [b - a for a, b in zip([0, *ids], ids, strict=False)]
    quantised = [lengths[i] for i in ids]
    if max(deltas) < 0x80 and max(frequencies) < 0x80:  # one byte each: the usual case
        out = bytearray(3 * len(ids))
        out[0::3], out[1::3], out[2::3] = deltas, frequencies, quantised
        return bytes(out)
    parts = zip(map(_varint_bytes, deltas), map(_varint_bytes, frequencies), map(_BYTES.__getitem__, quantised),
                strict=True)
    return b"".join(itertools.chain.from_iterable(parts))


def _chunks(postings: dict[str, bytes], counts: dict[str, int]) -> tuple[list[list[str]], dict[str, bytes]]:
    """Sorted terms cut into chunks of about :data:`CHUNK_BYTES`; their first and last terms."""
    bounds: list[list[str]] = []
    files: dict[str, bytes] = {}
    entries: list[bytes] = []
    names: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal size
        body = bytearray()
        _varint(body, len(entries))
        files[f"terms/{len(bounds)}.gz"] = _gzip(bytes(body) + b"".join(entries))
        bounds.append([names[0], names[-1]])
        entries.clear()
        names.clear()
        size = 0

    for term in sorted(postings, key=_utf16_order):
        encoded = term.encode("utf-8")
        entry = bytearray()
        _varint(entry, len(encoded))
        entry += encoded
        _varint(entry, counts[term])
        entry += postings[term]
        entries.append(bytes(entry))
        names.append(term)
        size += len(entry)
        if size >= CHUNK_BYTES:
            flush()
    if entries:
        flush()
    return bounds, files


def _document_files(documents: Sequence[IndexedDocument]) -> dict[str, bytes]:
    files = {}
    for number, document in enumerate(documents):
        data = {
            "url": document.url,
            "symbol": document.symbol,
            "title": document.title,
            "records": [[r.anchor, r.kind, r.text] for r in document.records],
        }
        files[f"docs/{number}.json.gz"] = _gzip(_json(data))
    return files


def _meta(
    documents: Sequence[IndexedDocument], lang: str, records: int, total: int, chunks: list[list[str]], build: str
) -> dict[str, Any]:
    names = ("kind", "session", "committee")
    values = {name: sorted({d.filters[name] for d in documents}, key=functools.partial(_filter_order, name))
              for name in names}
    rows: list[list[int]] = []
    first = 0
    for document in documents:
        rows.append([first, *(values[name].index(document.filters[name]) for name in names)])
        first += len(document.records)
    return {
        "format": FORMAT,
        "lang": lang,
        "build": build,
        "records": records,
        "avgdl": round(total / records, 3) if records else 0,
        "stop": list(STOP_WORDS),
        "chunks": chunks,
        "docs": rows,
        "filters": [
            {"name": name, "label": label(name, lang),
             "values": [[value, filter_label(name, value, lang)] for value in values[name]]}
            for name in names
        ],
    }


# ---- the post-build step ------------------------------------------------------------------


def language_root(root: Path, lang: str) -> Path:
    """Where a language's pages are: the site root for the first language, ``<lang>/`` else."""
    return root if lang == LANGUAGES[0] else root / lang


def indexes(pages: Iterable[Page]) -> Iterator[SearchIndex]:
    """One index per site language, of that language's document pages (the languages side
    by side over the cores: :func:`build_tools.parallel.fork_map`)."""
    ordered = sorted(pages, key=lambda page: page.path)
    yield from fork_map(_language_index, list(LANGUAGES), ordered, minimum=2)


def _language_index(pages: list[Page], lang: str) -> SearchIndex:
    documents = [d for d in (indexed_document(p) for p in pages if p.lang == lang) if d is not None]
    return build_index(documents, lang)


def write_search_index(site: BuiltSite) -> None:
    """Post-build step: write each language's index into ``<language root>/search/``."""
    for index in indexes(site.pages):
        folder = language_root(site.root, index.lang) / FOLDER
        if folder.exists():
            raise FileExistsError(f"{folder}: expected no such folder before the search index is written")
        for name, data in index.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


SEARCH_LABELS = ("hint", "loading", "none", "unavailable", "count", "passages", "passages_one", "documents",
                 "documents_one", "more_in_document", "more_documents", "all", "title", "sponsors", "footnote",
                 "filters")


def template_context(lang: str) -> dict[str, Any]:
    """What ``theme/partials/search.html`` needs: the search box's labels in ``lang``, and
    the language's root relative to the site's (for pages without a page, the 404s)."""
    return {
        "labels": {key: label(f"search.{key}", lang) for key in SEARCH_LABELS},
        "root": "" if lang == LANGUAGES[0] else f"{lang}/",
        "folder": f"{FOLDER}/",
    }
