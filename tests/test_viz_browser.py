"""The network page opened in a real browser: headless Debian chromium (/usr/bin/chromium).

How: chromium is driven through the DevTools protocol over ``--remote-debugging-pipe`` (JSON
messages on file descriptors 3 and 4), with a 60-line client below that needs only the standard
library. Why not ``--dump-dom --virtual-time-budget``: the dumped DOM shows the page's final
status, but not a console error, an uncaught exception, a Content-Security-Policy violation, a
request, or an ``alert()``; over the protocol the test sees all of them (Runtime, Log, Network and
Page events) and can click the filters and search. Why a pipe, not ``--remote-debugging-port``:
no port to pick or race for, no websocket library, and the browser dies with its pipe.

What is checked, on tests/fixtures/mini.ttl plus a hostile entity, on tests/fixtures/flows.ttl
(invented regions and cooperation events) and on a 1,600-node graph:
every node is drawn (``data-drawn-node-count``, set by the page from vis's own node list once
the first frame is drawn), no console error, no exception, no request but the page file itself,
no dialog, and a label built to break out of the page (``</script><script>document.title=…``)
did not run; the filters (types, relations, the roles group, the timeline), the region view (its
nodes, flows and weights at both levels) and drilling down from a region with a real mouse click
show what they should. As a second wall, chromium runs with a dead proxy and a resolver that finds no
host, so even a page that tried could not reach anything.

Skipped, with the reason, only when chromium is not installed; CI installs it with
``.ci/install-browser.sh``.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import subprocess
import threading
import time
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.rdf.namespace import KG
from kg.viz import render_html
from kg.viz.layout import PHYSICS_MAX_NODES
from kg.viz.vocab import IN_REGION

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).parent / "fixtures" / "mini.ttl"
FLOWS = Path(__file__).parent / "fixtures" / "flows.ttl"
ID = Namespace("https://w3id.org/cnkg/id/")
HOSTILE = "</script><script>document.title='pwned';alert(1)</script><img src=x onerror=\"document.title='pwned'\">"
TITLE = "迷你网络 mini"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed at /usr/bin/chromium "
                       "(run .ci/install-browser.sh)"),
]

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio",
    "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
    "--window-size=1400,900", "--remote-debugging-pipe",
]


class Browser:
    """A headless chromium and one page in it, over the DevTools protocol on a pipe."""

    def __init__(self, profile: Path):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def as_fds_3_and_4():  # in the child: the protocol's pipes must be fds 3 (in) and 4 (out)
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self._stderr = open(profile / "stderr.log", "wb")
        self.proc = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._stderr, stderr=self._stderr,
            close_fds=False, preexec_fn=as_fds_3_and_4,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.events: list[dict] = []
        self._replies: queue.Queue = queue.Queue()
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.call(f"{domain}.enable", session=self.session)

    def _read(self):
        buffer = b""
        while chunk := os.read(self._from_child, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                (self._replies.put if "id" in message else self.events.append)(message)

    def call(self, method: str, params: dict | None = None, *, session: str | None = None, timeout=30.0):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._replies.get(timeout=max(0.0, deadline - time.monotonic()))
            if reply["id"] == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                           session=self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url: str, timeout: float = 60.0) -> str:
        """Load ``url`` and wait until the page reports ready or error; return that status."""
        self.call("Page.navigate", {"url": url}, session=self.session)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.evaluate("document.body ? document.body.dataset.status || '' : ''")
            if status in ("ready", "error"):
                return status
            time.sleep(0.1)
        return "timeout"

    def problems(self, page_url: str) -> list[str]:
        """Console errors, exceptions, log errors, dialogs, and requests for anything but the page."""
        found = []
        for ev in list(self.events):
            method, params = ev.get("method"), ev.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                args = [a.get("value", a.get("description")) for a in params["args"]]
                found.append(f"console.{params['type']}: {args}")
            elif method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails']}")
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
            elif method == "Page.javascriptDialogOpening":
                found.append(f"dialog: {params['message']}")
            elif method == "Network.requestWillBeSent" and params["request"]["url"] != page_url:
                found.append(f"request: {params['request']['url']}")
        return found

    def click(self, x: float, y: float):
        """A real left click at page coordinates (x, y)."""
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
                      session=self.session)

    def wait_for(self, expression: str, timeout: float = 20.0):
        """Evaluate ``expression`` until it is truthy; return its value (or the last falsy one)."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def close(self):
        self.proc.kill()
        self.proc.wait(timeout=30)
        os.close(self._to_child)
        self._stderr.close()


