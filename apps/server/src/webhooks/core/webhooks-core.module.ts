import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { AttemptRunner } from './attempt-runner.js';
import { DeliveryOutcomeRepository } from './delivery-outcome.repository.js';
import { DeliveryRecorder } from './delivery-recorder.js';
import { EndpointCredentials } from './endpoint-credentials.js';
import { SecretBox } from './secret-box.js';
import { TargetResolver } from './target-resolver.js';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository.js';
import { WebhookMetrics } from './webhook-metrics.js';

const PROVIDERS = [
  SecretBox,
  EndpointCredentials,
  TargetResolver,
  AttemptRunner,
  DeliveryOutcomeRepository,
  DeliveryRecorder,
  WebhookEndpointsRepository,
  WebhookMetrics,
];

/**
 * What both roles share: sealed secrets, the SSRF-checked sender and the attempt recorder (the api role's
 * test send uses them as the dispatcher does). Imported by both feature modules, instantiated once.
 */
@Module({ imports: [AuditModule], providers: PROVIDERS, exports: PROVIDERS })
export class WebhooksCoreModule {}
