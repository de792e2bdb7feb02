"""The team server's commands: accounts, workspaces, the database and the audit trail.

:mod:`~allies.cli.team.accounts` (``allies user``, ``token``, ``workspace add|grant|revoke|
members``), :mod:`~allies.cli.team.workspaces` (``allies db``, ``workspace list``) and
:mod:`~allies.cli.team.audit` (``allies audit``).

May use: the services, :mod:`allies.bootstrap` (the database's schema and location),
:mod:`allies.errors`, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
