"""SQL repositories, one per protocol in :mod:`allies.services.ports`."""

from allies.store.repositories.base import Scope, SqlRepository
from allies.store.repositories.special import (
    SqlCadenceRepository,
    SqlCommitmentRepository,
    SqlFavourRepository,
    SqlInteractionRepository,
    SqlObservationRepository,
    SqlPersonRepository,
    SqlStanceRepository,
    SqlTieRepository,
)

__all__ = [
    "Scope",
    "SqlCadenceRepository",
    "SqlCommitmentRepository",
    "SqlFavourRepository",
    "SqlInteractionRepository",
    "SqlObservationRepository",
    "SqlPersonRepository",
    "SqlRepository",
    "SqlStanceRepository",
    "SqlTieRepository",
]
