import { Injectable } from '@nestjs/common';
import { sql, type UpdateObject } from 'kysely';
import type { DeliveryStep, EndpointEffect } from '#domain';
import type { Database, Db } from '#postgres';
import type { AttemptRecord } from './attempt-runner.js';
import type { NewDelivery } from './delivery-rows.js';

/** A leased delivery whose attempt is being recorded. */
export interface LeasedDelivery {
  id: number;
  endpointId: string;
  leaseToken: string;
  attempts: number;
}

/**
 * Writes what an attempt did, inside the caller's transaction: the attempt row, the delivery's next
 * state (fenced by its lease token, so a worker whose lease expired cannot overwrite a newer outcome)
 * and the endpoint's health.
 */
@Injectable()
export class DeliveryOutcomeRepository {
  async insertAttempt(trx: Db, deliveryId: number, number: number, a: AttemptRecord): Promise<void> {
    await trx
      .insertInto('webhook_attempts')
      .values({
        delivery_id: deliveryId,
        number,
        started_at: a.startedAt,
        webhook_timestamp: a.webhookTimestamp,
        duration_ms: a.durationMs,
        status_code: a.statusCode,
        outcome: a.outcome.kind,
        error: a.error,
        response_snippet: a.snippet,
        response_truncated: a.truncated,
        remote_address: a.remoteAddress,
      })
      .execute();
  }

  /** false when the lease was lost (expired and taken by another worker): nothing was changed then. */
  async completeLeased(trx: Db, d: LeasedDelivery, a: AttemptRecord, step: DeliveryStep): Promise<boolean> {
    const result = await trx
      .updateTable('webhook_deliveries')
      .set({
        ...stepColumns(step),
        ...lastAttemptColumns(a),
        attempts: sql`attempts + 1`,
        round_attempts: sql`round_attempts + 1`,
        lease_token: null,
        lease_until: null,
      })
      .where('id', '=', d.id)
      .where('lease_token', '=', d.leaseToken)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Stores a test send, attempted once and never retried: succeeded, or dead. */
  async insertFinished(trx: Db, row: NewDelivery, a: AttemptRecord, step: DeliveryStep): Promise<number> {
    const inserted = await trx
      .insertInto('webhook_deliveries')
      .values({
        ...row,
        ...lastAttemptColumns(a),
        status: step.kind === 'succeeded' ? 'succeeded' : 'dead',
        attempts: 1,
        round_attempts: 1,
        completed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  /**
   * Applies an attempt's effect on its endpoint. Returns how many waiting deliveries a recovery released
   * and whether the endpoint was disabled by this call (so the caller audits it once).
   */
  async applyEndpointEffect(
    trx: Db,
    endpointId: string,
    effect: EndpointEffect,
  ): Promise<{ released: number; disabled: boolean }> {
    switch (effect.kind) {
      case 'none':
        return { released: 0, disabled: false };
      case 'recovered':
        return { released: await this.recover(trx, endpointId), disabled: false };
      case 'failing':
        await trx
          .updateTable('webhook_endpoints')
          .set({
            failing_since: sql`coalesce(failing_since, now())`,
            throttled_until:
              effect.pauseMs === null
                ? sql`throttled_until`
                : sql`greatest(throttled_until, now() + ${effect.pauseMs} * interval '1 millisecond')`,
          })
          .where('id', '=', endpointId)
          .execute();
        return { released: 0, disabled: false };
      case 'gone': {
        const row = await trx
          .updateTable('webhook_endpoints')
          .set({ enabled: false, disabled_reason: 'the receiver answered 410 Gone', disabled_at: sql`now()` })
          .where('id', '=', endpointId)
          .where('enabled', '=', true)
          .returning('id')
          .executeTakeFirst();
        return { released: 0, disabled: row !== undefined };
      }
    }
  }

  /**
   * A success after failures: the endpoint is back, so deliveries that wait only because it was down
   * go out now instead of at the end of their back-off (those the receiver refused keep theirs).
   */
  private async recover(trx: Db, endpointId: string): Promise<number> {
    const was = await trx
      .updateTable('webhook_endpoints')
      .set({ failing_since: null })
      .where('id', '=', endpointId)
      .where('failing_since', 'is not', null)
      .returning('id')
      .executeTakeFirst();
    if (!was) return 0;
    const released = await trx
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: sql`now()` })
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '>', sql<Date>`now()`)
      .where('last_failure_scope', '=', 'endpoint')
      .executeTakeFirst();
    return Number(released.numUpdatedRows);
  }
}

type DeliveryUpdate = UpdateObject<Database, 'webhook_deliveries'>;

function stepColumns(step: DeliveryStep): DeliveryUpdate {
  switch (step.kind) {
    case 'succeeded':
      return { status: 'succeeded', completed_at: sql`now()` };
    case 'dead':
      return { status: 'dead', completed_at: sql`now()` };
    case 'retry':
      return {
        status: 'pending',
        next_attempt_at: sql`now() + ${step.delayMs} * interval '1 millisecond'`,
        completed_at: null,
      };
  }
}

function lastAttemptColumns(a: AttemptRecord): DeliveryUpdate & { last_error: string | null } {
  const scope =
    a.outcome.kind === 'failure' ? a.outcome.scope : a.outcome.kind === 'success' ? null : 'endpoint';
  return {
    last_status_code: a.statusCode,
    last_error: a.error ?? (a.outcome.kind === 'success' ? null : `HTTP ${a.statusCode}`),
    last_failure_scope: scope,
  };
}
