// guanxi explorer: a small single-page app over the server's /api and /sparql. Plain DOM, no
// libraries, nothing loaded from the network. Routes live in the URL hash (#/entity?key=…).
"use strict";

const main = document.getElementById("main");
const CLASSES = ["Place", "Organization", "Person", "Program"];
const CLASS_ZH = { Place: "地点 Place", Organization: "机构 Organization", Person: "人物 Person", Program: "项目 Program" };
const TYPES = ["holds_post", "part_of", "located_in", "funds", "manages", "implements", "partners_with", "member_of", "issued", "dispatched_to"];
let info = null;

// el("a", {href: "#"}, "text", child…): DOM nodes from text only (never HTML strings)
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}
const q = encodeURIComponent;
const entityHref = (key) => "#/entity?key=" + q(key);
const docHref = (name, start, end) => "#/doc?name=" + q(name) + (start !== undefined ? "&hl=" + start + "-" + end : "");
function badge(e) { return el("span", { class: "badge c-" + e.class }, e.label || e.class); }
function entityLink(e) { return el("a", { href: entityHref(e.key), "data-key": e.key }, e.name || e.key); }

async function api(path) {
  const r = await fetch(path, { headers: { Accept: "application/json" } });
  const text = await r.text();
  let body;
  try { body = JSON.parse(text); } catch { body = { error: text }; }
  if (!r.ok) { const err = new Error(body.error || text); err.body = body; err.status = r.status; throw err; }
  return body;
}
function showError(err) {
  const box = el("div", { class: "card" }, el("p", { class: "error" }, err.message));
  const c = err.body && err.body.candidates;
  if (c && c.length) box.append(el("p", {}, "Did you mean: "), el("ul", {}, c.map((x) => el("li", {}, entityLink(x), " ", el("span", { class: "muted" }, x.match)))));
  main.replaceChildren(box);
}

// Highlights every occurrence of the terms in a text (longest terms first).
function highlight(text, terms) {
  terms = [...new Set(terms.filter((t) => t && t.length > 0))].sort((a, b) => b.length - a.length);
  const out = [];
  let i = 0;
  while (i < text.length) {
    let best = -1, term = null;
    for (const t of terms) {
      const j = text.indexOf(t, i);
      if (j >= 0 && (best < 0 || j < best || (j === best && t.length > term.length))) { best = j; term = t; }
    }
    if (best < 0) { out.push(text.slice(i)); break; }
    if (best > i) out.push(text.slice(i, best));
    out.push(el("mark", {}, term));
    i = best + term.length;
  }
  return out;
}

function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?");
  const params = new URLSearchParams(query || "");
  window.scrollTo(0, 0);
  const views = { "/": home, "/search": search, "/entity": entity, "/doc": doc, "/trace": trace, "/sparql": sparql, "/documents": documents };
  (views[path] || home)(params).catch(showError);
}
window.addEventListener("hashchange", route);
document.getElementById("search-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const v = document.getElementById("search-box").value.trim();
  if (v) location.hash = "#/search?q=" + q(v);
});

async function loadInfo() { if (!info) info = await api("/api/info"); return info; }

async function home() {
  const i = await loadInfo();
  const s = i.summary;
  main.replaceChildren(
    el("h1", {}, "关系 guanxi explorer"),
    el("p", {}, `${s.documents} document(s), ${s.quads} quads. Search an entity above, find a path between two, or query the store in SPARQL.`),
    el("div", { class: "split" },
      el("div", { class: "card" }, el("h3", {}, "Entities"), el("table", {}, s.classes.map(([c, n]) => el("tr", {}, el("td", {}, el("span", { class: "badge c-" + c }, CLASS_ZH[c] || c)), el("td", {}, n))))),
      el("div", { class: "card" }, el("h3", {}, "Relations"), el("table", {}, s.relations.map(([c, n]) => el("tr", {}, el("td", {}, c), el("td", {}, n)))))));
}

