import { ApiProperty } from '@nestjs/swagger';
import type { Selectable } from 'kysely';
import { DOMAINS } from '#contracts';
import type { AssetTable } from '#postgres';
import type { Geometry } from '../geo/geometry.js';

export type AssetRow = Selectable<AssetTable>;

export class AssetView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: DOMAINS }) domain!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty() district!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) geometry!: Geometry;
  @ApiProperty() ownerUnitId!: string;
  @ApiProperty({ type: String, nullable: true }) parentId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lengthM!: number | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class AssetPage {
  @ApiProperty({ type: [AssetView] }) items!: AssetView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last',
  })
  nextCursor!: string | null;
}

export class AssetFeatureCollection {
  @ApiProperty({ enum: ['FeatureCollection'] }) type!: 'FeatureCollection';
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Features with `id`, `geometry` and the asset fields (without geometry) as `properties`',
  })
  features!: AssetFeature[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export interface AssetFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Omit<AssetView, 'geometry'>;
}

export class ImportResultView {
  @ApiProperty({ description: 'Rows written' }) imported!: number;
  @ApiProperty({ description: 'Of which new ids' }) created!: number;
  @ApiProperty({ description: 'Of which existing ids, replaced' }) updated!: number;
}

export function toAssetView(row: AssetRow): AssetView {
  return {
    id: row.id,
    domain: row.domain,
    kind: row.kind,
    name: row.name,
    district: row.district,
    geometry: row.geometry as Geometry,
    ownerUnitId: row.owner_unit_id,
    parentId: row.parent_id,
    lengthM: row.length_m,
    attributes: row.attributes,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toFeature(view: AssetView): AssetFeature {
  const { geometry, ...properties } = view;
  return { type: 'Feature', id: view.id, geometry, properties };
}
