from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import treaties
from build_tools.datafile import TableError
from build_tools.treaties import (
    OwnPages,
    Treaty,
    TreatyRegistry,
    UntsRecord,
    load_treaties,
    load_treaties_from,
    unts_url,
)

DATA = Path(__file__).resolve().parents[1] / "build_tools" / "data" / "treaties.yml"

NPT_ZH = "不扩散核武器条约"
BWC_ZH = "关于禁止发展、生产和储存细菌(生物)及毒素武器和销毁此种武器的公约"
CWC_ZH = "关于禁止发展、生产、储存和使用化学武器及销毁此种武器的公约"

# Treaty Series records, as given by treaties.un.org.
RECORDS = {
    "npt": (729, 10485),
    "bwc": (1015, 14860),
    "cwc": (1974, 33757),
    "outer-space": (610, 8843),
    "ptbt": (480, 6964),
    "tlatelolco": (634, 9068),
    "ccw": (1342, 22495),
    "apmbc": (2056, 35597),
    "ccm": (2688, 47713),
    "att": (3013, 52373),
    "vclt": (1155, 18232),
    "unclos": (1833, 31363),
    "rome-statute": (2187, 38544),
    "enmod": (1108, 17119),
    "seabed": (955, 13678),
}


@pytest.fixture(scope="module")
def registry() -> TreatyRegistry:
    return load_treaties()


def test_unts_url() -> None:
    assert unts_url(729, 10485) == (
        "https://treaties.un.org/doc/Publication/UNTS/Volume%20729/volume-729-I-10485-English.pdf"
    )


@pytest.mark.parametrize(("treaty_id", "record"), sorted(RECORDS.items()))
def test_treaty_series_records(
    registry: TreatyRegistry, treaty_id: str, record: tuple[int, int]
) -> None:
    treaty = registry.by_id(treaty_id)
    assert treaty.unts == UntsRecord(*record)
    assert registry.by_unts(*record) is treaty
    assert treaty.url("en") == treaty.url("zh") == unts_url(*record)


def test_treaty_series_records_are_unique(registry: TreatyRegistry) -> None:
    records = [t.unts for t in registry.treaties if t.unts is not None]
    assert len(records) == len(set(records))
    assert registry.by_unts(1, 1) is None


def test_ids_are_unique_and_sorted(registry: TreatyRegistry) -> None:
    ids = [t.id for t in registry.treaties]
    assert ids == sorted(set(ids))


def test_charter_links_to_the_un_pages(registry: TreatyRegistry) -> None:
    charter = registry.by_id("charter")
    assert charter.unts is None
    assert charter.title("en") == "Charter of the United Nations"
    assert charter.title("zh") == "联合国宪章"
    assert charter.url("en") == "https://www.un.org/en/about-us/un-charter"
    assert charter.url("zh") == "https://www.un.org/zh/about-us/un-charter"


def test_titles_as_printed(registry: TreatyRegistry) -> None:
    assert registry.by_id("npt").title("en") == "Treaty on the Non-Proliferation of Nuclear Weapons"
    assert registry.by_id("npt").title("zh") == NPT_ZH
    assert registry.by_id("bwc").title("zh") == BWC_ZH  # half-width parentheses, as printed
    assert registry.by_id("cwc").title("zh") == CWC_ZH
    assert "NPT" in registry.by_id("npt").short("en")
    assert "禁止化学武器公约" in registry.by_id("cwc").short("zh")
    assert "生物武器公约" in registry.by_id("bwc").short("zh")


def test_find_every_title_and_short_name(registry: TreatyRegistry) -> None:
    for treaty in registry.treaties:
        for lang in ("en", "zh"):
            for name in treaty.names(lang):
                assert registry.find(name, lang) is treaty, (lang, name)
        for name in treaty.names("zh"):
            assert registry.find(f"《{name}》", "zh") is treaty


