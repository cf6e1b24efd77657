// Draws the actor network: a small force layout of our own, then plain SVG.
// Every node and edge is an SVG link to its page, so the graph works with a mouse and with Tab + Enter.
// All data goes in through setAttribute and textContent only.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var holder = document.getElementById("graph");
  if (!holder) { return; }

  function el(name, attrs) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    return node;
  }

  var PALETTE = ["#2a6f97", "#c46b00", "#6a4c93", "#2e7d4f", "#8d6e63", "#00838f", "#ad1457", "#546e7a"];

  function layout(nodes, edges, width, height) {
    var n = nodes.length, index = {};
    nodes.forEach(function (node, i) {
      index[node.actor] = i;
      var angle = 2 * Math.PI * i / n;  // deterministic start: a circle
      node.x = width / 2 + Math.cos(angle) * width / 3;
      node.y = height / 2 + Math.sin(angle) * height / 3;
    });
    var k = Math.sqrt(width * height / Math.max(n, 1)) * 0.6;
    var temperature = width / 8;
    for (var step = 0; step < 300; step++) {
      var dx = new Array(n).fill(0), dy = new Array(n).fill(0);
      for (var i = 0; i < n; i++) {
        for (var j = i + 1; j < n; j++) {
          var ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
          var dist = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 0.01);
          var push = k * k / dist;
          dx[i] += ddx / dist * push; dy[i] += ddy / dist * push;
          dx[j] -= ddx / dist * push; dy[j] -= ddy / dist * push;
        }
      }
      edges.forEach(function (edge) {
        var a = index[edge.a], b = index[edge.b];
        if (a === undefined || b === undefined) { return; }
        var ddx = nodes[a].x - nodes[b].x, ddy = nodes[a].y - nodes[b].y;
        var dist = Math.max(Math.sqrt(ddx * ddx + ddy * ddy), 0.01);
        var pull = dist * dist / k;
        dx[a] -= ddx / dist * pull; dy[a] -= ddy / dist * pull;
        dx[b] += ddx / dist * pull; dy[b] += ddy / dist * pull;
      });
      for (var m = 0; m < n; m++) {
        // a weak pull to the centre keeps parts that are not connected on screen
        dx[m] += (width / 2 - nodes[m].x) * 0.02 * k / 10; dy[m] += (height / 2 - nodes[m].y) * 0.02 * k / 10;
        var len = Math.max(Math.sqrt(dx[m] * dx[m] + dy[m] * dy[m]), 0.01);
        nodes[m].x += dx[m] / len * Math.min(len, temperature);
        nodes[m].y += dy[m] / len * Math.min(len, temperature);
        nodes[m].x = Math.min(width - 40, Math.max(40, nodes[m].x));
        nodes[m].y = Math.min(height - 30, Math.max(30, nodes[m].y));
      }
      temperature *= 0.985;
    }
    return index;
  }

  function draw(data) {
    var nodes = data.nodes || [], edges = data.edges || [];
    if (!nodes.length) { return; }
    while (holder.firstChild) { holder.removeChild(holder.firstChild); }
    var width = 960, height = Math.max(420, Math.min(760, 140 + nodes.length * 18));
    var index = layout(nodes, edges, width, height);
    var most = Math.max.apply(null, nodes.map(function (n) { return n.events; }).concat([1]));
    var strongest = Math.max.apply(null, edges.map(function (e) { return Math.abs(e.weight); }).concat([1]));
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, role: "group", "aria-label": "Actor network" });
    var edgeLayer = el("g", { "class": "edges" }), nodeLayer = el("g", { "class": "nodes" });
    edges.forEach(function (edge) {
      var a = nodes[index[edge.a]], b = nodes[index[edge.b]];
      if (!a || !b) { return; }
      var link = el("a", { href: "/dyad/" + encodeURIComponent(edge.a) + "/" + encodeURIComponent(edge.b), "class": "edge" });
      var colour = edge.weight > 0 ? "#2e7d4f" : edge.weight < 0 ? "#b23a48" : "#8a8f98";
      link.appendChild(el("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, "stroke-opacity": 0.75,
        "stroke-width": 1.5 + 5 * Math.abs(edge.weight) / strongest }));
      var title = el("title");
      title.textContent = edge.a + " – " + edge.b + ": " + edge.events + " events, net " + edge.weight.toFixed(1);
      link.appendChild(title);
      edgeLayer.appendChild(link);
    });
    nodes.forEach(function (node) {
      var link = el("a", { href: "/actor/" + encodeURIComponent(node.actor), "class": "node", "data-actor": node.actor });
      var radius = 6 + 18 * Math.sqrt(node.events / most);
      link.appendChild(el("circle", { cx: node.x, cy: node.y, r: radius, fill: PALETTE[(node.bloc - 1 + PALETTE.length) % PALETTE.length] }));
      var label = el("text", { x: node.x + radius + 3, y: node.y + 4 });
      label.textContent = node.name || node.actor;
      link.appendChild(label);
      var title = el("title");
      title.textContent = (node.name || node.actor) + " (" + node.actor + "): " + node.events + " events, bloc " + node.bloc;
      link.appendChild(title);
      nodeLayer.appendChild(link);
    });
    svg.appendChild(edgeLayer);
    svg.appendChild(nodeLayer);
    holder.appendChild(svg);
    holder.setAttribute("data-drawn", String(nodes.length));
  }

  fetch(holder.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (response) { if (!response.ok) { throw new Error("HTTP " + response.status); } return response.json(); })
    .then(draw)
    .catch(function (error) {
      var p = document.createElement("p");
      p.className = "problem";
      p.textContent = "Could not draw the network: " + error.message;
      holder.appendChild(p);
    });
})();
