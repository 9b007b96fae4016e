/**
 * The console's Content-Security-Policy: everything from this origin only, plus map tiles from the
 * configured tile host. Leaflet and Preact set styles through the CSSOM (`element.style`), which CSP does
 * not restrict, so no 'unsafe-inline' is needed; small assets Vite inlines arrive as data: images, and
 * the printable report opened from a Blob URL brings its stylesheet as a blob: (never scripts).
 */
export function consoleCsp(tileUrl: string | undefined): string {
  const tiles = tileUrl ? ` ${tileSource(tileUrl)}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' blob:",
    `img-src 'self' data: blob:${tiles}`,
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** CSP source of a tile template's host: `https://{s}.tile.example.org/{z}/…` → `https://*.tile.example.org`. */
export function tileSource(tileUrl: string): string {
  const match = /^(https?):\/\/([^/]+)/.exec(tileUrl);
  if (!match) throw new Error(`not an http(s) tile URL: ${tileUrl}`);
  const host = match[2].replace(/^\{s\}\./, '*.');
  return `${match[1]}://${host}`;
}
