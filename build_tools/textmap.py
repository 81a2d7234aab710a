"""Text that remembers where each of its characters came from in the source file.

Ingest only ever *removes* characters from the source (or turns a line break into a
space when it joins two English lines), so a piece of clean text is a sequence of runs,
each a contiguous slice of the source. Error messages and the conservation check use the
runs to point back at ``path:line:col``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MappedText:
    text: str
    """The characters."""
    starts: tuple[int, ...]
    """Output offset where each run begins (ascending, first is 0 unless empty)."""
    sources: tuple[int, ...]
    """Source offset of the first character of each run."""

    @classmethod
    def of(cls, text: str, source_offset: int) -> MappedText:
        if not text:
            return EMPTY
        return cls(text, (0,), (source_offset,))

    @classmethod
    def join(cls, parts: Iterable[MappedText]) -> MappedText:
        text: list[str] = []
        starts: list[int] = []
        sources: list[int] = []
        size = 0
        for part in parts:
            for start, source in zip(part.starts, part.sources, strict=True):
                out = size + start
                if starts and sources[-1] + (out - starts[-1]) == source:
                    continue  # contiguous with the previous run
                starts.append(out)
                sources.append(source)
            text.append(part.text)
            size += len(part.text)
        return cls("".join(text), tuple(starts), tuple(sources))

    def __len__(self) -> int:
        return len(self.text)

    def source_offset(self, index: int) -> int:
        """Source offset of the character at ``index`` (or just after the last one)."""
        if not self.starts:
            return 0
        if index >= len(self.text):
            return self.source_offset(len(self.text) - 1) + 1 if self.text else 0
        run = bisect.bisect_right(self.starts, index) - 1
        return self.sources[run] + index - self.starts[run]

    def slice(self, start: int, end: int) -> MappedText:
        start, end = max(0, start), min(len(self.text), end)
        if start >= end:
            return EMPTY
        first = bisect.bisect_right(self.starts, start) - 1
        starts = [0]
        sources = [self.sources[first] + start - self.starts[first]]
        for run in range(first + 1, len(self.starts)):
            if self.starts[run] >= end:
                break
            starts.append(self.starts[run] - start)
            sources.append(self.sources[run])
        return MappedText(self.text[start:end], tuple(starts), tuple(sources))

    def delete(self, spans: Sequence[tuple[int, int]]) -> MappedText:
        """The text without the given (sorted, non-overlapping) ``[start, end)`` spans."""
        if not spans:
            return self
        keep: list[MappedText] = []
        position = 0
        for start, end in spans:
            keep.append(self.slice(position, start))
            position = end
        keep.append(self.slice(position, len(self.text)))
        return MappedText.join(keep)

    def source_spans(self, start: int, end: int) -> tuple[tuple[int, int], ...]:
        """Source ranges covered by output ``[start, end)``, one per run."""
        piece = self.slice(start, end)
        bounds = (*piece.starts, len(piece.text))
        return tuple(
            (source, source + bounds[i + 1] - bounds[i]) for i, source in enumerate(piece.sources)
        )

    def index_of(self, source: int) -> int | None:
        """The output index of the character taken from source offset ``source``, if any
        (runs come from ascending source offsets, as ingest makes them)."""
        run = bisect.bisect_right(self.sources, source) - 1
        if run < 0:
            return None
        index = self.starts[run] + source - self.sources[run]
        end = self.starts[run + 1] if run + 1 < len(self.starts) else len(self.text)
        return index if index < end else None

    def strip(self) -> MappedText:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        return self.slice(left, right)


EMPTY = MappedText("", (), ())
