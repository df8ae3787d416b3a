// DOM helpers. Everything from the graph or an article reaches the page as
// text (text nodes, textContent, attribute values), never as HTML.

// el builds an element: el('button', {class: 'x', type: 'button', on: {click: f}}, 'text', child…).
// Strings among the children become text nodes; null and false are skipped.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    } else if (k === 'text') {
      node.textContent = String(v);
    } else if (k === 'dataset') {
      for (const [dk, dv] of Object.entries(v)) node.dataset[dk] = String(dv);
    } else if (k === 'style') {
      throw new Error('no style attributes: the CSP forbids them; use a class or el.style');
    } else {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function $(sel, root = document) { return root.querySelector(sel); }
export function $$(sel, root = document) { return Array.from(root.querySelectorAll(sel)); }

// clear removes every child.
export function clear(node) { node.replaceChildren(); return node; }

let toastTimer = 0;
// toast shows a short message; errors stay longer.
export function toast(msg, isError = false) {
  const t = $('#toast');
  t.textContent = String(msg);
  t.classList.toggle('error', isError);
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, isError ? 6000 : 2800);
}

// shorten cuts a label to n characters with an ellipsis.
export function shorten(s, n) {
  s = String(s ?? '');
  return s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s;
}

// debounce delays f until calls stop for ms.
export function debounce(f, ms) {
  let t = 0;
  return (...args) => { clearTimeout(t); t = setTimeout(() => f(...args), ms); };
}

// stripIRI turns "<stated>" into "stated".
export function stripIRI(s) {
  s = String(s ?? '');
  return s.length > 1 && s[0] === '<' && s[s.length - 1] === '>' ? s.slice(1, -1) : s;
}

// utf16Range converts UTF-8 byte offsets in text to string indices.
export function utf16Range(text, start, end) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const at = (b) => dec.decode(bytes.subarray(0, Math.max(0, Math.min(b, bytes.length)))).length;
  return [at(start), at(end)];
}

// download saves a blob under name.
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, class: 'hidden-link' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

// busy counts work in flight (requests, layouts) in body[data-busy], so
// tests and screenshots can wait for the page to settle.
let busyCount = 0;
export function busy(delta) {
  busyCount = Math.max(0, busyCount + delta);
  document.body.dataset.busy = String(busyCount);
}
