"""The examples in the docstrings of the influence modules run as written."""

from __future__ import annotations

import doctest
from types import ModuleType

import pytest

from allies.analysis import brokers, communities, evidence, graph, influence, paths


@pytest.mark.parametrize("module", [graph, influence, evidence, brokers, communities, paths])
def test_docstring_examples_run(module: ModuleType) -> None:
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0
