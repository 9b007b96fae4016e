import { Injectable } from '@nestjs/common';
import { ownerScope, type Principal } from '../auth/principal.js';
import { AppException } from '../errors/app.exception.js';
import { nextCursor, toPage } from '../registry/pagination.js';
import { RegistryException } from '../registry/registry.exception.js';
import {
  positionOf,
  RiskReadRepository,
  type RiskAssetRow,
  type RiskListFilter,
  type RiskListPosition,
} from './risk-read.repository.js';
import type { RiskHistoryQueryDto, RiskListQueryDto } from './risk.dto.js';
import { RiskException } from './risk.exception.js';
import {
  toAssetRiskView,
  toRiskChangeView,
  toRiskListItem,
  type AssetRiskView,
  type Page,
  type RiskChangeView,
  type RiskListItem,
} from './risk-views.js';

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

function decodePosition(afterId: string | undefined): RiskListPosition | undefined {
  if (afterId === undefined) return undefined;
  try {
    const [rank, negScore, id] = JSON.parse(afterId) as [number, number, string];
    if (Number.isInteger(rank) && Number.isInteger(negScore) && typeof id === 'string')
      return { rank, negScore, id };
  } catch {
    // fall through: a cursor this API did not issue
  }
  throw new AppException('VALIDATION_FAILED', 'cursor is not one this list issued', {
    errors: [{ field: 'cursor', message: 'pass the nextCursor of the previous page' }],
  });
}

/** Reads for the risk API: one asset's level, its history, and the risk list; a utility sees its unit only. */
@Injectable()
export class RiskQueryService {
  constructor(private readonly read: RiskReadRepository) {}

  /** 404 for a missing asset and, alike, for one outside a utility token's unit. */
  async visibleAsset(id: string, p: Principal): Promise<RiskAssetRow> {
    const asset = await this.read.asset(id);
    const scope = ownerScope(p);
    if (!asset || (scope !== undefined && asset.ownerUnitId !== scope))
      throw new RegistryException('ASSET_NOT_FOUND', `no asset ${id}`);
    return asset;
  }

  async risk(id: string, p: Principal): Promise<AssetRiskView> {
    const asset = await this.visibleAsset(id, p);
    const risk = await this.read.risk(asset.id);
    if (!risk) throw new RiskException('RISK_NOT_ASSESSED', `asset ${id} has not been graded yet`);
    return toAssetRiskView(asset, risk);
  }

  async history(id: string, q: RiskHistoryQueryDto, p: Principal): Promise<Page<RiskChangeView>> {
    const asset = await this.visibleAsset(id, p);
    const page = toPage(q);
    const rows = await this.read.history(asset.id, page.limit, page.afterId);
    const items = rows.map(toRiskChangeView);
    return { items, nextCursor: nextCursor(items, page.limit) };
  }

  /** The whole filtered list (CSV, reports), in list order. */
  async fullList(q: RiskListQueryDto, p: Principal): Promise<RiskListItem[]> {
    const filter = this.filter(q, p);
    return filter ? (await this.read.list(filter)).map(toRiskListItem) : [];
  }

  async listPage(q: RiskListQueryDto, p: Principal): Promise<Page<RiskListItem>> {
    const filter = this.filter(q, p);
    const page = toPage(q);
    if (!filter) return { items: [], nextCursor: null };
    const after = decodePosition(page.afterId);
    const rows = await this.read.list(filter, { after, limit: page.limit, offset: page.offset });
    const last = rows.length === page.limit ? rows[rows.length - 1] : undefined;
    const position = last && positionOf(last);
    return {
      items: rows.map(toRiskListItem),
      nextCursor: position ? encode([position.rank, position.negScore, position.id]) : null,
    };
  }

  /** The filter a principal may run; null when a utility asks for another unit (nothing to see). */
  private filter(q: RiskListQueryDto, p: Principal): RiskListFilter | null {
    const scope = ownerScope(p);
    if (scope !== undefined && q.ownerUnitId !== undefined && q.ownerUnitId !== scope) return null;
    return {
      domain: q.domain,
      district: q.district,
      levels: q.level,
      ownerUnitId: scope ?? q.ownerUnitId,
      verified: q.verified,
    };
  }
}