async function search(params) {
  const text = params.get("q") || "";
  document.getElementById("search-box").value = text;
  const r = await api("/api/search?q=" + q(text));
  const byClass = {};
  for (const e of r.results) (byClass[e.class] = byClass[e.class] || []).push(e);
  const parts = [el("h1", {}, `“${text}”: ${r.total} entit${r.total === 1 ? "y" : "ies"}`)];
  if (r.total > r.results.length) parts.push(el("p", { class: "muted" }, `showing the best ${r.results.length}`));
  if (!r.results.length) parts.push(el("p", {}, "Nothing matches. Names, aliases and keys are searched by prefix and substring."));
  for (const c of CLASSES) {
    if (!byClass[c]) continue;
    parts.push(el("h2", {}, CLASS_ZH[c] + ` (${byClass[c].length})`), el("ul", { class: "results plain" }, byClass[c].map((e) =>
      el("li", { class: "result" }, entityLink(e), badge(e), e.alias ? el("span", { class: "muted" }, ` as ${e.matched}`) : null))));
  }
  main.replaceChildren(...parts);
}

function evidenceBlock(ev, names) {
  return el("div", { class: "evidence" },
    el("div", {}, "“", highlight(ev.text, names), "”"),
    el("div", { class: "where" }, el("a", { href: docHref(ev.doc, ev.start, ev.end), class: "doclink" }, ev.doc), `, chars ${ev.start}–${ev.end}`, ev.rule ? ` · rule ${ev.rule}` : ""));
}

async function entity(params) {
  const key = params.get("key");
  const card = await api("/api/entity?key=" + q(key));
  const e = card.entity;
  const facts = el("dl", { class: "facts" },
    el("dt", {}, "key"), el("dd", {}, e.key),
    el("dt", {}, "class"), el("dd", {}, badge(e)),
    e.code ? [el("dt", {}, "code"), el("dd", {}, e.code + " (statistical division code)")] : null,
    e.within && e.within.length ? [el("dt", {}, "within"), el("dd", {}, e.within.map((p, i) => [i ? " ⊂ " : "", entityLink(p)]))] : null,
    el("dt", {}, "aliases"), el("dd", {}, e.aliases.length ? e.aliases.join("、") : "—"),
    el("dt", {}, "mentions"), el("dd", {}, `${e.mentions} in ${e.documents} document(s)${e.documents > card.documents.length ? ` (the ${card.documents.length} naming it most listed)` : ""}`));
  const rels = el("div", {});
  const groups = {};
  for (const r of card.relations) (groups[r.type + "|" + r.direction] = groups[r.type + "|" + r.direction] || []).push(r);
  for (const g of card.groups) {
    const list = groups[g.type + "|" + g.direction] || [];
    const head = g.phrase === g.type ? `${g.type} (${g.total})` : `${g.phrase} · ${g.type} (${g.total})`;
    rels.append(el("h3", { class: "group" }, head));
    for (const r of list) {
      const other = r.direction === "in" ? r.head : r.tail;
      const names = [r.head.name, r.tail.name, ...(e.aliases || [])];
      const arrow = r.direction === "in" ? ` ←[${r.type}${r.titles.length ? ": " + r.titles.join("、") : ""}]— ` : ` —[${r.type}${r.titles.length ? ": " + r.titles.join("、") : ""}]→ `;
      rels.append(el("div", { class: "relation", "data-type": r.type },
        el("div", { class: "reading" }, e.name, arrow, entityLink(other), badge(other)),
        r.evidence.map((ev) => evidenceBlock(ev, names)),
        r.count > r.evidence.length ? el("div", { class: "where evidence-more" }, `${r.count} supporting sentence(s) in all`) : null));
    }
    if (g.total > list.length) rels.append(el("p", { class: "muted" }, `+${g.total - list.length} more (guanxi show --format json lists all)`));
  }
  if (!card.groups.length) rels.append(el("p", { class: "muted" }, "No typed relation; see co-mentions."));
  const docs = el("table", {}, el("tr", {}, el("th", {}, "document"), el("th", {}, "mentions"), el("th", {}, "as")),
    card.documents.map((d) => el("tr", {}, el("td", {}, el("a", { href: docHref(d.doc) }, d.doc)), el("td", {}, d.mentions), el("td", {}, d.forms.join("、")))));
  const co = el("div", {}, el("button", { id: "co-button", onclick: () => loadCoMentions(key, co) }, "Show co-mentioned entities"));
  const picture = neighbourhoodPanel(key);
  main.replaceChildren(el("h1", {}, e.name, badge(e)), facts,
    el("h2", {}, `Relations (${card.groups.reduce((a, g) => a + g.total, 0)})`), rels,
    el("h2", {}, "Neighbourhood"), picture,
    el("h2", {}, "Documents"), docs,
    el("h2", {}, "Co-mentions"), co,
    el("p", {}, el("a", { href: "#/trace?from=" + q(key) }, "Find a path from " + e.name + " to …")));
}

