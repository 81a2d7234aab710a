"""Golden files for whole documents: clean text, model JSON and Markdown per language.

They are reviewed like code. After an intended change of output, regenerate them with
``make golden`` (``UPDATE_GOLDEN=1 pytest tests/test_golden.py``) and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools.collection import convert_file
from build_tools.export.model_json import dumps
from build_tools.meta import load_meta
from build_tools.render import render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
DOCUMENTS = sorted(p for p in (ROOT / "content" / "resolutions").iterdir() if p.is_dir())
CASES = [(folder, lang) for folder in DOCUMENTS for lang in ("zh", "en") if (folder / f"{lang}.txt").exists()]


def _outputs(folder: Path, lang: str) -> dict[str, str]:
    meta, _ = load_meta(folder / "meta.yml", f"content/resolutions/{folder.name}/meta.yml")
    shown = f"content/resolutions/{folder.name}/{lang}.txt"
    converted = convert_file(folder / f"{lang}.txt", lang, meta, folder.name, shown)
    # the model file is the published export, which leaves diagnostics out: content converts clean
    assert converted.document.diagnostics == (), "\n".join(map(str, converted.document.diagnostics))
    clean = "\n\n".join(block.text.text for block in converted.clean.blocks)
    clean += "".join(f"\n\n[^{n.number}]: {n.text.text}" for n in converted.clean.footnotes)
    return {
        f"{lang}.clean.txt": clean + "\n",
        f"{lang}.model.json": dumps(converted.document),
        f"{lang}.md": render(converted.document).markdown,
    }


@pytest.mark.parametrize(("folder", "lang"), CASES, ids=[f"{f.name}-{lang}" for f, lang in CASES])
def test_document_matches_golden_files(folder: Path, lang: str) -> None:
    target = GOLDEN / folder.name
    for name, actual in _outputs(folder, lang).items():
        path = target / name
        if os.environ.get("UPDATE_GOLDEN"):
            target.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"{path} is missing: run make golden and review it"
        assert actual == path.read_text(encoding="utf-8"), f"{path} differs: review, then make golden"


def test_every_golden_folder_has_a_document() -> None:
    folders = {p.name for p in GOLDEN.iterdir() if p.is_dir()}
    assert folders == {f.name for f in DOCUMENTS}
