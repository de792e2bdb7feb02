"""Where you stand, its commands: the power base, goals and the self-assessment.

May use: the services, :mod:`allies.cli.context` and :mod:`allies.cli.output`; never the store.
"""
