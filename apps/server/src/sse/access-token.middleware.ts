import type { IncomingMessage, ServerResponse } from 'node:http';

interface UrlRequest extends IncomingMessage {
  originalUrl?: string;
}

/**
 * `GET /api/v1/events?access_token=…`: browsers' EventSource cannot set an Authorization header, so on
 * this one route the token may come in the query (RFC 6750 §2.3, "URI Query Parameter"). It is moved
 * into the header for the global auth guard and cut from the URL so it never reaches the access log.
 * Prefer the header wherever the client can set it: a URL can end up in proxies' and browsers' histories.
 */
export function accessTokenFromQuery(req: UrlRequest, _res: ServerResponse, next: () => void): void {
  const url = new URL(req.url ?? '/', 'http://local');
  const token = url.searchParams.get('access_token');
  if (token !== null) {
    url.searchParams.delete('access_token');
    const stripped = `${url.pathname}${url.search}`;
    if (req.headers.authorization === undefined) req.headers.authorization = `Bearer ${token}`;
    if (req.originalUrl !== undefined) req.originalUrl = req.originalUrl.split('?')[0] + url.search;
    req.url = stripped;
  }
  next();
}
