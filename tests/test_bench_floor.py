"""The benchmark's floor of the stack: every page of a build, in plain mkdocs-material
projects that render side by side."""

from __future__ import annotations

from pathlib import Path

import yaml

from bench.run import build_floor, make_floor


def _project(root: Path) -> list[str]:
    pages = {
        "zh/index.md": "# 首页\n",
        "zh/resolutions/a-res-77-96.md": ("---\ntitle: 第77/96号决议\n---\n\n# 第77/96号决议\n\n"
                                          "正文[^1]。\n\n[^1]: 脚注。\n"),
        "zh/compare/a-res-77-96.md": "# 比较\n\n[决议](../resolutions/a-res-77-96.md)\n",
        "en/index.md": "# Home\n",
        "en/resolutions/a-res-77-96.md": "# Resolution 77/96\n\nText. {: #op1 }\n",
        "en/indexes/session-77.md": "# Session 77\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "en/resolutions/a-res-76-234.md": "# Resolution 76/234\n\nSee [77/96](a-res-77-96.md).\n",
    }
    for name, text in pages.items():
        path = root / "build" / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "build" / "docs" / "assets").mkdir()
    (root / "build" / "docs" / "assets" / "x.css").write_text("a{}", encoding="utf-8")
    return sorted(pages)


def test_the_floor_holds_every_page_once_split_over_the_shares_and_builds(tmp_path: Path) -> None:
    names = _project(tmp_path / "project")
    floor = tmp_path / "floor"
    assert make_floor(tmp_path / "project", floor, 2) == len(names)
    found: dict[str, str] = {}
    for share in sorted(floor.glob("share-*")):
        config = yaml.safe_load((share / "mkdocs.yml").read_text(encoding="utf-8"))
        assert config["nav"] == ["index.md"] and config["plugins"] == []  # no navigation, no search
        assert config["theme"]["name"] == "material"
        for path in (share / "docs").rglob("*.md"):
            name = path.relative_to(share / "docs").as_posix()
            if name != "index.md":
                assert name not in found
                found[name] = share.name
    assert sorted(found) == names  # every page once, nothing else (no assets)
    assert [found[name] for name in names] == [f"share-{i % 2}" for i in range(len(names))]
    result = build_floor(floor)
    assert result.seconds > 0
    for name, where in found.items():
        html = floor / where / "site" / name.removesuffix(".md") / "index.html"
        if name.endswith("/index.md"):
            html = floor / where / "site" / name.removesuffix("index.md") / "index.html"
        assert html.is_file(), name
    assert "Resolution 76/234" in (floor / found["en/resolutions/a-res-76-234.md"] / "site" / "en" /
                                   "resolutions" / "a-res-76-234" / "index.html").read_text(encoding="utf-8")
