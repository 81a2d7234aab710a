from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from babel.core import get_global

from build_tools.states import State, StateTable, load_states, load_states_from

DATA = Path(__file__).resolve().parents[1] / "build_tools" / "data" / "member_states.yml"

# Sponsors of a real draft resolution, as the Chinese text prints them, with their codes.
SPONSORS_ZH = (
    ("白俄罗斯", "BY"),
    ("布隆迪", "BI"),
    ("柬埔寨", "KH"),
    ("喀麦隆", "CM"),
    ("中国", "CN"),
    ("刚果", "CG"),
    ("古巴", "CU"),
    ("多米尼克", "DM"),
    ("赤道几内亚", "GQ"),
    ("厄立特里亚", "ER"),
    ("加蓬", "GA"),
    ("冈比亚", "GM"),
    ("几内亚", "GN"),
    ("吉尔吉斯斯坦", "KG"),
    ("老挝人民民主共和国", "LA"),
    ("马里", "ML"),
    ("瑙鲁", "NR"),
    ("尼加拉瓜", "NI"),
    ("尼日尔", "NE"),
    ("尼日利亚", "NG"),
    ("巴基斯坦", "PK"),
    ("俄罗斯联邦", "RU"),
    ("卢旺达", "RW"),
    ("所罗门群岛", "SB"),
    ("索马里", "SO"),
    ("阿拉伯叙利亚共和国", "SY"),
    ("委内瑞拉玻利瓦尔共和国", "VE"),
    ("津巴布韦", "ZW"),
)

# Official short names that differ from common or CLDR usage; each must be exactly so.
OFFICIAL = {
    "BO": ("Bolivia (Plurinational State of)", "多民族玻利维亚国"),
    "BN": ("Brunei Darussalam", "文莱达鲁萨兰国"),
    "CV": ("Cabo Verde", "佛得角"),
    "CD": ("Democratic Republic of the Congo", "刚果民主共和国"),
    "CG": ("Congo", "刚果"),
    "CI": ("Côte d’Ivoire", "科特迪瓦"),
    "CZ": ("Czechia", "捷克"),
    "DM": ("Dominica", "多米尼克"),
    "DO": ("Dominican Republic", "多米尼加共和国"),
    "FM": ("Micronesia (Federated States of)", "密克罗尼西亚联邦"),
    "GB": ("United Kingdom of Great Britain and Northern Ireland", "大不列颠及北爱尔兰联合王国"),
    "IR": ("Iran (Islamic Republic of)", "伊朗伊斯兰共和国"),
    "KP": ("Democratic People’s Republic of Korea", "朝鲜民主主义人民共和国"),
    "KR": ("Republic of Korea", "大韩民国"),
    "LA": ("Lao People’s Democratic Republic", "老挝人民民主共和国"),
    "MD": ("Republic of Moldova", "摩尔多瓦共和国"),
    "MK": ("North Macedonia", "北马其顿"),
    "NL": ("Netherlands (Kingdom of the)", "荷兰王国"),
    "PS": ("State of Palestine", "巴勒斯坦国"),
    "RU": ("Russian Federation", "俄罗斯联邦"),
    "SY": ("Syrian Arab Republic", "阿拉伯叙利亚共和国"),
    "SZ": ("Eswatini", "斯威士兰"),
    "TL": ("Timor-Leste", "东帝汶"),
    "TR": ("Türkiye", "土耳其"),
    "TZ": ("United Republic of Tanzania", "坦桑尼亚联合共和国"),
    "US": ("United States of America", "美利坚合众国"),
    "VA": ("Holy See", "教廷"),
    "VE": ("Venezuela (Bolivarian Republic of)", "委内瑞拉玻利瓦尔共和国"),
    "VN": ("Viet Nam", "越南"),
}


@pytest.fixture(scope="module")
def table() -> StateTable:
    return load_states()


def test_193_members_and_2_observers(table: StateTable) -> None:
    members = [s for s in table.states if s.status == "member"]
    observers = [s for s in table.states if s.status == "observer"]
    assert len(members) == 193
    assert sorted(s.code for s in observers) == ["PS", "VA"]
    assert len(table) == 195


def test_codes_and_names_are_unique(table: StateTable) -> None:
    for values in (
        [s.code for s in table.states],
        [s.alpha3 for s in table.states],
        [s.name("en") for s in table.states],
        [s.name("zh") for s in table.states],
    ):
        assert len(set(values)) == len(values)


def test_codes_are_territories_babel_knows(table: StateTable) -> None:
    territories = Locale.parse("en").territories
    unknown = [s.code for s in table.states if s.code not in territories]
    assert unknown == []


