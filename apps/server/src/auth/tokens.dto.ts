import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REGISTRY_ID_PATTERN } from '#contracts';
import { API_ROLES, type ApiRole } from './principal.js';
import type { TokenRow } from './token.repository.js';

export class CreateTokenDto {
  @ApiProperty({ enum: API_ROLES, description: 'utility tokens need ownerUnitId and see only that unit' })
  @IsIn(API_ROLES)
  role!: ApiRole;

  @ApiPropertyOptional({ example: 'gas-co', description: 'Required for (and only for) role=utility' })
  @IsOptional()
  @Matches(REGISTRY_ID_PATTERN)
  ownerUnitId?: string;

  @ApiPropertyOptional({ example: 'gas-co SCADA integration' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  label?: string;
}

export class TokenView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: API_ROLES }) role!: string;
  @ApiProperty({ type: String, nullable: true }) ownerUnitId!: string | null;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
  @ApiProperty({ type: String, nullable: true }) createdBy!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
}

export class IssuedTokenView extends TokenView {
  @ApiProperty({
    example: 'll_3q2…',
    description: 'The bearer token. Shown once; only its sha256 is stored.',
  })
  token!: string;
}

export function toTokenView(row: TokenRow): TokenView {
  return {
    id: row.id,
    role: row.role,
    ownerUnitId: row.owner_unit_id,
    label: row.label,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  };
}
