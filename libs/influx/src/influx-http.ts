import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { InfluxError } from './influx-error.js';
import { quoteIdent } from './influxql.js';
import { gzipLines } from './gzip-body.js';
import {
  classifyNetworkError,
  classifyWriteResponse,
  errorMessage,
  type WriteOutcome,
} from './write-outcome.js';

/**
 * Where and how to reach InfluxDB. The same settings work for 1.x (database), 2.x (database mapped to a
 * bucket by DBRP, token auth) and 3.x (database), because only the v1 `/write` and `/query` endpoints are
 * used (docs/decisions/0002-influx-write-path.md).
 */
export interface InfluxConfig {
  /** Base URL, e.g. `http://127.0.0.1:8086`; a path prefix (reverse proxy) is kept. */
  url: string;
  database: string;
  /** Retention policy (1.x) or the `rp` half of a 2.x DBRP mapping; the server default when absent. */
  retentionPolicy?: string;
  /** 2.x/3.x API token, sent as `Authorization: Token <token>`. Takes precedence over username/password. */
  token?: string;
  /** 1.x credentials (or 2.x v1-auth), sent as HTTP Basic. */
  username?: string;
  password?: string;
  /** A request with no socket activity for this long fails as `unavailable`. */
  timeoutMs: number;
  /** Keep-alive sockets kept per host; at least the writer's in-flight limit plus probes and queries. */
  maxSockets?: number;
}

/** One series of an InfluxQL answer (`epoch=ms`, so `time` columns are numbers). */
export interface InfluxSeries {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface QueryAnswer {
  error?: string;
  results?: { error?: string; series?: InfluxSeries[] }[];
}

/** A small client for the v1 HTTP endpoints every InfluxDB generation speaks. */
export class InfluxHttp {
  private readonly agent: http.Agent;
  private readonly transport: typeof http | typeof https;
  private readonly base: URL;
  private readonly basePath: string;
  private readonly auth: OutgoingHttpHeaders;
  private readonly writePath: string;

  constructor(readonly config: InfluxConfig) {
    if (!(config.timeoutMs > 0)) throw new InfluxError('invalid_config', 'timeoutMs must be positive');
    this.base = new URL(config.url);
    this.transport = this.base.protocol === 'https:' ? https : http;
    // keepAlive: one TCP connection per in-flight batch, reused, instead of a handshake per batch.
    const agentOptions = { keepAlive: true, maxSockets: config.maxSockets ?? 16 };
    this.agent =
      this.base.protocol === 'https:' ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
    this.basePath = this.base.pathname.replace(/\/+$/, '');
    this.auth = authHeaders(config);
    const rp = config.retentionPolicy ? `&rp=${encodeURIComponent(config.retentionPolicy)}` : '';
    this.writePath = `${this.basePath}/write?db=${encodeURIComponent(config.database)}${rp}&precision=ms`;
  }

