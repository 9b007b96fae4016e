import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DOMAINS, REGISTRY_ID_PATTERN, type Domain } from '#contracts';
import type { Geometry } from '../geo/geometry.js';
import { IsGeometry } from '../geo/is-geometry.decorator.js';
import { PageQueryDto } from '../pagination.js';

const GEOMETRY_DOC = {
  type: 'object',
  additionalProperties: true,
  description:
    'GeoJSON geometry (RFC 7946), WGS 84 [lon, lat]: Point, LineString, MultiLineString, Polygon or MultiPolygon',
  example: {
    type: 'LineString',
    coordinates: [
      [109.78, 39.6],
      [109.79, 39.61],
    ],
  },
} as const;
const CENSUS_DOC = {
  type: 'object',
  additionalProperties: true,
  description:
    'Census attributes (建档立卡). Known fields (material, install_year, diameter_mm, pressure_class, …) are type-checked; others are kept as given.',
  example: { material: 'grey_cast_iron', install_year: 1998, diameter_mm: 300, pressure_class: 'medium_a' },
} as const;
const FINITE = { allowNaN: false, allowInfinity: false };
/** A PATCH field that may be left out but not set to null (its column is NOT NULL). */
const Present = (): PropertyDecorator => ValidateIf((_, v) => v !== undefined);

export class CreateAssetDto {
  @ApiProperty({ example: 'GAS-SEG-0001', pattern: REGISTRY_ID_PATTERN.source })
  @Matches(REGISTRY_ID_PATTERN)
  id!: string;
  @ApiProperty({ enum: DOMAINS })
  @IsIn(DOMAINS)
  domain!: Domain;
  @ApiProperty({ example: 'pipeline_segment' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind!: string;
  @ApiProperty({ example: '伊金霍洛西街中压段' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
  @ApiProperty({ example: '康巴什区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  district!: string;
  @ApiProperty(GEOMETRY_DOC)
  @IsGeometry()
  geometry!: Geometry;
  @ApiProperty({ example: 'gas-co' })
  @Matches(REGISTRY_ID_PATTERN)
  ownerUnitId!: string;
  @ApiPropertyOptional({ description: 'Containing asset (e.g. the tunnel of a cabin)' })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  parentId?: string;
  @ApiPropertyOptional({ description: 'Metres; computed from a line geometry by haversine when left out' })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  lengthM?: number;
  @ApiPropertyOptional(CENSUS_DOC)
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}

/** id and domain are immutable: devices are bound to an asset of their own domain. */
export class PatchAssetDto {
  @ApiPropertyOptional()
  @Present()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind?: string;
  @ApiPropertyOptional()
  @Present()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional()
  @Present()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  district?: string;
  @ApiPropertyOptional({
    ...GEOMETRY_DOC,
    description: `${GEOMETRY_DOC.description}. Recomputes lengthM unless lengthM is given too.`,
  })
  @Present()
  @IsGeometry()
  geometry?: Geometry;
  @ApiPropertyOptional()
  @Present()
  @Matches(REGISTRY_ID_PATTERN)
  ownerUnitId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null detaches from the parent' })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  parentId?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsNumber(FINITE)
  @Min(0)
  lengthM?: number | null;
  @ApiPropertyOptional({
    ...CENSUS_DOC,
    description: 'Merged into the stored attributes (RFC 7396): a null value removes that attribute',
  })
  @Present()
  @IsObject()
  attributes?: Record<string, unknown>;
}

export class AssetListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DOMAINS })
  @IsOptional()
  @IsIn(DOMAINS)
  domain?: Domain;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerUnitId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  kind?: string;
  @ApiPropertyOptional({
    enum: ['json', 'geojson'],
    default: 'json',
    description: 'geojson answers a FeatureCollection (the console map)',
  })
  @IsOptional()
  @IsIn(['json', 'geojson'])
  format?: 'json' | 'geojson';
}
