"""Quicker pickling of frozen, slotted dataclasses, which the build cache holds by the million.

``dataclass(slots=True)`` gives a class ``__getstate__``/``__setstate__`` that call
:func:`dataclasses.fields` for every object pickled or unpickled: loading a thousand cached
documents spent two thirds of its time there. :func:`quick_pickle` gives the classes the
same state (the list of field values, in field order) with the field names looked up once,
so what is pickled and what comes back are unchanged; they are set through the slots
themselves, found once per class.

:func:`deferred_pickle` goes further for a class whose objects are big and mostly not read
again (the document models: a rebuild after one document changed reads the others' pages,
not their models). Such an object is pickled as the bytes of its own pickle; unpickling it
makes the object without setting its fields, and keeps the bytes beside it, and the first
read of a field unpickles them (:func:`deferred_replace` makes a changed copy without
reading them). Pickled again before a read, it gives the same bytes. Nothing else
differs: equality, hashing, ``repr`` and :func:`dataclasses.replace` read the fields, and
so load them. A damaged pickle is found when the object is first read rather than when
it is loaded; the build cache's entries are written atomically, so a damaged entry is a
truncated one, which fails the outer pickle at once.

:func:`collector_paused` keeps the cyclic garbage collector out of bulk unpickling.
"""

from __future__ import annotations

import dataclasses
import gc
import pickle
import threading
import types
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


def quick_pickle(*classes: type) -> None:
    """Replace the state methods of each of ``classes`` (frozen dataclasses with slots)."""
    for cls in classes:
        if not (dataclasses.is_dataclass(cls) and "__slots__" in cls.__dict__):
            raise TypeError(f"{cls.__name__}: expected a dataclass with slots")
        names = tuple(field.name for field in dataclasses.fields(cls))
        cls.__getstate__ = _getstate(names)  # type: ignore[method-assign]
        cls.__setstate__ = _setstate(_slots(cls, names))  # type: ignore[attr-defined]


def _getstate(names: tuple[str, ...]) -> Any:
    def __getstate__(self: object) -> list[Any]:
        return [getattr(self, name) for name in names]

    return __getstate__


def _slots(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The slot of each field: what ``object.__setattr__`` finds by the field's name on
    every call, looked up once (unpickling the cached models takes about a quarter less time)."""
    found = []
    for name in names:
        slot = next((klass.__dict__[name] for klass in cls.__mro__ if name in klass.__dict__), None)
        if not isinstance(slot, types.MemberDescriptorType):
            raise TypeError(f"{cls.__name__}.{name}: expected a slot")
        found.append(slot)
    return tuple(found)


def _setstate(slots: tuple[Any, ...]) -> Any:
    def __setstate__(self: object, state: list[Any]) -> None:
        for slot, value in zip(slots, state, strict=True):
            slot.__set__(self, value)

    return __setstate__


_PENDING: dict[int, tuple[bytes, dict[str, Any]]] = {}
"""The pickled fields of each deferred object not read yet, by ``id``, and the fields set
in place of theirs (:func:`deferred_replace`)."""
_WATCHED: dict[int, weakref.ref[Any]] = {}
"""A weak reference to every deferred object, by ``id``: its callback forgets the object's
entries when the object goes (before its ``id`` can be given to another)."""
_LOADING = threading.RLock()
LOADED = [0]
"""How many deferred objects have been read (loaded) in this process: what a test of a
rebuild counts."""


def deferred_pickle(cls: type) -> None:
    """Pickle the objects of ``cls`` (a frozen dataclass with slots and ``weakref_slot``, and
    no ``__post_init__``: a deferred copy is made without one) as described above. The state
    of their fields is :func:`quick_pickle`'s."""
    quick_pickle(cls)
    if "__weakref__" not in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: expected a dataclass with weakref_slot=True and no __post_init__")
    names = tuple(field.name for field in dataclasses.fields(cls))
    slots = dict(zip(names, _slots(cls, names), strict=True))
    getstate: Any = cls.__getstate__  # quick_pickle's
    setstate: Any = cls.__setstate__  # type: ignore[attr-defined]

    def __reduce_ex__(self: object, protocol: Any) -> tuple[Any, ...]:
        pending = _PENDING.get(id(self))
        if pending is not None:
            return _deferred, (cls, *pending)
        return _deferred, (cls, pickle.dumps(getstate(self), protocol=pickle.HIGHEST_PROTOCOL), {})

    def __getattr__(self: object, name: str) -> Any:
        # Called only when a slot is unset: the fields of a deferred object not read yet.
        if name not in slots:
            raise AttributeError(f"{cls.__name__!r} object has no attribute {name!r}")
        with _LOADING:  # another thread may be loading it: then it is loaded when this one goes on
            pending = _PENDING.pop(id(self), None)
            if pending is not None:
                data, changes = pending
                try:
                    setstate(self, pickle.loads(data))
                except BaseException:
                    _PENDING[id(self)] = pending  # a damaged pickle fails every read the same way
                    raise
                for key, value in changes.items():
                    slots[key].__set__(self, value)
                LOADED[0] += 1
        return object.__getattribute__(self, name)

    cls.__reduce_ex__ = __reduce_ex__  # type: ignore[method-assign, assignment]
    # Set here, not in the class body: mypy then still reports a misspelt attribute.
    cls.__getattr__ = __getattr__  # type: ignore[attr-defined]


def _deferred(cls: type[T], data: bytes, changes: dict[str, Any]) -> T:
    found = object.__new__(cls)
    key = id(found)
    _PENDING[key] = (data, changes)
    _WATCHED[key] = weakref.ref(found, lambda reference: _forget(key, reference))
    return found


def _forget(key: int, reference: weakref.ref[Any]) -> None:
    if _WATCHED.get(key) is reference:
        del _WATCHED[key]
        _PENDING.pop(key, None)


def deferred(value: object) -> bool:
    """Whether ``value`` is a deferred object whose fields have not been read."""
    return id(value) in _PENDING


def deferred_replace(value: T, **changes: Any) -> T:
    """:func:`dataclasses.replace` of ``value`` with ``changes`` (fields of its class), without
    reading the rest of its fields when it is deferred and not read yet."""
    pending = _PENDING.get(id(value))
    if pending is None:
        return dataclasses.replace(value, **changes)  # type: ignore[type-var]
    unknown = set(changes) - {field.name for field in dataclasses.fields(value)}  # type: ignore[arg-type]
    if unknown:
        raise TypeError(f"{type(value).__name__} has no fields {sorted(unknown)}")
    data, before = pending
    return _deferred(type(value), data, {**before, **changes})


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off meanwhile (and on again after, if it was on).

    Unpickling makes objects by the hundred thousand, none of them garbage, and every few
    hundred allocations start a collection; the older collections among them examine every
    object the process holds, so their cost grows with what is loaded already. Loading
    5,000 documents' cached models spent half its time in them. The objects stay tracked:
    later collections see them as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
