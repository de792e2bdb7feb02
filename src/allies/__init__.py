"""allies: build and keep the alliances that move an agenda.

The layers, from the inside out: :mod:`allies.domain`, :mod:`allies.analysis`,
:mod:`allies.interchange`, :mod:`allies.store` and :mod:`allies.services`, then the faces
:mod:`allies.cli` and :mod:`allies.web`, wired together in :mod:`allies.bootstrap`
(see ``docs/architecture.md``).
"""