@pytest.mark.parametrize(
    ("name", "lang", "treaty_id"),
    [
        ("关于禁止发展、生产和储存细菌（生物）及毒素武器和销毁此种武器的公约", "zh", "bwc"),
        ("不扩散 核武器条约", "zh", "npt"),
        ("treaty on the non-proliferation of   nuclear weapons", "en", "npt"),
        (
            "Convention on the Prohibition of the Development, Production and Stockpiling of "
            "Bacteriological（Biological）and Toxin Weapons and on Their Destruction",
            "en",
            "bwc",
        ),
        ("Treaty of Tlatelolco", "en", "tlatelolco"),
    ],
)
def test_find_normalises(registry: TreatyRegistry, name: str, lang: str, treaty_id: str) -> None:
    treaty = registry.find(name, lang)
    assert treaty is not None
    assert treaty.id == treaty_id


def test_find_unknown(registry: TreatyRegistry) -> None:
    assert registry.find("Treaty of Versailles", "en") is None
    assert registry.find("不扩散", "zh") is None
    with pytest.raises(ValueError):
        registry.find("NPT", "fr")


def test_find_all_chinese_titles_in_a_sentence(registry: TreatyRegistry) -> None:
    text = f"又回顾《{NPT_ZH}》、《{BWC_ZH}》和《{CWC_ZH}》，以及《不扩散条约》缔约国审议大会，"
    found = registry.find_all(text, "zh")
    assert [t.id for _, _, t in found] == ["npt", "bwc", "cwc", "npt"]
    start = text.index("《")
    assert found[0][:2] == (start, start + len(NPT_ZH) + 2)
    assert [text[s:e] for s, e, _ in found] == [
        f"《{NPT_ZH}》",
        f"《{BWC_ZH}》",
        f"《{CWC_ZH}》",
        "《不扩散条约》",
    ]


def test_find_all_chinese_only_inside_title_brackets(registry: TreatyRegistry) -> None:
    assert registry.find_all(f"又回顾{NPT_ZH}，", "zh") == ()
    assert registry.find_all("《某某公约》", "zh") == ()


def test_find_all_english_on_word_boundaries(registry: TreatyRegistry) -> None:
    text = (
        "Recalling the Treaty on the Non-Proliferation of Nuclear Weapons (NPT), "
        "the NPTs, UNPT and ATTENTION, the Arms Trade Treaty and the CWC."
    )
    found = registry.find_all(text, "en")
    assert [(text[s:e], t.id) for s, e, t in found] == [
        ("Treaty on the Non-Proliferation of Nuclear Weapons", "npt"),
        ("NPT", "npt"),
        ("Arms Trade Treaty", "att"),
        ("CWC", "cwc"),
    ]


def test_find_all_english_prefers_the_longest_name(registry: TreatyRegistry) -> None:
    text = (
        "the Anti-Personnel Mine Ban Convention, the Treaty for the Prohibition of Nuclear "
        "Weapons in Latin America and the Caribbean (Treaty of Tlatelolco)"
    )
    found = registry.find_all(text, "en")
    assert [(text[s:e], t.id) for s, e, t in found] == [
        ("Anti-Personnel Mine Ban Convention", "apmbc"),
        (
            "Treaty for the Prohibition of Nuclear Weapons in Latin America and the Caribbean",
            "tlatelolco",
        ),
        ("Treaty of Tlatelolco", "tlatelolco"),
    ]


def test_find_all_english_letter_case(registry: TreatyRegistry) -> None:
    # A generic phrase is not the treaty; a long title in sentence case still is.
    assert registry.find_all("towards an arms trade treaty", "en") == ()
    text = "the Treaty on the non-proliferation of nuclear weapons"
    assert [t.id for _, _, t in registry.find_all(text, "en")] == ["npt"]


