"""SQL repositories, one per protocol in :mod:`allies.services.ports`."""

from allies.store.repositories.base import Scope, SqlRepository
from allies.store.repositories.interactions import SqlInteractionRepository
from allies.store.repositories.people import SqlPersonRepository
from allies.store.repositories.special import (
    SqlCadenceRepository,
    SqlFavourRepository,
    SqlObservationRepository,
    SqlPromiseRepository,
    SqlStanceRepository,
    SqlTieRepository,
)

__all__ = [
    "Scope",
    "SqlCadenceRepository",
    "SqlFavourRepository",
    "SqlInteractionRepository",
    "SqlObservationRepository",
    "SqlPersonRepository",
    "SqlPromiseRepository",
    "SqlRepository",
    "SqlStanceRepository",
    "SqlTieRepository",
]
