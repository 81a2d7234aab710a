"""Differences between two versions of a text: paragraphs aligned, then changes within each.

:func:`align` pairs the paragraphs (or footnotes) of an older and a newer version: runs of
identical paragraphs first (:class:`difflib.SequenceMatcher` over whole paragraphs), then,
among the rest, the most similar pairs (by tokens) above :data:`SIMILAR`. Pairs that keep
their order are *unchanged* or *changed*; a pair that crosses the others (the longest chain
of pairs in order is kept in place) is *moved*; what is left over is *added* or *removed*.

:func:`inline_diff` marks what changed inside a paragraph: by word in English, by run of
characters in Chinese (each Chinese character is a token, so changes come out as runs).
Both are pure functions over strings; the comparison pages render their results.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .languages import language

SIMILAR = 0.5
"""Lowest token similarity (0..1) for two paragraphs to count as versions of each other."""

_EN_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\s+|.", re.DOTALL)
_ZH_TOKEN = re.compile(r"[A-Za-z0-9]+|\s+|.", re.DOTALL)
_SPACE = re.compile(r"\s+")

STATUSES = ("unchanged", "changed", "moved", "added", "removed")


@dataclass(frozen=True, slots=True)
class Segment:
    op: str
    """``equal`` | ``insert`` | ``delete``."""
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    """One line of an aligned comparison."""

    status: str
    """One of :data:`STATUSES`."""
    old: int | None
    """Index in the older sequence (None for an added paragraph)."""
    new: int | None
    """Index in the newer sequence (None for a removed paragraph)."""
    segments: tuple[Segment, ...] = ()
    """For a pair whose text differs: the changes within it; else empty."""

    @property
    def edited(self) -> bool:
        """Whether the text of a paired paragraph changed (a moved one may be edited too)."""
        return any(segment.op != "equal" for segment in self.segments)


def tokens(text: str, lang: str) -> list[str]:
    """Words, runs of spaces and single other characters (a spaced script: English); else
    every character but runs of Latin letters and digits (``76/234`` is ``76``, ``/``, ``234``)."""
    return (_EN_TOKEN if language(lang).spaced else _ZH_TOKEN).findall(text)


@dataclass(frozen=True, slots=True)
class _Words:
    """A text's tokens without spaces, their multiset and their length in characters."""

    tokens: list[str]
    weight: dict[str, int]
    """Per distinct token, its characters times its count."""
    size: int

    @classmethod
    def of(cls, text: str, lang: str) -> _Words:
        found = [t for t in tokens(text, lang) if not t.isspace()]
        return cls(found, {t: len(t) * n for t, n in Counter(found).items()}, sum(map(len, found)))


def similarity(old: str, new: str, lang: str) -> float:
    """Share of the two texts' characters (spaces aside) in tokens they have in common, in
    order: "of the" alone does not make two short paragraphs versions of each other."""
    b = _Words.of(new, lang)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(b.tokens)
    return _similarity(_Words.of(old, lang), b, matcher)


def _similarity(a: _Words, b: _Words, matcher: difflib.SequenceMatcher[str]) -> float:
    """:func:`similarity` with ``b`` already set as ``matcher``'s second sequence."""
    total = a.size + b.size
    if not total:
        return 1.0
    # Upper bounds first: the common characters can be no more than the smaller text's,
    # nor than those of the tokens both have, in any order.
    if 2 * min(a.size, b.size) < SIMILAR * total:
        return 0.0
    if 2 * sum(min(a.weight[t], b.weight[t]) for t in a.weight.keys() & b.weight.keys()) < SIMILAR * total:
        return 0.0
    matcher.set_seq1(a.tokens)
    common = sum(len(t) for block in matcher.get_matching_blocks() for t in a.tokens[block.a: block.a + block.size])
    return 2 * common / total


def inline_diff(old: str, new: str, lang: str) -> tuple[Segment, ...]:
    """The changes that turn ``old`` into ``new``, as equal / delete / insert segments.

    Joining the equal and delete segments gives ``old``; the equal and insert ones, ``new``.
    A space or a single punctuation mark left between two changes is folded into them, so
    that ``the quick`` → ``a slow`` reads as one replacement, not two.
    """
    a, b = tokens(old, lang), tokens(new, lang)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    raw: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            raw.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(Segment("insert", "".join(b[j1:j2])))
    return _merge(_fold_small_equals(raw))


def _fold_small_equals(segments: list[Segment]) -> list[Segment]:
    result = list(segments)
    for index in range(1, len(result) - 1):
        here = result[index]
        if here.op != "equal" or not _is_glue(here.text):
            continue
        if result[index - 1].op != "equal" and result[index + 1].op != "equal":
            result[index] = Segment("glue", here.text)
    out: list[Segment] = []
    for segment in result:
        if segment.op == "glue":
            out += [Segment("delete", segment.text), Segment("insert", segment.text)]
        else:
            out.append(segment)
    return out


