import { Injectable } from '@nestjs/common';
import type { Updateable } from 'kysely';
import type { AssetTable, Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import { ownerScope, type Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import { AppException } from '../../errors/app.exception.js';
import { OwnerUnitsRepository } from '../owner-units/owner-units.repository.js';
import { nextCursor, toPage } from '../pagination.js';
import { RegistryException } from '../registry.exception.js';
import { notifyChanged } from '../registry-notify.js';
import {
  attributeProblems,
  mergeAttributes,
  patchedLength,
  referenceProblems,
  toAssetRow,
} from './asset-rules.js';
import {
  toAssetView,
  toFeature,
  type AssetFeatureCollection,
  type AssetPage,
  type AssetRow,
  type AssetView,
} from './asset-views.js';
import type { AssetListQueryDto, CreateAssetDto, PatchAssetDto } from './assets.dto.js';
import { AssetsRepository } from './assets.repository.js';

@Injectable()
export class AssetsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly assets: AssetsRepository,
    private readonly units: OwnerUnitsRepository,
    private readonly audit: AuditService,
  ) {}

  /** A utility token lists only its own unit's assets, whatever ownerUnitId it asks for. */
  async list(q: AssetListQueryDto, p: Principal): Promise<AssetPage | AssetFeatureCollection> {
    const scope = ownerScope(p);
    const page = toPage(q);
    const ownerUnitId = scope ?? q.ownerUnitId;
    const forbidden = scope !== undefined && q.ownerUnitId !== undefined && q.ownerUnitId !== scope;
    const rows = forbidden ? [] : await this.assets.list({ ...q, ownerUnitId }, page);
    const items = rows.map(toAssetView);
    const cursor = nextCursor(items, page.limit);
    if (q.format === 'geojson')
      return { type: 'FeatureCollection', features: items.map(toFeature), nextCursor: cursor };
    return { items, nextCursor: cursor };
  }

  async get(id: string, p: Principal): Promise<AssetView> {
    return toAssetView(await this.findVisible(id, p));
  }

  async create(input: CreateAssetDto, by: Principal): Promise<AssetView> {
    assertValid(attributeProblems(input.attributes));
    const row = await this.db.transaction().execute(async (trx) => {
      await this.assertReferences(input, trx);
      const created = await this.assets.insert(toAssetRow(input), trx);
      if (!created) throw new RegistryException('ASSET_ALREADY_EXISTS', `asset ${input.id} already exists`);
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'asset.create',
          targetType: 'asset',
          targetId: input.id,
          detail: { ...input },
        },
        trx,
      );
      await notifyChanged(trx, 'asset_changed', [input.id]);
      return created;
    });
    return toAssetView(row);
  }

  async update(id: string, patch: PatchAssetDto, by: Principal): Promise<AssetView> {
    const row = await this.db.transaction().execute(async (trx) => {
      const current = await this.findVisible(id, by, trx, true);
      const attributes = patch.attributes ? mergeAttributes(current.attributes, patch.attributes) : undefined;
      assertValid(attributeProblems(attributes));
      await this.assertReferences({ id, ownerUnitId: patch.ownerUnitId, parentId: patch.parentId }, trx);
      const updated = await this.assets.update(id, toChanges(patch, current, attributes), trx);
      if (patch.parentId && (await this.assets.onCycle([id], trx)).length > 0) {
        throw invalid([
          {
            field: 'parentId',
            message: `${patch.parentId} is a descendant of ${id}: parents would form a cycle`,
          },
        ]);
      }
      await this.audit.record(
        {
          actor: by.actor,
          role: by.role,
          action: 'asset.update',
          targetType: 'asset',
          targetId: id,
          detail: { ...patch },
        },
        trx,
      );
      await notifyChanged(trx, 'asset_changed', [id]);
      return updated;
    });
    return toAssetView(row);
  }

  /** 404 for a missing asset and, alike, for one outside a utility token's unit: existence isn't leaked. */
  private async findVisible(id: string, p: Principal, db: Db = this.db, lock = false): Promise<AssetRow> {
    const row = await this.assets.findById(id, db, lock);
    const scope = ownerScope(p);
    if (!row || (scope !== undefined && row.owner_unit_id !== scope))
      throw new RegistryException('ASSET_NOT_FOUND', `no asset ${id}`);
    return row;
  }

  private async assertReferences(
    input: { id: string; ownerUnitId?: string; parentId?: string | null },
    trx: Db,
  ): Promise<void> {
    const ownerUnitIds = await this.units.existing(input.ownerUnitId ? [input.ownerUnitId] : []);
    const parent = input.parentId ? await this.assets.findById(input.parentId, trx) : undefined;
    const problems = referenceProblems(input, { ownerUnitIds, assetIds: new Set(parent ? [parent.id] : []) });
    if (problems.length > 0) throw invalid(problems);
  }
}

function toChanges(
  patch: PatchAssetDto,
  current: AssetRow,
  attributes: Record<string, unknown> | undefined,
): Updateable<AssetTable> {
  return {
    kind: patch.kind,
    name: patch.name,
    district: patch.district,
    geometry: patch.geometry ? JSON.stringify(patch.geometry) : undefined,
    owner_unit_id: patch.ownerUnitId,
    parent_id: patch.parentId,
    length_m: patchedLength(patch.lengthM, patch.geometry, current.length_m),
    attributes: attributes ? JSON.stringify(attributes) : undefined,
  };
}

function assertValid(problems: ReturnType<typeof attributeProblems>): void {
  if (problems.length > 0)
    throw new AppException('VALIDATION_FAILED', `${problems.length} invalid field(s)`, { errors: problems });
}

function invalid(errors: { field: string; message: string }[]): RegistryException {
  return new RegistryException('ASSET_INVALID', errors.map((e) => e.message).join('; '), { errors });
}
