// The region-level view of the kg network page: regions as nodes, cooperation flows as edges.
// kgRegionView(ctx) draws data.regions[level] and data.flows[level] in a vis network of its own.
// A flow's weight is the number of its events that ctx.eventShown lets through (the timeline),
// so its width, label and tooltip follow the filters; clicking a region calls ctx.onDrill.
// Every string from the graph reaches the page as a DOM text node (ctx.tipElement), never as HTML.
function kgRegionView(ctx) { // eslint-disable-line no-unused-vars
  "use strict";
  var data = ctx.data;
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var level = -1, counts = { regions: 0, flows: 0, events: 0 };
  var MAX_SAMPLES = 5;
  var options = {
    autoResize: true,
    nodes: { shape: "dot", borderWidth: 1, font: { face: ctx.face, size: 15, color: "#222", strokeWidth: 3 } },
    edges: {
      font: { face: ctx.face, size: 13, color: "#333", strokeWidth: 3, align: "middle" },
      color: { color: "#8da0b6", highlight: "#2c4a6b", hover: "#4e6d8f" },
      arrows: { to: { enabled: true, scaleFactor: 0.7 } },
      smooth: { type: "curvedCW", roundness: 0.18 }
    },
    physics: {
      enabled: true, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -120, springLength: 140, avoidOverlap: 0.6 },
      stabilization: { iterations: 400, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 150 },
    layout: { randomSeed: 7 }
  };
  var network = new vis.Network(ctx.container, { nodes: nodes, edges: edges }, options);
  network.on("click", function (p) { if (p.nodes.length) ctx.onDrill(level, p.nodes[0]); });
  network.on("hoverNode", function () { ctx.container.style.cursor = "pointer"; });
  network.on("blurNode", function () { ctx.container.style.cursor = ""; });

  function width(weight) { return Math.min(14, 1 + 1.6 * Math.sqrt(weight - 1)); }  // 1 → 1, 5 → 4.2, 17 → 7.4
  function size(events) { return Math.min(50, 10 + 5 * Math.sqrt(events)); }

  function flowTip(flow, events) {
    var regions = data.regions[level], byType = {};
    events.forEach(function (id) {
      var t = data.nodes[id].etype;
      byType[t] = (byType[t] || 0) + 1;
    });
    var rows = [
      ["流向 flow", regions[flow.from].label + " → " + regions[flow.to].label],
      ["合作事件 events", String(events.length)]
    ];
    Object.keys(byType).sort(function (a, b) { return byType[b] - byType[a] || (a < b ? -1 : a > b ? 1 : 0); })
      .forEach(function (t) { rows.push([t, String(byType[t])]); });
    var samples = events.slice(0, MAX_SAMPLES).map(function (id) { return ["·", data.nodes[id].label]; });
    var more = events.length - samples.length;
    if (more) samples.push(["…", "另有 " + more + " 个事件 (" + more + " more)"]);
    return [rows, samples];
  }

  function regionTip(g, out, into, within) {
    var lv = data.levels[level];
    var events = "流出 out " + out + " · 流入 in " + into + (within ? " · 区内 within " + within : "");
    return [[
      ["地区 region", g.label], ["层级 level", lv.zh + " " + lv.en], ["实体 actors", String(g.actors)],
      ["合作事件 events", events], ["IRI", g.iri]
    ], [["点击 click", "查看该地区的实体 show the actors of this region"]]];
  }

  function build(fresh) {
    var regions = data.regions[level];
    var out = regions.map(function () { return 0; }), into = out.slice(), within = out.slice();
    var flowEdges = [], seen = {};
    counts = { regions: regions.length, flows: 0, events: 0 };
    data.flows[level].forEach(function (f, i) {
      var events = f.events.filter(ctx.eventShown);
      if (!events.length) return;
      events.forEach(function (id) {
        if (!seen[id]) counts.events += 1;
        seen[id] = true;
      });
      if (f.from === f.to) { within[f.from] += events.length; return; }
      out[f.from] += events.length;
      into[f.to] += events.length;
      flowEdges.push({
        id: i, from: f.from, to: f.to, weight: events.length, width: width(events.length),
        label: String(events.length), title: ctx.tipElement(flowTip(f, events))
      });
    });
    counts.flows = flowEdges.length;
    var regionNodes = regions.map(function (g, i) {
      return {
        id: i, label: g.label, color: g.color, size: size(out[i] + into[i] + within[i]),
        title: ctx.tipElement(regionTip(g, out[i], into[i], within[i]))
      };
    });
    if (fresh) {
      edges.clear();
      nodes.clear();
      nodes.add(regionNodes);
    } else {
      nodes.update(regionNodes);
      edges.clear();
    }
    edges.add(flowEdges);
    document.body.dataset.regionNodeCount = String(nodes.length);
    document.body.dataset.regionEdgeCount = String(edges.length);
  }

  return {
    network: network,
    show: function (lv) {
      var fresh = lv !== level;
      level = lv;
      build(fresh);
      if (fresh) network.stabilize(200);
    },
    update: function () { build(false); },
    status: function () {
      return "地区视图 regions: " + counts.regions + " 地区, " + counts.flows + " 流向 flows, " +
        counts.events + " 事件 events";
    }
  };
}
