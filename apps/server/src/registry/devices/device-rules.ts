import type { FieldError } from '../../errors/app.exception.js';
import { profileProblems } from './device-profile.js';
import type { CreateDeviceDto } from './devices.dto.js';
import type { NewDeviceRow } from './devices.repository.js';

export function toDeviceRow(input: CreateDeviceDto): NewDeviceRow {
  return {
    id: input.id,
    domain: input.domain,
    asset_id: input.assetId,
    name: input.name ?? null,
    metrics: input.metrics,
    report_interval_s: input.reportIntervalS,
    ranges: JSON.stringify(input.ranges ?? {}),
    enabled: input.enabled ?? true,
  };
}

/** A device's asset must exist and be of the device's domain (its metrics come from that domain's catalog). */
export function assetProblems(
  domain: string,
  assetId: string,
  asset: { domain: string } | undefined,
): FieldError[] {
  if (!asset) return [{ field: 'assetId', message: `unknown asset ${assetId}` }];
  if (asset.domain !== domain)
    return [{ field: 'assetId', message: `asset ${assetId} is a ${asset.domain} asset, not ${domain}` }];
  return [];
}

/** Everything wrong with a device whose shape passed the DTO rules, given its asset. */
export function deviceProblems(
  input: Omit<CreateDeviceDto, 'id'>,
  asset: { domain: string } | undefined,
): FieldError[] {
  return [
    ...assetProblems(input.domain, input.assetId, asset),
    ...profileProblems(input.domain, input.metrics, input.ranges),
  ];
}
