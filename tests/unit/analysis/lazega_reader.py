"""Reader for the Pajek project of Lazega's law firm (``tests/data/lazega``).

Test helper only: it reads the vertices, the arcs of each relation and the
partitions and vectors that follow them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PajekProject:
    """Vertices (1-based Pajek numbers), arcs per relation and per-vertex values."""

    vertices: dict[int, str]
    relations: dict[int, str]
    arcs: dict[int, list[tuple[int, int, float]]]
    partitions: dict[str, list[int]]
    vectors: dict[str, list[float]]


def read_pajek_project(path: Path) -> PajekProject:
    """Read a Pajek ``.paj`` file with one network, its relations and values.

    Arcs are lines ``relation: u v weight`` after the ``*arcs`` headers;
    partitions (``*Partition name.clu``) and vectors (``*Vector name.vec``) list
    one value a line, in vertex order, after their own ``*Vertices n`` line.
    """
    vertices: dict[int, str] = {}
    relations: dict[int, str] = {}
    arcs: dict[int, list[tuple[int, int, float]]] = {}
    partitions: dict[str, list[int]] = {}
    vectors: dict[str, list[float]] = {}
    section = ""
    name = ""
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            head = line.split()
            keyword = head[0].lower()
            if keyword == "*vertices":
                section = "vertices" if section in ("", "network") else section
            elif keyword == "*arcs":
                section = "arcs"
                if len(head) >= 3 and head[1].startswith(":"):
                    relations[int(head[1][1:])] = " ".join(head[2:]).strip('"')
            elif keyword == "*partition":
                section, name = "partition", head[1].rsplit(".", 1)[0]
                partitions[name] = []
            elif keyword == "*vector":
                section, name = "vector", head[1].rsplit(".", 1)[0]
                vectors[name] = []
            elif keyword == "*network":
                section = "network"
            continue
        if section == "vertices":
            number, label = line.split(maxsplit=1)
            vertices[int(number)] = label.strip('"')
        elif section == "arcs":
            relation_part, rest = line.split(":", 1)
            u, v, *w = rest.split()
            arcs.setdefault(int(relation_part), []).append(
                (int(u), int(v), float(w[0]) if w else 1.0)
            )
        elif section == "partition":
            partitions[name].append(int(line))
        elif section == "vector":
            vectors[name].append(float(line))
    return PajekProject(vertices, relations, arcs, partitions, vectors)
