import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { OwnerUnitsModule } from '../owner-units/owner-units.module.js';
import { AssetImportService } from './asset-import.service.js';
import { AssetsController } from './assets.controller.js';
import { AssetsRepository } from './assets.repository.js';
import { AssetsService } from './assets.service.js';

@Module({
  imports: [AuditModule, OwnerUnitsModule],
  controllers: [AssetsController],
  providers: [AssetsRepository, AssetsService, AssetImportService],
  exports: [AssetsRepository],
})
export class AssetsModule {}
