"""What stands at a document's file names may be anything: every read is bounded.

Named pipes, devices, links that lead nowhere, to themselves or out of ``content/``, huge
files, PDFs that keep a reader busy for ever or crash it, folder names that cannot be
addresses: each gets an error located at the file, and the other documents are still
converted. The commands run in a subprocess with a timeout, so that a regression shows as a
failure, not as a test run that never ends.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from build_tools import pdf_worker
from build_tools.collection import convert_collection, convert_folder
from build_tools.diagnostics import DiagnosticError
from build_tools.reading import read_bytes

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).parent / "fixtures" / "bad" / "valid"
FOLDER = "content/resolutions/doc"


def _content(tmp_path: Path) -> Path:
    """``content/`` with the document ``doc`` (a valid Chinese text) and ``other`` (the same)."""
    content = tmp_path / "content"
    for name in ("doc", "other"):
        shutil.copytree(VALID, content / "resolutions" / name)
    return content


def _check(content: Path, *env: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "UNRES_CACHE": "off"}
    environment.update(item.partition("=")[::2] for item in env)
    return subprocess.run([sys.executable, "-m", "build_tools", "check", "--content", str(content), "--strict"],
                          capture_output=True, text=True, cwd=content.parent, timeout=timeout, env=environment,
                          check=False)


def _reported(result: subprocess.CompletedProcess[str], line: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert line in result.stderr, result.stderr
    assert "content/resolutions/other" not in result.stderr, "the other document converts"


def test_a_named_pipe_is_refused_not_read(tmp_path: Path) -> None:
    content = _content(tmp_path)
    os.mkfifo(content / "resolutions" / "doc" / "en.txt")
    _reported(_check(content), f"{FOLDER}/en.txt:1:1: error [read.special-file] expected a regular file, "
                               "found a named pipe (FIFO)")


def test_a_link_to_a_device_is_refused(tmp_path: Path) -> None:
    content = _content(tmp_path)
    (content / "resolutions" / "doc" / "en.txt").symlink_to("/dev/zero")
    _reported(_check(content), f"{FOLDER}/en.txt:1:1: error [read.outside] expected a file inside the content folder")
    with pytest.raises(DiagnosticError) as raised:  # the same device inside the content folder
        read_bytes(Path("/dev/zero"), "en.txt", "text")
    assert str(raised.value) == ("en.txt:1:1: error [read.special-file] expected a regular file, found a character "
                                 "device (hint: put the document's text or PDF here as a plain file)")


@pytest.mark.parametrize(("target", "found"), [
    ("missing.txt", "found a symbolic link to 'missing.txt', which does not exist"),
    ("en.txt", "found a symbolic link to 'en.txt' that leads back to itself"),
])
def test_a_link_that_leads_nowhere_is_an_error_not_a_missing_language(tmp_path: Path, target: str,
                                                                      found: str) -> None:
    content = _content(tmp_path)
    (content / "resolutions" / "doc" / "en.txt").symlink_to(target)
    _reported(_check(content), f"{FOLDER}/en.txt:1:1: error [read.broken-link] expected a file or a link to a file, "
                               f"{found}")
    pages, _ = convert_collection(content)
    assert {(p.info.slug, p.lang) for p in pages if p.info is not None} == {("other", "zh"), ("other", "en")}


def test_links_out_of_the_content_folder_are_refused(tmp_path: Path) -> None:
    content = _content(tmp_path)
    outside = tmp_path / "elsewhere"
    shutil.copytree(VALID, outside)
    (content / "resolutions" / "doc" / "en.txt").symlink_to(outside / "zh.txt")
    (content / "resolutions" / "linked").symlink_to(outside, target_is_directory=True)
    result = _check(content)
    _reported(result, f"{FOLDER}/en.txt:1:1: error [read.outside] expected a file inside the content folder")
    assert "content/resolutions/linked:1:1: error [read.outside]" in result.stderr
    pages, _ = convert_collection(content)
    assert {p.info.slug for p in pages if p.info is not None} == {"other"}


def test_a_folder_of_documents_that_is_a_link_out_of_the_content_folder_refuses_each_document(
    tmp_path: Path
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    outside = tmp_path / "elsewhere"
    for name in ("one", "two"):
        shutil.copytree(VALID, outside / name)
    (content / "resolutions").symlink_to(outside, target_is_directory=True)
    pages, diagnostics = convert_collection(content)
    assert [page for page in pages if page.info is not None] == []
    assert sorted((d.path, d.code) for d in diagnostics) == [
        ("elsewhere/one", "read.outside"), ("elsewhere/two", "read.outside")]  # shown where they are


def test_a_link_inside_the_content_folder_is_followed(tmp_path: Path) -> None:
    content = _content(tmp_path)
    doc = content / "resolutions" / "doc"
    (doc / "zh.txt").rename(content / "shared.zh.txt")
    (doc / "zh.txt").symlink_to("../../shared.zh.txt")
    pages, diagnostics = convert_collection(content)
    assert [str(d) for d in diagnostics] == []
    assert {p.info.slug for p in pages if p.info is not None} == {"doc", "other"}


def test_a_huge_file_is_not_read(tmp_path: Path) -> None:
    content = _content(tmp_path)
    with (content / "resolutions" / "doc" / "en.txt").open("wb") as handle:
        handle.truncate(3 * 1024**3)  # 3 GB, sparse
    started = time.monotonic()
    _reported(_check(content), f"{FOLDER}/en.txt:1:1: error [read.too-large] expected a file of at most 16.0 MB, "
                               "found a file of 3.0 GB")
    assert time.monotonic() - started < 60


@pytest.mark.parametrize("name", ['say "hi"', "a<b", "a#b", "what?", "c:d", "new\nline", "-dash"])
def test_folder_names_that_cannot_be_addresses_are_reported_at_the_folder(tmp_path: Path, name: str) -> None:
    content = _content(tmp_path)
    shutil.copytree(VALID, content / "resolutions" / name)
    pages, diagnostics = convert_collection(content)
    assert [d.code for d in diagnostics] == ["content.folder-name"]
    message = str(diagnostics[0])
    assert "\n" not in message
    assert message.startswith("content/resolutions/") and ":1:1: error [content.folder-name]" in message
    assert {p.info.slug for p in pages if p.info is not None} == {"doc", "other"}


# ---- PDFs ----------------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _page(content: bytes, resources: bytes = b"<< /Font << /F1 5 0 R >> >>") -> list[bytes]:
    stream = zlib.compress(content, 9)
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources + b" /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]


def test_a_pdf_that_keeps_the_reader_busy_is_stopped(tmp_path: Path) -> None:
    """A 120 KB PDF whose page inflates to a million text objects: seconds of reading, and a
    slightly larger one hours. With a time limit of one second it is reported as such."""
    content = _content(tmp_path)
    (content / "resolutions" / "doc" / "zh.txt").unlink()
    (content / "resolutions" / "doc" / "en.pdf").write_bytes(
        _pdf(_page(b"BT /F1 12 Tf 1 0 0 1 10 10 Tm (a) Tj ET\n" * 1_000_000)))
    started = time.monotonic()
    result = _check(content, "UNRES_PDF_SECONDS=1")
    _reported(result, f"{FOLDER}/en.pdf:1:1: error [read.pdf-timeout] expected a PDF read within 1 s, "
                      "found a PDF still being read after 1 s")
    assert time.monotonic() - started < 30


def test_a_pdf_with_a_reference_cycle_and_a_deep_page_tree_get_messages(tmp_path: Path) -> None:
    content = _content(tmp_path)
    cycle = _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                  b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 4 0 R >>", b"5 0 R", b"4 0 R"])
    assert len(cycle) < 500
    depth = 3000
    deep = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    deep += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (index + 3) for index in range(depth)]
    deep.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] >>" % (depth + 1))
    for name, data in (("doc", cycle), ("other", _pdf(deep))):
        (content / "resolutions" / name / "zh.txt").unlink()
        (content / "resolutions" / name / "en.pdf").write_bytes(data)
    result = _check(content)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{FOLDER}/en.pdf:1:1: error [read.pdf-no-text]" in result.stderr
    assert ("content/resolutions/other/en.pdf:1:1: error [read.pdf-invalid] expected pages PDFium can load, "
            "found page 1, which it cannot") in result.stderr


def test_a_reader_that_crashes_is_reported(tmp_path: Path) -> None:
    def crash(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGSEGV)

    with pytest.raises(DiagnosticError) as raised:
        pdf_worker._in_child(crash, (), 10, "x/en.pdf")
    assert str(raised.value).startswith("x/en.pdf:1:1: error [read.pdf-crashed] expected a PDF that PDFium can "
                                        "read, found a PDF whose reading stopped the reader (signal 11)")


def test_the_reader_returns_what_the_child_read() -> None:
    assert pdf_worker._in_child(lambda a, b: a + b, (2, 3), 10, "x") == ("ok", 5)
    outcome = pdf_worker._in_child(lambda: 1 / 0, (), 10, "x")
    assert outcome == ("error", "ZeroDivisionError: division by zero")


def _pid(*args: object) -> int:
    return os.getpid()


def test_one_child_reads_one_pdf_after_another_and_a_new_one_follows_a_crash() -> None:
    first = pdf_worker._in_child(_pid, (), 10, "x")
    assert first[0] == "ok" and first[1] != os.getpid()
    assert pdf_worker._in_child(_pid, (), 10, "x") == first  # the same child, not a fork a PDF

    def crash(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGSEGV)

    with pytest.raises(DiagnosticError):
        pdf_worker._in_child(crash, (), 10, "x")
    after = pdf_worker._in_child(_pid, (), 10, "x")
    assert after[0] == "ok" and after[1] not in (first[1], os.getpid())


def test_a_child_that_stalls_is_stopped_and_the_next_read_gets_a_new_one() -> None:
    before = pdf_worker._in_child(_pid, (), 10, "x")
    with pytest.raises(DiagnosticError) as raised:
        pdf_worker._in_child(time.sleep, (30,), 0.5, "x/en.pdf")
    assert "error [read.pdf-timeout] expected a PDF read within 0.5 s" in str(raised.value)
    after = pdf_worker._in_child(_pid, (), 10, "x")
    assert after[0] == "ok" and after[1] != before[1]
    with pytest.raises(ProcessLookupError):  # a child that was replaced is gone, not left running
        os.kill(before[1], 0)


def _ppid(*args: object) -> int:
    return os.getppid()


def test_the_child_holds_none_of_the_descriptors_of_its_parent() -> None:
    readable, writable = os.pipe()  # as a browser driver's pipe: its end must come when we close it
    try:
        assert pdf_worker._in_child(_ppid, (), 10, "x") == ("ok", os.getpid())  # a child forked now
        os.close(writable)
        os.set_blocking(readable, False)
        assert os.read(readable, 1) == b""  # the end of the pipe: no child holds it open
    finally:
        os.close(readable)


def test_a_child_reads_a_bounded_number_of_pdfs() -> None:
    pids = {pdf_worker._in_child(_pid, (), 10, "x")[1] for _ in range(pdf_worker.READS_PER_CHILD + 1)}
    assert len(pids) >= 2


def test_a_real_pdf_reads_the_same_through_the_worker() -> None:
    pdfs = sorted((ROOT.parent / "shared" / "corpus").glob("*.pdf"))
    if not pdfs:
        pytest.skip("../shared/corpus is not here")
    from build_tools.pdf import read_pdf

    direct = read_pdf(pdfs[0], "en", pdfs[0].name)
    bounded = pdf_worker.read_pdf(pdfs[0], "en", pdfs[0].name)
    assert bounded[0] == direct[0] and bounded[1] == direct[1]


def test_the_folder_check_needs_no_content_argument(tmp_path: Path) -> None:
    content = _content(tmp_path)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text((VALID / "zh.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (content / "resolutions" / "doc" / "en.txt").symlink_to(outside)
    _, diagnostics, _ = convert_folder(content / "resolutions" / "doc", tmp_path)
    assert [d.code for d in diagnostics] == ["read.outside"]
