// The explorer's API client: one function per endpoint of /api/explore/
// (see /api/openapi.json). Errors become thrown Errors with the server's message.
import { busy } from './dom.js';

async function call(method, path, params, body, contentType) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) { for (const x of v) url.searchParams.append(k, x); } else url.searchParams.set(k, String(v));
  }
  busy(+1);
  try {
    const init = { method, headers: { Accept: 'application/json' } };
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
