"""`frozen` records behave as frozen dataclasses with slots do: the same `__init__`, equality,
hash and repr, and no change after they are made."""

from __future__ import annotations

import copy
import pickle
from dataclasses import FrozenInstanceError, dataclass
from typing import Generic, TypeVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talenthub_cli.core.frozen import FrozenError, fields, frozen, is_record, replace

T = TypeVar("T")


@frozen
class Point:
    """A point, with a default."""

    x: int
    y: int = 0
    label: str | None = None

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)


@dataclass(frozen=True, slots=True)
class DataPoint:
    x: int
    y: int = 0
    label: str | None = None


@frozen
class Boxed(Generic[T]):
    value: T


@frozen
class Bounded:
    limit: int

    def __post_init__(self) -> None:
        if self.limit > 10:
            object.__setattr__(self, "limit", 10)


@frozen
class Lone:
    only: str


points = st.builds(
    lambda x, y, label: (x, y, label),
    st.integers(),
    st.integers(),
    st.none() | st.text(max_size=5),
)


@given(points, points)
def test_a_record_compares_hashes_and_shows_as_a_dataclass_does(
    a: tuple[int, int, str | None], b: tuple[int, int, str | None]
) -> None:
    assert (Point(*a) == Point(*b)) == (DataPoint(*a) == DataPoint(*b))
    assert (hash(Point(*a)) == hash(Point(*b))) == (hash(DataPoint(*a)) == hash(DataPoint(*b)))
    assert repr(Point(*a)) == repr(DataPoint(*a)).replace("DataPoint", "Point")


def test_init_takes_fields_by_position_or_name_and_fills_defaults() -> None:
    assert Point(1) == Point(x=1, y=0, label=None)
    assert Point(1, 2, "a") == Point(label="a", y=2, x=1)
    assert Point(3, -4).norm == 7
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, z=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, "a", 4)  # type: ignore[call-arg]


def test_a_record_refuses_change() -> None:
    point = Point(1, 2)
    with pytest.raises(FrozenError, match="cannot assign to field 'x'"):
        point.x = 3  # type: ignore[misc]
    with pytest.raises(FrozenError, match="cannot delete field 'y'"):
        del point.y
    with pytest.raises(AttributeError):  # slots: nothing else can be added either
        point.z = 1  # type: ignore[attr-defined]
    assert point == Point(1, 2)
    assert not hasattr(point, "__dict__")
    # The same kind of error a frozen dataclass raises: code that catches AttributeError sees it.
    assert issubclass(FrozenError, AttributeError)
    assert issubclass(FrozenInstanceError, AttributeError)


def test_other_kinds_are_not_equal() -> None:
    others: list[object] = [DataPoint(1), (1, 0, None)]
    assert all(Point(1) != other for other in others)
    assert Lone("a") == Lone("a") != Lone("b")
    assert hash(Lone("a")) == hash(("a",))


def test_replace_changes_the_fields_named() -> None:
    point = Point(1, 2, "a")
    assert replace(point, y=5) == Point(1, 5, "a")
    assert replace(point) == point
    assert point == Point(1, 2, "a")
    with pytest.raises(TypeError, match="no field 'z'"):
        replace(point, z=1)


def test_post_init_runs_after_the_fields_are_set() -> None:
    assert Bounded(20).limit == 10
    assert replace(Bounded(3), limit=30).limit == 10


def test_generic_records_and_copies() -> None:
    boxed = Boxed[int](3)
    assert boxed == Boxed(3)
    assert Boxed.__match_args__ == ("value",)
    for copied in (copy.copy(boxed), copy.deepcopy(boxed), pickle.loads(pickle.dumps(boxed))):
        assert copied == boxed
        with pytest.raises(FrozenError):
            copied.value = 4  # type: ignore[misc]


def test_the_class_keeps_its_names_and_documentation() -> None:
    assert Point.__qualname__ == "Point"
    assert Point.__init__.__qualname__ == "Point.__init__"
    assert Point.__doc__ == "A point, with a default."
    assert Point.__slots__ == ("x", "y", "label")  # type: ignore[attr-defined]
    match Point(1, 2):
        case Point(x, y):
            assert (x, y) == (1, 2)


def test_fields_are_named_in_order_with_their_types_as_written() -> None:
    assert fields(Point) == {"x": "int", "y": "int", "label": "str | None"}
    assert fields(Lone) == {"only": "str"}
    assert is_record(Point(1))
    assert not is_record(Point)
    assert not is_record(DataPoint(1))


def test_a_class_that_writes_what_frozen_gives_is_refused() -> None:
    with pytest.raises(TypeError, match=r"Equal\.__eq__"):

        @frozen
        class Equal:
            value: int

            def __eq__(self, other: object) -> bool:
                return True

    with pytest.raises(TypeError, match="without a default follows"):

        @frozen
        class Unordered:
            first: int = 0
            second: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="cannot extend"):

        @frozen
        class Labelled(Point):
            text: str = ""

    with pytest.raises(TypeError, match="'self'"):

        @frozen
        class Selfish:
            self: int

    @frozen
    class Shown:
        value: int

        def __repr__(self) -> str:
            return f"<{self.value}>"

    assert repr(Shown(3)) == "<3>"


def test_records_of_as_many_fields_share_code_but_not_names() -> None:
    @frozen
    class Pair:
        left: str
        right: int = 2

    @frozen
    class Other:
        up: str
        down: int = 3

    assert Pair.__init__.__code__.co_code == Other.__init__.__code__.co_code
    assert Pair("a") == Pair(left="a", right=2)
    assert Other("b", down=4).down == 4
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'up'"):
        Other()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'left'"):
        Other(left="a")  # type: ignore[call-arg]