def test_alpha3_codes_agree_with_babel(table: StateTable) -> None:
    alpha3_of: dict[str, set[str]] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1:
            alpha3_of.setdefault(targets[0], set()).add(alias)
    checked = [s for s in table.states if s.code in alpha3_of]
    assert len(checked) > 180  # babel maps nearly every code; make sure the test bites
    wrong = [(s.code, s.alpha3) for s in checked if s.alpha3 not in alpha3_of[s.code]]
    assert wrong == []


def _is_cjk(text: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in text)


def test_chinese_names_are_cjk(table: StateTable) -> None:
    not_cjk = [n for s in table.states for n in (s.name("zh"), *s.aliases("zh")) if not _is_cjk(n)]
    assert not_cjk == []


def test_english_names_use_the_typographic_apostrophe(table: StateTable) -> None:
    assert [s.name("en") for s in table.states if "'" in s.name("en")] == []
    assert {s.code for s in table.states if "’" in s.name("en")} == {"CI", "KP", "LA"}


def test_sorted_by_english_name_ignoring_diacritics(table: StateTable) -> None:
    def key(name: str) -> str:
        decomposed = unicodedata.normalize("NFKD", name)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    names = [s.name("en") for s in table.states]
    assert names == sorted(names, key=key)
    assert names.index("Costa Rica") < names.index("Côte d’Ivoire") < names.index("Croatia")
    assert names.index("Tunisia") < names.index("Türkiye") < names.index("Turkmenistan")


@pytest.mark.parametrize(("code", "names"), sorted(OFFICIAL.items()))
def test_official_short_names(table: StateTable, code: str, names: tuple[str, str]) -> None:
    state = table.by_code(code)
    assert (state.name("en"), state.name("zh")) == names


@pytest.mark.parametrize(("name", "code"), SPONSORS_ZH)
def test_sponsor_names_resolve(table: StateTable, name: str, code: str) -> None:
    state = table.resolve(name, "zh")
    assert state is not None, name
    assert state.code == code
    assert state.name("zh") == name  # all 28 are official names, not aliases


def test_sponsor_list_as_printed_resolves_in_full(table: StateTable) -> None:
    printed = "、".join(name for name, _ in SPONSORS_ZH)
    codes = [table.resolve(name, "zh") for name in printed.split("、")]
    assert [s.code if s else None for s in codes] == [code for _, code in SPONSORS_ZH]


@pytest.mark.parametrize(
    ("name", "lang", "code"),
    [
        ("多米尼克", "zh", "DM"),
        ("多米尼加共和国", "zh", "DO"),
        ("多米尼加", "zh", "DO"),
        ("几内亚", "zh", "GN"),
        ("赤道几内亚", "zh", "GQ"),
        ("几内亚比绍", "zh", "GW"),
        ("尼日尔", "zh", "NE"),
        ("尼日利亚", "zh", "NG"),
        ("刚果", "zh", "CG"),
        ("刚果民主共和国", "zh", "CD"),
        ("Congo", "en", "CG"),
        ("Democratic Republic of the Congo", "en", "CD"),
        ("Republic of Korea", "en", "KR"),
        ("Democratic People’s Republic of Korea", "en", "KP"),
        ("Niger", "en", "NE"),
        ("Nigeria", "en", "NG"),
        ("Dominica", "en", "DM"),
        ("Dominican Republic", "en", "DO"),
    ],
)
def test_similar_names_resolve_to_different_states(
    table: StateTable, name: str, lang: str, code: str
) -> None:
    state = table.resolve(name, lang)
    assert state is not None
    assert state.code == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Lao People’s Democratic Republic", "LA"),
        ("Lao People's Democratic Republic", "LA"),
        ("Democratic People’s Republic of Korea", "KP"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Côte d’Ivoire", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
    ],
)
def test_english_names_resolve_with_either_apostrophe(
    table: StateTable, name: str, code: str
) -> None:
    state = table.resolve(name, "en")
    assert state is not None
    assert state.code == code


@pytest.mark.parametrize(
    ("name", "lang", "code"),
    [
        ("Bolivia（Plurinational State of）", "en", "BO"),
        ("Bolivia(Plurinational State of)", "en", "BO"),
        ("  Iran   (Islamic Republic of) ", "en", "IR"),
        ("United Kingdom of Great Britain\nand Northern Ireland", "en", "GB"),
        ("russian federation", "en", "RU"),
        ("Timor\u2011Leste", "en", "TL"),
        ("俄罗斯　联邦", "zh", "RU"),
        (" 阿拉伯叙利亚共和国 ", "zh", "SY"),
    ],
)
def test_resolve_normalises_spacing_parentheses_and_case(
    table: StateTable, name: str, lang: str, code: str
) -> None:
    state = table.resolve(name, lang)
    assert state is not None
    assert state.code == code


