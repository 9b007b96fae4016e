import type { FieldError } from '../../errors/app.exception.js';
import { lineLengthM, type Geometry } from '../geo/geometry.js';
import { censusProblems } from './census-attributes.js';
import type { CreateAssetDto } from './assets.dto.js';
import type { NewAssetRow } from './assets.repository.js';

/** The stored row for a validated input; length from the line geometry when not given. */
export function toAssetRow(input: CreateAssetDto): NewAssetRow {
  return {
    id: input.id,
    domain: input.domain,
    kind: input.kind,
    name: input.name,
    district: input.district,
    geometry: JSON.stringify(input.geometry),
    owner_unit_id: input.ownerUnitId,
    parent_id: input.parentId ?? null,
    length_m: input.lengthM ?? lineLengthM(input.geometry) ?? null,
    attributes: JSON.stringify(input.attributes ?? {}),
  };
}

/** Census problems of an input whose shape already passed the DTO rules. */
export function attributeProblems(attributes: Record<string, unknown> | undefined): FieldError[] {
  return attributes ? censusProblems(attributes) : [];
}

/** RFC 7396 merge of a census patch: a null value removes the attribute. */
export function mergeAttributes(
  current: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged = { ...current, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key];
  return merged;
}

/** lengthM after a PATCH: as given, else recomputed when the geometry changes, else unchanged. */
export function patchedLength(
  given: number | null | undefined,
  geometry: Geometry | undefined,
  current: number | null,
): number | null {
  if (given !== undefined) return given;
  if (geometry) return lineLengthM(geometry) ?? null;
  return current;
}

export interface References {
  ownerUnitIds: Set<string>;
  /** Asset ids that exist (in the database or earlier in the same write). */
  assetIds: Set<string>;
}

/** Problems with what an asset points to: an owner unit and a parent that must exist. */
export function referenceProblems(
  input: { id: string; ownerUnitId?: string; parentId?: string | null },
  refs: References,
): FieldError[] {
  const problems: FieldError[] = [];
  if (input.ownerUnitId !== undefined && !refs.ownerUnitIds.has(input.ownerUnitId)) {
    problems.push({ field: 'ownerUnitId', message: `unknown owner unit ${input.ownerUnitId}` });
  }
  if (input.parentId === input.id)
    problems.push({ field: 'parentId', message: 'an asset cannot be its own parent' });
  else if (input.parentId && !refs.assetIds.has(input.parentId)) {
    problems.push({ field: 'parentId', message: `unknown parent asset ${input.parentId}` });
  }
  return problems;
}
