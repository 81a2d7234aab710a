"""The build cache's pickles of the model: what comes back is what went in."""

from __future__ import annotations

import dataclasses
import gc
import pickle
from pathlib import Path

import pytest
from conftest import ROOT

from build_tools import cache
from build_tools.collection import convert_folder
from build_tools.pickling import collector_paused, quick_pickle

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
