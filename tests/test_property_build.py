"""Random mutations of real texts, notes and meta.yml, through the whole build.

Each example writes a content folder: the first document's Chinese and English texts,
notes and meta.yml, an invented resolution as ``pdftotext -layout`` prints it, and (when
../shared/corpus is here) a real PDF, all mutated at random (markup and script characters,
control characters and noncharacters, bytes that are not UTF-8, impossible dates, lines
deleted, repeated and swapped, YAML values of every type, anchors and aliases), beside one
document that is left as it is. ``unres build`` runs on it in a subprocess with a time
limit: it must end (no hang), print no traceback and no internal error, print every message
as ``path:line:col: severity [code] expected …, found …``, and still publish the untouched
document and report its warning. The examples share one project, as an editor's builds do,
so rebuilds over a site and caches that earlier mutations left are part of the test.

About a dozen builds: a few tens of seconds.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, make_project
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.site

FIRST = ROOT / "content" / "resolutions" / "a-c-1-79-l-53-rev-1"
FAMILY = ROOT / "tests" / "fixtures" / "family" / "resolutions" / "a-res-82-31"
VALID = ROOT / "tests" / "fixtures" / "bad" / "valid"
CORPUS_PDF = ROOT.parent / "shared" / "corpus" / "A_C.1_80_L.21.en.pdf"

PIECES = [
    "<script>alert(1)</script>", "</title>", '"><svg onload=alert(1)>', "'", '"', "[x](javascript:alert(1))",
    "[x][y]", "[y]: javascript:alert(1)", "[^1]", "^", "^[", "{: #x }", "{", "}", "*", "_", "`", "#", "1. ", "- ",
    "> ", ": ", "&amp;", "&#0;", "\\", "|", "~~~", "!!! note", "<!--", "\x00", "\x07", "\x1b", "\ufffe", "\uffff",
    "\u2028", "\u200b", "\f", "\r", "\t", "\ufeff", "：", "，", "、", "。", "；", "第", "号", "决议", "年", "月", "日",
    "2021年2月31日第76/234号决议", "2021年13月1日", "31 February 2021", "resolution 76/234 of 31 February 2021",
    "0 January 0000", "Decides", "Recalling", "1.", "2.", "(a)", "(i)", "__________________", "1", "2", "3", "99",
    " ", "\n", "\n\n", "https://undocs.org/en/A/RES/76/234", "A/C.1/79/L.53/Rev.1", "*", "**", "Rev.1",
    "United Nations", "General Assembly", "Distr.: General", "Original: English", "## pp1", "## op9", "# t",
]
BYTES = [b"\xff", b"\xfe\xff", b"\xed\xa0\x80", b"\xe9", b"\xc3", b"\x00\x00", b"%PDF-1.4", b"\xef\xbb\xbf"]

insert = st.tuples(st.just("insert"), st.floats(0, 1),
                   st.lists(st.sampled_from(PIECES) | st.text(max_size=4), min_size=1, max_size=4).map("".join))
text_edits = st.one_of(
    insert, insert, insert,
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 600)),
    st.tuples(st.just("repeat-line"), st.floats(0, 1), st.integers(1, 4)),
    st.tuples(st.just("swap-lines"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("truncate"), st.floats(0.05, 1), st.none()),
)
byte_edit = st.tuples(st.just("bytes"), st.floats(0, 1), st.sampled_from(BYTES))
# Mostly edits that keep the file UTF-8 text, so that most mutants get past reading into
# parsing, rendering and the site; now and then bytes that are not.
edits = st.lists(text_edits, min_size=1, max_size=6) | st.lists(text_edits | byte_edit, min_size=1, max_size=3)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40) | st.dates()
    | st.datetimes(min_value=datetime.datetime(1, 1, 1)) | st.sampled_from(["A/RES/76/234", "resolution", "zh"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=12,
)
YAML_PIECES = ["&a [x, x]\n", "*a", "? [a]\n: b\n", "{", "- ", "\t", "%YAML 1.1\n---\n", "!!python/object:os.system\n",
               "<<: *a\n", "date: 2024-02-30\n", "kind: [x]\n", "symbol: *a\n", "languages: {fr: x}\n", "'", ": :"]
meta_changes = st.dictionaries(st.sampled_from(["symbol", "symbol_note", "kind", "date", "languages", "kinds"]),
                               yaml_values, max_size=3)
meta_edits = st.lists(st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(YAML_PIECES)) | text_edits,
                      max_size=3)


def mutate(data: bytes, changes: list[tuple[str, float, Any]]) -> bytes:
    """``data`` with the edits applied in order, at positions given as fractions of its
    length in characters (bytes that are not UTF-8 are kept as they are)."""
    text = data.decode("utf-8", "surrogateescape")
    for kind, where, what in changes:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + what + text[at:]
        elif kind == "bytes":
            text = text[:at] + what.decode("utf-8", "surrogateescape") + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + what:]
        elif kind == "truncate":
            text = text[:at]
        else:
            lines = text.split("\n")
            first = min(int(where * len(lines)), len(lines) - 1)
            if kind == "repeat-line":
                lines[first:first] = [lines[first]] * what
            else:
                second = min(int(what * len(lines)), len(lines) - 1)
                lines[first], lines[second] = lines[second], lines[first]
            text = "\n".join(lines)
    return text.encode("utf-8", "surrogateescape")


DIAGNOSTIC = re.compile(r"^\S.*:\d+:\d+: (error|warning) \[[a-z]+(\.[a-z0-9_-]+)+\] expected .+, found .+$")
SUMMARY = re.compile(
    r"^(\d+ (warning|error)\(s\)( \(treated as errors: --strict\))?"
    r"|Left out of the site: \d+ document\(s\) \(\d+ published\):"
    r"|  content/resolutions/\S+: \d+ error\(s\), \d+ warning\(s\)(; its last good version stays published)?"
    r"|\(the messages again in .+\))$")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("property"))
    (project / "content").unlink()
    control = project / "content" / "resolutions" / "control"
    shutil.copytree(VALID, control)
    (control / "readme.txt").write_text("not a document file\n", encoding="utf-8")
    return project


def _write(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


def _meta(changes: dict[str, Any], edits: list[tuple[str, float, Any]]) -> bytes:
    data = yaml.safe_load((FIRST / "meta.yml").read_text(encoding="utf-8"))
    data.update(changes)
    return mutate(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"), edits)


@settings(max_examples=10, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(zh=edits, en=edits | st.just([]), notes=st.lists(insert, max_size=3), meta=meta_changes,
       meta_text=meta_edits, layout=edits | st.just([]), pdf=st.lists(st.tuples(st.just("bytes"), st.floats(0.02, 1),
                                                                  st.sampled_from(BYTES)), max_size=3))
def test_no_input_makes_a_traceback_or_a_hang(project: Path, zh: list[Any], en: list[Any], notes: list[Any],
                                              meta: dict[str, Any], meta_text: list[Any], layout: list[Any],
                                              pdf: list[Any]) -> None:
    folder = project / "content" / "resolutions"
    _write(folder / FIRST.name, {
        "zh.txt": mutate((FIRST / "zh.txt").read_bytes(), zh),
        "en.txt": mutate((FIRST / "en.txt").read_bytes(), en),
        "notes.en.md": mutate((FIRST / "notes.en.md").read_bytes(), notes),
        "notes.zh.md": (FIRST / "notes.zh.md").read_bytes(),
        "meta.yml": _meta(meta, meta_text),
    })
    _write(folder / FAMILY.name, {"en.txt": mutate((FAMILY / "en.txt").read_bytes(), layout),
                                  "meta.yml": (FAMILY / "meta.yml").read_bytes()})
    if CORPUS_PDF.is_file():
        _write(folder / "a-c-1-80-l-21", {"en.pdf": mutate(CORPUS_PDF.read_bytes(), pdf)})
    environment = {**os.environ, "UNRES_PDF_SECONDS": "20"}
    try:
        result = subprocess.run([sys.executable, "-m", "build_tools", "build"], cwd=project, env=environment,
                                capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("the build did not end within 300 s")
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    odd = [line for line in lines if not (DIAGNOSTIC.match(line) or SUMMARY.match(line))]
    assert odd == [], odd
    assert not [line for line in lines if "[convert.internal]" in line], lines
    assert "content/resolutions/control/readme.txt:1:1: warning [content.unknown-file]" in result.stderr
    assert (project / "site" / "resolutions" / "control" / "index.html").is_file()
    assert (project / "site" / "en" / "resolutions" / "control" / "index.html").is_file()
