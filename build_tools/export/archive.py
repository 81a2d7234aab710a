"""ZIP archives that are the same bytes every time they are made from the same files.

Entries are written in name order with one fixed timestamp (the build's, from
``SOURCE_DATE_EPOCH``), fixed permissions and the same compression, so two builds of the
same content give byte-identical archives.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Mapping
from pathlib import PurePosixPath

ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
"""The earliest time a ZIP entry can carry."""


def reproducible_zip(files: Mapping[str, bytes], timestamp: datetime.datetime) -> bytes:
    """A deflated ZIP of ``files`` (``{"folder/name.json": bytes}``), entries sorted by name."""
    when = max(timestamp.astimezone(datetime.UTC), ZIP_EPOCH)
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            _check_name(name)
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the building machine
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or name.endswith("/"):
        raise ValueError(f"{name!r}: expected a relative file path inside the archive")
