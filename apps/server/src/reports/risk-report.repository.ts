import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'kysely';
import type { DeviceLiveness } from '#domain';
import type { Database, Db } from '#postgres';
import { InjectDb } from '../database/database.module.js';
import type { PipelineRecord } from './coverage.js';

export interface ReportScope {
  domain?: string;
  district?: string;
  ownerUnitId?: string;
}

type AssetQuery<O> = SelectQueryBuilder<Database & { p: Database['assets'] }, 'p', O>;

function scoped<O>(q: AssetQuery<O>, s: ReportScope): AssetQuery<O> {
  let out = q;
  if (s.domain) out = out.where('p.domain', '=', s.domain);
  if (s.district) out = out.where('p.district', '=', s.district);
  if (s.ownerUnitId) out = out.where('p.owner_unit_id', '=', s.ownerUnitId);
  return out;
}

const liveness = (r: {
  id: string;
  last_seen_at: Date | null;
  report_interval_s: number;
  online: boolean;
}): DeviceLiveness => ({
  deviceId: r.id,
  lastSeenAt: r.last_seen_at?.getTime() ?? null,
  reportIntervalS: r.report_interval_s,
  online: r.online,
});

/** Reads for the monitoring-coverage and device-online figures of the risk assessment report. */
@Injectable()
export class RiskReportRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async pipelines(scope: ReportScope, kinds: readonly string[]): Promise<PipelineRecord[]> {
    const q = this.db
      .selectFrom('assets as p')
      .select(['p.id', 'p.domain', 'p.length_m'])
      .where('p.kind', '=', (eb) => eb.fn.any(eb.val([...kinds])))
      .where('p.length_m', '>', 0);
    const rows = await scoped(q, scope).execute();
    return rows.map((r) => ({ id: r.id, domain: r.domain, lengthM: r.length_m ?? 0 }));
  }

  /** Enabled devices on each pipeline or on a confined space under it, keyed by pipeline id. */
  async pipelineDevices(
    scope: ReportScope,
    kinds: { pipeline: readonly string[]; confined: readonly string[] },
  ): Promise<Map<string, DeviceLiveness[]>> {
    const q = this.db
      .selectFrom('assets as p')
      .innerJoin('assets as m', (join) =>
        join.on((eb) =>
          eb.or([
            eb('m.id', '=', eb.ref('p.id')),
            eb.and([
              eb('m.parent_id', '=', eb.ref('p.id')),
              eb('m.kind', '=', eb.fn.any(eb.val([...kinds.confined]))),
            ]),
          ]),
        ),
      )
      .innerJoin('devices as d', 'd.asset_id', 'm.id')
      .select(['p.id as pipelineId', 'd.id', 'd.last_seen_at', 'd.report_interval_s', 'd.online'])
      .where('p.kind', '=', (eb) => eb.fn.any(eb.val([...kinds.pipeline])))
      .where('d.enabled', '=', true);
    const out = new Map<string, DeviceLiveness[]>();
    for (const r of await scoped(q, scope).execute()) {
      const list = out.get(r.pipelineId) ?? [];
      list.push(liveness(r));
      out.set(r.pipelineId, list);
    }
    return out;
  }

  /** Enabled devices on the assets in scope. */
  async devices(scope: ReportScope): Promise<DeviceLiveness[]> {
    const q = this.db
      .selectFrom('assets as p')
      .innerJoin('devices as d', 'd.asset_id', 'p.id')
      .select(['d.id', 'd.last_seen_at', 'd.report_interval_s', 'd.online'])
      .where('d.enabled', '=', true);
    return (await scoped(q, scope).execute()).map(liveness);
  }
}
