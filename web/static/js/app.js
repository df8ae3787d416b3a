// newsgraph explorer: search, expand, filter, read the evidence, find
// paths, query, share and export. See docs/explorer.md.
import { api } from './api.js';
import { $, $$, el, clear, toast, stripIRI } from './dom.js';
import { Canvas } from './canvas.js';
import { Panel } from './panel.js';
import { Autocomplete } from './search.js';
import { Timeline } from './timeline.js';
import { QueryConsole } from './console.js';
import { exporters } from './exporter.js';
import { encodeView, decodeView } from './share.js';
import { swatch, typeInfo, KNOWN_TYPES } from './types.js';

const PAGE = 20; // neighbours per expansion; the rest wait behind "+N more"

const state = {
  stats: null,
  hiddenTypes: new Set(),
  hiddenRels: new Set(), // predicates, "<stated>"
  doc: '',
  minConf: 0,
  expansions: new Map(), // node id → Map(key → {loaded, total, more})
  past: [],
  future: [],
};

const canvas = new Canvas($('#cy'), { onChange: () => onCanvasChange() });
const cy = canvas.cy;
new ResizeObserver(() => cy.resize()).observe($('#cy'));

// ---------------------------------------------------------------- history

function checkpoint() {
  state.past.push({ els: canvas.snapshot(), exp: cloneExpansions() });
  if (state.past.length > 60) state.past.shift();
  state.future = [];
  updateUndo();
}

function cloneExpansions() {
  return new Map([...state.expansions].map(([k, v]) => [k, new Map([...v].map(([k2, v2]) => [k2, { ...v2 }]))]));
}

function undo() {
  const prev = state.past.pop();
  if (!prev) return;
  state.future.push({ els: canvas.snapshot(), exp: cloneExpansions() });
  canvas.restore(prev.els);
  state.expansions = prev.exp;
  applyFilters();
  updateUndo();
  status('Undone.');
}

function redo() {
  const next = state.future.pop();
  if (!next) return;
  state.past.push({ els: canvas.snapshot(), exp: cloneExpansions() });
  canvas.restore(next.els);
  state.expansions = next.exp;
  applyFilters();
  updateUndo();
  status('Redone.');
}

function updateUndo() {
  $('#btn-undo').disabled = state.past.length === 0;
  $('#btn-redo').disabled = state.future.length === 0;
}

// ---------------------------------------------------------------- status

let lastStatus = '';
function status(msg) {
  if (msg !== undefined) lastStatus = msg;
  const n = canvas.entities().length, m = canvas.relations().length;
  $('#canvas-status').textContent = n ? `${n} node${n === 1 ? '' : 's'} · ${m} edge${m === 1 ? '' : 's'}${lastStatus ? ' — ' + lastStatus : ''}` : '';
}

function onCanvasChange() {
  $('#empty').hidden = canvas.entities().nonempty();
  status();
  buildLegend();
}

// ---------------------------------------------------------------- filters

function edgeVisible(e) {
  if (state.hiddenRels.has(e.data('predicate'))) return false;
  if (state.doc && !(e.data('docs') || []).includes(state.doc)) return false;
  if (state.minConf > 0 && !(e.data('conf') >= state.minConf)) return false;
  return true;
}

function applyFilters() {
  cy.batch(() => {
    canvas.relations().forEach((e) => { e.toggleClass('filtered', !edgeVisible(e)); });
    canvas.entities().forEach((n) => {
      let hide = state.hiddenTypes.has(n.data('type') || '');
      if (!hide) {
        const es = n.connectedEdges().not('.more-edge');
        hide = es.nonempty() && es.every((e) => e.hasClass('filtered'));
      }
      n.toggleClass('filtered', hide);
    });
    cy.nodes('.more').forEach((m) => { m.toggleClass('filtered', canvas.node(m.data('anchor')).hasClass('filtered')); });
  });
  status();
}

function knownTypes() {
  const types = new Set((state.stats?.types || []).map((t) => t.type));
  canvas.entities().forEach((n) => types.add(n.data('type') || ''));
  return [...types];
}

