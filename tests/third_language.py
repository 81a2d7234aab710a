"""Run the command line with French added as a third language from outside the package:
``python tests/third_language.py DATA build --strict`` in a project whose mkdocs.yml lists
``fr`` among its i18n languages. DATA is the folder of French data entries
(:func:`write_data`). Used by tests/test_three_languages.py, in a process of its own, so
that no other test sees the added language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "third_language"
TABLES = Path(__file__).resolve().parent.parent / "build_tools" / "data"


def write_data(folder: Path) -> Path:
    """The French entries of every data table in ``folder``: the fixture's phrases and labels;
    the labels it does not translate, and every State's and treaty's name, in the English
    words (a real language would have its own)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "phrases.yml").write_bytes((FIXTURE / "data" / "phrases.yml").read_bytes())
    (folder / "about").mkdir(exist_ok=True)
    (folder / "about" / "fr.md").write_bytes((FIXTURE / "data" / "about" / "fr.md").read_bytes())
    given = _load(FIXTURE / "data" / "labels.yml")
    published = _load(TABLES / "labels.yml")
    labels = {key: {"fr": given.get(key, {}).get("fr", texts["en"])} for key, texts in published.items()}
    labels |= {key: texts for key, texts in given.items() if key not in published}  # a label naming French
    named = {entry["code"]: entry["fr"] for entry in _load(FIXTURE / "data" / "member_states.yml")}
    states = [{"code": entry["code"], "fr": named.get(entry["code"], entry["en"])}
              for entry in _load(TABLES / "member_states.yml")]
    titled = {entry["id"]: entry for entry in _load(FIXTURE / "data" / "treaties.yml")}
    treaties = []
    for entry in _load(TABLES / "treaties.yml"):
        added: dict[str, Any] = {"id": entry["id"], "fr": entry["en"], **titled.get(entry["id"], {})}
        if "url" in entry:
            added["url"] = {"fr": entry["url"]["en"]}
        treaties.append(added)
    for name, table in (("labels.yml", labels), ("member_states.yml", states), ("treaties.yml", treaties)):
        (folder / name).write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(FIXTURE))
    from french import FR, FR_LEXICON, FR_PATTERNS

    from build_tools import annotate, cli, datafile, languages, lexicon

    languages.register(FR)
    lexicon.register(FR_LEXICON)
    annotate.add_patterns(*FR_PATTERNS)
    datafile.add_supplements(Path(argv[0]))
    return cli.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
