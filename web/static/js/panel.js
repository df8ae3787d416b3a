// The side panel: a node's properties and relations, an edge's evidence
// with its article (the supporting sentence highlighted and scrolled into
// view), an article with its facts, and paths with a sentence per hop.
// Curation lives here too: accept, reject or edit an edge's fact, merge a
// node into another and take it back, and a node's history from the audit
// log (all through /api/curation/, with the session's token).
import { api, getDocument, curation, setTokenAsker } from './api.js';
import { $, el, clear, stripIRI, utf16Range, toast } from './dom.js';
import { swatch, typeInfo } from './types.js';
import { Autocomplete } from './search.js';
import { reportsSection } from './sources.js';

function typeBadge(type) {
  return el('span', { class: `badge type t-${type || 'other'}` }, typeInfo(type).name);
}

function meter(conf) {
  if (typeof conf !== 'number' || conf < 0) return el('span', { class: 'badge', title: 'No evidence: loaded as raw quads' }, 'no evidence');
  const m = el('span', { class: 'meter' + (conf < 0.5 ? ' low' : conf < 0.8 ? ' mid' : ''), title: `confidence ${conf.toFixed(2)}` }, el('span'));
  m.firstChild.style.width = `${Math.round(conf * 100)}%`; // CSSOM, allowed by the CSP
  return el('span', { class: 'badge' }, m, ` ${conf.toFixed(2)}`);
}

function section(title, ...children) {
  return el('section', null, el('h2', null, title), ...children);
}

export class Panel {
  // app gives the panel what it acts on: see app.js.
  constructor(app) {
    this.app = app;
    this.root = $('#panel');
    this.body = $('#panel-body');
    this.kind = $('#panel-kind');
    this.history = [];
    this.current = null;
    this.seq = 0;
    $('#panel-close').addEventListener('click', () => this.close());
    $('#panel-back').addEventListener('click', () => this.back());
    setTokenAsker((again) => this.askToken(again));
  }

  get isOpen() { return !this.root.hidden; }

  close() {
    this.root.hidden = true;
    this.current = null;
    this.history = [];
    this.app.resized();
  }

  back() {
    const prev = this.history.pop();
    if (prev) this.show(prev, false);
  }

  // show renders a view: {kind, args}. Views are async; a newer one wins.
  async show(view, push = true) {
    if (push && this.current && this.current.key !== view.key) this.history.push(this.current);
    if (this.history.length > 30) this.history.shift();
    this.current = view;
    const seq = ++this.seq;
    const wasHidden = this.root.hidden;
    this.root.hidden = false;
    if (wasHidden) this.app.resized();
    $('#panel-back').hidden = this.history.length === 0;
    this.kind.textContent = view.title;
    try {
      const content = await view.render(view);
      if (seq !== this.seq) return;
      clear(this.body).append(content);
      if (view.after) view.after();
      this.body.dataset.view = view.kind;
    } catch (err) {
      if (seq !== this.seq) return;
      clear(this.body).append(el('p', { class: 'warn' }, err.message));
    }
  }

  nodeLink(ref) {
    return el('button', { type: 'button', class: 'node-link', title: ref.id, on: { click: () => this.app.focusNode(ref) } }, ref.label || stripIRI(ref.id));
  }

  // ---- node ----
  showNode(id) {
    this.show({ kind: 'node', key: 'node:' + id, title: 'Node', render: () => this.renderNode(id) });
  }

