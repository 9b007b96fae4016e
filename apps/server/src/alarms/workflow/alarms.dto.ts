import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { DOMAINS, RISK_LEVELS, type Domain, type RiskLevel } from '#contracts';
import { ALARM_STATES, type AlarmState, type WorkflowAction } from '#domain';
import { MAX_PAGE } from '../../registry/pagination.js';

/** Query strings are text: only the words true/false are booleans. */
const BooleanQuery = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class AlarmListQueryDto {
  @ApiPropertyOptional({ enum: ALARM_STATES })
  @IsOptional()
  @IsIn(ALARM_STATES)
  state?: AlarmState;

  @ApiPropertyOptional({ enum: RISK_LEVELS })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  level?: RiskLevel;

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
  assetId?: string;

  @ApiPropertyOptional({ description: 'true: only alarms not closed or dismissed' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({
    description: 'true: only alarms with an SLA stage past its due time (DOMAIN.md §c.1)',
  })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ default: 100, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  cursor?: string;
}

/** Body of every workflow action. */
export class AlarmActionDto {
  @ApiPropertyOptional({
    description: 'Why (required for every action; a missing one is a 422 REASON_REQUIRED)',
    example: 'confirmed by phone with the gas company',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'shelve: until when (RFC 3339); at most the level’s shelve maximum' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;

  @ApiPropertyOptional({ description: 'close: skip the verification window of normal data (admin only)' })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    description: 'Optional precondition: the alarm’s current `sequence`; 409 ALARM_CONFLICT when it moved on',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  sequence?: number;
}

/** URL segment → workflow action (the URL uses kebab-case). */
export const ACTION_PATHS = {
  acknowledge: 'acknowledge',
  verify: 'verify',
  dismiss: 'dismiss',
  dispatch: 'dispatch',
  accept: 'accept',
  arrive: 'arrive',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  shelve: 'shelve',
  unshelve: 'unshelve',
  'out-of-service': 'out_of_service',
  'return-to-service': 'return_to_service',
} as const satisfies Record<string, WorkflowAction>;

export type ActionPath = keyof typeof ACTION_PATHS;
