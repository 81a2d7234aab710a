"""A content folder whose every field carries script payloads (tests/test_model_injection_browser.py).

Made from the invented documents of tests/fixtures/family: the adopted resolution
A/RES/82/31 and the draft A/C.1/81/L.7 in both languages, and the resolution A/RES/81/45 in
Chinese only (so its English page shows the Chinese text). The payloads go into every field
of the model that reaches the site: the title, the agenda item's title, the masthead and
closing dates, a paragraph, a footnote, the note on the sponsors (``Norway*`` … ``* On
behalf of …``), the symbol note of meta.yml and the editor's notes; a sponsor's name and a
meta.yml date with a payload are refused (their documents are not published), and so are
notes whose links take an address from another note. Each payload sets ``window.__pwned``
when it runs; no payload uses a digit (a digit after a word can be a footnote marker).
"""

from __future__ import annotations

import shutil
from pathlib import Path

FAMILY = Path(__file__).parent / "fixtures" / "family" / "resolutions"

PAYLOADS = (
    '<script>window.__pwned="script"</script>',
    '</title><script>window.__pwned="title"</script>',
    '"><svg onload="window.__pwned=\'attribute\'">',
    "'><img src=x onerror=\"window.__pwned='single'\">",
    ']]><x:script xmlns:x="http://www.w3.org/1999/xhtml">window.__pwned="xml"</x:script>',
    "{{ config }} {%raw%} ${alert}",
)
PAYLOAD = " ".join(PAYLOADS)

EN_NOTE = ("## pp2\n\nA note &lt;script&gt;window.__pwned='note'&lt;/script&gt; with "
           "[a link](https://undocs.org/en/A/82/160 \"\\\" onmouseover=\\\"window.__pwned='title'\") "
           "and \"quotes\" 'apostrophes' & ampersands.\n")
ZH_NOTE = ("## pp2\n\n编者注 &lt;img src=x onerror=window.__pwned=true&gt; "
           "[链接](https://undocs.org/ch/A/82/160 \"\\\" onfocus=\\\"window.__pwned=true\\\" autofocus=\\\"\")。\n")
CROSS_NOTE = "## pp1\n\nSee [the source][evil].\n\n## pp2\n\n> [evil]: javascript:window.__pwned='definition'\n"

SYMBOL_NOTE = PAYLOAD
TITLE_EN = f"Voluntary {PAYLOAD} notification of space launches as a confidence-building measure"
SPONSORS_NOTE = f"On behalf of {PAYLOAD}."


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _yaml_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def write_hostile_content(content: Path) -> None:
    """Write ``content/resolutions/`` (see the module docstring)."""
    folder = content / "resolutions"
    resolution = folder / "a-res-82-31"
    resolution.mkdir(parents=True)
    en = (FAMILY / "a-res-82-31" / "en.txt").read_text(encoding="utf-8")
    en = _replace(en, "82/31.     Voluntary notification", f"82/31.     Voluntary {PAYLOAD} notification")
    en = _replace(en, "General and complete disarmament\n", f"General and complete {PAYLOAD} disarmament\n")
    en = _replace(en, "Noting with concern that the number", f"Noting with concern {PAYLOAD} that the number")
    en = _replace(en, "A/82/160.", f"A/82/160. {PAYLOAD}")
    en = _replace(en, "  7 December 2027\n", f"  7 December 2027 {PAYLOADS[2]}\n")  # the masthead date
    en = _replace(en, "  2 December 2027\n", f"  2 December 2027 {PAYLOADS[3]}\n")  # the closing date
    (resolution / "en.txt").write_text(en, encoding="utf-8")
    zh = (FAMILY / "a-res-82-31" / "zh.txt").read_text(encoding="utf-8")
    zh = _replace(zh, "82/31. 自愿通报", f"82/31. 自愿{PAYLOAD}通报")
    zh = _replace(zh, "全面彻底裁军 \n", f"全面{PAYLOAD}彻底裁军 \n")
    (resolution / "zh.txt").write_text(zh, encoding="utf-8")
    (resolution / "meta.yml").write_text(f"symbol: A/RES/82/31\nsymbol_note: {_yaml_text(SYMBOL_NOTE)}\n",
                                         encoding="utf-8")
    (resolution / "notes.en.md").write_text(EN_NOTE, encoding="utf-8")
    (resolution / "notes.zh.md").write_text(ZH_NOTE, encoding="utf-8")

    draft = folder / "a-c-1-81-l-7"
    draft.mkdir()
    zh = (FAMILY / "a-c-1-81-l-7" / "zh.txt").read_text(encoding="utf-8")
    (draft / "zh.txt").write_text(_replace(zh, "自愿通报空间发射", f"自愿通报{PAYLOAD}空间发射"), encoding="utf-8")
    en = (FAMILY / "a-c-1-81-l-7" / "en.txt").read_text(encoding="utf-8")
    en = _replace(en, "Mexico and Norway: draft resolution", "Mexico and Norway*: draft resolution")
    en = _replace(en, "__________________\n", f"__________________\n{' ' * 22}*\n{' ' * 24}{SPONSORS_NOTE}\n")
    en = _replace(en, "                Voluntary notification", f"                Voluntary {PAYLOAD} notification")
    (draft / "en.txt").write_text(en, encoding="utf-8")
    shutil.copy2(FAMILY / "a-c-1-81-l-7" / "meta.yml", draft / "meta.yml")

    chinese_only = folder / "a-res-81-45"
    chinese_only.mkdir()
    zh = (FAMILY / "a-res-81-45" / "zh.txt").read_text(encoding="utf-8")
    (chinese_only / "zh.txt").write_text(_replace(zh, "81/45. 自愿通报", f"81/45. 自愿通报{PAYLOAD}"), encoding="utf-8")
    shutil.copy2(FAMILY / "a-res-81-45" / "meta.yml", chinese_only / "meta.yml")

    sponsor = folder / "a-c-1-81-l-7-rev-1"
    shutil.copytree(FAMILY / sponsor.name, sponsor)
    text = (sponsor / "en.txt").read_text(encoding="utf-8")
    (sponsor / "en.txt").write_text(_replace(text, "Chile, Ghana,", f"Chile, {PAYLOADS[0]}, Ghana,"), encoding="utf-8")
    dated = folder / "meta-date"
    shutil.copytree(FAMILY / "a-res-82-31", dated)
    (dated / "meta.yml").write_text(f"symbol: A/RES/82/31\ndate: {_yaml_text(PAYLOAD)}\n", encoding="utf-8")
    cross = folder / "cross-note"
    shutil.copytree(FAMILY / "a-res-82-31", cross)
    (cross / "meta.yml").unlink()
    (cross / "notes.en.md").write_text(CROSS_NOTE, encoding="utf-8")


REFUSED = {
    "a-c-1-81-l-7-rev-1": "parse.sponsor-unknown",
    "meta-date": "meta.date",
    "cross-note": "notes.link",
}
"""The documents that are not published, and the error that keeps each out."""
