"""Source text is data: a document stuffed with injection payloads, built and opened in a
real browser, shows every payload as the characters it is and runs none of them."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from conftest import CHROMIUM, ROOT

from build_tools.collection import convert_collection
from build_tools.diagnostics import errors

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = pytest.mark.browser

CASES = Path(__file__).parent / "fixtures" / "bad"
PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    "[click](javascript:window.__pwned=2)",
    '<img src=x onerror="window.__pwned=3">',
    "`code` *star* _under_ | pipe # hash ~~tilde~~ ==mark== ^^caret^^",
    "![image](javascript:alert(4))",
    "&lt;b&gt;entity&lt;/b&gt; &amp;",
    '{: onclick="window.__pwned=5" }',
    "<a href=javascript:alert(6)>link</a>",
]


def _stuffed_text() -> str:
    text = (CASES / "valid" / "zh.txt").read_text(encoding="utf-8")
    paragraph = "认识到裁军教育有助于和平与安全，"
    assert paragraph in text
    stuffed = "认识到" + " ".join(PAYLOADS) + "，"
    note = "联合国，《条约汇编》，第 729 卷，第 10485 号。"
    return text.replace(paragraph, stuffed).replace(note, note[:-1] + PAYLOADS[0] + "。")


@pytest.fixture(scope="module")
def stuffed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from build_tools.site import build_site

    project = tmp_path_factory.mktemp("stuffed")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for name in ("theme", "build_tools"):
        (project / name).symlink_to(ROOT / name, target_is_directory=True)
    folder = project / "content" / "resolutions" / "stuffed"
    folder.mkdir(parents=True)
    (folder / "zh.txt").write_text(_stuffed_text(), encoding="utf-8")
    pages, diagnostics = convert_collection(project / "content")
    assert not errors(diagnostics), [str(d) for d in diagnostics]
    site = project / "site"
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    build_site(pages, project, site, strict=True, site_url=url)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


def test_payloads_show_as_text_and_never_run(stuffed_site: str, browser: Any) -> None:
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed")
    page = browser.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    for path in ("resolutions/stuffed/", "en/resolutions/stuffed/"):
        page.goto(stuffed_site + path)
        page.wait_for_load_state("load")
        page.mouse.click(5, 5)
        shown = page.inner_text("#pp3")
        for payload in PAYLOADS:
            assert payload in shown, payload
        footnote = page.inner_text(".footnote")
        assert PAYLOADS[0] in footnote
        assert page.evaluate("typeof window.__pwned") == "undefined"
        article = page.locator("article")
        assert article.locator("script").count() == 0
        assert article.locator("img[onerror], [onclick]").count() == 0
        hrefs = article.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert not [h for h in hrefs if h and h.strip().lower().startswith("javascript:")]
    assert dialogs == []
    page.close()
