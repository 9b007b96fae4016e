import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditModule } from './audit.module.js';

/** `GET /api/v1/audit` (api role). */
@Module({ imports: [AuditModule], controllers: [AuditController] })
export class AuditApiModule {}