function knownRelations() {
  return (state.stats?.relations || []).map((r) => r.predicate);
}

// filterParams turns the filters into /api/explore/neighbours parameters.
function filterParams() {
  const p = {};
  if (state.doc) p.doc = state.doc;
  if (state.minConf > 0) p.min_confidence = state.minConf;
  if (state.hiddenTypes.size) p.type = knownTypes().filter((t) => !state.hiddenTypes.has(t)).join(',') || '-';
  if (state.hiddenRels.size) p.relation = knownRelations().filter((r) => !state.hiddenRels.has(r)).join(',') || '<->';
  return p;
}

function buildLegend() {
  const ul = $('#legend');
  const counts = new Map();
  for (const t of state.stats?.types || []) counts.set(t.type, { graph: t.count, canvas: 0 });
  canvas.entities().forEach((n) => {
    const t = n.data('type') || '';
    const c = counts.get(t) || { graph: 0, canvas: 0 };
    c.canvas++;
    counts.set(t, c);
  });
  const order = [...counts.keys()].sort((a, b) => {
    const ia = KNOWN_TYPES.indexOf(a), ib = KNOWN_TYPES.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return counts.get(b).graph - counts.get(a).graph;
  }).slice(0, 16);
  clear(ul);
  for (const t of order) {
    const c = counts.get(t);
    const hidden = state.hiddenTypes.has(t);
    ul.append(el('li', null, el('button', {
      type: 'button', 'aria-pressed': String(!hidden), dataset: { type: t },
      title: `${hidden ? 'Show' : 'Hide'} ${typeInfo(t).name.toLowerCase()} nodes (${c.canvas} on the canvas, ${c.graph} in the graph)`,
      on: { click: () => toggleType(t) },
    }, swatch(t), el('span', { class: 'name' }, typeInfo(t).name), el('span', { class: 'count' }, c.canvas ? `${c.canvas} / ${c.graph}` : String(c.graph)))));
  }
}

function toggleType(t) {
  if (state.hiddenTypes.has(t)) state.hiddenTypes.delete(t); else state.hiddenTypes.add(t);
  applyFilters();
  buildLegend();
}

function buildFilters() {
  const st = state.stats;
  const rels = $('#filter-relations');
  clear(rels);
  for (const r of st.relations) {
    const cb = el('input', { type: 'checkbox', value: r.predicate, checked: !state.hiddenRels.has(r.predicate) });
    cb.addEventListener('change', () => {
      if (cb.checked) state.hiddenRels.delete(r.predicate); else state.hiddenRels.add(r.predicate);
      applyFilters();
    });
    rels.append(el('li', null, el('label', null, cb, r.label, el('span', { class: 'count' }, String(r.count)))));
  }
  const sel = $('#filter-doc');
  while (sel.options.length > 1) sel.remove(1); // keep "All documents"
  for (const d of st.documents) {
    sel.append(el('option', { value: d.id }, d.name && d.name !== d.id ? `${d.name} (${d.id})` : `${d.id} · ${d.facts} facts`));
  }
  sel.value = state.doc;
  $('#stats').textContent = `${st.nodes.toLocaleString()} nodes · ${st.quads.toLocaleString()} quads · ${st.documents.length} articles · ${st.evidence.toLocaleString()} pieces of evidence`;
  buildLegend();
}

function syncFilterControls() {
  $$('#filter-relations input').forEach((cb) => { cb.checked = !state.hiddenRels.has(cb.value); });
  $('#filter-doc').value = state.doc;
  $('#filter-conf').value = String(state.minConf);
  $('#filter-conf-value').textContent = state.minConf.toFixed(2);
  buildLegend();
}

$('#filter-doc').addEventListener('change', (e) => {
  state.doc = e.target.value;
  applyFilters();
  timeline.load(state.doc);
});
$('#filter-conf').addEventListener('input', (e) => {
  state.minConf = Number(e.target.value);
  $('#filter-conf-value').textContent = state.minConf.toFixed(2);
  applyFilters();
});
$('#rel-all').addEventListener('click', () => { state.hiddenRels.clear(); syncFilterControls(); applyFilters(); });
$('#rel-none').addEventListener('click', () => { knownRelations().forEach((r) => state.hiddenRels.add(r)); syncFilterControls(); applyFilters(); });

