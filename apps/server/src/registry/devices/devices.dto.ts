import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DOMAINS, REGISTRY_ID_PATTERN, type Domain } from '#contracts';
import { PageQueryDto } from '../pagination.js';

/** A week: slower reporters are not live monitoring. */
const MAX_INTERVAL_S = 7 * 24 * 3600;
const RANGES_DOC = {
  type: 'object',
  additionalProperties: { type: 'object', properties: { min: { type: 'number' }, max: { type: 'number' } } },
  description: 'Per-metric physical range overrides; must lie inside the catalog range of a declared metric',
  example: { ch4_lel: { min: 0, max: 50 } },
} as const;
const Present = (): PropertyDecorator => ValidateIf((_, v) => v !== undefined);
/** Query strings are text: only the words true/false are booleans. */
const BooleanQuery = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CreateDeviceDto {
  @ApiProperty({ example: 'GAS-DEV-0001', pattern: REGISTRY_ID_PATTERN.source })
  @Matches(REGISTRY_ID_PATTERN)
  id!: string;
  @ApiProperty({ enum: DOMAINS })
  @IsIn(DOMAINS)
  domain!: Domain;
  @ApiProperty({ example: 'GAS-SEG-0001', description: 'Asset of the same domain' })
  @Matches(REGISTRY_ID_PATTERN)
  assetId!: string;
  @ApiProperty({
    example: ['ch4_lel', 'c2h6_present'],
    description: 'Catalog metrics of the domain (CONTRACT.md §4)',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(64)
  @ArrayUnique()
  @IsString({ each: true })
  metrics!: string[];
  @ApiProperty({ example: 900, minimum: 1, maximum: MAX_INTERVAL_S })
  @IsInt()
  @Min(1)
  @Max(MAX_INTERVAL_S)
  reportIntervalS!: number;
  @ApiPropertyOptional({ example: '1号井甲烷探测器' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
  @ApiPropertyOptional(RANGES_DOC)
  @IsOptional()
  @IsObject()
  ranges?: Record<string, { min: number; max: number }>;
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** id and domain are immutable; `ranges` and `metrics` replace the stored ones. */
export class PatchDeviceDto {
  @ApiPropertyOptional()
  @Present()
  @Matches(REGISTRY_ID_PATTERN)
  assetId?: string;
  @ApiPropertyOptional({ type: [String] })
  @Present()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(64)
  @ArrayUnique()
  @IsString({ each: true })
  metrics?: string[];
  @ApiPropertyOptional()
  @Present()
  @IsInt()
  @Min(1)
  @Max(MAX_INTERVAL_S)
  reportIntervalS?: number;
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;
  @ApiPropertyOptional(RANGES_DOC)
  @Present()
  @IsObject()
  ranges?: Record<string, { min: number; max: number }>;
  @ApiPropertyOptional()
  @Present()
  @IsBoolean()
  enabled?: boolean;
}

export class DeviceListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DOMAINS })
  @IsOptional()
  @IsIn(DOMAINS)
  domain?: Domain;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  assetId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ownerUnitId?: string;
  @ApiPropertyOptional()
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  online?: boolean;
  @ApiPropertyOptional()
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  enabled?: boolean;
}

export class DeviceImportQueryDto {
  @ApiPropertyOptional({
    description: 'Issue (or rotate) a secret for every imported device and return them once',
  })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  issueSecrets?: boolean;
}
