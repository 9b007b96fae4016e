import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EventType, PlatformEvent } from '#contracts';
import type { Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';

/** PostgreSQL channel that carries the id of every new platform event (delivered on commit). */
export const PLATFORM_EVENT_CHANNEL = 'platform_event';

/** Events per INSERT statement, well under PostgreSQL's 65,535 bind parameters. */
const APPEND_CHUNK = 2000;

function toRow(e: NewPlatformEvent) {
  const at = e.at ?? new Date();
  return {
    type: e.type,
    at,
    asset_id: e.assetId ?? null,
    owner_unit_id: e.ownerUnitId ?? null,
    domain: e.domain ?? null,
    district: e.district ?? null,
    alarm_id: e.alarmId ?? null,
    suppressed: e.suppressed ?? false,
    payload: JSON.stringify({ type: e.type, timestamp: at.toISOString(), data: e.data }),
  };
}

/**
 * Transaction-scoped advisory lock taken before ids are drawn. bigserial ids are handed out at insert but
 * become visible at commit, so two writers could commit out of id order and a reader that has seen id 11
 * would skip id 10 for good. Holding this lock from the insert to the commit makes commit order equal id
 * order: "every id ≤ the newest visible one is final" then holds for the SSE stream and the outbox
 * (docs/decisions/0008-alarm-engine.md). Callers append as the last statement of their transaction.
 */
const APPEND_LOCK_KEY = 7_265_001;

export interface NewPlatformEvent<T extends object = Record<string, unknown>> {
  type: EventType;
  /** Event time; defaults to the transaction's time. */
  at?: Date;
  assetId?: string | null;
  ownerUnitId?: string | null;
  domain?: string | null;
  district?: string | null;
  alarmId?: string | null;
  /** Raised inside a maintenance window: streamed to the console, not notified to utilities. */
  suppressed?: boolean;
  data: T;
}

export interface StoredPlatformEvent extends PlatformEvent {
  id: string;
  ownerUnitId: string | null;
  assetId: string | null;
  suppressed: boolean;
}

/**
 * The platform event log (platform_events): alarm, risk and device events in commit order. Writers
 * append inside the transaction of the change they describe, so an event exists exactly when its change
 * does; the SSE stream resumes from it by id and the webhook dispatcher reads it as its outbox.
 */
@Injectable()
export class EventsService {
  constructor(@InjectDb() private readonly db: Db) {}

  /** Appends events inside `trx` (a transaction of the caller) and notifies listeners on commit. */
  async append(trx: Db, events: readonly NewPlatformEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    await sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`.execute(trx);
    const rows: { id: string }[] = [];
    // PostgreSQL binds at most 65,535 parameters per statement (9 per event): a deadman scan of
    // 10,000 devices appends more than one INSERT can carry.
    for (let i = 0; i < events.length; i += APPEND_CHUNK) {
      const inserted = await trx
        .insertInto('platform_events')
        .values(events.slice(i, i + APPEND_CHUNK).map(toRow))
        .returning('id')
        .execute();
      rows.push(...inserted);
    }
    const ids = rows.map((r) => String(r.id));
    await sql`select pg_notify(${PLATFORM_EVENT_CHANNEL}, ${ids[ids.length - 1]})`.execute(trx);
    return ids;
  }

  /**
   * Events after `afterId` in id order, optionally only those of one owner unit and without the ones
   * suppressed by a maintenance window (what a utility may see).
   */
  async since(
    afterId: string,
    options: { ownerUnitId?: string; excludeSuppressed?: boolean; limit?: number } = {},
  ): Promise<StoredPlatformEvent[]> {
    let query = this.db
      .selectFrom('platform_events')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(options.limit ?? 500);
    if (options.ownerUnitId) query = query.where('owner_unit_id', '=', options.ownerUnitId);
    if (options.excludeSuppressed) query = query.where('suppressed', '=', false);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: String(r.id),
      ownerUnitId: r.owner_unit_id,
      assetId: r.asset_id,
      suppressed: r.suppressed,
      type: r.payload.type as EventType,
      timestamp: r.payload.timestamp,
      data: r.payload.data,
    }));
  }

  /** Id of the newest event ('0' when there is none): where a new live stream starts. */
  async latestId(): Promise<string> {
    const row = await this.db
      .selectFrom('platform_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    return row?.max ? String(row.max) : '0';
  }
}
