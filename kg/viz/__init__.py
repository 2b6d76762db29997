"""The interactive network view: one self-contained HTML page per graph.

>>> from rdflib import Graph
>>> page = render_html(Graph(), title="empty")
>>> page.startswith("<!DOCTYPE html>") and "<title>empty</title>" in page
True
"""

from kg.viz.html import render_html

__all__ = ["render_html"]
