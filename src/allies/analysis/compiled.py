"""Numerical kernels compiled on first use.

A kernel is plain Python that numba can compile (Lam, Pitrou and Seibert, "Numba: a
LLVM-based Python JIT compiler", LLVM-HPC 2015). :func:`compiled_on_first_use` defers both
the import of numba and the compilation to the first call, so a command that never runs
the kernel pays for neither; the machine code is cached on disk (``cache=True``) for the
next process. Without numba the Python kernel runs as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeVar, cast

__all__ = ["compiled_on_first_use"]

K = TypeVar("K", bound=Callable[..., object])


def compiled_on_first_use(kernel: K) -> Callable[[], K]:
    """A function that gives ``kernel`` compiled by numba (once, then the same one), or
    ``kernel`` itself where numba cannot be imported.

    Parameters
    ----------
    kernel : callable
        A function numba's ``njit`` can compile.

    Returns
    -------
    callable
        Without arguments; returns the compiled kernel.
    """

    @cache
    def compiled() -> K:
        try:
            from numba import njit
        except ImportError:  # pragma: no cover - numba is a dependency
            return kernel
        return cast(K, njit(cache=True, nogil=True)(kernel))

    return compiled
