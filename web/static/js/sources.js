// Which source says what: for a claim, "reported by N sources" with each
// source's sentence; for an attack, the facts each article gives, and the
// points on which they disagree (two death tolls), each value with its
// sources. The data comes from the node endpoint's reports and
// disagreements (graph/reports.go).
import { el } from './dom.js';

// reportsSection returns the section for node n, or null when it has no
// reports. panel opens articles and nodes.
export function reportsSection(n, panel) {
  const reports = n.reports || [];
  if (!reports.length) return null;
  const claim = n.type === 'claim';
  const title = claim
    ? `Reported by ${reports.length} source${reports.length === 1 ? '' : 's'}`
    : `What ${reports.length === 1 ? 'the source says' : `each of ${reports.length} sources says`}`;
  const sec = el('section', { class: 'reports', 'data-sources': String(reports.length) }, el('h2', null, title));
  for (const d of n.disagreements || []) {
    sec.append(el('p', { class: 'warn disagreement' }, `Sources disagree on ${d.label}: `,
      ...d.values.flatMap((v, i) => [i ? ' · ' : '', el('strong', null, v.value), ` (${v.docs.join(', ')})`])));
  }
  const ul = el('ul', { class: 'evidence-list report-list' });
  for (const r of reports) {
    const head = el('div', { class: 'article-head' },
      el('button', { type: 'button', class: 'link', title: 'Read the article with this sentence highlighted',
        on: { click: () => panel.showArticle(r.doc, r.sentence ? { start: r.start, end: r.end } : null) } }, r.title || r.doc),
      r.outlet ? el('span', { class: 'muted' }, r.outlet) : null,
      r.speaker ? el('span', null, ' — ', panel.nodeLink(r.speaker)) : null);
    const li = el('li', null, head);
    if (r.sentence) li.append(el('span', { class: 'quote' }, `“${r.sentence}”`));
    if (claim && r.text && r.text !== r.sentence) li.append(el('div', { class: 'muted' }, 'In its words: ', r.text));
    if (!claim && r.facts.length) {
      const dl = el('dl', { class: 'kv' });
      for (const f of r.facts) dl.append(el('dt', null, f.label), el('dd', { title: f.sentence }, f.value));
      li.append(dl);
    }
    li.append(el('div', { class: 'muted' }, r.method ? `${r.method}${typeof r.confidence === 'number' ? ` · ${r.confidence.toFixed(2)}` : ''}` : ''));
    ul.append(li);
  }
  sec.append(ul);
  return sec;
}
