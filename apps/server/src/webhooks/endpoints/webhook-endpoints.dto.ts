import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { DOMAINS, REGISTRY_ID_PATTERN, RISK_LEVELS, type Domain, type RiskLevel } from '#contracts';
import { EVENT_TYPE_PATTERNS, MAX_URL_LENGTH } from '#domain';

const TYPES_HELP = 'Exact event types (alarm.raised), families (alarm.*) or * — CONTRACT.md §2';

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://hooks.gas-co.example/lifeline', maxLength: MAX_URL_LENGTH })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url!: string;

  @ApiPropertyOptional({
    example: 'gas-co',
    description: 'Required for admin/operator; a utility token’s own unit by default',
  })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  ownerUnitId?: string;

  @ApiProperty({ example: ['alarm.*', 'device.offline'], description: TYPES_HELP })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(64)
  @ArrayUnique()
  @IsIn(EVENT_TYPE_PATTERNS, { each: true })
  eventTypes!: string[];

  @ApiPropertyOptional({
    enum: RISK_LEVELS,
    isArray: true,
    description: 'Only these levels; empty or absent = any',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RISK_LEVELS, { each: true })
  levels?: RiskLevel[];

  @ApiPropertyOptional({
    enum: DOMAINS,
    isArray: true,
    description: 'Only these domains; empty or absent = any',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DOMAINS, { each: true })
  domains?: Domain[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ example: 'Gas dispatch centre, production' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class PatchWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: MAX_URL_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url?: string;

  @ApiPropertyOptional({ description: TYPES_HELP })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(64)
  @ArrayUnique()
  @IsIn(EVENT_TYPE_PATTERNS, { each: true })
  eventTypes?: string[];

  @ApiPropertyOptional({ enum: RISK_LEVELS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(RISK_LEVELS, { each: true })
  levels?: RiskLevel[];

  @ApiPropertyOptional({ enum: DOMAINS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(DOMAINS, { each: true })
  domains?: Domain[];

  @ApiPropertyOptional({
    description: 'true re-enables an endpoint disabled by 410 Gone (and clears its back-off pause)',
  })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

export class RotateSecretDto {
  @ApiPropertyOptional({
    description: 'Seconds the old secret keeps signing (default WEBHOOK_SECRET_OVERLAP, 24 h)',
    maximum: 604_800,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(604_800)
  overlapSeconds?: number;
}

export class ReplayRangeDto {
  @ApiProperty({ example: '2026-11-22T00:00:00Z', description: 'Event time, inclusive' })
  @IsISO8601({ strict: true })
  from!: string;

  @ApiProperty({ example: '2026-11-22T12:00:00Z', description: 'Event time, exclusive' })
  @IsISO8601({ strict: true })
  to!: string;
}
