import { Module } from '@nestjs/common';
import { WebhooksCoreModule } from '../core/webhooks-core.module.js';
import { DeliveryQueueRepository } from './delivery-queue.repository.js';
import { DeliveryWorker } from './delivery-worker.js';
import { OutboxRelay } from './outbox-relay.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/** The dispatcher role's webhook delivery: outbox relay, per-endpoint queues, workers. */
@Module({
  imports: [WebhooksCoreModule],
  providers: [OutboxRelay, DeliveryQueueRepository, DeliveryWorker, WebhookDispatcher],
})
export class WebhookDispatcherModule {}