async function loadCoMentions(key, box) {
  const r = await api("/api/comentions?key=" + q(key));
  box.replaceChildren(r.co_mentions.length
    ? el("table", { id: "co-mentions" }, el("tr", {}, el("th", {}, "entity"), el("th", {}, "class"), el("th", {}, "sentences")),
      r.co_mentions.map((c) => el("tr", {}, el("td", {}, entityLink(c)), el("td", {}, badge(c)), el("td", {}, c.sentences))))
    : el("p", { class: "muted" }, "No sentence names another entity with it."));
}

// The neighbourhood SVG (the picture of `guanxi export --format svg`), with depth and relation
// type filters; a click on a node opens it, or adds it to the picture in "expand" mode.
function neighbourhoodPanel(key) {
  const state = { keys: [key], depth: 1, types: new Set() };
  const box = el("div", { id: "picture" }, el("p", { class: "muted" }, "drawing…"));
  const status = el("span", { class: "muted" });
  const depth = el("select", { id: "depth", onchange: () => { state.depth = +depth.value; draw(); } },
    [1, 2, 3].map((d) => el("option", { value: d }, `${d} hop${d > 1 ? "s" : ""}`)));
  const mode = el("select", { id: "click-mode" }, el("option", { value: "open" }, "click a node: open it"), el("option", { value: "expand" }, "click a node: expand it here"));
  const checks = TYPES.map((t) => el("label", {}, el("input", { type: "checkbox", value: t, onchange: (ev) => {
    if (ev.target.checked) state.types.add(t); else state.types.delete(t); draw(); } }), " ", t));
  async function draw() {
    status.textContent = "drawing…";
    const url = `/api/neighbourhood.svg?keys=${state.keys.map(q).join(",")}&depth=${state.depth}&types=${[...state.types].join(",")}`;
    const r = await fetch(url);
    const text = await r.text();
    if (!r.ok) { box.replaceChildren(el("p", { class: "error" }, text)); status.textContent = ""; return; }
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    const svg = doc.documentElement;
    svg.querySelectorAll("script").forEach((s) => s.remove());
    box.replaceChildren(document.importNode(svg, true));
    status.textContent = state.keys.length > 1 ? `${state.keys.length} entities expanded` : "";
  }
  box.addEventListener("click", (ev) => {
    const node = ev.target.closest("[data-key]");
    if (!node) return;
    const k = node.getAttribute("data-key");
    if (mode.value === "expand") { if (!state.keys.includes(k)) { state.keys.push(k); draw(); } }
    else location.hash = entityHref(k);
  });
  setTimeout(draw, 0);
  return el("div", {}, el("div", { class: "controls" }, depth, mode, status), el("div", { class: "controls" }, "only:", checks), box);
}

async function doc(params) {
  const name = params.get("name");
  const d = await api("/api/document?name=" + q(name));
  const hl = (params.get("hl") || "").split("-").map(Number);
  const text = el("div", { class: "doctext", id: "doctext" });
  if (d.text === null) text.append(el("p", { class: "muted" }, `The text is not stored (a file of ${d.chars} characters); mentions and relations are listed below.`));
  else renderText(text, d, hl.length === 2 && !isNaN(hl[0]) ? hl : null);
  const rels = el("table", {}, el("tr", {}, el("th", {}, "relation"), el("th", {}, "evidence"), el("th", {}, "chars")),
    d.relations.map((r) => {
      const h = d.entities[r.head], t = d.entities[r.tail];
      return el("tr", { class: "doc-relation" },
        el("td", {}, entityLink(h), ` —[${r.kind}${r.title ? ": " + r.title : ""}]→ `, entityLink(t)),
        el("td", {}, highlight(r.evidence, [h.name, t.name])),
        el("td", {}, el("a", { href: docHref(name, r.start, r.end) }, `${r.start}–${r.end}`)));
    }));
  main.replaceChildren(el("h1", {}, d.name), el("p", { class: "muted" }, `${d.path} · ${d.chars} characters · ${d.mentions.length} mentions of ${d.entities.length} entities · ${d.relations.length} relation statements`),
    el("p", { class: "legend" }, CLASSES.map((c) => el("span", { class: "c-" + c }, CLASS_ZH[c]))),
    text, el("h2", {}, `Relations stated (${d.relations.length})`), rels);
  const mark = document.querySelector(".doctext .hl");
  if (mark) mark.scrollIntoView({ block: "center" });
}

