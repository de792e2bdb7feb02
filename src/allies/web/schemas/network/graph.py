"""The network map and paths as the API returns them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from allies.services.network.map import MapEdge, MapNode, NetworkMap, StrongestPath


class NodeOut(BaseModel):
    """A person on the map; ``size`` is 0-1 relative to the most influential."""

    id: int
    name: str
    title: str
    unit: str
    organisation: str
    level: str
    is_me: bool
    influence: float
    in_degree: int
    size: float
    group: int = Field(0, description="The group (community) of people they listen with.")
    side: str = Field(
        "", description="Their side on the campaign shown: for, against, undecided or unknown."
    )
    x: float | None = Field(None, description="Where the cached layout puts them, if any.")
    y: float | None = None

    @classmethod
    def of(cls, node: MapNode) -> NodeOut:
        """From the service node."""
        return cls(**{name: getattr(node, name) for name in cls.model_fields})


class EdgeOut(BaseModel):
    """A tie on the map: ``source`` *kind* ``target`` (person ids)."""

    id: int
    source: int
    target: int
    kind: str
    weight: float
    confidence: float
    current: bool = Field(description="Whether the tie holds today.")

    @classmethod
    def of(cls, edge: MapEdge) -> EdgeOut:
        """From the service edge."""
        return cls(**{name: getattr(edge, name) for name in cls.model_fields})


class GraphOut(BaseModel):
    """Every person and tie, with what node sizes mean (influence or in-degree)."""

    nodes: list[NodeOut]
    edges: list[EdgeOut]
    units: list[str]
    kinds: list[str]
    sized_by: str
    groups: list[str] = Field(default_factory=list, description="Each group's name.")
    campaign: str = Field("", description="The campaign whose sides the nodes carry.")
    campaigns: list[str] = Field(default_factory=list)

    @classmethod
    def of(cls, network: NetworkMap) -> GraphOut:
        """From the service map."""
        return cls(
            nodes=[NodeOut.of(n) for n in network.nodes],
            edges=[EdgeOut.of(e) for e in network.edges],
            units=network.units,
            kinds=network.kinds,
            sized_by=network.sized_by,
            groups=network.groups,
            campaign=network.campaign,
            campaigns=network.campaigns,
        )


class PathStepOut(BaseModel):
    """A person on the path and the tie that led to them."""

    person_id: int
    name: str
    tie_id: int | None
    tie_kind: str | None
    weight: float | None


class PathOut(BaseModel):
    """The strongest chain of ties; ``strength`` is the product of their weights."""

    steps: list[PathStepOut]
    person_ids: list[int]
    tie_ids: list[int]
    strength: float

    @classmethod
    def of(cls, path: StrongestPath) -> PathOut:
        """From the service path."""
        return cls(
            steps=[
                PathStepOut(
                    person_id=s.person_id,
                    name=s.name,
                    tie_id=s.tie_id,
                    tie_kind=s.tie_kind,
                    weight=s.weight,
                )
                for s in path.steps
            ],
            person_ids=path.person_ids,
            tie_ids=path.tie_ids,
            strength=path.strength,
        )
