"""The network's commands: who is in it, how they are tied, and what is known about them.

:mod:`~allies.cli.network.people` (``allies person``), :mod:`~allies.cli.network.structure`
(``allies org``, ``tie``, ``observe``), :mod:`~allies.cli.network.notes` (``allies note``) and
:mod:`~allies.cli.network.privacy` (``allies person history|export|erase``, added to the
``person`` group).

May use: the services, the domain's vocabularies (:mod:`allies.domain`),
:mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
