"""The views of a graph: one self-contained interactive HTML page (the network of actors and
events, and the region-level view of cooperation flows), and a static picture of those flows.

>>> from rdflib import Graph
>>> page = render_html(Graph(), title="empty")
>>> page.startswith("<!DOCTYPE html>") and "<title>empty</title>" in page
True

:func:`render_flows` needs matplotlib, imported only when it is called.
"""

from kg.viz.html import render_html
from kg.viz.static import render_flows

__all__ = ["render_html", "render_flows"]
