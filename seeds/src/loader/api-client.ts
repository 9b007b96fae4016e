/**
 * A minimal client for the registry endpoints the loader calls (CONTRACT.md §3): bearer auth, JSON in
 * and out, and RFC 9457 problem documents turned into readable errors.
 */
export interface ProblemDocument {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: { row?: number; field?: string; message?: string }[];
}

/** A non-2xx answer (other than the ones the caller accepts), with the problem document if there was one. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly problem: ProblemDocument | undefined,
    readonly body: string,
  ) {
    super(`${method} ${url} → ${status}${problem?.title ? ` ${problem.title}` : ''}`);
    this.name = 'ApiError';
  }
}

export interface ApiResponse<T> {
  status: number;
  body: T | undefined;
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  baseUrl: string;
  token: string;
  fetch?: FetchLike;
  /** Per-request timeout; a 2,000-device import with secret hashing can take a while. */
  timeoutMs?: number;
}

/** `http://host:3000`, `http://host:3000/` and `http://host:3000/api/v1` all mean the same service. */
export function normalizeBaseUrl(raw: string): string {
  const url = new URL(raw);
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

export class ApiClient {
  /** The service origin (plus any path prefix), without `/api/v1`. */
  readonly origin: string;
  private readonly fetchFn: FetchLike;
  private readonly timeoutMs: number;

  constructor(private readonly options: ApiClientOptions) {
    this.origin = normalizeBaseUrl(options.baseUrl);
    this.fetchFn = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 300_000;
  }

  /** POSTs JSON to `/api/v1{path}`; statuses in `accept` (besides 2xx) are returned, others thrown. */
  async post<T>(path: string, payload: unknown, accept: readonly number[] = []): Promise<ApiResponse<T>> {
    const url = `${this.origin}/api/v1${path}`;
    const response = await this.fetchFn(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.options.token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    const parsed = parseJson(text);
    if (response.ok || accept.includes(response.status))
      return { status: response.status, body: parsed as T | undefined };
    throw new ApiError('POST', url, response.status, isProblem(parsed) ? parsed : undefined, text);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isProblem(value: unknown): value is ProblemDocument {
  return (
    typeof value === 'object' &&
    value !== null &&
    ('title' in value || 'detail' in value || 'status' in value)
  );
}

/** Most field errors shown; a 50k-row import can fail on every row. */
const MAX_FIELD_ERRORS = 20;

/** A readable, multi-line rendering of an API failure for the terminal. */
export function formatApiError(error: ApiError): string {
  const lines = [`${error.method} ${error.url} failed with HTTP ${error.status}`];
  const p = error.problem;
  if (!p) {
    const body = error.body.trim();
    if (body) lines.push(`  ${body.length > 500 ? `${body.slice(0, 500)}…` : body}`);
    return lines.join('\n');
  }
  if (p.title) lines.push(`  ${p.title}${p.code ? ` [${p.code}]` : ''}`);
  if (p.detail) lines.push(`  ${p.detail}`);
  const errors = p.errors ?? [];
  for (const e of errors.slice(0, MAX_FIELD_ERRORS)) {
    const where = [e.row === undefined ? undefined : `row ${e.row}`, e.field].filter(Boolean).join(' · ');
    lines.push(`  - ${where ? `${where}: ` : ''}${e.message ?? '(no message)'}`);
  }
  if (errors.length > MAX_FIELD_ERRORS) lines.push(`  … and ${errors.length - MAX_FIELD_ERRORS} more`);
  return lines.join('\n');
}