// ---------------------------------------------------------------- actions

function select(ids, { center = true } = {}) {
  cy.$(':selected').unselect();
  const nodes = cy.collection(ids.map((id) => canvas.node(id)).filter((n) => n.nonempty()));
  nodes.select();
  if (center && nodes.nonempty()) {
    const ext = cy.extent();
    const bb = nodes.boundingBox();
    if (bb.x1 < ext.x1 || bb.x2 > ext.x2 || bb.y1 < ext.y1 || bb.y2 > ext.y2) canvas.animate({ center: { eles: nodes } });
  }
  return nodes;
}

// linkExisting fetches the edges between ids and what is already drawn.
async function linkExisting(ids) {
  const all = canvas.entities().map((n) => n.id());
  if (all.length < 2 || all.length > 1500) return;
  try {
    const sg = await api.subgraph(all);
    const want = new Set(ids);
    canvas.add([], sg.edges.filter((e) => want.has(e.source) || want.has(e.target)));
    applyFilters();
  } catch (err) { /* the nodes are drawn; their links can wait */ }
}

async function addNode(ref, { open = true } = {}) {
  if (!canvas.has(ref.id)) {
    checkpoint();
    canvas.add([ref], []);
    await linkExisting([ref.id]);
    status(`Added ${ref.label}.`);
  }
  if (state.hiddenTypes.has(ref.type || '')) { state.hiddenTypes.delete(ref.type || ''); buildLegend(); }
  applyFilters();
  select([ref.id]);
  if (open) panel.showNode(ref.id);
}

async function expand(id, opts = {}) {
  const relation = opts.relation || '';
  const direction = opts.direction || 'both';
  const key = `${relation || '*'}|${direction}`;
  if (!state.expansions.has(id)) state.expansions.set(id, new Map());
  const exp = state.expansions.get(id);
  const prev = exp.get(key);
  let offset = opts.offset;
  if (offset === undefined) offset = prev && prev.more > 0 ? prev.loaded : 0;
  if (relation && state.hiddenRels.has(relation)) { state.hiddenRels.delete(relation); syncFilterControls(); }
  const params = { id, direction, limit: PAGE, offset, ...filterParams() };
  if (relation) params.relation = relation;
  let res;
  try {
    res = await api.neighbours(params);
  } catch (err) {
    toast(err.message, true);
    return;
  }
  checkpoint();
  if (!canvas.has(id)) canvas.add([res.node], []);
  const added = canvas.add(res.nodes, res.edges, { anchor: id, layout: false });
  exp.set(key, { loaded: offset + res.nodes.length, total: res.total, more: res.more });
  const more = canvas.setMore(id, key, res.more, { relation, direction, offset: offset + res.nodes.length, relationLabel: relation ? stripIRI(relation) : '' });
  applyFilters();
  const fresh = more && more.nonempty() ? added.union(more) : added;
  if (fresh.nonempty()) canvas.layoutNew(fresh);
  const what = relation ? `${stripIRI(relation)} ${direction === 'in' ? '←' : direction === 'out' ? '→' : ''}` : 'neighbours';
  status(`${res.node.label}: ${offset + res.nodes.length} of ${res.total} ${what}${res.more ? `, ${res.more} more` : ''}.`);
  if (canvas.refused) toast(`The canvas holds at most ${canvas.entities().length} nodes: remove some to add more.`, true);
  else if (!added.length && !res.nodes.length) toast(res.total ? 'No more neighbours.' : 'No neighbour passes the filters.');
}

function removeNodes(ids) {
  const eles = cy.collection(ids.map((id) => canvas.node(id)));
  if (eles.empty()) return;
  checkpoint();
  canvas.remove(eles);
  for (const id of ids) state.expansions.delete(id);
  status(`Removed ${ids.length} node${ids.length === 1 ? '' : 's'}.`);
  if (panel.isOpen) panel.close();
}

