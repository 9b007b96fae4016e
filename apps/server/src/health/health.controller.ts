import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { AppException } from '../errors/app.exception.js';
import { ApiProblems } from '../errors/problem.dto.js';
import { HealthRegistry, type CheckResult } from './health.registry.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process runs' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'Readiness: 200 only when every registered dependency check passes (PostgreSQL, broker, InfluxDB)',
  })
  @ApiOkResponse({ schema: { example: { status: 'ok', checks: [{ name: 'postgres', ok: true, ms: 2 }] } } })
  @ApiProblems(503)
  async ready(): Promise<{ status: 'ok'; checks: CheckResult[] }> {
    const checks = await this.registry.evaluate();
    const failing = checks.filter((c) => !c.ok).map((c) => c.name);
    if (failing.length > 0) {
      throw new AppException('NOT_READY', `not ready: ${failing.join(', ')}`, { extensions: { checks } });
    }
    return { status: 'ok', checks };
  }
}
