/**
 * Calls to the Lifeline API with the session's bearer token. Failures become ApiError with the fields of
 * the RFC 9457 problem document the server answers with (CONTRACT.md §3).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

type Query = Readonly<Record<string, string | number | boolean | undefined | null>>;

let bearer: string | null = null;
let onUnauthorized: () => void = () => undefined;

export function setBearer(token: string | null): void {
  bearer = token;
}

/** Called whenever the API answers 401: the token was revoked. */
export function handleUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** For callers that fetch on their own (the event stream): report a 401. */
export function handleUnauthorizedResponse(): void {
  onUnauthorized();
}

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

export function authHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return bearer ? { ...extra, Authorization: `Bearer ${bearer}` } : extra;
}

async function send(method: string, path: string, query: Query, body?: unknown): Promise<Response> {
  const headers = authHeaders(body === undefined ? {} : { 'Content-Type': 'application/json' });
  const res = await fetch(apiUrl(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.ok) return res;
  if (res.status === 401) onUnauthorized();
  throw await toApiError(res);
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const problem = JSON.parse(text) as { detail?: string; title?: string; code?: string };
    return new ApiError(res.status, problem.detail ?? problem.title ?? res.statusText, problem.code);
  } catch {
    return new ApiError(res.status, text.trim() || res.statusText);
  }
}

export async function apiGet<T>(path: string, query: Query = {}): Promise<T> {
  return (await send('GET', path, query)).json() as Promise<T>;
}

export async function apiPost<T>(path: string, body: unknown): Promise<T> {
  const res = await send('POST', path, {}, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export async function apiBlob(path: string, query: Query = {}): Promise<Blob> {
  return (await send('GET', path, query)).blob();
}

/**
 * Follows `nextCursor` until the last page (the API's keyset paging, at most 1,000 per page), or until
 * `maxItems` are in.
 */
export async function fetchAllPages<P extends { nextCursor: string | null }, I>(
  path: string,
  query: Query,
  items: (page: P) => I[],
  maxItems = Number.POSITIVE_INFINITY,
): Promise<I[]> {
  const all: I[] = [];
  let cursor: string | null = null;
  do {
    const page: P = await apiGet<P>(path, { ...query, limit: 1000, cursor: cursor ?? undefined });
    all.push(...items(page));
    cursor = page.nextCursor;
  } while (cursor && all.length < maxItems);
  return all;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
