"""replaced: the same record as dataclasses.replace, and dataclasses.replace where a copy would not be."""

from dataclasses import dataclass, field, replace

import pytest

from extract.core.records import replaced


@dataclass(frozen=True)
class Row:
    name: str
    start: int
    tags: tuple[str, ...] = ()
    note: str = field(default="", compare=False)


@dataclass(frozen=True)
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_the_copy_is_the_replaced_record_and_the_original_is_unchanged():
    row = Row("Acme", 3, ("a",), "n")
    copy = replaced(row, start=5, tags=("b",))
    assert copy == replace(row, start=5, tags=("b",)) and copy.note == "n"
    assert (row.start, row.tags) == (3, ("a",))
    assert copy.__dict__ == replace(row, start=5, tags=("b",)).__dict__
    with pytest.raises(AttributeError):
        copy.start = 1  # still frozen


def test_an_unknown_field_is_refused():
    with pytest.raises(TypeError, match="no field 'begin'"):
        replaced(Row("Acme", 3), begin=1)


def test_a_class_with_post_init_is_replaced_through_init():
    with pytest.raises(ValueError, match="negative"):
        replaced(Checked(1), value=-1)
