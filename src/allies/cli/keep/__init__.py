"""The keeping routine's commands, one module per noun.

:mod:`~allies.cli.keep.log` (``allies log``), :mod:`~allies.cli.keep.favours`
(``allies favour``, also ``favor``), :mod:`~allies.cli.keep.promises` (``allies promise``),
:mod:`~allies.cli.keep.cadences` (``allies cadence``) and :mod:`~allies.cli.keep.health`
(``allies health``, ``checkins``, ``reliability``).

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
