import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/**
 * A Standard Webhooks receiver as a utility would write one (docs/webhooks.md), for the local demo, the
 * benchmark (reading → webhook latency, missed and duplicate deliveries, order per alarm) and the tests.
 * Every request is verified with the `standardwebhooks` library against the raw body; a bad signature
 * is answered 401 and counted, never recorded as received.
 */

export interface ReceivedWebhook {
  webhookId: string;
  /** `webhook-timestamp`, Unix seconds. */
  timestamp: number;
  /** `webhook-signature` as sent (space-separated `v1,…` entries). */
  signature: string;
  /** The raw body, exactly as received. */
  body: string;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
  /** Epoch ms at arrival. */
  receivedAt: number;
  /** 1 for the first request carrying this webhook-id, 2 for its first repeat, … */
  copy: number;
  /** The Authorization header, when the endpoint URL carried credentials. */
  authorization?: string;
}

export interface ReceiverAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A string, or a number of bytes of filler. */
  body?: string | number;
  /** Stream filler until the client hangs up, instead of `body`. */
  endless?: boolean;
  delayMs?: number;
}

export interface ReceiverOptions {
  /** Secrets accepted (a receiver in the middle of a rotation accepts both). */
  secrets: string[];
  host?: string;
  port?: number;
  /** How to answer a verified delivery; default 204. */
  answer?: (delivery: ReceivedWebhook) => ReceiverAnswer | Promise<ReceiverAnswer>;
}

export interface ReceiverStats {
  received: number;
  unique: number;
  duplicates: number;
  rejected: number;
  /** Alarm events whose sequence was not above the last one seen for their alarm (first copies only). */
  outOfOrder: number;
  /** alarm.raised: arrival − occurredAt (the reading's time), ms, sorted. */
  readingLatenciesMs: number[];
}

export interface WebhookReceiver {
  url: string;
  readonly received: readonly ReceivedWebhook[];
  stats(): ReceiverStats;
  /** Replaces the accepted secrets (e.g. once the endpoint is registered, or after a rotation). */
  setSecrets(secrets: readonly string[]): void;
  /** Stops listening (connections refused) until `resume()`, on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/** What a receiver has seen: every verified delivery, copies per webhook-id, the last sequence per alarm. */
class Ledger {
  verifiers: Webhook[];
  readonly received: ReceivedWebhook[] = [];
  readonly stats: ReceiverStats = {
    received: 0,
    unique: 0,
    duplicates: 0,
    rejected: 0,
    outOfOrder: 0,
    readingLatenciesMs: [],
  };
  private readonly copies = new Map<string, number>();
  private readonly lastSequence = new Map<string, number>();

  constructor(secrets: readonly string[]) {
    this.verifiers = secrets.map((s) => new Webhook(s));
  }

  /** Verifies and records a request; undefined (and counted as rejected) when no secret verifies it. */
  accept(body: string, headers: IncomingHttpHeaders): ReceivedWebhook | undefined {
    const delivery = verify(this.verifiers, body, headers);
    if (!delivery) {
      this.stats.rejected += 1;
      return undefined;
    }
    delivery.copy = (this.copies.get(delivery.webhookId) ?? 0) + 1;
    this.copies.set(delivery.webhookId, delivery.copy);
    this.received.push(delivery);
    count(this.stats, this.lastSequence, delivery);
    return delivery;
  }
}

/** Starts a verifying receiver on host:port (127.0.0.1, a free port by default). */
export async function startWebhookReceiver(options: ReceiverOptions): Promise<WebhookReceiver> {
  const ledger = new Ledger(options.secrets);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const delivery = ledger.accept(Buffer.concat(chunks).toString('utf8'), req.headers);
      if (!delivery) return void res.writeHead(401).end('bad signature');
      void Promise.resolve(options.answer?.(delivery) ?? { status: 204 }).then((a) => respond(res, a));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await listen(server, host, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}/hooks`,
    received: ledger.received,
    stats: () => ({
      ...ledger.stats,
      readingLatenciesMs: [...ledger.stats.readingLatenciesMs].sort((a, b) => a - b),
    }),
    setSecrets: (secrets) => {
      ledger.verifiers = secrets.map((s) => new Webhook(s));
    },
    pause: () => stopListening(server),
    resume: () => listen(server, host, port),
    close: () => stopListening(server),
  };
}

function verify(
  verifiers: readonly Webhook[],
  body: string,
  headers: IncomingHttpHeaders,
): ReceivedWebhook | undefined {
  const h = {
    'webhook-id': String(headers['webhook-id'] ?? ''),
    'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
    'webhook-signature': String(headers['webhook-signature'] ?? ''),
  };
  for (const verifier of verifiers) {
    try {
      const event = verifier.verify(body, h) as ReceivedWebhook['event'];
      return {
        webhookId: h['webhook-id'],
        timestamp: Number(h['webhook-timestamp']),
        signature: h['webhook-signature'],
        body,
        event,
        receivedAt: Date.now(),
        copy: 1,
        ...(headers.authorization ? { authorization: headers.authorization } : {}),
      };
    } catch {
      // try the next secret
    }
  }
  return undefined;
}

function count(stats: ReceiverStats, lastSequence: Map<string, number>, d: ReceivedWebhook): void {
  stats.received += 1;
  if (d.copy > 1) {
    stats.duplicates += 1;
    return;
  }
  stats.unique += 1;
  const { alarmId, sequence, occurredAt } = d.event.data;
  if (typeof alarmId === 'string' && typeof sequence === 'number') {
    if (sequence <= (lastSequence.get(alarmId) ?? 0)) stats.outOfOrder += 1;
    lastSequence.set(alarmId, Math.max(sequence, lastSequence.get(alarmId) ?? 0));
  }
  if (d.event.type === 'alarm.raised' && typeof occurredAt === 'string')
    stats.readingLatenciesMs.push(d.receivedAt - Date.parse(occurredAt));
}

function respond(res: ServerResponse, a: ReceiverAnswer): void {
  const send = (): void => {
    res.writeHead(a.status, a.headers);
    if (a.endless) streamForever(res);
    else if (typeof a.body === 'number') res.end(Buffer.alloc(a.body, 'x'));
    else res.end(a.body ?? '');
  };
  if (a.delayMs) setTimeout(send, a.delayMs);
  else send();
}

function streamForever(res: ServerResponse): void {
  const chunk = Buffer.alloc(16 * 1024, 'y');
  const push = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', push);
  };
  res.on('close', () => res.removeAllListeners('drain'));
  push();
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