  async renderNode(id) {
    const n = await api.node(id);
    const onCanvas = this.app.canvas.has(id);
    const frag = el('div', { class: 'node-view' });
    frag.append(
      el('h3', null, n.label),
      el('div', { class: 'badges' }, el('span', { class: `badge type t-${n.type || 'other'}` }, swatch(n.type, 12), typeInfo(n.type).name),
        el('span', { class: 'badge' }, `${n.degree} edge${n.degree === 1 ? '' : 's'}`)),
      el('div', { class: 'mono muted' }, n.id),
    );
    const reports = reportsSection(n, this);
    if (reports) frag.append(reports);
    if (n.aliases.length) frag.append(section('Also called', el('p', null, n.aliases.join(' · '))));
    if (n.properties.length) {
      const dl = el('dl', { class: 'kv' });
      for (const p of n.properties) {
        dl.append(el('dt', null, p.label), el('dd', null, p.value, ' ',
          p.docs.length ? el('button', { type: 'button', class: 'link', title: 'Show the sentence this comes from',
            on: { click: () => this.showEdge({ subject: n.id, predicate: p.predicate, object: p.object }) } }, 'evidence') : null));
      }
      frag.append(section('Properties', dl));
    }
    if (n.relations.length) {
      const ul = el('ul', { class: 'rel-list' });
      for (const r of n.relations) {
        ul.append(el('li', null, el('button', {
          type: 'button', title: `Expand ${r.label} (${r.direction === 'out' ? 'outgoing' : 'incoming'})`,
          on: { click: () => this.app.expand(n.id, { relation: r.predicate, direction: r.direction }) },
        }, el('span', { class: 'dir' }, r.direction === 'out' ? '→' : '←'), r.label, el('span', { class: 'count' }, String(r.count)))));
      }
      frag.append(section('Relations', el('p', { class: 'hint' }, 'Click a relation to add those neighbours.'), ul));
    }
    const actions = el('div', { class: 'actions' });
    if (!onCanvas) actions.append(el('button', { type: 'button', class: 'primary', on: { click: () => this.app.addNode(n) } }, 'Add to canvas'));
    actions.append(
      el('button', { type: 'button', on: { click: () => this.app.expand(n.id) } }, 'Expand'),
      el('button', { type: 'button', on: { click: () => this.app.pathEnd('from', n) } }, 'Paths from here'),
      el('button', { type: 'button', on: { click: () => this.app.pathEnd('to', n) } }, 'Paths to here'),
    );
    if (onCanvas) actions.append(el('button', { type: 'button', on: { click: () => this.app.removeNodes([n.id]) } }, 'Remove'));
    frag.append(actions);
    frag.append(this.mergeForm(n));
    if (n.docs.length) {
      const ul = el('ul', { class: 'rel-list' });
      for (const d of n.docs) ul.append(el('li', null, el('button', { type: 'button', title: 'Read the article', on: { click: () => this.showArticle(d) } }, el('span', { class: 'dir' }, '¶'), d)));
      frag.append(section('Sources', ul));
    }
    frag.append(this.historySection(n));
    return frag;
  }

  // ---- edge ----
  showEdge(edge, evidenceIndex = 0) {
    const key = `edge:${edge.subject} ${edge.predicate} ${edge.object}`;
    this.show({ kind: 'edge', key, title: 'Edge and evidence', render: (v) => this.renderEdge(edge, evidenceIndex, v) });
  }

  async renderEdge(edge, evidenceIndex, v) {
    const d = await api.edge(edge.subject, edge.predicate, edge.object);
    const view = el('div', { class: 'edge-view' });
    const target = d.literal ? el('span', { class: 'literal' }, `“${d.target.label}”`) : this.nodeLink(d.target);
    view.append(el('div', { class: 'edge-title' }, this.nodeLink(d.source), el('span', { class: 'pred' }, `—${d.edge.label}→`), target));
    const fact = { subject: d.edge.source, predicate: d.edge.predicate, object: d.literal ? edge.object : d.edge.target };
    view.append(el('div', { class: 'badges' }, meter(d.edge.confidence),
      d.edge.confirmed
        ? el('span', { class: 'badge confirmed', title: 'A curator recorded this fact' }, '✓ confirmed')
        : el('span', { class: 'badge', title: 'Only the extractor found this fact; no curator has confirmed it' }, 'extracted'),
      ...d.edge.methods.map((m) => el('span', { class: 'badge', title: 'How the fact was found' }, m)),
      el('span', { class: 'badge' }, `${d.evidence.length} source${d.evidence.length === 1 ? '' : 's'}`)));
    view.append(this.curationActions(fact, d));
    if (!d.evidence.length) {
      view.append(el('p', { class: 'muted' }, 'This fact has no evidence: it was loaded as raw quads.'));
      return view;
    }
    const list = el('ol', { class: 'evidence-list' });
    const article = el('div', { class: 'article', tabindex: '0', 'aria-label': 'Article text' });
    const head = el('div', { class: 'article-head' });
    const pick = async (i) => {
      list.querySelectorAll(':scope > li > button').forEach((b, j) => b.setAttribute('aria-current', String(i === j)));
      const ev = d.evidence[i];
      clear(head).append(el('h2', null, 'Article'), el('span', { class: 'mono' }, ev.doc));
      clear(article).append(el('span', { class: 'muted' }, 'Loading…'));
      try {
        const doc = await getDocument(ev.doc);
        if (doc.name && doc.name !== doc.id) head.append(el('span', null, doc.name));
        this.renderArticleText(article, doc.text, [{ start: ev.start, end: ev.end, mark: true }]);
      } catch (err) {
        clear(article).append(el('span', { class: 'warn' }, err.message));
      }
    };
    d.evidence.forEach((ev, i) => {
      list.append(el('li', null, el('button', { type: 'button', on: { click: () => pick(i) } },
        el('span', { class: 'quote' }, `“${ev.sentence}”`),
        el('span', { class: 'meta' }, el('span', { class: 'mono' }, ev.doc), el('span', { class: 'badge' }, ev.method), meter(ev.confidence),
          ev.qualifier ? el('span', { class: 'badge' }, ev.qualifier) : null,
          ev.status === 'rejected' ? el('span', { class: 'badge rejected', title: 'A curator rejected the fact in this article' }, 'rejected') : null))));
    });
    view.append(section('Evidence', list), el('section', null, head, article));
    v.after = () => pick(Math.min(evidenceIndex, d.evidence.length - 1));
    return view;
  }

