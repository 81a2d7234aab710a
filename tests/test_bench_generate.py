"""The benchmark's synthetic collection: deterministic, in the real formats, read back exactly."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate, plan
from bench.planned import Note
from build_tools.collection import convert_collection, convert_folder
from build_tools.ingest import detect_format
from build_tools.source import read_source

N = 40


def _digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "content"
    generate(N, out)
    return out


def test_same_seed_same_bytes(content: Path, tmp_path: Path) -> None:
    again = tmp_path / "content"
    generate(N, again)
    assert _digest(again) == _digest(content)
    other = tmp_path / "other"
    generate(N, other, seed=1)
    assert _digest(other) != _digest(content)


def test_n_documents_in_both_languages(content: Path) -> None:
    folders = sorted((content / "resolutions").iterdir())
    assert len(folders) == N
    for folder in folders:
        assert sorted(p.name for p in folder.iterdir()) == ["en.txt", "meta.yml", "zh.txt"]


def test_the_real_input_formats(content: Path) -> None:
    for folder in (content / "resolutions").iterdir():
        zh = read_source(folder / "zh.txt", "zh")
        en = read_source(folder / "en.txt", "en")
        assert detect_format(zh) == "interleaved"
        assert detect_format(en) == "layout"
        assert "\f" in en.text


def test_the_converter_reads_every_document_without_a_diagnostic(content: Path) -> None:
    pages, diagnostics = convert_collection(content)
    assert [str(d) for d in diagnostics] == []
    assert len([p for p in pages if p.info is not None]) == 2 * N  # and the collection stage's pages


def test_the_models_have_the_planned_shape(content: Path) -> None:
    """Nothing merged or split: paragraph, footnote and sponsor counts as generated."""
    for doc in plan(N):
        _, _, documents = convert_folder(content / "resolutions" / doc.slug, content.parent)
        notes = sum(isinstance(x, Note) for p in doc.paragraphs for x in p.pieces)
        preamble = sum(p.kind == "pp" for p in doc.paragraphs)
        for lang, model in documents.items():
            assert model.symbol == doc.symbol and model.kind == doc.kind
            assert model.title == doc.topic.title[0 if lang == "zh" else 1]
            assert (len(model.preamble), len(model.operative), len(model.footnotes)) == (
                preamble, len(doc.paragraphs) - preamble, notes)
            assert len(model.sponsors) == len(doc.sponsors)


def test_families_and_references_within_the_collection() -> None:
    docs = plan(150)
    symbols = {d.symbol for d in docs}
    kinds = {d.kind for d in docs}
    assert kinds == {"draft-resolution", "revised-draft-resolution", "resolution"}
    revisions = [d for d in docs if d.kind == "revised-draft-resolution"]
    assert revisions and all(d.symbol.removesuffix("/Rev.1") in symbols for d in revisions)
    recalled = {u for d in docs for p in d.paragraphs for u in p.urls if u.startswith("A/RES/")}
    assert recalled and recalled <= symbols
    assert len({d.session for d in docs}) >= 3
    assert len({d.topic.committee for d in docs}) >= 4
    assert any(isinstance(x, Note) and x.unts for d in docs for p in d.paragraphs for x in p.pieces)


def test_the_command_writes_what_the_function_writes(content: Path, tmp_path: Path) -> None:
    """``python -m bench.generate`` (run as a script, its module is imported first, not its
    printers: an import loop between them failed only this way)."""
    out = tmp_path / "content"
    run = subprocess.run(
        [sys.executable, "-m", "bench.generate", str(N), str(out)],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert _digest(out) == _digest(content)
