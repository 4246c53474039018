"""The examples in the docstrings run (the counting convention's own doctest among them)."""

import doctest

import pytest

from ofsted_timeline import calendar, dates, escape, request


@pytest.mark.parametrize("module", [calendar, dates, escape, request], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0
