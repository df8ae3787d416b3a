// Autocomplete over /api/explore/search, used by the main search box and
// the path form. Results are drawn as text; arrows, Enter and Escape work.
import { api } from './api.js';
import { el, clear, debounce } from './dom.js';
import { swatch, typeInfo } from './types.js';

let uid = 0;

export class Autocomplete {
  constructor(input, list, { onPick, keepValue = false, limit = 8 } = {}) {
    this.input = input;
    this.list = list;
    this.onPick = onPick || (() => {});
    this.keepValue = keepValue;
    this.limit = limit;
    this.hits = [];
    this.active = -1;
    this.seq = 0;
    this.prefix = `ac${++uid}-`;
    this.picked = null;
    const run = debounce(() => this.fetch(), 110);
    input.addEventListener('input', () => { this.picked = null; run(); });
    input.addEventListener('keydown', (e) => this.key(e));
    input.addEventListener('focus', () => { if (this.hits.length && input.value.trim()) this.open(); });
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  async fetch() {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    if (!q) { this.hits = []; this.close(); return; }
    try {
      const res = await api.search(q, undefined, this.limit);
      if (seq !== this.seq) return; // a newer query is on its way
      this.hits = res.results || [];
      this.active = this.hits.length ? 0 : -1;
      this.render();
    } catch (err) {
      if (seq !== this.seq) return;
      this.hits = [];
      this.renderMessage(err.message);
    }
  }

  render() {
    clear(this.list);
    if (!this.hits.length) { this.renderMessage('No match'); return; }
    this.hits.forEach((h, i) => {
      const matched = h.matched && h.matched !== h.label ? (h.alias ? `alias: ${h.matched}` : h.matched) : '';
      const li = el('li', {
        id: this.prefix + i, role: 'option', 'aria-selected': String(i === this.active), dataset: { id: h.id },
        title: `${h.label} (${h.id})`,
        on: { mousedown: (e) => { e.preventDefault(); this.pick(i); } },
      }, swatch(h.type), el('span', { class: 'label' }, h.label), matched && el('span', { class: 'matched' }, matched),
      el('span', { class: 'type' }, typeInfo(h.type).name));
      this.list.append(li);
    });
    this.open();
    this.input.setAttribute('aria-activedescendant', this.active >= 0 ? this.prefix + this.active : '');
  }

  renderMessage(msg) {
    clear(this.list).append(el('li', { class: 'none', role: 'option', 'aria-disabled': 'true' }, msg));
    this.open();
  }

  open() { this.list.hidden = false; this.input.setAttribute('aria-expanded', 'true'); }

  close() { this.list.hidden = true; this.input.setAttribute('aria-expanded', 'false'); }

  move(d) {
    if (!this.hits.length) return;
    this.active = (this.active + d + this.hits.length) % this.hits.length;
    this.list.querySelectorAll('li').forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    this.input.setAttribute('aria-activedescendant', this.prefix + this.active);
    const li = this.list.children[this.active];
    if (li) li.scrollIntoView({ block: 'nearest' });
  }

  key(e) {
    switch (e.key) {
      case 'ArrowDown': e.preventDefault(); if (this.list.hidden) this.open(); else this.move(1); break;
      case 'ArrowUp': e.preventDefault(); this.move(-1); break;
      case 'Enter':
        if (this.active >= 0 && !this.list.hidden) { e.preventDefault(); this.pick(this.active); }
        break;
      case 'Escape':
        if (!this.list.hidden) { e.preventDefault(); e.stopPropagation(); this.close(); } else this.input.blur();
        break;
    }
  }

  pick(i) {
    const h = this.hits[i];
    if (!h) return;
    this.close();
    this.picked = h;
    this.input.value = this.keepValue ? h.label : '';
    if (!this.keepValue) this.hits = [];
    this.onPick(h);
  }

  // set fills the box with a node chosen elsewhere.
  set(ref) {
    this.picked = ref;
    this.input.value = ref ? ref.label : '';
  }
}
