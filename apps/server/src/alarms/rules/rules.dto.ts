import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { REGISTRY_ID_PATTERN } from '#contracts';

export const OVERRIDE_SCOPES = ['profile', 'asset'] as const;
export type OverrideScopeParam = (typeof OVERRIDE_SCOPES)[number];

export class EffectiveRulesQueryDto {
  @ApiPropertyOptional({
    description: 'Rules in force for this device (its profile overrides and its asset’s)',
  })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  deviceId?: string;

  @ApiPropertyOptional({ description: 'Rules in force on this asset (asset overrides and census values)' })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  assetId?: string;
}

export class PutRuleOverrideDto {
  @ApiProperty({
    description:
      'RuleOverride of libs/domain rule-resolve.ts without ruleId: enabled, deadband, onDelay/offDelay {readings, ms}, repeat, corroborations, params, conditions {<conditionId>: {steps|bands|amount|withinMs|atLeast|readings|level|inclusive|enabled}}',
    example: {
      conditions: { ladder: { steps: [{ level: 'general', value: 8 }] } },
      onDelay: { readings: 2 },
    },
  })
  @IsObject()
  override!: Record<string, unknown>;

  @ApiProperty({ description: 'Why the thresholds change (audited)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Current version to replace (optimistic concurrency); omit to create' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

export class DeleteRuleOverrideQueryDto {
  @ApiProperty({ description: 'Why the override goes (audited)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason!: string;
}

export class RuleOverrideView {
  @ApiProperty({ enum: OVERRIDE_SCOPES }) scope!: string;
  @ApiProperty() scopeId!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) override!: Record<string, unknown>;
  @ApiProperty() version!: number;
  @ApiProperty() updatedBy!: string;
  @ApiProperty() updatedAt!: string;
}

export class RuleView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty() metric!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ description: 'Where the numbers come from (DOMAIN.md row and [S#] source)' })
  source!: string;
  @ApiProperty({ description: 'A configurable default (DOMAIN.md ASSUMPTION/MEM), not a sourced fact' })
  assumption!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) conditions!: unknown[];
  @ApiProperty() deadband!: number;
  @ApiProperty({ type: Object }) onDelay!: { readings: number; ms: number };
  @ApiProperty({ type: Object }) offDelay!: { readings: number; ms: number };
  @ApiProperty({ type: Object, nullable: true }) repeat!: { readings: number; level: string } | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) corroborations!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) params!: Record<string, number>;
  @ApiProperty({ type: [String], description: 'Override scopes that changed this rule here' })
  overriddenBy!: string[];
}

export class EffectiveRulesView {
  @ApiProperty({ description: 'Rule-set version stored with every alarm raised under it' }) version!: string;
  @ApiProperty({ type: [RuleView] }) rules!: RuleView[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Rules or conditions left out, and why',
  })
  skipped!: { ruleId: string; conditionId?: string; reason: string }[];
}
