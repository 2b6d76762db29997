// kg network page: reads the JSON data block, draws it with vis-network, wires the filters.
// Every string from the graph reaches the page as a DOM text node (textContent), never as HTML.
// When the first frame is drawn, <body> gets data-status="ready" and the counts, for tests.
(function () {
  "use strict";
  var body = document.body;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  // a tooltip: sections of [key, value] rows, separated by rules
  function tipElement(sections) {
    var root = el("div", "kg-tip");
    sections.forEach(function (rows, i) {
      if (i) root.appendChild(el("hr"));
      rows.forEach(function (row) {
        var line = el("div");
        line.appendChild(el("b", "", row[0]));
        line.appendChild(document.createTextNode(row[1]));
        root.appendChild(line);
      });
    });
    return root;
  }

  function checkbox(list, swatch, text, count, onChange) {
    var label = el("label", "kg-item");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    if (swatch) label.appendChild(swatch);
    label.appendChild(el("span", "", text));
    if (count !== undefined) label.appendChild(el("span", "kg-count", String(count)));
    list.appendChild(label);
    return box;
  }

  function swatch(shape, colour) {
    var s = el("span", "kg-swatch " + shape);
    s.style.background = colour;
    return s;
  }

  function main() {
    var data = JSON.parse(byId("kg-data").textContent);
    var face = getComputedStyle(body).fontFamily;
    var kinds = {}, relations = {}, hiddenKinds = {}, hiddenRelations = {}, kindBoxes = {};
    data.kinds.forEach(function (k) { kinds[k.id] = k; });
    data.relations.forEach(function (r) { relations[r.id] = r; });
    var greyRegion = "#cfcfcf";

    function kindColour(n) { return kinds[n.kind].color; }
    function regionColour(n) { return n.region >= 0 ? data.regions[n.region].color : greyRegion; }

    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      var item = {
        id: n.id, label: n.label, kind: n.kind, region: n.region, names: n.names,
        shape: kinds[n.kind].shape, size: n.size, color: kindColour(n), title: tipElement(n.tip)
      };
      if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
      return item;
    }));
    var kindOf = {};
    data.nodes.forEach(function (n) { kindOf[n.id] = n.kind; });
    var edges = new vis.DataSet(data.edges.map(function (e) {
      var r = relations[e.rel];
      return {
        id: e.id, from: e.from, to: e.to, rel: e.rel, label: r.zh, title: tipElement(e.tip),
        arrows: { to: { enabled: r.directed, scaleFactor: 0.6 } }
      };
    }));
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenKinds[n.kind]; } });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) {
        return !hiddenRelations[e.rel] && !hiddenKinds[kindOf[e.from]] && !hiddenKinds[kindOf[e.to]];
      }
    });

    var big = !data.physics;
    var options = {
      autoResize: true,
      nodes: { font: { face: face, size: 14, color: "#222" }, borderWidth: 1 },
      edges: {
        font: { face: face, size: 11, color: "#555", strokeWidth: 3, align: "middle" },
        color: { color: "#9a9a9a", highlight: "#333", hover: "#555" },
        width: 1,
        smooth: big ? false : { type: "dynamic" }
      },
      physics: data.physics
        ? { enabled: true, solver: "forceAtlas2Based", stabilization: { iterations: 300, fit: true } }
        : { enabled: false },
      interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, navigationButtons: false },
      layout: { randomSeed: 7, improvedLayout: !big && data.nodes.length <= 200 }
    };
    var network = new vis.Network(byId("kg-net"), { nodes: nodeView, edges: edgeView }, options);
    window.kgNetwork = network;

    function refresh() {
      nodeView.refresh();
      edgeView.refresh();
      byId("kg-status").textContent =
        "显示 shown: " + nodeView.length + " / " + nodes.length + " 实体, " +
        edgeView.length + " / " + edges.length + " 关系";
    }

    // legend and filter by entity type
    var kindList = byId("kg-kinds");
    data.kinds.forEach(function (k) {
      kindBoxes[k.id] = checkbox(kindList, swatch(k.shape, k.color), k.zh + " " + k.en, k.count, function (on) {
        hiddenKinds[k.id] = !on;
        refresh();
      });
    });

    // filter by relation
    var relList = byId("kg-rels");
    data.relations.forEach(function (r) {
      checkbox(relList, swatch("line", ""), r.zh + " " + r.en + (r.directed ? " →" : " —"), r.count, function (on) {
        hiddenRelations[r.id] = !on;
        refresh();
      });
    });
    if (!data.relations.length) relList.appendChild(el("p", "", "没有关系 no relations"));

    // colour by region, when the graph has kg:inRegion
    if (data.regions.length) {
      byId("kg-regions").hidden = false;
      var legend = byId("kg-region-legend");
      data.regions.forEach(function (g) {
        var row = el("div", "kg-item");
        row.appendChild(swatch("dot", g.color));
        row.appendChild(el("span", "", g.label));
        legend.appendChild(row);
      });
      byId("kg-by-region").addEventListener("change", function (ev) {
        var pick = ev.target.checked ? regionColour : kindColour;
        legend.hidden = !ev.target.checked;
        nodes.update(data.nodes.map(function (n) { return { id: n.id, color: pick(n) }; }));
      });
    }

    // search: exact name first, then a name containing the text; shows hidden types again
    var names = byId("kg-names");
    data.nodes.forEach(function (n) { names.appendChild(el("option", "", n.label)); });
    byId("kg-search").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = byId("kg-q").value.trim().toLowerCase();
      var found = byId("kg-found");
      if (!q) { found.textContent = ""; return; }
      var hit = null;
      [function (s) { return s === q; }, function (s) { return s.indexOf(q) >= 0; }].some(function (test) {
        data.nodes.some(function (n) {
          if (n.names.some(function (s) { return test(s.toLowerCase()); })) hit = n;
          return hit !== null;
        });
        return hit !== null;
      });
      if (!hit) { found.textContent = "未找到 not found"; return; }
      if (hiddenKinds[hit.kind]) {
        hiddenKinds[hit.kind] = false;
        kindBoxes[hit.kind].checked = true;
        refresh();
      }
      network.selectNodes([hit.id]);
      network.focus(hit.id, { scale: 1.3, animation: { duration: 400 } });
      found.textContent = "已定位 found: " + hit.label;
      body.dataset.focused = String(hit.id);
    });

    refresh();
    network.once("afterDrawing", function () {
      body.dataset.nodeCount = String(nodes.length);
      body.dataset.edgeCount = String(edges.length);
      body.dataset.drawnNodeCount = String(network.body.nodeIndices.length);
      body.dataset.drawnEdgeCount = String(network.body.edgeIndices.length);
      body.dataset.status = "ready";
    });
  }

  try {
    if (typeof vis === "undefined") throw new Error("vis-network did not load");
    main();
  } catch (err) {
    body.dataset.status = "error";
    byId("kg-status").textContent = "error: " + err.message;
    throw err;
  }
})();
