// The timeline strip: dated attacks and claims from /api/explore/timeline,
// placed on a time axis when a year is known and listed aside when the
// article words the date relatively ("Tuesday"). Clicking selects the node.
import { api } from './api.js';
import { el, clear, shorten } from './dom.js';

// when is an item's position in years (2015.85 for November 2015).
function when(it) {
  let t = it.year;
  if (it.month) t += (it.month - 1) / 12 + (it.day ? (it.day - 1) / 365 : 1 / 24);
  else t += 0.5;
  return t;
}

// group merges items of one node at one date (the same attack dated by
// several articles) into one marker.
function group(items) {
  const out = new Map();
  for (const it of items) {
    const key = `${it.node.id}|${it.sort || it.date}`;
    const g = out.get(key);
    if (g) {
      if (!g.dates.includes(it.date)) g.dates.push(it.date);
      if (!g.docs.includes(it.doc)) g.docs.push(it.doc);
      g.all.push(it);
    } else {
      out.set(key, { ...it, dates: [it.date], docs: [it.doc], all: [it] });
    }
  }
  return [...out.values()];
}

export class Timeline {
  constructor(app, axis, undated) {
    this.app = app;
    this.axis = axis;
    this.undated = undated;
    this.items = [];
  }

  async load(doc) {
    try {
      const res = await api.timeline(doc || undefined);
      this.items = res.items || [];
    } catch (err) {
      this.items = [];
      clear(this.axis).append(el('div', { class: 'timeline-empty' }, err.message));
      return;
    }
    this.render();
  }

  marker(g) {
    const title = `${g.node.label}\n${g.kind === 'claim' && g.speaker ? `said by ${g.speaker.label}, ` : ''}${g.dates.join(' / ')}${g.inferred ? ' (year inferred)' : ''}\n${g.docs.join(', ')}`;
    const b = el('button', { type: 'button', class: `tl-item k-${g.kind}`, title, dataset: { id: g.node.id },
      on: { click: () => this.app.timelinePick(g) } },
    el('span', { class: 'dot' }), el('span', { class: 'tl-label' }, shorten(g.node.label, 34)), el('span', { class: 'tl-date' }, g.dates[0]));
    return b;
  }

  render() {
    clear(this.axis);
    clear(this.undated);
    const groups = group(this.items);
    const dated = groups.filter((g) => g.sort).sort((a, b) => when(a) - when(b));
    const undated = groups.filter((g) => !g.sort);
    if (!groups.length) {
      this.axis.append(el('div', { class: 'timeline-empty' }, 'No dated attack or claim in the graph (or in this document).'));
    }
    if (dated.length) {
      let lo = Math.min(...dated.map(when)), hi = Math.max(...dated.map(when));
      if (hi - lo < 1) { const mid = (lo + hi) / 2; lo = mid - 0.6; hi = mid + 0.6; }
      const pad = (hi - lo) * 0.08;
      lo -= pad; hi += pad;
      const pct = (t) => ((t - lo) / (hi - lo)) * 100;
      const span = hi - lo;
      const step = span > 40 ? 10 : span > 12 ? 5 : span > 5 ? 2 : 1;
      for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) {
        if (pct(y) < 2 || pct(y) > 98) continue;
        const tick = el('span', { class: 'tick' }, String(y));
        tick.style.left = `${pct(y)}%`;
        this.axis.append(tick);
      }
      if (span <= 3) { // months too, when the axis is short
        for (let m = Math.ceil(lo * 12); m / 12 <= hi; m++) {
          if (m % 12 === 0 || m % 3 !== 0 || pct(m / 12) < 2 || pct(m / 12) > 98) continue;
          const tick = el('span', { class: 'tick minor' }, ['', '', '', 'Apr', '', '', 'Jul', '', '', 'Oct'][m % 12]);
          tick.style.left = `${pct(m / 12)}%`;
          this.axis.append(tick);
        }
      }
      const rows = [];
      for (const g of dated) {
        const x = pct(when(g));
        let row = rows.findIndex((last) => x - last > 14);
        if (row < 0) { row = rows.length < 2 ? rows.length : (rows[0] <= rows[1] ? 0 : 1); }
        rows[row] = x;
        const m = this.marker(g);
        m.style.left = `${x}%`;
        if (x > 62) m.classList.add('flip'); // the label runs left of its date
        if (g.inferred || !g.month) m.classList.add('approx');
        m.style.bottom = `${28 + row * 24}px`;
        this.axis.append(m);
      }
    } else if (groups.length) {
      this.axis.append(el('div', { class: 'timeline-empty' }, 'No item has a year: see the relative dates.'));
    }
    for (const g of undated) this.undated.append(this.marker(g));
    this.undated.hidden = undated.length === 0;
  }

  // mark highlights the items whose nodes are selected.
  mark(ids) {
    for (const b of [...this.axis.querySelectorAll('.tl-item'), ...this.undated.querySelectorAll('.tl-item')]) {
      b.classList.toggle('selected', ids.has(b.dataset.id));
    }
  }
}
