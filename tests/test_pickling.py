"""The build cache's pickles of the model: what comes back is what went in."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from conftest import ROOT

from build_tools.collection import convert_folder
from build_tools.pickling import quick_pickle

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