  /** POSTs an already gzipped line-protocol body (`precision=ms`). Never rejects: failures are outcomes. */
  async writeGzipped(body: Buffer): Promise<WriteOutcome> {
    const headers = { ...this.auth, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Encoding': 'gzip' };
    try {
      const answer = await this.exchange('POST', this.writePath, body, headers);
      return classifyWriteResponse(answer.status, answer.body);
    } catch (err) {
      return classifyNetworkError(err);
    }
  }

  /** Gzips and writes lines; for tests, scripts and low-rate callers (the writer batches itself). */
  async writeLines(lines: readonly string[]): Promise<WriteOutcome> {
    return this.writeGzipped(await gzipLines(lines));
  }

  /** Runs one read-only InfluxQL statement (GET) and returns its series; throws `query_failed`. */
  async query(influxql: string): Promise<InfluxSeries[]> {
    return this.runQuery('GET', influxql);
  }

  /** Runs one statement that changes state (`CREATE`, `DROP`): 1.x accepts those only by POST. */
  async command(influxql: string): Promise<void> {
    await this.runQuery('POST', influxql);
  }

  /** True when the server answers `/ping` with 2xx (204 on 1.x/2.x, 200 on 3.x). */
  async ping(): Promise<boolean> {
    try {
      const answer = await this.exchange('GET', `${this.basePath}/ping`, undefined, this.auth);
      return answer.status >= 200 && answer.status < 300;
    } catch {
      return false;
    }
  }

  /**
   * Creates the database on 1.x (idempotent there). 2.x maps databases to buckets and refuses
   * `CREATE DATABASE`, 3.x creates databases on first write: there the refusal is expected and ignored.
   * Returns whether the server accepted the statement.
   */
  async ensureDatabase(): Promise<boolean> {
    try {
      await this.command(`CREATE DATABASE ${quoteIdent(this.config.database)}`);
      return true;
    } catch (err) {
      if (err instanceof InfluxError && err.code === 'query_failed') return false;
      throw err;
    }
  }

  /** Closes the idle keep-alive sockets; in-flight requests finish. */
  close(): void {
    this.agent.destroy();
  }

  private async runQuery(method: 'GET' | 'POST', influxql: string): Promise<InfluxSeries[]> {
    const params = new URLSearchParams({ db: this.config.database, epoch: 'ms', q: influxql });
    if (this.config.retentionPolicy) params.set('rp', this.config.retentionPolicy);
    let answer: HttpAnswer;
    try {
      answer = await this.exchange(
        method,
        `${this.basePath}/query?${params.toString()}`,
        undefined,
        this.auth,
      );
    } catch (err) {
      throw new InfluxError('store_unavailable', `InfluxDB query failed: ${String(err)}`, { cause: err });
    }
    if (answer.status < 200 || answer.status >= 300) {
      const code = answer.status >= 500 || answer.status === 429 ? 'store_unavailable' : 'query_failed';
      throw new InfluxError(
        code,
        `InfluxDB query refused (HTTP ${answer.status}): ${errorMessage(answer.body)}`,
        {
          status: answer.status,
        },
      );
    }
    return firstResult(answer.body);
  }

  private exchange(
    method: string,
    path: string,
    body: Buffer | undefined,
    headers: OutgoingHttpHeaders,
    retryStale = true,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const req = this.transport.request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname,
          port: this.base.port,
          method,
          path,
          headers,
          agent: this.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(this.config.timeoutMs, () => {
        req.destroy(
          new InfluxError('store_unavailable', `no answer from InfluxDB within ${this.config.timeoutMs} ms`),
        );
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A keep-alive socket the server closed while idle fails on reuse with ECONNRESET; Node's docs
        // (http.ClientRequest#reusedSocket) recommend one retry on a fresh socket. Writes and queries are
        // idempotent (InfluxDB overwrites an identical point), so the retry cannot duplicate data.
        if (retryStale && req.reusedSocket && err.code === 'ECONNRESET') {
          this.exchange(method, path, body, headers, false).then(resolve, reject);
          return;
        }
        reject(err);
      });
      req.end(body);
    });
  }
}

function authHeaders(config: InfluxConfig): OutgoingHttpHeaders {
  if (config.token) return { Authorization: `Token ${config.token}` };
  if (config.username !== undefined) {
    const basic = Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64');
    return { Authorization: `Basic ${basic}` };
  }
  return {};
}

function firstResult(body: string): InfluxSeries[] {
  let parsed: QueryAnswer;
  try {
    parsed = JSON.parse(body) as QueryAnswer;
  } catch (err) {
    throw new InfluxError('query_failed', 'InfluxDB answered a query with something other than JSON', {
      cause: err,
    });
  }
  const error = parsed.error ?? parsed.results?.[0]?.error;
  if (error !== undefined) throw new InfluxError('query_failed', `InfluxDB query failed: ${error}`);
  return parsed.results?.[0]?.series ?? [];
}
