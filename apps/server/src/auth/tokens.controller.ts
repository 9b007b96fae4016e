import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AppException } from '../errors/app.exception.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { CurrentPrincipal, Roles } from './auth.decorators.js';
import type { Principal } from './principal.js';
import { CreateTokenDto, IssuedTokenView, TokenView } from './tokens.dto.js';
import { TokensService } from './tokens.service.js';

@ApiTags('tokens')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Roles('admin')
@Controller('tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @Post()
  @ApiOperation({
    summary: 'Issue a bearer token (admin). The token is in this answer only; it is stored hashed.',
  })
  @ApiCreatedResponse({ type: IssuedTokenView })
  @ApiProblems(422)
  issue(@Body() body: CreateTokenDto, @CurrentPrincipal() by: Principal): Promise<IssuedTokenView> {
    return this.tokens.issue(body, by);
  }

  @Get()
  @ApiOperation({ summary: 'List tokens without their secrets (admin)' })
  @ApiOkResponse({ type: [TokenView] })
  list(): Promise<TokenView[]> {
    return this.tokens.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke a token (admin); effective at once in this process, within 30 s in others',
  })
  @ApiNoContentResponse()
  @ApiProblems(404)
  revoke(
    @Param('id', new ParseUUIDPipe({ exceptionFactory: notUuid })) id: string,
    @CurrentPrincipal() by: Principal,
  ): Promise<void> {
    return this.tokens.revoke(id, by);
  }
}

function notUuid(): AppException {
  return new AppException('VALIDATION_FAILED', 'id must be a UUID', {
    errors: [{ field: 'id', message: 'must be a UUID' }],
  });
}