function removeSelected() {
  const sel = cy.$(':selected');
  if (sel.empty()) return;
  const nodes = sel.nodes().not('.more');
  checkpoint();
  canvas.remove(sel);
  for (const n of nodes) state.expansions.delete(n.id());
  status(`Removed ${sel.length} element${sel.length === 1 ? '' : 's'}.`);
}

function clearCanvas() {
  if (canvas.entities().empty()) return;
  checkpoint();
  canvas.clear();
  state.expansions.clear();
  panel.close();
  status('');
}

function fit() {
  canvas.fit();
}

// drawIds puts nodes named by a query (or a share link) on the canvas.
async function drawIds(ids, positions) {
  const res = await api.subgraph(ids.slice(0, 2000));
  checkpoint();
  const added = canvas.add(res.nodes, res.edges, { positions });
  applyFilters();
  if (!positions) setTimeout(fit, 500);
  if (res.missing.length) toast(`${res.missing.length} node${res.missing.length === 1 ? '' : 's'} not in the graph.`);
  return added.length;
}

// ---------------------------------------------------------------- paths

const pathEnds = { from: null, to: null };

function openPaths(run) {
  const sel = cy.$('node:selected').not('.more');
  const refs = sel.map((n) => ({ id: n.id(), label: n.data('label'), type: n.data('type') }));
  if (refs[0]) pathEnds.from = refs[0];
  if (refs[1]) pathEnds.to = refs[1];
  panel.showPaths(pathEnds.from, pathEnds.to, run && refs.length >= 2);
}

function pathEnd(which, ref) {
  pathEnds[which] = { id: ref.id, label: ref.label, type: ref.type };
  panel.showPaths(pathEnds.from, pathEnds.to, !!(pathEnds.from && pathEnds.to));
}

function drawPaths(res) {
  const edges = res.paths.flatMap((p) => p.hops.flatMap((h) => h.edges));
  checkpoint();
  const added = canvas.add(res.nodes, edges); // placed beside what is drawn, not in the middle of it
  applyFilters();
  cy.elements().removeClass('path');
  for (const p of res.paths) markPath(p);
  const show = () => {
    const els = cy.elements('.path');
    if (els.nonempty()) canvas.fit(els, { padding: 70 });
  };
  setTimeout(show, added.length ? 650 : 0);
  status(`${res.paths.length} path${res.paths.length === 1 ? '' : 's'} from ${res.from.label} to ${res.to.label}.`);
}

function markPath(p) {
  for (let i = 0; i < p.nodes.length; i++) {
    canvas.node(p.nodes[i]).addClass('path');
    if (i === 0) continue;
    const a = canvas.node(p.nodes[i - 1]), b = canvas.node(p.nodes[i]);
    a.edgesWith(b).not('.more-edge').addClass('path');
  }
}

function highlightPath(p) {
  cy.elements().removeClass('path');
  markPath(p);
  const els = cy.elements('.path');
  if (els.nonempty()) canvas.fit(els, { padding: 70 });
}

// ---------------------------------------------------------------- timeline

async function timelinePick(g) {
  if (!canvas.has(g.node.id)) {
    const ids = [g.node.id];
    if (g.speaker) ids.push(g.speaker.id);
    const res = await api.subgraph(ids);
    checkpoint();
    canvas.add(res.nodes, res.edges);
    await linkExisting(ids);
    applyFilters();
  }
  if (state.hiddenTypes.has(g.node.type)) toggleType(g.node.type);
  select([g.node.id]);
  const it = g.all[0];
  if (it.sentence) panel.showArticle(it.doc, { start: it.start, end: it.end });
  else panel.showNode(g.node.id);
}

// ---------------------------------------------------------------- node menu

const menu = $('#node-menu');

function closeMenus() {
  menu.hidden = true;
  $('#export-menu').hidden = true;
  $('#btn-export').setAttribute('aria-expanded', 'false');
}

function menuItem(label, onClick, { count, cls, title } = {}) {
  return el('li', { role: 'none' }, el('button', { type: 'button', role: 'menuitem', class: cls, title,
    on: { click: () => { closeMenus(); onClick(); } } }, ...(Array.isArray(label) ? label : [label]),
  count !== undefined ? el('span', { class: 'count' }, String(count)) : null));
}

