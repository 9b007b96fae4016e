import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { Db } from '#postgres';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { InjectDb } from '../database/database.module.js';
import { Clock } from './clock.js';
import { ExternalEventsRepository, type ExternalEventRow } from './external-events.repository.js';
import { RiskQueryService } from './risk-query.service.js';
import { RISK_INPUT_CHANNEL } from './risk-channels.js';
import { RiskException } from './risk.exception.js';
import type { CreateExternalEventDto } from './risk.dto.js';

export interface ExternalEventView {
  id: string;
  assetId: string;
  kind: string;
  distanceM: number | null;
  from: string;
  until: string | null;
  note: string;
  source: string;
  reportedBy: string;
  reportedAt: string;
}

const toView = (r: ExternalEventRow): ExternalEventView => ({
  id: r.id,
  assetId: r.asset_id,
  kind: r.kind,
  distanceM: r.distance_m,
  from: r.starts_at.toISOString(),
  until: r.until?.toISOString() ?? null,
  note: r.note,
  source: r.source,
  reportedBy: r.reported_by,
  reportedAt: r.reported_at.toISOString(),
});

/** Why a report cannot be recorded, or null. */
function windowProblem(body: CreateExternalEventDto, from: number): string | null {
  if (body.kind === 'major_event' && body.until === undefined)
    return 'a major_event needs `until` (when it ends)';
  if (body.until !== undefined && Date.parse(body.until) <= from) return '`until` must be after `from`';
  return null;
}

/**
 * Records external reports that feed the dynamic risk (ΔL_external, ΔS_event, DOMAIN.md §b.2) with an
 * audit entry, and tells the evaluator (dispatcher role) to re-assess the asset once it commits.
 */
@Injectable()
export class ExternalEventsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly events: ExternalEventsRepository,
    private readonly query: RiskQueryService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(assetId: string, body: CreateExternalEventDto, by: Principal): Promise<ExternalEventView> {
    const asset = await this.query.visibleAsset(assetId, by);
    const from = body.from === undefined ? this.clock.now() : Date.parse(body.from);
    const problem = windowProblem(body, from);
    if (problem) throw new RiskException('EXTERNAL_EVENT_INVALID', problem);
    const row = await this.db.transaction().execute(async (trx) => {
      const created = await this.events.insert(trx, {
        asset_id: asset.id,
        kind: body.kind,
        distance_m: body.distanceM ?? null,
        starts_at: new Date(from),
        until: body.until === undefined ? null : new Date(body.until),
        note: body.note,
        source: body.source ?? 'operator',
        reported_by: by.actor,
      });
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'asset.external_event',
          targetType: 'asset',
          targetId: asset.id,
          reason: body.note,
          detail: { externalEventId: created.id, ...body },
        },
        trx,
      );
      await sql`select pg_notify(${RISK_INPUT_CHANNEL}, ${asset.id})`.execute(trx);
      return created;
    });
    return toView(row);
  }

  async list(assetId: string, by: Principal): Promise<ExternalEventView[]> {
    const asset = await this.query.visibleAsset(assetId, by);
    return (await this.events.ofAsset(asset.id, 200)).map(toView);
  }
}
