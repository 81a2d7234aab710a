"""The build cache's pickles of the model: what comes back is what went in, read when used."""

from __future__ import annotations

import dataclasses
import gc
import multiprocessing
import pickle
from pathlib import Path

import pytest
from conftest import ROOT

from build_tools import cache, pickling
from build_tools.collection import convert_folder
from build_tools.model import Document, Relation
from build_tools.pickling import LOADED, collector_paused, deferred, deferred_pickle, deferred_replace, quick_pickle

SEED = ROOT / "content" / "resolutions"


def test_a_document_and_its_pages_come_back_equal_with_every_field() -> None:
    folder = next(path.parent for path in sorted(SEED.glob("*/zh.txt")))
    pages, _, models = convert_folder(folder, ROOT)
    assert pickle.loads(pickle.dumps(pages)) == pages
    document = models["zh"]
    again = pickle.loads(pickle.dumps(document))
    assert again == document and again is not document
    for field in dataclasses.fields(document):
        assert getattr(again, field.name) == getattr(document, field.name), field.name
    paragraph = document.paragraphs[0]
    assert paragraph.__getstate__() == [getattr(paragraph, f.name) for f in dataclasses.fields(paragraph)]


def test_only_dataclasses_with_slots_are_accepted() -> None:
    @dataclasses.dataclass(frozen=True)
    class Plain:
        x: int

    with pytest.raises(TypeError, match="Plain: expected a dataclass with slots"):
        quick_pickle(Plain)


@dataclasses.dataclass(frozen=True, slots=True)
class _Base:
    first: int
    second: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class _Derived(_Base):
    third: str | None = None


quick_pickle(_Base, _Derived)


def test_fields_come_back_through_their_slots_inherited_ones_too() -> None:
    """A class's own fields and those it inherits are set through their slots; a state of
    another length (a pickle of another version of the class) is refused, never half set."""
    value = _Derived(1, ("a", "b"), "c")
    again = pickle.loads(pickle.dumps(value))
    assert again == value and type(again) is _Derived
    assert (again.first, again.second, again.third) == (1, ("a", "b"), "c")
    assert pickle.loads(pickle.dumps(_Base(2))) == _Base(2)
    with pytest.raises(ValueError):
        _Derived.__new__(_Derived).__setstate__([1, ()])  # type: ignore[attr-defined]


_COLLECTOR_ON: list[bool] = []


class Probe:
    """Notes, as it is unpickled, whether the collector is on."""

    mark = 0

    def __setstate__(self, state: object) -> None:
        _COLLECTOR_ON.append(gc.isenabled())


def test_the_collector_is_paused_while_loading_and_as_it_was_after(tmp_path: Path) -> None:
    seen = _COLLECTOR_ON
    seen.clear()
    probe = Probe()
    probe.mark = 1  # a state to set
    entry = tmp_path / "entry.pickle"
    entry.write_bytes(pickle.dumps(probe))
    assert gc.isenabled()
    assert isinstance(cache._load(entry), Probe)
    assert seen == [False] and gc.isenabled()  # off while unpickling, on again after
    entry.write_bytes(b"not a pickle")
    assert cache._load(entry) is None and gc.isenabled()  # a damaged entry: a miss, the collector on
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left off by whoever turned it off
    finally:
        gc.enable()


def _seed_document() -> Document:
    folder = next(path.parent for path in sorted(SEED.glob("*/zh.txt")))
    return convert_folder(folder, ROOT)[2]["zh"]


def test_a_loaded_document_is_read_from_its_pickle_on_first_use_and_is_the_same() -> None:
    document = _seed_document()
    data = pickle.dumps(document)
    again = pickle.loads(data)
    assert deferred(again) and type(again) is Document
    assert pickle.dumps(again) == data and deferred(again)  # pickled again unread: the same bytes
    loaded = LOADED[0]
    assert again.title == document.title and not deferred(again)
    with pytest.raises(AttributeError, match="'Document' object has no attribute 'titel'"):
        again.titel  # type: ignore[attr-defined]  # noqa: B018  # a misspelt name is not a field
    assert again == document and hash(again) == hash(document) and repr(again) == repr(document)
    for field in dataclasses.fields(document):
        assert getattr(again, field.name) == getattr(document, field.name), field.name
    assert LOADED[0] == loaded + 1  # read once
    assert pickle.loads(pickle.dumps(again)) == document  # and once read, pickled from its fields


def test_a_changed_copy_of_a_deferred_document_stays_deferred() -> None:
    document = _seed_document()
    relations = (Relation("revises", "A/C.1/79/L.1"),)
    again = pickle.loads(pickle.dumps(document))
    changed = deferred_replace(again, relations=relations)
    assert deferred(changed) and deferred(again)
    assert pickle.loads(pickle.dumps(changed)) == dataclasses.replace(document, relations=relations)
    assert changed == dataclasses.replace(document, relations=relations) and again == document
    loaded = deferred_replace(again, relations=relations)  # of a read one: a plain replace
    assert not deferred(loaded) and loaded == changed
    with pytest.raises(TypeError, match=r"Document has no fields \['relation'\]"):
        deferred_replace(pickle.loads(pickle.dumps(document)), relation=relations)


def test_a_deferred_document_is_forgotten_when_it_goes_and_read_in_forked_processes() -> None:
    document = _seed_document()
    held = len(pickling._PENDING)
    copies = [pickle.loads(pickle.dumps(document)) for _ in range(3)]
    assert len(pickling._PENDING) == held + 3
    del copies[1:]
    gc.collect()
    assert len(pickling._PENDING) == held + 1 and len(pickling._WATCHED) >= held + 1
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply(_title, (copies[0],)) == document.title
    assert deferred(copies[0])  # read there, not here


def test_a_damaged_deferred_document_fails_each_read_alike() -> None:
    document = _seed_document()
    data = pickle.dumps(document)
    inner = pickle.dumps(document.__getstate__(), protocol=pickle.HIGHEST_PROTOCOL)
    assert data.count(inner) == 1
    damaged = pickle.loads(data.replace(inner, inner[: len(inner) // 2].ljust(len(inner), b"\0")))
    failures = []
    for _ in range(2):
        with pytest.raises(Exception) as failure:  # whatever the damage gives
            damaged.title  # noqa: B018
        failures.append(type(failure.value))
    assert failures[0] is failures[1] and failures[0] is not AttributeError and deferred(damaged)


def _title(document: Document) -> str:
    return document.title


def test_only_weakly_referable_dataclasses_without_post_init_are_deferred() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Strong:
        x: int

    @dataclasses.dataclass(frozen=True, slots=True, weakref_slot=True)
    class Checked:
        x: int

        def __post_init__(self) -> None:
            pass

    for cls in (Strong, Checked):
        with pytest.raises(TypeError, match="expected a dataclass with weakref_slot=True and no __post_init__"):
            deferred_pickle(cls)
