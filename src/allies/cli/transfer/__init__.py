"""Getting data in and out: import, export and backup commands.

:mod:`~allies.cli.transfer.importing` (``allies import``), :mod:`~allies.cli.transfer.exporting`
(``allies export``, every format including iCalendar) and :mod:`~allies.cli.transfer.backup`
(``allies backup``, ``restore``).

May use: the services, :mod:`allies.bootstrap` (the database a backup reads and writes),
:mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
