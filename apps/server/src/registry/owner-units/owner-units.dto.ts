import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { DOMAINS, REGISTRY_ID_PATTERN, type Domain } from '#contracts';
import type { OwnerUnitRow } from './owner-units.repository.js';

export class CreateOwnerUnitDto {
  @ApiProperty({ example: 'gas-co', pattern: REGISTRY_ID_PATTERN.source })
  @Matches(REGISTRY_ID_PATTERN)
  id!: string;

  @ApiProperty({ example: '城燃公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: DOMAINS, isArray: true, example: ['gas'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(DOMAINS, { each: true })
  domains!: Domain[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { phone: '0477-0000000', duty: '24h' },
  })
  @IsOptional()
  @IsObject()
  contact?: Record<string, unknown>;
}

export class OwnerUnitView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: DOMAINS, isArray: true }) domains!: string[];
  @ApiProperty({ type: 'object', additionalProperties: true }) contact!: Record<string, unknown>;
  @ApiProperty() createdAt!: string;
}

export function toOwnerUnitView(row: OwnerUnitRow): OwnerUnitView {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    contact: row.contact,
    createdAt: row.created_at.toISOString(),
  };
}
