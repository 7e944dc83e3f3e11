/* pokin web pages: start the network views, and open the side panel of a clicked node.
 * Served by the service (no inline script: the page's Content-Security-Policy allows only 'self').
 * The panel's data comes from GET /api/elements/<id> (same origin); every text is set with textContent,
 * never as HTML, so names from imported spreadsheets cannot inject markup.
 */
(function () {
  "use strict";
  var holder = document.getElementById("pokin-page-data");
  var config = holder ? JSON.parse(holder.textContent || "{}") : {};
  var numbers = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  var current = null;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    return node;
  }

  function link(text, href) {
    var a = el("a", text);
    if (href) {
      a.setAttribute("href", href);
    }
    return a;
  }

  function num(value) {
    return value === null || value === undefined || value === "" ? "–" : numbers.format(Number(value));
  }

  function rupiah(value) {
    return value === null || value === undefined ? "–" : "Rp " + numbers.format(Number(value));
  }

  function row(dl, label, value) {
    if (value === null || value === undefined || value === "") {
      return;
    }
    dl.appendChild(el("dt", label));
    var dd = el("dd");
    if (value instanceof Node) {
      dd.appendChild(value);
    } else {
      dd.textContent = String(value);
    }
    dl.appendChild(dd);
  }

  function list(body, title, items, render) {
    if (!items || !items.length) {
      return;
    }
    body.appendChild(el("h3", title));
    var ul = el("ul");
    items.forEach(function (item) {
      var li = el("li");
      render(li, item);
      ul.appendChild(li);
    });
    body.appendChild(ul);
  }

  function indicators(body, items) {
    if (!items || !items.length) {
      return;
    }
    body.appendChild(el("h3", "Indikator"));
    items.forEach(function (indicator) {
      var name = indicator.name + (indicator.satuan ? " (" + indicator.satuan + ")" : "");
      body.appendChild(el("p", name, { "class": "indicator-name", "data-indicator": indicator.id }));
      var table = el("table", null, { "class": "indicator-years" });
      var head = el("tr");
      ["Tahun", "Target", "Realisasi", "Capaian"].forEach(function (text) {
        head.appendChild(el("th", text, { scope: "col" }));
      });
      table.appendChild(head);
      (indicator.years || []).forEach(function (year) {
        var tr = el("tr", null, { "data-year": year.year });
        tr.appendChild(el("td", year.year));
        // written by the server's one number helper (visual/styles.py): 1.250.000, 95,5%; a qualitative
        // target or realisasi (`BB`, `Baik`) as written, without capaian
        var shown = year.shown || {};
        tr.appendChild(el("td", shown.target || "–"));
        tr.appendChild(el("td", shown.realisasi || "–"));
        tr.appendChild(el("td", (shown.capaian || "–") + (year.band ? " (" + year.band + ")" : "")));
        table.appendChild(tr);
      });
      body.appendChild(table);
    });
  }

  // capaian across the versions of the period (GET /api/trend/<kind>/<id>, texts written by the server:
  // 95,5%): drawn when its answer comes; nothing when there is none
  function drawTrend(box, trend) {
    box.appendChild(el("h3", "Tren capaian antar versi"));
    var table = el("table", null, { "class": "trend-versions" });
    var head = el("tr");
    ["Versi", "Capaian", "Thd. target akhir"].forEach(function (text) {
      head.appendChild(el("th", text, { scope: "col" }));
    });
    table.appendChild(head);
    (trend.points || []).forEach(function (point) {
      var shown = point.shown || {};
      var tr = el("tr", null, { "data-version": point.dataset });
      tr.appendChild(el("td", shown.label));
      tr.appendChild(el("td", (shown.capaian || "–") + (point.band ? " (" + point.band + ")" : "")));
      tr.appendChild(el("td", shown.capaian_end || "–"));
      table.appendChild(tr);
    });
    box.appendChild(table);
    var end = trend.kind === "indicator"
      ? "Target akhir: " + ((trend.shown || {}).target_end || "–") + " (" + trend.end_note + ")."
      : "Realisasi setiap IKU dibandingkan dengan target akhirnya.";
    box.appendChild(el("p", end, { "class": "muted" }));
  }

  function trend(body, item) {
    var kind = item.kind === "Indicator" ? "indicator" : item.kind === "Unit" ? "unit" : null;
    var base = kind ? config["api_trend_" + kind] : null;
    if (!base) {
      return;
    }
    var box = el("div", null, { "class": "panel-trend", "data-panel-trend": kind });
    body.appendChild(box);
    fetch(base.replace("__ID__", encodeURIComponent(item.id)), {
      credentials: "same-origin",
      headers: { Accept: "application/json" }
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer && answer.trend && current === item.id) {
          drawTrend(box, answer.trend);
        }
      })
      .catch(function () {});
  }

  // why this element is marked on the page: the finding (from the page's data) and a link to its list
  function flagged(body, id) {
    var finding = (config.findings || {})[id];
    if (!finding) {
      return;
    }
    var box = el("div", null, { "class": "panel-finding", "data-panel-finding": finding.query });
    box.appendChild(el("h3", "Temuan audit"));
    box.appendChild(el("p", "Ditandai karena: " + finding.title + "."));
    box.appendChild(link("Lihat daftar temuan ini", finding.href));
    body.appendChild(box);
  }

  function fill(panel, item) {
    var body = panel.querySelector(".panel-body");
    body.textContent = "";
    body.appendChild(el("h2", item.title || item.id, { "data-element": item.id, title: "id: " + item.id }));
    var dl = el("dl");
    row(dl, "Jenis", item.level_name || item.kind_name);
    var staffNumber = item.asn_kind === "PPPK" ? "NI PPPK" : item.asn_kind === "PNS" ? "NIP" : "NIP / NI PPPK";
    // a real code (an activity's) or the NIP; an internal id only on hover of the heading
    row(dl, item.kind === "ASN" ? staffNumber : "Kode", item.kind === "ASN" ? item.nip : item.code);
    row(dl, "Status ASN", item.asn_kind);
    row(dl, "Jabatan", item.position);
    if (item.unit) {
      row(dl, item.kind === "Unit" ? "Induk" : "Unit", link(item.unit.name || item.unit.id, "/pohon/" + encodeURIComponent(item.unit.id)));
    }
    if (item.opd && (!item.unit || item.opd.id !== item.unit.id) && item.kind !== "Unit") {
      row(dl, "OPD", item.opd.name);
    }
    if (item.kind === "Activity") {
      row(dl, "Pagu" + (item.year ? " " + item.year : ""), item.budget_shown || rupiah(item.budget));
    }
    if (item.kind === "Unit") {
      row(dl, "ASN (termasuk sub-unit)", num(item.staff_count));
      row(dl, "Pagu kegiatan", item.budget_shown || rupiah(item.budget_total));
    }
    if (item.parent) {
      row(dl, "Bagian dari", link(item.parent.title || item.parent.id, item.parent.href));
    }
    body.appendChild(dl);
    flagged(body, item.id);
    indicators(body, item.indicators);
    trend(body, item);
    var assignedTitle = item.kind === "Unit" ? "ASN di unit ini" : "ASN yang ditugaskan";
    list(body, assignedTitle + " (" + (item.assigned_count || 0) + ")", item.assigned, function (li, person) {
      li.appendChild(link(person.name || person.nip, person.href));
      var number = person.asn_kind === "PPPK" ? " · NI PPPK " : person.asn_kind === "PNS" ? " · NIP " : " · NIP/NI PPPK ";
      li.appendChild(el("span", " · " + (person.position || "") + (person.asn_kind ? " · " + person.asn_kind : "") +
        number + person.nip, { "class": "muted" }));
    });
    var element = function (li, entry) {
      li.appendChild(link(entry.title || entry.id, entry.href));
      if (entry.weight !== null && entry.weight !== undefined && Number(entry.weight) !== 1) {
        li.appendChild(el("span", " (bobot " + num(entry.weight) + ")", { "class": "muted" }));
      }
    };
    list(body, "Ditugaskan pada", item.assigned_to, element);
    list(body, "Berkontribusi ke", item.contributes_to, element);
    list(body, "Didukung oleh (" + (item.contributor_count || 0) + ")", item.contributors, element);
    list(body, "Tautan", item.links, function (li, entry) {
      li.appendChild(link(entry.label, entry.href));
    });
  }

  function openPanel(id) {
    var panel = document.getElementById("pokin-panel");
    if (!panel || !config.api_element) {
      return;
    }
    current = id;
    var url = config.api_element.replace("__ID__", encodeURIComponent(id));
    if (config.year) {
      url += "?year=" + encodeURIComponent(config.year);
    }
    panel.hidden = false;
    panel.setAttribute("data-state", "loading");
    panel.querySelector(".panel-body").textContent = "Memuat…";
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      })
      .then(function (answer) {
        if (current !== id) {
          return;
        }
        if (!answer.ok) {
          panel.querySelector(".panel-body").textContent = "Rincian tidak tersedia: " + (answer.body.error || "kesalahan");
          panel.setAttribute("data-state", "error");
          return;
        }
        fill(panel, answer.body.element);
        panel.setAttribute("data-state", "ready");
        panel.setAttribute("data-id", id);
      })
      .catch(function () {
        panel.querySelector(".panel-body").textContent = "Rincian tidak dapat dimuat.";
        panel.setAttribute("data-state", "error");
      });
  }

  document.addEventListener("pokin:select", function (event) {
    openPanel(event.detail.id);
  });
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var close = target.closest("[data-panel-close]");
    if (close) {
      document.getElementById("pokin-panel").hidden = true;
      return;
    }
    var focus = target.closest("[data-focus-node]");
    if (focus) {
      var id = focus.getAttribute("data-focus-node");
      Object.keys(window.pokinViews || {}).forEach(function (domId) {
        window.pokinViews[domId].focusNode(id);
      });
      openPanel(id);
    }
  });

  // a search box shows what the reader typed (the address holds it): the page itself masks NIPs, and a
  // masked NIP typed again would find nothing
  var typed = new URLSearchParams(window.location.search).get("q");
  if (typed !== null) {
    var boxes = document.querySelectorAll("input[data-keep-typed]");
    for (var n = 0; n < boxes.length; n++) {
      boxes[n].value = typed;
    }
  }

  var sections = document.querySelectorAll("section[data-pokin-dom]");
  for (var i = 0; i < sections.length; i++) {
    if (typeof window.pokinView === "function") {
      window.pokinView(sections[i].getAttribute("data-pokin-dom"));
    }
  }
})();
