// A view as a URL: the nodes on the canvas with their positions, the
// filters and the viewport, as base64url JSON in the fragment (#view=…),
// so nothing is sent to the server until the link is opened.

function toB64url(str) {
  const bytes = new TextEncoder().encode(str);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

// encodeView makes the fragment for a view.
export function encodeView(view) {
  return 'view=' + toB64url(JSON.stringify(view));
}

// decodeView reads a view from location.hash, or returns null.
export function decodeView(hash) {
  const m = /(?:^#|&)view=([A-Za-z0-9_-]+)/.exec(hash || '');
  if (!m) return null;
  try {
    const v = JSON.parse(fromB64url(m[1]));
    if (!v || v.v !== 1 || !Array.isArray(v.n)) return null;
    return v;
  } catch {
    return null;
  }
}
