import { Body, Controller, Delete, Get, HttpCode, Param, ParseEnumPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { ApiProblems } from '../../errors/problem.dto.js';
import {
  DeleteRuleOverrideQueryDto,
  EffectiveRulesQueryDto,
  EffectiveRulesView,
  OVERRIDE_SCOPES,
  PutRuleOverrideDto,
  RuleOverrideView,
  type OverrideScopeParam,
} from './rules.dto.js';
import { RulesService } from './rules.service.js';

const OVERRIDE_PATH = 'overrides/:scope/:scopeId/:ruleId';
const scopePipe = new ParseEnumPipe(OVERRIDE_SCOPES);

@ApiTags('rules')
@ApiBearerAuth()
@ApiProblems(401, 403)
@Controller('rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Get()
  @Roles('monitor', 'operator', 'auditor')
  @ApiOperation({
    summary:
      'Alarm rules: the DOMAIN.md §a defaults with their sources, or those in force for a device/asset',
  })
  @ApiOkResponse({ type: EffectiveRulesView })
  @ApiProblems(400, 422)
  effective(@Query() q: EffectiveRulesQueryDto): Promise<EffectiveRulesView> {
    return this.rules.effective(q);
  }

  @Get('overrides')
  @Roles('monitor', 'operator', 'auditor')
  @ApiOperation({ summary: 'Every stored rule override' })
  @ApiOkResponse({ type: [RuleOverrideView] })
  list(): Promise<RuleOverrideView[]> {
    return this.rules.list();
  }

  @Get(OVERRIDE_PATH)
  @Roles('monitor', 'operator', 'auditor')
  @ApiParam({ name: 'scope', enum: OVERRIDE_SCOPES })
  @ApiOperation({
    summary: 'One override (scope profile = a device’s profile, by device id; asset = an asset)',
  })
  @ApiOkResponse({ type: RuleOverrideView })
  @ApiProblems(400, 404)
  get(
    @Param('scope', scopePipe) scope: OverrideScopeParam,
    @Param('scopeId') scopeId: string,
    @Param('ruleId') ruleId: string,
  ): Promise<RuleOverrideView> {
    return this.rules.get({ scope, scopeId, ruleId });
  }

  @Put(OVERRIDE_PATH)
  @Roles('operator')
  @ApiParam({ name: 'scope', enum: OVERRIDE_SCOPES })
  @ApiOperation({
    summary:
      'Create or replace an override (admin, operator): validated by the rule resolver, versioned, audited',
  })
  @ApiOkResponse({ type: RuleOverrideView })
  @ApiProblems(400, 404, 409, 422)
  put(
    @Param('scope', scopePipe) scope: OverrideScopeParam,
    @Param('scopeId') scopeId: string,
    @Param('ruleId') ruleId: string,
    @Body() body: PutRuleOverrideDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<RuleOverrideView> {
    return this.rules.put({ scope, scopeId, ruleId }, body, p);
  }

  @Delete(OVERRIDE_PATH)
  @HttpCode(204)
  @Roles('operator')
  @ApiParam({ name: 'scope', enum: OVERRIDE_SCOPES })
  @ApiOperation({ summary: 'Remove an override (admin, operator); `reason` is required and audited' })
  @ApiProblems(400, 404)
  async remove(
    @Param('scope', scopePipe) scope: OverrideScopeParam,
    @Param('scopeId') scopeId: string,
    @Param('ruleId') ruleId: string,
    @Query() q: DeleteRuleOverrideQueryDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<void> {
    await this.rules.remove({ scope, scopeId, ruleId }, q.reason, p);
  }
}
