import { Injectable, Logger } from '@nestjs/common';
import { afterAttempt, endpointEffect, type DeliveryStep } from '#domain';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { AppConfig } from '../../config/app-config.js';
import { InjectDb } from '../../database/database.module.js';
import type { AttemptRecord } from './attempt-runner.js';
import { DeliveryOutcomeRepository, type LeasedDelivery } from './delivery-outcome.repository.js';
import type { NewDelivery } from './delivery-rows.js';
import { WebhookMetrics } from './webhook-metrics.js';

/** The dispatcher's identity in the audit log. */
export const DISPATCHER_ACTOR = 'system:webhook-dispatcher';

export interface RecordedLeased {
  step: DeliveryStep;
  /** false: the lease had been lost, the outcome was logged but the delivery left as the new holder has it. */
  applied: boolean;
  /** Deliveries released by a recovery (the dispatcher wakes up for them). */
  released: number;
}

/**
 * Records attempts: decides the delivery's next step on the retry schedule (libs/domain), writes the
 * attempt, the delivery and the endpoint's health in one transaction, audits an endpoint disabled by
 * 410 Gone, and counts metrics after the commit.
 */
@Injectable()
export class DeliveryRecorder {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly outcomes: DeliveryOutcomeRepository,
    private readonly audit: AuditService,
    private readonly metrics: WebhookMetrics,
    private readonly config: AppConfig,
  ) {}

  async recordLeased(
    d: LeasedDelivery & { roundAttempts: number; messageId: string; readingAt: Date | null },
    a: AttemptRecord,
  ): Promise<RecordedLeased> {
    const step = this.step(a, d.roundAttempts + 1, this.config.webhooks.retrySchedule);
    const done = await this.db.transaction().execute(async (trx) => {
      await this.outcomes.insertAttempt(trx, d.id, d.attempts + 1, a);
      const applied = await this.outcomes.completeLeased(trx, d, a, step);
      if (!applied) return { applied, released: 0 };
      const effect = await this.applyEffect(trx, d.endpointId, a, d.messageId);
      return { applied, released: effect.released };
    });
    if (!done.applied)
      this.logger.warn({ msg: 'webhook lease lost before the attempt was recorded', deliveryId: d.id });
    this.metrics.observe(a, step, d.readingAt);
    return { step, ...done };
  }

  /** A test send: one attempt, never retried; a success still tells a failing endpoint it is back. */
  async recordTest(row: NewDelivery, a: AttemptRecord): Promise<{ id: number; step: DeliveryStep }> {
    const step = this.step(a, 1, [0]);
    const id = await this.db.transaction().execute(async (trx) => {
      const deliveryId = await this.outcomes.insertFinished(trx, row, a, step);
      await this.outcomes.insertAttempt(trx, deliveryId, 1, a);
      await this.applyEffect(trx, row.endpoint_id, a, row.message_id);
      return deliveryId;
    });
    this.metrics.observe(a, step, null);
    return { id, step };
  }

  private step(a: AttemptRecord, attemptsMade: number, schedule: readonly number[]): DeliveryStep {
    const { retryJitter } = this.config.webhooks;
    return afterAttempt(a.outcome, { attemptsMade, schedule, jitter: retryJitter, random: Math.random() });
  }

  private async applyEffect(
    trx: Db,
    endpointId: string,
    a: AttemptRecord,
    messageId: string,
  ): Promise<{ released: number }> {
    const effect = await this.outcomes.applyEndpointEffect(trx, endpointId, endpointEffect(a.outcome));
    if (effect.disabled) {
      this.logger.warn({
        msg: 'webhook endpoint disabled: the receiver answered 410 Gone',
        endpointId,
        webhookId: messageId,
      });
      await this.audit.record(
        {
          actor: DISPATCHER_ACTOR,
          role: 'system',
          action: 'webhook_endpoint.disable',
          targetType: 'webhook_endpoint',
          targetId: endpointId,
          reason: 'the receiver answered 410 Gone (Standard Webhooks: disable the endpoint)',
          detail: { webhookId: messageId, statusCode: a.statusCode },
        },
        trx,
      );
    }
    return effect;
  }
}