@pytest.mark.parametrize(
    ("name", "lang", "code"),
    [
        ("Turkey", "en", "TR"),
        ("Swaziland", "en", "SZ"),
        ("Netherlands", "en", "NL"),
        ("Czech Republic", "en", "CZ"),
        ("The former Yugoslav Republic of Macedonia", "en", "MK"),
        ("Cape Verde", "en", "CV"),
        ("捷克共和国", "zh", "CZ"),
        ("荷兰", "zh", "NL"),
        ("罗马教廷", "zh", "VA"),
    ],
)
def test_aliases_resolve(table: StateTable, name: str, lang: str, code: str) -> None:
    state = table.resolve(name, lang)
    assert state is not None
    assert state.code == code
    assert name in state.aliases(lang)


@pytest.mark.parametrize(
    ("name", "lang"),
    [("俄罗斯", "zh"), ("叙利亚", "zh"), ("Russia Federation", "en"), ("Syria", "en"), ("", "en")],
)
def test_resolve_is_not_fuzzy(table: StateTable, name: str, lang: str) -> None:
    assert table.resolve(name, lang) is None


def test_nearest_suggests_official_names(table: StateTable) -> None:
    assert table.nearest("俄罗斯", "zh")[0] == "俄罗斯联邦"
    assert table.nearest("Russia Federation", "en")[0] == "Russian Federation"
    assert table.nearest("叙利亚", "zh")[0] == "阿拉伯叙利亚共和国"
    assert table.nearest("Republic of Korae", "en")[0] == "Republic of Korea"
    assert table.nearest("Turky", "en") == ("Türkiye",)  # found through the alias Turkey


def test_nearest_limits_and_gives_up(table: StateTable) -> None:
    assert len(table.nearest("Guinea", "en", n=2)) == 2
    assert table.nearest("Guinea", "en", n=0) == ()
    assert table.nearest("xqzv", "en") == ()
    assert table.nearest("", "zh") == ()


def test_by_code(table: StateTable) -> None:
    assert table.by_code("RU").name("zh") == "俄罗斯联邦"
    assert table.by_code("va").status == "observer"
    with pytest.raises(KeyError):
        table.by_code("XX")


def test_name_rejects_unknown_language(table: StateTable) -> None:
    with pytest.raises(ValueError, match="fr"):
        table.by_code("FR").name("fr")


def test_load_states_is_cached() -> None:
    assert load_states() is load_states()


def test_header_comment_cites_sources() -> None:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    header = "\n".join(line for line in lines[: lines.index("")] if line.startswith("#"))
    for source in (
        "https://www.un.org/en/about-us/member-states",
        "https://www.un.org/zh/about-us/member-states",
        "UNTERM",
        "ISO 3166-1",
    ):
        assert source in header


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "states.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # YAML reads an unquoted NO (Norway) as false.
        ("- {code: NO, alpha3: NOR, status: member, en: Norway, zh: 挪威}\n", "entry 1"),
        ("- {code: RU, alpha3: RUS, status: member, en: Russian Federation}\n", "'zh'"),
        ("- {code: RU, alpha3: RUS, status: friend, en: R, zh: 俄}\n",
         ":1:35: entry 1 (RU), status: 'friend' is not one"),
        ("- {code: RUS, alpha3: RUS, status: member, en: R, zh: 俄}\n",
         ":1:10: entry 1 (RUS), code: 'RUS' does not match"),
        ("- {code: RU, alpha3: RUS, status: member, en: R, zh: 俄, flag: x}\n",
         "('flag' was unexpected); allowed: code,"),
        (
            "- {code: RU, alpha3: RUS, status: member, en: R, zh: 俄, aliases: {Fr: [R]}}\n",
            "aliases: Additional properties are not allowed ('Fr' was unexpected); allowed: en, zh",
        ),
        (
            "- {code: RU, alpha3: RUS, status: member, en: R, zh: 俄}\n"
            "- {code: RU, alpha3: RUX, status: member, en: S, zh: 苏}\n",
            "'RU'",
        ),
        (
            "- {code: RU, alpha3: RUS, status: member, en: R, zh: 俄}\n"
            "- {code: BY, alpha3: BLR, status: member, en: B, zh: 白, aliases: {en: [R]}}\n",
            "already a name or alias",
        ),
        ("code: RU\n", "expected a list"),
        ("- [unclosed\n", "not valid YAML"),
    ],
)
def test_malformed_data_is_reported_with_file_and_entry(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ValueError, match=r"states\.yml") as raised:
        load_states_from(path)
    assert message in str(raised.value)


def test_table_can_be_built_directly() -> None:
    state = State("RU", "RUS", "member", {"en": "Russian Federation", "zh": "俄罗斯联邦"})
    table = StateTable((state,))
    assert table.resolve("俄罗斯联邦", "zh") is state