  // renderArticleText writes text into container with ranges (byte offsets)
  // wrapped: mark: true → <mark> (scrolled into view), else span.fact.
  renderArticleText(container, text, ranges) {
    const conv = ranges.map((r) => {
      const [a, b] = utf16Range(text, r.start, r.end);
      return { ...r, a, b };
    }).filter((r) => r.b > r.a).sort((x, y) => x.a - y.a || (y.mark ? 1 : 0) - (x.mark ? 1 : 0));
    // Merge overlaps (a marked range wins).
    const merged = [];
    for (const r of conv) {
      const last = merged[merged.length - 1];
      if (last && r.a < last.b) {
        last.b = Math.max(last.b, r.b);
        last.mark = last.mark || r.mark;
        last.facts = (last.facts || []).concat(r.facts || []);
        continue;
      }
      merged.push({ ...r });
    }
    clear(container);
    let pos = 0;
    let marked = null;
    for (const r of merged) {
      if (r.a > pos) container.append(text.slice(pos, r.a));
      const node = r.mark ? el('mark', null, text.slice(r.a, r.b)) : el('span', { class: 'fact', title: r.title || '' }, text.slice(r.a, r.b));
      if (r.onclick) node.addEventListener('click', r.onclick);
      container.append(node);
      if (r.mark && !marked) marked = node;
      pos = r.b;
    }
    if (pos < text.length) container.append(text.slice(pos));
    if (marked) {
      // Scroll the article (not the page) so the sentence sits in its upper third.
      container.scrollTop = Math.max(0, marked.offsetTop - container.clientHeight / 3);
    }
  }

  // ---- article ----
  showArticle(docId, focus) {
    this.show({ kind: 'article', key: 'doc:' + docId, title: 'Article', render: (v) => this.renderArticle(docId, focus, v) });
  }

  async renderArticle(docId, focus, v) {
    const doc = await getDocument(docId);
    const view = el('div', { class: 'article-view' });
    view.append(el('h3', null, doc.name || doc.id), el('div', { class: 'mono muted' }, `${doc.name && doc.name !== doc.id ? doc.id + ' · ' : ''}${doc.facts.length} facts · ${doc.bytes.toLocaleString()} bytes`));
    const article = el('div', { class: 'article tall', tabindex: '0', 'aria-label': 'Article text' });
    const ranges = doc.facts.map((f) => ({
      start: f.start, end: f.end, title: `${f.subject_label} —${f.label}→ ${f.object_label}`,
      onclick: () => this.showEdge({ subject: f.subject, predicate: f.predicate, object: f.object }),
    }));
    if (focus) ranges.push({ start: focus.start, end: focus.end, mark: true });
    const facts = el('ul', { class: 'rel-list' });
    for (const f of doc.facts) {
      facts.append(el('li', null, el('button', { type: 'button', title: f.object,
        on: { click: () => this.showEdge({ subject: f.subject, predicate: f.predicate, object: f.object }) } },
      el('span', null, `${f.subject_label} —${f.label}→ ${f.object_label}`))));
    }
    view.append(el('section', null, el('h2', null, 'Text'), el('p', { class: 'hint' }, 'Shaded sentences support facts: click one to see them.'), article),
      section('Facts drawn from it', facts));
    v.after = () => this.renderArticleText(article, doc.text, ranges);
    return view;
  }

  // ---- paths ----
  showPaths(from, to, run) {
    this.show({ kind: 'paths', key: 'paths', title: 'Paths', render: (v) => this.renderPaths(from, to, run, v) });
  }

