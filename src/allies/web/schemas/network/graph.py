"""The network map and paths as the API returns them."""

from __future__ import annotations

from pydantic import BaseModel, Field

from allies.services.network.map import MapEdge, MapNode, StrongestPath
from allies.services.network.map_view import MapCluster, MapView


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
    cluster: str = Field(
        "", description="The cluster they belong to in the overview (group:3, unit:12)."
    )
    place: int = Field(0, description="Their place in the influence ranking (1 first).")

    @classmethod
    def of(cls, node: MapNode) -> NodeOut:
        """From the service node."""
        return cls(
            **{name: getattr(node, name) for name in cls.model_fields if hasattr(node, name)}
        )


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


class ClusterOut(BaseModel):
    """A cluster of the overview: a disc of the map, its people drawn inside it; those
    not drawn on their own stand as the disc (``hidden`` 0 when it is opened)."""

    key: str = Field(description="group:<number> or unit:<id>; open it with ?cluster=<key>.")
    name: str
    size: int = Field(description="Everyone in the cluster.")
    hidden: int = Field(description="Those inside the circle (the rest are drawn alone).")
    influence: float = Field(description="Their influence rank, added up.")
    x: float | None = Field(None, description="The middle of the disc its people are in.")
    y: float | None = None
    radius: float = Field(0.0, description="The disc's radius (places are in [0, 1]).")
    top: list[str] = Field(description="Its most influential people.")

    @classmethod
    def of(cls, cluster: MapCluster) -> ClusterOut:
        """From the service cluster."""
        return cls(**{name: getattr(cluster, name) for name in cls.model_fields})


class LinkOut(BaseModel):
    """How many ties join two things: a person (their id) or a cluster (its key)."""

    source: str
    target: str
    ties: int


class SideOut(BaseModel):
    """Everyone on one side of the campaign, and their share of the influence (0-1)."""

    side: str
    people: int
    influence: float


class GraphOut(BaseModel):
    """What the map draws (people, ties, clusters and the ties between them), with what
    node sizes mean (influence or in-degree) and how much of the network it shows."""

    nodes: list[NodeOut]
    edges: list[EdgeOut]
    units: list[str]
    kinds: list[str]
    sized_by: str
    groups: list[str] = Field(default_factory=list, description="Each group's name.")
    campaign: str = Field("", description="The campaign whose sides the nodes carry.")
    campaigns: list[str] = Field(default_factory=list)
    level: str = Field(
        default="everyone", description="everyone (every person drawn) or overview (clusters)."
    )
    by: str = Field(default="group", description="What the clusters are: group or unit.")
    people: int = Field(0, description="Everyone in the network, drawn or not.")
    ties: int = Field(0, description="Every tie in the network, drawn or not.")
    clusters: list[ClusterOut] = Field(default_factory=list)
    links: list[LinkOut] = Field(
        default_factory=list, description="Ties counted to and between clusters."
    )
    sides: list[SideOut] = Field(
        default_factory=list, description="Everyone's side on the campaign, counted."
    )
    opened: list[str] = Field(default_factory=list, description="The clusters drawn open.")
    focus: int | None = Field(default=None, description="The person whose circle is drawn.")
    circle: list[int] = Field(
        default_factory=list, description="The focus and the people around them, closest first."
    )
    left_out: int = Field(default=0, description="People of an opened cluster or circle not drawn.")

    @classmethod
    def of_view(cls, view: MapView) -> GraphOut:
        """From the service view (what the map shows now)."""
        return cls(
            nodes=[NodeOut.of(n) for n in view.nodes],
            edges=[EdgeOut.of(e) for e in view.edges],
            units=view.units,
            kinds=view.kinds,
            sized_by=view.sized_by,
            groups=view.groups,
            campaign=view.campaign,
            campaigns=view.campaigns,
            level=view.level,
            by=view.by,
            people=view.people,
            ties=view.ties,
            clusters=[ClusterOut.of(c) for c in view.clusters],
            links=[LinkOut(source=k.source, target=k.target, ties=k.ties) for k in view.links],
            sides=[
                SideOut(side=s.side, people=s.people, influence=s.influence) for s in view.sides
            ],
            opened=view.opened,
            focus=view.focus,
            circle=view.circle,
            left_out=view.left_out,
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
