import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AuditRow } from './audit.repository.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'asset' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetType?: string;
  @ApiPropertyOptional({ example: 'GAS-SEG-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  targetId?: string;
  @ApiPropertyOptional({ example: 'token:6f1c…' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;
  @ApiPropertyOptional({ example: 'asset.update' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;
  @ApiPropertyOptional({ description: 'Inclusive lower bound, ISO-8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ description: 'Exclusive upper bound, ISO-8601' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
  @ApiPropertyOptional({ description: '`nextCursor` of the previous page' })
  @IsOptional()
  @Matches(/^\d{1,18}$/)
  cursor?: string;
}

export class AuditEntryView {
  @ApiProperty() id!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ example: 'token:6f1c…' }) actor!: string;
  @ApiProperty({ example: 'operator' }) role!: string;
  @ApiProperty({ example: 'asset.update' }) action!: string;
  @ApiProperty({ example: 'asset' }) targetType!: string;
  @ApiProperty({ example: 'GAS-SEG-0001' }) targetId!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
}

export class AuditPage {
  @ApiProperty({ type: [AuditEntryView] }) items!: AuditEntryView[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for older entries; null on the last page',
  })
  nextCursor!: string | null;
}

export function toAuditView(row: AuditRow): AuditEntryView {
  return {
    id: Number(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    role: row.role,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    reason: row.reason,
    detail: row.detail,
  };
}