  renderPaths(from, to, run, v) {
    const view = el('div', { class: 'paths-view' });
    const mkBox = (label, id) => {
      const input = el('input', { type: 'search', id, autocomplete: 'off', placeholder: 'Search a node…', 'aria-label': label, spellcheck: 'false' });
      const list = el('ul', { class: 'autocomplete', role: 'listbox', hidden: true });
      return { input, list, wrap: el('div', { class: 'search-wrap' }, input, list) };
    };
    const f = mkBox('From', 'path-from');
    const t = mkBox('To', 'path-to');
    const hops = el('select', { id: 'path-hops', 'aria-label': 'Most hops' }, ...[1, 2, 3, 4, 5, 6].map((n) => el('option', { value: n, selected: n === 4 }, String(n))));
    const k = el('input', { id: 'path-k', type: 'number', min: 1, max: 20, value: 3, 'aria-label': 'How many paths' });
    const results = el('div', { class: 'path-results', 'aria-live': 'polite' });
    const acFrom = new Autocomplete(f.input, f.list, { keepValue: true });
    const acTo = new Autocomplete(t.input, t.list, { keepValue: true });
    acFrom.set(from);
    acTo.set(to);
    const go = async () => {
      const a = acFrom.picked, b = acTo.picked;
      if (!a || !b) { toast('Pick a start and an end node from the suggestions.'); return; }
      clear(results).append(el('p', { class: 'muted' }, 'Searching…'));
      try {
        const res = await api.paths(a.id, b.id, Number(hops.value), Number(k.value) || 3);
        clear(results).append(this.renderPathResults(res));
        this.app.drawPaths(res);
      } catch (err) {
        clear(results).append(el('p', { class: 'warn' }, err.message));
      }
    };
    const find = el('button', { id: 'path-find', type: 'button', class: 'primary', on: { click: go } }, 'Find paths');
    const swap = el('button', { type: 'button', title: 'Swap start and end', on: { click: () => {
      const a = acFrom.picked, b = acTo.picked;
      acFrom.set(b); acTo.set(a);
    } } }, '⇅');
    view.append(
      el('p', { class: 'hint' }, 'Shortest paths first, edges taken either way. Each hop cites its sentence.'),
      el('div', { class: 'path-form' },
        el('label', { for: 'path-from' }, 'From'), f.wrap,
        el('label', { for: 'path-to' }, 'To'), t.wrap,
        el('div', { class: 'opts' }, el('label', null, 'Hops ≤ ', hops), el('label', null, 'Paths ', k), swap, find)),
      results,
    );
    if (run && from && to) v.after = go;
    return view;
  }

  renderPathResults(res) {
    const frag = el('div');
    if (!res.paths.length) {
      frag.append(el('p', { class: 'muted' }, `No path of at most ${res.max_hops} hops between ${res.from.label} and ${res.to.label}.`));
      if (res.truncated) frag.append(el('p', { class: 'warn' }, 'The search hit its visit budget: there may be paths it did not reach.'));
      return frag;
    }
    const labels = new Map(res.nodes.map((n) => [n.id, n]));
    const ref = (id) => labels.get(id) || { id, label: stripIRI(id) };
    frag.append(el('p', { class: 'muted' }, `${res.paths.length} path${res.paths.length === 1 ? '' : 's'} from ${res.from.label} to ${res.to.label}.`));
    if (res.truncated) frag.append(el('p', { class: 'warn' }, 'The search hit its visit budget: there may be more paths.'));
    const list = el('ol', { class: 'path-list' });
    res.paths.forEach((p, i) => {
      const hopsEl = el('ol', { class: 'hops' });
      for (const h of p.hops) {
        const li = el('li', { class: 'hop' });
        for (const e of h.edges) {
          li.append(el('div', { class: 'edge-title' }, this.nodeLink(ref(e.source)), el('span', { class: 'pred' }, `—${e.label}→`), this.nodeLink(ref(e.target))));
          const ev = e.evidence_list[0];
          if (ev) {
            li.append(el('button', { type: 'button', class: 'sentence', title: 'Open the evidence',
              on: { click: () => this.showEdge({ subject: e.source, predicate: e.predicate, object: e.target }) } }, `“${ev.sentence}”`),
            el('div', { class: 'doc' }, `${ev.doc} · ${ev.method} · ${ev.confidence.toFixed(2)}${e.evidence_list.length > 1 ? ` · +${e.evidence_list.length - 1} more source${e.evidence_list.length > 2 ? 's' : ''}` : ''}`));
          } else {
            li.append(el('div', { class: 'doc' }, 'no evidence (raw quads)'));
          }
        }
        hopsEl.append(li);
      }
      list.append(el('li', { class: 'path-card' },
        el('header', null, el('strong', null, `Path ${i + 1}`), el('span', { class: 'muted' }, `${p.length} hop${p.length === 1 ? '' : 's'}`),
          el('button', { type: 'button', class: 'link', on: { click: () => this.app.highlightPath(p) } }, 'highlight')),
        hopsEl));
    });
    frag.append(list);
    return frag;
  }

