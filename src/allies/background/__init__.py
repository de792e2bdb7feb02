"""Work that runs by itself: periodic tasks registered by the features, run by an embedded
scheduler on a laptop (APScheduler) or as jobs in a PostgreSQL job queue (procrastinate)
worked by ``allies worker`` processes on a team server.

This package sits between the faces and the composition root: it may import the services,
:mod:`allies.bootstrap` and :mod:`allies.config`; only the faces import it. See
``docs/background.md``.
"""
