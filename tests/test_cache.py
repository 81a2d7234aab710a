"""The conversion cache, and the converter's fast paths that must give the same results as
the straightforward code they replace."""

from __future__ import annotations

import dataclasses
import functools
import gc
import os
import pickle
import re
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from build_tools import cache, cli, collection, collection_pages
from build_tools.clean_text import CleanText
from build_tools.collection import convert_collection, convert_folder, display_path
from build_tools.conservation import check_ingest
from build_tools.ingest import ingest
from build_tools.library import Library
from build_tools.model import Document
from build_tools.pickling import deferred
from build_tools.source import read_source
from build_tools.textmap import MappedText
from build_tools.treaties import _fold
from build_tools.versions import families

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated collection (content/ inside a project folder)."""
    project = tmp_path_factory.mktemp("project")
    generate(12, project / "content")
    return project


def _copy(project: Path, into: Path) -> Path:
    shutil.copytree(project / "content", into / "content")
    return into / "content"


def _same(first: object, second: object) -> bool:
    return pickle.dumps(first) == pickle.dumps(second) or first == second


def test_cached_build_gives_what_a_fresh_conversion_gives(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _copy(generated, tmp_path)
    monkeypatch.setenv("UNRES_CACHE", "off")
    fresh = convert_collection(content)
    assert not (tmp_path / "build").exists()
    monkeypatch.delenv("UNRES_CACHE")
    first = convert_collection(content)  # fills the cache
    second = convert_collection(content)  # reads it
    assert len(list((tmp_path / cache.CACHE_DIR / "convert").glob("*.pickle"))) == 12
    assert first == fresh and second == fresh


def test_a_build_loads_the_cached_models_with_the_collector_paused_and_settles_them(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Loading the models makes no garbage: no collection runs meanwhile; the collection
    stage that follows has them out of the collector's reach; after the command, the
    collector is as before and nothing is left frozen (make serve and the tests run
    builds one after the other in one process)."""
    content = _copy(generated, tmp_path)
    assert convert_collection(content)  # fills the cache
    seen: dict[str, list[object]] = {"loading": [], "stage": []}
    load, stage = cache.ConversionCache.convert, collection_pages.collection_pages

    def loading(self: cache.ConversionCache, *args: Any) -> Any:
        seen["loading"].append(gc.isenabled())
        return load(self, *args)

    def in_stage(*args: Any) -> Any:
        seen["stage"].append((gc.isenabled(), gc.get_freeze_count() > 0))
        return stage(*args)

    monkeypatch.setattr(cache.ConversionCache, "convert", loading)
    monkeypatch.setattr(collection, "collection_pages", in_stage)
    monkeypatch.chdir(tmp_path)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert cli.main(["check", "--content", "content"]) == 0, capsys.readouterr().err
    assert seen["loading"] == [False] * 12
    assert seen["stage"] == [(True, True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_only_the_changed_document_is_converted_again(generated: Path, tmp_path: Path) -> None:
    content = _copy(generated, tmp_path)
    store = cache.ConversionCache(tmp_path / cache.CACHE_DIR)
    folders = sorted((content / "resolutions").iterdir())

    def run() -> cache.Stats:  # a build: a new run of the same cache
        store.stats, store.keys = cache.Stats(), {}
        for folder in folders:
            store.convert(folder, display_path(folder, tmp_path), functools.partial(convert_folder, folder, tmp_path))
        return store.stats

    assert run().misses == 12
    assert run() == cache.Stats(hits=12)
    text = folders[3] / "en.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("The General Assembly,", "The  General Assembly,", 1),
                    encoding="utf-8")
    assert run() == cache.Stats(hits=11, misses=1)
    (folders[5] / "meta.yml").write_text((folders[5] / "meta.yml").read_text() + "\n", encoding="utf-8")
    assert run() == cache.Stats(hits=11, misses=1)


def test_a_rebuild_after_a_change_of_wording_reads_the_models_of_that_document_and_its_versions_alone(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cached models are deferred (:mod:`build_tools.pickling`): after one document's
    wording changed, the collection stage reads that document's models and, for the
    comparisons it is in, those of the versions next to it; every other document's stay
    unread, and its pages and their sections are what a fresh conversion gives."""
    monkeypatch.setenv("UNRES_JOBS", "1")  # every comparison in this process, where it is seen
    content = _copy(generated, tmp_path)
    first, _ = convert_collection(content)
    folder = next(path for path in sorted((content / "resolutions").iterdir())
                  if "-l-" in path.name and (path / "en.txt").exists())
    text = folder / "en.txt"
    front, enacting, body = text.read_text(encoding="utf-8").partition("The General Assembly,")
    assert " and " in body
    text.write_text(front + enacting + body.replace(" and ", " and also ", 1), encoding="utf-8")  # a paragraph's
    models: dict[str, dict[str, Document]] = {page.info.slug: {} for page in first if page.info is not None}
    for page in first:
        if page.info is not None and page.document is not None:
            models[page.info.slug][page.document.lang] = page.document
    family = next((set(f.members) for f in families(Library.of(models)) if folder.name in f.members), {folder.name})
    pages, diagnostics = convert_collection(content)
    read = {page.info.slug for page in pages if page.info is not None and page.document is not None
            and not deferred(page.document)}
    documents = {page.info.slug for page in pages if page.info is not None}
    assert folder.name in read and read <= family and len(documents - read) >= 6
    monkeypatch.setenv("UNRES_CACHE", "off")
    assert (pages, diagnostics) == convert_collection(content)


def test_the_collection_stage_reuses_comparisons_and_checks_of_unchanged_pages(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _copy(generated, tmp_path)
    seen: list[cache.Stats] = []
    prune = cache.ConversionCache.prune

    def recording(self: cache.ConversionCache) -> int:
        seen.append(dataclasses.replace(self.stats))
        return prune(self)

    monkeypatch.setattr(cache.ConversionCache, "prune", recording)
    first = convert_collection(content)
    second = convert_collection(content)
    assert second == first
    assert seen[0].collection_done > 0 and seen[0].collection_reused == 0
    assert seen[1].collection_done == 0 and seen[1].collection_reused == seen[0].collection_done
    comparisons = [p for p in first[0] if p.path.startswith("compare/")]
    memo = cache.Memo.open(tmp_path / cache.CACHE_DIR / "collection" / "comparisons").old
    assert comparisons and sorted((p.lang, p.path) for p in memo.values()) == sorted(
        (p.lang, p.path) for p in comparisons)
    folder = sorted((content / "resolutions").iterdir())[3]
    text = folder / "en.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("the", "the said", 1), encoding="utf-8")
    third = convert_collection(content)
    assert 0 < seen[2].collection_done < seen[0].collection_done
    assert third == convert_collection(content)  # and again from the cache: the same pages


def test_a_change_of_wording_takes_the_rest_of_the_collection_stage_from_the_cache(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexes, lists and the other documents' sections are made from the documents'
    views, which a change of wording leaves as they were: the next build takes them from
    the cache, and its pages are what a build without the cache makes. A change the
    collection reads (a new citation) makes them again."""
    content = _copy(generated, tmp_path)
    made: list[int] = []
    collect = collection_pages.collect

    def counting(*args: Any) -> Any:
        made.append(1)
        return collect(*args)

    monkeypatch.setattr(collection_pages, "collect", counting)

    def uncached() -> object:
        monkeypatch.setenv("UNRES_CACHE", "off")
        try:
            return convert_collection(content)
        finally:
            monkeypatch.delenv("UNRES_CACHE")

    convert_collection(content)
    assert len(made) == 1
    folder = sorted((content / "resolutions").iterdir())[6]
    text = folder / "en.txt"
    source = text.read_text(encoding="utf-8")
    worded = re.sub(r"\bimplementation\b", "implementation and review", source, count=1)  # a paragraph's
    assert worded != source
    text.write_text(worded, encoding="utf-8")
    reworded = convert_collection(content)
    assert len(made) == 1  # nothing made again but the changed pages and their comparisons
    changed = [p for p in reworded[0] if p.info is not None and p.info.slug == folder.name and p.lang == "en"]
    assert changed and "implementation and review" in changed[0].markdown
    assert reworded == uncached()
    cited = worded.replace("implementation and review", "implementation of resolution 70/99", 1)
    text.write_text(cited, encoding="utf-8")
    citing = convert_collection(content)
    assert len(made) == 3  # made again (the uncached build above made it once too)
    assert citing == uncached()
    page = next(p for p in citing[0] if p.info is not None and p.info.slug == folder.name and p.lang == "en")
    cites = page.markdown.partition("{ #cites }")[2]
    assert "A/RES/70/99" in cites.partition("{ #cited-by }")[0]  # in its Cites list


def test_a_few_changed_documents_are_converted_in_a_process_beside_the_reading_of_the_others(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fewer than :data:`build_tools.cache.PARALLEL_FROM` changed documents among cached
    ones: a forked process converts them while the build reads the others from the cache,
    and the build is what a build without the cache gives."""
    content = _copy(generated, tmp_path)
    seen: list[cache.Stats] = []
    prune = cache.ConversionCache.prune

    def recording(self: cache.ConversionCache) -> int:
        seen.append(dataclasses.replace(self.stats))
        assert not self.pending
        return prune(self)

    monkeypatch.setattr(cache.ConversionCache, "prune", recording)
    convert_collection(content)
    folders = sorted((content / "resolutions").iterdir())
    for folder in folders[2], folders[9]:
        text = folder / "en.txt"
        text.write_text(text.read_text(encoding="utf-8").replace("implementation", "implementation and review", 1),
                        encoding="utf-8")
    rebuilt = convert_collection(content)
    assert seen[-1].converted_in_parallel == 2 and seen[-1].hits == 12 and seen[-1].misses == 0
    monkeypatch.setenv("UNRES_CACHE", "off")
    assert rebuilt == convert_collection(content)


def test_a_new_converter_version_converts_everything_again(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _copy(generated, tmp_path)
    convert_collection(content)
    entries = set((tmp_path / cache.CACHE_DIR / "convert").glob("*.pickle"))
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    convert_collection(content)
    after = set((tmp_path / cache.CACHE_DIR / "convert").glob("*.pickle"))
    assert len(after) == 12 and not after & entries  # new keys; the old entries pruned


def test_the_code_version_covers_code_data_and_dependencies() -> None:
    version = cache.code_version()
    assert re.fullmatch(r"[0-9a-f]{64}", version)
    assert version == cache.code_version()
    assert "markdown-it-py" in cache.DEPENDENCIES and "PyYAML" in cache.DEPENDENCIES


def test_the_code_version_covers_a_language_described_outside_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its data supplements and its description: a change of either converts again."""
    from build_tools import datafile, languages

    version = cache.code_version.__wrapped__()
    folder = tmp_path / "fr-data"
    folder.mkdir()
    (folder / "labels.yml").write_text("symbol: {fr: Cote}\n", encoding="utf-8")
    monkeypatch.setattr(datafile, "_SUPPLEMENTS", [folder])
    supplemented = cache.code_version.__wrapped__()
    (folder / "labels.yml").write_text("symbol: {fr: Symbole}\n", encoding="utf-8")
    edited = cache.code_version.__wrapped__()
    monkeypatch.setitem(languages._BY_CODE, "fr", dataclasses.replace(languages.language("en"), code="fr"))
    described = cache.code_version.__wrapped__()
    assert len({version, supplemented, edited, described}) == 4


def test_a_damaged_entry_is_a_miss(generated: Path, tmp_path: Path) -> None:
    content = _copy(generated, tmp_path)
    expected = convert_collection(content)
    for entry in (tmp_path / cache.CACHE_DIR / "convert").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert convert_collection(content) == expected


def test_removed_documents_leave_the_cache(generated: Path, tmp_path: Path) -> None:
    content = _copy(generated, tmp_path)
    convert_collection(content)
    shutil.rmtree(sorted((content / "resolutions").iterdir())[0])
    convert_collection(content)
    assert len(list((tmp_path / cache.CACHE_DIR / "convert").glob("*.pickle"))) == 11


def test_parallel_conversion_gives_the_same_result(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = _copy(generated, tmp_path)
    monkeypatch.setenv("UNRES_CACHE", "off")
    fresh = convert_collection(content)
    monkeypatch.delenv("UNRES_CACHE")
    store = cache.ConversionCache(tmp_path / cache.CACHE_DIR)
    folders = [(f, display_path(f, tmp_path)) for f in sorted((content / "resolutions").iterdir())]
    assert store.prefetch_documents(folders, tmp_path, convert_folder, workers=2) == 12
    assert convert_collection(content) == fresh


PDF = CORPUS / "A_RES_80_22.en.pdf"


@pytest.mark.skipif(not PDF.exists(), reason="the corpus is not there")
def test_pdfs_are_extracted_once_and_in_parallel(tmp_path: Path) -> None:
    from build_tools.pdf import read_pdf

    folders = []
    for name in ("a-res-80-22", "a-res-80-22-copy"):
        folder = tmp_path / "content" / "resolutions" / name
        folder.mkdir(parents=True)
        shutil.copy2(PDF, folder / "en.pdf")  # a test copy in a temporary folder
        folders.append((folder, display_path(folder, tmp_path)))
    store = cache.ConversionCache(tmp_path / cache.CACHE_DIR)
    store.prefetch_pdfs(folders, ("zh", "en"), workers=2)
    assert store.stats.pdf_prefetched == 2
    with cache.active(store):
        for folder, shown in folders:
            got = cache.read_pdf(folder / "en.pdf", "en", f"{shown}/en.pdf")
            assert _same(got, read_pdf(folder / "en.pdf", "en", f"{shown}/en.pdf"))
    assert store.stats.pdf_hits == 2 and store.stats.pdf_extracted == 0


def test_turned_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNRES_CACHE", "off")
    assert cache.for_project(tmp_path) is None
    monkeypatch.setenv("UNRES_CACHE", "on")
    assert cache.for_project(tmp_path) is not None


# ----------------------------------------------------------------------------- fast paths

ALL_CHARACTERS = "".join(map(chr, range(sys.maxunicode + 1)))


def test_fold_maps_what_ignorecase_matches_to_an_ascii_letter() -> None:
    """treaties.find_all skips a pattern whose word is not in _fold(text): exact only if
    every character that an IGNORECASE pattern matches to an ASCII letter folds to it."""
    for letter in "abcdefghijklmnopqrstuvwxyz":
        for char in set(re.findall(letter, ALL_CHARACTERS, re.IGNORECASE)):
            assert _fold(char) == letter, (letter, hex(ord(char)))
    for digit in "0123456789":
        assert re.findall(digit, ALL_CHARACTERS, re.IGNORECASE) == [digit]


def test_non_space_pattern_is_str_isspace() -> None:
    """conservation.check_ingest finds the first non-space character with \\S."""
    matched = set(re.findall(r"\S", ALL_CHARACTERS))
    assert all((char in matched) == (not char.isspace()) for char in ALL_CHARACTERS)


def _check_ingest_reference(clean: CleanText) -> list[str]:
    """The straightforward character-by-character check, for comparison."""
    text = clean.source.text
    covered = bytearray(len(text))
    for piece in [b.text for b in clean.blocks] + [f.text for f in clean.footnotes]:
        bounds = (*piece.starts, len(piece.text))
        for run, origin in enumerate(piece.sources):
            for i in range(bounds[run + 1] - bounds[run]):
                char, original = piece.text[bounds[run] + i], text[origin + i]
                if char != original and not (original.isspace() and char == " "):
                    return [f"differs at {origin + i}"]
                if covered[origin + i]:
                    return [f"twice at {origin + i}"]
                covered[origin + i] = 1
    for artefact in clean.artefacts:
        covered[artefact.start:artefact.end] = b"\x01" * (artefact.end - artefact.start)
    for offset, char in enumerate(text):
        if not covered[offset] and not char.isspace():
            return [f"missing at {offset}"]
    return []


def _damaged(clean: CleanText, how: str) -> CleanText:
    block = clean.blocks[len(clean.blocks) // 2]
    text = block.text
    if how == "altered":
        changed = MappedText("X" + text.text[1:], text.starts, text.sources)
    elif how == "dropped":
        changed = text.slice(0, len(text) // 2)
    else:  # "twice": the block's first run used again
        changed = MappedText.join([text, text.slice(0, 3)])
    blocks = list(clean.blocks)
    blocks[len(blocks) // 2] = dataclasses.replace(block, text=changed)
    return dataclasses.replace(clean, blocks=tuple(blocks))


def test_check_ingest_finds_what_the_straightforward_check_finds(generated: Path) -> None:
    for path in sorted((generated / "content").rglob("*.txt"))[:10]:
        clean = ingest(read_source(path, path.stem))
        for variant in (clean, _damaged(clean, "altered"), _damaged(clean, "dropped"), _damaged(clean, "twice")):
            expected = _check_ingest_reference(variant)
            found = check_ingest(variant)
            assert bool(found) == bool(expected)
            if expected:
                offset = int(expected[0].rsplit(" ", 1)[1])
                assert (found[0].line, found[0].col) == clean.source.locate(offset)


def test_compiled_templates_are_kept_per_code_and_jinja_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One folder of compiled templates, named after the code and Jinja versions; another
    version's folder is removed when this one is made; none with the cache off."""
    stale = tmp_path / cache.CACHE_DIR / "templates" / "0123456789abcdef"
    stale.mkdir(parents=True)
    (stale / "__jinja2_x.cache").write_bytes(b"old")
    folder = cache.template_folder(tmp_path)
    assert folder is not None and folder.is_dir() and folder.parent == stale.parent
    assert not stale.exists()
    assert cache.template_folder(tmp_path) == folder
    monkeypatch.setattr(cache, "code_version", lambda: "another version")
    other = cache.template_folder(tmp_path)
    assert other is not None and other != folder and not folder.exists()
    monkeypatch.setenv("UNRES_CACHE", "off")
    assert cache.template_folder(tmp_path) is None


def test_a_memo_writes_again_only_the_shards_whose_entries_changed(tmp_path: Path) -> None:
    folder = tmp_path / "memo"
    memo = cache.Memo.open(folder)
    keys = [f"key-{n}" for n in range(1000)]
    for number, key in enumerate(keys):
        memo.put(key, number)
    memo.save()
    files = sorted(folder.glob("*.pickle"))
    assert len(files) == cache.MEMO_SHARDS  # 1,000 keys fill every shard

    def stamps() -> dict[str, tuple[int, int]]:
        return {f.name: (f.stat().st_ino, f.stat().st_mtime_ns) for f in folder.glob("*.pickle")}

    written = stamps()
    again = cache.Memo.open(folder)
    assert all(again.get(key) == (True, number) for number, key in enumerate(keys))
    again.save()  # the same entries: no file written
    assert stamps() == written
    one = cache.Memo.open(folder)
    for key in keys:
        one.get(key)
    one.put("key-new", -1)
    one.save()  # one entry more: its shard alone is written
    assert [name for name, stamp in stamps().items() if written[name] != stamp] == [
        f"{cache._shard('key-new')}.pickle"]
    assert cache.Memo.open(folder).old == {**dict(zip(keys, range(1000), strict=True)), "key-new": -1}
    fewer = cache.Memo.open(folder)
    assert fewer.get("key-3") == (True, 3)
    fewer.save()  # only the entries looked up are kept; emptied shards are removed
    assert cache.Memo.open(folder).old == {"key-3": 3}
    assert [f.name for f in folder.glob("*.pickle")] == [f"{cache._shard('key-3')}.pickle"]
    (folder / f"{cache._shard('key-3')}.pickle").write_bytes(b"damaged")
    assert cache.Memo.open(folder).old == {}  # an unreadable shard is empty


def test_a_memo_kept_in_fewer_shards_is_written_again_in_its_own(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """After a change of the number of shards, every entry is still found, and the first
    save leaves each entry in its own shard only: no pickle of the old layout is read again."""
    folder = tmp_path / "memo"
    keys = [f"key-{n}" for n in range(300)]
    monkeypatch.setattr(cache, "MEMO_SHARDS", 4)
    memo = cache.Memo.open(folder)
    for number, key in enumerate(keys):
        memo.put(key, number)
    memo.save()
    assert sorted(f.name for f in folder.glob("*.pickle")) == [f"{n}.pickle" for n in range(4)]
    monkeypatch.setattr(cache, "MEMO_SHARDS", 16)
    more = cache.Memo.open(folder)
    assert all(more.get(key) == (True, number) for number, key in enumerate(keys))  # the same entries
    more.save()
    assert cache.Memo.open(folder).old == dict(zip(keys, range(300), strict=True))
    for file in folder.glob("*.pickle"):
        held = pickle.loads(file.read_bytes())
        assert held and all(cache._shard(key) == int(file.stem) for key in held), file.name
    assert sum(len(pickle.loads(f.read_bytes())) for f in folder.glob("*.pickle")) == 300


def test_a_file_digest_is_remembered_by_its_status_once_the_file_has_settled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file changed in the last seconds is read every time (its next change may keep its
    time, within the clock's grain); a settled one is read once while its status stays."""
    path = tmp_path / "en.txt"
    path.write_bytes(b"first")
    first = cache.entry_digest(path)
    assert not any(seen[0] == str(path) for seen in cache._FILE_DIGESTS)  # just written: not remembered
    path.write_bytes(b"other")
    assert cache.entry_digest(path) != first
    monkeypatch.setattr(cache, "SETTLED_NS", 0)
    settled = cache.entry_digest(path)
    assert any(seen[0] == str(path) for seen in cache._FILE_DIGESTS)
    read: list[Path] = []

    def counting(name: str, *args: Any, **kwargs: Any) -> Any:
        read.append(Path(name))
        return open(name, *args, **kwargs)

    monkeypatch.setattr(cache, "open", counting, raising=False)  # the files entry_digest opens
    assert cache.entry_digest(path) == settled and read == []  # the same status: not read again
    path.write_bytes(b"third")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))  # a new status
    read.clear()
    assert cache.entry_digest(path) not in (settled, first) and read == [path]


def test_a_build_keeps_the_digests_of_the_files_it_read_for_the_next(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next build (a new process: nothing remembered in memory) checks the content by
    the files' status alone; an edit that keeps a file's size and time is still read (its
    change time moved); a damaged record, or none, means reading every file."""
    from build_tools.site.unchanged import input_key

    content = _copy(generated, tmp_path)
    files = sorted(path for path in content.rglob("*") if path.is_file())
    record = tmp_path / cache.CACHE_DIR / cache.FILE_DIGESTS
    monkeypatch.setattr(cache, "SETTLED_NS", 0)  # every file settled
    read: list[Path] = []

    def counting(name: str, *args: Any, **kwargs: Any) -> Any:
        if content in Path(name).parents:
            read.append(Path(name))
        return open(name, *args, **kwargs)

    monkeypatch.setattr(cache, "open", counting, raising=False)  # the files entry_digest opens

    def build() -> str:  # a new process: nothing in memory
        monkeypatch.setattr(cache, "_FILE_DIGESTS", {})
        read.clear()
        with cache.file_digests_kept(tmp_path):
            return input_key(tmp_path, content, None, True)

    first = build()
    assert sorted(read) == files and record.is_file()
    assert build() == first and read == []  # by status alone
    edited = files[len(files) // 2]
    status = edited.stat()
    text = edited.read_bytes()
    time.sleep(0.05)  # past the grain of the file system's clock: the edit gets another change time
    edited.write_bytes(text[:-1] + (b"X" if text[-1:] != b"X" else b"Y"))  # same size
    os.utime(edited, ns=(status.st_atime_ns, status.st_mtime_ns))  # same modification time
    assert edited.stat().st_size == status.st_size and edited.stat().st_ctime_ns != status.st_ctime_ns
    changed = build()
    assert changed != first and read == [edited]
    assert build() == changed and read == []
    record.write_bytes(b"damaged")
    assert build() == changed and sorted(read) == files
    shutil.rmtree(sorted((content / "resolutions").iterdir())[0])
    build()
    kept = pickle.loads(record.read_bytes())
    assert {Path(key[0]) for key in kept} == {path for path in files if path.exists()}  # only what it looked at
    record.unlink()
    monkeypatch.setenv("UNRES_CACHE", "off")
    build()
    assert not record.exists()
