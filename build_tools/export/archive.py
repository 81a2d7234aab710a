"""ZIP archives that are the same bytes every time they are made from the same files.

Entries are written in name order with one fixed timestamp (the build's, from
``SOURCE_DATE_EPOCH``), fixed permissions and the same compression, so two builds of the
same content give byte-identical archives.

The archive is written here, record by record, as :mod:`zipfile` writes it (the same bytes,
which the tests check), because :mod:`zipfile` can only compress an entry itself: an entry
may come already compressed (:class:`Deflated`), taken from the archive of the last build
(:func:`deflated_entries`) or from a cache (``compress``), so that an archive of every
document's JSON costs only the entries that changed. An archive too large for the plain
ZIP records (more than 65,535 entries, or 2 GB) is left to :mod:`zipfile`, which writes the
ZIP64 ones.
"""

from __future__ import annotations

import datetime
import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

ZIP_EPOCH = datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC)
"""The earliest time a ZIP entry can carry."""

LEVEL = 9
"""The deflate level of every entry."""

Deflate = Callable[[bytes], tuple[int, bytes]]
"""An entry's bytes → their CRC-32 and raw deflate stream (:func:`deflate`)."""

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_VERSION = 20  # zipfile.DEFAULT_VERSION: what deflate needs
_UNIX = 3
_REGULAR_FILE = 0o100644 << 16  # a regular file, rw-r--r--
_LIMIT = zipfile.ZIP64_LIMIT
_COUNT_LIMIT = zipfile.ZIP_FILECOUNT_LIMIT


@dataclass(frozen=True, slots=True)
class Deflated:
    """An entry compressed already: what its bytes' CRC-32 and size are, and their raw
    deflate stream (as :func:`deflate` makes it)."""

    crc: int
    size: int
    stream: bytes | memoryview
    """The deflate stream; a view of the archive it comes from (:func:`deflated_entries`)."""


Member = bytes | Deflated
"""An entry of :func:`reproducible_zip`: its bytes, or those bytes compressed already."""


def deflate(data: bytes) -> tuple[int, bytes]:
    """``data``'s CRC-32 and its raw deflate stream at :data:`LEVEL`, as :mod:`zipfile` makes them."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def reproducible_zip(files: Mapping[str, Member], timestamp: datetime.datetime, compress: Deflate = deflate) -> bytes:
    """A deflated ZIP of ``files`` (``{"folder/name.json": bytes}``), entries sorted by name;
    ``compress`` makes each entry's deflate stream (:func:`deflate`, or one that remembers)
    but that of an entry given :class:`Deflated`, which is written as it is."""
    when = max(timestamp.astimezone(datetime.UTC), ZIP_EPOCH)
    date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    names = sorted(files)
    for name in names:
        _check_name(name)
    if len(names) >= _COUNT_LIMIT or sum(_size(files[name]) for name in names) * 1.05 > _LIMIT / 2:
        return _with_zipfile(files, names, date_time)
    dostime = date_time[3] << 11 | date_time[4] << 5 | date_time[5] // 2
    dosdate = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    out = bytearray()
    central = bytearray()
    for name in names:
        member = files[name]
        crc, stream = (member.crc, member.stream) if isinstance(member, Deflated) else compress(member)
        size = _size(member)
        encoded, flags = _encoded(name)
        offset = len(out)
        out += _LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc,
                           len(stream), size, len(encoded), 0)
        out += encoded
        out += stream
        central += _CENTRAL.pack(b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dostime,
                                 dosdate, crc, len(stream), size, len(encoded), 0, 0, 0, 0, _REGULAR_FILE,
                                 offset)
        central += encoded
    start = len(out)
    out += central
    out += _END.pack(b"PK\005\006", 0, 0, len(names), len(names), len(central), start, 0)
    return bytes(out)


def deflated_entries(archive: bytes) -> dict[str, Deflated]:
    """The entries of an archive :func:`reproducible_zip` wrote with its own records, by
    name, as they are compressed there; ``{}`` for an archive it did not write so (one of
    :mod:`zipfile`'s ZIP64 ones, another writer's, a damaged one): its entries are then
    compressed again, never taken on trust."""
    if len(archive) < _END.size:
        return {}
    end = _END.unpack_from(archive, len(archive) - _END.size)
    signature, _, _, _, count, central_size, start, comment = end
    if signature != b"PK\005\006" or comment or start + central_size != len(archive) - _END.size:
        return {}
    found: dict[str, Deflated] = {}
    view = memoryview(archive)  # the streams are views of the archive, not copies
    position = start
    try:
        for _ in range(count):
            record = _CENTRAL.unpack_from(archive, position)
            if record[0] != b"PK\001\002" or record[6] != zipfile.ZIP_DEFLATED or any(record[13:16]):
                return {}
            flags, crc, stream_size, size, name_size, offset = record[5], record[9], record[10], record[11], \
                record[12], record[18]
            name = archive[position + _CENTRAL.size:position + _CENTRAL.size + name_size]
            position += _CENTRAL.size + name_size
            local = _LOCAL.unpack_from(archive, offset)
            data = offset + _LOCAL.size + local[10] + local[11]
            if local[0] != b"PK\003\004" or local[10:12] != (name_size, 0) or local[7:10] != (crc, stream_size, size) \
                    or archive[offset + _LOCAL.size:offset + _LOCAL.size + name_size] != name \
                    or data + stream_size > start:
                return {}
            found[name.decode("utf-8" if flags & 0x800 else "ascii")] = Deflated(
                crc, size, view[data:data + stream_size])
    except (struct.error, UnicodeDecodeError):
        return {}
    return found if position == start + central_size else {}


def _size(member: Member) -> int:
    return member.size if isinstance(member, Deflated) else len(member)


def _encoded(name: str) -> tuple[bytes, int]:
    """The name's bytes and flags, as :meth:`zipfile.ZipInfo._encodeFilenameFlags` gives them."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), 0x800


def _with_zipfile(files: Mapping[str, Member], names: list[str], date_time: tuple[int, int, int, int, int, int]
                  ) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX  # Unix, whatever the building machine
            info.external_attr = _REGULAR_FILE
            member = files[name]
            data = zlib.decompress(member.stream, -15) if isinstance(member, Deflated) else member
            archive.writestr(info, data, compresslevel=LEVEL)
    return buffer.getvalue()


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or ".." in path.parts or "\\" in name or name.endswith("/"):
        raise ValueError(f"{name!r}: expected a relative file path inside the archive")
