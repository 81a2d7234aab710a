"""``unres serve`` (``make serve``): a live preview that rebuilds only what changed.

Every change under the content folder, ``theme/`` or ``build_tools/``, or to ``mkdocs.yml``,
runs the same build as ``unres build``: documents converted again only when they changed
(the cache), pages rendered again only when their Markdown changed, the post-build steps
(search indexes, exports, feeds) included, so the preview is the site that will be published. The
build runs in a fresh Python process, so edits to the converter take effect, and writes
``build/serve/`` with the preview's address as ``site_url``. MkDocs' live-reload server
serves that folder and reloads the open pages after each build. A build that fails prints
its diagnostics and leaves the last good site on view.

``mkdocs serve`` still works, but renders every page again on every change: at 1,000
documents per language that is minutes instead of seconds.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

SERVE_DIR = Path("build") / "serve"
"""Where the preview is built, under the project (``site/`` keeps the published build)."""

WATCHED = ("theme", "build_tools", "mkdocs.yml")
"""Watched besides the content folder."""

_ADDRESS = re.compile(r"(?P<host>[^:\s]+):(?P<port>\d{1,5})")


def parse_address(text: str) -> tuple[str, int]:
    """``127.0.0.1:8000`` → ``("127.0.0.1", 8000)``; ValueError naming what was expected."""
    match = _ADDRESS.fullmatch(text.strip())
    if match is None or not 0 < int(match["port"]) < 65536:
        raise ValueError(f"--dev-addr {text!r}: expected HOST:PORT, like 127.0.0.1:8000")
    return match["host"], int(match["port"])


def build_preview(project: Path, content: Path, url: str) -> bool:
    """``unres build`` of ``content`` into :data:`SERVE_DIR` for ``url``, in a new process;
    its messages go to this process's output. Whether it succeeded."""
    environment = {**os.environ, "SITE_URL": url, "PYTHONDONTWRITEBYTECODE": "1"}  # no writes into watched folders
    command = [sys.executable, "-m", "build_tools", "build", "--content", str(content), "--site", str(SERVE_DIR)]
    return subprocess.run(command, cwd=project, env=environment, check=False).returncode == 0


def serve(project: Path, content: Path, host: str, port: int) -> int:
    """Build, then serve and rebuild on changes until interrupted. 1 if the address cannot
    be served or the first build fails with no earlier preview to show."""
    site = project / SERVE_DIR
    url = f"http://{host}:{port}/"
    try:  # before a build that can take a while
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        print(f"error [serve.address] cannot serve at {url}: {error.strerror or error}", file=sys.stderr)
        return 1
    if not build_preview(project, content, url):
        if not (site / "index.html").is_file():
            print("error [serve.build] the first build failed (messages above); nothing to serve", file=sys.stderr)
            return 1
        print(f"warning [serve.build] the build failed (messages above); serving the last preview in {SERVE_DIR}/",
              file=sys.stderr)

    def rebuild() -> None:
        if not build_preview(project, content, url):
            print("warning [serve.build] the build failed (messages above); the preview shows the last good "
                  "build until it succeeds", file=sys.stderr, flush=True)

    def error_page(code: int) -> bytes | None:
        page = site / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("mkdocs.livereload").setLevel(logging.INFO)
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(site))
    server.error_handler = error_page
    for path in (project / content, *(project / name for name in WATCHED)):
        if path.exists():
            server.watch(str(path))
    print(f"Previewing {content}/ at {url} (rebuilt on every change; Ctrl+C to stop)", flush=True)
    try:
        server.serve()  # type: ignore[no-untyped-call]  # mkdocs.livereload has no annotations here
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
    except OSError as error:  # taken since the check above
        print(f"error [serve.address] cannot serve at {url}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
    return 0
