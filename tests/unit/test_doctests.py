"""The examples in the docstrings of the inner layers run as written.

Every module under :mod:`allies.analysis`, :mod:`allies.domain` and
:mod:`allies.interchange` is collected, so an example added to a new module runs too;
the modules whose examples document the influence analyses must keep having some.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import allies.analysis
import allies.domain
import allies.interchange

PACKAGES = (allies.analysis, allies.domain, allies.interchange)

#: Modules whose examples are part of their documentation: they must not lose them.
WITH_EXAMPLES = (
    "allies.analysis.graph",
    "allies.analysis.influence",
    "allies.analysis.evidence",
    "allies.analysis.brokers",
    "allies.analysis.communities",
    "allies.analysis.paths",
)


def _modules() -> list[str]:
    names: list[str] = []
    for package in PACKAGES:
        names.append(package.__name__)
        prefix = package.__name__ + "."
        names += [info.name for info in pkgutil.walk_packages(package.__path__, prefix)]
    return sorted(names)


MODULES = _modules()


def _run(module: ModuleType) -> doctest.TestResults:
    finder = doctest.DocTestFinder(exclude_empty=True)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, module.__name__):
        runner.run(test)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    failures, _tried = _run(importlib.import_module(name))
    assert failures == 0


@pytest.mark.parametrize("name", WITH_EXAMPLES)
def test_documented_modules_keep_their_examples(name: str) -> None:
    failures, tried = _run(importlib.import_module(name))
    assert tried > 0
    assert failures == 0


def test_every_inner_layer_is_collected() -> None:
    assert set(WITH_EXAMPLES) <= set(MODULES)
    assert {"allies.domain.people", "allies.interchange.vcard"} <= set(MODULES)
