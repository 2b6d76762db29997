"""Node positions for big networks, computed once in Python so the page is interactive at once.

Up to PHYSICS_MAX_NODES nodes the browser lays the network out itself (vis physics) and
:func:`positions` returns None. Above, physics is off and every node gets a fixed position:

- up to SPRING_MAX_NODES: networkx's force-directed ``spring_layout`` with a fixed seed (its cost
  grows with the square of the node count: about 6 s for 1,600 nodes, 45 s for 5,000 at 50
  iterations, so the iterations shrink as the graph grows);
- above: :func:`spiral_positions`, linear time: each connected component is a sunflower spiral
  in breadth-first order from its best-connected node, the spirals packed in rows, largest first.

All positions are integers, so the same graph always gives the same page.
"""

from __future__ import annotations

import importlib.util
import math
from collections import deque

import networkx as nx

from kg.errors import ExportError

__all__ = ["PHYSICS_MAX_NODES", "SPRING_MAX_NODES", "SPACING", "positions", "spring_positions", "spiral_positions"]

PHYSICS_MAX_NODES = 1500
SPRING_MAX_NODES = 4000
SPACING = 70  # rough distance between neighbouring nodes, in vis pixels
_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
_SEED = 20221109


def positions(graph: nx.Graph) -> list[tuple[int, int]] | None:
    """Fixed positions for nodes ``0 … n-1`` of ``graph``, or None when the browser should lay it out."""
    n = len(graph)
    if n <= PHYSICS_MAX_NODES:
        return None
    if n <= SPRING_MAX_NODES:
        return spring_positions(graph)
    return spiral_positions(graph)


def spring_positions(graph: nx.Graph) -> list[tuple[int, int]]:
    """networkx ``spring_layout`` (seeded), scaled to about SPACING pixels between nodes."""
    missing = [name for name in ("numpy", "scipy") if importlib.util.find_spec(name) is None]
    if missing:
        raise ExportError(
            f"drawing more than {PHYSICS_MAX_NODES} nodes needs numpy and scipy for the layout "
            f"({', '.join(missing)} missing): pip install numpy scipy"
        )
    n = len(graph)
    iterations = max(10, round(50 * (PHYSICS_MAX_NODES / n) ** 2))
    scale = SPACING / 2 * math.sqrt(n)
    pos = nx.spring_layout(graph, seed=_SEED, iterations=iterations, scale=scale)
    return [(round(float(pos[v][0])), round(float(pos[v][1]))) for v in range(n)]


def _bfs_order(graph: nx.Graph, component: list[int]) -> list[int]:
    start = min(component, key=lambda v: (-graph.degree(v), v))
    order, seen, queue = [start], {start}, deque([start])
    while queue:
        for w in sorted(set(graph.neighbors(queue.popleft()))):
            if w not in seen:
                seen.add(w)
                order.append(w)
                queue.append(w)
    return order


def spiral_positions(graph: nx.Graph) -> list[tuple[int, int]]:
    """Linear-time positions: one sunflower spiral per connected component, packed in rows."""
    components = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    step = SPACING / math.sqrt(math.pi)  # Vogel spiral: one node per SPACING² of area, roughly
    radii = [step * math.sqrt(len(c)) + SPACING / 2 for c in components]
    row_width = max(2 * radii[0], math.sqrt(sum((2 * r) ** 2 for r in radii))) if radii else 0
    xy: dict[int, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for component, radius in zip(components, radii):
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + radius, y + radius
        for i, v in enumerate(_bfs_order(graph, component)):
            r, a = step * math.sqrt(i), i * _GOLDEN_ANGLE
            xy[v] = (round(cx + r * math.cos(a)), round(cy + r * math.sin(a)))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return [xy[v] for v in range(len(graph))]