def test_find_all_english_with_full_width_parentheses(registry: TreatyRegistry) -> None:
    text = (
        "the Convention on the Prohibition of the Development, Production and Stockpiling of "
        "Bacteriological（Biological）and Toxin Weapons and on Their Destruction."
    )
    (found,) = registry.find_all(text, "en")
    assert found[2].id == "bwc"
    assert text[found[0] : found[1]] == text[4:-1]


def test_find_all_english_across_line_breaks(registry: TreatyRegistry) -> None:
    text = "the Convention on Certain\nConventional Weapons"
    (found,) = registry.find_all(text, "en")
    assert found[2].id == "ccw"
    assert text[found[0] : found[1]] == "Convention on Certain\nConventional Weapons"


def test_load_treaties_is_cached() -> None:
    assert load_treaties() is load_treaties()


def test_header_comment_names_its_source() -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    header = "\n".join(line for line in lines[: lines.index("")] if line.startswith("#"))
    assert "United Nations Treaty Series" in header
    assert "https://treaties.un.org" in header


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: npt, en: NPT Title, zh: 条约}\n", "exactly one of"),
        (
            "- {id: npt, en: T, zh: 条约, unts: {volume: 1, number: 2}, url: {en: x, zh: y}}\n",
            "exactly one of",
        ),
        ("- {id: npt, en: T, zh: 条约, unts: {volume: '729', number: 10485}}\n", "unts.volume: '729' is not of type"),
        ("- {id: NPT, en: T, zh: 条约, unts: {volume: 1, number: 2}}\n", "slug"),
        ("- {id: npt, en: T, zh: 《条约》, unts: {volume: 1, number: 2}}\n", "without 《》"),
        ("- {id: c, en: T, zh: 条约, url: {en: 'http://x', zh: 'https://y'}}\n",
         ":1:36: entry 1 (c), url.en: 'http://x'"),
        (
            "- {id: a, en: A, zh: 甲, unts: {volume: 1, number: 2}}\n"
            "- {id: b, en: B, zh: 乙, unts: {volume: 1, number: 2}}\n",
            "vol. 1, No. 2",
        ),
        (
            "- {id: a, en: A, zh: 甲, unts: {volume: 1, number: 2}, short: {en: [X]}}\n"
            "- {id: b, en: B, zh: 乙, unts: {volume: 1, number: 3}, short: {en: [x]}}\n",
            "already a name",
        ),
        ("- {id: a, en: A, zh: 甲, unts: {volume: 1, number: 2}, title: x}\n",
         "('title' was unexpected); allowed: id,"),
    ],
)
def test_malformed_data_is_reported_with_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "treaties.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"treaties\.yml") as raised:
        load_treaties_from(path)
    assert message in str(raised.value)


def test_treaty_links_to_its_record_or_its_pages() -> None:
    titles = {"en": "X", "zh": "某"}
    registered = Treaty("x", titles, UntsRecord(729, 10485))
    assert registered.url("zh") == registered.url("en") == unts_url(729, 10485)
    own = Treaty("y", titles, OwnPages({"en": "https://e", "zh": "https://z"}))
    assert (own.unts, own.url("en"), own.url("zh")) == (None, "https://e", "https://z")
    with pytest.raises(ValueError, match="'fr'"):
        own.url("fr")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {id: a, en: A, zh: 甲, unts: {volume: 1, number: 2}}\n",
         "entry 1 (a): no title in fr; expected 'fr: <title>'"),
        ("- {id: a, en: A, zh: 甲, fr: A, url: {en: 'https://e', zh: 'https://z'}}\n",
         "entry 1 (a): url: no page in fr; expected 'fr: https://…'"),
    ],
)
def test_a_third_language_needs_its_title_and_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    """The schema knows English and Chinese; what every other language the site is built in
    needs is checked when the entry is read, and reported with the file and entry."""
    monkeypatch.setattr(treaties, "site_languages", lambda: ("en", "zh", "fr"))
    path = tmp_path / "treaties.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError) as raised:
        load_treaties_from(path)
    assert raised.value.where == str(path)
    assert raised.value.problem.startswith(message)
