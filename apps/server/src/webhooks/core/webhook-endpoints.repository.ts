import { Injectable } from '@nestjs/common';
import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db, WebhookEndpointTable } from '#postgres';
import { InjectDb } from '../../database/database.module.js';

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type NewEndpointRow = Omit<Insertable<WebhookEndpointTable>, 'start_after_event_id'>;
export type EndpointPatch = Updateable<WebhookEndpointTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be an endpoint id (a malformed one is "not found", not a database error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** webhook_endpoints: registration, filters, sealed secrets and the dispatcher's per-endpoint state. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Every endpoint, or only those of `ownerUnitId`. */
  async list(ownerUnitId?: string): Promise<EndpointRow[]> {
    let query = this.db.selectFrom('webhook_endpoints').selectAll();
    if (ownerUnitId !== undefined) query = query.where('owner_unit_id', '=', ownerUnitId);
    return query.orderBy('created_at').orderBy('id').execute();
  }

  /** One endpoint; undefined when absent or outside `ownerUnitId`. */
  async find(id: string, ownerUnitId?: string, trx: Db = this.db): Promise<EndpointRow | undefined> {
    if (!isUuid(id)) return undefined;
    let query = trx.selectFrom('webhook_endpoints').selectAll().where('id', '=', id);
    if (ownerUnitId !== undefined) query = query.where('owner_unit_id', '=', ownerUnitId);
    return query.executeTakeFirst();
  }

  /** Locks the row for a read-modify-write (secret rotation). */
  async findForUpdate(
    id: string,
    ownerUnitId: string | undefined,
    trx: Db,
  ): Promise<EndpointRow | undefined> {
    if (!isUuid(id)) return undefined;
    let query = trx.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).forUpdate();
    if (ownerUnitId !== undefined) query = query.where('owner_unit_id', '=', ownerUnitId);
    return query.executeTakeFirst();
  }

  /** Inserts an endpoint that receives events from now on (after the newest event in the log). */
  async insert(row: NewEndpointRow, trx: Db): Promise<EndpointRow> {
    return trx
      .insertInto('webhook_endpoints')
      .values({
        ...row,
        start_after_event_id: sql<number>`(select coalesce(max(id), 0) from platform_events)`,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async update(id: string, patch: EndpointPatch, trx: Db): Promise<EndpointRow | undefined> {
    return trx
      .updateTable('webhook_endpoints')
      .set({ ...patch, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async delete(id: string, trx: Db): Promise<boolean> {
    const result = await trx.deleteFrom('webhook_endpoints').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /** An endpoint re-enabled by hand: its waiting deliveries go out now rather than after their back-off. */
  async releaseWaiting(endpointId: string, trx: Db): Promise<void> {
    await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: sql`now()` })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '>', sql<Date>`now()`)
      .execute();
  }

  /**
   * Every endpoint, disabled ones included: the fan-out's targets. A disabled endpoint's deliveries wait
   * (the dispatcher skips it) and go out in order once it is enabled again, so disabling pauses, never drops.
   */
  async fanOutTargets(trx: Db): Promise<EndpointRow[]> {
    return trx.selectFrom('webhook_endpoints').selectAll().execute();
  }
}
