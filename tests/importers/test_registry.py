"""The importer table holds together: each platform once, each handler a real method of its importer,
no pattern claimed twice, no reading method left out of the table."""

from __future__ import annotations

import inspect
import re

import pytest

from cuidado.importers import IMPORTERS, importer_for
from cuidado.importers.base import Importer


def _own_attribute(cls: type[Importer], method) -> str | None:
    """The name under which `cls` (or a class it inherits from) holds this handler, or None."""
    for klass in cls.__mro__:
        for name, value in vars(klass).items():
            if value is method:
                return name
    return None


def test_each_platform_is_registered_once():
    platforms = [cls.platform for cls in IMPORTERS]
    assert len(platforms) == len(set(platforms))
    assert all(importer_for(p).platform == p for p in platforms)


@pytest.mark.parametrize("cls", IMPORTERS, ids=lambda c: c.platform)
def test_every_handler_is_a_method_of_its_importer(cls):
    assert cls.handlers, f"{cls.__name__} reads nothing"
    importer = cls()
    for pattern, method in cls.handlers:
        re.compile(pattern)
        name = _own_attribute(cls, method)
        assert name is not None, f"{cls.__name__}: {method!r} is not one of its methods"
        bound = getattr(importer, name)
        assert list(inspect.signature(bound).parameters)[:2] == ["reader", "member"], name


@pytest.mark.parametrize("cls", IMPORTERS, ids=lambda c: c.platform)
def test_no_pattern_is_claimed_twice(cls):
    patterns = [pattern for pattern, _ in cls.handlers]
    assert len(patterns) == len(set(patterns)), [p for p in patterns if patterns.count(p) > 1]


@pytest.mark.parametrize("cls", IMPORTERS, ids=lambda c: c.platform)
def test_every_reading_method_is_in_the_table(cls):
    # A read_* method missing from the table would never run: the export's file would be "not read".
    listed = {_own_attribute(cls, method) for _, method in cls.handlers}
    readers = {
        name
        for klass in cls.__mro__
        if klass is not Importer and klass is not object
        for name in vars(klass)
        if name.startswith("read_")
    }
    assert readers <= listed, readers - listed
