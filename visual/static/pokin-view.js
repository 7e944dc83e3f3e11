/* pokin network views: draws one view from its embedded JSON with vis-network (loaded before this file).
 *
 * Positions come from the server (physics off); this script only
 *  - turns the server-escaped tooltip HTML into DOM elements (data text never becomes markup),
 *  - opens / closes collapsed clusters (their nodes are embedded; the same tidy layout as
 *    visual/network.py re-runs with an opened cluster as wide as its subtree),
 *  - switches the colouring between level and achievement (capaian) when both are embedded,
 *  - tells the page what happens: "pokin:ready" and "pokin:select" events on the view element.
 * Works offline: no request leaves the page.
 */
(function (global) {
  "use strict";
  if (global.pokinView) {
    return;
  }
  var views = (global.pokinViews = global.pokinViews || {});

  function tooltip(html) {
    var element = document.createElement("div");
    element.className = "pokin-tip";
    element.innerHTML = html; // built and escaped by visual/network.py
    return element;
  }

  function prepare(items) {
    for (var i = 0; i < items.length; i++) {
      if (typeof items[i].title === "string") {
        items[i].title = tooltip(items[i].title);
      }
    }
    return items;
  }

  function copy(item) {
    var clone = {};
    for (var key in item) {
      if (Object.prototype.hasOwnProperty.call(item, key)) {
        clone[key] = item[key];
      }
    }
    return clone;
  }

  // The tidy layout of visual/network.py (tidy_slots): leaves side by side, parents centred.
  function tidy(roots, children, width, gap) {
    var x = {};
    var cursor = 0;
    for (var r = 0; r < roots.length; r++) {
      if (r) {
        cursor += gap;
      }
      var stack = [[roots[r], false]];
      while (stack.length) {
        var top = stack.pop();
        var node = top[0];
        var kids = children[node] || [];
        if (!kids.length) {
          var span = width(node);
          x[node] = cursor + (span - 1) / 2;
          cursor += span;
        } else if (top[1]) {
          x[node] = (x[kids[0]] + x[kids[kids.length - 1]]) / 2;
        } else {
          stack.push([node, true]);
          for (var k = kids.length - 1; k >= 0; k--) {
            stack.push([kids[k], false]);
          }
        }
      }
    }
    return x;
  }

  function pokinView(domId) {
    var holder = document.getElementById(domId + "-data");
    var container = document.getElementById(domId);
    if (!holder || !container || typeof vis === "undefined") {
      if (container) {
        container.textContent = "Jaringan tidak dapat digambar: pustaka vis-network tidak termuat.";
      }
      return null;
    }
    var data = JSON.parse(holder.textContent);
    var pokin = data.pokin || {};
    var clusters = pokin.clusters || {};
    var layout = pokin.layout;
    var hiddenEdges = prepare(pokin.hidden_edges || []);
    Object.keys(clusters).forEach(function (id) {
      prepare(clusters[id].nodes);
    });
    var nodes = new vis.DataSet(prepare(data.nodes));
    var edges = new vis.DataSet(prepare(data.edges));
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    var mode = pokin.color_by || "level";
    var open = {};
    var root = document.getElementById(domId + "-view") || container;

    // node.colors = {level: [fill, border, font], achievement: [...]} (visual/network.py)
    function colored(node) {
      var scheme = node.colors && node.colors[mode];
      if (scheme) {
        var strong = { background: scheme[0], border: "#111827" };
        node.color = { background: scheme[0], border: scheme[1], highlight: strong, hover: strong };
        node.font = { color: scheme[2] };
      }
      return node;
    }

    function relayout() {
      if (!layout) {
        return;
      }
      var width = function (id) {
        return open[id] ? clusters[id].width + 1 : 1;
      };
      var x = tidy(layout.roots, layout.children, width, layout.gap);
      var updates = [];
      Object.keys(x).forEach(function (id) {
        updates.push({ id: id, x: x[id] * layout.slot });
      });
      Object.keys(open).forEach(function (id) {
        var cluster = clusters[id];
        var left = x[id] - cluster.width / 2;
        cluster.nodes.forEach(function (node) {
          updates.push({ id: node.id, x: (left + node.dx) * layout.slot });
        });
        updates.push({ id: id, x: (left + cluster.width) * layout.slot });
      });
      nodes.update(updates);
    }

    function syncEdges() {
      var add = [];
      var remove = [];
      hiddenEdges.forEach(function (edge) {
        var present = nodes.get(edge.from) !== null && nodes.get(edge.to) !== null;
        var shown = edges.get(edge.id) !== null;
        if (present && !shown) {
          add.push(edge);
        } else if (!present && shown) {
          remove.push(edge.id);
        }
      });
      edges.remove(remove);
      edges.add(add);
    }

    function toggleCluster(id) {
      var cluster = clusters[id];
      if (!cluster) {
        return false;
      }
      if (open[id]) {
        delete open[id];
        nodes.remove(cluster.nodes.map(function (node) {
          return node.id;
        }));
        nodes.update({ id: id, label: cluster.label_closed });
      } else {
        open[id] = true;
        nodes.add(cluster.nodes.map(function (node) {
          return colored(copy(node));
        }));
        nodes.update({ id: id, label: cluster.label_open });
      }
      syncEdges();
      relayout();
      root.dispatchEvent(new CustomEvent("pokin:cluster", { bubbles: true, detail: { id: id, open: !!open[id] } }));
      return true;
    }

    function recolor(newMode) {
      if ((pokin.color_modes || []).indexOf(newMode) < 0) {
        return false;
      }
      mode = newMode;
      var updates = [];
      nodes.forEach(function (node) {
        if (node.colors && node.colors[mode]) {
          updates.push(colored({ id: node.id, colors: node.colors }));
        }
      });
      nodes.update(updates);
      var legends = root.querySelectorAll("[data-legend-mode]");
      for (var i = 0; i < legends.length; i++) {
        legends[i].hidden = legends[i].getAttribute("data-legend-mode") !== mode;
      }
      var buttons = root.querySelectorAll("[data-color-mode]");
      for (var j = 0; j < buttons.length; j++) {
        buttons[j].setAttribute("aria-pressed", String(buttons[j].getAttribute("data-color-mode") === mode));
      }
      return true;
    }

    function focusNode(id) {
      if (nodes.get(id) === null) {
        return false;
      }
      network.selectNodes([id]);
      network.focus(id, { scale: 1.0, animation: false });
      return true;
    }

    network.on("click", function (params) {
      if (params.nodes.length !== 1) {
        return;
      }
      var id = params.nodes[0];
      if (clusters[id]) {
        toggleCluster(id);
        return;
      }
      var node = nodes.get(id);
      root.dispatchEvent(new CustomEvent("pokin:select", { bubbles: true, detail: { id: id, data: node && node.pokin } }));
    });

    var buttons = root.querySelectorAll("[data-color-mode]");
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].addEventListener("click", function (event) {
        recolor(event.currentTarget.getAttribute("data-color-mode"));
      });
    }
    var fit = root.querySelector("[data-pokin-fit]");
    if (fit) {
      fit.addEventListener("click", function () {
        network.fit({ animation: false });
      });
    }

    var api = {
      network: network, nodes: nodes, edges: edges, data: data, toggleCluster: toggleCluster,
      recolor: recolor, focusNode: focusNode,
      mode: function () {
        return mode;
      },
      openClusters: function () {
        return Object.keys(open);
      }
    };
    views[domId] = api;
    network.once("afterDrawing", function () {
      // a wide tree fitted into the canvas is too small to read: start at its top, readable
      var start = pokin.start;
      if (start && network.getScale() < 0.3) {
        var scale = 0.6;
        var below = start.anchor === "top" ? (container.clientHeight / 2 - 70) / scale : 0;
        network.moveTo({ position: { x: start.x, y: start.y + below }, scale: scale, animation: false });
      }
      root.setAttribute("data-pokin-drawn", "true");
      root.dispatchEvent(new CustomEvent("pokin:ready", { bubbles: true, detail: { id: domId } }));
    });
    return api;
  }

  global.pokinView = pokinView;
})(window);
