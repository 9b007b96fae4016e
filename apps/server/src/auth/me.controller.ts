import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../errors/problem.dto.js';
import { CurrentPrincipal } from './auth.decorators.js';
import { API_ROLES, type ApiRole, type Principal } from './principal.js';

export class MeView {
  @ApiProperty({ enum: API_ROLES }) role!: ApiRole;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Set for utility tokens: the only unit they see',
  })
  ownerUnitId!: string | null;
  @ApiProperty({
    example: 'token:0b7e…',
    description: 'How this caller appears in the audit log and alarm history',
  })
  actor!: string;
}

/** Who the bearer token is: the console decides what to show from the role (any valid token may ask). */
@ApiTags('auth')
@ApiBearerAuth()
@ApiProblems(401)
@Controller('me')
export class MeController {
  @Get()
  @ApiOperation({ summary: 'The calling token’s role, owner unit and audit identity' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentPrincipal() p: Principal): MeView {
    return { role: p.role, ownerUnitId: p.ownerUnitId ?? null, actor: p.actor };
  }
}
