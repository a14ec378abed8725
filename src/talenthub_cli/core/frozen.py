"""`frozen`: a record class of typed fields that refuses change, made at a fraction of the cost of
a dataclass.

`@dataclass(frozen=True, slots=True)` writes six methods as source text and compiles each as the
class is made: half a millisecond a class, and a command that loads twenty of them spends a tenth
of its start-up on them. A class made `frozen` has the same shape (slots; `__init__` from the
annotated fields in order, defaults after; equality, hashing and `repr` by its fields; `replace`
in place of `dataclasses.replace`; an error on any assignment after `__init__`). Its `__init__`
runs for every record, so it sets each field in a line of its own, as a dataclass's does; its code
is compiled once for every class of as many fields and given the class's names. The other
methods are shared. Type checkers read it as a frozen dataclass (`dataclass_transform`).

The model (`core/model.py`, whose fields `core/records` reads with `fields`) and the classes a
command needs to start (its query, terminal, session, listing, formats) are `frozen`; the others
may stay dataclasses.
"""

from __future__ import annotations

from functools import lru_cache
from operator import attrgetter
from types import CodeType, FunctionType
from typing import Any, TypeVar, dataclass_transform

__all__ = ["FrozenError", "fields", "frozen", "is_record", "is_record_class", "replace"]

# The methods `frozen` gives: a class that writes one of its own is refused, as it would not be
# used (`__repr__` alone may be the class's own).
_GIVEN = ("__init__", "__setattr__", "__delattr__", "__eq__", "__hash__")

T = TypeVar("T")


class FrozenError(AttributeError):
    """An assignment to, or a deletion of, a field of a `frozen` record."""


def _refuse_set(self: object, name: str, value: object) -> None:
    raise FrozenError(f"cannot assign to field {name!r}")


def _refuse_delete(self: object, name: str) -> None:
    raise FrozenError(f"cannot delete field {name!r}")


def _values(self: Any) -> tuple[Any, ...]:
    values: tuple[Any, ...] = type(self)._frozen_values(self)
    return values


def _eq(self: Any, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _hash(self: Any) -> int:
    return hash(_values(self))


def _repr(self: Any) -> str:
    shown = ", ".join(
        f"{name}={value!r}" for name, value in zip(self.__match_args__, _values(self), strict=True)
    )
    return f"{type(self).__qualname__}({shown})"


def _getstate(self: Any) -> tuple[Any, ...]:
    return _values(self)


def _setstate(self: Any, state: tuple[Any, ...]) -> None:
    for name, value in zip(self.__match_args__, state, strict=True):
        object.__setattr__(self, name, value)


@dataclass_transform(frozen_default=True)
def frozen(cls: type[T]) -> type[T]:
    """`cls` as a frozen record with slots: its annotated fields, in order, are its `__init__`'s
    parameters (a class attribute of the same name is the field's default)."""
    namespace = dict(cls.__dict__)
    own = [name for name in _GIVEN if namespace.get(name) is not None]  # `__hash__ = None`: eq
    if own:
        raise TypeError(f"{cls.__qualname__}.{own[0]}: a frozen record has its fields' own")
    if any(is_record_class(base) for base in cls.__mro__[1:]):
        raise TypeError(f"{cls.__qualname__}: a frozen record cannot extend another")
    names = tuple(namespace.get("__annotations__", {}))
    if {"self", "_set"} & set(names):  # the names its `__init__` uses for itself
        raise TypeError(f"{cls.__qualname__}: no field may be called 'self' or '_set'")
    given = [name in namespace for name in names]  # a default: its value is the class attribute
    if given != sorted(given):
        raise TypeError(f"{cls.__qualname__}: a field without a default follows one with one")
    defaults = tuple(namespace.pop(name) for name in names if name in namespace)
    init = _init(cls.__qualname__, names, defaults, post_init="__post_init__" in namespace)
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    namespace.update(
        __slots__=names,
        __match_args__=names,
        __init__=init,
        __setattr__=_refuse_set,
        __delattr__=_refuse_delete,
        __eq__=_eq,
        __hash__=_hash,
        __repr__=namespace.get("__repr__", _repr),
        __getstate__=_getstate,
        __setstate__=_setstate,
        _frozen_values=(lambda self: ()) if not names else _getter(names),
    )
    namespace["__qualname__"] = cls.__qualname__
    maker: Any = type(cls)  # `type`, or the metaclass of `Generic`'s subclasses
    made: type[T] = maker(cls.__name__, cls.__bases__, namespace)
    return made


_set = object.__setattr__  # what an `__init__` sets each field with


def _init(
    qualname: str, names: tuple[str, ...], defaults: tuple[Any, ...], *, post_init: bool
) -> FunctionType:
    """The `__init__` of a record of the fields `names`, the last of them with `defaults`: the
    code of every `__init__` of as many fields, with the fields' names in place of its own."""
    code = _init_code(len(names), post_init)
    renamed = {f"_{index}": name for index, name in enumerate(names)}
    code = code.replace(
        co_varnames=("self", *names),
        co_consts=tuple(renamed.get(c, c) if isinstance(c, str) else c for c in code.co_consts),
        co_qualname=f"{qualname}.__init__",
    )
    return FunctionType(code, globals(), "__init__", defaults)


@lru_cache
def _init_code(count: int, post_init: bool) -> CodeType:
    """The code of an `__init__` of `count` fields, compiled once a start for all records with as
    many: it sets each field `_0`, `_1`, ... to the parameter of that name, as written out."""
    fields = [f"_{index}" for index in range(count)]
    body = "".join(f"\n    _set(self, {field!r}, {field})" for field in fields)
    body += "\n    self.__post_init__()" if post_init else "\n    pass"
    scope: dict[str, Any] = {}
    exec(f"def __init__(self, {', '.join(fields)}):{body}", scope)
    code: CodeType = scope["__init__"].__code__
    return code


def _getter(names: tuple[str, ...]) -> Any:
    """The fields' values as a tuple (`attrgetter` of one name gives the value alone)."""
    get = attrgetter(*names)
    return (lambda self: (get(self),)) if len(names) == 1 else get


def fields(cls: type) -> dict[str, str]:
    """The fields of a `frozen` class in order, each with its type as written in the class."""
    annotations = cls.__annotations__
    return {name: str(annotations[name]) for name in cls.__match_args__}  # type: ignore[attr-defined]


def is_record(value: object) -> bool:
    """Whether `value` is a record of a `frozen` class (not the class itself)."""
    return is_record_class(type(value))


def is_record_class(cls: type) -> bool:
    """Whether `cls` was made by `frozen`."""
    return hasattr(cls, "_frozen_values")


def replace(record: T, /, **changes: Any) -> T:
    """A copy of a `frozen` record with the fields in `changes` changed."""
    kind: Any = type(record)
    values = dict(zip(kind.__match_args__, _values(record), strict=True))
    unknown = changes.keys() - values.keys()
    if unknown:
        raise TypeError(f"{kind.__qualname__} has no field {sorted(unknown)[0]!r}")
    made: T = kind(**(values | changes))
    return made
