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

  // a wide tree opens at this zoom: box text (14 px) shows at about 12 px
  var START_SCALE = 0.85;

  // The minimap: every drawn node as a dot, the part on screen as a frame; a click there moves the view.
  function overview(network, nodes, canvas) {
    var context = canvas.getContext("2d");
    var bounds = null;
    var pending = false;
    function measure() {
      var positions = network.getPositions();
      var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity, points: [] };
      Object.keys(positions).forEach(function (id) {
        var p = positions[id];
        box.points.push(p);
        box.left = Math.min(box.left, p.x);
        box.right = Math.max(box.right, p.x);
        box.top = Math.min(box.top, p.y);
        box.bottom = Math.max(box.bottom, p.y);
      });
      var pad = 120;
      box.left -= pad;
      box.top -= pad;
      // each axis stretched to the minimap: a wide, flat tree still fills it
      box.sx = canvas.width / (box.right + pad - box.left || 1);
      box.sy = canvas.height / (box.bottom + pad - box.top || 1);
      return box;
    }
    function draw() {
      pending = false;
      bounds = bounds || measure();
      var sx = bounds.sx;
      var sy = bounds.sy;
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = "#6b7280";
      bounds.points.forEach(function (p) {
        context.fillRect((p.x - bounds.left) * sx - 1, (p.y - bounds.top) * sy - 1, 2, 2);
      });
      var view = network.canvas.frame.canvas;
      var a = network.DOMtoCanvas({ x: 0, y: 0 });
      var b = network.DOMtoCanvas({ x: view.clientWidth, y: view.clientHeight });
      context.strokeStyle = "#b91c1c";
      context.lineWidth = 2;
      context.strokeRect((a.x - bounds.left) * sx, (a.y - bounds.top) * sy, Math.max(3, (b.x - a.x) * sx),
        Math.max(3, (b.y - a.y) * sy));
    }
    function later() {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(draw);
      }
    }
    nodes.on("*", function () {
      bounds = null;
      later();
    });
    network.on("afterDrawing", later);
    canvas.addEventListener("click", function (event) {
      bounds = bounds || measure();
      var rect = canvas.getBoundingClientRect();
      var x = (event.clientX - rect.left) * (canvas.width / rect.width) / bounds.sx + bounds.left;
      var y = (event.clientY - rect.top) * (canvas.height / rect.height) / bounds.sy + bounds.top;
      network.moveTo({ position: { x: x, y: y }, animation: false });
    });
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

    // which closed group holds a node (its members are embedded, drawn when the group opens)
    var memberOf = {};
    Object.keys(clusters).forEach(function (id) {
      clusters[id].nodes.forEach(function (node) {
        memberOf[node.id] = id;
      });
    });

    function setOpen(id, wanted) {
      var cluster = clusters[id];
      if (!cluster || !!open[id] === wanted) {
        return false;
      }
      if (wanted) {
        open[id] = true;
        nodes.add(cluster.nodes.map(function (node) {
          return colored(copy(node));
        }));
        nodes.update({ id: id, label: cluster.label_open });
      } else {
        delete open[id];
        nodes.remove(cluster.nodes.map(function (node) {
          return node.id;
        }));
        nodes.update({ id: id, label: cluster.label_closed });
      }
      return true;
    }

    // open or close several groups with one layout pass (opening one OPD's branches)
    function setClusters(ids, wanted) {
      var changed = ids.filter(function (id) {
        return setOpen(id, wanted);
      });
      if (changed.length) {
        syncEdges();
        relayout();
        changed.forEach(function (id) {
          root.dispatchEvent(new CustomEvent("pokin:cluster", { bubbles: true, detail: { id: id, open: wanted } }));
        });
      }
      return changed.length;
    }

    function toggleCluster(id) {
      if (!clusters[id]) {
        return false;
      }
      setClusters([id], !open[id]);
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

    // show a node: open the group that holds it when it is folded, select it, centre it at a readable zoom
    function focusNode(id) {
      if (nodes.get(id) === null && memberOf[id]) {
        setClusters([memberOf[id]], true);
      }
      if (nodes.get(id) === null) {
        return false;
      }
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: false });
      return true;
    }

    function groupsOf(ids) {
      var seen = {};
      ids.forEach(function (id) {
        if (memberOf[id]) {
          seen[memberOf[id]] = true;
        }
      });
      return Object.keys(seen);
    }

    function zoom(factor) {
      var scale = Math.min(3, Math.max(0.02, network.getScale() * factor));
      network.moveTo({ scale: scale, animation: false });
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
    var zooms = root.querySelectorAll("[data-pokin-zoom]");
    for (var z = 0; z < zooms.length; z++) {
      zooms[z].addEventListener("click", function (event) {
        zoom(event.currentTarget.getAttribute("data-pokin-zoom") === "in" ? 1.25 : 0.8);
      });
    }
    var minimap = root.querySelector("canvas[data-pokin-minimap]");
    if (minimap) {
      overview(network, nodes, minimap);
    }

    var api = {
      network: network, nodes: nodes, edges: edges, data: data, toggleCluster: toggleCluster,
      recolor: recolor, focusNode: focusNode, zoom: zoom, groupsOf: groupsOf,
      openGroups: function (ids) {
        return setClusters(ids, true);
      },
      closeGroups: function () {
        return setClusters(Object.keys(open), false);
      },
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
        var scale = START_SCALE;
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
