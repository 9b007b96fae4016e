import type { Insertable, Selectable } from 'kysely';
import type { Domain, RiskLevel } from '#contracts';
import { deliveryOrder, matchesEndpoint, type EndpointFilter } from '#domain';
import type { PlatformEventTable, WebhookDeliveryTable } from '#postgres';
import { messageIdFor } from './signing.js';

/** A platform_events row as the fan-out reads it. */
export interface OutboxEvent {
  id: number;
  type: string;
  at: Date;
  ownerUnitId: string | null;
  domain: string | null;
  alarmId: string | null;
  suppressed: boolean;
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

/** The platform_events columns the fan-out reads. */
export const OUTBOX_COLUMNS = [
  'id',
  'type',
  'at',
  'owner_unit_id',
  'domain',
  'alarm_id',
  'suppressed',
  'payload',
] as const;

type OutboxRow = Pick<Selectable<PlatformEventTable>, (typeof OUTBOX_COLUMNS)[number]>;

export function toOutboxEvent(r: OutboxRow): OutboxEvent {
  return {
    id: Number(r.id),
    type: r.type,
    at: r.at,
    ownerUnitId: r.owner_unit_id,
    domain: r.domain,
    alarmId: r.alarm_id,
    suppressed: r.suppressed,
    payload: r.payload,
  };
}

/** An endpoint's filter, as the fan-out needs it. */
export interface FanOutEndpoint {
  id: string;
  startAfterEventId: number;
  filter: EndpointFilter;
}

export type NewDelivery = Insertable<WebhookDeliveryTable>;

/**
 * The deliveries `events` give rise to: one per (matching endpoint, event), each with its stable
 * webhook-id, ordering key and the exact body — the PlatformEvent envelope, `{type, timestamp, data}`
 * (CONTRACT.md §2), serialised once here so every attempt sends and signs the same bytes.
 * With `ignoreStart`, events from before an endpoint's creation count too (range replay).
 */
export function deliveriesFor(
  events: readonly OutboxEvent[],
  endpoints: readonly FanOutEndpoint[],
  options: { ignoreStart?: boolean } = {},
): NewDelivery[] {
  const rows: NewDelivery[] = [];
  for (const event of events) {
    const filterable = { ...event, data: event.payload.data };
    for (const endpoint of endpoints) {
      if (!options.ignoreStart && event.id <= endpoint.startAfterEventId) continue;
      if (matchesEndpoint(endpoint.filter, filterable)) rows.push(deliveryRow(endpoint.id, event));
    }
  }
  return rows;
}

function deliveryRow(endpointId: string, event: OutboxEvent): NewDelivery {
  const { type, timestamp, data } = event.payload;
  const order = deliveryOrder({ id: event.id, type, alarmId: event.alarmId, data });
  return {
    endpoint_id: endpointId,
    event_id: event.id,
    kind: 'event',
    message_id: messageIdFor(endpointId, event.id),
    event_type: type,
    event_at: new Date(timestamp),
    alarm_id: event.alarmId,
    order_key: order.key,
    order_seq: order.seq,
    body: JSON.stringify({ type, timestamp, data }),
    reading_at: readingAtOf(type, data),
    status: 'pending',
  };
}

/**
 * The time of the reading behind an event, for the reading → delivery latency: `data.readingAt` when the
 * writer gives it, else an alarm.raised's `occurredAt` (the rule engine raises on a reading, at its time).
 */
export function readingAtOf(type: string, data: Record<string, unknown>): Date | null {
  const text =
    typeof data.readingAt === 'string'
      ? data.readingAt
      : type === 'alarm.raised'
        ? data.occurredAt
        : undefined;
  if (typeof text !== 'string') return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The filter of a stored endpoint row. */
export function filterOf(row: {
  owner_unit_id: string;
  event_types: string[];
  levels: string[];
  domains: string[];
}): EndpointFilter {
  return {
    ownerUnitId: row.owner_unit_id,
    eventTypes: row.event_types,
    levels: row.levels as RiskLevel[],
    domains: row.domains as Domain[],
  };
}