def _is_glue(text: str) -> bool:
    return bool(_SPACE.fullmatch(text)) or (len(text) == 1 and not text.isalnum())


def _merge(segments: list[Segment]) -> tuple[Segment, ...]:
    """Adjacent segments of one kind joined; deletions before insertions within a change."""
    out: list[Segment] = []
    pending: dict[str, list[str]] = {"delete": [], "insert": []}

    def flush() -> None:
        for op in ("delete", "insert"):
            if pending[op]:
                out.append(Segment(op, "".join(pending[op])))
                pending[op] = []

    for segment in segments:
        if segment.op == "equal":
            flush()
            if out and out[-1].op == "equal":
                out[-1] = Segment("equal", out[-1].text + segment.text)
            else:
                out.append(segment)
        else:
            pending[segment.op].append(segment.text)
    flush()
    return tuple(s for s in out if s.text)


def align(old: Sequence[str], new: Sequence[str], lang: str) -> tuple[Row, ...]:
    """Rows in reading order: the newer version's order, removed paragraphs where they stood."""
    keys_old = [_SPACE.sub(" ", text).strip() for text in old]
    keys_new = [_SPACE.sub(" ", text).strip() for text in new]
    pairs: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, keys_old, keys_new, autojunk=False)
    anchored: set[int] = set()
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            pairs[block.a + k] = block.b + k
            anchored.add(block.a + k)
    pairs.update(_similar_pairs(old, new, keys_old, keys_new, pairs, lang))
    in_place = _longest_chain(pairs, anchored)
    rows: list[tuple[float, int, Row]] = []
    for i, j in pairs.items():
        same = keys_old[i] == keys_new[j]
        segments = () if same else inline_diff(old[i], new[j], lang)
        status = ("unchanged" if same else "changed") if i in in_place else "moved"
        rows.append((j, 0, Row(status, i, j, segments)))
    paired = set(pairs.values())
    for j in range(len(new)):
        if j not in paired:
            rows.append((j, 0, Row("added", None, j)))
    for i in range(len(old)):
        if i not in pairs:
            rows.append((_removed_position(i, pairs, in_place), 1, Row("removed", i, None)))
    return tuple(row for _, _, row in sorted(rows, key=lambda r: (r[0], r[1], r[2].old or 0)))


def _similar_pairs(
    old: Sequence[str], new: Sequence[str], keys_old: list[str], keys_new: list[str],
    taken: dict[int, int], lang: str,
) -> dict[int, int]:
    """Best-first pairs among paragraphs not yet paired (identical ones first: moved)."""
    free_old = [i for i in range(len(old)) if i not in taken]
    taken_new = set(taken.values())
    free_new = [j for j in range(len(new)) if j not in taken_new]
    words_old = {i: _Words.of(old[i], lang) for i in free_old}
    matcher: difflib.SequenceMatcher[str] = difflib.SequenceMatcher(None, autojunk=False)
    scored: list[tuple[float, int, int, int]] = []
    for j in free_new:
        words_new = _Words.of(new[j], lang)
        matcher.set_seq2(words_new.tokens)
        for i in free_old:
            score = 1.0 if keys_old[i] == keys_new[j] else _similarity(words_old[i], words_new, matcher)
            if score >= SIMILAR:
                scored.append((-score, abs(i - j), i, j))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in sorted(scored):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def _longest_chain(pairs: dict[int, int], anchored: set[int]) -> set[int]:
    """Old indices of the heaviest chain of pairs increasing in both orders.

    Identical paragraphs found in sequence weigh most, so an edited paragraph that jumped
    over them is the one that moved, not the many that stayed."""
    ordered = sorted(pairs.items(), key=lambda p: p[1])
    weights = [1000 if i in anchored else 1 for i, _ in ordered]
    best = list(weights)
    back: list[int | None] = [None] * len(ordered)
    for k in range(len(ordered)):
        for m in range(k):
            if ordered[m][0] < ordered[k][0] and best[m] + weights[k] > best[k]:
                best[k], back[k] = best[m] + weights[k], m
    if not ordered:
        return set()
    last: int | None = max(range(len(ordered)), key=lambda n: (best[n], -n))
    chain: set[int] = set()
    while last is not None:
        chain.add(ordered[last][0])
        last = back[last]
    return chain


def _removed_position(i: int, pairs: dict[int, int], in_place: set[int]) -> float:
    """A removed paragraph stands after the newer position of the paragraph before it."""
    before = [pairs[k] for k in in_place if k < i]
    return (max(before) + 0.5) if before else -0.5


def summary(rows: Sequence[Row]) -> dict[str, int]:
    """How many rows of each status; a moved row whose text also changed counts as moved."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
