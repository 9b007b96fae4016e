import { Injectable, Logger } from '@nestjs/common';
import { AttemptRunner } from '../core/attempt-runner.js';
import { DeliveryRecorder } from '../core/delivery-recorder.js';
import { DeliveryQueueRepository, type ClaimedDelivery } from './delivery-queue.repository.js';

/**
 * Carries out one claimed delivery: attempt, then record. An attempt aborted by shutdown is not
 * recorded; its lease is handed back so the next process sends it at once, with the same webhook-id
 * (at-least-once: the receiver may have seen it already and de-duplicates by webhook-id).
 */
@Injectable()
export class DeliveryWorker {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly runner: AttemptRunner,
    private readonly recorder: DeliveryRecorder,
    private readonly queue: DeliveryQueueRepository,
  ) {}

  async work(claim: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    const attempt = await this.runner.attempt(claim, signal);
    if (signal.aborted) {
      await this.queue.release(claim.id, claim.leaseToken);
      return;
    }
    const recorded = await this.recorder.recordLeased(claim, attempt);
    if (recorded.step.kind === 'dead')
      this.logger.warn({
        msg: 'webhook delivery dead-lettered',
        deliveryId: claim.id,
        webhookId: claim.messageId,
      });
  }
}
