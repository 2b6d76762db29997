"""The network view as one self-contained HTML page.

:func:`render_html` is a pure function of the graph and the title: the same graph gives the
same bytes. The page needs nothing from the network: vis-network (from the pyvis package),
the page's script (regionview.js then page.js, as one block) and style are inlined, Chinese
uses the system's CJK fonts, and a Content-Security-Policy that allows only those inline
blocks (by hash) forbids every request.

Besides the network of actors and events, the page has a timeline filter, colours by home
region and a region-level view of the cooperation flows (regions as nodes, a click drills
back into the actors of one region); all of it is drawn from the same data block.

The data travels as a JSON block (``<script type="application/json">``) read with JSON.parse,
with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no entity name can end the block or
be parsed as markup.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
from importlib import resources

from rdflib import Graph

from kg.errors import ExportError
from kg.viz.model import network_stream

__all__ = ["VIS_JS", "render_html", "write_html", "json_for_script", "vis_network_js"]

VIS_JS = "templates/lib/vis-9.1.2/vis-network.min.js"  # inside the pyvis package

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_script(data: object) -> str:
    """``data`` as compact, key-sorted JSON that is safe inside a ``<script>`` element."""
    return _escape(_dumps(data))


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _escape(text: str) -> str:
    for ch, esc in _JSON_ESCAPES.items():  # str.replace scans in C; translate looks up every character
        if ch in text:
            text = text.replace(ch, esc)
    return text


def _json_parts(data: dict, lazy: tuple[str, ...]):
    """:func:`json_for_script` of ``data`` in pieces: the values under ``lazy`` keys are
    iterables, written one item at a time (the same text as the whole list)."""
    yield "{"
    for i, key in enumerate(sorted(data)):
        yield ("," if i else "") + _escape(_dumps(key)) + ":"
        if key in lazy:
            yield "["
            for j, item in enumerate(data[key]):
                yield ("," if j else "") + _escape(_dumps(item))
            yield "]"
        else:
            yield _escape(_dumps(data[key]))
    yield "}"


def _check_inline_script(name: str, text: str) -> str:
    lowered = text.lower()
    if "</script" in lowered or "<!--" in lowered:
        raise ExportError(f"{name} cannot be inlined in a page: it contains '</script' or '<!--'")
    return text


@functools.cache
def vis_network_js() -> str:
    """The vis-network bundle shipped by pyvis; ExportError if pyvis or the file is missing."""
    try:
        path = resources.files("pyvis").joinpath(VIS_JS)
        text = path.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError) as exc:
        raise ExportError(
            f"cannot draw the network: vis-network is missing (expected pyvis/{VIS_JS}); "
            "install pyvis 0.3.2 or later: pip install 'pyvis>=0.3.2'"
        ) from exc
    return _check_inline_script("vis-network", text)


@functools.cache
def _own_asset(name: str) -> str:
    return resources.files("kg.viz").joinpath(name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _page_script() -> str:
    """The page's own script: the region view first (it defines ``kgRegionView``), then the page."""
    return _check_inline_script("page.js", _own_asset("regionview.js") + "\n" + _own_asset("page.js"))


def render_html(graph: Graph, *, title: str = "kg network") -> str:
    """One self-contained, deterministic HTML page drawing the entities and relations of ``graph``."""
    return "".join(_page(graph, title))


def write_html(file, graph: Graph, *, title: str = "kg network") -> None:
    """:func:`render_html` written to a binary ``file`` piece by piece (for big graphs)."""
    for part in _page(graph, title):
        file.write(part.encode("utf-8"))


def _page(graph: Graph, title: str):
    data = network_stream(graph, title=title)
    counts = data.pop("counts")
    vis_js = vis_network_js()
    page_js = _page_script()
    css = _own_asset("page.css")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_csp_hash(vis_js)} {_csp_hash(page_js)}",
        f"style-src {_csp_hash(css)}",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    safe_title = html.escape(title, quote=True)
    roles = counts["roles"]
    summary = f"{counts['nodes']} 个实体 entities · {counts['edges'] - roles} 条关系 relations"
    if roles:
        summary += f" · {roles} 条角色 roles"
    levels = "".join(f'<option value="{i}">{html.escape(lv["zh"] + " " + lv["en"])}</option>'
                     for i, lv in enumerate(data["levels"]))
    yield "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="kg">',
        f"<title>{safe_title}</title>",
        f"<style>{css}</style>",
        "</head>",
        '<body data-status="loading" data-view="actors">',
        '<aside id="kg-side">',
        f"<h1>{safe_title}</h1>",
        f'<p id="kg-summary">{summary}</p>',
        '<form id="kg-search" autocomplete="off" role="search">'
        '<input id="kg-q" type="search" list="kg-names" placeholder="搜索 search" aria-label="search">'
        '<button type="submit">定位 find</button></form>',
        '<datalist id="kg-names"></datalist>',
        '<p id="kg-found" role="status"></p>',
        '<fieldset id="kg-regions" hidden><legend>地区 regions</legend>'
        f'<label class="kg-item">层级 level <select id="kg-level">{levels}</select></label>'
        '<label class="kg-item"><input type="checkbox" id="kg-region-view">地区视图 regions</label>'
        '<label class="kg-item"><input type="checkbox" id="kg-by-region">按地区着色 colour by region</label>'
        '<p id="kg-drill" hidden><span id="kg-drill-text"></span> '
        '<button type="button" id="kg-drill-clear">显示全部 show all</button></p>'
        '<div id="kg-region-legend" hidden></div></fieldset>',
        '<fieldset id="kg-time" hidden><legend>时间 timeline</legend>'
        '<div class="kg-range"><div id="kg-range-fill"></div>'
        '<input type="range" id="kg-from" step="1" aria-label="从 from">'
        '<input type="range" id="kg-to" step="1" aria-label="到 to"></div>'
        '<p id="kg-time-text"></p>'
        '<label class="kg-item"><input type="checkbox" id="kg-undated" checked>无日期事件 undated events'
        '<span class="kg-count" id="kg-undated-count"></span></label></fieldset>',
        '<fieldset id="kg-kinds"><legend>实体类型 entity types</legend></fieldset>',
        '<fieldset id="kg-rels"><legend>关系 relations</legend></fieldset>',
        '<p id="kg-status">loading…</p>',
        "<noscript>This page needs JavaScript to draw the network.</noscript>",
        "</aside>",
        '<main id="kg-main"><div id="kg-net"></div><div id="kg-regionnet" hidden></div></main>',
        '<script type="application/json" id="kg-data">',
    ])
    buffer: list[str] = []
    size = 0
    for part in _json_parts(data, ("edges", "nodes")):  # in pieces of about a megabyte
        buffer.append(part)
        size += len(part)
        if size > 1 << 20:
            yield "".join(buffer)
            buffer, size = [], 0
    yield "".join(buffer)
    yield "\n".join([
        "</script>",
        f"<script>{vis_js}</script>",
        f"<script>{page_js}</script>",
        "</body>",
        "</html>",
        "",
    ])