// The original text with every mention coloured by class and the sentence [hl0, hl1) outlined;
// offsets are characters (code points), as the store records them.
function renderText(box, d, hl) {
  const chars = Array.from(d.text);
  const ms = d.mentions.map(([e, s, en]) => ({ e, s, en })).sort((a, b) => a.s - b.s || b.en - a.en);
  const kept = [];
  let end = -1;
  for (const m of ms) if (m.s >= end) { kept.push(m); end = m.en; }
  const cuts = new Set([0, chars.length]);
  for (const m of kept) { cuts.add(m.s); cuts.add(m.en); }
  if (hl) { cuts.add(hl[0]); cuts.add(hl[1]); }
  const points = [...cuts].filter((x) => x >= 0 && x <= chars.length).sort((a, b) => a - b);
  let mi = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const [a, b] = [points[k], points[k + 1]];
    const piece = chars.slice(a, b).join("");
    while (mi < kept.length && kept[mi].en <= a) mi++;
    const m = mi < kept.length && kept[mi].s <= a && kept[mi].en >= b ? kept[mi] : null;
    const inHl = hl && a >= hl[0] && b <= hl[1];
    if (!m && !inHl) { box.append(piece); continue; }
    const ent = m ? d.entities[m.e] : null;
    const span = el("span", { class: [m ? "m c-" + ent.class : "", inHl ? "hl" : ""].join(" ").trim(), title: ent ? `${ent.name} · ${ent.label || ent.class}` : null, "data-key": ent ? ent.key : null }, piece);
    if (ent) span.addEventListener("click", () => { location.hash = entityHref(ent.key); });
    box.append(span);
  }
}

async function documents() {
  const i = await loadInfo();
  main.replaceChildren(el("h1", {}, `Documents (${i.documents.length})`),
    el("table", {}, el("tr", {}, el("th", {}, "document"), el("th", {}, "characters")),
      i.documents.map((d) => el("tr", {}, el("td", {}, el("a", { href: docHref(d.name) }, d.name)), el("td", {}, d.chars)))));
}

async function trace(params) {
  const from = el("input", { type: "text", id: "from", value: params.get("from") || "", placeholder: "from: name, alias or key" });
  const to = el("input", { type: "text", id: "to", value: params.get("to") || "", placeholder: "to: name, alias or key" });
  const k = el("input", { type: "number", id: "k", value: params.get("k") || 3, min: 1, max: 10 });
  const hops = el("input", { type: "number", id: "max-hops", value: params.get("max_hops") || 6, min: 1, max: 10 });
  const out = el("div", { id: "paths" });
  const form = el("form", { class: "controls", onsubmit: (ev) => {
    ev.preventDefault();
    location.hash = `#/trace?from=${q(from.value)}&to=${q(to.value)}&k=${k.value}&max_hops=${hops.value}`;
  } }, from, "→", to, el("label", {}, "paths ", k), el("label", {}, "max hops ", hops), el("button", { class: "primary", type: "submit" }, "Find paths"));
  main.replaceChildren(el("h1", {}, "Path finder"), el("p", { class: "muted" }, "The shortest paths over typed relations, as guanxi trace prints them, each hop with its sentence."), form, out);
  if (!params.get("from") || !params.get("to")) return;
  let r;
  try { r = await api(`/api/trace?from=${q(from.value)}&to=${q(to.value)}&k=${k.value}&max_hops=${hops.value}`); }
  catch (err) { out.replaceChildren(el("p", { class: "error" }, err.message)); return; }
  if (!r.paths.length) { out.replaceChildren(el("p", {}, `No path from ${r.from.name} to ${r.to.name}: ${r.hint}`)); return; }
  out.replaceChildren(...r.paths.map((p, n) => el("div", { class: "card path" },
    el("h3", {}, `path ${n + 1} · ${p.hops} hop(s) · `, p.nodes.map((x, i) => [i ? " → " : "", entityLink(x)])),
    p.steps.map((s) => s.relations.map((rel) => el("div", { class: "hop" },
      el("div", { class: "reading" }, rel.reading),
      rel.evidence.slice(0, 1).map((ev) => evidenceBlock(ev, [rel.head.name, rel.tail.name]))))))));
}

