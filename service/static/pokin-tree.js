/* pokin tree pages: the outline beside the network (visual/outline.py builds it as nested <details>).
 * - open down to one level, or open one OPD's branches (in the outline and in the network's groups),
 * - find a name: the outline opens to it and the network shows it (its group opened, the node focused),
 * - a node chosen anywhere (network, audit list, outline) is shown in the outline too,
 * - print: every branch of the outline opens for printing, and closes again afterwards.
 * The outline works without this script (details open and close by themselves); this only adds the tools.
 */
(function () {
  "use strict";
  var outline = document.querySelector("[data-outline]");
  if (!outline) {
    return;
  }
  var body = outline.querySelector(".outline-body");
  var status = outline.querySelector("[data-outline-status]");
  var found = { query: null, index: -1 };

  function views() {
    var all = window.pokinViews || {};
    return Object.keys(all).map(function (id) {
      return all[id];
    });
  }

  function allDetails() {
    return body.querySelectorAll("details");
  }

  function entry(id) {
    return body.querySelector('li[data-node="' + CSS.escape(id) + '"]');
  }

  // open every branch above an entry (and leave the others as they are)
  function openTo(li) {
    var details = li.parentElement ? li.parentElement.closest("details") : null;
    while (details && body.contains(details)) {
      details.open = true;
      details = details.parentElement ? details.parentElement.closest("details") : null;
    }
  }

  function mark(li) {
    var old = body.querySelectorAll(".outline-current");
    for (var i = 0; i < old.length; i++) {
      old[i].classList.remove("outline-current");
    }
    li.classList.add("outline-current");
    body.scrollTop = Math.max(0, li.offsetTop - body.clientHeight / 3);
  }

  function showInOutline(id) {
    var li = entry(id);
    if (!li) {
      return null;
    }
    openTo(li);
    mark(li);
    return li;
  }

  function closeAll() {
    var details = allDetails();
    for (var i = 0; i < details.length; i++) {
      details[i].open = false;
    }
    views().forEach(function (view) {
      view.closeGroups();
    });
  }

  // rows down to the chosen level show: every branch above that level opens, the rest closes
  function openLevel(rank) {
    var details = allDetails();
    for (var i = 0; i < details.length; i++) {
      details[i].open = Number(details[i].parentElement.getAttribute("data-base")) < rank;
    }
    outline.setAttribute("data-open-level", String(rank));
  }

  // one OPD: everything else closes; its elements show, in the outline and in the network
  function openOpd(opd) {
    var details = allDetails();
    for (var i = 0; i < details.length; i++) {
      details[i].open = false;
    }
    var entries = body.querySelectorAll('li[data-opd="' + CSS.escape(opd) + '"]');
    var ids = [];
    for (var j = 0; j < entries.length; j++) {
      openTo(entries[j]);
      ids.push(entries[j].getAttribute("data-node"));
    }
    if (entries.length) {
      mark(entries[0]);
    }
    views().forEach(function (view) {
      view.closeGroups();
      view.openGroups(view.groupsOf(ids));
      if (ids.length) {
        view.focusNode(ids[0]);
      }
    });
    outline.setAttribute("data-open-opd", opd);
    return ids.length;
  }

  function normal(text) {
    return (text || "").toLocaleLowerCase("id-ID").replace(/\s+/g, " ").trim();
  }

  // the next entry whose name holds what was typed; the same words again move on to the next one
  function find(query) {
    var wanted = normal(query);
    if (!wanted) {
      return null;
    }
    var buttons = body.querySelectorAll(".outline-text");
    var hits = [];
    for (var i = 0; i < buttons.length; i++) {
      if (normal(buttons[i].textContent).indexOf(wanted) >= 0) {
        hits.push(buttons[i]);
      }
    }
    found.index = found.query === wanted ? (found.index + 1) % Math.max(hits.length, 1) : 0;
    found.query = wanted;
    if (!hits.length) {
      status.textContent = "Tidak ditemukan.";
      outline.setAttribute("data-found", "");
      return null;
    }
    var button = hits[found.index];
    var id = button.getAttribute("data-focus-node");
    showInOutline(id);
    button.focus({ preventScroll: true });
    views().forEach(function (view) {
      view.focusNode(id);
    });
    status.textContent = (found.index + 1) + " dari " + hits.length;
    outline.setAttribute("data-found", id);
    return id;
  }

  outline.querySelector("[data-outline-find]").addEventListener("submit", function (event) {
    event.preventDefault();
    find(outline.querySelector("#outline-cari").value);
  });
  var level = outline.querySelector("[data-outline-level]");
  level.addEventListener("change", function () {
    if (level.value) {
      openLevel(Number(level.value));
    }
  });
  var opd = outline.querySelector("[data-outline-opd]");
  if (opd) {
    opd.addEventListener("change", function () {
      if (opd.value) {
        openOpd(opd.value);
      }
    });
  }
  outline.querySelector("[data-outline-close]").addEventListener("click", closeAll);
  outline.querySelector("[data-outline-print]").addEventListener("click", function () {
    window.print();
  });

  // a node chosen in the network or the audit list shows in the outline too (pokin-pages.js opens the panel)
  document.addEventListener("pokin:select", function (event) {
    showInOutline(event.detail.id);
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target.closest("[data-focus-node]") : null;
    if (target && !body.contains(target)) {
      showInOutline(target.getAttribute("data-focus-node"));
    } else if (target) {
      mark(target.closest("li"));
    }
  });

  // print: the outline whole, then back as it was
  var closed = null; // the branches to close again; null when not printing (a second beforeprint changes nothing)
  window.addEventListener("beforeprint", function () {
    if (closed !== null) {
      return;
    }
    closed = Array.prototype.filter.call(allDetails(), function (details) {
      return !details.open;
    });
    closed.forEach(function (details) {
      details.open = true;
    });
  });
  window.addEventListener("afterprint", function () {
    (closed || []).forEach(function (details) {
      details.open = false;
    });
    closed = null;
  });

  window.pokinOutline = { find: find, openLevel: openLevel, openOpd: openOpd, closeAll: closeAll, show: showInOutline };
})();
