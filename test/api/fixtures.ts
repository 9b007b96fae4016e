import type { TestApp } from '../support/app.js';

/** Test data factories for the registry API (STYLE.md §6). */

export const KANGBASHI = '康巴什区';

export function ownerUnit(id = 'gas-co', domains: string[] = ['gas']): Record<string, unknown> {
  return { id, name: `${id} 公司`, domains };
}

/** A gas pipeline segment about 856 m long (0.01° of longitude at 39.6° N). */
export function lineAsset(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    domain: 'gas',
    kind: 'pipeline_segment',
    name: `segment ${id}`,
    district: KANGBASHI,
    geometry: {
      type: 'LineString',
      coordinates: [
        [109.78, 39.6],
        [109.79, 39.6],
      ],
    },
    ownerUnitId: 'gas-co',
    attributes: { material: 'pe', install_year: 2010 },
    ...over,
  };
}

export function pointAsset(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return lineAsset(id, {
    kind: 'manhole',
    geometry: { type: 'Point', coordinates: [109.785, 39.605] },
    ...over,
  });
}

export function device(
  id: string,
  assetId: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return { id, domain: 'gas', assetId, metrics: ['ch4_lel', 'c2h6_present'], reportIntervalS: 900, ...over };
}

/** A GeoJSON Feature carrying an asset body as properties. */
export function feature(asset: Record<string, unknown>): Record<string, unknown> {
  const { geometry, ...properties } = asset;
  return { type: 'Feature', geometry, properties };
}

export function featureCollection(assets: Record<string, unknown>[]): Record<string, unknown> {
  return { type: 'FeatureCollection', features: assets.map(feature) };
}

/** Zero-padded ids so lexical and numeric order agree. */
export const nth = (prefix: string, i: number): string => `${prefix}-${String(i).padStart(5, '0')}`;

export async function createOwnerUnits(t: TestApp, ...units: Record<string, unknown>[]): Promise<void> {
  for (const unit of units) expectStatus(await t.api('POST', '/api/v1/owner-units', { body: unit }), 201);
}

/** Issues a token of `role` through the API and returns the bearer string. */
export async function tokenFor(t: TestApp, role: string, ownerUnitId?: string): Promise<string> {
  const res = await t.api('POST', '/api/v1/tokens', {
    body: { role, ...(ownerUnitId ? { ownerUnitId } : {}) },
  });
  expectStatus(res, 201);
  return res.body.token as string;
}

/** Fails with the answer's body, which says why, rather than just two numbers. */
export function expectStatus(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

interface FieldErrorLike {
  row?: number;
  field: string;
  message: string;
}
interface AnswerLike {
  body: unknown;
}

/** Sorted `field`s of a problem's errors[]. */
export function fieldsOf(res: AnswerLike): string[] {
  return ((res.body as { errors: FieldErrorLike[] }).errors ?? []).map((e) => e.field).sort();
}

/** `row:field` of each error, in the order the API listed them. */
export function rowFieldsOf(res: AnswerLike): string[] {
  return (res.body as { errors: FieldErrorLike[] }).errors.map((e) => `${e.row}:${e.field}`);
}

export function errorFor(res: AnswerLike, field: string): FieldErrorLike | undefined {
  return (res.body as { errors: FieldErrorLike[] }).errors.find((e) => e.field === field);
}

/** The `id`s of a list of resources. */
export function idsOf(items: unknown): string[] {
  return (items as { id: string }[]).map((item) => item.id);
}
