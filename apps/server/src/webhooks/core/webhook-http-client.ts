import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import { isIP } from 'node:net';
import {
  classifyAddress,
  isAddressAllowed,
  type AttemptErrorCode,
  type AttemptResult,
  type TargetPolicy,
  type WebhookUrl,
} from '#domain';

/** Kept in the delivery log per attempt. */
export const SNIPPET_BYTES = 4096;
/** Reading stops and the connection is closed beyond this: a receiver's answer is a status, not a download. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface PostRequest {
  url: WebhookUrl;
  /** The addresses `url.hostname` resolved to, all allowed by the policy: the only ones connected to. */
  addresses: readonly string[];
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: TargetPolicy;
  signal?: AbortSignal;
}

export interface PostResult {
  result: AttemptResult;
  /** Status line and first bytes of the answer, or what went wrong. */
  snippet: string | null;
  truncated: boolean;
  error: string | null;
  remoteAddress: string | null;
}

class AttemptError extends Error {
  constructor(
    readonly code: AttemptErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One webhook POST. Connects to the vetted address with the URL's host name for the Host header, SNI and
 * certificate check (a custom `lookup` pins the address, so a second DNS answer can't redirect it), checks
 * the connected address again, never follows redirects (node:http doesn't), bounds the whole exchange by
 * `timeoutMs` and reads at most MAX_RESPONSE_BYTES of the answer.
 */
export function postWebhook(req: PostRequest): Promise<PostResult> {
  return new Promise((resolve) => {
    const request = (req.url.protocol === 'https:' ? https : http).request(requestOptions(req));
    const remote = checkConnectedAddress(request, req.policy);
    const stop = (error: AttemptError): void => void request.destroy(error);
    const timer = setTimeout(
      () => stop(new AttemptError('timeout', `no complete answer within ${req.timeoutMs} ms`)),
      req.timeoutMs,
    );
    const onAbort = (): void => stop(new AttemptError('aborted', 'attempt aborted (shutdown)'));
    let settled = false;
    const finish = (result: PostResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve({ ...result, remoteAddress: remote.address });
    };
    const fail = (error: unknown): void => {
      const e = toAttemptError(error);
      finish({
        result: { kind: 'error', code: e.code },
        snippet: null,
        truncated: false,
        error: e.message,
        remoteAddress: null,
      });
    };
    req.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', fail);
    request.on('response', (res) => readResponse(res, request, finish, fail));
    if (req.signal?.aborted) onAbort();
    else request.end(req.body);
  });
}

/** Checks the address the socket actually connected to (belt and braces behind the pinned lookup). */
function checkConnectedAddress(
  request: http.ClientRequest,
  policy: TargetPolicy,
): { address: string | null } {
  const remote: { address: string | null } = { address: null };
  request.on('socket', (socket: Socket) =>
    socket.once('connect', () => {
      remote.address = socket.remoteAddress ?? null;
      if (remote.address === null || !isAddressAllowed(classifyAddress(remote.address), policy))
        request.destroy(
          new AttemptError('address_refused', `connected to ${remote.address}, which is not allowed`),
        );
    }),
  );
  return remote;
}

function requestOptions(req: PostRequest): https.RequestOptions {
  const target = new URL(req.url.href);
  const vetted = req.addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  // Answers the socket's name lookup with the vetted addresses instead of asking DNS again; with
  // autoSelectFamily (Node ≥ 20) the socket tries each of them in turn.
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, vetted);
    else callback(null, vetted[0].address, vetted[0].family);
  };
  return {
    method: 'POST',
    hostname: req.url.hostname,
    port: req.url.port,
    path: `${target.pathname}${target.search}`,
    headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
    lookup: pinned,
    // One connection per attempt: a pooled socket would outlive the address check it was made under.
    agent: false,
  };
}

function readResponse(
  res: IncomingMessage,
  request: http.ClientRequest,
  finish: (r: PostResult) => void,
  fail: (e: unknown) => void,
): void {
  const chunks: Buffer[] = [];
  let kept = 0;
  let total = 0;
  const done = (truncated: boolean): void => {
    const retryAfter = res.headers['retry-after'];
    const text = Buffer.concat(chunks).toString('utf8').replaceAll('\u0000', '');
    finish({
      result: { kind: 'response', status: res.statusCode ?? 0, retryAfter: retryAfter ?? null },
      snippet: text === '' ? null : text,
      truncated,
      error: null,
      remoteAddress: null,
    });
  };
  res.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (kept < SNIPPET_BYTES) {
      const slice = chunk.subarray(0, SNIPPET_BYTES - kept);
      chunks.push(slice);
      kept += slice.length;
    }
    if (total > MAX_RESPONSE_BYTES) {
      done(true);
      request.destroy();
    }
  });
  res.on('end', () => done(total > SNIPPET_BYTES));
  res.on('error', fail);
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_OSSL)/;

function toAttemptError(error: unknown): AttemptError {
  if (error instanceof AttemptError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return new AttemptError('connect', message);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE')
    return new AttemptError('reset', message);
  if (code === 'ETIMEDOUT') return new AttemptError('timeout', message);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new AttemptError('dns', message);
  if (code.startsWith('HPE_')) return new AttemptError('protocol', message);
  if (TLS_CODE.test(code)) return new AttemptError('tls', message);
  return new AttemptError('connect', message);
}