@pytest.fixture
def browser(tmp_path):
    profile = tmp_path / "profile"
    profile.mkdir()
    b = Browser(profile)
    yield b
    b.close()


def mini_with_hostile() -> Graph:
    graph = Graph().parse(FIXTURE)
    hostile = ID["org-hostile"]
    graph.add((hostile, RDF.type, KG.Company))
    graph.add((hostile, RDFS.label, Literal(HOSTILE, lang="zh")))
    graph.add((ID["person-su-yingxue"], KG.visited, hostile))
    return graph


def write_page(tmp_path: Path, graph: Graph) -> str:
    page = tmp_path / "page.html"
    page.write_text(render_html(graph, title=TITLE), encoding="utf-8")
    return page.as_uri()


def test_every_node_drawn_no_error_no_request_and_hostile_label_inert(browser, tmp_path):
    url = write_page(tmp_path, mini_with_hostile())
    assert browser.open(url) == "ready"
    counts = browser.evaluate(
        "[document.body.dataset.nodeCount, document.body.dataset.drawnNodeCount,"
        " document.body.dataset.edgeCount, document.body.dataset.drawnEdgeCount]"
    )
    assert counts == ["11", "11", "10", "10"]  # mini.ttl's 10 entities and 9 relations, + hostile
    assert browser.evaluate("kgNetwork.body.data.nodes.get(kgNetwork.body.nodeIndices).length") == 11
    assert browser.evaluate("document.title") == TITLE
    # the hostile name is on the canvas and in the search list, as text
    assert browser.evaluate("kgNetwork.body.data.nodes.get({filter: n => n.kind === 'Organization'})"
                            ".map(n => n.label).includes(" + json.dumps(HOSTILE) + ")")
    assert browser.evaluate("[...document.querySelectorAll('#kg-names option')].some(o => o.value === "
                            + json.dumps(HOSTILE) + ")")
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.problems(url) == []


def test_filters_and_search(browser, tmp_path):
    url = write_page(tmp_path, Graph().parse(FIXTURE))
    assert browser.open(url) == "ready"
    drawn = "[kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]"
    assert browser.evaluate(drawn) == [10, 9]
    # hide people: 3 fewer nodes, and the 6 relations with a person at one end go too
    browser.evaluate("document.querySelector('#kg-kinds input').click()")
    assert browser.evaluate(drawn) == [7, 3]
    # hide locatedIn (the last relation box) as well: signedWith is left
    browser.evaluate("[...document.querySelectorAll('#kg-rels input')].at(-1).click()")
    assert browser.evaluate(drawn) == [7, 1]
    # search by an alternative name of a hidden person: found, and people are shown again
    browser.evaluate("document.getElementById('kg-q').value = '林市长';"
                     "document.getElementById('kg-search').requestSubmit()")
    focused = browser.evaluate("Number(document.body.dataset.focused)")
    assert browser.evaluate(f"kgNetwork.body.data.nodes.get({focused}).label") == "林若川"
    assert browser.evaluate("kgNetwork.getSelectedNodes()") == [focused]
    assert browser.evaluate(drawn) == [10, 7]
    assert browser.evaluate("document.getElementById('kg-found').textContent") == "已定位 found: 林若川"
    assert browser.problems(url) == []


def test_colour_by_region(browser, tmp_path):
    graph = Graph().parse(FIXTURE)
    graph.add((ID["org-yunxi-tech"], IN_REGION, ID["place-yunxi"]))
    graph.add((ID["org-qinglan-univ"], IN_REGION, ID["place-qinglan"]))
    url = write_page(tmp_path, graph)
    assert browser.open(url) == "ready"
    assert browser.evaluate("document.getElementById('kg-regions').hidden") is False
    colour = "kgNetwork.body.data.nodes.get({filter: n => n.label === '云溪智造科技有限公司'})[0].color"
    assert browser.evaluate(colour) == "#4e79a7"  # Organization
    browser.evaluate("document.getElementById('kg-by-region').click()")
    assert browser.evaluate(colour) == "hsl(0, 62%, 52%)"  # 云溪县, the first region by label
    browser.evaluate("document.getElementById('kg-by-region').click()")
    assert browser.evaluate(colour) == "#4e79a7"
    assert browser.problems(url) == []


