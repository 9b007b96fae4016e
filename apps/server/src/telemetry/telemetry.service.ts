import { Inject, Injectable } from '@nestjs/common';
import { isDomain } from '#contracts';
import { HEALTH_RANGES, METRIC_CATALOG } from '#domain';
import { InfluxError, TelemetryQueries } from '#influx';
import { ownerScope, type Principal } from '../auth/principal.js';
import { AppException } from '../errors/app.exception.js';
import { AssetsRepository } from '../registry/assets/assets.repository.js';
import { RegistryException } from '../registry/registry.exception.js';
import { resolveRange } from './telemetry-range.js';
import type { TelemetryQueryDto, TelemetryView } from './telemetry.dto.js';

export const TELEMETRY_QUERIES = Symbol('lifeline.telemetry.queries');

const HEALTH_UNITS: Readonly<Record<string, string>> = { battery_pct: '%', rssi_dbm: 'dBm' };

/** Downsampled history of one metric of an asset, from InfluxDB (CONTRACT.md §3). */
@Injectable()
export class TelemetryService {
  constructor(
    private readonly assets: AssetsRepository,
    @Inject(TELEMETRY_QUERIES) private readonly queries: TelemetryQueries,
  ) {}

  async history(
    assetId: string,
    q: TelemetryQueryDto,
    p: Principal,
    now = Date.now(),
  ): Promise<TelemetryView> {
    const asset = await this.assets.findById(assetId);
    const scope = ownerScope(p);
    if (!asset || (scope !== undefined && asset.owner_unit_id !== scope))
      throw new RegistryException('ASSET_NOT_FOUND', `no asset ${assetId}`);
    const unit = unitOf(asset.domain, q.metric);
    if (unit === undefined)
      throw invalid(
        'metric',
        `"${q.metric}" is not a metric of the ${asset.domain} catalog (CONTRACT.md §4)`,
      );
    const range = resolveRange(q, now);
    try {
      const devices = await this.queries.telemetryHistory({ assetId, metric: q.metric, ...range });
      return {
        assetId,
        metric: q.metric,
        unit,
        from: new Date(range.from).toISOString(),
        to: new Date(range.to).toISOString(),
        every: range.every,
        devices: devices.map((d) => ({
          deviceId: d.deviceId,
          points: d.points.map((pt) => ({
            at: new Date(pt.ts).toISOString(),
            mean: pt.mean,
            min: pt.min,
            max: pt.max,
          })),
        })),
      };
    } catch (error) {
      if (error instanceof InfluxError && error.code === 'invalid_query')
        throw invalid('every', error.message);
      if (error instanceof InfluxError)
        throw new AppException('NOT_READY', `telemetry store unavailable: ${error.message}`, {
          cause: error,
        });
      throw error;
    }
  }
}

function unitOf(domain: string, metric: string): string | undefined {
  if (metric in HEALTH_RANGES) return HEALTH_UNITS[metric];
  return isDomain(domain) ? METRIC_CATALOG[domain].find((m) => m.name === metric)?.unit : undefined;
}

function invalid(field: string, message: string): AppException {
  return new AppException('VALIDATION_FAILED', message, { errors: [{ field, message }] });
}
