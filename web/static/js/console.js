// The query console: Gizmo (default), GraphQL or MQL, posted to Cayley's
// /api/v1/query/LANG. Node results are drawn on the canvas; the rest is
// shown as a table.
import { api } from './api.js';
import { $, el, clear } from './dom.js';

const EXAMPLES = {
  gizmo: 'g.V("<person/james-clapper>").Out("<stated>").All()',
  graphql: '{\n  nodes(id: "<person/james-clapper>") {\n    id\n    stated { id }\n  }\n}',
  mql: '[{"id": "<person/james-clapper>", "<stated>": []}]',
};

const NODE = /^(<[^<>\s"]+>|_:\S+)$/;

// nodeIds collects every value that names a node, in order, once. Gizmo
// and MQL write IRIs in brackets; GraphQL writes a node's "id" bare.
export function nodeIds(value, bareIds = false) {
  const out = [];
  const seen = new Set();
  const add = (id) => { if (!seen.has(id) && !id.startsWith('<ev/')) { seen.add(id); out.push(id); } };
  const walk = (v, key) => {
    if (typeof v === 'string') {
      if (NODE.test(v)) add(v);
      else if (bareIds && key === 'id' && /^[^\s"<>]+$/.test(v)) add(`<${v}>`);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => walk(x, k));
  };
  walk(value, '');
  return out;
}

// rowsOf picks the rows to tabulate: Gizmo and MQL give a list; GraphQL
// gives {field: list or object}.
function rowsOf(lang, value) {
  if (lang !== 'graphql') return value || [];
  const first = value && typeof value === 'object' ? Object.values(value)[0] : null;
  if (Array.isArray(first)) return first;
  return first && typeof first === 'object' ? [first] : [];
}

function cell(v) {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export class QueryConsole {
  constructor(app) {
    this.app = app;
    this.root = $('#console');
    this.text = $('#console-query');
    this.lang = $('#console-lang');
    this.limit = $('#console-limit');
    this.results = $('#console-results');
    this.status = $('#console-status');
    this.text.value = EXAMPLES.gizmo;
    this.lang.addEventListener('change', () => {
      if (Object.values(EXAMPLES).includes(this.text.value.trim()) || !this.text.value.trim()) this.text.value = EXAMPLES[this.lang.value];
    });
    $('#console-run').addEventListener('click', () => this.run());
    $('#console-close').addEventListener('click', () => this.close());
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); this.run(); }
      if (e.key === 'Escape') { e.preventDefault(); this.close(); }
    });
  }

  get isOpen() { return !this.root.hidden; }

  open() { this.root.hidden = false; this.text.focus(); }

  close() { this.root.hidden = true; }

  toggle() { if (this.isOpen) this.close(); else this.open(); }

  async run() {
    const lang = this.lang.value;
    const q = this.text.value;
    this.status.textContent = 'Running…';
    clear(this.results);
    const t0 = performance.now();
    let res;
    try {
      res = await api.query(lang, q, Number(this.limit.value) || 200);
    } catch (err) {
      this.status.textContent = `Failed (${err.status || 'network'})`;
      this.results.append(el('pre', { class: 'error' }, err.message));
      return;
    }
    const ms = Math.round(performance.now() - t0);
    const value = lang === 'graphql' ? res.data : res.result;
    const rows = rowsOf(lang, value);
    const ids = nodeIds(value, lang === 'graphql');
    let drawn = '';
    if (ids.length) {
      const n = await this.app.drawIds(ids);
      drawn = ` · ${n} node${n === 1 ? '' : 's'} drawn on the canvas`;
    }
    this.status.textContent = `${rows.length} result${rows.length === 1 ? '' : 's'} in ${ms} ms${drawn}`;
    this.table(rows, value);
  }

  table(rows, raw) {
    if (!rows.length) {
      this.results.append(rows === raw || raw == null ? el('p', { class: 'muted' }, 'No results.') : el('pre', null, JSON.stringify(raw, null, 2)));
      return;
    }
    const objs = rows.every((r) => r && typeof r === 'object' && !Array.isArray(r));
    const cols = objs ? [...new Set(rows.flatMap((r) => Object.keys(r)))] : ['value'];
    const shown = rows.slice(0, 500);
    const table = el('table', null,
      el('thead', null, el('tr', null, cols.map((c) => el('th', { scope: 'col' }, c)))),
      el('tbody', null, shown.map((r) => el('tr', null, cols.map((c) => el('td', null, cell(objs ? r[c] : r)))))));
    this.results.append(table);
    if (rows.length > shown.length) this.results.append(el('p', { class: 'muted' }, `… ${rows.length - shown.length} more rows not shown.`));
  }
}
