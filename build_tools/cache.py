"""The conversion cache: a document is converted again only when it or the converter changed.

The caches under ``<project>/build/cache/`` (next to ``content/``):

``convert/``
    The result of :func:`build_tools.collection.convert_folder` for one document folder
    (its pages, diagnostics and models), keyed by the SHA-256 of the converter's code
    version (:func:`code_version`), the folder's path as shown in messages, and the name
    and bytes of every file in the folder. Changing a text, ``meta.yml`` or any file in
    ``build_tools/`` gives a new key; nothing else can change the result.
``pdf/``
    What :func:`build_tools.pdf.read_pdf` extracted from one official PDF (read with a time
    limit: :mod:`build_tools.pdf_worker`), keyed by the
    PDF's bytes, its language, its shown path and the code version. PDFs that are not in
    the cache are extracted in parallel, one process per core, before the documents are
    converted (:meth:`ConversionCache.prefetch_pdfs`).

``collection/``
    What the collection stage computed for pages (:class:`Memo`): the comparison pages,
    keyed by the code version and the two documents' folder keys, and the check of each page
    it wrote, keyed by the code version and the page's Markdown. A folder per kind holds
    the entries the last run used, in :data:`MEMO_SHARDS` pickles.
``published/``
    The last version of each document folder that converted cleanly (what stays published
    while the folder has errors), by a hash of its shown path, and :data:`PUBLISHED_KEYS`,
    the conversion key of each, so that a build writes only the versions that changed.

Entries are pickles written atomically; an unreadable entry is a miss. After a whole
collection is converted, entries that this run did not use are removed, so the cache
holds one entry per document. ``UNRES_CACHE=off`` in the environment turns them all off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import shutil
import stat
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .datafile import supplement_folders
from .diagnostics import DiagnosticError
from .languages import described
from .lexicon import LEXICONS
from .parallel import max_jobs
from .pdf_worker import read_pdf as extract
from .pdf_worker import read_pdf_pickled
from .pickling import collector_paused
from .reading import LIMITS

CACHE_DIR = Path("build") / "cache"
"""Relative to the project (the folder that holds ``content/``)."""
DEPENDENCIES = ("markdown-it-py", "mdit-py-plugins", "PyYAML", "babel", "pypdfium2")
"""Packages whose version can change what the converter produces (and poppler's
``pdftotext``, which reads PDFs a second time)."""

PARALLEL_FROM = 8
"""From this many documents to convert, they are converted over the cores before the build
reads any; fewer are converted in one forked process while the build reads the others from
the cache (or in the build's own process when there are no others)."""

T = TypeVar("T")
Converted = tuple[list[Any], list[Any], dict[str, Any]]
"""What ``convert_folder`` returns: pages, diagnostics, models by language."""

_ACTIVE: ContextVar[ConversionCache | None] = ContextVar("unres_conversion_cache", default=None)


def enabled() -> bool:
    return os.environ.get("UNRES_CACHE", "").lower() not in ("off", "0", "no", "false")


@functools.cache
def code_version() -> str:
    """A digest of everything that decides a conversion's result: every file of
    ``build_tools/`` (code and data), the Python version and the dependencies' versions; and
    of a language described outside the package, its description, the module of its lexicon
    and its data supplements."""
    digest = hashlib.sha256(sys.version.encode())
    package = Path(__file__).resolve().parent
    outside = [Path(file) for words in LEXICONS.values()
               if (file := getattr(sys.modules.get(words.session_name.__module__), "__file__", None))
               and not Path(file).resolve().is_relative_to(package)]
    outside += [path for folder in supplement_folders() for path in folder.rglob("*")]
    for path in [*sorted(package.rglob("*")), *sorted(set(outside))]:
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            shown = path.relative_to(package) if path.is_relative_to(package) else path
            digest.update(str(shown).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(repr(described()).encode())
    for name in DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    digest.update(f"poppler={_poppler_version()}\0".encode())
    return digest.hexdigest()


def _poppler_version() -> str:
    """The version of poppler's ``pdftotext``, which the second reading of PDFs runs
    (``-`` when it is not installed: installing it changes what a conversion reports)."""
    try:
        done = subprocess.run(["pdftotext", "-v"], capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "-"
    return done.stderr.decode("utf-8", "replace").splitlines()[0] if done.stderr else "?"


def folder_key(folder: Path, shown: str) -> str:
    """The key of a document folder: code version, shown path, every entry's name and
    :func:`entry_digest`."""
    digest = hashlib.sha256(f"{code_version()}\0{shown}\0".encode("utf-8", "surrogatepass"))
    for path in sorted(folder.iterdir()):
        digest.update(os.fsencode(path.name) + b"\0" + entry_digest(path))
    return digest.hexdigest()


def pdf_key(path: Path, lang: str, shown: str) -> str:
    digest = hashlib.sha256(f"{code_version()}\0pdf\0{lang}\0{shown}\0".encode("utf-8", "surrogatepass"))
    digest.update(entry_digest(path))
    return digest.hexdigest()


def entry_digest(path: Path | str) -> bytes:
    """What a folder entry is: a regular file (a link followed) no larger than the largest
    file the build reads by its bytes; anything else (a link, a folder, a named pipe, a
    device, a huge file) by what it is, without opening it. A build reads nothing more
    than the conversion would (:mod:`build_tools.reading`). (One ``lstat`` for what is not
    a link, and no :mod:`pathlib`: the check whether anything changed calls this for every
    content file.)"""
    digest = hashlib.sha256()
    name = os.fspath(path)
    try:
        status = os.lstat(name)
        if stat.S_ISLNK(status.st_mode):
            digest.update(b"link\0" + os.fsencode(os.readlink(name)) + b"\0")
            status = os.stat(name)
    except (OSError, RuntimeError):  # gone, a broken link or a loop
        return digest.digest()
    if stat.S_ISREG(status.st_mode) and status.st_size <= max(LIMITS.values()):
        # A build reads a file's digest twice (whether anything changed, then the cache
        # keys), and the next build again (file_digests_kept): the same file as it was then
        # (same inode, size and times) gives the same digest without reading it again;
        # unless it changed in the last seconds, within the file system's clock's grain (as
        # Git treats a "racy" file).
        seen = (name, status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        known = _FILE_DIGESTS.get(seen)
        if known is None:
            with open(name, "rb") as handle:
                known = hashlib.file_digest(handle, "sha256").digest()
            if time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > SETTLED_NS:
                _FILE_DIGESTS[seen] = known
        if _LOOKED_AT is not None and seen in _FILE_DIGESTS:
            _LOOKED_AT.add(seen)
        digest.update(known)
    else:
        digest.update(f"{status.st_mode}\0{status.st_size}\0{status.st_mtime_ns}".encode())
    return digest.digest()


_FILE_DIGESTS: dict[tuple[str, int, int, int, int, int], bytes] = {}
"""File digests by path and status, for :func:`entry_digest` in this process."""

SETTLED_NS = 3_000_000_000
"""A file last changed longer ago than this (3 s, more than the 2 s a tick of the coarsest
common file system clock, FAT's, lasts) is remembered by its status: here, when it is
read; in the docs folder's record (:mod:`build_tools.site.docs`), when the record is
written."""

PUBLISHED_KEYS = "keys.json"
"""In ``published/``: ``{entry name: conversion key}`` of the versions kept there, one file
read once a build (not a file beside each version, read for every document)."""

FILE_DIGESTS = "file-digests.pickle"
"""In the project's cache folder: the file digests :func:`entry_digest` remembered in the
last build (:func:`file_digests_kept`)."""

_LOOKED_AT: set[tuple[str, int, int, int, int, int]] | None = None
"""The remembered digests looked up meanwhile, within :func:`file_digests_kept`."""


@contextmanager
def file_digests_kept(project: Path) -> Iterator[None]:
    """Meanwhile, :func:`entry_digest` knows the digests it remembered in the project's last
    build too (``build/cache/file-digests.pickle``); after, that record holds those it
    looked up this time. The rule is the same as within one build: a digest stands for a
    file with the same path, device, inode, size, modification and change times, and is
    remembered only when the file had settled as it was read, so an edit (which sets the
    change time, as nothing else can) is always read. The check whether anything changed
    then costs a ``stat`` of each content file, not reading it (at 5,000 documents per
    language 0.37 s, where reading them took 0.7–0.8 s, and 3 s with none of them in the
    system's page cache). Nothing is read or written when the cache is off
    (``UNRES_CACHE=off``)."""
    global _LOOKED_AT
    if not enabled() or _LOOKED_AT is not None:
        yield
        return
    record = project.resolve() / CACHE_DIR / FILE_DIGESTS
    loaded = _load(record)
    before = {key: value for key, value in loaded.items() if _digest_entry(key, value)} \
        if isinstance(loaded, dict) else {}
    for key, value in before.items():
        _FILE_DIGESTS.setdefault(key, value)
    _LOOKED_AT = set()
    try:
        yield
    finally:
        looked_at, _LOOKED_AT = _LOOKED_AT, None
        after = {key: _FILE_DIGESTS[key] for key in sorted(looked_at) if key in _FILE_DIGESTS}
        if after != before:
            _store(record, after)


def _digest_entry(key: object, value: object) -> bool:
    """Whether a record's entry has the form :data:`_FILE_DIGESTS` holds."""
    return (isinstance(key, tuple) and len(key) == 6 and isinstance(key[0], str)
            and all(isinstance(part, int) for part in key[1:]) and isinstance(value, bytes) and len(value) == 32)


@dataclass
class Stats:
    """What one run did: hits and misses of each cache."""

    hits: int = 0
    misses: int = 0
    pdf_hits: int = 0
    pdf_extracted: int = 0
    """Extracted while converting (a PDF that was not prefetched)."""
    pdf_prefetched: int = 0
    """Extracted in parallel before converting."""
    converted_in_parallel: int = 0
    """Documents converted by worker processes (then read from the cache: hits)."""
    collection_reused: int = 0
    """Comparisons and checks of the collection stage taken from an earlier build."""
    collection_done: int = 0
    """Comparisons and checks of the collection stage made in this run."""


@dataclass
class ConversionCache:
    """The caches of one project; use :func:`for_project` and :meth:`active`."""

    root: Path
    used: set[Path] = field(default_factory=set)
    stats: Stats = field(default_factory=Stats)
    keys: dict[tuple[Path, str], str] = field(default_factory=dict)
    """Folder keys computed in this run (prefetching and converting need the same ones)."""
    pending: dict[Path, Future[None]] = field(default_factory=dict)
    """Entries a forked process is converting into while this one reads the others
    (:meth:`prefetch_documents`)."""
    _pool: ProcessPoolExecutor | None = None
    _keys: dict[str, str] | None = None
    """The record of the published versions (:meth:`_published_keys`)."""
    _published_changing: bool = False

    def key(self, folder: Path, shown: str) -> str:
        if (folder, shown) not in self.keys:
            self.keys[(folder, shown)] = folder_key(folder, shown)
        return self.keys[(folder, shown)]

    @property
    def convert_dir(self) -> Path:
        return self.root / "convert"

    @property
    def pdf_dir(self) -> Path:
        return self.root / "pdf"

    def memo(self, name: str) -> Memo:
        """Results of kind ``name`` kept from one build to the next (``comparisons``, ``checks``,
        ``collection``, ``archive``...), in ``collection/<name>/``."""
        (self.root / "collection" / f"{name}.pickle").unlink(missing_ok=True)  # one pickle, before shards
        return Memo.open(self.root / "collection" / name)

    # ---------------------------------------------------------------- documents

    def convert(self, folder: Path, shown: str, convert: Callable[[], Converted]) -> Converted:
        """``convert()``'s result for ``folder``, from the cache when the key is there."""
        try:
            key = self.key(folder, shown)
        except OSError:
            return convert()  # unreadable files: let the converter report them
        result, hit = self._through(self.convert_dir / f"{key}.pickle", convert)
        if hit:
            self.stats.hits += 1
        else:
            self.stats.misses += 1
        return result

    def prefetch_documents(self, folders: Sequence[tuple[Path, str]], root: Path,
                           convert: Callable[[Path, Path], Any], workers: int | None = None) -> int:
        """Convert the documents ``(folder, shown)`` that are not cached with
        ``convert(folder, root)`` (:func:`build_tools.collection.convert_folder`, passed in:
        the collection imports this module), in parallel over the cores, into the cache;
        :meth:`ConversionCache.convert` then finds them there. Returns how many
        were converted. With one core, or few documents, nothing is done here."""
        workers = workers or max_jobs()
        missing = []
        for folder, shown in folders:
            try:
                entry = self.convert_dir / f"{self.key(folder, shown)}.pickle"
            except OSError:
                continue
            if not entry.exists():
                missing.append((folder, entry))
        if workers < 2 or not missing:
            return 0
        if len(missing) < PARALLEL_FROM:
            if len(missing) == len(folders):
                return 0  # nothing to read from the cache meanwhile: converted in this process
            # A few changed documents (a rebuild): converted in a forked process while this
            # one reads the others from the cache; :meth:`convert` waits for each it needs.
            self._pool = ProcessPoolExecutor(max_workers=1)
            for folder, entry in missing:
                self.pending[entry] = self._pool.submit(_convert_into, convert, folder, root, entry, self.root)
            self.stats.converted_in_parallel += len(missing)
            return len(missing)
        with ProcessPoolExecutor(max_workers=min(workers, len(missing))) as pool:
            chunk = max(1, len(missing) // (workers * 8))
            list(pool.map(_convert_into, [convert] * len(missing), [f for f, _ in missing], [root] * len(missing),
                          [e for _, e in missing], [self.root] * len(missing), chunksize=chunk))
        self.stats.converted_in_parallel += len(missing)
        return len(missing)

    # ---------------------------------------------------------------- PDFs

    def read_pdf(self, path: Path, lang: str, shown: str, read: Callable[[], T]) -> T:
        try:
            key = pdf_key(path, lang, shown)
        except OSError:
            return read()
        result, hit = self._through(self.pdf_dir / f"{key}.pickle", read)
        if hit:
            self.stats.pdf_hits += 1
        else:
            self.stats.pdf_extracted += 1
        return result

    def _through(self, entry: Path, compute: Callable[[], T]) -> tuple[T, bool]:
        """The value stored in ``entry`` (and True), or ``compute()``'s, stored there (and
        False); either way the entry counts as used."""
        self.used.add(entry)
        self._wait_for(entry)
        cached = _load(entry)
        if cached is not None:
            return cached, True
        result = compute()
        _store(entry, result)
        return result, False

    def prefetch_pdfs(self, folders: Sequence[tuple[Path, str]], languages: Sequence[str],
                      workers: int | None = None) -> None:
        """Extract, in parallel over the cores, the PDFs that converting the documents
        ``(folder, shown)`` will read and that no cache holds yet.

        Failures are not raised here: :meth:`read_pdf` meets the same PDF again while
        converting and reports the problem where the document's other problems are."""
        missing = []
        for folder, shown in folders:
            pdfs = pdfs_to_read(folder, shown, languages)
            if not pdfs:
                continue
            try:
                if (self.convert_dir / f"{self.key(folder, shown)}.pickle").exists():
                    continue  # the document itself is cached: its PDFs are not read
                entries = [(path, lang, pdf_shown, self.pdf_dir / f"{pdf_key(path, lang, pdf_shown)}.pickle")
                           for path, lang, pdf_shown in pdfs]
            except OSError:
                continue
            missing += [entry for entry in entries if not entry[3].exists()]
        if not missing:
            return
        workers = min(len(missing), workers or max_jobs())
        if workers == 1:
            for path, lang, shown, entry in missing:
                _extract_into(path, lang, shown, entry)
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(pool.map(_extract_into, *zip(*missing, strict=True)))
        self.stats.pdf_prefetched += len(missing)

    # ---------------------------------------------------------------- housekeeping

    # ---------------------------------------------------------------- last good versions

    @property
    def published_dir(self) -> Path:
        return self.root / "published"

    def _published(self, shown: str) -> Path:
        return self.published_dir / hashlib.sha256(shown.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def keep_published(self, shown: str, key: str, result: Converted) -> None:
        """Remember ``result`` as the version of ``shown`` that is published (written only
        when it changed: :data:`PUBLISHED_KEYS` says which conversion each one is)."""
        keys = self._published_keys()
        entry = self._published(shown)
        if keys.get(entry.name) == key and entry.with_suffix(".pickle").is_file():
            return
        if not self._published_changing:
            # Until the record is written again (save_published), there is none: a build
            # stopped in between leaves no record that names a version it replaced.
            (self.published_dir / PUBLISHED_KEYS).unlink(missing_ok=True)
            self._published_changing = True
        _store(entry.with_suffix(".pickle"), result)
        keys[entry.name] = key

    def save_published(self) -> None:
        """Write the record of the published versions, if :meth:`keep_published` changed any."""
        if self._published_changing and self._keys is not None:
            data = json.dumps(dict(sorted(self._keys.items())), separators=(",", ":")).encode("ascii")
            _store(self.published_dir / PUBLISHED_KEYS, None, raw=data)
            self._published_changing = False

    def _published_keys(self) -> dict[str, str]:
        """The record of :data:`PUBLISHED_KEYS`, read once a run (empty when there is none:
        every version is then written again)."""
        if self._keys is None:
            try:
                loaded = json.loads((self.published_dir / PUBLISHED_KEYS).read_text(encoding="ascii"))
            except (OSError, ValueError):
                loaded = None
            valid = isinstance(loaded, dict) and all(isinstance(v, str) for v in loaded.values())
            self._keys = dict(loaded) if valid else {}
            if not valid and self.published_dir.is_dir():  # the markers of the former layout, one a version
                for marker in self.published_dir.glob("*.key"):
                    marker.unlink(missing_ok=True)
        return self._keys

    def last_published(self, shown: str) -> Converted | None:
        """The last version of ``shown`` that converted cleanly, if there is one."""
        loaded = _load(self._published(shown).with_suffix(".pickle"))
        return loaded if isinstance(loaded, tuple) and len(loaded) == 3 else None

    def _wait_for(self, entry: Path) -> None:
        """Until the forked process converting into ``entry``, if any, is done with it (a
        failure there is a miss here: the document is converted again in this process)."""
        future = self.pending.pop(entry, None)
        if future is not None:
            with contextlib.suppress(Exception):
                future.result()
        if not self.pending and self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def prune(self) -> int:
        """Remove the entries this run did not use; return how many."""
        for entry in list(self.pending):  # converted ahead but not asked for
            self._wait_for(entry)
        removed = 0
        for directory in (self.convert_dir, self.pdf_dir):
            if not directory.is_dir():
                continue
            for entry in directory.iterdir():
                if entry.suffix == ".pickle" and entry not in self.used:
                    entry.unlink(missing_ok=True)
                    removed += 1
        return removed


def template_folder(project: Path) -> Path | None:
    """Where Jinja keeps the theme's compiled templates from one build to the next (its
    ``FileSystemBytecodeCache``, set by :mod:`build_tools.site.plugin`), or None when the
    cache is off. Jinja checks each template's source itself; the compiled code also depends
    on the environment (the autoescaping rules of :mod:`build_tools.site.escaping`) and on
    Jinja's version, so there is one folder per code version and Jinja version, and the
    folders of others are removed."""
    if not enabled():
        return None
    key = hashlib.sha256(f"{code_version()}\0jinja2={metadata.version('jinja2')}".encode()).hexdigest()[:16]
    folder = project.resolve() / CACHE_DIR / "templates" / key
    if not folder.is_dir():
        with contextlib.suppress(OSError):
            for other in folder.parent.iterdir():
                shutil.rmtree(other, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
    return folder


MEMO_SHARDS = 64
"""The pickles a :class:`Memo` is kept in. A rebuild after one changed document writes
again the shards that hold its entries and those of the pages it changes (the indexes it
is in, the pages that cite it): at 5,000 documents, 12 of 16 pickles of the checks (29 MB);
of 64, 12–14 MB."""


def _shard(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % MEMO_SHARDS


@dataclass
class Memo:
    """Results by key, kept from one build to the next in a folder of :data:`MEMO_SHARDS`
    pickles (an entry's by a hash of its key) that together hold exactly the entries the
    last run looked up (:meth:`save`); a missing or unreadable pickle is empty. A run writes
    again only the pickles whose entries changed: after one changed document, a few of
    them, not the whole collection's entries."""

    path: Path | None
    """The memo's folder (None: kept nowhere)."""
    old: dict[str, Any]
    new: dict[str, Any] = field(default_factory=dict)
    hits: int = 0
    made: int = 0
    changed: set[int] = field(default_factory=set)
    """The shards with an entry made in this run."""
    held: list[int] = field(default_factory=lambda: [0] * MEMO_SHARDS)
    """How many entries each shard's pickle held when it was read."""

    @classmethod
    def open(cls, path: Path | None) -> Memo:
        old: dict[str, Any] = {}
        held = [0] * MEMO_SHARDS
        if path is not None:
            for number in range(MEMO_SHARDS):
                loaded = _load(path / f"{number}.pickle")
                if isinstance(loaded, dict):
                    old.update(loaded)
                    held[number] = len(loaded)
        return cls(path, old, held=held)

    def get(self, key: str) -> tuple[bool, Any]:
        """``(True, value)`` when ``key`` is known, else ``(False, None)``."""
        if key in self.new:
            return True, self.new[key]
        if key in self.old:
            self.hits += 1
            self.new[key] = self.old[key]
            return True, self.new[key]
        return False, None

    def put(self, key: str, value: Any) -> None:
        self.made += 1
        self.new[key] = value
        self.changed.add(_shard(key))

    def save(self) -> None:
        """Keep the entries this run looked up: write each shard whose entries are not
        exactly the ones its pickle holds."""
        if self.path is None:
            return
        before = [0] * MEMO_SHARDS
        for key in self.old:
            before[_shard(key)] += 1
        after: list[dict[str, Any]] = [{} for _ in range(MEMO_SHARDS)]
        for key, value in self.new.items():
            after[_shard(key)][key] = value
        for number, entries in enumerate(after):
            file = self.path / f"{number}.pickle"
            # a pickle that held other entries than its own (kept when there were fewer
            # shards, a copy of another's) is written again, or removed
            if number not in self.changed and len(entries) == before[number] == self.held[number] \
                    and (file.is_file() or not entries):
                continue
            if entries:
                _store(file, entries)
            else:
                file.unlink(missing_ok=True)


def by_content(memo: Memo, kind: str, function: Callable[[bytes], T], data: bytes) -> T:
    """``function(data)``, kept in ``memo`` by ``kind`` and the digest of ``data``: a
    compressor's output made once for the same bytes (``kind`` names the compressor and,
    for zlib's, its version)."""
    key = digest(kind, hashlib.sha256(data).hexdigest())
    known, value = memo.get(key)
    if not known:
        value = function(data)
        memo.put(key, value)
    return value  # type: ignore[no-any-return]


def digest(*parts: str) -> str:
    """A key from ``parts`` and the code version."""
    value = hashlib.sha256(code_version().encode())
    for part in parts:
        value.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return value.hexdigest()


def for_project(project: Path) -> ConversionCache | None:
    """The cache of the project that holds ``content/``, or None when turned off."""
    if not enabled():
        return None
    return ConversionCache(project.resolve() / CACHE_DIR)


@contextmanager
def active(cache: ConversionCache | None) -> Iterator[ConversionCache | None]:
    """Make ``cache`` the one :func:`read_pdf` uses meanwhile."""
    token = _ACTIVE.set(cache)
    try:
        yield cache
    finally:
        _ACTIVE.reset(token)


def read_pdf(path: Path, lang: str, shown: str) -> Any:
    """:func:`build_tools.pdf.read_pdf` through the active cache, if any, with its time
    limit (:mod:`build_tools.pdf_worker`)."""
    cache = _ACTIVE.get()
    if cache is None:
        return extract(path, lang, shown)
    return cache.read_pdf(path, lang, shown, lambda: extract(path, lang, shown))


def pdfs_to_read(folder: Path, shown: str, languages: Sequence[str]) -> list[tuple[Path, str, str]]:
    """The PDFs converting ``folder`` reads: ``<lang>.pdf`` where there is no ``<lang>.txt``."""
    found = []
    for lang in languages:
        pdf = folder / f"{lang}.pdf"
        if pdf.is_file() and not os.path.lexists(folder / f"{lang}.txt"):
            found.append((pdf, lang, f"{shown}/{pdf.name}"))
    return found


def _convert_into(convert: Callable[[Path, Path], Any], folder: Path, root: Path, entry: Path,
                  cache_root: Path) -> None:
    """In a worker process: convert one document folder (``convert(folder, root)``, which is
    :func:`build_tools.collection.convert_folder`) into its cache entry."""
    with active(ConversionCache(cache_root)):
        _store(entry, convert(folder, root))


def _extract_into(path: Path, lang: str, shown: str, entry: Path) -> None:
    with contextlib.suppress(DiagnosticError):  # reported when the document is converted
        _store(entry, None, raw=read_pdf_pickled(path, lang, shown))


def _load(path: Path) -> Any:
    try:
        with path.open("rb") as handle, collector_paused():
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or outdated entry is a miss
        return None


def _store(path: Path, value: Any, raw: bytes | None = None) -> None:
    """Write ``value`` pickled (or the bytes ``raw``) to ``path`` atomically."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with temporary.open("wb") as handle:  # pickled into the file: no copy of the whole in memory
                if raw is not None:
                    handle.write(raw)
                else:
                    pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)  # left only when writing or pickling failed
    except OSError:
        pass  # a read-only or full disk: build without caching
