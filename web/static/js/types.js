// How each entity type looks: colour, Cytoscape shape, legend name.
import { svg } from './dom.js';

const KNOWN = {
  person: { color: '#3b82c4', shape: 'ellipse', name: 'Person' },
  org: { color: '#e8871e', shape: 'round-rectangle', name: 'Organisation' },
  place: { color: '#2f9e44', shape: 'round-diamond', name: 'Place' },
  attack: { color: '#d6336c', shape: 'star', name: 'Attack' },
  claim: { color: '#8c6bb1', shape: 'round-tag', name: 'Claim' },
  doc: { color: '#7a6a58', shape: 'rectangle', name: 'Document' },
  '': { color: '#868e96', shape: 'ellipse', name: 'Untyped' },
};

// Types from other data (e.g. </film/film>) get a colour from this palette.
const PALETTE = ['#0b7285', '#5c940d', '#c2255c', '#5f3dc4', '#e67700', '#1864ab', '#087f5b', '#862e9c', '#a61e4d', '#364fc7'];
const SHAPES = ['ellipse', 'hexagon', 'round-pentagon', 'round-octagon', 'barrel', 'vee'];

const cache = new Map();

export function typeInfo(type) {
  type = type || '';
  if (KNOWN[type]) return KNOWN[type];
  if (!cache.has(type)) {
    let h = 0;
    for (const ch of type) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    const short = type.replace(/^\/+|\/+$/g, '').split(/[/#]/).pop() || type;
    cache.set(type, { color: PALETTE[h % PALETTE.length], shape: SHAPES[(h >> 4) % SHAPES.length], name: short });
  }
  return cache.get(type);
}

export const KNOWN_TYPES = ['person', 'org', 'place', 'attack', 'claim', 'doc'];

// swatch draws a type's shape and colour as a small SVG.
export function swatch(type, size = 16) {
  const { color, shape } = typeInfo(type);
  const s = size, c = s / 2;
  let shapeEl;
  switch (shape) {
    case 'round-rectangle': shapeEl = svg('rect', { x: 1.5, y: 3, width: s - 3, height: s - 6, rx: 3, fill: color }); break;
    case 'rectangle': shapeEl = svg('rect', { x: 2.5, y: 1.5, width: s - 5, height: s - 3, fill: color }); break;
    case 'round-diamond': shapeEl = svg('polygon', { points: `${c},1 ${s - 1},${c} ${c},${s - 1} 1,${c}`, fill: color, 'stroke-linejoin': 'round', stroke: color, 'stroke-width': 1.5 }); break;
    case 'star': {
      const pts = [];
      for (let i = 0; i < 10; i++) {
        const r = i % 2 ? s * 0.22 : s * 0.5, a = -Math.PI / 2 + i * Math.PI / 5;
        pts.push(`${(c + r * Math.cos(a)).toFixed(2)},${(c + 0.6 + r * Math.sin(a)).toFixed(2)}`);
      }
      shapeEl = svg('polygon', { points: pts.join(' '), fill: color });
      break;
    }
    case 'round-tag': shapeEl = svg('polygon', { points: `1.5,3.5 ${s - 5},3.5 ${s - 1},${c} ${s - 5},${s - 3.5} 1.5,${s - 3.5}`, fill: color, 'stroke-linejoin': 'round', stroke: color, 'stroke-width': 1.5 }); break;
    case 'hexagon': shapeEl = svg('polygon', { points: `4,1.5 ${s - 4},1.5 ${s - 1},${c} ${s - 4},${s - 1.5} 4,${s - 1.5} 1,${c}`, fill: color }); break;
    default: shapeEl = svg('circle', { cx: c, cy: c, r: c - 1.5, fill: color });
  }
  return svg('svg', { class: 'swatch', width: s, height: s, viewBox: `0 0 ${s} ${s}`, 'aria-hidden': 'true' }, shapeEl);
}
