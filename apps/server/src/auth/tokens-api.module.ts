import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from './auth.module.js';
import { MeController } from './me.controller.js';
import { TokensController } from './tokens.controller.js';
import { TokensService } from './tokens.service.js';

/** `/api/v1/tokens` and `/api/v1/me` (api role). */
@Module({
  imports: [AuthModule, AuditModule],
  controllers: [TokensController, MeController],
  providers: [TokensService],
})
export class TokensApiModule {}