async function openMenu(node, pos) {
  const id = node.id();
  clear(menu).append(el('li', { class: 'menu-note' }, 'Loading…'));
  placeMenu(pos);
  menu.hidden = false;
  let info;
  try {
    info = await api.node(id);
  } catch (err) {
    clear(menu).append(el('li', { class: 'menu-note' }, err.message));
    return;
  }
  if (menu.hidden) return;
  const exp = state.expansions.get(id) || new Map();
  clear(menu);
  menu.append(el('li', { class: 'menu-title', title: info.label }, info.label));
  const all = exp.get('*|both');
  menu.append(menuItem('Expand all', () => expand(id), { count: info.degree }));
  if (all && all.more > 0) menu.append(menuItem(`… ${all.more} more`, () => expand(id), { cls: 'more' }));
  if (info.relations.length) menu.append(el('li', { class: 'menu-sep', role: 'separator' }));
  for (const r of info.relations) {
    const key = `${r.predicate}|${r.direction}`;
    const done = exp.get(key);
    menu.append(menuItem([el('span', { class: 'dir' }, r.direction === 'out' ? '→' : '←'), r.label],
      () => expand(id, { relation: r.predicate, direction: r.direction }),
      { count: done ? `${Math.min(done.loaded, r.count)} / ${r.count}` : r.count, title: `${r.direction === 'out' ? 'Outgoing' : 'Incoming'} ${r.label} edges` }));
    if (done && done.more > 0) menu.append(menuItem(`… ${done.more} more ${r.label}`, () => expand(id, { relation: r.predicate, direction: r.direction }), { cls: 'more' }));
  }
  menu.append(el('li', { class: 'menu-sep', role: 'separator' }));
  const ref = { id, label: info.label, type: info.type };
  menu.append(
    menuItem('Details and evidence', () => panel.showNode(id)),
    menuItem('Find paths from here…', () => pathEnd('from', ref)),
    menuItem('Find paths to here…', () => pathEnd('to', ref)),
    menuItem('Remove from canvas', () => removeNodes([id])),
  );
  placeMenu(pos);
  const first = menu.querySelector('button');
  if (first) first.focus({ preventScroll: true });
}

function placeMenu(pos) {
  const stage = $('#stage');
  const w = menu.offsetWidth || 260, h = menu.offsetHeight || 200;
  menu.style.left = `${Math.max(4, Math.min(pos.x + 8, stage.clientWidth - w - 8))}px`;
  menu.style.top = `${Math.max(4, Math.min(pos.y + 8, stage.clientHeight - h - 8))}px`;
}

menu.addEventListener('keydown', (e) => {
  const items = $$('button', menu);
  const i = items.indexOf(document.activeElement);
  if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length]?.focus(); }
  if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length]?.focus(); }
});

// ---------------------------------------------------------------- canvas events

cy.on('tap', 'node', (e) => {
  const n = e.target;
  closeMenus();
  if (n.hasClass('more')) {
    const q = n.data('query');
    expand(n.data('anchor'), { relation: q.relation, direction: q.direction, offset: q.offset });
    return;
  }
  panel.showNode(n.id());
});
cy.on('dbltap', 'node', (e) => {
  const n = e.target;
  if (n.hasClass('more')) return; // its tap already loads the next page
  expand(n.id());
});
cy.on('tap', 'edge', (e) => {
  const edge = e.target;
  closeMenus();
  if (edge.hasClass('more-edge')) return;
  panel.showEdge({ subject: edge.data('source'), predicate: edge.data('predicate'), object: edge.data('target') });
});
cy.on('cxttap', 'node', (e) => {
  if (e.target.hasClass('more')) return;
  if (!e.target.selected()) select([e.target.id()], { center: false });
  openMenu(e.target, e.renderedPosition);
});
cy.on('tap', (e) => { if (e.target === cy) closeMenus(); });
cy.on('cxttap', (e) => { if (e.target === cy) closeMenus(); });
cy.on('select unselect', () => {
  timeline.mark(new Set(cy.$('node:selected').map((n) => n.id())));
});

