import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Db } from '#postgres';
import { InjectDb } from '../../database/database.module.js';
import type { AttemptTarget } from '../core/attempt-runner.js';

/** A delivery leased to this process, with what its attempt needs. */
export interface ClaimedDelivery extends AttemptTarget {
  id: number;
  leaseToken: string;
  attempts: number;
  roundAttempts: number;
  readingAt: Date | null;
}

/** When an endpoint next has work this process could start (its earliest claimable delivery). */
export interface EndpointReadiness {
  endpointId: string;
  dueAt: Date;
}

/**
 * The ordering gate (libs/domain delivery-order.ts): a delivery is claimable only when no delivery of the
 * same endpoint and ordering key with a lower seq is still pending — in flight, waiting for a retry or
 * not yet tried. Sequence n+1 never overtakes n; other keys are not held back.
 */
const GATE = sql`NOT EXISTS (
  SELECT 1 FROM webhook_deliveries p
  WHERE p.endpoint_id = d.endpoint_id AND p.order_key = d.order_key
    AND p.status = 'pending' AND p.order_seq < d.order_seq)`;

/** The per-endpoint queues in webhook_deliveries, with leases so several dispatchers share them safely. */
@Injectable()
export class DeliveryQueueRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /**
   * Per enabled endpoint, when its next claimable delivery is due: the later of its scheduled time, the
   * expiry of a lease held on it (a crashed worker's lease lapses) and the endpoint's Retry-After pause.
   */
  async readiness(): Promise<EndpointReadiness[]> {
    const { rows } = await sql<{ endpoint_id: string; due_at: Date }>`
      SELECT d.endpoint_id,
             min(greatest(d.next_attempt_at, coalesce(d.lease_until, '-infinity'),
                          coalesce(e.throttled_until, '-infinity'))) AS due_at
      FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.status = 'pending' AND e.enabled AND ${GATE}
      GROUP BY d.endpoint_id`.execute(this.db);
    return rows.map((r) => ({ endpointId: r.endpoint_id, dueAt: r.due_at }));
  }

  /**
   * Leases up to `limit` due deliveries of one endpoint, oldest first, one per ordering key at most (the
   * gate), skipping rows another process is leasing right now.
   */
  async claim(endpointId: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await sql<ClaimRow>`
      WITH picked AS (
        SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
        WHERE d.endpoint_id = ${endpointId} AND d.status = 'pending' AND d.next_attempt_at <= now()
          AND (d.lease_until IS NULL OR d.lease_until <= now())
          AND e.enabled AND (e.throttled_until IS NULL OR e.throttled_until <= now())
          AND ${GATE}
        ORDER BY d.next_attempt_at, d.id
        LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED)
      UPDATE webhook_deliveries d
      SET lease_token = gen_random_uuid(), lease_until = now() + ${leaseMs} * interval '1 millisecond'
      FROM picked, webhook_endpoints e
      WHERE d.id = picked.id AND e.id = d.endpoint_id
      RETURNING d.id, d.lease_token, d.attempts, d.round_attempts, d.reading_at, d.message_id, d.body,
                e.id AS endpoint_id, e.url, e.secret_enc, e.previous_secret_enc,
                e.previous_secret_expires_at, e.url_credentials_enc`.execute(this.db);
    return rows.map(toClaimed);
  }

  /** Gives a lease back without an attempt (shutdown): the delivery is due again at once. */
  async release(id: number, leaseToken: string): Promise<void> {
    await this.db
      .updateTable('webhook_deliveries')
      .set({ lease_token: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_token', '=', leaseToken)
      .execute();
  }
}

interface ClaimRow {
  id: number;
  lease_token: string;
  attempts: number;
  round_attempts: number;
  reading_at: Date | null;
  message_id: string;
  body: string;
  endpoint_id: string;
  url: string;
  secret_enc: string;
  previous_secret_enc: string | null;
  previous_secret_expires_at: Date | null;
  url_credentials_enc: string | null;
}

function toClaimed(r: ClaimRow): ClaimedDelivery {
  return {
    id: Number(r.id),
    leaseToken: r.lease_token,
    attempts: r.attempts,
    roundAttempts: r.round_attempts,
    readingAt: r.reading_at,
    messageId: r.message_id,
    body: r.body,
    endpointId: r.endpoint_id,
    url: r.url,
    secretEnc: r.secret_enc,
    previousSecretEnc: r.previous_secret_enc,
    previousSecretExpiresAt: r.previous_secret_expires_at,
    urlCredentialsEnc: r.url_credentials_enc,
  };
}
