// kg network page: reads the JSON data block, draws it with vis-network, wires the filters.
// Every string from the graph reaches the page as a DOM text node (textContent), never as HTML.
// When the first frame is drawn, <body> gets data-status="ready" and the counts, for tests.
// The region-level view is kgRegionView (regionview.js, inlined just before this script).
(function () {
  "use strict";
  var body = document.body;
  var DAY_MS = 86400000;

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

  function checkbox(list, swatch, text, count, onChange, cls) {
    var label = el("label", "kg-item" + (cls ? " " + cls : ""));
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

  function dayText(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

  function main() {
    var data = JSON.parse(byId("kg-data").textContent);
    var face = getComputedStyle(body).fontFamily;
    var kinds = {}, relations = {}, roles = {}, hiddenKinds = {}, hiddenRelations = {}, kindBoxes = {};
    data.kinds.forEach(function (k) { kinds[k.id] = k; });
    data.relations.forEach(function (r) { relations[r.id] = r; });
    data.roles.forEach(function (r) { roles[r.id] = r; });
    var greyRegion = "#cfcfcf";
    var level = 0;  // index in data.levels, for colours, the region view and drilling down
    var drill = null;  // {level, region}: only the actors (and events) of one region are shown
    var timeline = data.timeline, time = timeline && { lo: timeline.min, hi: timeline.max, undated: true };

    function kindColour(n) { return kinds[n.kind].color; }
    function regionColour(n) { return n.home[level] >= 0 ? data.regions[level][n.home[level]].color : greyRegion; }

    // what is shown: the entity type is not hidden, an event is in the time range, and the node
    // is in the region drilled into
    function inTime(n) {
      if (!time || n.kind !== "Event") return true;
      if (!n.days) return time.undated;
      return n.days[0] <= time.hi && n.days[1] >= time.lo;
    }
    function inDrill(n) {
      if (!drill) return true;
      return n.home[drill.level] === drill.region ||
        (n.kind === "Event" && n.sides[drill.level].indexOf(drill.region) >= 0);
    }
    function shown(n) { return !hiddenKinds[n.kind] && inTime(n) && inDrill(n); }

    var nodes = new vis.DataSet(data.nodes.map(function (n) {
      var item = {
        id: n.id, label: n.label, kind: n.kind, names: n.names,
        shape: kinds[n.kind].shape, size: n.size, color: kindColour(n), title: tipElement(n.tip)
      };
      if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
      return item;
    }));
    var edges = new vis.DataSet(data.edges.map(function (e) {
      if (e.role) {
        return {
          id: e.id, from: e.from, to: e.to, rel: e.rel, label: roles[e.rel].zh, title: tipElement(e.tip),
          dashes: [4, 4], width: 0.6, color: { color: "#b8b8b8", highlight: "#555", hover: "#777" },
          font: { size: 10, color: "#888" }, arrows: { to: { enabled: false } }
        };
      }
      var r = relations[e.rel];
      return {
        id: e.id, from: e.from, to: e.to, rel: e.rel, label: r.zh, title: tipElement(e.tip),
        arrows: { to: { enabled: r.directed, scaleFactor: 0.6 } }
      };
    }));
    var nodeView = new vis.DataView(nodes, { filter: function (n) { return shown(data.nodes[n.id]); } });
    var edgeView = new vis.DataView(edges, {
      filter: function (e) {
        return !hiddenRelations[e.rel] && shown(data.nodes[e.from]) && shown(data.nodes[e.to]);
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
    var regionView = null;  // created the first time it is shown

    function refresh() {
      nodeView.refresh();
      edgeView.refresh();
      if (regionView && body.dataset.view === "regions") regionView.update();
      var status = "显示 shown: " + nodeView.length + " / " + nodes.length + " 实体, " +
        edgeView.length + " / " + edges.length + " 关系";
      if (regionView && body.dataset.view === "regions") status = regionView.status();
      byId("kg-status").textContent = status;
      body.dataset.shownNodeCount = String(nodeView.length);
      body.dataset.shownEdgeCount = String(edgeView.length);
    }

    // legend and filter by entity type
    var kindList = byId("kg-kinds");
    data.kinds.forEach(function (k) {
      kindBoxes[k.id] = checkbox(kindList, swatch(k.shape, k.color), k.zh + " " + k.en, k.count, function (on) {
        hiddenKinds[k.id] = !on;
        refresh();
      });
    });

    // filter by relation, then the roles of event participants as one group
    var relList = byId("kg-rels");
    data.relations.forEach(function (r) {
      checkbox(relList, swatch("line", ""), r.zh + " " + r.en + (r.directed ? " →" : " —"), r.count, function (on) {
        hiddenRelations[r.id] = !on;
        refresh();
      });
    });
    if (data.roles.length) {
      var roleBoxes = [], total = 0;
      data.roles.forEach(function (r) { total += r.count; });
      var allRoles = checkbox(relList, swatch("dash", ""), "角色 roles", total, function (on) {
        data.roles.forEach(function (r, i) { hiddenRelations[r.id] = !on; roleBoxes[i].checked = on; });
        allRoles.indeterminate = false;
        refresh();
      }, "kg-group");
      allRoles.id = "kg-roles";
      data.roles.forEach(function (r) {
        roleBoxes.push(checkbox(relList, swatch("dash", ""), r.zh + " " + r.en, r.count, function (on) {
          hiddenRelations[r.id] = !on;
          var on_ = roleBoxes.filter(function (b) { return b.checked; }).length;
          allRoles.checked = on_ === roleBoxes.length;
          allRoles.indeterminate = on_ > 0 && on_ < roleBoxes.length;
          refresh();
        }, "kg-sub"));
      });
    }
    if (!data.relations.length && !data.roles.length) relList.appendChild(el("p", "", "没有关系 no relations"));

    // timeline: two range inputs over the event days; undated events have their own box
    var from = byId("kg-from"), to = byId("kg-to");
    function showTime() {
      var span = timeline.max - timeline.min || 1;
      var fill = byId("kg-range-fill");
      fill.style.left = (100 * (time.lo - timeline.min) / span) + "%";
      fill.style.width = (100 * (time.hi - time.lo) / span) + "%";
      var dated = data.nodes.filter(function (n) { return n.days && inTime(n); }).length;
      byId("kg-time-text").textContent =
        dayText(time.lo) + " — " + dayText(time.hi) + " · " + dated + " / " + timeline.dated + " 事件 events";
      body.dataset.timeRange = dayText(time.lo) + "/" + dayText(time.hi);
    }
    function setTime(lo, hi) {
      time.lo = lo;
      time.hi = hi;
      from.value = String(lo);
      to.value = String(hi);
      showTime();
      refresh();
    }
    if (timeline) {
      byId("kg-time").hidden = false;
      [from, to].forEach(function (input) {
        input.min = String(timeline.min);
        input.max = String(timeline.max);
      });
      from.value = String(timeline.min);
      to.value = String(timeline.max);
      from.addEventListener("input", function () {
        var lo = Number(from.value);
        setTime(lo, Math.max(lo, time.hi));
      });
      to.addEventListener("input", function () {
        var hi = Number(to.value);
        setTime(Math.min(hi, time.lo), hi);
      });
      byId("kg-undated-count").textContent = String(timeline.undated);
      byId("kg-undated").addEventListener("change", function (ev) {
        time.undated = ev.target.checked;
        refresh();
      });
      showTime();
    }

    // regions: colour by home region, the region-level view, drilling down into a region
    var hasRegions = data.regions.some(function (list) { return list.length; });
    var legend = byId("kg-region-legend"), byRegion = byId("kg-by-region");
    function colourNodes() {
      var pick = byRegion.checked ? regionColour : kindColour;
      legend.hidden = !byRegion.checked;
      nodes.update(data.nodes.map(function (n) { return { id: n.id, color: pick(n) }; }));
      legend.textContent = "";
      data.regions[level].forEach(function (g) {
        if (!g.actors) return;
        var row = el("div", "kg-item");
        row.appendChild(swatch("dot", g.color));
        row.appendChild(el("span", "", g.label));
        row.appendChild(el("span", "kg-count", String(g.actors)));
        legend.appendChild(row);
      });
    }
    function showView(regions) {
      byId("kg-region-view").checked = regions;
      byId("kg-net").hidden = regions;
      byId("kg-regionnet").hidden = !regions;
      body.dataset.view = regions ? "regions" : "actors";
      if (regions) {
        if (!regionView) {
          regionView = kgRegionView({
            data: data, container: byId("kg-regionnet"), face: face, el: el, tipElement: tipElement,
            eventShown: function (id) { return inTime(data.nodes[id]); },
            onDrill: function (lv, region) { drillInto(lv, region); }
          });
          window.kgRegionNetwork = regionView.network;
        }
        regionView.show(level);
      }
      refresh();
    }
    function drillInto(lv, region) {
      drill = lv === null ? null : { level: lv, region: region };
      byId("kg-drill").hidden = !drill;
      if (drill) {
        var g = data.regions[lv][region];
        byId("kg-drill-text").textContent = "地区 region: " + g.label;
        body.dataset.drill = g.label;
      } else {
        delete body.dataset.drill;
      }
      showView(false);
      network.fit();
      if (data.physics) network.once("stabilized", function () { network.fit({ animation: { duration: 300 } }); });
    }
    if (hasRegions) {
      byId("kg-regions").hidden = false;
      byRegion.addEventListener("change", colourNodes);
      byId("kg-level").addEventListener("change", function (ev) {
        level = Number(ev.target.value);
        if (byRegion.checked) colourNodes();
        if (body.dataset.view === "regions") { regionView.show(level); refresh(); }
      });
      byId("kg-region-view").addEventListener("change", function (ev) { showView(ev.target.checked); });
      byId("kg-drill-clear").addEventListener("click", function () { drillInto(null); });
    }

    // search: exact name first, then a name containing the text; shows what hides it again
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
      }
      if (!inTime(hit)) {
        byId("kg-undated").checked = time.undated = true;
        setTime(timeline.min, timeline.max);
      }
      if (!inDrill(hit)) drillInto(null);
      if (body.dataset.view === "regions") showView(false);
      refresh();
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
