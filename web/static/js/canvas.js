// The canvas: a Cytoscape graph laid out with fcose. New nodes are placed
// around the node they came from and laid out with every node already on
// the canvas held fixed, so expanding never reshuffles what is placed.
import { typeInfo } from './types.js';
import { busy, shorten, stripIRI } from './dom.js';

/* global cytoscape, cytoscapeFcose */
cytoscape.use(cytoscapeFcose);

export const MAX_NODES = 800; // beyond this the canvas stops taking nodes

const edgeColor = '#8d99a6';

function nodeStyle() {
  return [
    {
      selector: 'node',
      style: {
        'background-color': (n) => typeInfo(n.data('type')).color,
        shape: (n) => typeInfo(n.data('type')).shape,
        width: 30,
        height: 30,
        label: 'data(short)',
        'font-size': 11,
        'font-weight': 500,
        color: '#1f2a37',
        'text-valign': 'bottom',
        'text-margin-y': 5,
        'text-wrap': 'wrap',
        'text-max-width': 150,
        'text-background-color': '#f6f7f9',
        'text-background-opacity': 0.85,
        'text-background-padding': 1.5,
        'text-background-shape': 'roundrectangle',
        'border-width': 2,
        'border-color': '#ffffff',
        'overlay-padding': 4,
      },
    },
    { selector: 'node[type="claim"]', style: { width: 24, height: 20, 'font-size': 10, color: '#4b3a63', 'text-max-width': 170 } },
    { selector: 'node[type="attack"]', style: { width: 36, height: 36 } },
    { selector: 'node[type="doc"]', style: { width: 22, height: 28 } },
    { selector: 'node:selected', style: { 'border-color': '#1c6dd0', 'border-width': 4, 'font-weight': 700 } },
    { selector: 'node.more', style: {
      shape: 'round-rectangle', 'background-color': '#ffffff', 'border-color': '#8d99a6', 'border-style': 'dashed', 'border-width': 1.5,
      width: 'label', height: 22, padding: 6, label: 'data(label)', 'text-valign': 'center', 'text-margin-y': 0, color: '#1c6dd0',
      'font-size': 11, 'text-background-opacity': 0,
    } },
    { selector: 'edge', style: {
      'curve-style': 'bezier',
      'control-point-step-size': 46,
      width: (e) => 1.2 + 1.8 * Math.max(0, e.data('conf') || 0),
      'line-color': edgeColor,
      'target-arrow-color': edgeColor,
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      label: 'data(label)',
      'font-size': 9,
      color: '#52606d',
      'text-rotation': 'autorotate',
      'text-background-color': '#f6f7f9',
      'text-background-opacity': 0.9,
      'text-background-padding': 1,
      'text-events': 'yes',
      'overlay-padding': 5,
    } },
    { selector: 'edge[conf < 0.6][conf >= 0]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[conf < 0]', style: { 'line-style': 'dotted' } },
    { selector: 'edge:selected', style: { 'line-color': '#1c6dd0', 'target-arrow-color': '#1c6dd0', width: 3.5, color: '#1c6dd0', 'font-weight': 700 } },
    { selector: 'edge.more-edge', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none', label: '', width: 1 } },
    { selector: 'node.path', style: { 'underlay-color': '#d9480f', 'underlay-opacity': 0.28, 'underlay-padding': 8, 'underlay-shape': 'ellipse', 'font-weight': 700, 'z-index': 10 } },
    { selector: 'edge.path', style: { 'line-color': '#d9480f', 'target-arrow-color': '#d9480f', width: 3.5, color: '#a33a0b', 'font-weight': 700, 'z-index': 10 } },
    { selector: '.faded', style: { opacity: 0.18 } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: '.flash', style: { 'border-color': '#ffd43b', 'border-width': 7 } },
  ];
}

export class Canvas {
  constructor(container, { onChange } = {}) {
    this.onChange = onChange || (() => {});
    this.cy = cytoscape({
      container,
      style: nodeStyle(),
      minZoom: 0.08,
      maxZoom: 3,
      boxSelectionEnabled: true,
      selectionType: 'single',
    });
    this.layoutRunning = 0;
  }

  // node returns the canvas node for id (possibly empty).
  node(id) { return this.cy.getElementById(id); }

  has(id) { return this.cy.getElementById(id).nonempty(); }

  nodeData(ref) {
    const label = ref.label || stripIRI(ref.id);
    return { id: ref.id, label, type: ref.type || '', short: shorten(label, ref.type === 'claim' ? 60 : 36) };
  }

  edgeData(e) {
    return {
      id: e.id, source: e.source, target: e.target, predicate: e.predicate, label: e.label,
      docs: e.docs || [], methods: e.methods || [], evidence: e.evidence || 0, confirmed: !!e.confirmed,
      conf: typeof e.confidence === 'number' ? e.confidence : -1,
    };
  }

  // add puts nodes and edges on the canvas. New nodes start around anchor
  // (or at the given positions) and are laid out with the old ones fixed.
  // It returns the added nodes.
  add(nodes, edges, { anchor, positions, layout = true } = {}) {
    const cy = this.cy;
    const room = MAX_NODES - cy.nodes().not('.more').length;
    const fresh = [];
    let refused = 0;
    cy.batch(() => {
      for (const n of nodes) {
        if (this.has(n.id)) continue;
        if (fresh.length >= room) { refused++; continue; }
        const pos = positions && positions.get(n.id);
        fresh.push(cy.add({ group: 'nodes', data: this.nodeData(n), position: pos ? { x: pos[0], y: pos[1] } : { x: 0, y: 0 } }));
      }
      for (const e of edges) {
        if (cy.getElementById(e.id).nonempty()) continue;
        if (!this.has(e.source) || !this.has(e.target)) continue;
        cy.add({ group: 'edges', data: this.edgeData(e) });
      }
    });
    const added = cy.collection(fresh);
    if (added.nonempty() && !positions) {
      this.seedPositions(added, anchor);
      if (layout) this.layoutNew(added);
    }
    this.refused = refused;
    this.onChange();
    return added;
  }

  // seedPositions puts new nodes on rings around the anchor (or the centre
  // of the view), so the layout starts close to where they belong.
  seedPositions(added, anchor) {
    const cy = this.cy;
    const a = anchor && this.node(anchor);
    let c;
    if (a && a.nonempty() && !added.contains(a)) c = a.position();
    else {
      const placed = cy.nodes().not(added);
      if (placed.nonempty()) {
        const bb = placed.boundingBox();
        c = { x: bb.x2 + 160, y: (bb.y1 + bb.y2) / 2 };
      } else {
        const ext = cy.extent();
        c = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
      }
    }
    const n = added.length;
    added.forEach((node, i) => {
      const ring = Math.floor(i / 14);
      const perRing = Math.min(14, n - ring * 14);
      const angle = (2 * Math.PI * (i % 14)) / perRing + ring * 0.35;
      const r = 130 + ring * 90;
      node.position({ x: c.x + r * Math.cos(angle), y: c.y + r * Math.sin(angle) });
    });
  }

  // layoutNew runs fcose over the whole canvas with every old node fixed.
  layoutNew(added) {
    const cy = this.cy;
    const old = cy.nodes().not(added).filter((n) => !n.hasClass('filtered'));
    const first = old.empty();
    const opts = {
      name: 'fcose',
      animate: !first,
      animationDuration: 450,
      fit: false,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      packComponents: false,
      nodeRepulsion: () => 9000,
      idealEdgeLength: () => 120,
      edgeElasticity: () => 0.45,
      nodeSeparation: 90,
      gravity: 0.2,
      numIter: 2500,
      tile: true,
    };
    if (first && added.length === 1) { // nothing to lay out
      this.fit(undefined, { padding: 60, animate: false });
      return;
    }
    if (first) {
      Object.assign(opts, { quality: 'default', randomize: true });
    } else {
      Object.assign(opts, {
        quality: 'proof',
        randomize: false,
        fixedNodeConstraint: old.map((n) => ({ nodeId: n.id(), position: { ...n.position() } })),
      });
    }
    const eles = cy.elements().filter((e) => !e.hasClass('filtered'));
    this.runLayout(eles, opts, () => {
      if (first) this.fit(undefined, { padding: 60, animate: false });
      else this.keepInView(added);
    });
  }

  runLayout(eles, opts, done) {
    this.layoutRunning++;
    this.cy.container().dataset.layout = 'running';
    busy(+1);
    const layout = eles.layout(opts);
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      this.layoutRunning--;
      if (!this.layoutRunning) delete this.cy.container().dataset.layout;
      busy(-1);
      if (done) done();
      this.onChange();
    };
    layout.one('layoutstop', finish);
    try {
      layout.run();
    } catch (err) {
      console.error('layout', err);
      finish();
    }
  }

  // fit shows eles (default: every visible element) with some padding,
  // never zooming in past maxZoom, so two nodes do not fill the screen.
  fit(eles, { padding = 50, maxZoom = 1.3, animate = true } = {}) {
    const cy = this.cy;
    eles = eles || cy.elements().filter((e) => !e.hasClass('filtered'));
    if (!eles || eles.empty()) return;
    const bb = eles.boundingBox();
    const w = cy.width(), h = cy.height();
    if (!w || !h) return;
    const zoom = Math.max(cy.minZoom(), Math.min(maxZoom, (w - 2 * padding) / Math.max(bb.w, 1), (h - 2 * padding) / Math.max(bb.h, 1)));
    const pan = { x: w / 2 - zoom * (bb.x1 + bb.w / 2), y: h / 2 - zoom * (bb.y1 + bb.h / 2) };
    if (animate) this.animate({ zoom, pan });
    else cy.viewport({ zoom, pan });
  }

  // animate moves the viewport, counted as busy while it runs.
  animate(opts) {
    busy(+1);
    let done = false;
    const finish = () => { if (!done) { done = true; busy(-1); } };
    this.cy.animate({ duration: 300, ...opts, complete: finish });
    setTimeout(finish, 1000); // an animation stopped by another still ends here
  }

  // keepInView pans (and if needed zooms out) so the new nodes are visible.
  keepInView(nodes) {
    const cy = this.cy;
    if (nodes.empty()) return;
    const bb = nodes.union(nodes.connectedEdges()).boundingBox();
    const ext = cy.extent();
    if (bb.x1 >= ext.x1 && bb.x2 <= ext.x2 && bb.y1 >= ext.y1 && bb.y2 <= ext.y2) return;
    this.fit();
  }

  // setMore shows (or removes) the "+N more" node of one expansion.
  setMore(anchor, key, more, query) {
    const cy = this.cy;
    const id = `more|${anchor}|${key}`;
    const old = cy.getElementById(id);
    if (more <= 0) { old.remove(); return null; }
    const label = `+${more} more${query.relationLabel ? ' ' + query.relationLabel : ''}`;
    if (old.nonempty()) { old.data({ label, query, more }); return null; }
    const a = this.node(anchor);
    if (a.empty()) return null;
    const p = a.position();
    const added = cy.add([
      { group: 'nodes', data: { id, label, more, anchor, key, query }, classes: 'more', position: { x: p.x + 60, y: p.y - 90 } },
      { group: 'edges', data: { id: id + '|e', source: anchor, target: id }, classes: 'more-edge' },
    ]);
    return added.nodes();
  }

  // entities are the real nodes (not "+N more").
  entities() { return this.cy.nodes().not('.more'); }

  relations() { return this.cy.edges().not('.more-edge'); }

  remove(eles) {
    const cy = this.cy;
    const nodes = eles.nodes().not('.more');
    // a node's "+N more" goes with it
    let gone = eles.union(nodes.connectedEdges());
    nodes.forEach((n) => { gone = gone.union(cy.nodes('.more').filter((m) => m.data('anchor') === n.id())); });
    gone = gone.union(gone.nodes('.more').connectedEdges());
    gone.remove();
    this.onChange();
  }

  clear() { this.cy.elements().remove(); this.onChange(); }

  // snapshot and restore: the undo history.
  snapshot() {
    return this.cy.elements().jsons().map((j) => ({ group: j.group, data: j.data, position: j.position, classes: j.classes, selected: j.selected }));
  }

  restore(snap) {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(snap);
    });
    this.onChange();
  }
}
