import { Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { AttemptRunner, type AttemptRecord } from '../core/attempt-runner.js';
import { DeliveryRecorder } from '../core/delivery-recorder.js';
import type { NewDelivery } from '../core/delivery-rows.js';
import { testMessageId } from '../core/signing.js';
import { WebhookEndpointsRepository } from '../core/webhook-endpoints.repository.js';
import { notFound } from './webhook-endpoints.service.js';

/** The `type` of a test send (not a platform event; never sent except on request). */
export const TEST_EVENT_TYPE = 'webhook.test';

export class TestSendView {
  @ApiProperty({ description: 'The delivery in the log (GET /webhook-deliveries/{id})' }) deliveryId!: string;
  @ApiProperty({ example: 'msg_test_…' }) webhookId!: string;
  @ApiProperty({ description: 'true for a 2xx answer' }) succeeded!: boolean;
  @ApiProperty({ enum: ['success', 'failure', 'throttled', 'gone'] }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty() durationMs!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'First 4 KiB of the answer' })
  responseSnippet!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) remoteAddress!: string | null;
}

/**
 * "Send a test" (PEERS.md §5.D item 20): a signed `webhook.test` event, sent now, once, through the same
 * SSRF checks and signing as real deliveries, and kept in the delivery log. Its answer counts like any
 * other: a 2xx releases deliveries waiting on a failing endpoint, a 410 disables it.
 */
@Injectable()
export class EndpointTestService {
  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly runner: AttemptRunner,
    private readonly recorder: DeliveryRecorder,
  ) {}

  async send(id: string, p: Principal): Promise<TestSendView> {
    const endpoint = await this.endpoints.find(id, ownerScope(p));
    if (!endpoint) throw notFound(id);
    const now = new Date();
    const messageId = testMessageId();
    const body = JSON.stringify({
      type: TEST_EVENT_TYPE,
      timestamp: now.toISOString(),
      data: {
        endpointId: id,
        ownerUnitId: endpoint.owner_unit_id,
        requestedBy: p.actor,
        message: 'Test delivery from Lifeline',
      },
    });
    const attempt = await this.runner.attempt({
      endpointId: id,
      url: endpoint.url,
      messageId,
      body,
      secretEnc: endpoint.secret_enc,
      previousSecretEnc: endpoint.previous_secret_enc,
      previousSecretExpiresAt: endpoint.previous_secret_expires_at,
      urlCredentialsEnc: endpoint.url_credentials_enc,
    });
    const { id: deliveryId } = await this.recorder.recordTest(testRow(id, messageId, now, body), attempt);
    return toTestSendView(deliveryId, messageId, attempt);
  }
}

function testRow(endpointId: string, messageId: string, at: Date, body: string): NewDelivery {
  return {
    endpoint_id: endpointId,
    event_id: null,
    kind: 'test',
    message_id: messageId,
    event_type: TEST_EVENT_TYPE,
    event_at: at,
    alarm_id: null,
    order_key: `test:${messageId}`,
    order_seq: 0,
    body,
    reading_at: null,
    status: 'pending',
  };
}

function toTestSendView(deliveryId: number, webhookId: string, a: AttemptRecord): TestSendView {
  return {
    deliveryId: String(deliveryId),
    webhookId,
    succeeded: a.outcome.kind === 'success',
    outcome: a.outcome.kind,
    statusCode: a.statusCode,
    durationMs: a.durationMs,
    error: a.error,
    responseSnippet: a.snippet,
    remoteAddress: a.remoteAddress,
  };
}
