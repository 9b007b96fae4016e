import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DOMAINS, REGISTRY_ID_PATTERN, RISK_LEVELS, type Domain, type RiskLevel } from '#contracts';
import { PageQueryDto } from '../registry/pagination.js';

const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
    : value;
const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

export const EXTERNAL_EVENT_KINDS = ['excavation', 'subsidence', 'major_event'] as const;
export type ExternalEventKind = (typeof EXTERNAL_EVENT_KINDS)[number];

export class RiskListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DOMAINS })
  @IsOptional()
  @IsIn(DOMAINS)
  domain?: Domain;

  @ApiPropertyOptional({ example: '康巴什区' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @ApiPropertyOptional({ description: 'One level or a comma list: major,larger', example: 'major,larger' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(RISK_LEVELS, { each: true })
  level?: RiskLevel[];

  @ApiPropertyOptional({ description: 'Ignored for a utility token, which sees only its own unit' })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  ownerUnitId?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  verified?: boolean;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'csv: the whole list, no paging',
  })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class RiskHistoryQueryDto extends PageQueryDto {}

export class CreateExternalEventDto {
  @ApiProperty({ enum: EXTERNAL_EVENT_KINDS })
  @IsIn(EXTERNAL_EVENT_KINDS)
  kind!: ExternalEventKind;

  @ApiPropertyOptional({ description: 'Distance from the asset in metres (excavation counts within 10 m)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  distanceM?: number;

  @ApiPropertyOptional({ description: 'When it starts to apply (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'When it stops applying (ISO 8601); required for major_event' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiProperty({ example: '燃气管道 8 m 外路面开挖（12345 工单 2026-0310-0042）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  note!: string;

  @ApiPropertyOptional({ example: '12345', description: 'Where the report came from; default operator' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  source?: string;
}
