import { isDomain, type CensusAttributes, type Domain } from '#contracts';
import type { AlarmScope } from '#domain';
import type { AssetContextRow } from './context.repository.js';

/** What the alarm feature needs to know about an asset: who owns it, where it sits, its census values. */
export interface AssetContext {
  id: string;
  domain: Domain;
  district: string;
  ownerUnitId: string;
  parentId: string | null;
  /** Root first. */
  ancestorIds: readonly string[];
  attributes: CensusAttributes;
}

/** null for a row whose domain this build does not know. */
export function toAssetContext(row: AssetContextRow): AssetContext | null {
  if (!isDomain(row.domain)) return null;
  return {
    id: row.id,
    domain: row.domain,
    district: row.district,
    ownerUnitId: row.owner_unit_id,
    parentId: row.parent_id,
    ancestorIds: row.ancestors,
    attributes: row.attributes,
  };
}

/** The maintenance-window scope of an asset (maintenance.ts AlarmScope). */
export function scopeOf(asset: AssetContext): AlarmScope {
  return {
    assetId: asset.id,
    ancestorIds: asset.ancestorIds,
    domain: asset.domain,
    district: asset.district,
  };
}
