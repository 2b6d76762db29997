"""kg: Chinese news about cross-region cooperation, as a knowledge graph.

    >>> from kg import build, query
"""

from kg.api import build, extract, load_graph

__all__ = ["build", "extract", "load_graph"]
__version__ = "0.1.0"
