import { Body, Controller, Get, HttpCode, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import { AlarmActionService } from './alarm-action.service.js';
import { AlarmQueryService } from './alarm-query.service.js';
import { AlarmDetailView, AlarmPage } from './alarm-views.js';
import { ACTION_PATHS, AlarmActionDto, AlarmListQueryDto, type ActionPath } from './alarms.dto.js';

const ACTIONS = Object.keys(ACTION_PATHS) as ActionPath[];

@ApiTags('alarms')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('alarms')
export class AlarmsController {
  constructor(
    private readonly queries: AlarmQueryService,
    private readonly actions: AlarmActionService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Alarms, highest level first, then oldest first (a utility token sees its own unit’s only)',
  })
  @ApiOkResponse({ type: AlarmPage })
  @ApiProblems(400)
  list(@Query() q: AlarmListQueryDto, @CurrentPrincipal() p: Principal): Promise<AlarmPage> {
    return this.queries.find(q, p);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One alarm with its full event history and SLA due/overdue times' })
  @ApiOkResponse({ type: AlarmDetailView })
  @ApiProblems(404)
  get(@Param('id') id: string, @CurrentPrincipal() p: Principal): Promise<AlarmDetailView> {
    return this.queries.get(id, p);
  }

  @Post(':id/:action')
  @HttpCode(200)
  @ApiParam({ name: 'action', enum: ACTIONS })
  @ApiOperation({
    summary: 'A workflow action with its reason (DOMAIN.md §c.3); answers the alarm after it',
    description:
      'Roles (workflow-model.ts ROLE_ACTIONS): monitor — acknowledge, verify, dismiss, dispatch, close, reopen, shelve, unshelve; operator — the same plus out-of-service/return-to-service; utility — acknowledge, accept, arrive, resolve on its own unit’s alarms; admin — all; auditor — none. 409 when the alarm’s state does not allow the action, 422 for a missing reason or a shelve beyond the level’s maximum.',
  })
  @ApiOkResponse({ type: AlarmDetailView })
  @ApiProblems(400, 404, 409, 422)
  async act(
    @Param('id') id: string,
    @Param('action', new ParseEnumPipe(ACTIONS)) action: ActionPath,
    @Body() body: AlarmActionDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<AlarmDetailView> {
    await this.actions.act(id, action, body, p);
    return this.queries.get(id, p);
  }
}