// ---------------------------------------------------------------- share

function currentView() {
  const pan = cy.pan();
  return {
    v: 1,
    n: canvas.entities().map((n) => [n.id(), Math.round(n.position('x')), Math.round(n.position('y'))]),
    f: { t: [...state.hiddenTypes], r: [...state.hiddenRels], d: state.doc, c: state.minConf },
    z: Math.round(cy.zoom() * 1000) / 1000,
    p: [Math.round(pan.x), Math.round(pan.y)],
  };
}

function share() {
  const url = `${location.origin}${location.pathname}#${encodeView(currentView())}`;
  history.replaceState(null, '', url);
  const input = $('#share-url');
  input.value = url;
  $('#share-note').textContent = `${canvas.entities().length} nodes, ${url.length.toLocaleString()} characters.`;
  $('#share').showModal();
  input.select();
}

$('#share-copy').addEventListener('click', async () => {
  const input = $('#share-url');
  try {
    await navigator.clipboard.writeText(input.value);
    $('#share-note').textContent = 'Copied.';
  } catch {
    input.select();
    $('#share-note').textContent = 'Press Ctrl+C to copy.';
  }
});

async function restoreView(view) {
  state.hiddenTypes = new Set(view.f?.t || []);
  state.hiddenRels = new Set(view.f?.r || []);
  state.doc = view.f?.d || '';
  state.minConf = Number(view.f?.c) || 0;
  syncFilterControls();
  const positions = new Map(view.n.map(([id, x, y]) => [id, [x, y]]));
  canvas.clear();
  state.expansions.clear();
  if (positions.size) await drawIds([...positions.keys()], positions);
  state.past = [];
  state.future = [];
  updateUndo();
  if (view.z) {
    cy.zoom(view.z);
    if (view.p) cy.pan({ x: view.p[0], y: view.p[1] });
  } else fit();
  timeline.load(state.doc);
  status('View restored from the link.');
}

window.addEventListener('hashchange', () => {
  const view = decodeView(location.hash);
  if (view) restoreView(view);
});

// ---------------------------------------------------------------- toolbar

$('#btn-paths').addEventListener('click', () => openPaths(true));
$('#btn-console').addEventListener('click', () => qconsole.toggle());
$('#btn-undo').addEventListener('click', undo);
$('#btn-redo').addEventListener('click', redo);
$('#btn-fit').addEventListener('click', fit);
$('#btn-clear').addEventListener('click', clearCanvas);
$('#btn-share').addEventListener('click', share);
$('#btn-help').addEventListener('click', () => $('#help').showModal());
$('#btn-export').addEventListener('click', (e) => {
  e.stopPropagation();
  const m = $('#export-menu');
  m.hidden = !m.hidden;
  $('#btn-export').setAttribute('aria-expanded', String(!m.hidden));
});
$$('#export-menu [data-export]').forEach((b) => b.addEventListener('click', () => {
  closeMenus();
  if (canvas.entities().empty()) { toast('The canvas is empty: nothing to export.'); return; }
  exporters[b.dataset.export](canvas, { filters: currentView().f });
}));
document.addEventListener('click', (e) => {
  if (!e.target.closest('.dropdown') && !e.target.closest('#node-menu')) closeMenus();
});
$$('.try-search').forEach((b) => b.addEventListener('click', () => {
  const s = $('#search');
  s.value = b.textContent;
  s.dispatchEvent(new Event('input'));
  s.focus();
}));

// ---------------------------------------------------------------- keyboard

