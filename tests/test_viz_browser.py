"""The network page opened in a real browser: headless Debian chromium (/usr/bin/chromium).

How: chromium is driven through the DevTools protocol over ``--remote-debugging-pipe`` (JSON
messages on file descriptors 3 and 4), with a 60-line client below that needs only the standard
library. Why not ``--dump-dom --virtual-time-budget``: the dumped DOM shows the page's final
status, but not a console error, an uncaught exception, a Content-Security-Policy violation, a
request, or an ``alert()``; over the protocol the test sees all of them (Runtime, Log, Network and
Page events) and can click the filters and search. Why a pipe, not ``--remote-debugging-port``:
no port to pick or race for, no websocket library, and the browser dies with its pipe.

What is checked, on tests/fixtures/mini.ttl plus a hostile entity, and on a 1,600-node graph:
every node is drawn (``data-drawn-node-count``, set by the page from vis's own node list once
the first frame is drawn), no console error, no exception, no request but the page file itself,
no dialog, and a label built to break out of the page (``</script><script>document.title=…``)
did not run. As a second wall, chromium runs with a dead proxy and a resolver that finds no
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