async function sparql(params) {
  const i = await loadInfo();
  const box = el("textarea", { id: "query", spellcheck: "false" });
  box.value = params.get("query") || (i.examples[0] ? i.examples[0].query : "SELECT * WHERE { ?s ?p ?o } LIMIT 10");
  const pick = el("select", { id: "examples", onchange: () => { if (pick.value !== "") box.value = i.examples[+pick.value].query; } },
    el("option", { value: "" }, "README examples…"), i.examples.map((e, n) => el("option", { value: n }, e.title)));
  const out = el("div", { id: "results" });
  const run = el("button", { class: "primary", id: "run", onclick: () => runQuery(box.value, out) }, "Run");
  const dl = (fmt, accept) => el("button", { onclick: () => download(box.value, fmt, accept) }, "Download " + fmt.toUpperCase());
  main.replaceChildren(el("h1", {}, "SPARQL"),
    el("p", { class: "muted" }, `The endpoint is /sparql (SPARQL 1.1 Protocol). Prefixes gx:, rdf:, rdfs:, skos:, org:, prov:, schema:, xsd: are predeclared. Answers stop at ${i.max_rows} rows unless max-rows=N asks for more; queries stop after ${i.timeout} s.`),
    el("div", { class: "controls" }, pick, run, dl("csv", "text/csv"), dl("json", "application/sparql-results+json")), box, out);
}

async function runQuery(text, out) {
  out.replaceChildren(el("p", { class: "muted" }, "running…"));
  const started = performance.now();
  const r = await fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json, text/turtle;q=0.9" }, body: text });
  const body = await r.text();
  const ms = Math.round(performance.now() - started);
  if (!r.ok) { out.replaceChildren(el("p", { class: "error" }, `${r.status}: ${body}`)); return; }
  const truncated = r.headers.get("X-Guanxi-Truncated") === "true";
  const note = truncated ? el("p", { class: "truncated" }, `Only the first ${r.headers.get("X-Guanxi-Rows")} rows: add LIMIT, or ask for more with max-rows=N.`) : null;
  if (!(r.headers.get("Content-Type") || "").includes("json")) { out.replaceChildren(note || "", el("pre", {}, body)); return; }
  const j = JSON.parse(body);
  if (j.boolean !== undefined) { out.replaceChildren(el("p", {}, `ASK → ${j.boolean}`)); return; }
  const vars = j.head.vars;
  const cell = (b) => {
    if (!b) return "";
    if (b.type === "uri") {
      const m = b.value.match(/^https:\/\/guanxi\.dev\/doc\/(.+)$/);
      return m ? el("a", { href: docHref(decodeURIComponent(m[1])) }, b.value) : b.value;
    }
    return b.value;
  };
  out.replaceChildren(el("p", { class: "muted", id: "row-count" }, `${j.results.bindings.length} row(s) in ${ms} ms`), note || "",
    el("table", { id: "result-table" }, el("tr", {}, vars.map((v) => el("th", {}, v))), j.results.bindings.map((b) => el("tr", {}, vars.map((v) => el("td", {}, cell(b[v])))))));
}

async function download(text, fmt, accept) {
  const r = await fetch("/sparql", { method: "POST", headers: { "Content-Type": "application/sparql-query", Accept: accept }, body: text });
  const blob = await r.blob();
  const a = el("a", { href: URL.createObjectURL(blob), download: "guanxi-results." + fmt });
  document.body.append(a);
  a.click();
  a.remove();
}

route();
