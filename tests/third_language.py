"""Run the command line with French added as a third language from outside the package:
``python tests/third_language.py DATA build --strict`` in a project whose mkdocs.yml lists
``fr`` among its i18n languages (``DATA patterns`` checks the French patterns instead).
DATA is the folder of French data entries (:func:`write_data`). Used by
tests/test_three_languages.py, in a process of its own, so that no other test sees the
added language."""

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
    from french import FR, FR_BODY_NAMES, FR_LEXICON, FR_NAMER, FR_PATTERNS

    from build_tools import annotate, bodies, cli, datafile, languages, lexicon

    languages.register(FR)
    lexicon.register(FR_LEXICON)
    annotate.add_patterns(*FR_PATTERNS)
    bodies.add_names("fr", FR_BODY_NAMES)
    bodies.add_namer("fr", FR_NAMER)
    datafile.add_supplements(Path(argv[0]))
    if argv[1:] == ["patterns"]:
        languages.set_site_languages(languages.mkdocs_languages(Path("mkdocs.yml")))
        return _check_patterns(FR_PATTERNS)
    return cli.main(argv[1:])


def _check_patterns(patterns: tuple[Any, ...]) -> int:
    """Each French pattern matches its examples and builds what its sentences cite, as the
    package's own patterns are held to (tests/test_annotate.py): the misses, one a line."""
    from build_tools.annotate import find_references

    misses = [f"{pattern.name}: example {example!r} not matched"
              for pattern in patterns for example in pattern.examples if not pattern.regex.fullmatch(example)]
    for pattern in patterns:
        for text, kind, target in pattern.cites:
            found = [(reference.kind, reference.target) for reference in find_references(text, "fr")]
            if (kind, target) not in found:
                misses.append(f"{pattern.name}: {text!r} gives {found}, expected {(kind, target)}")
    print("\n".join(misses) or f"{len(patterns)} patterns, every example and citation found")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
