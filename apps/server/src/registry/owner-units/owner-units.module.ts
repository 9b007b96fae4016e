import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { OwnerUnitsController } from './owner-units.controller.js';
import { OwnerUnitsRepository } from './owner-units.repository.js';
import { OwnerUnitsService } from './owner-units.service.js';

@Module({
  imports: [AuditModule],
  controllers: [OwnerUnitsController],
  providers: [OwnerUnitsRepository, OwnerUnitsService],
  exports: [OwnerUnitsRepository],
})
export class OwnerUnitsModule {}
