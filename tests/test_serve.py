"""``unres serve`` (``make serve``): the preview rebuilds what changed and keeps the last
good site when a build fails (build_tools.site.serve)."""

from __future__ import annotations

import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from build_tools.cli import main
from build_tools.site.serve import parse_address


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


def _wait(what: str, condition: Callable[[], bool], log: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"waited {seconds:.0f} s for {what}; the server said:\n{log.read_text()}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project whose content the test may edit (a copy), the rest linked."""
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "content", folder / "content")
    for name in ("theme", "build_tools"):
        (folder / name).symlink_to(ROOT / name, target_is_directory=True)
    return folder


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def server(project: Path) -> Iterator[tuple[str, Path, subprocess.Popen[bytes]]]:
    port = _free_port()
    log = project.parent / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "build_tools", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                   cwd=project, stdout=output, stderr=subprocess.STDOUT,
                                   # Ctrl+C stops it, as at a terminal, even where the tests run with
                                   # SIGINT ignored (a shell's background job), which it would inherit.
                                   preexec_fn=_default_sigint)
    try:
        yield f"http://127.0.0.1:{port}/", log, process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.site
def test_the_preview_rebuilds_what_changed_and_survives_a_broken_file(
    project: Path, server: tuple[str, Path, subprocess.Popen[bytes]]
) -> None:
    url, log, process = server
    folder = next((project / "content" / "resolutions").iterdir())
    page = f"{url}en/resolutions/{folder.name}/"
    _wait("the first build", lambda: _get(page)[0] == 200, log)
    html = _get(page)[1]
    assert "livereload" in html  # the server reloads open pages after a build
    assert f'<link rel="canonical" href="{page}">' in html  # built for the preview's address
    served = project / "build" / "serve"
    assert (served / "en" / "search").is_dir() and (served / "un-resolutions-json.zip").is_file()  # post-build steps
    assert f"<loc>{url}sitemap-en-1.xml</loc>" in _get(f"{url}sitemap.xml")[1]

    english = folder / "en.txt"
    text = english.read_text(encoding="utf-8")
    word = re.search(r"\b[a-z]{8,}\b", text)
    assert word is not None
    english.write_text(text[:word.start()] + "Xyzzyplugh" + text[word.end():], encoding="utf-8")
    _wait("the changed word on the page", lambda: "Xyzzyplugh" in _get(page)[1], log)
    rendered = re.findall(r"\((\d+) document\(s\), (\d+) pages, (\d+) rendered again\)", log.read_text())
    assert rendered, log.read_text()
    _, total, again = map(int, rendered[-1])
    assert 0 < again < total / 4  # the changed pages, not the whole site

    meta = folder / "meta.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "symbol: [unclosed\n", encoding="utf-8")
    _wait("the failed build", lambda: "the preview shows the last good build" in log.read_text(), log)
    said = log.read_text()
    assert f"{meta.relative_to(project)}:" in said and "error [meta.yaml]" in said
    assert "Xyzzyplugh" in _get(page)[1]  # the last good build, still served
    assert _get(f"{url}en/no-such-page/") == (404, (served / "404.html").read_text())
    assert process.poll() is None

    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0
    assert "Stopped." in log.read_text() and "Traceback" not in log.read_text()


def test_a_taken_address_is_an_error_before_any_build(project: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--dev-addr", f"127.0.0.1:{port}"]) == 1
    assert f"error [serve.address] cannot serve at http://127.0.0.1:{port}/" in capsys.readouterr().err
    assert not (project / "build").exists()


@pytest.mark.parametrize("address", ["8000", "localhost:", "127.0.0.1:99999", "a b:80"])
def test_a_bad_address_is_an_error(address: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--dev-addr", address]) == 2
    assert f"error [cli.arguments] --dev-addr {address!r}: expected HOST:PORT, like 127.0.0.1:8000" \
        in capsys.readouterr().err


def test_an_address_is_a_host_and_a_port() -> None:
    assert parse_address("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert parse_address(" localhost:8765 ") == ("localhost", 8765)