  // ---- curation ----

  // askToken asks for the token that lets this session change the graph.
  askToken(again) {
    let dlg = $('#token-dialog');
    if (!dlg) {
      const input = el('input', { id: 'token-input', type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Token' });
      dlg = el('dialog', { id: 'token-dialog', 'aria-labelledby': 'token-title' },
        el('h2', { id: 'token-title' }, 'Token'),
        el('p', { class: 'token-why' }, 'Changing the graph needs a token (one of the server’s --token-file secrets). It is kept for this browser session only; the audit log records its name.'),
        input,
        el('form', { method: 'dialog', class: 'row' },
          el('button', { type: 'submit', value: 'cancel' }, 'Cancel'),
          el('button', { type: 'submit', value: 'ok', class: 'primary', id: 'token-ok' }, 'Use this token')));
      document.body.append(dlg);
    }
    const input = $('#token-input', dlg);
    input.value = '';
    $('.token-why', dlg).classList.toggle('warn', !!again);
    if (again) $('.token-why', dlg).textContent = 'The server refused that token. Give another one.';
    return new Promise((resolve) => {
      dlg.addEventListener('close', () => resolve(dlg.returnValue === 'ok' ? input.value.trim() : null), { once: true });
      dlg.returnValue = '';
      dlg.showModal();
      input.focus();
    });
  }

  // curate runs one curation call, reports it and refreshes what it changed.
  async curate(what, call, after) {
    try {
      const entry = await call();
      toast(entry && entry.summary ? entry.summary : what);
      if (after) await after(entry);
      return entry;
    } catch (err) {
      toast(`${what}: ${err.message}`, true);
      return null;
    }
  }

  // dropEdge takes an edge off the canvas.
  dropEdge(fact) {
    const cy = this.app.cy;
    if (!cy) return;
    cy.edges().filter((e) => e.data('source') === fact.subject && e.data('predicate') === fact.predicate && e.data('target') === fact.object).remove();
  }

  curationActions(fact, d) {
    const box = el('div', { class: 'actions curation', role: 'group', 'aria-label': 'Curation' });
    const reshow = () => this.showEdge(fact);
    if (!d.edge.confirmed) {
      box.append(el('button', { type: 'button', class: 'accept', title: 'Confirm the fact: it becomes curated and survives re-extraction',
        on: { click: () => this.curate('Accept', () => curation.accept(fact), reshow) } }, '✓ Accept'));
    }
    box.append(el('button', { type: 'button', class: 'reject', title: 'Take the fact out of the graph; its evidence is kept, and re-extraction will not bring it back',
      on: { click: () => this.curate('Reject', () => curation.reject(fact), () => { this.dropEdge(fact); this.showNode(fact.subject); }) } }, '✗ Reject'));
    const editBox = el('div', { class: 'edit-object', hidden: true });
    box.append(el('button', { type: 'button', class: 'edit', title: 'Replace the fact’s object',
      on: { click: () => { editBox.hidden = !editBox.hidden; if (!editBox.hidden) $('input', editBox).focus(); } } }, '✎ Edit object'));
    const input = el('input', { type: d.literal ? 'text' : 'search', id: 'edit-object-input', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'New object',
      placeholder: d.literal ? 'New value' : 'Search the new object…' });
    let ac = null;
    if (d.literal) {
      input.value = d.target.label;
    } else {
      const list = el('ul', { class: 'autocomplete', role: 'listbox', hidden: true });
      editBox.append(el('div', { class: 'search-wrap' }, input, list));
      ac = new Autocomplete(input, list, { keepValue: true });
    }
    if (d.literal) editBox.append(input);
    const save = async () => {
      const value = d.literal ? input.value : (ac.picked && ac.picked.id);
      if (!value) { toast('Pick the new object from the suggestions.'); return; }
      await this.curate('Edit', () => curation.edit(fact, value), () => {
        this.dropEdge(fact);
        const literal = fact.predicate === '<killed>' ? `"${Number(value)}"^^<http://schema.org/Integer>` : JSON.stringify(value);
        const next = { ...fact, object: d.literal ? literal : value };
        this.showEdge(next);
      });
    };
    editBox.append(el('button', { type: 'button', class: 'primary', id: 'edit-object-save', on: { click: save } }, 'Save'));
    return el('div', null, box, editBox);
  }

  // mergeForm: merge this node into another one, picked by search.
  mergeForm(n) {
    const wrap = el('div', { class: 'merge-form', hidden: true });
    const input = el('input', { type: 'search', id: 'merge-into', autocomplete: 'off', spellcheck: 'false', placeholder: 'The entity to merge into…', 'aria-label': 'Merge into' });
    const list = el('ul', { class: 'autocomplete', role: 'listbox', hidden: true });
    const ac = new Autocomplete(input, list, { keepValue: true });
    const go = async () => {
      const into = ac.picked;
      if (!into) { toast('Pick the entity to merge into from the suggestions.'); return; }
      await this.curate('Merge', () => curation.merge(into.id, n.id), async () => {
        if (this.app.canvas.has(n.id)) this.app.removeNodes([n.id]);
        this.app.focusNode(into);
      });
    };
    wrap.append(el('p', { class: 'hint' }, `${n.label} will become an alias of the entity you pick, and its relations move there. Unmerge takes it back.`),
      el('div', { class: 'search-wrap' }, input, list),
      el('button', { type: 'button', class: 'primary', id: 'merge-go', on: { click: go } }, 'Merge'));
    const toggle = el('button', { type: 'button', id: 'merge-open', title: 'Merge this entity into another one: both names become aliases',
      on: { click: () => { wrap.hidden = !wrap.hidden; if (!wrap.hidden) input.focus(); } } }, 'Merge into…');
    return el('div', { class: 'actions curation' }, toggle, wrap);
  }

  // historySection lists the audit entries of a node, loaded after the
  // panel is drawn; merges still in force offer Unmerge, rejections Restore.
  historySection(n) {
    const list = el('ol', { class: 'history-list' }, el('li', { class: 'muted' }, 'Loading…'));
    const sec = section('History', list);
    sec.classList.add('history');
    curation.history(n.id).then((res) => {
      clear(list);
      if (!res.entries.length) { list.append(el('li', { class: 'muted' }, 'No curation yet.')); return; }
      for (const e of res.entries) list.append(this.historyItem(n, e));
    }).catch((err) => clear(list).append(el('li', { class: 'warn' }, err.message)));
    return sec;
  }

  historyItem(n, e) {
    const when = e.time.replace('T', ' ').replace('Z', ' UTC');
    const li = el('li', { class: `audit a-${e.action}`, dataset: { action: e.action } },
      el('div', { class: 'audit-head' }, el('span', { class: 'badge' }, e.action), el('span', { class: 'muted' }, `${when} · ${e.actor}`)),
      el('div', { class: 'audit-summary' }, e.summary));
    const details = el('details', null, el('summary', null, 'before and after'),
      el('pre', { class: 'mono' }, `before: ${JSON.stringify(e.before, null, 1)}\nafter: ${JSON.stringify(e.after, null, 1)}`));
    li.append(details);
    if (e.action === 'merge' && !e.undone_by && e.before && e.before.from) {
      li.append(el('button', { type: 'button', class: 'link unmerge', title: 'Take this merge back',
        on: { click: () => this.curate('Unmerge', () => curation.unmerge(e.before.from, e.before.into), async () => {
          try { this.app.addNode(await api.node(e.before.from)); } catch { /* shown in the panel */ }
          this.showNode(n.id);
        }) } }, 'Unmerge'));
    }
    if (e.action === 'merge' && e.undone_by) li.append(el('span', { class: 'muted' }, ' (undone)'));
    if ((e.action === 'reject' || e.action === 'edit') && Array.isArray(e.before) && e.before.length) {
      const f = e.before[0];
      li.append(el('button', { type: 'button', class: 'link restore', title: 'Accept the rejected fact: it comes back, curated',
        on: { click: () => this.curate('Restore', () => curation.accept({ subject: f.subject, predicate: f.predicate, object: f.object, doc: f.doc }),
          () => this.showEdge({ subject: f.subject, predicate: f.predicate, object: f.object })) } }, 'Restore'));
    }
    return li;
  }
}
