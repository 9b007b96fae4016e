import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { WebhooksCoreModule } from './core/webhooks-core.module.js';
import { WebhookDeliveriesRepository } from './core/webhook-deliveries.repository.js';
import { WebhookDeliveriesController } from './deliveries/webhook-deliveries.controller.js';
import { WebhookDeliveriesService } from './deliveries/webhook-deliveries.service.js';
import { WebhookReplayService } from './deliveries/webhook-replay.service.js';
import { EndpointSecretsService } from './endpoints/endpoint-secrets.service.js';
import { EndpointTestService } from './endpoints/endpoint-test.service.js';
import { EndpointUrlGuard } from './endpoints/endpoint-url.guard.js';
import { WebhookEndpointsController } from './endpoints/webhook-endpoints.controller.js';
import { WebhookEndpointsService } from './endpoints/webhook-endpoints.service.js';

/** The api role's webhook API (CONTRACT.md §3): endpoints, secrets, test sends, the delivery log, replay. */
@Module({
  imports: [WebhooksCoreModule, AuditModule],
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [
    EndpointUrlGuard,
    WebhookEndpointsService,
    EndpointSecretsService,
    EndpointTestService,
    WebhookDeliveriesRepository,
    WebhookDeliveriesService,
    WebhookReplayService,
  ],
})
export class WebhooksApiModule {}
