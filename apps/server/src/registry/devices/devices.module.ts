import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { AssetsModule } from '../assets/assets.module.js';
import { DeviceImportService } from './device-import.service.js';
import { DevicesController } from './devices.controller.js';
import { DevicesRepository } from './devices.repository.js';
import { DevicesService } from './devices.service.js';

@Module({
  imports: [AuditModule, AssetsModule],
  controllers: [DevicesController],
  providers: [DevicesRepository, DevicesService, DeviceImportService],
})
export class DevicesModule {}