def test_big_graph_is_drawn_at_once_without_physics(browser, tmp_path):
    """1,600 nodes in 400 small stars: positions come from Python, the first frame is all of it."""
    graph = Graph()
    n = PHYSICS_MAX_NODES + 100
    for i in range(n):
        node = URIRef(f"https://w3id.org/cnkg/id/n{i:05d}")
        graph.add((node, RDF.type, KG.Person if i % 4 else KG.Organization))
        graph.add((node, RDFS.label, Literal(f"实体{i}", lang="zh")))
        if i % 4:
            graph.add((node, KG.holdsPostAt, URIRef(f"https://w3id.org/cnkg/id/n{i - i % 4:05d}")))
    url = write_page(tmp_path, graph)
    started = time.monotonic()
    assert browser.open(url) == "ready"
    assert time.monotonic() - started < 30
    assert browser.evaluate("[document.body.dataset.drawnNodeCount, document.body.dataset.drawnEdgeCount]") == [
        str(n), str(n * 3 // 4)]
    assert browser.evaluate("kgNetwork.physics.physicsEnabled") is False
    assert browser.problems(url) == []


# ---------------------------------------------------------------- roles, timeline, region view

DRAWN = "[kgNetwork.body.nodeIndices.length, kgNetwork.body.edgeIndices.length]"
DAY_MS = 86400000


def set_range(browser, start: str, end: str):
    """Move the two timeline thumbs to these ISO days, as a user dragging them would (input events)."""
    browser.evaluate(
        "for (const [id, iso] of [['kg-from', %s], ['kg-to', %s]]) {"
        "  const input = document.getElementById(id);"
        "  input.value = String(Date.parse(iso) / %d);"
        "  input.dispatchEvent(new Event('input'));"
        "}" % (json.dumps(start), json.dumps(end), DAY_MS))


def set_level(browser, index: int):
    """Choose the region level in the select, as a user would."""
    browser.evaluate(f"const s = document.getElementById('kg-level'); s.value = '{index}';"
                     " s.dispatchEvent(new Event('change'))")


def region_edges(browser) -> list:
    return browser.evaluate(
        "kgRegionNetwork.body.data.edges.get().map(e => [kgRegionNetwork.body.data.nodes.get(e.from).label,"
        " kgRegionNetwork.body.data.nodes.get(e.to).label, e.weight]).sort()")


def test_role_edges_and_the_roles_group(browser, tmp_path):
    url = write_page(tmp_path, Graph().parse(FLOWS))
    assert browser.open(url) == "ready"
    assert browser.evaluate(DRAWN) == [17, 19]  # 9 relations + 10 role edges: no event is alone
    dashed = "kgNetwork.body.data.edges.get({filter: e => Array.isArray(e.dashes)}).map(e => e.label).sort()"
    assert browser.evaluate(dashed) == ["东道主", "客人", "揭牌人", "揭牌对象", "签约方", "签约方", "签约方", "签约方",
                                        "签约方", "签约方"]
    # the group box hides every role edge; one role box back makes the group box half-checked
    browser.evaluate("document.getElementById('kg-roles').click()")
    assert browser.evaluate(DRAWN) == [17, 9]
    browser.evaluate("[...document.querySelectorAll('#kg-rels .kg-sub input')][2].click()")  # 签约方 party
    assert browser.evaluate(DRAWN) == [17, 15]
    assert browser.evaluate("[document.getElementById('kg-roles').checked,"
                            " document.getElementById('kg-roles').indeterminate]") == [False, True]
    browser.evaluate("document.getElementById('kg-roles').click()")
    assert browser.evaluate(DRAWN) == [17, 19]
    assert browser.problems(url) == []


def test_timeline_hides_events_outside_the_range(browser, tmp_path):
    url = write_page(tmp_path, Graph().parse(FLOWS))
    assert browser.open(url) == "ready"
    assert browser.evaluate("document.getElementById('kg-time').hidden") is False
    assert browser.evaluate("document.body.dataset.timeRange") == "2022-12-01/2023-11-30"
    # May and June 2023: the meeting and the trip (which ends 05-21) stay, with the undated unveiling;
    # the three signings and the conference go, with their 6 role edges and the attended edge; entities stay
    set_range(browser, "2023-05-01", "2023-06-30")
    assert browser.evaluate("document.body.dataset.timeRange") == "2023-05-01/2023-06-30"
    assert browser.evaluate(DRAWN) == [13, 12]
    assert browser.evaluate("kgNetwork.body.data.nodes.get(kgNetwork.body.nodeIndices)"
                            ".filter(n => n.kind === 'Event').map(n => n.label).sort()") == [
        "东湾贸易发展局澜州联络处揭牌", "檀州市代表团赴澜州考察", "程远舟会见柯望川"]
    assert browser.evaluate("document.getElementById('kg-time-text').textContent") == (
        "2023-05-01 — 2023-06-30 · 2 / 6 事件 events")
    browser.evaluate("document.getElementById('kg-undated').click()")  # the unveiling and its 2 roles go
    assert browser.evaluate(DRAWN) == [12, 10]
    # a range that ends before it starts is not possible: moving the start past the end moves the end too
    set_range(browser, "2023-05-21", "2023-05-21")
    assert browser.evaluate(DRAWN) == [11, 8]  # the meeting (05-20) goes, the trip (05-18 to 05-21) stays
    browser.evaluate("const f = document.getElementById('kg-from'); f.value = String(Date.parse('2023-09-01') / %d);"
                     "f.dispatchEvent(new Event('input'))" % DAY_MS)
    assert browser.evaluate("document.body.dataset.timeRange") == "2023-09-01/2023-09-01"
    # search finds a hidden event and shows the whole time range again
    browser.evaluate("document.getElementById('kg-q').value = '海岚合作论坛';"
                     "document.getElementById('kg-search').requestSubmit()")
    assert browser.evaluate("document.body.dataset.timeRange") == "2022-12-01/2023-11-30"
    assert browser.evaluate(DRAWN) == [17, 19]
    assert browser.problems(url) == []


def test_no_timeline_without_dates(browser, tmp_path):
    graph = Graph()
    graph.add((ID.e, RDF.type, KG.Meeting))
    graph.add((ID.e, KG.host, ID.p))
    graph.add((ID.p, RDF.type, KG.Person))
    url = write_page(tmp_path, graph)
    assert browser.open(url) == "ready"
    assert browser.evaluate("[document.getElementById('kg-time').hidden, document.getElementById('kg-regions').hidden]"
                            ) == [True, True]
    assert browser.evaluate(DRAWN) == [2, 1]
    assert browser.problems(url) == []


def test_region_view_nodes_flows_and_weights(browser, tmp_path):
    url = write_page(tmp_path, Graph().parse(FLOWS))
    assert browser.open(url) == "ready"
    browser.evaluate("document.getElementById('kg-region-view').click()")
    assert browser.evaluate("[document.body.dataset.view, document.body.dataset.regionNodeCount,"
                            " document.body.dataset.regionEdgeCount]") == ["regions", "4", "4"]
    assert browser.evaluate("kgRegionNetwork.body.nodeIndices.length") == 4
    assert browser.evaluate("getComputedStyle(document.getElementById('kg-net')).visibility") == "hidden"
    assert region_edges(browser) == [["云岭省", "青岚省", 2], ["青岚省", "东湾特别行政区", 1], ["青岚省", "云岭省", 1],
                                     ["青岚省", "北泽市", 1]]  # the signing within 青岚省 is no edge
    assert browser.evaluate("kgRegionNetwork.body.data.edges.get().map(e => e.width).sort()") == [1, 1, 1, 2.6]
    tip = ("[...kgRegionNetwork.body.data.edges.get({filter: e => e.weight === 2})[0].title"
           ".querySelectorAll('div')].map(d => d.textContent)")
    assert browser.evaluate(tip) == ["流向 flow云岭省 → 青岚省", "合作事件 events2", "会见会谈 Meeting1",
                                     "率队出访 Delegation trip1", "·程远舟会见柯望川", "·檀州市代表团赴澜州考察"]
    node_tip = ("[...kgRegionNetwork.body.data.nodes.get({filter: n => n.label === '青岚省'})[0].title"
                ".querySelectorAll('div')].map(d => d.textContent)")
    assert browser.evaluate(node_tip)[2:4] == ["实体 actors5", "合作事件 events流出 out 3 · 流入 in 2 · 区内 within 1"]
    assert browser.evaluate("document.getElementById('kg-status').textContent") == (
        "地区视图 regions: 4 地区, 4 流向 flows, 6 事件 events")
    # city level: the signing within 青岚省 is a flow between two of its cities
    set_level(browser, 1)
    assert region_edges(browser) == [["檀州市", "澜州市", 2], ["澜州市", "东湾特别行政区", 1], ["澜州市", "檀州市", 1],
                                     ["澜州市", "石桥市", 1], ["石桥市", "北泽市", 1]]
    # the timeline weighs the flows too: May and June 2023, without undated events
    set_range(browser, "2023-05-01", "2023-06-30")
    browser.evaluate("document.getElementById('kg-undated').click()")
    assert region_edges(browser) == [["檀州市", "澜州市", 2]]
    assert browser.evaluate("document.body.dataset.regionNodeCount") == "5"  # regions stay
    # back to the actor view
    browser.evaluate("document.getElementById('kg-region-view').click()")
    assert browser.evaluate("document.body.dataset.view") == "actors"
    assert browser.problems(url) == []


def test_clicking_a_region_drills_into_its_actors(browser, tmp_path):
    url = write_page(tmp_path, Graph().parse(FLOWS))
    assert browser.open(url) == "ready"
    browser.evaluate("document.getElementById('kg-region-view').click()")
    # wait until the region layout has settled, then click 青岚省 where it is drawn
    browser.wait_for("new Promise(done => { const p = kgRegionNetwork.getPositions();"
                     " setTimeout(() => done(JSON.stringify(p) === JSON.stringify(kgRegionNetwork.getPositions())),"
                     " 300); })")
    x, y = browser.evaluate(
        "(() => { const id = kgRegionNetwork.body.data.nodes.get({filter: n => n.label === '青岚省'})[0].id;"
        " const p = kgRegionNetwork.canvasToDOM(kgRegionNetwork.getPositions([id])[id]);"
        " const box = document.getElementById('kg-regionnet').getBoundingClientRect();"
        " return [p.x + box.left, p.y + box.top]; })()")
    browser.click(x, y)
    assert browser.wait_for("document.body.dataset.drill") == "青岚省"
    assert browser.evaluate("document.body.dataset.view") == "actors"
    # its 5 actors (4 with a home in it, and the place 澜州) and the 6 events with a side in it
    shown = browser.evaluate("kgNetwork.body.data.nodes.get(kgNetwork.body.nodeIndices).map(n => n.label).sort()")
    assert shown == sorted(["澜州东区科创公司", "澜州市政府", "石桥港务集团", "程远舟", "澜州",
                            "澜州东区科创公司与檀州市政府签约", "程远舟会见柯望川", "檀州市代表团赴澜州考察",
                            "石桥港务集团与北泽南区投资促进局签约", "东湾贸易发展局澜州联络处揭牌",
                            "澜州市政府与石桥港务集团签约"])
    assert browser.evaluate("document.getElementById('kg-drill-text').textContent") == "地区 region: 青岚省"
    browser.evaluate("document.getElementById('kg-drill-clear').click()")
    assert browser.evaluate(DRAWN) == [17, 19]
    assert browser.evaluate("document.getElementById('kg-drill').hidden") is True
    assert browser.problems(url) == []


def test_colour_by_region_at_both_levels(browser, tmp_path):
    url = write_page(tmp_path, Graph().parse(FLOWS))
    assert browser.open(url) == "ready"
    colour = "kgNetwork.body.data.nodes.get({filter: n => n.label === '石桥港务集团'})[0].color"
    browser.evaluate("document.getElementById('kg-by-region').click()")
    assert browser.evaluate(colour) == "hsl(53, 62%, 52%)"  # 青岚省, the 4th province by label
    legend = "[...document.querySelectorAll('#kg-region-legend span:not(.kg-swatch)')].map(s => s.textContent)"
    assert browser.evaluate(legend) == ["东湾特别行政区", "1", "云岭省", "2", "北泽市", "1", "青岚省", "5"]
    set_level(browser, 1)
    assert browser.evaluate(colour) == "hsl(190, 62%, 52%)"  # 石桥市, the 5th city by label
    assert browser.evaluate("kgNetwork.body.data.nodes.get({filter: n => n.label === '史明澈'})[0].color") == "#cfcfcf"
    assert browser.problems(url) == []
