import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AttemptRow, DeliveryRow } from '../core/webhook-deliveries.repository.js';

export class WebhookAttemptView {
  @ApiProperty() number!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty({ description: 'The webhook-timestamp header sent (Unix seconds)' }) webhookTimestamp!: number;
  @ApiProperty({ description: 'Latency of the attempt' }) durationMs!: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty({ enum: ['success', 'failure', 'throttled', 'gone'] }) outcome!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) error!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'First 4 KiB of the answer' })
  responseSnippet!: string | null;
  @ApiProperty() responseTruncated!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Address actually connected to' })
  remoteAddress!: string | null;
}

export class WebhookDeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() endpointId!: string;
  @ApiProperty({ enum: ['event', 'test'] }) kind!: string;
  @ApiProperty({ description: 'The webhook-id header: the same on every attempt and replay' })
  webhookId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) eventId!: string | null;
  @ApiProperty() eventType!: string;
  @ApiProperty() eventAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) alarmId!: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The alarm event’s sequence' })
  sequence!: number | null;
  @ApiProperty({ enum: ['pending', 'succeeded', 'dead'] }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'While pending' }) nextAttemptAt!:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: [WebhookAttemptView] }) attemptLog!: WebhookAttemptView[];
}

export class WebhookDeliveryDetailView extends WebhookDeliveryView {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The body sent (the event envelope)',
  })
  payload!: Record<string, unknown>;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] }) items!: WebhookDeliveryView[];
  @ApiPropertyOptional({ nullable: true, type: String }) nextCursor!: string | null;
}

export function toAttemptView(a: AttemptRow): WebhookAttemptView {
  return {
    number: a.number,
    startedAt: a.started_at.toISOString(),
    webhookTimestamp: Number(a.webhook_timestamp),
    durationMs: a.duration_ms,
    statusCode: a.status_code,
    outcome: a.outcome,
    error: a.error,
    responseSnippet: a.response_snippet,
    responseTruncated: a.response_truncated,
    remoteAddress: a.remote_address,
  };
}

export function toDeliveryView(d: DeliveryRow, attempts: readonly AttemptRow[]): WebhookDeliveryView {
  return {
    id: String(d.id),
    endpointId: d.endpoint_id,
    kind: d.kind,
    webhookId: d.message_id,
    eventId: d.event_id === null ? null : String(d.event_id),
    eventType: d.event_type,
    eventAt: d.event_at.toISOString(),
    alarmId: d.alarm_id,
    sequence: d.order_key.startsWith('alarm:') ? Number(d.order_seq) : null,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
    lastStatusCode: d.last_status_code,
    lastError: d.last_error,
    createdAt: d.created_at.toISOString(),
    completedAt: d.completed_at === null ? null : d.completed_at.toISOString(),
    attemptLog: attempts.map(toAttemptView),
  };
}
