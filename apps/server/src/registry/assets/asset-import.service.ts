import { Injectable } from '@nestjs/common';
import type { Db } from '#postgres';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../auth/principal.js';
import { InjectDb } from '../../database/database.module.js';
import { AppException, type FieldError } from '../../errors/app.exception.js';
import { byRow, duplicateIdErrors, validateRow, type ValidatedRow } from '../import/row-validation.js';
import { OwnerUnitsRepository } from '../owner-units/owner-units.repository.js';
import { RegistryException } from '../registry.exception.js';
import { notifyChanged } from '../registry-notify.js';
import { recordsFromCsv, recordsFromFeatureCollection, type ImportRecord } from './asset-import.parse.js';
import { attributeProblems, referenceProblems, toAssetRow } from './asset-rules.js';
import type { ImportResultView } from './asset-views.js';
import { CreateAssetDto } from './assets.dto.js';
import { AssetsRepository } from './assets.repository.js';

export type ImportMediaType = 'geojson' | 'csv';

/** `application/json` and `application/geo+json` carry a FeatureCollection; `text/csv` a table. */
export function importMediaType(contentType: string | undefined): ImportMediaType {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type === 'application/geo+json') return 'geojson';
  if (type === 'text/csv') return 'csv';
  throw new AppException(
    'UNSUPPORTED_MEDIA_TYPE',
    `import takes application/geo+json, application/json or text/csv, not ${type || 'nothing'}`,
  );
}

/**
 * Bulk asset import, all-or-nothing: every row is checked first and any problem rejects the whole file
 * with a report of every bad row; otherwise one transaction upserts everything in batches.
 */
@Injectable()
export class AssetImportService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly assets: AssetsRepository,
    private readonly units: OwnerUnitsRepository,
    private readonly audit: AuditService,
  ) {}

  async import(body: unknown, media: ImportMediaType, by: Principal): Promise<ImportResultView> {
    const records = media === 'csv' ? recordsFromCsv(body) : recordsFromFeatureCollection(body);
    const { rows, errors } = validateRecords(records);
    errors.push(...duplicateIdErrors(rows.map((r) => ({ row: r.row, id: r.value.id }))));
    errors.push(...(await this.referenceErrors(rows)));
    if (errors.length > 0) throw rejected(errors);
    return this.db.transaction().execute(async (trx) => {
      const counts = await this.assets.upsertMany(
        rows.map((r) => toAssetRow({ ...r.value, parentId: undefined })),
        trx,
      );
      const parents = rows
        .filter((r) => r.value.parentId)
        .map((r) => ({ id: r.value.id, parentId: r.value.parentId as string }));
      await this.assets.setParents(parents, trx);
      const cyclic = new Set(
        await this.assets.onCycle(
          parents.map((p) => p.id),
          trx,
        ),
      );
      if (cyclic.size > 0) {
        throw rejected(
          rows
            .filter((r) => cyclic.has(r.value.id))
            .map((r) => ({ row: r.row, field: 'parentId', message: 'parents form a cycle' })),
        );
      }
      const ids = rows.map((r) => r.value.id);
      await this.audit.recordMany(
        rows.map((r) => ({
          actor: by.actor,
          role: by.role,
          action: 'asset.import',
          targetType: 'asset',
          targetId: r.value.id,
          detail: { row: r.row, media },
        })),
        trx,
      );
      await notifyChanged(trx, 'asset_changed', ids);
      return { imported: rows.length, ...counts };
    });
  }

  /** Unknown owner units and parents, and domain changes of existing assets. */
  private async referenceErrors(rows: ValidatedRow<CreateAssetDto>[]): Promise<FieldError[]> {
    const fileIds = new Set(rows.map((r) => r.value.id));
    const lookup = [
      ...new Set([...fileIds, ...rows.flatMap((r) => (r.value.parentId ? [r.value.parentId] : []))]),
    ];
    const [existing, ownerUnitIds] = await Promise.all([
      this.assets.identities(lookup),
      this.units.existing([...new Set(rows.map((r) => r.value.ownerUnitId))]),
    ]);
    const assetIds = new Set([...fileIds, ...existing.keys()]);
    return rows.flatMap(({ row, value }) => {
      const problems = referenceProblems(value, { ownerUnitIds, assetIds });
      const stored = existing.get(value.id);
      if (stored && stored.domain !== value.domain) {
        problems.push({
          field: 'domain',
          message: `asset ${value.id} exists with domain ${stored.domain}; the domain cannot change`,
        });
      }
      return problems.map((p) => ({ row, ...p }));
    });
  }
}

/** Checks every record fully (shape and census), so the report lists all of a row's problems at once. */
function validateRecords(records: ImportRecord[]): {
  rows: ValidatedRow<CreateAssetDto>[];
  errors: FieldError[];
} {
  const rows: ValidatedRow<CreateAssetDto>[] = [];
  const errors: FieldError[] = [];
  for (const record of records) {
    const rowErrors = recordErrors(record);
    if (rowErrors.errors.length > 0) errors.push(...rowErrors.errors);
    else if (rowErrors.value) rows.push({ row: record.row, value: rowErrors.value });
  }
  return { rows, errors };
}

function recordErrors(record: ImportRecord): { value?: CreateAssetDto; errors: FieldError[] } {
  // A record that isn't a feature, or a CSV line of the wrong width, has nothing more worth checking.
  if (record.errors.some((e) => e.field === '')) return { errors: record.errors };
  const parsed = new Set(record.errors.map((e) => e.field));
  const { value, errors } = validateRow(CreateAssetDto, record.value, record.row);
  const attributes = record.value.attributes;
  const census = isPlainObject(attributes)
    ? attributeProblems(attributes).map((e) => ({ row: record.row, ...e }))
    : [];
  return { value, errors: [...record.errors, ...errors.filter((e) => !parsed.has(e.field)), ...census] };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function rejected(errors: FieldError[]): RegistryException {
  const badRows = new Set(errors.map((e) => e.row)).size;
  return new RegistryException('IMPORT_INVALID', `${badRows} row(s) have errors; nothing was imported`, {
    errors: errors.sort(byRow),
  });
}
