// The explorer's API client: one function per endpoint of /api/explore/
// (see /api/openapi.json). Errors become thrown Errors with the server's message.
import { busy } from './dom.js';

async function call(method, path, params, body, contentType, headers) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) { for (const x of v) url.searchParams.append(k, x); } else url.searchParams.set(k, String(v));
  }
  busy(+1);
  try {
    const init = { method, headers: { Accept: 'application/json', ...headers } };
    if (body !== undefined) {
      init.body = body;
      init.headers['Content-Type'] = contentType || 'application/json';
    }
    const res = await fetch(url, init);
    let data = null;
    try { data = await res.json(); } catch { /* not JSON */ }
    if (!res.ok || (data && typeof data.error === 'string' && !('result' in data) && !('data' in data))) {
      const err = new Error((data && data.error) || `${res.status} ${res.statusText}`);
      err.status = res.status;
      err.data = data;
      throw err;
    }
    return data;
  } finally {
    busy(-1);
  }
}

const get = (path, params) => call('GET', path, params);

export const api = {
  search: (q, types, limit = 8) => get('/api/explore/search', { q, type: types, limit }),
  node: (id) => get('/api/explore/node', { id }),
  neighbours: (params) => get('/api/explore/neighbours', params),
  subgraph: (ids) => call('POST', '/api/explore/subgraph', null, JSON.stringify({ ids })),
  paths: (from, to, maxHops, k) => get('/api/explore/paths', { from, to, max_hops: maxHops, k }),
  edge: (subject, predicate, object) => get('/api/explore/edge', { subject, predicate, object }),
  document: (id) => get('/api/explore/document', { id }),
  timeline: (doc) => get('/api/explore/timeline', { doc }),
  stats: () => get('/api/explore/stats'),
  // query runs a Cayley query through the v1 endpoint, the query as the raw body.
  query: (lang, text, limit) => call('POST', `/api/v1/query/${encodeURIComponent(lang)}`, { limit }, text, 'text/plain'),
};

// Documents are read often (every evidence click): keep them.
const docCache = new Map();
export function getDocument(id) {
  if (!docCache.has(id)) {
    const p = api.document(id);
    docCache.set(id, p);
    p.catch(() => docCache.delete(id));
  }
  return docCache.get(id);
}

// ---- curation: every change needs a token (Authorization: Bearer), asked
// once and kept for the session in sessionStorage. The panel supplies the
// asking (setTokenAsker); a refused token is forgotten and asked again once.
const TOKEN_KEY = 'newsgraph.token';
let askToken = async () => null;
export function setTokenAsker(f) { askToken = f; }

async function write(path, body) {
  for (let attempt = 0; ; attempt++) {
    let token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      token = await askToken(attempt > 0);
      if (!token) throw new Error('Changing the graph needs a token.');
      sessionStorage.setItem(TOKEN_KEY, token);
    }
    try {
      const res = await call('POST', path, null, JSON.stringify(body), 'application/json', { Authorization: `Bearer ${token}` });
      docCache.clear(); // an article's facts may have changed
      return res;
    } catch (err) {
      if (err.status === 401) sessionStorage.removeItem(TOKEN_KEY);
      if (err.status !== 401 || attempt > 0) throw err;
    }
  }
}

export const curation = {
  // fact: {subject, predicate, object, doc?}
  accept: (fact) => write('/api/curation/accept', fact),
  reject: (fact) => write('/api/curation/reject', fact),
  edit: (fact, newObject) => write('/api/curation/edit', { ...fact, new_object: newObject }),
  merge: (into, from) => write('/api/curation/merge', { into, from }),
  unmerge: (from, into) => write('/api/curation/unmerge', { from, into }),
  history: (node) => get('/api/curation/history', { node }),
  log: (limit, offset) => get('/api/curation/log', { limit, offset }),
};
