import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { EndpointRow } from '../core/webhook-endpoints.repository.js';

export class WebhookEndpointView {
  @ApiProperty() id!: string;
  @ApiProperty({
    description: 'Without credentials (those given in the URL are kept encrypted and sent as HTTP Basic)',
  })
  url!: string;
  @ApiProperty() hasCredentials!: boolean;
  @ApiProperty() ownerUnitId!: string;
  @ApiProperty({ type: [String] }) eventTypes!: string[];
  @ApiProperty({ type: [String] }) levels!: string[];
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) disabledReason!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) disabledAt!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Last rotation' }) secretRotatedAt!:
    string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Until when the previous secret still signs',
  })
  previousSecretExpiresAt!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Since when the receiver has been failing',
  })
  failingSince!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Retry-After pause in force' })
  throttledUntil!: string | null;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CreatedWebhookEndpointView extends WebhookEndpointView {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Signing secret, shown once',
  })
  secret!: string;
}

export class RotatedSecretView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'The new signing secret, shown once' }) secret!: string;
  @ApiProperty({ description: 'Until then deliveries carry two signatures, old and new' })
  previousSecretExpiresAt!: string;
}

export class ReplayRangeView {
  @ApiProperty({
    description: 'Deliveries queued again (existing webhook-ids) or created for events in the range',
  })
  queued!: number;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export function toEndpointView(row: EndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    hasCredentials: row.url_credentials_enc !== null,
    ownerUnitId: row.owner_unit_id,
    eventTypes: row.event_types,
    levels: row.levels,
    domains: row.domains,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    disabledAt: iso(row.disabled_at),
    description: row.description,
    secretRotatedAt: iso(row.secret_rotated_at),
    previousSecretExpiresAt: iso(row.previous_secret_expires_at),
    failingSince: iso(row.failing_since),
    throttledUntil: iso(row.throttled_until),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
