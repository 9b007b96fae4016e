/**
 * Ordering rules for webhook deliveries (PEERS.md §5.D item 20: "per-alarm sequence … so receivers can
 * order events"). Deliveries that share an ordering key go out one at a time, in `seq` order, per
 * endpoint: a later one waits until every earlier one has succeeded or been dead-lettered. Different keys
 * never wait for each other, so one stuck alarm cannot hold back the rest of an endpoint's traffic.
 *
 * - alarm.*: key = the alarm, seq = its per-alarm `sequence` (CONTRACT.md §2);
 * - device.*: key = the device, seq = the event id (its state changes are written under the device row's
 *   lock, so id order is commit order);
 * - risk.*: key = the asset, seq = the event id (same reasoning, asset_risk row);
 * - incident.*: key = the incident; anything else is its own key (no ordering constraint).
 *
 * The gate itself ("no lower seq of the same endpoint and key still pending") is one NOT EXISTS in the
 * dispatcher's claim query, so PostgreSQL applies it under the same row locks that hand out the work.
 */

export interface OrderableEvent {
  /** platform_events.id (a bigint, as a number: ids fit in 2^53). */
  id: number;
  type: string;
  alarmId: string | null;
  data: Readonly<Record<string, unknown>>;
}

export interface DeliveryOrder {
  key: string;
  seq: number;
}

/** The ordering key and position of an event's deliveries. */
export function deliveryOrder(event: OrderableEvent): DeliveryOrder {
  const family = event.type.split('.')[0];
  const data = event.data;
  if (family === 'alarm') {
    const alarmId = event.alarmId ?? stringOf(data.alarmId);
    if (alarmId !== undefined && isPositiveInteger(data.sequence))
      return { key: `alarm:${alarmId}`, seq: data.sequence };
  }
  if (family === 'device' && stringOf(data.deviceId) !== undefined)
    return { key: `device:${stringOf(data.deviceId)}`, seq: event.id };
  if (family === 'risk' && stringOf(data.assetId) !== undefined)
    return { key: `risk:${stringOf(data.assetId)}`, seq: event.id };
  if (family === 'incident' && stringOf(data.incidentId) !== undefined)
    return { key: `incident:${stringOf(data.incidentId)}`, seq: event.id };
  return { key: `event:${event.id}`, seq: event.id };
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