document.addEventListener('keydown', (e) => {
  const typing = e.target.matches && e.target.matches('input, textarea, select, [contenteditable]');
  if (e.key === 'Escape') {
    if (!menu.hidden || !$('#export-menu').hidden) { closeMenus(); return; }
    if (!typing && panel.isOpen) panel.close();
    return;
  }
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && (e.key === 'z' || e.key === 'Z')) {
    if (typing) return;
    e.preventDefault();
    if (e.shiftKey) redo(); else undo();
    return;
  }
  if (mod && !e.altKey && (e.key === 'y' || e.key === 'Y')) {
    if (typing) return;
    e.preventDefault();
    redo();
    return;
  }
  if (typing || mod || e.altKey || document.querySelector('dialog[open]')) return;
  switch (e.key) {
    case '/': e.preventDefault(); $('#search').focus(); break;
    case '?': e.preventDefault(); $('#help').showModal(); break;
    case 'f': fit(); break;
    case 'Delete': case 'Backspace': e.preventDefault(); removeSelected(); break;
    case 'e': cy.$('node:selected').not('.more').forEach((n) => { expand(n.id()); }); break;
    case 'p': openPaths(true); break;
    case 'c': e.preventDefault(); qconsole.toggle(); break;
  }
});

// ---------------------------------------------------------------- wiring

const app = {
  canvas, cy, state,
  resized: () => requestAnimationFrame(() => cy.resize()),
  focusNode: (ref) => {
    if (canvas.has(ref.id)) select([ref.id]);
    panel.showNode(ref.id);
  },
  addNode, expand, removeNodes, pathEnd, drawPaths, highlightPath, drawIds, timelinePick,
};
const panel = new Panel(app);
const timeline = new Timeline(app, $('#timeline-axis'), $('#timeline-undated'));
const qconsole = new QueryConsole(app);
new Autocomplete($('#search'), $('#search-results'), { onPick: (h) => addNode(h) });
window.explorer = app; // for the console of the browser, and the end-to-end tests

// ---- live updates: the graph grows while the page is open (articles
// ingested, facts curated). The page asks every NEWS_MS whether it changed
// and says so in a notice; "Show" brings the filters, the timeline and the
// edges between the nodes on the canvas up to date without a reload.
const NEWS_MS = 10000;
let newsTimer = null;

async function checkNews() {
  clearTimeout(newsTimer);
  try {
    const st = await api.stats();
    const old = state.stats;
    if (old && (st.quads !== old.quads || st.evidence !== old.evidence || st.documents.length !== old.documents.length)) showNews(st, old);
  } catch (err) { /* the server may be restarting: ask again later */ }
  newsTimer = setTimeout(checkNews, NEWS_MS);
}

function showNews(st, old) {
  const facts = st.evidence - old.evidence;
  const known = new Set(old.documents.map((d) => d.id));
  const docs = st.documents.filter((d) => !known.has(d.id));
  const what = facts > 0 ? `${facts.toLocaleString()} new fact${facts === 1 ? '' : 's'}`
    : facts < 0 ? `${(-facts).toLocaleString()} fact${facts === -1 ? '' : 's'} fewer` : 'The graph changed';
  const from = docs.length ? ` from ${docs.length} new article${docs.length === 1 ? '' : 's'} (${docs.slice(0, 3).map((d) => d.name || d.id).join(', ')}${docs.length > 3 ? '…' : ''})` : '';
  const bar = $('#news');
  clear(bar).append(el('span', null, what + from), ' ',
    el('button', { type: 'button', class: 'primary', on: { click: () => applyNews(st) } }, 'Show'),
    el('button', { type: 'button', 'aria-label': 'Dismiss', on: { click: () => { bar.hidden = true; } } }, '×'));
  bar.hidden = false;
}

async function applyNews(st) {
  $('#news').hidden = true;
  state.stats = st;
  buildFilters();
  applyFilters();
  await Promise.all([linkExisting(canvas.entities().map((n) => n.id())), timeline.load(state.doc)]);
  if (panel.isOpen && panel.current) panel.show(panel.current, false);
}
app.checkNews = checkNews;

async function init() {
  updateUndo();
  onCanvasChange();
  try {
    state.stats = await api.stats();
    buildFilters();
  } catch (err) {
    toast(`Could not load the graph's statistics: ${err.message}`, true);
  }
  const view = decodeView(location.hash);
  if (view) await restoreView(view);
  else await timeline.load('');
  document.body.dataset.ready = 'true';
  newsTimer = setTimeout(checkNews, NEWS_MS);
}
init();
