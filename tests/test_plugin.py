"""The project's MkDocs plugin: registered by entry point, configured by a typed Config."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, BuiltSite, make_project
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from test_site import snapshot

from build_tools.parallel import JOBS_ENV
from build_tools.site import build_site
from build_tools.site.build import SiteBuildError
from build_tools.site.plugin import NAME, UnresConfig, UnresPlugin

PLUGIN_LINE = f"  - {NAME}\n"


def test_the_plugin_is_registered_by_its_entry_point() -> None:
    (entry,) = entry_points(group="mkdocs.plugins", name=NAME)
    assert entry.load() is UnresPlugin
    plugin = UnresPlugin()
    assert plugin.load_config({}) == ([], [])
    assert isinstance(plugin.config, UnresConfig)


def test_mkdocs_yml_loads_it_with_every_page_rendered(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "build" / "docs").mkdir(parents=True)  # MkDocs checks that docs_dir exists
    config = load_config(config_file=str(project / "mkdocs.yml"))
    plugin = config.plugins[NAME]
    assert isinstance(plugin, UnresPlugin)
    assert (plugin.config.render_only, plugin.config.share, plugin.config.shares) == (None, 0, 1)
    assert list(config.plugins).index(NAME) > list(config.plugins).index("i18n"), "after each language's setup"
    assert "hooks" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nplugins:")[0]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("share: 2\n      shares: 2", "expected 0 <= share < shares"),
        ("shares: many", "Expected type: <class 'int'>"),
        ("render_only: index.md", "Expected a list of items"),
    ],
)
def test_a_bad_option_is_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: str, message: str
) -> None:
    project = make_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8")
    assert text.count(PLUGIN_LINE) == 1
    config_file.write_text(text.replace(PLUGIN_LINE, f"  - {NAME}:\n      {options}\n"), encoding="utf-8")
    (project / "build" / "docs").mkdir(parents=True)
    with pytest.raises(Abort):
        load_config(config_file=str(config_file))
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert len(errors) == 1 and f"Plugin '{NAME}'" in errors[0] and message in errors[0], errors


def test_an_unknown_option_is_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """As MkDocs has it for every plugin: a warning, which fails the strict build the site uses."""
    project = make_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8").replace(PLUGIN_LINE, f"  - {NAME}:\n      render: [index.md]\n")
    config_file.write_text(text, encoding="utf-8")
    (project / "build" / "docs").mkdir(parents=True)
    load_config(config_file=str(config_file))
    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert f"Plugin '{NAME}' option 'render': Unrecognised configuration name: render" in " ".join(warnings)


@pytest.mark.site
def test_a_configuration_without_the_plugin_is_refused_by_name(built_site: BuiltSite, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(PLUGIN_LINE, ""), encoding="utf-8")
    with pytest.raises(SiteBuildError, match=f"the plugin '{NAME}' is not in its plugins list"):
        build_site(built_site.pages, project, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_each_page_lets_go_of_its_markdown_and_html_once_written(
    built_site: BuiltSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs keeps every page's Markdown and HTML to the end of its build; the plugin lets
    go of both once the page's file is written, and the files are whole all the same."""
    import mkdocs.commands.build as mkdocs_build

    written: list[Any] = []
    build_page = mkdocs_build._build_page

    def recording(page: Any, *args: Any, **kwargs: Any) -> None:
        build_page(page, *args, **kwargs)
        written.append(page)

    monkeypatch.setattr(mkdocs_build, "_build_page", recording)
    monkeypatch.setenv(JOBS_ENV, "1")  # every page rendered in this process
    site = tmp_path / "site"
    build_site(built_site.pages, make_project(tmp_path / "project"), site, site_url=built_site.site_url)
    assert len(written) == len(list(site.rglob("*.html"))) - len(list(site.rglob("404.html"))) > 10
    assert [page.file.src_uri for page in written if page.markdown is not None or page.content is not None] == []
    assert snapshot(site) == snapshot(built_site.site_dir)
