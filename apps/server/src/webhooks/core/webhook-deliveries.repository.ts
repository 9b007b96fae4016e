import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { Db, WebhookAttemptTable, WebhookDeliveryTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import { OUTBOX_COLUMNS, toOutboxEvent, type NewDelivery, type OutboxEvent } from './delivery-rows.js';
import { isUuid } from './webhook-endpoints.repository.js';

export type DeliveryRow = Selectable<WebhookDeliveryTable> & { owner_unit_id: string };
export type AttemptRow = Selectable<WebhookAttemptTable>;

export interface DeliveryFilter {
  /** A utility token's unit: only deliveries of its endpoints. */
  ownerUnitId?: string;
  endpointId?: string;
  status?: 'pending' | 'succeeded' | 'dead';
  eventType?: string;
  alarmId?: string;
  /** Event time range [from, to). */
  from?: Date;
  to?: Date;
  /** Keyset paging, newest first: deliveries with a smaller id. */
  beforeId?: number;
  limit: number;
}

/** The delivery log (webhook_deliveries + webhook_attempts) and the replays that re-queue deliveries. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async list(f: DeliveryFilter): Promise<DeliveryRow[]> {
    if (
      (f.endpointId !== undefined && !isUuid(f.endpointId)) ||
      (f.alarmId !== undefined && !isUuid(f.alarmId))
    )
      return [];
    let q = this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .selectAll('d')
      .select('e.owner_unit_id');
    if (f.ownerUnitId !== undefined) q = q.where('e.owner_unit_id', '=', f.ownerUnitId);
    if (f.endpointId !== undefined) q = q.where('d.endpoint_id', '=', f.endpointId);
    if (f.status !== undefined) q = q.where('d.status', '=', f.status);
    if (f.eventType !== undefined) q = q.where('d.event_type', '=', f.eventType);
    if (f.alarmId !== undefined) q = q.where('d.alarm_id', '=', f.alarmId);
    if (f.from !== undefined) q = q.where('d.event_at', '>=', f.from);
    if (f.to !== undefined) q = q.where('d.event_at', '<', f.to);
    if (f.beforeId !== undefined) q = q.where('d.id', '<', f.beforeId);
    return q.orderBy('d.id', 'desc').limit(f.limit).execute();
  }

  async find(id: number, ownerUnitId?: string): Promise<DeliveryRow | undefined> {
    let q = this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
      .selectAll('d')
      .select('e.owner_unit_id')
      .where('d.id', '=', id);
    if (ownerUnitId !== undefined) q = q.where('e.owner_unit_id', '=', ownerUnitId);
    return q.executeTakeFirst();
  }

  /** Attempts of the given deliveries, in attempt order. */
  async attemptsOf(deliveryIds: readonly number[]): Promise<AttemptRow[]> {
    if (deliveryIds.length === 0) return [];
    return this.db
      .selectFrom('webhook_attempts')
      .selectAll()
      .where('delivery_id', 'in', [...deliveryIds])
      .orderBy('delivery_id')
      .orderBy('number')
      .execute();
  }

  /** Queues one delivery again at once, with its webhook-id, from the start of the retry schedule. */
  async requeue(id: number, trx: Db): Promise<void> {
    await trx
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: sql`now()`, round_attempts: 0, completed_at: null })
      .where('id', '=', id)
      .execute();
  }

  /** Range replay: queues the events' deliveries again, creating those that never existed. */
  async upsertForReplay(rows: readonly NewDelivery[], trx: Db): Promise<number> {
    if (rows.length === 0) return 0;
    const done = await trx
      .insertInto('webhook_deliveries')
      .values([...rows])
      .onConflict((oc) =>
        oc.columns(['endpoint_id', 'event_id']).doUpdateSet({
          status: 'pending',
          next_attempt_at: sql`now()`,
          round_attempts: 0,
          completed_at: null,
        }),
      )
      .returning('id')
      .execute();
    return done.length;
  }

  /** Events of one owner unit with event time in [from, to), in id order, at most `limit`. */
  async eventsInRange(ownerUnitId: string, from: Date, to: Date, limit: number): Promise<OutboxEvent[]> {
    const rows = await this.db
      .selectFrom('platform_events')
      .select(OUTBOX_COLUMNS)
      .where('owner_unit_id', '=', ownerUnitId)
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toOutboxEvent);
  }
}
