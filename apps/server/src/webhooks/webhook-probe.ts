import { startWebhookReceiver, type ReceiverAnswer, type WebhookReceiver } from './reference-receiver.js';

/**
 * For the benchmark (BENCHMARKS.md metric 3, workload A) and manual checks: a verifying receiver on
 * this machine registered as a webhook endpoint through the API, and a summary of what reached it —
 * reading → webhook latency (alarm.raised `occurredAt` → arrival), missed, duplicate and out-of-order
 * deliveries. The server must allow loopback targets (WEBHOOK_ALLOW_LOOPBACK=true).
 */
export interface WebhookProbeOptions {
  /** Base URL of the API process, e.g. http://127.0.0.1:3000. */
  apiUrl: string;
  /** An admin/operator token, or a utility token of `ownerUnitId`. */
  token: string;
  ownerUnitId: string;
  eventTypes?: string[];
  /** Receiver address; 127.0.0.1 and a free port by default. */
  host?: string;
  port?: number;
  answer?: (d: { webhookId: string }) => ReceiverAnswer;
}

export interface LatencySummary {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export interface ProbeSummary {
  received: number;
  unique: number;
  duplicates: number;
  outOfOrder: number;
  rejected: number;
  /** alarm.raised webhooks that arrived, by alarm id (compare with the alarms raised: missed = raised − these). */
  raisedAlarmIds: ReadonlySet<string>;
  readingToWebhookMs: LatencySummary;
}

export interface WebhookProbe {
  endpointId: string;
  receiver: WebhookReceiver;
  summary(): ProbeSummary;
  /** Deletes the endpoint and stops the receiver. */
  close(): Promise<void>;
}

export async function attachWebhookProbe(o: WebhookProbeOptions): Promise<WebhookProbe> {
  const receiver = await startWebhookReceiver({ secrets: [], host: o.host, port: o.port, answer: o.answer });
  const registered = await api(o, 'POST', '/api/v1/webhook-endpoints', {
    url: receiver.url,
    ownerUnitId: o.ownerUnitId,
    eventTypes: o.eventTypes ?? ['alarm.*'],
    description: 'webhook probe (benchmark)',
  });
  const { id, secret } = registered as { id: string; secret: string };
  receiver.setSecrets([secret]);
  return {
    endpointId: id,
    receiver,
    summary: () => summarise(receiver),
    close: async () => {
      await api(o, 'DELETE', `/api/v1/webhook-endpoints/${id}`);
      await receiver.close();
    },
  };
}

function summarise(receiver: WebhookReceiver): ProbeSummary {
  const { received, unique, duplicates, outOfOrder, rejected, readingLatenciesMs } = receiver.stats();
  const raised = receiver.received.filter((d) => d.copy === 1 && d.event.type === 'alarm.raised');
  return {
    received,
    unique,
    duplicates,
    outOfOrder,
    rejected,
    raisedAlarmIds: new Set(raised.map((d) => String(d.event.data.alarmId))),
    readingToWebhookMs: latency(readingLatenciesMs),
  };
}

/** Nearest-rank percentiles of sorted values. */
function latency(sorted: readonly number[]): LatencySummary {
  const at = (q: number): number | null =>
    sorted.length === 0 ? null : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    count: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted.length === 0 ? null : sorted[sorted.length - 1],
  };
}

async function api(o: WebhookProbeOptions, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${o.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${o.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}
