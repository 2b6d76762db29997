"""The static picture of the region flows (kg.viz.static.render_flows): PNG and SVG bytes.

On tests/fixtures/flows.ttl (invented regions and events; its header lists the flows). What is
checked: the formats are what they say, the SVG names the regions of the chosen level, the same
graph gives the same bytes (also when its triples come in another order), a hostile region name
cannot break the SVG, and a missing font or matplotlib says so.
"""

from __future__ import annotations

import random
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal, Namespace

pytest.importorskip("matplotlib", reason="matplotlib is needed for the static picture: pip install matplotlib")

import kg.viz.static as static  # noqa: E402
from kg.errors import ExportError  # noqa: E402
from kg.viz.static import render_flows  # noqa: E402

FLOWS = Path(__file__).parent / "fixtures" / "flows.ttl"
REGION = Namespace("https://w3id.org/cnkg/id/region-")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def flows_graph() -> Graph:
    return Graph().parse(FLOWS)


def svg_text(graph: Graph, level: str = "province") -> str:
    data = render_flows(graph, "svg", level)
    ET.fromstring(data)  # well-formed XML, or this raises
    return data.decode("utf-8")


def test_png_is_a_png(flows_graph):
    data = render_flows(flows_graph, "png")
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1500, 1500)
    assert b"Software" not in data and b"Matplotlib" not in data


def test_svg_names_the_regions_of_the_level(flows_graph):
    text = svg_text(flows_graph)
    assert text.startswith("<?xml") and "<svg" in text
    for label in ("青岚省", "云岭省", "北泽市", "东湾特别行政区", "区内 within 1", "省级 province"):
        assert label in text
    assert "澜州市" not in text and "海岚经济区" not in text  # a city, a macro-region: not at province level
    assert "6 个合作事件 events · 4 条流向 flows between regions" in text
    city = svg_text(flows_graph, "city")
    for label in ("澜州市", "石桥市", "檀州市", "北泽市", "东湾特别行政区", "市级 city"):
        assert label in city
    assert "青岚省" not in city
    assert "6 个合作事件 events · 5 条流向 flows between regions" in city


def test_same_graph_same_bytes(flows_graph):
    lines = flows_graph.serialize(format="nt").splitlines()
    random.Random(7).shuffle(lines)
    shuffled = Graph().parse(data="\n".join(lines), format="nt")
    for fmt in ("png", "svg"):
        first = render_flows(flows_graph, fmt)
        assert render_flows(flows_graph, fmt) == first
        assert render_flows(shuffled, fmt) == first
    svg = render_flows(flows_graph, "svg").decode()
    assert not re.search(r"<dc:date>|20\d\d-\d\d-\d\dT", svg)


def test_a_graph_without_flows_is_a_picture_that_says_so():
    text = svg_text(Graph())
    assert "没有跨地区合作事件 no cooperation flows between regions" in text
    assert render_flows(Graph(), "png").startswith(PNG_SIGNATURE)


def test_hostile_region_name_cannot_break_the_svg(flows_graph):
    graph = Graph() + flows_graph
    graph.remove((REGION["940000"], RDFS.label, None))
    graph.add((REGION["940000"], RDFS.label, Literal("--><svg onload=alert(1)>&amp;</svg><!--", lang="zh")))
    text = svg_text(graph)
    assert "<svg onload" not in text and text.count("<svg") == 1


def test_unknown_format_or_level_is_refused(flows_graph):
    with pytest.raises(ExportError, match=r"^unknown picture format 'gif': use one of png, svg$"):
        render_flows(flows_graph, "gif")
    with pytest.raises(ExportError, match=r"^unknown region level 'county': use one of province, city$"):
        render_flows(flows_graph, "png", "county")


def test_cjk_font_is_found():
    # fonts-noto-cjk is installed with chromium by .ci/install-browser.sh
    if static.cjk_font() is None:
        pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk)")
    assert static.cjk_font() in static.CJK_FONTS


def test_without_a_cjk_font_it_warns_and_still_draws(flows_graph, monkeypatch):
    monkeypatch.setattr(static, "cjk_font", lambda: None)
    with pytest.warns(UserWarning, match=r"^no CJK font found \(looked for Noto Sans CJK SC, .*fonts-noto-cjk$"):
        data = render_flows(flows_graph, "svg")
    assert "青岚省" in data.decode()


def test_without_matplotlib_says_so(flows_graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ExportError, match=r"^drawing a picture of the flows needs matplotlib: pip install matplotlib$"):
        render_flows(flows_graph, "png")
