// detente dashboard. Every string from the store goes into the page through textContent or
// setAttribute on SVG geometry, never innerHTML: document text is untrusted.
"use strict";
(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const state = { a: null, b: null, dyads: [], meta: null, selected: null };
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  async function getJSON(path, params) {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(typeof body.detail === "string" ? body.detail : (r.status + " " + r.statusText));
    return body;
  }

  function filters() {
    return { track: $("f-track").value, quad: $("f-quad").value, type: $("f-type").value,
             since: $("f-since").value.trim(), until: $("f-until").value.trim(), actor: $("f-actor").value.trim() };
  }

  // ------------------------------------------------------------------ dyad picker
  function renderDyads() {
    const q = $("dyad-search").value.trim().toUpperCase();
    const list = $("dyad-list");
    clear(list);
    for (const d of state.dyads) {
      const key = d.a + "-" + d.b;
      if (q && !key.includes(q)) continue;
      const opt = el("option", { value: key }, d.a + " – " + d.b + " (" + d.events + ")");
      if (d.a === state.a && d.b === state.b) opt.selected = true;
      list.appendChild(opt);
    }
  }

  async function loadMeta() {
    state.meta = await getJSON("/api/meta");
    const m = state.meta;
    $("store-info").textContent = m.db + ": " + m.counts.events + " events, " + m.counts.documents + " documents";
    for (const t of m.tracks) $("f-track").appendChild(el("option", { value: t }, t));
    for (const [k, v] of Object.entries(m.quad_classes)) $("f-quad").appendChild(el("option", { value: k }, k + " " + v));
    for (const t of m.event_types) $("f-type").appendChild(el("option", { value: t }, t));
    state.dyads = await getJSON("/api/dyads", { limit: 5000 });
    renderDyads();
  }

  async function chooseDyad(key) {
    const [a, b] = key.split("-");
    state.a = a; state.b = b; state.selected = null;
    $("dyad-title").textContent = a + " – " + b;
    $("event-view").hidden = true;
    await Promise.all([loadTimeline(), loadEvents(), loadNetwork()]);
  }

  // ------------------------------------------------------------------ timeline
  async function loadTimeline() {
    const box = $("timeline");
    if (!state.a) return;
    const f = filters();
    let series, phases;
    try {
      [series, phases] = await Promise.all([
        getJSON(`/api/dyads/${encodeURIComponent(state.a)}/${encodeURIComponent(state.b)}/series`,
                { by: $("f-by").value, track: f.track, since: f.since, until: f.until }),
        getJSON(`/api/dyads/${encodeURIComponent(state.a)}/${encodeURIComponent(state.b)}/phases`,
                { by: $("f-by").value, track: f.track }),
      ]);
    } catch (e) { showError(e); return; }
    const trackName = f.track || "all";
    const rows = series.rows.filter((r) => !r.undated && r.track === (series.rows.some((x) => x.track === trackName) ? trackName : series.rows[0] && series.rows[0].track));
    drawTimeline(box, rows, phases);
    const pl = $("phase-list");
    clear(pl);
    for (const p of phases) {
      const span = p.start === p.end ? p.start : p.start + "–" + p.end;
      pl.appendChild(el("span", { class: "phase-tag" }, span + ": " + p.label + " (" + p.n_events + " events)  "));
    }
  }

  function drawTimeline(box, rows, phases) {
    clear(box);
    const W = 760, H = 240, L = 44, R = 10, T = 22, B = 28;
    const svg = el("svg:svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", class: "timeline" });
    svg.appendChild(el("svg:title", {}, "Net cooperation per period"));
    if (!rows.length) { svg.appendChild(el("svg:text", { x: L, y: H / 2 }, "no dated events")); box.appendChild(svg); return; }
    const t0 = Date.parse(rows[0].period_start), t1 = Date.parse(rows[rows.length - 1].period_end) + 86400000;
    const x = (d) => L + ((Date.parse(d) - t0) / (t1 - t0)) * (W - L - R);
    const vals = rows.map((r) => r.net_cooperation || 0);
    const hi = Math.max(1, ...vals), lo = Math.min(0, ...vals);
    const y = (v) => T + ((hi - v) / (hi - lo)) * (H - T - B);
    for (const p of phases) {
      if (!p.start_date || !p.end_date) continue;
      const x0 = Math.max(L, x(p.start_date)), x1 = Math.min(W - R, x(p.end_date) + ((t1 - t0) ? 0 : 0));
      const rect = el("svg:rect", { x: x0, y: T, width: Math.max(1, x1 - x0), height: H - T - B, class: "phase phase-" + p.label });
      rect.appendChild(el("svg:title", {}, p.label + " " + p.start + "–" + p.end));
      svg.appendChild(rect);
    }
    phases.slice(1).forEach((p) => {
      if (!p.start_date) return;
      const xx = x(p.start_date);
      svg.appendChild(el("svg:line", { x1: xx, x2: xx, y1: T - 12, y2: H - B, class: "turn" }));
      svg.appendChild(el("svg:text", { x: xx + 3, y: T - 4 }, p.start + " → " + p.label));
    });
    for (const r of rows) {
      const x0 = x(r.period_start), x1 = x(r.period_end) + (W - L - R) / Math.max(1, (t1 - t0) / 86400000);
      const v = r.net_cooperation || 0;
      const bar = el("svg:rect", { x: x0 + 1, width: Math.max(1, x1 - x0 - 2), y: Math.min(y(v), y(0)),
                                   height: Math.max(v === 0 ? 0 : 1, Math.abs(y(v) - y(0))), class: "bar " + (v >= 0 ? "bar-pos" : "bar-neg") });
      bar.appendChild(el("svg:title", {}, r.period + ": " + r.events + " events, net " + v.toFixed(1)));
      svg.appendChild(bar);
    }
    svg.appendChild(el("svg:line", { x1: L, x2: W - R, y1: y(0), y2: y(0), class: "axis" }));
    svg.appendChild(el("svg:line", { x1: L, x2: L, y1: T, y2: H - B, class: "axis" }));
    svg.appendChild(el("svg:text", { x: 2, y: y(hi) + 4 }, hi.toFixed(0)));
    svg.appendChild(el("svg:text", { x: 2, y: y(lo) + 4 }, lo.toFixed(0)));
    const step = Math.max(1, Math.ceil(rows.length / 12));
    rows.forEach((r, i) => { if (i % step === 0) svg.appendChild(el("svg:text", { x: x(r.period_start) + 2, y: H - 10 }, r.period)); });
    box.appendChild(svg);
  }

  // ------------------------------------------------------------------ events
  async function loadEvents() {
    if (!state.a) return;
    const f = filters();
    let data;
    try {
      data = await getJSON(`/api/dyads/${encodeURIComponent(state.a)}/${encodeURIComponent(state.b)}/events`, f);
      $("filter-error").textContent = "";
    } catch (e) { showError(e); return; }
    const body = $("events").querySelector("tbody");
    clear(body);
    for (const e of data.events) {
      const tr = el("tr", { "data-event-id": e.event_id });
      tr.appendChild(el("td", {}, e.date || "undated"));
      tr.appendChild(el("td", {}, e.source_country + " → " + e.target_country));
      tr.appendChild(el("td", {}, e.event_type + (e.negated ? " (negated)" : "") + (e.hypothetical ? " (hypothetical)" : "")));
      tr.appendChild(el("td", {}, e.quad_class));
      tr.appendChild(el("td", {}, e.track || "unspecified"));
      const s = e.sentence || "";
      tr.appendChild(el("td", { class: "evidence" }, s.length > 140 ? s.slice(0, 139) + "…" : s));
      tr.addEventListener("click", () => showEvent(e.event_id, tr));
      body.appendChild(tr);
    }
    $("event-count").textContent = data.total + " events" + (data.total > data.events.length ? " (first " + data.events.length + " shown)" : "");
  }

  async function showEvent(id, row) {
    for (const r of document.querySelectorAll("#events tr.selected")) r.classList.remove("selected");
    if (row) row.classList.add("selected");
    let d;
    try { d = await getJSON("/api/events/" + encodeURIComponent(id)); } catch (e) { showError(e); return; }
    const ev = d.event;
    $("ev-title").textContent = (ev.date || "undated") + "  " + ev.source_country + " → " + ev.target_country + "  " + ev.event_type;
    $("ev-meta").textContent = "quad " + ev.quad_class + ", intensity " + ev.intensity + ", track " + (ev.track || "unspecified")
      + ", confidence " + ev.confidence + " — " + (d.document.title || d.document.doc_id) + (d.document.date ? " (" + d.document.date + ")" : "");
    const doc = $("ev-doc");
    clear(doc);
    doc.appendChild(document.createTextNode((d.truncated_before ? "… " : "") + d.before));
    const mark = el("mark", { class: "evidence", id: "evidence-sentence" });
    const t = d.trigger_in_sentence;
    if (t) {
      mark.appendChild(document.createTextNode(d.sentence.slice(0, t[0])));
      mark.appendChild(el("b", { class: "trigger" }, d.sentence.slice(t[0], t[1])));
      mark.appendChild(document.createTextNode(d.sentence.slice(t[1])));
    } else {
      mark.textContent = d.sentence;
    }
    doc.appendChild(mark);
    doc.appendChild(document.createTextNode(d.after + (d.truncated_after ? " …" : "")));
    if (d.document.url) {
      const p = el("p", { class: "meta" });
      const a = el("a", { href: d.document.url, rel: "noopener noreferrer", target: "_blank" }, "open the source");
      p.appendChild(a);
      doc.appendChild(p);
    }
    $("event-view").hidden = false;
    mark.scrollIntoView({ block: "center" });
  }

  // ------------------------------------------------------------------ network
  async function loadNetwork() {
    const f = filters();
    let net;
    try { net = await getJSON("/api/network", { since: f.since, until: f.until, limit: 40 }); } catch (e) { showError(e); return; }
    $("net-period").textContent = (f.since || "start") + " – " + (f.until || "end");
    const box = $("network");
    clear(box);
    const W = 520, H = 380, cx = W / 2, cy = H / 2, rad = Math.min(W, H) / 2 - 40;
    const svg = el("svg:svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", class: "network" });
    svg.appendChild(el("svg:title", {}, "Actor network"));
    const pos = {};
    net.nodes.forEach((n, i) => {
      const ang = (2 * Math.PI * i) / Math.max(1, net.nodes.length) - Math.PI / 2;
      pos[n.id] = [cx + rad * Math.cos(ang), cy + rad * Math.sin(ang)];
    });
    const maxE = Math.max(1, ...net.edges.map((e) => e.events));
    for (const e of net.edges) {
      const [x1, y1] = pos[e.a], [x2, y2] = pos[e.b];
      const line = el("svg:line", { x1, y1, x2, y2, class: (e.net || 0) >= 0 ? "edge-pos" : "edge-neg",
                                    "stroke-width": 1 + 5 * (e.events / maxE), "stroke-opacity": 0.6 });
      line.appendChild(el("svg:title", {}, e.a + " – " + e.b + ": " + e.events + " events, net " + (e.net || 0).toFixed(1)));
      svg.appendChild(line);
    }
    for (const n of net.nodes) {
      const g = el("svg:g", { class: "node" + (n.id === state.a || n.id === state.b ? " selected" : "") });
      const [x, y] = pos[n.id];
      g.appendChild(el("svg:circle", { cx: x, cy: y, r: 4 + Math.min(10, Math.sqrt(n.events)) }));
      g.appendChild(el("svg:text", { x: x + 8, y: y + 4 }, n.id));
      svg.appendChild(g);
    }
    box.appendChild(svg);
  }

  function showError(e) { $("filter-error").textContent = String(e.message || e); }

  function refresh() { if (state.a) Promise.all([loadTimeline(), loadEvents(), loadNetwork()]); }

  document.addEventListener("DOMContentLoaded", () => {
    $("dyad-search").addEventListener("input", renderDyads);
    $("dyad-list").addEventListener("change", (ev) => chooseDyad(ev.target.value));
    for (const id of ["f-track", "f-quad", "f-type", "f-by"]) $(id).addEventListener("change", refresh);
    for (const id of ["f-since", "f-until", "f-actor"]) $(id).addEventListener("change", refresh);
    loadMeta().then(() => {
      const first = state.dyads[0];
      if (first) chooseDyad(first.a + "-" + first.b);
      else loadNetwork();
    }).catch(showError);
  });
})();
