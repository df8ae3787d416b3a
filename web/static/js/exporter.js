// Exports of the canvas: PNG, JSON, CSV (nodes and edges) and GraphML, made
// here from what is drawn; and the server's exports (POST /api/export) of the
// canvas's nodes or of the whole graph as GraphML, N-Quads, JSON-LD or CSV,
// with every fact's evidence (docs/export.md). "+N more" placeholders are
// left out.
import { $$, busy, download, toast } from './dom.js';

function nodesOf(canvas) {
  return canvas.entities().map((n) => ({
    id: n.id(), label: n.data('label'), type: n.data('type'),
    x: Math.round(n.position('x') * 10) / 10, y: Math.round(n.position('y') * 10) / 10,
  }));
}

function edgesOf(canvas) {
  return canvas.relations().map((e) => ({
    id: e.id(), source: e.data('source'), target: e.data('target'), predicate: e.data('predicate'), label: e.data('label'),
    confidence: e.data('conf') >= 0 ? e.data('conf') : null, docs: e.data('docs') || [], methods: e.data('methods') || [],
    evidence: e.data('evidence') || 0,
  }));
}

// csvField quotes a field, and defuses text a spreadsheet would run as a
// formula (=, +, -, @ at the start).
function csvField(v, text = true) {
  let s = v === null || v === undefined ? '' : String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header, rows) {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n';
}

function xml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[c]))
    // characters XML 1.0 cannot hold
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

// serverFormats are /api/export's formats and their files' extensions.
const serverFormats = { graphml: '.graphml', nquads: '.nq', jsonld: '.jsonld', csv: '.csv.zip' };

// serverExport asks /api/export for a file and downloads it; an error is a toast.
async function serverExport(format, selection, name) {
  busy(+1);
  try {
    const res = await fetch('/api/export', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ format, ...selection }),
    });
    if (!res.ok) {
      let msg = `${res.status} ${res.statusText}`;
      try { msg = (await res.json()).error || msg; } catch { /* not JSON */ }
      throw new Error(msg);
    }
    download(await res.blob(), name + serverFormats[format]);
  } catch (err) {
    toast(`Export failed: ${err.message}`, true);
  } finally {
    busy(-1);
  }
}

// The whole graph's exports ([data-export-all] in the menu) need no canvas,
// so they are not among app.js's [data-export] items, which need one.
$$('#export-menu [data-export-all]').forEach((b) => b.addEventListener('click', () => {
  $$('#export-menu').forEach((m) => { m.hidden = true; });
  $$('#btn-export').forEach((x) => x.setAttribute('aria-expanded', 'false'));
  serverExport(b.dataset.exportAll, { scope: 'all' }, 'newsgraph-all');
}));

// viewExport exports the canvas's nodes and every relation among them.
const viewExport = (format) => (canvas) => serverExport(format, { scope: 'nodes', nodes: canvas.entities().map((n) => n.id()) }, 'newsgraph-view');

export const exporters = {
  'view-graphml': viewExport('graphml'),
  'view-nquads': viewExport('nquads'),
  'view-jsonld': viewExport('jsonld'),
  'view-csv': viewExport('csv'),

  png(canvas) {
    const blob = canvas.cy.png({ output: 'blob', bg: '#ffffff', full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 });
    download(blob, 'newsgraph.png');
  },
  json(canvas, extra) {
    const data = { exported: new Date().toISOString(), nodes: nodesOf(canvas), edges: edgesOf(canvas), ...extra };
    download(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }), 'newsgraph.json');
  },
  'csv-nodes'(canvas) {
    const rows = nodesOf(canvas).map((n) => [csvField(n.id), csvField(n.label), csvField(n.type), csvField(n.x, false), csvField(n.y, false)]);
    download(new Blob([csv(['id', 'label', 'type', 'x', 'y'], rows)], { type: 'text/csv' }), 'newsgraph-nodes.csv');
  },
  'csv-edges'(canvas) {
    const rows = edgesOf(canvas).map((e) => [csvField(e.id), csvField(e.source), csvField(e.target), csvField(e.predicate), csvField(e.label),
      csvField(e.confidence, false), csvField(e.docs.join(';')), csvField(e.methods.join(';')), csvField(e.evidence, false)]);
    download(new Blob([csv(['id', 'source', 'target', 'predicate', 'label', 'confidence', 'docs', 'methods', 'evidence'], rows)], { type: 'text/csv' }), 'newsgraph-edges.csv');
  },
  graphml(canvas) {
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
      '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
      '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
      '  <key id="x" for="node" attr.name="x" attr.type="double"/>',
      '  <key id="y" for="node" attr.name="y" attr.type="double"/>',
      '  <key id="predicate" for="edge" attr.name="predicate" attr.type="string"/>',
      '  <key id="elabel" for="edge" attr.name="label" attr.type="string"/>',
      '  <key id="confidence" for="edge" attr.name="confidence" attr.type="double"/>',
      '  <key id="docs" for="edge" attr.name="docs" attr.type="string"/>',
      '  <key id="methods" for="edge" attr.name="methods" attr.type="string"/>',
      '  <graph id="newsgraph" edgedefault="directed">',
    ];
    for (const n of nodesOf(canvas)) {
      lines.push(`    <node id="${xml(n.id)}"><data key="label">${xml(n.label)}</data><data key="type">${xml(n.type)}</data><data key="x">${n.x}</data><data key="y">${n.y}</data></node>`);
    }
    for (const e of edgesOf(canvas)) {
      lines.push(`    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="predicate">${xml(e.predicate)}</data><data key="elabel">${xml(e.label)}</data>` +
        (e.confidence !== null ? `<data key="confidence">${e.confidence}</data>` : '') +
        `<data key="docs">${xml(e.docs.join(';'))}</data><data key="methods">${xml(e.methods.join(';'))}</data></edge>`);
    }
    lines.push('  </graph>', '</graphml>', '');
    download(new Blob([lines.join('\n')], { type: 'application/graphml+xml' }), 'newsgraph.graphml');
  },
};
