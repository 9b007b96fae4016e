import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOMAINS } from '#contracts';
import type { MetricRanges } from './device-profile.js';

/** A device as the API shows it: health fields, never the secret hash. */
export interface DeviceRecord {
  id: string;
  domain: string;
  asset_id: string;
  name: string | null;
  metrics: string[];
  report_interval_s: number;
  ranges: MetricRanges;
  enabled: boolean;
  has_secret: boolean;
  secret_issued_at: Date | null;
  online: boolean;
  last_seen_at: Date | null;
  battery_pct: number | null;
  rssi_dbm: number | null;
  created_at: Date;
  updated_at: Date;
  owner_unit_id: string;
}

export class DeviceView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DOMAINS }) domain!: string;
  @ApiProperty() assetId!: string;
  @ApiProperty() ownerUnitId!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: [String] }) metrics!: string[];
  @ApiProperty() reportIntervalS!: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) ranges!: MetricRanges;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'Whether a secret has been issued (the secret itself is never shown again)' })
  hasSecret!: boolean;
  @ApiProperty({ type: String, nullable: true }) secretIssuedAt!: string | null;
  @ApiProperty() online!: boolean;
  @ApiProperty({ type: String, nullable: true }) lastSeenAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) batteryPct!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rssiDbm!: number | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class DevicePage {
  @ApiProperty({ type: [DeviceView] }) items!: DeviceView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class DeviceSecretView {
  @ApiProperty() deviceId!: string;
  @ApiProperty({ description: 'MQTT password of the device. Shown once; only its sha256 is stored.' })
  secret!: string;
}

export class DeviceImportResultView {
  @ApiProperty() imported!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'deviceId → secret, with issueSecrets=true only. Shown once.',
  })
  secrets?: Record<string, string>;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toDeviceView(r: DeviceRecord): DeviceView {
  return {
    id: r.id,
    domain: r.domain,
    assetId: r.asset_id,
    ownerUnitId: r.owner_unit_id,
    name: r.name,
    metrics: r.metrics,
    reportIntervalS: r.report_interval_s,
    ranges: r.ranges,
    enabled: r.enabled,
    hasSecret: r.has_secret,
    secretIssuedAt: iso(r.secret_issued_at),
    online: r.online,
    lastSeenAt: iso(r.last_seen_at),
    batteryPct: r.battery_pct,
    rssiDbm: r.rssi_dbm,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
