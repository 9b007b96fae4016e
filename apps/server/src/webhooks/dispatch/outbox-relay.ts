import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import {
  deliveriesFor,
  filterOf,
  OUTBOX_COLUMNS,
  toOutboxEvent,
  type FanOutEndpoint,
  type OutboxEvent,
} from '../core/delivery-rows.js';
import { WebhookEndpointsRepository } from '../core/webhook-endpoints.repository.js';

/** PostgreSQL channel announcing new deliveries (every dispatcher process wakes up). */
export const WEBHOOK_DELIVERY_CHANNEL = 'webhook_delivery';
/** Events fanned out per transaction. */
export const RELAY_BATCH = 500;

/**
 * Fans platform_events (the transactional outbox) out into per-endpoint delivery rows. The cursor row is
 * locked for the whole batch, so relays in several processes take turns and each event is fanned out
 * once, in id order; deliveries are unique per (endpoint, event) besides. EventsService.append makes
 * commit order equal id order, so the cursor never passes an event that commits later.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly endpoints: WebhookEndpointsRepository,
  ) {}

  /** Relays until the log is drained; returns the number of deliveries created. */
  async drain(): Promise<number> {
    let created = 0;
    for (;;) {
      const batch = await this.relayBatch();
      created += batch.created;
      if (batch.events < RELAY_BATCH) return created;
    }
  }

  private async relayBatch(): Promise<{ events: number; created: number }> {
    return this.db.transaction().execute(async (trx) => {
      const cursor = await trx
        .selectFrom('webhook_relay')
        .select('last_event_id')
        .where('id', '=', 1)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const events = await this.eventsAfter(trx, Number(cursor.last_event_id));
      if (events.length === 0) return { events: 0, created: 0 };
      const rows = deliveriesFor(events, await this.fanOutEndpoints(trx));
      let created = 0;
      if (rows.length > 0) {
        const inserted = await trx
          .insertInto('webhook_deliveries')
          .values(rows)
          .onConflict((oc) => oc.columns(['endpoint_id', 'event_id']).doNothing())
          .returning('id')
          .execute();
        created = inserted.length;
        if (created > 0) await sql`select pg_notify(${WEBHOOK_DELIVERY_CHANNEL}, '')`.execute(trx);
      }
      await trx
        .updateTable('webhook_relay')
        .set({ last_event_id: events[events.length - 1].id, updated_at: sql`now()` })
        .where('id', '=', 1)
        .execute();
      return { events: events.length, created };
    });
  }

  private async eventsAfter(trx: Db, cursor: number): Promise<OutboxEvent[]> {
    const rows = await trx
      .selectFrom('platform_events')
      .select(OUTBOX_COLUMNS)
      .where('id', '>', String(cursor))
      .orderBy('id')
      .limit(RELAY_BATCH)
      .execute();
    return rows.map(toOutboxEvent);
  }

  private async fanOutEndpoints(trx: Db): Promise<FanOutEndpoint[]> {
    return (await this.endpoints.fanOutTargets(trx)).map((row) => ({
      id: row.id,
      startAfterEventId: Number(row.start_after_event_id),
      filter: filterOf(row),
    }));
  }
}
